// Cards you can drag by finger, pen or mouse, and drop zones to drop them on. Works the same for
// touch and mouse because it only reads ImGui's active item and mouse position (the platform layer
// feeds touches as mouse input, app/platform/platform_web.cpp). A short press without movement is
// a tap, so "tap a card, then tap a bucket" works too for people who cannot drag.
#pragma once
#include <string>

#include "imgui.h"

namespace ui {

// Drag bookkeeping; lives in the screen's view struct (no static state).
struct DragDropState {
    ImGuiID Active = 0;           // the card being held
    bool Moved = false;           // moved beyond the drag threshold since the press
    ImVec2 GrabOffset = ImVec2(0, 0);
    ImVec2 LastPos = ImVec2(0, 0);  // last pointer position while held (touch release moves the pointer away)
};

struct DragCardResult {
    bool Tapped = false;          // pressed and released in place
    bool Dropped = false;         // released after a drag; DropPos is where
    ImVec2 DropPos = ImVec2(0, 0);
};

// Height a card of this width needs for its wrapped text (at least the 44 px touch target).
float DragCardHeight(const char* text, float width);
// A card with wrapped text; while dragged it follows the pointer, drawn above everything.
DragCardResult DragCard(DragDropState& state, const char* id_label, const char* text, float width, bool selected);
// True while any card is being dragged (drop zones highlight).
bool IsDragging(const DragDropState& state);

}  // namespace ui
