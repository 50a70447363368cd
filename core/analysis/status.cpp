#include "analysis/status.h"

namespace profila {

const char* StatusCode(RelationshipStatus status) {
    switch (status) {
        case RelationshipStatus::Current: return "current";
        case RelationshipStatus::Active: return "active";
        case RelationshipStatus::Inactive: return "inactive";
        case RelationshipStatus::Potential: return "potential";
        case RelationshipStatus::Probable: return "probable";
    }
    return "probable";
}

const char* FrequencyCode(FrequencyClass frequency) {
    switch (frequency) {
        case FrequencyClass::None: return "none";
        case FrequencyClass::Habitual: return "habitual";
        case FrequencyClass::Occasional: return "occasional";
        case FrequencyClass::Sporadic: return "sporadic";
    }
    return "none";
}

const char* CustomerTypeCode(CustomerType type) {
    switch (type) {
        case CustomerType::Loyal: return "loyal";
        case CustomerType::Discount: return "discount";
        case CustomerType::Impulsive: return "impulsive";
        case CustomerType::NeedOriented: return "need";
        case CustomerType::Wanderer: return "wanderer";
        case CustomerType::HighVolume: return "high_volume";
        case CustomerType::HighFutureValue: return "high_future";
    }
    return "";
}

Classified<RelationshipStatus> ClassifyRelationship(const Customer& customer, const CustomerFacts& facts,
                                                    const AnalysisSettings& settings) {
    Classified<RelationshipStatus> out;
    if (facts.Occasions == 0) {
        bool interest = customer.ShowedInterest && (!customer.InterestDate || *customer.InterestDate <= settings.AsOf);
        // Asking for information or a quote (a request on file) is showing interest too.
        if (!interest && facts.OtherRequests > 0) interest = true;
        if (interest) {
            double since = customer.InterestDate ? settings.AsOf.Days - customer.InterestDate->Days : -1.0;
            out.Value = RelationshipStatus::Potential;
            out.Why = Reason("status.potential", {since, static_cast<double>(facts.OtherRequests)});
        } else {
            out.Value = RelationshipStatus::Probable;
            out.Why = Reason("status.probable", {});
        }
        return out;
    }
    const double days = facts.DaysSinceLast(settings.AsOf);
    const std::initializer_list<double> figures = {days, static_cast<double>(settings.ActiveWindowDays),
                                                   static_cast<double>(facts.OccasionsInActiveWindow),
                                                   static_cast<double>(settings.ActiveMinOccasions)};
    if (facts.OccasionsInActiveWindow >= std::max(1, settings.ActiveMinOccasions)) {
        out.Value = RelationshipStatus::Active;
        out.Why = Reason("status.active", figures);
    } else if (facts.OccasionsInActiveWindow > 0) {
        out.Value = RelationshipStatus::Current;
        out.Why = Reason("status.current", figures);
    } else {
        out.Value = RelationshipStatus::Inactive;
        out.Why = Reason("status.inactive", figures);
    }
    return out;
}

Classified<RelationshipStatus> ClassifyRelationship(const Customer& customer, const AnalysisSettings& settings) {
    return ClassifyRelationship(customer, SummarizeCustomer(customer, settings), settings);
}

Classified<FrequencyClass> ClassifyFrequency(const CustomerFacts& facts, const AnalysisSettings& settings) {
    Classified<FrequencyClass> out;
    const int n = facts.OccasionsInFrequencyWindow;
    const std::initializer_list<double> figures = {static_cast<double>(n), static_cast<double>(settings.FrequencyWindowDays),
                                                   static_cast<double>(settings.HabitualMinOccasions),
                                                   static_cast<double>(settings.OccasionalMinOccasions)};
    if (facts.Occasions == 0) {
        out.Value = FrequencyClass::None;
        out.Why = Reason("frequency.none", {});
    } else if (n >= settings.HabitualMinOccasions) {
        out.Value = FrequencyClass::Habitual;
        out.Why = Reason("frequency.habitual", figures);
    } else if (n >= settings.OccasionalMinOccasions) {
        out.Value = FrequencyClass::Occasional;
        out.Why = Reason("frequency.occasional", figures);
    } else {
        out.Value = FrequencyClass::Sporadic;
        out.Why = Reason("frequency.sporadic", figures);
    }
    return out;
}

namespace {
// The rules, once: the mask, and each type's reason into why when given.
uint32_t TypeRules(const CustomerFacts& f, RelationshipStatus status, const BaseFigures& base, const FutureValue& future,
                   const AnalysisSettings& s, std::array<Reason, kCustomerTypeCount>* why) {
    uint32_t mask = 0;
    auto set = [&](CustomerType t, bool yes, const char* yesCode, const char* noCode, std::initializer_list<double> figures) {
        if (yes) mask |= 1u << static_cast<int>(t);
        if (why) (*why)[static_cast<int>(t)] = Reason(yes ? yesCode : noCode, figures);
    };
    const double occasions = f.Occasions;
    const double months = f.Occasions > 0 ? (f.Last.Days - f.First.Days) / kDaysPerMonth : 0.0;
    const bool buying = status == RelationshipStatus::Active || status == RelationshipStatus::Current;

    set(CustomerType::Loyal, f.Occasions >= s.LoyalMinOccasions && months >= s.LoyalMinMonths && buying,
        "type.loyal.yes", "type.loyal.no",
        {occasions, months, double(s.LoyalMinOccasions), double(s.LoyalMinMonths), buying ? 1.0 : 0.0});

    const int kept = f.KeptLines();
    const double discountShare = kept > 0 ? double(f.Discounted) / kept : 0.0;
    set(CustomerType::Discount, kept >= 2 && discountShare >= s.DiscountMinShare, "type.discount.yes", "type.discount.no",
        {double(f.Discounted), double(kept), discountShare, s.DiscountMinShare});

    const double ticket = f.AverageTicket();
    set(CustomerType::Impulsive,
        f.Occasions >= s.PatternMinOccasions && f.GapCv >= s.ImpulsiveMinGapCv && base.MedianTicket > 0 &&
            ticket <= s.ImpulsiveMaxTicketRatio * base.MedianTicket,
        "type.impulsive.yes", "type.impulsive.no",
        {occasions, f.GapCv, ticket, base.MedianTicket, s.ImpulsiveMinGapCv, s.ImpulsiveMaxTicketRatio});

    set(CustomerType::NeedOriented,
        f.Occasions >= s.PatternMinOccasions && f.CategorisedLines > 0 && f.TopCategoryShare >= s.NeedMinCategoryShare &&
            f.GapCv <= s.NeedMaxGapCv && discountShare < s.DiscountMinShare,
        "type.need.yes", "type.need.no", {occasions, f.TopCategoryShare, f.GapCv, s.NeedMinCategoryShare, s.NeedMaxGapCv});

    const double conversion = f.OtherRequests > 0 ? occasions / f.OtherRequests : 1.0;
    set(CustomerType::Wanderer, f.OtherRequests >= s.WandererMinRequests && conversion <= s.WandererMaxConversion,
        "type.wanderer.yes", "type.wanderer.no",
        {double(f.OtherRequests), occasions, conversion, double(s.WandererMinRequests), s.WandererMaxConversion});

    set(CustomerType::HighVolume, f.Occasions > 0 && f.Revenue > 0 && f.Revenue >= base.HighVolumeThreshold,
        "type.high_volume.yes", "type.high_volume.no", {f.Revenue, base.HighVolumeThreshold, s.HighVolumeTopShare});

    set(CustomerType::HighFutureValue, future.Value > 0 && future.Value >= future.Threshold, "type.high_future.yes",
        "type.high_future.no", {future.Value, future.Threshold, s.HighFutureValueTopShare, future.FromModel ? 1.0 : 0.0});
    return mask;
}
}  // namespace

CustomerTypes DetectCustomerTypes(const CustomerFacts& f, RelationshipStatus status, const BaseFigures& base,
                                  const FutureValue& future, const AnalysisSettings& s) {
    CustomerTypes out;
    out.Mask = TypeRules(f, status, base, future, s, &out.Why);
    return out;
}

uint32_t DetectCustomerTypeMask(const CustomerFacts& f, RelationshipStatus status, const BaseFigures& base,
                                const FutureValue& future, const AnalysisSettings& s) {
    return TypeRules(f, status, base, future, s, nullptr);
}

}  // namespace profila
