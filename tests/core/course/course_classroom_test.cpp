// A class over CouchDB (core/course/classroom.h): join codes, names, the roster, and the course
// statements a trainee's device sends (each answer and round stated once, read back as a hand-in).
#include <doctest/doctest.h>

#include <set>

#include "course/classroom.h"
#include "course/course_answers.h"

using namespace profila::course;
using nlohmann::json;

namespace {
Unit TwoLessons() {
    auto r = ParseUnit(R"({"id":"u","pass_mark":0.7,"lessons":[
      {"id":"a","minutes":5,"items":[{"id":"a.1","type":"single","options":["x","y"],"correct":["x"]},
                                     {"id":"a.2","type":"single","options":["x","y"],"correct":["y"]}]},
      {"id":"b","minutes":5,"items":[{"id":"b.1","type":"single","options":["p","q"],"correct":["p"]}]}]})");
    REQUIRE(r.Errors.empty());
    return r.Value;
}
// Answers the lesson's current item right or wrong (by the grading, whatever the round's order).
void Answer1(Progress& p, const Unit& u, const Lesson& l, bool right, int64_t when) {
    const LessonProgress* lp = p.FindLesson(l.Id);
    std::vector<const Item*> items = RoundItems(l, lp ? lp->Round : 1);
    const Item* item = items[static_cast<size_t>(lp ? lp->Current : 0)];
    std::string pick = right ? item->Correct[0] : (item->Options[0] == item->Correct[0] ? item->Options[1] : item->Options[0]);
    RecordAnswer(p, u, l, Pick(pick), 3.0, when);
}
struct Ids {
    int N = 0;
    std::string operator()() { return "01J" + std::to_string(++N); }
};
}  // namespace

TEST_CASE("class code: 12 characters without look-alikes, shown in three groups, read back whatever the case and separators") {
    std::array<uint8_t, kClassCodeLength> random{};
    for (size_t i = 0; i < random.size(); ++i) random[i] = static_cast<uint8_t>(i * 37 + 5);
    std::string code = MakeClassCode(random);
    CHECK(code.size() == 12);
    CHECK(code.find_first_of("01IO") == std::string::npos);
    std::string shown = FormatClassCode(code);
    CHECK(shown.size() == 14);
    CHECK(shown[4] == '-');
    CHECK(shown[9] == '-');
    CHECK(NormalizeClassCode(shown) == code);
    std::string lower = shown;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(NormalizeClassCode(" " + lower.substr(0, 5) + " " + lower.substr(5)) == code);
    CHECK_FALSE(NormalizeClassCode("K7QM-4PXR-2DH"));    // one short
    CHECK_FALSE(NormalizeClassCode("K7QM-4PXR-2DH0"));   // 0 is not in the alphabet
    CHECK(ClassIdOfCode("K7QM4PXR2DHT") == "k7qm");
}

TEST_CASE("class names: a trainee's database and user from their name, the directory and the trainer's role") {
    CHECK(TraineeSlug("Niccolò  Bianchi") == "niccolo-bianchi");
    CHECK(TraineeSlug("  Ana-María O'Neil ") == "ana-maria-o-neil");
    CHECK(TraineeSlug("!!!") == "");
    CHECK(TraineeDatabase("k7qm", "ada") == "profila-class-k7qm-ada");
    CHECK(TraineeUser("k7qm", "ada") == "class-k7qm-ada");
    CHECK(ClassDirectory("k7qm") == "profila-class-k7qm");
    CHECK(TrainerRole("k7qm") == "class-k7qm-trainer");
}

TEST_CASE("roster: commas, semicolons or lines, blanks and repeated names left out, round trip through the directory document") {
    std::vector<RosterEntry> r = ParseRoster("Ada Rossi, Bruno\n\n Carla ;ada rossi;  ");
    REQUIRE(r.size() == 3);
    CHECK(r[0].Name == "Ada Rossi");
    CHECK(r[0].Slug == "ada-rossi");
    CHECK(r[1].Slug == "bruno");
    CHECK(r[2].Name == "Carla");
    json doc = RosterToJson(r, "k7qm");
    CHECK(doc["_id"] == "roster");
    std::vector<RosterEntry> back = RosterFromJson(doc);
    REQUIRE(back.size() == 3);
    CHECK(back[2].Slug == "carla");
    doc["trainees"].push_back({{"name", "x"}, {"slug", "../_users"}});  // not a slug: never used as a database name
    CHECK(RosterFromJson(doc).size() == 3);
    CHECK(RosterFromJson(json::object()).empty());
}

TEST_CASE("statements: every answer and every finished round stated once, immutable ids of trainee + ULID, a restore states nothing again") {
    Unit u = TwoLessons();
    Progress p;
    p.Trainee = "Ada";
    StatementMark mark;
    Ids ids;
    StatementWriter w{"class-k7qm-ada", "Ada", "Tablet 3", "u"};
    auto next = [&]() { return ids(); };
    CHECK(NewStatements(p, mark, w, next, 100).empty());
    Answer1(p, u, u.Lessons[0], true, 1000);
    std::vector<json> first = NewStatements(p, mark, w, next, 1001);
    REQUIRE(first.size() == 1);
    CHECK(first[0]["_id"] == "statement:class-k7qm-ada-01J1");
    CHECK(first[0]["type"] == "statement");
    CHECK(first[0]["trainee"] == "class-k7qm-ada");
    CHECK(first[0]["verb"] == "answered");
    CHECK(first[0]["lesson"] == "a");
    CHECK(first[0]["pass"] == true);
    CHECK(first[0]["score"] == 1.0);
    CHECK(first[0]["device"] == "Tablet 3");
    CHECK(first[0]["when"] == "1970-01-01T00:16:40Z");
    CHECK(IsStatement(first[0]));
    // Nothing new: nothing stated.
    CHECK(NewStatements(p, mark, w, next, 1002).empty());
    // The second answer closes the round: its answer, then the round (completed, failed at 50 %).
    Answer1(p, u, u.Lessons[0], false, 1010);
    std::vector<json> second = NewStatements(p, mark, w, next, 1011);
    REQUIRE(second.size() == 2);
    CHECK(second[0]["verb"] == "answered");
    CHECK(second[0]["pass"] == false);
    CHECK(second[1]["verb"] == "completed");
    CHECK(second[1]["object"] == "a");
    CHECK(second[1]["score"] == doctest::Approx(0.5));
    CHECK(second[1]["pass"] == false);
    std::set<std::string> all;
    for (const auto& s : first) all.insert(s["_id"]);
    for (const auto& s : second) all.insert(s["_id"]);
    CHECK(all.size() == 3);
    // The mark survives a reload.
    StatementMark again = StatementMarkFromJson(StatementMarkToJson(mark));
    CHECK(NewStatements(p, again, w, next, 1020).empty());
    // A restore replaced the progress with a shorter one: the mark follows it, nothing is sent twice.
    Progress shorter;
    CHECK(NewStatements(shorter, again, w, next, 1030).empty());
    CHECK(again.Attempts == 0);
    CHECK(MarkAll(p).Attempts == 2);
    CHECK(MarkAll(p).Runs.at("a") == 1);
}

TEST_CASE("statements read back as a hand-in: the class summary counts live results as it counts files") {
    Unit u = TwoLessons();
    Progress p;
    p.Trainee = "Bruno";
    StatementMark mark;
    Ids ids;
    StatementWriter w{"class-k7qm-bruno", "Bruno", "PC", "u"};
    auto next = [&]() { return ids(); };
    std::vector<json> sent;
    int64_t t = 5000;
    for (bool right : {false, true}) Answer1(p, u, u.Lessons[0], right, t++);
    RetryLesson(p, u.Lessons[0]);
    for (bool right : {true, true}) Answer1(p, u, u.Lessons[0], right, t++);
    Answer1(p, u, u.Lessons[1], true, t++);
    for (json& s : NewStatements(p, mark, w, next, t)) sent.push_back(std::move(s));
    sent.push_back({{"_id", "persona:x"}, {"type", "persona"}});  // not a statement: skipped
    std::reverse(sent.begin(), sent.end());                       // as a server may list them
    HandIn h = HandInFromStatements("Bruno", sent, 2);
    CHECK(h.Trainee == "Bruno");
    CHECK(h.Personas == 2);
    CHECK(h.Statements == 8);  // 5 answers, 3 rounds
    REQUIRE(h.Lessons.size() == 2);
    CHECK(h.Lessons[0].LessonId == "a");
    CHECK(h.Lessons[0].Rounds == 2);
    CHECK(h.Lessons[0].Best == doctest::Approx(1.0));
    CHECK(h.Lessons[0].Last == doctest::Approx(1.0));
    CHECK(h.Lessons[0].Passed);
    CHECK(h.Lessons[1].Passed);
    // The first answer to each item of lesson a comes first (ordered by when, not by the list).
    size_t firsts = 0;
    for (const auto& [item, scores] : h.ItemScores)
        if (item.rfind("a.", 0) == 0) {
            REQUIRE(scores.size() == 2);
            firsts += scores.front() == 0.0 ? 1 : 0;
        }
    CHECK(firsts == 1);
    // The same trainee's hand-in file and live statements give the same row.
    HandInResult file = ReadHandIn(BuildHandIn(u, p, {"{}", "{}"}, t));
    REQUIRE(file.Value);
    ClassSummary live = SummarizeClass(u, {h});
    ClassSummary files = SummarizeClass(u, {*file.Value});
    CHECK(live.Rows[0].LessonsPassed == files.Rows[0].LessonsPassed);
    CHECK(live.Rows[0].MeanBest == doctest::Approx(files.Rows[0].MeanBest));
    CHECK(live.Rows[0].Personas == files.Rows[0].Personas);
}
