// Course: the item players, one per item type (choice, sort, match, order, numeric, task).

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
#include "course_parts.h"
#include "course/practice.h"
#include "course/print.h"
#include "imgui.h"
#include "codec/persona_json.h"
#include "platform/item_registry.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/drag_drop.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#include "text/numbers.h"

namespace course_ui {

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
    if (item.Link == "persona") {
        // Checked against the saved sketches: a point counts when a persona shows it.
        v.Draft.Values = course::PersonaTaskDone(item.Options, state.Doc.Personas);
        for (const std::string& o : item.Options) {
            bool done = std::find(v.Draft.Values.begin(), v.Draft.Values.end(), o) != v.Draft.Values.end();
            OptionCard(CT(v, item.Id + "." + o), "check." + o, done, true, width);
        }
        return;
    }
    for (const std::string& o : item.Options) {
        auto it = std::find(v.Draft.Values.begin(), v.Draft.Values.end(), o);
        bool ticked = it != v.Draft.Values.end();
        if (OptionCard(CT(v, item.Id + "." + o), "check." + o, ticked, true, width)) {
            if (ticked) v.Draft.Values.erase(it);
            else v.Draft.Values.push_back(o);
        }
    }
}

}  // namespace course_ui
