// Progress (attempts kept, first/best/last, rounds), JSON round trip, the hand-in file and the
// class summary built from several hand-ins.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "course/course.h"

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
Answer Pick(std::string v) {
    Answer a;
    a.Values = {v};
    return a;
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
