// A class over CouchDB (see class.h).
//
// [SECTION] Trainee: join
// [SECTION] Trainer: create, open, sign in again, leave
// [SECTION] Trainer: the live class
// [SECTION] Status
#include "sync/class.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app.h"
#include "course/classroom.h"
#include "imgui.h"
#include "platform/http.h"
#include "platform/platform.h"
#include "store/store.h"
#include "sync/sync.h"

using nlohmann::json;
namespace course = profila::course;

namespace {

constexpr double kPollSeconds = 3.0;     // while the class summary is open: modest, and live enough in a classroom
constexpr double kRetrySeconds = 10.0;
const char* kFollowSetting = "class.follow";

ClassLive& Live(AppState& state) { return state.Course.Class; }

std::string Trimmed(std::string server) {
    while (!server.empty() && server.back() == '/') server.pop_back();
    return server.empty() ? "/couchdb" : server;
}

// The server's reason of a refused request, for the message under the status line.
std::string Reason(const http::Response& r, const std::string& what) {
    json j = json::parse(r.Body, nullptr, false);
    std::string reason = j.is_object() ? j.value("reason", j.value("error", "")) : "";
    return what + ": HTTP " + std::to_string(r.Status) + (reason.empty() ? "" : " (" + reason + ")");
}

void SetPhaseFrom(ClassLive& c, const http::Response& r, const std::string& what) {
    c.Phase = r.Status == 0 ? ClassPhase::Offline : r.Status == 401 ? ClassPhase::AuthProblem : r.Status == 403 ? ClassPhase::NoAccess : ClassPhase::Failed;
    c.Message = r.Status == 0 ? "" : Reason(r, what);
}

void SaveFollow(const ClassLive& c) {
    platform::SaveSetting(kFollowSetting, c.Following ? json{{"server", c.Server}, {"id", c.Id}, {"user", c.User}}.dump() : "");
}

void ReadFollow(ClassLive& c) {
    if (c.SettingRead) return;
    c.SettingRead = true;
    json j = json::parse(platform::LoadSetting(kFollowSetting), nullptr, false);
    if (!j.is_object() || j.value("id", "").empty()) return;
    c.Following = true;
    c.Server = j.value("server", "/couchdb");
    c.Id = j.value("id", "");
    c.User = j.value("user", "");
    c.Phase = ClassPhase::Ready;  // the session cookie may still be valid: the first read tells
}

void SetRoster(ClassLive& c, const std::vector<course::RosterEntry>& roster) {
    c.Trainees.clear();
    for (const course::RosterEntry& e : roster) {
        ClassTraineeLive t;
        t.Name = e.Name;
        t.Slug = e.Slug;
        t.Database = course::TraineeDatabase(c.Id, e.Slug);
        t.Result.Trainee = e.Name;
        c.Trainees.push_back(std::move(t));
    }
    c.RosterLoaded = true;
    c.NextPollAt = 0.0;
}

// web/deploy/validate_doc_update.js (packaged with the app) without its comment lines, as
// new-class.sh and the tests' server install it; "" when not packaged (native tests).
std::string ValidateSource() {
    std::vector<uint8_t> bytes = platform::ReadAsset("deploy/validate_doc_update.js");
    std::string out, line;
    for (size_t i = 0; i <= bytes.size(); ++i) {
        char ch = i < bytes.size() ? static_cast<char>(bytes[i]) : '\n';
        if (ch != '\n') {
            line += ch;
            continue;
        }
        if (line.rfind("//", 0) != 0) out += line + "\n";
        line.clear();
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

struct Step {
    std::string Method, Path, Body, What;
};

// Runs the steps one after another; the first refusal stops them (done(false)).
void RunSteps(AppState& state, std::shared_ptr<std::vector<Step>> steps, size_t at, int gen, std::function<void(bool)> done) {
    ClassLive& c = Live(state);
    if (at >= steps->size()) {
        done(true);
        return;
    }
    const Step& step = (*steps)[at];
    AppState* st = &state;
    http::Request(step.Method, c.Server + step.Path, step.Body, [st, steps, at, gen, done](http::Response r) {
        ClassLive& c = Live(*st);
        if (c.Generation != gen) return;
        if (r.Status < 200 || r.Status >= 300) {
            SetPhaseFrom(c, r, (*steps)[at].What);
            done(false);
            return;
        }
        RunSteps(*st, steps, at + 1, gen, done);
    });
}

// Signs in, then runs next (with the generation of this attempt).
void SignInThen(AppState& state, const std::string& password, std::function<void(int)> next) {
    ClassLive& c = Live(state);
    int gen = ++c.Generation;
    c.Phase = ClassPhase::SigningIn;
    c.Message.clear();
    AppState* st = &state;
    json body = {{"name", c.User}, {"password", password}};
    http::Request("POST", c.Server + "/_session", body.dump(), [st, gen, next](http::Response r) {
        ClassLive& c = Live(*st);
        if (c.Generation != gen) return;
        if (r.Status != 200) {
            SetPhaseFrom(c, r, "sign in");
            return;
        }
        next(gen);
    });
}

}  // namespace

// ---- [SECTION] Trainee: join ----------------------------------------------------------------------
std::string JoinClass(AppState& state, const std::string& code, const std::string& name) {
    std::optional<std::string> normal = course::NormalizeClassCode(code);
    if (!normal) return "class.join.bad_code";
    std::string slug = course::TraineeSlug(name);
    if (slug.empty()) return "class.join.no_name";
    if (!state.Doc.Loaded) return "class.join.not_loaded";
    const SyncBook& s = *state.Doc.Sync;
    if (s.Enabled && s.Config.Class.empty()) return "class.join.business";  // this workspace syncs with a business
    if (s.Enabled) DisconnectSync(state);  // another class: this one is left first
    std::string id = course::ClassIdOfCode(*normal);
    SetTraineeName(state.Doc, name, AppClock());
    SyncConfig config;
    config.Database = course::TraineeDatabase(id, slug);
    config.User = course::TraineeUser(id, slug);
    config.Device = name;
    config.Class = id;
    config.Unit = state.Course.Unit.Id;
    ConnectSync(state, config, *normal);
    return "";
}

// ---- [SECTION] Trainer: create, open, sign in again, leave ----------------------------------------
void CreateClass(AppState& state, const std::string& server, const std::string& user, const std::string& password,
                 const std::string& roster_text) {
    ClassLive& c = Live(state);
    std::vector<course::RosterEntry> roster = course::ParseRoster(roster_text);
    if (roster.empty()) {
        c.Phase = ClassPhase::Failed;
        c.Message = state.T("class.create.no_roster");
        return;
    }
    std::array<uint8_t, course::kClassCodeLength> random{};
    std::random_device device;  // the browser's crypto.getRandomValues under Emscripten
    for (uint8_t& b : random) b = static_cast<uint8_t>(device());
    std::string code = course::MakeClassCode(random);
    std::string id = course::ClassIdOfCode(code);
    c.Server = Trimmed(server);
    c.User = user;
    c.Following = false;
    c.NewCode.clear();
    std::string role = course::TrainerRole(id);
    std::string directory = course::ClassDirectory(id);
    // The directory first, then each trainee's user, database, _security and design document: one
    // chain per trainee, the chains side by side (a class of 25 is 100 requests).
    auto steps = std::make_shared<std::vector<Step>>();
    auto security = [](json members_names, const std::string& role) {
        return json{{"admins", {{"names", json::array()}, {"roles", json::array()}}},
                    {"members", {{"names", std::move(members_names)}, {"roles", json::array({role})}}}}.dump();
    };
    steps->push_back({"PUT", "/" + directory, "", "create " + directory});
    steps->push_back({"PUT", "/" + directory + "/_security", security(json::array(), role), "_security of " + directory});
    steps->push_back({"PUT", "/" + directory + "/roster", course::RosterToJson(roster, id).dump(), "roster"});
    std::string validate = ValidateSource();
    auto chains = std::make_shared<std::vector<std::shared_ptr<std::vector<Step>>>>();
    for (const course::RosterEntry& e : roster) {
        std::string trainee = course::TraineeUser(id, e.Slug);
        std::string db = course::TraineeDatabase(id, e.Slug);
        auto chain = std::make_shared<std::vector<Step>>();
        chains->push_back(chain);
        chain->push_back({"PUT", "/_users/org.couchdb.user:" + trainee,
                          json{{"name", trainee}, {"password", code}, {"roles", json::array()}, {"type", "user"}}.dump(), "user " + trainee});
        chain->push_back({"PUT", "/" + db, "", "create " + db});
        chain->push_back({"PUT", "/" + db + "/_security", security(json::array({trainee}), role), "_security of " + db});
        if (!validate.empty()) chain->push_back({"PUT", "/" + db + "/_design/profila", json{{"validate_doc_update", validate}}.dump(), "validate_doc_update of " + db});
    }
    AppState* st = &state;
    SignInThen(state, password, [st, steps, chains, id, code, roster](int gen) {
        ClassLive& c = Live(*st);
        c.Phase = ClassPhase::Creating;
        RunSteps(*st, steps, 0, gen, [st, chains, gen, id, code, roster](bool ok) {
            if (!ok) return;
            auto left = std::make_shared<size_t>(chains->size());
            auto failed = std::make_shared<bool>(false);
            for (const auto& chain : *chains)
                RunSteps(*st, chain, 0, gen, [st, left, failed, id, code, roster](bool ok) {
                    *failed = *failed || !ok;  // the first refusal's reason stays on screen
                    if (--*left > 0 || *failed) return;
                    ClassLive& c = Live(*st);
                    c.Id = id;
                    c.Following = true;
                    c.NewCode = code;
                    c.Phase = ClassPhase::Ready;
                    c.Message.clear();
                    SetRoster(c, roster);
                    SaveFollow(c);
                });
        });
    });
}

void OpenClass(AppState& state, const std::string& server, const std::string& class_id, const std::string& user,
               const std::string& password) {
    ClassLive& c = Live(state);
    std::string id = class_id;
    if (std::optional<std::string> code = course::NormalizeClassCode(class_id)) id = course::ClassIdOfCode(*code);
    for (char& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    id.erase(std::remove_if(id.begin(), id.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }), id.end());
    bool from_code = id.size() == course::kClassIdLength &&
                     std::all_of(id.begin(), id.end(), [](char ch) { return std::string_view("23456789abcdefghjklmnpqrstuvwxyz").find(ch) != std::string_view::npos; });
    if (!from_code) {  // an id is the first four characters of a code: no 0/o, 1/i
        c.Phase = ClassPhase::Failed;
        c.Message = state.T("class.open.bad_id");
        return;
    }
    c.Server = Trimmed(server);
    c.User = user;
    c.Id = id;
    c.NewCode.clear();
    c.Following = false;
    c.RosterLoaded = false;
    c.Trainees.clear();
    AppState* st = &state;
    SignInThen(state, password, [st](int) {
        ClassLive& c = Live(*st);
        c.Following = true;
        c.Phase = ClassPhase::Ready;
        SaveFollow(c);
    });
}

void SignInClassAgain(AppState& state, const std::string& password) {
    ClassLive& c = Live(state);
    if (!c.Following) return;
    AppState* st = &state;
    SignInThen(state, password, [st](int) {
        ClassLive& c = Live(*st);
        c.Phase = ClassPhase::Ready;
        c.NextPollAt = 0.0;
    });
}

void LeaveClass(AppState& state) {
    ClassLive& c = Live(state);
    ++c.Generation;
    c.Following = false;
    c.RosterLoaded = false;
    c.Trainees.clear();
    c.NewCode.clear();
    c.Phase = ClassPhase::Off;
    c.Message.clear();
    SaveFollow(c);
}

// ---- [SECTION] Trainer: the live class -----------------------------------------------------------
namespace {

void ReadRoster(AppState& state) {
    ClassLive& c = Live(state);
    c.RosterInFlight = true;
    AppState* st = &state;
    int gen = c.Generation;
    http::Request("GET", c.Server + "/" + course::ClassDirectory(c.Id) + "/roster", "", [st, gen](http::Response r) {
        ClassLive& c = Live(*st);
        if (c.Generation != gen) return;
        c.RosterInFlight = false;
        if (r.Status != 200) {
            SetPhaseFrom(c, r, "roster");
            if (r.Status == 404) c.Message = st->T("class.open.no_class");
            c.NextPollAt = AppClock() + kRetrySeconds;
            return;
        }
        SetRoster(c, course::RosterFromJson(json::parse(r.Body, nullptr, false)));
    });
}

// One trainee database's changes since the last read: statements and personas.
void ReadTrainee(AppState& state, size_t index) {
    ClassLive& c = Live(state);
    ClassTraineeLive& t = c.Trainees[index];
    t.InFlight = true;
    json since = json::parse(t.Since, nullptr, false);
    std::string since_text = since.is_string() ? since.get<std::string>() : t.Since;
    std::string encoded;
    for (unsigned char ch : since_text) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') encoded += static_cast<char>(ch);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", ch);
            encoded += buf;
        }
    }
    AppState* st = &state;
    int gen = c.Generation;
    std::string db = t.Database;
    http::Request("GET", c.Server + "/" + db + "/_changes?include_docs=true&limit=1000&since=" + encoded, "", [st, gen, db](http::Response r) {
        ClassLive& c = Live(*st);
        if (c.Generation != gen) return;
        auto it = std::find_if(c.Trainees.begin(), c.Trainees.end(), [&](const ClassTraineeLive& t) { return t.Database == db; });
        if (it == c.Trainees.end()) return;
        ClassTraineeLive& t = *it;
        t.InFlight = false;
        t.Status = r.Status;
        if (std::none_of(c.Trainees.begin(), c.Trainees.end(), [](const ClassTraineeLive& o) { return o.InFlight; })) ++c.Polls;
        if (r.Status == 401) {
            c.Phase = ClassPhase::AuthProblem;  // the session ended: the password is asked again
            return;
        }
        if (r.Status == 0) {
            c.Phase = ClassPhase::Offline;
            return;
        }
        if (r.Status != 200) return;  // 403 or 404: said on that trainee's row
        if (c.Phase == ClassPhase::Offline) c.Phase = ClassPhase::Ready;
        json j = json::parse(r.Body, nullptr, false);
        if (!j.is_object() || !j.contains("results") || !j["results"].is_array()) return;
        bool changed = false;
        for (const json& change : j["results"]) {
            std::string id = change.value("id", "");
            bool deleted = change.value("deleted", false);
            if (id.rfind("persona:", 0) == 0) {
                if (deleted) t.Personas.erase(id);
                else t.Personas.insert(id);
                changed = true;
            } else if (id.rfind("statement:", 0) == 0 && change.contains("doc")) {
                if (deleted) t.Statements.erase(id);
                else t.Statements[id] = change["doc"].dump(-1, ' ', false, json::error_handler_t::replace);
                changed = true;
            }
        }
        if (j.contains("last_seq")) t.Since = j["last_seq"].dump();
        if (changed || t.Result.Statements == 0) {
            std::vector<json> docs;
            docs.reserve(t.Statements.size());
            for (const auto& [id, text] : t.Statements) docs.push_back(json::parse(text, nullptr, false));
            t.Result = course::HandInFromStatements(t.Name, docs, static_cast<int>(t.Personas.size()));
        }
    });
}

}  // namespace

void ClassFrame(AppState& state, bool screen_open) {
    ClassLive& c = Live(state);
    ReadFollow(c);
    if (!screen_open || !c.Following || (c.Phase != ClassPhase::Ready && c.Phase != ClassPhase::Offline)) return;
    double now = AppClock();
    if (!c.RosterLoaded) {
        if (!c.RosterInFlight && now >= c.NextPollAt) ReadRoster(state);
        return;
    }
    if (now < c.NextPollAt) return;
    if (std::any_of(c.Trainees.begin(), c.Trainees.end(), [](const ClassTraineeLive& t) { return t.InFlight; })) return;
    c.NextPollAt = now + kPollSeconds;
    for (size_t i = 0; i < c.Trainees.size(); ++i) ReadTrainee(state, i);
}

std::vector<course::HandIn> LiveHandIns(const AppState& state) {
    std::vector<course::HandIn> out;
    for (const ClassTraineeLive& t : state.Course.Class.Trainees) out.push_back(t.Result);
    return out;
}

// ---- [SECTION] Status ---------------------------------------------------------------------------------
std::string ClassStatusJson(const AppState& state) {
    const ClassLive& c = state.Course.Class;
    static const char* kPhases[] = {"off", "signing-in", "creating", "ready", "auth-problem", "no-access", "offline", "failed"};
    json trainees = json::array();
    for (const ClassTraineeLive& t : c.Trainees) {
        int passed = 0;
        for (const course::HandInLesson& l : t.Result.Lessons) passed += l.Passed ? 1 : 0;
        trainees.push_back({{"name", t.Name}, {"database", t.Database}, {"status", t.Status}, {"statements", t.Result.Statements},
                            {"personas", t.Result.Personas}, {"lessonsPassed", passed}});
    }
    const SyncBook& s = *state.Doc.Sync;
    json j = {{"following", c.Following}, {"id", c.Id}, {"user", c.User}, {"server", c.Server}, {"phase", kPhases[static_cast<int>(c.Phase)]},
              {"message", c.Message}, {"code", c.NewCode.empty() ? "" : course::FormatClassCode(c.NewCode)}, {"polls", c.Polls},
              {"trainees", trainees},
              {"joined", s.Enabled && !s.Config.Class.empty() ? s.Config.Class : ""}, {"joinError", c.JoinError}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}
