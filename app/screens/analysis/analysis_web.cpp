// The Analysis screen's doors out: file downloads (through the storage bridge) and what
// window.profila asks of the analysis (app/automation/ exports them): the same code as the screen,
// on the open workspace with the screen's settings.
#include <cstdio>
#include <string>

#include "analysis/export.h"
#include "codec/customer_export.h"
#include "import/workbook_writer.h"
#include "analysis_panel.h"
#include "analysis_parts.h"
#include "nlohmann/json.hpp"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/customers/customer_parts.h"

void DownloadAnalysisFile(const std::string& name, const std::string& mime, const std::string& text) {
    storage::DownloadText(name, mime, text);
}

std::string AnalysisCsvForSpreadsheet(AppState& state, const profila::AnalysisResult& r) {
    profila::CsvExportOptions options;
    const bool english = state.Settings.Language == profila::Language::En;
    options.Separator = english ? ',' : ';';
    options.DecimalComma = !english;
    return profila::SheetToCsv(profila::ExportAnalysisSheet(r, analysis_ui::AnalysisInput(state)), options);
}

void DownloadAnalysisXlsx(AppState& state, const profila::AnalysisResult& r) {
    std::string bytes = profila::WriteXlsx(state.T("nav.analysis"), profila::ExportAnalysisSheet(r, analysis_ui::AnalysisInput(state)));
    platform::DownloadBytes("profila-analysis-" + profila::FormatIsoDate(r.Settings.AsOf) + ".xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::vector<uint8_t>(bytes.begin(), bytes.end()));
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

std::string AnalysisCsv(AppState& state) {
    // The run first: it refreshes the input (the customers who object left out) that the rows follow.
    // (As two arguments of one call, the input could be read before, as it was before an edit.)
    const profila::AnalysisResult& r = CurrentAnalysis(state);
    return profila::ExportAnalysisCsv(r, analysis_ui::AnalysisInput(state));
}

std::string AnalysisModelJson(AppState& state) { return profila::ExportModelJson(CurrentAnalysis(state)); }

std::string AnalysisStatusJson(const AppState& state) {
    const AnalysisView& v = state.Analysis;
    char buf[384];
    std::snprintf(buf, sizeof buf,
                  "{\"running\":%s,\"runs\":%d,\"runFrames\":%d,\"lastRunFrames\":%d,\"stage\":%d,\"customers\":%zu,"
                  "\"lastRunMs\":%.1f,\"lastRunWorkMs\":%.1f,\"longestSliceMs\":%.1f,\"longestFrameMs\":%.1f}",
                  v.Running ? "true" : "false", v.RunsStarted, v.RunFrames, v.LastRunFrames, v.Progress.Stage,
                  analysis_ui::AnalysisInput(state).Customers.size(), v.LastRunMs, v.LastRunWorkMs, v.LastLongestSliceMs, v.LastLongestFrameMs);
    return buf;
}

std::string WeeklyActionsJson(AppState& state) {
    const profila::AnalysisResult& r = CurrentAnalysis(state);
    const profila::Workspace& input = analysis_ui::AnalysisInput(state);
    const profila::ContactSplit split = analysis_ui::ThisWeekByConsent(state, r);
    nlohmann::json actions = nlohmann::json::array(), left = nlohmann::json::array();
    for (size_t i : split.Kept)
        for (const profila::WeeklyAction& a : r.ThisWeek)
            if (a.Customer == i)
                actions.push_back({{"id", input.Customers[i].Id}, {"name", input.Customers[i].Name}, {"strategy", profila::StrategyCode(a.Suggested)}});
    for (const profila::ContactSplit::LeftOut& l : split.Left)
        left.push_back({{"id", input.Customers[l.Index].Id}, {"name", input.Customers[l.Index].Name}, {"reason", l.Why.Code},
                        {"why", ConsentReasonText(state, l.Why)}});
    nlohmann::json j = {{"actions", actions}, {"leftOut", left}, {"objecting", state.Analysis.LeftOut}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
