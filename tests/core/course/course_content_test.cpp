// The unit's content: every item complete in it, en and es, exactly the answers its type needs,
// feedback present for every option/card/step/row.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "course/case.h"
#include "course/course.h"

namespace fs = std::filesystem;
using namespace profila;
using namespace profila::course;

namespace {
std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
Unit LoadUnit() {
    ParseResult r = ParseUnit(ReadFile(fs::path(PROFILA_ASSETS_DIR) / "course" / "unit.json"));
    for (const std::string& e : r.Errors) FAIL_CHECK(e);
    return r.Value;
}
}  // namespace

TEST_CASE("the unit parses, has at least 40 items in lessons of 5 to 10 minutes") {
    Unit unit = LoadUnit();
    size_t items = 0;
    for (const Lesson& l : unit.Lessons) {
        items += l.Items.size();
        CHECK_MESSAGE(l.Minutes >= 5, l.Id);
        CHECK_MESSAGE(l.Minutes <= 10, l.Id);
        CHECK_MESSAGE(l.Id.find('.') == std::string::npos, l.Id);
    }
    CHECK(items >= 40);
    CHECK(unit.PassMark > 0.0);
    CHECK(unit.PassMark <= 1.0);
    // Every type the issue asks for is used.
    std::set<ItemType> types;
    for (const Lesson& l : unit.Lessons)
        for (const Item& i : l.Items) types.insert(i.Type);
    CHECK(types.size() == 8);
}

TEST_CASE("every item has exactly the answers its type needs") {
    Unit unit = LoadUnit();
    for (const Lesson& l : unit.Lessons)
        for (const Item& item : l.Items) {
            INFO(item.Id);
            switch (item.Type) {
                case ItemType::Single:
                case ItemType::Scenario: CHECK(item.Correct.size() == 1); break;
                case ItemType::Multi:
                    CHECK(item.Correct.size() >= 1);
                    CHECK(item.Correct.size() < item.Options.size());  // something to leave out
                    break;
                case ItemType::Sort:
                    CHECK(item.CardCategory.size() == item.Options.size());
                    for (const std::string& c : item.Categories)  // every bucket gets a card
                        CHECK(std::count(item.CardCategory.begin(), item.CardCategory.end(), c) >= 1);
                    break;
                case ItemType::Match: CHECK(item.Rows.size() >= 2); break;
                case ItemType::Order: CHECK(item.Options.size() >= 3); break;
                case ItemType::Numeric: CHECK(std::find(item.Units.begin(), item.Units.end(), item.Unit) != item.Units.end()); break;
                case ItemType::Task: CHECK(!item.Link.empty()); break;
            }
            // The right answer scores 1, so the key is consistent with the grader.
            Answer right;
            if (item.Type == ItemType::Single || item.Type == ItemType::Multi || item.Type == ItemType::Scenario) right.Values = item.Correct;
            if (item.Type == ItemType::Sort) right.Values = item.CardCategory;
            if (item.Type == ItemType::Order || item.Type == ItemType::Task) right.Values = item.Options;
            if (item.Type == ItemType::Match)
                for (const auto& row : item.Rows) right.Values.insert(right.Values.end(), row.begin() + 1, row.end());
            if (item.Type == ItemType::Numeric) {
                right.Number = item.Value;
                right.Unit = item.Unit;
            }
            CHECK(GradeAnswer(item, right).Score == 1.0);
        }
}

TEST_CASE("every item is complete in it, en and es, with feedback for every answer") {
    Unit unit = LoadUnit();
    std::map<std::string, StringTable> tables;
    for (const char* lang : {"it", "en", "es"}) {
        StringTable& t = tables[lang];
        auto error = MergeStrings(t, ReadFile(fs::path(PROFILA_ASSETS_DIR) / "course" / (std::string(lang) + ".json")), lang);
        REQUIRE_MESSAGE(!error, *error);
        for (const std::string& key : MissingTexts(unit, t)) FAIL_CHECK(lang << ": missing text " << key);
    }
    // No stray keys: every text belongs to an item or lesson, so translations cannot drift apart.
    std::set<std::string> wanted;
    for (const Lesson& l : unit.Lessons) {
        for (const std::string& k : TextKeys(l)) wanted.insert(k);
        for (const Item& i : l.Items)
            for (const std::string& k : TextKeys(i)) wanted.insert(k);
    }
    for (const std::string& k : CaseTextKeys()) wanted.insert(k);  // the graded case's screen (course_case_test checks them)
    for (auto& [lang, t] : tables)
        for (const auto& [key, text] : t.Entries) CHECK_MESSAGE(wanted.count(key) == 1, lang << ": unused text " << key);
    // Feedback lines of a wrong answer all point at texts that exist.
    for (const Lesson& l : unit.Lessons)
        for (const Item& item : l.Items) {
            Grade g = GradeAnswer(item, StartingAnswer(item, 1));
            for (const FeedbackLine& line : g.Lines)
                for (auto& [lang, t] : tables) {
                    CHECK_MESSAGE(t.Has(line.WhyKey), lang << " " << line.WhyKey);
                    if (!line.SubjectKey.empty()) CHECK_MESSAGE(t.Has(line.SubjectKey), lang << " " << line.SubjectKey);
                }
        }
}

TEST_CASE("bad unit files are reported with the place") {
    auto r = ParseUnit(R"({"lessons":[{"id":"x","items":[{"id":"x.1","type":"single","options":["a","b"],"correct":["c"]}]}]})");
    REQUIRE(r.Errors.size() >= 1);
    CHECK(r.Errors[0].find("lessons[0].items[0]") != std::string::npos);
    auto r2 = ParseUnit(R"({"lessons":[{"id":"x","items":[{"id":"x.1","type":"dance"}]}]})");
    REQUIRE(!r2.Errors.empty());
    CHECK(r2.Errors[0].find("unknown type") != std::string::npos);
    CHECK(!ParseUnit("not json").Errors.empty());
}
