// Pull: _changes read a page at a time and applied with its checkpoint; each incoming document
// taken, merged against its base, or held for the person (see sync.h).
#include <algorithm>

#include "app.h"
#include "codec/customer_json.h"
#include "platform/http.h"
#include "privacy/privacy.h"
#include "store/collections.h"
#include "store/store.h"
#include "sync/sync_internal.h"

namespace merge = profila::sync;

namespace sync_internal {

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
        double now = AppClock();
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

}  // namespace sync_internal
