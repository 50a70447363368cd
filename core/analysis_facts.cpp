#include "analysis_facts.h"

#include <algorithm>
#include <cmath>

namespace profila {

double PurchaseMargin(const Purchase& purchase, const AnalysisSettings& settings, bool* estimated) {
    if (estimated) *estimated = false;
    if (purchase.Margin) return *purchase.Margin;
    if (purchase.Cost) return purchase.Amount - *purchase.Cost;
    if (estimated) *estimated = true;
    return purchase.Amount * settings.DefaultMarginRate;
}

CustomerFacts SummarizeCustomer(const Customer& customer, const AnalysisSettings& settings, FactsScratch& scratch) {
    CustomerFacts f;
    const int32_t asOf = settings.AsOf.Days;
    auto& lines = scratch.Lines;
    auto& categories = scratch.Categories;
    lines.clear();
    categories.clear();
    for (const Purchase& p : customer.Purchases) {
        if (p.When.Days > asOf) continue;  // what was not known on the analysis date
        ++f.Lines;
        if (p.Cancelled) {
            ++f.Cancelled;
            continue;
        }
        if (p.Changed) ++f.Changed;
        if (p.DiscountPercent > 0) ++f.Discounted;
        if (p.DaysPaidLate > 0) {
            ++f.PaidLate;
            f.DaysLateSum += p.DaysPaidLate;
        }
        bool estimated = false;
        double margin = PurchaseMargin(p, settings, &estimated);
        if (estimated) ++f.EstimatedMarginLines;
        lines.push_back({p.When.Days, p.Amount, margin});
        if (!p.Category.empty()) {
            ++f.CategorisedLines;
            auto it = std::find_if(categories.begin(), categories.end(),
                                   [&](const auto& c) { return *c.first == p.Category; });
            if (it == categories.end())
                categories.push_back({&p.Category, 1});
            else
                ++it->second;
        }
    }
    for (const ServiceRequest& r : customer.Requests) {
        if (r.When.Days > asOf) continue;
        if (r.AfterSales)
            ++f.AfterSalesRequests;
        else
            ++f.OtherRequests;
    }
    if (!categories.empty()) {
        int top = 0;
        for (const auto& c : categories) top = std::max(top, c.second);
        f.TopCategoryShare = static_cast<double>(top) / f.CategorisedLines;
    }
    if (lines.empty()) return f;
    if (!std::is_sorted(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.Day < b.Day; }))
        std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.Day < b.Day; });

    const int32_t activeFrom = asOf - settings.ActiveWindowDays;        // window is (asOf - days, asOf]
    const int32_t frequencyFrom = asOf - settings.FrequencyWindowDays;
    int32_t previous = INT32_MIN;
    double gapSum = 0.0, gapSquares = 0.0;
    int gaps = 0;
    for (const auto& line : lines) {
        f.Revenue += line.Amount;
        f.Margin += line.Margin;
        if (line.Day == previous) continue;  // same day: same occasion
        if (previous != INT32_MIN) {
            double gap = line.Day - previous;
            gapSum += gap;
            gapSquares += gap * gap;
            ++gaps;
        }
        previous = line.Day;
        ++f.Occasions;
        if (line.Day > activeFrom) ++f.OccasionsInActiveWindow;
        if (line.Day > frequencyFrom) ++f.OccasionsInFrequencyWindow;
    }
    f.First = Date{lines.front().Day};
    f.Last = Date{lines.back().Day};
    if (gaps > 0) {
        f.GapMeanDays = gapSum / gaps;
        if (gaps >= 2 && f.GapMeanDays > 0) {
            double variance = std::max(0.0, gapSquares / gaps - f.GapMeanDays * f.GapMeanDays);
            f.GapCv = std::sqrt(variance) / f.GapMeanDays;
        }
    }
    return f;
}

CustomerFacts SummarizeCustomer(const Customer& customer, const AnalysisSettings& settings) {
    FactsScratch scratch;
    return SummarizeCustomer(customer, settings, scratch);
}

double TopShareThreshold(std::vector<double>& values, double share) {
    if (values.empty()) return 0.0;
    size_t n = values.size();
    size_t k = static_cast<size_t>(std::ceil(std::clamp(share, 0.0, 1.0) * n));
    k = std::clamp<size_t>(k, 1, n);
    std::nth_element(values.begin(), values.begin() + (k - 1), values.end(), std::greater<double>());
    return values[k - 1];
}

BaseFigures ComputeBaseFigures(const std::vector<CustomerFacts>& facts, const AnalysisSettings& settings) {
    BaseFigures base;
    base.Customers = static_cast<int>(facts.size());
    std::vector<double> tickets, revenues;
    tickets.reserve(facts.size());
    revenues.reserve(facts.size());
    double spanSum = 0.0;
    int spanCount = 0;
    for (const CustomerFacts& f : facts) {
        if (f.Occasions == 0) continue;
        ++base.Buyers;
        base.Revenue += f.Revenue;
        base.Margin += f.Margin;
        tickets.push_back(f.AverageTicket());
        revenues.push_back(f.Revenue);
        if (f.Occasions >= 2) {
            spanSum += (f.Last.Days - f.First.Days) / kDaysPerMonth;
            ++spanCount;
        }
    }
    base.MarginRate = base.Revenue > 0 ? base.Margin / base.Revenue : 0.0;
    if (!tickets.empty()) {
        size_t mid = tickets.size() / 2;
        std::nth_element(tickets.begin(), tickets.begin() + mid, tickets.end());
        double upper = tickets[mid];
        if (tickets.size() % 2 == 0) {
            double lower = *std::max_element(tickets.begin(), tickets.begin() + mid);
            base.MedianTicket = (lower + upper) / 2;
        } else {
            base.MedianTicket = upper;
        }
    }
    std::vector<double> copy = revenues;
    base.BigRevenueThreshold = TopShareThreshold(copy, settings.BigCustomerTopShare);
    base.HighVolumeThreshold = TopShareThreshold(revenues, settings.HighVolumeTopShare);
    base.AverageRelationshipMonths = spanCount > 0 ? spanSum / spanCount : 0.0;
    return base;
}

}  // namespace profila
