// The course unit as exercises: content (language-neutral structure plus per-language texts),
// deterministic grading with partial credit and reasons, per-item and per-lesson progress, and the
// hand-in file a trainer collects (xAPI-style statements) with the class summary built from several.
//
// Content lives in two parts so the same items exist in every language by construction:
//   assets/course/unit.json        structure: lessons, items, option ids, the right answers
//   assets/course/<lang>.json      flat {"key": "text"}: every text an item shows (see TextKeys)
//
// Partial-credit rules (score in 0..1; an item counts as right when its score is 1):
//   Single, Scenario  1 for the right option, else 0.
//   Multi             (right options picked - wrong options picked) / right options, at least 0.
//   Sort              share of cards in their right category.
//   Match             share of cells (row x answer column) with the right entry.
//   Order             longest run of steps already in the right relative order (LCS) / steps.
//   Numeric           1 within the tolerance, 0.5 within twice the tolerance, else 0; a wrong
//                     unit halves the score.
//   Task              share of checklist points ticked (the persona sketch is self-assessed).
// A hint costs kHintCost of the item's score when it was opened before answering.
// A lesson is taught before it is asked: "teach" screens (text and an optional picture drawn by the
// app), then the items of the round, then the key points ("points") and, per concept missed, a way
// back to the screen that teaches it. Items carry a "concept"; several items of one concept are
// variants of a pool: each round draws one variant per concept (RoundItems) and shuffles their order.
// A lesson's score is the mean of its items' scores in that round; the lesson is passed at
// Unit::PassMark (default 0.7). Feedback bands: below 0.5, below the pass mark, below 0.9, 0.9+.
//
// Implemented in core/course/: content.cpp (types, ParseUnit, text keys), grading.cpp (grades,
// shuffles), progress.cpp (attempts, rounds, the progress JSON), handin.cpp (the hand-in file),
// class_summary.cpp (SummarizeClass); internal.h holds what they share.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/i18n.h"

namespace profila::course {

enum class ItemType { Single, Multi, Sort, Match, Order, Numeric, Scenario, Task };

[[nodiscard]] const char* ItemTypeName(ItemType type);  // "single", "multi", ... as in unit.json
[[nodiscard]] std::optional<ItemType> ParseItemType(std::string_view name);

struct Item {
    std::string Id;                              // "<lesson>.<n>", unique in the unit
    ItemType Type = ItemType::Single;
    // Single/Multi/Scenario: option ids. Sort: card ids. Order: step ids in the RIGHT order.
    // Task: checklist point ids.
    std::vector<std::string> Options;
    std::vector<std::string> Correct;            // Single/Multi/Scenario: the right option ids
    std::vector<std::string> Categories;         // Sort: category ids
    std::vector<std::string> CardCategory;       // Sort: the right category of Options[i]
    // Match: each row is a fixed label id followed by the right entry for each answer column;
    // the choices of column c are the entries of column c over all rows.
    std::vector<std::vector<std::string>> Rows;
    double Value = 0.0;                          // Numeric: the right value
    double Tolerance = 0.0;                      // Numeric: absolute tolerance
    std::vector<std::string> Units;              // Numeric: unit ids to choose from (may be empty)
    std::string Unit;                            // Numeric: the right unit id
    bool HasHint = false;                        // a "<id>.hint" text exists
    std::string Link;                            // Task: the app screen it opens ("persona")
    std::string Concept;                         // the concept it asks ("" in the file = its own id)
    // Numeric: the usual slips (x12 forgotten, 40 typed for 0.4...), each with "<id>.slip.<slip>".
    std::vector<std::pair<std::string, double>> Slips;
};

constexpr double kHintCost = 0.25;  // share of an item's score a hint costs

struct TeachScreen {
    std::string Id;       // texts "<lesson>.teach.<id>.title" and ".body"
    std::string Picture;  // "" or a picture the app draws: lifecycle, pareto, rfm, card, ltv, status
};
struct Concept {
    std::string Id;       // text "<lesson>.concept.<id>" names it
    std::string Teach;    // the teaching screen to go back to
};

struct Lesson {
    std::string Id;
    int Minutes = 5;
    std::vector<Item> Items;                     // the pool: every variant of every concept
    std::vector<TeachScreen> Teach;              // shown before the items
    std::vector<std::string> Points;             // key points of the summary: "<lesson>.point.<id>"
    std::vector<Concept> Concepts;
    bool KeepOrder = false;                      // items always in file order (the graded case's steps)

    [[nodiscard]] const Concept* FindConcept(std::string_view id) const;
    [[nodiscard]] int TeachIndex(std::string_view teach_id) const;  // -1 when unknown
};

// The items of a round: one variant per concept (rotating with the round), in a shuffled order.
[[nodiscard]] std::vector<const Item*> RoundItems(const Lesson& lesson, int round);

struct Unit {
    std::string Id;
    double PassMark = 0.7;
    std::vector<Lesson> Lessons;

    [[nodiscard]] const Lesson* FindLesson(std::string_view id) const;
    [[nodiscard]] const Item* FindItem(std::string_view id) const;
};

struct ParseResult {
    Unit Value;
    std::vector<std::string> Errors;  // "lessons[2].items[0]: ..." naming the place
};
// Reads unit.json; checks the structure each type needs (errors name the lesson/item).
[[nodiscard]] ParseResult ParseUnit(std::string_view json_text);

// Every text key an item needs, and lesson keys ("<lesson>.title", "<lesson>.intro", teaching
// screens, key points, concept names).
[[nodiscard]] std::vector<std::string> TextKeys(const Item& item);
[[nodiscard]] std::vector<std::string> TextKeys(const Lesson& lesson);
// The labels a teaching picture shows ("pic.<picture>.<part>"); empty for an unknown picture.
[[nodiscard]] std::vector<std::string> PictureTextKeys(std::string_view picture);
// Text keys of the unit that the table lacks or leaves empty.
[[nodiscard]] std::vector<std::string> MissingTexts(const Unit& unit, const StringTable& texts);

// ---- Answers and grading -------------------------------------------------------------------

struct Answer {
    // Single/Multi/Scenario: chosen option ids. Order: step ids in the trainee's order.
    // Sort: the category id given to each card, parallel to Item::Options ("" = not placed).
    // Match: row-major cells, (columns-1) per row ("" = empty). Task: ticked point ids.
    std::vector<std::string> Values;
    std::optional<double> Number;  // Numeric
    std::string Unit;              // Numeric: chosen unit id
    bool Hint = false;             // the hint was opened before answering (costs kHintCost)
};

enum class Mark { Right, Wrong, Missed };  // Missed: a right choice not made

// One line of feedback: what it is about, why, and whether the trainee got it.
struct FeedbackLine {
    std::string SubjectKey;  // text key of the option/card/step/row ("" for the whole item)
    std::string WhyKey;      // text key of the explanation
    Mark Result = Mark::Right;
    std::string GivenKey;    // Sort/Match: text key of what the trainee put ("" if nothing)
    std::string ExpectedKey; // Sort/Match: text key of the right entry
    int ExpectedPosition = -1;  // Order: the right position (0-based)
};

struct Grade {
    double Score = 0.0;       // 0..1 by the rules at the top of this file
    bool Correct = false;     // Score == 1
    std::vector<FeedbackLine> Lines;
    std::string ExplainKey;   // "<id>.explain": the reasoning, shown with every answer
    // Numeric figures, so the app can print "expected 720 €, you gave 700".
    double Expected = 0.0;
    double Given = 0.0;
    bool UnitRight = true;
    std::string SlipKey;      // Numeric: "<id>.slip.<slip>" when the answer is a known slip
    bool HintUsed = false;
};

[[nodiscard]] Grade GradeAnswer(const Item& item, const Answer& answer);
// True when the answer has enough to be checked (something chosen, a number typed...).
[[nodiscard]] bool IsAnswerComplete(const Item& item, const Answer& answer);

// Display order of an item's options (or cards, or steps) for a round: a permutation of
// 0..n-1 from a deterministic seed (item id and round). Order items never start solved.
[[nodiscard]] std::vector<int> ShuffledOrder(const Item& item, int round, size_t n);
// The choices of a Match column (ids), shuffled for the round.
[[nodiscard]] std::vector<std::string> MatchChoices(const Item& item, size_t column, int round);
// The starting Answer for an item in a round (Order: the shuffled steps; Sort/Match: blanks).
[[nodiscard]] Answer StartingAnswer(const Item& item, int round);

// ---- Progress --------------------------------------------------------------------------------

struct Attempt {
    std::string ItemId;
    int Round = 1;           // which run through the lesson
    double Score = 0.0;
    double Seconds = 0.0;    // time on the item
    int64_t When = 0;        // unix seconds
    Answer Response;
};

struct LessonRun {
    int Round = 1;
    double Score = 0.0;
    bool Passed = false;
    double Seconds = 0.0;
    int64_t When = 0;
};

struct LessonProgress {
    int Round = 1;            // the round in progress (or last finished)
    int Current = 0;          // index of the item to answer next in this round
    bool Finished = false;    // the current round is complete
    std::vector<LessonRun> Runs;  // every finished round
};

struct Progress {
    std::string Trainee;
    std::map<std::string, LessonProgress> Lessons;
    std::vector<Attempt> Attempts;  // every answer, in order

    [[nodiscard]] const LessonProgress* FindLesson(std::string_view id) const;
};

struct ItemStats {
    int Attempts = 0;
    double First = 0.0, Best = 0.0, Last = 0.0;
    double Seconds = 0.0;  // total time on the item
};
[[nodiscard]] ItemStats StatsForItem(const Progress& progress, std::string_view item_id);

// The lesson score of a round: mean of each item's last score in that round (unanswered = 0).
[[nodiscard]] double RoundScore(const Lesson& lesson, const Progress& progress, int round);

// Records an answer to the lesson's current item and moves on; when it was the last item,
// closes the round (LessonRun with score and pass). Returns the grade.
Grade RecordAnswer(Progress& progress, const Unit& unit, const Lesson& lesson, const Answer& answer,
                   double seconds, int64_t now);
// The same for an item graded outside GradeAnswer (the graded case, whose keys come from data):
// records `score` for the lesson's current item. Returns false when the lesson has no item to answer.
bool RecordScore(Progress& progress, const Unit& unit, const Lesson& lesson, const Answer& answer, double score,
                 double seconds, int64_t now);
// Starts a new round of a lesson (answers reshuffled); earlier attempts are kept.
void RetryLesson(Progress& progress, const Lesson& lesson);
// Progress saved by an older content (other items, other pools) made to fit this unit: a round in
// progress past the end of this round's items starts again; attempts at items that no longer exist
// stay in the file (the hand-in keeps them) but count nowhere. Returns how many lessons were reset.
int FitProgress(Progress& progress, const Unit& unit);
// The concepts of a round that were not fully right, in the lesson's concept order.
[[nodiscard]] std::vector<std::string> ConceptsToReview(const Lesson& lesson, const Progress& progress, int round);

enum class Band { Low, Near, Good, Excellent };
[[nodiscard]] Band ScoreBand(double score, double pass_mark);
[[nodiscard]] const char* BandKey(Band band);  // "course.band.low", ...

[[nodiscard]] std::string ProgressToJson(const Progress& progress);
// Bad input returns an error naming the field; nothing is changed then.
[[nodiscard]] std::optional<std::string> ProgressFromJson(std::string_view json_text, Progress& out);

// ---- Hand-in file and class summary ----------------------------------------------------------

// The file a trainee hands in: JSON with the trainee, one xAPI-style statement per attempt
// ("answered"), per finished round ("completed" and "passed"/"failed"), and the trainee's
// personas (JSON texts as stored) when there are any.
[[nodiscard]] std::string BuildHandIn(const Unit& unit, const Progress& progress,
                                      const std::vector<std::string>& persona_jsons, int64_t now);

struct HandInLesson {
    std::string LessonId;
    int Rounds = 0;
    double Best = 0.0, Last = 0.0;
    bool Passed = false;
};
struct HandIn {
    std::string Trainee;
    int64_t Exported = 0;
    std::vector<HandInLesson> Lessons;
    std::map<std::string, std::vector<double>> ItemScores;  // item id -> scores in attempt order
    int Personas = 0;
    int Statements = 0;
};
struct HandInResult {
    std::optional<HandIn> Value;
    std::string Error;  // names the file part that is wrong
};
[[nodiscard]] HandInResult ReadHandIn(std::string_view json_text);

struct ClassRow {
    std::string Trainee;
    int LessonsPassed = 0;
    double MeanBest = 0.0;     // mean of best lesson scores over the unit's lessons
    int Personas = 0;
};
struct HardItem {
    std::string ItemId;
    double MeanFirst = 0.0;    // mean first-attempt score over trainees who answered it
    int Trainees = 0;
};
struct MissedConcept {
    std::string LessonId, ConceptId;   // text "<lesson>.concept.<concept>"
    double MeanScore = 0.0;            // mean of every answer to its items, across the files
    int Answers = 0;
    int Trainees = 0;
};
struct ClassSummary {
    std::vector<ClassRow> Rows;        // sorted by trainee name
    std::vector<HardItem> Hardest;     // lowest first-attempt mean first (at most 5)
    std::vector<MissedConcept> Missed; // concepts the class misses most, lowest mean first (at most 5)
    std::map<std::string, int> PassedPerLesson;  // lesson id -> trainees who passed it
};
[[nodiscard]] ClassSummary SummarizeClass(const Unit& unit, const std::vector<HandIn>& files);

}  // namespace profila::course
