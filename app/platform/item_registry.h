// The registry of widgets drawn in the last frame, fed by Dear ImGui's test-engine hooks
// (IMGUI_ENABLE_TEST_ENGINE) and by our own headings and status texts. It backs
// window.profila.items() for tests and the hidden accessible mirror of the canvas.
#pragma once
#include <string>
#include <vector>
#include "imgui.h"

namespace item_registry {

enum class Role { Button, Input, Checkbox, Heading, Text, Status, Tab, Other };

struct Item {
    unsigned int Id = 0;
    std::string Label;   // visible label (the part before "##", icons removed)
    std::string Key;     // the part after "##": a language-independent name for tests
    Role ItemRole = Role::Other;
    ImVec2 Min, Max;     // physical pixels, clipped to what is visible
    bool Checked = false;
};

// Called by ImGui (see the hooks in item_registry.cpp) and by ui::Heading/ui::Status.
void AddText(Role role, const char* text, ImVec2 min, ImVec2 max);
void BeginFrame();
void EndFrame(float device_pixel_ratio);
const std::vector<Item>& LastFrame();
// The last frame's items as JSON [{id,label,key,role,checked,x,y,w,h}] in CSS pixels.
const char* LastFrameJson();

}  // namespace item_registry
