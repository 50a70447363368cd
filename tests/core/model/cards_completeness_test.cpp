// Card completeness and "what we don't know yet".
#include <doctest/doctest.h>

#include <algorithm>

#include "model/completeness.h"
#include "model/example_shop.h"

using namespace profila;

namespace {
double GroupScore(const CardCompleteness& c, const std::string& key) {
    for (const CompletenessGroup& g : c.Groups)
        if (g.Key == key) return g.Score;
    return -1;
}
bool Contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

TEST_CASE("cards completeness: an empty card scores 0 and asks for the name first") {
    Customer c;
    c.Id = "x";
    CardCompleteness r = AssessCardCompleteness(c);
    CHECK(r.Score == doctest::Approx(0.0));
    REQUIRE_FALSE(r.NextQuestions.empty());
    CHECK(r.NextQuestions[0] == "name");
    CHECK(Contains(r.NextQuestions, "age"));
    CHECK_FALSE(Contains(r.NextQuestions, "sector"));  // a private customer: no business group
    double sum = 0;
    for (const CompletenessGroup& g : r.Groups) sum += g.Weight;
    CHECK(sum == doctest::Approx(1.0));
    CHECK(GroupScore(r, "business") < 0);
}

TEST_CASE("cards completeness: hand-checked partial card") {
    Customer c;
    c.Id = "x";
    c.Name = "Anna";       // identity: name 3 of (3 + 1) known; acquired unknown
    c.Phone = "333";       // contacts: phone 2 of (2 + 2)
    CardCompleteness r = AssessCardCompleteness(c);
    CHECK(GroupScore(r, "identity") == doctest::Approx(0.75));
    CHECK(GroupScore(r, "contacts") == doctest::Approx(0.5));
    // Private card: groups identity .16, contacts .16, place .10, demographics .12, mind .12,
    // habits .14, voice .10, plans .08 (sum 0.98, normalised).
    CHECK(r.Score == doctest::Approx((0.16 * 0.75 + 0.16 * 0.5) / 0.98));
    CHECK_FALSE(Contains(r.NextQuestions, "name"));
    CHECK(r.NextQuestions[0] == "email");  // contacts weigh most among what is missing
}

TEST_CASE("cards completeness: business cards ask business questions") {
    Customer c;
    c.Id = "b";
    c.Kind = CustomerKind::Business;
    c.Company = "ACME";
    CardCompleteness r = AssessCardCompleteness(c);
    CHECK(Contains(r.NextQuestions, "sector"));
    CHECK(Contains(r.NextQuestions, "contact_person"));
    CHECK_FALSE(Contains(r.NextQuestions, "age"));
    c.Business->Sector = "ristorazione";
    CHECK(AssessCardCompleteness(c).Score > r.Score);
}

TEST_CASE("cards completeness: least known among the most valuable") {
    std::vector<Customer> list;
    const Date as_of = DateFromYmd(2024, 12, 31);
    for (int i = 0; i < 10; ++i) {
        Customer c;
        c.Id = "c" + std::to_string(i);
        Purchase p;
        p.When = DateFromYmd(2024, 6, 1);
        p.Amount = 100.0 * (i + 1);  // c9 is the most valuable
        c.Purchases.push_back(p);
        c.Name = "N";
        c.Phone = "1";
        c.Email = "e@x.it";
        c.City = "Roma";
        if (i == 8) { c.Phone.clear(); c.Email.clear(); c.City.clear(); }  // valuable but little known
        list.push_back(c);
    }
    Customer lead;  // no purchases: never listed
    lead.Id = "lead";
    list.push_back(lead);
    std::vector<KnowledgeGap> top = RankLeastKnownValuable(list, 2, as_of);
    REQUIRE(top.size() == 2);
    CHECK(top[0].CustomerId == "c8");
    CHECK(top[0].ValueRank == 2);
    CHECK(top[0].Value == doctest::Approx(900.0));
    CHECK(top[1].CustomerId == "c9");  // equally known as the others: the most valuable next
    CHECK(top[0].Completeness < top[1].Completeness);
    CHECK(top[0].NextQuestions.size() == 3);
}

TEST_CASE("cards completeness: the score alone equals the full assessment's score on every example customer") {
    const profila::Workspace shop = profila::GenerateExampleShop(profila::ExampleShopOptions{}).Shop;
    REQUIRE(shop.Customers.size() > 100);
    int business = 0;
    for (const profila::Customer& c : shop.Customers) {
        CHECK(profila::CardCompletenessScore(c) == profila::AssessCardCompleteness(c).Score);
        business += c.Kind != profila::CustomerKind::Private;
    }
    CHECK(business > 0);
    CHECK(profila::CardCompletenessScore(profila::Customer{}) == 0.0);
}
