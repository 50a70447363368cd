// The hand-in file a trainee exports (xAPI-style statements) and reading it back for the trainer.
#include <cstdio>

#include "course/internal.h"

namespace profila::course {

using nlohmann::json;

std::string IsoTime(int64_t unix_seconds) {
    int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
    int64_t rest = unix_seconds - days * 86400;
    // Civil from days (Howard Hinnant's algorithm).
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
    return buf;
}

std::string BuildHandIn(const Unit& unit, const Progress& progress, const std::vector<std::string>& persona_jsons,
                        int64_t now) {
    json j;
    j["format"] = "profila-hand-in";
    j["version"] = 1;
    j["unit"] = unit.Id;
    j["trainee"] = progress.Trainee;
    j["exported"] = IsoTime(now);
    j["exported_unix"] = now;
    j["pass_mark"] = unit.PassMark;
    json actor = {{"objectType", "Agent"}, {"name", progress.Trainee}};
    json statements = json::array();
    auto object_for = [&](const std::string& id, const char* kind) {
        return json{{"id", "profila:course/" + unit.Id + "/" + id}, {"type", kind}};
    };
    // Attempts and lesson runs interleaved in time order (runs come after their last answer).
    struct Entry {
        int64_t When;
        int Order;
        json Statement;
    };
    std::vector<Entry> entries;
    int order = 0;
    for (const Attempt& a : progress.Attempts) {
        const Item* item = unit.FindItem(a.ItemId);
        json s;
        s["actor"] = actor;
        s["verb"] = "answered";
        s["object"] = object_for(a.ItemId, item ? ItemTypeName(item->Type) : "item");
        s["result"] = {{"score", {{"scaled", a.Score}}}, {"success", a.Score >= 1.0 - 1e-9}, {"duration_s", a.Seconds},
                       {"response", AnswerToJson(a.Response)}};
        s["context"] = {{"round", a.Round}};
        s["timestamp"] = IsoTime(a.When);
        entries.push_back({a.When, order++, s});
    }
    for (const auto& [lesson_id, lp] : progress.Lessons) {
        for (const LessonRun& r : lp.Runs) {
            json s;
            s["actor"] = actor;
            s["verb"] = "completed";
            s["object"] = object_for(lesson_id, "lesson");
            s["result"] = {{"score", {{"scaled", r.Score}}}, {"completion", true}, {"duration_s", r.Seconds}};
            s["context"] = {{"round", r.Round}};
            s["timestamp"] = IsoTime(r.When);
            entries.push_back({r.When, order++, s});
            json v = s;
            v["verb"] = r.Passed ? "passed" : "failed";
            v["result"]["success"] = r.Passed;
            entries.push_back({r.When, order++, v});
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.When < b.When; });
    for (Entry& e : entries) statements.push_back(std::move(e.Statement));
    j["statements"] = statements;
    json personas = json::array();
    for (const std::string& p : persona_jsons) {
        json pj = json::parse(p, nullptr, false);
        if (!pj.is_discarded()) personas.push_back(pj);
    }
    j["personas"] = personas;
    return j.dump(1);
}

HandInResult ReadHandIn(std::string_view text) {
    HandInResult result;
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        result.Error = "not a JSON object";
        return result;
    }
    if (j.value("format", "") != "profila-hand-in") {
        result.Error = "field \"format\" is not profila-hand-in";
        return result;
    }
    if (!j.contains("statements") || !j["statements"].is_array()) {
        result.Error = "field \"statements\" is missing or not a list";
        return result;
    }
    HandIn h;
    h.Trainee = j.value("trainee", "");
    h.Exported = j.value("exported_unix", int64_t{0});
    h.Personas = j.contains("personas") && j["personas"].is_array() ? static_cast<int>(j["personas"].size()) : 0;
    std::map<std::string, HandInLesson> lessons;
    const std::string id_prefix = "profila:course/" + j.value("unit", "") + "/";
    size_t n = 0;
    for (const json& s : j["statements"]) {
        std::string where = "statements[" + std::to_string(n++) + "]";
        if (!s.is_object() || !s.contains("verb") || !s.contains("object") || !s.contains("result")) {
            result.Error = where + ": needs verb, object and result";
            return result;
        }
        std::string verb = s.value("verb", "");
        std::string id = s["object"].value("id", "");
        if (id.compare(0, id_prefix.size(), id_prefix) == 0) id = id.substr(id_prefix.size());
        double score = 0.0;
        if (s["result"].contains("score") && s["result"]["score"].is_object())
            score = s["result"]["score"].value("scaled", 0.0);
        if (verb == "answered") {
            h.ItemScores[id].push_back(score);
        } else if (verb == "completed") {
            HandInLesson& l = lessons[id];
            l.LessonId = id;
            ++l.Rounds;
            l.Best = std::max(l.Best, score);
            l.Last = score;
        } else if (verb == "passed") {
            lessons[id].LessonId = id;
            lessons[id].Passed = true;
        }
        ++h.Statements;
    }
    for (auto& [id, l] : lessons) h.Lessons.push_back(l);
    result.Value = std::move(h);
    return result;
}

}  // namespace profila::course
