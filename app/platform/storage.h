// Browser storage seen from C++: JSON records in collections ("customers", "personas",
// "progress", "meta", ...) kept per workspace. The web implementation talks to IndexedDB through
// web/storage.js (one transaction per Write, a checksum and schema version on each record).
// Calls are asynchronous: callbacks run later, on the main thread, between frames.
//
// Guarantees of the web implementation (storage_web.cpp + web/storage.js):
//  - Write is one IndexedDB readwrite transaction (durability "strict" where the browser has it),
//    taken under a Web Lock so one tab writes at a time; done() runs only on the transaction's
//    complete event, or with ok=false on error, abort, quota exceeded or timeout. A failed Write
//    changes nothing that was stored.
//  - Every record carries a checksum (FNV-1a 64 of Json) and a schema version. LoadWorkspace sets
//    aside records that fail the check (moved to a quarantine store: kept, never deleted) and
//    describes them in Problems; the rest loads.
//  - A put or delete with BaseRevision >= 0 is refused when the stored record's revision is not
//    BaseRevision (another tab saved a newer one): the whole Write is refused and the records
//    are listed in WriteResult::Conflicts, so nothing newer is ever overwritten.
//  - Other tabs' completed writes arrive through OnRemoteChange (BroadcastChannel).
//  - How records lie in IndexedDB does not show here (web/storage.js, database v2): most records
//    sit many to a value ("packs" of ~600 KB, a record in exactly one pack by a hash of its key,
//    read in a few values instead of one per record), small saves store each record on its own
//    beside them until a load folds them in, and records of a v1 database are read where they are
//    and moved into packs in one transaction after the first load. Where a key has two stored
//    copies, the higher revision is the record. Every guarantee above holds for all of them.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/byte_source.h"

namespace storage {

struct Record {
    std::string Collection;
    std::string Key;
    std::string Json;            // bytes to write: JSON text; customers: MessagePack (core/codec/customer_record.h)
    int64_t Revision = 0;        // stored beside the record; Customer.Revision for customers
    int64_t BaseRevision = -1;   // -1: write unconditionally; else the revision this edit started from (0 = new)
    int Schema = 1;              // schema version of the bytes
    // A loaded record's bytes are not copied out of the block its load read (one per pack, one for
    // the rest): Loaded views it, and Block keeps it alive for as long as any record in it does.
    std::string_view Loaded;
    std::shared_ptr<const char> Block;
    // The bytes, loaded or to write.
    [[nodiscard]] std::string_view Bytes() const { return Block ? Loaded : std::string_view(Json); }
};

struct RecordRef {
    std::string Collection;
    std::string Key;
    int64_t BaseRevision = -1;   // for deletes: as Record::BaseRevision
    bool Purge = false;          // deletes: every copy kept in quarantine goes too, in the same transaction (a forgotten customer)
};

struct LoadResult {
    std::vector<Record> Records;          // everything stored for the workspace that checked out
    std::vector<std::string> Problems;    // records set aside (failed to parse or check), described
    std::vector<RecordRef> ProblemRefs;   // the same records (collection/key), in the same order
    bool Failed = false;                  // the database could not be read at all
    bool Locked = false;                  // (with Failed) the workspace is encrypted and not unlocked in this tab
    std::string Error;                    // why, when Failed
    double Milliseconds = 0.0;            // time spent reading (for the benchmark)
    double CopyMilliseconds = 0.0;        // JS: values into wasm memory and the header
    double CheckMilliseconds = 0.0;       // C++: header parse and checksums
};

// Loads every record of a workspace.
void LoadWorkspace(const std::string& workspace_id, std::function<void(LoadResult)> done);
// Loads the named records (missing ones are simply absent from Records).
void ReadRecords(const std::string& workspace_id, std::vector<RecordRef> refs, std::function<void(LoadResult)> done);

// Why a write failed: stable codes for the UI's messages.
enum class WriteError { None, Quota, Timeout, Conflict, Aborted, Unavailable, Other, Locked };

struct WriteResult {
    bool Ok = false;
    WriteError Code = WriteError::None;
    std::string Error;                    // technical detail (browser message), may be empty
    std::vector<RecordRef> Conflicts;     // records stored with a newer revision (Code == Conflict)
    double Milliseconds = 0.0;            // from the call to the complete event
};

// Writes puts and deletes in one transaction; done runs when it has completed, or with the reason
// it failed (quota, timeout, a conflict with the records concerned...), and its timing.
// parts (from BeginWriteParts, 0 for none): puts handed over before it by AddWriteParts, written
// first, in the same one transaction.
void Write(const std::string& workspace_id, std::vector<Record> puts, std::vector<RecordRef> deletes,
           std::function<void(WriteResult)> done, int parts = 0);
// A write too big to encode at once (an import's save of 100,000 customers) hands its puts over a
// batch at a time: AddWriteParts copies the records' bytes out before it returns (the caller frees
// each batch before encoding the next), and the Write naming the parts commits them all, so nothing
// is half saved. Every BeginWriteParts is followed by one Write with its id.
[[nodiscard]] int BeginWriteParts();
void AddWriteParts(int parts, const std::vector<Record>& puts);
// One transaction: deletes every record of the collections, then writes puts (restoring a backup).
void ReplaceCollections(const std::string& workspace_id, const std::vector<std::string>& collections, std::vector<Record> puts,
                        std::function<void(WriteResult)> done);
// Moves records into the quarantine store (kept with the reason, out of the way of loading).
void SetAside(const std::string& workspace_id, std::vector<RecordRef> refs, std::vector<std::string> reasons,
              std::function<void(bool ok)> done);

// Keeps copies in the quarantine store without touching the records (a tab's edit that lost a
// conflict to a newer save from another tab: kept, so nothing typed is thrown away).
void KeepAside(const std::string& workspace_id, std::vector<Record> copies, std::vector<std::string> reasons,
               std::function<void(bool ok)> done);

// Records in quarantine for a workspace (set aside at load, or kept after a conflict).
struct SetAsideRecord {
    std::string Collection;
    std::string Key;
    std::string Reason;
    double WhenMs = 0.0;                  // Date.now() when it was set aside
};
void ListSetAside(const std::string& workspace_id, std::function<void(std::vector<SetAsideRecord>)> done);

// Workspaces: separate businesses in the same browser.
struct WorkspaceInfo {
    std::string Id;
    std::string Name;
    double CreatedMs = 0.0;
    double LastBackupMs = 0.0;            // 0 = never exported
    bool Encrypted = false;               // read only: set by SetPassphrase, kept by PutWorkspaceInfo
};
void ListWorkspaces(std::function<void(std::vector<WorkspaceInfo>)> done);
void PutWorkspaceInfo(const WorkspaceInfo& info, std::function<void(bool ok)> done);
// Deletes the workspace, all its records and its quarantine in one transaction.
void DeleteWorkspace(const std::string& workspace_id, std::function<void(bool ok)> done);

// Another tab completed a write: which records changed.
struct RemoteChange {
    std::string WorkspaceId;
    std::vector<RecordRef> Puts;          // BaseRevision holds the new revision
    std::vector<RecordRef> Deletes;
    bool Everything = false;              // a whole collection or workspace was replaced
};
void OnRemoteChange(std::function<void(const RemoteChange&)> handler);
// The page is being hidden or closed: save now (visibilitychange to hidden, pagehide).
void OnPageHidden(std::function<void()> handler);
// The page is about to be left (beforeunload): the handler returns true when the browser should ask
// the person to stay (something is not stored yet).
void OnBeforeUnload(std::function<bool()> handler);

// navigator.storage facts for Settings.
struct StorageEstimate {
    bool Known = false;
    bool Persisted = false;               // navigator.storage.persisted()
    double UsageBytes = 0.0, QuotaBytes = 0.0;
};
void RequestPersistence();                // navigator.storage.persist(), once at start
void Estimate(std::function<void(StorageEstimate)> done);

// ---- Passphrase (issue 18): a workspace encrypted at rest.
// Web: web/storage.js, a key derived from the passphrase with PBKDF2-SHA-256 (310,000 iterations),
// AES-GCM per pack and per record stored on its own, a random 96-bit IV each time, the value's place
// (workspace, collection, key or pack) as additional data. The passphrase is never stored: only the
// salt, the iteration count and a known block encrypted with the key (to tell a wrong passphrase).
// The key is kept in the page's memory from Unlock (or SetPassphrase) until Lock. While a workspace
// is encrypted and locked, loads fail with Locked and writes with WriteError::Locked.
struct UnlockResult {
    bool Ok = false;
    bool Wrong = false;                   // the passphrase does not open it (nothing changed)
    std::string Error;                    // anything else that went wrong
    double Milliseconds = 0.0;            // key derivation and check
};
void Unlock(const std::string& workspace_id, const std::string& passphrase, std::function<void(UnlockResult)> done);
// Forgets the key (the data stays encrypted in storage).
void Lock(const std::string& workspace_id);
// Turns encryption on with this passphrase (or changes it), or off with an empty one: every stored
// value of the workspace is rewritten in ONE transaction (a crash leaves it all encrypted or all
// not). Needs the workspace unlocked when it is encrypted.
void SetPassphrase(const std::string& workspace_id, const std::string& passphrase, std::function<void(WriteResult)> done);
// A backup file's text sealed with the unlocked workspace's key (the file carries salt, iterations,
// IV and ciphertext); ok=false when the workspace is not unlocked.
void SealBackup(const std::string& workspace_id, const std::string& text, std::function<void(bool ok, std::string sealed)> done);
// A sealed backup opened with a passphrase: the backup's text, or Wrong.
void OpenSealedBackup(const std::string& passphrase, const std::string& sealed, std::function<void(UnlockResult, std::string text)> done);
// True when text is a sealed backup (its first bytes say so).
inline bool IsSealedBackup(std::string_view text) {
    return text.substr(0, 64).find("\"profilaEncryptedBackup\":1") != std::string_view::npos;
}

// Files: offer text as a download; let the user pick a file. PickFile hands it over where the page
// holds it (platform::PageFile: a big CSV file is read from there a window at a time); PickTextFile
// reads it at once (a backup, a hand-in).
void DownloadText(const std::string& file_name, const std::string& mime, const std::string& text);
void PickFile(const std::string& accept, std::function<void(bool picked, std::string name, std::shared_ptr<const profila::ByteSource> file)> done);
inline void PickTextFile(const std::string& accept, std::function<void(bool picked, std::string name, std::string text)> done) {
    PickFile(accept, [done = std::move(done)](bool picked, std::string name, std::shared_ptr<const profila::ByteSource> file) {
        if (done) done(picked, std::move(name), file ? profila::ReadAll(*file) : std::string());
    });
}


}  // namespace storage
