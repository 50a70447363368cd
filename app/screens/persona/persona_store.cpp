// Persona: the commands on personas and their store (load per workspace, debounced saves:
// PersonaFrame), and the window.profila exports of the personas and the store's state.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app_state.h"
#include "persona_parts.h"
#include "imgui.h"
#include "persona/card.h"
#include "codec/persona_json.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace persona_ui {

constexpr const char* kCollection = "personas";
constexpr const char* kIndexKey = "_index";  // the list of persona ids, written with every change
constexpr double kSaveDelaySeconds = 0.4;

}  // namespace persona_ui

namespace persona_ui {

// ---- [SECTION] Commands and store -------------------------------------------------------------
Persona* Selected(AppState& state) {
    for (auto& p : state.Doc.Personas)
        if (p.Id == state.Persona.SelectedId) return &p;
    return nullptr;
}

void MarkChanged(AppState& state, Persona& persona) {
    PersonaView& v = state.Persona;
    ++persona.Revision;
    v.Dirty.insert(persona.Id);
    v.Deleted.erase(persona.Id);
    v.LastEditAt = ImGui::GetTime();
    ++v.EditSerial;
}

std::string NewPersonaId(const std::vector<Persona>& personas) {
    for (size_t n = personas.size() + 1;; ++n) {
        std::string id = "P" + std::to_string(n);
        if (std::none_of(personas.begin(), personas.end(), [&](const Persona& p) { return p.Id == id; })) return id;
    }
}

void CreatePersona(AppState& state) {
    Persona p;
    p.Id = NewPersonaId(state.Doc.Personas);
    p.Name = profila::FormatText(state.T("persona.default_name"), {std::to_string(state.Doc.Personas.size() + 1)});
    state.Doc.Personas.push_back(p);
    state.Persona.SelectedId = p.Id;
    MarkChanged(state, state.Doc.Personas.back());
}

void DeletePersona(AppState& state, const std::string& id) {
    auto& list = state.Doc.Personas;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Persona& p) { return p.Id == id; }), list.end());
    PersonaView& v = state.Persona;
    v.Dirty.erase(id);
    v.Deleted.insert(id);
    v.Histories.erase(id);
    v.LastEditAt = ImGui::GetTime();
    ++v.EditSerial;
    v.SelectedId = list.empty() ? std::string() : list.front().Id;
}

void ApplyEdit(AppState& state, Persona& persona, profila::SketchEdit edit) {
    profila::ApplySketchEdit(persona.Strokes, state.Persona.Histories[persona.Id], std::move(edit));
    MarkChanged(state, persona);
}

std::string IndexJson(const std::vector<Persona>& personas) {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& p : personas) ids.push_back(p.Id);
    return ids.dump();
}

void StartSave(AppState& state) {
    PersonaView& v = state.Persona;
    std::vector<storage::Record> puts;
    for (const auto& id : v.Dirty)
        for (const auto& p : state.Doc.Personas)
            if (p.Id == id) puts.push_back({kCollection, p.Id, profila::PersonaToJson(p), p.Revision, -1, profila::kPersonaSchemaVersion});
    puts.push_back({kCollection, kIndexKey, IndexJson(state.Doc.Personas), 0, -1, 1});
    std::vector<storage::RecordRef> deletes;
    for (const auto& id : v.Deleted) deletes.push_back({kCollection, id, -1});
    // What is written now is no longer dirty; edits made while saving mark it dirty again.
    std::set<std::string> writing = v.Dirty, deleting = v.Deleted;
    v.Dirty.clear();
    v.Deleted.clear();
    v.Saving = true;
    AppState* s = &state;
    std::string ws = v.LoadedWorkspace;
    storage::Write(ws, std::move(puts), std::move(deletes), [s, ws, writing, deleting](bool ok, std::string error) {
        PersonaView& view = s->Persona;
        view.Saving = false;
        if (ws != view.LoadedWorkspace) return;  // switched business meanwhile
        if (ok) {
            ++view.Saves;
            view.SaveError.clear();
            return;
        }
        view.SaveError = error.empty() ? "?" : error;
        for (const auto& id : writing)
            if (!view.Deleted.count(id)) view.Dirty.insert(id);
        for (const auto& id : deleting)
            if (!view.Dirty.count(id)) view.Deleted.insert(id);
        view.LastEditAt = ImGui::GetTime() + 2.0;  // retry a little later
    });
}

void FinishLoad(AppState* s, const std::string& ws, storage::LoadResult result) {
    PersonaView& v = s->Persona;
    if (ws != v.LoadedWorkspace) return;
    v.Loading = false;
    v.Loaded = true;
    v.LoadProblems = result.Problems;
    std::vector<Persona> loaded;
    for (const auto& r : result.Records) {
        if (r.Collection != kCollection || r.Key == kIndexKey) continue;
        auto parsed = profila::ParsePersona(r.Bytes());
        if (!parsed.Value) {
            const auto& e = parsed.Errors.front();
            std::string code = s->T(("persona.error." + e.Code).c_str());
            v.LoadProblems.push_back(r.Key + (e.Field.empty() ? "" : "." + e.Field) + "\x1f" + code);
            continue;
        }
        loaded.push_back(std::move(*parsed.Value));
    }
    // Personas made while the load was in flight are kept too.
    for (auto& p : s->Doc.Personas)
        if (std::none_of(loaded.begin(), loaded.end(), [&](const Persona& q) { return q.Id == p.Id; })) loaded.push_back(std::move(p));
    s->Doc.Personas = std::move(loaded);
    if (!s->Doc.Personas.empty() && !Selected(*s)) v.SelectedId = s->Doc.Personas.front().Id;
    ++v.EditSerial;
}

void StartLoad(AppState& state) {
    PersonaView& v = state.Persona;
    std::string ws = state.Doc.Data.Id;
    if (!v.LoadedWorkspace.empty() && v.LoadedWorkspace != ws) {
        // Another business opened: its personas replace these (unsaved edits were flushed first).
        state.Doc.Personas.clear();
        v.Histories.clear();
        v.SelectedId.clear();
    }
    v.LoadedWorkspace = ws;
    v.Loading = true;
    v.Loaded = false;
    AppState* s = &state;
    // The index names the personas; then one read fetches them.
    storage::ReadRecords(ws, {{kCollection, kIndexKey, -1}}, [s, ws](storage::LoadResult index) {
        if (ws != s->Persona.LoadedWorkspace) return;
        std::vector<storage::RecordRef> refs;
        for (const auto& r : index.Records) {
            auto ids = nlohmann::json::parse(r.Bytes(), nullptr, false);
            if (!ids.is_array()) continue;
            for (const auto& id : ids)
                if (id.is_string()) refs.push_back({kCollection, id.get<std::string>(), -1});
        }
        if (refs.empty()) {
            FinishLoad(s, ws, std::move(index));
            return;
        }
        storage::ReadRecords(ws, std::move(refs), [s, ws](storage::LoadResult all) { FinishLoad(s, ws, std::move(all)); });
    });
}

AppState* g_automation_state = nullptr;  // the live state for window.profila (set every frame)

}  // namespace persona_ui

using namespace persona_ui;

void PersonaFrame(AppState& state) {
    g_automation_state = &state;
    PersonaView& v = state.Persona;
    const Document& doc = state.Doc;
    bool store_ready = doc.Loaded && !doc.Data.Id.empty();
    bool pending = !v.Dirty.empty() || !v.Deleted.empty();
    if (store_ready && !v.Loading && !v.Saving && v.LoadedWorkspace != doc.Data.Id) {
        if (pending && !v.LoadedWorkspace.empty()) StartSave(state);  // flush into the business being left
        else StartLoad(state);
        return;
    }
    if (v.Loaded && pending && !v.Saving && ImGui::GetTime() - v.LastEditAt >= kSaveDelaySeconds) StartSave(state);
}

// ---- [SECTION] Automation exports -------------------------------------------------------------
// Called by web/automation.js between frames; they read the same data the screen shows.
extern "C" {

__attribute__((used)) const char* profila_personas_json() {
    static std::string out;
    out = g_automation_state ? profila::PersonasToJson(g_automation_state->Doc.Personas) : "[]";
    return out.c_str();
}

__attribute__((used)) const char* profila_persona_status_json() {
    static std::string out;
    nlohmann::json j = nlohmann::json::object();
    if (g_automation_state) {
        const PersonaView& v = g_automation_state->Persona;
        j = {{"loaded", v.Loaded}, {"loading", v.Loading}, {"saving", v.Saving},
             {"pending", v.Dirty.size() + v.Deleted.size()}, {"saves", v.Saves}, {"error", v.SaveError},
             {"workspace", v.LoadedWorkspace}, {"personas", g_automation_state->Doc.Personas.size()}};
    }
    out = j.dump();
    return out.c_str();
}

}  // extern "C"
