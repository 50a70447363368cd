// The store seen from the app: loads the open workspace at start (every collection in one read),
// saves what the document's commands marked (one saver, one set of rules for every collection:
// within a second of the last edit, at once for whole-collection changes and when the page is
// hidden; never lowering a revision; a refused copy kept aside), follows other tabs' saves, asks
// before the page is left while anything is unsaved, and runs the workspace and backup actions of
// Settings ("Your data"). All storage is app/platform/storage.h; all state is in AppState::Doc.
#pragma once
#include <string>

#include "app_state.h"

// Requests persistence, picks the workspace (creating the first one), starts the first load and
// registers the page-hidden, leave-page and other-tab hooks. Call once, after InitApp.
void StartStore(AppState& state);
// Once per frame: starts a debounced save when edits have rested, retries failed saves.
void StoreFrame(AppState& state);
// Saves now whatever is dirty (page hidden, a test's saveNow()).
void FlushStore(AppState& state);

// Workspaces (Settings, "Your data"; app/store/workspaces.cpp).
void CreateWorkspace(AppState& state, const std::string& name);
void SwitchWorkspace(AppState& state, const std::string& workspace_id);
void RenameWorkspace(AppState& state, const std::string& workspace_id, const std::string& name);
void DeleteWorkspace(AppState& state, const std::string& workspace_id);
// Opens another workspace. Unless forced (the open one was deleted), waits until what was typed in
// the open one is stored: refused with a notice while a save is due or running.
bool OpenWorkspace(AppState& state, const std::string& workspace_id, bool force);

// The backup file of the open workspace (what Export downloads and profila.exportStore() returns;
// app/store/backup.cpp).
std::string BackupText(const AppState& state);
// Downloads the backup file and records the backup date.
void ExportBackup(AppState& state);
// Opens the file picker; a readable backup then waits in Doc.Store for ConfirmRestore.
void PickBackupToRestore(AppState& state);
// Checks a backup's text; when sound it waits for ConfirmRestore, else RestoreIssues say why.
bool PrepareRestore(AppState& state, const std::string& file_name, const std::string& text);
// Replaces the open workspace's customers (and personas, when the file has them) with the prepared
// backup, in one transaction; the result says "ok" only once it has completed.
void ConfirmRestore(AppState& state);
void CancelRestore(AppState& state);

// Passphrase for a shared tablet (issue 18; app/store/passphrase.cpp). The key is derived and kept
// by storage (web/storage.js); the app never keeps the passphrase.
// True when the open workspace is stored encrypted.
bool IsWorkspaceEncrypted(const AppState& state);
// The prompt's Unlock: on the right passphrase the workspace loads; a wrong one sets
// Doc.Store.UnlockMessage and changes nothing.
void UnlockWorkspace(AppState& state, const std::string& passphrase);
// Locks now: what was typed is saved first, then the key and the loaded data are dropped and the
// prompt shows.
void LockWorkspace(AppState& state);
// Turns encryption on (or changes the passphrase) / off: the whole workspace rewritten in one transaction.
void TurnPassphraseOn(AppState& state, const std::string& passphrase);
void TurnPassphraseOff(AppState& state);
// Idle lock: 0 (never), 5, 15 or 30 minutes; kept as a setting of this device.
void SetLockMinutes(AppState& state, int minutes);
// Once per frame (from StoreFrame): notes activity, locks when idle too long, finishes a requested lock.
void PassphraseFrame(AppState& state);
// A sealed backup picked for restore: opened with its passphrase, then prepared as any backup.
void OpenSealedRestore(AppState& state, const std::string& passphrase);

// Refreshes navigator.storage facts and the list of set-aside records (Settings opens).
void RefreshStoreFacts(AppState& state);
// Days since the last export, or -1 when never exported.
int DaysSinceBackup(const AppState& state);
// The i18n key of the save state line ("store.saved", "store.saving"...).
const char* SaveStateKey(const Document& doc);
// profila.storeStatus(): the store's state as JSON text.
std::string StoreStatusJson(const AppState& state);
// profila.saveProgress(): the part of it a wait for a save or a restore reads, without the base's
// revisions: {save, saveError, dirty, inFlight, savedThrough, restoreSerial, restoreResult}.
std::string SaveProgressJson(const AppState& state);
// profila.commitCustomer(json): commits a card as the screens do; the id, or "error: ...".
std::string CommitCustomerJson(AppState& state, const std::string& text);

// ---- used by app/store/*.cpp only
// Reads the open workspace again (first: a freshly opened one).
void LoadOpenWorkspace(AppState& state, bool first);
// Starts a save of everything dirty now, if nothing stops it (loading, a save in flight...).
void StartSave(AppState& state);
// A real clock in ms since 1970 (for backup dates and workspace ids).
double WallClockMs();
// The storage error's message key ("store.error_quota"...).
const char* WriteErrorKey(storage::WriteError code);
