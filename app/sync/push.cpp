// Push: the outbox sent with _bulk_docs, each row's answer read; conflicts read back and merged
// (see sync.h).
#include <algorithm>

#include "app.h"
#include "codec/customer_json.h"
#include "platform/http.h"
#include "store/collections.h"
#include "store/store.h"
#include "sync/sync_internal.h"

namespace sync_internal {

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
        sent.push_back({ref, LocalRevision(doc, *r), std::move(kept), ""});
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
        double now = AppClock();
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
            s.NextPushAt = AppClock() + kRetryErrorSeconds;
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

}  // namespace sync_internal
