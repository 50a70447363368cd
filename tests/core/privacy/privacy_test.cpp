// Customers' privacy (issue 18): consent per channel with its reasons, the contact list, objecting
// to profiling, a person's data, the forgotten list (SHA-256), retention; and the consent fields
// going through the card's codecs (older cards read as "not recorded").
#include <doctest/doctest.h>

#include <string>

#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "privacy/privacy.h"
#include "text/sha256.h"

using namespace profila;

namespace {
Date D(int y, int m, int d) { return DateFromYmd(y, m, d); }
Customer Anna() {
    Customer c;
    c.Id = "c1";
    c.Name = "Anna Rossi";
    c.Phone = "+39 333 123 4567";
    c.Email = "Anna.Rossi@example.it";
    c.Address = "Via Roma 1";
    c.City = "Bologna";
    return c;
}
}  // namespace

TEST_CASE("sha256: FIPS 180-4 test vectors") {
    CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(Sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK(Sha256Hex(std::string(55, 'x')).size() == 64);  // padding fits one block
    CHECK(Sha256Hex(std::string(56, 'x')) != Sha256Hex(std::string(57, 'x')));  // padding needs two
}

TEST_CASE("consent: not recorded, given, withdrawn, each with its reason") {
    Customer c = Anna();
    const Date today = D(2026, 12, 6);
    ContactDecision d = MayContact(c, ContactChannel::Email, today);
    CHECK_FALSE(d.Allowed);
    CHECK(std::string(d.Why.Code) == "privacy.consent_not_recorded");
    c.Privacy->Email = {ConsentState::Given, D(2026, 12, 1), ConsentSource::InShop};
    d = MayContact(c, ContactChannel::Email, today);
    CHECK(d.Allowed);
    CHECK(std::string(d.Why.Code) == "privacy.consent_given");
    CHECK(d.Why.Figures[0] == 5.0);
    c.Privacy->Email.State = ConsentState::Withdrawn;
    d = MayContact(c, ContactChannel::Email, today);
    CHECK_FALSE(d.Allowed);
    CHECK(std::string(d.Why.Code) == "privacy.consent_withdrawn");
    // Consent with nowhere to write to is no use.
    c.Privacy->Post.State = ConsentState::Given;
    c.Address.clear();
    CHECK(std::string(MayContact(c, ContactChannel::Post, today).Why.Code) == "privacy.no_address");
    ContactDecision any = MayContactAny(c, today);
    CHECK_FALSE(any.Allowed);
    CHECK(std::string(any.Why.Code) == "privacy.withdrawn_channel");
    c.Privacy->Phone.State = ConsentState::Given;
    ContactChannel first = ContactChannel::Email;
    CHECK(MayContactAny(c, today, &first).Allowed);
    CHECK(first == ContactChannel::Phone);
}

TEST_CASE("consent: the contact list keeps only consenting customers and says why the others are out") {
    std::vector<Customer> list = {Anna(), Anna(), Anna()};
    list[1].Id = "c2";
    list[1].Name = "Bruno";
    list[1].Email = "bruno@example.it";
    list[1].Privacy->Email = {ConsentState::Given, D(2026, 1, 2), ConsentSource::Form};
    list[2].Id = "c3";
    list[2].Name = "Carla";
    list[2].Privacy->Email = {ConsentState::Withdrawn, D(2026, 3, 4), ConsentSource::Email};
    std::vector<ContactSplit::LeftOut> left;
    const std::string csv = ContactListCsv(list, ContactChannel::Email, D(2026, 12, 6), &left);
    CHECK(csv.find("Bruno") != std::string::npos);
    CHECK(csv.find("2026-01-02;form") != std::string::npos);
    CHECK(csv.find("Anna") == std::string::npos);
    CHECK(csv.find("Carla") == std::string::npos);
    REQUIRE(left.size() == 2);
    CHECK(std::string(left[0].Why.Code) == "privacy.consent_not_recorded");
    CHECK(std::string(left[1].Why.Code) == "privacy.consent_withdrawn");
    ContactSplit split = SplitByConsent(list, {0, 1, 2}, nullptr, D(2026, 12, 6));
    CHECK(split.Kept == std::vector<size_t>{1});
    CHECK(split.Left.size() == 2);
}

TEST_CASE("consent: through JSON and the stored record; an older card reads as not recorded") {
    Customer c = Anna();
    c.Privacy->Phone = {ConsentState::Given, D(2025, 5, 6), ConsentSource::Form};
    c.Privacy->Messaging = {ConsentState::Withdrawn, D(2026, 2, 3), ConsentSource::Email};
    c.Privacy->ObjectsToProfiling = true;
    c.Privacy->ObjectedOn = D(2026, 2, 4);
    CustomerDecodeResult back = CustomerFromJson(CustomerToJson(c));
    REQUIRE(back.Ok());
    CHECK(back.Value.Privacy->Phone.State == ConsentState::Given);
    CHECK(back.Value.Privacy->Phone.How == ConsentSource::Form);
    CHECK(back.Value.Privacy->Messaging.When == D(2026, 2, 3));
    CHECK(back.Value.Privacy->ObjectsToProfiling);
    CHECK(CustomerToJson(back.Value) == CustomerToJson(c));
    Customer old = Anna();
    const std::string text = CustomerToJson(old);
    CHECK(text.find("privacy") == std::string::npos);  // nothing written when nothing is recorded
    CustomerDecodeResult read = CustomerFromJson(text);
    REQUIRE(read.Ok());
    CHECK(read.Value.Privacy->Email.State == ConsentState::NotRecorded);
    CHECK_FALSE(read.Value.Privacy->ObjectsToProfiling);
}

TEST_CASE("objecting to profiling: left out of the analysis input, counted") {
    Workspace w;
    w.Customers = {Anna(), Anna(), Anna()};
    w.Customers[1].Privacy->ObjectsToProfiling = true;
    Workspace input;
    CHECK(ProfilingInput(w, input) == 1);
    CHECK(input.Customers.size() == 2);
    w.Customers[1].Privacy->ObjectsToProfiling = false;
    Workspace untouched;
    CHECK(ProfilingInput(w, untouched) == 0);
    CHECK(untouched.Customers.empty());
}

TEST_CASE("a person's data: JSON and Markdown carry the card, its histories and the analysis lines") {
    Customer c = Anna();
    c.Notes = "likes | blue";
    Purchase p;
    p.When = D(2026, 1, 5);
    p.Amount = 42.5;
    p.Product = "Scarf";
    c.Purchases.push_back(p);
    c.Privacy->Email = {ConsentState::Given, D(2026, 1, 2), ConsentSource::InShop};
    PersonDataExtra extra;
    extra.Title = "Data held about Anna Rossi";
    extra.AnalysisLines = {"Status: active - bought 3 days ago"};
    const std::string json = PersonDataJson(c, extra);
    CHECK(json.find("\"Scarf\"") != std::string::npos);
    CHECK(json.find("bought 3 days ago") != std::string::npos);
    const std::string md = PersonDataMarkdown(c, extra);
    CHECK(md.find("# Data held about Anna Rossi") == 0);
    CHECK(md.find("| Scarf |") != std::string::npos);
    CHECK(md.find("likes \\| blue") != std::string::npos);
    CHECK(md.find("### email") != std::string::npos);
}

TEST_CASE("forgotten list: salted SHA-256 of identifiers; the same person found again in other spellings") {
    ForgottenList list;
    list.Salt = "a1b2";
    Customer anna = Anna();
    AddForgotten(list, anna);
    CHECK(list.Hashes.size() == 3);  // name+phone, email, phone
    for (const std::string& h : list.Hashes) CHECK(h.size() == 64);
    const std::string json = ForgottenListToJson(list);
    CHECK(json.find("Anna") == std::string::npos);
    CHECK(json.find("3331234567") == std::string::npos);
    Customer again;
    again.Name = "ANNA  ROSSI";
    again.Phone = "333-1234567";  // without the country prefix
    CHECK(IsForgotten(list, again));
    Customer byMail;
    byMail.Email = " anna.rossi@EXAMPLE.it";
    CHECK(IsForgotten(list, byMail));
    Customer other = Anna();
    other.Name = "Bruno";
    other.Phone = "0511234";
    other.Email = "b@x.it";
    CHECK_FALSE(IsForgotten(list, other));
    ForgottenList otherSalt;
    otherSalt.Salt = "ffff";
    CHECK(IdentifierHashes(anna, otherSalt.Salt) != IdentifierHashes(anna, list.Salt));
    ForgottenList read;
    REQUIRE(ForgottenListFromJson(json, read));
    CHECK(read.Hashes == list.Hashes);
    std::vector<Customer> many = {other, again, byMail};
    CHECK(DropForgotten(read, many) == 2);
    CHECK(many.size() == 1);
}

TEST_CASE("retention: customers with no activity for more than N years") {
    Workspace w;
    w.Customers = {Anna(), Anna(), Anna()};
    Purchase old;
    old.When = D(2020, 3, 1);
    w.Customers[0].Purchases.push_back(old);
    Purchase recent;
    recent.When = D(2025, 3, 1);
    w.Customers[1].Purchases.push_back(old);
    w.Customers[1].Purchases.push_back(recent);
    // customer 2: no dated activity, never proposed
    CHECK(RetentionCandidates(w, 5, D(2026, 12, 6)) == std::vector<size_t>{0});
    CHECK(RetentionCandidates(w, 1, D(2026, 12, 6)) == std::vector<size_t>{0, 1});
    CHECK(RetentionCandidates(w, 0, D(2026, 12, 6)).empty());
}
