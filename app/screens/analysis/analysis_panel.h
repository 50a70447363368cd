// The analysis of one customer, for the customer card (and the Analysis screen): status,
// frequency, types with their rules, the hand-set types, profitability criteria, RFM, value and
// the suggested strategy, each with its reason. Uses the Analysis screen's cached result.
#pragma once
#include <string>

#include "app_state.h"
#include "model/customer.h"

void DrawCustomerAnalysisPanel(AppState& state, const profila::Customer& customer);

// The analysis result for the current data and settings: the cached one when still valid, else
// computed now in full (window.profila and exports use this; the screen spreads runs over frames).
const profila::AnalysisResult& CurrentAnalysis(AppState& state);

// Offers text as a file download (app/screens/analysis_web.cpp, through the storage bridge).
void DownloadAnalysisFile(const std::string& name, const std::string& mime, const std::string& text);

// Registers the app state for window.profila.setAnalysisDate / exportAnalysis / exportModel
// (app/screens/analysis_web.cpp); called once at start.
void RegisterAnalysisAutomation(AppState& state);
