#include "model/completeness.h"

#include <algorithm>
#include <cmath>

namespace profila {

namespace {
bool Has(const std::string& s) { return !s.empty(); }

enum GroupId { kIdentity, kContacts, kPlace, kDemographics, kBusiness, kMind, kHabits, kVoice, kPlans, kGroupCount };

struct GroupDef {
    const char* Key;
    double Weight;  // relative; normalised over the groups that apply
};
// In GroupId order, which is also the order of CardCompleteness::Groups.
constexpr GroupDef kGroups[kGroupCount] = {{"identity", 0.16}, {"contacts", 0.16}, {"place", 0.10},  {"demographics", 0.12},
                                           {"business", 0.12}, {"mind", 0.12},     {"habits", 0.14}, {"voice", 0.10},
                                           {"plans", 0.08}};

// Every item of the card that applies to this customer: item(group, key, weight, known).
// Weights follow what the card is for (DOMAIN.md 1-2): knowing who and how to reach them first,
// then what they buy and think; a card without contacts is not a card.
template <typename F>
void ForEachItem(const Customer& c, F&& item) {
    const bool business = c.Kind == CustomerKind::Business || c.Kind == CustomerKind::Professional;
    item(kIdentity, "name", 3, Has(c.Name) || Has(c.Company));
    if (business) item(kIdentity, "company", 2, Has(c.Company));
    item(kIdentity, "acquired", 1, c.Acquired.has_value() || !c.Purchases.empty());
    item(kContacts, "phone", 2, Has(c.Phone));
    item(kContacts, "email", 2, Has(c.Email));
    if (business) item(kContacts, "contact_person", 1, !c.Contacts.empty());
    item(kPlace, "city", 2, Has(c.City));
    item(kPlace, "address", 1, Has(c.Address));
    item(kPlace, "postcode", 1, Has(c.Postcode));
    item(kPlace, "place_type", 1, Has(c.PlaceType));
    if (business) {
        const BusinessProfile& b = *c.Business;
        item(kBusiness, "activity_type", 1, Has(b.ActivityType));
        item(kBusiness, "sector", 2, Has(b.Sector));
        item(kBusiness, "size", 1, Has(b.SizeBand) || b.Employees.has_value());
        item(kBusiness, "turnover", 1, Has(b.TurnoverBand));
        item(kBusiness, "clientele", 1, Has(b.Clientele));
        item(kBusiness, "operating_area", 1, Has(b.OperatingArea));
    } else {
        const Demographics& d = *c.People;
        item(kDemographics, "age", 2, d.Age.has_value() || d.BirthYear.has_value());
        item(kDemographics, "gender", 1, d.Sex != Gender::Unknown);
        item(kDemographics, "occupation", 1, Has(d.Occupation));
        item(kDemographics, "family", 1, Has(d.FamilyStatus));
        item(kDemographics, "education", 1, Has(d.Education));
        item(kDemographics, "income", 1, Has(d.IncomeBand));
    }
    const Psychographics& m = *c.Mind;
    item(kMind, "interests", 2, Has(m.Interests));
    item(kMind, "values", 1, Has(m.Values));
    item(kMind, "lifestyle", 1, Has(m.Lifestyle));
    item(kMind, "personality", 1, Has(m.Personality));
    item(kMind, "attitudes", 1, Has(m.Attitudes));
    item(kMind, "media", 1, !m.Media.empty());
    const BuyingHabits& h = *c.Habits;
    item(kHabits, "needs", 2, Has(h.Needs));
    item(kHabits, "motives", 2, Has(h.Motives));
    item(kHabits, "channels", 1, !h.Channels.empty());
    item(kHabits, "payment_methods", 1, !h.PaymentMethods.empty());
    item(kHabits, "preferred_times", 1, Has(h.PreferredTimes));
    item(kHabits, "problems", 1, Has(h.Problems));
    item(kVoice, "satisfaction", 2, !c.Satisfaction.empty());
    bool responded = false;
    for (const Communication& k : c.Communications) responded |= k.Response != CommunicationResponse::None;
    item(kVoice, "communication_response", 1, responded);
    item(kPlans, "potential", 2, Has(c.Judgement->Potential));
    item(kPlans, "orientation", 1, c.Judgement->Orient != Orientation::Unknown);
    item(kPlans, "lifecycle_stage", 1, c.Judgement->Stage != LifecycleStage::Unknown);
    item(kPlans, "proposal", 1, !c.Proposals.empty());
}

// Known and total item weight per group.
struct GroupSums {
    double Known[kGroupCount] = {};
    double All[kGroupCount] = {};
};
GroupSums SumGroups(const Customer& c) {
    GroupSums s;
    ForEachItem(c, [&](GroupId g, const char*, double weight, bool known) {
        s.All[g] += weight;
        if (known) s.Known[g] += weight;
    });
    return s;
}
// The groups that apply, as (group, share of the card, known share of the group), and the score.
template <typename F>
double ScoreGroups(const GroupSums& s, F&& group) {
    double total_weight = 0;
    for (int g = 0; g < kGroupCount; ++g)
        if (s.All[g] > 0) total_weight += kGroups[g].Weight;
    double score = 0;
    for (int g = 0; g < kGroupCount; ++g) {
        if (s.All[g] == 0) continue;
        const double weight = kGroups[g].Weight / total_weight, known = s.Known[g] / s.All[g];
        group(static_cast<GroupId>(g), weight, known);
        score += weight * known;
    }
    return score;
}
}  // namespace

double CardCompletenessScore(const Customer& c) {
    return ScoreGroups(SumGroups(c), [](GroupId, double, double) {});
}

CardCompleteness AssessCardCompleteness(const Customer& c) {
    CardCompleteness out;
    ForEachItem(c, [&](GroupId g, const char* key, double weight, bool known) { out.Items.push_back({key, kGroups[g].Key, weight, known}); });
    out.Score = ScoreGroups(SumGroups(c), [&](GroupId g, double weight, double known) { out.Groups.push_back({kGroups[g].Key, weight, known}); });
    // Next questions: unknown items by their share of the whole card (group weight x item share).
    struct Gap { const CompletenessItem* Item; double Gain; size_t Order; };
    std::vector<Gap> gaps;
    for (size_t i = 0; i < out.Items.size(); ++i) {
        const CompletenessItem& it = out.Items[i];
        if (it.Known) continue;
        double group_weight = 0, group_items = 0;
        for (const CompletenessGroup& g : out.Groups)
            if (g.Key == it.Group) group_weight = g.Weight;
        for (const CompletenessItem& o : out.Items)
            if (o.Group == it.Group) group_items += o.Weight;
        gaps.push_back({&it, group_weight * it.Weight / group_items, i});
    }
    std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) { return a.Gain > b.Gain + 1e-12; });
    for (const Gap& g : gaps) out.NextQuestions.push_back(g.Item->Key);
    return out;
}

std::vector<KnowledgeGap> RankLeastKnownValuable(const std::vector<Customer>& customers, size_t count, Date as_of) {
    std::vector<KnowledgeGap> all;
    for (size_t i = 0; i < customers.size(); ++i) {
        const Customer& c = customers[i];
        double recent = 0, ever = 0;
        bool any_recent = false;
        for (const Purchase& p : c.Purchases) {
            if (p.Cancelled) continue;
            ever += p.Amount;
            if (p.When <= as_of && p.When.Days > as_of.Days - 365) { recent += p.Amount; any_recent = true; }
        }
        double value = any_recent ? recent : ever;
        if (value <= 0) continue;
        KnowledgeGap g;
        g.Index = i;
        g.CustomerId = c.Id;
        g.Value = value;
        all.push_back(std::move(g));
    }
    std::sort(all.begin(), all.end(), [&](const KnowledgeGap& a, const KnowledgeGap& b) {
        return a.Value != b.Value ? a.Value > b.Value : a.Index < b.Index;
    });
    for (size_t r = 0; r < all.size(); ++r) all[r].ValueRank = static_cast<int>(r + 1);
    size_t top = std::max(count, static_cast<size_t>(std::ceil(all.size() / 5.0)));
    if (all.size() > top) all.resize(top);
    for (KnowledgeGap& g : all) g.Completeness = CardCompletenessScore(customers[g.Index]);
    std::sort(all.begin(), all.end(), [](const KnowledgeGap& a, const KnowledgeGap& b) {
        if (a.Completeness != b.Completeness) return a.Completeness < b.Completeness;
        return a.ValueRank < b.ValueRank;
    });
    if (all.size() > count) all.resize(count);
    // The questions only for the customers shown.
    for (KnowledgeGap& g : all) {
        CardCompleteness cc = AssessCardCompleteness(customers[g.Index]);
        for (size_t k = 0; k < cc.NextQuestions.size() && k < 3; ++k) g.NextQuestions.push_back(cc.NextQuestions[k]);
    }
    return all;
}

}  // namespace profila
