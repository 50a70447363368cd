// Persona: the sketch's toolbar (tools, inks, widths, undo, zoom) and its canvas.

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
#include "persona_parts.h"
#include "imgui.h"
#include "persona/card.h"
#include "codec/persona_json.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace persona_ui {

// ---- [SECTION] Small widgets ------------------------------------------------------------------
// A square tool button with an icon; shown pressed when selected.
bool ToolButton(const char* icon, const char* text, const char* key, bool selected, float size) {
    char label[192];
    std::snprintf(label, sizeof label, "%s##%s", icon, key);
    bool pressed = ui::ChoiceButton(label, selected, ImVec2(size, size));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal) && ImGui::GetIO().MouseSource == ImGuiMouseSource_Mouse) ImGui::SetTooltip("%s", text);
    return pressed;
}

// A round choice: a filled dot of radius `dot` and `color`; a ring marks the chosen one.
bool RoundChoice(const char* text, const char* key, bool selected, float size, float dot, ImU32 color) {
    char label[192];
    std::snprintf(label, sizeof label, "%s##%s", text, key);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(label, ImVec2(size, size));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 c(pos.x + size * 0.5f, pos.y + size * 0.5f);
    if (selected) draw->AddCircle(c, size * 0.46f, ImGui::GetColorU32(ui::Colors().Primary), 0, ui::Em(0.14f));
    else if (ImGui::IsItemHovered()) draw->AddCircle(c, size * 0.46f, ImGui::GetColorU32(ui::Colors().Muted), 0, ui::Em(0.06f));
    draw->AddCircleFilled(c, dot, color);
    return pressed;
}

// A colour swatch.
bool Swatch(uint32_t rgb, const char* text, const char* key, bool selected, float size) {
    return RoundChoice(text, key, selected, size, size * 0.3f, IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255));
}

// A line-width choice drawn as a dot of that width.
bool WidthButton(float dot, const char* text, const char* key, bool selected, float size) {
    return RoundChoice(text, key, selected, size, dot, ImGui::GetColorU32(ui::Colors().Text));
}

}  // namespace persona_ui

namespace persona_ui {

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

}  // namespace persona_ui
