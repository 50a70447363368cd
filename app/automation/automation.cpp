// The exported functions behind window.profila (see automation.h). Each one is a line or two: the
// work is done by the same functions the screens call. No Emscripten here, so native tests can
// call them too.
#include "automation/automation.h"

#include <string>

#include "codec/persona_json.h"
#include "nlohmann/json.hpp"
#include "imgui.h"
#include "platform/item_registry.h"
#include "screens/analysis/analysis_panel.h"
#include "screens/customers/customer_parts.h"
#include "store/store.h"

namespace {
AppState* g_state = nullptr;
std::string g_reply;  // the last text handed to JS (JS copies it at once)

const char* Reply(std::string text) {
    g_reply = std::move(text);
    return g_reply.c_str();
}

double Now() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }
}  // namespace

void RegisterAutomation(AppState& state) { g_state = &state; }

extern "C" {

// ---- widgets (app/platform/item_registry.h) ----
__attribute__((used)) const char* profila_items_json() { return item_registry::LastFrameJson(); }

// ---- the store (app/store/) ----
__attribute__((used)) const char* profila_store_status_json() { return Reply(g_state ? StoreStatusJson(*g_state) : "{}"); }

__attribute__((used)) const char* profila_store_export() { return Reply(g_state ? BackupText(*g_state) : ""); }

// Restores a backup's text as Settings' Restore does after its confirmation: "" when started (the
// result follows in storeStatus().restoreResult), else why it was refused.
__attribute__((used)) const char* profila_store_restore(const char* text) {
    if (!g_state) return "not ready";
    if (!PrepareRestore(*g_state, "automation", text ? text : "")) {
        std::string out;
        for (auto& issue : g_state->Doc.Store.RestoreIssues) out += (out.empty() ? "" : "\n") + issue;
        return Reply(out.empty() ? std::string("refused") : out);
    }
    if (!g_state->Doc.Loaded) return "not loaded yet";
    ConfirmRestore(*g_state);
    return "";
}

__attribute__((used)) const char* profila_store_commit(const char* customer_json) {
    return Reply(g_state ? CommitCustomerJson(*g_state, customer_json ? customer_json : "") : "error: not ready");
}

__attribute__((used)) void profila_store_flush() {
    if (g_state) FlushStore(*g_state);
}

// Adds or replaces a persona (JSON as exportPersonas gives one) through the persona commands.
__attribute__((used)) const char* profila_persona_commit(const char* persona_json) {
    if (!g_state) return "error: not ready";
    if (!g_state->Doc.Loaded) return "error: the stored data is not loaded yet";
    profila::PersonaParseResult parsed = profila::ParsePersona(persona_json ? persona_json : "");
    if (!parsed.Value) {
        const auto& e = parsed.Errors.front();
        return Reply("error: " + e.Field + " " + e.Code);
    }
    return Reply(CommitPersona(g_state->Doc, std::move(*parsed.Value), Now()));
}

// ---- personas (app/screens/persona/) ----
__attribute__((used)) const char* profila_personas_json() { return Reply(g_state ? profila::PersonasToJson(g_state->Doc.Personas) : "[]"); }

__attribute__((used)) const char* profila_persona_status_json() {
    if (!g_state) return "{}";
    const Document& doc = g_state->Doc;
    const CollectionState& cs = doc.State(Collection::Personas);
    nlohmann::json j = {{"loaded", doc.Loaded}, {"loading", !doc.Loaded},
                        {"saving", !cs.InFlightPuts.empty() || !cs.InFlightDeletes.empty()},
                        {"pending", cs.Dirty.size() + cs.Deleted.size()}, {"saves", doc.Store.SavedCount},
                        {"error", doc.SaveError}, {"workspace", doc.Data.Id}, {"personas", doc.Personas.size()}};
    return Reply(j.dump());
}

__attribute__((used)) const char* profila_persona_png_base64(int index) { return Reply(g_state ? PersonaPngBase64(*g_state, index) : ""); }

// CPU milliseconds of the last persona screen and of its canvas alone (the frame-time benchmark).
__attribute__((used)) double profila_persona_screen_ms() { return g_state ? g_state->Persona.LastScreenMs : -1.0; }
__attribute__((used)) double profila_persona_canvas_ms() { return g_state ? g_state->Persona.Canvas.LastDrawMs : -1.0; }
__attribute__((used)) int profila_persona_bench_fill(int points) { return g_state ? PersonaBenchFill(*g_state, points) : 0; }

// ---- course (app/screens/course/) ----
__attribute__((used)) const char* profila_course_handin() { return Reply(g_state ? CourseHandInText(*g_state) : ""); }
__attribute__((used)) const char* profila_course_status_json() { return Reply(g_state ? CourseStatusJson(*g_state) : "{}"); }

// ---- customers (app/screens/customers/) ----
__attribute__((used)) const char* profila_import_file(const char* name, const uint8_t* data, int length) {
    if (!g_state) return "{\"error\":\"not ready\"}";
    return Reply(ImportFileSummaryJson(*g_state, name ? name : "", std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(length))));
}

// ---- analysis (app/screens/analysis/) ----
__attribute__((used)) const char* profila_analysis_set_date(const char* iso) {
    return g_state ? Reply(SetAnalysisDate(*g_state, iso ? iso : "")) : "not ready";
}
__attribute__((used)) const char* profila_analysis_csv() { return Reply(g_state ? AnalysisCsv(*g_state) : ""); }
__attribute__((used)) const char* profila_analysis_model_json() { return Reply(g_state ? AnalysisModelJson(*g_state) : ""); }
__attribute__((used)) const char* profila_analysis_status_json() { return Reply(g_state ? AnalysisStatusJson(*g_state) : "{}"); }

// ---- privacy (app/screens/customers/card_privacy.cpp; issue 18) ----
__attribute__((used)) const char* profila_weekly_actions_json() { return Reply(g_state ? WeeklyActionsJson(*g_state) : "{}"); }
__attribute__((used)) const char* profila_contact_list(const char* channel) {
    profila::ContactChannel ch;
    if (!g_state || !profila::ParseContactChannel(channel ? channel : "", &ch)) return "";
    std::vector<std::string> left;
    std::string csv = ContactListText(*g_state, ch, &left);
    nlohmann::json j = {{"csv", csv}, {"leftOut", left}};
    return Reply(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
__attribute__((used)) const char* profila_person_data(const char* id, const char* format) {
    return Reply(g_state ? PersonDataText(*g_state, id ? id : "", format ? format : "md") : "");
}
// Forgets a customer as the card's confirmation does; returns the save serial (0: no such customer).
__attribute__((used)) double profila_forget_customer(const char* id) {
    return g_state ? static_cast<double>(ForgetCustomer(*g_state, id ? id : "")) : 0.0;
}

// Sets the trainee's name, as typing it on the Course screen does.
__attribute__((used)) void profila_course_set_trainee(const char* name) {
    if (g_state) SetTraineeName(g_state->Doc, name ? name : "", Now());
}

}  // extern "C"
