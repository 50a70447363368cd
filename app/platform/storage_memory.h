// Test controls of the in-memory storage (storage_memory.cpp), the native stand-in for IndexedDB
// behind app/platform/storage.h. It keeps the header's guarantees (one Write is all or nothing,
// revisions are checked, callbacks run later); these functions let a test decide when "later" is,
// play another tab or the browser hiding the page, and make a write fail.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "storage.h"

namespace storage_memory {

// Forgets everything: records, quarantine, workspaces, handlers, queued callbacks and switches.
void Reset();

// Runs the queued callbacks, and those they queue, until none is left (a storage call never runs
// its callback inside the call). Returns how many ran.
int RunPending();
int PendingCount();

// The next Write, Write or ReplaceCollections fails with this code (the browser's quota
// error, a timeout...) and changes nothing.
void FailNextWrite(storage::WriteError code, std::string error = "");

// The next LoadWorkspace reads what is stored when it is asked, and answers later: a write made
// meanwhile is not in its answer (the browser's read transaction started first).
void ReadNextLoadAtRequest();

// Another tab completed a write: its records are stored (no revision check: that tab checked) and
// the OnRemoteChange handler hears of it later, as a BroadcastChannel message arrives (unless
// announce is false: a message that has not arrived yet when this tab saves).
void SimulateOtherTabWrite(const std::string& workspace_id, std::vector<storage::Record> puts,
                           std::vector<storage::RecordRef> deletes = {}, bool announce = true);
// The page is being hidden: runs the OnPageHidden handler now (as visibilitychange does).
void FirePageHidden();
// The page is about to be left: runs the OnBeforeUnload handler now; true when the browser would
// ask the person to stay.
bool FireBeforeUnload();

// What is stored, in key order.
struct StoredRecord {
    std::string Key;
    std::string Bytes;
    int64_t Revision = 0;
    int Schema = 1;
};
std::vector<StoredRecord> Records(const std::string& workspace_id, const std::string& collection);
std::vector<storage::SetAsideRecord> Quarantine(const std::string& workspace_id);
std::vector<storage::WorkspaceInfo> Workspaces();
// Write transactions completed (ok) since Reset; failed and refused ones do not count.
int CompletedWrites();

// Files: the next PickTextFile answers with this file (else the picker is cancelled); downloads
// are kept in order.
void SetNextPickedFile(std::string name, std::string text);
struct Download {
    std::string FileName, Mime, Text;
};
const std::vector<Download>& Downloads();

}  // namespace storage_memory
