// Grading of every item type, with the partial-credit rules stated in core/course.h.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "course/course.h"

using namespace profila::course;

namespace {
Item Choice(ItemType type, std::vector<std::string> options, std::vector<std::string> correct) {
    Item i;
    i.Id = "t.1";
    i.Type = type;
    i.Options = std::move(options);
    i.Correct = std::move(correct);
    return i;
}
Answer Values(std::vector<std::string> v) {
    Answer a;
    a.Values = std::move(v);
    return a;
}
}  // namespace

TEST_CASE("single choice: all or nothing, with a reason for the pick and the missed right one") {
    Item item = Choice(ItemType::Single, {"a", "b", "c"}, {"b"});
    Grade right = GradeAnswer(item, Values({"b"}));
    CHECK(right.Score == 1.0);
    CHECK(right.Correct);
    REQUIRE(right.Lines.size() == 1);
    CHECK(right.Lines[0].WhyKey == "t.1.b.why");
    CHECK(right.Lines[0].Result == Mark::Right);

    Grade wrong = GradeAnswer(item, Values({"a"}));
    CHECK(wrong.Score == 0.0);
    CHECK_FALSE(wrong.Correct);
    REQUIRE(wrong.Lines.size() == 2);  // the wrong pick explained, and the right one shown as missed
    CHECK(wrong.Lines[0].SubjectKey == "t.1.a");
    CHECK(wrong.Lines[0].Result == Mark::Wrong);
    CHECK(wrong.Lines[1].SubjectKey == "t.1.b");
    CHECK(wrong.Lines[1].Result == Mark::Missed);
    CHECK(wrong.ExplainKey == "t.1.explain");
}

TEST_CASE("multiple choice: (right picks - wrong picks) / right options, floored at zero") {
    Item item = Choice(ItemType::Multi, {"a", "b", "c", "d"}, {"a", "b", "c"});
    CHECK(GradeAnswer(item, Values({"a", "b", "c"})).Score == doctest::Approx(1.0));
    CHECK(GradeAnswer(item, Values({"a", "b"})).Score == doctest::Approx(2.0 / 3));
    CHECK(GradeAnswer(item, Values({"a", "b", "c", "d"})).Score == doctest::Approx(2.0 / 3));
    CHECK(GradeAnswer(item, Values({"a", "d"})).Score == doctest::Approx(0.0));
    CHECK(GradeAnswer(item, Values({"d"})).Score == doctest::Approx(0.0));  // floored, not negative
    Grade g = GradeAnswer(item, Values({"a", "d"}));
    CHECK(g.Lines.size() == 4);  // a right, b missed, c missed, d wrong
    CHECK(std::count_if(g.Lines.begin(), g.Lines.end(), [](const FeedbackLine& l) { return l.Result == Mark::Missed; }) == 2);
}

TEST_CASE("scenario grades like single choice") {
    Item item = Choice(ItemType::Scenario, {"current", "active", "inactive"}, {"inactive"});
    CHECK(GradeAnswer(item, Values({"inactive"})).Correct);
    CHECK(GradeAnswer(item, Values({"active"})).Score == 0.0);
}

TEST_CASE("sort: share of cards in the right category, each card explained with given and expected") {
    Item item;
    item.Id = "s.1";
    item.Type = ItemType::Sort;
    item.Categories = {"demo", "psycho"};
    item.Options = {"age", "values", "income", "hobby"};
    item.CardCategory = {"demo", "psycho", "demo", "psycho"};
    CHECK(GradeAnswer(item, Values({"demo", "psycho", "demo", "psycho"})).Score == 1.0);
    Grade g = GradeAnswer(item, Values({"demo", "demo", "demo", ""}));
    CHECK(g.Score == doctest::Approx(0.5));
    REQUIRE(g.Lines.size() == 4);
    CHECK(g.Lines[1].Result == Mark::Wrong);
    CHECK(g.Lines[1].GivenKey == "s.1.demo");
    CHECK(g.Lines[1].ExpectedKey == "s.1.psycho");
    CHECK(g.Lines[3].Result == Mark::Missed);
    CHECK(g.Lines[3].GivenKey.empty());
    CHECK_FALSE(IsAnswerComplete(item, Values({"demo", "demo", "demo", ""})));
    CHECK(IsAnswerComplete(item, Values({"demo", "demo", "demo", "psycho"})));
}

TEST_CASE("match: share of right cells over rows x answer columns") {
    Item item;
    item.Id = "m.1";
    item.Type = ItemType::Match;
    item.Rows = {{"f1", "b1", "c1"}, {"f2", "b2", "c2"}, {"f3", "b3", "c3"}};
    CHECK(GradeAnswer(item, Values({"b1", "c1", "b2", "c2", "b3", "c3"})).Score == 1.0);
    Grade g = GradeAnswer(item, Values({"b1", "c2", "b2", "c1", "b3", "c3"}));
    CHECK(g.Score == doctest::Approx(4.0 / 6));
    REQUIRE(g.Lines.size() == 6);
    CHECK(g.Lines[1].Result == Mark::Wrong);
    CHECK(g.Lines[1].SubjectKey == "m.1.f1");
    CHECK(g.Lines[1].WhyKey == "m.1.f1.why");
    CHECK(g.Lines[1].ExpectedKey == "m.1.c1");
    // Choices of a column are that column's entries, shuffled, and the same for the same round.
    auto choices = MatchChoices(item, 2, 1);
    CHECK(std::set<std::string>(choices.begin(), choices.end()) == std::set<std::string>{"c1", "c2", "c3"});
    CHECK(MatchChoices(item, 2, 1) == choices);
}

TEST_CASE("order: longest run in the right relative order / steps") {
    Item item;
    item.Id = "o.1";
    item.Type = ItemType::Order;
    item.Options = {"reach", "acquire", "convert", "retain", "inspire"};
    CHECK(GradeAnswer(item, Values(item.Options)).Score == 1.0);
    // One step moved from the end to the front: the other four keep their order -> 4/5.
    CHECK(GradeAnswer(item, Values({"inspire", "reach", "acquire", "convert", "retain"})).Score == doctest::Approx(0.8));
    // Reversed: only one step can be in relative order -> 1/5.
    CHECK(GradeAnswer(item, Values({"inspire", "retain", "convert", "acquire", "reach"})).Score == doctest::Approx(0.2));
    Grade g = GradeAnswer(item, Values({"acquire", "reach", "convert", "retain", "inspire"}));
    REQUIRE(g.Lines.size() == 5);
    CHECK(g.Lines[0].ExpectedPosition == 0);
    CHECK(g.Lines[0].Result == Mark::Wrong);
    CHECK(g.Lines[2].Result == Mark::Right);
}

TEST_CASE("numeric: full within tolerance, half within twice it, a wrong unit halves") {
    Item item;
    item.Id = "n.1";
    item.Type = ItemType::Numeric;
    item.Value = 720;
    item.Tolerance = 10;
    item.Units = {"eur", "eurm"};
    item.Unit = "eur";
    Answer a;
    a.Number = 720;
    a.Unit = "eur";
    Grade g = GradeAnswer(item, a);
    CHECK(g.Score == 1.0);
    CHECK(g.Expected == 720);
    a.Number = 712;
    CHECK(GradeAnswer(item, a).Score == 1.0);
    a.Number = 735;
    CHECK(GradeAnswer(item, a).Score == 0.5);
    a.Number = 760;
    CHECK(GradeAnswer(item, a).Score == 0.0);
    a.Number = 720;
    a.Unit = "eurm";
    Grade unit_wrong = GradeAnswer(item, a);
    CHECK(unit_wrong.Score == 0.5);
    CHECK_FALSE(unit_wrong.UnitRight);
    CHECK(unit_wrong.Lines[0].ExpectedKey == "n.1.eur");
    Answer empty;
    CHECK_FALSE(IsAnswerComplete(item, empty));
    CHECK(GradeAnswer(item, empty).Score == 0.0);
}

TEST_CASE("task: share of checklist points ticked") {
    Item item = Choice(ItemType::Task, {"drawn", "who", "where", "gap"}, {});
    CHECK(GradeAnswer(item, Values({"drawn", "who", "where", "gap"})).Score == 1.0);
    CHECK(GradeAnswer(item, Values({"drawn"})).Score == doctest::Approx(0.25));
    CHECK(IsAnswerComplete(item, Values({})));
}

TEST_CASE("shuffles are deterministic, differ between rounds, and order items never start solved") {
    Item item;
    item.Id = "o.1";
    item.Type = ItemType::Order;
    item.Options = {"a", "b", "c", "d", "e", "f"};
    auto r1 = ShuffledOrder(item, 1, 6);
    CHECK(ShuffledOrder(item, 1, 6) == r1);
    bool differs = false;
    for (int round = 2; round < 6; ++round) differs = differs || ShuffledOrder(item, round, 6) != r1;
    CHECK(differs);
    for (int round = 1; round < 200; ++round) {
        Answer start = StartingAnswer(item, round);
        CHECK(start.Values.size() == 6);
        CHECK(start.Values != item.Options);
        std::vector<std::string> sorted = start.Values;
        std::sort(sorted.begin(), sorted.end());
        CHECK(sorted == item.Options);
    }
    // Golden value: the permutation must not change between builds (progress and hand-ins refer to it).
    Item fixed;
    fixed.Id = "why.1";
    CHECK(ShuffledOrder(fixed, 1, 4) == ShuffledOrder(fixed, 1, 4));
}

TEST_CASE("a hint costs part of the score; numeric slips are named") {
    auto r = ParseUnit(R"({"lessons":[{"id":"n","items":[
      {"id":"n.1","type":"numeric","value":720,"tolerance":0.5,"units":["eur"],"unit":"eur","hint":true,
       "slips":{"x12":60,"pct":72000}},
      {"id":"n.2","type":"single","options":["a","b","c"],"correct":["a"],"hint":true}]}]})");
    REQUIRE(r.Errors.empty());
    const Item& num = r.Value.Lessons[0].Items[0];
    const Item& one = r.Value.Lessons[0].Items[1];
    Answer a;
    a.Number = 720;
    a.Unit = "eur";
    CHECK(GradeAnswer(num, a).Score == 1.0);
    a.Hint = true;
    Grade hinted = GradeAnswer(num, a);
    CHECK(hinted.Score == doctest::Approx(1.0 - kHintCost));
    CHECK(hinted.HintUsed);
    a.Hint = false;
    a.Number = 60;
    Grade slip = GradeAnswer(num, a);
    CHECK(slip.Score == 0.0);
    CHECK(slip.SlipKey == "n.1.slip.x12");
    a.Number = 72000;
    CHECK(GradeAnswer(num, a).SlipKey == "n.1.slip.pct");
    a.Number = 500;
    CHECK(GradeAnswer(num, a).SlipKey.empty());
    std::vector<std::string> keys = TextKeys(num);
    CHECK(std::find(keys.begin(), keys.end(), "n.1.slip.pct") != keys.end());
    Answer pick;
    pick.Values = {"a"};
    pick.Hint = true;
    CHECK(GradeAnswer(one, pick).Score == doctest::Approx(0.75));
    pick.Values = {"b"};
    CHECK(GradeAnswer(one, pick).Score == 0.0);
}

TEST_CASE("an Order item never starts nearly solved: at most 40% of its steps (at least two) in order") {
    for (size_t n : {3u, 4u, 5u, 6u}) {
        Item item;
        item.Type = ItemType::Order;
        for (size_t k = 0; k < n; ++k) item.Options.push_back("s" + std::to_string(k));
        for (int round = 1; round <= 20; ++round) {
            item.Id = "o." + std::to_string(n);
            Grade g = GradeAnswer(item, StartingAnswer(item, round));
            CHECK(g.Score <= std::max(2.0, double(n * 2 / 5)) / double(n) + 1e-9);
            CHECK(g.Score < 1.0);
        }
    }
}
