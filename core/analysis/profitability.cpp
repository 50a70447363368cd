#include "analysis/profitability.h"

namespace profila {

const char* ProfitCriterionCode(ProfitCriterion c) {
    switch (c) {
        case ProfitCriterion::HighMarginProducts: return "margin";
        case ProfitCriterion::FullPrice: return "full_price";
        case ProfitCriterion::FewLargeOrders: return "large";
        case ProfitCriterion::NoCancellations: return "no_cancel";
        case ProfitCriterion::PaysOnTime: return "on_time";
        case ProfitCriterion::LittleAfterSales: return "after_sales";
    }
    return "";
}

namespace {
// A ratio within a billionth of its threshold is on it: the base's sums come out a few last bits
// apart in another order of customers (after a reload, say), and a customer whose margins were all
// estimated at the default rate has exactly the base's rate, so rate / base sat on 1.0 and flipped
// between Good and Fair with the order.
constexpr double kOnThreshold = 1e-9;
Rating AtLeast(double value, double good, double fair) {
    return value >= good - kOnThreshold ? Rating::Good : value >= fair - kOnThreshold ? Rating::Fair : Rating::Poor;
}
Rating AtMost(double value, double good, double fair) { return value <= good ? Rating::Good : value <= fair ? Rating::Fair : Rating::Poor; }
}  // namespace

namespace {
// The rules, once: ratings, score and flag into p, and each one's reason into why when given.
void ProfitRules(const CustomerFacts& f, const BaseFigures& base, const AnalysisSettings& s, ProfitabilityScore& p,
                 ProfitabilityProfile* why) {
    auto put = [&](ProfitCriterion c, Rating r, const char* code, std::initializer_list<double> figures) {
        p.Ratings[static_cast<int>(c)] = r;
        if (why) why->Why[static_cast<int>(c)] = Reason(code, figures);
    };
    const int kept = f.KeptLines();
    p.HasData = f.Lines > 0;
    if (f.Occasions > 0) {
        double rate = f.MarginRate();
        put(ProfitCriterion::HighMarginProducts,
            base.MarginRate > 0 ? AtLeast(rate / base.MarginRate, 1.0, 0.75) : (rate > 0 ? Rating::Good : Rating::Poor),
            "profit.margin", {rate, base.MarginRate});
        double fullShare = kept > 0 ? double(kept - f.Discounted) / kept : 0.0;
        put(ProfitCriterion::FullPrice, AtLeast(fullShare, 0.8, 0.5), "profit.full_price",
            {fullShare, double(kept - f.Discounted), double(kept)});
        double ticket = f.AverageTicket();
        put(ProfitCriterion::FewLargeOrders, base.MedianTicket > 0 ? AtLeast(ticket / base.MedianTicket, 1.25, 0.75) : Rating::Fair,
            "profit.large", {ticket, base.MedianTicket});
        double late = kept > 0 ? double(f.PaidLate) / kept : 0.0;
        put(ProfitCriterion::PaysOnTime, AtMost(late, 0.05, 0.20), "profit.on_time",
            {late, double(f.PaidLate), f.PaidLate > 0 ? f.DaysLateSum / f.PaidLate : 0.0});
        double afterRate = double(f.AfterSalesRequests) / f.Occasions;
        put(ProfitCriterion::LittleAfterSales, AtMost(afterRate, 0.10, 0.30), "profit.after_sales",
            {afterRate, double(f.AfterSalesRequests), double(f.Occasions)});
    }
    if (f.Lines > 0) {
        double troubled = double(f.Cancelled + f.Changed) / f.Lines;
        put(ProfitCriterion::NoCancellations, AtMost(troubled, 0.05, 0.15), "profit.no_cancel",
            {troubled, double(f.Cancelled), double(f.Changed), double(f.Lines)});
    }
    double sum = 0.0;
    int rated = 0;
    for (Rating r : p.Ratings) {
        if (r == Rating::NoData) continue;
        sum += r == Rating::Good ? 100.0 : r == Rating::Fair ? 50.0 : 0.0;
        ++rated;
    }
    p.Score = rated > 0 ? sum / rated : 0.0;
    if (f.Occasions > 0 && f.Revenue > 0 && f.Revenue >= base.BigRevenueThreshold) {
        double rate = f.MarginRate();
        p.BigLowProfit = p.Score < s.LowProfitScore || rate < 0.75 * base.MarginRate;
        if (why)
            why->BigWhy = Reason(p.BigLowProfit ? "profit.big_low" : "profit.big_ok",
                                 {f.Revenue, base.BigRevenueThreshold, p.Score, s.LowProfitScore, rate, base.MarginRate});
    }
}
}  // namespace

ProfitabilityProfile ProfileProfitability(const CustomerFacts& f, const BaseFigures& base, const AnalysisSettings& s) {
    ProfitabilityProfile p;
    ProfitRules(f, base, s, p, &p);
    return p;
}

ProfitabilityScore ScoreProfitability(const CustomerFacts& f, const BaseFigures& base, const AnalysisSettings& s) {
    ProfitabilityScore p;
    ProfitRules(f, base, s, p, nullptr);
    return p;
}

}  // namespace profila
