// The analysis rules one by one, on small hand-made customers with figures checked by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>

#include "analysis/export.h"
#include "analysis/run.h"
#include "text/csv.h"

using namespace profila;

namespace {
Date D(int y, int m, int d) { return DateFromYmd(y, m, d); }

Purchase Buy(Date when, double amount, double margin = -1, double discount = 0) {
    Purchase p;
    p.When = when;
    p.Amount = amount;
    if (margin >= 0) p.Margin = margin;
    p.DiscountPercent = discount;
    return p;
}

AnalysisSettings SettingsAt(Date asOf) {
    AnalysisSettings s;
    s.AsOf = asOf;
    return s;
}
}  // namespace

TEST_CASE("one day with several purchases is one purchase occasion, later purchases are ignored") {
    Customer c;
    c.Purchases = {Buy(D(2024, 1, 10), 10, 4), Buy(D(2024, 1, 10), 5, 2), Buy(D(2024, 3, 1), 20, 8),
                   Buy(D(2024, 9, 1), 99, 50)};
    CustomerFacts f = SummarizeCustomer(c, SettingsAt(D(2024, 6, 30)));
    CHECK(f.Occasions == 2);
    CHECK(f.Revenue == doctest::Approx(35));
    CHECK(f.Margin == doctest::Approx(14));
    CHECK(f.First == D(2024, 1, 10));
    CHECK(f.Last == D(2024, 3, 1));
    CHECK(f.AverageTicket() == doctest::Approx(17.5));
}

// A customer's purchases come in any order (rows of a file, edits): the occasions are counted on
// the days sorted, each once, by three ways depending on how many there are and over what span (up
// to 16: an insertion sort; more over a few years: a bitmap; more over decades: a sort). Every order
// must give the facts of the date order, holdout included.
TEST_CASE("purchases in any order give the facts of the date order, for few and many days, short and long spans") {
    std::mt19937 rng(17);
    for (const auto& [count, spanDays] : std::vector<std::pair<int, int>>{{2, 30}, {7, 400}, {16, 700}, {17, 700}, {60, 900}, {60, 20000}}) {
        CAPTURE(count);
        CAPTURE(spanDays);
        Customer c;
        const Date start = D(1990, 1, 1);
        std::uniform_int_distribution<int> day(0, spanDays);
        for (int i = 0; i < count; ++i) {
            const Date when{start.Days + day(rng)};
            c.Purchases.push_back(Buy(when, 10 + i));
            if (i % 5 == 0) c.Purchases.push_back(Buy(when, 3));  // the same day again: one occasion
        }
        std::sort(c.Purchases.begin(), c.Purchases.end(), [](const Purchase& a, const Purchase& b) { return a.When.Days < b.When.Days; });
        const AnalysisSettings s = SettingsAt(Date{start.Days + spanDays * 3 / 4});  // some purchases after: the holdout
        const CustomerFacts ordered = SummarizeCustomer(c, s);
        REQUIRE(ordered.Occasions > 0);
        for (int shuffle = 0; shuffle < 5; ++shuffle) {
            std::shuffle(c.Purchases.begin(), c.Purchases.end(), rng);
            const CustomerFacts f = SummarizeCustomer(c, s);
            CHECK(f.Occasions == ordered.Occasions);
            CHECK(f.OccasionsInActiveWindow == ordered.OccasionsInActiveWindow);
            CHECK(f.OccasionsInFrequencyWindow == ordered.OccasionsInFrequencyWindow);
            CHECK(f.First == ordered.First);
            CHECK(f.Last == ordered.Last);
            CHECK(f.GapMeanDays == doctest::Approx(ordered.GapMeanDays).epsilon(1e-12));
            CHECK(f.GapCv == doctest::Approx(ordered.GapCv).epsilon(1e-12));
            CHECK(f.HoldoutOccasions == ordered.HoldoutOccasions);
            CHECK(f.HoldoutLast == ordered.HoldoutLast);
            CHECK(f.Revenue == doctest::Approx(ordered.Revenue));
            CHECK(f.FirstRevenue == doctest::Approx(ordered.FirstRevenue));
        }
    }
}

TEST_CASE("a return (a credit note, negative amount) takes money back but is not a purchase occasion") {
    Customer c;
    c.Purchases = {Buy(D(2024, 1, 10), 100, 40), Buy(D(2024, 2, 1), -30, -12), Buy(D(2024, 3, 1), 50, 20),
                   Buy(D(2024, 8, 1), -10)};  // a return after the analysis date: not a holdout occasion
    c.Purchases[1].Margin = -12;  // the margin given back with the return
    CustomerFacts f = SummarizeCustomer(c, SettingsAt(D(2024, 6, 30)));
    CHECK(f.Occasions == 2);
    CHECK(f.Revenue == doctest::Approx(120));
    CHECK(f.Margin == doctest::Approx(48));
    CHECK(f.First == D(2024, 1, 10));
    CHECK(f.Last == D(2024, 3, 1));
    CHECK(f.FirstRevenue == doctest::Approx(100));
    CHECK(f.RepeatTicket() == doctest::Approx(20));  // the repeat spend net of the return
    CHECK(f.HoldoutOccasions == 0);
    // Out of date order, the same.
    std::swap(c.Purchases[0], c.Purchases[2]);
    CustomerFacts g = SummarizeCustomer(c, SettingsAt(D(2024, 6, 30)));
    CHECK(g.Occasions == 2);
    CHECK(g.First == D(2024, 1, 10));
    CHECK(g.Revenue == doctest::Approx(120));
}

TEST_CASE("relationship status: active, current, inactive, potential, probable with reasons") {
    AnalysisSettings s = SettingsAt(D(2024, 6, 30));  // window 180 days, active from 2 occasions
    Customer active;
    active.Purchases = {Buy(D(2024, 5, 1), 10), Buy(D(2024, 6, 20), 10)};
    auto a = ClassifyRelationship(active, s);
    CHECK(a.Value == RelationshipStatus::Active);
    CHECK(std::string(a.Why.Code) == "status.active");
    CHECK(a.Why.Figures[0] == 10);   // days since last purchase
    CHECK(a.Why.Figures[1] == 180);  // window
    CHECK(a.Why.Figures[2] == 2);    // occasions in the window

    Customer current;  // two purchases, same day: one occasion
    current.Purchases = {Buy(D(2024, 6, 1), 10), Buy(D(2024, 6, 1), 30)};
    CHECK(ClassifyRelationship(current, s).Value == RelationshipStatus::Current);

    Customer inactive;
    inactive.Purchases = {Buy(D(2023, 11, 1), 10), Buy(D(2023, 12, 1), 10)};
    auto i = ClassifyRelationship(inactive, s);
    CHECK(i.Value == RelationshipStatus::Inactive);
    CHECK(i.Why.Figures[0] == 212);  // 2023-12-01 -> 2024-06-30

    // As of an earlier date the same customer was active: the analysis date rewinds time.
    CHECK(ClassifyRelationship(inactive, SettingsAt(D(2023, 12, 31))).Value == RelationshipStatus::Active);

    Customer lead;
    lead.ShowedInterest = true;
    CHECK(ClassifyRelationship(lead, s).Value == RelationshipStatus::Potential);
    Customer asked;  // asked for a quote: a request on file
    asked.Requests.push_back({D(2024, 6, 1), "quote", false, true, ""});
    CHECK(ClassifyRelationship(asked, s).Value == RelationshipStatus::Potential);
    Customer stranger;
    CHECK(ClassifyRelationship(stranger, s).Value == RelationshipStatus::Probable);

    s.ActiveWindowDays = 365;  // a business with a longer cycle
    CHECK(ClassifyRelationship(inactive, s).Value == RelationshipStatus::Active);
}

TEST_CASE("frequency class by occasions in the last year") {
    AnalysisSettings s = SettingsAt(D(2024, 12, 31));
    Customer c;
    for (int m = 1; m <= 6; ++m) c.Purchases.push_back(Buy(D(2024, m, 5), 10));
    auto f = ClassifyFrequency(SummarizeCustomer(c, s), s);
    CHECK(f.Value == FrequencyClass::Habitual);
    CHECK(f.Why.Figures[0] == 6);
    c.Purchases.resize(2);
    CHECK(ClassifyFrequency(SummarizeCustomer(c, s), s).Value == FrequencyClass::Occasional);
    c.Purchases.resize(1);
    CHECK(ClassifyFrequency(SummarizeCustomer(c, s), s).Value == FrequencyClass::Sporadic);
    s.OccasionalMinOccasions = 1;
    CHECK(ClassifyFrequency(SummarizeCustomer(c, s), s).Value == FrequencyClass::Occasional);
    c.Purchases.clear();
    CHECK(ClassifyFrequency(SummarizeCustomer(c, s), s).Value == FrequencyClass::None);
}

TEST_CASE("customer types from data, each with the figures of its rule") {
    AnalysisSettings s = SettingsAt(D(2024, 12, 31));
    BaseFigures base;
    base.MedianTicket = 100;
    base.HighVolumeThreshold = 1000;
    base.MarginRate = 0.3;
    FutureValue fv{500, 400, true};

    Customer loyal;  // monthly for 18 months, same category, full price
    for (int k = 0; k < 18; ++k) {
        Purchase p = Buy(Date{D(2023, 7, 1).Days + k * 30}, 80);
        p.Category = "bread";
        loyal.Purchases.push_back(p);
    }
    CustomerFacts f = SummarizeCustomer(loyal, s);
    CustomerTypes t = DetectCustomerTypes(f, RelationshipStatus::Active, base, fv, s);
    CHECK(t.Has(CustomerType::Loyal));
    CHECK(t.Has(CustomerType::NeedOriented));  // one category, regular gaps (cv 0)
    CHECK(t.Why[static_cast<int>(CustomerType::NeedOriented)].Figures[1] == doctest::Approx(1.0));
    CHECK(t.Has(CustomerType::HighVolume));    // 18 x 80 = 1440 >= 1000
    CHECK(t.Has(CustomerType::HighFutureValue));
    CHECK_FALSE(t.Has(CustomerType::Discount));
    CHECK_FALSE(t.Has(CustomerType::Impulsive));

    Customer bargain;  // 3 of 4 purchases on discount: 0.75 >= 0.6
    bargain.Purchases = {Buy(D(2024, 1, 1), 10, -1, 20), Buy(D(2024, 2, 1), 10, -1, 20), Buy(D(2024, 3, 1), 10, -1, 10),
                         Buy(D(2024, 4, 1), 10)};
    t = DetectCustomerTypes(SummarizeCustomer(bargain, s), RelationshipStatus::Current, base, {0, 400, true}, s);
    CHECK(t.Has(CustomerType::Discount));
    CHECK(t.Why[static_cast<int>(CustomerType::Discount)].Figures[2] == doctest::Approx(0.75));

    Customer impulsive;  // small tickets at irregular gaps: 1, 1, 60 days
    impulsive.Purchases = {Buy(D(2024, 1, 1), 20), Buy(D(2024, 1, 2), 15), Buy(D(2024, 1, 3), 25), Buy(D(2024, 3, 3), 20)};
    f = SummarizeCustomer(impulsive, s);
    CHECK(f.GapCv > 1.0);
    t = DetectCustomerTypes(f, RelationshipStatus::Inactive, base, {0, 400, true}, s);
    CHECK(t.Has(CustomerType::Impulsive));

    Customer wanderer;  // four requests, one purchase: conversion 0.25
    for (int k = 0; k < 4; ++k) wanderer.Requests.push_back({D(2024, 5, 1 + k), "price", false, true, ""});
    wanderer.Purchases = {Buy(D(2024, 5, 10), 30)};
    t = DetectCustomerTypes(SummarizeCustomer(wanderer, s), RelationshipStatus::Inactive, base, {0, 400, true}, s);
    CHECK(t.Has(CustomerType::Wanderer));
    CHECK(t.Why[static_cast<int>(CustomerType::Wanderer)].Figures[2] == doctest::Approx(0.25));
}

TEST_CASE("profitability profile: six criteria scored and explained, big low-profit flagged") {
    AnalysisSettings s = SettingsAt(D(2024, 12, 31));
    BaseFigures base;
    base.MarginRate = 0.40;
    base.MedianTicket = 100;
    base.BigRevenueThreshold = 500;
    Customer c;  // 4 purchases of 200 at 20% margin, 2 discounted, 1 paid late, 1 cancelled, 2 after-sales
    for (int k = 0; k < 4; ++k) {
        Purchase p = Buy(D(2024, 1 + k, 1), 200, 40, k < 2 ? 10 : 0);
        p.DaysPaidLate = k == 3 ? 30 : 0;
        c.Purchases.push_back(p);
    }
    Purchase cancelled = Buy(D(2024, 6, 1), 100, 20);
    cancelled.Cancelled = true;
    c.Purchases.push_back(cancelled);
    c.Requests = {{D(2024, 2, 2), "repair", true, true, ""}, {D(2024, 3, 3), "repair", true, true, ""}};
    ProfitabilityProfile p = ProfileProfitability(SummarizeCustomer(c, s), base, s);
    using PC = ProfitCriterion;
    auto rating = [&](PC k) { return p.Ratings[static_cast<int>(k)]; };
    CHECK(rating(PC::HighMarginProducts) == Rating::Poor);  // 0.20 / 0.40 = 0.5 < 0.75
    CHECK(rating(PC::FullPrice) == Rating::Fair);           // 2 of 4 = 0.5
    CHECK(rating(PC::FewLargeOrders) == Rating::Good);      // 200 / 100 = 2.0
    CHECK(rating(PC::NoCancellations) == Rating::Poor);     // 1 of 5 = 0.2 > 0.15
    CHECK(rating(PC::PaysOnTime) == Rating::Poor);          // 1 of 4 = 0.25 > 0.20
    CHECK(rating(PC::LittleAfterSales) == Rating::Poor);    // 2 / 4 = 0.5 > 0.30
    CHECK(p.Why[static_cast<int>(PC::PaysOnTime)].Figures[2] == doctest::Approx(30));
    CHECK(p.Score == doctest::Approx((0 + 50 + 100 + 0 + 0 + 0) / 6.0));
    CHECK(p.BigLowProfit);  // revenue 800 >= 500, score 25 < 50
    CHECK(std::string(p.BigWhy.Code) == "profit.big_low");
}

TEST_CASE("concentration: Pareto, ABC, top shares, Herfindahl and warnings") {
    AnalysisSettings s;
    std::vector<double> margins = {5, 50, 10, 30, 5, -20};
    std::vector<char> buyer = {1, 1, 1, 1, 1, 1};
    std::vector<std::string_view> group = {"", "", "", "", "", ""};
    ConcentrationResult r = AnalyzeConcentration(margins, buyer, group, s);
    CHECK(r.TotalMargin == doctest::Approx(100));
    CHECK(r.Top1Share == doctest::Approx(0.5));
    CHECK(r.Top5Share == doctest::Approx(1.0));
    CHECK(r.Top20Share == doctest::Approx(0.8));  // ceil(0.2 x 6) = 2 customers: 50 + 30
    CHECK(r.Herfindahl == doctest::Approx(0.25 + 0.09 + 0.01 + 0.0025 + 0.0025));
    CHECK(r.Classes[1] == AbcClass::A);  // before: 0
    CHECK(r.Classes[3] == AbcClass::A);  // before: 0.5
    CHECK(r.Classes[2] == AbcClass::B);  // before: 0.8
    CHECK(r.Classes[0] == AbcClass::B);  // before: 0.9
    CHECK(r.Classes[4] == AbcClass::C);  // before: 0.95
    CHECK(r.Classes[5] == AbcClass::None);  // a loss holds no share of profit
    CHECK(r.Curve.front().MarginShare == 0.0);
    CHECK(r.Curve.back().CustomerShare == doctest::Approx(1.0));
    CHECK(r.Curve.back().MarginShare == doctest::Approx(1.0));
    bool top1 = false, hhi = false;
    for (const Reason& w : r.Warnings) {
        top1 |= std::string(w.Code) == "risk.top1";
        hhi |= std::string(w.Code) == "risk.hhi";
    }
    CHECK(top1);
    CHECK(hhi);

    std::vector<double> even(40, 10.0);
    std::vector<char> all(40, 1);
    std::vector<std::string_view> towns(40, "Borgo");
    ConcentrationResult e = AnalyzeConcentration(even, all, towns, s);
    CHECK(e.Herfindahl == doctest::Approx(1.0 / 40));
    REQUIRE(e.Warnings.size() == 1);  // diversified by size, but all from one town
    CHECK(std::string(e.Warnings[0].Code) == "risk.similar");
}

TEST_CASE("RFM quintiles: equal values share a score, and no level is left empty when data allows") {
    std::vector<double> ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    auto s = QuintileScores(ten, nullptr);
    CHECK(std::vector<int>(s.begin(), s.end()) == std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5});

    // 60 of 100 customers bought once: a plain quintile rank would put them in levels 1..3 at
    // random or leave levels empty. Here they all get 1 and the other values fill 2..5.
    std::vector<double> freq(60, 1.0);
    for (double v : {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9, 10, 12, 15, 20, 22, 25, 30, 40})
        freq.push_back(v);
    std::array<double, 4> cuts{};
    auto f = QuintileScores(freq, &cuts);
    int count[6] = {};
    for (size_t i = 0; i < freq.size(); ++i) ++count[f[i]];
    for (int level = 1; level <= 5; ++level) CHECK(count[level] > 0);
    for (size_t i = 0; i < 60; ++i) CHECK(f[i] == 1);
    for (size_t i = 1; i < freq.size(); ++i)
        if (freq[i] == freq[i - 1]) CHECK(f[i] == f[i - 1]);
    CHECK(cuts[0] == 2);  // score 2 starts at 2 occasions

    // Three distinct values cannot fill five levels: each keeps its own, ordered by mid-rank.
    auto few = QuintileScores({1, 1, 1, 1, 2, 2, 3}, nullptr);
    CHECK(few[0] < few[4]);
    CHECK(few[4] < few[6]);
}

TEST_CASE("RFM: fixed thresholds below the size setting, and the segment grid") {
    AnalysisSettings s;
    std::vector<double> recency = {10, 400, 100}, occasions = {12, 1, 3}, spend = {5000, 50, 400};
    std::vector<char> buyer = {1, 1, 1};
    RfmResult r = ScoreRfm(recency, occasions, spend, buyer, s);
    CHECK(r.Method == RfmMethod::FixedThresholds);
    CHECK(r.Scores[0].R == 5);
    CHECK(r.Scores[0].F == 5);
    CHECK(r.Scores[0].M == 5);
    CHECK(r.Scores[0].Segment == RfmSegment::Champions);
    CHECK(r.Scores[1].R == 1);
    CHECK(r.Scores[1].Segment == RfmSegment::Lost);
    CHECK(r.Scores[2].R == 3);  // 100 days: <= 180
    CHECK(r.Scores[2].F == 3);  // 3 occasions
    CHECK(r.Scores[2].M == 3);  // 400 >= 300
    CHECK(r.Scores[2].Segment == RfmSegment::NeedAttention);
    CHECK(SegmentFor(1, 5, 5) == RfmSegment::CantLoseThem);
    CHECK(SegmentFor(2, 4, 3) == RfmSegment::AtRisk);
    CHECK(SegmentFor(5, 1, 1) == RfmSegment::New);
    CHECK(SegmentFor(4, 1, 1) == RfmSegment::Promising);
    CHECK(SegmentFor(3, 1, 2) == RfmSegment::AboutToSleep);
    CHECK(SegmentFor(4, 2, 3) == RfmSegment::PotentialLoyalist);
    CHECK(SegmentFor(4, 5, 4) == RfmSegment::Loyal);
    CHECK(SegmentFor(2, 1, 2) == RfmSegment::Hibernating);
}

TEST_CASE("simple LTV: the gym example, 20 x 12 x 3 = 720") {
    CHECK(SimpleLtv(20, 1, 1, 36) == doctest::Approx(720));  // 20 a month, 1 a month, revenue, 36 months
    // The same from a member's card: 36 monthly payments of 20, margin = revenue, t = 36 months.
    Customer member;
    for (int k = 0; k < 36; ++k) member.Purchases.push_back(Buy(D(2021 + k / 12, 1 + k % 12, 1), 20, 20));
    AnalysisSettings s = SettingsAt(D(2023, 12, 31));
    s.LtvMonths = 36;
    SimpleLtvTerms t = SimpleLtvFor(SummarizeCustomer(member, s), s.LtvMonths, s);
    CHECK(t.S == doctest::Approx(20));
    CHECK(t.C == doctest::Approx(1.0).epsilon(0.01));
    CHECK(t.P == doctest::Approx(1.0));
    CHECK(t.Value() == doctest::Approx(720).epsilon(0.01));
}

TEST_CASE("strategy rules with their reasons") {
    AnalysisSettings s;
    StrategyInputs lead;
    lead.Status = RelationshipStatus::Potential;
    CHECK(SuggestStrategy(lead, s).Value == Strategy::Start);
    StrategyInputs champion;
    champion.Status = RelationshipStatus::Active;
    champion.Occasions = 12;
    champion.Margin = 900;
    champion.ProfitScore = 80;
    champion.Abc = AbcClass::A;
    champion.Segment = RfmSegment::Champions;
    CHECK(SuggestStrategy(champion, s).Value == Strategy::Protect);
    StrategyInputs costly = champion;
    costly.BigLowProfit = true;
    costly.ProfitScore = 30;
    auto c = SuggestStrategy(costly, s);
    CHECK(c.Value == Strategy::Reengineer);
    CHECK(c.Why.Figures[0] == 30);
    StrategyInputs lapsed = champion;
    lapsed.Status = RelationshipStatus::Inactive;
    lapsed.DaysSinceLast = 400;
    CHECK(SuggestStrategy(lapsed, s).Value == Strategy::Regain);
    StrategyInputs gone = lapsed;
    gone.Abc = AbcClass::C;
    gone.Segment = RfmSegment::Lost;
    CHECK(SuggestStrategy(gone, s).Value == Strategy::End);
    StrategyInputs growing = champion;
    growing.Abc = AbcClass::B;
    growing.Segment = RfmSegment::PotentialLoyalist;
    CHECK(SuggestStrategy(growing, s).Value == Strategy::Enhance);
    StrategyInputs steady = growing;
    steady.Segment = RfmSegment::AboutToSleep;
    CHECK(SuggestStrategy(steady, s).Value == Strategy::Harvest);
}

TEST_CASE("the whole run on a small shop, exported as CSV and model JSON") {
    Workspace w;
    for (int i = 0; i < 30; ++i) {
        Customer c;
        c.Id = "C" + std::to_string(i);
        for (int k = 0; k <= i % 5; ++k) c.Purchases.push_back(Buy(D(2024, 1 + (i + k * 2) % 12, 1 + i % 27), 20 + i, 8 + i / 3.0));
        w.Customers.push_back(c);
    }
    Customer lead;
    lead.Id = "L1";
    lead.ShowedInterest = true;
    w.Customers.push_back(lead);
    AnalysisResult r = RunAnalysis(w, SettingsAt(D(2024, 12, 31)));
    REQUIRE(r.Rows.size() == 31);
    CHECK(r.Rfm.Method == RfmMethod::FixedThresholds);  // 30 buyers < 50
    CHECK(r.Rows[30].Status == RelationshipStatus::Potential);
    CHECK(r.Rows[30].Suggested == Strategy::Start);
    std::string csv = ExportAnalysisCsv(r, w);
    CHECK(csv.rfind("id,status,frequency_class,types,r,f,m,segment,margin,profitability_score,simple_ltv,"
                    "expected_purchases,p_alive,clv,strategy\n",
                    0) == 0);
    size_t lines = 0;
    for (char ch : csv) lines += ch == '\n';
    CHECK(lines == 32);
    CHECK(csv.find("\nL1,potential,none,,,,,,,,,,,,start\n") != std::string::npos);
    // The same columns as a typed sheet: one row per customer, numbers equal to the CSV's figures.
    std::vector<std::vector<WorkbookCell>> sheet = ExportAnalysisSheet(r, w);
    REQUIRE(sheet.size() == 32);
    CHECK(sheet[0][0].Text == "id");
    CHECK(sheet[0][14].Text == "strategy");
    CHECK(sheet[31][0].Text == "L1");
    CHECK(sheet[31][8].Type == CellType::Empty);
    CHECK(sheet[31][14].Text == "start");
    CsvTable parsed = ParseCsvText(csv, ',');
    REQUIRE(parsed.Rows.size() == 32);
    for (size_t row = 1; row < 32; ++row)
        for (size_t c : {4, 8, 10, 12, 13}) {
            const std::string& text = parsed.Rows[row].Cells[c];
            if (text.empty()) CHECK(sheet[row][c].Type == CellType::Empty);
            else CHECK(sheet[row][c].Number == doctest::Approx(std::stod(text)).epsilon(1e-12));
        }
    // The codes (status, frequency, the set of types, segment, strategy) as the sheet writes them.
    size_t severalTypes = 0;
    for (size_t row = 1; row < 32; ++row)
        for (size_t c : {1, 2, 3, 7, 14}) {
            CAPTURE(row);
            CAPTURE(c);
            CHECK(parsed.Rows[row].Cells[c] == sheet[row][c].Text);
            severalTypes += c == 3 && parsed.Rows[row].Cells[c].find(';') != std::string::npos;
        }
    CHECK(severalTypes > 0);
    std::string json = ExportModelJson(r);
    CHECK(json.find("\"time_unit\": \"weeks\"") != std::string::npos);
    CHECK(json.find("\"analysis_date\": \"2024-12-31\"") != std::string::npos);
    CHECK(json.find("\"repeat_buyers\": 24") != std::string::npos);  // i % 5 > 0 for 24 of 30
}

TEST_CASE("the CSV export quotes ids that need it, keeps long ones whole, and writes every row of a big base") {
    Workspace w;
    const std::string longId(40000, 'x');
    for (const std::string& id : {std::string("a,b"), std::string("say \"hi\""), longId, std::string("plain")}) {
        Customer c;
        c.Id = id;
        w.Customers.push_back(c);
    }
    for (int i = 0; i < 3000; ++i) {  // several 16 KB buffers' worth of rows
        Customer c;
        c.Id = "K" + std::to_string(i);
        c.Purchases.push_back(Buy(D(2024, 1 + i % 12, 1 + i % 27), 20 + i % 50, 8));
        w.Customers.push_back(c);
    }
    const AnalysisResult r = RunAnalysis(w, SettingsAt(D(2024, 12, 31)));
    const std::string csv = ExportAnalysisCsv(r, w);
    CHECK(csv.find("\n\"a,b\",") != std::string::npos);
    CHECK(csv.find("\n\"say \"\"hi\"\"\",") != std::string::npos);
    CHECK(csv.find("\n" + longId + ",") != std::string::npos);
    CHECK(csv.find("\nplain,") != std::string::npos);
    size_t lines = 0;
    for (char ch : csv) lines += ch == '\n';
    CHECK(lines == w.Customers.size() + 1);
    CHECK(csv.find("\nK2999,") != std::string::npos);
    CHECK(csv.back() == '\n');
}

TEST_CASE("fixed-point number formatting for exports") {
    std::string s;
    AppendFixed(s, 1234.567, 2);
    s += '|';
    AppendFixed(s, -0.004, 2);
    s += '|';
    AppendFixed(s, -12.5, 1);
    s += '|';
    AppendFixed(s, 0.98765, 4);
    s += '|';
    AppendFixed(s, 7, 0);
    CHECK(s == "1234.57|0.00|-12.5|0.9877|7");
    // Around and beyond 2^32 scaled units (digits made in 64-bit, then 32-bit arithmetic), as printf.
    for (double v : {42949672.95, 42949672.96, -42949672.97, 4294967296.0, 123456789012.34, -9e12, 1e15 / 100}) {
        for (int decimals : {0, 2, 4}) {
            std::string mine;
            AppendFixed(mine, v, decimals);
            char expected[64];
            std::snprintf(expected, sizeof expected, "%.*f", decimals, v);
            CHECK(mine == expected);
        }
    }
    // Random values of every size the exports write, against printf (values whose scaled fraction
    // is a near-tie left out: there printf rounds the exact binary value, this rounds half away).
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
    int compared = 0;
    for (int k = 0; k < 20000; ++k) {
        const int decimals = k % 7;
        const double v = mantissa(rng) * std::pow(10.0, k % 13 - 3);
        const double scaled = std::abs(v) * std::pow(10.0, decimals);
        if (std::abs(scaled - std::floor(scaled) - 0.5) < 1e-6) continue;
        std::string mine;
        AppendFixed(mine, v, decimals);
        char expected[64];
        std::snprintf(expected, sizeof expected, "%.*f", decimals, v);
        // printf writes -0.00 for a negative value that rounds to zero; the exports write 0.00.
        const std::string want = std::string(expected).find_first_not_of("-0.") == std::string::npos && expected[0] == '-' ? expected + 1 : expected;
        CHECK_MESSAGE(mine == want, v << " with " << decimals << " decimals");
        ++compared;
    }
    CHECK(compared > 19000);
}

TEST_CASE("profitability does not depend on the order of the customers (margins all estimated at the default rate)") {
    // No margin known: each customer's rate is the default rate, which is the base's rate too, up to
    // the last bits of sums made in the customers' order. The ratings must not flip with the order.
    Workspace w;
    for (int i = 0; i < 400; ++i) {
        Customer c;
        c.Id = "C" + std::to_string(i);
        for (int k = 0; k <= i % 4; ++k) c.Purchases.push_back(Buy(D(2024, 1 + (i + k * 3) % 12, 1 + i % 27), 10.37 + i * 1.13 + k * 0.71));
        w.Customers.push_back(c);
    }
    const AnalysisResult first = RunAnalysis(w, SettingsAt(D(2024, 12, 31)));
    std::map<std::string, double> score;
    for (size_t i = 0; i < w.Customers.size(); ++i) score[w.Customers[i].Id] = first.Rows[i].ProfitScore;
    for (int round = 0; round < 6; ++round) {
        std::mt19937 shuffle(static_cast<unsigned>(round));
        std::shuffle(w.Customers.begin(), w.Customers.end(), shuffle);
        const AnalysisResult again = RunAnalysis(w, SettingsAt(D(2024, 12, 31)));
        int differ = 0;
        for (size_t i = 0; i < w.Customers.size(); ++i) differ += again.Rows[i].ProfitScore != score[w.Customers[i].Id] ? 1 : 0;
        CHECK(differ == 0);
    }
}
