// Optional sync of a workspace with a CouchDB database, speaking the part of CouchDB's HTTP API a
// client needs (../shared/SYNC.md) and keeping only the server's current revision of each document.
//
// - Documents are JSON (the card as codec/customer_json.h writes it, a persona as
//   codec/persona_json.h, the business settings) with "_id" = "<type>:<key>", "type", and the
//   "device" and "edited" of the last writer, and its "deviceId" (random, made at each join) with
//   "deviceSum" (the content's checksum): a device that meets its own write again (its push's
//   answer lost to a killed page or a cut network) merges against it instead of asking the person.
// - Pull: GET _changes (include_docs, conflicts, style=all_docs, longpoll once caught up). A batch
//   is applied to the document as commands and written by the one saver in one transaction with
//   its checkpoint and the new bases; a change whose _rev is the base's is skipped, so a replayed
//   batch is applied once.
// - Push: the outbox (written in the same transaction as each local save) goes up with
//   _bulk_docs; each row is read alone: ok stores the new _rev, a conflict fetches the server copy
//   and merges (core/sync/merge.h), forbidden/unauthorized keeps the change aside and says so.
// - A field changed on both sides waits for the person (SyncConflict); the rest merges silently.
// - Sign-in: POST _session; the server's cookie (HttpOnly) signs what follows; the password is
//   never kept.
#pragma once
#include <string>
#include <vector>

#include "sync/merge.h"
#include "sync/sync_book.h"

struct AppState;
struct Document;

// Signs in and joins this workspace to the database (the first sync starts once it answers).
void ConnectSync(AppState& state, SyncConfig config, const std::string& password);
// Signs in again after the session ran out (the password is asked, used once, not kept).
void SignInAgain(AppState& state, const std::string& password);
// Stops syncing this workspace: the data stays, the sync bookkeeping is forgotten.
void DisconnectSync(AppState& state);
// Pull and push now (the "Sync now" button), without waiting for the next round.
void SyncNow(AppState& state);
// Every frame: starts the pulls and pushes that are due.
void SyncFrame(AppState& state);
// The person's choice for each field of the conflict at index (then the merge is stored and sent).
void ResolveSyncConflict(AppState& state, size_t index, const std::vector<profila::sync::FieldChoice>& choices);

// ---- Store hooks (app/store/saver.cpp)
// After a load: the sync records of the workspace (config, checkpoint, bases, outbox).
void TakeSyncRecords(Document& doc, const std::vector<storage::Record>& records);
// When a save starts: outbox entries for the local changes in puts/deletes, and the pending sync
// records (bases, checkpoint, outbox deletes), appended to the same transaction. Returns what was
// appended, to be queued again if the write fails.
struct SyncAppended {
    std::vector<storage::Record> Puts;
    std::vector<storage::RecordRef> Deletes;
};
// written: the save's puts (collection, key; revision), also those already handed over in parts.
SyncAppended AddSyncRecords(Document& doc, const std::vector<std::pair<storage::RecordRef, int64_t>>& written,
                            std::vector<storage::Record>& puts, std::vector<storage::RecordRef>& deletes);
void RequeueSyncRecords(Document& doc, SyncAppended appended);
bool SyncRecordsWaiting(const Document& doc);
// Another tab completed a write (app/store/saver.cpp): its outbox entries join this tab's list; a
// changed config (connected or disconnected there) is read again; bases or a checkpoint it wrote
// are read again before this tab syncs.
void NoteRemoteSyncChange(AppState& state, const storage::RemoteChange& change);

// For window.profila.syncStatus() and the status line.
std::string SyncStatusJson(const AppState& state);
// Changes made here that the server has not acknowledged yet.
size_t SyncChangesWaiting(const Document& doc);
