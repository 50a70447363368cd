// Progress (attempts kept, first/best/last, rounds), JSON round trip, the hand-in file and the
// class summary built from several hand-ins.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "course/course.h"
#include "course/course_answers.h"

using namespace profila::course;

namespace {
Unit SmallUnit() {
    auto r = ParseUnit(R"({"id":"u","pass_mark":0.7,"lessons":[
      {"id":"a","minutes":5,"items":[
        {"id":"a.1","type":"single","options":["x","y"],"correct":["x"]},
        {"id":"a.2","type":"numeric","value":720,"tolerance":1,"units":["eur","m"],"unit":"eur"}]},
      {"id":"b","minutes":5,"items":[{"id":"b.1","type":"multi","options":["p","q","r"],"correct":["p","q"]}]}]})");
    REQUIRE(r.Errors.empty());
    return r.Value;
}
Answer Num(double n, std::string unit) {
    Answer a;
    a.Number = n;
    a.Unit = unit;
    return a;
}
}  // namespace

TEST_CASE("answers advance the lesson, close the round with score and pass, retry keeps attempts") {
    Unit unit = SmallUnit();
    const Lesson& a = unit.Lessons[0];
    Progress p;
    p.Trainee = "Giulia";
    Grade g1 = RecordAnswer(p, unit, a, Pick("y"), 12.0, 1000);
    CHECK(g1.Score == 0.0);
    CHECK(p.Lessons["a"].Current == 1);
    CHECK_FALSE(p.Lessons["a"].Finished);
    RecordAnswer(p, unit, a, Num(720, "eur"), 30.0, 1030);
    REQUIRE(p.Lessons["a"].Finished);
    REQUIRE(p.Lessons["a"].Runs.size() == 1);
    CHECK(p.Lessons["a"].Runs[0].Score == doctest::Approx(0.5));
    CHECK_FALSE(p.Lessons["a"].Runs[0].Passed);
    CHECK(p.Lessons["a"].Runs[0].Seconds == doctest::Approx(42.0));
    CHECK(ScoreBand(0.5, unit.PassMark) == Band::Near);

    // A finished round accepts no more answers until retried.
    RecordAnswer(p, unit, a, Pick("x"), 1.0, 1040);
    CHECK(p.Attempts.size() == 2);

    RetryLesson(p, a);
    CHECK(p.Lessons["a"].Round == 2);
    CHECK(p.Lessons["a"].Current == 0);
    RecordAnswer(p, unit, a, Pick("x"), 5.0, 2000);
    RecordAnswer(p, unit, a, Num(700, "eur"), 5.0, 2010);
    REQUIRE(p.Lessons["a"].Runs.size() == 2);
    CHECK(p.Lessons["a"].Runs[1].Score == doctest::Approx(0.5));
    RetryLesson(p, a);
    RecordAnswer(p, unit, a, Pick("x"), 5.0, 3000);
    RecordAnswer(p, unit, a, Num(720, "m"), 5.0, 3010);
    CHECK(p.Lessons["a"].Runs[2].Score == doctest::Approx(0.75));
    CHECK(p.Lessons["a"].Runs[2].Passed);

    ItemStats s = StatsForItem(p, "a.2");
    CHECK(s.Attempts == 3);
    CHECK(s.First == 1.0);
    CHECK(s.Best == 1.0);
    CHECK(s.Last == 0.5);
    CHECK(s.Seconds == doctest::Approx(40.0));
    ItemStats s1 = StatsForItem(p, "a.1");
    CHECK(s1.First == 0.0);
    CHECK(s1.Last == 1.0);
}

TEST_CASE("progress survives a JSON round trip, bad JSON names the field and changes nothing") {
    Unit unit = SmallUnit();
    Progress p;
    p.Trainee = "Ana";
    RecordAnswer(p, unit, unit.Lessons[0], Pick("x"), 3.5, 100);
    Progress back;
    REQUIRE_FALSE(ProgressFromJson(ProgressToJson(p), back));
    CHECK(back.Trainee == "Ana");
    CHECK(back.Lessons["a"].Current == 1);
    REQUIRE(back.Attempts.size() == 1);
    CHECK(back.Attempts[0].Response.Values == std::vector<std::string>{"x"});
    CHECK(back.Attempts[0].Seconds == 3.5);

    Progress untouched = back;
    auto err = ProgressFromJson(R"({"format":"profila-course-progress","trainee":"x","lessons":{"a":{"round":"two"}},"attempts":[]})", untouched);
    REQUIRE(err);
    CHECK(err->find("lessons.a") != std::string::npos);
    CHECK(untouched.Trainee == "Ana");
    CHECK(ProgressFromJson("{", untouched));
}

TEST_CASE("the hand-in file has one answered statement per attempt, completed and passed/failed per round, personas") {
    Unit unit = SmallUnit();
    Progress p;
    p.Trainee = "Marco";
    RecordAnswer(p, unit, unit.Lessons[0], Pick("x"), 4, 1700000000);
    RecordAnswer(p, unit, unit.Lessons[0], Num(720, "eur"), 9, 1700000060);
    RecordAnswer(p, unit, unit.Lessons[1], Pick("p"), 4, 1700000100);
    std::string text = BuildHandIn(unit, p, {R"({"name":"Lucia","age":"40"})", "not json"}, 1700000200);
    auto j = nlohmann::json::parse(text);
    CHECK(j["format"] == "profila-hand-in");
    CHECK(j["trainee"] == "Marco");
    CHECK(j["exported"] == "2023-11-14T22:16:40Z");
    auto& st = j["statements"];
    REQUIRE(st.size() == 7);  // 3 answered + (completed + passed/failed) for each of 2 lessons
    CHECK(st[0]["verb"] == "answered");
    CHECK(st[0]["object"]["id"] == "profila:course/u/a.1");
    CHECK(st[0]["result"]["score"]["scaled"] == 1.0);
    CHECK(st[0]["actor"]["name"] == "Marco");
    CHECK(st[2]["verb"] == "completed");
    CHECK(st[3]["verb"] == "passed");
    CHECK(st[3]["result"]["success"] == true);
    CHECK(st[4]["verb"] == "answered");
    CHECK(st[5]["verb"] == "completed");
    CHECK(st[6]["verb"] == "failed");  // lesson b: 0.5 below the pass mark
    CHECK(st[6]["result"]["success"] == false);
    REQUIRE(j["personas"].size() == 1);
    CHECK(j["personas"][0]["name"] == "Lucia");

    auto read = ReadHandIn(text);
    REQUIRE(read.Value);
    CHECK(read.Value->Trainee == "Marco");
    CHECK(read.Value->Statements == 7);
    REQUIRE(read.Value->Lessons.size() == 2);
    CHECK(read.Value->Lessons[0].Passed);
    CHECK_FALSE(read.Value->Lessons[1].Passed);
    CHECK(read.Value->Lessons[1].Best == 0.5);
    CHECK(read.Value->ItemScores["b.1"] == std::vector<double>{0.5});
}

TEST_CASE("class summary from several hand-ins, broken files are named") {
    Unit unit = SmallUnit();
    std::vector<HandIn> files;
    for (int t = 0; t < 3; ++t) {
        Progress p;
        p.Trainee = std::string(1, char('C' - t));  // C, B, A
        RecordAnswer(p, unit, unit.Lessons[0], Pick(t == 0 ? "y" : "x"), 4, 100);
        RecordAnswer(p, unit, unit.Lessons[0], Num(720, "eur"), 4, 110);
        auto h = ReadHandIn(BuildHandIn(unit, p, {}, 200));
        REQUIRE(h.Value);
        files.push_back(*h.Value);
    }
    ClassSummary s = SummarizeClass(unit, files);
    REQUIRE(s.Rows.size() == 3);
    CHECK(s.Rows[0].Trainee == "A");
    CHECK(s.Rows[0].LessonsPassed == 1);
    CHECK(s.Rows[2].Trainee == "C");
    CHECK(s.Rows[2].LessonsPassed == 0);
    CHECK(s.Rows[2].MeanBest == doctest::Approx(0.25));  // 0.5 in a, nothing in b
    CHECK(s.PassedPerLesson["a"] == 2);
    REQUIRE(!s.Hardest.empty());
    CHECK(s.Hardest[0].ItemId == "a.1");
    CHECK(s.Hardest[0].MeanFirst == doctest::Approx(2.0 / 3));

    CHECK(ReadHandIn("[]").Error == "not a JSON object");
    CHECK(ReadHandIn(R"({"format":"other"})").Error.find("format") != std::string::npos);
    CHECK(ReadHandIn(R"({"format":"profila-hand-in","statements":[{"verb":"answered"}]})").Error.find("statements[0]") != std::string::npos);
}

TEST_CASE("pools: one variant per concept each round, rotating, in a shuffled order; old progress fits") {
    auto r = ParseUnit(R"({"id":"u","lessons":[{"id":"p","minutes":5,
      "teach":[{"id":"idea"},{"id":"pic","picture":"pareto"}],"points":["k"],
      "concepts":[{"id":"a","teach":"idea"},{"id":"b","teach":"pic"},{"id":"c","teach":"idea"}],
      "items":[{"id":"p.1","type":"single","concept":"a","options":["x","y","z"],"correct":["x"]},
               {"id":"p.2","type":"single","concept":"a","options":["x","y","z"],"correct":["y"]},
               {"id":"p.3","type":"single","concept":"b","options":["x","y","z"],"correct":["z"]},
               {"id":"p.4","type":"single","concept":"b","options":["x","y","z"],"correct":["x"]},
               {"id":"p.5","type":"single","concept":"c","options":["x","y","z"],"correct":["x"]}]}]})");
    REQUIRE(r.Errors.empty());
    const Lesson& lesson = r.Value.Lessons[0];
    std::set<std::string> seen;
    std::set<std::vector<std::string>> orders;
    for (int round = 1; round <= 6; ++round) {
        std::vector<const Item*> items = RoundItems(lesson, round);
        REQUIRE(items.size() == 3);
        std::set<std::string> concepts;
        std::vector<std::string> concept_order;
        for (const Item* i : items) {
            concepts.insert(i->Concept);
            concept_order.push_back(i->Concept);
            seen.insert(i->Id);
        }
        CHECK(concepts.size() == 3);  // one variant of each concept
        orders.insert(concept_order);
        // Consecutive rounds ask a two-variant concept with the other variant.
        std::vector<const Item*> next = RoundItems(lesson, round + 1);
        auto variant = [](const std::vector<const Item*>& v, const char* c) {
            for (const Item* i : v)
                if (i->Concept == c) return i->Id;
            return std::string();
        };
        CHECK(variant(items, "a") != variant(next, "a"));
    }
    CHECK(seen.size() == 5);      // every variant comes up
    CHECK(orders.size() > 1);     // the order changes between rounds
    // Teaching screens, pictures, points and concept names are text keys of the lesson.
    std::vector<std::string> keys = TextKeys(lesson);
    for (const char* k : {"p.teach.idea.title", "p.teach.pic.body", "pic.pareto.x", "p.point.k", "p.concept.b"})
        CHECK(std::find(keys.begin(), keys.end(), k) != keys.end());

    // A round saved by an older content, past the end of this round's items, starts again; attempts
    // at items that no longer exist are kept and count nowhere.
    Progress p;
    p.Lessons["p"].Current = 7;
    p.Attempts.push_back({"p.99", 1, 1.0, 3.0, 100, {}});
    p.Attempts.push_back({"gone.1", 1, 0.0, 3.0, 100, {}});
    CHECK(FitProgress(p, r.Value) == 1);
    CHECK(p.Lessons["p"].Current == 0);
    CHECK(p.Lessons["p"].Round == 2);
    CHECK(p.Attempts.size() == 2);
    CHECK(RoundScore(lesson, p, 1) == 0.0);
    CHECK(FitProgress(p, r.Value) == 0);  // fitted once, then left alone
    // Concepts to review: the ones not fully right in the round.
    LessonProgress& lp = p.Lessons["p"];
    std::vector<const Item*> items = RoundItems(lesson, lp.Round);
    for (const Item* i : items) {
        Answer a;
        a.Values = {i->Concept == "b" ? std::string("nothing") : i->Correct[0]};
        RecordAnswer(p, r.Value, lesson, a, 1.0, 200);
    }
    REQUIRE(lp.Finished);
    CHECK(ConceptsToReview(lesson, p, lp.Round) == std::vector<std::string>{"b"});
    CHECK(lp.Runs.back().Score == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("class summary: the concepts the class misses most, across hand-in files") {
    auto r = ParseUnit(R"({"id":"u","lessons":[{"id":"p","minutes":5,"concepts":[{"id":"a"},{"id":"b"}],
      "items":[{"id":"p.1","type":"single","concept":"a","options":["x","y"],"correct":["x"]},
               {"id":"p.2","type":"single","concept":"a","options":["x","y"],"correct":["x"]},
               {"id":"p.3","type":"single","concept":"b","options":["x","y"],"correct":["x"]}]}]})");
    REQUIRE(r.Errors.empty());
    HandIn anna, bruno;
    anna.Trainee = "Anna";
    anna.ItemScores = {{"p.1", {0.0, 1.0}}, {"p.3", {1.0}}, {"old.7", {0.0}}};
    bruno.Trainee = "Bruno";
    bruno.ItemScores = {{"p.2", {0.0}}, {"p.3", {1.0}}};
    ClassSummary s = SummarizeClass(r.Value, {anna, bruno});
    REQUIRE(s.Missed.size() == 2);  // the item of an older content is left out
    CHECK(s.Missed[0].ConceptId == "a");
    CHECK(s.Missed[0].LessonId == "p");
    CHECK(s.Missed[0].MeanScore == doctest::Approx(1.0 / 3.0));
    CHECK(s.Missed[0].Answers == 3);
    CHECK(s.Missed[0].Trainees == 2);
    CHECK(s.Missed[1].ConceptId == "b");
    CHECK(s.Missed[1].MeanScore == doctest::Approx(1.0));
}
