// JSON codec: round trip, validation paths, v1 migration, checksum.
#include <doctest/doctest.h>

#include "test_files.h"

#include <fstream>
#include <sstream>

#include "codec/customer_json.h"

using namespace profila;

namespace {

Customer FullCustomer() {
    Customer c;
    c.Id = "c42";
    c.Kind = CustomerKind::Business;
    c.Name = "Marco Conti";
    c.Company = "Trattoria da Nello";
    c.Phone = "0761 555010";
    c.Email = "nello@posta.it";
    c.Contacts.push_back({"Anna", "chef", "3401234567", "anna@posta.it"});
    c.Acquired = DateFromYmd(2022, 5, 3);
    c.Address = "Via Cavour 3";
    c.City = "Viterbo";
    c.Postcode = "01100";
    c.Region = "VT";
    c.Country = "Italia";
    c.PlaceType = "town";
    c.People->Age = 51;
    c.People->Sex = Gender::Male;
    c.Business->Sector = "ristorazione";
    c.Business->Employees = 6;
    c.Mind->Media = {"social", "fiere"};
    c.Habits->Channels = {"telefono"};
    c.Judgement->Orient = Orientation::Value;
    c.Judgement->Stage = LifecycleStage::Retention;
    c.Judgement->DoorOpener = true;
    c.ShowedInterest = true;
    c.InterestDate = DateFromYmd(2022, 4, 1);
    c.Tags = {"vip"};
    c.Notes = "ordina il lunedì";
    Purchase p;
    p.Id = "p1";
    p.When = DateFromYmd(2024, 2, 29);
    p.Amount = 1234.5;
    p.Margin = -12.25;
    p.Cost = 1246.75;
    p.Quantity = 3;
    p.Category = "olio";
    p.DiscountPercent = 10;
    p.Cancelled = false;
    p.Changed = true;
    p.DaysPaidLate = 30;
    c.Purchases.push_back(p);
    c.Requests.push_back({DateFromYmd(2024, 3, 1), "consegna", true, false, "furgone guasto"});
    c.Satisfaction.push_back({DateFromYmd(2024, 3, 2), 2, "overall"});
    c.Complaints.push_back({DateFromYmd(2024, 3, 3), "ritardo", true});
    c.Communications.push_back({DateFromYmd(2024, 3, 4), "e-mail", "offerta", true, false, CommunicationResponse::Replied});
    c.Proposals.push_back({DateFromYmd(2024, 3, 5), "menu degustazione", DateFromYmd(2024, 4, 1), ProposalStatus::Accepted});
    c.Revision = 7;
    return c;
}

bool HasIssue(const std::vector<FieldIssue>& issues, const std::string& path, const std::string& code) {
    for (const FieldIssue& i : issues)
        if (i.Path == path && i.Code == code) return true;
    return false;
}
}  // namespace

TEST_CASE("cards json: a customer round-trips through its record text") {
    Customer c = FullCustomer();
    std::string text = CustomerToJson(c);
    CHECK(text.find("\"schema\":2") != std::string::npos);
    CHECK(text.find("\"postcode\":\"01100\"") != std::string::npos);
    CustomerDecodeResult r = CustomerFromJson(text);
    REQUIRE(r.Ok());
    CHECK(r.SourceSchema == 2);
    // Same text again means every field survived.
    CHECK(CustomerToJson(r.Value) == text);
    CHECK(*r.Value.Purchases[0].Margin == doctest::Approx(-12.25));  // an unknown margin reads as NaN: never equal
    CHECK(r.Value.Purchases[0].When == DateFromYmd(2024, 2, 29));
    CHECK(r.Value.Proposals[0].Due == DateFromYmd(2024, 4, 1));
    CHECK(r.Value.Communications[0].Response == CommunicationResponse::Replied);
    CHECK(r.Value.Requests[0].Met == false);
    CHECK(r.Value.Revision == 7);
}

TEST_CASE("cards json: defaults are left out and read back") {
    Customer c;
    c.Id = "x";
    std::string text = CustomerToJson(c);
    CHECK(text == "{\"id\":\"x\",\"kind\":\"private\",\"schema\":2}");
    CustomerDecodeResult r = CustomerFromJson(text);
    REQUIRE(r.Ok());
    CHECK(r.Value.Name.empty());
    CHECK(r.Value.Purchases.empty());
}

TEST_CASE("cards json: field-level validation messages name the path") {
    const char* text = R"({"format":"profila-backup","schema":2,"workspace":{"id":"w","name":"W"},"customers":[
        {"id":"a","kind":"private"},
        {"id":"b","kind":"private"},
        {"id":"c","kind":"private"},
        {"id":"d","kind":"martian","purchases":[
            {"date":"2024-01-01","amount":1},
            {"date":"2024-01-02","amount":2},
            {"date":"2024-02-30","amount":3},
            {"date":"2024-03-01","amount":5e12},
            {"date":"2024-03-01","amount":"12"}],
         "satisfaction":[{"date":"2024-03-01","score":9}],
         "people":{"gender":"robot"}}]})";
    WorkspaceDecodeResult r = WorkspaceFromJson(text);
    CHECK_FALSE(r.Ok());
    REQUIRE(r.Issues.size() == 6);
    CHECK(r.Issues[0].Path == "customers[3].kind");
    CHECK(r.Issues[0].Code == "unknown_enum");
    CHECK(r.Issues[0].Message == "customers[3].kind: \"martian\" is not one of: private, business, professional, other");
    CHECK(HasIssue(r.Issues, "customers[3].people.gender", "unknown_enum"));
    CHECK(HasIssue(r.Issues, "customers[3].purchases[2].date", "bad_date"));
    CHECK(HasIssue(r.Issues, "customers[3].purchases[3].amount", "out_of_range"));
    CHECK(HasIssue(r.Issues, "customers[3].purchases[4].amount", "wrong_type"));
    CHECK(HasIssue(r.Issues, "customers[3].satisfaction[0].score", "out_of_range"));
    for (const FieldIssue& i : r.Issues)
        if (i.Path == "customers[3].purchases[2].date")
            CHECK(i.Message == "customers[3].purchases[2].date: \"2024-02-30\" is not a real date (yyyy-mm-dd)");
}

TEST_CASE("cards json: duplicate ids, syntax errors, newer schema, not a backup") {
    WorkspaceDecodeResult dup = WorkspaceFromJson(
        R"({"format":"profila-backup","schema":2,"customers":[{"id":"a"},{"id":"a"}]})");
    REQUIRE(dup.Issues.size() == 1);
    CHECK(dup.Issues[0].Path == "customers[1].id");
    CHECK(dup.Issues[0].Code == "duplicate_id");

    WorkspaceDecodeResult bad = WorkspaceFromJson("{\"format\": ");
    REQUIRE(bad.Issues.size() == 1);
    CHECK(bad.Issues[0].Code == "json_syntax");

    WorkspaceDecodeResult newer = WorkspaceFromJson(R"({"format":"profila-backup","schema":3,"customers":[]})");
    REQUIRE(newer.Issues.size() == 1);
    CHECK(newer.Issues[0].Code == "schema_too_new");

    WorkspaceDecodeResult other = WorkspaceFromJson(R"({"hello":"world"})");
    REQUIRE(other.Issues.size() == 1);
    CHECK(other.Issues[0].Code == "not_backup");

    CustomerDecodeResult missing = CustomerFromJson(R"({"schema":2,"kind":"private"})", "customers[0]");
    REQUIRE(missing.Issues.size() == 1);
    CHECK(missing.Issues[0].Path == "customers[0].id");
    CHECK(missing.Issues[0].Code == "missing");
}

TEST_CASE("cards json: a v1 backup migrates to v2") {
    WorkspaceDecodeResult r = WorkspaceFromJson(ReadFixture("backup_v1.json"));
    REQUIRE(r.Ok());
    CHECK(r.SourceSchema == 1);
    CHECK(r.Migrated);
    const Workspace& w = r.Value;
    CHECK(w.Id == "bottega");
    CHECK(w.Name == "Bottega Rossi");
    REQUIRE(w.Customers.size() == 3);
    const Customer& g = w.Customers[0];
    CHECK(g.Kind == CustomerKind::Private);
    CHECK(g.Region == "VA");
    CHECK(g.People->Age == 42);
    CHECK(g.People->Sex == Gender::Female);
    CHECK(g.People->Occupation == "insegnante");
    CHECK(g.Acquired == DateFromYmd(2021, 3, 15));
    CHECK(g.Tags == std::vector<std::string>{"vip", "newsletter"});
    REQUIRE(g.Purchases.size() == 2);
    CHECK(g.Purchases[0].Amount == doctest::Approx(45.5));
    CHECK(*g.Purchases[0].Cost == doctest::Approx(30.0));
    CHECK(g.Purchases[0].PaymentMethod == "carta");
    CHECK(g.Purchases[1].Cancelled);
    REQUIRE(g.Complaints.size() == 1);
    REQUIRE(g.Satisfaction.size() == 1);
    CHECK(g.Satisfaction[0].Score == 4);
    const Customer& n = w.Customers[1];
    CHECK(n.Kind == CustomerKind::Business);
    CHECK(n.Postcode == "01100");
    CHECK(n.Business->Sector == "ristorazione");
    CHECK(n.Business->Employees == 6);
    CHECK(n.People->Sex == Gender::Unknown);
    CHECK(w.Customers[2].Name == "Lucía Martínez");

    // Written back it is a v2 backup that reads the same.
    std::string v2 = WorkspaceToJson(w);
    WorkspaceDecodeResult again = WorkspaceFromJson(v2);
    REQUIRE(again.Ok());
    CHECK(again.SourceSchema == 2);
    CHECK_FALSE(again.Migrated);
    CHECK(WorkspaceToJson(again.Value) == v2);
}

TEST_CASE("cards json: a v1 single record (no schema field) migrates too") {
    CustomerDecodeResult r = CustomerFromJson(R"({"id":"z","type":"business","company":"ACME","since":"2020-01-31"})");
    REQUIRE(r.Ok());
    CHECK(r.SourceSchema == 1);
    CHECK(r.Value.Kind == CustomerKind::Business);
    CHECK(r.Value.Acquired == DateFromYmd(2020, 1, 31));
}

TEST_CASE("cards json: ValidateCustomer checks in-memory edits") {
    Customer c = FullCustomer();
    CHECK(ValidateCustomer(c).empty());
    c.Purchases[0].Amount = 5e12;
    c.Purchases[0].DiscountPercent = 120;
    c.Satisfaction[0].Score = 0;
    std::vector<FieldIssue> issues = ValidateCustomer(c, "customers[0]");
    CHECK(HasIssue(issues, "customers[0].purchases[0].amount", "out_of_range"));
    c.Purchases[0].Amount = -24.4;  // a return (a credit note) is a purchase with a negative amount
    CHECK_FALSE(HasIssue(ValidateCustomer(c, "customers[0]"), "customers[0].purchases[0].amount", "out_of_range"));
    CHECK(HasIssue(issues, "customers[0].purchases[0].discount", "out_of_range"));
    CHECK(HasIssue(issues, "customers[0].satisfaction[0].score", "out_of_range"));
}

TEST_CASE("cards json: FNV-1a 64 checksum") {
    // Reference values of FNV-1a 64 (Fowler/Noll/Vo test vectors).
    CHECK(Fnv1a64("") == 0xcbf29ce484222325ull);
    CHECK(Fnv1a64("a") == 0xaf63dc4c8601ec8cull);
    CHECK(Fnv1a64("foobar") == 0x85944171f73967e8ull);
    CHECK(ChecksumHex("a") == "af63dc4c8601ec8c");
    CHECK(ChecksumHex(CustomerToJson(FullCustomer())) == ChecksumHex(CustomerToJson(FullCustomer())));
}
