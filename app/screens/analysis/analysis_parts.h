// The pieces of the Analysis screen, shared between its files: the cache and staged runs
// (analysis_screen.cpp), the texts (analysis_texts.cpp), the dashboard (analysis_dashboard.cpp),
// the other tabs (analysis_tabs.cpp) and the per-customer panel (analysis_customer_panel.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "privacy/privacy.h"
#include "app_state.h"

namespace analysis_ui {

// ---- [SECTION] Cache and staged runs (analysis_screen.cpp) --------------------------------------
profila::AnalysisSettings EffectiveSettings(const AnalysisView& v);
// Advances the analysis a slice (small bases finish at once); true while a run is in progress.
bool AdvanceAnalysis(AppState& state);
// What the analysis reads: the workspace without the customers who object to profiling (issue 18).
const profila::Workspace& AnalysisInput(const AppState& state);

// ---- [SECTION] Texts (analysis_texts.cpp) --------------------------------------------------------
std::string Number(const AppState& state, double v);
std::string ReasonText(const AppState& state, const profila::Reason& why);
std::string Key(const char* prefix, const char* code);
const char* StatusName(const AppState& state, profila::RelationshipStatus s);
const char* SegmentName(const AppState& state, profila::RfmSegment s);
const char* StrategyName(const AppState& state, profila::Strategy s);
std::string Pattern(const AppState& state, const char* key, std::vector<std::string> args);
const profila::Customer* CustomerAt(const AppState& state, uint32_t index);
std::string DisplayName(const profila::Customer& c);

// ---- [SECTION] Tabs (analysis_dashboard.cpp, analysis_tabs.cpp) ---------------------------------
void DrawDashboard(AppState& state, const profila::AnalysisResult& r);
void DrawThisWeek(AppState& state, const profila::AnalysisResult& r);
// This week's list split by consent to be contacted (any channel): kept, and left out with why.
profila::ContactSplit ThisWeekByConsent(const AppState& state, const profila::AnalysisResult& r);
void DrawCustomersTab(AppState& state, const profila::AnalysisResult& r);
void DrawSettingsTab(AppState& state);
void DrawModelTab(AppState& state, const profila::AnalysisResult& r);
void DrawTabs(AppState& state);
void DrawDateRow(AppState& state);

}  // namespace analysis_ui
