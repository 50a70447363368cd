// The graded case on real data (course issue, item 5): the closing lesson, played on the example
// shop or on the learner's own customers (those who may be profiled). Every key is computed from
// the data the screen shows, with the analysis's own rules:
//   pareto    which share of the margin the best 20% of customers bring (the Pareto curve)
//   rfm       which RFM segment holds most customers (the segment table)
//   classify  five customers' relationship status (ClassifyRelationship, its reason as feedback)
//   strategy  a strategy for each of the five, a short branching scenario: every choice shows
//             what happens next for that customer, then the case moves on (SuggestStrategy)
//   ltv       the LTV of the largest segment's buyers from S, C, P, t as shown (rounded as shown),
//             with the usual slips (t left in years, P typed as a percentage, P left out)
//   cost      that LTV against the cost of winning one such customer
//   persona   the learner's saved persona held against the data (ComparePersonaWithCustomers)
// The case is a lesson of the unit ("case", items in this order) so its score is stored with the
// course progress, handed in and summarised for the trainer like any other lesson.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analysis/concentration.h"
#include "analysis/rfm.h"
#include "analysis/strategy.h"
#include "course/course.h"
#include "course/practice.h"
#include "persona/compare.h"

namespace profila::course {

inline constexpr const char* kCaseLessonId = "case";
// The learner may choose their own customers from this many buyers who may be profiled (fewer
// make a Pareto curve and an RFM table too thin to read); the example shop otherwise.
inline constexpr int kCaseMinBuyers = 30;
inline constexpr size_t kCaseCustomers = 5;

// The case lesson (appended to the unit by the app) and every "case.*" text its screen shows.
[[nodiscard]] Lesson CaseLesson();
[[nodiscard]] std::vector<std::string> CaseTextKeys();

// A question read off a chart: option ids with the figure each names (pareto: a percentage;
// rfm: the segment's customers), the right ones computed from the data.
struct CaseQuestion {
    std::vector<std::string> Options;  // pareto: "20", "61", ... (whole percents); rfm: segment codes
    std::vector<double> Figures;       // per option
    std::vector<std::string> Correct;
};

struct CaseCustomer {
    PracticeCustomer Base;             // name, facts, status with its reason (the classify key)
    size_t Index = 0;                  // in the case workspace
    RfmSegment Segment = RfmSegment::None;
    AbcClass Abc = AbcClass::None;
    Classified<Strategy> Suggested;    // the strategy key with its reason
    std::vector<Strategy> Choices;     // the three strategies offered, in display order
};

// The group of the LTV step with its figures as the screen shows them.
struct CaseLtv {
    RfmSegment Segment = RfmSegment::None;
    int Customers = 0;
    double S = 0.0;      // average ticket, 2 decimals
    double C = 0.0;      // purchase occasions a month, 2 decimals
    double P = 0.0;      // profitability, a whole percent (0.32)
    double Years = 0.0;  // t in years, 1 decimal (the formula wants months: x 12)
    double Cost = 0.0;   // cost of winning one such customer, whole currency units
    [[nodiscard]] double Value() const { return S * C * P * Years * 12.0; }  // the formula on the shown figures
    [[nodiscard]] double ShownValue() const;  // Value rounded to whole units, as the cost step shows it
};

struct CaseStudy {
    bool Example = true;               // the example shop, else the learner's own customers
    Date AsOf;
    int Buyers = 0;
    std::vector<ParetoPoint> Curve;
    double Top20Share = 0.0;
    std::array<int, kRfmSegmentCount> SegmentCounts{};
    std::array<double, kRfmSegmentCount> SegmentMargins{};
    CaseQuestion Pareto, Rfm;
    std::vector<CaseCustomer> Customers;
    CaseLtv Ltv;
};

// Builds the case from a workspace of customers who may be profiled. Deterministic for the same
// data, settings (settings.AsOf is the analysis date) and round: another round of the lesson draws
// other customers and another acquisition cost from the same data.
[[nodiscard]] CaseStudy BuildCase(const Workspace& data, const AnalysisSettings& settings, bool example, int round = 1);
// Buyers (customers with a purchase by settings.AsOf) of a workspace: kCaseMinBuyers or more lets
// the learner choose their own customers.
[[nodiscard]] int CountBuyers(const Workspace& data, const AnalysisSettings& settings);

// ---- Grading ---------------------------------------------------------------------------------

// A chart question: 1 for a right option, else 0.
[[nodiscard]] double GradeCaseQuestion(const CaseQuestion& q, const std::string& picked);

// One strategy choice in the scenario: right or not, and what happens next for that customer:
// "case.outcome.<situation>" when the choice fits (the situation is the suggestion's reason code
// without "strategy."), else "case.outcome.wrong.<chosen strategy>".
struct CaseOutcome {
    bool Right = false;
    std::string ConsequenceKey;
};
[[nodiscard]] CaseOutcome StrategyOutcome(const CaseCustomer& customer, Strategy chosen);
[[nodiscard]] double GradeStrategies(const std::vector<CaseCustomer>& customers, const std::vector<std::optional<Strategy>>& chosen);

// A typed figure against the right one: 1 within 1% (at least 1 currency unit), 0.5 within 2%,
// else 0; Slip names a usual slip ("x12", "pct", "nop" for the LTV; "add", "nocost" for the cost).
struct CaseNumberGrade {
    double Score = 0.0;
    double Expected = 0.0;
    std::string Slip;
};
[[nodiscard]] CaseNumberGrade GradeCaseLtv(const CaseLtv& ltv, double typed);
// What one customer of the group leaves after the cost of winning them: ShownValue() - Cost.
[[nodiscard]] CaseNumberGrade GradeCaseCost(const CaseLtv& ltv, double typed);

// The persona step needs a saved sketch with its details marked: drawn, at least one detail
// written, and every written detail marked known, assumed or unknown. "" when ready, else what is
// missing: "none" (no persona), "drawn", "details", "marks".
[[nodiscard]] std::string PersonaNotReady(const Persona* persona);
// The persona the case uses: the first ready one, else the one closest to ready (-1: none saved).
[[nodiscard]] int PickCasePersona(const std::vector<Persona>& personas);
// Whether the persona holds against the data, from the details the customer cards record:
// "holds" (every compared detail matches or is common among the best customers), "differs" (none
// does), "partly" (some do), "nodata" (the cards record none of the persona's details).
[[nodiscard]] std::string PersonaHoldsKey(const PersonaComparison& comparison);
inline constexpr const char* kPersonaVerdicts[] = {"holds", "partly", "differs", "nodata"};

}  // namespace profila::course
