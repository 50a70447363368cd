// Per-customer facts every analysis rule reads, summarised once from the purchase history as of
// the analysis date, and the business-wide figures the rules compare a customer with.
// A purchase occasion is a day on which the customer bought: several purchases of one customer
// on one day are one occasion. Cancelled purchases count as cancellations, never as purchases.
#pragma once
#include <climits>
#include <cstdint>
#include <vector>

#include "analysis/settings.h"
#include "model/customer.h"

namespace profila {

struct CustomerFacts {
    // Doubles first, then the 4-byte fields: no padding between them (120 bytes, not 128, in wasm).
    double Revenue = 0.0;            // sum of amounts, currency units
    double FirstRevenue = 0.0;       // of the first occasion (the Gamma-Gamma's repeat spend leaves it out)
    double Margin = 0.0;             // contribution margin: Margin, else Amount - Cost, else Amount x DefaultMarginRate
    double DaysLateSum = 0.0;
    double TopCategoryShare = 0.0;   // share of (not cancelled) purchases in the most bought category
    double GapMeanDays = 0.0;        // between consecutive occasions
    double GapCv = 0.0;              // coefficient of variation of the gaps (0 with fewer than 2 gaps)
    int Occasions = 0;               // purchase days up to AsOf (cancelled purchases excluded)
    Date First, Last;                // first and last occasion (valid when Occasions > 0)
    int EstimatedMarginLines = 0;    // purchases whose margin came from DefaultMarginRate
    int OccasionsInActiveWindow = 0;
    int OccasionsInFrequencyWindow = 0;
    int Lines = 0;                   // purchases up to AsOf, cancelled ones included
    int Cancelled = 0;
    int Changed = 0;                 // changed and not cancelled
    int Discounted = 0;              // not cancelled, DiscountPercent > 0
    int PaidLate = 0;                // not cancelled, DaysPaidLate > 0
    int AfterSalesRequests = 0;      // requests up to AsOf
    int OtherRequests = 0;           // information, quotes: what wanderers do
    int CategorisedLines = 0;
    int HoldoutOccasions = 0;        // purchase days after AsOf (the holdout check of the forecast)
    Date HoldoutLast;                // the last of them (valid when HoldoutOccasions > 0)

    [[nodiscard]] int KeptLines() const { return Lines - Cancelled; }
    [[nodiscard]] double AverageTicket() const { return Occasions > 0 ? Revenue / Occasions : 0.0; }
    // Mean spend of the repeat occasions (every occasion but the first); 0 for one-time buyers.
    [[nodiscard]] double RepeatTicket() const { return Occasions > 1 ? (Revenue - FirstRevenue) / (Occasions - 1) : 0.0; }
    [[nodiscard]] double MarginRate() const { return Revenue > 0 ? Margin / Revenue : 0.0; }
    [[nodiscard]] int DaysSinceLast(Date asOf) const { return asOf.Days - Last.Days; }
};

// Business-wide reference figures (over customers with at least one occasion).
struct BaseFigures {
    int Customers = 0;
    int Buyers = 0;
    double Revenue = 0.0;
    double Margin = 0.0;
    double MarginRate = 0.0;             // Margin / Revenue
    double MedianTicket = 0.0;           // median of buyers' average ticket
    double BigRevenueThreshold = 0.0;    // revenue of the customer at the BigCustomerTopShare cut
    double HighVolumeThreshold = 0.0;    // revenue at the HighVolumeTopShare cut
    double AverageRelationshipMonths = 0.0;  // first to last occasion, buyers with 2+ occasions
    Date DataEnd;                            // the last purchase day after AsOf in the data (valid when HasHoldout)
    bool HasHoldout = false;                 // purchases after AsOf exist: the forecast can be checked
};

// Reusable buffers so summarising 100,000 customers allocates nothing per customer. After a
// SummarizeCustomer, Days and HoldoutDays hold the customer's buying days up to the analysis date
// and after it (each ascending; distinct unless they came in order, when a day may repeat), and
// Through and Next the last day on or before the date and the first day after it of anything dated
// the facts read (purchases, cancelled or not, and requests; INT32_MIN and INT32_MAX when none):
// on any date from Through to the day before Next the same things are known, so the same facts.
struct FactsScratch {
    std::vector<int32_t> Days, HoldoutDays;  // buying days up to the analysis date, and after it
    std::vector<uint64_t> Bits;                // SortDistinctDays's bitmap
    std::vector<std::pair<const std::string*, int>> Categories;
    int32_t Through = INT32_MIN, Next = INT32_MAX;
    bool InOrder = true;  // every purchase read was dated on or after the one before it
};

// A customer's buying days on every date, ascending and distinct (as FactsMemo keeps them), and
// whether the customer's purchases come in date order: then the first one after the analysis date
// is the last one read (the holdout is counted from the days).
struct KnownDays {
    const int32_t* Begin = nullptr;
    const int32_t* End = nullptr;
    bool InOrder = false;
};

// Each customer's facts, kept by one run for the next runs over the same data, with the dates they
// serve: from the last thing dated on or before the date they were made for to the day before the
// next. On any of those dates they are the same but for the two window counts, which come from the
// customer's buying days, kept beside them. Two entries a customer: the facts on the dates after its
// last dated thing (the data's end, where a run usually starts and comes back to), and the last
// others made. A date change then reads again only the customers who bought (or asked) between the
// old date and the new one, and none on the way back to the end: going back and forth around a day,
// or between the end of the data and an earlier day, reads the kept facts, not every purchase (on
// 100,000 customers and a million purchases, most of the facts stage).
// The caller keeps it between runs and sets DataKey before each: a key that changes with any change
// to the customers (an edit, a load, a sync); 0 keeps nothing.
struct FactsMemo {
    uint64_t DataKey = 0;
    // What the kept entries were made for: the data and the margin rate.
    uint64_t MadeKey = 0;
    double MadeMarginRate = 0.0;
    std::vector<CustomerFacts> Facts;     // per customer, for the dates [From[i], To[i]]
    std::vector<int32_t> From, To;        // From[i] > To[i]: nothing kept for customer i
    std::vector<CustomerFacts> EndFacts;  // per customer, for the dates from EndFrom[i] on
    std::vector<int32_t> EndFrom;         // INT32_MAX: not made yet
    // Customer i's buying days, on every date: Days[DaysFrom[i], DaysFrom[i + 1]), ascending and
    // distinct, for the customers before DaysKept (handed in order by the first run on the data).
    std::vector<uint32_t> DaysFrom;
    std::vector<int32_t> Days;
    std::vector<bool> InOrder;            // customer i's purchases in date order (FactsScratch::InOrder)
    size_t DaysKept = 0;
    size_t Recalled = 0;                  // customers the run under way read from here

    // At a run's start (its customers and settings): the kept entries serve it where their dates
    // cover its date, or (new data, another margin rate) nothing is kept.
    void Begin(const std::vector<Customer>& customers, const AnalysisSettings& settings);
    // Whether customer i's kept facts serve the settings' date.
    [[nodiscard]] bool Serves(size_t i, const AnalysisSettings& settings) const {
        const int32_t day = settings.AsOf.Days;
        return MadeKey != 0 && i < DaysKept && (EndFrom[i] <= day || (From[i] <= day && day <= To[i]));
    }
    // Customer i's buying days, once the first run on the data has handed it (else none).
    [[nodiscard]] KnownDays DaysOf(size_t i) const {
        if (i >= DaysKept) return {};
        return {Days.data() + DaysFrom[i], Days.data() + DaysFrom[i + 1], InOrder[i]};
    }
    // Customer i's facts from the kept entry, when it serves the settings' date (else false).
    bool Recall(size_t i, const AnalysisSettings& settings, CustomerFacts& f);
    // Customer i's facts as SummarizeCustomer made them (its scratch as it left it), kept for the
    // dates they serve.
    void Keep(size_t i, const CustomerFacts& f, const FactsScratch& scratch);
};

// With `known` days (the customer's buying days on every date), the occasions and the holdout are
// counted from them, not from the purchases' dates gathered and sorted again: the same facts, and
// scratch.Days and HoldoutDays are left empty.
[[nodiscard]] CustomerFacts SummarizeCustomer(const Customer& customer, const AnalysisSettings& settings,
                                              FactsScratch& scratch, KnownDays known = {});
[[nodiscard]] CustomerFacts SummarizeCustomer(const Customer& customer, const AnalysisSettings& settings);

// The margin of one purchase and whether it was estimated from DefaultMarginRate.
[[nodiscard]] double PurchaseMargin(const Purchase& purchase, const AnalysisSettings& settings, bool* estimated);

[[nodiscard]] BaseFigures ComputeBaseFigures(const std::vector<CustomerFacts>& facts, const AnalysisSettings& settings);

// Value at the top `share` cut of values (descending): the smallest value among the top
// ceil(share x n). 0 when values is empty. Reorders values.
[[nodiscard]] double TopShareThreshold(std::vector<double>& values, double share);

constexpr double kDaysPerMonth = 365.25 / 12.0;

}  // namespace profila
