// The store seen from the app (see store_sync.h).
//
// [SECTION] Helpers
// [SECTION] Loading and applying stored records
// [SECTION] Save loop
// [SECTION] Other tabs
// [SECTION] Workspaces
// [SECTION] Backup and restore
// [SECTION] Automation hooks (window.profila)
// [SECTION] Start
//
// Callbacks from storage run between frames with the one AppState of the page (main.cpp keeps it
// for the page's lifetime), so they capture it by pointer.
#include "store_sync.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "codec/backup.h"
#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "imgui.h"
#include "nlohmann/json.hpp"
#include "platform/platform.h"
#include "platform/storage.h"

namespace {

constexpr const char* kCustomers = "customers";
constexpr double kDebounceSeconds = 0.6;    // edits save within a second of the last one
constexpr double kRetrySeconds = 10.0;      // a failed save is tried again after this

// ---- [SECTION] Helpers --------------------------------------------------------------------------
double Now() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }

// A real clock for measurements (ImGui's time only moves once per frame).
double ClockMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

double WallClockMs() {
    using namespace std::chrono;
    return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

std::string NewWorkspaceId() {
    char id[40];
    std::snprintf(id, sizeof id, "w%llx", static_cast<unsigned long long>(WallClockMs()));
    return id;
}

storage::WorkspaceInfo* FindWorkspace(AppState& state, const std::string& id) {
    for (auto& w : state.Doc.Store.Workspaces)
        if (w.Id == id) return &w;
    return nullptr;
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

std::string IssuesText(const std::vector<profila::FieldIssue>& issues) {
    std::string out;
    for (size_t i = 0; i < issues.size() && i < 3; ++i) out += (i ? "; " : "") + issues[i].Message;
    if (issues.size() > 3) out += "; ...";
    return out;
}

// ---- [SECTION] Loading and applying stored records ----------------------------------------------
bool LocallyChanged(const Document& doc, const std::string& id) {
    return doc.DirtyCustomers.count(id) || doc.DeletedCustomers.count(id) || doc.Store.InFlightPuts.count(id) ||
           doc.Store.InFlightDeletes.count(id);
}

struct DecodedRecords {
    std::vector<profila::Customer> Customers;
    std::vector<storage::RecordRef> Bad;
    std::vector<std::string> Reasons;
};

// Each record lets go of the block it views once decoded: a load's packs are freed one by one as
// their last record is read, and the cards decoded after reuse that memory (a browser charges
// dearly for the first touch of fresh pages: 34 us per 4 KB in the store bench).
DecodedRecords DecodeCustomers(std::vector<storage::Record>& records) {
    DecodedRecords out;
    out.Customers.reserve(records.size());
    for (storage::Record& r : records) {
        if (r.Collection != kCustomers) continue;
        profila::CustomerRecordDecodeResult d = profila::CustomerFromRecord(r.Bytes());  // MessagePack, or older JSON text
        r.Loaded = {};
        r.Block.reset();
        if (d.Ok() && d.Value.Id == r.Key) {
            d.Value.Revision = r.Revision;  // the record's revision is the one conflicts are checked on
            out.Customers.push_back(std::move(d.Value));
        } else {
            out.Bad.push_back({r.Collection, r.Key, -1});
            out.Reasons.push_back(r.Collection + "/" + r.Key + ": " +
                                  (d.Ok() ? std::string("id does not match the record key") : IssuesText(d.Issues)));
        }
    }
    return out;
}

// Puts stored customers into the document, except those this tab changed and has not saved yet:
// their stored revision stays the old base, so saving them later is refused if storage moved on.
// full: the records are the whole workspace (customers absent from them were deleted elsewhere).
void ApplyStoredCustomers(Document& doc, std::vector<profila::Customer> stored, bool full) {
    auto& list = doc.Data.Customers;
    if (full && list.empty() && doc.DirtyCustomers.empty() && doc.DeletedCustomers.empty() && doc.Store.InFlightPuts.empty() &&
        doc.Store.InFlightDeletes.empty()) {
        // The first load of a workspace: the decoded cards become the list as they are (moving
        // 10,000 cards one by one into fresh memory cost ~40 ms in the store bench).
        doc.StoredRevisions.clear();
        for (const profila::Customer& c : stored) doc.StoredRevisions.emplace_hint(doc.StoredRevisions.end(), c.Id, c.Revision);
        list = std::move(stored);
        return;
    }
    std::unordered_map<std::string, size_t> index;
    index.reserve(list.size() + stored.size());
    for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i].Id, i);
    std::unordered_set<std::string> seen;
    if (full) {
        // Room for all at once: growing a vector of 10,000 cards step by step cost 140 ms natively.
        list.reserve(list.size() + stored.size());
        seen.reserve(stored.size());
    }
    for (profila::Customer& c : stored) {
        if (full) seen.insert(c.Id);
        if (LocallyChanged(doc, c.Id)) continue;
        auto known = doc.StoredRevisions.find(c.Id);
        if (!full && known != doc.StoredRevisions.end() && known->second >= c.Revision) continue;
        doc.StoredRevisions[c.Id] = c.Revision;
        auto at = index.find(c.Id);
        if (at != index.end()) list[at->second] = std::move(c);
        else {
            index.emplace(c.Id, list.size());
            list.push_back(std::move(c));
        }
    }
    if (full) {
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const profila::Customer& c) { return !seen.count(c.Id) && !LocallyChanged(doc, c.Id); }),
                   list.end());
        for (auto it = doc.StoredRevisions.begin(); it != doc.StoredRevisions.end();)
            it = seen.count(it->first) ? std::next(it) : doc.StoredRevisions.erase(it);
    }
}

void LoadOpenWorkspace(AppState& state, bool first);
bool OpenWorkspace(AppState& state, const std::string& workspace_id, bool force);
void StartSave(AppState& state);

void FinishLoad(AppState* s, std::string workspace_id, bool first, storage::LoadResult result, double started) {
    Document& doc = s->Doc;
    if (doc.Data.Id != workspace_id) return;  // switched away meanwhile
    doc.Store.Reloading = false;
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
    DecodedRecords decoded = DecodeCustomers(result.Records);
    double t_apply = ClockMs();
    doc.Store.DecodeMilliseconds = t_apply - t_decode;
    if (first) doc.Store.Problems.clear();
    for (auto& p : result.Problems) doc.Store.Problems.push_back(p);
    for (auto& p : decoded.Reasons) doc.Store.Problems.push_back(p);
    ApplyStoredCustomers(doc, std::move(decoded.Customers), true);
    doc.Store.ApplyMilliseconds = ClockMs() - t_apply;
    doc.Store.LoadMilliseconds = ClockMs() - started;
    doc.Loaded = true;
    if (doc.Store.FlushRequested) StartSave(*s);
    if (!decoded.Bad.empty())
        storage::SetAside(workspace_id, decoded.Bad, decoded.Reasons, [s](bool) { RefreshStoreFacts(*s); });
    else if (!result.Problems.empty()) RefreshStoreFacts(*s);
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

// ---- [SECTION] Save loop ------------------------------------------------------------------------

// A save was refused because another tab stored newer versions of some customers: theirs win
// (they were acknowledged there), ours are kept in quarantine so nothing typed here is lost, and
// brand-new customers that only clashed on an id get a fresh id and are saved again.
void ResolveConflicts(AppState* s, const std::vector<storage::RecordRef>& conflicts) {
    Document& doc = s->Doc;
    std::string ws = doc.Data.Id;
    std::vector<storage::Record> kept;
    std::vector<std::string> reasons;
    std::vector<storage::RecordRef> reread;
    for (const storage::RecordRef& ref : conflicts) {
        const std::string& id = ref.Key;
        bool was_new = !doc.StoredRevisions.count(id);
        const profila::Customer* mine = FindCustomer(doc, id);
        if (was_new && mine) {
            profila::Customer moved = *mine;
            RemoveCustomers(doc, {id}, doc.LastEditSeconds);
            doc.DeletedCustomers.erase(id);  // never stored by us: nothing to delete
            moved.Id = NewCustomerId(doc);
            moved.Revision = 0;
            CommitCustomer(doc, std::move(moved), doc.LastEditSeconds);
        } else if (mine) {
            kept.push_back({kCustomers, id, profila::CustomerToRecord(*mine), mine->Revision, -1, profila::kCustomerSchemaVersion});
            reasons.push_back(std::string(kCustomers) + "/" + id + ": changed in another tab; this tab's version kept here");
            doc.DirtyCustomers.erase(id);
        }
        doc.DeletedCustomers.erase(id);
        doc.StoredRevisions.erase(id);  // re-read below
        reread.push_back({kCustomers, id, -1});
    }
    if (!kept.empty()) {
        doc.Store.Notice = "store.conflict_kept";
        storage::KeepAside(ws, std::move(kept), std::move(reasons), [s](bool) { RefreshStoreFacts(*s); });
    }
    if (reread.empty()) return;
    doc.Store.RemoteReadInFlight = true;
    storage::ReadRecords(ws, reread, [s, ws, reread](storage::LoadResult result) {
        Document& d = s->Doc;
        d.Store.RemoteReadInFlight = false;
        if (d.Data.Id != ws) return;
        DecodedRecords decoded = DecodeCustomers(result.Records);
        std::set<std::string> present;
        for (auto& c : decoded.Customers) present.insert(c.Id);
        // Customers deleted by the other tab: gone here too unless edited again meanwhile.
        for (const auto& ref : reread)
            if (!present.count(ref.Key) && !LocallyChanged(d, ref.Key)) {
                auto& list = d.Data.Customers;
                list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Customer& c) { return c.Id == ref.Key; }),
                           list.end());
            }
        ApplyStoredCustomers(d, std::move(decoded.Customers), false);
        if (d.Store.FlushRequested) StartSave(*s);
    });
}

void FinishSave(AppState* s, std::string ws, std::map<std::string, int64_t> written, std::vector<std::string> deleted,
                storage::WriteResult result) {
    Document& doc = s->Doc;
    StoreStatus& st = doc.Store;
    st.InFlightPuts.clear();
    st.InFlightDeletes.clear();
    if (doc.Data.Id != ws) return;  // the workspace was switched; its own load is authoritative
    if (result.Ok) {
        for (auto& [id, rev] : written) doc.StoredRevisions[id] = rev;
        for (auto& id : deleted) doc.StoredRevisions.erase(id);
        st.LastSaveMilliseconds = result.Milliseconds;
        ++st.SavedCount;
        doc.SaveError.clear();
        bool more = !doc.DirtyCustomers.empty() || !doc.DeletedCustomers.empty();
        doc.Save = more ? SaveState::Pending : SaveState::Saved;
        if (more && st.FlushRequested) StartSave(*s);
        return;
    }
    // Not stored: everything goes back to dirty (a delete stays a delete unless re-created meanwhile).
    for (auto& [id, rev] : written)
        if (!doc.DeletedCustomers.count(id)) doc.DirtyCustomers.insert(id);
    for (auto& id : deleted)
        if (!doc.DirtyCustomers.count(id) && !FindCustomer(doc, id)) doc.DeletedCustomers.insert(id);
    if (result.Code == storage::WriteError::Conflict) {
        ResolveConflicts(s, result.Conflicts);
        doc.Save = SaveState::Pending;
        st.FlushRequested = true;  // save the rest now
        return;
    }
    doc.Save = SaveState::Failed;
    st.LastFailAt = Now();
    doc.SaveError = s->T(WriteErrorKey(result.Code));
    if (!result.Error.empty()) doc.SaveError += " (" + result.Error + ")";
}

void StartSave(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    if (!doc.Loaded || st.Reloading || doc.Save == SaveState::Saving || st.RestoreInFlight || st.RemoteReadInFlight) return;
    if (doc.DirtyCustomers.empty() && doc.DeletedCustomers.empty()) {
        // Nothing left to write (a conflict adopted the stored versions): what is shown is stored.
        st.FlushRequested = false;
        if (doc.Save == SaveState::Pending) doc.Save = SaveState::Saved;
        return;
    }
    st.FlushRequested = false;
    std::vector<storage::Record> puts;
    std::vector<storage::RecordRef> deletes;
    std::map<std::string, int64_t> written;
    std::vector<std::string> deleted;
    std::unordered_map<std::string, const profila::Customer*> index;
    if (doc.DirtyCustomers.size() > 8) {
        index.reserve(doc.Data.Customers.size());
        for (const auto& c : doc.Data.Customers) index.emplace(c.Id, &c);
    }
    puts.reserve(doc.DirtyCustomers.size());
    for (const std::string& id : doc.DirtyCustomers) {
        const profila::Customer* c = nullptr;
        if (index.empty()) c = FindCustomer(doc, id);
        else if (auto it = index.find(id); it != index.end()) c = it->second;
        if (!c) continue;
        auto stored = doc.StoredRevisions.find(id);
        int64_t base = stored != doc.StoredRevisions.end() ? stored->second : 0;
        puts.push_back({kCustomers, id, profila::CustomerToRecord(*c), c->Revision, base, profila::kCustomerSchemaVersion});
        written[id] = c->Revision;
        st.InFlightPuts.insert(id);
    }
    for (const std::string& id : doc.DeletedCustomers) {
        auto stored = doc.StoredRevisions.find(id);
        int64_t base = stored != doc.StoredRevisions.end() ? stored->second : 0;
        deletes.push_back({kCustomers, id, base});
        deleted.push_back(id);
        st.InFlightDeletes.insert(id);
    }
    doc.DirtyCustomers.clear();
    doc.DeletedCustomers.clear();
    doc.Save = SaveState::Saving;
    AppState* s = &state;
    std::string ws = doc.Data.Id;
    storage::WriteChecked(ws, std::move(puts), std::move(deletes),
                          [s, ws, written = std::move(written), deleted = std::move(deleted)](storage::WriteResult r) mutable {
                              FinishSave(s, ws, std::move(written), std::move(deleted), std::move(r));
                          });
}

// ---- [SECTION] Other tabs -----------------------------------------------------------------------
void ReadRemoteChanges(AppState* s) {
    Document& doc = s->Doc;
    if (doc.Store.RemoteReadInFlight || doc.Store.PendingRemote.empty()) return;
    std::vector<storage::RecordRef> refs;
    for (auto& id : doc.Store.PendingRemote) refs.push_back({kCustomers, id, -1});
    doc.Store.PendingRemote.clear();
    doc.Store.RemoteReadInFlight = true;
    std::string ws = doc.Data.Id;
    storage::ReadRecords(ws, refs, [s, ws](storage::LoadResult result) {
        Document& d = s->Doc;
        d.Store.RemoteReadInFlight = false;
        if (d.Data.Id != ws) return;
        DecodedRecords decoded = DecodeCustomers(result.Records);
        ApplyStoredCustomers(d, std::move(decoded.Customers), false);
        ReadRemoteChanges(s);
        // A save asked for meanwhile starts now: a background tab draws no frames to start it.
        if (d.Store.FlushRequested && !d.Store.RemoteReadInFlight) StartSave(*s);
    });
}

void OnRemoteChange(AppState* s, const storage::RemoteChange& change) {
    Document& doc = s->Doc;
    if (change.WorkspaceId.empty() || change.Everything) {
        storage::ListWorkspaces([s](std::vector<storage::WorkspaceInfo> list) {
            s->Doc.Store.Workspaces = std::move(list);
            Document& d = s->Doc;
            if (!FindWorkspace(*s, d.Data.Id) && !d.Store.Workspaces.empty()) OpenWorkspace(*s, d.Store.Workspaces.front().Id, true);
            else if (auto* w = FindWorkspace(*s, d.Data.Id)) d.Data.Name = w->Name;
        });
    }
    if (change.WorkspaceId != doc.Data.Id || !doc.Loaded) return;
    if (change.Everything) {
        LoadOpenWorkspace(*s, false);
        return;
    }
    for (const auto& p : change.Puts) {
        if (p.Collection != kCustomers) continue;
        auto known = doc.StoredRevisions.find(p.Key);
        if (known != doc.StoredRevisions.end() && known->second >= p.BaseRevision) continue;
        doc.Store.PendingRemote.push_back(p.Key);
    }
    for (const auto& d : change.Deletes) {
        if (d.Collection != kCustomers || LocallyChanged(doc, d.Key)) continue;
        doc.StoredRevisions.erase(d.Key);
        auto& list = doc.Data.Customers;
        list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Customer& c) { return c.Id == d.Key; }), list.end());
    }
    ReadRemoteChanges(s);
}

// ---- [SECTION] Automation hooks (window.profila) -------------------------------------------------
std::string StatusJson(const AppState& state) {
    const Document& doc = state.Doc;
    const StoreStatus& st = doc.Store;
    static const char* kStates[] = {"idle", "pending", "saving", "saved", "failed"};
    nlohmann::json j;
    j["workspace"] = {{"id", doc.Data.Id}, {"name", doc.Data.Name}};
    j["loaded"] = doc.Loaded;
    j["loadFailed"] = st.LoadFailed;
    j["loadError"] = st.LoadError;
    j["save"] = kStates[static_cast<int>(doc.Save)];
    j["saveError"] = doc.SaveError;
    j["dirty"] = doc.DirtyCustomers.size() + doc.DeletedCustomers.size();
    j["inFlight"] = st.InFlightPuts.size() + st.InFlightDeletes.size();
    j["savedCount"] = st.SavedCount;
    j["customers"] = doc.Data.Customers.size();
    j["loadMs"] = st.LoadMilliseconds;
    j["readMs"] = st.ReadMilliseconds;
    j["loadParts"] = {{"read", st.ReadMilliseconds}, {"copy", st.CopyMilliseconds}, {"check", st.CheckMilliseconds},
                      {"decode", st.DecodeMilliseconds}, {"apply", st.ApplyMilliseconds}};
    j["lastSaveMs"] = st.LastSaveMilliseconds;
    j["problems"] = st.Problems;
    j["setAside"] = st.SetAside.size();
    j["notice"] = st.Notice;
    j["restoreSerial"] = st.RestoreSerial;
    j["restoreResult"] = st.RestoreResult;
    nlohmann::json revs = nlohmann::json::object();
    for (const auto& c : doc.Data.Customers) revs[c.Id] = c.Revision;
    j["revisions"] = std::move(revs);
    nlohmann::json ws = nlohmann::json::array();
    for (const auto& w : st.Workspaces) ws.push_back({{"id", w.Id}, {"name", w.Name}, {"lastBackup", w.LastBackupMs}});
    j["workspaces"] = std::move(ws);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CommitFromJson(AppState& state, const std::string& text) {
    // As the screens: nothing is edited before the stored cards are in (their revisions are the base).
    if (!state.Doc.Loaded) return "error: the stored customers are not loaded yet";
    profila::CustomerDecodeResult d = profila::CustomerFromJson(text);
    if (!d.Ok()) return "error: " + IssuesText(d.Issues);
    if (d.Value.Id.empty()) d.Value.Id = NewCustomerId(state.Doc);
    std::string id = d.Value.Id;
    if (const profila::Customer* cur = FindCustomer(state.Doc, id)) d.Value.Revision = cur->Revision;
    CommitCustomer(state.Doc, std::move(d.Value), Now());
    return id;
}

}  // namespace

// ---- public -------------------------------------------------------------------------------------
void StoreFrame(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    double now = Now();
    if (doc.EditSerial != st.SeenEditSerial) {
        st.SeenEditSerial = doc.EditSerial;
        st.SeenEditAt = now;
    }
    if (!doc.Loaded || doc.Save == SaveState::Saving) return;
    if (doc.DirtyCustomers.empty() && doc.DeletedCustomers.empty()) {
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

// ---- [SECTION] Workspaces -----------------------------------------------------------------------
namespace {
// Opens another workspace. Unless forced (the open one was deleted), waits until what was typed in
// the open one is stored: the switch is refused with a notice while a save is due or running.
bool OpenWorkspace(AppState& state, const std::string& workspace_id, bool force) {
    Document& doc = state.Doc;
    if (doc.Data.Id == workspace_id && doc.Loaded) return true;
    if (!force && doc.Loaded && HasUnsavedChanges(doc)) {
        FlushStore(state);
        doc.Store.Notice = "store.switch_wait";
        return false;
    }
    storage::WorkspaceInfo* info = FindWorkspace(state, workspace_id);
    doc.Data = profila::Workspace{};
    doc.Data.Id = workspace_id;
    doc.Data.Name = info ? info->Name : "";
    doc.DirtyCustomers.clear();
    doc.DeletedCustomers.clear();
    doc.StoredRevisions.clear();
    doc.IssuedRevisions.clear();
    doc.Loaded = false;
    doc.Save = SaveState::Idle;
    doc.SaveError.clear();
    doc.Store.Problems.clear();
    doc.Store.SetAside.clear();
    doc.Store.PendingRemote.clear();
    doc.Store.Notice.clear();
    platform::SaveSetting("workspace", workspace_id);
    LoadOpenWorkspace(state, true);
    RefreshStoreFacts(state);
    return true;
}
}  // namespace

void SwitchWorkspace(AppState& state, const std::string& workspace_id) { OpenWorkspace(state, workspace_id, false); }

void CreateWorkspace(AppState& state, const std::string& name) {
    storage::WorkspaceInfo info;
    info.Id = NewWorkspaceId();
    while (FindWorkspace(state, info.Id)) info.Id += "x";
    info.Name = name.empty() ? state.T("store.default_workspace") : name;
    info.CreatedMs = WallClockMs();
    state.Doc.Store.Workspaces.push_back(info);
    AppState* s = &state;
    storage::PutWorkspaceInfo(info, [s, id = info.Id](bool ok) {
        if (ok) {
            SwitchWorkspace(*s, id);
        } else if (s->Doc.Data.Id.empty()) {
            s->Doc.Store.LoadFailed = true;  // not even a first workspace could be stored
            s->Doc.Store.LoadError = "IndexedDB";
        } else {
            s->Doc.Store.Notice = "store.workspace_failed";
        }
    });
}

void RenameWorkspace(AppState& state, const std::string& workspace_id, const std::string& name) {
    storage::WorkspaceInfo* info = FindWorkspace(state, workspace_id);
    if (!info || name.empty()) return;
    info->Name = name;
    if (state.Doc.Data.Id == workspace_id) state.Doc.Data.Name = name;
    AppState* s = &state;
    storage::PutWorkspaceInfo(*info, [s](bool ok) { if (!ok) s->Doc.Store.Notice = "store.workspace_failed"; });
}

void DeleteWorkspace(AppState& state, const std::string& workspace_id) {
    AppState* s = &state;
    storage::DeleteWorkspace(workspace_id, [s, workspace_id](bool ok) {
        if (!ok) {
            s->Doc.Store.Notice = "store.workspace_failed";
            return;
        }
        auto& list = s->Doc.Store.Workspaces;
        list.erase(std::remove_if(list.begin(), list.end(), [&](const storage::WorkspaceInfo& w) { return w.Id == workspace_id; }),
                   list.end());
        if (s->Doc.Data.Id != workspace_id) return;
        if (list.empty()) CreateWorkspace(*s, "");
        else OpenWorkspace(*s, list.front().Id, true);
    });
}

// ---- [SECTION] Backup and restore ---------------------------------------------------------------
// The backup holds the personas once they are read (before that, leaving them out keeps a restore
// of the file from removing personas it never had).
std::string BackupText(const AppState& state) {
    return profila::BackupToJson(state.Doc.Data, state.Doc.Personas, state.Persona.Loaded, true);
}

int DaysSinceBackup(const AppState& state) {
    for (const auto& w : state.Doc.Store.Workspaces)
        if (w.Id == state.Doc.Data.Id)
            return w.LastBackupMs > 0 ? static_cast<int>((WallClockMs() - w.LastBackupMs) / 86400000.0) : -1;
    return -1;
}

void MarkBackedUp(AppState& state) {
    if (storage::WorkspaceInfo* info = FindWorkspace(state, state.Doc.Data.Id)) {
        info->LastBackupMs = WallClockMs();
        storage::PutWorkspaceInfo(*info, nullptr);
    }
}

void ExportBackup(AppState& state) {
    std::string name = state.Doc.Data.Name.empty() ? std::string("profila") : state.Doc.Data.Name;
    for (char& ch : name)
        if (ch == '/' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"' || ch == '<' || ch == '>' || ch == '|') ch = '_';
    std::time_t t = std::time(nullptr);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&t));
    storage::DownloadText(name + " " + date + ".profila.json", "application/json", BackupText(state));
    MarkBackedUp(state);
}

bool PrepareRestore(AppState& state, const std::string& file_name, const std::string& text) {
    StoreStatus& st = state.Doc.Store;
    st.RestoreIssues.clear();
    st.RestorePending = false;
    st.RestoreFileName = file_name;
    st.RestoreResult.clear();
    profila::BackupContents backup = profila::ReadBackup(text);  // one parse for customers and personas
    profila::WorkspaceDecodeResult& d = backup.Workspace;
    if (!d.Ok()) {
        for (size_t i = 0; i < d.Issues.size() && i < 20; ++i) st.RestoreIssues.push_back(d.Issues[i].Message);
        if (d.Issues.size() > 20) st.RestoreIssues.push_back("...");
        return false;
    }
    profila::BackupPersonas& personas = backup.Personas;
    if (!personas.Errors.empty()) {
        for (size_t i = 0; i < personas.Errors.size() && i < 20; ++i) st.RestoreIssues.push_back(personas.Errors[i]);
        if (personas.Errors.size() > 20) st.RestoreIssues.push_back("...");
        return false;
    }
    st.RestoreData = std::move(d.Value);
    st.RestoreHasPersonas = personas.Present;
    st.RestorePersonas = std::move(personas.Personas);
    st.RestorePending = true;
    return true;
}

void PickBackupToRestore(AppState& state) {
    AppState* s = &state;
    storage::PickTextFile(".json,application/json", [s](bool picked, std::string name, std::string text) {
        if (picked) PrepareRestore(*s, name, text);
    });
}

void CancelRestore(AppState& state) {
    state.Doc.Store.RestorePending = false;
    state.Doc.Store.RestoreData = profila::Workspace{};
    state.Doc.Store.RestoreHasPersonas = false;
    state.Doc.Store.RestorePersonas.clear();
}

namespace {
// The restored personas replace the open ones; the persona screen's save loop writes them (and
// removes the records of personas the file does not have) on its next turn.
void ReplacePersonas(AppState& state, std::vector<profila::Persona> personas) {
    PersonaView& v = state.Persona;
    for (const profila::Persona& p : state.Doc.Personas) v.Deleted.insert(p.Id);
    v.Dirty.clear();
    for (profila::Persona& p : personas) {
        v.Deleted.erase(p.Id);
        v.Dirty.insert(p.Id);
        ++p.Revision;
    }
    v.Histories.clear();
    state.Doc.Personas = std::move(personas);
    v.SelectedId = state.Doc.Personas.empty() ? std::string() : state.Doc.Personas.front().Id;
    v.LastEditAt = -1000.0;
    ++v.EditSerial;
}
}  // namespace

void ConfirmRestore(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    if (!st.RestorePending || st.RestoreInFlight || !doc.Loaded) return;
    st.RestorePending = false;
    st.RestoreInFlight = true;
    // Restored cards get revisions above anything stored, so other tabs take them as newer.
    std::vector<profila::Customer> customers = std::move(st.RestoreData.Customers);
    st.RestoreData = profila::Workspace{};
    auto personas = std::make_shared<std::vector<profila::Persona>>(std::move(st.RestorePersonas));
    bool has_personas = st.RestoreHasPersonas;
    st.RestorePersonas.clear();
    st.RestoreHasPersonas = false;
    std::vector<storage::Record> puts;
    puts.reserve(customers.size());
    for (profila::Customer& c : customers) {
        auto stored = doc.StoredRevisions.find(c.Id);
        c.Revision = std::max<int64_t>(c.Revision, stored != doc.StoredRevisions.end() ? stored->second + 1 : 1);
        puts.push_back({kCustomers, c.Id, profila::CustomerToRecord(c), c.Revision, -1, profila::kCustomerSchemaVersion});
    }
    AppState* s = &state;
    std::string ws = doc.Data.Id;
    auto shared = std::make_shared<std::vector<profila::Customer>>(std::move(customers));
    storage::ReplaceCollection(ws, kCustomers, std::move(puts), [s, ws, shared, personas, has_personas](storage::WriteResult r) {
        Document& d = s->Doc;
        d.Store.RestoreInFlight = false;
        ++d.Store.RestoreSerial;
        if (!r.Ok) {
            d.Store.RestoreResult = std::string(s->T(WriteErrorKey(r.Code))) + (r.Error.empty() ? "" : " (" + r.Error + ")");
            return;
        }
        d.Store.RestoreResult = "ok";
        if (d.Data.Id != ws) return;
        d.Data.Customers = std::move(*shared);
        d.StoredRevisions.clear();
        for (const auto& c : d.Data.Customers) d.StoredRevisions[c.Id] = c.Revision;
        d.DirtyCustomers.clear();
        d.DeletedCustomers.clear();
        d.Save = SaveState::Saved;
        d.SaveError.clear();
        if (has_personas) ReplacePersonas(*s, std::move(*personas));
    });
}

void RefreshStoreFacts(AppState& state) {
    AppState* s = &state;
    state.Doc.Store.EstimateAt = Now();
    storage::Estimate([s](storage::StorageEstimate e) { s->Doc.Store.Estimate = e; });
    std::string ws = state.Doc.Data.Id;
    storage::ListSetAside(ws, [s, ws](std::vector<storage::SetAsideRecord> list) {
        if (s->Doc.Data.Id == ws) s->Doc.Store.SetAside = std::move(list);
    });
}

// ---- [SECTION] Start ----------------------------------------------------------------------------
void StartStore(AppState& state) {
    Document& doc = state.Doc;
    if (doc.Store.Started) return;
    doc.Store.Started = true;
    AppState* s = &state;
    storage::RequestPersistence();
    storage::OnRemoteChange([s](const storage::RemoteChange& change) { OnRemoteChange(s, change); });
    storage::OnPageHidden([s] { FlushStore(*s); });
    storage::AutomationHooks hooks;
    hooks.Status = [s] { return StatusJson(*s); };
    hooks.ExportBackup = [s] { return BackupText(*s); };
    hooks.Restore = [s](const std::string& text) {
        if (!PrepareRestore(*s, "automation", text)) {
            std::string out;
            for (auto& i : s->Doc.Store.RestoreIssues) out += (out.empty() ? "" : "\n") + i;
            return out.empty() ? std::string("refused") : out;
        }
        if (!s->Doc.Loaded) return std::string("not loaded yet");
        ConfirmRestore(*s);
        return std::string();
    };
    hooks.Commit = [s](const std::string& text) { return CommitFromJson(*s, text); };
    hooks.Flush = [s] { FlushStore(*s); };
    storage::SetAutomationHooks(std::move(hooks));

    storage::ListWorkspaces([s](std::vector<storage::WorkspaceInfo> list) {
        Document& d = s->Doc;
        d.Store.Workspaces = std::move(list);
        std::sort(d.Store.Workspaces.begin(), d.Store.Workspaces.end(),
                  [](const storage::WorkspaceInfo& a, const storage::WorkspaceInfo& b) { return a.CreatedMs < b.CreatedMs; });
        std::string wanted = platform::LoadSetting("workspace");
        if (FindWorkspace(*s, wanted)) {
            SwitchWorkspace(*s, wanted);
        } else if (!d.Store.Workspaces.empty()) {
            SwitchWorkspace(*s, d.Store.Workspaces.front().Id);
        } else {
            // First visit: one workspace, named after the business when it has a name.
            CreateWorkspace(*s, s->Settings.BusinessName);
        }
    });
}
