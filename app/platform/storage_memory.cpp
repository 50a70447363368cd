// In-memory storage for native, headless runs (tests): every function of storage.h with the
// guarantees that header documents, test controls in storage_memory.h.
//
// [SECTION] State
// [SECTION] Test cipher (the passphrase's flow, not its cryptography: that is web/storage.js)
// [SECTION] Revision check (as web/storage.js allowed())
// [SECTION] storage.h
// [SECTION] Test controls
//
// Callbacks are queued and run by storage_memory::RunPending() (the test's pump between frames),
// never inside the call: the app must cope with "later" as it does in the browser.
#include "storage_memory.h"

#include <chrono>
#include <deque>
#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace {

// ---- [SECTION] State ----------------------------------------------------------------------------
struct Stored {
    std::string Bytes;
    int64_t Revision = 0;
    int Schema = 1;
};

struct Workspace {
    // collection -> key -> record (its bytes sealed with the test cipher while Encrypted)
    std::map<std::string, std::map<std::string, Stored>> Collections;
    std::vector<storage::SetAsideRecord> Quarantine;
    bool Encrypted = false;
    std::string Salt, Check;             // as web/storage.js keeps: never the passphrase
};

struct MemoryStore {
    std::map<std::string, Workspace> Spaces;
    std::map<std::string, storage::WorkspaceInfo> Infos;
    std::deque<std::function<void()>> Pending;
    std::function<void(const storage::RemoteChange&)> Remote;
    std::function<void()> Hidden;
    std::function<bool()> BeforeUnload;
    storage::WriteError FailCode = storage::WriteError::None;
    std::string FailText;
    int CompletedWrites = 0;
    bool ReadNextLoadAtRequest = false;
    bool HasPickedFile = false;
    std::string PickedName, PickedText;
    std::vector<storage_memory::Download> Downloads;
    std::map<std::string, uint64_t> Keys;  // unlocked workspaces' keys (the page's memory)
    std::map<int, std::vector<storage::Record>> Parts;  // puts handed over before their Write (copies)
    int NextParts = 1;
    int SaltSerial = 0;
};

MemoryStore& M() {
    static MemoryStore store;  // the process's one "database", emptied by storage_memory::Reset()
    return store;
}

void Later(std::function<void()> fn) { M().Pending.push_back(std::move(fn)); }

double WallMs() {
    using namespace std::chrono;
    return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

// ---- [SECTION] Test cipher ----------------------------------------------------------------------
// A keystream XOR bound to the key and the record's place, behind a marker: enough for native tests
// to see that nothing readable is stored, that a wrong passphrase does not open it, and that a
// record moved to another key does not decode. Never used in the browser.
uint64_t Hash(std::string_view text, uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return h;
}
uint64_t TestKey(const std::string& passphrase, const std::string& salt) { return Hash(passphrase, Hash(salt)); }
std::string Xor(uint64_t key, std::string_view place, std::string_view bytes) {
    std::string out(bytes);
    uint64_t x = Hash(place, key) | 1;
    for (char& c : out) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        c = static_cast<char>(c ^ static_cast<char>(x));
    }
    return out;
}
constexpr std::string_view kSealed = "sealed:";
std::string Seal(uint64_t key, std::string_view place, std::string_view bytes) {
    return std::string(kSealed) + std::to_string(Hash(bytes, key)) + ":" + Xor(key, place, bytes);
}
// The plain bytes, or nullopt when this key and place do not open them.
std::optional<std::string> Open(uint64_t key, std::string_view place, std::string_view sealed) {
    if (sealed.substr(0, kSealed.size()) != kSealed) return std::nullopt;
    sealed.remove_prefix(kSealed.size());
    size_t colon = sealed.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string plain = Xor(key, place, sealed.substr(colon + 1));
    if (std::to_string(Hash(plain, key)) != sealed.substr(0, colon)) return std::nullopt;
    return plain;
}
std::string Place(const std::string& ws, const std::string& col, const std::string& key) { return ws + '\0' + col + '\0' + key; }
// The key of an encrypted workspace unlocked here; nullopt when locked (or not encrypted).
std::optional<uint64_t> KeyOf(const std::string& ws_id) {
    auto k = M().Keys.find(ws_id);
    return k == M().Keys.end() ? std::nullopt : std::optional<uint64_t>(k->second);
}
bool IsLocked(const std::string& ws_id) {
    auto it = M().Spaces.find(ws_id);
    return it != M().Spaces.end() && it->second.Encrypted && !KeyOf(ws_id);
}
// The bytes as stored (sealed when the workspace is encrypted) and back.
std::string StoredBytes(const std::string& ws_id, const std::string& col, const std::string& key, std::string_view bytes) {
    const Workspace& ws = M().Spaces[ws_id];
    return ws.Encrypted ? Seal(KeyOf(ws_id).value_or(0), Place(ws_id, col, key), bytes) : std::string(bytes);
}
std::optional<std::string> PlainBytes(const std::string& ws_id, const std::string& col, const std::string& key, const std::string& stored) {
    const Workspace& ws = M().Spaces[ws_id];
    return ws.Encrypted ? Open(KeyOf(ws_id).value_or(0), Place(ws_id, col, key), stored) : std::optional<std::string>(stored);
}

// ---- [SECTION] Revision check (as web/storage.js allowed()) ------------------------------------
// Allowed: the copy the edit started from is what is stored (0 = nothing stored) and a put never
// lowers the revision, or this exact write already landed.
bool Allowed(const Stored* cur, int64_t base, const std::string* bytes, int64_t rev, const std::string* cur_plain = nullptr) {
    if (base < 0) return true;
    int64_t cur_rev = cur ? cur->Revision : -1;
    bool same = cur && bytes && cur->Revision == rev && (cur_plain ? *cur_plain : cur->Bytes) == *bytes;
    bool newer = !bytes || !cur || rev > cur_rev;
    bool fresh = (cur ? cur_rev == base : base == 0) && newer;
    return fresh || same;
}

const Stored* Find(const Workspace& ws, const std::string& col, const std::string& key) {
    auto c = ws.Collections.find(col);
    if (c == ws.Collections.end()) return nullptr;
    auto r = c->second.find(key);
    return r == c->second.end() ? nullptr : &r->second;
}

// One transaction: checked first, then applied whole, or refused whole.
storage::WriteResult Apply(const std::string& ws_id, const std::vector<storage::Record>& puts,
                           const std::vector<storage::RecordRef>& deletes, const std::vector<std::string>* replace) {
    storage::WriteResult result;
    MemoryStore& m = M();
    if (m.FailCode != storage::WriteError::None) {
        result.Code = m.FailCode;
        result.Error = m.FailText;
        m.FailCode = storage::WriteError::None;
        m.FailText.clear();
        return result;
    }
    if (IsLocked(ws_id)) {
        result.Code = storage::WriteError::Locked;
        result.Error = "the workspace is locked";
        return result;
    }
    Workspace& ws = m.Spaces[ws_id];
    if (!replace) {
        for (const storage::Record& p : puts) {
            const Stored* cur = Find(ws, p.Collection, p.Key);
            std::string bytes(p.Bytes());
            std::optional<std::string> plain = cur ? PlainBytes(ws_id, p.Collection, p.Key, cur->Bytes) : std::nullopt;
            if (!Allowed(cur, p.BaseRevision, &bytes, p.Revision, plain ? &*plain : nullptr))
                result.Conflicts.push_back({p.Collection, p.Key, cur ? cur->Revision : -1});
        }
        for (const storage::RecordRef& d : deletes) {
            const Stored* cur = Find(ws, d.Collection, d.Key);
            if (!Allowed(cur, d.BaseRevision, nullptr, 0)) result.Conflicts.push_back({d.Collection, d.Key, cur ? cur->Revision : -1});
        }
        if (!result.Conflicts.empty()) {
            result.Code = storage::WriteError::Conflict;
            result.Error = "stored record is newer";
            return result;
        }
    } else {
        for (const std::string& c : *replace) ws.Collections.erase(c);
    }
    for (const storage::Record& p : puts)
        ws.Collections[p.Collection][p.Key] = {StoredBytes(ws_id, p.Collection, p.Key, p.Bytes()), p.Revision, p.Schema};
    for (const storage::RecordRef& d : deletes) {
        auto c = ws.Collections.find(d.Collection);
        if (c != ws.Collections.end()) c->second.erase(d.Key);
        if (d.Purge)  // a forgotten customer: its kept copies go in the same transaction
            ws.Quarantine.erase(std::remove_if(ws.Quarantine.begin(), ws.Quarantine.end(),
                                               [&](const storage::SetAsideRecord& q) { return q.Collection == d.Collection && q.Key == d.Key; }),
                                ws.Quarantine.end());
    }
    result.Ok = true;
    ++m.CompletedWrites;
    return result;
}

storage::LoadResult Read(const std::string& ws_id, const std::vector<storage::RecordRef>* refs) {
    storage::LoadResult result;
    auto it = M().Spaces.find(ws_id);
    if (it == M().Spaces.end()) return result;
    if (IsLocked(ws_id)) {
        result.Failed = result.Locked = true;
        result.Error = "the workspace is locked";
        return result;
    }
    const Workspace& ws = it->second;
    auto add = [&](const std::string& col, const std::string& key, const Stored& s) {
        std::optional<std::string> plain = PlainBytes(ws_id, col, key, s.Bytes);
        if (!plain) {
            result.Problems.push_back(col + "/" + key + ": does not decrypt");
            result.ProblemRefs.push_back({col, key, -1});
            return;
        }
        storage::Record r;
        r.Collection = col;
        r.Key = key;
        r.Json = std::move(*plain);
        r.Revision = s.Revision;
        r.Schema = s.Schema;
        result.Records.push_back(std::move(r));
    };
    if (refs) {
        for (const storage::RecordRef& ref : *refs)
            if (const Stored* s = Find(ws, ref.Collection, ref.Key)) add(ref.Collection, ref.Key, *s);
    } else {
        for (const auto& [col, records] : ws.Collections)
            for (const auto& [key, s] : records) add(col, key, s);
    }
    return result;
}

}  // namespace

// ---- [SECTION] storage.h ------------------------------------------------------------------------
namespace storage {

void LoadWorkspace(const std::string& workspace_id, std::function<void(LoadResult)> done) {
    if (M().ReadNextLoadAtRequest) {  // its transaction started before the writes made while it runs
        M().ReadNextLoadAtRequest = false;
        Later([result = Read(workspace_id, nullptr), done = std::move(done)]() mutable { if (done) done(std::move(result)); });
        return;
    }
    Later([workspace_id, done = std::move(done)] {
        if (done) done(Read(workspace_id, nullptr));  // read when the request completes, as IndexedDB would
    });
}

void ReadRecords(const std::string& workspace_id, std::vector<RecordRef> refs, std::function<void(LoadResult)> done) {
    Later([workspace_id, refs = std::move(refs), done = std::move(done)]() mutable {
        if (done) done(Read(workspace_id, &refs));  // read when the request completes, as IndexedDB would
    });
}

void Write(const std::string& workspace_id, std::vector<Record> puts, std::vector<RecordRef> deletes,
           std::function<void(WriteResult)> done, int parts) {
    if (parts) {  // the parts come first, in the order they were handed over (as web/library_profila.js)
        auto it = M().Parts.find(parts);
        if (it != M().Parts.end()) {
            std::vector<Record> all = std::move(it->second);
            M().Parts.erase(it);
            for (Record& r : puts) all.push_back(std::move(r));
            puts = std::move(all);
        }
    }
    // The transaction commits now; its complete event (done) arrives later.
    WriteResult result = Apply(workspace_id, puts, deletes, nullptr);
    Later([done = std::move(done), result = std::move(result)]() mutable { if (done) done(std::move(result)); });
}

int BeginWriteParts() { return M().NextParts++; }

void AddWriteParts(int parts, const std::vector<Record>& puts) {
    std::vector<Record>& list = M().Parts[parts];
    for (const Record& r : puts) {  // copied now: the caller frees its batch when this returns
        Record copy = r;
        copy.Json = std::string(r.Bytes());
        copy.Loaded = {};
        copy.Block.reset();
        list.push_back(std::move(copy));
    }
}

void ReplaceCollections(const std::string& workspace_id, const std::vector<std::string>& collections, std::vector<Record> puts,
                        std::function<void(WriteResult)> done) {
    WriteResult result = Apply(workspace_id, puts, {}, &collections);
    Later([done = std::move(done), result = std::move(result)]() mutable { if (done) done(std::move(result)); });
}

void SetAside(const std::string& workspace_id, std::vector<RecordRef> refs, std::vector<std::string> reasons,
              std::function<void(bool ok)> done) {
    Workspace& ws = M().Spaces[workspace_id];
    double now = WallMs();
    for (size_t i = 0; i < refs.size(); ++i) {
        ws.Quarantine.push_back({refs[i].Collection, refs[i].Key, i < reasons.size() ? reasons[i] : "", now});
        auto c = ws.Collections.find(refs[i].Collection);
        if (c != ws.Collections.end()) c->second.erase(refs[i].Key);
    }
    Later([done = std::move(done)] { if (done) done(true); });
}

void KeepAside(const std::string& workspace_id, std::vector<Record> copies, std::vector<std::string> reasons,
               std::function<void(bool ok)> done) {
    Workspace& ws = M().Spaces[workspace_id];
    double now = WallMs();
    for (size_t i = 0; i < copies.size(); ++i)
        ws.Quarantine.push_back({copies[i].Collection, copies[i].Key, i < reasons.size() ? reasons[i] : "", now});
    Later([done = std::move(done)] { if (done) done(true); });
}

void ListSetAside(const std::string& workspace_id, std::function<void(std::vector<SetAsideRecord>)> done) {
    Later([workspace_id, done = std::move(done)] {
        auto it = M().Spaces.find(workspace_id);
        if (done) done(it == M().Spaces.end() ? std::vector<SetAsideRecord>{} : it->second.Quarantine);
    });
}

void ListWorkspaces(std::function<void(std::vector<WorkspaceInfo>)> done) {
    Later([done = std::move(done)] {
        std::vector<WorkspaceInfo> list;
        for (const auto& [id, info] : M().Infos) list.push_back(info);
        if (done) done(std::move(list));
    });
}

void PutWorkspaceInfo(const WorkspaceInfo& info, std::function<void(bool ok)> done) {
    WorkspaceInfo kept = info;
    kept.Encrypted = M().Spaces.count(info.Id) && M().Spaces[info.Id].Encrypted;
    M().Infos[info.Id] = kept;
    Later([done = std::move(done)] { if (done) done(true); });
}

void DeleteWorkspace(const std::string& workspace_id, std::function<void(bool ok)> done) {
    M().Infos.erase(workspace_id);
    M().Spaces.erase(workspace_id);
    Later([done = std::move(done)] { if (done) done(true); });
}

void Unlock(const std::string& workspace_id, const std::string& passphrase, std::function<void(UnlockResult)> done) {
    UnlockResult result;
    auto it = M().Spaces.find(workspace_id);
    if (it == M().Spaces.end() || !it->second.Encrypted) {
        result.Ok = true;
    } else {
        uint64_t key = TestKey(passphrase, it->second.Salt);
        std::optional<std::string> check = Open(key, Place(workspace_id, "check", ""), it->second.Check);
        result.Ok = check && *check == "Profila check";
        result.Wrong = !result.Ok;
        if (result.Ok) M().Keys[workspace_id] = key;
    }
    Later([done = std::move(done), result] { if (done) done(result); });
}

void Lock(const std::string& workspace_id) { M().Keys.erase(workspace_id); }

void SetPassphrase(const std::string& workspace_id, const std::string& passphrase, std::function<void(WriteResult)> done) {
    WriteResult result;
    MemoryStore& m = M();
    if (m.FailCode != WriteError::None) {  // a failed transaction changes nothing
        result.Code = m.FailCode;
        m.FailCode = WriteError::None;
    } else if (IsLocked(workspace_id)) {
        result.Code = WriteError::Locked;
    } else {
        Workspace& ws = m.Spaces[workspace_id];
        std::string salt = "salt" + std::to_string(++m.SaltSerial);
        uint64_t next = TestKey(passphrase, salt);
        for (auto& [col, records] : ws.Collections)
            for (auto& [key, s] : records) {
                std::string plain = ws.Encrypted ? Open(*KeyOf(workspace_id), Place(workspace_id, col, key), s.Bytes).value_or(s.Bytes) : s.Bytes;
                s.Bytes = passphrase.empty() ? plain : Seal(next, Place(workspace_id, col, key), plain);
            }
        ws.Encrypted = !passphrase.empty();
        ws.Salt = ws.Encrypted ? salt : "";
        ws.Check = ws.Encrypted ? Seal(next, Place(workspace_id, "check", ""), "Profila check") : "";
        if (ws.Encrypted) m.Keys[workspace_id] = next;
        else m.Keys.erase(workspace_id);
        if (m.Infos.count(workspace_id)) m.Infos[workspace_id].Encrypted = ws.Encrypted;
        result.Ok = true;
        ++m.CompletedWrites;
    }
    Later([done = std::move(done), result] { if (done) done(result); });
}

void SealBackup(const std::string& workspace_id, const std::string& text, std::function<void(bool ok, std::string sealed)> done) {
    std::optional<uint64_t> key = KeyOf(workspace_id);
    std::string sealed;
    if (key) sealed = "{\"profilaEncryptedBackup\":1,\"salt\":\"" + M().Spaces[workspace_id].Salt + "\"}\n" + Seal(*key, "backup", text);
    Later([done = std::move(done), ok = key.has_value(), sealed = std::move(sealed)]() mutable { if (done) done(ok, std::move(sealed)); });
}

void OpenSealedBackup(const std::string& passphrase, const std::string& sealed, std::function<void(UnlockResult, std::string text)> done) {
    UnlockResult result;
    std::string text;
    size_t salt_at = sealed.find("\"salt\":\""), line = sealed.find('\n');
    if (IsSealedBackup(sealed) && salt_at != std::string::npos && line != std::string::npos) {
        size_t from = salt_at + 8;
        std::string salt = sealed.substr(from, sealed.find('"', from) - from);
        std::optional<std::string> plain = Open(TestKey(passphrase, salt), "backup", std::string_view(sealed).substr(line + 1));
        result.Ok = plain.has_value();
        result.Wrong = !result.Ok;
        if (plain) text = std::move(*plain);
    }
    Later([done = std::move(done), result, text = std::move(text)]() mutable { if (done) done(result, std::move(text)); });
}

void OnRemoteChange(std::function<void(const RemoteChange&)> handler) { M().Remote = std::move(handler); }
void OnPageHidden(std::function<void()> handler) { M().Hidden = std::move(handler); }
void OnBeforeUnload(std::function<bool()> handler) { M().BeforeUnload = std::move(handler); }
void RequestPersistence() {}

void Estimate(std::function<void(StorageEstimate)> done) {
    double usage = 0.0;
    for (const auto& [id, ws] : M().Spaces)
        for (const auto& [col, records] : ws.Collections)
            for (const auto& [key, s] : records) usage += static_cast<double>(s.Bytes.size());
    Later([done = std::move(done), usage] {
        StorageEstimate e;
        e.Known = true;
        e.Persisted = true;
        e.UsageBytes = usage;
        e.QuotaBytes = 1e9;
        if (done) done(e);
    });
}

void DownloadText(const std::string& file_name, const std::string& mime, const std::string& text) {
    M().Downloads.push_back({file_name, mime, text});
}

void PickFile(const std::string&, std::function<void(bool picked, std::string name, std::shared_ptr<const profila::ByteSource> file)> done) {
    MemoryStore& m = M();
    bool picked = m.HasPickedFile;
    std::string name = std::move(m.PickedName);
    auto file = std::make_shared<profila::BytesInMemory>(std::move(m.PickedText));
    m.HasPickedFile = false;
    Later([done = std::move(done), picked, name = std::move(name), file = std::move(file)]() mutable {
        if (done) done(picked, std::move(name), std::move(file));
    });
}

}  // namespace storage

// ---- [SECTION] Test controls --------------------------------------------------------------------
namespace storage_memory {

void Reset() { M() = MemoryStore{}; }

int RunPending() {
    int ran = 0;
    while (!M().Pending.empty()) {
        std::function<void()> fn = std::move(M().Pending.front());
        M().Pending.pop_front();
        fn();
        if (++ran > 100000) break;  // a callback that requeues itself forever
    }
    return ran;
}

int PendingCount() { return static_cast<int>(M().Pending.size()); }

void ReadNextLoadAtRequest() { M().ReadNextLoadAtRequest = true; }

void FailNextWrite(storage::WriteError code, std::string error) {
    M().FailCode = code;
    M().FailText = std::move(error);
}

void SimulateOtherTabWrite(const std::string& workspace_id, std::vector<storage::Record> puts,
                           std::vector<storage::RecordRef> deletes, bool announce) {
    Workspace& ws = M().Spaces[workspace_id];
    storage::RemoteChange change;
    change.WorkspaceId = workspace_id;
    for (const storage::Record& p : puts) {
        ws.Collections[p.Collection][p.Key] = {StoredBytes(workspace_id, p.Collection, p.Key, p.Bytes()), p.Revision, p.Schema};
        change.Puts.push_back({p.Collection, p.Key, p.Revision});  // BaseRevision holds the new revision
    }
    for (const storage::RecordRef& d : deletes) {
        auto c = ws.Collections.find(d.Collection);
        if (c != ws.Collections.end()) c->second.erase(d.Key);
        change.Deletes.push_back({d.Collection, d.Key, -1});
    }
    if (announce) Later([change = std::move(change)] { if (M().Remote) M().Remote(change); });
}

bool FireBeforeUnload() { return M().BeforeUnload && M().BeforeUnload(); }

void FirePageHidden() {
    if (M().Hidden) M().Hidden();
}

std::vector<StoredRecord> Records(const std::string& workspace_id, const std::string& collection) {
    std::vector<StoredRecord> out;
    auto ws = M().Spaces.find(workspace_id);
    if (ws == M().Spaces.end()) return out;
    auto col = ws->second.Collections.find(collection);
    if (col == ws->second.Collections.end()) return out;
    for (const auto& [key, s] : col->second) out.push_back({key, s.Bytes, s.Revision, s.Schema});
    return out;
}

std::vector<storage::SetAsideRecord> Quarantine(const std::string& workspace_id) {
    auto ws = M().Spaces.find(workspace_id);
    return ws == M().Spaces.end() ? std::vector<storage::SetAsideRecord>{} : ws->second.Quarantine;
}

std::vector<storage::WorkspaceInfo> Workspaces() {
    std::vector<storage::WorkspaceInfo> list;
    for (const auto& [id, info] : M().Infos) list.push_back(info);
    return list;
}

int CompletedWrites() { return M().CompletedWrites; }

void SetNextPickedFile(std::string name, std::string text) {
    M().HasPickedFile = true;
    M().PickedName = std::move(name);
    M().PickedText = std::move(text);
}

const std::vector<Download>& Downloads() { return M().Downloads; }

}  // namespace storage_memory
