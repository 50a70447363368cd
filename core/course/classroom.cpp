// A class over CouchDB: names, the join code, statements (see classroom.h).
#include "course/classroom.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "course/internal.h"
#include "text/fold.h"

namespace profila::course {

using nlohmann::json;

namespace {
// 32 characters with no look-alikes: no 0/O, no 1/I (read aloud and copied from a board).
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
}  // namespace

// ---- Names and the join code ----------------------------------------------------------------------
std::string MakeClassCode(const std::array<uint8_t, kClassCodeLength>& random) {
    std::string code;
    for (uint8_t b : random) code += kAlphabet[b % kAlphabet.size()];
    return code;
}

std::string FormatClassCode(std::string_view code) {
    std::string out;
    for (size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += code[i];
    }
    return out;
}

std::optional<std::string> NormalizeClassCode(std::string_view typed) {
    std::string code;
    for (char ch : typed) {
        if (ch == ' ' || ch == '-' || ch == '\t') continue;
        char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (kAlphabet.find(up) == std::string_view::npos) return std::nullopt;
        code += up;
    }
    if (code.size() != kClassCodeLength) return std::nullopt;
    return code;
}

std::string ClassIdOfCode(std::string_view code) {
    std::string id(code.substr(0, std::min(code.size(), kClassIdLength)));
    for (char& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return id;
}

std::string TraineeSlug(std::string_view name) {
    std::string slug = FoldForMatch(name);
    std::replace(slug.begin(), slug.end(), ' ', '-');
    if (slug.size() > 40) slug.resize(40);  // a database name stays short (CouchDB allows 238)
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::string TraineeUser(std::string_view class_id, std::string_view slug) { return "class-" + std::string(class_id) + "-" + std::string(slug); }
std::string TraineeDatabase(std::string_view class_id, std::string_view slug) { return "profila-class-" + std::string(class_id) + "-" + std::string(slug); }
std::string ClassDirectory(std::string_view class_id) { return "profila-class-" + std::string(class_id); }
std::string TrainerRole(std::string_view class_id) { return "class-" + std::string(class_id) + "-trainer"; }

std::vector<RosterEntry> ParseRoster(std::string_view text) {
    std::vector<RosterEntry> out;
    std::set<std::string> seen;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find_first_of(",;\n", start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view part = text.substr(start, end - start);
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front()))) part.remove_prefix(1);
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back()))) part.remove_suffix(1);
        std::string slug = TraineeSlug(part);
        if (!slug.empty() && seen.insert(slug).second) out.push_back({std::string(part), slug});
        start = end + 1;
    }
    return out;
}

json RosterToJson(const std::vector<RosterEntry>& roster, std::string_view class_id) {
    json trainees = json::array();
    for (const RosterEntry& e : roster) trainees.push_back({{"name", e.Name}, {"slug", e.Slug}});
    return {{"_id", "roster"}, {"type", "roster"}, {"class", class_id}, {"trainees", trainees}};
}

std::vector<RosterEntry> RosterFromJson(const json& doc) {
    std::vector<RosterEntry> out;
    if (!doc.is_object() || !doc.contains("trainees") || !doc["trainees"].is_array()) return out;
    for (const json& t : doc["trainees"]) {
        if (!t.is_object()) continue;
        std::string name = t.value("name", "");
        std::string slug = t.value("slug", TraineeSlug(name));
        if (!slug.empty() && slug == TraineeSlug(slug)) out.push_back({name, slug});  // a slug is also a database name: checked
    }
    return out;
}

// ---- Statements -------------------------------------------------------------------------------------
json StatementMarkToJson(const StatementMark& mark) {
    json runs = json::object();
    for (const auto& [lesson, n] : mark.Runs) runs[lesson] = n;
    return {{"attempts", mark.Attempts}, {"runs", runs}};
}

StatementMark StatementMarkFromJson(const json& j) {
    StatementMark m;
    if (!j.is_object()) return m;
    if (j.contains("attempts") && j["attempts"].is_number_unsigned()) m.Attempts = j["attempts"].get<size_t>();
    if (j.contains("runs") && j["runs"].is_object())
        for (const auto& [lesson, n] : j["runs"].items())
            if (n.is_number_unsigned()) m.Runs[lesson] = n.get<size_t>();
    return m;
}

StatementMark MarkAll(const Progress& progress) {
    StatementMark m;
    m.Attempts = progress.Attempts.size();
    for (const auto& [lesson, lp] : progress.Lessons) m.Runs[lesson] = lp.Runs.size();
    return m;
}

std::vector<json> NewStatements(const Progress& progress, StatementMark& mark, const StatementWriter& writer,
                                const std::function<std::string()>& new_id, int64_t now) {
    std::vector<json> out;
    auto base = [&](const char* verb, const std::string& object, const std::string& lesson, double score, bool pass, int round,
                    double seconds, int64_t when) {
        return json{{"_id", "statement:" + writer.User + "-" + new_id()},
                    {"type", "statement"},
                    {"schema", 1},
                    {"trainee", writer.User},
                    {"name", writer.Name},
                    {"unit", writer.Unit},
                    {"verb", verb},
                    {"object", object},
                    {"lesson", lesson},
                    {"score", score},
                    {"pass", pass},
                    {"round", round},
                    {"seconds", seconds},
                    {"when", IsoTime(when)},
                    {"device", writer.Device},
                    {"edited", IsoTime(now)}};
    };
    if (progress.Attempts.size() < mark.Attempts) {
        mark.Attempts = progress.Attempts.size();  // replaced by a shorter progress: nothing to state again
    } else {
        for (size_t i = mark.Attempts; i < progress.Attempts.size(); ++i) {
            const Attempt& a = progress.Attempts[i];
            out.push_back(base("answered", a.ItemId, a.ItemId.substr(0, a.ItemId.find('.')), a.Score, a.Score >= 1.0 - 1e-9, a.Round,
                               a.Seconds, a.When));
        }
        mark.Attempts = progress.Attempts.size();
    }
    for (const auto& [lesson, lp] : progress.Lessons) {
        size_t& done = mark.Runs[lesson];
        if (lp.Runs.size() < done) {
            done = lp.Runs.size();
            continue;
        }
        for (size_t i = done; i < lp.Runs.size(); ++i) {
            const LessonRun& r = lp.Runs[i];
            out.push_back(base("completed", lesson, lesson, r.Score, r.Passed, r.Round, r.Seconds, r.When));
        }
        done = lp.Runs.size();
    }
    return out;
}

bool HasUnstated(const Progress& progress, const StatementMark& mark) {
    if (progress.Attempts.size() != mark.Attempts) return true;
    for (const auto& [lesson, lp] : progress.Lessons) {
        auto it = mark.Runs.find(lesson);
        if (lp.Runs.size() != (it == mark.Runs.end() ? 0 : it->second)) return true;
    }
    return false;
}

bool IsStatement(const json& doc) {
    if (!doc.is_object() || doc.value("type", "") != "statement") return false;
    const std::string id = doc.value("_id", "");
    if (id.rfind("statement:", 0) != 0) return false;
    std::string verb = doc.value("verb", "");
    return (verb == "answered" || verb == "completed") && doc.contains("object") && doc["object"].is_string() && doc.contains("score") &&
           doc["score"].is_number();
}

HandIn HandInFromStatements(std::string_view trainee, const std::vector<json>& statements, int personas) {
    std::vector<const json*> sorted;
    for (const json& s : statements)
        if (IsStatement(s)) sorted.push_back(&s);
    std::stable_sort(sorted.begin(), sorted.end(), [](const json* a, const json* b) {
        std::string wa = a->value("when", ""), wb = b->value("when", "");
        return wa != wb ? wa < wb : a->value("_id", "") < b->value("_id", "");
    });
    HandIn h;
    h.Trainee = std::string(trainee);
    h.Personas = personas;
    std::map<std::string, HandInLesson> lessons;
    for (const json* s : sorted) {
        std::string object = (*s)["object"].get<std::string>();
        double score = (*s)["score"].get<double>();
        if ((*s)["verb"] == "answered") {
            h.ItemScores[object].push_back(score);
        } else {
            HandInLesson& l = lessons[object];
            l.LessonId = object;
            ++l.Rounds;
            l.Best = std::max(l.Best, score);
            l.Last = score;
            l.Passed = l.Passed || s->value("pass", false);
        }
        ++h.Statements;
    }
    for (auto& [id, l] : lessons) h.Lessons.push_back(l);
    return h;
}

}  // namespace profila::course
