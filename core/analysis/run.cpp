#include "analysis/run.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace profila {

namespace {
inline void Prefetch(const void* p) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

// A stage's working buffers go when the stage ends, so a run holds the result and one stage's
// buffers at a time, not every stage's (on 100,000 customers: ~10 MB at most, not 28).
template <typename T>
void Release(T& buffer) {
    T().swap(buffer);
}

void FactsBegin(const Workspace& workspace, const AnalysisSettings& settings, AnalysisResult& result) {
    result.Settings = settings;
    const size_t n = workspace.Customers.size();
    result.Facts.resize(n);
    result.Rows.assign(n, CustomerRow{});
    if (FactsMemo* memo = result.Scratch.Memo) memo->Begin(workspace.Customers, settings);
}

void FactsRange(const Workspace& workspace, AnalysisResult& result, size_t begin, size_t end) {
    const AnalysisSettings& settings = result.Settings;
    const size_t n = workspace.Customers.size();
    FactsScratch& scratch = result.Scratch.Facts;
    const Customer* customers = workspace.Customers.data();
    FactsMemo* const memo = result.Scratch.Memo;
    for (size_t i = begin; i < end; ++i) {
        // Kept facts where they serve this date (FactsMemo); the others' purchases read again.
        if (memo && memo->Recall(i, settings, result.Facts[i])) continue;
        // Memory, not arithmetic, is the cost here: each customer's purchases are a separate block
        // of 96-byte records (80 in wasm). Ask for the next customers' blocks before they are
        // needed, unless their kept facts will serve. (wasm has no prefetch: there this is nothing,
        // and loading them ahead instead made the loop stall on those loads.)
        if (i + 4 < n && !(memo && memo->Serves(i + 4, settings))) Prefetch(&customers[i + 4].Purchases);
        if (i + 1 < n && !(memo && memo->Serves(i + 1, settings))) {
            const auto& next = customers[i + 1].Purchases;
            const char* p = reinterpret_cast<const char*>(next.data());
            const size_t bytes = std::min<size_t>(next.size() * sizeof(Purchase), 1024);
            for (size_t b = 0; b < bytes; b += 64) Prefetch(p + b);
        }
        // The buying days, once kept, are not gathered and sorted again.
        result.Facts[i] = SummarizeCustomer(customers[i], settings, scratch, memo ? memo->DaysOf(i) : KnownDays{});
        if (memo) memo->Keep(i, result.Facts[i], scratch);
    }
}

void ClassificationRange(const Workspace& workspace, AnalysisResult& result, size_t begin, size_t end) {
    const auto& s = result.Settings;
    for (size_t i = begin; i < end; ++i) {
        const CustomerFacts& f = result.Facts[i];
        CustomerRow& row = result.Rows[i];
        row.Status = ClassifyRelationship(workspace.Customers[i], f, s).Value;
        row.Frequency = ClassifyFrequency(f, s).Value;
        const ProfitabilityScore profit = ScoreProfitability(f, result.Base, s);
        row.ProfitScore = profit.Score;
        row.ProfitHasData = profit.HasData;
        row.BigLowProfit = profit.BigLowProfit;
    }
}

// RFM: the three figures per customer (a slice of customers at a time), then the scores.
void RfmBegin(AnalysisResult& result) {
    const size_t n = result.Rows.size();
    AnalysisScratch& sc = result.Scratch;
    sc.Recency.resize(n);
    sc.Frequency.resize(n);
    sc.Spend.resize(n);
    sc.Buyer.resize(n);
}

void RfmRange(AnalysisResult& result, size_t begin, size_t end) {
    AnalysisScratch& sc = result.Scratch;
    for (size_t i = begin; i < end; ++i) {
        const CustomerFacts& f = result.Facts[i];
        sc.Buyer[i] = f.Occasions > 0;
        sc.Recency[i] = f.Occasions > 0 ? f.DaysSinceLast(result.Settings.AsOf) : 0;
        sc.Frequency[i] = f.Occasions;
        sc.Spend[i] = f.Revenue;
    }
}

constexpr int kRfmSteps = 5;  // begin, three dimensions, end
void RfmStep(AnalysisResult& result, int step) {
    AnalysisScratch& sc = result.Scratch;
    const size_t n = result.Rows.size();
    if (step == 0) {
        ScoreRfmBegin(sc.Recency.data(), sc.Frequency.data(), sc.Spend.data(), sc.Buyer.data(), n, result.Settings, result.Rfm, sc.Rfm);
        Release(sc.Recency);  // copied for the buyers into sc.Rfm (or scored at once)
        Release(sc.Frequency);
        Release(sc.Spend);
    } else if (step <= 3)
        ScoreRfmDimension(step - 1, result.Rfm, sc.Rfm);
    else {
        ScoreRfmEnd(result.Rfm, sc.Rfm);
        for (size_t i = 0; i < n; ++i) result.Rows[i].Rfm = result.Rfm.Scores[i];
        sc.Rfm = RfmScratch{};
        Release(result.Rfm.Scores);  // copied into the rows
    }
}

// Concentration: margins and groups per customer (a slice at a time), then its steps.
void ConcentrationBegin(AnalysisResult& result) {
    const size_t n = result.Rows.size();
    AnalysisScratch& sc = result.Scratch;
    sc.Margins.resize(n);
    sc.Buyer.resize(n);
    sc.Group.resize(n);
}

void ConcentrationRange(const Workspace& workspace, AnalysisResult& result, size_t begin, size_t end) {
    AnalysisScratch& sc = result.Scratch;
    const size_t n = result.Rows.size();
    for (size_t i = begin; i < end; ++i) {
        sc.Margins[i] = result.Facts[i].Margin;
        sc.Buyer[i] = result.Facts[i].Occasions > 0;
        if (i + 8 < n) {
            Prefetch(&workspace.Customers[i + 8].Business);  // the part's block, when made, is one load more
            Prefetch(&workspace.Customers[i + 8].City);
        }
        const Customer& c = workspace.Customers[i];
        // "Too similar": businesses by sector, private customers by town.
        sc.Group[i] = !c.Business->Sector.empty() ? std::string_view(c.Business->Sector) : std::string_view(c.City);
    }
}

void ConcentrationStep(AnalysisResult& result, int step) {
    AnalysisScratch& sc = result.Scratch;
    AnalyzeConcentrationStep(step, sc.Margins, sc.Buyer, sc.Group, result.Settings, result.Concentration, sc.Concentration);
    if (step == kConcentrationSteps - 1) {
        for (size_t i = 0; i < result.Rows.size(); ++i) result.Rows[i].Abc = result.Concentration.Classes[i];
        Release(result.Concentration.Classes);  // copied into the rows
        sc.Concentration = ConcentrationScratch{};
        Release(sc.Margins);
        Release(sc.Buyer);
        Release(sc.Group);
    }
}

// Model fits: the model's inputs per customer (a slice at a time), then BG/NBD and Gamma-Gamma,
// each prepared in one step and optimised in the next.
void FitBegin(AnalysisResult& result) {
    const auto& s = result.Settings;
    result.MonthInUnits = kDaysPerMonth / s.TimeUnitDays;
    BgNbdData& bg = result.Scratch.Bg;
    GammaGammaData& gg = result.Scratch.Gg;
    bg.X.clear();
    bg.Tx.clear();
    bg.T.clear();
    gg.N.clear();
    gg.Mean.clear();
}

void FitRange(AnalysisResult& result, size_t begin, size_t end) {
    const auto& s = result.Settings;
    BgNbdData& bg = result.Scratch.Bg;
    GammaGammaData& gg = result.Scratch.Gg;
    for (size_t i = begin; i < end; ++i) {
        const CustomerFacts& f = result.Facts[i];
        if (f.Occasions == 0) continue;
        const ModelInputs in = ModelInputsOf(f, s);
        bg.Add(in.X, in.Tx, in.T);
        if (f.Occasions < 2) continue;
        if (s.SpendKeepsFirstPurchase) {
            if (f.Revenue > 0) gg.Add(f.Occasions, f.AverageTicket());
        } else if (f.RepeatTicket() > 0) {
            gg.Add(f.Occasions - 1, f.RepeatTicket());  // as published: repeat occasions only
        }
    }
}

constexpr int kFitSteps = 6;  // each model: prepare, optimise, standard errors and caveats
void FitStep(AnalysisResult& result, int step) {
    const auto& s = result.Settings;
    AnalysisScratch& sc = result.Scratch;
    switch (step) {
        case 0: {
            BgNbdFitOptions options;
            options.MinCustomers = s.MinModelCustomers;
            options.MinRepeatBuyers = s.MinRepeatBuyers;
            options.MaxRelativeSe = s.MaxRelativeSe;
            sc.BgDue = BeginBgNbdFit(sc.Bg, options, result.Purchases, sc.BgWork);
            sc.Bg = BgNbdData{};  // compressed into BgWork
            break;
        }
        case 1:
            if (sc.BgDue) sc.BgDue = OptimizeBgNbdFit(result.Purchases, sc.BgWork);
            break;
        case 2:
            if (sc.BgDue) JudgeBgNbdFit(result.Purchases, sc.BgWork);
            sc.BgWork = BgNbdFitWork{};
            break;
        case 3:
            sc.GgWork.MaxRelativeSe = s.MaxRelativeSe;
            sc.GgDue = BeginGammaGammaFit(sc.Gg, s.MinRepeatBuyers, result.Spend, sc.GgWork);
            sc.Gg = GammaGammaData{};  // prepared into GgWork
            break;
        case 4:
            if (sc.GgDue) sc.GgDue = OptimizeGammaGammaFit(result.Spend, sc.GgWork);
            break;
        default:
            if (sc.GgDue) JudgeGammaGammaFit(result.Spend, sc.GgWork);
            sc.GgWork = GammaGammaFitWork{};
            break;
    }
}

void ValueBegin(AnalysisResult& result) {
    const auto& s = result.Settings;
    ValueScratch& v = result.Scratch.Value;
    result.LtvMonths = LtvMonthsFor(result.Base, s);
    result.MonthlyDiscountRate = std::pow(1.0 + s.AnnualDiscountRate, 1.0 / 12.0) - 1.0;
    const int months = std::max(1, s.HorizonMonths);
    v.Horizons.resize(months);
    v.Discount.resize(months);
    v.Shape.resize(months);
    for (int k = 0; k < months; ++k) {
        v.Horizons[k] = (k + 1) * result.MonthInUnits;
        v.Discount[k] = 1.0 / std::pow(1.0 + result.MonthlyDiscountRate, k + 1);
    }
    v.Cache.Reset(std::min<size_t>(result.Rows.size(), 4096));
    v.LogAlphaPlusDays.clear();
    HoldoutCheck& h = result.Holdout;
    h = HoldoutCheck{};
    h.Available = result.Base.HasHoldout && result.Purchases.HasEstimates();
    if (h.Available) {
        h.End = result.Base.DataEnd;
        h.Length = (h.End.Days - s.AsOf.Days) / s.TimeUnitDays;
    }
    v.HoldoutHorizon.assign(1, h.Length);
}

// log(alpha + days / unit), kept per whole day: T and tx of every customer are whole days.
double LogAlphaPlus(ValueScratch& v, double alpha, double unitDays, int32_t days) {
    if (days < 0 || days > 400000) return std::log(alpha + days / unitDays);
    if (static_cast<size_t>(days) >= v.LogAlphaPlusDays.size()) v.LogAlphaPlusDays.resize(days + 1, std::nan(""));
    double& slot = v.LogAlphaPlusDays[days];
    if (std::isnan(slot)) slot = std::log(alpha + days / unitDays);
    return slot;
}

// Per (x, T) the two sums of the expected-purchase shape that every customer with that x and T
// shares (the costly series): the shape at the horizon, and its monthly increments discounted.
void ValueRange(AnalysisResult& result, size_t begin, size_t end) {
    const auto& s = result.Settings;
    ValueScratch& v = result.Scratch.Value;
    const int months = static_cast<int>(v.Horizons.size());
    const bool model = result.Purchases.Ok();
    const bool estimates = result.Purchases.HasEstimates();  // fitted, or with caveats (for the holdout check)
    const bool spendModel = result.Spend.Ok();
    const bool keepFirst = s.SpendKeepsFirstPurchase;
    HoldoutCheck& holdout = result.Holdout;
    BgNbdPredictor predictor(result.Purchases.Params);
    for (size_t i = begin; i < end; ++i) {
        const CustomerFacts& f = result.Facts[i];
        CustomerRow& row = result.Rows[i];
        row.SimpleLtv = SimpleLtvFor(f, result.LtvMonths, s).Value();
        if (!estimates || f.Occasions == 0) continue;
        // x and T come from whole days: the key is exact.
        const uint64_t key = (static_cast<uint64_t>(f.Occasions - 1) << 32) | static_cast<uint32_t>(s.AsOf.Days - f.First.Days);
        bool fresh = false;
        ExpectedShapeCache::Entry* e = v.Cache.Find(key, &fresh);
        const ModelInputs in = ModelInputsOf(f, s);
        if (fresh) {
            predictor.Shape(in.X, in.T, v.Horizons, v.Shape.data());
            double discounted = 0.0, previous = 0.0;
            for (int k = 0; k < months; ++k) {
                discounted += (v.Shape[k] - previous) * v.Discount[k];
                previous = v.Shape[k];
            }
            e->AtHorizon = v.Shape[months - 1];
            e->Discounted = discounted;
            if (holdout.Available) predictor.Shape(in.X, in.T, v.HoldoutHorizon, &e->AtHoldout);
        }
        const double alpha = result.Purchases.Params.Alpha;
        const double logAT = LogAlphaPlus(v, alpha, s.TimeUnitDays, s.AsOf.Days - f.First.Days);
        const double logATx = in.X > 0 ? LogAlphaPlus(v, alpha, s.TimeUnitDays, f.Last.Days - f.First.Days) : 0.0;
        double pAlive = 0.0;
        const double lead = predictor.LeadFromLogs(in.X, logAT, logATx, &pAlive);
        if (holdout.Available) {
            const double expected = lead * e->AtHoldout;
            HoldoutBucket& b = holdout.ByRepeat[std::min<int>(f.Occasions - 1, kHoldoutBuckets - 1)];
            for (HoldoutBucket* bucket : {&b, &holdout.Total}) {
                ++bucket->Customers;
                bucket->Actual += f.HoldoutOccasions;
                bucket->Expected += expected;
            }
        }
        if (!model) continue;  // an unreliable fit is shown and checked, never used
        row.PAlive = pAlive;
        row.ExpectedPurchases = lead * e->AtHorizon;
        // Spend per purchase: Gamma-Gamma as published (repeat buyers by their repeat spend, one-time
        // buyers the population mean: x = 0), or on every occasion when set; without a spend model,
        // the customer's own average ticket.
        if (spendModel && keepFirst)
            row.ExpectedSpend = f.Revenue > 0 ? GammaGammaExpectedSpend(result.Spend.Params, f.Occasions, f.AverageTicket()) : f.AverageTicket();
        else if (spendModel)
            row.ExpectedSpend = f.RepeatTicket() > 0 ? GammaGammaExpectedSpend(result.Spend.Params, f.Occasions - 1, f.RepeatTicket())
                                                     : GammaGammaExpectedSpend(result.Spend.Params, 0, 0);
        else
            row.ExpectedSpend = f.AverageTicket();
        const double rate = f.Revenue > 0 ? f.MarginRate() : result.Base.MarginRate;
        row.Clv = lead * e->Discounted * row.ExpectedSpend * rate;
    }
}
}  // namespace

ModelInputs ModelInputsOf(const CustomerFacts& f, const AnalysisSettings& s) {
    if (f.Occasions == 0) return {};
    return {static_cast<double>(f.Occasions - 1), (f.Last.Days - f.First.Days) / s.TimeUnitDays, (s.AsOf.Days - f.First.Days) / s.TimeUnitDays};
}

namespace {
// What the strategy rules read: the row's classes and figures (its types already set).
StrategyInputs StrategyInputsOf(const CustomerFacts& f, const CustomerRow& row, const AnalysisSettings& s) {
    StrategyInputs in;
    in.Status = row.Status;
    in.Segment = row.Rfm.Segment;
    in.Abc = row.Abc;
    in.Occasions = f.Occasions;
    in.DaysSinceLast = f.Occasions > 0 ? f.DaysSinceLast(s.AsOf) : -1;
    in.Margin = f.Margin;
    in.ProfitScore = row.ProfitScore;
    in.BigLowProfit = row.BigLowProfit;
    in.HighFutureValue = (row.Types >> static_cast<int>(CustomerType::HighFutureValue)) & 1u;
    in.PAlive = row.PAlive;
    return in;
}
}  // namespace

Classified<Strategy> SuggestedStrategy(const AnalysisResult& result, size_t index) {
    return SuggestStrategy(StrategyInputsOf(result.Facts[index], result.Rows[index], result.Settings), result.Settings);
}

namespace {
void TypesBegin(AnalysisResult& result) {
    const auto& s = result.Settings;
    const size_t n = result.Rows.size();
    const bool model = result.Purchases.Ok();
    // The high-future-value cut: top share of CLV (or of simple LTV without a model).
    std::vector<double>& values = result.Scratch.Values;
    values.clear();
    values.reserve(n);  // made once at its size: grown by doubling it would leave holes in the heap
    for (size_t i = 0; i < n; ++i)
        if (result.Facts[i].Occasions > 0) values.push_back(model ? result.Rows[i].Clv : result.Rows[i].SimpleLtv);
    result.FutureCut.FromModel = model;
    result.FutureCut.Threshold = TopShareThreshold(values, s.HighFutureValueTopShare);
    // What a converted lead tends to be worth: the median buyer's value, times the ~20% of
    // interested people who convert (seed 004's demo example).
    // (the same values, reordered by the cut: the median does not care)
    double& medianValue = result.Scratch.MedianValue;
    medianValue = 0.0;
    if (!values.empty()) {
        std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
        medianValue = values[values.size() / 2];
    }
    Release(values);
    result.ByStatus = {};
    result.BySegment = {};
    result.StrategyCounts = {};
    result.TypeCounts = {};
    result.Scratch.Candidates.clear();
    result.Scratch.Candidates.reserve(n);
}

void TypesRange(AnalysisResult& result, size_t begin, size_t end) {
    const auto& s = result.Settings;
    const bool model = result.Purchases.Ok();
    const double medianValue = result.Scratch.MedianValue;
    std::vector<WeeklyCandidate>& candidates = result.Scratch.Candidates;
    for (size_t i = begin; i < end; ++i) {
        const CustomerFacts& f = result.Facts[i];
        CustomerRow& row = result.Rows[i];
        FutureValue fv = result.FutureCut;
        fv.Value = model ? row.Clv : row.SimpleLtv;
        row.Types = DetectCustomerTypeMask(f, row.Status, result.Base, fv, s);
        for (int t = 0; t < kCustomerTypeCount; ++t) result.TypeCounts[t] += (row.Types >> t) & 1u;
        const Classified<Strategy> st = SuggestStrategy(StrategyInputsOf(f, row, s), s);
        row.Suggested = st.Value;
        ++result.StrategyCounts[static_cast<int>(st.Value)];
        // Value at stake: what acting (or not) this week can win or lose.
        const double future = model ? std::max(0.0, row.Clv) : std::max(0.0, row.SimpleLtv);
        const double years = f.Occasions > 0 ? std::max(1.0, (f.Last.Days - f.First.Days) / 365.25) : 1.0;
        switch (st.Value) {
            case Strategy::Protect:
            case Strategy::Enhance: row.ValueAtStake = future; break;
            case Strategy::Regain: row.ValueAtStake = std::max(future, std::max(0.0, f.Margin) / years); break;
            case Strategy::Reengineer:
                row.ValueAtStake = f.Margin < 0 ? -f.Margin : std::max(0.0, f.Revenue * (result.Base.MarginRate - f.MarginRate()));
                break;
            case Strategy::Start:
                row.ValueAtStake = f.Occasions > 0 ? future : (row.Status == RelationshipStatus::Potential ? 0.2 * medianValue : 0.0);
                break;
            case Strategy::Harvest:
            case Strategy::End: row.ValueAtStake = 0.0; break;
        }
        if (row.ValueAtStake > 0) candidates.push_back({static_cast<uint32_t>(i), st.Value, row.ValueAtStake});
        GroupSummary& bs = result.ByStatus[static_cast<int>(row.Status)];
        GroupSummary& sg = result.BySegment[static_cast<int>(row.Rfm.Segment)];
        for (GroupSummary* g : {&bs, &sg}) {
            ++g->Count;
            g->Margin += f.Margin;
            g->SimpleLtv += row.SimpleLtv;
            if (row.Clv != kNotAvailable) g->Clv += row.Clv;
        }
    }
}

void TypesEnd(AnalysisResult& result) {
    const auto& s = result.Settings;
    std::vector<WeeklyCandidate>& candidates = result.Scratch.Candidates;
    const size_t keep = std::min<size_t>(candidates.size(), std::max(0, s.WeeklyActions));
    std::partial_sort(candidates.begin(), candidates.begin() + keep, candidates.end(),
                      [](const WeeklyCandidate& a, const WeeklyCandidate& b) {
                          if (a.ValueAtStake != b.ValueAtStake) return a.ValueAtStake > b.ValueAtStake;
                          return a.Customer < b.Customer;
                      });
    result.ThisWeek.clear();
    for (size_t k = 0; k < keep; ++k) {
        const WeeklyCandidate& c = candidates[k];
        result.ThisWeek.push_back({c.Customer, c.Suggested, c.ValueAtStake, SuggestedStrategy(result, c.Customer).Why});
    }
    Release(candidates);
}
}  // namespace

bool AdvanceAnalysisRun(const Workspace& workspace, const AnalysisSettings& settings, AnalysisResult& result,
                        AnalysisProgress& progress, size_t customers) {
    const size_t n = workspace.Customers.size();
    const size_t chunk = std::max<size_t>(1, customers);
    // Every stage goes a slice of customers at a time through its per-customer part; the stages
    // that rank or fit then take one step per call (RFM: each dimension's ranking; concentration:
    // the ranking, the curve, the groups; models: each one's preparation, then its optimisation).
    auto nextStage = [&] {
        progress.Next = 0;
        progress.Step = 0;
        ++progress.Stage;
    };
    auto slice = [&](auto&& begin, auto&& range, auto&& end) {
        if (progress.Next == 0) begin();
        const size_t stop = std::min(n, progress.Next + chunk);
        range(progress.Next, stop);
        progress.Next = stop;
        if (stop < n) return;
        end();
        nextStage();
    };
    // A per-customer part, then `steps` whole steps, one a call.
    auto stepped = [&](auto&& begin, auto&& range, int steps, auto&& step) {
        if (progress.Step == 0) {
            if (progress.Next == 0) begin();
            const size_t stop = std::min(n, progress.Next + chunk);
            range(progress.Next, stop);
            progress.Next = stop;
            if (stop >= n) progress.Step = 1;  // the first whole step in the next call
            return;
        }
        step(progress.Step - 1);
        if (++progress.Step > steps) nextStage();
    };
    auto none = [] {};
    switch (progress.Stage) {
        case 0:
            slice([&] { FactsBegin(workspace, settings, result); }, [&](size_t b, size_t e) { FactsRange(workspace, result, b, e); },
                  [&] { result.Base = ComputeBaseFigures(result.Facts, result.Settings); });
            break;
        case 1:
            slice(none, [&](size_t b, size_t e) { ClassificationRange(workspace, result, b, e); }, none);
            break;
        case 2:
            stepped([&] { RfmBegin(result); }, [&](size_t b, size_t e) { RfmRange(result, b, e); }, kRfmSteps,
                    [&](int k) { RfmStep(result, k); });
            break;
        case 3:
            stepped([&] { ConcentrationBegin(result); }, [&](size_t b, size_t e) { ConcentrationRange(workspace, result, b, e); },
                    kConcentrationSteps, [&](int k) { ConcentrationStep(result, k); });
            break;
        case 4:
            stepped([&] { FitBegin(result); }, [&](size_t b, size_t e) { FitRange(result, b, e); }, kFitSteps,
                    [&](int k) { FitStep(result, k); });
            break;
        case 5:
            slice([&] { ValueBegin(result); }, [&](size_t b, size_t e) { ValueRange(result, b, e); }, none);
            break;
        case 6:
            slice([&] { TypesBegin(result); }, [&](size_t b, size_t e) { TypesRange(result, b, e); }, [&] { TypesEnd(result); });
            break;
        default: break;
    }
    return progress.Stage >= kAnalysisStages;
}

void RunAnalysis(const Workspace& workspace, const AnalysisSettings& settings, AnalysisResult& result) {
    // The stages a slice at a time, as the app spreads them over frames, all in this call. In a
    // browser a function runs first as the baseline compiler made it and, once hot, as the optimising
    // compiler made it from its next call on: a stage's loop over 100,000 customers called once would
    // run to its end in the baseline code (the first analysis after a load, ~45 ms more in Chromium).
    AnalysisProgress progress;
    while (!AdvanceAnalysisRun(workspace, settings, result, progress, kRunSlice)) {
    }
}

AnalysisResult RunAnalysis(const Workspace& workspace, const AnalysisSettings& settings) {
    AnalysisResult result;
    RunAnalysis(workspace, settings, result);
    return result;
}

CustomerExplanation ExplainCustomer(const AnalysisResult& result, const Customer& customer, size_t index) {
    CustomerExplanation e;
    const auto& s = result.Settings;
    e.Facts = SummarizeCustomer(customer, s);
    e.Status = ClassifyRelationship(customer, e.Facts, s);
    e.Frequency = ClassifyFrequency(e.Facts, s);
    e.Profit = ProfileProfitability(e.Facts, result.Base, s);
    e.Ltv = SimpleLtvFor(e.Facts, result.LtvMonths, s);
    if (index < result.Rows.size()) {
        e.Row = result.Rows[index];
        e.Rfm = e.Row.Rfm;
        e.Abc = e.Row.Abc;
    }
    FutureValue fv = result.FutureCut;
    fv.Value = result.ModelOk() ? e.Row.Clv : e.Row.SimpleLtv;
    e.Types = DetectCustomerTypes(e.Facts, e.Status.Value, result.Base, fv, s);
    e.Suggested = index < result.Rows.size() ? SuggestedStrategy(result, index) : Classified<Strategy>{};
    return e;
}

}  // namespace profila
