// Touch gestures Dear ImGui 1.90.1 does not have: drag to scroll with momentum (ImGui #3379, still
// open), long press as a right click, and a tap slop so a tap that wobbles a few pixels stays a
// tap. Pure ImGui (no Emscripten): the platform layer feeds finger events in physical pixels and
// calls Update() once per frame after ImGui::NewFrame(); this module decides what ImGui sees.
//
// How a finger is read:
//   - down: ImGui gets the position, then the press (so buttons show pressed, sliders follow);
//   - moved past the slop while on no item, on a window background or on a button-like item: it
//     becomes a scroll of the scrollable window under the finger; the item's press is cancelled
//     (ClearActiveID before the release, so no click happens) and ImGui sees no mouse;
//   - widgets that follow the finger keep it: sliders, drags, text fields (they read arrow keys,
//     ActiveIdUsingNavDirMask), scrollbars, and any widget that calls KeepDragOnLastItem();
//   - held still for LongPressSeconds: the left press is cancelled and a right click is sent;
//   - lifted while scrolling fast: the window keeps scrolling and slows down (not under
//     prefers-reduced-motion); a new touch stops it.
#pragma once
#include "imgui.h"

namespace touch {

struct Settings {
    float SlopPx = 20.0f;               // physical pixels a tap may wobble (10 CSS px at dpr 2)
    double LongPressSeconds = 0.45;
    float FlingMinSpeedPx = 400.0f;     // physical pixels per second at the lift for momentum
    double FlingMaxPauseSeconds = 0.05; // a finger still for longer before lifting does not fling
    bool ReducedMotion = false;         // no inertia
};

// Finger events, positions in ImGui (physical) pixels, times in seconds.
void Begin(ImVec2 pos, double now);
void Move(ImVec2 pos, double now);
// Returns true when the touch ended as a tap (the platform then runs the frames that may focus the
// on-screen keyboard's text agent inside the gesture), false for a scroll or a long press.
bool End(ImVec2 pos, double now, const Settings& settings);
void Cancel();

// Once per frame, after ImGui::NewFrame() and before the UI is built.
void Update(double now, const Settings& settings);

// True while a finger is down.
bool FingerDown();
// True while a fling is still scrolling (the platform keeps frames coming).
bool Scrolling();

// For widgets that follow the finger (a sketch canvas, a chart being panned): call right after
// the widget; while it is active, a drag stays with it instead of scrolling the window.
void KeepDragOnLastItem();

}  // namespace touch
