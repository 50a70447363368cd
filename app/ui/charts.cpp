#include "charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "theme.h"
#include "widgets.h"

namespace ui {

void CurveChart(const char* id, const std::vector<CurvePoint>& points, ImVec2 size, float mark_x, const char* x_caption,
                const char* y_caption) {
    const Palette& p = Colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    const float pad = Em(0.6f), caption_h = ImGui::GetTextLineHeight();
    const ImVec2 lo(origin.x + pad + caption_h, origin.y + pad);
    const ImVec2 hi(origin.x + size.x - pad, origin.y + size.y - pad - caption_h);
    auto at = [&](float x, float y) { return ImVec2(lo.x + (hi.x - lo.x) * x, hi.y - (hi.y - lo.y) * y); };
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(p.Card), Em(0.4f));
    ImU32 grid = ImGui::GetColorU32(p.CardBorder);
    for (int k = 0; k <= 4; ++k) {
        float f = k / 4.0f;
        draw->AddLine(at(0, f), at(1, f), grid);
        draw->AddLine(at(f, 0), at(f, 1), grid);
    }
    draw->AddLine(at(0, 0), at(1, 1), ImGui::GetColorU32(p.Muted), 1.0f);  // perfect equality
    if (points.size() >= 2) {
        std::vector<ImVec2> line;
        line.reserve(points.size() + 2);
        for (const CurvePoint& q : points) line.push_back(at(q.X, q.Y));
        // Filled area under the curve, then the curve itself.
        ImVec4 fill = p.Primary;
        fill.w = 0.15f;
        for (size_t k = 1; k < line.size(); ++k)
            draw->AddQuadFilled(line[k - 1], line[k], ImVec2(line[k].x, hi.y), ImVec2(line[k - 1].x, hi.y), ImGui::GetColorU32(fill));
        draw->AddPolyline(line.data(), static_cast<int>(line.size()), ImGui::GetColorU32(p.Primary), 0, Em(0.15f));
        if (mark_x > 0 && mark_x < 1) {
            float y = 0;
            for (size_t k = 1; k < points.size(); ++k)
                if (points[k].X >= mark_x) {
                    float t = (mark_x - points[k - 1].X) / std::max(1e-6f, points[k].X - points[k - 1].X);
                    y = points[k - 1].Y + t * (points[k].Y - points[k - 1].Y);
                    break;
                }
            draw->AddLine(at(mark_x, 0), at(mark_x, y), ImGui::GetColorU32(p.Accent), Em(0.1f));
            draw->AddLine(at(0, y), at(mark_x, y), ImGui::GetColorU32(p.Accent), Em(0.1f));
            draw->AddCircleFilled(at(mark_x, y), Em(0.3f), ImGui::GetColorU32(p.Accent));
        }
    }
    ImU32 text = ImGui::GetColorU32(p.Muted);
    ImVec2 xs = ImGui::CalcTextSize(x_caption);
    draw->AddText(ImVec2((lo.x + hi.x - xs.x) / 2, hi.y + Em(0.2f)), text, x_caption);
    draw->AddText(ImVec2(origin.x + pad * 0.5f, lo.y), text, y_caption);
}

void BarChart(const char* id, const std::vector<Bar>& bars, float width) {
    const Palette& p = Colors();
    ImGui::PushID(id);
    float label_w = 0, value_w = 0;
    for (const Bar& b : bars) {
        label_w = std::max(label_w, ImGui::CalcTextSize(b.Label).x);
        value_w = std::max(value_w, ImGui::CalcTextSize(b.ValueText).x);
    }
    label_w = std::min(label_w + Em(0.6f), width * 0.42f);
    float max_value = 0;
    for (const Bar& b : bars) max_value = std::max(max_value, b.Value);
    const float row_h = Em(1.7f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, row_h * std::max<size_t>(1, bars.size())));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float bar_w = std::max(Em(2), width - label_w - value_w - Em(1.2f));
    for (size_t k = 0; k < bars.size(); ++k) {
        const Bar& b = bars[k];
        float y = origin.y + k * row_h;
        draw->PushClipRect(ImVec2(origin.x, y), ImVec2(origin.x + label_w - Em(0.3f), y + row_h), true);
        draw->AddText(ImVec2(origin.x, y + (row_h - ImGui::GetTextLineHeight()) / 2), ImGui::GetColorU32(p.Text), b.Label);
        draw->PopClipRect();
        float w = max_value > 0 ? bar_w * b.Value / max_value : 0;
        ImU32 color = b.Color ? b.Color : ImGui::GetColorU32(p.Primary);
        draw->AddRectFilled(ImVec2(origin.x + label_w, y + row_h * 0.2f), ImVec2(origin.x + label_w + std::max(w, 1.0f), y + row_h * 0.8f),
                            color, Em(0.2f));
        draw->AddText(ImVec2(origin.x + label_w + w + Em(0.4f), y + (row_h - ImGui::GetTextLineHeight()) / 2),
                      ImGui::GetColorU32(p.Muted), b.ValueText);
    }
    ImGui::PopID();
}

void PairedBarChart(const char* id, const std::vector<BarPair>& groups, ImVec2 size, const char* first_name,
                    const char* second_name) {
    const Palette& p = Colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    const float line_h = ImGui::GetTextLineHeight(), pad = Em(0.6f);
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(p.Card), Em(0.4f));
    ImVec4 second_color = p.Accent;
    const ImU32 first_u32 = ImGui::GetColorU32(p.Primary), second_u32 = ImGui::GetColorU32(second_color);
    // Legend: two swatches and names, on the top row.
    float x = origin.x + pad;
    const float legend_y = origin.y + pad;
    for (int k = 0; k < 2; ++k) {
        draw->AddRectFilled(ImVec2(x, legend_y + line_h * 0.2f), ImVec2(x + line_h * 0.6f, legend_y + line_h * 0.8f), k == 0 ? first_u32 : second_u32,
                            Em(0.1f));
        x += line_h * 0.6f + Em(0.3f);
        const char* name = k == 0 ? first_name : second_name;
        draw->AddText(ImVec2(x, legend_y), ImGui::GetColorU32(p.Text), name);
        x += ImGui::CalcTextSize(name).x + Em(1.0f);
    }
    // Plot area: under the legend, above the labels; a value scale on the left.
    float max_value = 0;
    for (const BarPair& g : groups) max_value = std::max(max_value, std::max(g.First, g.Second));
    const float top_value = max_value > 0 ? std::ceil(max_value) : 1.0f;
    char scale[32];
    std::snprintf(scale, sizeof scale, "%.0f", top_value);
    const float scale_w = ImGui::CalcTextSize(scale).x + Em(0.4f);
    const ImVec2 lo(origin.x + pad + scale_w, legend_y + line_h + Em(0.5f));
    const ImVec2 hi(origin.x + size.x - pad, origin.y + size.y - pad - line_h - Em(0.2f));
    const ImU32 grid = ImGui::GetColorU32(p.CardBorder), muted = ImGui::GetColorU32(p.Muted);
    for (int k = 0; k <= 4; ++k) {
        const float y = hi.y - (hi.y - lo.y) * k / 4.0f;
        draw->AddLine(ImVec2(lo.x, y), ImVec2(hi.x, y), grid);
    }
    draw->AddText(ImVec2(origin.x + pad, lo.y - line_h * 0.5f), muted, scale);
    draw->AddText(ImVec2(origin.x + pad, hi.y - line_h * 0.5f), muted, "0");
    if (groups.empty()) return;
    const float slot = (hi.x - lo.x) / groups.size();
    const float bar_w = std::max(2.0f, slot * 0.32f);
    for (size_t k = 0; k < groups.size(); ++k) {
        const BarPair& g = groups[k];
        const float cx = lo.x + slot * (k + 0.5f);
        auto bar = [&](float left, float value, ImU32 color) {
            const float h = (hi.y - lo.y) * std::clamp(value / top_value, 0.0f, 1.0f);
            draw->AddRectFilled(ImVec2(left, hi.y - std::max(h, 1.0f)), ImVec2(left + bar_w, hi.y), color, Em(0.15f),
                                ImDrawFlags_RoundCornersTop);
        };
        bar(cx - bar_w - Em(0.05f), g.First, first_u32);
        bar(cx + Em(0.05f), g.Second, second_u32);
        const ImVec2 ls = ImGui::CalcTextSize(g.Label);
        draw->AddText(ImVec2(cx - ls.x * 0.5f, hi.y + Em(0.2f)), ImGui::GetColorU32(p.Text), g.Label);
    }
}

}  // namespace ui
