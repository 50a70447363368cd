// The three-way merge of cards (core/sync/merge.h), on cards written by the real codec: one-sided
// changes merge silently, the same field changed on both sides is a conflict the person settles,
// history rows merge by id, tags as a set, an edit wins over a delete and says so.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "codec/customer_json.h"
#include "model/example_shop.h"
#include "sync/merge.h"

using namespace profila;
using nlohmann::json;

namespace {

Customer BaseCard() {
    Customer c;
    c.Id = "01JBASECARD0000000000000AA";
    c.Name = "Lucia Ferri";
    c.Phone = "0761 555010";
    c.City = "Viterbo";
    c.Tags = {"bread", "weekend"};
    Purchase p;
    p.Id = "01JPURCHASE000000000000001";
    p.When = DateFromYmd(2026, 3, 2);
    p.Amount = 12.5;
    c.Purchases.push_back(p);
    p.Id = "01JPURCHASE000000000000002";
    p.When = DateFromYmd(2026, 4, 9);
    p.Amount = 30.0;
    c.Purchases.push_back(p);
    return c;
}

json Doc(const Customer& c) { return CustomerToJsonValue(c); }

Customer Card(const json& j) {
    CustomerDecodeResult d = CustomerFromJsonValue(j);
    REQUIRE(d.Ok());
    return d.Value;
}

const Purchase* FindPurchase(const Customer& c, const std::string& id) {
    for (const Purchase& p : c.Purchases)
        if (p.Id == id) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("merge: different fields changed on two devices are both kept, with no question") {
    Customer base = BaseCard(), mine = base, theirs = base;
    mine.Phone = "333 1234567";
    theirs.City = "Orvieto";
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    CHECK(r.Conflicts.empty());
    CHECK(r.Notes.empty());
    Customer merged = Card(r.Merged);
    CHECK(merged.Phone == "333 1234567");
    CHECK(merged.City == "Orvieto");
    CHECK(merged.Name == "Lucia Ferri");
}

TEST_CASE("merge: the same field changed on both sides is asked, and the choice is applied") {
    Customer base = BaseCard(), mine = base, theirs = base;
    mine.Phone = "333 1111111";
    theirs.Phone = "333 2222222";
    theirs.City = "Orvieto";
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    REQUIRE(r.Conflicts.size() == 1);
    CHECK(r.Conflicts[0].Path == "/phone");
    CHECK(r.Conflicts[0].Base == "0761 555010");
    CHECK(r.Conflicts[0].Mine == "333 1111111");
    CHECK(r.Conflicts[0].Theirs == "333 2222222");
    CHECK(Card(r.Merged).Phone == "333 1111111");  // mine until the person chooses
    Customer chosen = Card(sync::ApplyChoices(r, {{"/phone", sync::Choice::Theirs}}));
    CHECK(chosen.Phone == "333 2222222");
    CHECK(chosen.City == "Orvieto");  // the silent part of the merge stays
    CHECK(Card(sync::ApplyChoices(r, {{"/phone", sync::Choice::Mine}})).Phone == "333 1111111");
}

TEST_CASE("merge: the same change on both sides is no conflict") {
    Customer base = BaseCard(), mine = base, theirs = base;
    mine.Email = theirs.Email = "lucia@posta.it";
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    CHECK(r.Conflicts.empty());
    CHECK(Card(r.Merged).Email == "lucia@posta.it");
}

TEST_CASE("merge: purchases added on both devices are all kept, an amount edited on one side merges into the row") {
    Customer base = BaseCard(), mine = base, theirs = base;
    Purchase p;
    p.Id = "01JPURCHASE00000000000MINE";
    p.When = DateFromYmd(2026, 5, 1);
    p.Amount = 8.0;
    mine.Purchases.push_back(p);
    p.Id = "01JPURCHASE0000000000THEIR";
    p.Amount = 9.0;
    theirs.Purchases.push_back(p);
    theirs.Purchases[0].Amount = 13.0;  // a correction of the first row on the other device
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    CHECK(r.Conflicts.empty());
    Customer merged = Card(r.Merged);
    CHECK(merged.Purchases.size() == 4);
    REQUIRE(FindPurchase(merged, "01JPURCHASE000000000000001"));
    CHECK(FindPurchase(merged, "01JPURCHASE000000000000001")->Amount == doctest::Approx(13.0));
    CHECK(FindPurchase(merged, "01JPURCHASE00000000000MINE"));
    CHECK(FindPurchase(merged, "01JPURCHASE0000000000THEIR"));
}

TEST_CASE("merge: a purchase deleted on one side goes, unless the other side edited it") {
    Customer base = BaseCard(), mine = base, theirs = base;
    mine.Purchases.erase(mine.Purchases.begin());  // removes purchase 1
    theirs.Purchases[1].Amount = 31.0;             // edits purchase 2, which mine keeps
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    CHECK(r.Notes.empty());
    Customer merged = Card(r.Merged);
    CHECK(merged.Purchases.size() == 1);
    CHECK(merged.Purchases[0].Amount == doctest::Approx(31.0));

    // Now theirs edits the purchase mine deleted: the edit is kept, and the merge says so.
    theirs = base;
    theirs.Purchases[0].Amount = 14.0;
    t = Doc(theirs);
    r = sync::MergeDocuments(&b, &m, &t);
    REQUIRE(r.Notes.size() == 1);
    CHECK(r.Notes[0].Code == "edit_kept_over_delete");
    CHECK(r.Notes[0].Path == "/purchases/01JPURCHASE000000000000001");
    CHECK(Card(r.Merged).Purchases.size() == 2);
}

TEST_CASE("merge: tags merge as a set (each side's additions and removals)") {
    Customer base = BaseCard(), mine = base, theirs = base;
    mine.Tags = {"bread", "weekend", "gluten-free"};
    theirs.Tags = {"bread"};  // removed "weekend"
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    CHECK(r.Conflicts.empty());
    CHECK(Card(r.Merged).Tags == std::vector<std::string>{"bread", "gluten-free"});
}

TEST_CASE("merge: a card deleted on one device and edited on the other is kept with the edit, and noted") {
    Customer base = BaseCard(), theirs = base;
    theirs.Notes = "called back about the cake";
    json b = Doc(base), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, nullptr, &t);
    CHECK_FALSE(r.Deleted);
    REQUIRE(r.Notes.size() == 1);
    CHECK(r.Notes[0].Path.empty());
    CHECK(r.Notes[0].Code == "edit_kept_over_delete");
    CHECK(Card(r.Merged).Notes == "called back about the cake");
    // Untouched on the other device: the delete stands.
    CHECK(sync::MergeDocuments(&b, nullptr, &b).Deleted);
    CHECK(sync::MergeDocuments(&b, &b, nullptr).Deleted);
    CHECK(sync::MergeDocuments(&b, nullptr, nullptr).Deleted);
}

TEST_CASE("merge: revision counters never conflict and come from this device's copy") {
    json b = {{"id", "x"}, {"name", "A"}, {"revision", 3}};
    json m = {{"id", "x"}, {"name", "A"}, {"revision", 5}};
    json t = {{"id", "x"}, {"name", "B"}, {"revision", 9}, {"_rev", "4-abc"}};
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    CHECK(r.Conflicts.empty());
    CHECK(r.Merged["name"] == "B");
    CHECK(r.Merged["revision"] == 5);
}

TEST_CASE("merge: a card created on both devices with no base: equal fields merge, different ones are asked") {
    json m = {{"id", "x"}, {"name", "Bar Sole"}, {"city", "Viterbo"}};
    json t = {{"id", "x"}, {"name", "Bar Sole"}, {"city", "Tuscania"}, {"phone", "0761 1"}};
    sync::MergeResult r = sync::MergeDocuments(nullptr, &m, &t);
    REQUIRE(r.Conflicts.size() == 1);
    CHECK(r.Conflicts[0].Path == "/city");
    CHECK(r.Conflicts[0].Base.is_null());
    CHECK(r.Merged["phone"] == "0761 1");
}

TEST_CASE("merge: every card of the example shop merges with itself unchanged, and a field cleared on one side is cleared") {
    ExampleShopOptions options;
    options.Customers = 80;
    for (const Customer& c : GenerateExampleShop(options).Shop.Customers) {
        json d = Doc(c);
        sync::MergeResult r = sync::MergeDocuments(&d, &d, &d);
        CHECK(r.Conflicts.empty());
        CHECK(r.Merged == d);
    }
    Customer base = BaseCard(), mine = base;
    mine.Phone.clear();  // the writer leaves an empty field out
    json b = Doc(base), m = Doc(mine);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &b);
    CHECK(r.Conflicts.empty());
    CHECK(Card(r.Merged).Phone.empty());
}

TEST_CASE("merge: a conflict inside a purchase row is named by the row's id, and a choice there is applied") {
    Customer base = BaseCard(), mine = base, theirs = base;
    mine.Purchases[1].Amount = 35.0;
    theirs.Purchases[1].Amount = 40.0;
    json b = Doc(base), m = Doc(mine), t = Doc(theirs);
    sync::MergeResult r = sync::MergeDocuments(&b, &m, &t);
    REQUIRE(r.Conflicts.size() == 1);
    CHECK(r.Conflicts[0].Path == "/purchases/01JPURCHASE000000000000002/amount");
    Customer chosen = Card(sync::ApplyChoices(r, {{r.Conflicts[0].Path, sync::Choice::Theirs}}));
    CHECK(FindPurchase(chosen, "01JPURCHASE000000000000002")->Amount == doctest::Approx(40.0));
}
