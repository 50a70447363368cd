// The analysis of one customer, for the customer card (and the Analysis screen): status,
// frequency, types with their rules, the hand-set types, profitability criteria, RFM, value and
// the suggested strategy, each with its reason. Uses the Analysis screen's cached result.
#pragma once
#include <string>
#include <vector>

#include "app_state.h"
#include "model/customer.h"

void DrawCustomerAnalysisPanel(AppState& state, const profila::Customer& customer);

// The analysis result for the current data and settings: the cached one when still valid, else
// computed now in full (window.profila and exports use this; the screen spreads runs over frames).
const profila::AnalysisResult& CurrentAnalysis(AppState& state);

// The customer's analysis results with their reasons, one line each (the person's data export);
// empty when the customer is not in the analysis (objects to profiling).
std::vector<std::string> CustomerAnalysisLines(AppState& state, const profila::Customer& customer);

// Offers text as a file download (app/screens/analysis_web.cpp, through the storage bridge).
void DownloadAnalysisFile(const std::string& name, const std::string& mime, const std::string& text);
// The analysis as CSV in the user's convention (';' and decimal comma with a BOM in Italian and
// Spanish, ',' and '.' in English), what the Model tab's CSV button downloads; and as .xlsx.
std::string AnalysisCsvForSpreadsheet(AppState& state, const profila::AnalysisResult& r);
void DownloadAnalysisXlsx(AppState& state, const profila::AnalysisResult& r);

// For window.profila (app/automation/), the same code as the screen: sets the analysis date
// ('YYYY-MM-DD'; '' or 'today' follows today again), "" or why not; the analysis as CSV; the model
// report as JSON; the screen's staged run (which the exports do not use: they finish at once).
std::string SetAnalysisDate(AppState& state, const std::string& iso);
std::string AnalysisCsv(AppState& state);
std::string AnalysisModelJson(AppState& state);
std::string AnalysisStatusJson(const AppState& state);
// This week's actions as JSON: {actions: [{id, name, strategy}], leftOut: [{id, name, reason}],
// objecting: customers left out of the analysis because they object to profiling}.
std::string WeeklyActionsJson(AppState& state);
