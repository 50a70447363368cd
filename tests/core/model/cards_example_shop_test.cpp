// The example shop: deterministic, varied, valid.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "codec/customer_json.h"
#include "model/example_shop.h"

using namespace profila;

TEST_CASE("cards example shop: deterministic for a seed, different for another") {
    ExampleShopOptions o;
    o.AsOf = DateFromYmd(2025, 6, 30);
    ExampleShop a = GenerateExampleShop(o);
    ExampleShop b = GenerateExampleShop(o);
    CHECK(WorkspaceToJson(a.Shop) == WorkspaceToJson(b.Shop));
    o.Seed = 7;
    ExampleShop c = GenerateExampleShop(o);
    CHECK(WorkspaceToJson(a.Shop) != WorkspaceToJson(c.Shop));
}

TEST_CASE("cards example shop: a few hundred valid customers, two years, every archetype") {
    ExampleShopOptions o;
    o.AsOf = DateFromYmd(2025, 6, 30);
    ExampleShop s = GenerateExampleShop(o);
    const Workspace& w = s.Shop;
    REQUIRE(w.Customers.size() == 300);
    REQUIRE(s.Archetypes.size() == 300);
    std::set<std::string> kinds(s.Archetypes.begin(), s.Archetypes.end());
    for (const char* k : {"habitual", "occasional", "sporadic", "inactive", "potential", "probable", "discount", "impulsive",
                          "need", "wanderer", "high_volume", "big_unprofitable", "late_payer", "canceller", "complainer", "business"})
        CHECK_MESSAGE(kinds.count(k) == 1, k);

    std::set<std::string> ids;
    size_t purchases = 0, leads = 0, businesses = 0, spanish = 0, late = 0, cancelled = 0, discounted = 0, negative_margin = 0;
    size_t with_birth_year = 0, without_email = 0, complaints = 0, scores = 0;
    Date first = o.AsOf, last = Date{0};
    for (size_t i = 0; i < w.Customers.size(); ++i) {
        const Customer& c = w.Customers[i];
        CHECK_MESSAGE(ValidateCustomer(c).empty(), c.Id);
        ids.insert(c.Id);
        purchases += c.Purchases.size();
        leads += c.Purchases.empty();
        businesses += c.Kind != CustomerKind::Private;
        spanish += c.Country == "España";
        with_birth_year += c.People->BirthYear.has_value();
        without_email += c.Email.empty();
        complaints += c.Complaints.size();
        scores += c.Satisfaction.size();
        for (const Purchase& p : c.Purchases) {
            first = std::min(first, p.When);
            last = std::max(last, p.When);
            late += p.DaysPaidLate > 0;
            cancelled += p.Cancelled;
            discounted += p.DiscountPercent > 0;
            negative_margin += p.Margin && *p.Margin < 0;
        }
        if (s.Archetypes[i] == "potential") CHECK(c.ShowedInterest);
        if (s.Archetypes[i] == "potential" || s.Archetypes[i] == "probable") CHECK(c.Purchases.empty());
    }
    CHECK(ids.size() == 300);
    CHECK(purchases > 3000);
    CHECK(leads >= 36);
    CHECK(businesses >= 30);
    CHECK(spanish > 30);
    CHECK(late > 20);
    CHECK(cancelled > 5);
    CHECK(discounted > 50);
    CHECK(negative_margin > 5);
    CHECK(complaints > 10);
    CHECK(scores > 50);
    CHECK(with_birth_year > 50);
    CHECK(without_email > 30);
    CHECK(last <= o.AsOf);
    CHECK(first.Days >= o.AsOf.Days - 731);
    CHECK(o.AsOf.Days - last.Days < 10);
}

#include "analysis/run.h"

TEST_CASE("cards example shop: the analysis finds every classification in it") {
    ExampleShopOptions o;
    o.AsOf = DateFromYmd(2025, 6, 30);
    ExampleShop s = GenerateExampleShop(o);
    AnalysisSettings settings;
    settings.AsOf = o.AsOf;
    AnalysisResult r = RunAnalysis(s.Shop, settings);
    REQUIRE(r.Rows.size() == s.Shop.Customers.size());
    std::map<RelationshipStatus, int> status;
    std::map<FrequencyClass, int> frequency;
    std::map<int, int> types;
    int big_low_profit = 0;
    for (const CustomerRow& row : r.Rows) {
        ++status[row.Status];
        ++frequency[row.Frequency];
        for (int t = 0; t < kCustomerTypeCount; ++t)
            if ((row.Types >> t) & 1u) ++types[t];
        big_low_profit += row.BigLowProfit;
    }
    for (RelationshipStatus st : {RelationshipStatus::Current, RelationshipStatus::Active, RelationshipStatus::Inactive,
                                  RelationshipStatus::Potential, RelationshipStatus::Probable})
        CHECK_MESSAGE(status[st] >= 5, static_cast<int>(st));
    for (FrequencyClass f : {FrequencyClass::Habitual, FrequencyClass::Occasional, FrequencyClass::Sporadic})
        CHECK_MESSAGE(frequency[f] >= 5, static_cast<int>(f));
    for (int t = 0; t < kCustomerTypeCount; ++t) CHECK_MESSAGE(types[t] >= 5, t);
    CHECK(big_low_profit >= 3);
    CHECK(r.ModelOk());
}
