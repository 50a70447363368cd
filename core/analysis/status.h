// Relationship status, frequency class and the customer types data can show (shared/DOMAIN.md
// section 3). Each rule returns its value with the Reason (code + figures) that decided it.
#pragma once
#include <array>
#include <cstdint>

#include "analysis/facts.h"

namespace profila {

enum class RelationshipStatus { Current, Active, Inactive, Potential, Probable };
inline constexpr int kStatusCount = 5;
[[nodiscard]] const char* StatusCode(RelationshipStatus status);  // "current", "active", ...

enum class FrequencyClass { None, Habitual, Occasional, Sporadic };  // None: never bought
inline constexpr int kFrequencyClassCount = 4;
[[nodiscard]] const char* FrequencyCode(FrequencyClass frequency);  // "none", "habitual", ...

template <typename T>
struct Classified {
    T Value{};
    Reason Why;
};

// Active: at least ActiveMinOccasions purchase occasions in the active window (bought recently and
// with some frequency). Current: bought in the window, but less often. Inactive: bought before,
// not in the window. Potential: never bought, showed interest (by AsOf). Probable: neither.
// Reason figures: active/current/inactive {days since last purchase, window days, occasions in
// window, min occasions}; potential {days since the interest was shown, or -1}; probable {}.
[[nodiscard]] Classified<RelationshipStatus> ClassifyRelationship(const Customer& customer, const CustomerFacts& facts,
                                                                 const AnalysisSettings& settings);
// Convenience: summarises the history first.
[[nodiscard]] Classified<RelationshipStatus> ClassifyRelationship(const Customer& customer,
                                                                 const AnalysisSettings& settings);

// Occasions in the FrequencyWindowDays before AsOf: habitual from HabitualMinOccasions, occasional
// from OccasionalMinOccasions, else sporadic. Figures {occasions, window days, habitual min,
// occasional min}.
[[nodiscard]] Classified<FrequencyClass> ClassifyFrequency(const CustomerFacts& facts, const AnalysisSettings& settings);

enum class CustomerType { Loyal, Discount, Impulsive, NeedOriented, Wanderer, HighVolume, HighFutureValue };
inline constexpr int kCustomerTypeCount = 7;
[[nodiscard]] const char* CustomerTypeCode(CustomerType type);  // "loyal", "discount", ...

// Each type, found or not, with the figures its rule looked at (Reason code "type.<code>.yes" or
// ".no"), so a card can say both why a type applies and why it does not.
//   loyal        {occasions, relationship months, min occasions, min months, is current or active 0/1}
//   discount     {discounted purchases, purchases, share, min share}
//   impulsive    {occasions, gap cv, average ticket, business median ticket, min cv, max ticket ratio}
//   need         {occasions, top category share, gap cv, min share, max cv}
//   wanderer     {requests, occasions, conversion, min requests, max conversion}
//   high_volume  {revenue, threshold (top share cut), top share}
//   high_future  {future value, threshold, top share, 1 when the value is the model CLV, 0 simple LTV}
struct CustomerTypes {
    uint32_t Mask = 0;  // bit (1 << CustomerType)
    std::array<Reason, kCustomerTypeCount> Why{};
    [[nodiscard]] bool Has(CustomerType t) const { return (Mask >> static_cast<int>(t)) & 1u; }
};

struct FutureValue {
    double Value = 0.0;       // the customer's CLV (or simple LTV)
    double Threshold = 0.0;   // the top-share cut across the base
    bool FromModel = false;
};

// The types with each one's reason (a customer's card).
[[nodiscard]] CustomerTypes DetectCustomerTypes(const CustomerFacts& facts, RelationshipStatus status,
                                                const BaseFigures& base, const FutureValue& future,
                                                const AnalysisSettings& settings);
// The same rules, the mask only (the bulk run: no reasons made, and none of CustomerTypes' ~400
// bytes cleared a customer).
[[nodiscard]] uint32_t DetectCustomerTypeMask(const CustomerFacts& facts, RelationshipStatus status, const BaseFigures& base,
                                              const FutureValue& future, const AnalysisSettings& settings);

}  // namespace profila
