// The pieces of the Persona screen, shared between its files: commands and the store
// (persona_store.cpp), the PNG card (persona_export.cpp), the sketch toolbar and canvas
// (sketch_toolbar.cpp), the details, questions and data panel (persona_details.cpp) and the frame
// that lays them out (persona_screen.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app_state.h"
#include "imgui.h"
#include "persona/persona.h"

namespace persona_ui {

using profila::Knowledge;
using profila::Persona;
using profila::PersonaDetail;

struct InkChoice {
    uint32_t Rgb;
    const char* Key;
};
constexpr InkChoice kInks[] = {{0x1F2937, "ink"}, {0x2563EB, "blue"}, {0xDC2626, "red"}, {0x16A34A, "green"}, {0xEA580C, "orange"}};
struct WidthChoice {
    float Width;
    const char* Key;
};
constexpr WidthChoice kWidths[] = {{2.5f, "thin"}, {5.0f, "medium"}, {10.0f, "thick"}};

// ---- [SECTION] Commands and store (persona_store.cpp) -------------------------------------------
Persona* Selected(AppState& state);
void MarkChanged(AppState& state, Persona& persona);
void CreatePersona(AppState& state);
void DeletePersona(AppState& state, const std::string& id);
void ApplyEdit(AppState& state, Persona& persona, profila::SketchEdit edit);

// ---- [SECTION] Card export (persona_export.cpp) -------------------------------------------------
std::vector<uint8_t> PersonaCardPng(const AppState& state, const Persona& p);
std::string CardFileName(const Persona& p);

// ---- [SECTION] Drawing and panels ---------------------------------------------------------------
void DrawToolbar(AppState& state, Persona& persona, float width);
void DrawSketch(AppState& state, Persona& persona, ImVec2 size);
void DrawDetails(AppState& state, Persona& persona);
void DrawQuestions(AppState& state, Persona& persona);
void DrawData(AppState& state, Persona& persona);

// ---- [SECTION] Small helpers (persona_screen.cpp) -----------------------------------------------
// FormatText into `out`; returns out.c_str() for the widget drawn next.
const char* Fmt(const char* pattern, const std::vector<std::string>& args, std::string& out);

}  // namespace persona_ui
