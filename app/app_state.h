// Everything the app holds, handed to each screen as AppState&. Screens keep only view state
// here (selection, filters, scroll); data lives in the core model.
#pragma once
#include <optional>
#include <string>

#include "store/document.h"
#include "i18n/i18n.h"
#include "screens/analysis/analysis_view.h"
#include "screens/course/course_view.h"
#include "screens/customers/customers_view.h"
#include "screens/persona/persona_view.h"
#include "screens/settings/sync_section.h"

struct ImFont;

enum class Screen { Home, Customers, Analysis, Persona, Course, Settings };
enum class ThemeChoice { System, Light, Dark };

// User settings kept in the browser (platform::LoadSetting) and applied at start.
struct UiSettings {
    profila::Language Language = profila::Language::En;
    ThemeChoice Theme = ThemeChoice::System;  // System follows prefers-color-scheme
    float TextScale = 1.0f;                   // 1.0 .. 1.5: trainers ask for larger text
};

struct Fonts {
    ImFont* Body = nullptr;     // 17 px at scale 1
    ImFont* Heading = nullptr;  // 23 px semibold
    ImFont* Title = nullptr;    // 32 px semibold
};

struct SettingsView {
    char BusinessName[128] = "";
    std::string BusinessNameShown;       // the stored name BusinessName was last filled from
    bool EditingBusinessName = false;
    char OwnVatNumber[40] = "";          // the business's own VAT number, as typed (issue 16)
    std::string OwnVatNumberShown;
    bool EditingOwnVatNumber = false;
    // "Your data": workspace name being typed (new or rename), and what waits for a confirmation.
    char WorkspaceName[128] = "";
    std::string RenamingWorkspace;       // id whose name is being edited
    std::string ConfirmDeleteWorkspace;  // id waiting for the second tap
    bool CreatingWorkspace = false;
    // Privacy: the retention confirmation and what the last one did.
    bool ConfirmRetention = false;
    std::string RetentionMessage;
    // Privacy: the passphrase being chosen (wiped once used), and a sealed backup's.
    char NewPassphrase[128] = "";
    char RepeatPassphrase[128] = "";
    char BackupPassphrase[128] = "";
};

// The passphrase prompt (screens/settings/passphrase_section.cpp): what is typed, wiped once used.
struct LockView {
    char Passphrase[128] = "";
    bool Focused = false;                // the field took the keyboard focus once
};

struct AppState {
    UiSettings Settings;
    profila::StringTable Strings;
    Fonts UiFonts;
    Screen Current = Screen::Home;
    bool DarkTheme = false;      // the theme in effect (System resolved)
    float UiScale = 1.0f;        // devicePixelRatio x text scale
    SettingsView SettingsScreen;
    SyncView SyncScreen;         // Settings > Sync
    LockView Lock;               // the passphrase prompt
    Document Doc;                // the open workspace and its save state
    CustomersView Customers;
    AnalysisView Analysis;
    PersonaView Persona;
    CourseView Course;
    std::optional<profila::Language> PendingLanguage;  // applied at the next frame start

    // The text for a string key in the current language.
    const char* T(const char* key) const { return Strings.Get(key); }
};
