#include "analysis/ltv.h"

#include <algorithm>

namespace profila {

double SimpleLtv(double s, double c, double p, double t) { return s * c * p * t; }

double LtvMonthsFor(const BaseFigures& base, const AnalysisSettings& settings) {
    if (settings.LtvMonths > 0) return settings.LtvMonths;
    return std::max(12.0, base.AverageRelationshipMonths);
}

SimpleLtvTerms SimpleLtvFor(const CustomerFacts& f, double months, const AnalysisSettings& settings) {
    SimpleLtvTerms t;
    if (f.Occasions == 0) return t;
    // Months observed: from the first purchase to the analysis date, at least one.
    double observed = std::max(1.0, (settings.AsOf.Days - f.First.Days + 1) / kDaysPerMonth);
    t.S = f.AverageTicket();
    t.C = f.Occasions / observed;
    t.P = f.MarginRate();
    t.T = months;
    return t;
}

}  // namespace profila
