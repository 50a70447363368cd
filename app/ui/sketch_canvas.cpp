#include "sketch_canvas.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "platform/touch_gestures.h"
#include "theme.h"
#include "widgets.h"

namespace ui {
namespace {

using profila::SketchPoint;
using profila::Stroke;

ImU32 InkColor(uint32_t rgb, float alpha = 1.0f) {
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(alpha * 255.0f));
}

struct View {
    ImVec2 Center;  // screen position of the view centre
    float Scale;    // pixels per sketch unit
    ImVec2 Focus;   // sketch point at the view centre

    ImVec2 ToScreen(float x, float y) const {
        return ImVec2(Center.x + (x - Focus.x) * Scale, Center.y + (y - Focus.y) * Scale);
    }
    SketchPoint ToSketch(ImVec2 p) const {
        return {Focus.x + (p.x - Center.x) / Scale, Focus.y + (p.y - Center.y) / Scale, 1.0f};
    }
};

View MakeView(const SketchCanvasState& st, ImVec2 min, ImVec2 size) {
    float fit = std::min(size.x / profila::kSketchWidth, size.y / profila::kSketchHeight) * 0.94f;
    View v;
    v.Center = ImVec2(min.x + size.x * 0.5f, min.y + size.y * 0.5f);
    v.Scale = fit * st.Zoom;
    v.Focus = ImVec2(profila::kSketchWidth * 0.5f + st.Pan.x, profila::kSketchHeight * 0.5f + st.Pan.y);
    return v;
}

// One stroke: a thick anti-aliased polyline with round ends; strokes whose width varies (a pen's
// pressure) are drawn segment by segment with round joints.
void DrawStroke(ImDrawList* draw, const Stroke& s, const View& view, const ImVec4& clip, std::vector<ImVec2>& pts, float alpha) {
    if (s.Points.empty()) return;
    ImU32 col = InkColor(s.Color, alpha);
    pts.clear();
    float minx = FLT_MAX, miny = FLT_MAX, maxx = -FLT_MAX, maxy = -FLT_MAX;
    bool varies = false;
    float p0 = s.Points[0].Pressure;
    for (const SketchPoint& p : s.Points) {
        ImVec2 q = view.ToScreen(p.X, p.Y);
        minx = std::min(minx, q.x);
        maxx = std::max(maxx, q.x);
        miny = std::min(miny, q.y);
        maxy = std::max(maxy, q.y);
        varies |= std::fabs(p.Pressure - p0) > 0.02f;
        pts.push_back(q);
    }
    float max_w = s.Width * view.Scale;
    if (maxx + max_w < clip.x || minx - max_w > clip.z || maxy + max_w < clip.y || miny - max_w > clip.w) return;  // off screen
    if (pts.size() == 1) {
        draw->AddCircleFilled(pts[0], std::max(0.75f, profila::StrokeWidthAt(s, s.Points[0]) * view.Scale * 0.5f), col);
        return;
    }
    if (!varies) {
        float w = std::max(1.0f, profila::StrokeWidthAt(s, s.Points[0]) * view.Scale);
        draw->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, ImDrawFlags_None, w);
        if (w > 2.5f) {
            draw->AddCircleFilled(pts.front(), w * 0.5f, col);
            draw->AddCircleFilled(pts.back(), w * 0.5f, col);
        }
        return;
    }
    for (size_t i = 1; i < pts.size(); ++i) {
        float w = std::max(1.0f, 0.5f * (profila::StrokeWidthAt(s, s.Points[i - 1]) + profila::StrokeWidthAt(s, s.Points[i])) * view.Scale);
        draw->AddLine(pts[i - 1], pts[i], col, w);
        if (w > 2.5f) draw->AddCircleFilled(pts[i], w * 0.5f, col, 10);
    }
    float w0 = profila::StrokeWidthAt(s, s.Points[0]) * view.Scale;
    if (w0 > 2.5f) draw->AddCircleFilled(pts[0], w0 * 0.5f, col, 10);
}

}  // namespace

void ZoomSketch(SketchCanvasState& state, float factor) {
    state.Zoom = std::clamp(state.Zoom * factor, kSketchMinZoom, kSketchMaxZoom);
}

void ResetSketchView(SketchCanvasState& state) {
    state.Zoom = 1.0f;
    state.Pan = ImVec2(0, 0);
}

std::optional<profila::SketchEdit> SketchCanvas(const char* id, SketchCanvasState& st, const std::vector<Stroke>& strokes,
                                                ImVec2 size, float pen_pressure) {
    auto started = std::chrono::steady_clock::now();
    std::optional<profila::SketchEdit> result;
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetCursorScreenPos();
    size.x = std::max(size.x, Em(4.0f));
    size.y = std::max(size.y, Em(4.0f));
    ImVec2 max(min.x + size.x, min.y + size.y);

    // The whole canvas is one item: ImGui keeps it active for the whole gesture, and a drag that
    // starts on it is never taken for a scroll.
    ImGui::SetNextItemAllowOverlap();  // buttons drawn over the canvas (zoom) take their taps
    ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft);
    touch::KeepDragOnLastItem();  // a finger drawing is not a scroll or a long press
    bool hovered = ImGui::IsItemHovered();
    bool active = ImGui::IsItemActive();
    bool activated = ImGui::IsItemActivated();
    bool released = ImGui::IsItemDeactivated();

    // Mouse wheel zooms around the pointer (desktop nicety; tablets use the buttons).
    if (hovered && io.MouseWheel != 0.0f && !active) {
        View before = MakeView(st, min, size);
        SketchPoint under = before.ToSketch(io.MousePos);
        ZoomSketch(st, io.MouseWheel > 0 ? 1.15f : 1.0f / 1.15f);
        View after = MakeView(st, min, size);
        SketchPoint now = after.ToSketch(io.MousePos);
        st.Pan.x += under.X - now.X;
        st.Pan.y += under.Y - now.Y;
    }
    View view = MakeView(st, min, size);
    ImVec2 mouse = io.MousePos;
    bool mouse_valid = ImGui::IsMousePosValid(&mouse);

    if (activated && mouse_valid) {
        st.Drawing = true;
        st.Raw.clear();
        st.Erasing.clear();
        st.LastMouse = mouse;
    }
    if (active && st.Drawing && mouse_valid) {
        switch (st.Tool) {
            case SketchTool::Pen: {
                SketchPoint p = view.ToSketch(mouse);
                p.Pressure = pen_pressure >= 0.0f ? std::clamp(pen_pressure, 0.05f, 1.0f) : 1.0f;
                if (st.Raw.empty() || std::hypot(p.X - st.Raw.back().X, p.Y - st.Raw.back().Y) > 0.2f) st.Raw.push_back(p);
                break;
            }
            case SketchTool::Eraser: {
                float radius = Em(0.7f) / view.Scale;
                for (size_t i : profila::StrokesNearSegment(strokes, view.ToSketch(st.LastMouse), view.ToSketch(mouse), radius))
                    if (std::find(st.Erasing.begin(), st.Erasing.end(), i) == st.Erasing.end()) st.Erasing.push_back(i);
                break;
            }
            case SketchTool::Hand:
                st.Pan.x -= (mouse.x - st.LastMouse.x) / view.Scale;
                st.Pan.y -= (mouse.y - st.LastMouse.y) / view.Scale;
                view = MakeView(st, min, size);
                break;
        }
        st.LastMouse = mouse;
    }
    if (released && st.Drawing) {
        st.Drawing = false;
        if (st.Tool == SketchTool::Pen && !st.Raw.empty()) {
            Stroke s;
            s.Color = st.Color;
            s.Width = st.Width;
            s.Points = profila::SmoothStroke(st.Raw, std::max(0.6f, 1.2f / view.Scale));
            result = profila::AddStrokeEdit(std::move(s));
        } else if (st.Tool == SketchTool::Eraser && !st.Erasing.empty()) {
            result = profila::RemoveStrokesEdit(strokes, st.Erasing);
        }
        st.Raw.clear();
        st.Erasing.clear();
    }
    if (hovered || active) {
        ImGui::SetMouseCursor(st.Tool == SketchTool::Hand ? ImGuiMouseCursor_ResizeAll : ImGuiMouseCursor_Arrow);
    }

    // ---- Drawing ----
    const Palette& pal = Colors();
    draw->PushClipRect(min, max, true);
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImVec4(pal.Background.x * 0.93f, pal.Background.y * 0.93f, pal.Background.z * 0.93f, 1.0f)),
                        Em(0.5f));
    ImVec2 paper_min = view.ToScreen(0, 0), paper_max = view.ToScreen(profila::kSketchWidth, profila::kSketchHeight);
    draw->AddRectFilled(ImVec2(paper_min.x + Em(0.15f), paper_min.y + Em(0.2f)), ImVec2(paper_max.x + Em(0.15f), paper_max.y + Em(0.2f)),
                        IM_COL32(0, 0, 0, 28), Em(0.2f));
    draw->AddRectFilled(paper_min, paper_max, IM_COL32(252, 252, 249, 255), Em(0.2f));  // paper stays light in the dark theme
    ImVec4 clip(min.x, min.y, max.x, max.y);
    for (size_t i = 0; i < strokes.size(); ++i) {
        bool erasing = !st.Erasing.empty() && std::find(st.Erasing.begin(), st.Erasing.end(), i) != st.Erasing.end();
        DrawStroke(draw, strokes[i], view, clip, st.Scratch, erasing ? 0.22f : 1.0f);
    }
    if (st.Drawing && st.Tool == SketchTool::Pen && !st.Raw.empty()) {
        Stroke live;
        live.Color = st.Color;
        live.Width = st.Width;
        live.Points = st.Raw;
        DrawStroke(draw, live, view, clip, st.Scratch, 1.0f);
    }
    if (st.Tool == SketchTool::Eraser && (hovered || active) && mouse_valid && io.MouseSource == ImGuiMouseSource_Mouse)
        draw->AddCircle(mouse, Em(0.7f), ImGui::GetColorU32(pal.Muted), 0, Em(0.08f));
    draw->AddRect(min, max, ImGui::GetColorU32(pal.CardBorder), Em(0.5f), 0, Em(0.06f));
    draw->PopClipRect();

    st.LastDrawMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace ui
