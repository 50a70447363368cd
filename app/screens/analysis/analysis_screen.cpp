// The Analysis screen: who the customers are and what they are worth, with reasons.
// Files of this folder: analysis_texts.cpp (reason codes and figures to sentences),
// analysis_dashboard.cpp, analysis_tabs.cpp (This week, Customers, Settings, Model),
// analysis_customer_panel.cpp (also used by the customer card), analysis_web.cpp (downloads and
// window.profila); analysis_parts.h declares what they share.
//
// [SECTION] Cache and staged runs   - recompute only when data or settings change, a stage a frame
// [SECTION] Public
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "analysis/export.h"
#include "privacy/privacy.h"
#include "analysis_panel.h"
#include "analysis_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "screens/customers/customer_parts.h"
#include "screens/screens.h"
#include "ui/charts.h"
#include "ui/date_field.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#include "text/hash.h"

using namespace profila;

namespace analysis_ui {

// ---- [SECTION] Cache and staged runs ---------------------------------------------------------------

double WallMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

AnalysisSettings EffectiveSettings(const AnalysisView& v) {
    AnalysisSettings s = v.Settings;
    if (!v.DateSet) s.AsOf = ui::Today();
    return s;
}

// A key for the data and settings: any command bumps EditSerial (restores and workspace switches
// too), and cards that storage brings in or takes away outside a command (another tab's or device's
// change, a load) bump CardsLoaded. (It used to add up every card's revision: a pass over 100,000
// cards, ~3 ms in wasm for each export.)
uint64_t CardsKey(const AppState& state) {
    uint64_t h = profila::kFnv1a64Basis;
    auto mix = [&](uint64_t x) { h = profila::Fnv1a64Word(h, x); };
    mix(state.Doc.EditSerial);
    mix(state.Doc.CardsLoaded);
    mix(state.Doc.Data.Customers.size());
    return h | 1;  // never 0, which keeps no facts
}

uint64_t DataKey(const AppState& state) {
    const AnalysisView& v = state.Analysis;
    uint64_t h = CardsKey(state);
    auto mix = [&](uint64_t x) { h = profila::Fnv1a64Word(h, x); };
    mix(v.SettingsSerial);
    mix(static_cast<uint64_t>(EffectiveSettings(v).AsOf.Days));
    return h;
}

// A run's result reads and keeps the view's facts memo, for the cards as they are now.
void UseFactsMemo(AppState& state, AnalysisResult& result) {
    state.Analysis.Facts.DataKey = CardsKey(state);
    result.Scratch.Memo = &state.Analysis.Facts;
}

// Advances the analysis: small bases finish in one frame; big ones run slices of ~2,000 customers
// (or one whole ranking/fitting stage) for up to ~8 ms a frame while the last result stays on
// screen. Returns true while a run is in progress.
const Workspace& AnalysisInput(const AppState& state) {
    const AnalysisView& v = state.Analysis;
    return v.LeftOut > 0 ? v.Input : state.Doc.Data;
}

// Customers who object to profiling are left out here, before the analysis sees them, so no rule
// of core/analysis needs to know (core/privacy ProfilingInput). Copied again only when the cards
// change, not at each date change.
void RefreshAnalysisInput(AppState& state) {
    AnalysisView& v = state.Analysis;
    const uint64_t key = CardsKey(state);
    if (v.InputKey == key) return;  // CardsKey is never 0, InputKey's first value
    v.InputKey = key;
    v.LeftOut = ProfilingInput(state.Doc.Data, v.Input);
    if (v.LeftOut == 0) v.Input = Workspace{};
}

// A finished result keeps only what it means. Its working buffers go: on 100,000 customers they are
// about 28 MB, nearly as much as the result itself, and the next run makes them again in a few ms.
void ReleaseWorkingMemory(AnalysisResult& result) { result.Scratch = profila::AnalysisScratch{}; }

bool AdvanceAnalysis(AppState& state) {
    AnalysisView& v = state.Analysis;
    const uint64_t key = DataKey(state);
    RefreshAnalysisInput(state);
    if (v.Result && v.ResultKey == key) {
        v.Running.reset();
        return false;
    }
    if (!v.Running || v.RunningKey != key) {
        if (!v.Running) v.Running = std::make_shared<AnalysisResult>();
        v.RunningKey = key;
        v.Progress = {};
        v.RunStartedMs = -1.0;  // set by the first slice (a run started after this frame's slice waits a frame)
        v.RunFrames = 0;
        v.RunWorkMs = v.RunLongestSliceMs = v.RunLongestFrameMs = 0.0;
        ++v.RunsStarted;
        UseFactsMemo(state, *v.Running);
    }
    if (v.AdvancedFrame == ImGui::GetFrameCount()) return true;  // this frame's slice is done
    v.AdvancedFrame = ImGui::GetFrameCount();
    const AnalysisSettings s = EffectiveSettings(v);
    const bool small = AnalysisInput(state).Customers.size() <= 5000;
    const double frameStart = WallMs();
    if (v.RunStartedMs < 0) v.RunStartedMs = frameStart;
    bool done = false;
    double now = frameStart;
    while (!done) {
        const double sliceStart = now;
        done = AdvanceAnalysisRun(AnalysisInput(state), s, *v.Running, v.Progress, 2000);
        now = WallMs();
        v.RunLongestSliceMs = std::max(v.RunLongestSliceMs, now - sliceStart);
        if (!small && now - frameStart > 8.0) break;  // keep the frame responsive
    }
    v.RunWorkMs += now - frameStart;
    v.RunLongestFrameMs = std::max(v.RunLongestFrameMs, now - frameStart);
    ++v.RunFrames;
    if (done) {
        v.LastRunFrames = v.RunFrames;
        v.Result = std::move(v.Running);  // the result before it goes (it may still be read elsewhere: shared)
        ReleaseWorkingMemory(*v.Result);
        v.ResultKey = key;
        v.LastRunMs = now - v.RunStartedMs;
        v.LastRunWorkMs = v.RunWorkMs;
        v.LastLongestSliceMs = v.RunLongestSliceMs;
        v.LastLongestFrameMs = v.RunLongestFrameMs;
        return false;
    }
    return true;
}

}  // namespace analysis_ui

using namespace analysis_ui;

// ---- [SECTION] Public ---------------------------------------------------------------------------------

const AnalysisResult& CurrentAnalysis(AppState& state) {
    AnalysisView& v = state.Analysis;
    const uint64_t key = DataKey(state);
    RefreshAnalysisInput(state);
    if (!v.Result || v.ResultKey != key) {
        const double start = WallMs();
        // Into the last result when nothing else reads it: its buffers are reused, so the heap
        // holds one result, not two, while the new one is made.
        if (!v.Result || v.Result.use_count() > 1) v.Result = std::make_shared<AnalysisResult>();
        UseFactsMemo(state, *v.Result);
        RunAnalysis(AnalysisInput(state), EffectiveSettings(v), *v.Result);
        ReleaseWorkingMemory(*v.Result);
        v.ResultKey = key;
        v.LastRunMs = v.LastRunWorkMs = v.LastLongestSliceMs = v.LastLongestFrameMs = WallMs() - start;
        v.LastRunFrames = 1;  // all at once, in this frame
        v.Running.reset();
    }
    return *v.Result;
}

void DrawAnalysisScreen(AppState& state) {
    AnalysisView& v = state.Analysis;
    ui::Heading(state.UiFonts.Title, state.T("analysis.title"));
    DrawDateRow(state);
    const bool running = AdvanceAnalysis(state);
    DrawTabs(state);
    if (running) ui::StatusMessage(ui::Tone::Info, state.T("analysis.computing"));
    if (!v.Result) return;
    const AnalysisResult& r = *v.Result;
    if (state.Doc.Data.Customers.empty()) {
        ui::StatusMessage(ui::Tone::Info, state.T("analysis.empty"));
        if (v.Tab != AnalysisTab::Settings) return;
    } else {
        ui::MutedText(Pattern(state, "analysis.summary", {ui::FormatUserDate(r.Settings.AsOf), Number(state, r.Base.Customers), Number(state, r.Base.Buyers),
                                                          ui::FormatMoney(state, r.Base.Margin)})
                          .c_str());
    }
    if (v.LeftOut > 0) ui::MutedText(profila::FormatText(state.T("privacy.left_out_analysis"), {std::to_string(v.LeftOut)}).c_str());
    ImGui::PushID(static_cast<int>(v.Tab));  // one scroll position per tab: a tab opens at its top
    ImGui::BeginChild("##analysis.body", ImVec2(0, 0), ImGuiChildFlags_None);
    switch (v.Tab) {
        case AnalysisTab::Dashboard: DrawDashboard(state, r); break;
        case AnalysisTab::ThisWeek: DrawThisWeek(state, r); break;
        case AnalysisTab::Customers: DrawCustomersTab(state, r); break;
        case AnalysisTab::Settings: DrawSettingsTab(state); break;
        case AnalysisTab::Model: DrawModelTab(state, r); break;
    }
    ImGui::EndChild();
    ImGui::PopID();
}
