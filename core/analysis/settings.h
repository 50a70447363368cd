// Settings and shared vocabulary of the customer analysis (shared/DOMAIN.md sections 3-4 and
// "Beyond the seeds"). Every threshold is a setting with a documented default: the seeds say the
// active period depends on the business. Every classification carries a Reason: a code (the
// app turns it into text in any language, key "analysis.reason.<code>") and the figures that
// triggered it, substituted for {0}, {1}, ... in that text.
#pragma once
#include <array>
#include <cstdint>

#include "model/date.h"

namespace profila {

// A code plus up to six figures. Fixed size, no allocation: the bulk analysis makes millions.
struct Reason {
    const char* Code = "";              // e.g. "status.active"; never null
    std::array<double, 6> Figures{};    // meaning per code, documented where the code is made
    int FigureCount = 0;

    Reason() = default;
    Reason(const char* code, std::initializer_list<double> figures) : Code(code) {
        for (double f : figures)
            if (FigureCount < 6) Figures[FigureCount++] = f;
    }
};

// Fixed RFM score limits for small customer bases (below RfmQuintileMinCustomers), editable by
// the owner. Score s (2..5) is given when the value reaches Limits[s-2]; below Limits[0] it is 1.
// Recency counts days since the last purchase, so there lower is better: score s when
// days <= RecencyDays[5-s] (RecencyDays ascending: limits for 5, 4, 3, 2).
struct FixedRfmThresholds {
    std::array<int, 4> RecencyDays{30, 90, 180, 365};        // <= 30 days: 5, <= 90: 4, ...
    std::array<double, 4> Frequency{2, 3, 5, 10};            // purchase occasions: >= 2: 2, >= 3: 3, ...
    std::array<double, 4> Monetary{100, 300, 1000, 3000};    // total spend, currency units
};

struct AnalysisSettings {
    // -- Time --------------------------------------------------------------------------------------
    Date AsOf;                        // analysis date; purchases after it are ignored (app default: today)
    int ActiveWindowDays = 180;       // "recently": a purchase in this many days before AsOf
    int ActiveMinOccasions = 2;       // active = at least this many occasions in the window; 1 is "current"

    // -- Frequency class: purchase occasions in the FrequencyWindowDays before AsOf ------------------
    int FrequencyWindowDays = 365;
    int HabitualMinOccasions = 6;     // habitual from 6 a year
    int OccasionalMinOccasions = 2;   // occasional from 2 a year; below: sporadic

    // -- Customer types ----------------------------------------------------------------------------
    int LoyalMinOccasions = 4;            // loyal: many occasions over a long relationship, still buying
    int LoyalMinMonths = 12;
    double DiscountMinShare = 0.6;        // discount: share of purchases bought on discount
    int PatternMinOccasions = 3;          // impulsive and need-oriented need this many occasions
    double ImpulsiveMinGapCv = 1.0;       // irregular gaps (coefficient of variation)...
    double ImpulsiveMaxTicketRatio = 0.6; // ...and a small ticket vs the business median
    double NeedMinCategoryShare = 0.7;    // need-oriented: mostly one category...
    double NeedMaxGapCv = 0.5;            // ...at regular intervals
    int WandererMinRequests = 3;          // wanderer: many requests (not after-sales)...
    double WandererMaxConversion = 0.34;  // ...few of which became purchases
    double HighVolumeTopShare = 0.10;     // high-volume: top 10% of customers by revenue
    double HighFutureValueTopShare = 0.10;// high future value: top 10% by CLV (simple LTV when no model)

    // -- Profitability -----------------------------------------------------------------------------
    double DefaultMarginRate = 0.30;      // used when a purchase has neither margin nor cost (flagged)
    double BigCustomerTopShare = 0.20;    // "big": top 20% by revenue
    double LowProfitScore = 50.0;         // big and scoring below this (0..100) is flagged

    // -- Concentration -----------------------------------------------------------------------------
    double AbcClassA = 0.80;              // A: customers making the first 80% of margin
    double AbcClassB = 0.95;              // B: up to 95%; C: the rest
    double WarnTop1Share = 0.25;          // warning when one customer makes over 25% of margin
    double WarnTop5Share = 0.60;          // or five make over 60%
    double WarnHerfindahl = 0.15;         // or the Herfindahl index exceeds 0.15
    double WarnSimilarShare = 0.80;       // or one sector / town makes over 80% of margin

    // -- RFM ---------------------------------------------------------------------------------------
    int RfmQuintileMinCustomers = 50;     // below this many buyers: fixed thresholds, not quintiles
    FixedRfmThresholds RfmFixed;

    // -- Simple LTV (S x C x P x t) ------------------------------------------------------------------
    double LtvMonths = 0.0;               // t; 0 = the average relationship length observed (min 12)

    // -- Models (BG/NBD + Gamma-Gamma) -----------------------------------------------------------------
    double TimeUnitDays = 7.0;            // the models count time in weeks, as Fader-Hardie-Lee
    int HorizonMonths = 12;               // expected purchases and CLV over the next 12 months
    double AnnualDiscountRate = 0.10;     // CLV discounts each month's margin at this yearly rate
    int MinRepeatBuyers = 10;             // fewer repeat buyers: no fit, and we say so
    int MinModelCustomers = 20;
    double MaxRelativeSe = 1.0;           // a parameter whose standard error exceeds its value (it could
                                          // as well be zero) makes the fit unreliable: shown, not used
    bool SpendKeepsFirstPurchase = false; // Gamma-Gamma on every occasion (n, mean of all) instead of
                                          // the published repeat occasions (x, mean of repeats)

    // -- Strategy ----------------------------------------------------------------------------------
    double LowProfitabilityScore = 40.0;  // re-engineer below this profitability score
    int WeeklyActions = 10;               // length of the "this week" list
};

}  // namespace profila
