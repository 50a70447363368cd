#include "drag_drop.h"

#include <algorithm>
#include <cfloat>

// Touch drag-to-scroll (app/platform/touch_gestures.h) must leave a held card's drag alone.
#if __has_include("platform/touch_gestures.h")
#include "platform/touch_gestures.h"
#define PROFILA_KEEP_DRAG() touch::KeepDragOnLastItem()
#else
#define PROFILA_KEEP_DRAG() ((void)0)
#endif

#include "theme.h"
#include "widgets.h"

namespace ui {

namespace {
float CardPad() { return Em(0.6f); }
float TextLeft() { return Em(1.2f); }  // room for the grip mark left of the text
float TextWrap(float width) { return width - TextLeft() - CardPad(); }
}  // namespace

float DragCardHeight(const char* text, float width) {
    ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, TextWrap(width));
    return std::max(Em(2.6f), size.y + CardPad() * 2);
}

bool IsDragging(const DragDropState& state) { return state.Active != 0 && state.Moved; }

DragCardResult DragCard(DragDropState& state, const char* id_label, const char* text, float width, bool selected) {
    DragCardResult result;
    const Palette& p = Colors();
    float height = DragCardHeight(text, width);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(id_label, ImVec2(width, height));
    PROFILA_KEEP_DRAG();  // a finger dragging a card moves the card, not the page
    ImGuiID id = ImGui::GetItemID();
    bool active = ImGui::IsItemActive();
    bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();

    if (ImGui::IsItemActivated()) {
        state.Active = id;
        state.Moved = false;
        state.GrabOffset = ImVec2(io.MousePos.x - pos.x, io.MousePos.y - pos.y);
        state.LastPos = io.MousePos;
    }
    bool dragging = false;
    if (active && state.Active == id) {
        if (io.MousePos.x > -FLT_MAX * 0.5f) state.LastPos = io.MousePos;
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, io.MouseDragThreshold)) state.Moved = true;
        dragging = state.Moved;
    }
    if (ImGui::IsItemDeactivated() && state.Active == id) {
        if (state.Moved) {
            result.Dropped = true;
            result.DropPos = state.LastPos;
        } else {
            result.Tapped = true;
        }
        state.Active = 0;
        state.Moved = false;
    } else if (pressed && !state.Moved) {
        result.Tapped = true;
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + width, pos.y + height);
    float rounding = Em(0.45f);
    ImVec4 border = selected ? p.Primary : p.CardBorder;
    if (dragging) {
        // Leave a dashed-looking hole where the card was, and draw the card under the pointer.
        draw->AddRect(pos, max, ImGui::GetColorU32(p.CardBorder), rounding, 0, 1.0f);
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        ImVec2 at(state.LastPos.x - state.GrabOffset.x, state.LastPos.y - state.GrabOffset.y);
        ImVec2 at_max(at.x + width, at.y + height);
        fg->AddRectFilled(ImVec2(at.x + Em(0.15f), at.y + Em(0.2f)), ImVec2(at_max.x + Em(0.15f), at_max.y + Em(0.2f)),
                          IM_COL32(0, 0, 0, 50), rounding);
        fg->AddRectFilled(at, at_max, ImGui::GetColorU32(p.Card), rounding);
        fg->AddRect(at, at_max, ImGui::GetColorU32(p.Primary), rounding, 0, 2.0f);
        fg->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + TextLeft(), at.y + (height - ImGui::CalcTextSize(text, nullptr, false, TextWrap(width)).y) * 0.5f),
                    ImGui::GetColorU32(p.Text), text, nullptr, TextWrap(width));
        return result;
    }
    ImVec4 bg = p.Card;
    if (selected) {
        bg = p.Primary;
        bg.w = 0.16f;
    } else if (hovered) {
        bg = ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered);
    }
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), rounding);
    draw->AddRect(pos, max, ImGui::GetColorU32(border), rounding, 0, selected ? 2.5f : 1.2f);
    // A grip mark on the left says "this can be moved".
    float gx = pos.x + Em(0.45f);
    for (int i = 0; i < 3; ++i) {
        float gy = pos.y + height * 0.5f + (i - 1) * Em(0.3f);
        draw->AddLine(ImVec2(gx, gy), ImVec2(gx + Em(0.4f), gy), ImGui::GetColorU32(p.Muted), Em(0.1f));
    }
    ImVec2 text_size = ImGui::CalcTextSize(text, nullptr, false, TextWrap(width));
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + TextLeft(), pos.y + (height - text_size.y) * 0.5f),
                  ImGui::GetColorU32(p.Text), text, nullptr, TextWrap(width));
    return result;
}

}  // namespace ui
