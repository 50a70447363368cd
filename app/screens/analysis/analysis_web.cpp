// The Analysis screen's doors out: file downloads (through the storage bridge) and what
// window.profila asks of the analysis (app/automation/ exports them): the same code as the screen,
// on the open workspace with the screen's settings.
#include <cstdio>
#include <string>

#include "analysis/export.h"
#include "analysis_panel.h"
#include "platform/storage.h"

void DownloadAnalysisFile(const std::string& name, const std::string& mime, const std::string& text) {
    storage::DownloadText(name, mime, text);
}

std::string SetAnalysisDate(AppState& state, const std::string& iso) {
    AnalysisView& v = state.Analysis;
    if (iso.empty() || iso == "today") {
        v.DateSet = false;
    } else {
        auto date = profila::ParseIsoDate(iso);
        if (!date) return "not a date: expected YYYY-MM-DD";
        v.Settings.AsOf = *date;
        v.DateSet = true;
    }
    v.DateSynced = false;
    ++v.SettingsSerial;
    return "";
}

std::string AnalysisCsv(AppState& state) { return profila::ExportAnalysisCsv(CurrentAnalysis(state), state.Doc.Data); }

std::string AnalysisModelJson(AppState& state) { return profila::ExportModelJson(CurrentAnalysis(state)); }

std::string AnalysisStatusJson(const AppState& state) {
    const AnalysisView& v = state.Analysis;
    char buf[384];
    std::snprintf(buf, sizeof buf,
                  "{\"running\":%s,\"runs\":%d,\"runFrames\":%d,\"lastRunFrames\":%d,\"stage\":%d,\"customers\":%zu,"
                  "\"lastRunMs\":%.1f,\"lastRunWorkMs\":%.1f,\"longestSliceMs\":%.1f,\"longestFrameMs\":%.1f}",
                  v.Running ? "true" : "false", v.RunsStarted, v.RunFrames, v.LastRunFrames, v.Progress.Stage,
                  state.Doc.Data.Customers.size(), v.LastRunMs, v.LastRunWorkMs, v.LastLongestSliceMs, v.LastLongestFrameMs);
    return buf;
}
