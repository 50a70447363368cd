// Persona: the commands on personas. The personas live in the document (collection "personas")
// and the store's one saver writes them (app/store/); this file keeps the screen's view state in
// step with them (PersonaFrame).
#include <string>

#include "app_state.h"
#include "persona_parts.h"
#include "store/document.h"

namespace persona_ui {

Persona* Selected(AppState& state) { return FindPersona(state.Doc, state.Persona.SelectedId); }

void MarkChanged(AppState& state, Persona& persona) {
    MarkPersonaChanged(state.Doc, persona.Id, ImGui::GetTime());
    ++state.Persona.EditSerial;
}

void CreatePersona(AppState& state) {
    Persona p;
    p.Name = profila::FormatText(state.T("persona.default_name"), {std::to_string(state.Doc.Personas.size() + 1)});
    state.Persona.SelectedId = AddPersona(state.Doc, std::move(p), ImGui::GetTime());
    ++state.Persona.EditSerial;
}

void DeletePersona(AppState& state, const std::string& id) {
    RemovePersona(state.Doc, id, ImGui::GetTime());
    PersonaView& v = state.Persona;
    v.Histories.erase(id);
    ++v.EditSerial;
    v.SelectedId = state.Doc.Personas.empty() ? std::string() : state.Doc.Personas.front().Id;
}

void ApplyEdit(AppState& state, Persona& persona, profila::SketchEdit edit) {
    profila::ApplySketchEdit(persona.Strokes, state.Persona.Histories[persona.Id], std::move(edit));
    MarkChanged(state, persona);
}

}  // namespace persona_ui

void PersonaFrame(AppState& state) {
    PersonaView& v = state.Persona;
    // Another workspace opened: forget the view state that belonged to the old one.
    if (v.Workspace != state.Doc.Data.Id) {
        v.Workspace = state.Doc.Data.Id;
        v.Histories.clear();
        v.SelectedId.clear();
        ++v.EditSerial;
    }
    if (!persona_ui::Selected(state) && !state.Doc.Personas.empty()) v.SelectedId = state.Doc.Personas.front().Id;
}
