// Optional sync with CouchDB (see sync.h).
//
// [SECTION] Documents: local items <-> CouchDB documents
// [SECTION] Sync records (the saver's part)
// [SECTION] Incoming documents: take, merge or ask
// [SECTION] Pull
// [SECTION] Push
// [SECTION] Sign-in and connect
// [SECTION] Frame, status
#include "sync/sync.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "app.h"
#include "codec/customer_json.h"
#include "codec/persona_json.h"
#include "imgui.h"
#include "platform/http.h"
#include "platform/tab_lock.h"
#include "privacy/privacy.h"
#include "store/collections.h"
#include "store/store.h"

using nlohmann::json;
namespace merge = profila::sync;

namespace {

constexpr int kBatch = 200;                 // documents per _changes page and per _bulk_docs
constexpr double kRetryOfflineSeconds = 5.0;
constexpr double kRetryErrorSeconds = 15.0;
constexpr double kPushDelaySeconds = 0.2;   // lets a burst of saves go up together
const char* kSync = "sync";
const char* kOutbox = "outbox";

double Now() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }

// ---- [SECTION] Documents: local items <-> CouchDB documents --------------------------------------
struct Ref {
    Collection C = Collection::Customers;
    std::string Key;
    std::string Name() const { return std::string(CollectionName(C)) + "/" + Key; }
};

bool Syncs(Collection c) { return c == Collection::Customers || c == Collection::Personas || c == Collection::Settings; }

const char* DocType(Collection c) {
    switch (c) {
        case Collection::Customers: return "customer";
        case Collection::Personas: return "persona";
        case Collection::Settings: return "settings";
        default: return "";
    }
}

std::optional<Ref> RefFromName(const std::string& name) {
    size_t slash = name.find('/');
    if (slash == std::string::npos) return std::nullopt;
    std::optional<Collection> c = CollectionFromName(name.substr(0, slash));
    if (!c || !Syncs(*c)) return std::nullopt;
    return Ref{*c, name.substr(slash + 1)};
}

std::optional<Ref> RefFromDocId(const std::string& id) {
    size_t colon = id.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string type = id.substr(0, colon);
    for (Collection c : {Collection::Customers, Collection::Personas, Collection::Settings})
        if (type == DocType(c)) return Ref{c, id.substr(colon + 1)};
    return std::nullopt;  // design documents and anything else this app does not keep
}

std::string DocId(const Ref& r) { return std::string(DocType(r.C)) + ":" + r.Key; }

std::string UrlPart(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == ':') out += static_cast<char>(ch);
        else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

std::string DbPath(const SyncBook& s) { return s.Config.Server + "/" + UrlPart(s.Config.Database); }

std::string IsoNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// The item as the JSON the codecs write (nullopt: not in the document).
std::optional<json> LocalBody(const Document& doc, const Ref& r) {
    switch (r.C) {
        case Collection::Customers:
            if (const profila::Customer* c = FindCustomer(doc, r.Key)) return profila::CustomerToJsonValue(*c);
            return std::nullopt;
        case Collection::Personas:
            for (const profila::Persona& p : doc.Personas)
                if (p.Id == r.Key) return profila::PersonaToJsonValue(p);
            return std::nullopt;
        case Collection::Settings: {
            json j = json::parse(WorkspaceSettingsToJson(doc.Settings), nullptr, false);
            if (j.is_discarded()) return std::nullopt;
            return j;
        }
        default: return std::nullopt;
    }
}

// A server document without what only the server or the sync adds.
json Strip(json d) {
    for (const char* k : {"_id", "_rev", "_conflicts", "_deleted", "_revisions", "_attachments", "type", "device", "edited", "revision"})
        d.erase(k);
    return d;
}

// Puts a body from the server into the document through the same commands the screens use;
// nullptr removes the item. False (and why) when the body cannot be read as such an item.
bool ApplyLocal(Document& doc, const Ref& r, const json* body, std::string& why) {
    double now = Now();
    std::string name = r.Name();
    switch (r.C) {
        case Collection::Customers: {
            if (!body) {
                if (FindCustomer(doc, r.Key)) RemoveCustomer(doc, r.Key, now);
                break;
            }
            profila::CustomerDecodeResult d = profila::CustomerFromJsonValue(*body);
            if (!d.Ok() || d.Value.Id != r.Key) {
                why = d.Ok() ? "id does not match" : d.Issues.front().Message;
                return false;
            }
            if (const profila::Customer* cur = FindCustomer(doc, r.Key)) d.Value.Revision = cur->Revision;
            CommitCustomer(doc, std::move(d.Value), now);
            break;
        }
        case Collection::Personas: {
            if (!body) {
                if (FindPersona(doc, r.Key)) RemovePersona(doc, r.Key, now);
                break;
            }
            profila::PersonaParseResult p = profila::ParsePersonaValue(*body);
            if (!p.Value || p.Value->Id != r.Key) {
                why = p.Errors.empty() ? "id does not match" : p.Errors.front().Code;
                return false;
            }
            if (profila::Persona* cur = FindPersona(doc, r.Key)) p.Value->Revision = cur->Revision;
            CommitPersona(doc, std::move(*p.Value), now);
            break;
        }
        case Collection::Settings: {
            if (!body) break;  // the settings record is never deleted
            std::optional<WorkspaceSettings> s = WorkspaceSettingsFromJson(body->dump(), why);
            if (!s) return false;
            SetWorkspaceSettings(doc, std::move(*s), now);
            break;
        }
        default: return false;
    }
    doc.Sync->FromServer.insert(name);  // dirty now, but no outbox entry: it came from the server
    return true;
}

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
    return {{"server", c.Server}, {"database", c.Database}, {"user", c.User}, {"device", c.Device}};
}

// ---- [SECTION] Incoming documents: take, merge or ask ---------------------------------------------
bool IsLocallyChanged(const Document& doc, const Ref& r) {
    return doc.Sync->Outbox.count(r.Name()) || LocallyChanged(doc, r.C, r.Key);
}

std::string TitleOf(const json* body) {
    if (!body) return "";
    if (body->contains("name") && (*body)["name"].is_string()) return (*body)["name"].get<std::string>();
    if (body->contains("company") && (*body)["company"].is_string()) return (*body)["company"].get<std::string>();
    return "";
}

// True when a server copy of a customer is someone forgotten on this device (core/privacy).
bool IsForgottenDoc(const Document& doc, const json& body) {
    if (doc.Settings.Forgotten.Hashes.empty()) return false;
    profila::CustomerDecodeResult d = profila::CustomerFromJsonValue(body);
    return d.Ok() && profila::IsForgotten(doc.Settings.Forgotten, d.Value);
}

// One document from the server (a pulled change, or the copy a push conflicted with). theirs is
// nullptr when the server's document is deleted.
void Incoming(AppState& state, const Ref& r, const std::string& rev, const json* server_doc) {
    Document& doc = state.Doc;
    SyncBook& s = *doc.Sync;
    std::string ref = r.Name();
    auto base_it = s.Bases.find(ref);
    if (base_it != s.Bases.end() && base_it->second.Rev == rev) return;  // seen already (our own push, a replay)
    std::optional<json> theirs;
    if (server_doc) theirs = Strip(*server_doc);
    const json* base = base_it != s.Bases.end() && !base_it->second.Doc.is_null() ? &base_it->second.Doc : nullptr;
    std::string why;
    if (r.C == Collection::Customers && theirs && IsForgottenDoc(doc, *theirs)) {
        // A person forgotten here stays forgotten: the server's copy is not taken in (not even as a
        // base: only its revision is kept) and a delete goes back up against it.
        if (FindCustomer(doc, r.Key)) ApplyLocal(doc, r, nullptr, why);
        SetBase(s, ref, {rev, json()});
        s.Outbox[ref] = 0;
        s.PendingPuts.push_back(SyncRecord(kOutbox, ref, R"({"purge":true})"));
        s.PendingPuts.back().Revision = 0;
        s.PurgeAfterDelete.insert(ref);
        ++s.SkippedForgotten;
        s.Message = "forgotten here, found on the server: " + std::to_string(s.SkippedForgotten) + " (not taken in; deleted there)";
        return;
    }
    if (!IsLocallyChanged(doc, r)) {
        if (!ApplyLocal(doc, r, theirs ? &*theirs : nullptr, why)) {
            s.Message = ref + ": " + why;
            return;
        }
        if (theirs) SetBase(s, ref, {rev, *theirs});
        else DropBase(s, ref);
        ++s.Pulled;
        return;
    }
    std::optional<json> mine = LocalBody(doc, r);
    merge::MergeResult m = merge::MergeDocuments(base, mine ? &*mine : nullptr, theirs ? &*theirs : nullptr);
    // A conflict already waiting for this document is replaced by the newer one.
    s.Conflicts.erase(std::remove_if(s.Conflicts.begin(), s.Conflicts.end(), [&](const SyncConflict& c) { return c.Ref == ref; }),
                      s.Conflicts.end());
    if (!m.Conflicts.empty()) {
        SyncConflict c;
        c.Ref = ref;
        c.Title = TitleOf(mine ? &*mine : nullptr);
        c.Merge = std::move(m);
        c.Theirs = {rev, theirs ? *theirs : json()};
        if (server_doc) {
            c.TheirDevice = server_doc->value("device", "");
            c.TheirTime = server_doc->value("edited", "");
        }
        s.Conflicts.push_back(std::move(c));
        return;
    }
    for (const merge::MergeNote& n : m.Notes)
        if (n.Code == "edit_kept_over_delete") s.Message = ref + (theirs ? ": deleted here, edited on another device: kept" : ": deleted on another device, edited here: kept");
    if (m.Deleted) {
        ApplyLocal(doc, r, nullptr, why);
        DropBase(s, ref);
        DropOutbox(s, ref);
        return;
    }
    // The merge is a local change (it goes up with the server's _rev as its base), unless it is
    // exactly the server's copy.
    bool is_theirs = theirs && m.Merged == *theirs;
    if (!ApplyLocal(doc, r, &m.Merged, why)) {
        s.Message = ref + ": " + why;
        return;
    }
    if (is_theirs) DropOutbox(s, ref);
    else doc.Sync->FromServer.erase(ref);
    if (theirs) SetBase(s, ref, {rev, *theirs});
    else DropBase(s, ref);  // deleted there, kept here: sent again as new
}

// ---- [SECTION] Pull ----------------------------------------------------------------------------------
void Problem(SyncBook& s, int status, const std::string& body, const std::string& what) {
    if (status == 0) {
        s.Phase = SyncPhase::Offline;
        s.Message = "";
    } else if (status == 401) {
        s.Phase = SyncPhase::AuthProblem;
        s.Message = "";
    } else if (status == 403) {
        s.Phase = SyncPhase::NoAccess;
        s.Message = "";
    } else {
        json j = json::parse(body, nullptr, false);
        std::string reason = !j.is_discarded() && j.is_object() ? j.value("reason", j.value("error", "")) : "";
        s.Message = what + ": HTTP " + std::to_string(status) + (reason.empty() ? "" : " (" + reason + ")");
    }
}

std::string SinceParam(const json& since) {
    return UrlPart(since.is_string() ? since.get<std::string>() : since.dump());
}

void ResolveServerConflicts(AppState& state, const Ref& r, const json& winner, json prior);

void Pull(AppState& state) {
    SyncBook& s = *state.Doc.Sync;
    s.PullInFlight = true;
    std::string path = DbPath(s) + "/_changes?include_docs=true&conflicts=true&style=all_docs&limit=" + std::to_string(kBatch) +
                       "&since=" + SinceParam(s.Since);
    if (s.CaughtUp) path += "&feed=longpoll&timeout=25000";
    AppState* st = &state;
    int gen = s.Generation;
    std::string ws = state.Doc.Data.Id;
    http::Request("GET", path, "", [st, gen, ws](http::Response r) {
        Document& doc = st->Doc;
        SyncBook& s = *doc.Sync;
        if (s.Generation != gen || doc.Data.Id != ws) return;
        s.PullInFlight = false;
        double now = Now();
        if (r.Status != 200) {
            Problem(s, r.Status, r.Body, "pull");
            s.NextPullAt = now + (r.Status == 0 ? kRetryOfflineSeconds : kRetryErrorSeconds);
            return;
        }
        json j = json::parse(r.Body, nullptr, false);
        if (j.is_discarded() || !j.contains("results") || !j["results"].is_array()) {
            s.Message = "pull: the server's answer is not a list of changes";
            s.NextPullAt = now + kRetryErrorSeconds;
            return;
        }
        if (!doc.Loaded || doc.Store.RestoreInFlight || doc.Store.Reloading) {
            s.NextPullAt = now + 0.5;  // asked again once the store is ready (nothing taken from this answer)
            return;
        }
        if (s.Phase == SyncPhase::Offline) s.Phase = SyncPhase::Ready;
        const json& results = j["results"];
        for (const json& change : results) {
            std::optional<Ref> ref = RefFromDocId(change.value("id", ""));
            if (!ref) continue;
            bool deleted = change.value("deleted", false);
            const json* body = change.contains("doc") && change["doc"].is_object() ? &change["doc"] : nullptr;
            std::string rev = body ? body->value("_rev", "") : "";
            if (rev.empty() && change.contains("changes") && !change["changes"].empty()) rev = change["changes"][0].value("rev", "");
            auto known = s.Bases.find(ref->Name());
            json prior = known != s.Bases.end() ? known->second.Doc : json();  // the last copy seen: the merge's base
            Incoming(*st, *ref, rev, deleted ? nullptr : body);
            // Revisions other replicas wrote side by side: merged into one, the others deleted.
            if (!deleted && body && body->contains("_conflicts") && (*body)["_conflicts"].is_array() && !(*body)["_conflicts"].empty())
                ResolveServerConflicts(*st, *ref, *body, std::move(prior));
        }
        s.PulledTotal += static_cast<int>(results.size());
        // Kept exactly as received (never parsed or ordered); written only when it moved.
        bool moved = j.contains("last_seq") && j["last_seq"] != s.Since;
        if (moved) {
            s.Since = j["last_seq"];
            QueuePut(s, "checkpoint", json{{"since", s.Since}});
        }
        bool more = static_cast<int>(results.size()) >= kBatch || j.value("pending", 0) > 0;
        if (!more) {
            s.CaughtUp = true;
            s.FirstPullDone = true;
        }
        s.LastSyncWallMs = WallClockMs();
        s.NextPullAt = now;  // the next page at once; once caught up, a longpoll that waits on the server
        if (moved || !results.empty()) FlushStore(*st);  // the batch, its bases and checkpoint: one transaction
    });
}

// A document with conflicting revisions on the server (written by replicas that did not see each
// other): the losing revisions are read, merged into the winner field by field against the last
// copy this device saw (where both changed a field, the winner's value stays, as CouchDB's own
// choice), and one _bulk_docs stores the merge
// on the winner and deletes the losers. The merged revision then arrives through the changes feed.
void ResolveServerConflicts(AppState& state, const Ref& r, const json& winner, json prior) {
    SyncBook& s = *state.Doc.Sync;
    AppState* st = &state;
    int gen = s.Generation;
    std::string ws = state.Doc.Data.Id;
    json revs = winner["_conflicts"];
    std::string path = DbPath(s) + "/" + UrlPart(DocId(r)) + "?open_revs=" + UrlPart(revs.dump());
    http::Request("GET", path, "", [st, gen, ws, r, winner, prior = std::move(prior)](http::Response resp) {
        Document& doc = st->Doc;
        SyncBook& s = *doc.Sync;
        if (s.Generation != gen || doc.Data.Id != ws || resp.Status != 200) return;
        json answer = json::parse(resp.Body, nullptr, false);
        if (answer.is_discarded() || !answer.is_array()) return;
        const json* base = prior.is_null() ? nullptr : &prior;
        json merged = Strip(winner);
        json docs = json::array();
        for (const json& one : answer) {
            if (!one.contains("ok") || !one["ok"].is_object()) continue;
            const json& loser = one["ok"];
            if (loser.value("_deleted", false)) continue;
            json theirs = Strip(loser);
            merged = merge::MergeDocuments(base, &merged, &theirs).Merged;
            docs.push_back({{"_id", DocId(r)}, {"_rev", loser.value("_rev", "")}, {"_deleted", true}});
        }
        if (docs.empty()) return;
        json top = merged;
        top["_id"] = DocId(r);
        top["_rev"] = winner.value("_rev", "");
        top["type"] = DocType(r.C);
        top["device"] = s.Config.Device;
        top["edited"] = IsoNow();
        docs.insert(docs.begin(), std::move(top));
        http::Request("POST", DbPath(s) + "/_bulk_docs", json{{"docs", docs}}.dump(-1, ' ', false, json::error_handler_t::replace),
                      [st, gen](http::Response) {
            SyncBook& s = *st->Doc.Sync;
            if (s.Generation != gen) return;
            s.NextPullAt = 0.0;  // the merged revision comes back through the feed
        });
    });
}

// ---- [SECTION] Push ----------------------------------------------------------------------------------
struct Sent {
    std::string Ref;
    int64_t Revision = 0;   // the local revision sent
    json Body;              // null: a delete
};

int64_t LocalRevision(const Document& doc, const Ref& r) {
    switch (r.C) {
        case Collection::Customers:
            if (const profila::Customer* c = FindCustomer(doc, r.Key)) return c->Revision;
            return -1;
        case Collection::Personas:
            for (const profila::Persona& p : doc.Personas)
                if (p.Id == r.Key) return p.Revision;
            return -1;
        case Collection::Settings: return doc.SettingsRevision;
        default: return -1;
    }
}

bool Held(const SyncBook& s, const std::string& ref) {
    return std::any_of(s.Conflicts.begin(), s.Conflicts.end(), [&](const SyncConflict& c) { return c.Ref == ref; }) ||
           std::find(s.KeptAside.begin(), s.KeptAside.end(), ref) != s.KeptAside.end();
}

void FetchAndMerge(AppState& state, const Ref& r);

// A forgotten customer's delete was taken: ask the server to purge the document's history too
// (_purge needs the database's admin role on CouchDB 3; a refusal leaves the deleted stub, as said
// in web/deploy/README.md).
void PurgeDeleted(AppState& state, const Ref& r, const std::string& rev) {
    SyncBook& s = *state.Doc.Sync;
    if (rev.empty()) return;
    AppState* st = &state;
    int gen = s.Generation;
    http::Request("POST", DbPath(s) + "/_purge", json{{DocId(r), json::array({rev})}}.dump(), [st, gen](http::Response answer) {
        SyncBook& s = *st->Doc.Sync;
        if (s.Generation != gen) return;
        if (answer.Status == 200 || answer.Status == 201 || answer.Status == 202) ++s.Purged;
    });
}

void Push(AppState& state) {
    Document& doc = state.Doc;
    SyncBook& s = *doc.Sync;
    json docs = json::array();
    std::vector<Sent> sent;
    std::vector<std::string> never_stored;
    for (const auto& [ref, rev] : s.Outbox) {
        if (static_cast<int>(sent.size()) >= kBatch) break;
        if (Held(s, ref)) continue;
        std::optional<Ref> r = RefFromName(ref);
        if (!r) continue;
        if (rev > 0 && rev > LocalRevision(doc, *r)) continue;  // another tab's save, not read back here yet (0: a delete)
        auto base = s.Bases.find(ref);
        std::optional<json> body = LocalBody(doc, *r);
        json d;
        if (body) {
            d = *body;
            d["_id"] = DocId(*r);
            d["type"] = DocType(r->C);
            d["device"] = s.Config.Device;
            d["edited"] = IsoNow();
            d.erase("revision");
        } else if (base != s.Bases.end()) {
            d = {{"_id", DocId(*r)}, {"_deleted", true}};
        } else {
            never_stored.push_back(ref);  // made and deleted here before it ever went up
            continue;
        }
        if (base != s.Bases.end()) d["_rev"] = base->second.Rev;
        json kept = body ? *body : json();
        if (body) kept.erase("revision");
        sent.push_back({ref, LocalRevision(doc, *r), std::move(kept)});
        docs.push_back(std::move(d));
    }
    for (const std::string& ref : never_stored) DropOutbox(s, ref);
    if (sent.empty()) {
        if (!never_stored.empty()) FlushStore(state);
        return;
    }
    s.PushInFlight = true;
    AppState* st = &state;
    int gen = s.Generation;
    std::string ws = doc.Data.Id;
    http::Request("POST", DbPath(s) + "/_bulk_docs", json{{"docs", docs}}.dump(-1, ' ', false, json::error_handler_t::replace),
                  [st, gen, ws, sent = std::move(sent)](http::Response r) {
        Document& doc = st->Doc;
        SyncBook& s = *doc.Sync;
        if (s.Generation != gen || doc.Data.Id != ws) return;
        s.PushInFlight = false;
        double now = Now();
        if (r.Status != 201 && r.Status != 200 && r.Status != 202) {
            Problem(s, r.Status, r.Body, "push");
            s.NextPushAt = now + (r.Status == 0 ? kRetryOfflineSeconds : kRetryErrorSeconds);
            return;
        }
        json rows = json::parse(r.Body, nullptr, false);
        if (rows.is_discarded() || !rows.is_array()) {
            s.Message = "push: the server's answer is not a list of results";
            s.NextPushAt = now + kRetryErrorSeconds;
            return;
        }
        for (size_t i = 0; i < rows.size() && i < sent.size(); ++i) {
            const json& row = rows[i];
            const Sent& one = sent[i];
            std::optional<Ref> ref = RefFromName(one.Ref);
            if (!ref) continue;
            if (row.value("ok", false) || (row.contains("rev") && !row.contains("error"))) {
                if (one.Body.is_null() && s.PurgeAfterDelete.erase(one.Ref)) PurgeDeleted(*st, *ref, row.value("rev", ""));
                if (one.Body.is_null()) DropBase(s, one.Ref);
                else SetBase(s, one.Ref, {row.value("rev", ""), one.Body});
                // Edited again since it was sent: the outbox keeps it, for the next push.
                if (LocalRevision(doc, *ref) == one.Revision) DropOutbox(s, one.Ref);
                ++s.Pushed;
                continue;
            }
            std::string error = row.value("error", "");
            if (error == "conflict") {
                FetchAndMerge(*st, *ref);
            } else if (error == "unauthorized") {
                // Not signed in any more (the session ended, or the server restarted with a new
                // secret): the change stays in the outbox and the person is asked to sign in again.
                s.Phase = SyncPhase::AuthProblem;
            } else {
                // forbidden, unauthorized and the rest: kept aside and said, never retried in a loop.
                s.KeptAside.push_back(one.Ref);
                s.Message = one.Ref + ": " + error + (row.contains("reason") ? " (" + row.value("reason", "") + ")" : "");
            }
        }
        s.LastSyncWallMs = WallClockMs();
        if (s.Phase == SyncPhase::Offline) s.Phase = SyncPhase::Ready;
        s.NextPushAt = now;
        FlushStore(*st);
    });
}

// The server has a newer revision than our base: read it and merge as a pulled change would.
void FetchAndMerge(AppState& state, const Ref& r) {
    SyncBook& s = *state.Doc.Sync;
    AppState* st = &state;
    int gen = s.Generation;
    std::string ws = state.Doc.Data.Id;
    s.PushInFlight = true;  // no push of this document before its merge
    http::Request("GET", DbPath(s) + "/" + UrlPart(DocId(r)) + "?conflicts=true", "", [st, gen, ws, r](http::Response resp) {
        Document& doc = st->Doc;
        SyncBook& s = *doc.Sync;
        if (s.Generation != gen || doc.Data.Id != ws) return;
        s.PushInFlight = false;
        if (resp.Status == 404) {  // deleted on the server: the merge keeps our edit and sends it as new
            DropBase(s, r.Name());
            FlushStore(*st);
            return;
        }
        json d = json::parse(resp.Body, nullptr, false);
        if (resp.Status != 200 || d.is_discarded()) {
            Problem(s, resp.Status, resp.Body, "read " + r.Name());
            s.NextPushAt = Now() + kRetryErrorSeconds;
            return;
        }
        Incoming(*st, r, d.value("_rev", ""), &d);
        FlushStore(*st);
    });
}

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
                for (const profila::Customer& c : doc.Data.Customers)
                    if (!s.Bases.count("customers/" + c.Id)) s.Outbox["customers/" + c.Id] = c.Revision;
                for (const profila::Persona& p : doc.Personas)
                    if (!s.Bases.count("personas/" + p.Id)) s.Outbox["personas/" + p.Id] = p.Revision;
                for (const auto& [ref, rev] : s.Outbox) s.PendingPuts.push_back(SyncRecord(kOutbox, ref, "{}"));
                FlushStore(*st);
            }
            s.NextPullAt = s.NextPushAt = Now();
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

// Reads the sync records again (another tab wrote them): keeps this tab's lock.
void ReloadSyncRecords(AppState& state) {
    SyncBook& s = *state.Doc.Sync;
    if (s.Reloading) return;
    s.Reloading = true;
    AppState* st = &state;
    std::string ws = state.Doc.Data.Id;
    storage::LoadWorkspace(ws, [st, ws](storage::LoadResult r) {
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
    ReleaseSyncLock(*doc.Sync);  // asked for again (by the next frame) when this workspace syncs
    *doc.Sync = std::move(s);
}

void NoteRemoteSyncChange(AppState& state, const storage::RemoteChange& change) {
    SyncBook& s = *state.Doc.Sync;
    bool config = false;
    for (const storage::RecordRef& p : change.Puts) {
        if (p.Collection == kOutbox) s.Outbox[p.Key] = std::max(s.Outbox[p.Key], p.BaseRevision);
        else if (p.Collection == kSync) (p.Key == "config" ? config : s.RecordsStale) = true;
    }
    for (const storage::RecordRef& d : change.Deletes) {
        if (d.Collection == kOutbox) s.Outbox.erase(d.Key);
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
            if (!c || !Syncs(*c)) return false;
            std::string ref = collection + "/" + key;
            if (s.FromServer.erase(ref)) return false;  // applied from the server: nothing to send back
            s.Outbox[ref] = revision;
            out.Puts.push_back(SyncRecord(kOutbox, ref, "{}"));
            out.Puts.back().Revision = revision;
            return true;
        };
        for (const auto& [ref, revision] : written) note(ref.Collection, ref.Key, revision);
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
        if (r.Collection == kSync) s.PendingPuts.push_back(std::move(r));  // outbox entries are made again with their items
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
    if (s.Phase != SyncPhase::Ready && s.Phase != SyncPhase::Offline) return;
    double now = Now();
    if (!s.PullInFlight && now >= s.NextPullAt) Pull(state);
    // Push what is stored: an outbox entry is written with its save, so a push never runs ahead of it.
    if (!s.PushInFlight && now >= s.NextPushAt && !s.Outbox.empty() && s.FirstPullDone) {
        s.NextPushAt = now + kPushDelaySeconds;
        Push(state);
    }
}

size_t SyncChangesWaiting(const Document& doc) { return doc.Sync->Outbox.size(); }

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
              {"since", s.Since}, {"waiting", s.Outbox.size()}, {"bases", s.Bases.size()}, {"pushed", s.Pushed}, {"pulled", s.Pulled},
              {"caughtUp", s.CaughtUp}, {"firstPullDone", s.FirstPullDone}, {"pushing", s.PushInFlight}, {"pulling", s.PullInFlight}, {"lastSync", s.LastSyncWallMs},
              {"lock", s.LockHeld ? "held" : s.LockAsked ? "waiting" : "none"},
              {"skippedForgotten", s.SkippedForgotten}, {"purged", s.Purged},
              {"keptAside", s.KeptAside}, {"conflicts", conflicts}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}
