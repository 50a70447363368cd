// Customers' privacy in the whole app (issue 18), natively: consent withdrawn on the card takes a
// customer out of this week's actions and the contact list; objecting customers stay out of the
// analysis, which says how many; "forget" removes every stored copy (kept-aside ones too), keeps
// only hashes, and an older backup or a re-import does not bring the person back; the person's
// data export carries the card, the histories and the analysis with reasons.
#include <algorithm>

#include "app_driver.h"
#include "codec/customer_export.h"
#include "codec/customer_fields.h"
#include "nlohmann/json.hpp"
#include "screens/analysis/analysis_panel.h"
#include "screens/customers/customer_parts.h"
#include "store/collections.h"
#include "store/document.h"
#include "store/store.h"
#include "ui/format.h"

namespace {

// Every customer agrees to e-mail (with an address), as of a year ago.
void EveryoneAgreesToEmail(AppDriver& d) {
    Document& doc = d.App().Doc;
    std::vector<profila::Customer> all = doc.Data.Customers;
    for (profila::Customer& c : all) {
        if (c.Email.empty()) c.Email = c.Id + "@example.it";
        c.Privacy->Email = {profila::ConsentState::Given, profila::Date{ui::Today().Days - 365}, profila::ConsentSource::InShop};
    }
    CommitCustomers(doc, std::move(all), NowSeconds());
    d.Advance(1.5);
    REQUIRE(doc.Save == SaveState::Saved);
}


}  // namespace

TEST_CASE("privacy: consent withdrawn on the card takes the customer out of this week's actions and the contact list") {
    AppDriver d;
    AppState& state = d.App();
    StoredExampleShop(d);
    nlohmann::json week = nlohmann::json::parse(WeeklyActionsJson(state));
    // Nobody agreed to anything yet: every suggestion is left out, each with its reason.
    REQUIRE(week["actions"].empty());
    REQUIRE(!week["leftOut"].empty());
    CHECK(week["leftOut"][0]["reason"] == "privacy.no_channel");
    CHECK(week["leftOut"][0]["why"].get<std::string>().find("No channel agreed") != std::string::npos);

    EveryoneAgreesToEmail(d);
    week = nlohmann::json::parse(WeeklyActionsJson(state));
    REQUIRE(!week["actions"].empty());
    CHECK(week["leftOut"].empty());
    const std::string id = week["actions"][0]["id"];
    const std::string name = FindCustomer(state.Doc, id)->Name;
    CHECK(ContactListText(state, profila::ContactChannel::Email).find(name) != std::string::npos);

    // Withdrawn through the card's Privacy section, as the owner would (once the toast is gone).
    d.Advance(11.0);
    OpenCustomerCard(state, id);
    d.Frames(2);
    d.Tap("section.privacy");
    d.Tap("card.consent.email.withdrawn");
    d.Advance(1.5);
    CHECK(FindCustomer(state.Doc, id)->Privacy->Email.State == profila::ConsentState::Withdrawn);
    CHECK(FindCustomer(state.Doc, id)->Privacy->Email.When == ui::Today());

    week = nlohmann::json::parse(WeeklyActionsJson(state));
    for (const auto& a : week["actions"]) CHECK(a["id"] != id);
    bool left = false;
    for (const auto& l : week["leftOut"])
        if (l["id"] == id) {
            left = true;
            CHECK(l["reason"] == "privacy.withdrawn_channel");
        }
    CHECK(left);
    std::vector<std::string> out;
    const std::string csv = ContactListText(state, profila::ContactChannel::Email, &out);
    CHECK(csv.find(name) == std::string::npos);
    REQUIRE(out.size() == 1);
    CHECK(out[0].find(name + ": Said no 0 days ago") == 0);
}

TEST_CASE("privacy: customers who object to profiling stay out of the analysis, which says how many") {
    AppDriver d;
    AppState& state = d.App();
    const size_t count = StoredExampleShop(d);
    std::vector<profila::Customer> two(state.Doc.Data.Customers.begin(), state.Doc.Data.Customers.begin() + 2);
    for (profila::Customer& c : two) c.Privacy->ObjectsToProfiling = true;
    CommitCustomers(state.Doc, two, NowSeconds());
    const profila::AnalysisResult& r = CurrentAnalysis(state);
    CHECK(r.Rows.size() == count - 2);
    CHECK(state.Analysis.LeftOut == 2);
    CHECK(nlohmann::json::parse(WeeklyActionsJson(state))["objecting"] == 2);
    const std::string csv = AnalysisCsv(state);
    CHECK(csv.find(two[0].Id) == std::string::npos);
    CHECK(CustomerAnalysisLines(state, two[0]).empty());
    d.Tap("nav.analysis");
    d.Frames(3);
    CHECK(d.FindIf([](const item_registry::Item& i) { return i.Label.find("2 customers are left out of the analysis") != std::string::npos; }));
}

TEST_CASE("privacy: a person's data export has the card, every history and the analysis with reasons") {
    AppDriver d;
    AppState& state = d.App();
    StoredExampleShop(d);
    const profila::Customer* c = nullptr;
    for (const profila::Customer& x : state.Doc.Data.Customers)
        if (x.Purchases.size() > 2) c = &x;
    REQUIRE(c);
    const std::string md = PersonDataText(state, c->Id, "md");
    const std::string json = PersonDataText(state, c->Id, "json");
    CHECK(md.find("# Data held about " + c->Name) == 0);
    CHECK(md.find("### purchases (" + std::to_string(c->Purchases.size()) + ")") != std::string::npos);
    CHECK(md.find("Suggested strategy") != std::string::npos);
    nlohmann::json j = nlohmann::json::parse(json);
    CHECK(j["customer"]["id"] == c->Id);
    CHECK(j["customer"]["purchases"].size() == c->Purchases.size());
    CHECK(j["analysis"].size() >= 6);  // four channels' consent, status, frequency, strategy...
}

TEST_CASE("privacy: forget removes every stored copy, keeps only hashes, and neither an old backup nor a re-import brings them back") {
    AppDriver d;
    AppState& state = d.App();
    Document& doc = state.Doc;
    StoredExampleShop(d);
    profila::Customer& target = doc.Data.Customers[3];
    target.Phone = "+39 333 765 4321";
    target.Email = "forget.me@example.it";
    CommitCustomer(doc, target, NowSeconds());
    d.Advance(1.5);
    const profila::Customer person = *FindCustomer(doc, doc.Data.Customers[3].Id);
    const std::string oldBackup = BackupText(state);
    const std::string oldCsv = profila::CustomersToCsv(doc.Data.Customers);
    // A copy kept aside after a conflict, as the store keeps one.
    storage::KeepAside(doc.Data.Id, {CustomerRecord(person)}, {"kept after a conflict"}, nullptr);
    storage_memory::RunPending();
    auto kept = [&] {
        auto q = storage_memory::Quarantine(doc.Data.Id);
        return std::count_if(q.begin(), q.end(), [&](const storage::SetAsideRecord& r) { return r.Key == person.Id; });
    };
    REQUIRE(kept() == 1);
    REQUIRE(AnyStoredBytesContain(d, person.Name));

    const uint64_t serial = ForgetCustomer(state, person.Id);
    REQUIRE(serial > 0);
    d.WaitFor([&] { return IsStored(doc, serial); }, "the forget to be stored", 30);
    CHECK(FindCustomer(doc, person.Id) == nullptr);
    CHECK(kept() == 0);
    CHECK_FALSE(AnyStoredBytesContain(d, person.Name));
    CHECK_FALSE(AnyStoredBytesContain(d, person.Email));
    CHECK_FALSE(AnyStoredBytesContain(d, "3337654321"));
    CHECK(doc.Settings.Forgotten.Hashes.size() == 3);
    CHECK(BackupText(state).find(person.Name) == std::string::npos);

    // An older backup: the person is left out, and the confirmation says so.
    REQUIRE(PrepareRestore(state, "old.profila.json", oldBackup));
    CHECK(doc.Store.SkippedForgotten == 1);
    ConfirmRestore(state);
    d.WaitFor([&] { return doc.Store.RestoreResult == "ok"; }, "the restore", 30);
    CHECK(FindCustomer(doc, person.Id) == nullptr);
    CHECK_FALSE(AnyStoredBytesContain(d, person.Name));

    // The old CSV again: left out, and the import says so.
    nlohmann::json summary = nlohmann::json::parse(ImportFileSummaryJson(state, "old.csv", std::make_shared<profila::BytesInMemory>(oldCsv)));
    CHECK(summary["skippedForgotten"] == 1);
    d.Advance(1.5);
    CHECK(std::none_of(doc.Data.Customers.begin(), doc.Data.Customers.end(), [&](const profila::Customer& c) { return c.Name == person.Name; }));
    CHECK_FALSE(AnyStoredBytesContain(d, person.Name));
}

TEST_CASE("privacy: retention lists who would be forgotten and forgets them only after the confirmation") {
    AppDriver d;
    AppState& state = d.App();
    Document& doc = state.Doc;
    StoredExampleShop(d);
    // Two customers whose last activity is six years old.
    std::vector<profila::Customer> old(doc.Data.Customers.begin(), doc.Data.Customers.begin() + 2);
    const profila::Date longAgo{ui::Today().Days - 6 * 366};
    for (profila::Customer& c : old) {
        ClearHistories(c);
        c.Acquired = longAgo;
        c.InterestDate.reset();
        profila::Purchase p;
        p.When = longAgo;
        p.Amount = 10;
        c.Purchases.push_back(p);
    }
    CommitCustomers(doc, old, NowSeconds());
    d.Advance(11.0);
    const size_t before = doc.Data.Customers.size();
    d.Tap("nav.settings");
    d.Tap("retention.5");
    CHECK(doc.Settings.RetentionYears == 5);
    const size_t expected = profila::RetentionCandidates(doc.Data, 5, ui::Today()).size();
    REQUIRE(expected >= 2);
    CHECK(doc.Data.Customers.size() == before);  // a preview forgets nobody
    d.Tap("retention.forget");
    CHECK(doc.Data.Customers.size() == before);  // nor does opening the confirmation
    d.Tap("retention.forget_confirm");
    d.Advance(1.5);
    CHECK(doc.Data.Customers.size() == before - expected);
    CHECK(FindCustomer(doc, old[0].Id) == nullptr);
    CHECK(storage_memory::Records(doc.Data.Id, "customers").size() == before - expected);
    CHECK(doc.Settings.Forgotten.Hashes.size() >= 2);
}

TEST_CASE("privacy: a forgotten customer saved again by another tab is forgotten again here") {
    AppDriver d;
    AppState& state = d.App();
    Document& doc = state.Doc;
    StoredExampleShop(d);
    const profila::Customer person = doc.Data.Customers[5];
    const uint64_t serial = ForgetCustomer(state, person.Id);
    d.WaitFor([&] { return IsStored(doc, serial); }, "the forget to be stored", 30);
    // The other tab still had the card open and saves it.
    profila::Customer theirs = person;
    theirs.Revision += 5;
    storage::Record record = CustomerRecord(theirs);
    storage_memory::SimulateOtherTabWrite(doc.Data.Id, {record});
    d.Frames(3);
    d.Advance(1.5);
    CHECK(FindCustomer(doc, person.Id) == nullptr);
    CHECK_FALSE(AnyStoredBytesContain(d, person.Name));
}
