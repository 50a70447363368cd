// Course exercises: content parsing, grading, shuffling, progress and the hand-in file.
#include "course/course.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "text/hash.h"

namespace profila::course {

using nlohmann::json;

namespace {

constexpr const char* kTypeNames[] = {"single", "multi", "sort", "match", "order", "numeric", "scenario", "task"};

bool Contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// SplitMix64: a tiny, portable generator, so shuffles are identical on every platform
// (std::shuffle's algorithm is not specified by the standard).
uint64_t SplitMix(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// The basis the shuffles were first seeded with: FNV's offset basis with its last digit lost.
// Kept, so every item shows the same order it always has (a round in progress stays as it was).
constexpr uint64_t kShuffleBasis = 1469598103934665603ull;

std::vector<int> Permutation(uint64_t seed, size_t n) {
    std::vector<int> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = static_cast<int>(i);
    uint64_t state = seed;
    for (size_t i = n; i > 1; --i) {
        size_t j = static_cast<size_t>(SplitMix(state) % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

std::vector<std::string> StringList(const json& j, const char* field, const std::string& where,
                                    std::vector<std::string>& errors) {
    std::vector<std::string> out;
    if (!j.contains(field)) return out;
    if (!j[field].is_array()) {
        errors.push_back(where + "." + field + ": must be a list of ids");
        return out;
    }
    for (const json& e : j[field]) {
        if (!e.is_string()) {
            errors.push_back(where + "." + field + ": every entry must be a text id");
            continue;
        }
        out.push_back(e.get<std::string>());
    }
    return out;
}

bool HasDuplicates(const std::vector<std::string>& v) { return std::set<std::string>(v.begin(), v.end()).size() != v.size(); }

void CheckItem(const Item& item, const std::string& where, std::vector<std::string>& errors) {
    auto err = [&](const std::string& what) { errors.push_back(where + " (" + item.Id + "): " + what); };
    if (HasDuplicates(item.Options)) err("duplicate ids in options");
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
            if (item.Options.size() < 2) err("needs at least two options");
            if (item.Correct.size() != 1) err("needs exactly one right option");
            break;
        case ItemType::Multi:
            if (item.Options.size() < 3) err("needs at least three options");
            if (item.Correct.empty()) err("needs at least one right option");
            break;
        case ItemType::Sort:
            if (item.Categories.size() < 2) err("needs at least two categories");
            if (item.Options.size() < 2) err("needs at least two cards");
            if (item.CardCategory.size() != item.Options.size()) err("needs one category per card");
            for (const std::string& c : item.CardCategory)
                if (!Contains(item.Categories, c)) err("card category \"" + c + "\" is not a category");
            break;
        case ItemType::Match: {
            if (item.Rows.size() < 2) err("needs at least two rows");
            size_t width = item.Rows.empty() ? 0 : item.Rows[0].size();
            if (width < 2) err("rows need a label and at least one answer column");
            for (const auto& row : item.Rows)
                if (row.size() != width) err("all rows need the same number of columns");
            for (size_t c = 1; c < width; ++c) {
                std::vector<std::string> column;
                for (const auto& row : item.Rows) column.push_back(row[c]);
                if (HasDuplicates(column)) err("answer column " + std::to_string(c) + " repeats an entry");
            }
            break;
        }
        case ItemType::Order:
            if (item.Options.size() < 3) err("needs at least three steps");
            break;
        case ItemType::Numeric:
            if (!(item.Tolerance >= 0)) err("tolerance must be zero or more");
            if (!item.Units.empty() && !Contains(item.Units, item.Unit)) err("the right unit is not among the units");
            break;
        case ItemType::Task:
            if (item.Options.empty()) err("needs a checklist");
            break;
    }
    for (const std::string& c : item.Correct)
        if (!Contains(item.Options, c)) err("right option \"" + c + "\" is not an option");
}

double ClampScore(double s) { return std::max(0.0, std::min(1.0, s)); }

json AnswerToJson(const Answer& a) {
    json j = json::object();
    j["values"] = a.Values;
    if (a.Number) j["number"] = *a.Number;
    if (!a.Unit.empty()) j["unit"] = a.Unit;
    return j;
}

Answer AnswerFromJson(const json& j) {
    Answer a;
    if (j.contains("values")) a.Values = j.at("values").get<std::vector<std::string>>();
    if (j.contains("number")) a.Number = j.at("number").get<double>();
    if (j.contains("unit")) a.Unit = j.at("unit").get<std::string>();
    return a;
}

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

}  // namespace

const char* ItemTypeName(ItemType type) { return kTypeNames[static_cast<int>(type)]; }

std::optional<ItemType> ParseItemType(std::string_view name) {
    for (int i = 0; i < 8; ++i)
        if (name == kTypeNames[i]) return static_cast<ItemType>(i);
    return std::nullopt;
}

const Lesson* Unit::FindLesson(std::string_view id) const {
    for (const Lesson& l : Lessons)
        if (l.Id == id) return &l;
    return nullptr;
}

const Item* Unit::FindItem(std::string_view id) const {
    for (const Lesson& l : Lessons)
        for (const Item& i : l.Items)
            if (i.Id == id) return &i;
    return nullptr;
}

ParseResult ParseUnit(std::string_view json_text) {
    ParseResult result;
    json root = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        result.Errors.push_back("unit: not a JSON object");
        return result;
    }
    Unit& unit = result.Value;
    unit.Id = root.value("id", "");
    unit.PassMark = root.value("pass_mark", 0.7);
    if (!root.contains("lessons") || !root["lessons"].is_array()) {
        result.Errors.push_back("unit: \"lessons\" must be a list");
        return result;
    }
    std::set<std::string> ids;
    size_t li = 0;
    for (const json& jl : root["lessons"]) {
        std::string lwhere = "lessons[" + std::to_string(li++) + "]";
        Lesson lesson;
        lesson.Id = jl.value("id", "");
        lesson.Minutes = jl.value("minutes", 5);
        if (lesson.Id.empty()) result.Errors.push_back(lwhere + ": missing id");
        if (!jl.contains("items") || !jl["items"].is_array()) {
            result.Errors.push_back(lwhere + ": \"items\" must be a list");
            continue;
        }
        size_t ii = 0;
        for (const json& ji : jl["items"]) {
            std::string where = lwhere + ".items[" + std::to_string(ii++) + "]";
            Item item;
            item.Id = ji.value("id", "");
            if (item.Id.empty()) result.Errors.push_back(where + ": missing id");
            if (!ids.insert(item.Id).second) result.Errors.push_back(where + ": id \"" + item.Id + "\" used twice");
            auto type = ParseItemType(ji.value("type", ""));
            if (!type) {
                result.Errors.push_back(where + ": unknown type \"" + ji.value("type", "") + "\"");
                continue;
            }
            item.Type = *type;
            item.Options = StringList(ji, "options", where, result.Errors);
            item.Correct = StringList(ji, "correct", where, result.Errors);
            item.Categories = StringList(ji, "categories", where, result.Errors);
            item.Units = StringList(ji, "units", where, result.Errors);
            item.HasHint = ji.value("hint", false);
            item.Link = ji.value("link", "");
            if (item.Type == ItemType::Sort && ji.contains("cards") && ji["cards"].is_array()) {
                for (const json& pair : ji["cards"]) {
                    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
                        result.Errors.push_back(where + ".cards: each card is [\"card id\", \"category id\"]");
                        continue;
                    }
                    item.Options.push_back(pair[0].get<std::string>());
                    item.CardCategory.push_back(pair[1].get<std::string>());
                }
            }
            if (item.Type == ItemType::Match && ji.contains("rows") && ji["rows"].is_array()) {
                for (const json& row : ji["rows"]) {
                    std::vector<std::string> cells;
                    if (row.is_array())
                        for (const json& c : row)
                            if (c.is_string()) cells.push_back(c.get<std::string>());
                    item.Rows.push_back(cells);
                }
            }
            if (item.Type == ItemType::Numeric) {
                if (!ji.contains("value") || !ji["value"].is_number())
                    result.Errors.push_back(where + ": numeric item needs a number \"value\"");
                else
                    item.Value = ji["value"].get<double>();
                item.Tolerance = ji.value("tolerance", 0.0);
                item.Unit = ji.value("unit", "");
            }
            CheckItem(item, where, result.Errors);
            lesson.Items.push_back(std::move(item));
        }
        if (lesson.Items.empty()) result.Errors.push_back(lwhere + ": no items");
        unit.Lessons.push_back(std::move(lesson));
    }
    return result;
}

std::vector<std::string> TextKeys(const Lesson& lesson) { return {lesson.Id + ".title", lesson.Id + ".intro"}; }

std::vector<std::string> TextKeys(const Item& item) {
    const std::string& id = item.Id;
    std::vector<std::string> keys = {id + ".prompt", id + ".explain"};
    if (item.HasHint) keys.push_back(id + ".hint");
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Multi:
        case ItemType::Scenario:
        case ItemType::Order:
        case ItemType::Sort:
            for (const std::string& o : item.Options) {
                keys.push_back(id + "." + o);
                keys.push_back(id + "." + o + ".why");
            }
            for (const std::string& c : item.Categories) keys.push_back(id + "." + c);
            break;
        case ItemType::Match:
            if (!item.Rows.empty())
                for (size_t c = 0; c < item.Rows[0].size(); ++c) keys.push_back(id + ".col" + std::to_string(c));
            for (const auto& row : item.Rows) {
                for (const std::string& cell : row) keys.push_back(id + "." + cell);
                if (!row.empty()) keys.push_back(id + "." + row[0] + ".why");
            }
            break;
        case ItemType::Numeric:
            for (const std::string& u : item.Units) keys.push_back(id + "." + u);
            break;
        case ItemType::Task:
            for (const std::string& o : item.Options) keys.push_back(id + "." + o);
            break;
    }
    return keys;
}

std::vector<std::string> MissingTexts(const Unit& unit, const StringTable& texts) {
    std::vector<std::string> missing;
    auto check = [&](const std::vector<std::string>& keys) {
        for (const std::string& k : keys) {
            auto it = texts.Entries.find(k);
            if (it == texts.Entries.end() || it->second.empty()) missing.push_back(k);
        }
    };
    for (const Lesson& l : unit.Lessons) {
        check(TextKeys(l));
        for (const Item& i : l.Items) check(TextKeys(i));
    }
    return missing;
}

// ---- Grading ------------------------------------------------------------------------------

bool IsAnswerComplete(const Item& item, const Answer& a) {
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
        case ItemType::Multi: return !a.Values.empty();
        case ItemType::Sort:
        case ItemType::Match:
            return !a.Values.empty() && std::none_of(a.Values.begin(), a.Values.end(), [](const std::string& v) { return v.empty(); });
        case ItemType::Order: return a.Values.size() == item.Options.size();
        case ItemType::Numeric: return a.Number.has_value() && (item.Units.empty() || !a.Unit.empty());
        case ItemType::Task: return true;
    }
    return false;
}

Grade GradeAnswer(const Item& item, const Answer& a) {
    Grade g;
    g.ExplainKey = item.Id + ".explain";
    const std::string prefix = item.Id + ".";
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
        case ItemType::Multi: {
            int right_picked = 0, wrong_picked = 0;
            for (const std::string& o : item.Options) {
                bool picked = Contains(a.Values, o);
                bool right = Contains(item.Correct, o);
                if (!picked && !right) continue;
                FeedbackLine line;
                line.SubjectKey = prefix + o;
                line.WhyKey = prefix + o + ".why";
                line.Result = picked ? (right ? Mark::Right : Mark::Wrong) : Mark::Missed;
                if (picked && right) ++right_picked;
                if (picked && !right) ++wrong_picked;
                g.Lines.push_back(line);
            }
            if (item.Type == ItemType::Multi)
                g.Score = ClampScore(double(right_picked - wrong_picked) / double(item.Correct.size()));
            else
                g.Score = (right_picked == 1 && wrong_picked == 0) ? 1.0 : 0.0;
            break;
        }
        case ItemType::Sort: {
            size_t right = 0;
            for (size_t i = 0; i < item.Options.size(); ++i) {
                std::string given = i < a.Values.size() ? a.Values[i] : "";
                FeedbackLine line;
                line.SubjectKey = prefix + item.Options[i];
                line.WhyKey = prefix + item.Options[i] + ".why";
                line.GivenKey = given.empty() ? "" : prefix + given;
                line.ExpectedKey = prefix + item.CardCategory[i];
                line.Result = given.empty() ? Mark::Missed : given == item.CardCategory[i] ? Mark::Right : Mark::Wrong;
                if (line.Result == Mark::Right) ++right;
                g.Lines.push_back(line);
            }
            g.Score = double(right) / double(item.Options.size());
            break;
        }
        case ItemType::Match: {
            size_t cols = item.Rows.empty() ? 0 : item.Rows[0].size() - 1;
            size_t right = 0, total = 0;
            for (size_t r = 0; r < item.Rows.size(); ++r) {
                for (size_t c = 0; c < cols; ++c) {
                    size_t idx = r * cols + c;
                    std::string given = idx < a.Values.size() ? a.Values[idx] : "";
                    const std::string& expected = item.Rows[r][c + 1];
                    FeedbackLine line;
                    line.SubjectKey = prefix + item.Rows[r][0];
                    line.WhyKey = prefix + item.Rows[r][0] + ".why";
                    line.GivenKey = given.empty() ? "" : prefix + given;
                    line.ExpectedKey = prefix + expected;
                    line.Result = given.empty() ? Mark::Missed : given == expected ? Mark::Right : Mark::Wrong;
                    line.ExpectedPosition = static_cast<int>(c + 1);  // the column
                    if (line.Result == Mark::Right) ++right;
                    ++total;
                    g.Lines.push_back(line);
                }
            }
            g.Score = total ? double(right) / double(total) : 0.0;
            break;
        }
        case ItemType::Order: {
            // Longest common subsequence between the given order and the right one.
            const auto& want = item.Options;
            const auto& got = a.Values;
            std::vector<std::vector<int>> dp(got.size() + 1, std::vector<int>(want.size() + 1, 0));
            for (size_t i = 1; i <= got.size(); ++i)
                for (size_t j = 1; j <= want.size(); ++j)
                    dp[i][j] = got[i - 1] == want[j - 1] ? dp[i - 1][j - 1] + 1 : std::max(dp[i - 1][j], dp[i][j - 1]);
            g.Score = want.empty() ? 0.0 : double(dp[got.size()][want.size()]) / double(want.size());
            for (size_t j = 0; j < want.size(); ++j) {
                FeedbackLine line;
                line.SubjectKey = prefix + want[j];
                line.WhyKey = prefix + want[j] + ".why";
                line.ExpectedPosition = static_cast<int>(j);
                line.Result = (j < got.size() && got[j] == want[j]) ? Mark::Right : Mark::Wrong;
                g.Lines.push_back(line);
            }
            break;
        }
        case ItemType::Numeric: {
            g.Expected = item.Value;
            g.Given = a.Number.value_or(0.0);
            double off = std::fabs(g.Given - item.Value);
            double tol = item.Tolerance;
            if (!a.Number) g.Score = 0.0;
            else if (off <= tol + 1e-9) g.Score = 1.0;
            else if (off <= 2 * tol + 1e-9) g.Score = 0.5;
            else g.Score = 0.0;
            g.UnitRight = item.Units.empty() || a.Unit == item.Unit;
            if (!g.UnitRight) g.Score *= 0.5;
            FeedbackLine line;
            line.WhyKey = g.ExplainKey;
            line.Result = g.Score >= 1.0 ? Mark::Right : Mark::Wrong;
            if (!item.Units.empty()) {
                line.GivenKey = a.Unit.empty() ? "" : prefix + a.Unit;
                line.ExpectedKey = prefix + item.Unit;
            }
            g.Lines.push_back(line);
            break;
        }
        case ItemType::Task: {
            size_t ticked = 0;
            for (const std::string& o : item.Options) {
                FeedbackLine line;
                line.SubjectKey = prefix + o;
                line.WhyKey = g.ExplainKey;
                line.Result = Contains(a.Values, o) ? Mark::Right : Mark::Missed;
                if (line.Result == Mark::Right) ++ticked;
                g.Lines.push_back(line);
            }
            g.Score = double(ticked) / double(item.Options.size());
            break;
        }
    }
    g.Score = ClampScore(g.Score);
    g.Correct = g.Score >= 1.0 - 1e-9;
    return g;
}

std::vector<int> ShuffledOrder(const Item& item, int round, size_t n) {
    uint64_t seed = Fnv1a64Bytes(kShuffleBasis, item.Id) ^ (static_cast<uint64_t>(round) * 0x9E3779B97F4A7C15ull);
    std::vector<int> order = Permutation(seed, n);
    if (item.Type == ItemType::Order && n > 1) {
        bool solved = true;
        for (size_t i = 0; i < n; ++i) solved = solved && order[i] == static_cast<int>(i);
        if (solved) std::rotate(order.begin(), order.begin() + 1, order.end());  // never start solved
    }
    return order;
}

std::vector<std::string> MatchChoices(const Item& item, size_t column, int round) {
    std::vector<std::string> column_ids;
    for (const auto& row : item.Rows)
        if (column < row.size()) column_ids.push_back(row[column]);
    Item keyed = item;
    keyed.Id = item.Id + "#" + std::to_string(column);
    std::vector<int> order = ShuffledOrder(keyed, round, column_ids.size());
    std::vector<std::string> out;
    for (int i : order) out.push_back(column_ids[static_cast<size_t>(i)]);
    return out;
}

Answer StartingAnswer(const Item& item, int round) {
    Answer a;
    if (item.Type == ItemType::Order) {
        for (int i : ShuffledOrder(item, round, item.Options.size())) a.Values.push_back(item.Options[static_cast<size_t>(i)]);
    } else if (item.Type == ItemType::Sort) {
        a.Values.assign(item.Options.size(), "");
    } else if (item.Type == ItemType::Match) {
        size_t cols = item.Rows.empty() ? 0 : item.Rows[0].size() - 1;
        a.Values.assign(item.Rows.size() * cols, "");
    }
    return a;
}

// ---- Progress -----------------------------------------------------------------------------

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
    if (lesson.Items.empty()) return 0.0;
    double sum = 0.0;
    for (const Item& item : lesson.Items) {
        double last = 0.0;
        for (const Attempt& a : progress.Attempts)
            if (a.ItemId == item.Id && a.Round == round) last = a.Score;
        sum += last;
    }
    return sum / double(lesson.Items.size());
}

Grade RecordAnswer(Progress& progress, const Unit& unit, const Lesson& lesson, const Answer& answer, double seconds,
                   int64_t now) {
    LessonProgress& lp = progress.Lessons[lesson.Id];
    if (lp.Finished || lp.Current < 0 || lp.Current >= static_cast<int>(lesson.Items.size())) return {};
    const Item& item = lesson.Items[static_cast<size_t>(lp.Current)];
    Grade g = GradeAnswer(item, answer);
    Attempt attempt;
    attempt.ItemId = item.Id;
    attempt.Round = lp.Round;
    attempt.Score = g.Score;
    attempt.Seconds = seconds;
    attempt.When = now;
    attempt.Response = answer;
    progress.Attempts.push_back(std::move(attempt));
    ++lp.Current;
    if (lp.Current >= static_cast<int>(lesson.Items.size())) {
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
    return g;
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

// ---- Hand-in ------------------------------------------------------------------------------

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

ClassSummary SummarizeClass(const Unit& unit, const std::vector<HandIn>& files) {
    ClassSummary s;
    std::map<std::string, std::pair<double, int>> first_scores;
    for (const HandIn& h : files) {
        ClassRow row;
        row.Trainee = h.Trainee;
        row.Personas = h.Personas;
        double sum = 0.0;
        for (const Lesson& lesson : unit.Lessons) {
            for (const HandInLesson& l : h.Lessons) {
                if (l.LessonId != lesson.Id) continue;
                sum += l.Best;
                if (l.Passed) {
                    ++row.LessonsPassed;
                    ++s.PassedPerLesson[lesson.Id];
                }
            }
        }
        row.MeanBest = unit.Lessons.empty() ? 0.0 : sum / double(unit.Lessons.size());
        s.Rows.push_back(row);
        for (const auto& [item, scores] : h.ItemScores) {
            if (scores.empty()) continue;
            first_scores[item].first += scores.front();
            ++first_scores[item].second;
        }
    }
    std::sort(s.Rows.begin(), s.Rows.end(), [](const ClassRow& a, const ClassRow& b) { return a.Trainee < b.Trainee; });
    for (const auto& [item, acc] : first_scores) s.Hardest.push_back({item, acc.first / acc.second, acc.second});
    std::stable_sort(s.Hardest.begin(), s.Hardest.end(), [](const HardItem& a, const HardItem& b) { return a.MeanFirst < b.MeanFirst; });
    if (s.Hardest.size() > 5) s.Hardest.resize(5);
    return s;
}

}  // namespace profila::course
