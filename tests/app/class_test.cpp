// A trainee's workspace in a class (app/sync/class.h, app/sync/sync.cpp in class mode) against a
// small stand-in for the trainee's CouchDB database: personas and course statements go up,
// customers never; statements are stored in the same transaction as the progress that made them;
// a statement the server already has (409 on a retry) counts as sent. The browser test
// (tests/e2e/class.test.mjs) runs the same against pouchdb-server with a trainer watching.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "app_driver.h"
#include "course/classroom.h"
#include "platform/platform.h"
#include "platform/tab_lock.h"
#include "store/document.h"
#include "store/store.h"
#include "sync/class.h"
#include "sync/sync.h"

using nlohmann::json;

namespace {

const char* kCode = "K7QM4PXR2DHT";
const char* kDb = "/couchdb/profila-class-k7qm-ada-rossi";

// One trainee's database: any document once (a second write of an id is a conflict).
struct TraineeCouch {
    std::map<std::string, json> Docs;
    int Seq = 0;
    bool Down = false;
    bool SignedIn = false;
    std::string User;
    int Conflicts = 0;

    http::Response Answer(const std::string& method, const std::string& path, const std::string& body) {
        if (Down) return {};
        if (path == "/couchdb/_session" && method == "POST") {
            json b = json::parse(body, nullptr, false);
            if (b.value("name", "") == "class-k7qm-ada-rossi" && b.value("password", "") == kCode) {
                SignedIn = true;
                User = b.value("name", "");
                return {200, R"({"ok":true})"};
            }
            return {401, R"({"error":"unauthorized"})"};
        }
        if (!SignedIn) return {401, R"({"error":"unauthorized"})"};
        if (path == kDb) return {200, json{{"doc_count", Docs.size()}}.dump()};
        if (path.rfind(std::string(kDb) + "/_changes", 0) == 0) return {200, json{{"results", json::array()}, {"last_seq", Seq}}.dump()};
        if (path == std::string(kDb) + "/_bulk_docs" && method == "POST") {
            json rows = json::array();
            json request = json::parse(body);  // kept alive for the loop
            for (const json& d : request["docs"]) {
                std::string id = d["_id"];
                if (Docs.count(id) && !d.contains("_rev")) {
                    ++Conflicts;
                    rows.push_back({{"id", id}, {"error", "conflict"}, {"reason", "Document update conflict."}});
                    continue;
                }
                if (d.value("type", "") == "statement" && d.value("trainee", "") != User) {  // as validate_doc_update
                    rows.push_back({{"id", id}, {"error", "forbidden"}, {"reason", "trainee"}});
                    continue;
                }
                Docs[id] = d;
                ++Seq;
                rows.push_back({{"ok", true}, {"id", id}, {"rev", "1-" + std::to_string(Seq)}});
            }
            return {201, rows.dump()};
        }
        return {404, R"({"error":"not_found"})"};
    }
    int Count(const std::string& prefix) const {
        int n = 0;
        for (const auto& [id, d] : Docs) n += id.rfind(prefix, 0) == 0 ? 1 : 0;
        return n;
    }
};

struct ClassFixture {
    TraineeCouch Couch;
    AppDriver D;
    ClassFixture() {
        http::SetHandler([this](const std::string& m, const std::string& p, const std::string& b) { return Couch.Answer(m, p, b); });
    }
    AppState& App() { return D.App(); }
    Document& Doc() { return D.App().Doc; }
    void Settle() {
        INFO("sync: " << SyncStatusJson(App()));
        D.WaitFor([&] {
            const SyncBook& s = *Doc().Sync;
            return s.Phase == SyncPhase::Ready && s.FirstPullDone && s.Outbox.empty() && s.Statements.empty() && !s.PushInFlight &&
                   !AnythingDirty(Doc()) && Doc().Save != SaveState::Saving;
        }, "the class sync to settle", 600);
        D.Advance(0.5);
    }
    std::vector<std::string> StoredStatements() {
        std::vector<std::string> out;
        for (const auto& r : storage_memory::Records(Doc().Data.Id, "outbox"))
            if (r.Key.rfind("statement/", 0) == 0) out.push_back(r.Key);
        return out;
    }
};

}  // namespace

TEST_CASE("class: joining with code and name sends the course done so far as statements and the personas, never the customers") {
    ClassFixture f;
    profila::Customer c;
    c.Id = NewId(f.Doc());
    c.Name = "A customer of the trainee's own shop";
    CommitCustomer(f.Doc(), c, 0.0);
    profila::Persona p;
    p.Name = "Giulia, 34";
    std::string persona_id = AddPersona(f.Doc(), p, 0.0);
    REQUIRE(RecordCourseRun(f.App(), "why", {1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}) == "");
    f.D.Advance(1.5);
    CHECK(JoinClass(f.App(), "k7qm 4pxr-2dht", "") == "class.join.no_name");
    CHECK(JoinClass(f.App(), "K7QM-4PXR", "Ada Rossi") == "class.join.bad_code");
    REQUIRE(JoinClass(f.App(), "k7qm 4pxr-2dht", "Ada Rossi") == "");
    f.Settle();
    const SyncBook& s = *f.Doc().Sync;
    CHECK(s.Config.Class == "k7qm");
    CHECK(s.Config.Database == "profila-class-k7qm-ada-rossi");
    CHECK(f.Doc().Progress.Trainee == "Ada Rossi");
    CHECK(f.Couch.Count("customer:") == 0);
    CHECK(f.Couch.Count("persona:" + persona_id) == 1);
    int first = f.Couch.Count("statement:class-k7qm-ada-rossi-");
    CHECK(first >= 4);  // every answer of the round, and the round
    for (const auto& [id, d] : f.Couch.Docs)
        if (id.rfind("statement:", 0) == 0) {
            CHECK(d["trainee"] == "class-k7qm-ada-rossi");
            CHECK(d["name"] == "Ada Rossi");
            CHECK(d["device"] == "Ada Rossi");
            CHECK(profila::course::IsStatement(d));
        }
    CHECK(f.StoredStatements().empty());
    json status = json::parse(ClassStatusJson(f.App()));
    CHECK(status["joined"] == "k7qm");

    SUBCASE("offline: statements are stored with the progress that made them, and go up once back") {
        f.Couch.Down = true;
        REQUIRE(RecordCourseRun(f.App(), "profile", {1.0, 1.0}) == "");
        f.D.Advance(2.0);
        CHECK_FALSE(f.Doc().Sync->Statements.empty());
        CHECK(f.StoredStatements().size() == f.Doc().Sync->Statements.size());
        f.Couch.Down = false;
        SyncNow(f.App());
        f.Settle();
        CHECK(f.Couch.Count("statement:") > first);
        CHECK(f.StoredStatements().empty());
    }
    SUBCASE("a statement the server already has (its answer was lost): the 409 on the retry means stored") {
        auto it = f.Couch.Docs.lower_bound("statement:");
        REQUIRE(it != f.Couch.Docs.end());
        f.Doc().Sync->Statements[it->first] = it->second;
        int sent = f.Doc().Sync->StatementsSent;
        SyncNow(f.App());
        f.Settle();
        CHECK(f.Couch.Conflicts == 1);
        CHECK(f.Doc().Sync->StatementsSent == sent + 1);
        CHECK(f.Doc().Sync->KeptAside.empty());
    }
    SUBCASE("progress made while another tab syncs: no statements from this tab; stated once, when the lock comes here") {
        const std::string lock = "profila-sync-" + f.Doc().Data.Id;
        tab_lock::Release(lock);
        tab_lock::SetHeldElsewhere(lock, true);
        LoadOpenWorkspace(f.App(), false);
        f.D.Advance(1.0);
        REQUIRE_FALSE(f.Doc().Sync->LockHeld);
        auto made = [&] {  // answers and lesson rounds in the progress
            size_t n = f.Doc().Progress.Attempts.size();
            for (const auto& [lesson, lp] : f.Doc().Progress.Lessons) n += lp.Runs.size();
            return static_cast<int>(n);
        };
        int before = made();
        REQUIRE(RecordCourseRun(f.App(), "profile", {1.0, 0.0}) == "");
        int added = made() - before;
        REQUIRE(added >= 2);
        f.D.Advance(2.0);
        CHECK(f.Doc().Sync->Statements.empty());
        CHECK(f.StoredStatements().empty());
        CHECK(f.Couch.Count("statement:") == first);
        tab_lock::SetHeldElsewhere(lock, false);
        f.D.Advance(0.5);
        REQUIRE(f.Doc().Sync->LockHeld);
        f.Settle();
        CHECK(f.Couch.Count("statement:") == first + added);  // each answer (and a round, if one ended), once
        f.D.Advance(2.0);
        CHECK(f.Couch.Count("statement:") == first + added);
    }
    SUBCASE("a customer edited later stays on the device") {
        c.Phone = "0761 1";
        CommitCustomer(f.Doc(), c, 10.0);
        f.D.Advance(1.5);
        f.Settle();
        CHECK(f.Couch.Count("customer:") == 0);
    }
}

TEST_CASE("class: a code the server does not take is told, and nothing is joined") {
    ClassFixture f;
    REQUIRE(JoinClass(f.App(), "K7QM-4PXR-2DHU", "Ada Rossi") == "");
    f.D.WaitFor([&] { return f.Doc().Sync->Phase == SyncPhase::AuthProblem; }, "the refusal", 200);
    CHECK_FALSE(f.Doc().Sync->Enabled);
    CHECK(json::parse(ClassStatusJson(f.App()))["joined"] == "");
}

TEST_CASE("class: the trainer creates a class as an admin, gets the code once, and reads each trainee's statements into the summary") {
    // A server that takes the admin's creation requests, then answers the trainee databases'
    // changes with what the test puts there.
    std::vector<std::string> created;
    std::map<std::string, json> changes;  // database -> its _changes answer
    bool signed_in = false;
    AppDriver d;
    http::SetHandler([&](const std::string& method, const std::string& path, const std::string& body) -> http::Response {
        if (path == "/couchdb/_session") {
            signed_in = json::parse(body).value("password", "") == "admin-pw";
            return signed_in ? http::Response{200, R"({"ok":true})"} : http::Response{401, R"({"error":"unauthorized"})"};
        }
        if (!signed_in) return {401, "{}"};
        if (method == "PUT") {
            created.push_back(path);
            return {201, R"({"ok":true})"};
        }
        size_t at = path.find("/_changes");
        if (method == "GET" && at != std::string::npos) {
            std::string db = path.substr(9, at - 9);  // after "/couchdb/"
            return {200, changes.count(db) ? changes[db].dump() : R"({"results":[],"last_seq":0})"};
        }
        return {404, R"({"error":"not_found"})"};
    });
    AppState& app = d.App();
    CreateClass(app, "/couchdb/", "admin", "wrong", "Ada Rossi, Bruno");
    d.WaitFor([&] { return app.Course.Class.Phase == ClassPhase::AuthProblem; }, "the refused sign-in", 100);
    CHECK_FALSE(app.Course.Class.Following);
    CreateClass(app, "/couchdb/", "admin", "admin-pw", "Ada Rossi, Bruno");
    d.WaitFor([&] { return app.Course.Class.Following; }, "the class to be created", 200);
    const ClassLive& c = app.Course.Class;
    REQUIRE(c.NewCode.size() == 12);
    std::string id = profila::course::ClassIdOfCode(c.NewCode);
    CHECK(c.Id == id);
    // The directory, then per trainee a user, a database and its _security (no design document
    // natively: validate_doc_update.js is packaged for the browser only).
    CHECK(created.size() == 3 + 2 * 3);
    CHECK(created[0] == "/couchdb/profila-class-" + id);
    CHECK(std::count(created.begin(), created.end(), "/couchdb/_users/org.couchdb.user:class-" + id + "-ada-rossi") == 1);
    CHECK(std::count(created.begin(), created.end(), "/couchdb/profila-class-" + id + "-bruno/_security") == 1);
    // The code is never stored: the device keeps what it follows, not the password.
    CHECK(platform::LoadSetting("class.follow").find(c.NewCode) == std::string::npos);
    CHECK(platform::LoadSetting("class.follow").find(id) != std::string::npos);

    // Ada's statements and a persona arrive; the summary's hand-ins follow, screen open.
    profila::course::Progress p;
    p.Trainee = "Ada Rossi";
    profila::course::StatementMark mark;
    int n = 0;
    p.Attempts.push_back({"why.1", 1, 1.0, 3.0, 1000, {}});
    p.Lessons["why"].Runs.push_back({1, 1.0, true, 20.0, 1001});
    json results = json::array();
    for (json& st : profila::course::NewStatements(p, mark, {"class-" + id + "-ada-rossi", "Ada Rossi", "PC", "u"},
                                                   [&] { return std::to_string(++n); }, 1002))
        results.push_back({{"id", st["_id"]}, {"doc", st}});
    results.push_back({{"id", "persona:P1"}, {"doc", {{"_id", "persona:P1"}}}});
    changes["profila-class-" + id + "-ada-rossi"] = {{"results", results}, {"last_seq", 3}};
    app.Current = Screen::Course;
    app.Course.ShowClass = true;
    d.WaitFor([&] { return c.Polls > 0 && c.Trainees.size() == 2 && c.Trainees[0].Result.Statements == 2; }, "Ada's statements", 400);
    std::vector<profila::course::HandIn> live = LiveHandIns(app);
    REQUIRE(live.size() == 2);
    CHECK(live[0].Trainee == "Ada Rossi");
    CHECK(live[0].Personas == 1);
    REQUIRE(live[0].Lessons.size() == 1);
    CHECK(live[0].Lessons[0].Passed);
    CHECK(live[1].Statements == 0);
    json status = json::parse(ClassStatusJson(app));
    CHECK(status["trainees"][0]["lessonsPassed"] == 1);
    CHECK(status["code"] == profila::course::FormatClassCode(c.NewCode));
    LeaveClass(app);
    CHECK(platform::LoadSetting("class.follow").empty());
}

TEST_CASE("class: a trainer with the class's role opens a class made elsewhere by its id, and its roster is read") {
    bool signed_in = false;
    AppDriver d;
    http::SetHandler([&](const std::string& method, const std::string& path, const std::string& body) -> http::Response {
        if (path == "/couchdb/_session") {
            signed_in = json::parse(body).value("name", "") == "anna";
            return signed_in ? http::Response{200, R"({"ok":true})"} : http::Response{401, "{}"};
        }
        if (!signed_in) return {401, "{}"};
        if (method == "GET" && path == "/couchdb/profila-class-k7qm/roster")
            return {200, profila::course::RosterToJson(profila::course::ParseRoster("Ada Rossi, Bruno"), "k7qm").dump()};
        if (method == "GET" && path.find("/_changes") != std::string::npos) return {200, R"({"results":[],"last_seq":0})"};
        return {404, R"({"error":"not_found"})"};
    });
    AppState& app = d.App();
    OpenClass(app, "/couchdb", "nope", "anna", "pw");
    CHECK(app.Course.Class.Phase == ClassPhase::Failed);  // not a class id
    OpenClass(app, "/couchdb", "K7QM-4PXR-2DHT", "anna", "pw");  // the code works too: its first four
    d.WaitFor([&] { return app.Course.Class.Following; }, "the class to be followed", 100);
    CHECK(app.Course.Class.Id == "k7qm");
    CHECK(app.Course.Class.NewCode.empty());
    app.Current = Screen::Course;
    app.Course.ShowClass = true;
    d.WaitFor([&] { return app.Course.Class.Polls > 0; }, "a round of reads", 400);
    REQUIRE(app.Course.Class.Trainees.size() == 2);
    CHECK(app.Course.Class.Trainees[1].Database == "profila-class-k7qm-bruno");
    CHECK(app.Course.Class.Trainees[1].Status == 200);
}
