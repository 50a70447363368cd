// Small charts drawn straight on ImGui's draw list (getter -> transform -> render, as ImPlot
// does), sized in Em units. Each reserves its rectangle as an item with a "##key" id, so tests can
// find it through window.profila.items().
#pragma once
#include <vector>

#include "imgui.h"

namespace ui {

struct CurvePoint {
    float X = 0, Y = 0;  // both 0..1
};

// A cumulative curve in a unit square with the diagonal for reference and a marker at mark_x
// (e.g. 0.2 for the top 20%); captions under the axes.
void CurveChart(const char* id, const std::vector<CurvePoint>& points, ImVec2 size, float mark_x, const char* x_caption,
                const char* y_caption);

struct Bar {
    const char* Label = "";
    float Value = 0;
    const char* ValueText = "";
    ImU32 Color = 0;  // 0 = the theme's primary colour
};

// Horizontal bars, one row each (label left, bar, value text right), scaled to the largest value.
void BarChart(const char* id, const std::vector<Bar>& bars, float width);

// Two values side by side per group (e.g. expected against actual), vertical bars on a shared
// scale, the group's label under them, a legend of the two series above; height in pixels.
struct BarPair {
    const char* Label = "";
    float First = 0, Second = 0;
};
void PairedBarChart(const char* id, const std::vector<BarPair>& groups, ImVec2 size, const char* first_name,
                    const char* second_name);

}  // namespace ui
