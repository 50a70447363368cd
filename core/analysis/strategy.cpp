#include "analysis/strategy.h"

namespace profila {

const char* StrategyCode(Strategy s) {
    switch (s) {
        case Strategy::Start: return "start";
        case Strategy::Protect: return "protect";
        case Strategy::Reengineer: return "reengineer";
        case Strategy::Enhance: return "enhance";
        case Strategy::Harvest: return "harvest";
        case Strategy::End: return "end";
        case Strategy::Regain: return "regain";
    }
    return "";
}

Classified<Strategy> SuggestStrategy(const StrategyInputs& in, const AnalysisSettings& s) {
    using RS = RelationshipStatus;
    using Seg = RfmSegment;
    auto out = [](Strategy st, Reason why) { return Classified<Strategy>{st, why}; };
    if (in.Occasions == 0)
        return out(Strategy::Start, Reason("strategy.start_lead", {in.Status == RS::Potential ? 1.0 : 0.0}));
    const double days = in.DaysSinceLast;
    if (in.Margin <= 0) {
        if (in.Status == RS::Inactive) return out(Strategy::End, Reason("strategy.end_loss", {in.Margin}));
        return out(Strategy::Reengineer, Reason("strategy.reengineer_loss", {in.Margin}));
    }
    if (in.Status == RS::Inactive) {
        if (in.Abc == AbcClass::A || in.Abc == AbcClass::B || in.Segment == Seg::AtRisk || in.Segment == Seg::CantLoseThem)
            return out(Strategy::Regain, Reason("strategy.regain", {days, in.Margin}));
        return out(Strategy::End, Reason("strategy.end_inactive", {days, in.Margin, in.PAlive}));
    }
    if (in.BigLowProfit || in.ProfitScore < s.LowProfitabilityScore)
        return out(Strategy::Reengineer,
                   Reason("strategy.reengineer", {in.ProfitScore, s.LowProfitabilityScore, in.BigLowProfit ? 1.0 : 0.0}));
    if (in.Abc == AbcClass::A || in.Segment == Seg::Champions || in.Segment == Seg::Loyal || in.Segment == Seg::CantLoseThem)
        return out(Strategy::Protect, Reason("strategy.protect", {in.Margin}));
    if (in.Segment == Seg::New || in.Segment == Seg::Promising)
        return out(Strategy::Start, Reason("strategy.start_new", {in.HighFutureValue ? 1.0 : 0.0}));
    if (in.Segment == Seg::PotentialLoyalist || in.Segment == Seg::NeedAttention || in.HighFutureValue)
        return out(Strategy::Enhance, Reason("strategy.enhance", {in.ProfitScore}));
    if (in.Segment == Seg::AtRisk) return out(Strategy::Regain, Reason("strategy.regain_slipping", {days}));
    return out(Strategy::Harvest, Reason("strategy.harvest", {in.Margin}));
}

}  // namespace profila
