// The graded case on real data: every key computed from the data shown (the Pareto share, the
// largest RFM segment, the statuses and strategies of five customers), the LTV graded against the
// formula on the shown figures with the usual slips, the branching consequences, the persona held
// against the data, and the case stored, handed in and summarised like any lesson.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "analysis/run.h"
#include "course/case.h"
#include "model/example_shop.h"

namespace fs = std::filesystem;
using namespace profila;
using namespace profila::course;

namespace {

AnalysisSettings CaseSettings() {
    AnalysisSettings s;
    s.AsOf = DateFromYmd(2025, 12, 31);
    return s;
}

const ExampleShop& Shop() {
    static const ExampleShop shop = GenerateExampleShop(ExampleShopOptions{});
    return shop;
}

bool HasDecimalsAtMost(double v, int decimals) {
    double f = std::pow(10.0, decimals);
    return std::fabs(v * f - std::round(v * f)) < 1e-6;
}

}  // namespace

TEST_CASE("case: the chart questions' keys are read off the data the charts show") {
    AnalysisSettings settings = CaseSettings();
    CaseStudy cs = BuildCase(Shop().Shop, settings, true);
    AnalysisResult r = RunAnalysis(Shop().Shop, settings);
    CHECK(cs.Buyers == r.Base.Buyers);
    CHECK(cs.Curve.size() == r.Concentration.Curve.size());

    // Pareto: the whole percent of margin the best 20% bring; three other readings, 5+ points off.
    REQUIRE(cs.Pareto.Options.size() == 4);
    REQUIRE(cs.Pareto.Correct.size() == 1);
    CHECK(cs.Pareto.Correct[0] == std::to_string(std::lround(r.Concentration.Top20Share * 100)));
    CHECK(std::is_sorted(cs.Pareto.Figures.begin(), cs.Pareto.Figures.end()));
    for (size_t i = 1; i < cs.Pareto.Figures.size(); ++i) CHECK(cs.Pareto.Figures[i] - cs.Pareto.Figures[i - 1] >= 5);
    CHECK(GradeCaseQuestion(cs.Pareto, cs.Pareto.Correct[0]) == 1.0);
    for (const std::string& o : cs.Pareto.Options)
        if (o != cs.Pareto.Correct[0]) CHECK(GradeCaseQuestion(cs.Pareto, o) == 0.0);

    // RFM: the segment with most customers over the whole table, not only over the options.
    int most = 0;
    for (int k = 1; k < kRfmSegmentCount; ++k) most = std::max(most, r.BySegment[static_cast<size_t>(k)].Count);
    REQUIRE(cs.Rfm.Options.size() == 4);
    REQUIRE(!cs.Rfm.Correct.empty());
    for (const std::string& right : cs.Rfm.Correct) {
        auto at = std::find(cs.Rfm.Options.begin(), cs.Rfm.Options.end(), right) - cs.Rfm.Options.begin();
        CHECK(cs.Rfm.Figures[static_cast<size_t>(at)] == most);
    }
    for (size_t i = 0; i < cs.Rfm.Options.size(); ++i)
        CHECK(GradeCaseQuestion(cs.Rfm, cs.Rfm.Options[i]) == (cs.Rfm.Figures[i] == most ? 1.0 : 0.0));

    // The same data make the same case.
    CaseStudy again = BuildCase(Shop().Shop, settings, true);
    REQUIRE(again.Customers.size() == cs.Customers.size());
    for (size_t i = 0; i < cs.Customers.size(); ++i) CHECK(again.Customers[i].Base.Id == cs.Customers[i].Base.Id);
    CHECK(again.Ltv.Cost == cs.Ltv.Cost);
    // Another round draws other customers from the same data; the chart questions stay.
    CaseStudy round2 = BuildCase(Shop().Shop, settings, true, 2);
    CHECK(round2.Pareto.Correct == cs.Pareto.Correct);
    bool other = false;
    for (size_t i = 0; i < cs.Customers.size(); ++i) other = other || round2.Customers[i].Base.Id != cs.Customers[i].Base.Id;
    CHECK(other);
}

TEST_CASE("case: five customers whose status and strategy keys are the core's own, with reasons") {
    AnalysisSettings settings = CaseSettings();
    CaseStudy cs = BuildCase(Shop().Shop, settings, true);
    AnalysisResult r = RunAnalysis(Shop().Shop, settings);
    REQUIRE(cs.Customers.size() == kCaseCustomers);
    std::set<RelationshipStatus> statuses;
    std::set<std::string> ids;
    for (const CaseCustomer& c : cs.Customers) {
        const Customer& card = Shop().Shop.Customers[c.Index];
        CHECK(card.Id == c.Base.Id);
        ids.insert(c.Base.Id);
        Classified<RelationshipStatus> own = ClassifyRelationship(card, SummarizeCustomer(card, settings), settings);
        CHECK(c.Base.Profila.Value == own.Value);
        CHECK(std::string(c.Base.Profila.Why.Code) == own.Why.Code);
        statuses.insert(c.Base.Profila.Value);
        CustomerExplanation e = ExplainCustomer(r, card, c.Index);
        CHECK(c.Suggested.Value == e.Suggested.Value);
        CHECK(std::string(c.Suggested.Why.Code) == e.Suggested.Why.Code);
        // Three choices: the key once and two strategies it is confused with.
        REQUIRE(c.Choices.size() == 3);
        CHECK(std::count(c.Choices.begin(), c.Choices.end(), c.Suggested.Value) == 1);
        CHECK(std::set<Strategy>(c.Choices.begin(), c.Choices.end()).size() == 3);
    }
    CHECK(ids.size() == kCaseCustomers);
    // Varied (four statuses), but never one of each (elimination would give the last away).
    CHECK(statuses.size() == 4);

    // Practice grading applies to the five: right when the guess is Profila's status.
    std::vector<PracticeCustomer> base;
    std::vector<std::optional<RelationshipStatus>> guesses;
    for (const CaseCustomer& c : cs.Customers) {
        base.push_back(c.Base);
        guesses.push_back(c.Base.Profila.Value);
    }
    guesses[0] = guesses[0] == RelationshipStatus::Active ? RelationshipStatus::Inactive : RelationshipStatus::Active;
    CHECK(GradePractice(base, guesses).Score == doctest::Approx(0.8));
}

TEST_CASE("case: each strategy choice shows its consequence, then the scenario goes on") {
    CaseCustomer c;
    c.Suggested = {Strategy::Regain, Reason("strategy.regain_slipping", {120})};
    c.Choices = {Strategy::End, Strategy::Regain, Strategy::Protect};
    CaseOutcome right = StrategyOutcome(c, Strategy::Regain);
    CHECK(right.Right);
    CHECK(right.ConsequenceKey == "case.outcome.regain_slipping");
    CaseOutcome wrong = StrategyOutcome(c, Strategy::End);
    CHECK_FALSE(wrong.Right);
    CHECK(wrong.ConsequenceKey == "case.outcome.wrong.end");
    CHECK(StrategyOutcome(c, Strategy::Protect).ConsequenceKey == "case.outcome.wrong.protect");

    CaseCustomer d = c;
    d.Suggested = {Strategy::Protect, Reason("strategy.protect", {900})};
    CHECK(GradeStrategies({c, d}, {Strategy::Regain, Strategy::Enhance}) == doctest::Approx(0.5));
    CHECK(GradeStrategies({c, d}, {Strategy::Regain, std::nullopt}) == doctest::Approx(0.5));
    CHECK(GradeStrategies({c, d}, {Strategy::Regain, Strategy::Protect}) == 1.0);

    // Every consequence a case can show has a text key of the case.
    std::vector<std::string> keys = CaseTextKeys();
    auto known = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    CaseStudy cs = BuildCase(Shop().Shop, CaseSettings(), true);
    for (const CaseCustomer& cc : cs.Customers)
        for (Strategy s : cc.Choices) CHECK_MESSAGE(known(StrategyOutcome(cc, s).ConsequenceKey), StrategyOutcome(cc, s).ConsequenceKey);
}

TEST_CASE("case: the LTV is graded against the formula on the figures as shown, with the usual slips") {
    CaseLtv l;
    l.S = 23.45;
    l.C = 0.8;
    l.P = 0.32;
    l.Years = 2.5;
    l.Cost = 108;
    // 23.45 x 0.8 x 0.32 x (2.5 x 12) = 180.096
    CHECK(l.Value() == doctest::Approx(180.096));
    CHECK(GradeCaseLtv(l, 180).Score == 1.0);
    CHECK(GradeCaseLtv(l, 180.1).Score == 1.0);
    CHECK(GradeCaseLtv(l, 183).Score == 0.5);
    CaseNumberGrade far = GradeCaseLtv(l, 250);
    CHECK(far.Score == 0.0);
    CHECK(far.Slip.empty());
    CHECK(GradeCaseLtv(l, 15.0).Slip == "x12");     // t left in years: 15.008
    CHECK(GradeCaseLtv(l, 18009.6).Slip == "pct");  // 32 typed for 0.32
    CHECK(GradeCaseLtv(l, 562.8).Slip == "nop");    // P left out
    CHECK(GradeCaseLtv(l, 15.0).Score == 0.0);

    // Against the acquisition cost: the LTV as shown (180) minus the cost.
    CHECK(l.ShownValue() == 180);
    CaseNumberGrade cost = GradeCaseCost(l, 72);
    CHECK(cost.Score == 1.0);
    CHECK(cost.Expected == 72);
    CHECK(GradeCaseCost(l, 288).Slip == "add");
    CHECK(GradeCaseCost(l, 180).Slip == "nocost");

    // The built case shows its figures rounded (S, C to cents, P to a whole percent, t to a tenth of
    // a year) and the key is the formula on exactly those figures.
    CaseStudy cs = BuildCase(Shop().Shop, CaseSettings(), true);
    const CaseLtv& b = cs.Ltv;
    REQUIRE(b.Customers > 0);
    CHECK(RfmSegmentCode(b.Segment) == cs.Rfm.Correct[0]);
    CHECK(HasDecimalsAtMost(b.S, 2));
    CHECK(HasDecimalsAtMost(b.C, 2));
    CHECK(HasDecimalsAtMost(b.P, 2));
    CHECK(HasDecimalsAtMost(b.Years, 1));
    CHECK(GradeCaseLtv(b, b.S * b.C * b.P * b.Years * 12).Score == 1.0);
    CHECK(GradeCaseLtv(b, b.S * b.C * b.P * b.Years).Slip == "x12");
    CHECK(b.Cost >= 1);
    CHECK(GradeCaseCost(b, b.ShownValue() - b.Cost).Score == 1.0);
}

TEST_CASE("case: the persona step needs a saved sketch with its details marked, and says whether it holds") {
    CHECK(PersonaNotReady(nullptr) == "none");
    Persona p;
    CHECK(PersonaNotReady(&p) == "drawn");
    p.Strokes = StickFigureStrokes();
    CHECK(PersonaNotReady(&p) == "details");
    p.Detail(PersonaDetail::Gender).Value = "female";
    p.Detail(PersonaDetail::Location).Value = "Bologna";
    p.Detail(PersonaDetail::Location).State = Knowledge::Known;
    CHECK(PersonaNotReady(&p) == "marks");
    p.Detail(PersonaDetail::Gender).State = Knowledge::Assumed;
    CHECK(PersonaNotReady(&p) == "");

    Persona empty;
    CHECK(PickCasePersona({}) == -1);
    CHECK(PickCasePersona({empty, p}) == 1);
    CHECK(PickCasePersona({empty}) == 0);

    // The verdict from the comparison with the data.
    PersonaComparison c;
    CHECK(PersonaHoldsKey(c) == "nodata");
    DetailComparison a, b, n;
    a.Verdict = PersonaVerdict::Matches;
    b.Verdict = PersonaVerdict::Differs;
    n.Verdict = PersonaVerdict::NoData;
    c.Details = {a, n};
    CHECK(PersonaHoldsKey(c) == "holds");
    c.Details = {a, b, n};
    CHECK(PersonaHoldsKey(c) == "partly");
    c.Details = {b, n};
    CHECK(PersonaHoldsKey(c) == "differs");

    // On the example shop, a persona that names what the shop's best customers look like holds.
    PersonaComparison real = ComparePersonaWithCustomers(p, Shop().Shop, CaseSettings().AsOf);
    std::string key = PersonaHoldsKey(real);
    CHECK(std::find(std::begin(kPersonaVerdicts), std::end(kPersonaVerdicts), key) != std::end(kPersonaVerdicts));
    CHECK(key != "nodata");  // the shop's cards record gender and town
}

TEST_CASE("case: stored with the course progress in step order, handed in and summarised for the trainer") {
    Unit unit;
    unit.Lessons.push_back(CaseLesson());
    const Lesson& lesson = unit.Lessons[0];
    std::vector<const Item*> items = RoundItems(lesson, 1);
    REQUIRE(items.size() == 7);
    const char* order[] = {"case.pareto", "case.rfm", "case.classify", "case.strategy", "case.ltv", "case.cost", "case.persona"};
    for (size_t i = 0; i < items.size(); ++i) CHECK(items[i]->Id == order[i]);
    CHECK(RoundItems(lesson, 2)[0]->Id == "case.pareto");  // every round in step order

    Progress p;
    p.Trainee = "Lucia";
    double scores[] = {1, 0, 0.8, 0.6, 1, 0.5, 1};
    for (size_t i = 0; i < 7; ++i) {
        Answer a;
        a.Values = {std::to_string(i)};
        CHECK(RecordScore(p, unit, lesson, a, scores[i], 10, 1000 + static_cast<int64_t>(i)));
    }
    CHECK_FALSE(RecordScore(p, unit, lesson, {}, 1, 1, 2000));  // the round is closed
    const LessonProgress* lp = p.FindLesson("case");
    REQUIRE(lp);
    REQUIRE(lp->Runs.size() == 1);
    CHECK(lp->Runs[0].Score == doctest::Approx(4.9 / 7));
    CHECK(lp->Runs[0].Passed == (4.9 / 7 >= unit.PassMark));
    CHECK(lp->Runs[0].Seconds == doctest::Approx(70));

    // Survives the progress file.
    Progress back;
    REQUIRE(!ProgressFromJson(ProgressToJson(p), back));
    REQUIRE(back.FindLesson("case"));
    CHECK(back.FindLesson("case")->Runs.size() == 1);

    // Handed in and summarised: the case's concepts can be missed like any other.
    auto read = ReadHandIn(BuildHandIn(unit, p, {}, 3000));
    REQUIRE(read.Value);
    REQUIRE(read.Value->Lessons.size() == 1);
    CHECK(read.Value->Lessons[0].LessonId == "case");
    CHECK(read.Value->ItemScores.at("case.rfm") == std::vector<double>{0});
    ClassSummary s = SummarizeClass(unit, {*read.Value});
    REQUIRE(!s.Missed.empty());
    CHECK(s.Missed[0].LessonId == "case");
    CHECK(s.Missed[0].ConceptId == "rfm");

    RetryLesson(p, lesson);
    CHECK(p.FindLesson("case")->Current == 0);
    CHECK(RecordScore(p, unit, lesson, {}, 1, 1, 4000));
    CHECK(p.Attempts.back().ItemId == "case.pareto");
    CHECK(p.Attempts.back().Round == 2);
}

TEST_CASE("case: every text is there in it, en and es") {
    for (const char* lang : {"it", "en", "es"}) {
        std::ifstream in(fs::path(PROFILA_ASSETS_DIR) / "course" / (std::string(lang) + ".json"), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        StringTable t;
        REQUIRE(!MergeStrings(t, s.str(), lang));
        for (const std::string& key : CaseTextKeys()) {
            CHECK_MESSAGE(t.Has(key), lang << ": missing " << key);
            if (t.Has(key)) CHECK_MESSAGE(std::string(t.Get(key.c_str())).size() > 1, lang << ": empty " << key);
        }
    }
}
