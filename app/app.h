// App-level operations shared by main.cpp and the screens.
#pragma once
#include "app_state.h"

// Loads settings (page ?lang=, saved choice, browser language), strings and theme.
void InitApp(AppState& state);
// One frame of the whole UI: navigation frame plus the current screen.
void DrawApp(AppState& state);
// Rebuilds fonts and style for a new UI scale (devicePixelRatio x text size).
void RebuildForScale(AppState& state, float ui_scale);

// Setting changes made by the Settings screen.
void SetLanguage(AppState& state, profila::Language language);
void SetTheme(AppState& state, ThemeChoice theme);
void SetTextScale(AppState& state, float text_scale);
void SetBusinessName(AppState& state, const std::string& name);
// The business's own VAT number: e-invoices where it is the buyer's were received, not issued.
void SetOwnVatNumber(AppState& state, const std::string& vat);
