#include "analysis/facts.h"

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

namespace {
// The two windows an occasion is counted in besides the total, (asOf - days, asOf] each.
struct OccasionWindows {
    int32_t ActiveFrom, FrequencyFrom;
    explicit OccasionWindows(const AnalysisSettings& settings)
        : ActiveFrom(settings.AsOf.Days - settings.ActiveWindowDays), FrequencyFrom(settings.AsOf.Days - settings.FrequencyWindowDays) {}
    void Count(int32_t day, CustomerFacts& f) const {
        f.OccasionsInActiveWindow += day > ActiveFrom;
        f.OccasionsInFrequencyWindow += day > FrequencyFrom;
    }
};

// Purchase occasions from days in ascending order: one per distinct day.
struct OccasionCounter {
    OccasionWindows Windows;
    int32_t First = 0, Previous = INT32_MIN;
    double GapSum = 0.0, GapSquares = 0.0;
    int Gaps = 0;
    void Add(int32_t day, CustomerFacts& f) {
        if (day == Previous) return;  // same day: same occasion
        if (Previous != INT32_MIN) {
            const double gap = day - Previous;
            GapSum += gap;
            GapSquares += gap * gap;
            ++Gaps;
        } else {
            First = day;
        }
        Previous = day;
        ++f.Occasions;
        Windows.Count(day, f);
    }
};

// The days in ascending order, each once. Up to 16, an insertion sort; more, a bitmap over the days'
// span when it is short next to their number (the usual case: a customer's purchases over a few
// years), else a sort.
void SortDistinctDays(std::vector<int32_t>& days, std::vector<uint64_t>& bits) {
    if (days.size() < 2) return;
    if (days.size() <= 16) {  // a few (most customers): insertion sort, a repeat dropped as it comes
        int32_t* d = days.data();
        size_t kept = 1;
        for (size_t i = 1; i < days.size(); ++i) {
            const int32_t v = d[i];
            size_t j = kept;
            while (j > 0 && d[j - 1] > v) --j;
            if (j > 0 && d[j - 1] == v) continue;  // already there
            for (size_t k = kept; k > j; --k) d[k] = d[k - 1];
            d[j] = v;
            ++kept;
        }
        days.resize(kept);
        return;
    }
    const auto [low, high] = std::minmax_element(days.begin(), days.end());
    const int32_t first = *low;
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(*high) - first) + 1;
    if (span > 64 * (days.size() + 64)) {
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        return;
    }
    const size_t words = (span + 63) / 64;
    if (bits.size() < words) bits.resize(words);
    uint64_t* bit = bits.data();
    std::fill(bit, bit + words, 0);
    for (int32_t day : days) {
        const uint32_t d = static_cast<uint32_t>(day - first);
        bit[d / 64] |= uint64_t{1} << (d % 64);
    }
    int32_t* out = days.data();  // never more days out than in
    for (size_t w = 0; w < words; ++w)
        for (uint64_t word = bit[w]; word != 0; word &= word - 1)
            *out++ = first + static_cast<int32_t>(64 * w + static_cast<unsigned>(__builtin_ctzll(word)));
    days.resize(static_cast<size_t>(out - days.data()));
}
}  // namespace

CustomerFacts SummarizeCustomer(const Customer& customer, const AnalysisSettings& settings, FactsScratch& scratch,
                                KnownDays known) {
    CustomerFacts f;
    const int32_t asOf = settings.AsOf.Days;
    auto& categories = scratch.Categories;
    categories.clear();
    const OccasionCounter start{OccasionWindows(settings)};
    OccasionCounter occasions = start;
    // One pass, counting occasions while the purchases come in date order (the usual case); the
    // buying days are kept too, to be sorted below when they do not.
    auto& days = scratch.Days;
    auto& holdoutDays = scratch.HoldoutDays;
    days.clear();
    holdoutDays.clear();
    bool inOrder = true;
    int32_t firstDay = INT32_MAX, holdoutPrevious = INT32_MIN;
    bool holdoutInOrder = true;
    int32_t through = INT32_MIN, next = INT32_MAX, previous = INT32_MIN;
    bool purchasesInOrder = true;
    for (const Purchase& p : customer.Purchases) {
        const int32_t day = p.When.Days;
        purchasesInOrder &= day >= previous;
        previous = day;
        const bool isReturn = p.Amount < 0;  // a credit note: money back, not a buying occasion
        if (day > asOf) {  // not known on the analysis date: only counted for the holdout check
            if (known.InOrder) {  // the rest are after it too, and the holdout comes from the days
                next = day;
                break;
            }
            next = std::min(next, day);
            if (!p.Cancelled && !isReturn && !known.Begin) {
                holdoutDays.push_back(day);
                if (day > holdoutPrevious) {
                    ++f.HoldoutOccasions;
                    holdoutPrevious = day;
                } else if (day < holdoutPrevious) {
                    holdoutInOrder = false;
                }
            }
            continue;
        }
        through = std::max(through, day);
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
        f.Margin += PurchaseMargin(p, settings, &estimated);
        f.Revenue += p.Amount;
        if (day < firstDay && !isReturn) {
            firstDay = day;
            f.FirstRevenue = p.Amount;
        } else if (day == firstDay) {
            f.FirstRevenue += p.Amount;
        }
        if (estimated) ++f.EstimatedMarginLines;
        if (!p.Category.empty()) {
            ++f.CategorisedLines;
            // Texts from one pool share a block: found by its address, else (a text typed on the
            // card, or read by another import) by its characters.
            const std::string& category = p.Category.str();
            auto it = std::find_if(categories.begin(), categories.end(), [&](const auto& c) { return c.first == &category; });
            if (it == categories.end())
                it = std::find_if(categories.begin(), categories.end(), [&](const auto& c) { return *c.first == category; });
            if (it == categories.end())
                categories.emplace_back(&category, 1);
            else
                ++it->second;
        }
        if (!isReturn && !known.Begin) {
            days.push_back(day);
            if (inOrder) {
                if (day < occasions.Previous)
                    inOrder = false;
                else
                    occasions.Add(day, f);
            }
        }
    }
    if (known.Begin) {  // the days up to the date, then after it
        const int32_t* day = known.Begin;
        for (; day != known.End && *day <= asOf; ++day) occasions.Add(*day, f);
        f.HoldoutOccasions = static_cast<int>(known.End - day);
        if (f.HoldoutOccasions > 0) holdoutPrevious = known.End[-1];
    } else if (!inOrder) {
        SortDistinctDays(days, scratch.Bits);
        f.Occasions = f.OccasionsInActiveWindow = f.OccasionsInFrequencyWindow = 0;
        occasions = start;
        for (int32_t day : days) occasions.Add(day, f);
    }
    if (!holdoutInOrder) {
        SortDistinctDays(holdoutDays, scratch.Bits);
        f.HoldoutOccasions = static_cast<int>(holdoutDays.size());
        holdoutPrevious = holdoutDays.back();
    }
    if (f.HoldoutOccasions > 0) f.HoldoutLast = Date{holdoutPrevious};
    for (const ServiceRequest& r : customer.Requests) {
        if (r.When.Days > asOf) {
            next = std::min(next, r.When.Days);
            continue;
        }
        through = std::max(through, r.When.Days);
        if (r.AfterSales)
            ++f.AfterSalesRequests;
        else
            ++f.OtherRequests;
    }
    scratch.Through = through;
    scratch.Next = next;
    scratch.InOrder = purchasesInOrder;
    if (!categories.empty()) {
        int top = 0;
        for (const auto& c : categories) top = std::max(top, c.second);
        f.TopCategoryShare = static_cast<double>(top) / f.CategorisedLines;
    }
    if (f.Occasions == 0) return f;
    f.First = Date{occasions.First};
    f.Last = Date{occasions.Previous};
    if (occasions.Gaps > 0) {
        f.GapMeanDays = occasions.GapSum / occasions.Gaps;
        if (occasions.Gaps >= 2 && f.GapMeanDays > 0) {
            double variance = std::max(0.0, occasions.GapSquares / occasions.Gaps - f.GapMeanDays * f.GapMeanDays);
            f.GapCv = std::sqrt(variance) / f.GapMeanDays;
        }
    }
    return f;
}

CustomerFacts SummarizeCustomer(const Customer& customer, const AnalysisSettings& settings) {
    FactsScratch scratch;
    return SummarizeCustomer(customer, settings, scratch);
}

void FactsMemo::Begin(const std::vector<Customer>& customers, const AnalysisSettings& settings) {
    Recalled = 0;
    const size_t n = customers.size();
    if (DataKey != 0 && MadeKey == DataKey && MadeMarginRate == settings.DefaultMarginRate && Facts.size() == n) return;
    if (DataKey == 0) {
        *this = FactsMemo{};
        return;
    }
    MadeKey = DataKey;
    MadeMarginRate = settings.DefaultMarginRate;
    Facts.resize(n);
    From.assign(n, INT32_MAX);
    To.assign(n, INT32_MIN);
    EndFacts.resize(n);
    EndFrom.assign(n, INT32_MAX);
    DaysFrom.assign(n + 1, 0);
    InOrder.assign(n, false);
    DaysKept = 0;
    size_t purchases = 0;  // the buying days kept are at most as many: one block of the right size
    for (const Customer& c : customers) purchases += c.Purchases.size();
    Days.clear();
    Days.reserve(purchases);
}

bool FactsMemo::Recall(size_t i, const AnalysisSettings& settings, CustomerFacts& f) {
    if (!Serves(i, settings)) return false;
    ++Recalled;
    f = EndFrom[i] <= settings.AsOf.Days ? EndFacts[i] : Facts[i];
    // The windows counted again for this date, as SummarizeCustomer counts them: over the buying
    // days up to the date, the first Occasions of the customer's days.
    const OccasionWindows windows(settings);
    f.OccasionsInActiveWindow = f.OccasionsInFrequencyWindow = 0;
    const int32_t* day = Days.data() + DaysFrom[i];
    for (const int32_t* end = day + f.Occasions; day != end; ++day) windows.Count(*day, f);
    return true;
}

void FactsMemo::Keep(size_t i, const CustomerFacts& f, const FactsScratch& scratch) {
    if (MadeKey == 0) return;  // no data key: nothing kept
    if (scratch.Next == INT32_MAX) {  // nothing after the date: the end's entry (the other one stays)
        EndFacts[i] = f;
        EndFrom[i] = scratch.Through;
    } else {
        Facts[i] = f;
        From[i] = scratch.Through;
        To[i] = scratch.Next - 1;
    }
    if (i != DaysKept) return;  // kept already (or a later customer, whose turn has not come)
    // Up to the date, then after it: ascending, a repeated day the one before.
    int32_t last = INT32_MIN;
    for (int32_t day : scratch.Days)
        if (day != last) Days.push_back(last = day);
    for (int32_t day : scratch.HoldoutDays)
        if (day != last) Days.push_back(last = day);
    DaysFrom[i + 1] = static_cast<uint32_t>(Days.size());
    InOrder[i] = scratch.InOrder;  // read over all the purchases: the first run reads them all
    ++DaysKept;
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
        if (f.HoldoutOccasions > 0 && (!base.HasHoldout || f.HoldoutLast.Days > base.DataEnd.Days)) {
            base.DataEnd = f.HoldoutLast;
            base.HasHoldout = true;
        }
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
    // Both cuts on the same values: each selection reorders them, and the next finds its value in any order.
    base.BigRevenueThreshold = TopShareThreshold(revenues, settings.BigCustomerTopShare);
    base.HighVolumeThreshold = TopShareThreshold(revenues, settings.HighVolumeTopShare);
    base.AverageRelationshipMonths = spanCount > 0 ? spanSum / spanCount : 0.0;
    return base;
}

}  // namespace profila
