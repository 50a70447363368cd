#include "completeness.h"

#include <algorithm>
#include <cmath>

namespace profila {

namespace {
bool Has(const std::string& s) { return !s.empty(); }

struct GroupDef {
    const char* Key;
    double Weight;  // relative; normalised over the groups that apply
};
}  // namespace

// Weights follow what the card is for (DOMAIN.md 1-2): knowing who and how to reach them first,
// then what they buy and think; a card without contacts is not a card.
CardCompleteness AssessCardCompleteness(const Customer& c) {
    const bool business = c.Kind == CustomerKind::Business || c.Kind == CustomerKind::Professional;
    CardCompleteness out;
    auto item = [&](const char* group, const char* key, double weight, bool known) {
        out.Items.push_back({key, group, weight, known});
    };
    // identity
    item("identity", "name", 3, Has(c.Name) || Has(c.Company));
    if (business) item("identity", "company", 2, Has(c.Company));
    item("identity", "acquired", 1, c.Acquired.has_value() || !c.Purchases.empty());
    // contacts
    item("contacts", "phone", 2, Has(c.Phone));
    item("contacts", "email", 2, Has(c.Email));
    if (business) item("contacts", "contact_person", 1, !c.Contacts.empty());
    // place
    item("place", "city", 2, Has(c.City));
    item("place", "address", 1, Has(c.Address));
    item("place", "postcode", 1, Has(c.Postcode));
    item("place", "place_type", 1, Has(c.PlaceType));
    if (business) {
        const BusinessProfile& b = c.Business;
        item("business", "activity_type", 1, Has(b.ActivityType));
        item("business", "sector", 2, Has(b.Sector));
        item("business", "size", 1, Has(b.SizeBand) || b.Employees.has_value());
        item("business", "turnover", 1, Has(b.TurnoverBand));
        item("business", "clientele", 1, Has(b.Clientele));
        item("business", "operating_area", 1, Has(b.OperatingArea));
    } else {
        const Demographics& d = c.People;
        item("demographics", "age", 2, d.Age.has_value() || d.BirthYear.has_value());
        item("demographics", "gender", 1, d.Sex != Gender::Unknown);
        item("demographics", "occupation", 1, Has(d.Occupation));
        item("demographics", "family", 1, Has(d.FamilyStatus));
        item("demographics", "education", 1, Has(d.Education));
        item("demographics", "income", 1, Has(d.IncomeBand));
    }
    const Psychographics& m = c.Mind;
    item("mind", "interests", 2, Has(m.Interests));
    item("mind", "values", 1, Has(m.Values));
    item("mind", "lifestyle", 1, Has(m.Lifestyle));
    item("mind", "personality", 1, Has(m.Personality));
    item("mind", "attitudes", 1, Has(m.Attitudes));
    item("mind", "media", 1, !m.Media.empty());
    const BuyingHabits& h = c.Habits;
    item("habits", "needs", 2, Has(h.Needs));
    item("habits", "motives", 2, Has(h.Motives));
    item("habits", "channels", 1, !h.Channels.empty());
    item("habits", "payment_methods", 1, !h.PaymentMethods.empty());
    item("habits", "preferred_times", 1, Has(h.PreferredTimes));
    item("habits", "problems", 1, Has(h.Problems));
    item("voice", "satisfaction", 2, !c.Satisfaction.empty());
    bool responded = false;
    for (const Communication& k : c.Communications) responded |= k.Response != CommunicationResponse::None;
    item("voice", "communication_response", 1, responded);
    item("plans", "potential", 2, Has(c.Judgement.Potential));
    item("plans", "orientation", 1, c.Judgement.Orient != Orientation::Unknown);
    item("plans", "lifecycle_stage", 1, c.Judgement.Stage != LifecycleStage::Unknown);
    item("plans", "proposal", 1, !c.Proposals.empty());

    static const GroupDef kGroups[] = {{"identity", 0.16}, {"contacts", 0.16}, {"place", 0.10},  {"demographics", 0.12},
                                       {"business", 0.12}, {"mind", 0.12},     {"habits", 0.14}, {"voice", 0.10},
                                       {"plans", 0.08}};
    double total_weight = 0;
    for (const GroupDef& g : kGroups) {
        double known = 0, all = 0;
        for (const CompletenessItem& it : out.Items)
            if (it.Group == g.Key) { all += it.Weight; known += it.Known ? it.Weight : 0; }
        if (all == 0) continue;
        out.Groups.push_back({g.Key, g.Weight, known / all});
        total_weight += g.Weight;
    }
    for (CompletenessGroup& g : out.Groups) {
        g.Weight /= total_weight;
        out.Score += g.Weight * g.Score;
    }
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
    for (KnowledgeGap& g : all) {
        CardCompleteness cc = AssessCardCompleteness(customers[g.Index]);
        g.Completeness = cc.Score;
        for (size_t k = 0; k < cc.NextQuestions.size() && k < 3; ++k) g.NextQuestions.push_back(cc.NextQuestions[k]);
    }
    std::sort(all.begin(), all.end(), [](const KnowledgeGap& a, const KnowledgeGap& b) {
        if (a.Completeness != b.Completeness) return a.Completeness < b.Completeness;
        return a.ValueRank < b.ValueRank;
    });
    if (all.size() > count) all.resize(count);
    return all;
}

}  // namespace profila
