#include "analysis/rfm.h"

#include <algorithm>
#include <cmath>

namespace profila {

const char* RfmSegmentCode(RfmSegment s) {
    switch (s) {
        case RfmSegment::None: return "";
        case RfmSegment::Champions: return "champions";
        case RfmSegment::Loyal: return "loyal";
        case RfmSegment::PotentialLoyalist: return "potential_loyalist";
        case RfmSegment::New: return "new";
        case RfmSegment::Promising: return "promising";
        case RfmSegment::NeedAttention: return "need_attention";
        case RfmSegment::AboutToSleep: return "about_to_sleep";
        case RfmSegment::AtRisk: return "at_risk";
        case RfmSegment::CantLoseThem: return "cant_lose_them";
        case RfmSegment::Hibernating: return "hibernating";
        case RfmSegment::Lost: return "lost";
    }
    return "";
}

RfmSegment SegmentFor(int r, int f, int m) {
    using S = RfmSegment;
    if (r < 1 || f < 1 || m < 1) return S::None;
    int fm = std::clamp((f + m + 1) / 2, 1, 5);
    static constexpr S grid[5][5] = {
        // FM:   1               2                      3                      4                 5
        {S::Lost, S::Hibernating, S::AtRisk, S::AtRisk, S::CantLoseThem},                              // R1
        {S::Hibernating, S::Hibernating, S::AtRisk, S::AtRisk, S::CantLoseThem},                       // R2
        {S::AboutToSleep, S::AboutToSleep, S::NeedAttention, S::Loyal, S::Loyal},                      // R3
        {S::Promising, S::PotentialLoyalist, S::PotentialLoyalist, S::Loyal, S::Loyal},                // R4
        {S::New, S::PotentialLoyalist, S::PotentialLoyalist, S::Champions, S::Champions},              // R5
    };
    return grid[std::clamp(r, 1, 5) - 1][fm - 1];
}

void QuintileScores(const double* values, size_t n, std::array<double, 4>* cuts, RankScratch& scratch, uint8_t* scores) {
    if (cuts) cuts->fill(0.0);
    if (n == 0) return;
    SortedOrder(values, n, false, scratch);
    const auto& order = scratch.A;
    // Groups of equal values: distinct[g] holds sorted positions [groupStart[g], groupStart[g+1]).
    auto& distinct = scratch.Distinct;
    auto& groupStart = scratch.GroupStart;
    distinct.clear();
    groupStart.clear();
    for (size_t i = 0; i < n; ++i)
        if (i == 0 || order[i].Key != order[i - 1].Key) {
            distinct.push_back(values[order[i].Index] == 0.0 ? 0.0 : values[order[i].Index]);
            groupStart.push_back(static_cast<uint32_t>(i));
        }
    const size_t k = distinct.size();
    groupStart.push_back(static_cast<uint32_t>(n));
    auto& groupScore = scratch.GroupScore;
    groupScore.assign(k, 1);
    if (k >= 5) {
        size_t pos = 0;  // first group of the current level
        for (int level = 0; level < 4; ++level) {
            const double target = (level + 1) * double(n) / 5.0;
            size_t e = pos;  // last group of this level (at least one group)
            const size_t maxE = k - 1 - (4 - level);  // leave one group per remaining level
            while (e + 1 <= maxE) {
                double withNext = groupStart[e + 2], without = groupStart[e + 1];
                if (withNext <= target || withNext - target < target - without)
                    ++e;
                else
                    break;
            }
            for (size_t g = pos; g <= e; ++g) groupScore[g] = static_cast<uint8_t>(level + 1);
            pos = e + 1;
            if (cuts) (*cuts)[level] = distinct[pos];
        }
        for (size_t g = pos; g < k; ++g) groupScore[g] = 5;
    } else {
        int previous = 0;
        for (size_t g = 0; g < k; ++g) {
            double mid = (groupStart[g] + (groupStart[g + 1] - groupStart[g]) / 2.0) / n;
            int s = std::min(5, 1 + static_cast<int>(std::floor(5.0 * mid)));
            s = std::max(s, previous + 1);
            s = std::min(s, 5 - static_cast<int>(k - 1 - g));
            groupScore[g] = static_cast<uint8_t>(s);
            if (cuts)
                for (int level = previous + 1; level <= s; ++level)
                    if (level >= 2) (*cuts)[level - 2] = distinct[g];
            previous = s;
        }
    }
    // Each customer's score is its group's, walking the sorted order once.
    for (size_t g = 0; g < k; ++g)
        for (uint32_t i = groupStart[g]; i < groupStart[g + 1]; ++i) scores[order[i].Index] = groupScore[g];
}

std::vector<uint8_t> QuintileScores(const std::vector<double>& values, std::array<double, 4>* cuts) {
    std::vector<uint8_t> scores(values.size(), 0);
    RankScratch scratch;
    QuintileScores(values.data(), values.size(), cuts, scratch, scores.data());
    return scores;
}

namespace {
uint8_t FixedHigherBetter(double v, const std::array<double, 4>& limits) {
    uint8_t s = 1;
    for (int i = 0; i < 4; ++i)
        if (v >= limits[i]) s = static_cast<uint8_t>(i + 2);
    return s;
}
uint8_t FixedRecency(double days, const std::array<int, 4>& limits) {
    for (int i = 0; i < 4; ++i)
        if (days <= limits[i]) return static_cast<uint8_t>(5 - i);
    return 1;
}
}  // namespace

void ScoreRfmBegin(const double* recencyDays, const double* occasions, const double* spend, const char* buyer, size_t n,
                   const AnalysisSettings& s, RfmResult& r, RfmScratch& scratch) {
    r.RecencyCuts = r.FrequencyCuts = r.MonetaryCuts = {};
    r.SegmentCounts = {};
    r.Scores.assign(n, RfmScores{});
    auto& who = scratch.Who;
    who.clear();
    for (size_t i = 0; i < n; ++i)
        if (buyer[i]) who.push_back(static_cast<uint32_t>(i));
    r.Buyers = static_cast<int>(who.size());
    if (r.Buyers < s.RfmQuintileMinCustomers) {
        r.Method = RfmMethod::FixedThresholds;
        for (int i = 0; i < 4; ++i) {
            r.RecencyCuts[i] = s.RfmFixed.RecencyDays[3 - i];  // highest days reaching 2, 3, 4, 5
            r.FrequencyCuts[i] = s.RfmFixed.Frequency[i];
            r.MonetaryCuts[i] = s.RfmFixed.Monetary[i];
        }
        for (uint32_t i : who) {
            RfmScores& sc = r.Scores[i];
            sc.R = FixedRecency(recencyDays[i], s.RfmFixed.RecencyDays);
            sc.F = FixedHigherBetter(occasions[i], s.RfmFixed.Frequency);
            sc.M = FixedHigherBetter(spend[i], s.RfmFixed.Monetary);
        }
        return;
    }
    r.Method = RfmMethod::Quintiles;
    const size_t m = who.size();
    auto &rv = scratch.R, &fv = scratch.F, &mv = scratch.M;
    rv.resize(m);
    fv.resize(m);
    mv.resize(m);
    for (size_t j = 0; j < m; ++j) {
        rv[j] = -recencyDays[who[j]];  // fewer days = better
        fv[j] = occasions[who[j]];
        mv[j] = spend[who[j]];
    }
    scratch.Rs.resize(m);
    scratch.Fs.resize(m);
    scratch.Ms.resize(m);
}

void ScoreRfmDimension(int dimension, RfmResult& r, RfmScratch& scratch) {
    if (r.Method != RfmMethod::Quintiles) return;
    const size_t m = scratch.Who.size();
    switch (dimension) {
        case 0:
            QuintileScores(scratch.R.data(), m, &r.RecencyCuts, scratch.Rank, scratch.Rs.data());
            for (double& c : r.RecencyCuts) c = c == 0.0 ? 0.0 : -c;
            break;
        case 1: QuintileScores(scratch.F.data(), m, &r.FrequencyCuts, scratch.Rank, scratch.Fs.data()); break;
        case 2: QuintileScores(scratch.M.data(), m, &r.MonetaryCuts, scratch.Rank, scratch.Ms.data()); break;
        default: break;
    }
}

void ScoreRfmEnd(RfmResult& r, RfmScratch& scratch) {
    const auto& who = scratch.Who;
    if (r.Method == RfmMethod::Quintiles)
        for (size_t j = 0; j < who.size(); ++j) {
            RfmScores& sc = r.Scores[who[j]];
            sc.R = scratch.Rs[j];
            sc.F = scratch.Fs[j];
            sc.M = scratch.Ms[j];
        }
    for (uint32_t i : who) {
        RfmScores& sc = r.Scores[i];
        sc.Segment = SegmentFor(sc.R, sc.F, sc.M);
        ++r.SegmentCounts[static_cast<int>(sc.Segment)];
    }
}

void ScoreRfm(const double* recencyDays, const double* occasions, const double* spend, const char* buyer, size_t n,
              const AnalysisSettings& s, RfmResult& r, RfmScratch& scratch) {
    ScoreRfmBegin(recencyDays, occasions, spend, buyer, n, s, r, scratch);
    for (int d = 0; d < 3; ++d) ScoreRfmDimension(d, r, scratch);
    ScoreRfmEnd(r, scratch);
}

RfmResult ScoreRfm(const std::vector<double>& recencyDays, const std::vector<double>& occasions,
                   const std::vector<double>& spend, const std::vector<char>& buyer, const AnalysisSettings& s) {
    RfmResult r;
    RfmScratch scratch;
    ScoreRfm(recencyDays.data(), occasions.data(), spend.data(), buyer.data(), recencyDays.size(), s, r, scratch);
    return r;
}

}  // namespace profila
