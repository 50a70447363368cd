// View state of the Persona screen (selection, tool, open panel, undo history, the save loop's
// bookkeeping). Owned by that screen; the personas themselves live in Document::Personas.
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
    // Store: which workspace the personas were read from, and what waits to be written.
    std::string LoadedWorkspace;
    bool Loading = false;
    bool Loaded = false;
    std::vector<std::string> LoadProblems;  // personas that could not be read, described
    std::set<std::string> Dirty;
    std::set<std::string> Deleted;
    double LastEditAt = 0.0;
    bool Saving = false;
    std::string SaveError;
    int Saves = 0;
    int EditSerial = 0;              // bumped by every change to a persona (comparison cache key)
    // Benchmark: CPU milliseconds of the last DrawPersonaScreen.
    double LastScreenMs = 0.0;
};

// Loads the open workspace's personas when it changes and saves edits (debounced); once per frame.
void PersonaFrame(AppState& state);
