// The open workspace and what must be saved. Screens change data only through these commands;
// each marks what changed so the store (app/store_sync.cpp) saves it within a second, in one
// IndexedDB transaction, and shows "saved" only once that transaction has completed.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/customer.h"
#include "persona/persona.h"
#include "platform/storage.h"

enum class SaveState { Idle, Pending, Saving, Saved, Failed };

// What the store knows beyond the model: loading, what is in flight, what other tabs did, what was
// set aside. Written by app/store_sync.cpp only; screens read it.
struct StoreStatus {
    bool Started = false;                    // the first load was asked for
    bool LoadFailed = false;                 // IndexedDB could not be read: nothing is saved then
    std::string LoadError;
    double LoadMilliseconds = 0.0;           // storage read + decode of the last full load
    double ReadMilliseconds = 0.0;           // of which reading IndexedDB
    double CopyMilliseconds = 0.0;           // handing the bytes to wasm
    double CheckMilliseconds = 0.0;          // checksums and record headers
    double DecodeMilliseconds = 0.0;         // JSON -> profila::Customer
    double ApplyMilliseconds = 0.0;          // into the document
    double LastSaveMilliseconds = 0.0;       // call to complete event, last successful save
    int SavedCount = 0;                      // saves completed since the page opened
    std::vector<std::string> Problems;       // records set aside at load (or after a conflict), described
    std::string Notice;                      // a one-off message (another tab's change, conflict kept...)
    // Save loop bookkeeping
    std::set<std::string> InFlightPuts, InFlightDeletes;
    uint64_t SeenEditSerial = 0;
    double SeenEditAt = 0.0;                 // store clock when SeenEditSerial changed
    bool FlushRequested = false;             // save now (page hidden, explicit flush)
    bool Reloading = false;                  // a full reload (other tab replaced everything, workspace switch)
    std::vector<std::string> PendingRemote;  // customer ids another tab changed, to read back
    bool RemoteReadInFlight = false;
    double LastFailAt = -1.0;                // store clock of the last failed save (retried later)
    // Settings, "Your data"
    std::vector<storage::WorkspaceInfo> Workspaces;
    storage::StorageEstimate Estimate;
    double EstimateAt = -1000.0;
    std::vector<storage::SetAsideRecord> SetAside;
    // Restoring a backup: decoded from the picked file, waiting for the user's confirmation.
    bool RestorePending = false;
    profila::Workspace RestoreData;
    bool RestoreHasPersonas = false;         // the file has a "personas" list: it replaces the personas
    std::vector<profila::Persona> RestorePersonas;
    std::string RestoreFileName;
    std::vector<std::string> RestoreIssues;  // why the picked file was refused (field paths)
    bool RestoreInFlight = false;
    std::string RestoreResult;               // "" while none; "ok" or the error of the last restore
    int RestoreSerial = 0;                   // restores finished since the page opened
};

struct Document {
    profila::Workspace Data;
    std::set<std::string> DirtyCustomers;    // ids to write
    std::set<std::string> DeletedCustomers;  // ids to delete
    double LastEditSeconds = 0.0;            // time of the last command, for the save debounce
    uint64_t EditSerial = 0;                 // bumped by every command (the store's clock-free edit signal)
    SaveState Save = SaveState::Idle;
    std::string SaveError;                   // shown when Save == Failed
    bool Loaded = false;                     // the store finished its first load
    // Revision of each customer as stored in IndexedDB when this tab last read or wrote it: the base
    // of the next write (absent = not stored). A write is refused if storage moved on meanwhile.
    std::map<std::string, int64_t> StoredRevisions;
    // Highest revision this tab has given each customer. A revision is never given twice by one tab,
    // even when a re-read (another tab's change, a conflict) puts an older stored copy in Data.
    std::map<std::string, int64_t> IssuedRevisions;
    StoreStatus Store;
    // The workspace's persona sketches (core/persona.h), kept in the "personas" collection; saved by
    // the persona screen's own loop (PersonaFrame in app/screens/persona_screen.cpp).
    std::vector<profila::Persona> Personas;
};

// Adds the customer, or replaces the one with the same Id; bumps its revision; marks it dirty.
void CommitCustomer(Document& doc, profila::Customer customer, double now_seconds);
// Adds or replaces many customers as one change (an import, the example shop): the store saves
// them in one transaction. Same rules as CommitCustomer for each.
void CommitCustomers(Document& doc, std::vector<profila::Customer> customers, double now_seconds);
// Removes the customer with this id (screens keep a copy for undo); marks the deletion.
void RemoveCustomer(Document& doc, const std::string& id, double now_seconds);
// Removes many customers as one change (undoing an import).
void RemoveCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds);
// The customer with this id, or nullptr.
const profila::Customer* FindCustomer(const Document& doc, const std::string& id);
// A new id not used in the workspace.
std::string NewCustomerId(const Document& doc);
// True while something is not yet safely stored (edits waiting, saving, or a failed save).
bool HasUnsavedChanges(const Document& doc);
