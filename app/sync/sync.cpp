// Optional sync with CouchDB (see sync.h): the sync records kept with the saver, sign-in and
// connect, the store hooks, the frame and the status. Documents, pull and push are in their own
// files (sync_internal.h lists them).
//
// [SECTION] Sync records (the saver's part)
// [SECTION] Sign-in and connect
// [SECTION] Store hooks
// [SECTION] Frame, status
#include "sync/sync.h"

#include <algorithm>
#include <ctime>

#include "app.h"
#include "imgui.h"
#include "platform/http.h"
#include "platform/tab_lock.h"
#include "store/collections.h"
#include "store/store.h"
#include "sync/sync_internal.h"

using nlohmann::json;
namespace merge = profila::sync;
using namespace sync_internal;

namespace sync_internal {

// ---- [SECTION] Sync records (the saver's part) -----------------------------------------------------
storage::Record SyncRecord(const std::string& collection, const std::string& key, std::string text) {
    storage::Record r;
    r.Collection = collection;
    r.Key = key;
    r.Json = std::move(text);
    r.Revision = 1;
    r.BaseRevision = -1;  // bookkeeping of this tab alone (one tab per workspace syncs)
    return r;
}

void QueuePut(SyncBook& s, const std::string& key, const json& value) {
    s.PendingPuts.push_back(SyncRecord(kSync, key, value.dump(-1, ' ', false, json::error_handler_t::replace)));
}
void QueueDelete(SyncBook& s, const std::string& collection, const std::string& key) {
    s.PendingDeletes.push_back({collection, key, -1});
}

void SetBase(SyncBook& s, const std::string& ref, SyncBase base) {
    QueuePut(s, "base/" + ref, json{{"rev", base.Rev}, {"doc", base.Doc}});
    s.Bases[ref] = std::move(base);
}
void DropBase(SyncBook& s, const std::string& ref) {
    if (s.Bases.erase(ref)) QueueDelete(s, kSync, "base/" + ref);
}
void DropOutbox(SyncBook& s, const std::string& ref) {
    if (s.Outbox.erase(ref)) QueueDelete(s, kOutbox, ref);
}

json ConfigJson(const SyncConfig& c) {
    json j = {{"server", c.Server}, {"database", c.Database}, {"user", c.User}, {"device", c.Device}, {"deviceId", c.DeviceId}};
    if (!c.Class.empty()) {
        j["class"] = c.Class;
        j["unit"] = c.Unit;
    }
    return j;
}

// In a class: the statements for what the progress holds beyond the mark, into the outbox (and the
// mark moved), as records for the transaction being written.
void StateProgress(Document& doc, std::vector<storage::Record>& into) {
    SyncBook& s = *doc.Sync;
    if (!s.Enabled || s.Config.Class.empty()) return;
    profila::course::StatementWriter writer{s.Config.User, doc.Progress.Trainee, s.Config.Device, s.Config.Unit};
    json before = profila::course::StatementMarkToJson(s.Stated);
    std::vector<json> made = profila::course::NewStatements(doc.Progress, s.Stated, writer, [&doc]() { return NewId(doc); },
                                                            static_cast<int64_t>(std::time(nullptr)));
    for (json& st : made) {
        std::string id = st.value("_id", "");
        into.push_back(SyncRecord(kOutbox, kStatementPrefix + id, st.dump(-1, ' ', false, json::error_handler_t::replace)));
        s.Statements[id] = std::move(st);
    }
    json after = profila::course::StatementMarkToJson(s.Stated);
    if (after != before) into.push_back(SyncRecord(kSync, "stated", after.dump()));  // the mark, in the same transaction
}
void DropStatement(SyncBook& s, const std::string& id) {
    if (s.Statements.erase(id)) QueueDelete(s, kOutbox, kStatementPrefix + id);
}
}  // namespace sync_internal

namespace {
// ---- [SECTION] Sign-in and connect -----------------------------------------------------------------
void SignIn(AppState& state, const std::string& password, bool first) {
    SyncBook& s = *state.Doc.Sync;
    s.Phase = SyncPhase::SigningIn;
    s.Message.clear();
    AppState* st = &state;
    int gen = ++s.Generation;
    std::string ws = state.Doc.Data.Id;
    json body = {{"name", s.Config.User}, {"password", password}};
    http::Request("POST", s.Config.Server + "/_session", body.dump(), [st, gen, ws, first](http::Response r) {
        SyncBook& s = *st->Doc.Sync;
        if (s.Generation != gen || st->Doc.Data.Id != ws) return;
        if (r.Status != 200) {
            Problem(s, r.Status, r.Body, "sign in");
            if (r.Status == 401) s.Message = "sign-in refused";
            if (first && s.Phase != SyncPhase::AuthProblem && s.Phase != SyncPhase::Offline) s.Phase = SyncPhase::AuthProblem;
            return;
        }
        http::Request("GET", DbPath(s), "", [st, gen, ws, first](http::Response r2) {
            Document& doc = st->Doc;
            SyncBook& s = *doc.Sync;
            if (s.Generation != gen || doc.Data.Id != ws) return;
            if (r2.Status != 200) {
                Problem(s, r2.Status, r2.Body, "open database");
                // Just signed in, so a 401 here (CouchDB's answer to a user who is not a member) is
                // a matter of access, as 403 and 404 are: not of the password.
                if (r2.Status == 401 || r2.Status == 403 || r2.Status == 404) {
                    s.Phase = SyncPhase::NoAccess;
                    s.Message = r2.Status == 404 ? "no such database" : "";
                }
                return;
            }
            json info = json::parse(r2.Body, nullptr, false);
            if (!info.is_discarded()) s.PullPending = info.value("doc_count", 0);
            s.Phase = SyncPhase::Ready;
            s.KeptAside.clear();
            if (first) {
                s.Enabled = true;
                QueuePut(s, "config", ConfigJson(s.Config));
                // Everything here goes up once (what the server already has merges by revision).
                if (Shares(s, Collection::Customers))
                    for (const profila::Customer& c : doc.Data.Customers)
                        if (!s.Bases.count("customers/" + c.Id)) s.Outbox["customers/" + c.Id] = c.Revision;
                for (const profila::Persona& p : doc.Personas)
                    if (!s.Bases.count("personas/" + p.Id)) s.Outbox["personas/" + p.Id] = p.Revision;
                // The business's settings too once they were set here (a fresh device's defaults stay
                // home: they would only be merged away against the defaults).
                std::string settings = std::string("settings/") + kSettingsKey;
                if (Shares(s, Collection::Settings) && doc.SettingsRevision > 0 && !s.Bases.count(settings))
                    s.Outbox[settings] = doc.SettingsRevision;
                for (const auto& [ref, rev] : s.Outbox) s.PendingPuts.push_back(SyncRecord(kOutbox, ref, "{}"));
                // A class: the course done so far goes up as statements, in the same transaction.
                StateProgress(doc, s.PendingPuts);
                FlushStore(*st);
            }
            s.NextPullAt = s.NextPushAt = AppClock();
        });
    });
}

void ReleaseSyncLock(SyncBook& s) {
    if (s.LockAsked) tab_lock::Release(s.LockName);
    s.LockAsked = s.LockHeld = false;
}
}  // namespace

void ConnectSync(AppState& state, SyncConfig config, const std::string& password) {
    SyncBook& s = *state.Doc.Sync;
    while (!config.Server.empty() && config.Server.back() == '/') config.Server.pop_back();
    s.Config = std::move(config);
    s.Config.DeviceId = NewId(state.Doc);
    s.Since = "0";
    s.CaughtUp = s.FirstPullDone = false;
    s.PulledTotal = 0;
    SignIn(state, password, true);
}

void SignInAgain(AppState& state, const std::string& password) {
    if (state.Doc.Sync->Enabled) SignIn(state, password, false);
}

void DisconnectSync(AppState& state) {
    Document& doc = state.Doc;
    SyncBook& s = *doc.Sync;
    int gen = s.Generation + 1;
    std::string server = s.Config.Server;
    // The bookkeeping goes in one transaction with the next save; the data stays.
    std::vector<storage::RecordRef> gone;
    gone.push_back({kSync, "config", -1});
    gone.push_back({kSync, "checkpoint", -1});
    for (const auto& [ref, base] : s.Bases) gone.push_back({kSync, "base/" + ref, -1});
    for (const auto& [ref, rev] : s.Outbox) gone.push_back({kOutbox, ref, -1});
    for (const auto& [id, st] : s.Statements) gone.push_back({kOutbox, kStatementPrefix + id, -1});
    gone.push_back({kSync, "stated", -1});
    ReleaseSyncLock(s);
    s = SyncBook{};
    s.Generation = gen;
    s.PendingDeletes = std::move(gone);
    if (!server.empty()) http::Request("DELETE", server + "/_session", "", [](http::Response) {});  // ends the session cookie
    FlushStore(state);
}

void SyncNow(AppState& state) {
    SyncBook& s = *state.Doc.Sync;
    s.NextPullAt = s.NextPushAt = 0.0;
    s.KeptAside.clear();
    if (s.Phase == SyncPhase::Offline) s.Phase = SyncPhase::Ready;
}

void ResolveSyncConflict(AppState& state, size_t index, const std::vector<merge::FieldChoice>& choices) {
    Document& doc = state.Doc;
    SyncBook& s = *doc.Sync;
    if (index >= s.Conflicts.size()) return;
    SyncConflict c = std::move(s.Conflicts[index]);
    s.Conflicts.erase(s.Conflicts.begin() + static_cast<long>(index));
    std::optional<Ref> r = RefFromName(c.Ref);
    if (!r) return;
    // Merged again against what is here now (the card may have been edited while it waited).
    auto base = s.Bases.find(c.Ref);
    const json* b = base != s.Bases.end() && !base->second.Doc.is_null() ? &base->second.Doc : nullptr;
    std::optional<json> mine = LocalBody(doc, *r);
    const json* theirs = c.Theirs.Doc.is_null() ? nullptr : &c.Theirs.Doc;
    merge::MergeResult m = merge::MergeDocuments(b, mine ? &*mine : nullptr, theirs);
    json chosen = merge::ApplyChoices(m, choices);
    std::string why;
    if (!chosen.is_null() && ApplyLocal(doc, *r, &chosen, why)) {
        doc.Sync->FromServer.erase(c.Ref);  // a local change: it goes up
        s.Outbox[c.Ref] = LocalRevision(doc, *r);
    }
    if (theirs) SetBase(s, c.Ref, c.Theirs);
    else DropBase(s, c.Ref);
    FlushStore(state);
}

// ---- [SECTION] Store hooks -----------------------------------------------------------------------------
namespace {
// The sync book stored in records (config, checkpoint, bases, outbox), with no live state.
SyncBook ReadSyncRecords(const std::vector<storage::Record>& records) {
    SyncBook s;
    for (const storage::Record& r : records) {
        if (r.Collection == kOutbox && IsStatementKey(r.Key)) {
            json st = json::parse(r.Bytes(), nullptr, false);
            if (st.is_object()) s.Statements[r.Key.substr(std::string(kStatementPrefix).size())] = std::move(st);
            continue;
        }
        if (r.Collection == kOutbox) {
            s.Outbox[r.Key] = r.Revision;
            if (r.Bytes().find("\"purge\"") != std::string_view::npos) s.PurgeAfterDelete.insert(r.Key);
            continue;
        }
        if (r.Collection != kSync) continue;
        json j = json::parse(r.Bytes(), nullptr, false);
        if (j.is_discarded()) continue;
        if (r.Key == "config") {
            s.Enabled = true;
            s.Config.Server = j.value("server", "/couchdb");
            s.Config.Database = j.value("database", "");
            s.Config.User = j.value("user", "");
            s.Config.Device = j.value("device", "");
            s.Config.Class = j.value("class", "");
            s.Config.Unit = j.value("unit", "");
            s.Config.DeviceId = j.value("deviceId", "");
        } else if (r.Key == "stated") {
            s.Stated = profila::course::StatementMarkFromJson(j);
        } else if (r.Key == "checkpoint") {
            s.Since = j.contains("since") ? j["since"] : json("0");
            s.FirstPullDone = true;
        } else if (r.Key.rfind("base/", 0) == 0) {
            s.Bases[r.Key.substr(5)] = {j.value("rev", ""), j.contains("doc") ? j["doc"] : json()};
        }
    }
    // A stored config: the session cookie may still be valid; the first request tells.
    if (s.Enabled) s.Phase = SyncPhase::Ready;
    return s;
}

// What this tab queued while its sync records were being read: saves made meanwhile may not be in
// what the read returns (its transaction can start before their write), so they are kept on top of it.
void KeepQueuedWhileReading(const std::map<std::string, int64_t>& outbox_before, const std::set<std::string>& statements_before,
                            const SyncBook& now, SyncBook& fresh) {
    for (const auto& [ref, revision] : now.Outbox) {
        auto before = outbox_before.find(ref);
        if (before != outbox_before.end() && before->second >= revision) continue;  // queued before the read: stored
        int64_t& kept = fresh.Outbox[ref];
        kept = std::max(kept, revision);
        if (now.PurgeAfterDelete.count(ref)) fresh.PurgeAfterDelete.insert(ref);
    }
    for (const auto& [id, statement] : now.Statements)
        if (!statements_before.count(id)) fresh.Statements.emplace(id, statement);
}

// Reads the sync records again (another tab wrote them): keeps this tab's lock.
void ReloadSyncRecords(AppState& state) {
    SyncBook& s = *state.Doc.Sync;
    if (s.Reloading) return;
    s.Reloading = true;
    AppState* st = &state;
    std::string ws = state.Doc.Data.Id;
    std::set<std::string> statements;
    for (const auto& one : s.Statements) statements.insert(one.first);
    storage::LoadWorkspace(ws, [st, ws, outbox = s.Outbox, statements = std::move(statements)](storage::LoadResult r) {
        Document& doc = st->Doc;
        SyncBook& old = *doc.Sync;
        if (doc.Data.Id != ws) return;
        old.Reloading = false;
        if (r.Failed) return;  // tried again at the next remote change or grant
        SyncBook fresh = ReadSyncRecords(r.Records);
        fresh.Generation = old.Generation + 1;
        if (!fresh.Enabled) {
            ReleaseSyncLock(old);
        } else {
            fresh.LockAsked = old.LockAsked;
            fresh.LockHeld = old.LockHeld;
            fresh.LockName = old.LockName;
            if (old.Enabled && old.Phase != SyncPhase::Off) fresh.Phase = old.Phase;
            fresh.Conflicts = std::move(old.Conflicts);
            fresh.KeptAside = std::move(old.KeptAside);
            fresh.PendingPuts = std::move(old.PendingPuts);
            fresh.PendingDeletes = std::move(old.PendingDeletes);
            KeepQueuedWhileReading(outbox, statements, old, fresh);
        }
        *doc.Sync = std::move(fresh);
    });
}

// Asks for this workspace's sync lock; syncing starts when it is granted.
void AskSyncLock(AppState& state) {
    SyncBook& s = *state.Doc.Sync;
    s.LockAsked = true;
    s.LockName = "profila-sync-" + state.Doc.Data.Id;
    AppState* st = &state;
    std::string name = s.LockName;
    tab_lock::Request(name, [st, name]() {
        SyncBook& s = *st->Doc.Sync;
        if (!s.LockAsked || s.LockName != name) return;
        s.LockHeld = true;
        s.NextPullAt = s.NextPushAt = 0.0;
        if (s.RecordsStale) {
            s.RecordsStale = false;
            ReloadSyncRecords(*st);
        }
    });
}
}  // namespace

void TakeSyncRecords(Document& doc, const std::vector<storage::Record>& records) {
    SyncBook s = ReadSyncRecords(records);
    s.Generation = doc.Sync->Generation + 1;
    if (s.Enabled && s.Config.DeviceId.empty()) {  // joined before documents carried it
        s.Config.DeviceId = NewId(doc);
        QueuePut(s, "config", ConfigJson(s.Config));
    }
    ReleaseSyncLock(*doc.Sync);  // asked for again (by the next frame) when this workspace syncs
    *doc.Sync = std::move(s);
}

void NoteRemoteSyncChange(AppState& state, const storage::RemoteChange& change) {
    SyncBook& s = *state.Doc.Sync;
    bool config = false;
    for (const storage::RecordRef& p : change.Puts) {
        if (p.Collection == kOutbox && IsStatementKey(p.Key)) config = true;  // its body is in the record: read again
        else if (p.Collection == kOutbox) s.Outbox[p.Key] = std::max(s.Outbox[p.Key], p.BaseRevision);
        else if (p.Collection == kSync) (p.Key == "config" ? config : s.RecordsStale) = true;
    }
    for (const storage::RecordRef& d : change.Deletes) {
        if (d.Collection == kOutbox && IsStatementKey(d.Key)) s.Statements.erase(d.Key.substr(std::string(kStatementPrefix).size()));
        else if (d.Collection == kOutbox) s.Outbox.erase(d.Key);
        else if (d.Collection == kSync) (d.Key == "config" ? config : s.RecordsStale) = true;
    }
    if (config) ReloadSyncRecords(state);
}

SyncAppended AddSyncRecords(Document& doc, const std::vector<std::pair<storage::RecordRef, int64_t>>& written,
                            std::vector<storage::Record>& puts, std::vector<storage::RecordRef>& deletes) {
    SyncBook& s = *doc.Sync;
    SyncAppended out;
    if (s.Enabled) {
        auto note = [&](const std::string& collection, const std::string& key, int64_t revision) -> bool {
            std::optional<Collection> c = CollectionFromName(collection);
            if (!c || !Shares(s, *c)) return false;
            std::string ref = collection + "/" + key;
            if (s.FromServer.erase(ref)) return false;  // applied from the server: nothing to send back
            s.Outbox[ref] = revision;
            out.Puts.push_back(SyncRecord(kOutbox, ref, "{}"));
            out.Puts.back().Revision = revision;
            return true;
        };
        bool progress = false;
        for (const auto& [ref, revision] : written) {
            note(ref.Collection, ref.Key, revision);
            progress = progress || ref.Collection == CollectionName(Collection::Progress);
        }
        // Statements in the same transaction as the progress, by the tab that syncs only: the mark is
        // its own (another tab's progress is stated by it once read back, in SyncFrame).
        if (progress && s.LockHeld) StateProgress(doc, out.Puts);
        for (size_t i = 0, m = deletes.size(); i < m; ++i) {
            if (note(deletes[i].Collection, deletes[i].Key, 0) && deletes[i].Purge) {  // forgotten: purged on the server once deleted there
                s.PurgeAfterDelete.insert(deletes[i].Collection + "/" + deletes[i].Key);
                out.Puts.back().Json = R"({"purge":true})";
            }
        }
    }
    s.FromServer.clear();
    for (storage::Record& r : s.PendingPuts) out.Puts.push_back(std::move(r));
    for (storage::RecordRef& d : s.PendingDeletes) out.Deletes.push_back(std::move(d));
    s.PendingPuts.clear();
    s.PendingDeletes.clear();
    for (const storage::Record& r : out.Puts) puts.push_back(r);
    for (const storage::RecordRef& d : out.Deletes) deletes.push_back(d);
    return out;
}

void RequeueSyncRecords(Document& doc, SyncAppended appended) {
    SyncBook& s = *doc.Sync;
    for (storage::Record& r : appended.Puts)
        if (r.Collection == kSync || IsStatementKey(r.Key)) s.PendingPuts.push_back(std::move(r));  // statements stay made: their mark moved  // outbox entries are made again with their items
    for (storage::RecordRef& d : appended.Deletes) s.PendingDeletes.push_back(std::move(d));
}

bool SyncRecordsWaiting(const Document& doc) { return !doc.Sync->PendingPuts.empty() || !doc.Sync->PendingDeletes.empty(); }

// ---- [SECTION] Frame, status -----------------------------------------------------------------------------
void SyncFrame(AppState& state) {
    Document& doc = state.Doc;
    SyncBook& s = *doc.Sync;
    if (!s.Enabled || !doc.Loaded) {
        if (s.LockAsked) ReleaseSyncLock(s);
        return;
    }
    if (!s.LockAsked) AskSyncLock(state);
    if (!s.LockHeld || s.Reloading) return;  // another tab of this browser syncs this workspace
    // In a class: progress another tab stored (or this tab before it held the lock) is stated here.
    if (!s.Config.Class.empty() && doc.Save != SaveState::Saving && profila::course::HasUnstated(doc.Progress, s.Stated)) {
        StateProgress(doc, s.PendingPuts);
        FlushStore(state);
    }
    if (s.Phase != SyncPhase::Ready && s.Phase != SyncPhase::Offline) return;
    double now = AppClock();
    if (!s.PullInFlight && now >= s.NextPullAt) Pull(state);
    // Push what is stored: an outbox entry is written with its save, so a push never runs ahead of it.
    if (!s.PushInFlight && now >= s.NextPushAt && (!s.Outbox.empty() || !s.Statements.empty()) && s.FirstPullDone) {
        s.NextPushAt = now + kPushDelaySeconds;
        Push(state);
    }
}

size_t SyncChangesWaiting(const Document& doc) { return doc.Sync->Outbox.size() + doc.Sync->Statements.size(); }

std::string SyncStatusJson(const AppState& state) {
    const SyncBook& s = *state.Doc.Sync;
    static const char* kPhases[] = {"off", "signing-in", "ready", "auth-problem", "no-access", "offline"};
    json conflicts = json::array();
    for (const SyncConflict& c : s.Conflicts) {
        json fields = json::array();
        for (const merge::FieldConflict& f : c.Merge.Conflicts)
            fields.push_back({{"path", f.Path}, {"base", f.Base}, {"mine", f.Mine}, {"theirs", f.Theirs}});
        conflicts.push_back({{"ref", c.Ref}, {"title", c.Title}, {"device", c.TheirDevice}, {"time", c.TheirTime}, {"fields", fields}});
    }
    json j = {{"enabled", s.Enabled}, {"phase", kPhases[static_cast<int>(s.Phase)]}, {"message", s.Message},
              {"server", s.Config.Server}, {"database", s.Config.Database}, {"user", s.Config.User}, {"device", s.Config.Device},
              {"since", s.Since}, {"waiting", s.Outbox.size() + s.Statements.size()},
              {"class", s.Config.Class}, {"statementsWaiting", s.Statements.size()}, {"statementsSent", s.StatementsSent}, {"bases", s.Bases.size()}, {"pushed", s.Pushed}, {"pulled", s.Pulled},
              {"caughtUp", s.CaughtUp}, {"firstPullDone", s.FirstPullDone}, {"pushing", s.PushInFlight}, {"pulling", s.PullInFlight}, {"lastSync", s.LastSyncWallMs},
              {"lock", s.LockHeld ? "held" : s.LockAsked ? "waiting" : "none"},
              {"skippedForgotten", s.SkippedForgotten}, {"purged", s.Purged},
              {"keptAside", s.KeptAside}, {"conflicts", conflicts}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}
