// Course: the customer-identification unit as exercises. A lesson list with progress, an item
// player for every item type (large touch targets; cards dragged into buckets by finger or mouse,
// or tapped then placed), feedback that explains every answer, results with a retry on reshuffled
// answers, the trainee's name, the hand-in file and the trainer's class summary.
//
// [SECTION] Content, progress and the save loop (CourseFrame)
// [SECTION] Automation exports (window.profila.exportResults / courseStatus)
// [SECTION] Small widgets
// [SECTION] Item players, one per type
// [SECTION] Feedback and results
// [SECTION] Lesson list and class summary
// [SECTION] Screen
#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app_state.h"
#include "course/practice.h"
#include "course/print.h"
#include "imgui.h"
#include "codec/persona_json.h"
#include "platform/item_registry.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens.h"
#include "text/numbers.h"
#include "ui/drag_drop.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course = profila::course;

namespace {

constexpr const char* kCollection = "progress";
constexpr const char* kKey = "course";
constexpr double kSaveDelaySeconds = 0.3;

// ---- [SECTION] Content, progress and the save loop ------------------------------------------

std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void EnsureContent(AppState& state) {
    CourseView& v = state.Course;
    if (!v.ContentLoaded) {
        v.ContentLoaded = true;
        course::ParseResult r = course::ParseUnit(ReadText("/assets/course/unit.json"));
        v.Unit = std::move(r.Value);
        v.ContentErrors = std::move(r.Errors);
    }
    std::string lang = profila::LanguageCode(state.Settings.Language);
    if (v.TextsLanguage != lang) {
        v.TextsLanguage = lang;
        v.Texts = {};
        if (auto error = profila::MergeStrings(v.Texts, ReadText("/assets/course/" + lang + ".json"), "course/" + lang + ".json"))
            v.ContentErrors.push_back(*error);
    }
}

const char* CT(const CourseView& v, const std::string& key) { return v.Texts.Get(key.c_str()); }

void MarkDirty(AppState& state) {
    state.Course.Dirty = true;
    state.Course.LastEditAt = ImGui::GetTime();
}

void StartSave(AppState& state) {
    CourseView& v = state.Course;
    if (v.LoadedWorkspace.empty()) return;
    v.Saving = true;
    v.Dirty = false;
    storage::Record record;
    record.Collection = kCollection;
    record.Key = kKey;
    record.Json = course::ProgressToJson(v.Progress);
    AppState* s = &state;
    storage::Write(v.LoadedWorkspace, {record}, {}, [s](bool ok, std::string error) {
        CourseView& cv = s->Course;
        cv.Saving = false;
        if (ok) {
            ++cv.Saves;
            cv.SaveError.clear();
        } else {
            cv.SaveError = error.empty() ? "?" : error;
            cv.Dirty = true;  // try again after the next delay
            cv.LastEditAt = ImGui::GetTime() + 2.0;
        }
    });
}

void StartLoad(AppState& state) {
    CourseView& v = state.Course;
    std::string workspace = state.Doc.Data.Id;
    v.Loading = true;
    AppState* s = &state;
    storage::ReadRecords(workspace, {{kCollection, kKey}}, [s, workspace](storage::LoadResult result) {
        CourseView& cv = s->Course;
        cv.Loading = false;
        bool first_load = cv.LoadedWorkspace.empty();
        cv.LoadedWorkspace = workspace;
        cv.Loaded = true;
        course::Progress loaded;
        bool found = false;
        for (const storage::Record& r : result.Records) {
            if (r.Collection != kCollection || r.Key != kKey) continue;
            if (auto error = course::ProgressFromJson(r.Bytes(), loaded)) {
                // Keep the unreadable record aside (never overwritten unseen) and start afresh.
                cv.LoadProblem = *error;
                storage::KeepAside(workspace, {r}, {*error}, [](bool) {});
            } else {
                found = true;
            }
        }
        // Answers given before the first load finished are kept when nothing was stored yet.
        if (found || !first_load || cv.Progress.Attempts.empty()) {
            cv.Progress = found ? std::move(loaded) : course::Progress{};
            cv.Dirty = false;
        } else {
            MarkDirty(*s);
        }
        std::snprintf(cv.TraineeName, sizeof cv.TraineeName, "%s", cv.Progress.Trainee.c_str());
        cv.DraftItem.clear();
        cv.Feedback.reset();
    });
}

AppState* g_course_state = nullptr;  // the live state for window.profila (set every frame)

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string Percent(double score) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d%%", static_cast<int>(std::lround(score * 100)));
    return buf;
}

std::string Fmt(const AppState& state, const char* key, std::vector<std::string> args) {
    return profila::FormatText(state.T(key), args);
}

// ---- [SECTION] Small widgets ----------------------------------------------------------------

// "text##key" labels for buttons whose visible text is content.
std::string Label(const char* text, const std::string& key) { return std::string(text) + "##" + key; }

// A full-width answer option with wrapped text and a radio or check mark; true when tapped.
bool OptionCard(const char* text, const std::string& key, bool selected, bool multi, float width) {
    const ui::Palette& p = ui::Colors();
    float pad = ui::Em(0.8f);
    float mark = ui::Em(1.2f);
    float text_w = width - pad * 3 - mark;
    ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, text_w);
    float height = std::max(ui::Em(2.8f), ts.y + pad * 1.4f);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::string id = Label(text, key);
    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + width, pos.y + height);
    ImVec4 bg = p.Card;
    if (selected) {
        bg = p.Primary;
        bg.w = 0.14f;
    } else if (hovered) {
        bg = ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered);
    }
    float r = ui::Em(0.5f);
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), r);
    draw->AddRect(pos, max, ImGui::GetColorU32(selected ? p.Primary : p.CardBorder), r, 0, selected ? 2.5f : 1.2f);
    ImVec2 mc(pos.x + pad + mark * 0.5f, pos.y + height * 0.5f);
    ImU32 mark_col = ImGui::GetColorU32(selected ? p.Primary : p.Muted);
    if (multi) {
        ImVec2 a(mc.x - mark * 0.45f, mc.y - mark * 0.45f), b(mc.x + mark * 0.45f, mc.y + mark * 0.45f);
        if (selected) draw->AddRectFilled(a, b, mark_col, ui::Em(0.15f));
        else draw->AddRect(a, b, mark_col, ui::Em(0.15f), 0, 2.0f);
        if (selected) {
            ImFont* f = ImGui::GetFont();
            ImVec2 isz = f->CalcTextSizeA(ImGui::GetFontSize() * 0.8f, FLT_MAX, 0, ICON_CHECK);
            draw->AddText(f, ImGui::GetFontSize() * 0.8f, ImVec2(mc.x - isz.x * 0.5f, mc.y - isz.y * 0.5f), ImGui::GetColorU32(p.OnPrimary), ICON_CHECK);
        }
    } else {
        draw->AddCircle(mc, mark * 0.45f, mark_col, 24, 2.0f);
        if (selected) draw->AddCircleFilled(mc, mark * 0.25f, mark_col, 24);
    }
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + pad * 2 + mark, pos.y + (height - ts.y) * 0.5f),
                  ImGui::GetColorU32(p.Text), text, nullptr, text_w);
    ImGui::Dummy(ImVec2(0, ui::Em(0.15f)));
    return pressed;
}

// A filled box with wrapped text (labels of match rows, order steps); returns its height.
float TextBox(const char* text, float width, float min_height, bool strong) {
    const ui::Palette& p = ui::Colors();
    float pad = ui::Em(0.6f);
    ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, width - pad * 2);
    float height = std::max(min_height, ts.y + pad * 2);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec4 bg = strong ? p.Primary : p.Card;
    bg.w = strong ? 0.10f : 1.0f;
    draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), ImGui::GetColorU32(bg), ui::Em(0.45f));
    draw->AddRect(pos, ImVec2(pos.x + width, pos.y + height), ImGui::GetColorU32(p.CardBorder), ui::Em(0.45f));
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + pad, pos.y + (height - ts.y) * 0.5f), ImGui::GetColorU32(p.Text),
                  text, nullptr, width - pad * 2);
    ImGui::Dummy(ImVec2(width, height));
    item_registry::AddText(item_registry::Role::Text, text, pos, ImVec2(pos.x + width, pos.y + height));
    return height;
}

float TextHeight(const char* text, float width) {
    return std::max(ui::Em(2.6f), ImGui::CalcTextSize(text, nullptr, false, width - ui::Em(1.2f)).y + ui::Em(1.2f));
}

// A button sized to wrapped text; used for match slots and choices.
bool WrapButton(const char* text, const std::string& key, float width, float height, bool selected, bool placeholder) {
    const ui::Palette& p = ui::Colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::string id = Label(text, key);
    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + width, pos.y + height);
    ImVec4 bg = selected ? p.Primary : (hovered ? ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered) : p.Card);
    if (selected) bg.w = 0.14f;
    float r = ui::Em(0.45f);
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), r);
    draw->AddRect(pos, max, ImGui::GetColorU32(selected || placeholder ? p.Primary : p.CardBorder), r, 0, selected ? 2.5f : 1.2f);
    float pad = ui::Em(0.6f);
    ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, width - pad * 2);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + pad, pos.y + (height - ts.y) * 0.5f),
                  ImGui::GetColorU32(placeholder ? p.Primary : p.Text), text, nullptr, width - pad * 2);
    return pressed;
}

const char* MarkIcon(course::Mark m) { return m == course::Mark::Right ? ICON_CHECK : m == course::Mark::Wrong ? ICON_TIMES : ICON_ARROW_R; }

ImVec4 MarkColor(course::Mark m) {
    const ui::Palette& p = ui::Colors();
    return m == course::Mark::Right ? p.Good : m == course::Mark::Wrong ? p.Bad : p.Warning;
}

// ---- [SECTION] Item players, one per type -----------------------------------------------------

void DrawChoice(AppState& state, const course::Item& item, int round) {
    CourseView& v = state.Course;
    bool multi = item.Type == course::ItemType::Multi;
    float width = std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f));
    for (int i : course::ShuffledOrder(item, round, item.Options.size())) {
        const std::string& id = item.Options[static_cast<size_t>(i)];
        auto it = std::find(v.Draft.Values.begin(), v.Draft.Values.end(), id);
        bool selected = it != v.Draft.Values.end();
        if (OptionCard(CT(v, item.Id + "." + id), "opt." + id, selected, multi, width)) {
            if (!multi) v.Draft.Values = {id};
            else if (selected) v.Draft.Values.erase(it);
            else v.Draft.Values.push_back(id);
        }
    }
}

void DrawSort(AppState& state, const course::Item& item, int round) {
    CourseView& v = state.Course;
    const ui::Palette& p = ui::Colors();
    float avail = ImGui::GetContentRegionAvail().x;
    float gap = ui::Em(0.6f);
    std::vector<std::string>& placed = v.Draft.Values;
    placed.resize(item.Options.size());
    std::vector<int> order = course::ShuffledOrder(item, round, item.Options.size());

    struct Drop {
        int Card = -1;
        ImVec2 Pos;
    } drop;
    auto card = [&](int i, float width) {
        const std::string& id = item.Options[static_cast<size_t>(i)];
        std::string label = Label(CT(v, item.Id + "." + id), "card." + id);
        ui::DragCardResult r = ui::DragCard(v.Drag, label.c_str(), CT(v, item.Id + "." + id), width, v.SelectedCard == i);
        if (r.Tapped) v.SelectedCard = v.SelectedCard == i ? -1 : i;
        if (r.Dropped) drop = {i, r.DropPos};
    };

    // The pool: cards not placed yet, flowing in rows.
    ui::MutedText(state.T("course.sort.pool"));
    ImVec2 pool_min = ImGui::GetCursorScreenPos();
    float card_w = std::min(avail, ui::Em(14.5f));
    float x0 = ImGui::GetCursorPosX(), x = x0;
    float row_h = 0.0f;
    bool any = false;
    for (int i : order) {
        if (!placed[static_cast<size_t>(i)].empty()) continue;
        any = true;
        if (x > x0 && x + card_w > x0 + avail + 1.0f) {
            ImGui::SetCursorPosX(x0);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY());
            x = x0;
            row_h = 0.0f;
        } else if (x > x0) {
            ImGui::SameLine(0, gap);
        }
        row_h = std::max(row_h, ui::DragCardHeight(CT(v, item.Id + "." + item.Options[static_cast<size_t>(i)]), card_w));
        card(i, card_w);
        x += card_w + gap;
    }
    if (!any) ui::MutedText(state.T("course.sort.all_placed"));
    ImVec2 pool_max(pool_min.x + avail, ImGui::GetCursorScreenPos().y);
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    // The buckets side by side, all as tall as the fullest.
    size_t n = item.Categories.size();
    float bucket_w = (avail - gap * float(n - 1)) / float(n);
    float inner_w = bucket_w - ui::Em(1.0f);
    float header_h = 0.0f;
    for (const std::string& c : item.Categories) header_h = std::max(header_h, TextHeight(CT(v, item.Id + "." + c), bucket_w));
    float content_h = ui::Em(5.0f);
    for (const std::string& c : item.Categories) {
        float h = 0.0f;
        for (size_t i = 0; i < item.Options.size(); ++i)
            if (placed[i] == c) h += ui::DragCardHeight(CT(v, item.Id + "." + item.Options[i]), inner_w) + ImGui::GetStyle().ItemSpacing.y;
        content_h = std::max(content_h, h + ui::Em(0.5f));
    }
    ImVec2 top = ImGui::GetCursorScreenPos();
    std::vector<std::pair<ImVec2, ImVec2>> rects;
    bool dragging = ui::IsDragging(v.Drag);
    for (size_t b = 0; b < n; ++b) {
        const std::string& cat = item.Categories[b];
        ImVec2 bmin(top.x + float(b) * (bucket_w + gap), top.y);
        ImVec2 bmax(bmin.x + bucket_w, bmin.y + header_h + content_h + ui::Em(0.5f));
        rects.push_back({bmin, bmax});
        ImDrawList* draw = ImGui::GetWindowDrawList();
        bool hot = dragging && ImGui::IsMouseHoveringRect(bmin, bmax, false);
        ImVec4 bg = p.Primary;
        bg.w = hot ? 0.18f : 0.06f;
        draw->AddRectFilled(bmin, bmax, ImGui::GetColorU32(bg), ui::Em(0.7f));
        draw->AddRect(bmin, bmax, ImGui::GetColorU32(hot ? p.Primary : p.CardBorder), ui::Em(0.7f), 0, hot ? 2.5f : 1.2f);
        ImGui::SetCursorScreenPos(bmin);
        // The header is the tap target for "place the selected card here".
        bool placing = v.SelectedCard >= 0;
        if (WrapButton(CT(v, item.Id + "." + cat), "bucket." + cat, bucket_w, header_h, false, placing) && placing) {
            placed[static_cast<size_t>(v.SelectedCard)] = cat;
            v.SelectedCard = -1;
        }
        float y = bmin.y + header_h + ui::Em(0.5f);
        for (int i : order) {
            if (placed[static_cast<size_t>(i)] != cat) continue;
            ImGui::SetCursorScreenPos(ImVec2(bmin.x + ui::Em(0.5f), y));
            card(i, inner_w);
            y += ui::DragCardHeight(CT(v, item.Id + "." + item.Options[static_cast<size_t>(i)]), inner_w) + ImGui::GetStyle().ItemSpacing.y;
        }
    }
    float bottom = rects.empty() ? top.y : rects[0].second.y;
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(avail, 0));

    if (drop.Card >= 0) {
        for (size_t b = 0; b < rects.size(); ++b) {
            const auto& [mn, mx] = rects[b];
            if (drop.Pos.x >= mn.x && drop.Pos.x <= mx.x && drop.Pos.y >= mn.y && drop.Pos.y <= mx.y)
                placed[static_cast<size_t>(drop.Card)] = item.Categories[b];
        }
        if (drop.Pos.x >= pool_min.x && drop.Pos.x <= pool_max.x && drop.Pos.y >= pool_min.y && drop.Pos.y <= pool_max.y)
            placed[static_cast<size_t>(drop.Card)].clear();
        v.SelectedCard = -1;
    }
}

void DrawMatch(AppState& state, const course::Item& item, int round) {
    CourseView& v = state.Course;
    size_t cols = item.Rows[0].size();
    size_t answer_cols = cols - 1;
    v.Draft.Values.resize(item.Rows.size() * answer_cols);
    float avail = std::min(ImGui::GetContentRegionAvail().x, ui::Em(56.0f));
    float gap = ui::Em(0.5f);
    float col_w = (avail - gap * float(cols - 1)) / float(cols);
    // Column headers, each over its column.
    ImVec2 head = ImGui::GetCursorPos();
    float head_h = 0.0f;
    ImGui::PushFont(state.UiFonts.Heading);
    for (size_t c = 0; c < cols; ++c) {
        ImGui::SetCursorPos(ImVec2(head.x + float(c) * (col_w + gap), head.y));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w);
        ImGui::TextUnformatted(CT(v, item.Id + ".col" + std::to_string(c)));
        ImGui::PopTextWrapPos();
        head_h = std::max(head_h, ImGui::GetItemRectSize().y);
    }
    ImGui::PopFont();
    ImGui::SetCursorPos(ImVec2(head.x, head.y + head_h + ImGui::GetStyle().ItemSpacing.y));
    for (size_t r = 0; r < item.Rows.size(); ++r) {
        const auto& row = item.Rows[r];
        float h = TextHeight(CT(v, item.Id + "." + row[0]), col_w);
        for (size_t c = 0; c < answer_cols; ++c) {
            const std::string& val = v.Draft.Values[r * answer_cols + c];
            h = std::max(h, TextHeight(val.empty() ? state.T("course.match.choose") : CT(v, item.Id + "." + val), col_w));
        }
        TextBox(CT(v, item.Id + "." + row[0]), col_w, h, true);
        for (size_t c = 0; c < answer_cols; ++c) {
            ImGui::SameLine(0, gap);
            int idx = static_cast<int>(r * answer_cols + c);
            const std::string& val = v.Draft.Values[static_cast<size_t>(idx)];
            const char* text = val.empty() ? state.T("course.match.choose") : CT(v, item.Id + "." + val);
            if (WrapButton(text, "slot." + std::to_string(r) + "." + std::to_string(c + 1), col_w, h, v.OpenSlot == idx, val.empty()))
                v.OpenSlot = v.OpenSlot == idx ? -1 : idx;
        }
        // The choices of the open cell, right under its row.
        if (v.OpenSlot >= 0 && static_cast<size_t>(v.OpenSlot) / answer_cols == r) {
            size_t c = static_cast<size_t>(v.OpenSlot) % answer_cols;
            ImGui::Indent(col_w + gap);
            ui::MutedText(state.T("course.match.pick"));
            float choice_w = std::min(avail - col_w - gap, ui::Em(30.0f));
            for (const std::string& choice : course::MatchChoices(item, c + 1, round)) {
                const char* t = CT(v, item.Id + "." + choice);
                if (WrapButton(t, "choice." + choice, choice_w, TextHeight(t, choice_w), v.Draft.Values[static_cast<size_t>(v.OpenSlot)] == choice, false)) {
                    v.Draft.Values[static_cast<size_t>(v.OpenSlot)] = choice;
                    // Move on to the next empty cell, so filling the table is tap, tap, tap.
                    int next = -1;
                    for (size_t k = 0; k < v.Draft.Values.size(); ++k)
                        if (v.Draft.Values[k].empty()) {
                            next = static_cast<int>(k);
                            break;
                        }
                    v.OpenSlot = next;
                    ImGui::Unindent(col_w + gap);
                    return;  // the layout changed; draw the rest next frame
                }
            }
            ImGui::Unindent(col_w + gap);
        }
        ImGui::Dummy(ImVec2(0, ui::Em(0.2f)));
    }
}

void DrawOrder(AppState& state, const course::Item& item) {
    CourseView& v = state.Course;
    auto& steps = v.Draft.Values;
    float avail = std::min(ImGui::GetContentRegionAvail().x, ui::Em(44.0f));
    float btn = ui::Em(2.8f);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float text_w = avail - btn * 2 - gap * 2 - ui::Em(2.2f);
    for (size_t i = 0; i < steps.size(); ++i) {
        const char* text = CT(v, item.Id + "." + steps[i]);
        float h = std::max(btn, TextHeight(text, text_w));
        ImGui::PushID(static_cast<int>(i));
        ImVec2 pos = ImGui::GetCursorScreenPos();
        char num[8];
        std::snprintf(num, sizeof num, "%d", static_cast<int>(i + 1));
        ImGui::PushFont(state.UiFonts.Heading);
        ImVec2 nsz = ImGui::CalcTextSize(num);
        ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + (ui::Em(1.8f) - nsz.x) * 0.5f, pos.y + (h - nsz.y) * 0.5f),
                                            ImGui::GetColorU32(ui::Colors().Primary), num);
        ImGui::PopFont();
        ImGui::SetCursorScreenPos(ImVec2(pos.x + ui::Em(2.2f), pos.y));
        TextBox(text, text_w, h, false);
        ImGui::SameLine();
        ImGui::BeginDisabled(i == 0);
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.5f, 0.5f));
        bool move_up = ImGui::Button((std::string(ICON_CHEVRON_U "##up.") + steps[i]).c_str(), ImVec2(btn, h));
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(i + 1 == steps.size());
        bool move_down = ImGui::Button((std::string(ICON_CHEVRON_D "##down.") + steps[i]).c_str(), ImVec2(btn, h));
        ImGui::EndDisabled();
        ImGui::PopStyleVar();
        ImGui::PopID();
        if (move_up && i > 0) std::swap(steps[i], steps[i - 1]);
        if (move_down && i + 1 < steps.size()) std::swap(steps[i], steps[i + 1]);
    }
}

void DrawNumeric(AppState& state, const course::Item& item) {
    CourseView& v = state.Course;
    ImGui::TextUnformatted(state.T("course.numeric.answer"));
    ImGui::PushFont(state.UiFonts.Heading);
    ImGui::SetNextItemWidth(ui::Em(10.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), ui::Em(0.5f)));
    if (ImGui::InputText("##course.number", v.NumberText, sizeof v.NumberText, ImGuiInputTextFlags_CharsDecimal)) {
        // ImGui's CharsDecimal turns ',' into '.' as it is typed: the text has no thousands groups.
        v.Draft.Number = profila::ParseNumber(v.NumberText, false);
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();
    if (v.NumberText[0] && !v.Draft.Number) ui::StatusMessage(ui::Tone::Warning, state.T("course.numeric.invalid"));
    if (!item.Units.empty()) {
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ImGui::TextUnformatted(state.T("course.numeric.unit"));
        for (size_t i = 0; i < item.Units.size(); ++i) {
            const std::string& u = item.Units[i];
            if (i) ImGui::SameLine();
            if (ui::ChoiceButton(Label(CT(v, item.Id + "." + u), "unit." + u).c_str(), v.Draft.Unit == u, ImVec2(0, ui::Em(2.6f))))
                v.Draft.Unit = u;
        }
    }
}

void DrawTask(AppState& state, const course::Item& item) {
    CourseView& v = state.Course;
    if (item.Link == "persona") {
        std::string open = std::string(ICON_PENCIL "  ") + state.T("course.task.open_persona") + "##course.open_persona";
        if (ui::PrimaryButton(open.c_str(), ImVec2(0, ui::Em(2.8f)))) state.Current = Screen::Persona;
        if (!state.Doc.Personas.empty())
            ui::MutedText(Fmt(state, "course.task.personas", {std::to_string(state.Doc.Personas.size())}).c_str());
        ImGui::Dummy(ui::EmVec(0, 0.4f));
    }
    ui::MutedText(state.T("course.task.checklist"));
    float width = std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f));
    for (const std::string& o : item.Options) {
        auto it = std::find(v.Draft.Values.begin(), v.Draft.Values.end(), o);
        bool ticked = it != v.Draft.Values.end();
        if (OptionCard(CT(v, item.Id + "." + o), "check." + o, ticked, true, width)) {
            if (ticked) v.Draft.Values.erase(it);
            else v.Draft.Values.push_back(o);
        }
    }
}

// ---- [SECTION] Feedback and results ---------------------------------------------------------

void DrawFeedback(AppState& state, const course::Item& item, const course::Grade& g) {
    CourseView& v = state.Course;
    const ui::Palette& p = ui::Colors();
    if (g.Correct) ui::StatusMessage(ui::Tone::Good, (std::string(ICON_CHECK "  ") + state.T("course.fb.right")).c_str());
    else if (g.Score > 0) ui::StatusMessage(ui::Tone::Warning, Fmt(state, "course.fb.partial", {Percent(g.Score)}).c_str());
    else ui::StatusMessage(ui::Tone::Bad, (std::string(ICON_TIMES "  ") + state.T("course.fb.wrong")).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Paragraph(CT(v, g.ExplainKey));
    if (item.Type == course::ItemType::Numeric) {
        std::string unit = item.Units.empty() ? "" : std::string(" ") + CT(v, item.Id + "." + item.Unit);
        char given[32], expected[32];
        std::snprintf(given, sizeof given, "%g", g.Given);
        std::snprintf(expected, sizeof expected, "%g", g.Expected);
        std::string given_unit = v.Draft.Unit.empty() ? "" : std::string(" ") + CT(v, item.Id + "." + v.Draft.Unit);
        ui::Paragraph(Fmt(state, "course.fb.numeric", {std::string(expected) + unit, std::string(given) + given_unit}).c_str());
        if (!g.UnitRight) ui::StatusMessage(ui::Tone::Warning, state.T("course.fb.unit_wrong"));
        return;
    }
    if (item.Type == course::ItemType::Task) return;
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    std::string last_subject;
    for (const course::FeedbackLine& line : g.Lines) {
        // Match lines come per cell; the row's reason is shown once, after its cells.
        bool repeat = item.Type == course::ItemType::Match && line.SubjectKey == last_subject;
        last_subject = line.SubjectKey;
        ImGui::PushStyleColor(ImGuiCol_Text, MarkColor(line.Result));
        ImGui::TextUnformatted(MarkIcon(line.Result));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::BeginGroup();
        std::string text;
        switch (item.Type) {
            case course::ItemType::Sort:
                text = std::string(CT(v, line.SubjectKey)) + " " + ICON_ARROW_R " " + CT(v, line.ExpectedKey);
                if (line.Result == course::Mark::Wrong) text += "  (" + Fmt(state, "course.fb.you_put", {CT(v, line.GivenKey)}) + ")";
                break;
            case course::ItemType::Match:
                text = repeat ? std::string("   ") + CT(v, line.ExpectedKey) : std::string(CT(v, line.SubjectKey)) + " " + ICON_ARROW_R " " + CT(v, line.ExpectedKey);
                if (line.Result == course::Mark::Wrong) text += "  (" + Fmt(state, "course.fb.you_put", {CT(v, line.GivenKey)}) + ")";
                break;
            case course::ItemType::Order:
                text = std::to_string(line.ExpectedPosition + 1) + ". " + CT(v, line.SubjectKey);
                break;
            default:
                text = CT(v, line.SubjectKey);
                if (line.Result == course::Mark::Missed) text += "  (" + std::string(state.T("course.fb.missed")) + ")";
                if (line.Result == course::Mark::Wrong) text += "  (" + std::string(state.T("course.fb.not_right")) + ")";
        }
        ImGui::PushFont(state.UiFonts.Heading);
        ui::Paragraph(text.c_str());  // registered, so the mirror and tests read "(you: ...)"
        ImGui::PopFont();
        bool last_cell_of_row = item.Type != course::ItemType::Match || &line == &g.Lines.back() || (&line + 1)->SubjectKey != line.SubjectKey;
        if (last_cell_of_row) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.Muted);
            ui::Paragraph(CT(v, line.WhyKey));
            ImGui::PopStyleColor();
        }
        ImGui::EndGroup();
        if (last_cell_of_row) ImGui::Dummy(ui::EmVec(0, 0.25f));
    }
}

void DrawResults(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::LessonProgress* lp = v.Progress.FindLesson(lesson.Id);
    if (!lp || lp->Runs.empty()) return;
    const course::LessonRun& run = lp->Runs.back();
    ui::Heading(state.UiFonts.Heading, Fmt(state, "course.results.score", {Percent(run.Score)}).c_str());
    course::Band band = course::ScoreBand(run.Score, v.Unit.PassMark);
    ui::Tone tone = band == course::Band::Low ? ui::Tone::Bad : band == course::Band::Near ? ui::Tone::Warning : ui::Tone::Good;
    ui::StatusMessage(tone, (std::string(run.Passed ? state.T("course.results.passed") : state.T("course.results.not_passed")) + " " +
                             Fmt(state, "course.results.pass_mark", {Percent(v.Unit.PassMark)}) + "\n" + state.T(course::BandKey(band))).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    double best = 0.0;
    for (const course::LessonRun& r : lp->Runs) best = std::max(best, r.Score);
    ui::MutedText(Fmt(state, "course.results.rounds", {std::to_string(lp->Runs.size()), Percent(lp->Runs.front().Score), Percent(best), Percent(run.Score)}).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    if (ImGui::BeginTable("##course.results", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(state.T("course.results.item"), ImGuiTableColumnFlags_WidthStretch, 5.0f);
        ImGui::TableSetupColumn(state.T("course.results.this_round"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(state.T("course.results.first"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.T("course.results.best"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.T("course.results.attempts"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const course::Item& item : lesson.Items) {
            course::ItemStats s = course::StatsForItem(v.Progress, item.Id);
            double this_round = 0.0;
            for (const course::Attempt& a : v.Progress.Attempts)
                if (a.ItemId == item.Id && a.Round == run.Round) this_round = a.Score;
            ImGui::TableNextRow(0, ui::Em(2.0f));
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(CT(v, item.Id + ".prompt"));
            ImGui::PopTextWrapPos();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, this_round >= 1.0 ? ui::Colors().Good : this_round > 0 ? ui::Colors().Warning : ui::Colors().Bad);
            ImGui::TextUnformatted(Percent(this_round).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Percent(s.First).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Percent(s.Best).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", s.Attempts);
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    std::string retry = std::string(ICON_REFRESH "  ") + state.T("course.results.retry") + "##course.retry";
    if (ui::PrimaryButton(retry.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        course::RetryLesson(v.Progress, lesson);
        v.ShowResults = false;
        MarkDirty(state);
    }
    ImGui::SameLine();
    std::string back = std::string(ICON_LIST "  ") + state.T("course.back_to_lessons") + "##course.lessons";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        v.OpenLesson.clear();
        v.ShowResults = false;
    }
}

// ---- [SECTION] The lesson player --------------------------------------------------------------

const char* InstructionKey(course::ItemType t) {
    switch (t) {
        case course::ItemType::Single: return "course.how.single";
        case course::ItemType::Multi: return "course.how.multi";
        case course::ItemType::Sort: return "course.how.sort";
        case course::ItemType::Match: return "course.how.match";
        case course::ItemType::Order: return "course.how.order";
        case course::ItemType::Numeric: return "course.how.numeric";
        case course::ItemType::Scenario: return "course.how.scenario";
        case course::ItemType::Task: return "course.how.task";
    }
    return "course.how.single";
}

void DrawLesson(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    course::LessonProgress& lp = v.Progress.Lessons[lesson.Id];
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) {
        v.OpenLesson.clear();
        v.Feedback.reset();
        return;
    }
    ui::Heading(state.UiFonts.Title, CT(v, lesson.Id + ".title"));

    bool feedback = v.Feedback.has_value();
    if (lp.Finished && !feedback) {
        DrawResults(state, lesson);
        return;
    }
    const course::Item* item = nullptr;
    int index = lp.Current;
    if (feedback) {
        for (size_t i = 0; i < lesson.Items.size(); ++i)
            if (lesson.Items[i].Id == v.FeedbackItem) {
                item = &lesson.Items[i];
                index = static_cast<int>(i);
            }
    } else if (lp.Current >= 0 && lp.Current < static_cast<int>(lesson.Items.size())) {
        item = &lesson.Items[static_cast<size_t>(lp.Current)];
    }
    if (!item) {
        v.Feedback.reset();
        return;
    }
    // Progress through the lesson.
    int total = static_cast<int>(lesson.Items.size());
    std::string step = Fmt(state, "course.item_of", {std::to_string(index + 1), std::to_string(total)});
    if (lp.Round > 1) step += "  ·  " + Fmt(state, "course.round", {std::to_string(lp.Round)});
    ui::MutedText(step.c_str());
    {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f));
        float h = ui::Em(0.35f);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), ImGui::GetColorU32(ui::Colors().CardBorder), h);
        float done = float(index + (feedback ? 1 : 0)) / float(total);
        draw->AddRectFilled(pos, ImVec2(pos.x + w * done, pos.y + h), ImGui::GetColorU32(ui::Colors().Primary), h);
        ImGui::Dummy(ImVec2(w, h + ui::Em(0.5f)));
    }

    ui::Heading(state.UiFonts.Heading, CT(v, item->Id + ".prompt"));
    if (feedback) {
        // Next comes before the explanations, so it stays reachable however long they are.
        bool last = lp.Finished;
        std::string next = std::string(last ? state.T("course.see_results") : state.T("course.next")) + "  " ICON_CHEVRON_R "##course.next";
        bool go = ui::PrimaryButton(next.c_str(), ImVec2(ui::Em(12.0f), ui::Em(2.8f)));
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        DrawFeedback(state, *item, *v.Feedback);
        if (go) v.Feedback.reset();
        return;
    }

    if (v.DraftItem != item->Id || v.DraftRound != lp.Round) {
        v.DraftItem = item->Id;
        v.DraftRound = lp.Round;
        v.Draft = course::StartingAnswer(*item, lp.Round);
        v.NumberText[0] = 0;
        v.SelectedCard = -1;
        v.OpenSlot = -1;
        v.ShowHint = false;
        v.ItemStartedAt = ImGui::GetTime();
    }
    ui::MutedText(state.T(InstructionKey(item->Type)));
    if (item->HasHint) {
        if (!v.ShowHint) {
            std::string hint = std::string(ICON_LIGHTBULB "  ") + state.T("course.show_hint") + "##course.hint";
            if (ui::SecondaryButton(hint.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowHint = true;
        } else {
            ui::StatusMessage(ui::Tone::Info, (std::string(ICON_LIGHTBULB "  ") + CT(v, item->Id + ".hint")).c_str());
        }
    }
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    switch (item->Type) {
        case course::ItemType::Single:
        case course::ItemType::Multi:
        case course::ItemType::Scenario: DrawChoice(state, *item, lp.Round); break;
        case course::ItemType::Sort: DrawSort(state, *item, lp.Round); break;
        case course::ItemType::Match: DrawMatch(state, *item, lp.Round); break;
        case course::ItemType::Order: DrawOrder(state, *item); break;
        case course::ItemType::Numeric: DrawNumeric(state, *item); break;
        case course::ItemType::Task: DrawTask(state, *item); break;
    }
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    bool complete = course::IsAnswerComplete(*item, v.Draft);
    ImGui::BeginDisabled(!complete);
    std::string check = std::string(ICON_CHECK "  ") + state.T("course.check") + "##course.check";
    if (ui::PrimaryButton(check.c_str(), ImVec2(ui::Em(12.0f), ui::Em(2.8f)))) {
        double seconds = ImGui::GetTime() - v.ItemStartedAt;
        v.Feedback = course::RecordAnswer(v.Progress, v.Unit, lesson, v.Draft, std::round(seconds * 10) / 10, Now());
        v.FeedbackItem = item->Id;
        v.DraftItem.clear();
        MarkDirty(state);
    }
    ImGui::EndDisabled();
    if (!complete) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::MutedText(state.T("course.answer_first"));
    }
}

// ---- [SECTION] Lesson list and class summary -------------------------------------------------

void ExportHandIn(AppState& state) {
    CourseView& v = state.Course;
    std::string name = v.Progress.Trainee.empty() ? "trainee" : v.Progress.Trainee;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
    storage::DownloadText("profila-hand-in-" + name + ".json", "application/json", CourseHandInText(state));
    v.Notice = state.T("course.exported");
}

std::vector<uint8_t> ReadBytes(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<uint8_t> SummaryPng(AppState& state) {
    CourseView& v = state.Course;
    course::SummarySheet sheet;
    sheet.Heading = state.T("course.summary.heading");
    sheet.Trainee = Fmt(state, "course.summary.trainee", {v.Progress.Trainee.empty() ? state.T("course.class.unnamed") : v.Progress.Trainee});
    std::time_t now = std::time(nullptr);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    sheet.Date = Fmt(state, "course.summary.date", {date});
    sheet.PassMark = v.Unit.PassMark;
    sheet.Rows = course::SummaryRows(v.Unit, v.Progress);
    int passed = 0;
    for (course::SummaryRow& row : sheet.Rows) {
        const course::LessonProgress* lp = v.Progress.FindLesson(row.Title);
        std::string title = CT(v, row.Title + ".title");
        row.Detail = row.Done ? Fmt(state, "course.summary.line", {Percent(row.Best), Percent(row.Last), std::to_string(lp ? lp->Runs.size() : 0)})
                              : std::string(state.T("course.summary.not_done"));
        row.Title = title;
        passed += row.Passed ? 1 : 0;
    }
    sheet.Totals = Fmt(state, "course.passed_count", {std::to_string(passed), std::to_string(sheet.Rows.size())});
    auto image = course::RenderSummarySheet(sheet, ReadBytes("/assets/fonts/Inter-Regular.otf"), ReadBytes("/assets/fonts/Inter-SemiBold.otf"));
    return profila::EncodePng(image);
}

void DrawClassSummary(AppState& state) {
    CourseView& v = state.Course;
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.class_back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowClass = false;
    ui::Heading(state.UiFonts.Title, state.T("course.class.title"));
    ui::MutedText(state.T("course.class.help"));
    std::string open = std::string(ICON_UPLOAD "  ") + state.T("course.class.open") + "##course.class_open";
    if (ui::PrimaryButton(open.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        AppState* s = &state;
        storage::PickTextFile(".json,application/json", [s](bool picked, std::string name, std::string text) {
            if (!picked) return;
            CourseView& cv = s->Course;
            course::HandInResult r = course::ReadHandIn(text);
            if (!r.Value) {
                cv.ClassMessage = profila::FormatText(s->T("course.class.bad_file"), {name, r.Error});
                return;
            }
            cv.ClassFiles.push_back(*r.Value);
            cv.ClassFileNames.push_back(name);
            cv.ClassMessage = profila::FormatText(s->T("course.class.added"), {name, r.Value->Trainee});
        });
    }
    if (!v.ClassFiles.empty()) {
        ImGui::SameLine();
        if (ui::SecondaryButton((std::string(state.T("course.class.clear")) + "##course.class_clear").c_str(), ImVec2(0, ui::Em(2.8f)))) {
            v.ClassFiles.clear();
            v.ClassFileNames.clear();
            v.ClassMessage.clear();
        }
    }
    if (!v.ClassMessage.empty()) ui::StatusMessage(ui::Tone::Info, v.ClassMessage.c_str());
    if (v.ClassFiles.empty()) return;
    course::ClassSummary summary = course::SummarizeClass(v.Unit, v.ClassFiles);
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, Fmt(state, "course.class.trainees", {std::to_string(summary.Rows.size())}).c_str());
    if (ImGui::BeginTable("##course.class", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(state.T("course.class.trainee"), 0, 3.0f);
        ImGui::TableSetupColumn(state.T("course.class.passed"), 0, 1.5f);
        ImGui::TableSetupColumn(state.T("course.class.mean_best"), 0, 1.5f);
        ImGui::TableSetupColumn(state.T("course.class.personas"), 0, 1.0f);
        ImGui::TableHeadersRow();
        for (const course::ClassRow& row : summary.Rows) {
            ImGui::TableNextRow(0, ui::Em(2.0f));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.Trainee.empty() ? state.T("course.class.unnamed") : row.Trainee.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d / %d", row.LessonsPassed, static_cast<int>(v.Unit.Lessons.size()));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Percent(row.MeanBest).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", row.Personas);
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, state.T("course.class.per_lesson"));
    for (const course::Lesson& l : v.Unit.Lessons) {
        auto it = summary.PassedPerLesson.find(l.Id);
        int passed = it == summary.PassedPerLesson.end() ? 0 : it->second;
        ui::Paragraph((std::string(CT(v, l.Id + ".title")) + ": " + std::to_string(passed) + " / " + std::to_string(summary.Rows.size())).c_str());
    }
    if (!summary.Hardest.empty()) {
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ui::Heading(state.UiFonts.Heading, state.T("course.class.hardest"));
        for (const course::HardItem& h : summary.Hardest)
            ui::Paragraph((Percent(h.MeanFirst) + "  " + CT(v, h.ItemId + ".prompt")).c_str());
    }
}

// ---- Practice on the trainee's own customers --------------------------------------------------

profila::AnalysisSettings PracticeSettings() {
    profila::AnalysisSettings settings;
    settings.AsOf = profila::Date{static_cast<int32_t>(std::time(nullptr) / 86400)};
    return settings;
}

std::string Figure(double f) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(f * 100) / 100);
    return buf;
}

void StartPractice(AppState& state) {
    CourseView& v = state.Course;
    profila::AnalysisSettings settings = PracticeSettings();
    v.PracticeCustomers = course::PickPracticeCustomers(state.Doc.Data, settings, 10);
    v.PracticeGuesses.assign(v.PracticeCustomers.size(), std::nullopt);
    v.PracticeChecked = false;
    v.PracticeLtv = course::ComputeGroupLtv(state.Doc.Data, settings);
    v.LtvText[0] = 0;
    v.LtvChecked = false;
    v.ShowPractice = true;
}

void RecordPractice(AppState& state, const char* id, double score) {
    course::Attempt a;
    a.ItemId = id;
    a.Score = score;
    a.When = Now();
    for (const course::Attempt& old : state.Course.Progress.Attempts)
        if (old.ItemId == id) a.Round = std::max(a.Round, old.Round + 1);
    state.Course.Progress.Attempts.push_back(a);
    MarkDirty(state);
}

void DrawPractice(AppState& state) {
    CourseView& v = state.Course;
    const ui::Palette& p = ui::Colors();
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.practice_back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowPractice = false;
    ui::Heading(state.UiFonts.Title, state.T("course.practice.title"));
    profila::AnalysisSettings settings = PracticeSettings();
    ui::MutedText(Fmt(state, "course.practice.help", {std::to_string(settings.ActiveWindowDays), std::to_string(settings.ActiveMinOccasions)}).c_str());
    if (v.PracticeCustomers.empty()) {
        ui::StatusMessage(ui::Tone::Info, state.T("course.practice.none"));
        return;
    }
    const profila::RelationshipStatus kStatuses[] = {profila::RelationshipStatus::Current, profila::RelationshipStatus::Active,
                                                               profila::RelationshipStatus::Inactive, profila::RelationshipStatus::Potential,
                                                               profila::RelationshipStatus::Probable};
    for (size_t i = 0; i < v.PracticeCustomers.size(); ++i) {
        const course::PracticeCustomer& c = v.PracticeCustomers[i];
        ImGui::PushID(static_cast<int>(i));
        ui::BeginPanel("##practice", ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::Em(52.0f)), 0));
        ui::Heading(state.UiFonts.Heading, c.Name.c_str());
        std::string facts;
        if (c.Facts.Occasions > 0)
            facts = Fmt(state, "course.practice.bought", {std::to_string(c.Facts.Occasions), profila::FormatIsoDate(c.Facts.Last),
                                                          std::to_string(c.Facts.DaysSinceLast(settings.AsOf)), std::to_string(c.Facts.OccasionsInActiveWindow)});
        else
            facts = state.T(c.ShowedInterest || c.Facts.OtherRequests > 0 ? "course.practice.asked" : "course.practice.never");
        ui::MutedText(facts.c_str());
        for (size_t s = 0; s < 5; ++s) {
            const char* code = profila::StatusCode(kStatuses[s]);
            std::string label = std::string(state.T((std::string("course.practice.status.") + code).c_str())) + "##guess." + std::to_string(i) + "." + code;
            if (s) ImGui::SameLine();
            bool selected = v.PracticeGuesses[i] == kStatuses[s];
            if (ui::ChoiceButton(label.c_str(), selected, ImVec2(ui::Em(8.2f), ui::Em(2.6f))) && !v.PracticeChecked) v.PracticeGuesses[i] = kStatuses[s];
        }
        if (v.PracticeChecked) {
            bool match = v.PracticeGuesses[i] == c.Profila.Value;
            std::string says = Fmt(state, "course.practice.profila_says", {state.T((std::string("course.practice.status.") + profila::StatusCode(c.Profila.Value)).c_str())});
            ui::StatusMessage(match ? ui::Tone::Good : ui::Tone::Warning, ((match ? ICON_CHECK "  " : ICON_TIMES "  ") + says).c_str());
            std::vector<std::string> figures;
            for (int f = 0; f < c.Profila.Why.FigureCount; ++f) figures.push_back(Figure(c.Profila.Why.Figures[static_cast<size_t>(f)]));
            ImGui::PushStyleColor(ImGuiCol_Text, p.Muted);
            ui::Paragraph(Fmt(state, (std::string("course.practice.reason.") + c.Profila.Why.Code).c_str(), figures).c_str());
            ImGui::PopStyleColor();
        }
        ui::EndPanel();
        ImGui::PopID();
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
    if (!v.PracticeChecked) {
        std::string cmp = std::string(ICON_CHECK "  ") + state.T("course.practice.compare") + "##course.practice_check";
        if (ui::PrimaryButton(cmp.c_str(), ImVec2(0, ui::Em(2.8f)))) {
            v.PracticeChecked = true;
            RecordPractice(state, "practice.status", course::GradePractice(v.PracticeCustomers, v.PracticeGuesses).Score);
        }
    } else {
        course::PracticeGrade g = course::GradePractice(v.PracticeCustomers, v.PracticeGuesses);
        ui::Heading(state.UiFonts.Heading, Fmt(state, "course.practice.score", {std::to_string(g.Right), std::to_string(v.PracticeCustomers.size())}).c_str());
    }

    // The LTV of the customers who bought: estimate, then compare.
    const course::GroupLtv& ltv = v.PracticeLtv;
    if (ltv.Customers == 0) return;
    ImGui::Dummy(ui::EmVec(0, 0.6f));
    ui::Heading(state.UiFonts.Heading, state.T("course.practice.ltv_title"));
    ui::MutedText(Fmt(state, "course.practice.ltv_terms", {std::to_string(ltv.Customers), Figure(ltv.Mean.S), Figure(ltv.Mean.C),
                                                           Percent(ltv.Mean.P), Figure(ltv.Mean.T)}).c_str());
    ImGui::SetNextItemWidth(ui::Em(10.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), ui::Em(0.55f)));
    ImGui::InputText("##course.ltv_guess", v.LtvText, sizeof v.LtvText, ImGuiInputTextFlags_CharsDecimal);
    ImGui::PopStyleVar();
    ImGui::SameLine();
    std::optional<double> typed = profila::ParseNumber(v.LtvText, false);
    bool valid = typed.has_value();
    double guess = typed.value_or(0.0);
    ImGui::BeginDisabled(!valid);
    if (ui::PrimaryButton((std::string(state.T("course.practice.compare")) + "##course.ltv_check").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        v.LtvChecked = true;
        RecordPractice(state, "practice.ltv", course::LtvEstimateClose(guess, ltv.Value) ? 1.0 : 0.0);
    }
    ImGui::EndDisabled();
    if (v.LtvChecked && valid) {
        bool close = course::LtvEstimateClose(guess, ltv.Value);
        ui::StatusMessage(close ? ui::Tone::Good : ui::Tone::Warning,
                          Fmt(state, close ? "course.practice.ltv_close" : "course.practice.ltv_far", {Figure(ltv.Value), Figure(guess)}).c_str());
        ui::MutedText(Fmt(state, "course.practice.ltv_why", {Figure(ltv.Mean.S * ltv.Mean.C * ltv.Mean.P * ltv.Mean.T)}).c_str());
    }
}

void DrawLessonList(AppState& state) {
    CourseView& v = state.Course;
    ui::Heading(state.UiFonts.Title, state.T("course.title"));
    ui::MutedText(state.T("course.intro"));
    ImGui::Dummy(ui::EmVec(0, 0.3f));

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.T("course.trainee"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(18.0f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), ui::Em(0.55f)));
    std::string name_label = std::string("##") + "course.trainee";
    if (ImGui::InputTextWithHint(name_label.c_str(), state.T("course.trainee_hint"), v.TraineeName, sizeof v.TraineeName)) {
        v.Progress.Trainee = v.TraineeName;
        MarkDirty(state);
    }
    ImGui::PopStyleVar();
    std::string exp = std::string(ICON_DOWNLOAD "  ") + state.T("course.export") + "##course.export";
    if (ui::SecondaryButton(exp.c_str(), ImVec2(0, ui::Em(2.6f)))) ExportHandIn(state);
    ImGui::SameLine();
    std::string png = std::string(ICON_IMAGE "  ") + state.T("course.summary_png") + "##course.png";
    if (ui::SecondaryButton(png.c_str(), ImVec2(0, ui::Em(2.6f)))) {
        std::string name = v.Progress.Trainee.empty() ? "trainee" : v.Progress.Trainee;
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
        platform::DownloadBytes("profila-summary-" + name + ".png", "image/png", SummaryPng(state));
        v.Notice = state.T("course.summary_done");
    }
    ImGui::SameLine();
    std::string cls = std::string(ICON_USERS "  ") + state.T("course.class.button") + "##course.class";
    if (ui::SecondaryButton(cls.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowClass = true;
    if (!v.Notice.empty()) ui::StatusMessage(ui::Tone::Good, v.Notice.c_str());
    if (!v.SaveError.empty()) ui::StatusMessage(ui::Tone::Bad, Fmt(state, "course.save_failed", {v.SaveError}).c_str());
    if (!v.LoadProblem.empty()) ui::StatusMessage(ui::Tone::Warning, Fmt(state, "course.load_problem", {v.LoadProblem}).c_str());

    int lessons_passed = 0;
    for (const course::Lesson& l : v.Unit.Lessons)
        if (const auto* lp = v.Progress.FindLesson(l.Id))
            if (std::any_of(lp->Runs.begin(), lp->Runs.end(), [](const course::LessonRun& r) { return r.Passed; })) ++lessons_passed;
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Heading(state.UiFonts.Heading, Fmt(state, "course.passed_count", {std::to_string(lessons_passed), std::to_string(v.Unit.Lessons.size())}).c_str());

    float avail = ImGui::GetContentRegionAvail().x;
    float button_w = ui::Em(9.5f);
    if (!state.Doc.Data.Customers.empty()) {
        ui::BeginPanel("##practice_entry", ImVec2(std::min(avail, ui::Em(52.0f)), 0));
        ui::Heading(state.UiFonts.Heading, state.T("course.practice.title"));
        ui::MutedText(state.T("course.practice.teaser"));
        std::string go = std::string(ICON_USERS "  ") + state.T("course.practice.start") + "##course.practice";
        if (ui::PrimaryButton(go.c_str(), ImVec2(0, ui::Em(2.6f)))) StartPractice(state);
        ui::EndPanel();
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
    int number = 0;
    for (const course::Lesson& lesson : v.Unit.Lessons) {
        ++number;
        const course::LessonProgress* lp = v.Progress.FindLesson(lesson.Id);
        double best = 0.0;
        bool passed_any = false;
        if (lp)
            for (const course::LessonRun& r : lp->Runs) {
                best = std::max(best, r.Score);
                passed_any = passed_any || r.Passed;
            }
        std::string status;
        const char* action = "course.start";
        if (lp && lp->Finished) {
            status = Fmt(state, passed_any ? "course.status.passed" : "course.status.not_passed", {Percent(best)});
            action = "course.review";
        } else if (lp && (lp->Current > 0 || lp->Round > 1)) {
            status = Fmt(state, "course.status.in_progress", {std::to_string(lp->Current + 1), std::to_string(lesson.Items.size())});
            action = "course.continue";
        } else {
            status = state.T("course.status.new");
        }
        ImGui::PushID(lesson.Id.c_str());
        ui::BeginPanel("##lesson", ImVec2(std::min(avail, ui::Em(52.0f)), 0));
        float inner = ImGui::GetContentRegionAvail().x;
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - button_w - ui::Em(1.0f));
        ImGui::PushFont(state.UiFonts.Heading);
        std::string title = std::to_string(number) + ". " + CT(v, lesson.Id + ".title");
        if (passed_any) title += "  " ICON_CHECK;
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
        ImGui::TextUnformatted(CT(v, lesson.Id + ".intro"));
        ImGui::TextUnformatted((Fmt(state, "course.lesson_meta", {std::to_string(lesson.Items.size()), std::to_string(lesson.Minutes)}) + "  ·  " + status).c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        float group_h = ImGui::GetItemRectSize().y;
        ImGui::SameLine(inner - button_w + ImGui::GetStyle().WindowPadding.x);
        float bh = ui::Em(2.8f);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (group_h - bh) * 0.5f));
        std::string label = std::string(state.T(action)) + "##lesson." + lesson.Id;
        bool go = passed_any || (lp && lp->Finished) ? ui::SecondaryButton(label.c_str(), ImVec2(button_w, bh))
                                                     : ui::PrimaryButton(label.c_str(), ImVec2(button_w, bh));
        ui::EndPanel();
        ImGui::PopID();
        if (go) {
            v.OpenLesson = lesson.Id;
            v.Feedback.reset();
            v.Notice.clear();
        }
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
}

}  // namespace

// ---- [SECTION] Content, progress and the save loop (public) ------------------------------------

void CourseFrame(AppState& state) {
    g_course_state = &state;
    EnsureContent(state);
    CourseView& v = state.Course;
    const Document& doc = state.Doc;
    bool store_ready = doc.Loaded && !doc.Data.Id.empty();
    if (store_ready && !v.Loading && !v.Saving && v.LoadedWorkspace != doc.Data.Id) {
        if (v.Dirty && !v.LoadedWorkspace.empty()) StartSave(state);  // flush into the workspace being left
        else StartLoad(state);
        return;
    }
    if (v.Loaded && v.Dirty && !v.Saving && ImGui::GetTime() - v.LastEditAt >= kSaveDelaySeconds) StartSave(state);
}

std::string CourseHandInText(AppState& state) {
    EnsureContent(state);
    const CourseView& v = state.Course;
    std::vector<std::string> personas;
    nlohmann::json all = nlohmann::json::parse(profila::PersonasToJson(state.Doc.Personas), nullptr, false);
    if (all.is_array())
        for (const auto& p : all) personas.push_back(p.dump());
    return course::BuildHandIn(v.Unit, v.Progress, personas, Now());
}

// ---- [SECTION] Automation exports ---------------------------------------------------------------
extern "C" {

__attribute__((used)) const char* profila_course_handin() {
    static std::string out;  // handed to JS, which copies it at once
    out = g_course_state ? CourseHandInText(*g_course_state) : "";
    return out.c_str();
}

__attribute__((used)) const char* profila_course_status_json() {
    static std::string out;
    nlohmann::json j = nlohmann::json::object();
    if (g_course_state) {
        const CourseView& v = g_course_state->Course;
        nlohmann::json lessons = nlohmann::json::object();
        for (const auto& [id, lp] : v.Progress.Lessons)
            lessons[id] = {{"round", lp.Round}, {"current", lp.Current}, {"finished", lp.Finished}, {"runs", lp.Runs.size()}};
        j = {{"loaded", v.Loaded}, {"saving", v.Saving}, {"dirty", v.Dirty}, {"saves", v.Saves}, {"error", v.SaveError},
             {"workspace", v.LoadedWorkspace}, {"trainee", v.Progress.Trainee}, {"lesson", v.OpenLesson},
             {"item", v.Feedback ? v.FeedbackItem : v.DraftItem}, {"feedback", v.Feedback.has_value()},
             {"attempts", v.Progress.Attempts.size()}, {"lessons", lessons}, {"contentErrors", v.ContentErrors}};
    }
    out = j.dump();
    return out.c_str();
}

}  // extern "C"

// ---- [SECTION] Screen -----------------------------------------------------------------------------

void DrawCourseScreen(AppState& state) {
    EnsureContent(state);
    CourseView& v = state.Course;
    if (!v.ContentErrors.empty()) {
        ui::Heading(state.UiFonts.Title, state.T("course.title"));
        for (const std::string& e : v.ContentErrors) ui::StatusMessage(ui::Tone::Bad, e.c_str());
        if (v.Unit.Lessons.empty()) return;
    }
    if (v.ShowClass) {
        DrawClassSummary(state);
        return;
    }
    if (v.ShowPractice) {
        DrawPractice(state);
        return;
    }
    const course::Lesson* lesson = v.OpenLesson.empty() ? nullptr : v.Unit.FindLesson(v.OpenLesson);
    if (!lesson) {
        v.OpenLesson.clear();
        DrawLessonList(state);
        return;
    }
    DrawLesson(state, *lesson);
}
