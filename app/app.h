// App-level operations shared by main.cpp and the screens.
#pragma once
#include "app_state.h"

// Loads settings (page ?lang=, saved choice, browser language), strings and theme.
void InitApp(AppState& state);
// One frame of the whole UI: navigation frame plus the current screen.
void DrawApp(AppState& state);
// The app's clock: ImGui's time in seconds, 0 before the first frame (real seconds in the browser,
// each frame's delta measured and a hidden page's time included; the test's time natively).
// Debounces, retries, the store's save times, the lock's idle time and the sync's schedule read it.
double AppClock();
// Rebuilds fonts and style for a new UI scale (devicePixelRatio x text size).
void RebuildForScale(AppState& state, float ui_scale);

// Setting changes made by the Settings screen.
void SetLanguage(AppState& state, profila::Language language);
void SetTheme(AppState& state, ThemeChoice theme);
void SetTextScale(AppState& state, float text_scale);
void SetBusinessName(AppState& state, const std::string& name);
// The business's own VAT number: e-invoices where it is the buyer's were received, not issued.
void SetOwnVatNumber(AppState& state, const std::string& vat);
