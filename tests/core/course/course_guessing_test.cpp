// Items that cannot be gamed: a learner who knows nothing plays every lesson of the unit, round
// after round (pools drawn, order and options shuffled as the app shows them), with one blind
// strategy, in each language; no strategy may reach 40% on any lesson.
//
// Strategies on choice items (single, multi, scenario): the longest option; the option at display
// position k (every k); the first option whose text was not yet revealed as a right answer in the
// lesson (elimination from feedback); the option sharing most words with the prompt. On other
// items the guesser has no texts to exploit: Sort puts every card in one category (the one the
// strategy picks among the category names), Match takes the choice at the strategy's position in
// every cell, Order is left as shown, Numeric gets no right number and Task is not done (the
// persona task needs a saved sketch).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "course/course.h"
#include "test_files.h"

namespace fs = std::filesystem;
using namespace profila;
using namespace profila::course;

namespace {

// Lower-case words of 3+ letters (bytes >= 0x80 count as letters, so accented words stay whole).
std::set<std::string> Words(const std::string& text) {
    std::set<std::string> out;
    std::string w;
    auto flush = [&] {
        if (w.size() >= 3) out.insert(w);
        w.clear();
    };
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) w += static_cast<char>(std::tolower(c));
        else flush();
    }
    flush();
    return out;
}

size_t Utf8Length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

enum class GuessRule { Longest, Position, Unused, SharedWords };

struct Guesser {
    GuessRule Kind = GuessRule::Longest;
    int K = 0;
    std::set<std::string> Revealed;  // texts of right answers seen in this lesson's feedback

    // Index (into shown) of the option to pick.
    size_t Pick(const std::vector<std::string>& shown, const std::string& prompt) const {
        if (shown.empty()) return 0;
        switch (Kind) {
            case GuessRule::Longest: {
                size_t best = 0;
                for (size_t i = 1; i < shown.size(); ++i)
                    if (Utf8Length(shown[i]) > Utf8Length(shown[best])) best = i;
                return best;
            }
            case GuessRule::Position: return std::min(static_cast<size_t>(K), shown.size() - 1);
            case GuessRule::Unused:
                for (size_t i = 0; i < shown.size(); ++i)
                    if (!Revealed.count(shown[i])) return i;
                return 0;
            case GuessRule::SharedWords: {
                std::set<std::string> q = Words(prompt);
                size_t best = 0, best_n = 0;
                for (size_t i = 0; i < shown.size(); ++i) {
                    size_t n = 0;
                    for (const std::string& w : Words(shown[i])) n += q.count(w);
                    if (n > best_n) best = i, best_n = n;
                }
                return best;
            }
        }
        return 0;
    }
};

double PlayItem(const Item& item, int round, const StringTable& t, Guesser& g) {
    auto text = [&](const std::string& id) { return std::string(t.Get((item.Id + "." + id).c_str())); };
    std::string prompt = text("prompt");
    Answer a = StartingAnswer(item, round);
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
        case ItemType::Multi: {
            std::vector<int> order = ShuffledOrder(item, round, item.Options.size());
            std::vector<std::string> shown;
            for (int i : order) shown.push_back(text(item.Options[static_cast<size_t>(i)]));
            a.Values = {item.Options[static_cast<size_t>(order[g.Pick(shown, prompt)])]};
            break;
        }
        case ItemType::Sort: {
            std::vector<std::string> names;
            for (const std::string& c : item.Categories) names.push_back(text(c));
            a.Values.assign(item.Options.size(), item.Categories[g.Pick(names, prompt)]);
            break;
        }
        case ItemType::Match: {
            size_t cols = item.Rows.empty() ? 0 : item.Rows[0].size() - 1;
            std::vector<std::vector<std::string>> choices;
            for (size_t c = 1; c <= cols; ++c) choices.push_back(MatchChoices(item, c, round));
            for (size_t r = 0; r < item.Rows.size(); ++r)
                for (size_t c = 0; c < cols; ++c) {
                    std::vector<std::string> shown;
                    for (const std::string& id : choices[c]) shown.push_back(text(id));
                    a.Values[r * cols + c] = choices[c][g.Pick(shown, text(item.Rows[r][0]))];
                }
            break;
        }
        case ItemType::Order: break;  // left as shown
        case ItemType::Numeric: a.Number = 0.0; break;
        case ItemType::Task: a.Values.clear(); break;
    }
    double score = GradeAnswer(item, a).Score;
    for (const std::string& c : item.Correct) g.Revealed.insert(text(c));  // the feedback shows it
    return score;
}

}  // namespace

TEST_CASE("no blind guessing strategy reaches 40% on any lesson, in any language") {
    ParseResult unit = ParseUnit(ReadFile(fs::path(PROFILA_ASSETS_DIR) / "course" / "unit.json"));
    REQUIRE(unit.Errors.empty());
    constexpr int kRounds = 12;  // every variant of every pool comes up (pools hold at most 5)
    std::vector<std::pair<std::string, Guesser>> strategies = {{"longest", {GuessRule::Longest}},
                                                               {"unused", {GuessRule::Unused}},
                                                               {"shared-words", {GuessRule::SharedWords}}};
    for (int k = 0; k < 5; ++k) strategies.push_back({"position " + std::to_string(k + 1), {GuessRule::Position, k}});
    for (const char* lang : {"it", "en", "es"}) {
        StringTable t;
        REQUIRE(!MergeStrings(t, ReadFile(fs::path(PROFILA_ASSETS_DIR) / "course" / (std::string(lang) + ".json")), lang));
        for (const Lesson& lesson : unit.Value.Lessons) {
            std::string line = std::string(lang) + " " + lesson.Id + ":";
            for (auto& [name, proto] : strategies) {
                double sum = 0.0;
                for (int round = 1; round <= kRounds; ++round) {
                    Guesser g = proto;
                    std::vector<const Item*> items = RoundItems(lesson, round);
                    double round_sum = 0.0;
                    for (const Item* item : items) round_sum += PlayItem(*item, round, t, g);
                    sum += items.empty() ? 0.0 : round_sum / double(items.size());
                }
                double mean = sum / kRounds;
                char buf[48];
                std::snprintf(buf, sizeof buf, " %s %.0f%%", name.c_str(), mean * 100);
                line += buf;
                CHECK_MESSAGE(mean <= 0.40 + 1e-9, lang << " " << lesson.Id << " " << name << ": " << mean);
            }
            MESSAGE(line);
        }
    }
}
