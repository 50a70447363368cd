// The one collection saver (see store.h).
//
// [SECTION] Helpers
// [SECTION] Loading
// [SECTION] Save loop
// [SECTION] Conflicts
// [SECTION] Other tabs
// [SECTION] Status (window.profila.storeStatus)
// [SECTION] Start
//
// Callbacks from storage run between frames with the one AppState of the page (main.cpp keeps it
// for the page's lifetime), so they capture it by pointer.
#include <algorithm>
#include <chrono>
#include <random>

#include "app.h"
#include "codec/customer_json.h"
#include "nlohmann/json.hpp"
#include "platform/platform.h"
#include "store/collections.h"
#include "store/store.h"
#include "sync/sync.h"

namespace {

constexpr double kDebounceSeconds = 0.6;    // edits save within a second of the last one
constexpr double kRetrySeconds = 10.0;      // a failed save is tried again after this
// A save's records are encoded and handed to storage in batches of about this many bytes: an
// import's save of 100,000 customers (86 MB of records) never holds them all in the wasm heap.
constexpr size_t kSaveBatchBytes = size_t{2} << 20;

// ---- [SECTION] Helpers --------------------------------------------------------------------------
// A real clock for measurements (ImGui's time only moves once per frame).
double ClockMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// ---- [SECTION] Loading --------------------------------------------------------------------------
// A forgotten customer stored again by a tab that still had them open (or by an older version of
// the app) is forgotten again as soon as it is read: the list of hashes has the last word.
void ForgetReturning(Document& doc) {
    if (doc.Settings.Forgotten.Hashes.empty()) return;
    std::vector<std::string> ids;
    for (const profila::Customer& c : doc.Data.Customers)
        if (profila::IsForgotten(doc.Settings.Forgotten, c)) ids.push_back(c.Id);
    if (!ids.empty()) ForgetCustomers(doc, ids, AppClock());
}

void FinishLoad(AppState* s, std::string workspace_id, bool first, storage::LoadResult result, double started) {
    Document& doc = s->Doc;
    if (doc.Data.Id != workspace_id) return;  // switched away meanwhile
    doc.Store.Reloading = false;
    if (result.Locked) {
        // Encrypted and not unlocked in this tab (at start, or another tab turned the passphrase on):
        // whatever was loaded goes, and the prompt shows.
        for (storage::WorkspaceInfo& w : doc.Store.Workspaces)
            if (w.Id == workspace_id) w.Encrypted = true;
        doc.Store.Locked = true;
        doc.Store.LoadFailed = false;
        if (doc.Loaded) {  // drops what was loaded (OpenWorkspace keeps an open, loaded workspace as it is)
            doc.Loaded = false;
            OpenWorkspace(*s, workspace_id, true);
        }
        return;
    }
    if (result.Failed) {
        doc.Store.LoadFailed = true;
        doc.Store.LoadError = result.Error;
        doc.Loaded = first ? false : doc.Loaded;
        return;
    }
    doc.Store.LoadFailed = false;
    doc.Store.ReadMilliseconds = result.Milliseconds;
    doc.Store.CopyMilliseconds = result.CopyMilliseconds;
    doc.Store.CheckMilliseconds = result.CheckMilliseconds;
    double t_decode = ClockMs();
    DecodedRecords decoded = ApplyStoredRecords(doc, result.Records, true);
    TakeSyncRecords(doc, result.Records);  // records of collections the document does not hold stay readable
    doc.Store.DecodeMilliseconds = ClockMs() - t_decode;  // decoding and applying go together now
    doc.Store.ApplyMilliseconds = 0.0;
    if (first) doc.Store.Problems.clear();
    for (auto& p : result.Problems) doc.Store.Problems.push_back(p);
    for (auto& p : decoded.Reasons) doc.Store.Problems.push_back(p);
    doc.Store.LoadMilliseconds = ClockMs() - started;
    doc.Loaded = true;
    ForgetReturning(doc);
    // Before 2026-12 the business name was a setting of the browser, not of the workspace: the
    // first workspace opened with no stored settings takes it over, once (then it is cleared, so a
    // business created later does not inherit it).
    if (first && doc.State(Collection::Settings).Stored.empty() && doc.Settings.BusinessName.empty()) {
        std::string legacy = platform::LoadSetting("business_name");
        if (!legacy.empty()) {
            WorkspaceSettings settings = doc.Settings;
            settings.BusinessName = legacy;
            SetWorkspaceSettings(doc, std::move(settings), AppClock());
            platform::SaveSetting("business_name", "");
        }
    }
    if (doc.Store.FlushRequested) StartSave(*s);
    if (!decoded.Bad.empty())
        storage::SetAside(workspace_id, decoded.Bad, decoded.Reasons, [s](bool) { RefreshStoreFacts(*s); });
    else if (!result.Problems.empty()) RefreshStoreFacts(*s);
}

// ---- [SECTION] Save loop ------------------------------------------------------------------------
struct Written {
    std::vector<std::pair<storage::RecordRef, int64_t>> Puts;  // ref and the revision written
    std::vector<storage::RecordRef> Deletes;
    SyncAppended Sync;  // outbox entries, bases and checkpoint written in the same transaction
};

void ResolveConflicts(AppState* s, const std::vector<storage::RecordRef>& conflicts);

void FinishSave(AppState* s, std::string ws, uint64_t through, Written written, storage::WriteResult result) {
    Document& doc = s->Doc;
    StoreStatus& st = doc.Store;
    for (CollectionState& cs : doc.Collections) {
        cs.InFlightPuts.clear();
        cs.InFlightDeletes.clear();
    }
    if (doc.Data.Id != ws) return;  // the workspace was switched; its own load is authoritative
    if (result.Ok) {
        // A collection's puts come in key order: each goes in right after the one before (a hint
        // that makes the insert constant time), its key moved, not copied.
        std::map<std::string, int64_t>* stored = nullptr;
        std::map<std::string, int64_t>::iterator next;
        for (auto& [ref, rev] : written.Puts) {
            std::map<std::string, int64_t>& into = doc.State(*CollectionFromName(ref.Collection)).Stored;
            if (&into != stored) stored = &into, next = into.end();
            next = std::next(into.insert_or_assign(next, std::move(ref.Key), rev));
        }
        for (auto& ref : written.Deletes) {
            CollectionState& cs = doc.State(*CollectionFromName(ref.Collection));
            cs.Stored.erase(ref.Key);
            if (ref.Purge) cs.Purge.erase(ref.Key);
        }
        doc.SavedThrough = std::max(doc.SavedThrough, through);
        st.LastSaveMilliseconds = result.Milliseconds;
        ++st.SavedCount;
        doc.SaveError.clear();
        bool more = AnythingDirty(doc);
        doc.Save = more ? SaveState::Pending : SaveState::Saved;
        if (more && st.FlushRequested) StartSave(*s);
        return;
    }
    // Not stored: everything goes back to dirty (a delete stays a delete unless re-created meanwhile).
    RequeueSyncRecords(doc, std::move(written.Sync));
    for (auto& [ref, rev] : written.Puts) {
        CollectionState& cs = doc.State(*CollectionFromName(ref.Collection));
        if (!cs.Deleted.count(ref.Key)) cs.Dirty.insert(ref.Key);
    }
    for (auto& ref : written.Deletes) {
        CollectionState& cs = doc.State(*CollectionFromName(ref.Collection));
        if (!cs.Dirty.count(ref.Key)) cs.Deleted.insert(ref.Key);
    }
    if (result.Code == storage::WriteError::Conflict) {
        ResolveConflicts(s, result.Conflicts);
        doc.Save = SaveState::Pending;
        st.FlushRequested = true;  // save the rest now
        return;
    }
    doc.Save = SaveState::Failed;
    st.LastFailAt = AppClock();
    doc.SaveError = s->T(WriteErrorKey(result.Code));
    if (!result.Error.empty()) doc.SaveError += " (" + result.Error + ")";
}

// ---- [SECTION] Conflicts ------------------------------------------------------------------------
void ReadBack(AppState* s, std::vector<storage::RecordRef> refs);

// A save was refused because another tab stored newer versions: theirs win (they were
// acknowledged there), ours are kept in quarantine so nothing typed here is lost; then the stored
// versions are read back. The same rule for every collection.
void ResolveConflicts(AppState* s, const std::vector<storage::RecordRef>& conflicts) {
    Document& doc = s->Doc;
    std::string ws = doc.Data.Id;
    std::vector<storage::Record> kept;
    std::vector<std::string> reasons;
    std::vector<storage::RecordRef> reread;
    for (const storage::RecordRef& ref : conflicts) {
        std::optional<Collection> c = CollectionFromName(ref.Collection);
        if (!c) continue;
        CollectionState& cs = doc.State(*c);
        if (std::optional<storage::Record> mine = EncodeRecord(doc, *c, ref.Key)) {
            kept.push_back(std::move(*mine));
            reasons.push_back(ref.Collection + "/" + ref.Key + ": changed in another tab; this tab's version kept here");
        }
        cs.Dirty.erase(ref.Key);
        cs.Deleted.erase(ref.Key);
        cs.Stored.erase(ref.Key);  // re-read below
        reread.push_back({ref.Collection, ref.Key, -1});
    }
    if (!kept.empty()) {
        doc.Store.Notice = "store.conflict_kept";
        storage::KeepAside(ws, std::move(kept), std::move(reasons), [s](bool) { RefreshStoreFacts(*s); });
    }
    if (!reread.empty()) ReadBack(s, std::move(reread));
}

// Reads the named records again and puts them in the document; keys no longer stored are gone
// here too unless this tab changed them meanwhile.
void ReadBack(AppState* s, std::vector<storage::RecordRef> refs) {
    Document& doc = s->Doc;
    std::string ws = doc.Data.Id;
    ++doc.Store.RemoteReadsInFlight;
    storage::ReadRecords(ws, refs, [s, ws, refs](storage::LoadResult result) {
        Document& d = s->Doc;
        --d.Store.RemoteReadsInFlight;
        if (d.Data.Id != ws) return;
        DecodedRecords decoded = ApplyStoredRecords(d, result.Records, false);
        for (const storage::RecordRef& ref : refs) {
            std::optional<Collection> c = CollectionFromName(ref.Collection);
            const auto& present = decoded.Present[static_cast<size_t>(*c)];
            if (std::find(present.begin(), present.end(), ref.Key) == present.end() && !LocallyChanged(d, *c, ref.Key)) {
                d.State(*c).Stored.erase(ref.Key);
                EraseItem(d, *c, ref.Key);
            }
        }
        for (auto& p : decoded.Reasons) d.Store.Problems.push_back(p);
        ForgetReturning(d);
        // A save asked for meanwhile starts now: a background tab draws no frames to start it.
        if (d.Store.FlushRequested && d.Store.RemoteReadsInFlight == 0) StartSave(*s);
    });
}

// ---- [SECTION] Other tabs -----------------------------------------------------------------------
void OnRemoteChange(AppState* s, const storage::RemoteChange& change) {
    Document& doc = s->Doc;
    if (change.WorkspaceId.empty() || change.Everything) {
        storage::ListWorkspaces([s](std::vector<storage::WorkspaceInfo> list) {
            Document& d = s->Doc;
            d.Store.Workspaces = std::move(list);
            auto it = std::find_if(d.Store.Workspaces.begin(), d.Store.Workspaces.end(),
                                   [&](const storage::WorkspaceInfo& w) { return w.Id == d.Data.Id; });
            if (it == d.Store.Workspaces.end() && !d.Store.Workspaces.empty()) OpenWorkspace(*s, d.Store.Workspaces.front().Id, true);
            else if (it != d.Store.Workspaces.end()) d.Data.Name = it->Name;
        });
    }
    if (change.WorkspaceId != doc.Data.Id || !doc.Loaded) return;
    if (change.Everything) {
        LoadOpenWorkspace(*s, false);
        return;
    }
    NoteRemoteSyncChange(*s, change);  // its outbox entries, bases, checkpoint or sync config
    std::vector<storage::RecordRef> refs;
    for (const auto& p : change.Puts) {
        std::optional<Collection> c = CollectionFromName(p.Collection);
        if (!c) continue;
        CollectionState& cs = doc.State(*c);
        auto known = cs.Stored.find(p.Key);
        if (known != cs.Stored.end() && known->second >= p.BaseRevision) continue;
        refs.push_back({p.Collection, p.Key, -1});
    }
    for (const auto& d : change.Deletes) {
        std::optional<Collection> c = CollectionFromName(d.Collection);
        if (!c || LocallyChanged(doc, *c, d.Key)) continue;
        doc.State(*c).Stored.erase(d.Key);
        EraseItem(doc, *c, d.Key);
    }
    if (!refs.empty()) ReadBack(s, std::move(refs));
}

}  // namespace

void StartSave(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    if (!doc.Loaded || st.Reloading || doc.Save == SaveState::Saving || st.RestoreInFlight || st.RemoteReadsInFlight > 0) return;
    if (!AnythingDirty(doc)) {
        // Nothing left to write (a conflict adopted the stored versions): what is shown is stored.
        st.FlushRequested = false;
        doc.SavedThrough = std::max(doc.SavedThrough, doc.EditSerial);
        if (doc.Save == SaveState::Pending) doc.Save = SaveState::Saved;
        return;
    }
    st.FlushRequested = false;
    std::vector<storage::Record> puts;
    std::vector<storage::RecordRef> deletes;
    Written written;
    int parts = 0;  // full batches go to storage as they are made; the rest with the write
    for (int i = 0; i < kCollectionCount; ++i) {
        Collection c = static_cast<Collection>(i);
        CollectionState& cs = doc.State(c);
        size_t encoded = 0;
        EncodeRecordsInBatches(doc, c, cs.Dirty, kSaveBatchBytes, [&](std::vector<storage::Record>& batch) {
            size_t bytes = 0;
            for (storage::Record& r : batch) {
                auto stored = cs.Stored.find(r.Key);
                r.BaseRevision = stored != cs.Stored.end() ? stored->second : 0;
                written.Puts.push_back({{r.Collection, r.Key, -1}, r.Revision});
                bytes += r.Json.size();
            }
            encoded += batch.size();
            if (bytes >= kSaveBatchBytes) {
                if (!parts) parts = storage::BeginWriteParts();
                storage::AddWriteParts(parts, batch);
                return;
            }
            for (storage::Record& r : batch) puts.push_back(std::move(r));
        });
        // In flight now: when every dirty key went out (the usual case) their set's nodes move over
        // whole, with no key copied (an import marks 100,000 at once).
        if (encoded == cs.Dirty.size()) cs.InFlightPuts.merge(cs.Dirty);
        else
            for (auto w = written.Puts.end() - static_cast<std::ptrdiff_t>(encoded); w != written.Puts.end(); ++w)
                cs.InFlightPuts.insert(w->first.Key);
        for (const std::string& key : cs.Deleted) {
            auto stored = cs.Stored.find(key);
            if (cs.Purge.count(key)) {
                // Forgotten: deleted whatever another tab stored meanwhile, with every kept copy.
                storage::RecordRef ref{CollectionName(c), key, -1, true};
                deletes.push_back(ref);
                written.Deletes.push_back(ref);
                cs.InFlightDeletes.insert(key);
                continue;
            }
            if (stored == cs.Stored.end()) continue;  // never stored: nothing to delete
            deletes.push_back({CollectionName(c), key, stored->second});
            written.Deletes.push_back({CollectionName(c), key, stored->second});
            cs.InFlightDeletes.insert(key);
        }
        cs.Dirty.clear();
        cs.Deleted.clear();
    }
    written.Sync = AddSyncRecords(doc, written.Puts, puts, deletes);
    uint64_t through = doc.EditSerial;
    if (puts.empty() && deletes.empty() && !parts) {
        doc.SavedThrough = std::max(doc.SavedThrough, through);
        doc.Save = SaveState::Saved;
        return;
    }
    doc.Save = SaveState::Saving;
    AppState* s = &state;
    std::string ws = doc.Data.Id;
    storage::Write(ws, std::move(puts), std::move(deletes),
                          [s, ws, through, written = std::move(written)](storage::WriteResult r) mutable {
                              FinishSave(s, ws, through, std::move(written), std::move(r));
                          }, parts);
}

void LoadOpenWorkspace(AppState& state, bool first) {
    AppState* s = &state;
    std::string id = state.Doc.Data.Id;
    state.Doc.Store.Reloading = true;
    double started = ClockMs();
    storage::LoadWorkspace(id, [s, id, first, started](storage::LoadResult result) {
        FinishLoad(s, id, first, std::move(result), started);
    });
}

void StoreFrame(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    double now = AppClock();
    if (doc.EditSerial != st.SeenEditSerial) {
        st.SeenEditSerial = doc.EditSerial;
        st.SeenEditAt = now;
    }
    if (!HasUnsavedChanges(doc)) st.UnsavedSince = -1.0;
    else if (st.UnsavedSince < 0.0) st.UnsavedSince = now;
    PassphraseFrame(state);  // idle lock (app/store/passphrase.cpp)
    if (!doc.Loaded || doc.Save == SaveState::Saving) return;
    if (!AnythingDirty(doc)) {
        if (doc.Save == SaveState::Pending) StartSave(state);
        return;
    }
    bool rested = now - st.SeenEditAt >= kDebounceSeconds;
    bool retry = doc.Save != SaveState::Failed || now - st.LastFailAt >= kRetrySeconds || st.SeenEditAt > st.LastFailAt;
    if ((st.FlushRequested || rested) && retry) StartSave(state);
}

void FlushStore(AppState& state) {
    state.Doc.Store.FlushRequested = true;
    if (state.Doc.Save != SaveState::Saving) StartSave(state);
}

const char* SaveStateKey(const Document& doc) {
    if (doc.Store.LoadFailed) return "store.load_failed";
    if (!doc.Loaded) return "store.loading";
    switch (doc.Save) {
        case SaveState::Idle: return "store.idle";
        case SaveState::Pending: return "store.pending";
        case SaveState::Saving: return "store.saving";
        case SaveState::Saved: return "store.saved";
        case SaveState::Failed: return "store.failed";
    }
    return "store.idle";
}

const char* WriteErrorKey(storage::WriteError code) {
    switch (code) {
        case storage::WriteError::Quota: return "store.error_quota";
        case storage::WriteError::Timeout: return "store.error_timeout";
        case storage::WriteError::Conflict: return "store.error_conflict";
        case storage::WriteError::Unavailable: return "store.error_unavailable";
        default: return "store.error_other";
    }
}

double WallClockMs() {
    using namespace std::chrono;
    return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

// ---- [SECTION] Status (window.profila.storeStatus) ---------------------------------------------
namespace {
// What a wait for a save or a restore reads, in a few bytes whatever the base's size (polled every
// 10 ms while a save of 100,000 cards runs): the save's state, the edits pending and in flight, the
// last edit saved, the last restore's outcome.
nlohmann::json SaveProgress(const AppState& state) {
    const Document& doc = state.Doc;
    static const char* kStates[] = {"idle", "pending", "saving", "saved", "failed"};
    nlohmann::json j;
    j["save"] = kStates[static_cast<int>(doc.Save)];
    j["saveError"] = doc.SaveError;
    size_t dirty = 0, in_flight = 0;
    for (const CollectionState& cs : doc.Collections) {
        dirty += cs.Dirty.size() + cs.Deleted.size();
        in_flight += cs.InFlightPuts.size() + cs.InFlightDeletes.size();
    }
    j["dirty"] = dirty;
    j["inFlight"] = in_flight;
    j["savedThrough"] = doc.SavedThrough;
    j["restoreSerial"] = doc.Store.RestoreSerial;
    j["restoreResult"] = doc.Store.RestoreResult;
    return j;
}
}  // namespace

std::string SaveProgressJson(const AppState& state) { return SaveProgress(state).dump(); }

std::string StoreStatusJson(const AppState& state) {
    const Document& doc = state.Doc;
    const StoreStatus& st = doc.Store;
    nlohmann::json j = SaveProgress(state);
    j["workspace"] = {{"id", doc.Data.Id}, {"name", doc.Data.Name}};
    j["loaded"] = doc.Loaded;
    j["loadFailed"] = st.LoadFailed;
    j["loadError"] = st.LoadError;
    nlohmann::json collections = nlohmann::json::object();
    for (int i = 0; i < kCollectionCount; ++i) {
        const CollectionState& cs = doc.Collections[static_cast<size_t>(i)];
        collections[CollectionName(static_cast<Collection>(i))] = {{"dirty", cs.Dirty.size() + cs.Deleted.size()},
                                                                   {"inFlight", cs.InFlightPuts.size() + cs.InFlightDeletes.size()},
                                                                   {"stored", cs.Stored.size()}};
    }
    j["collections"] = std::move(collections);
    j["unsaved"] = HasUnsavedChanges(doc);
    j["editSerial"] = doc.EditSerial;
    j["savedCount"] = st.SavedCount;
    j["customers"] = doc.Data.Customers.size();
    j["personas"] = doc.Personas.size();
    j["loadMs"] = st.LoadMilliseconds;
    j["readMs"] = st.ReadMilliseconds;
    j["loadParts"] = {{"read", st.ReadMilliseconds}, {"copy", st.CopyMilliseconds}, {"check", st.CheckMilliseconds},
                      {"decode", st.DecodeMilliseconds}, {"apply", st.ApplyMilliseconds}};
    j["lastSaveMs"] = st.LastSaveMilliseconds;
    j["problems"] = st.Problems;
    j["setAside"] = st.SetAside.size();
    j["notice"] = st.Notice;
    j["encrypted"] = IsWorkspaceEncrypted(state);
    j["locked"] = st.Locked;
    j["unlocking"] = st.Unlocking;
    j["unlockMessage"] = st.UnlockMessage;
    j["passphraseBusy"] = st.PassphraseBusy;
    j["passphraseMessage"] = st.PassphraseMessage;
    j["passphraseSerial"] = st.PassphraseSerial;
    j["lockMinutes"] = st.LockMinutes;
    j["restoreSealed"] = !st.RestoreSealed.empty();
    nlohmann::json revs = nlohmann::json::object();
    for (const auto& c : doc.Data.Customers) revs[c.Id] = c.Revision;
    j["revisions"] = std::move(revs);
    nlohmann::json persona_revs = nlohmann::json::object();
    for (const auto& p : doc.Personas) persona_revs[p.Id] = p.Revision;
    j["personaRevisions"] = std::move(persona_revs);
    j["progressRevision"] = doc.ProgressRevision;
    nlohmann::json ws = nlohmann::json::array();
    for (const auto& w : st.Workspaces) ws.push_back({{"id", w.Id}, {"name", w.Name}, {"lastBackup", w.LastBackupMs}});
    j["workspaces"] = std::move(ws);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CommitCustomerJson(AppState& state, const std::string& text) {
    // As the screens: nothing is edited before the stored cards are in (their revisions are the base).
    if (!state.Doc.Loaded) return "error: the stored customers are not loaded yet";
    profila::CustomerDecodeResult d = profila::CustomerFromJson(text);
    if (!d.Ok()) {
        std::string out = "error: ";
        for (size_t i = 0; i < d.Issues.size() && i < 3; ++i) out += (i ? "; " : "") + d.Issues[i].Message;
        return out;
    }
    if (d.Value.Id.empty()) d.Value.Id = NewId(state.Doc);
    std::string id = d.Value.Id;
    if (const profila::Customer* cur = FindCustomer(state.Doc, id)) d.Value.Revision = cur->Revision;
    CommitCustomer(state.Doc, std::move(d.Value), AppClock());
    return id;
}

// ---- [SECTION] Start ----------------------------------------------------------------------------
void StartStore(AppState& state) {
    Document& doc = state.Doc;
    if (doc.Store.Started) return;
    doc.Store.Started = true;
    // New ids draw their random part from the platform's entropy (crypto.getRandomValues on the web).
    std::random_device entropy;
    doc.Ids = profila::IdSource((static_cast<uint64_t>(entropy()) << 32) ^ entropy());
    AppState* s = &state;
    storage::RequestPersistence();
    storage::OnRemoteChange([s](const storage::RemoteChange& change) { OnRemoteChange(s, change); });
    storage::OnPageHidden([s] { FlushStore(*s); });
    // Leaving the page with anything unsaved: save at once, and ask the person to stay.
    storage::OnBeforeUnload([s] {
        if (!HasUnsavedChanges(s->Doc)) return false;
        FlushStore(*s);
        return true;
    });

    storage::ListWorkspaces([s](std::vector<storage::WorkspaceInfo> list) {
        Document& d = s->Doc;
        d.Store.Workspaces = std::move(list);
        std::sort(d.Store.Workspaces.begin(), d.Store.Workspaces.end(),
                  [](const storage::WorkspaceInfo& a, const storage::WorkspaceInfo& b) { return a.CreatedMs < b.CreatedMs; });
        std::string wanted = platform::LoadSetting("workspace");
        auto known = [&](const std::string& id) {
            return std::any_of(d.Store.Workspaces.begin(), d.Store.Workspaces.end(),
                               [&](const storage::WorkspaceInfo& w) { return w.Id == id; });
        };
        if (known(wanted)) {
            SwitchWorkspace(*s, wanted);
        } else if (!d.Store.Workspaces.empty()) {
            SwitchWorkspace(*s, d.Store.Workspaces.front().Id);
        } else {
            // First visit: one workspace, named after the business when it has a name.
            CreateWorkspace(*s, platform::LoadSetting("business_name"));
        }
    });
}
