// Concentration and risk (shared/DOMAIN.md "Diversify" and "Beyond the seeds"): how much of the
// margin comes from how few customers. Negative margins count as 0 in shares (a loss-maker does
// not "hold" a share of profit); the Pareto curve and ABC classes use the same values.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analysis/settings.h"
#include "analysis/sort.h"

namespace profila {

enum class AbcClass { None, A, B, C };  // None: no positive margin
[[nodiscard]] const char* AbcCode(AbcClass c);

struct ParetoPoint {
    double CustomerShare = 0.0;  // x: share of customers, best first (0..1)
    double MarginShare = 0.0;    // y: cumulative share of margin (0..1)
};

struct ConcentrationResult {
    int Customers = 0;               // customers counted (buyers)
    double TotalMargin = 0.0;        // sum of positive margins
    std::vector<ParetoPoint> Curve;  // at most 101 points, (0,0) first and (1,1) last
    std::vector<AbcClass> Classes;   // per input position
    int CountA = 0, CountB = 0, CountC = 0;
    double Top20Share = 0.0;         // margin share of the best 20% of customers
    double Top1Share = 0.0;          // of the single best customer
    double Top5Share = 0.0;          // of the best five
    double Herfindahl = 0.0;         // sum of squared shares, 0..1 (1 = one customer makes all)
    double EquivalentCustomers = 0.0;  // 1 / Herfindahl: as if margin came from this many equal customers
    double LargestGroupShare = 0.0;  // share of margin of the largest sector/town group
    std::string LargestGroup;        // its name
    std::vector<Reason> Warnings;    // "risk.top1" {share, limit}, "risk.top5" {share, limit},
                                     // "risk.hhi" {hhi, limit, equivalent}, "risk.similar" {share, limit},
                                     // "risk.few" {buyers}; empty = diversified enough
};

// margins[i] is customer i's contribution margin; buyer[i] false leaves i out (no class);
// group[i] (may be empty) is the sector or town used for the "too similar" warning.
[[nodiscard]] ConcentrationResult AnalyzeConcentration(const std::vector<double>& margins, const std::vector<char>& buyer,
                                                       const std::vector<std::string_view>& group,
                                                       const AnalysisSettings& settings);

// The same into r, with buffers kept between runs (a large base allocates nothing per run).
struct ConcentrationScratch {
    RankScratch Rank;
    std::vector<uint32_t> Who, Order;
    std::vector<double> Values;
    bool Finished = false;  // the steps left have nothing to add (no buyers or no positive margin)
};
void AnalyzeConcentration(const std::vector<double>& margins, const std::vector<char>& buyer,
                          const std::vector<std::string_view>& group, const AnalysisSettings& settings, ConcentrationResult& r,
                          ConcentrationScratch& scratch);
// The same in steps 0..kConcentrationSteps-1 (the buyers, the ranking, the curve and classes, the
// groups and warnings), so a large base can be analysed over several frames.
constexpr int kConcentrationSteps = 4;
void AnalyzeConcentrationStep(int step, const std::vector<double>& margins, const std::vector<char>& buyer,
                              const std::vector<std::string_view>& group, const AnalysisSettings& settings,
                              ConcentrationResult& r, ConcentrationScratch& scratch);

}  // namespace profila
