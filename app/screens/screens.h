// One function per screen; each draws into the content area the navigation frame leaves.
#pragma once
#include "app_state.h"

void DrawHomeScreen(AppState& state);
void DrawCustomersScreen(AppState& state);
void DrawAnalysisScreen(AppState& state);
void DrawPersonaScreen(AppState& state);
void DrawCourseScreen(AppState& state);
void DrawSettingsScreen(AppState& state);
void DrawPrivacySettings(AppState& state);  // settings/privacy_settings.cpp: retention (issue 18)
// settings/passphrase_section.cpp (issue 18): the prompt drawn instead of the app while the workspace
// is locked, the Settings section, and a sealed backup's passphrase field.
void DrawLockScreen(AppState& state);
void DrawPassphraseSettings(AppState& state);
void DrawSealedRestore(AppState& state);
