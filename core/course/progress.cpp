// Course progress: attempts, lesson rounds and their scores, and the progress file (JSON).
#include "course/internal.h"

namespace profila::course {

using nlohmann::json;

const LessonProgress* Progress::FindLesson(std::string_view id) const {
    auto it = Lessons.find(std::string(id));
    return it == Lessons.end() ? nullptr : &it->second;
}

ItemStats StatsForItem(const Progress& progress, std::string_view item_id) {
    ItemStats s;
    for (const Attempt& a : progress.Attempts) {
        if (a.ItemId != item_id) continue;
        if (s.Attempts == 0) s.First = a.Score;
        s.Best = std::max(s.Best, a.Score);
        s.Last = a.Score;
        s.Seconds += a.Seconds;
        ++s.Attempts;
    }
    return s;
}

double RoundScore(const Lesson& lesson, const Progress& progress, int round) {
    std::vector<const Item*> items = RoundItems(lesson, round);
    if (items.empty()) return 0.0;
    double sum = 0.0;
    for (const Item* item : items) {
        double last = 0.0;
        for (const Attempt& a : progress.Attempts)
            if (a.ItemId == item->Id && a.Round == round) last = a.Score;
        sum += last;
    }
    return sum / double(items.size());
}

std::vector<std::string> ConceptsToReview(const Lesson& lesson, const Progress& progress, int round) {
    std::map<std::string, double> score;
    for (const Item* item : RoundItems(lesson, round)) {
        double last = 0.0;
        for (const Attempt& a : progress.Attempts)
            if (a.ItemId == item->Id && a.Round == round) last = a.Score;
        score[item->Concept] = last;
    }
    std::vector<std::string> out;
    for (const Concept& c : lesson.Concepts)
        if (score.count(c.Id) && score[c.Id] < 1.0 - 1e-9) out.push_back(c.Id);
    return out;
}

int FitProgress(Progress& progress, const Unit& unit) {
    int reset = 0;
    for (auto& [id, lp] : progress.Lessons) {
        const Lesson* lesson = unit.FindLesson(id);
        if (!lesson) continue;  // a lesson that no longer exists: kept, never shown
        size_t n = RoundItems(*lesson, lp.Round).size();
        if (lp.Current < 0 || (!lp.Finished && static_cast<size_t>(lp.Current) >= n)) {
            RetryLesson(progress, *lesson);
            ++reset;
        }
    }
    return reset;
}

namespace {

void Record(Progress& progress, const Unit& unit, const Lesson& lesson, const Item& item, size_t round_size, const Answer& answer,
            double score, double seconds, int64_t now) {
    LessonProgress& lp = progress.Lessons[lesson.Id];
    Attempt attempt;
    attempt.ItemId = item.Id;
    attempt.Round = lp.Round;
    attempt.Score = score;
    attempt.Seconds = seconds;
    attempt.When = now;
    attempt.Response = answer;
    progress.Attempts.push_back(std::move(attempt));
    ++lp.Current;
    if (lp.Current >= static_cast<int>(round_size)) {
        LessonRun run;
        run.Round = lp.Round;
        run.Score = RoundScore(lesson, progress, lp.Round);
        run.Passed = run.Score >= unit.PassMark - 1e-9;
        run.When = now;
        for (const Attempt& a : progress.Attempts)
            if (a.Round == lp.Round && lesson.Id == a.ItemId.substr(0, a.ItemId.find('.'))) run.Seconds += a.Seconds;
        lp.Runs.push_back(run);
        lp.Finished = true;
    }
}

}  // namespace

Grade RecordAnswer(Progress& progress, const Unit& unit, const Lesson& lesson, const Answer& answer, double seconds,
                   int64_t now) {
    LessonProgress& lp = progress.Lessons[lesson.Id];
    if (lp.Finished || lp.Current < 0 || lp.Current >= static_cast<int>(lesson.Items.size())) return {};
    std::vector<const Item*> items = RoundItems(lesson, lp.Round);
    if (lp.Finished || lp.Current < 0 || lp.Current >= static_cast<int>(items.size())) return {};
    const Item& item = *items[static_cast<size_t>(lp.Current)];
    Grade g = GradeAnswer(item, answer);
    Record(progress, unit, lesson, item, items.size(), answer, g.Score, seconds, now);
    return g;
}

bool RecordScore(Progress& progress, const Unit& unit, const Lesson& lesson, const Answer& answer, double score,
                 double seconds, int64_t now) {
    LessonProgress& lp = progress.Lessons[lesson.Id];
    std::vector<const Item*> items = RoundItems(lesson, lp.Round);
    if (lp.Finished || lp.Current < 0 || lp.Current >= static_cast<int>(items.size())) return false;
    Record(progress, unit, lesson, *items[static_cast<size_t>(lp.Current)], items.size(), answer, std::max(0.0, std::min(1.0, score)),
           seconds, now);
    return true;
}

void RetryLesson(Progress& progress, const Lesson& lesson) {
    LessonProgress& lp = progress.Lessons[lesson.Id];
    int last_round = lp.Round;
    for (const Attempt& a : progress.Attempts)
        if (a.ItemId.compare(0, lesson.Id.size() + 1, lesson.Id + ".") == 0) last_round = std::max(last_round, a.Round);
    lp.Round = last_round + 1;
    lp.Current = 0;
    lp.Finished = false;
}

Band ScoreBand(double score, double pass_mark) {
    if (score < 0.5) return Band::Low;
    if (score < pass_mark - 1e-9) return Band::Near;
    if (score < 0.9) return Band::Good;
    return Band::Excellent;
}

const char* BandKey(Band band) {
    switch (band) {
        case Band::Low: return "course.band.low";
        case Band::Near: return "course.band.near";
        case Band::Good: return "course.band.good";
        case Band::Excellent: return "course.band.excellent";
    }
    return "course.band.low";
}

std::string ProgressToJson(const Progress& p) {
    json j;
    j["format"] = "profila-course-progress";
    j["version"] = 1;
    j["trainee"] = p.Trainee;
    json lessons = json::object();
    for (const auto& [id, lp] : p.Lessons) {
        json runs = json::array();
        for (const LessonRun& r : lp.Runs)
            runs.push_back({{"round", r.Round}, {"score", r.Score}, {"passed", r.Passed}, {"seconds", r.Seconds}, {"when", r.When}});
        lessons[id] = {{"round", lp.Round}, {"current", lp.Current}, {"finished", lp.Finished}, {"runs", runs}};
    }
    j["lessons"] = lessons;
    json attempts = json::array();
    for (const Attempt& a : p.Attempts)
        attempts.push_back({{"item", a.ItemId}, {"round", a.Round}, {"score", a.Score}, {"seconds", a.Seconds},
                            {"when", a.When}, {"response", AnswerToJson(a.Response)}});
    j["attempts"] = attempts;
    return j.dump();
}

std::optional<std::string> ProgressFromJson(std::string_view text, Progress& out) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "progress: not a JSON object";
    if (j.value("format", "") != "profila-course-progress") return "progress: field \"format\" is not profila-course-progress";
    Progress p;
    std::string field = "trainee";
    try {
        p.Trainee = j.value("trainee", "");
        field = "lessons";
        for (const auto& [id, jl] : j.at("lessons").items()) {
            field = "lessons." + id;
            LessonProgress lp;
            lp.Round = jl.at("round").get<int>();
            lp.Current = jl.at("current").get<int>();
            lp.Finished = jl.at("finished").get<bool>();
            for (const json& r : jl.at("runs"))
                lp.Runs.push_back({r.at("round").get<int>(), r.at("score").get<double>(), r.at("passed").get<bool>(),
                                   r.value("seconds", 0.0), r.value("when", int64_t{0})});
            p.Lessons[id] = lp;
        }
        size_t n = 0;
        for (const json& ja : j.at("attempts")) {
            field = "attempts[" + std::to_string(n++) + "]";
            Attempt a;
            a.ItemId = ja.at("item").get<std::string>();
            a.Round = ja.at("round").get<int>();
            a.Score = ja.at("score").get<double>();
            a.Seconds = ja.value("seconds", 0.0);
            a.When = ja.value("when", int64_t{0});
            if (ja.contains("response")) a.Response = AnswerFromJson(ja.at("response"));
            p.Attempts.push_back(std::move(a));
        }
    } catch (const json::exception& e) {
        return "progress: field \"" + field + "\" is missing or has the wrong type";
    }
    out = std::move(p);
    return std::nullopt;
}

}  // namespace profila::course
