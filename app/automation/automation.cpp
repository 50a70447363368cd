// The exported functions behind window.profila (see automation.h). Each one is a line or two: the
// work is done by the same functions the screens call. No Emscripten here, so native tests can
// call them too.
#include "automation/automation.h"

#include <malloc.h>
#include <algorithm>
#include <cstdlib>
#include <string>

#include "app.h"
#include "codec/persona_json.h"
#include "nlohmann/json.hpp"
#include "imgui.h"
#include "platform/item_registry.h"
#include "platform/platform.h"
#include "screens/analysis/analysis_panel.h"
#include "screens/customers/customer_parts.h"
#include "store/store.h"
#include "sync/class.h"
#include "sync/sync.h"

namespace {
AppState* g_state = nullptr;
std::string g_reply;  // the last text handed to JS (JS copies it at once)

const char* Reply(std::string text) {
    g_reply = std::move(text);
    return g_reply.c_str();
}
}  // namespace

void RegisterAutomation(AppState& state) { g_state = &state; }

extern "C" {
// The length in bytes of the last text returned (without its NUL).
__attribute__((used)) int profila_reply_size() { return static_cast<int>(g_reply.size()); }

// ---- widgets (app/platform/item_registry.h) ----
__attribute__((used)) const char* profila_items_json() { return item_registry::LastFrameJson(); }

// ---- the store (app/store/) ----
__attribute__((used)) const char* profila_store_status_json() { return Reply(g_state ? StoreStatusJson(*g_state) : "{}"); }
__attribute__((used)) const char* profila_save_progress_json() { return Reply(g_state ? SaveProgressJson(*g_state) : "{}"); }

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

// Removes a customer, as the card's Delete does (the same RemoveCustomer command): "" or why not.
__attribute__((used)) const char* profila_store_remove(const char* id) {
    if (!g_state || !g_state->Doc.Loaded) return "not loaded yet";
    if (!FindCustomer(g_state->Doc, id ? id : "")) return "no such customer";
    RemoveCustomer(g_state->Doc, id, AppClock());
    return "";
}

// ---- sync (app/sync/) ----
__attribute__((used)) const char* profila_sync_status_json() { return Reply(g_state ? SyncStatusJson(*g_state) : "{}"); }

// {server, database, user, password, device}: what Settings > Sync's Connect takes.
__attribute__((used)) const char* profila_sync_connect(const char* request_json) {
    if (!g_state) return "not ready";
    nlohmann::json j = nlohmann::json::parse(request_json ? request_json : "", nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "not a JSON object";
    SyncConfig config;
    config.Server = j.value("server", "/couchdb");
    config.Database = j.value("database", "");
    config.User = j.value("user", "");
    config.Device = j.value("device", "");
    ConnectSync(*g_state, config, j.value("password", ""));
    return "";
}

__attribute__((used)) void profila_sync_now() {
    if (g_state) SyncNow(*g_state);
}

// [{path, pick: "mine"|"theirs"}] for the conflict at index, as its Keep button applies them.
__attribute__((used)) const char* profila_sync_resolve(int index, const char* choices_json) {
    if (!g_state) return "not ready";
    nlohmann::json j = nlohmann::json::parse(choices_json ? choices_json : "", nullptr, false);
    if (j.is_discarded() || !j.is_array()) return "not a JSON list";
    std::vector<profila::sync::FieldChoice> choices;
    for (const auto& c : j)
        choices.push_back({c.value("path", ""), c.value("pick", "mine") == "theirs" ? profila::sync::Choice::Theirs : profila::sync::Choice::Mine});
    ResolveSyncConflict(*g_state, static_cast<size_t>(index), choices);
    return "";
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
    return Reply(CommitPersona(g_state->Doc, std::move(*parsed.Value), AppClock()));
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
// The file to import stays in the page (web/boot.js, profilaFiles), as a picked file does: its
// handle and size come here (platform::PageFile).
__attribute__((used)) const char* profila_import_file(const char* name, int handle, double size) {
    std::shared_ptr<const profila::ByteSource> file = platform::PageFile(handle, size);
    if (!g_state) return "{\"error\":\"not ready\"}";
    return Reply(ImportFileSummaryJson(*g_state, name ? name : "", std::move(file)));
}

// ---- analysis (app/screens/analysis/) ----
__attribute__((used)) const char* profila_analysis_set_date(const char* iso) {
    return g_state ? Reply(SetAnalysisDate(*g_state, iso ? iso : "")) : "not ready";
}
__attribute__((used)) const char* profila_analysis_csv() { return Reply(g_state ? AnalysisCsv(*g_state) : ""); }
__attribute__((used)) const char* profila_analysis_model_json() { return Reply(g_state ? AnalysisModelJson(*g_state) : ""); }
__attribute__((used)) const char* profila_analysis_status_json() { return Reply(g_state ? AnalysisStatusJson(*g_state) : "{}"); }

// ---- memory (the import benchmark, tests/bench/import_memory.mjs) ----
// The allocator's figures: bytes it holds from the system (its high-water in the browser, where the
// wasm memory never shrinks) and bytes in live blocks.
__attribute__((used)) const char* profila_heap_json() {
#if defined(__GLIBC__)
    struct mallinfo2 m = mallinfo2();
#else
    struct mallinfo m = mallinfo();
#endif
    nlohmann::json j = {{"arena", static_cast<double>(m.arena) + static_cast<double>(m.hblkhd)},
                        {"inUse", static_cast<double>(m.uordblks) + static_cast<double>(m.hblkhd)}};
    return Reply(j.dump());
}

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

// The passphrase (issue 18), as Settings > Privacy and the prompt do (app/store/passphrase.cpp).
__attribute__((used)) void profila_passphrase_set(const char* passphrase) {
    if (!g_state) return;
    if (passphrase && *passphrase) TurnPassphraseOn(*g_state, passphrase);
    else TurnPassphraseOff(*g_state);
}
__attribute__((used)) void profila_passphrase_unlock(const char* passphrase) {
    if (g_state) UnlockWorkspace(*g_state, passphrase ? passphrase : "");
}
__attribute__((used)) void profila_passphrase_lock() {
    if (g_state) LockWorkspace(*g_state);
}

// ---- a class over CouchDB (app/sync/class.h) ----
// Joins the open workspace to its class as the Course screen's Join does: "" or why not (an i18n key).
__attribute__((used)) const char* profila_class_join(const char* code, const char* name) {
    return Reply(g_state ? JoinClass(*g_state, code ? code : "", name ? name : "") : "not ready");
}
__attribute__((used)) const char* profila_class_status_json() { return Reply(g_state ? ClassStatusJson(*g_state) : "{}"); }
// Answers the open round of a lesson with these scores (a JSON list), as answering its items does.
__attribute__((used)) const char* profila_course_record_run(const char* lesson, const char* scores_json) {
    if (!g_state) return "not ready";
    nlohmann::json j = nlohmann::json::parse(scores_json ? scores_json : "", nullptr, false);
    if (!j.is_array()) return "not a JSON list";
    std::vector<double> scores;
    for (const auto& x : j) scores.push_back(x.is_number() ? x.get<double>() : 0.0);
    return Reply(RecordCourseRun(*g_state, lesson ? lesson : "", scores));
}

// Sets the trainee's name, as typing it on the Course screen does.
__attribute__((used)) void profila_course_set_trainee(const char* name) {
    if (g_state) SetTraineeName(g_state->Doc, name ? name : "", AppClock());
}

}  // extern "C"
