// The store natively, through public state (AppState.Doc, storage_memory::Records): edits reach
// storage once they rest past the debounce, a refused write (quota) leaves the data dirty and the
// save Failed until a retry stores it, the page being hidden saves at once, and another tab's save
// shows up here.
#include <algorithm>

#include "app_driver.h"
#include "codec/customer_record.h"
#include "codec/persona_json.h"
#include "model/example_shop.h"
#include "model/ids.h"
#include "store/collections.h"
#include "store/document.h"
#include "store/store.h"

namespace {

size_t StoredCustomers(AppDriver& d) { return storage_memory::Records(d.App().Doc.Data.Id, "customers").size(); }

bool Stored(AppDriver& d, const std::string& id) {
    auto records = storage_memory::Records(d.App().Doc.Data.Id, "customers");
    return std::any_of(records.begin(), records.end(), [&](const storage_memory::StoredRecord& r) { return r.Key == id; });
}

// A new customer through the list's New button; back to the list. Returns its id.
std::string NewCustomerThroughUi(AppDriver& d) {
    d.Tap("customers.new");
    std::string id = d.App().Customers.EditingId;
    REQUIRE(!id.empty());
    d.Tap("card.back");
    return id;
}

}  // namespace

TEST_CASE("store: an edit reaches storage once it rests past the debounce") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    std::string id = NewCustomerThroughUi(d);
    CHECK(HasUnsavedChanges(doc));
    d.Frames(5);
    CHECK(doc.Save == SaveState::Pending);
    CHECK_FALSE(Stored(d, id));  // not before the edit has rested

    d.Advance(1.5);
    CHECK(doc.Save == SaveState::Saved);
    CHECK_FALSE(HasUnsavedChanges(doc));
    CHECK(Stored(d, id));
    CHECK(profila::IsUlid(id));  // new ids hold across devices
}

bool ToastSays(AppDriver& d, const char* text) {
    return d.FindIf([&](const item_registry::Item& i) { return i.Label.find(text) != std::string::npos; }) != nullptr;
}

TEST_CASE("store: the example shop is written at once, and its toast says saved only once it is stored") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    d.Tap("customers.example");
    size_t count = doc.Data.Customers.size();
    REQUIRE(count > 10);
    // No debounce: within a few frames the toast says saved, and by then storage holds every card.
    d.WaitFor([&] { return ToastSays(d, "Saved on this device."); }, "the toast to say saved", 10);
    CHECK(StoredCustomers(d) == count);
    CHECK(doc.Save == SaveState::Saved);
    for (const profila::Customer& c : doc.Data.Customers) {
        CHECK(doc.State(Collection::Customers).Stored.at(c.Id) == c.Revision);
        CHECK(profila::IsUlid(c.Id));  // ids of their own, not the generator's numbers
    }
}

TEST_CASE("store: an import-sized change that could not be written is not reported saved, and the page asks before it is left") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    storage_memory::FailNextWrite(storage::WriteError::Quota, "QuotaExceededError");
    d.Tap("customers.example");
    d.Frames(3);
    CHECK(doc.Save == SaveState::Failed);
    CHECK(StoredCustomers(d) == 0);
    CHECK_FALSE(ToastSays(d, "Saved on this device."));
    CHECK(ToastSays(d, "Not saved yet"));
    CHECK(storage_memory::FireBeforeUnload());  // the browser would ask the person to stay
    d.Advance(11.0);                             // the retry stores it
    CHECK(doc.Save == SaveState::Saved);
    CHECK(StoredCustomers(d) == doc.Data.Customers.size());
    CHECK_FALSE(storage_memory::FireBeforeUnload());
}

TEST_CASE("store: a write refused for quota leaves the save Failed and the data dirty until a retry stores it") {
    AppDriver d;
    Document& doc = d.App().Doc;
    size_t count = StoredExampleShop(d);
    std::string id = NewCustomerThroughUi(d);
    storage_memory::FailNextWrite(storage::WriteError::Quota, "QuotaExceededError");
    d.Advance(1.5);
    CHECK(doc.Save == SaveState::Failed);
    CHECK_FALSE(doc.SaveError.empty());
    CHECK(doc.State(Collection::Customers).Dirty.count(id) == 1);
    CHECK(HasUnsavedChanges(doc));
    CHECK_FALSE(Stored(d, id));
    CHECK(StoredCustomers(d) == count);

    d.Advance(11.0);  // failed saves are retried after a while
    CHECK(doc.Save == SaveState::Saved);
    CHECK(Stored(d, id));
    CHECK_FALSE(HasUnsavedChanges(doc));
}

TEST_CASE("store: the page being hidden saves at once without waiting for the debounce") {
    AppDriver d;
    Document& doc = d.App().Doc;
    StoredExampleShop(d);
    std::string id = NewCustomerThroughUi(d);
    CHECK_FALSE(Stored(d, id));
    storage_memory::FirePageHidden();  // no frame, no time passes
    CHECK(doc.Save == SaveState::Saving);
    CHECK(Stored(d, id));  // the transaction is in; its complete event comes later
    storage_memory::RunPending();
    CHECK(doc.Save == SaveState::Saved);
    CHECK_FALSE(HasUnsavedChanges(doc));
}

TEST_CASE("store: another tab's save of a customer shows here") {
    AppDriver d;
    Document& doc = d.App().Doc;
    StoredExampleShop(d);
    profila::Customer theirs = doc.Data.Customers.front();
    theirs.Name = "Changed in another tab";
    theirs.Revision = doc.State(Collection::Customers).Stored.at(theirs.Id) + 1;
    storage::Record record;
    record.Collection = "customers";
    record.Key = theirs.Id;
    record.Json = profila::CustomerToRecord(theirs);
    record.Revision = theirs.Revision;
    record.Schema = profila::kCustomerSchemaVersion;
    storage_memory::SimulateOtherTabWrite(doc.Data.Id, {record});
    d.Frames(3);
    const profila::Customer* mine = FindCustomer(doc, theirs.Id);
    REQUIRE(mine);
    CHECK(mine->Name == "Changed in another tab");
    CHECK(doc.State(Collection::Customers).Stored.at(theirs.Id) == theirs.Revision);
}

TEST_CASE("store: leaving the page with an edit waiting saves it at once and asks first") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    std::string id = NewCustomerThroughUi(d);
    CHECK_FALSE(Stored(d, id));
    CHECK(storage_memory::FireBeforeUnload());
    CHECK(doc.Save == SaveState::Saving);  // started at once, not after the debounce
    CHECK(Stored(d, id));
    storage_memory::RunPending();
    CHECK_FALSE(storage_memory::FireBeforeUnload());
}


TEST_CASE("store: a persona edited here and stored newer by another tab: theirs is shown, ours is kept aside") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Tap("nav.persona");
    d.Tap("persona.new");
    d.Advance(1.5);
    REQUIRE(doc.Personas.size() == 1);
    profila::Persona theirs = doc.Personas.front();
    int64_t stored = doc.State(Collection::Personas).Stored.at(theirs.Id);
    // Another tab stores a newer revision; the message about it has not arrived yet.
    theirs.Name = "Named in another tab";
    theirs.Revision = stored + 1;
    storage_memory::SimulateOtherTabWrite(doc.Data.Id, {PersonaRecord(theirs)}, {}, false);
    // Meanwhile this tab renames it (its base is the older revision).
    d.Type("persona.name", "Named here", AppDriver::Replace);
    d.Key(ImGuiKey_Tab);  // leave the field (an active field keeps what is typed in it)
    d.Advance(1.5);
    CHECK(doc.Save == SaveState::Saved);
    REQUIRE(doc.Personas.size() == 1);
    CHECK(doc.Personas.front().Name == "Named in another tab");
    auto aside = storage_memory::Quarantine(doc.Data.Id);
    bool kept = std::any_of(aside.begin(), aside.end(), [&](const auto& q) { return q.Collection == "personas" && q.Key == theirs.Id; });
    CHECK(kept);
    CHECK(doc.Store.Notice == "store.conflict_kept");
}

TEST_CASE("store: another tab's course progress shows here, stored ids from before ULIDs are kept") {
    AppDriver d;
    Document& doc = d.App().Doc;
    // A customer and a persona stored with the ids of earlier versions ("C00012", "P1").
    profila::Customer old;
    old.Id = "C00012";
    old.Name = "Stored long ago";
    old.Revision = 3;
    storage::Record cr = CustomerRecord(old);
    profila::Persona persona;
    persona.Id = "P1";
    persona.Name = "Old persona";
    persona.Revision = 2;
    profila::course::Progress progress;
    progress.Trainee = "Giulia";
    storage::Record pr;
    pr.Collection = "progress";
    pr.Key = "course";
    pr.Json = profila::course::ProgressToJson(progress);
    pr.Revision = 5;
    storage_memory::SimulateOtherTabWrite(doc.Data.Id, {cr, PersonaRecord(persona), pr});
    d.Frames(3);
    REQUIRE(FindCustomer(doc, "C00012"));
    CHECK(FindCustomer(doc, "C00012")->Name == "Stored long ago");
    REQUIRE(FindPersona(doc, "P1"));
    CHECK(doc.Progress.Trainee == "Giulia");
    CHECK(doc.ProgressRevision == 5);
    // Edited here, they keep their ids and go on from the stored revisions.
    d.Tap("nav.course");
    d.Type("course.trainee", " Rossi");
    d.Key(ImGuiKey_Tab);
    d.Advance(1.5);
    CHECK(doc.Progress.Trainee == "Giulia Rossi");
    auto stored = storage_memory::Records(doc.Data.Id, "progress");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Revision > 5);
    CHECK(stored[0].Bytes.find("Giulia Rossi") != std::string::npos);
    CHECK(FindPersona(doc, "P1")->Id == "P1");
}

// Found by the kill trials in CI: an edit made while a save was in flight set the state back to
// Pending, so a flush started a second write beside the first, and the first one's completion
// reported everything saved while the second was still running (a close then lost it).
TEST_CASE("store: an edit during a save waits for it, and saved is said only once the second write is in") {
    AppDriver d;
    Document& doc = d.App().Doc;
    StoredExampleShop(d);
    std::string id = NewCustomerThroughUi(d);
    FlushStore(d.App());
    REQUIRE(doc.Save == SaveState::Saving);
    profila::Persona p;
    p.Name = "During the save";
    std::string persona = CommitPersona(doc, p, 0.0);
    CHECK(doc.Save == SaveState::Saving);  // still the one write in flight
    FlushStore(d.App());
    CHECK(storage_memory::PendingCount() == 1);  // no second write beside it
    storage_memory::RunPending();                 // the first completes, the second starts and completes
    CHECK(Stored(d, id));
    auto personas = storage_memory::Records(doc.Data.Id, "personas");
    CHECK(std::any_of(personas.begin(), personas.end(), [&](const storage_memory::StoredRecord& r) { return r.Key == persona; }));
    CHECK(doc.Save == SaveState::Saved);
    CHECK_FALSE(HasUnsavedChanges(doc));
}

TEST_CASE("store: a save bigger than a batch is handed over in parts and stored in one write, or not at all") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Frames(3);
    profila::ExampleShopOptions o;
    o.Customers = 4000;  // several MB of records: more than one of the saver's batches
    std::vector<profila::Customer> shop = profila::GenerateExampleShop(o).Shop.Customers;
    size_t bytes = 0;
    for (const profila::Customer& c : shop) bytes += profila::CustomerToRecord(c).size();
    REQUIRE(bytes > (size_t{5} << 20));
    const int writes = storage_memory::CompletedWrites();
    storage_memory::FailNextWrite(storage::WriteError::Quota, "QuotaExceededError");
    CommitCustomers(doc, std::move(shop), 0.0);
    d.Frames(3);
    CHECK(doc.Save == SaveState::Failed);
    CHECK(StoredCustomers(d) == 0);  // no part of it stored
    d.Advance(11.0);                 // the retry stores it, all in one write
    CHECK(doc.Save == SaveState::Saved);
    CHECK(storage_memory::CompletedWrites() == writes + 1);
    REQUIRE(StoredCustomers(d) == doc.Data.Customers.size());
    for (const storage_memory::StoredRecord& r : storage_memory::Records(doc.Data.Id, "customers")) {
        const profila::Customer* c = FindCustomer(doc, r.Key);
        REQUIRE(c);
        CHECK(r.Bytes == profila::CustomerToRecord(*c));
        CHECK(r.Revision == c->Revision);
    }
}

TEST_CASE("store: cards committed into an empty workspace with an id twice: the last one kept, in the first one's place") {
    Document doc;
    std::vector<profila::Customer> cards(5);
    const char* ids[] = {"A-1", "B-2", "A-1", "C-3", "A-1"};
    const char* names[] = {"first", "bee", "second", "sea", "third"};
    for (size_t i = 0; i < cards.size(); ++i) {
        cards[i].Id = ids[i];
        cards[i].Name = names[i];
        cards[i].Purchases.emplace_back();  // no id: the commit gives one
    }
    CommitCustomers(doc, std::move(cards), 0.0);
    const std::vector<profila::Customer>& list = doc.Data.Customers;
    REQUIRE(list.size() == 3);
    CHECK(list[0].Id == "A-1");
    CHECK(list[0].Name == "third");
    CHECK(list[0].Revision == 3);  // one revision for each of its three versions
    CHECK(list[1].Name == "bee");
    CHECK(list[2].Name == "sea");
    for (const profila::Customer& c : list) CHECK(profila::IsUlid(c.Purchases[0].Id.str()));
    CHECK(FindCustomer(doc, "A-1") == &list[0]);
}
