// View state of the Analysis screen (selection, tabs, settings being edited, the cached result).
// Owned by that screen (app/screens/analysis_screen.cpp). The analysis itself is core's
// (core/analysis_run.h): this only keeps its last result, keyed on the data and the settings, and
// a run in progress that advances a slice per frame so a big base never freezes the UI.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "analysis/run.h"

enum class AnalysisTab { Dashboard, ThisWeek, Customers, Settings, Model };

struct AnalysisView {
    profila::AnalysisSettings Settings;      // as the owner set them (AsOf: 0 = today, see DateSet)
    bool DateSet = false;                    // false: the analysis date follows today
    uint64_t SettingsSerial = 1;             // bumped by every settings change
    char DateText[16] = "";                  // the date field: YYYY-MM-DD as typed
    bool DateSynced = false;                 // DateText shows the date in use
    bool DateInvalid = false;                // the last text typed is not a date (nothing changed)
    AnalysisTab Tab = AnalysisTab::Dashboard;
    std::string SelectedId;                  // customer whose reasons are open ("" none)
    char Filter[64] = "";                    // customer table filter (name or id)
    // Cache: the last complete result and the key it was computed for; a run in progress.
    std::shared_ptr<profila::AnalysisResult> Result;
    uint64_t ResultKey = 0;
    std::shared_ptr<profila::AnalysisResult> Running;
    uint64_t RunningKey = 0;
    profila::AnalysisProgress Progress;      // where the run in progress is
    int RunsStarted = 0;                     // runs started since the page opened
    int RunFrames = 0;                       // frames the run in progress has used so far
    int LastRunFrames = 0;                   // frames the last complete run took (1 = done in one frame)
    int AdvancedFrame = -1;                  // ImGui frame of the last slice (one slice a frame)
    bool DateEditing = false;                // the date field has the keyboard (not resynced to today meanwhile)
    double LastRunMs = 0.0;                  // wall time of the last complete run, first slice to last (all its frames)
    double RunStartedMs = 0.0;
    // Work, not waiting: the time spent inside the run's slices (the frames between them excluded).
    double RunWorkMs = 0.0, LastRunWorkMs = 0.0;           // sum over the run's slices
    double RunLongestSliceMs = 0.0, LastLongestSliceMs = 0.0;  // one AdvanceAnalysisRun call
    double RunLongestFrameMs = 0.0, LastLongestFrameMs = 0.0;  // one frame's slices together
    // The analysis input: the customers without those who object to profiling (issue 18), copied
    // only when someone objects (else the document's own list is the input).
    profila::Workspace Input;
    uint64_t InputKey = 0;
    size_t LeftOut = 0;                      // customers left out because they object
    // The facts of customers with nothing after the date, kept from run to run while the data stay
    // the same (core/analysis/facts.h): a date change reads them, not every purchase again.
    profila::FactsMemo Facts;
};
