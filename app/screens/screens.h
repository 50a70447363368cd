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
