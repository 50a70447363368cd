// The store natively, through public state (AppState.Doc, storage_memory::Records): edits reach
// storage once they rest past the debounce, a refused write (quota) leaves the data dirty and the
// save Failed until a retry stores it, the page being hidden saves at once, and another tab's save
// shows up here.
#include <algorithm>

#include "app_driver.h"
#include "codec/customer_record.h"
#include "document.h"

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

// The example shop loaded through its button and stored (the debounce passed): the start of each
// case below. Returns how many customers it has.
size_t StoredExampleShop(AppDriver& d) {
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    d.Tap("customers.example");
    size_t count = doc.Data.Customers.size();
    REQUIRE(count > 10);
    d.Advance(1.5);
    REQUIRE(doc.Save == SaveState::Saved);
    return count;
}

}  // namespace

TEST_CASE("store: edits reach storage once they rest past the debounce") {
    AppDriver d;
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    d.Tap("customers.example");
    size_t count = doc.Data.Customers.size();
    REQUIRE(count > 10);
    CHECK(HasUnsavedChanges(doc));
    d.Frames(5);
    CHECK(doc.Save == SaveState::Pending);
    CHECK(StoredCustomers(d) == 0);  // not before the edits have rested

    d.Advance(1.5);
    CHECK(doc.Save == SaveState::Saved);
    CHECK_FALSE(HasUnsavedChanges(doc));
    CHECK(StoredCustomers(d) == count);
    for (const profila::Customer& c : doc.Data.Customers) CHECK(doc.StoredRevisions.at(c.Id) == c.Revision);
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
    CHECK(doc.DirtyCustomers.count(id) == 1);
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
    theirs.Revision = doc.StoredRevisions.at(theirs.Id) + 1;
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
    CHECK(doc.StoredRevisions.at(theirs.Id) == theirs.Revision);
}
