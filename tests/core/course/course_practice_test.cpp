// Practice on real data: ten customers covering the statuses, graded against Profila's own
// classification; the group LTV and the 20% closeness rule.
#include <doctest/doctest.h>

#include <set>

#include "course/practice.h"
#include "model/example_shop.h"

using namespace profila;
using namespace profila::course;

TEST_CASE("practice picks ten customers covering every status, deterministically, with reasons") {
    ExampleShopOptions options;
    options.Customers = 80;
    ExampleShop shop = GenerateExampleShop(options);
    AnalysisSettings settings;
    settings.AsOf = DateFromYmd(2025, 12, 31);
    auto picked = PickPracticeCustomers(shop.Shop, settings, 10);
    REQUIRE(picked.size() == 10);
    std::set<RelationshipStatus> statuses;
    for (const auto& p : picked) {
        statuses.insert(p.Profila.Value);
        CHECK(std::string(p.Profila.Why.Code).size() > 0);
        CHECK(!p.Name.empty());
    }
    CHECK(statuses.size() == 5);
    auto again = PickPracticeCustomers(shop.Shop, settings, 10);
    for (size_t i = 0; i < picked.size(); ++i) CHECK(again[i].Id == picked[i].Id);

    std::vector<std::optional<RelationshipStatus>> guesses(10);
    for (size_t i = 0; i < 10; ++i)
        if (i < 7) guesses[i] = picked[i].Profila.Value;
    guesses[9] = picked[9].Profila.Value == RelationshipStatus::Active ? RelationshipStatus::Current : RelationshipStatus::Active;
    PracticeGrade g = GradePractice(picked, guesses);
    CHECK(g.Right == 7);
    CHECK(g.Answered == 8);
    CHECK(g.Score == doctest::Approx(0.7));
    CHECK_FALSE(g.Matches[9]);
}

TEST_CASE("an empty workspace gives no practice, a small one gives what it has") {
    Workspace empty;
    AnalysisSettings settings;
    settings.AsOf = DateFromYmd(2025, 1, 1);
    CHECK(PickPracticeCustomers(empty, settings).empty());
    Workspace one;
    Customer c;
    c.Id = "c1";
    c.Company = "Forno Rossi";
    one.Customers.push_back(c);
    auto picked = PickPracticeCustomers(one, settings);
    REQUIRE(picked.size() == 1);
    CHECK(picked[0].Name == "Forno Rossi");
    CHECK(picked[0].Profila.Value == RelationshipStatus::Probable);
}

TEST_CASE("group LTV is the mean of S x C x P x t over buyers, estimates within 20% count") {
    ExampleShopOptions options;
    options.Customers = 80;
    ExampleShop shop = GenerateExampleShop(options);
    AnalysisSettings settings;
    settings.AsOf = DateFromYmd(2025, 12, 31);
    GroupLtv g = ComputeGroupLtv(shop.Shop, settings);
    CHECK(g.Customers > 0);
    CHECK(g.Customers < 80);  // potential and probable customers never bought
    CHECK(g.Value > 0);
    CHECK(g.Mean.T >= 12);
    CHECK(LtvEstimateClose(g.Value * 1.15, g.Value));
    CHECK_FALSE(LtvEstimateClose(g.Value * 1.3, g.Value));
    CHECK(LtvEstimateClose(0, 0));
}

TEST_CASE("the persona task is checked against a saved sketch, not ticked by hand") {
    std::vector<std::string> points = {"drawn", "who", "where", "buys", "gap"};
    CHECK(course::PersonaTaskDone(points, {}).empty());  // no sketch: nothing done
    Persona empty;
    CHECK(course::PersonaTaskDone(points, {empty}).empty());
    Persona p;
    p.Strokes.push_back(Stroke{});
    p.Detail(PersonaDetail::Gender).Value = "woman";
    p.Detail(PersonaDetail::Age).Value = "40";
    p.Detail(PersonaDetail::Location).Value = "the city";
    p.Detail(PersonaDetail::BuysWhat).Value = "bike tours";  // but not when: "buys" not done
    p.Detail(PersonaDetail::Income).State = Knowledge::Unknown;
    CHECK(course::PersonaTaskDone(points, {empty, p}) == std::vector<std::string>{"drawn", "who", "where", "gap"});
}
