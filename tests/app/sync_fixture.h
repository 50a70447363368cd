// The sync tests' stand-ins: a small CouchDB (the part of its HTTP API the client speaks: _session,
// the database's info, _changes, _bulk_docs, _all_docs, _purge, one document) and a device joined
// to it through the app driver. "Another device" is played by writing to FakeCouch directly, as a
// second client's push would.
#pragma once
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_driver.h"
#include "platform/http.h"
#include "store/document.h"
#include "store/store.h"
#include "sync/sync.h"

// Documents with a revision counter and a changes feed; one user, "ada" / "pw".
struct FakeCouch {
    using json = nlohmann::json;
    struct Doc {
        int Gen = 0;
        std::string Rev;
        json Body;
        bool Deleted = false;
        int Seq = 0;
    };
    std::map<std::string, Doc> Docs;
    std::map<std::string, std::vector<json>> Losers;  // id -> conflicting revisions beside the winner
    int Seq = 0;
    bool SignedIn = false;
    bool Down = false;            // no answer at all (offline)
    int ReplayFrom = -1;          // answer the next _changes from this seq instead (a cluster replaying)
    int BulkRequests = 0;
    int AllDocsRequests = 0;      // reads of the server's copies after push conflicts
    std::vector<std::string> Purged;  // ids purged (_purge)
    std::vector<json> StaleChanges;  // put before the next _changes answer's rows (a page read earlier)
    bool ReverseBulkRows = false;  // _bulk_docs rows answered in another order than sent (as pouchdb-server may)
    bool LoseBulkAnswer = false;  // the next _bulk_docs is stored but its answer never arrives (a page killed, a network cut)

    std::string Put(const std::string& id, json body) {  // another device's write (no revision check)
        Doc& d = Docs[id];
        d.Gen += 1;
        d.Rev = std::to_string(d.Gen) + "-x" + std::to_string(Seq + 1);
        body["_id"] = id;
        body["_rev"] = d.Rev;
        d.Body = std::move(body);
        d.Deleted = false;
        d.Seq = ++Seq;
        return d.Rev;
    }
    void Delete(const std::string& id) {
        Doc& d = Docs[id];
        d.Gen += 1;
        d.Rev = std::to_string(d.Gen) + "-del";
        d.Deleted = true;
        d.Seq = ++Seq;
    }

    http::Response Answer(const std::string& method, const std::string& path, const std::string& body) {
        if (Down) return {};
        if (path == "/couchdb/_session") {
            json b = json::parse(body, nullptr, false);
            if (method == "POST" && !b.is_discarded() && b.value("name", "") == "ada" && b.value("password", "") == "pw") {
                SignedIn = true;
                return {200, R"({"ok":true})"};
            }
            return {401, R"({"error":"unauthorized","reason":"Name or password is incorrect."})"};
        }
        if (!SignedIn) return {401, R"({"error":"unauthorized"})"};
        if (path == "/couchdb/shop") return {200, json{{"db_name", "shop"}, {"doc_count", Docs.size()}}.dump()};
        if (path.rfind("/couchdb/other", 0) == 0) return {403, R"({"error":"forbidden"})"};
        if (path == "/couchdb/shop/_purge" && method == "POST") {  // as CouchDB 3 for a database admin
            json b = json::parse(body, nullptr, false);
            if (b.is_discarded() || !b.is_object()) return {400, R"({"error":"bad_request"})"};
            for (const auto& [id, revs] : b.items()) {
                Purged.push_back(id);
                Docs.erase(id);
            }
            return {201, json{{"purge_seq", nullptr}, {"purged", b}}.dump()};
        }
        if (path.rfind("/couchdb/shop/_changes", 0) == 0) {
            size_t at = path.find("since=");
            int since = at == std::string::npos ? 0 : std::atoi(path.c_str() + at + 6);
            if (ReplayFrom >= 0) {
                since = ReplayFrom;
                ReplayFrom = -1;
            }
            std::vector<std::pair<int, const std::string*>> order;
            for (const auto& [id, d] : Docs)
                if (d.Seq > since) order.push_back({d.Seq, &id});
            std::sort(order.begin(), order.end());
            json results = json::array();
            for (const auto& [seq, id] : order) {
                const Doc& d = Docs[*id];
                json row = {{"id", *id}, {"seq", seq}, {"changes", json::array({{{"rev", d.Rev}}})}};
                if (d.Deleted) row["deleted"] = true;
                else row["doc"] = d.Body;
                if (!d.Deleted && !Losers[*id].empty()) {
                    json revs = json::array();
                    for (const json& l : Losers[*id]) revs.push_back(l["_rev"]);
                    row["doc"]["_conflicts"] = revs;
                }
                results.push_back(row);
            }
            if (!StaleChanges.empty()) {  // rows read before later writes, answered now
                for (json& row : StaleChanges) results.insert(results.begin(), std::move(row));
                StaleChanges.clear();
            }
            return {200, json{{"results", results}, {"last_seq", Seq}}.dump()};
        }
        if (path == "/couchdb/shop/_all_docs?include_docs=true" && method == "POST") {  // documents by key
            ++AllDocsRequests;
            json rows = json::array();
            json request = json::parse(body);  // kept alive for the loop
            for (const json& k : request["keys"]) {
                std::string id = k.get<std::string>();
                auto it = Docs.find(id);
                if (it == Docs.end()) rows.push_back({{"key", id}, {"error", "not_found"}});
                else if (it->second.Deleted) rows.push_back({{"id", id}, {"key", id}, {"value", {{"rev", it->second.Rev}, {"deleted", true}}}, {"doc", nullptr}});
                else rows.push_back({{"id", id}, {"key", id}, {"value", {{"rev", it->second.Rev}}}, {"doc", it->second.Body}});
            }
            return {200, json{{"rows", rows}}.dump()};
        }
        if (path == "/couchdb/shop/_bulk_docs" && method == "POST") {
            ++BulkRequests;
            json rows = json::array();
            json request = json::parse(body);  // kept alive for the loop
            for (json d : request["docs"]) {
                std::string id = d["_id"];
                auto it = Docs.find(id);
                std::string have = it != Docs.end() && !it->second.Deleted ? it->second.Rev : "";
                std::string sent = d.value("_rev", "");
                auto& losers = Losers[id];
                auto loser = std::find_if(losers.begin(), losers.end(), [&](const json& l) { return l["_rev"] == sent; });
                if (loser != losers.end() && d.value("_deleted", false)) {  // a losing revision deleted
                    losers.erase(loser);
                    rows.push_back({{"ok", true}, {"id", id}, {"rev", sent + "-gone"}});
                    continue;
                }
                if (have != sent) {
                    rows.push_back({{"id", id}, {"error", "conflict"}, {"reason", "Document update conflict."}});
                    continue;
                }
                if (d.value("_deleted", false)) Delete(id);
                else Put(id, d);
                rows.push_back({{"ok", true}, {"id", id}, {"rev", Docs[id].Rev}});
            }
            if (ReverseBulkRows) std::reverse(rows.begin(), rows.end());  // pouchdb-server's order is not always the request's
            if (LoseBulkAnswer) {
                LoseBulkAnswer = false;
                Down = true;
                return {};
            }
            return {201, rows.dump()};
        }
        if (path.rfind("/couchdb/shop/", 0) == 0 && method == "GET") {
            std::string id = path.substr(14, path.find('?') == std::string::npos ? std::string::npos : path.find('?') - 14);
            auto it = Docs.find(id);
            if (it == Docs.end() || it->second.Deleted) return {404, R"({"error":"not_found"})"};
            if (path.find("open_revs=") != std::string::npos) {
                json out = json::array();
                for (const json& l : Losers[id]) out.push_back({{"ok", l}});
                return {200, out.dump()};
            }
            return {200, it->second.Body.dump()};
        }
        return {404, R"({"error":"not_found"})"};
    }
};

struct SyncFixture {
    FakeCouch Couch;
    AppDriver D;
    SyncFixture() {
        http::SetHandler([this](const std::string& m, const std::string& p, const std::string& b) { return Couch.Answer(m, p, b); });
    }
    Document& Doc() { return D.App().Doc; }
    profila::Customer NewCustomer(const std::string& name, const std::string& phone) {
        profila::Customer c;
        c.Id = NewId(Doc());
        c.Name = name;
        c.Phone = phone;
        CommitCustomer(Doc(), c, ImGui::GetTime());
        return c;
    }
    void Connect(const std::string& password = "pw", const std::string& db = "shop") {
        SyncConfig config;
        config.Database = db;
        config.User = "ada";
        config.Device = "Counter tablet";
        ConnectSync(D.App(), config, password);
    }
    // Frames until nothing waits: no outbox, nothing dirty, no request in flight.
    // (Once caught up a pull is always in flight, as a longpoll is: not waited for.)
    void Settle() {
        INFO("sync: " << SyncStatusJson(D.App()) << " save " << static_cast<int>(Doc().Save) << " dirty " << AnythingDirty(Doc()));
        for (int round = 0; round < 3; ++round) {
            D.WaitFor([&] {
                const SyncBook& s = *Doc().Sync;
                return s.Outbox.empty() && !s.PushInFlight && !AnythingDirty(Doc()) && Doc().Save != SaveState::Saving;
            }, "the sync to settle", 400);
            D.Advance(0.5);
        }
    }
    nlohmann::json ServerBody(const std::string& id) { return Couch.Docs.at("customer:" + id).Body; }
    // A device with one customer, joined and settled: the start of most cases below.
    profila::Customer Joined(const std::string& name, const std::string& phone) {
        D.Advance(0.2);
        profila::Customer c = NewCustomer(name, phone);
        Connect();
        Settle();
        return c;
    }
    // The business settings changed on this device as Settings does (before it joins, below).
    void SetSettings(const std::function<void(WorkspaceSettings&)>& change) {
        WorkspaceSettings s = Doc().Settings;
        change(s);
        SetWorkspaceSettings(Doc(), s, ImGui::GetTime());
        D.Advance(1.0);
    }
    // Another device's settings already on the server.
    void ServerSettings(const std::string& business_name) {
        Couch.Put("settings:workspace", {{"schema", 1}, {"businessName", business_name}, {"type", "settings"}});
    }
};
