// A card's rarely filled sections (people, business, mind, habits, judgement, privacy) are kept on demand
// (model/on_demand.h): reading never makes them, writing does, and a card reads and saves the same
// whether a part was made or not. The import and the readers make a part only for a value to put in it.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "codec/customer_export.h"
#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "import/customer_import.h"
#include "model/customer.h"

using namespace profila;

namespace {
bool AnyPartMade(const Customer& c) {
    return c.People.made() || c.Business.made() || c.Mind.made() || c.Habits.made() || c.Judgement.made() || c.Privacy.made();
}
}  // namespace

TEST_CASE("on demand: a const read gives the defaults and makes nothing; a write makes the part") {
    Customer c;
    const Customer& read = c;
    CHECK_FALSE(read.People->Age.has_value());
    CHECK(read.People->Sex == Gender::Unknown);
    CHECK(read.Business->Sector.empty());
    CHECK(read.Judgement->Orient == Orientation::Unknown);
    CHECK_FALSE(AnyPartMade(c));
    c.People->Age = 41;
    CHECK(c.People.made());
    CHECK_FALSE(c.Business.made());
    CHECK(*read.People->Age == 41);
}

TEST_CASE("on demand: copies are deep, moves take the part, reset forgets it") {
    Customer a;
    a.Mind->Interests = "cycling";
    a.Habits->Channels = {"shop", "phone"};
    Customer b = a;  // a copy has its own parts
    b.Mind->Interests = "chess";
    CHECK(std::as_const(a).Mind->Interests == "cycling");
    CHECK(std::as_const(b).Habits->Channels.size() == 2);
    Customer c;
    c = b;
    CHECK(std::as_const(c).Mind->Interests == "chess");
    Customer d = std::move(c);
    CHECK(std::as_const(d).Mind->Interests == "chess");
    Customer e;
    e = a;  // assignment over an unmade part
    CHECK(std::as_const(e).Habits->Channels[1] == "phone");
    e.Mind.reset();
    CHECK_FALSE(e.Mind.made());
    CHECK(std::as_const(e).Mind->Interests.empty());
    CHECK(e.Habits.made());
    b = Customer{};  // assignment of an unmade part empties it
    CHECK_FALSE(b.Mind.made());
}

TEST_CASE("on demand: a made part holding only defaults writes what an unmade one writes") {
    Customer never;
    never.Id = "01JABCDEFGHJKMNPQRSTVWXYZ0";
    never.Name = "Ada Neri";
    Customer touched = never;
    (void)touched.People->Age;  // a read through a non-const card makes the part, with nothing in it
    (void)touched.Business->Sector;
    REQUIRE(touched.People.made());
    CHECK(CustomerToRecord(touched) == CustomerToRecord(never));
    CHECK(CustomerToJson(touched) == CustomerToJson(never));
    CHECK(CustomersToCsv({touched}) == CustomersToCsv({never}));
}

TEST_CASE("on demand: the readers make a part only when the stored card has it") {
    Customer plain;
    plain.Id = "01JABCDEFGHJKMNPQRSTVWXYZ1";
    plain.City = "Lecco";
    for (const std::string& stored : {CustomerToRecord(plain), CustomerToJson(plain)}) {
        CustomerRecordDecodeResult r = CustomerFromRecord(stored);
        REQUIRE(r.Ok());
        CHECK(r.Value.City == "Lecco");
        CHECK_FALSE(AnyPartMade(r.Value));
    }
    Customer full = plain;
    full.Business->Sector = "bakery";
    full.Judgement->Benchmark = true;
    full.Privacy->Email.State = ConsentState::Given;
    for (const std::string& stored : {CustomerToRecord(full), CustomerToJson(full)}) {
        CustomerRecordDecodeResult r = CustomerFromRecord(stored);
        REQUIRE(r.Ok());
        CHECK(r.Value.Business.made());
        CHECK(r.Value.Judgement.made());
        CHECK_FALSE(r.Value.People.made());
        CHECK_FALSE(r.Value.Mind.made());
        CHECK(std::as_const(r.Value).Business->Sector == "bakery");
        CHECK(std::as_const(r.Value).Judgement->Benchmark);
        CHECK(r.Value.Privacy.made());
        CHECK(std::as_const(r.Value).Privacy->Email.State == ConsentState::Given);
        CHECK(std::as_const(r.Value).Privacy->Phone.State == ConsentState::NotRecorded);
    }
}

TEST_CASE("on demand: an import makes a card's part only for a cell with a value") {
    const std::string csv =
        "id;name;city;gender;birth_year;sector\n"
        "c1;Ada Neri;Lecco;F;1980;\n"
        "c2;Bruno Sala;Como;;;\n"
        "c3;Ceramiche Riva;Como;;;ceramics\n"
        "c2;Bruno Sala;Como;;;\n";
    ImportResult r = ImportCustomersAuto(csv, Workspace{});
    REQUIRE(r.Ok());
    REQUIRE(r.NewCustomers.size() == 3);
    const Customer& ada = r.NewCustomers[0];
    const Customer& bruno = r.NewCustomers[1];
    const Customer& riva = r.NewCustomers[2];
    CHECK(ada.People.made());
    CHECK(ada.People->Sex == Gender::Female);
    CHECK(*ada.People->BirthYear == 1980);
    CHECK_FALSE(ada.Business.made());
    CHECK_FALSE(AnyPartMade(bruno));
    CHECK(riva.Business.made());
    CHECK(riva.Business->Sector == "ceramics");
    CHECK_FALSE(riva.People.made());
}
