// The customer card ("scheda cliente", shared/DOMAIN.md sections 1 and 2) and its histories,
// for private and business customers. Plain structs: the codec reads and writes them, analytics
// reads them, screens edit them through commands. Leads with no purchase are customers too.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/ids.h"
#include "model/on_demand.h"
#include "text/shared_text.h"

namespace profila {

enum class CustomerKind { Private, Business, Professional, Other };
enum class Gender { Unknown, Female, Male, Other };

// Types only the owner can judge (seed 003); set by hand on the card, shown beside computed ones.
enum class Orientation { Unknown, Cost, Value, Technology };
enum class LifecycleStage { Unknown, Reaching, Acquisition, Conversion, Retention, Inspiration };

struct ContactPerson {
    std::string Name;
    std::string Role;
    std::string Phone;
    std::string Email;
    std::string Id;                      // last, so brace lists of the fields above still read; empty
                                         // in rows stored before rows had ids (AssignMissingIds)
};

// An amount that may be unknown, in 8 bytes: a NaN stands for "not known" (a purchase's margin and cost
// as std::optional<double> took 16 bytes each, 35 MB over a million purchases in wasm). Amounts are
// finite (every reader refuses others), so no known amount is a NaN. Reads like the
// std::optional<double> it replaces.
class OptionalAmount {
public:
    constexpr OptionalAmount() noexcept = default;
    constexpr OptionalAmount(std::nullopt_t) noexcept {}  // NOLINT: implicit, as std::optional's
    constexpr OptionalAmount(double value) noexcept : Value_(value) {}  // NOLINT
    constexpr OptionalAmount(const std::optional<double>& value) noexcept : Value_(value ? *value : kNone) {}  // NOLINT
    [[nodiscard]] constexpr bool has_value() const noexcept { return Value_ == Value_; }  // false only for NaN
    constexpr explicit operator bool() const noexcept { return has_value(); }
    [[nodiscard]] constexpr double operator*() const noexcept { return Value_; }
    [[nodiscard]] constexpr double value_or(double fallback) const noexcept { return has_value() ? Value_ : fallback; }
    constexpr void reset() noexcept { Value_ = kNone; }
    [[nodiscard]] std::optional<double> Optional() const { return has_value() ? std::optional<double>(Value_) : std::nullopt; }
    friend constexpr bool operator==(const OptionalAmount& a, const OptionalAmount& b) noexcept {
        return a.has_value() == b.has_value() && (!a.has_value() || a.Value_ == b.Value_);
    }
    friend constexpr bool operator!=(const OptionalAmount& a, const OptionalAmount& b) noexcept { return !(a == b); }

private:
    static constexpr double kNone = __builtin_nan("");
    double Value_ = kNone;
};

struct Purchase {
    // In this order the fields leave no gaps: 80 bytes in wasm, 96 natively (the id is 17 bytes
    // aligned to one, the flags follow it, then the 4-byte and the 8-byte fields). A million
    // purchases are most of a big base's memory, and every date change reads them all.
    CompactId Id;                        // kept in the row (a million ULIDs would be a million blocks)
    bool Cancelled = false;
    bool Changed = false;                // the order was modified after being placed
    Date When;
    int Quantity = 1;
    int DaysPaidLate = 0;                // 0 = on time
    double Amount = 0.0;                 // what the customer paid, currency units, after discount
    OptionalAmount Margin;               // contribution margin of this purchase, if known
    OptionalAmount Cost;                 // or its cost (margin = amount - cost)
    double DiscountPercent = 0.0;        // 0 = full price
    // Texts that repeat across purchases: one shared block per distinct text (an import or a load
    // makes them through one TextPool), a pointer per purchase.
    SharedText Category;                 // product category
    SharedText Product;
    SharedText Channel;                  // shop, phone, online, fair...
    SharedText PaymentMethod;            // cash, card, transfer...
};
static_assert(sizeof(Purchase) == (sizeof(void*) == 4 ? 80 : 96), "a purchase's fields are ordered to leave no gaps (see above)");

struct ServiceRequest {
    Date When;
    std::string Topic;
    bool AfterSales = false;             // after-sales / assistance rather than a new request
    bool Met = true;
    std::string WhyNotMet;
    std::string Id;                      // see ContactPerson::Id
};

struct SatisfactionScore {
    Date When;
    int Score = 0;                       // 1..5
    std::string About;                   // overall, or the contact it refers to
    std::string Id;                      // see ContactPerson::Id
};

struct Complaint {
    Date When;
    std::string Reason;
    bool Resolved = false;
    std::string Id;                      // see ContactPerson::Id
};

enum class CommunicationResponse { None, Opened, Replied, Bought };

struct Communication {
    Date When;
    std::string Channel;                 // e-mail, phone, newsletter, visit...
    std::string Subject;                 // what was said or promoted
    bool IsPromotion = false;
    bool Planned = false;                // planned, not yet done
    CommunicationResponse Response = CommunicationResponse::None;
    std::string Id;                      // see ContactPerson::Id
};

enum class ProposalStatus { Planned, Made, Accepted, Refused };

struct Proposal {
    Date When;
    std::string What;
    std::optional<Date> Due;
    ProposalStatus Status = ProposalStatus::Planned;
    std::string Id;                      // see ContactPerson::Id
};

struct Demographics {
    std::optional<int> Age;              // or BirthYear; either may be unknown
    std::optional<int> BirthYear;
    Gender Sex = Gender::Unknown;
    std::string Education;
    std::string IncomeBand;
    std::string FamilyStatus;
    std::string Occupation;
};

struct BusinessProfile {
    std::string ActivityType;
    std::string Sector;
    std::string SizeBand;                // micro, small, medium, large
    std::optional<int> Employees;
    std::string TurnoverBand;
    std::string Clientele;               // whom they serve
    std::string OperatingArea;
};

struct Psychographics {
    std::string Personality;
    std::string Attitudes;
    std::string Values;
    std::string Interests;
    std::string Lifestyle;
    std::vector<std::string> Media;      // newspaper, social, events...
};

struct BuyingHabits {
    std::vector<std::string> Channels;
    std::vector<std::string> PaymentMethods;
    std::string PreferredTimes;
    std::string Motives;                 // why they buy
    std::string Needs;
    std::string Problems;
};

struct OwnerJudgement {
    bool Benchmark = false;              // others follow them
    bool DoorOpener = false;             // opened a new market for us
    bool Inspiring = false;              // pushes us to improve
    Orientation Orient = Orientation::Unknown;
    LifecycleStage Stage = LifecycleStage::Unknown;
    std::string Potential;               // growth potential and trend, in words
};

// Consent to be contacted, one per channel (issue 18). Cards stored before consent existed read as
// NotRecorded, which counts as "no consent": the app never assumes a yes it was not told.
enum class ConsentState { NotRecorded, Given, Withdrawn };
enum class ConsentSource { Unknown, InShop, Form, Email, Phone, Other };  // how the answer was given
enum class ContactChannel { Email, Phone, Messaging, Post };             // Messaging: SMS, chat apps
inline constexpr int kContactChannelCount = 4;

struct ChannelConsent {
    ConsentState State = ConsentState::NotRecorded;
    std::optional<Date> When;            // when given or withdrawn
    ConsentSource How = ConsentSource::Unknown;
};

struct PrivacyChoices {
    ChannelConsent Email, Phone, Messaging, Post;
    bool ObjectsToProfiling = false;     // left out of segments, strategies, persona comparisons, practice
    std::optional<Date> ObjectedOn;
    [[nodiscard]] const ChannelConsent& Of(ContactChannel c) const {
        switch (c) {
            case ContactChannel::Email: return Email;
            case ContactChannel::Phone: return Phone;
            case ContactChannel::Messaging: return Messaging;
            case ContactChannel::Post: break;
        }
        return Post;
    }
    [[nodiscard]] ChannelConsent& Of(ContactChannel c) { return const_cast<ChannelConsent&>(static_cast<const PrivacyChoices&>(*this).Of(c)); }
};

struct Customer {
    std::string Id;                      // stable, unique in a workspace
    CustomerKind Kind = CustomerKind::Private;
    std::string Name;                    // person, or contact name for a business
    std::string Company;
    std::string Phone;                   // kept as text: leading zeros and + matter
    std::string Email;
    std::vector<ContactPerson> Contacts;
    std::optional<Date> Acquired;        // when they became a customer
    // Place
    std::string Address;
    std::string City;
    std::string Postcode;                // text: "00184" keeps its zeros
    std::string Region;
    std::string Country;
    std::string PlaceType;               // city centre, village, countryside...
    // Sections most cards leave empty, each in a block made when first written (model/on_demand.h):
    // read them through a const card (c.People->Age), write them through a non-const one.
    OnDemand<Demographics> People;
    OnDemand<BusinessProfile> Business;
    OnDemand<Psychographics> Mind;
    OnDemand<BuyingHabits> Habits;
    OnDemand<OwnerJudgement> Judgement;
    // A lead: never bought but asked for information or a quote (potential), or only matches
    // the profile (probable).
    bool ShowedInterest = false;
    std::optional<Date> InterestDate;
    std::vector<std::string> Tags;
    std::string Notes;
    // Tax identity, as e-invoices give it (imports match invoices to cards by them)
    std::string VatNumber;               // as the invoice writes it: "IT01234567890" (FatturaPA: country + code), "B77436020"
    std::string FiscalCode;              // Italian codice fiscale
    // Histories
    std::vector<Purchase> Purchases;
    std::vector<ServiceRequest> Requests;
    std::vector<SatisfactionScore> Satisfaction;
    std::vector<Complaint> Complaints;
    std::vector<Communication> Communications;
    std::vector<Proposal> Proposals;
    int64_t Revision = 0;                // bumped on each saved change; newer wins across tabs
    OnDemand<PrivacyChoices> Privacy;    // last, so brace lists of the fields above still read; on demand
                                         // as the sections above (no answer recorded: nothing made)
};

// One business kept apart from the others (a trainee's practice shop, the owner's real one).
struct Workspace {
    std::string Id;
    std::string Name;
    std::vector<Customer> Customers;
};

}  // namespace profila
