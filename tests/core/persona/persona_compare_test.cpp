#include <doctest/doctest.h>

#include "persona/compare.h"

using namespace profila;

namespace {
Customer Make(const std::string& id, Gender g, int age, const std::string& city, double spend, const std::string& pay, int day) {
    Customer c;
    c.Id = id;
    c.People->Sex = g;
    c.People->Age = age;
    c.City = city;
    Purchase p;
    p.Amount = spend;
    p.PaymentMethod = pay;
    p.Category = "bread";
    p.When = Date{day};
    c.Purchases.push_back(p);
    return c;
}

const DetailComparison& Of(const PersonaComparison& c, PersonaDetail d) { return c.Details[static_cast<size_t>(d)]; }
}  // namespace

TEST_CASE("compare: the best 20% decide, and differences are named") {
    Workspace ws;
    // Ten customers: the two who spend most are women in their 30s in Roma paying by card;
    // most of the rest are men over 55 in Latina paying cash.
    ws.Customers.push_back(Make("1", Gender::Female, 33, "Roma", 900, "Card", 2));   // 1970-01-03 Saturday
    ws.Customers.push_back(Make("2", Gender::Female, 38, "Roma", 800, "card", 2));
    for (int i = 0; i < 8; ++i) ws.Customers.push_back(Make("x" + std::to_string(i), i < 6 ? Gender::Male : Gender::Female, 60, "Latina", 50, "cash", 5));
    ws.Customers.push_back(Customer{});  // a lead with nothing known

    Persona p;
    p.Detail(PersonaDetail::Gender).Value = "Donna";
    p.Detail(PersonaDetail::Age).Value = "about 65";
    p.Detail(PersonaDetail::Location).Value = " roma ";
    p.Detail(PersonaDetail::PaysHow).Value = "contanti";
    p.Detail(PersonaDetail::BuysWhen).Value = "il sabato mattina";

    auto c = ComparePersonaWithCustomers(p, ws, DateFromYmd(2026, 1, 1));
    CHECK(c.Customers == 11);
    CHECK(c.TopCustomers == 2);
    CHECK(c.TopRevenueShare == doctest::Approx(1700.0 / 2100.0));

    const auto& g = Of(c, PersonaDetail::Gender);
    CHECK(g.PersonaValues == std::vector<std::string>{"female"});
    CHECK(g.KnownAll == 10);
    CHECK(g.KnownTop == 2);
    CHECK(g.MostCommonAll == "male");
    CHECK(g.MostCommonTop == "female");
    CHECK(g.PersonaShareTop == doctest::Approx(1.0));
    CHECK(g.PersonaShareAll == doctest::Approx(0.4));
    CHECK(g.Verdict == PersonaVerdict::Matches);

    const auto& a = Of(c, PersonaDetail::Age);
    CHECK(a.PersonaValues == std::vector<std::string>{"65+"});
    CHECK(a.MostCommonTop == "25-34");  // tie 25-34 / 35-44 broken by order; either way not 65+
    CHECK(a.Verdict == PersonaVerdict::Differs);

    CHECK(Of(c, PersonaDetail::Location).Verdict == PersonaVerdict::Matches);
    const auto& pay = Of(c, PersonaDetail::PaysHow);
    CHECK(pay.MostCommonTop == "card");  // "Card" and "card" are one value
    CHECK(pay.Verdict == PersonaVerdict::Differs);  // "contanti" is nobody's word here

    const auto& when = Of(c, PersonaDetail::BuysWhen);
    CHECK(when.PersonaValues == std::vector<std::string>{"sat"});
    CHECK(when.MostCommonTop == "sat");
    CHECK(when.Verdict == PersonaVerdict::Matches);

    CHECK(Of(c, PersonaDetail::Income).Verdict == PersonaVerdict::NoData);
    CHECK(Of(c, PersonaDetail::BuysWhat).Verdict == PersonaVerdict::PersonaEmpty);
    CHECK(Of(c, PersonaDetail::BuysWhat).MostCommonAll == "bread");
}

TEST_CASE("compare: values are matched lower case but shown as the data and the persona write them") {
    Workspace ws;
    ws.Customers.push_back(Make("1", Gender::Female, 33, "San Lazzaro di Savena", 900, "Carta", 2));
    ws.Customers.push_back(Make("2", Gender::Female, 38, "san lazzaro  di savena", 800, "carta", 2));
    for (int i = 0; i < 8; ++i) ws.Customers.push_back(Make("x" + std::to_string(i), Gender::Male, 60, "Bologna", 50, "Contanti", 5));
    Persona p;
    p.Detail(PersonaDetail::Gender).Value = "Donna";
    p.Detail(PersonaDetail::Location).Value = "  San Lazzaro di   Savena ";
    p.Detail(PersonaDetail::PaysHow).Value = "Carta, Bancomat";

    auto c = ComparePersonaWithCustomers(p, ws, DateFromYmd(2026, 1, 1));
    const auto& town = Of(c, PersonaDetail::Location);
    CHECK(town.PersonaValues == std::vector<std::string>{"san lazzaro di savena"});
    CHECK(town.PersonaShown == std::vector<std::string>{"San Lazzaro di Savena"});
    CHECK(town.MostCommonTop == "san lazzaro di savena");
    CHECK(town.MostCommonTopShown == "San Lazzaro di Savena");  // the first card's spelling
    CHECK(town.MostCommonAllShown == "Bologna");
    CHECK(town.Verdict == PersonaVerdict::Matches);
    REQUIRE(!town.Shares.empty());
    CHECK(town.Shares.front().Shown == "San Lazzaro di Savena");

    const auto& pay = Of(c, PersonaDetail::PaysHow);
    CHECK(pay.PersonaValues == std::vector<std::string>{"carta", "bancomat"});
    CHECK(pay.PersonaShown == std::vector<std::string>{"Carta", "Bancomat"});
    CHECK(pay.MostCommonTopShown == "Carta");

    const auto& g = Of(c, PersonaDetail::Gender);  // codes stay codes: the screen puts them into words
    CHECK(g.PersonaShown == std::vector<std::string>{"female"});
    CHECK(g.MostCommonTopShown == "female");
}

TEST_CASE("compare: birth year gives the age, and empty workspaces give no data") {
    Customer c;
    c.People->BirthYear = 1990;
    CHECK(CustomerValues(c, PersonaDetail::Age, DateFromYmd(2026, 6, 1)) == std::vector<std::string>{"35-44"});
    Persona p;
    p.Detail(PersonaDetail::Age).Value = "30-40";
    CHECK(PersonaValues(p, PersonaDetail::Age) == std::vector<std::string>{"25-34", "35-44"});
    auto r = ComparePersonaWithCustomers(p, Workspace{}, DateFromYmd(2026, 1, 1));
    CHECK(r.TopCustomers == 0);
    for (const auto& d : r.Details) CHECK(d.Verdict == PersonaVerdict::NoData);
}
