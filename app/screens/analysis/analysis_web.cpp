// window.profila's analysis functions (see README "Automation"): they run the same code as the
// Analysis screen, on the open workspace with the screen's settings. Only this file of the
// screen knows about Emscripten.
#include <cstdio>
#include <string>

#include "analysis/export.h"
#include "analysis_panel.h"
#include "platform/storage.h"

void DownloadAnalysisFile(const std::string& name, const std::string& mime, const std::string& text) {
    storage::DownloadText(name, mime, text);
}

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

namespace {
AppState*& RegisteredState() {
    static AppState* state = nullptr;  // one AppState lives for the whole page
    return state;
}
std::string& ReturnBuffer() {
    static std::string text;  // valid until the next call
    return text;
}
}  // namespace

void RegisterAnalysisAutomation(AppState& state) { RegisteredState() = &state; }

extern "C" {

// setAnalysisDate('YYYY-MM-DD'): "" on success, else why not. '' or 'today' follows today again.
EMSCRIPTEN_KEEPALIVE const char* profila_analysis_set_date(const char* iso) {
    AppState* state = RegisteredState();
    if (!state) return "not ready";
    std::string text = iso ? iso : "";
    AnalysisView& v = state->Analysis;
    if (text.empty() || text == "today") {
        v.DateSet = false;
    } else {
        auto date = profila::ParseIsoDate(text);
        if (!date) return "not a date: expected YYYY-MM-DD";
        v.Settings.AsOf = *date;
        v.DateSet = true;
    }
    v.DateSynced = false;
    ++v.SettingsSerial;
    return "";
}

EMSCRIPTEN_KEEPALIVE const char* profila_analysis_csv() {
    AppState* state = RegisteredState();
    if (!state) return "";
    ReturnBuffer() = profila::ExportAnalysisCsv(CurrentAnalysis(*state), state->Doc.Data);
    return ReturnBuffer().c_str();
}

// analysisStatus(): the staged run of the Analysis screen (and the card's panel), which the
// exports above do not use (they finish the analysis at once).
EMSCRIPTEN_KEEPALIVE const char* profila_analysis_status_json() {
    AppState* state = RegisteredState();
    if (!state) return "{}";
    const AnalysisView& v = state->Analysis;
    char buf[384];
    std::snprintf(buf, sizeof buf,
                  "{\"running\":%s,\"runs\":%d,\"runFrames\":%d,\"lastRunFrames\":%d,\"stage\":%d,\"customers\":%zu,"
                  "\"lastRunMs\":%.1f,\"lastRunWorkMs\":%.1f,\"longestSliceMs\":%.1f,\"longestFrameMs\":%.1f}",
                  v.Running ? "true" : "false", v.RunsStarted, v.RunFrames, v.LastRunFrames, v.Progress.Stage,
                  state->Doc.Data.Customers.size(), v.LastRunMs, v.LastRunWorkMs, v.LastLongestSliceMs, v.LastLongestFrameMs);
    ReturnBuffer() = buf;
    return ReturnBuffer().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* profila_analysis_model_json() {
    AppState* state = RegisteredState();
    if (!state) return "";
    ReturnBuffer() = profila::ExportModelJson(CurrentAnalysis(*state));
    return ReturnBuffer().c_str();
}
}

#else
void RegisterAnalysisAutomation(AppState&) {}
#endif
