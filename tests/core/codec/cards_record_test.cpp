// Customer storage records (core/customer_record.h): MessagePack records read by the fast path
// give exactly what the document path gives; broken records give the document path's issues;
// older JSON-text records (v2 and flat v1) still load.
#include <doctest/doctest.h>

#include "test_files.h"

#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "model/example_shop.h"

using namespace profila;
using json = nlohmann::json;

namespace {

// A customer with every field of core/model.h away from its default (so every key is written).
Customer EveryFieldCustomer() {
    Customer c;
    c.Id = "c-every";
    c.Kind = CustomerKind::Professional;
    c.Name = "Elena Ferri";
    c.Company = "Studio Ferri";
    c.Phone = "+39 0761 555010";
    c.Email = "elena@studio.example";
    c.Contacts.push_back({"Luca", "segreteria", "3401234567", "luca@studio.example"});
    c.Contacts.push_back({"Sara", "", "", "sara@studio.example"});
    c.Acquired = DateFromYmd(2021, 9, 14);
    c.Address = "Corso Italia 8";
    c.City = "Orvieto";
    c.Postcode = "05018";
    c.Region = "TR";
    c.Country = "Italia";
    c.PlaceType = "centro storico";
    c.VatNumber = "IT01234567890";
    c.FiscalCode = "FRRLNE79P41G148X";
    c.People->Age = 47;
    c.People->BirthYear = 1979;
    c.People->Sex = Gender::Female;
    c.People->Education = "laurea";
    c.People->IncomeBand = "medio-alto";
    c.People->FamilyStatus = "sposata, due figli";
    c.People->Occupation = "architetta";
    c.Business->ActivityType = "studio professionale";
    c.Business->Sector = "edilizia";
    c.Business->SizeBand = "micro";
    c.Business->Employees = 4;
    c.Business->TurnoverBand = "< 500k";
    c.Business->Clientele = "privati e condomini";
    c.Business->OperatingArea = "provincia";
    c.Mind->Personality = "precisa";
    c.Mind->Attitudes = "attenta al prezzo giusto";
    c.Mind->Values = "qualità";
    c.Mind->Interests = "design";
    c.Mind->Lifestyle = "sportiva";
    c.Mind->Media = {"riviste", "social"};
    c.Habits->Channels = {"negozio", "telefono"};
    c.Habits->PaymentMethods = {"bonifico"};
    c.Habits->PreferredTimes = "sabato mattina";
    c.Habits->Motives = "lavori in corso";
    c.Habits->Needs = "consegna in cantiere";
    c.Habits->Problems = "tempi stretti";
    c.Judgement->Benchmark = true;
    c.Judgement->DoorOpener = true;
    c.Judgement->Inspiring = true;
    c.Judgement->Orient = Orientation::Technology;
    c.Judgement->Stage = LifecycleStage::Inspiration;
    c.Judgement->Potential = "in crescita";
    c.ShowedInterest = true;
    c.InterestDate = DateFromYmd(2021, 8, 30);
    c.Tags = {"vip", "progettisti"};
    c.Notes = "chiede sempre il preventivo scritto";
    Purchase p;
    p.Id = "p1";
    p.When = DateFromYmd(2024, 2, 29);
    p.Amount = 1234.56;
    p.Margin = -12.25;
    p.Cost = 1246.81;
    p.Quantity = 3;
    p.Category = "piastrelle";
    p.Product = "gres 60x60";
    p.Channel = "negozio";
    p.PaymentMethod = "bonifico";
    p.DiscountPercent = 7.5;
    p.Cancelled = true;
    p.Changed = true;
    p.DaysPaidLate = 30;
    c.Purchases.push_back(p);
    Purchase q;
    q.When = DateFromYmd(2024, 5, 2);
    q.Amount = 80;
    c.Purchases.push_back(q);
    c.Requests.push_back({DateFromYmd(2024, 3, 1), "sopralluogo", true, false, "nessun tecnico libero"});
    c.Satisfaction.push_back({DateFromYmd(2024, 3, 2), 4, "consegna"});
    c.Complaints.push_back({DateFromYmd(2024, 3, 3), "colore diverso", true});
    c.Communications.push_back({DateFromYmd(2024, 3, 4), "e-mail", "novità gres", true, true, CommunicationResponse::Bought});
    c.Proposals.push_back({DateFromYmd(2024, 3, 5), "fornitura condominio", DateFromYmd(2024, 4, 1), ProposalStatus::Refused});
    c.Revision = 12;
    c.Privacy->Email = {ConsentState::Given, DateFromYmd(2024, 2, 3), ConsentSource::Form};
    c.Privacy->Phone = {ConsentState::Withdrawn, DateFromYmd(2025, 6, 7), ConsentSource::Phone};
    c.Privacy->Messaging = {ConsentState::Given, std::nullopt, ConsentSource::InShop};
    c.Privacy->Post = {ConsentState::Given, DateFromYmd(2023, 1, 2), ConsentSource::Email};
    c.Privacy->ObjectsToProfiling = true;
    c.Privacy->ObjectedOn = DateFromYmd(2025, 6, 8);
    return c;
}

std::string Bytes(const json& value) {
    std::vector<uint8_t> v = json::to_msgpack(value);
    return std::string(v.begin(), v.end());
}

// The keys of every object in a value, each under its parent's key ("purchases.amount").
void CollectKeys(const json& v, const std::string& prefix, std::set<std::string>& out) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            std::string k = prefix.empty() ? it.key() : prefix + "." + it.key();
            out.insert(k);
            CollectKeys(it.value(), k, out);
        }
    } else if (v.is_array()) {
        for (const json& e : v) CollectKeys(e, prefix, out);
    }
}

void CheckSameIssues(const std::vector<FieldIssue>& a, const std::vector<FieldIssue>& b) {
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].Path == b[i].Path);
        CHECK(a[i].Code == b[i].Code);
        CHECK(a[i].Value == b[i].Value);
        CHECK(a[i].Message == b[i].Message);
    }
}

// What a record was before CustomerToRecord wrote its bytes straight from the fields: the JSON
// value with each history made a table (the keys its entries use, sorted, then one row per entry,
// nil where an entry lacks a key), through nlohmann's to_msgpack. Done here on its own.
std::string RecordThroughTree(const Customer& c) {
    json value = CustomerToJsonValue(c);
    for (const char* key : {"contacts", "purchases", "requests", "satisfaction", "complaints", "communications", "proposals"}) {
        if (!value.contains(key)) continue;
        std::set<std::string> names;
        for (const json& e : value[key])
            for (const auto& item : e.items()) names.insert(item.key());
        json table = json::array({json(std::vector<std::string>(names.begin(), names.end()))});
        for (const json& e : value[key]) {
            json row = json::array();
            for (const std::string& n : names) row.push_back(e.contains(n) ? e[n] : json());
            table.push_back(row);
        }
        value[key] = table;
    }
    std::vector<std::uint8_t> bytes = json::to_msgpack(value);
    return std::string(bytes.begin(), bytes.end());
}

// Fast decode and document decode of one customer's record agree, and the fast path ran.
void CheckFastEqualsDocument(const Customer& c) {
    std::string record = CustomerToRecord(c);
    CHECK_MESSAGE(record == RecordThroughTree(c), c.Id);  // byte for byte
    REQUIRE(IsMessagePackRecord(record));
    CustomerRecordDecodeResult fast = CustomerFromRecord(record);
    CustomerRecordDecodeResult doc = CustomerFromRecordDocument(record);
    REQUIRE_MESSAGE(doc.Ok(), c.Id);
    REQUIRE_MESSAGE(fast.Ok(), c.Id);
    CHECK_MESSAGE(fast.Path == RecordDecodePath::Fast, c.Id);
    CHECK(doc.Path == RecordDecodePath::Document);
    CHECK(fast.SourceSchema == doc.SourceSchema);
    CHECK(CustomerToJson(fast.Value) == CustomerToJson(doc.Value));
    CHECK(CustomerToJson(fast.Value) == CustomerToJson(c));
}

// A record's value with its history tables turned back into lists of maps, done here on its own
// (not by the code under test): header names + a row's non-nil cells = one entry.
json Untabled(json record) {
    for (const char* key : {"contacts", "purchases", "requests", "satisfaction", "complaints", "communications", "proposals"}) {
        if (!record.contains(key)) continue;
        const json table = record[key];
        REQUIRE(table.size() >= 2);
        json entries = json::array();
        for (size_t r = 1; r < table.size(); ++r) {
            REQUIRE(table[r].size() == table[0].size());
            json e = json::object();
            for (size_t c = 0; c < table[0].size(); ++c)
                if (!table[r][c].is_null()) e[table[0][c].get<std::string>()] = table[r][c];
            entries.push_back(e);
        }
        record[key] = entries;
    }
    return record;
}

}  // namespace

TEST_CASE("cards record: a record is MessagePack of the value CustomerToJson writes, histories as tables") {
    Customer c = EveryFieldCustomer();
    std::string record = CustomerToRecord(c);
    CHECK(record == CustomerToRecord(c));  // deterministic
    json value = json::from_msgpack(record);
    CHECK(value["purchases"][0] == json::array({"amount", "cancelled", "category", "changed", "channel", "cost", "date",
                                                "daysLate", "discount", "id", "margin", "payment", "product", "quantity"}));
    CHECK(value["purchases"][2] == json::array({80.0, nullptr, nullptr, nullptr, nullptr, nullptr, "2024-05-02", nullptr,
                                                nullptr, nullptr, nullptr, nullptr, nullptr, nullptr}));
    CHECK(Untabled(value) == json::parse(CustomerToJson(c)));
    CHECK(record.size() < CustomerToJson(c).size());
    CHECK(IsMessagePackRecord(record));
    CHECK_FALSE(IsMessagePackRecord(CustomerToJson(c)));
    CHECK_FALSE(IsMessagePackRecord(""));
}

TEST_CASE("cards record: the bytes are to_msgpack's for every size of number, text and list") {
    Customer c = EveryFieldCustomer();
    // Integers and floats at each form's edges, texts and lists across the fix/8/16/32-bit headers.
    int64_t revisions[] = {0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295LL, 4294967296LL, INT64_MAX};
    for (int64_t r : revisions) {
        c.Revision = r;
        CHECK(CustomerToRecord(c) == RecordThroughTree(c));
    }
    for (double amount : {0.0, 0.5, 12.25, 0.1, 1e-300, 3.0e38, 4.0e38, 123456789.123, 16777217.0}) {
        c.Purchases[0].Amount = amount;
        CHECK(CustomerToRecord(c) == RecordThroughTree(c));
    }
    for (size_t n : {31u, 32u, 255u, 256u, 65535u, 65536u}) {
        c.Notes = std::string(n, 'x');
        CHECK(CustomerToRecord(c) == RecordThroughTree(c));
    }
    Purchase p = c.Purchases[0];
    while (c.Purchases.size() < 65535) c.Purchases.push_back(p);  // with its header row: a 32-bit list header
    CHECK(CustomerToRecord(c) == RecordThroughTree(c));
    c.Purchases.resize(20);
    CHECK(CustomerToRecord(c) == RecordThroughTree(c));
    CHECK(CustomerToRecord(Customer{}) == RecordThroughTree(Customer{}));
}

TEST_CASE("cards record: a customer with every field set takes the fast path and reads back whole") {
    Customer c = EveryFieldCustomer();
    // The test customer writes every key the tables know and nothing else: a field added to the
    // model and the writer but not to customer_record.cpp's tables makes the fast path give up here.
    std::set<std::string> keys;
    CollectKeys(CustomerToJsonValue(c), "", keys);
    CHECK(keys.size() == 122);  // update with the model (privacy: 1 + 17; VAT number and fiscal code: 2)
    CheckFastEqualsDocument(c);
}

#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
TEST_CASE("cards record: tripwire on the model's size (a new field needs the record tables)") {
    // Sizes on x86-64 with libstdc++. When one changes, a field was added to core/model.h: add it
    // to CustomerToJson, the reader, core/customer_record.cpp's tables and EveryFieldCustomer().
    CHECK(sizeof(Customer) == 728);  // 1376, + privacy choices (issue 18) 80, + VAT number and fiscal code 64 = 1520;
                                     // 728 since people, business, mind, habits, judgement and privacy are kept on
                                     // demand (328 bytes in wasm, 696 before)
    CHECK(sizeof(Purchase) == 96);  // 232 before its repeated texts were SharedText (one pointer each), 136 before its id was a
                                    // CompactId, 128 before margin and cost were OptionalAmount, 112 before a ULID was packed
                                    // into the id's 16 bytes and the fields ordered to leave no gaps
}
#endif

TEST_CASE("cards record: every example-shop customer reads the same on both paths") {
    ExampleShopOptions o;
    o.Customers = 400;
    Workspace w = GenerateExampleShop(o).Shop;
    REQUIRE(w.Customers.size() == 400);
    int revision = 0;
    for (Customer& c : w.Customers) {
        c.Revision = ++revision;
        CheckFastEqualsDocument(c);
    }
}

TEST_CASE("cards record: the fixture backup's customers (v1, migrated) read the same on both paths") {
    WorkspaceDecodeResult w = WorkspaceFromJson(ReadFixture("backup_v1.json"));
    REQUIRE(w.Ok());
    REQUIRE(w.Value.Customers.size() >= 2);
    for (const Customer& c : w.Value.Customers) CheckFastEqualsDocument(c);
}

TEST_CASE("cards record: older JSON-text records still load (v2 text, v1 flat)") {
    Customer c = EveryFieldCustomer();
    std::string text = CustomerToJson(c);
    CustomerRecordDecodeResult v2 = CustomerFromRecord(text);
    REQUIRE(v2.Ok());
    CHECK(v2.Path == RecordDecodePath::JsonText);
    CHECK(v2.SourceSchema == 2);
    CHECK(CustomerToJson(v2.Value) == text);
    // Leading white space is still JSON text.
    CHECK(CustomerFromRecord("  " + text).Ok());

    json backup = json::parse(ReadFixture("backup_v1.json"));
    std::string flat = backup["customers"][0].dump();
    CustomerRecordDecodeResult v1 = CustomerFromRecord(flat);
    REQUIRE(v1.Ok());
    CHECK(v1.Path == RecordDecodePath::JsonText);
    CHECK(v1.SourceSchema == 1);
    CHECK(CustomerToJson(v1.Value) == CustomerToJson(CustomerFromJson(flat).Value));
    CHECK(v1.Value.Id == "c1");
    CHECK(v1.Value.People->Sex == Gender::Female);

    // A v1 flat customer stored as MessagePack (never written, but readable): the document path.
    CustomerRecordDecodeResult v1pack = CustomerFromRecord(Bytes(backup["customers"][0]));
    REQUIRE(v1pack.Ok());
    CHECK(v1pack.Path == RecordDecodePath::Document);
    CHECK(v1pack.SourceSchema == 1);
    CHECK(CustomerToJson(v1pack.Value) == CustomerToJson(v1.Value));
}

TEST_CASE("cards record: broken values give the document path's issues, named by field") {
    const json good = CustomerToJsonValue(EveryFieldCustomer());
    struct Case {
        const char* what;
        std::function<void(json&)> change;
        bool loads;  // the reader still accepts it (the fast path only declines)
    };
    const std::vector<Case> cases = {
        {"text where a number is", [](json& j) { j["purchases"][0]["amount"] = "dodici"; }, false},
        {"number where text is", [](json& j) { j["name"] = 5; }, false},
        {"impossible date", [](json& j) { j["purchases"][1]["date"] = "2023-02-30"; }, false},
        {"date not a date", [](json& j) { j["acquired"] = "ieri"; }, false},
        {"negative amount (a return) beyond the largest", [](json& j) { j["purchases"][0]["amount"] = -5e12; }, false},
        {"amount too large", [](json& j) { j["purchases"][0]["amount"] = 5e12; }, false},
        {"negative cost", [](json& j) { j["purchases"][0]["cost"] = -1; }, false},
        {"discount over 100", [](json& j) { j["purchases"][0]["discount"] = 150; }, false},
        {"negative quantity", [](json& j) { j["purchases"][0]["quantity"] = -2; }, false},
        {"score out of range", [](json& j) { j["satisfaction"][0]["score"] = 7; }, false},
        {"score missing", [](json& j) { j["satisfaction"][0].erase("score"); }, false},
        {"purchase date missing", [](json& j) { j["purchases"][0].erase("date"); }, false},
        {"amount missing", [](json& j) { j["purchases"][1].erase("amount"); }, false},
        {"unknown kind", [](json& j) { j["kind"] = "martian"; }, false},
        {"unknown gender", [](json& j) { j["people"]["gender"] = "robot"; }, false},
        {"unknown proposal status", [](json& j) { j["proposals"][0]["status"] = "maybe"; }, false},
        {"age out of range", [](json& j) { j["people"]["age"] = 300; }, false},
        {"birth year too early", [](json& j) { j["people"]["birthYear"] = 1271; }, false},  // found by fuzz_customer_record
        {"negative employees", [](json& j) { j["business"]["employees"] = -1; }, false},
        {"negative revision", [](json& j) { j["revision"] = -4; }, false},
        {"newer schema", [](json& j) { j["schema"] = 3; }, false},
        {"schema as text", [](json& j) { j["schema"] = "2"; }, false},
        {"empty id", [](json& j) { j["id"] = ""; }, false},
        {"no id", [](json& j) { j.erase("id"); }, false},
        {"tag not text", [](json& j) { j["tags"][1] = true; }, false},
        {"tags not a list", [](json& j) { j["tags"] = "vip"; }, false},
        {"purchase not an object", [](json& j) { j["purchases"][1] = 12; }, false},
        {"people not an object", [](json& j) { j["people"] = json::array(); }, false},
        {"flag not a flag", [](json& j) { j["showedInterest"] = 1; }, false},
        {"a list of lists", [](json& j) { j["contacts"] = json::array({json::array({1})}); }, false},
        // Sound for the reader, declined by the fast path: the document path reads them.
        {"unknown key", [](json& j) { j["favouriteColour"] = "blu"; }, true},
        {"unknown nested key", [](json& j) { j["purchases"][0]["note"] = "x"; }, true},
        {"null field", [](json& j) { j["company"] = nullptr; }, true},
        {"whole number as float", [](json& j) { j["purchases"][0]["quantity"] = 3.0; }, true},
        {"no schema: a v1 flat record", [](json& j) { j.erase("schema"); }, false},
    };
    for (const Case& k : cases) {
        std::string what = k.what;
        CAPTURE(what);
        json broken = good;
        k.change(broken);
        std::string record = Bytes(broken);
        CustomerRecordDecodeResult fast = CustomerFromRecord(record, "customers[3]");
        CustomerRecordDecodeResult doc = CustomerFromRecordDocument(record, "customers[3]");
        CustomerDecodeResult text = CustomerFromJson(broken.dump(), "customers[3]");
        CHECK(fast.Path == RecordDecodePath::Document);  // the fast path gave up
        CHECK(fast.Ok() == k.loads);
        CHECK(text.Ok() == k.loads);
        CheckSameIssues(fast.Issues, text.Issues);
        CheckSameIssues(fast.Issues, doc.Issues);
        if (k.loads) CHECK(CustomerToJson(fast.Value) == CustomerToJson(text.Value));
        else CHECK(fast.Issues.front().Path.rfind("customers[3]", 0) == 0);
    }
}

TEST_CASE("cards record: a binary value, a repeated key, cut records and garbage are reported, never crash") {
    const std::string record = CustomerToRecord(EveryFieldCustomer());

    // A binary value where text is expected: the reader names the field.
    json with_binary = CustomerToJsonValue(EveryFieldCustomer());
    with_binary["notes"] = json::binary({1, 2, 3});
    CustomerRecordDecodeResult b = CustomerFromRecord(Bytes(with_binary));
    CHECK(b.Path == RecordDecodePath::Document);
    REQUIRE(b.Issues.size() == 1);
    CHECK(b.Issues[0].Path == "notes");
    CHECK(b.Issues[0].Code == std::string(kIssueWrongType));

    // An infinite margin (JSON text cannot even write it): the reader names the field.
    json infinite = CustomerToJsonValue(EveryFieldCustomer());
    infinite["purchases"][0]["margin"] = std::numeric_limits<double>::infinity();
    CustomerRecordDecodeResult inf = CustomerFromRecord(Bytes(infinite));
    CHECK(inf.Path == RecordDecodePath::Document);
    REQUIRE(inf.Issues.size() == 1);
    CHECK(inf.Issues[0].Path == "purchases[0].margin");
    CHECK(inf.Issues[0].Code == std::string(kIssueOutOfRange));

    // A repeated key (a hand-made map {"id": "a", "id": "b", "schema": 2}): the document keeps the
    // last one, as JSON text reading does; the fast path declines.
    const std::string repeated = "\x83\xa2id\xa1" "a\xa2id\xa1" "b\xa6schema\x02";
    CustomerRecordDecodeResult r = CustomerFromRecord(repeated);
    CHECK(r.Path == RecordDecodePath::Document);
    REQUIRE(r.Ok());
    CHECK(r.Value.Id == "b");
    CHECK(r.Value.Id == CustomerFromJson(R"({"id":"a","id":"b","schema":2})").Value.Id);

    // Every cut of a good record.
    for (size_t n = 1; n < record.size(); ++n) {
        CAPTURE(n);
        CustomerRecordDecodeResult cut = CustomerFromRecord(record.substr(0, n));
        REQUIRE(cut.Issues.size() == 1);
        CHECK(cut.Issues[0].Code == std::string(kIssueSyntax));
        CHECK(cut.Path == RecordDecodePath::Document);
        CheckSameIssues(cut.Issues, CustomerFromRecordDocument(record.substr(0, n)).Issues);
    }
    // Trailing bytes after the record.
    CHECK(CustomerFromRecord(record + "x").Issues.at(0).Code == std::string(kIssueSyntax));

    // Garbage after a map byte; a list nested 100,000 deep; a map claiming 4 billion entries.
    std::string garbage = "\x8f";
    uint32_t x = 12345;
    for (int i = 0; i < 4000; ++i) {
        x = x * 1103515245u + 12345u;
        garbage.push_back(static_cast<char>(x >> 16));
    }
    CustomerRecordDecodeResult g = CustomerFromRecord(garbage);
    CHECK_FALSE(g.Ok());
    CHECK(g.Path == RecordDecodePath::Document);

    std::string deep = "\x81\xa1k" + std::string(100000, '\x91') + "\x01";
    CustomerRecordDecodeResult d = CustomerFromRecord(deep);
    REQUIRE(d.Issues.size() == 1);
    CHECK(d.Issues[0].Code == std::string(kIssueSyntax));
    CHECK(d.Issues[0].Message.find("nested") != std::string::npos);

    const std::string huge = "\xdf\xff\xff\xff\xff\xa2id";
    CustomerRecordDecodeResult h = CustomerFromRecord(huge);
    REQUIRE(h.Issues.size() == 1);
    CHECK(h.Issues[0].Code == std::string(kIssueSyntax));

    // Not a record at all: JSON text reading reports the syntax.
    CHECK(CustomerFromRecord("").Issues.at(0).Code == std::string(kIssueSyntax));
    CHECK(CustomerFromRecord("\x01\x02").Issues.at(0).Code == std::string(kIssueSyntax));
    CHECK(CustomerFromRecord(Bytes(json::array({1, 2}))).Issues.at(0).Code == std::string(kIssueSyntax));
}

TEST_CASE("cards record: histories as lists of maps (records written before tables) still take the fast path") {
    Customer c = EveryFieldCustomer();
    const std::string maps = Bytes(CustomerToJsonValue(c));  // what a record was before tables
    CustomerRecordDecodeResult r = CustomerFromRecord(maps);
    REQUIRE(r.Ok());
    CHECK(r.Path == RecordDecodePath::Fast);
    CHECK(CustomerToJson(r.Value) == CustomerToJson(c));

    // Ten purchases of the bench's shape: the table is well under three quarters of the maps.
    Customer many;
    many.Id = "C00001";
    for (int i = 0; i < 10; ++i) {
        Purchase p;
        p.Id = "C00001-" + std::to_string(i);
        p.When = DateFromYmd(2025, 1 + i, 1 + i);
        p.Amount = 5.5 + i;
        p.Category = "coffee";
        p.Channel = "shop";
        p.PaymentMethod = "card";
        many.Purchases.push_back(p);
    }
    const std::string table = CustomerToRecord(many), list = Bytes(CustomerToJsonValue(many));
    CAPTURE(table.size());
    CAPTURE(list.size());
    CHECK(table.size() * 4 < list.size() * 3);
    CheckFastEqualsDocument(many);
}

TEST_CASE("cards record: a broken history table is read by the document path, which names the entry") {
    const json good = json::from_msgpack(CustomerToRecord(EveryFieldCustomer()));
    struct Case {
        const char* what;
        std::function<void(json&)> change;
        const char* path;  // the first issue's path; nullptr: the record loads
    };
    const std::vector<Case> cases = {
        {"a row short of a cell", [](json& j) { j["purchases"][2].erase(0); }, "customers[3].purchases[1]"},
        {"a row with a cell too many", [](json& j) { j["requests"][1].push_back(1); }, "customers[3].requests[0]"},
        {"a row that is a map", [](json& j) { j["purchases"][1] = json{{"date", "2024-01-02"}, {"amount", 3}}; }, nullptr},
        {"a nil required cell", [](json& j) { j["purchases"][2][6] = nullptr; }, "customers[3].purchases[1].date"},
        {"a wrong cell", [](json& j) { j["purchases"][1][0] = "tanto"; }, "customers[3].purchases[0].amount"},
        {"an impossible date in a row", [](json& j) { j["satisfaction"][1][1] = "2024-02-30"; },
         "customers[3].satisfaction[0].date"},
        {"an unknown column", [](json& j) { j["complaints"][0][1] = "motivo"; }, nullptr},
        {"a repeated column", [](json& j) { j["complaints"][0][1] = "date"; j["complaints"][1][1] = "2024-01-01"; }, nullptr},
        {"a header that is not all text", [](json& j) { j["proposals"][0][0] = 7; }, "customers[3].proposals[0]"},
        {"a header alone: no entries", [](json& j) { j["purchases"] = json::array({j["purchases"][0]}); }, nullptr},
    };
    for (const Case& k : cases) {
        std::string what = k.what;
        CAPTURE(what);
        json broken = good;
        k.change(broken);
        const std::string record = Bytes(broken);
        CustomerRecordDecodeResult fast = CustomerFromRecord(record, "customers[3]");
        CustomerRecordDecodeResult doc = CustomerFromRecordDocument(record, "customers[3]");
        CheckSameIssues(fast.Issues, doc.Issues);
        if (k.path) {
            CHECK(fast.Path == RecordDecodePath::Document);
            REQUIRE_FALSE(fast.Ok());
            CHECK(fast.Issues.front().Path == k.path);
        } else {
            REQUIRE(fast.Ok());
            CHECK(CustomerToJson(fast.Value) == CustomerToJson(doc.Value));
        }
    }
    // The loading cases read what they say.
    json alone = good;
    alone["purchases"] = json::array({good["purchases"][0]});
    CHECK(CustomerFromRecord(Bytes(alone)).Value.Purchases.empty());
    json mapped = good;
    mapped["purchases"][1] = json{{"date", "2024-01-02"}, {"amount", 3}};
    CustomerRecordDecodeResult m = CustomerFromRecord(Bytes(mapped));
    REQUIRE(m.Value.Purchases.size() == 2);
    CHECK(m.Value.Purchases[0].Amount == 3.0);
}
