// The seed's simple lifetime value (shared/DOMAIN.md section 4): LTV = S x C x P x t.
//   S  average ticket: revenue per purchase occasion (currency)
//   C  purchase occasions per month, over the customer's relationship so far (first purchase to
//      the analysis date, at least one month)
//   P  profitability: contribution margin as a share of revenue (1 = count revenue)
//   t  months of relationship expected (the setting LtvMonths; 0 = the business's average
//      observed relationship, at least 12 months)
// The gym example: S 20, C 1 a month, P 1 (revenue), t 36 months = 720.
#pragma once
#include "analysis/facts.h"

namespace profila {

struct SimpleLtvTerms {
    double S = 0.0, C = 0.0, P = 0.0, T = 0.0;
    [[nodiscard]] double Value() const { return S * C * P * T; }
};

[[nodiscard]] double SimpleLtv(double s, double c, double p, double t);

// t: the months the setting asks for (LtvMonths, else the base's average, at least 12).
[[nodiscard]] double LtvMonthsFor(const BaseFigures& base, const AnalysisSettings& settings);

// The four terms for one customer as of settings.AsOf; all 0 when the customer never bought.
[[nodiscard]] SimpleLtvTerms SimpleLtvFor(const CustomerFacts& facts, double months, const AnalysisSettings& settings);

}  // namespace profila
