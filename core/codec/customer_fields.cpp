// [SECTION] entry builders: one per kind, each checks the member's type at compile time
// [SECTION] the tables
// [SECTION] walks over the tables: CSV columns, histories, missing ids
#include "codec/customer_fields.h"

#include <limits>
#include <type_traits>
#include <vector>

#include "codec/enum_names.h"
#include "model/limits.h"

namespace profila {

namespace {

// [SECTION] entry builders ------------------------------------------------------------------------
template <typename T> struct MemberTraits;
template <typename Owner, typename Field> struct MemberTraits<Field Owner::*> {
    using OwnerType = Owner;
    using FieldType = Field;
};
template <auto M> using OwnerOf = typename MemberTraits<decltype(M)>::OwnerType;
template <auto M> using FieldOf = typename MemberTraits<decltype(M)>::FieldType;

template <typename T> struct IsVector : std::false_type {};
template <typename T> struct IsVector<std::vector<T>> : std::true_type {};
template <typename T> struct IsOptional : std::false_type {};
template <typename T> struct IsOptional<std::optional<T>> : std::true_type {};

template <auto M> const FieldOf<M>& Ref(const void* owner) { return static_cast<const OwnerOf<M>*>(owner)->*M; }
template <auto M> FieldOf<M>& Ref(void* owner) { return static_cast<OwnerOf<M>*>(owner)->*M; }

template <typename T> struct IsOnDemand : std::false_type {};
template <typename T> struct IsOnDemand<OnDemand<T>> : std::true_type {};

template <auto M> void* AddressOf(void* owner) { return &Ref<M>(owner); }
template <auto M> const void* ViewOf(const void* owner) { return &Ref<M>(owner); }
// An object kept on demand (model/on_demand.h): its part, made to be written; read, never made.
template <auto M> void* PartOf(void* owner) { return &Ref<M>(owner).edit(); }
template <auto M> const void* PartViewOf(const void* owner) { return &*Ref<M>(owner); }
template <auto M> bool UnmadeOf(const void* owner) { return !Ref<M>(owner).made(); }
template <auto M> bool IsDefaultOf(const void* owner) {
    using F = FieldOf<M>;
    const F& v = Ref<M>(owner);
    if constexpr (IsVector<F>::value || std::is_same_v<F, std::string> || std::is_same_v<F, SharedText> || std::is_same_v<F, CompactId>)
        return v.empty();
    else if constexpr (IsOptional<F>::value || std::is_same_v<F, OptionalAmount>) return !v.has_value();
    else {
        static const OwnerOf<M> kDefault{};  // the struct's own default (Met = true, Quantity = 1)
        return v == kDefault.*M;
    }
}
template <auto M> int GetEnumOf(const void* owner) { return static_cast<int>(Ref<M>(owner)); }
template <auto M> void SetEnumOf(void* owner, int value) { Ref<M>(owner) = static_cast<FieldOf<M>>(value); }
template <auto M> void* AppendTo(void* owner) { return &Ref<M>(owner).emplace_back(); }
template <auto M> void ReserveIn(void* owner, size_t n) { Ref<M>(owner).reserve(n); }
template <auto M> size_t SizeOf(const void* owner) { return Ref<M>(owner).size(); }
template <auto M> const void* ElementAt(const void* owner, size_t i) { return &Ref<M>(owner)[i]; }
template <auto M> void ClearIn(void* owner) { Ref<M>(owner).clear(); }

template <auto M> constexpr CardField Field(std::string_view key, FieldKind kind) {
    CardField f;
    f.Key = key;
    f.Kind = kind;
    f.Member = &AddressOf<M>;
    f.View = &ViewOf<M>;
    f.IsDefault = &IsDefaultOf<M>;
    return f;
}
template <auto M> constexpr CardField Text(std::string_view key) {
    using F = FieldOf<M>;
    static_assert(std::is_same_v<F, std::string> || std::is_same_v<F, SharedText> || std::is_same_v<F, CompactId>);
    return Field<M>(key, std::is_same_v<F, SharedText> ? FieldKind::Shared : std::is_same_v<F, CompactId> ? FieldKind::Id : FieldKind::Text);
}
template <auto M> constexpr CardField TextList(std::string_view key) {
    static_assert(std::is_same_v<FieldOf<M>, std::vector<std::string>>);
    return Field<M>(key, FieldKind::TextList);
}
template <auto M> constexpr CardField Flag(std::string_view key) {
    static_assert(std::is_same_v<FieldOf<M>, bool>);
    return Field<M>(key, FieldKind::Flag);
}
template <auto M> constexpr CardField RequiredDate(std::string_view key) {
    static_assert(std::is_same_v<FieldOf<M>, Date>);
    CardField f = Field<M>(key, FieldKind::Date);
    f.Required = true;
    f.Always = true;
    return f;
}
template <auto M> constexpr CardField OptDate(std::string_view key) {
    static_assert(std::is_same_v<FieldOf<M>, std::optional<Date>>);
    return Field<M>(key, FieldKind::OptDate);
}
template <auto M> constexpr CardField Number(std::string_view key, double lo, double hi) {
    constexpr bool optional = std::is_same_v<FieldOf<M>, OptionalAmount>;
    static_assert(optional || std::is_same_v<FieldOf<M>, double>);
    CardField f = Field<M>(key, optional ? FieldKind::OptNumber : FieldKind::Number);
    f.NumLo = lo;
    f.NumHi = hi;
    return f;
}
template <auto M> constexpr CardField Integer(std::string_view key, int64_t lo, int64_t hi) {
    using F = FieldOf<M>;
    static_assert(std::is_same_v<F, int> || std::is_same_v<F, std::optional<int>> || std::is_same_v<F, int64_t>);
    CardField f = Field<M>(key, std::is_same_v<F, int>       ? FieldKind::Int
                                : std::is_same_v<F, int64_t> ? FieldKind::Int64
                                                             : FieldKind::OptInt);
    f.IntLo = lo;
    f.IntHi = hi;
    return f;
}
template <auto M> constexpr CardField Integer(std::string_view key, WholeRange range) { return Integer<M>(key, range.Lo, range.Hi); }
template <auto M, size_t N> constexpr CardField Enum(std::string_view key, const char* const (&names)[N]) {
    static_assert(std::is_enum_v<FieldOf<M>>);
    CardField f;
    f.Key = key;
    f.Kind = FieldKind::Enum;
    f.IsDefault = &IsDefaultOf<M>;
    f.GetEnum = &GetEnumOf<M>;
    f.SetEnum = &SetEnumOf<M>;
    f.Names = names;
    f.NameCount = static_cast<int>(N);
    return f;
}
template <auto M> constexpr CardField Object(std::string_view key, FieldGroup sub) {
    CardField f;  // written when anything in it is
    f.Key = key;
    f.Kind = FieldKind::Object;
    if constexpr (IsOnDemand<FieldOf<M>>::value) {
        f.Member = &PartOf<M>;
        f.View = &PartViewOf<M>;
        f.IsDefault = &UnmadeOf<M>;  // never made: its defaults, without a look at each of its fields
    } else {
        f.Member = &AddressOf<M>;
        f.View = &ViewOf<M>;
    }
    f.Sub = sub;
    return f;
}
template <auto M> constexpr CardField Array(std::string_view key, FieldGroup sub, bool history = true) {
    CardField f;
    f.Key = key;
    f.Kind = FieldKind::Array;
    f.IsDefault = &IsDefaultOf<M>;
    f.Append = &AppendTo<M>;
    f.Reserve = &ReserveIn<M>;
    f.Size = &SizeOf<M>;
    f.At = &ElementAt<M>;
    f.Clear = &ClearIn<M>;
    f.Sub = sub;
    f.History = history;
    return f;
}

// Modifiers, chained after a builder.
constexpr CardField Required(CardField f) { f.Required = true; return f; }
constexpr CardField Always(CardField f) { f.Always = true; return f; }
constexpr CardField Csv(CardField f, ImportField column, std::string_view key) {
    f.Csv = column;
    f.CsvKey = key;
    return f;
}

constexpr double kNoLowerBound = -std::numeric_limits<double>::infinity();
using F = ImportField;

// [SECTION] the tables ----------------------------------------------------------------------------
// In the order of the CSV export's columns and of the document reader's problems. Keys are written
// sorted whatever the order.
constexpr CardField kCustomerFields[] = {
    [] { CardField f = Csv(Always(Required(Text<&Customer::Id>("id"))), F::CustomerId, "customer_id"); f.NonEmpty = true; return f; }(),
    Csv(Always(Enum<&Customer::Kind>("kind", kKindNames)), F::Kind, "kind"),
    Csv(Text<&Customer::Name>("name"), F::Name, "name"),
    Csv(Text<&Customer::Company>("company"), F::Company, "company"),
    Csv(Text<&Customer::Phone>("phone"), F::Phone, "phone"),
    Csv(Text<&Customer::Email>("email"), F::Email, "email"),
    Array<&Customer::Contacts>("contacts", FieldGroup::Contact, /*history=*/false),
    Csv(Text<&Customer::Address>("address"), F::Address, "address"),
    Csv(Text<&Customer::City>("city"), F::City, "city"),
    Csv(Text<&Customer::Postcode>("postcode"), F::Postcode, "postcode"),
    Csv(Text<&Customer::Region>("region"), F::Region, "region"),
    Csv(Text<&Customer::Country>("country"), F::Country, "country"),
    Csv(OptDate<&Customer::Acquired>("acquired"), F::Acquired, "acquired"),
    Text<&Customer::PlaceType>("placeType"),
    Object<&Customer::People>("people", FieldGroup::People),
    Object<&Customer::Business>("business", FieldGroup::Business),
    Object<&Customer::Mind>("mind", FieldGroup::Mind),
    Object<&Customer::Habits>("habits", FieldGroup::Habits),
    Object<&Customer::Judgement>("judgement", FieldGroup::Judgement),
    Flag<&Customer::ShowedInterest>("showedInterest"),
    OptDate<&Customer::InterestDate>("interestDate"),
    Csv(TextList<&Customer::Tags>("tags"), F::Tags, "tags"),
    Csv(Text<&Customer::Notes>("notes"), F::Notes, "notes"),
    Array<&Customer::Purchases>("purchases", FieldGroup::Purchase),
    Array<&Customer::Requests>("requests", FieldGroup::Request),
    Array<&Customer::Satisfaction>("satisfaction", FieldGroup::Score),
    Array<&Customer::Complaints>("complaints", FieldGroup::Complaint),
    Array<&Customer::Communications>("communications", FieldGroup::Communication),
    Array<&Customer::Proposals>("proposals", FieldGroup::Proposal),
    Integer<&Customer::Revision>("revision", 0, INT64_MAX),
    Text<&Customer::VatNumber>("vatNumber"),
    Text<&Customer::FiscalCode>("fiscalCode"),
    [] { CardField f; f.Key = "schema"; f.Kind = FieldKind::Schema; f.Required = true; return f; }(),
    Object<&Customer::Privacy>("privacy", FieldGroup::Privacy),
};
constexpr CardField kPeopleFields[] = {
    Csv(Integer<&Demographics::BirthYear>("birthYear", kBirthYearRange), F::BirthYear, "birth_year"),
    Csv(Integer<&Demographics::Age>("age", kAgeRange), F::Age, "age"),
    Csv(Enum<&Demographics::Sex>("gender", kGenderNames), F::Gender, "gender"),
    Text<&Demographics::Education>("education"),
    Text<&Demographics::IncomeBand>("income"),
    Text<&Demographics::FamilyStatus>("family"),
    Csv(Text<&Demographics::Occupation>("occupation"), F::Occupation, "occupation"),
};
constexpr CardField kBusinessFields[] = {
    Text<&BusinessProfile::ActivityType>("activity"),
    Csv(Text<&BusinessProfile::Sector>("sector"), F::Sector, "sector"),
    Text<&BusinessProfile::SizeBand>("size"),
    Csv(Integer<&BusinessProfile::Employees>("employees", kEmployeesRange), F::Employees, "employees"),
    Text<&BusinessProfile::TurnoverBand>("turnover"),
    Text<&BusinessProfile::Clientele>("clientele"),
    Text<&BusinessProfile::OperatingArea>("area"),
};
constexpr CardField kMindFields[] = {
    Text<&Psychographics::Personality>("personality"),
    Text<&Psychographics::Attitudes>("attitudes"),
    Text<&Psychographics::Values>("values"),
    Text<&Psychographics::Interests>("interests"),
    Text<&Psychographics::Lifestyle>("lifestyle"),
    TextList<&Psychographics::Media>("media"),
};
constexpr CardField kHabitsFields[] = {
    TextList<&BuyingHabits::Channels>("channels"),
    TextList<&BuyingHabits::PaymentMethods>("payments"),
    Text<&BuyingHabits::PreferredTimes>("times"),
    Text<&BuyingHabits::Motives>("motives"),
    Text<&BuyingHabits::Needs>("needs"),
    Text<&BuyingHabits::Problems>("problems"),
};
constexpr CardField kJudgementFields[] = {
    Flag<&OwnerJudgement::Benchmark>("benchmark"),
    Flag<&OwnerJudgement::DoorOpener>("doorOpener"),
    Flag<&OwnerJudgement::Inspiring>("inspiring"),
    Enum<&OwnerJudgement::Orient>("orientation", kOrientationNames),
    Enum<&OwnerJudgement::Stage>("stage", kStageNames),
    Text<&OwnerJudgement::Potential>("potential"),
};
constexpr CardField kContactFields[] = {
    Text<&ContactPerson::Id>("id"),
    Text<&ContactPerson::Name>("name"),
    Text<&ContactPerson::Role>("role"),
    Text<&ContactPerson::Phone>("phone"),
    Text<&ContactPerson::Email>("email"),
};
constexpr CardField kPurchaseFields[] = {
    Csv(Text<&Purchase::Id>("id"), F::PurchaseId, "purchase_id"),
    Csv(RequiredDate<&Purchase::When>("date"), F::PurchaseDate, "purchase_date"),
    Csv(Always(Required(Number<&Purchase::Amount>("amount", -kMaxAmount, kMaxAmount))), F::Amount, "amount"),  // below 0: a return (a credit note)
    Csv(Integer<&Purchase::Quantity>("quantity", kQuantityRange), F::Quantity, "quantity"),
    Csv(Number<&Purchase::Margin>("margin", kNoLowerBound, kMaxAmount), F::Margin, "margin"),
    Csv(Number<&Purchase::Cost>("cost", 0.0, kMaxAmount), F::Cost, "cost"),
    Csv(Text<&Purchase::Category>("category"), F::Category, "category"),
    Csv(Text<&Purchase::Product>("product"), F::Product, "product"),
    Csv(Text<&Purchase::Channel>("channel"), F::Channel, "channel"),
    Csv(Text<&Purchase::PaymentMethod>("payment"), F::PaymentMethod, "payment_method"),
    Csv(Number<&Purchase::DiscountPercent>("discount", 0.0, kMaxDiscountPercent), F::DiscountPercent, "discount_percent"),
    Csv(Flag<&Purchase::Cancelled>("cancelled"), F::Cancelled, "cancelled"),
    Flag<&Purchase::Changed>("changed"),
    Csv(Integer<&Purchase::DaysPaidLate>("daysLate", kDaysLateRange), F::DaysPaidLate, "days_paid_late"),
};
constexpr CardField kRequestFields[] = {
    Text<&ServiceRequest::Id>("id"),
    RequiredDate<&ServiceRequest::When>("date"),
    Text<&ServiceRequest::Topic>("topic"),
    Flag<&ServiceRequest::AfterSales>("afterSales"),
    Always(Flag<&ServiceRequest::Met>("met")),
    Text<&ServiceRequest::WhyNotMet>("whyNotMet"),
};
constexpr CardField kScoreFields[] = {
    Text<&SatisfactionScore::Id>("id"),
    RequiredDate<&SatisfactionScore::When>("date"),
    Always(Required(Integer<&SatisfactionScore::Score>("score", kScoreRange))),
    Text<&SatisfactionScore::About>("about"),
};
constexpr CardField kComplaintFields[] = {
    Text<&Complaint::Id>("id"),
    RequiredDate<&Complaint::When>("date"),
    Text<&Complaint::Reason>("reason"),
    Flag<&Complaint::Resolved>("resolved"),
};
constexpr CardField kCommunicationFields[] = {
    Text<&Communication::Id>("id"),
    RequiredDate<&Communication::When>("date"),
    Text<&Communication::Channel>("channel"),
    Text<&Communication::Subject>("subject"),
    Flag<&Communication::IsPromotion>("promotion"),
    Flag<&Communication::Planned>("planned"),
    Enum<&Communication::Response>("response", kResponseNames),
};
constexpr CardField kProposalFields[] = {
    Text<&Proposal::Id>("id"),
    RequiredDate<&Proposal::When>("date"),
    Text<&Proposal::What>("what"),
    OptDate<&Proposal::Due>("due"),
    Always(Enum<&Proposal::Status>("status", kProposalNames)),
};

// Consent per channel and the objection to profiling (issue 18); absent in older cards: not recorded.
constexpr CardField kPrivacyFields[] = {
    Object<&PrivacyChoices::Email>("email", FieldGroup::Consent),
    Object<&PrivacyChoices::Phone>("phone", FieldGroup::Consent),
    Object<&PrivacyChoices::Messaging>("messaging", FieldGroup::Consent),
    Object<&PrivacyChoices::Post>("post", FieldGroup::Consent),
    Flag<&PrivacyChoices::ObjectsToProfiling>("objectsToProfiling"),
    OptDate<&PrivacyChoices::ObjectedOn>("objectedOn"),
};
constexpr CardField kConsentFields[] = {
    Enum<&ChannelConsent::State>("state", kConsentStateNames),
    OptDate<&ChannelConsent::When>("date"),
    Enum<&ChannelConsent::How>("how", kConsentSourceNames),
};

template <size_t N> constexpr FieldTable MakeTable(const CardField (&fields)[N]) {
    static_assert(N <= 64, "one bit per field in a 64-bit mask");
    uint64_t mask = 0;
    for (size_t i = 0; i < N; ++i)
        if (fields[i].Required) mask |= uint64_t(1) << i;
    return {fields, static_cast<int>(N), mask};
}
}  // namespace

const FieldTable kFieldTables[static_cast<size_t>(FieldGroup::Count_)] = {
    MakeTable(kCustomerFields), MakeTable(kPeopleFields),    MakeTable(kBusinessFields),  MakeTable(kMindFields),
    MakeTable(kHabitsFields),   MakeTable(kJudgementFields), MakeTable(kContactFields),   MakeTable(kPurchaseFields),
    MakeTable(kRequestFields),  MakeTable(kScoreFields),     MakeTable(kComplaintFields), MakeTable(kCommunicationFields),
    MakeTable(kProposalFields),  MakeTable(kPrivacyFields),   MakeTable(kConsentFields),
};

// [SECTION] walks ---------------------------------------------------------------------------------
const CardField* CsvCardField(ImportField column, FieldGroup* group) {
    if (column == ImportField::Ignore) return nullptr;
    for (size_t g = 0; g < static_cast<size_t>(FieldGroup::Count_); ++g)
        for (const CardField& f : kFieldTables[g])
            if (f.Csv == column) {
                if (group) *group = static_cast<FieldGroup>(g);
                return &f;
            }
    return nullptr;
}

std::vector<CsvColumn> CsvColumns(FieldGroup group) {
    std::vector<CsvColumn> columns;
    for (const CardField& f : FieldsOf(group)) {
        if (!f.CsvKey.empty()) columns.push_back({&f, nullptr});
        if (f.Kind == FieldKind::Object)
            for (const CardField& g : FieldsOf(f.Sub))
                if (!g.CsvKey.empty()) columns.push_back({&g, &f});
    }
    return columns;
}

void ClearHistories(Customer& customer) {
    for (const CardField& f : FieldsOf(FieldGroup::Customer))
        if (f.Kind == FieldKind::Array && f.History) f.Clear(&customer);
}

namespace {
// The row's "id" field, if its group has one.
const CardField* IdField(FieldGroup group) {
    for (const CardField& f : FieldsOf(group))
        if (f.Key == "id" && (f.Kind == FieldKind::Text || f.Kind == FieldKind::Id)) return &f;
    return nullptr;
}
}  // namespace

namespace {
// The card's lists whose rows have ids, with their id field: found once, not on every card. The
// purchases are not among them: AssignMissingIds walks them itself (a million rows, each through
// the schema's row and member functions, were most of its time).
struct ListWithIds {
    const CardField* List;
    const CardField* Id;
};
const std::vector<ListWithIds>& ListsWithIds() {
    static const std::vector<ListWithIds> lists = [] {
        std::vector<ListWithIds> found;
        for (const CardField& f : FieldsOf(FieldGroup::Customer))
            if (f.Kind == FieldKind::Array && f.Sub != FieldGroup::Purchase)
                if (const CardField* id = IdField(f.Sub)) found.push_back({&f, id});
        return found;
    }();
    return lists;
}
}  // namespace

size_t AssignMissingIds(Customer& customer, IdSource& ids, uint64_t now_ms) {
    size_t given = 0;
    auto give = [&](auto& id) {
        if (!id.empty()) return;
        if constexpr (std::is_same_v<std::decay_t<decltype(id)>, CompactId>) {
            uint8_t bits[16];
            ids.NextPacked(now_ms, bits);  // packed as it is kept: no characters made and read again
            id.SetPacked(bits);
        } else {
            const UlidText text = ids.NextText(now_ms);
            id = std::string_view(text.data(), text.size());
        }
        ++given;
    };
    give(customer.Id);
    for (Purchase& p : customer.Purchases) give(p.Id);
    for (const ListWithIds& list : ListsWithIds()) {
        const CardField& id = *list.Id;
        const size_t rows = list.List->Size(&customer);
        for (size_t i = 0; i < rows; ++i) {
            void* at = id.Member(const_cast<void*>(list.List->At(&customer, i)));
            if (id.Kind == FieldKind::Id) give(*static_cast<CompactId*>(at));
            else give(*static_cast<std::string*>(at));
        }
    }
    return given;
}

}  // namespace profila
