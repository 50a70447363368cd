// window.profila, the app's small automation surface (README "Automation"; web/automation.js):
// every function runs the same code as the UI. One pattern for all of them: JS calls an exported
// C function `profila_<name>` (app/automation/automation.cpp), which acts on the one AppState
// registered here and hands back text that lives until the next call.
#pragma once

struct AppState;

// The state window.profila acts on (one per page). Call once, at start.
void RegisterAutomation(AppState& state);
