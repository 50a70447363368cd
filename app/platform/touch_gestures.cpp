#include "touch_gestures.h"

#include <cfloat>
#include <cmath>

#include "imgui_internal.h"

namespace touch {
namespace {

enum class Phase { Idle, Pressed, Scrolling, LongPressed, Fling };

struct Gesture {
    Phase Now = Phase::Idle;
    ImVec2 Start, Pos, Applied;     // finger at touch start, now, and where the scroll last followed it
    double StartTime = 0.0, MoveTime = 0.0;
    ImVec2 Velocity;                // physical px per second, smoothed
    ImGuiID TargetWindow = 0;       // the window under the finger when it went down
    ImGuiID KeptItem = 0;           // a widget that asked to keep drags (KeepDragOnLastItem)
    bool SawPress = false;          // ImGui has processed the press (the frame after the position)
};

Gesture& G() {
    static Gesture gesture;  // one finger followed at a time; lives with the page
    return gesture;
}

float Length(ImVec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

void SendPos(ImVec2 pos) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(pos.x, pos.y);
}

void SendButton(int button, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMouseButtonEvent(button, down);
}

// Nothing stays hovered under a lifted finger.
void ParkMouse() { SendPos(ImVec2(-FLT_MAX, -FLT_MAX)); }

bool CanScroll(const ImGuiWindow* w) {
    return w && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse) && (w->ScrollMax.y > 0.0f || w->ScrollMax.x > 0.0f);
}

// The window a drag scrolls: the one under the finger, else the nearest parent that can scroll
// (as the mouse wheel does with child windows).
ImGuiWindow* ScrollTarget() {
    ImGuiWindow* w = ImGui::FindWindowByID(G().TargetWindow);
    while (w && !CanScroll(w)) w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr;
    return w;
}

// Widgets that follow the finger keep the drag instead of scrolling.
bool ActiveItemKeepsDrag() {
    ImGuiContext& g = *GImGui;
    ImGuiID id = g.ActiveId;
    if (id == 0) return false;
    if (id == G().KeptItem) return true;
    // A press on a window's background makes its MoveId active and claims all keys (ImGui's
    // StartMouseMovingWindow): that is no widget, the drag scrolls.
    for (ImGuiWindow* w = g.ActiveIdWindow; w; w = w->ParentWindow)
        if (id == w->MoveId) return false;
    if (g.ActiveIdUsingNavDirMask != 0) return true;  // sliders, drags, text fields
    if (ImGuiWindow* w = g.ActiveIdWindow) {
        if (id == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X) || id == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y)) return true;
    }
    return false;
}

// Scrolls by a finger delta; returns false when the window cannot move further that way.
bool ScrollBy(ImGuiWindow* w, ImVec2 delta) {
    bool moved = false;
    if (w->ScrollMax.y > 0.0f && delta.y != 0.0f) {
        float y = ImClamp(w->Scroll.y - delta.y, 0.0f, w->ScrollMax.y);
        moved |= y != w->Scroll.y;
        ImGui::SetScrollY(w, y);
    }
    if (w->ScrollMax.x > 0.0f && delta.x != 0.0f) {
        float x = ImClamp(w->Scroll.x - delta.x, 0.0f, w->ScrollMax.x);
        moved |= x != w->Scroll.x;
        ImGui::SetScrollX(w, x);
    }
    return moved;
}

// Cancels the left press without a click: the active item forgets it, then the release arrives.
void CancelPress() {
    ImGui::ClearActiveID();
    SendButton(0, false);
}

}  // namespace

void Begin(ImVec2 pos, double now) {
    Gesture& t = G();
    t = Gesture();
    t.Now = Phase::Pressed;
    t.Start = t.Pos = t.Applied = pos;
    t.StartTime = t.MoveTime = now;
    SendPos(pos);  // position first, then the press (ImGui #2702: with touch the press trickles a frame later)
    SendButton(0, true);
}

void Move(ImVec2 pos, double now) {
    Gesture& t = G();
    if (t.Now == Phase::Idle || t.Now == Phase::Fling) return;
    double dt = now - t.MoveTime;
    if (dt > 1e-4) {
        ImVec2 v((pos.x - t.Pos.x) / static_cast<float>(dt), (pos.y - t.Pos.y) / static_cast<float>(dt));
        t.Velocity = ImVec2(t.Velocity.x * 0.2f + v.x * 0.8f, t.Velocity.y * 0.2f + v.y * 0.8f);
    }
    t.Pos = pos;
    t.MoveTime = now;
    if (t.Now == Phase::Pressed || t.Now == Phase::LongPressed) SendPos(pos);
}

bool End(ImVec2 pos, double now, const Settings& settings) {
    Gesture& t = G();
    Phase was = t.Now;
    if (was == Phase::Idle || was == Phase::Fling) return false;
    // The lift usually repeats the last move's position: it says when the finger left, not how
    // fast it went.
    if (pos.x != t.Pos.x || pos.y != t.Pos.y) Move(pos, now);
    t.Now = Phase::Idle;
    if (was == Phase::Pressed) {
        SendButton(0, false);
        ParkMouse();
        return true;
    }
    if (was == Phase::LongPressed) {
        ParkMouse();
        return false;
    }
    // A scroll: keep going if the finger left fast and still moving (a finger that stopped before
    // it lifted leaves the screen where it is).
    bool recent = now - t.MoveTime < settings.FlingMaxPauseSeconds;
    float speed = Length(t.Velocity);
    if (!settings.ReducedMotion && recent && speed > settings.FlingMinSpeedPx) t.Now = Phase::Fling;
    return false;
}

void Cancel() {
    Gesture& t = G();
    if (t.Now == Phase::Pressed) CancelPress();
    if (t.Now != Phase::Idle && t.Now != Phase::Fling) ParkMouse();
    t.Now = Phase::Idle;
}

void Update(double now, const Settings& settings) {
    ImGuiContext& g = *GImGui;
    Gesture& t = G();
    switch (t.Now) {
        case Phase::Idle:
        case Phase::LongPressed:
            return;
        case Phase::Pressed: {
            if (!t.SawPress) {
                // The first frame that has the press: note what is under the finger.
                if (!g.IO.MouseDown[0]) return;
                t.SawPress = true;
                t.TargetWindow = g.HoveredWindow ? g.HoveredWindow->ID : 0;
                // Widgets take the press while this frame is built (a card calls
                // KeepDragOnLastItem then): judge scroll and long press from the next frame, or a
                // slow first frame turns every card drag into a long press.
                return;
            }
            float moved = Length(ImVec2(t.Pos.x - t.Start.x, t.Pos.y - t.Start.y));
            if (moved > settings.SlopPx) {
                if (ActiveItemKeepsDrag()) return;
                if (!ScrollTarget()) return;  // nothing to scroll: the item keeps the drag
                CancelPress();
                ParkMouse();
                t.Now = Phase::Scrolling;
                t.Applied = t.Pos;  // follow from here: no jump by the slop
                return;
            }
            bool on_text = g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
            if (now - t.StartTime >= settings.LongPressSeconds && !on_text && !ActiveItemKeepsDrag()) {
                // Long press = right click where the finger is (context menus open on right release).
                CancelPress();
                SendButton(1, true);
                SendButton(1, false);
                t.Now = Phase::LongPressed;
            }
            return;
        }
        case Phase::Scrolling: {
            ImGuiWindow* w = ScrollTarget();
            if (!w) return;
            ScrollBy(w, ImVec2(t.Pos.x - t.Applied.x, t.Pos.y - t.Applied.y));
            t.Applied = t.Pos;
            return;
        }
        case Phase::Fling: {
            ImGuiWindow* w = ScrollTarget();
            float dt = ImMin(g.IO.DeltaTime, 0.05f);
            if (!w || !ScrollBy(w, ImVec2(t.Velocity.x * dt, t.Velocity.y * dt))) {
                t.Now = Phase::Idle;
                return;
            }
            float decay = std::exp(-dt / 0.325f);  // about iOS's deceleration
            t.Velocity = ImVec2(t.Velocity.x * decay, t.Velocity.y * decay);
            if (Length(t.Velocity) < settings.SlopPx) t.Now = Phase::Idle;
            return;
        }
    }
}

bool FingerDown() { return G().Now == Phase::Pressed || G().Now == Phase::Scrolling || G().Now == Phase::LongPressed; }
bool Scrolling() { return G().Now == Phase::Scrolling || G().Now == Phase::Fling; }

void KeepDragOnLastItem() {
    if (ImGui::IsItemActive()) G().KeptItem = ImGui::GetItemID();
}

}  // namespace touch
