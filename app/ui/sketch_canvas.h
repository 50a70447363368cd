// A drawing surface for the persona sketch, drawn straight on the window's ImDrawList: the paper,
// the strokes (vectors in sketch units, core/persona/persona.h) and the stroke being drawn. Input from mouse,
// finger or pen (pressure when the platform reports a pen) goes to the current tool: pen, eraser
// (removes whole strokes it touches) or hand (pans). Zoom is by buttons (and the mouse wheel), so
// a finger never has to choose between drawing and moving the paper.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "imgui.h"
#include "persona/persona.h"

namespace ui {

enum class SketchTool { Pen, Eraser, Hand };

struct SketchCanvasState {
    SketchTool Tool = SketchTool::Pen;
    uint32_t Color = 0x1F2937;
    float Width = 5.0f;            // sketch units
    float Zoom = 1.0f;             // 1 = the paper fits the canvas
    ImVec2 Pan = ImVec2(0, 0);     // sketch units the view centre is moved from the paper's centre
    // The gesture in progress
    bool Drawing = false;
    std::vector<profila::SketchPoint> Raw;   // points of the stroke being drawn
    std::vector<size_t> Erasing;             // strokes the eraser has touched in this gesture
    ImVec2 LastMouse = ImVec2(0, 0);
    std::vector<ImVec2> Scratch;             // reused for transformed points (no allocation per frame)
    // For the benchmark and tests: CPU time of the last Draw, milliseconds.
    double LastDrawMs = 0.0;
};

inline constexpr float kSketchMinZoom = 0.5f;
inline constexpr float kSketchMaxZoom = 4.0f;

// Draws the canvas filling size at the cursor and handles input. Returns the edit a finished gesture
// makes (a stroke drawn, strokes erased); the caller applies it to the persona and its history.
// pen_pressure: 0..1 from a pen, or < 0 when there is none.
std::optional<profila::SketchEdit> SketchCanvas(const char* id, SketchCanvasState& state,
                                                const std::vector<profila::Stroke>& strokes, ImVec2 size,
                                                float pen_pressure);

// Zooms by factor around the paper point at the centre of the view.
void ZoomSketch(SketchCanvasState& state, float factor);
void ResetSketchView(SketchCanvasState& state);

}  // namespace ui
