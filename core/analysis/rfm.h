// RFM: recency (days since the last purchase occasion), frequency (purchase occasions) and
// monetary value (total spend) scored 1..5, and the eleven usual named segments.
//
// Quintile tie rule: customers with equal values always get the same score. Cut points fall
// between distinct values, at the boundary nearest to each fifth of the customers, and every
// score level keeps at least one distinct value whenever there are five or more distinct values
// (so ties never leave a level empty where the data allows). With fewer distinct values each
// value gets its own level, placed by its mid-rank. Recency is reversed (recent = 5).
//
// Small bases (fewer buyers than RfmQuintileMinCustomers) use the owner's fixed thresholds
// instead (FixedRfmThresholds): quintiles of 20 customers move with every single purchase.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "analysis/settings.h"
#include "analysis/sort.h"

namespace profila {

enum class RfmSegment {
    None,  // never bought
    Champions, Loyal, PotentialLoyalist, New, Promising, NeedAttention, AboutToSleep, AtRisk, CantLoseThem,
    Hibernating, Lost
};
inline constexpr int kRfmSegmentCount = 12;  // None included
[[nodiscard]] const char* RfmSegmentCode(RfmSegment s);  // "champions", "loyal", ... ("" for None)

// The segment grid: recency score (rows) against FM = (F + M + 1) / 2 (integer division).
[[nodiscard]] RfmSegment SegmentFor(int r, int f, int m);

enum class RfmMethod { Quintiles, FixedThresholds };

struct RfmScores {
    uint8_t R = 0, F = 0, M = 0;  // 0 when never bought
    RfmSegment Segment = RfmSegment::None;
};

struct RfmResult {
    RfmMethod Method = RfmMethod::Quintiles;
    std::vector<RfmScores> Scores;  // per input position
    // The lowest value reaching scores 2..5 (recency: the highest days reaching 5, 4, 3, 2).
    std::array<double, 4> RecencyCuts{}, FrequencyCuts{}, MonetaryCuts{};
    std::array<int, kRfmSegmentCount> SegmentCounts{};
    int Buyers = 0;
};

// recencyDays, occasions, spend: per customer; buyer[i] false leaves customer i unscored.
[[nodiscard]] RfmResult ScoreRfm(const std::vector<double>& recencyDays, const std::vector<double>& occasions,
                                 const std::vector<double>& spend, const std::vector<char>& buyer,
                                 const AnalysisSettings& settings);

// Reusable buffers for ScoreRfm on a large base.
struct RfmScratch {
    RankScratch Rank;
    std::vector<uint32_t> Who;
    std::vector<double> R, F, M;
    std::vector<uint8_t> Rs, Fs, Ms;
};
// The same on arrays of n customers, into r (its Scores vector is reused).
void ScoreRfm(const double* recencyDays, const double* occasions, const double* spend, const char* buyer, size_t n,
              const AnalysisSettings& settings, RfmResult& r, RfmScratch& scratch);
// The same in steps, so a large base can be scored over several frames: Begin (the buyers, the
// method, fixed-threshold scores), then each dimension's quintiles (0 recency, 1 frequency,
// 2 monetary; nothing to do with fixed thresholds), then End (scores in place, segments).
void ScoreRfmBegin(const double* recencyDays, const double* occasions, const double* spend, const char* buyer, size_t n,
                   const AnalysisSettings& settings, RfmResult& r, RfmScratch& scratch);
void ScoreRfmDimension(int dimension, RfmResult& r, RfmScratch& scratch);
void ScoreRfmEnd(RfmResult& r, RfmScratch& scratch);

// Scores 1..5 for values (higher value, higher score) by the tie rule above; cuts as in RfmResult.
[[nodiscard]] std::vector<uint8_t> QuintileScores(const std::vector<double>& values, std::array<double, 4>* cuts);
void QuintileScores(const double* values, size_t n, std::array<double, 4>* cuts, RankScratch& scratch, uint8_t* scores);

}  // namespace profila
