// The whole customer analysis as one value: from a workspace's purchases to every column of the
// export, in stages run a slice at a time (so the app can spread them over frames, and benchmarks
// time each: AdvanceAnalysisRun). RunAnalysis runs them all; ExplainCustomer re-runs the per-customer rules
// for one customer and returns every reason, for the card.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/bgnbd.h"
#include "analysis/concentration.h"
#include "analysis/facts.h"
#include "analysis/gamma_gamma.h"
#include "analysis/key_index.h"
#include "analysis/ltv.h"
#include "analysis/profitability.h"
#include "analysis/rfm.h"
#include "analysis/status.h"
#include "analysis/strategy.h"
#include "model/customer.h"

namespace profila {

constexpr double kNotAvailable = -1.0;  // model figures when the model could not be fitted

struct CustomerRow {
    // Doubles first, then the smaller fields: no padding between them (88 bytes in wasm).
    double ProfitScore = 0.0;         // 0..100 (0 when no data)
    double SimpleLtv = 0.0;           // S x C x P x t, margin, currency
    double ExpectedPurchases = kNotAvailable;          // over HorizonMonths
    double PAlive = kNotAvailable;
    double ExpectedSpend = kNotAvailable;              // per purchase (Gamma-Gamma, else own average ticket)
    double Clv = kNotAvailable;                        // discounted margin over HorizonMonths
    double ValueAtStake = 0.0;
    RelationshipStatus Status = RelationshipStatus::Probable;
    FrequencyClass Frequency = FrequencyClass::None;
    uint32_t Types = 0;               // CustomerTypes::Mask
    RfmScores Rfm;
    AbcClass Abc = AbcClass::None;
    Strategy Suggested = Strategy::Harvest;  // its reason: SuggestedStrategy (made when asked for)
    bool ProfitHasData = false;
    bool BigLowProfit = false;
};

// A buyer's BG/NBD inputs in model time units: repeat purchases x, the time of the last one tx
// and the time T since the first purchase (both from the first purchase's day).
struct ModelInputs {
    double X = 0, Tx = 0, T = 0;
};
[[nodiscard]] ModelInputs ModelInputsOf(const CustomerFacts& f, const AnalysisSettings& s);

struct GroupSummary {
    int Count = 0;
    double Margin = 0.0;       // contribution margin so far
    double SimpleLtv = 0.0;    // sums
    double Clv = 0.0;          // sum of CLV where available
};

// The forecast checked against what happened (the calibration/holdout check of Fader, Hardie & Lee
// 2005): when purchases after the analysis date exist, BG/NBD's expected repeat purchases from the
// analysis date to the last purchase in the data, against the purchase days actually recorded, in
// total and by the customer's repeat purchases before the analysis date (x = 0..6, 7+).
constexpr int kHoldoutBuckets = 8;
struct HoldoutBucket {
    int Customers = 0;
    double Actual = 0.0, Expected = 0.0;  // sums over the bucket's customers
};
struct HoldoutCheck {
    bool Available = false;   // purchases after AsOf and BG/NBD estimates (fitted or with caveats)
    Date End;                 // the last purchase day in the data
    double Length = 0.0;      // End - AsOf in model time units
    HoldoutBucket Total;
    std::array<HoldoutBucket, kHoldoutBuckets> ByRepeat{};
};

struct WeeklyAction {
    uint32_t Customer = 0;     // index in the workspace
    Strategy Suggested = Strategy::Harvest;
    double ValueAtStake = 0.0;
    Reason Why;
};

// A customer with something at stake this week, before the list is cut to its length (the reasons
// are taken for the kept ones only: on 100,000 customers most have something at stake).
struct WeeklyCandidate {
    uint32_t Customer = 0;
    Strategy Suggested = Strategy::Harvest;
    double ValueAtStake = 0.0;
};

// Expected-purchase shape sums per (x, T), shared by the customers with the same x and T (on
// 100,000 customers a few thousand distinct pairs): a KeyIndex of the pairs and their sums.
struct ExpectedShapeCache {
    struct Entry {
        double AtHorizon = 0.0, Discounted = 0.0, AtHoldout = 0.0;
    };
    KeyIndex Keys;
    std::vector<Entry> Entries;  // by the key's index
    void Reset(size_t expected) {
        Keys.Reset(expected);
        Entries.clear();
    }
    // The key's sums (valid until the next Find); *fresh: just added, sums to fill in.
    Entry* Find(uint64_t key, bool* fresh) {
        const uint32_t index = Keys.Find(key, fresh);
        if (*fresh) Entries.emplace_back();
        return &Entries[index];
    }
};

struct ValueScratch {
    std::vector<double> Horizons, Discount, Shape, HoldoutHorizon;
    std::vector<double> LogAlphaPlusDays;  // log(alpha + d / TimeUnitDays) per whole day d (NaN: not yet)
    ExpectedShapeCache Cache;
};

// Buffers the stages work in. Not part of the result's meaning: each stage's go when the stage ends
// (on 100,000 customers they are about 28 MB together, ~10 MB for the largest stage, RFM).
struct AnalysisScratch {
    FactsScratch Facts;
    FactsMemo* Memo = nullptr;          // the caller's, kept between runs (set before a run; may be none)
    RfmScratch Rfm;
    ConcentrationScratch Concentration;
    std::vector<double> Recency, Frequency, Spend, Margins;
    std::vector<char> Buyer;
    std::vector<std::string_view> Group;
    BgNbdData Bg;
    GammaGammaData Gg;
    BgNbdFitWork BgWork;
    GammaGammaFitWork GgWork;
    bool BgDue = false, GgDue = false;  // an optimisation is due (the data allow a fit)
    std::vector<WeeklyCandidate> Candidates;
    std::vector<double> Values;
    ValueScratch Value;
    double MedianValue = 0.0;
};

struct AnalysisResult {
    AnalysisSettings Settings;
    BaseFigures Base;
    std::vector<CustomerFacts> Facts;   // per workspace customer, same order
    std::vector<CustomerRow> Rows;      // per workspace customer, same order
    RfmResult Rfm;                      // method, cuts and counts (Scores moved into Rows)
    ConcentrationResult Concentration;  // curve, cuts and groups (Classes moved into Rows)
    BgNbdFit Purchases;                 // BG/NBD
    GammaGammaFit Spend;                // Gamma-Gamma
    HoldoutCheck Holdout;               // the forecast against the purchases after AsOf
    double LtvMonths = 0.0;             // t of the simple LTV
    double MonthInUnits = 0.0;          // one month in model time units
    double MonthlyDiscountRate = 0.0;   // (1 + annual)^(1/12) - 1
    FutureValue FutureCut;              // the high-future-value threshold in use
    std::array<GroupSummary, kStatusCount> ByStatus{};
    std::array<GroupSummary, kRfmSegmentCount> BySegment{};
    std::array<int, kStrategyCount> StrategyCounts{};
    std::array<int, kCustomerTypeCount> TypeCounts{};
    std::vector<WeeklyAction> ThisWeek; // ordered by value at stake, largest first
    AnalysisScratch Scratch;            // working memory kept between runs
    [[nodiscard]] bool ModelOk() const { return Purchases.Ok(); }
};

// The stages, in order (each reads what the earlier ones wrote): facts; classification (status,
// frequency, profitability); RFM; concentration; the models (BG/NBD and Gamma-Gamma); value (simple
// LTV, expected purchases, P(alive), CLV); types and strategies (summaries, this week's list).
// They go a slice at a time, so an app can spread a large analysis over frames: each call
// does about `customers` customers of a stage's per-customer part, or one step of the stages that
// rank or fit (one RFM dimension's ranking; the Pareto ranking, curve or groups; a model's data
// preparation, its optimisation or its standard errors), and returns true when the run is complete.
// RunAnalysis makes the whole run in one call, through the same slices.
struct AnalysisProgress {
    int Stage = 0;       // 0..kAnalysisStages (done)
    size_t Next = 0;     // next customer in a per-customer stage (or part of a stage)
    int Step = 0;        // 0: the stage's per-customer part; k > 0: its k-th whole step (ranks, fits)
};
constexpr int kAnalysisStages = 7;
bool AdvanceAnalysisRun(const Workspace& workspace, const AnalysisSettings& settings, AnalysisResult& result,
                        AnalysisProgress& progress, size_t customers);

constexpr size_t kRunSlice = 8192;  // customers a slice when RunAnalysis runs the stages all at once
[[nodiscard]] AnalysisResult RunAnalysis(const Workspace& workspace, const AnalysisSettings& settings);
// The same run into an earlier result, whose buffers it reuses: a rerun (a new date) then needs no
// new blocks the size of the base, and the heap does not grow with each. The result is as RunAnalysis's.
void RunAnalysis(const Workspace& workspace, const AnalysisSettings& settings, AnalysisResult& result);

// Every reason for one customer, recomputed with the same rules the bulk run used.
struct CustomerExplanation {
    CustomerFacts Facts;
    Classified<RelationshipStatus> Status;
    Classified<FrequencyClass> Frequency;
    CustomerTypes Types;
    ProfitabilityProfile Profit;
    RfmScores Rfm;
    AbcClass Abc = AbcClass::None;
    SimpleLtvTerms Ltv;
    CustomerRow Row;
    Classified<Strategy> Suggested;
};
// The strategy suggested for the customer at `index`, with its reason: the rule the run applied,
// applied again to the row's figures (a row keeps the strategy; the reason, 64 bytes, is made when
// asked for, not for 100,000 rows).
[[nodiscard]] Classified<Strategy> SuggestedStrategy(const AnalysisResult& result, size_t index);

[[nodiscard]] CustomerExplanation ExplainCustomer(const AnalysisResult& result, const Customer& customer, size_t index);

}  // namespace profila
