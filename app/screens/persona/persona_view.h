// View state of the Persona screen (selection, tool, open panel, undo history). Owned by that
// screen; the personas themselves live in Document::Personas and are saved by the store.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "persona/persona.h"
#include "persona/compare.h"
#include "ui/sketch_canvas.h"

struct AppState;

enum class PersonaPanel { Details, Questions, Data };

struct PersonaView {
    std::string SelectedId;
    ui::SketchCanvasState Canvas;
    std::map<std::string, profila::SketchHistory> Histories;  // undo/redo per persona id (this visit only)
    PersonaPanel Panel = PersonaPanel::Details;
    std::string ConfirmDeleteId;     // persona waiting for the second tap on Delete
    bool ConfirmClear = false;       // Clear waiting for its second tap
    std::string Notice;              // one-off message (exported, could not save...)
    // Persona vs data, cached until the persona or the customers change.
    profila::PersonaComparison Comparison;
    std::string ComparisonKey;
    std::string Workspace;           // the workspace this view state belongs to
    int EditSerial = 0;              // bumped by every change to a persona (comparison cache key)
    // Benchmark: CPU milliseconds of the last DrawPersonaScreen.
    double LastScreenMs = 0.0;
};

// Keeps the view state in step with the open workspace's personas; once per frame.
void PersonaFrame(AppState& state);
// For window.profila (app/automation/): the PNG card of the persona at index as base64 ("" when
// there is none); benchmark setup giving the selected persona n points of scribble in strokes of
// 50, through the same edit path as the pen; returns the persona's point count.
std::string PersonaPngBase64(const AppState& state, int index);
int PersonaBenchFill(AppState& state, int points);
