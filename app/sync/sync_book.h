// What a workspace keeps to sync with a CouchDB database (app/sync/sync.h), held in the Document
// beside the data so the one saver writes it in the same transactions:
//   sync/config        {server, database, user, device}: never a password (the server's session
//                      cookie, HttpOnly, signs the requests)
//   sync/checkpoint    {"since": <last_seq exactly as received>}: opaque, never compared
//   sync/base/<c>/<k>  {"rev": "<server _rev>", "doc": {...}}: the server copy this device last
//                      saw, the base of the three-way merge (CouchDB drops old bodies when it compacts)
//   outbox/<c>/<k>     {}: a local change not yet acknowledged by the server, written in the same
//                      transaction as the local save that made it
// In a class (Config.Class set: a trainee's database, app/sync/class.h), only personas sync, and
// the course progress is stated instead (core/course/classroom.h):
//   outbox/statement/<_id>  the statement document itself, written in the same transaction as the
//                      progress save that made it; deleted once the server has it (a 409 too)
//   sync/stated        {attempts, runs}: what the statements already cover (StatementMark)
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "course/classroom.h"
#include "platform/storage.h"
#include "sync/merge.h"

struct SyncConfig {
    std::string Server = "/couchdb";  // same origin behind a reverse proxy (web/deploy/README.md)
    std::string Database;
    std::string User;
    std::string Device;               // shown beside a conflicting value ("Shop tablet")
    std::string Class;                // a class id: this is a trainee's database (personas and statements only)
    std::string Unit;                 // in a class: the course unit's id, written in each statement
    std::string DeviceId;             // random, made at each join: marks the documents this device wrote ("deviceId")
};

struct SyncBase {
    std::string Rev;
    nlohmann::json Doc;
};

// A document both sides changed in the same field: waits for the person's choice.
struct SyncConflict {
    std::string Ref;                  // "customers/<id>"
    std::string Title;                // the customer's or persona's name
    profila::sync::MergeResult Merge; // the merged document; Conflicts lists the fields to choose
    SyncBase Theirs;                  // the server copy the choice is made against
    std::string TheirDevice, TheirTime;
};

enum class SyncPhase { Off, SigningIn, Ready, AuthProblem, NoAccess, Offline };

struct SyncBook {
    bool Enabled = false;             // a config is stored for this workspace
    SyncConfig Config;
    nlohmann::json Since = "0";       // checkpoint, as received
    std::map<std::string, SyncBase> Bases;          // "customers/<id>" -> server copy last seen
    std::map<std::string, int64_t> Outbox;          // ref -> local revision queued
    std::set<std::string> FromServer;               // refs dirty because a pull applied them (no outbox)
    std::vector<SyncConflict> Conflicts;
    std::vector<std::string> KeptAside;             // refs the server refused to take (401/403 on a row)
    std::set<std::string> Merging;                  // refs whose server copy is being read after a push conflict: not sent meanwhile
    // Records to write with the next save: bases, the checkpoint, outbox deletes.
    std::vector<storage::Record> PendingPuts;
    std::vector<storage::RecordRef> PendingDeletes;
    // Live state
    SyncPhase Phase = SyncPhase::Off;
    std::string Message;              // why, when not Ready (shown under the status line)
    bool PullInFlight = false, PushInFlight = false;
    bool FirstPullDone = false;
    bool CaughtUp = false;            // the last pull returned no more pending changes
    double NextPullAt = 0.0, NextPushAt = 0.0;
    int PulledTotal = 0, PullPending = -1;          // progress of a first sync
    double LastSyncWallMs = 0.0;
    int Pushed = 0, Pulled = 0;                     // documents since the page opened
    int Generation = 0;               // bumped on connect/disconnect: late answers of an older session are dropped
    // One tab per workspace syncs (Web Locks, app/platform/tab_lock.h); the others save as usual and
    // their outbox entries reach the holder through the store's remote changes.
    bool LockAsked = false, LockHeld = false;
    std::string LockName;
    bool RecordsStale = false;        // another tab wrote bases or the checkpoint: read them again before syncing
    bool Reloading = false;           // reading the sync records again
    // Forgotten customers (core/privacy): deleted on the server, then purged where the server allows.
    std::set<std::string> PurgeAfterDelete;         // refs whose delete asks for a purge once acknowledged
    int SkippedForgotten = 0;                       // server copies of forgotten people not taken in
    int Purged = 0;                                 // purges the server accepted
    // In a class: statements not yet stored on the server (_id -> document), and the mark of what
    // the progress has already been stated as.
    std::map<std::string, nlohmann::json> Statements;
    profila::course::StatementMark Stated;
    int StatementsSent = 0;                         // since the page opened (a 409 counts: already stored)
};
