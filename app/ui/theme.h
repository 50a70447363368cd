// The look of Profila: a calm light theme for a shop counter, a dark one as option.
#pragma once
#include "imgui.h"

namespace ui {

// Semantic colours beyond ImGui's own, for charts, badges and messages.
struct Palette {
    ImVec4 Primary, PrimaryHover, PrimaryActive, OnPrimary;
    ImVec4 Accent, Good, Warning, Bad, Muted, Card, CardBorder, Text, Background;
};

// Rebuilds the style from scratch for the given scale (never accumulates ScaleAllSizes).
void ApplyTheme(bool dark, float ui_scale);
const Palette& Colors();

}  // namespace ui
