// The open workspace: everything the app saves, as collections of one document, and the commands
// that change it. Screens change saved data only through these commands; each marks what changed
// so the one collection saver (app/store/store.h) writes it, and the save state says "saved" only
// once the IndexedDB transaction has completed.
//
// Collections and their records (storage key -> bytes):
//   customers  customer id -> MessagePack record (core/codec/customer_record.h)
//   personas   persona id  -> JSON (core/codec/persona_json.h)
//   progress   "course"    -> JSON (core/course/course.h ProgressToJson)
//   settings   "workspace" -> JSON (WorkspaceSettingsToJson below): the business's own settings
// Device settings (language, theme, text size, the open workspace) stay in the browser's local
// settings (platform::LoadSetting): they must be known before the store opens.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "course/course.h"
#include "model/customer.h"
#include "model/ids.h"
#include "persona/persona.h"
#include "platform/storage.h"
#include "privacy/privacy.h"

// Sync state (app/sync/sync_book.h) is held by pointer: its JSON documents would otherwise bring
// nlohmann/json into every screen that includes this header.
struct SyncBook;

enum class SaveState { Idle, Pending, Saving, Saved, Failed };

enum class Collection { Customers, Personas, Progress, Settings };
constexpr int kCollectionCount = 4;
// The storage name of a collection ("customers"...), and back (nullopt for names the app does not keep).
const char* CollectionName(Collection c);
std::optional<Collection> CollectionFromName(const std::string& name);

// The key of the one progress record and of the one settings record of a workspace.
constexpr const char* kProgressKey = "course";
constexpr const char* kSettingsKey = "workspace";

// The business's own settings, saved with its data (so they follow a backup and, later, a sync).
struct WorkspaceSettings {
    std::string BusinessName;                 // shown on Home
    profila::ForgottenList Forgotten;         // one-way hashes of forgotten customers (issue 18): never brought back
    int RetentionYears = 0;                   // 0: keep; else Settings proposes forgetting those inactive longer
    std::string OwnVatNumber;                 // the business's VAT number: e-invoices it received are told apart
};
std::string WorkspaceSettingsToJson(const WorkspaceSettings& settings);
// Reads what WorkspaceSettingsToJson writes; nullopt (and why) when the text is not such a record.
std::optional<WorkspaceSettings> WorkspaceSettingsFromJson(std::string_view text, std::string& error);

// What the saver knows of one collection: the same rules for every collection.
struct CollectionState {
    std::set<std::string> Dirty;             // keys to write
    std::set<std::string> Deleted;           // keys to delete
    std::set<std::string> InFlightPuts, InFlightDeletes;
    // Revision of each key as stored in IndexedDB when this tab last read or wrote it: the base of
    // the next write (absent = not stored). A write is refused if storage moved on meanwhile.
    std::map<std::string, int64_t> Stored;
    // Highest revision this tab has given each key: never given twice, never lowered, even when a
    // re-read (another tab's change, a conflict) puts an older stored copy in the document.
    std::map<std::string, int64_t> Issued;
    std::vector<std::string> PendingRemote;  // keys another tab changed, to read back
    std::set<std::string> Purge;             // forgotten keys: deleted whatever the revision, kept copies too
};

// What the store knows beyond the data: loading, what is in flight, what other tabs did, what was
// set aside. Written by app/store/ only; screens read it.
struct StoreStatus {
    bool Started = false;                    // the first load was asked for
    bool LoadFailed = false;                 // IndexedDB could not be read: nothing is saved then
    std::string LoadError;
    double LoadMilliseconds = 0.0;           // storage read + decode of the last full load
    double ReadMilliseconds = 0.0;           // of which reading IndexedDB
    double CopyMilliseconds = 0.0;           // handing the bytes to wasm
    double CheckMilliseconds = 0.0;          // checksums and record headers
    double DecodeMilliseconds = 0.0;         // records -> cards
    double ApplyMilliseconds = 0.0;          // into the document
    double LastSaveMilliseconds = 0.0;       // call to complete event, last successful save
    int SavedCount = 0;                      // saves completed since the page opened
    std::vector<std::string> Problems;       // records set aside at load (or after a conflict), described
    std::string Notice;                      // a one-off message key (another tab's change, conflict kept...)
    // Save loop bookkeeping
    uint64_t SeenEditSerial = 0;
    double SeenEditAt = 0.0;                 // store clock when SeenEditSerial changed
    bool FlushRequested = false;             // save now (page hidden, an import, explicit flush)
    bool Reloading = false;                  // a full reload (other tab replaced everything, workspace switch)
    int RemoteReadsInFlight = 0;
    double LastFailAt = -1.0;                // store clock of the last failed save (retried later)
    double UnsavedSince = -1.0;              // store clock since when something is unsaved (-1: nothing)
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
    int SkippedForgotten = 0;                // forgotten customers the last restore or import left out
    // Passphrase (issue 18; app/store/passphrase.cpp)
    bool Locked = false;                     // the open workspace is encrypted and waits for its passphrase
    bool Unlocking = false;                  // a passphrase is being checked (key derivation takes ~0.1-0.3 s)
    std::string UnlockMessage;               // i18n key of the last unlock's failure ("lock.wrong"...)
    bool LockRequested = false;              // lock once what was typed is stored
    double LastActivityAt = -1.0;            // ImGui time (real seconds in the browser) of the last touch, click or key
    int LockMinutes = 0;                     // lock after this many idle minutes (0: never); a setting of the device
    bool PassphraseBusy = false;             // turning encryption on or off: one transaction in flight
    std::string PassphraseMessage;           // i18n key of the last on/off result
    int PassphraseSerial = 0;                // on/off changes finished since the page opened
    std::string RestoreSealed;               // a picked backup that needs its passphrase to open
    std::string RestoreSealedMessage;        // i18n key: wrong passphrase for it
};

struct Document {
    Document();
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // ---- the data: one field per collection
    profila::Workspace Data;                 // customers (and the workspace's id and name)
    std::vector<profila::Persona> Personas;  // persona sketches (core/persona/persona.h)
    profila::course::Progress Progress;      // the trainee's course progress
    int64_t ProgressRevision = 0;
    WorkspaceSettings Settings;
    int64_t SettingsRevision = 0;

    // ---- save state
    std::array<CollectionState, kCollectionCount> Collections;
    double LastEditSeconds = 0.0;            // time of the last command, for the save debounce
    uint64_t EditSerial = 0;                 // bumped by every command (the store's clock-free edit signal)
    uint64_t CardsLoaded = 0;                // bumped when stored cards come in or go outside a command (a
                                             // load, another tab's or device's change): with EditSerial, what
                                             // says the cards may have changed (caches of figures key on both)
    uint64_t SavedThrough = 0;               // every command up to this EditSerial is stored
    SaveState Save = SaveState::Idle;
    std::string SaveError;                   // shown when Save == Failed
    bool Loaded = false;                     // the store finished its first load
    StoreStatus Store;
    profila::IdSource Ids{0};                // new ids (seeded from real entropy when the store starts)
    std::unique_ptr<SyncBook> Sync;          // optional sync with CouchDB (app/sync/sync.h); never null

    CollectionState& State(Collection c) { return Collections[static_cast<size_t>(c)]; }
    const CollectionState& State(Collection c) const { return Collections[static_cast<size_t>(c)]; }
};

// ---- Customers
// Adds the customer, or replaces the one with the same Id; bumps its revision; marks it dirty.
// Returns the command's serial: IsStored(doc, serial) tells when it has reached storage.
uint64_t CommitCustomer(Document& doc, profila::Customer customer, double now_seconds);
// Adds or replaces many customers as one change (an import, the example shop, an undo). The store
// writes them at once, in one transaction, without waiting for the edit debounce.
uint64_t CommitCustomers(Document& doc, std::vector<profila::Customer> customers, double now_seconds);
// Removes the customer with this id (screens keep a copy for undo); marks the deletion.
uint64_t RemoveCustomer(Document& doc, const std::string& id, double now_seconds);
// Removes many customers as one change (undoing an import), written at once.
uint64_t RemoveCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds);
// Forgets customers (issue 18): removed from the document like a delete, their identifiers'
// one-way hashes added to the workspace's forgotten list (settings), and the save deletes every
// stored copy, kept ones included, whatever their revision. Saved at once; no undo.
uint64_t ForgetCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds);
// Leaves out of `customers` those on the workspace's forgotten list; returns how many.
size_t DropForgottenCustomers(const Document& doc, std::vector<profila::Customer>& customers);
// The customer with this id, or nullptr.
const profila::Customer* FindCustomer(const Document& doc, const std::string& id);

// ---- Personas
// Adds the persona (a new one gets an id) and returns its id.
std::string AddPersona(Document& doc, profila::Persona persona, double now_seconds);
// The persona with this id was edited in place: bump its revision and mark it for saving.
void MarkPersonaChanged(Document& doc, const std::string& id, double now_seconds);
void RemovePersona(Document& doc, const std::string& id, double now_seconds);
profila::Persona* FindPersona(Document& doc, const std::string& id);
// Adds the persona, or replaces the one with the same id (a new one without an id gets one);
// returns the id.
std::string CommitPersona(Document& doc, profila::Persona persona, double now_seconds);

// ---- Course progress and workspace settings (one record each)
void MarkProgressChanged(Document& doc, double now_seconds);
void SetTraineeName(Document& doc, const std::string& name, double now_seconds);
void SetWorkspaceSettings(Document& doc, WorkspaceSettings settings, double now_seconds);

// ---- Ids and save state
// A new id for a customer, persona or history row: a ULID, unique across devices.
std::string NewId(Document& doc);
// True once every command up to serial is in storage.
bool IsStored(const Document& doc, uint64_t serial);
// True while a command's change waits to be written (dirty or deleted keys, not yet in flight).
bool AnythingDirty(const Document& doc);
// True while something is not yet safely stored (edits waiting, saving, or a failed save).
bool HasUnsavedChanges(const Document& doc);
// Marks key of collection c for writing with a new revision (above anything stored or given);
// returns that revision. The command helpers above call it; so does the saver after a merge.
int64_t MarkDirty(Document& doc, Collection c, const std::string& key, int64_t current_revision, double now_seconds);
