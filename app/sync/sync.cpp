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
#include "text/hash.h"

using nlohmann::json;
namespace merge = profila::sync;

namespace {

constexpr int kPushBatch = 200;             // documents per _bulk_docs
// Documents per _changes page. Each page is stored in one transaction, and a big write rewrites every
// storage pack its keys hash to (web/storage.js): with pages of 200, a first sync of 10,000 cards
// rewrote the growing collection 50 times (about 800 MB of IndexedDB puts). The server answers a
// page of 1,000 as fast per document.
constexpr int kPullBatch = 1000;
constexpr double kRetryOfflineSeconds = 5.0;
constexpr double kRetryErrorSeconds = 15.0;
constexpr double kPushDelaySeconds = 0.2;   // lets a burst of saves go up together
const char* kSync = "sync";
const char* kOutbox = "outbox";
const char* kStatementPrefix = "statement/";  // outbox key of a course statement (a class)

double Now() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }

// ---- [SECTION] Documents: local items <-> CouchDB documents --------------------------------------
struct Ref {
    Collection C = Collection::Customers;
    std::string Key;
    std::string Name() const { return std::string(CollectionName(C)) + "/" + Key; }
};

bool Syncs(Collection c) { return c == Collection::Customers || c == Collection::Personas || c == Collection::Settings; }
// What goes to this database: a business's everything, a class's personas only (the trainee's
// customers and settings stay on the device; their progress goes up as statements).
bool Shares(const SyncBook& s, Collection c) { return s.Config.Class.empty() ? Syncs(c) : c == Collection::Personas; }
bool IsStatementKey(const std::string& key) { return key.rfind(kStatementPrefix, 0) == 0; }

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
    for (const char* k : {"_id", "_rev", "_conflicts", "_deleted", "_revisions", "_attachments", "type", "device", "deviceId", "deviceSum", "edited", "revision"})
        d.erase(k);
    return d;
}

// The content of a body (as Strip leaves it) as FNV-1a 64, numbers taken as doubles (a JavaScript
// server gives 10.0 back as 10): with "deviceId" it marks a copy exactly as this device wrote it, so a
// tool that changed the document but kept those fields is not taken for this device.
void SumInto(uint64_t& h, const json& j) {
    if (j.is_object()) {
        h = profila::Fnv1a64Bytes(h, "{");
        for (const auto& [k, v] : j.items()) {
            h = profila::Fnv1a64Bytes(profila::Fnv1a64Bytes(h, k), ":");
            SumInto(h, v);
        }
        h = profila::Fnv1a64Bytes(h, "}");
    } else if (j.is_array()) {
        h = profila::Fnv1a64Bytes(h, "[");
        for (const json& v : j) {
            SumInto(h, v);
            h = profila::Fnv1a64Bytes(h, ",");
        }
        h = profila::Fnv1a64Bytes(h, "]");
    } else if (j.is_number()) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", j.get<double>());
        h = profila::Fnv1a64Bytes(h, buf);
    } else if (j.is_string()) {
        h = profila::Fnv1a64Bytes(profila::Fnv1a64Bytes(h, "\""), j.get_ref<const std::string&>());
    } else {
        h = profila::Fnv1a64Bytes(h, j.dump());
    }
}
std::string ContentSum(const json& body) {
    uint64_t h = profila::kFnv1a64Basis;
    SumInto(h, body);
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
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

// The generation of a revision "N-hash" (-1 when it has none).
long RevGeneration(const std::string& rev) {
    size_t dash = rev.find('-');
    if (dash == 0 || dash == std::string::npos || dash > 9) return -1;
    long n = 0;
    for (size_t i = 0; i < dash; ++i) {
        if (rev[i] < '0' || rev[i] > '9') return -1;
        n = n * 10 + (rev[i] - '0');
    }
    return n;
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
    // An older copy than the one taken in already (a _changes page read before this device's push
    // landed, answered after its acknowledgement): taken in, it would undo the newer one, and a
    // later merge could even send it back up. Revision generations, not sequences: CouchDB orders a
    // document's revisions by them.
    if (base_it != s.Bases.end() && RevGeneration(rev) >= 0 && RevGeneration(rev) < RevGeneration(base_it->second.Rev)) return;
    std::optional<json> theirs;
    if (server_doc) theirs = Strip(*server_doc);
    const json* base = base_it != s.Bases.end() && !base_it->second.Doc.is_null() ? &base_it->second.Doc : nullptr;
    // Settings never seen from the server merge against the defaults: what this device left at its
    // default takes the other device's value silently; only a field set on both sides asks.
    json default_settings;
    if (!base && r.C == Collection::Settings) {
        default_settings = json::parse(WorkspaceSettingsToJson(WorkspaceSettings{}), nullptr, false);
        if (!default_settings.is_discarded()) base = &default_settings;
    }
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
    // A server copy this device wrote (its own push met again: the answer was lost to a killed page
    // or a cut network, or the feed brought it back first) is an ancestor of the card here, not
    // another device's edit: it is the merge's base, so what changed here since wins without asking.
    if (theirs && server_doc && !s.Config.DeviceId.empty() && server_doc->value("deviceId", "") == s.Config.DeviceId &&
        server_doc->value("deviceSum", "") == ContentSum(*theirs))
        base = &*theirs;
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
        if (theirs) {  // deleted here, still on the server: the delete goes up against the server's _rev
            SetBase(s, ref, {rev, *theirs});
            return;
        }
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
    std::string path = DbPath(s) + "/_changes?include_docs=true&conflicts=true&style=all_docs&limit=" + std::to_string(kPullBatch) +
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
            if (!ref || !Shares(s, ref->C)) continue;  // statements, design documents, what a class does not keep
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
        bool more = static_cast<int>(results.size()) >= kPullBatch || j.value("pending", 0) > 0;
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
        top["deviceId"] = s.Config.DeviceId;
        top["deviceSum"] = ContentSum(merged);
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
    std::string Statement;  // a course statement's _id (Ref empty)
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

void FetchAndMerge(AppState& state, const std::vector<Ref>& refs);

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
        if (static_cast<int>(sent.size()) >= kPushBatch) break;
        if (Held(s, ref) || s.Merging.count(ref)) continue;
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
            d["deviceId"] = s.Config.DeviceId;
            d["edited"] = IsoNow();
            d.erase("revision");
            d["deviceSum"] = ContentSum(Strip(d));
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
    // Course statements: sent as they are, never changed; a 409 on a retry means already stored.
    for (const auto& [id, st] : s.Statements) {
        if (static_cast<int>(sent.size()) >= kPushBatch) break;
        if (Held(s, kStatementPrefix + id)) continue;
        Sent one;
        one.Statement = id;
        sent.push_back(std::move(one));
        docs.push_back(st);
    }
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
        std::vector<Ref> conflicted;
        // Each row is matched to what was sent by its id: pouchdb-server does not always answer in
        // the order sent (conflict rows came first), and a row read as another card's answer set
        // that card's base to a wrong _rev and dropped its outbox entry (its edit was then lost).
        std::map<std::string, size_t> by_id;
        for (size_t i = 0; i < sent.size(); ++i)
            if (!sent[i].Statement.empty()) by_id[sent[i].Statement] = i;
            else if (std::optional<Ref> r = RefFromName(sent[i].Ref)) by_id[DocId(*r)] = i;
        for (size_t k = 0; k < rows.size(); ++k) {
            const json& row = rows[k];
            auto at = row.contains("id") && row["id"].is_string() ? by_id.find(row["id"].get<std::string>()) : by_id.end();
            if (at == by_id.end()) continue;  // not one of ours: nothing to take from it
            const Sent& one = sent[at->second];
            if (!one.Statement.empty()) {
                std::string error = row.value("error", "");
                if (row.value("ok", false) || (row.contains("rev") && error.empty()) || error == "conflict") {
                    DropStatement(s, one.Statement);
                    ++s.StatementsSent;
                } else if (error == "unauthorized") {
                    s.Phase = SyncPhase::AuthProblem;
                } else {
                    s.KeptAside.push_back(kStatementPrefix + one.Statement);
                    s.Message = one.Statement + ": " + error + (row.contains("reason") ? " (" + row.value("reason", "") + ")" : "");
                }
                continue;
            }
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
                conflicted.push_back(*ref);
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
        if (!conflicted.empty()) FetchAndMerge(*st, conflicted);
        s.LastSyncWallMs = WallClockMs();
        if (s.Phase == SyncPhase::Offline) s.Phase = SyncPhase::Ready;
        s.NextPushAt = now;
        FlushStore(*st);
    });
}

// The server has a newer revision than our base: read it and merge as a pulled change would.
void FetchAndMerge(AppState& state, const std::vector<Ref>& refs) {
    SyncBook& s = *state.Doc.Sync;
    AppState* st = &state;
    int gen = s.Generation;
    std::string ws = state.Doc.Data.Id;
    // One read for the batch's conflicts; meanwhile those documents are not sent again (each answer
    // that came back alone used to free the push, which sent the others again: more conflicts).
    json keys = json::array();
    for (const Ref& r : refs) {
        keys.push_back(DocId(r));
        s.Merging.insert(r.Name());
    }
    http::Request("POST", DbPath(s) + "/_all_docs?include_docs=true", json{{"keys", keys}}.dump(-1, ' ', false, json::error_handler_t::replace),
                  [st, gen, ws, refs](http::Response resp) {
        Document& doc = st->Doc;
        SyncBook& s = *doc.Sync;
        if (s.Generation != gen || doc.Data.Id != ws) return;
        for (const Ref& r : refs) s.Merging.erase(r.Name());
        json d = json::parse(resp.Body, nullptr, false);
        if (resp.Status != 200 || d.is_discarded() || !d.contains("rows") || !d["rows"].is_array()) {
            Problem(s, resp.Status, resp.Body, "read " + refs.front().Name());
            s.NextPushAt = Now() + kRetryErrorSeconds;
            return;
        }
        for (const json& row : d["rows"]) {
            std::optional<Ref> r = RefFromDocId(row.value("key", ""));
            if (!r) continue;
            if (row.contains("doc") && row["doc"].is_object()) {
                Incoming(*st, *r, row["doc"].value("_rev", ""), &row["doc"]);
            } else {
                // Deleted on the server (or never there): the merge keeps our edit and sends it as new.
                DropBase(s, r->Name());
            }
        }
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
    double now = Now();
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
