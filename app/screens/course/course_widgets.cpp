// Course: the small widgets of the players (option cards, text boxes, wrapped buttons, marks).

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

namespace course_ui {

// ---- [SECTION] Small widgets ----------------------------------------------------------------

// "text##key" labels for buttons whose visible text is content.
std::string Label(const char* text, const std::string& key) { return std::string(text) + "##" + key; }

// The frame of a tappable card: tinted when selected, lit when hovered; `ring` draws its border in
// the primary colour (thicker when selected).
void DrawChoiceFrame(ImDrawList* draw, ImVec2 pos, ImVec2 max, bool selected, bool hovered, bool ring, float radius) {
    const ui::Palette& p = ui::Colors();
    ImVec4 bg = selected ? p.Primary : (hovered ? ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered) : p.Card);
    if (selected) bg.w = 0.14f;
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), radius);
    draw->AddRect(pos, max, ImGui::GetColorU32(ring ? p.Primary : p.CardBorder), radius, 0, selected ? 2.5f : 1.2f);
}

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
    DrawChoiceFrame(draw, pos, max, selected, hovered, selected, ui::Em(0.5f));
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
    DrawChoiceFrame(draw, pos, max, selected, hovered, selected || placeholder, ui::Em(0.45f));
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

}  // namespace course_ui
