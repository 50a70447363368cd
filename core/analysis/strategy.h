// The seven management strategies of seed 003 (shared/DOMAIN.md section 3), one suggested per
// customer with the reason, and the value at stake that orders the "what to do this week" list.
#pragma once
#include "analysis/concentration.h"
#include "analysis/rfm.h"
#include "analysis/status.h"

namespace profila {

enum class Strategy { Start, Protect, Reengineer, Enhance, Harvest, End, Regain };
inline constexpr int kStrategyCount = 7;
[[nodiscard]] const char* StrategyCode(Strategy s);  // "start", "protect", "reengineer", ...

struct StrategyInputs {
    RelationshipStatus Status = RelationshipStatus::Probable;
    RfmSegment Segment = RfmSegment::None;
    AbcClass Abc = AbcClass::None;
    int Occasions = 0;
    int DaysSinceLast = -1;
    double Margin = 0.0;
    double ProfitScore = 0.0;
    bool BigLowProfit = false;
    bool HighFutureValue = false;
    double PAlive = -1.0;  // -1: no model
};

// Rules, first match wins; Reason codes and figures:
//  1 never bought                          -> start     "strategy.start_lead"   {potential 1/0}
//  2 margin <= 0, inactive                 -> end       "strategy.end_loss"     {margin}
//    margin <= 0, still buying             -> re-engineer "strategy.reengineer_loss" {margin}
//  3 inactive and class A/B, or RFM at risk / can't lose -> regain "strategy.regain" {days since, margin}
//    inactive otherwise                    -> end       "strategy.end_inactive" {days since, margin, P(alive) or -1}
//  4 big with low profit, or profitability score below LowProfitabilityScore
//                                          -> re-engineer "strategy.reengineer" {score, limit, big 1/0}
//  5 class A, or champions / loyal / can't lose -> protect "strategy.protect"   {margin}
//  6 RFM new / promising                   -> start     "strategy.start_new"    {high future 1/0}
//  7 potential loyalist / need attention, or high future value -> enhance "strategy.enhance" {score}
//  8 RFM at risk                           -> regain    "strategy.regain_slipping" {days since}
//  9 otherwise                             -> harvest   "strategy.harvest"      {margin}
[[nodiscard]] Classified<Strategy> SuggestStrategy(const StrategyInputs& in, const AnalysisSettings& settings);

}  // namespace profila
