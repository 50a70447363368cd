// Profitability of each customer (shared/DOMAIN.md section 2, "most profitable customers"):
// the contribution margin, and a profile on six criteria, each scored Good / Fair / Poor with the
// figures behind it. The score is the mean of the criteria with data (Good 100, Fair 50, Poor 0).
#pragma once
#include <array>

#include "analysis/facts.h"

namespace profila {

enum class ProfitCriterion { HighMarginProducts, FullPrice, FewLargeOrders, NoCancellations, PaysOnTime, LittleAfterSales };
inline constexpr int kProfitCriterionCount = 6;
[[nodiscard]] const char* ProfitCriterionCode(ProfitCriterion c);  // "margin", "full_price", ...

enum class Rating { NoData, Poor, Fair, Good };

// Criteria, their rules and Reason figures ("profit.<code>"):
//   margin      margin rate vs the business's: Good >= 1.0x, Fair >= 0.75x.   {rate, business rate}
//   full_price  share of purchases at full price: Good >= 0.8, Fair >= 0.5.    {share, full, purchases}
//   large       average ticket vs business median: Good >= 1.25x, Fair >= 0.75x {ticket, median}
//   no_cancel   share cancelled or changed: Good <= 0.05, Fair <= 0.15.        {share, cancelled, changed, lines}
//   on_time     share paid late: Good <= 0.05, Fair <= 0.20.                   {share, late, average days late}
//   after_sales after-sales requests per occasion: Good <= 0.10, Fair <= 0.30. {rate, requests, occasions}
struct ProfitabilityScore {
    std::array<Rating, kProfitCriterionCount> Ratings{};
    double Score = 0.0;          // 0..100; meaningful when HasData
    bool HasData = false;        // at least one purchase
    bool BigLowProfit = false;   // among the big customers by revenue, with a low score or margin rate
};
struct ProfitabilityProfile : ProfitabilityScore {
    std::array<Reason, kProfitCriterionCount> Why{};
    Reason BigWhy;               // "profit.big_low" {revenue, big threshold, score, low score, margin rate, business rate}
};

// Ratings, score and flag with each one's reason (a customer's card).
[[nodiscard]] ProfitabilityProfile ProfileProfitability(const CustomerFacts& facts, const BaseFigures& base,
                                                        const AnalysisSettings& settings);
// The same rules without the reasons (the bulk run: none of the profile's ~400 bytes of reasons
// made or cleared a customer).
[[nodiscard]] ProfitabilityScore ScoreProfitability(const CustomerFacts& facts, const BaseFigures& base,
                                                    const AnalysisSettings& settings);

}  // namespace profila
