// The store seen from the app: loads the open workspace at start, saves what the document's
// commands marked (within a second of the last edit, and at once when the page is hidden), follows
// other tabs' saves, and runs the workspace and backup actions of Settings ("Your data").
// All storage is app/platform/storage.h; all state is in AppState::Doc (Document::Store).
#pragma once
#include <string>

#include "app_state.h"

// Requests persistence, picks the workspace (creating the first one), starts the first load and
// registers the page-hidden and other-tab hooks. Call once, after InitApp.
void StartStore(AppState& state);
// Once per frame: starts a debounced save when edits have rested, retries failed saves.
void StoreFrame(AppState& state);
// Saves now whatever is dirty (page hidden, a test's saveNow()).
void FlushStore(AppState& state);

// Workspaces (Settings, "Your data").
void CreateWorkspace(AppState& state, const std::string& name);
void SwitchWorkspace(AppState& state, const std::string& workspace_id);
void RenameWorkspace(AppState& state, const std::string& workspace_id, const std::string& name);
void DeleteWorkspace(AppState& state, const std::string& workspace_id);

// The backup file of the open workspace (what Export downloads and profila.exportStore() returns).
std::string BackupText(const AppState& state);
// Downloads the backup file and records the backup date.
void ExportBackup(AppState& state);
// Opens the file picker; a readable backup then waits in Doc.Store for ConfirmRestore.
void PickBackupToRestore(AppState& state);
// Checks a backup's text; when sound it waits for ConfirmRestore, else RestoreIssues say why.
bool PrepareRestore(AppState& state, const std::string& file_name, const std::string& text);
// Replaces the open workspace's customers with the prepared backup, in one transaction.
void ConfirmRestore(AppState& state);
void CancelRestore(AppState& state);

// Refreshes navigator.storage facts and the list of set-aside records (Settings opens).
void RefreshStoreFacts(AppState& state);
// Days since the last export, or -1 when never exported.
int DaysSinceBackup(const AppState& state);
// The i18n key of the save state line ("store.saved", "store.saving"...).
const char* SaveStateKey(const Document& doc);
