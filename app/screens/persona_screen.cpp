// The persona sketch (shared/DOMAIN.md section 2): draw the ideal customer, write the details around
// it marked known / assumed / unknown, turn the unknowns into questions with ways to find out, and
// hold the persona against the real customers. Several named personas per business, each saved in
// browser storage (collection "personas") and exportable as a PNG card.
//
// [SECTION] Commands and store (PersonaFrame)
// [SECTION] Automation exports (window.profila.exportPersonas / exportPersonaPng)
// [SECTION] Small widgets
// [SECTION] Toolbar and canvas
// [SECTION] Details, questions, data
// [SECTION] Screen
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app_state.h"
#include "imgui.h"
#include "persona/card.h"
#include "codec/persona_json.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace {

using profila::Knowledge;
using profila::Persona;
using profila::PersonaDetail;


struct InkChoice {
    uint32_t Rgb;
    const char* Key;
};
constexpr InkChoice kInks[] = {{0x1F2937, "ink"}, {0x2563EB, "blue"}, {0xDC2626, "red"}, {0x16A34A, "green"}, {0xEA580C, "orange"}};
struct WidthChoice {
    float Width;
    const char* Key;
};
constexpr WidthChoice kWidths[] = {{2.5f, "thin"}, {5.0f, "medium"}, {10.0f, "thick"}};

const char* Fmt(const char* pattern, const std::vector<std::string>& args, std::string& out) {
    out = profila::FormatText(pattern, args);
    return out.c_str();
}

// ---- [SECTION] Commands and store -------------------------------------------------------------
// The personas live in the document (collection "personas"); the store's one saver writes them.
Persona* Selected(AppState& state) { return FindPersona(state.Doc, state.Persona.SelectedId); }

void MarkChanged(AppState& state, Persona& persona) {
    MarkPersonaChanged(state.Doc, persona.Id, ImGui::GetTime());
    ++state.Persona.EditSerial;
}

void CreatePersona(AppState& state) {
    Persona p;
    p.Name = profila::FormatText(state.T("persona.default_name"), {std::to_string(state.Doc.Personas.size() + 1)});
    state.Persona.SelectedId = AddPersona(state.Doc, std::move(p), ImGui::GetTime());
    ++state.Persona.EditSerial;
}

void DeletePersona(AppState& state, const std::string& id) {
    RemovePersona(state.Doc, id, ImGui::GetTime());
    PersonaView& v = state.Persona;
    v.Histories.erase(id);
    ++v.EditSerial;
    v.SelectedId = state.Doc.Personas.empty() ? std::string() : state.Doc.Personas.front().Id;
}

void ApplyEdit(AppState& state, Persona& persona, profila::SketchEdit edit) {
    profila::ApplySketchEdit(persona.Strokes, state.Persona.Histories[persona.Id], std::move(edit));
    MarkChanged(state, persona);
}

AppState* g_automation_state = nullptr;  // the live state for window.profila (set every frame)

}  // namespace

void PersonaFrame(AppState& state) {
    g_automation_state = &state;
    PersonaView& v = state.Persona;
    // Another workspace opened (or another tab removed the persona): forget what belonged to it.
    if (v.Workspace != state.Doc.Data.Id) {
        v.Workspace = state.Doc.Data.Id;
        v.Histories.clear();
        v.SelectedId.clear();
        ++v.EditSerial;
    }
    if (!Selected(state) && !state.Doc.Personas.empty()) v.SelectedId = state.Doc.Personas.front().Id;
}

// ---- [SECTION] Automation exports -------------------------------------------------------------
// Called by web/automation.js between frames; they read the same data the screen shows.
extern "C" {

__attribute__((used)) const char* profila_personas_json() {
    static std::string out;
    out = g_automation_state ? profila::PersonasToJson(g_automation_state->Doc.Personas) : "[]";
    return out.c_str();
}

__attribute__((used)) const char* profila_persona_status_json() {
    static std::string out;
    nlohmann::json j = nlohmann::json::object();
    if (g_automation_state) {
        const Document& doc = g_automation_state->Doc;
        const CollectionState& cs = doc.State(Collection::Personas);
        j = {{"loaded", doc.Loaded}, {"loading", !doc.Loaded}, {"saving", !cs.InFlightPuts.empty() || !cs.InFlightDeletes.empty()},
             {"pending", cs.Dirty.size() + cs.Deleted.size()}, {"saves", doc.Store.SavedCount}, {"error", doc.SaveError},
             {"workspace", doc.Data.Id}, {"personas", doc.Personas.size()}};
    }
    out = j.dump();
    return out.c_str();
}

}  // extern "C"

namespace {

std::vector<uint8_t> ReadAsset(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<uint8_t> PersonaCardPng(const AppState& state, const Persona& p) {
    profila::PersonaCardTexts t;
    t.Title = p.Name.empty() ? state.T("persona.card.untitled") : p.Name;
    t.GroupTitles = {state.T("persona.group.who"), state.T("persona.group.think"), state.T("persona.group.buy")};
    for (size_t i = 0; i < profila::kPersonaDetailCount; ++i)
        t.DetailLabels[i] = state.T(("persona.detail." + std::string(profila::PersonaDetailKey(profila::PersonaDetailAt(i)))).c_str());
    for (size_t k = 0; k < 4; ++k)
        t.StateLabels[k] = state.T(("persona.state." + std::string(profila::KnowledgeKey(static_cast<Knowledge>(k)))).c_str());
    t.EmptyValue = state.T("persona.card.empty_value");
    t.Footnote = state.T("persona.note_gentle");
    auto image = profila::RenderPersonaCard(p, t, ReadAsset("/assets/fonts/Inter-Regular.otf"), ReadAsset("/assets/fonts/Inter-SemiBold.otf"));
    return profila::EncodePng(image);
}

std::string Base64(const std::vector<uint8_t>& bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= uint32_t(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= bytes[i + 2];
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

std::string CardFileName(const Persona& p) {
    std::string name;
    for (char c : p.Name) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) name += c;
        else if (!name.empty() && name.back() != '-') name += '-';
    }
    while (!name.empty() && name.back() == '-') name.pop_back();
    return "persona-" + (name.empty() ? p.Id : name) + ".png";
}

}  // namespace

extern "C" {

// The PNG card of the persona at index, base64, or "" when there is none.
__attribute__((used)) const char* profila_persona_png_base64(int index) {
    static std::string out;
    out.clear();
    if (g_automation_state && index >= 0 && index < static_cast<int>(g_automation_state->Doc.Personas.size()))
        out = Base64(PersonaCardPng(*g_automation_state, g_automation_state->Doc.Personas[static_cast<size_t>(index)]));
    return out.c_str();
}

// CPU milliseconds of the last persona screen and of its canvas alone (the frame-time benchmark).
__attribute__((used)) double profila_persona_screen_ms() { return g_automation_state ? g_automation_state->Persona.LastScreenMs : -1.0; }
__attribute__((used)) double profila_persona_canvas_ms() { return g_automation_state ? g_automation_state->Persona.Canvas.LastDrawMs : -1.0; }

// Benchmark setup: gives the selected persona n points of scribble in strokes of 50 (a stand-in
// for a long drawing session), through the same edit path as the pen.
__attribute__((used)) int profila_persona_bench_fill(int points) {
    if (!g_automation_state) return 0;
    AppState& state = *g_automation_state;
    if (state.Doc.Personas.empty()) CreatePersona(state);
    Persona* p = Selected(state);
    if (!p) return 0;
    uint32_t seed = 12345;
    auto rnd = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<float>(seed >> 8) / 16777216.0f;
    };
    profila::SketchEdit edit;
    for (int done = 0; done < points;) {
        profila::Stroke s;
        s.Width = 3.0f + 4.0f * rnd();
        s.Color = kInks[static_cast<size_t>(rnd() * 5) % 5].Rgb;
        float x = 60 + rnd() * 480, y = 60 + rnd() * 680, a = rnd() * 6.28f;
        for (int k = 0; k < 50 && done < points; ++k, ++done) {
            a += (rnd() - 0.5f) * 0.6f;
            x = std::clamp(x + std::cos(a) * 6.0f, 5.0f, profila::kSketchWidth - 5);
            y = std::clamp(y + std::sin(a) * 6.0f, 5.0f, profila::kSketchHeight - 5);
            s.Points.push_back({x, y, 1.0f});
        }
        edit.Added.push_back(std::move(s));
    }
    ApplyEdit(state, *p, std::move(edit));
    return static_cast<int>(profila::CountPoints(p->Strokes));
}

}  // extern "C"

namespace {

// ---- [SECTION] Small widgets ------------------------------------------------------------------
int ResizeCallback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

// A text field bound to a std::string; true when edited this frame.
bool InputString(const char* id, const char* hint, std::string& text, float width) {
    ImGui::SetNextItemWidth(width);
    return ImGui::InputTextWithHint(id, hint, text.data(), text.capacity() + 1, ImGuiInputTextFlags_CallbackResize, ResizeCallback, &text);
}

// A square tool button with an icon; shown pressed when selected.
bool ToolButton(const char* icon, const char* text, const char* key, bool selected, float size) {
    char label[192];
    std::snprintf(label, sizeof label, "%s##%s", icon, key);
    bool pressed = ui::ChoiceButton(label, selected, ImVec2(size, size));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal) && ImGui::GetIO().MouseSource == ImGuiMouseSource_Mouse) ImGui::SetTooltip("%s", text);
    return pressed;
}

// A round colour swatch; a ring marks the chosen one.
bool Swatch(uint32_t rgb, const char* text, const char* key, bool selected, float size) {
    char label[192];
    std::snprintf(label, sizeof label, "%s##%s", text, key);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(label, ImVec2(size, size));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 c(pos.x + size * 0.5f, pos.y + size * 0.5f);
    if (selected) draw->AddCircle(c, size * 0.46f, ImGui::GetColorU32(ui::Colors().Primary), 0, ui::Em(0.14f));
    else if (ImGui::IsItemHovered()) draw->AddCircle(c, size * 0.46f, ImGui::GetColorU32(ui::Colors().Muted), 0, ui::Em(0.06f));
    draw->AddCircleFilled(c, size * 0.3f, IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255));
    return pressed;
}

// A line-width choice drawn as a dot of that width.
bool WidthButton(float dot, const char* text, const char* key, bool selected, float size) {
    char label[192];
    std::snprintf(label, sizeof label, "%s##%s", text, key);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(label, ImVec2(size, size));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 c(pos.x + size * 0.5f, pos.y + size * 0.5f);
    if (selected) draw->AddCircle(c, size * 0.46f, ImGui::GetColorU32(ui::Colors().Primary), 0, ui::Em(0.14f));
    else if (ImGui::IsItemHovered()) draw->AddCircle(c, size * 0.46f, ImGui::GetColorU32(ui::Colors().Muted), 0, ui::Em(0.06f));
    draw->AddCircleFilled(c, dot, ImGui::GetColorU32(ui::Colors().Text));
    return pressed;
}

ImVec4 StateColor(Knowledge k) {
    const ui::Palette& p = ui::Colors();
    switch (k) {
        case Knowledge::Known: return p.Good;
        case Knowledge::Assumed: return p.Warning;
        case Knowledge::Unknown: return p.Bad;
        default: return p.Muted;
    }
}

std::string DetailLabel(const AppState& state, PersonaDetail d) {
    return state.T(("persona.detail." + std::string(profila::PersonaDetailKey(d))).c_str());
}

// Values from the comparison as words: genders and weekdays have string keys, the rest are data.
std::string ValueText(const AppState& state, PersonaDetail d, const std::string& value) {
    if (d == PersonaDetail::Gender || d == PersonaDetail::BuysWhen) {
        std::string key = "persona.value." + value;
        if (state.Strings.Has(key)) return state.T(key.c_str());
    }
    return value;
}

// ---- [SECTION] Toolbar and canvas -------------------------------------------------------------
void DrawToolbar(AppState& state, Persona& persona, float width) {
    PersonaView& v = state.Persona;
    ui::SketchCanvasState& c = v.Canvas;
    const float b = ui::Em(2.6f);
    // Tight spacing: two rows of tablet-sized buttons fit beside the details on a 1024 px screen.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ui::Em(0.3f), ui::Em(0.3f)));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float used = 0.0f;
    // Flows buttons into rows that fit width.
    auto next = [&](float w) {
        if (used > 0.0f && used + gap + w > width) used = 0.0f;
        else if (used > 0.0f) ImGui::SameLine();
        used += (used > 0.0f ? gap : 0.0f) + w;
    };
    next(b);
    if (ToolButton(ICON_PENCIL, state.T("persona.tool.pen"), "persona.tool.pen", c.Tool == ui::SketchTool::Pen, b)) c.Tool = ui::SketchTool::Pen;
    next(b);
    if (ToolButton(ICON_ERASER, state.T("persona.tool.eraser"), "persona.tool.eraser", c.Tool == ui::SketchTool::Eraser, b)) c.Tool = ui::SketchTool::Eraser;
    next(b);
    if (ToolButton(ICON_HAND, state.T("persona.tool.hand"), "persona.tool.hand", c.Tool == ui::SketchTool::Hand, b)) c.Tool = ui::SketchTool::Hand;
    profila::SketchHistory& h = v.Histories[persona.Id];
    next(b);
    ImGui::BeginDisabled(h.Undo.empty());
    if (ToolButton(ICON_UNDO, state.T("persona.undo"), "persona.undo", false, b) && profila::UndoSketch(persona.Strokes, h)) MarkChanged(state, persona);
    ImGui::EndDisabled();
    next(b);
    ImGui::BeginDisabled(h.Redo.empty());
    if (ToolButton(ICON_REDO, state.T("persona.redo"), "persona.redo", false, b) && profila::RedoSketch(persona.Strokes, h)) MarkChanged(state, persona);
    ImGui::EndDisabled();
    // Text buttons: template and clear.
    char label[192];
    std::snprintf(label, sizeof label, "%s %s##persona.template", ICON_USER, state.T("persona.template"));
    float tw = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    next(tw);
    if (ui::SecondaryButton(label, ImVec2(tw, b))) ApplyEdit(state, persona, profila::SketchEdit{{}, profila::StickFigureStrokes(c.Color)});
    bool confirm = v.ConfirmClear;
    std::snprintf(label, sizeof label, "%s %s##persona.clear", ICON_TRASH, state.T(confirm ? "persona.clear_confirm" : "persona.clear"));
    tw = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    next(tw);
    ImGui::BeginDisabled(persona.Strokes.empty());
    if (confirm) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(ui::Colors().Bad.x, ui::Colors().Bad.y, ui::Colors().Bad.z, 0.35f));
    if (ui::SecondaryButton(label, ImVec2(tw, b))) {
        if (confirm) {
            ApplyEdit(state, persona, profila::ClearEdit(persona.Strokes));  // undo brings it back
            v.ConfirmClear = false;
        } else {
            v.ConfirmClear = true;
        }
    }
    if (confirm) ImGui::PopStyleColor();
    ImGui::EndDisabled();
    if (confirm && ImGui::IsMouseClicked(0) && !ImGui::IsItemHovered()) v.ConfirmClear = false;
    // Colours and widths: only meaningful for the pen.
    used = 0.0f;  // on a row of their own
    for (const InkChoice& ink : kInks) {
        next(b);
        char key[64];
        std::snprintf(key, sizeof key, "persona.color.%s", ink.Key);
        if (Swatch(ink.Rgb, state.T(key), key, c.Color == ink.Rgb && c.Tool == ui::SketchTool::Pen, b)) {
            c.Color = ink.Rgb;
            c.Tool = ui::SketchTool::Pen;
        }
    }
    for (const WidthChoice& w : kWidths) {
        next(b);
        char key[64];
        std::snprintf(key, sizeof key, "persona.width.%s", w.Key);
        float dot = ui::Em(0.12f) + w.Width * ui::Em(0.045f);
        if (WidthButton(dot, state.T(key), key, c.Width == w.Width && c.Tool == ui::SketchTool::Pen, b)) {
            c.Width = w.Width;
            c.Tool = ui::SketchTool::Pen;
        }
    }
    ImGui::PopStyleVar();
}

void DrawSketch(AppState& state, Persona& persona, ImVec2 size) {
    PersonaView& v = state.Persona;
    auto edit = ui::SketchCanvas("##persona.canvas", v.Canvas, persona.Strokes, size, platform::PenPressure());
    if (edit) ApplyEdit(state, persona, std::move(*edit));
    // Zoom buttons float in the canvas's corner, where a finger finds them without a toolbar row.
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float b = ui::Em(2.6f), sp = ui::Em(0.3f), margin = ui::Em(0.5f);
    ImGui::SetCursorScreenPos(ImVec2(max.x - margin - b * 3 - sp * 2, max.y - margin - b));
    ui::SketchCanvasState& c = v.Canvas;
    if (ToolButton(ICON_ZOOM_OUT, state.T("persona.zoom_out"), "persona.zoom_out", false, b)) ui::ZoomSketch(c, 1.0f / 1.25f);
    ImGui::SameLine(0, sp);
    if (ToolButton(ICON_ZOOM_IN, state.T("persona.zoom_in"), "persona.zoom_in", false, b)) ui::ZoomSketch(c, 1.25f);
    ImGui::SameLine(0, sp);
    if (ToolButton(ICON_ARROWS, state.T("persona.fit"), "persona.fit", false, b)) ui::ResetSketchView(c);
    ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
    ImGui::Dummy(ImVec2(0, 0));
}

// ---- [SECTION] Details, questions, data -------------------------------------------------------
void DrawStateChoice(AppState& state, Persona& persona, PersonaDetail d, float button_w) {
    const Knowledge kStates[] = {Knowledge::Known, Knowledge::Assumed, Knowledge::Unknown};
    profila::DetailEntry& e = persona.Detail(d);
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0, ui::Em(0.25f));
        Knowledge k = kStates[i];
        char label[192];
        std::snprintf(label, sizeof label, "%s##persona.state.%s.%s", state.T(("persona.state." + std::string(profila::KnowledgeKey(k))).c_str()),
                      profila::PersonaDetailKey(d), profila::KnowledgeKey(k));
        bool selected = e.State == k;
        if (selected) {
            ImVec4 col = StateColor(k);
            ImGui::PushStyleColor(ImGuiCol_Button, col);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, col);
            ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().OnPrimary);
        }
        if (ImGui::Button(label, ImVec2(button_w, ui::Em(2.6f)))) {
            e.State = selected ? Knowledge::Unmarked : k;  // a second tap takes the mark away
            MarkChanged(state, persona);
        }
        if (selected) ImGui::PopStyleColor(4);
    }
}

void DrawDetails(AppState& state, Persona& persona) {
    float width = ImGui::GetContentRegionAvail().x;
    ui::StatusMessage(ui::Tone::Info, state.T("persona.note_gentle"));
    ui::MutedText(state.T("persona.state_help"));
    const char* groups[] = {"persona.group.who", "persona.group.think", "persona.group.buy"};
    // State buttons share the row with the label when there is room, else go below it.
    float button_w = 0.0f;
    for (const char* k : {"persona.state.known", "persona.state.assumed", "persona.state.unknown"})
        button_w = std::max(button_w, ImGui::CalcTextSize(state.T(k)).x + ImGui::GetStyle().FramePadding.x * 2);
    button_w = std::max(button_w, ui::Em(4.0f));
    float buttons_w = button_w * 3 + ui::Em(0.5f);
    for (int g = 0; g < 3; ++g) {
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ui::Heading(state.UiFonts.Heading, state.T(groups[g]));
        for (size_t i = 0; i < profila::kPersonaDetailCount; ++i) {
            PersonaDetail d = profila::PersonaDetailAt(i);
            if (static_cast<int>(profila::GroupOf(d)) != g) continue;
            ImGui::PushID(static_cast<int>(i));
            profila::DetailEntry& e = persona.Detail(d);
            std::string label = DetailLabel(state, d);
            float label_w = ImGui::CalcTextSize(label.c_str()).x;
            ImVec2 row = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(row.x, row.y + ui::Em(0.35f)), ImVec2(row.x + ui::Em(0.3f), row.y + ui::Em(2.25f)),
                                                      ImGui::GetColorU32(StateColor(e.State)), ui::Em(0.15f));
            ImGui::SetCursorScreenPos(ImVec2(row.x + ui::Em(0.6f), row.y + (ui::Em(2.6f) - ImGui::GetTextLineHeight()) * 0.5f));
            ImGui::TextUnformatted(label.c_str());
            if (label_w + ui::Em(1.2f) + buttons_w <= width) {
                ImGui::SetCursorScreenPos(ImVec2(row.x + width - buttons_w, row.y));
            } else {
                ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + ui::Em(2.7f)));
            }
            DrawStateChoice(state, persona, d, button_w);
            std::string key = std::string("##persona.value.") + profila::PersonaDetailKey(d);
            float value_w = width * 0.58f;
            if (InputString(key.c_str(), state.T(("persona.hint." + std::string(profila::PersonaDetailKey(d))).c_str()), e.Value, value_w))
                MarkChanged(state, persona);
            ImGui::SameLine(0, ui::Em(0.4f));
            key = std::string("##persona.note.") + profila::PersonaDetailKey(d);
            if (InputString(key.c_str(), state.T("persona.note_hint"), e.Note, ImGui::GetContentRegionAvail().x)) MarkChanged(state, persona);
            ImGui::Dummy(ui::EmVec(0, 0.5f));
            ImGui::PopID();
        }
    }
}

void DrawQuestions(AppState& state, Persona& persona) {
    auto open = profila::OpenQuestions(persona);
    auto counts = profila::CountByKnowledge(persona);
    std::string buf;
    if (open.empty()) {
        ui::Paragraph(state.T("persona.questions.none"));
    } else {
        ui::Paragraph(state.T("persona.questions.intro"));
        ui::MutedText(state.T("persona.way.help"));
    }
    if (counts[0] > 0) ui::MutedText(Fmt(state.T("persona.questions.unmarked"), {std::to_string(counts[0])}, buf));
    const char* way_keys[] = {"persona.way.shoes", "persona.way.secondary", "persona.way.ask"};
    for (PersonaDetail d : open) {
        profila::DetailEntry& e = persona.Detail(d);
        const char* key = profila::PersonaDetailKey(d);
        ImGui::PushID(key);
        ImGui::Dummy(ui::EmVec(0, 0.5f));
        ImGui::Separator();
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ui::Heading(state.UiFonts.Heading, DetailLabel(state, d).c_str());
        if (!e.Value.empty()) ui::MutedText(Fmt(state.T("persona.questions.guess"), {e.Value}, buf));
        float avail = ImGui::GetContentRegionAvail().x;
        float bw = (avail - ui::Em(0.5f)) / 3.0f;
        for (size_t w = 0; w < profila::kFindOutWayCount; ++w) {
            if (w > 0) ImGui::SameLine(0, ui::Em(0.25f));
            char label[192];
            std::snprintf(label, sizeof label, "%s %s##persona.way.%s.%s", e.Ways[w] ? ICON_CHECK : "", state.T(way_keys[w]), key,
                          profila::FindOutWayKey(static_cast<profila::FindOutWay>(w)));
            if (ui::ChoiceButton(label, e.Ways[w], ImVec2(bw, ui::Em(2.6f)))) {
                e.Ways[w] = !e.Ways[w];
                MarkChanged(state, persona);
            }
        }
        std::string id = std::string("##persona.answer.") + key;
        char accept[192];
        std::snprintf(accept, sizeof accept, "%s##persona.accept.%s", state.T("persona.accept"), key);
        float accept_w = ImGui::CalcTextSize(accept, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        if (InputString(id.c_str(), state.T("persona.answer_hint"), e.Answer, avail - accept_w - ui::Em(0.4f))) MarkChanged(state, persona);
        ImGui::SameLine(0, ui::Em(0.4f));
        ImGui::BeginDisabled(e.Answer.find_first_not_of(" \t") == std::string::npos);
        if (ui::PrimaryButton(accept, ImVec2(accept_w, ui::Em(2.6f))) && profila::AcceptAnswer(persona, d)) MarkChanged(state, persona);
        ImGui::EndDisabled();
        ImGui::PopID();
    }
}

profila::Date Today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return profila::DateFromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100.0))); }

void DrawShareBar(float share, ImVec4 color, float width) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = ui::Em(0.55f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec4 track = ui::Colors().CardBorder;
    draw->AddRectFilled(ImVec2(pos.x, pos.y + ui::Em(0.35f)), ImVec2(pos.x + width, pos.y + ui::Em(0.35f) + h), ImGui::GetColorU32(track), h * 0.5f);
    if (share > 0.0f)
        draw->AddRectFilled(ImVec2(pos.x, pos.y + ui::Em(0.35f)), ImVec2(pos.x + std::max(h, width * share), pos.y + ui::Em(0.35f) + h),
                            ImGui::GetColorU32(color), h * 0.5f);
    ImGui::Dummy(ImVec2(width, ui::Em(1.25f)));
}

void DrawData(AppState& state, Persona& persona) {
    PersonaView& v = state.Persona;
    const auto& customers = state.Doc.Data.Customers;
    std::string buf;
    if (customers.empty()) {
        ui::Paragraph(state.T("persona.data.none"));
        return;
    }
    // Recomputed only when the persona or the customers change.
    std::string key = persona.Id + "/" + std::to_string(v.EditSerial) + "/" + std::to_string(state.Doc.EditSerial) + "/" +
                      std::to_string(customers.size()) + "/" + state.Doc.Data.Id;
    if (key != v.ComparisonKey) {
        v.Comparison = profila::ComparePersonaWithCustomers(persona, state.Doc.Data, Today());
        v.ComparisonKey = key;
    }
    const profila::PersonaComparison& cmp = v.Comparison;
    if (cmp.TopCustomers > 0)
        ui::Paragraph(Fmt(state.T("persona.data.summary"),
                          {std::to_string(cmp.Customers), std::to_string(cmp.TopCustomers), Percent(cmp.TopRevenueShare)}, buf));
    else
        ui::Paragraph(Fmt(state.T("persona.data.no_top"), {std::to_string(cmp.Customers)}, buf));
    const ui::Palette& pal = ui::Colors();
    float width = ImGui::GetContentRegionAvail().x;
    for (const auto& d : cmp.Details) {
        ImGui::PushID(static_cast<int>(d.Detail));
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ImGui::Separator();
        ui::Heading(state.UiFonts.Heading, DetailLabel(state, d.Detail).c_str());
        const profila::DetailEntry& e = persona.Detail(d.Detail);
        ui::MutedText(e.Value.empty() ? state.T("persona.data.persona_empty") : Fmt(state.T("persona.data.persona"), {e.Value}, buf));
        std::string top_text = ValueText(state, d.Detail, d.MostCommonTop.empty() ? d.MostCommonAll : d.MostCommonTop);
        bool have_top = d.KnownTop > 0;
        double share = have_top ? d.PersonaShareTop : d.PersonaShareAll;
        switch (d.Verdict) {
            case profila::PersonaVerdict::NoData: ui::MutedText(state.T("persona.verdict.no_data")); break;
            case profila::PersonaVerdict::PersonaEmpty:
                ui::StatusMessage(ui::Tone::Info, Fmt(state.T("persona.verdict.empty"), {top_text}, buf));
                break;
            case profila::PersonaVerdict::Matches:
                ui::StatusMessage(ui::Tone::Good, Fmt(state.T("persona.verdict.matches"), {Percent(share)}, buf));
                break;
            case profila::PersonaVerdict::Common:
                ui::StatusMessage(ui::Tone::Warning, Fmt(state.T("persona.verdict.common"), {Percent(share), top_text}, buf));
                break;
            case profila::PersonaVerdict::Differs:
                ui::StatusMessage(ui::Tone::Bad, Fmt(state.T("persona.verdict.differs"), {Percent(share), top_text}, buf));
                break;
        }
        if (d.KnownAll > 0) {
            ui::MutedText(Fmt(state.T("persona.data.known_of"), {std::to_string(d.KnownAll), std::to_string(cmp.Customers)}, buf));
            // The most common values: all customers (muted bar) and the top 20% (primary bar).
            float label_w = width * 0.34f, bar_w = (width - label_w - ui::Em(1.0f)) * 0.5f;
            ImGui::TextDisabled("%s", "");
            ImGui::SameLine(label_w);
            ImGui::TextUnformatted(state.T("persona.data.all"));
            ImGui::SameLine(label_w + bar_w + ui::Em(0.5f));
            ImGui::TextUnformatted(state.T("persona.data.top"));
            size_t shown = 0;
            for (const auto& s : d.Shares) {
                if (shown++ >= 4) break;
                bool is_persona = std::find(d.PersonaValues.begin(), d.PersonaValues.end(), s.Value) != d.PersonaValues.end();
                std::string text = ValueText(state, d.Detail, s.Value);
                ImGui::PushStyleColor(ImGuiCol_Text, is_persona ? pal.Primary : pal.Text);
                ImGui::TextUnformatted(text.c_str());
                ImGui::PopStyleColor();
                ImGui::SameLine(label_w);
                DrawShareBar(d.KnownAll ? static_cast<float>(s.All) / d.KnownAll : 0.0f, pal.Muted, bar_w);
                ImGui::SameLine(label_w + bar_w + ui::Em(0.5f));
                DrawShareBar(d.KnownTop ? static_cast<float>(s.Top) / d.KnownTop : 0.0f, pal.Primary, bar_w);
            }
        }
        ImGui::PopID();
    }
}

// ---- [SECTION] Screen -------------------------------------------------------------------------
void DrawPersonaBar(AppState& state) {
    PersonaView& v = state.Persona;
    const float h = ui::Em(2.6f);
    float avail = ImGui::GetContentRegionAvail().x;
    float used = 0.0f;
    for (size_t i = 0; i < state.Doc.Personas.size(); ++i) {
        const Persona& p = state.Doc.Personas[i];
        char label[256];
        std::snprintf(label, sizeof label, "%s##persona.pick.%zu", p.Name.empty() ? state.T("persona.card.untitled") : p.Name.c_str(), i);
        float w = std::min(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2, ui::Em(12.0f));
        if (used > 0 && used + w < avail) ImGui::SameLine();
        else used = 0;
        used += w + ImGui::GetStyle().ItemSpacing.x;
        if (ui::ChoiceButton(label, p.Id == v.SelectedId, ImVec2(w, h))) {
            v.SelectedId = p.Id;
            v.ConfirmDeleteId.clear();
        }
    }
    char label[192];
    std::snprintf(label, sizeof label, "%s %s##persona.new", ICON_PLUS, state.T("persona.new"));
    float w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    if (used > 0 && used + w < avail) ImGui::SameLine();
    if (ui::SecondaryButton(label, ImVec2(w, h))) CreatePersona(state);
}

void DrawPersonaActions(AppState& state, Persona& persona, float width) {
    PersonaView& v = state.Persona;
    const float h = ui::Em(2.6f);
    char del[192], exp[192];
    bool confirm = v.ConfirmDeleteId == persona.Id;
    std::snprintf(del, sizeof del, "%s %s##persona.delete", ICON_TRASH, state.T(confirm ? "persona.delete_confirm" : "persona.delete"));
    std::snprintf(exp, sizeof exp, "%s %s##persona.export", ICON_IMAGE, state.T("persona.export"));
    float pad = ImGui::GetStyle().FramePadding.x * 2, sp = ImGui::GetStyle().ItemSpacing.x;
    float del_w = ImGui::CalcTextSize(del, nullptr, true).x + pad, exp_w = ImGui::CalcTextSize(exp, nullptr, true).x + pad;
    float name_w = std::max(ui::Em(8.0f), width - del_w - exp_w - sp * 2);
    ImGui::PushFont(state.UiFonts.Heading);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (h - ImGui::GetFontSize()) * 0.5f));
    if (InputString("##persona.name", state.T("persona.name_hint"), persona.Name, name_w)) MarkChanged(state, persona);
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::SameLine();
    if (ui::SecondaryButton(exp, ImVec2(exp_w, h))) {
        std::string file = CardFileName(persona);
        platform::DownloadBytes(file, "image/png", PersonaCardPng(state, persona));
        v.Notice = profila::FormatText(state.T("persona.exported"), {file});
    }
    ImGui::SameLine();
    if (confirm) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(ui::Colors().Bad.x, ui::Colors().Bad.y, ui::Colors().Bad.z, 0.35f));
    if (ui::SecondaryButton(del, ImVec2(del_w, h))) {
        if (confirm) {
            v.ConfirmDeleteId.clear();
            DeletePersona(state, persona.Id);
        } else {
            v.ConfirmDeleteId = persona.Id;
        }
    }
    if (confirm) ImGui::PopStyleColor();
}

void DrawPanelTabs(AppState& state, const Persona& persona, float width) {
    PersonaView& v = state.Persona;
    std::string q = profila::FormatText(state.T("persona.tab.questions"), {std::to_string(profila::OpenQuestions(persona).size())});
    struct Tab {
        PersonaPanel Panel;
        std::string Text;
        const char* Key;
    } tabs[] = {{PersonaPanel::Details, state.T("persona.tab.details"), "persona.tab.details"},
                {PersonaPanel::Questions, q, "persona.tab.questions"},
                {PersonaPanel::Data, state.T("persona.tab.data"), "persona.tab.data"}};
    float sp = ui::Em(0.25f);
    float pad = ImGui::GetStyle().FramePadding.x * 2;
    float natural = 0.0f;
    for (const Tab& t : tabs) natural += ImGui::CalcTextSize(t.Text.c_str()).x + pad;
    float extra = std::max(0.0f, (width - natural - sp * 2) / 3.0f);
    bool wrap = natural + sp * 2 > width;
    for (int i = 0; i < 3; ++i) {
        const Tab& t = tabs[i];
        float w = wrap ? (width - sp) * (i == 2 ? 1.0f : 0.5f) - (i == 2 ? 0.0f : 0.0f) : ImGui::CalcTextSize(t.Text.c_str()).x + pad + extra;
        if (wrap && i == 2) w = width;
        if (i > 0 && !(wrap && i == 2)) ImGui::SameLine(0, sp);
        if (wrap && i < 2) w = (width - sp) * 0.5f;
        char label[256];
        std::snprintf(label, sizeof label, "%s##%s", t.Text.c_str(), t.Key);
        if (ui::ChoiceButton(label, v.Panel == t.Panel, ImVec2(w, ui::Em(2.6f)))) v.Panel = t.Panel;
    }
}

void DrawPanel(AppState& state, Persona& persona, ImVec2 size) {
    DrawPanelTabs(state, persona, size.x);
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), (ui::Em(2.6f) - ImGui::GetFontSize()) * 0.5f));
    // One child per tab: each keeps its own scroll position.
    const char* child = state.Persona.Panel == PersonaPanel::Details ? "##persona.panel.details"
                        : state.Persona.Panel == PersonaPanel::Questions ? "##persona.panel.questions" : "##persona.panel.data";
    ImGui::BeginChild(child, ImVec2(size.x, std::max(ui::Em(8.0f), ImGui::GetContentRegionAvail().y)), ImGuiChildFlags_None);
    switch (state.Persona.Panel) {
        case PersonaPanel::Details: DrawDetails(state, persona); break;
        case PersonaPanel::Questions: DrawQuestions(state, persona); break;
        case PersonaPanel::Data: DrawData(state, persona); break;
    }
    ImGui::Dummy(ui::EmVec(0, 1.0f));
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

}  // namespace

void DrawPersonaScreen(AppState& state) {
    auto started = std::chrono::steady_clock::now();
    PersonaView& v = state.Persona;
    const Document& doc = state.Doc;
    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool portrait = avail.x < avail.y * 1.05f;

    ui::Heading(state.UiFonts.Title, state.T("persona.title"));
    if (!portrait || avail.x > ui::Em(40.0f)) ui::MutedText(state.T("persona.intro"));
    bool store_failed = doc.Store.LoadFailed;
    if (store_failed) ui::StatusMessage(ui::Tone::Warning, state.T("persona.store_unavailable"));
    if (!doc.Loaded && !store_failed) {
        ui::StatusMessage(ui::Tone::Info, state.T("persona.loading"));
        return;
    }
    std::string buf;
    if (!v.Notice.empty()) ui::StatusMessage(ui::Tone::Good, v.Notice.c_str());

    DrawPersonaBar(state);
    Persona* persona = Selected(state);
    if (!persona && !state.Doc.Personas.empty()) {
        v.SelectedId = state.Doc.Personas.front().Id;
        persona = Selected(state);
    }
    if (!persona) {
        ImGui::Dummy(ui::EmVec(0, 0.5f));
        ui::Paragraph(state.T("persona.empty"));
        return;
    }
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    avail = ImGui::GetContentRegionAvail();
    float gap = ui::Em(1.0f);
    if (!portrait) {
        // Landscape: drawing on the left, details on the right, both always visible.
        float left_w = std::clamp(avail.x * 0.485f, ui::Em(20.0f), avail.x - ui::Em(22.0f));
        ImGui::BeginGroup();
        ImGui::PushID("sketch");
        DrawToolbar(state, *persona, left_w);
        float canvas_h = std::max(ui::Em(10.0f), ImGui::GetContentRegionAvail().y - ui::Em(0.2f));
        DrawSketch(state, *persona, ImVec2(left_w, canvas_h));
        ImGui::PopID();
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        float right_w = ImGui::GetContentRegionAvail().x;
        DrawPersonaActions(state, *persona, right_w);
        DrawPanel(state, *persona, ImVec2(right_w, 0));
        ImGui::EndGroup();
    } else {
        // Portrait: name and actions, then the drawing, then the panel below it.
        DrawPersonaActions(state, *persona, avail.x);
        DrawToolbar(state, *persona, avail.x);
        float canvas_h = std::max(ui::Em(12.0f), ImGui::GetContentRegionAvail().y * 0.5f);
        DrawSketch(state, *persona, ImVec2(avail.x, canvas_h));
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        DrawPanel(state, *persona, ImVec2(avail.x, 0));
    }
    v.LastScreenMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}
