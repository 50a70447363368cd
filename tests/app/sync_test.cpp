// The sync engine natively (app/sync/sync.cpp) against a small stand-in for CouchDB's HTTP API
// (tests/app/sync_fixture.h). The browser tests (tests/e2e/sync.test.mjs) run the same flows
// against a real pouchdb-server.
#include <nlohmann/json.hpp>

#include "codec/customer_json.h"
#include "platform/tab_lock.h"
#include "store/collections.h"
#include "sync_fixture.h"

using nlohmann::json;

TEST_CASE("sync: connecting sends every customer up, stores the bases and the checkpoint with them, and keeps no password") {
    SyncFixture f;
    f.D.Advance(0.2);
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    profila::Customer b = f.NewCustomer("Bar Sole", "0761 2");
    f.D.Advance(1.0);
    f.Connect();
    f.Settle();
    REQUIRE(f.Couch.Docs.count("customer:" + a.Id));
    CHECK(f.ServerBody(a.Id)["name"] == "Lucia Ferri");
    CHECK(f.ServerBody(b.Id)["device"] == "Counter tablet");
    CHECK(f.ServerBody(b.Id)["type"] == "customer");
    const SyncBook& s = *f.Doc().Sync;
    CHECK(s.Phase == SyncPhase::Ready);
    CHECK(s.Bases.size() == 2);
    // On "disk": the config, a base per customer, the checkpoint; the outbox emptied; no password.
    auto records = storage_memory::Records(f.Doc().Data.Id, "sync");
    CHECK(records.size() == 4);
    for (const auto& r : records) CHECK(r.Bytes.find("pw") == std::string::npos);
    CHECK(storage_memory::Records(f.Doc().Data.Id, "outbox").empty());
}

TEST_CASE("sync: another device's change of one field and this device's change of another are both kept, on both sides") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    json theirs = f.ServerBody(a.Id);
    theirs["city"] = "Orvieto";  // the other tablet
    f.Couch.Put("customer:" + a.Id, theirs);
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Phone = "333 9";  // this tablet, meanwhile
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.Settle();
    const profila::Customer* here = FindCustomer(f.Doc(), a.Id);
    REQUIRE(here);
    CHECK(here->City == "Orvieto");
    CHECK(here->Phone == "333 9");
    CHECK(f.ServerBody(a.Id)["city"] == "Orvieto");
    CHECK(f.ServerBody(a.Id)["phone"] == "333 9");
    CHECK(f.Doc().Sync->Conflicts.empty());
}

TEST_CASE("sync: the same field changed on both devices waits for the person, and the choice reaches the server") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    json theirs = f.ServerBody(a.Id);
    theirs["phone"] = "347 222";
    theirs["device"] = "Owner's phone";
    f.Couch.Put("customer:" + a.Id, theirs);
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Phone = "347 111";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.WaitFor([&] { return !f.Doc().Sync->Conflicts.empty(); }, "the conflict", 300);
    const SyncConflict& c = f.Doc().Sync->Conflicts.front();
    REQUIRE(c.Merge.Conflicts.size() == 1);
    CHECK(c.Merge.Conflicts[0].Path == "/phone");
    CHECK(c.TheirDevice == "Owner's phone");
    CHECK(FindCustomer(f.Doc(), a.Id)->Phone == "347 111");  // nothing changes before the choice
    CHECK(f.ServerBody(a.Id)["phone"] == "347 222");
    ResolveSyncConflict(f.D.App(), 0, {{"/phone", profila::sync::Choice::Theirs}});
    f.Settle();
    CHECK(FindCustomer(f.Doc(), a.Id)->Phone == "347 222");
    CHECK(f.ServerBody(a.Id)["device"] == "Counter tablet");  // the merge went up from here
    CHECK(f.Doc().Sync->Conflicts.empty());
}

TEST_CASE("sync: a card deleted on the other device and edited here is kept, sent again, and the app says so") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    f.Couch.Delete("customer:" + a.Id);
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Notes = "ordered a cake for Sunday";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.Settle();
    REQUIRE(FindCustomer(f.Doc(), a.Id));
    CHECK(FindCustomer(f.Doc(), a.Id)->Notes == "ordered a cake for Sunday");
    CHECK(f.Doc().Sync->Message.find("kept") != std::string::npos);
    CHECK_FALSE(f.Couch.Docs.at("customer:" + a.Id).Deleted);
    CHECK(f.ServerBody(a.Id)["notes"] == "ordered a cake for Sunday");
}

TEST_CASE("sync: a deletion on the other device removes an untouched card here; replayed changes are applied once") {
    SyncFixture f;
    f.D.Advance(0.2);
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    profila::Customer b = f.NewCustomer("Bar Sole", "0761 2");
    f.Connect();
    f.Settle();
    f.Couch.Delete("customer:" + a.Id);
    f.Settle();
    CHECK_FALSE(FindCustomer(f.Doc(), a.Id));
    CHECK(FindCustomer(f.Doc(), b.Id));
    int saves = f.Doc().Store.SavedCount;
    int64_t rev_b = FindCustomer(f.Doc(), b.Id)->Revision;
    f.Couch.ReplayFrom = 0;  // the whole feed again, as a cluster may send it
    SyncNow(f.D.App());
    f.Settle();
    CHECK(FindCustomer(f.Doc(), b.Id)->Revision == rev_b);  // nothing re-applied
    CHECK_FALSE(FindCustomer(f.Doc(), a.Id));
    CHECK(f.Doc().Store.SavedCount - saves <= 1);  // at most the checkpoint
}

TEST_CASE("sync: offline, edits wait in the outbox (stored with them) and go up when the server is back") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    f.Couch.Down = true;
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Email = "lucia@posta.it";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.Advance(2.0);
    CHECK(f.Doc().Sync->Phase == SyncPhase::Offline);
    CHECK(f.Doc().Sync->Outbox.count("customers/" + a.Id));
    CHECK(storage_memory::Records(f.Doc().Data.Id, "outbox").size() == 1);  // written with the card
    f.Couch.Down = false;
    f.D.Advance(6.0);
    f.Settle();
    CHECK(f.ServerBody(a.Id)["email"] == "lucia@posta.it");
    CHECK(f.Doc().Sync->Phase == SyncPhase::Ready);
    CHECK(storage_memory::Records(f.Doc().Data.Id, "outbox").empty());
}

TEST_CASE("sync: a wrong password and a database without access are told apart, and nothing is lost") {
    SyncFixture f;
    f.D.Advance(0.2);
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    f.Connect("wrong");
    f.D.Advance(0.5);
    CHECK(f.Doc().Sync->Phase == SyncPhase::AuthProblem);
    CHECK_FALSE(f.Doc().Sync->Enabled);
    f.Connect("pw", "other");
    f.D.Advance(0.5);
    CHECK(f.Doc().Sync->Phase == SyncPhase::NoAccess);
    CHECK(FindCustomer(f.Doc(), a.Id));
    CHECK(f.Couch.Docs.empty());
}

TEST_CASE("sync: a customer made on the other device arrives here and is stored, with no echo back") {
    SyncFixture f;
    f.D.Advance(0.2);
    f.Connect();
    f.Settle();
    profila::Customer c;
    c.Id = "01JOTHERDEVICE00000000000A";
    c.Name = "Pasticceria Rosa";
    json body = profila::CustomerToJsonValue(c);
    body["type"] = "customer";
    f.Couch.Put("customer:" + c.Id, body);
    int bulk = f.Couch.BulkRequests;
    f.Settle();
    REQUIRE(FindCustomer(f.Doc(), c.Id));
    CHECK(FindCustomer(f.Doc(), c.Id)->Name == "Pasticceria Rosa");
    auto stored = storage_memory::Records(f.Doc().Data.Id, "customers");
    CHECK(std::any_of(stored.begin(), stored.end(), [&](const auto& r) { return r.Key == c.Id; }));
    CHECK(f.Couch.BulkRequests == bulk);  // nothing sent back
    CHECK(f.Doc().Sync->Outbox.empty());
}

TEST_CASE("sync: Settings > Sync by taps: connect, the rail says synced, a conflict is settled with the screen's buttons") {
    SyncFixture f;
    f.D.Advance(0.2);
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    f.D.Tap("nav.settings");
    f.D.Type("sync.database", "shop");
    f.D.Type("sync.user", "ada");
    f.D.Type("sync.password", "pw");
    f.D.Type("sync.device", "Counter tablet");
    f.D.Tap("sync.connect");
    f.Settle();
    CHECK(f.Doc().Sync->Phase == SyncPhase::Ready);
    CHECK(f.D.App().SyncScreen.Password[0] == 0);  // used once, then cleared
    CHECK(f.D.FindIf([](const item_registry::Item& i) { return i.Label == "Synced"; }));
    REQUIRE(f.Couch.Docs.count("customer:" + a.Id));

    json theirs = f.ServerBody(a.Id);
    theirs["phone"] = "347 222";
    theirs["device"] = "Owner's phone";
    f.Couch.Put("customer:" + a.Id, theirs);
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Phone = "347 111";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.WaitFor([&] { return !f.Doc().Sync->Conflicts.empty(); }, "the conflict", 300);
    f.D.Frames(3);
    CHECK(f.D.FindIf([](const item_registry::Item& i) { return i.Label == "Choose"; }));  // the rail asks
    item_registry::Item other = f.D.Require("sync.theirs.0.0");
    CHECK(other.Label.find("Owner's phone") == 0);  // who changed it, and to what
    CHECK(other.Label.find("347 222") != std::string::npos);
    CHECK(f.D.Require("sync.mine.0.0").Label.find("347 111") != std::string::npos);
    f.D.Tap("sync.theirs.0.0");
    f.D.Tap("sync.apply");
    f.Settle();
    CHECK(FindCustomer(f.Doc(), a.Id)->Phone == "347 222");
    CHECK(f.ServerBody(a.Id)["phone"] == "347 222");
    CHECK(f.Doc().Sync->Conflicts.empty());
}

TEST_CASE("sync: conflicting revisions on the server (from other replicas) are merged into one and the losers deleted") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    // Two other devices wrote side by side: the winner changed the city, the loser the e-mail.
    json winner = f.ServerBody(a.Id);
    winner["city"] = "Orvieto";
    f.Couch.Put("customer:" + a.Id, winner);
    json loser = f.ServerBody(a.Id);
    loser.erase("city");
    loser["email"] = "lucia@posta.it";
    loser["_rev"] = "2-loser";
    f.Couch.Losers["customer:" + a.Id].push_back(loser);
    f.Couch.Docs["customer:" + a.Id].Seq = ++f.Couch.Seq;  // the feed shows the document again
    f.Settle();
    f.Settle();
    CHECK(f.Couch.Losers["customer:" + a.Id].empty());
    CHECK(f.ServerBody(a.Id)["city"] == "Orvieto");
    CHECK(f.ServerBody(a.Id)["email"] == "lucia@posta.it");
    const profila::Customer* here = FindCustomer(f.Doc(), a.Id);
    REQUIRE(here);
    CHECK(here->City == "Orvieto");
    CHECK(here->Email == "lucia@posta.it");
}

TEST_CASE("sync: one tab per workspace syncs (Web Locks); another tab's saves go up through the holder, and the lock passes on") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    const std::string lock = "profila-sync-" + f.Doc().Data.Id;
    CHECK(f.Doc().Sync->LockHeld);

    // Another tab of this browser saves a change to the card: its save writes an outbox entry
    // beside it. This tab (the holder) reads the card back and sends that version, not its own.
    profila::Customer theirs = *FindCustomer(f.Doc(), a.Id);
    theirs.Email = "lucia@other-tab.it";
    theirs.Revision = f.Doc().State(Collection::Customers).Stored.at(a.Id) + 1;
    storage::Record outbox{"outbox", "customers/" + a.Id, "{}", theirs.Revision};
    storage_memory::SimulateOtherTabWrite(f.Doc().Data.Id, {CustomerRecord(theirs), outbox});
    f.Settle();
    CHECK(f.ServerBody(a.Id)["email"] == "lucia@other-tab.it");
    CHECK(storage_memory::Records(f.Doc().Data.Id, "outbox").empty());

    // A fresh start of this tab while another tab holds the lock: it saves, but sends nothing.
    tab_lock::Release(lock);
    tab_lock::SetHeldElsewhere(lock, true);
    LoadOpenWorkspace(f.D.App(), false);
    f.D.Advance(1.0);
    CHECK_FALSE(f.Doc().Sync->LockHeld);
    CHECK(SyncStatusJson(f.D.App()).find("\"lock\":\"waiting\"") != std::string::npos);
    int bulk = f.Couch.BulkRequests;
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Phone = "0761 999";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.Advance(3.0);
    CHECK(f.Couch.BulkRequests == bulk);
    CHECK(f.Doc().Sync->Outbox.count("customers/" + a.Id));
    CHECK(storage_memory::Records(f.Doc().Data.Id, "outbox").size() == 1);  // stored with the card, for the holder
    // Meanwhile the holder pulled and moved the checkpoint: this tab reads it again once it holds the lock.
    storage::Record checkpoint{"sync", "checkpoint", R"({"since":"7-held-elsewhere"})", 0};
    storage_memory::SimulateOtherTabWrite(f.Doc().Data.Id, {checkpoint});
    f.D.Advance(0.5);
    CHECK(f.Doc().Sync->RecordsStale);

    // The other tab closes: the browser hands the lock on, this tab reads the sync records again and sends.
    tab_lock::SetHeldElsewhere(lock, false);
    f.D.Advance(0.5);
    CHECK(f.Doc().Sync->LockHeld);
    f.Settle();
    CHECK(f.ServerBody(a.Id)["phone"] == "0761 999");
    CHECK(f.ServerBody(a.Id)["email"] == "lucia@other-tab.it");
}

TEST_CASE("sync: a save made while the tab that has just taken the lock reads the sync records again still goes up") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    const std::string lock = "profila-sync-" + f.Doc().Data.Id;
    // This tab starts while another tab holds the lock; that tab moves the checkpoint meanwhile.
    tab_lock::Release(lock);
    tab_lock::SetHeldElsewhere(lock, true);
    LoadOpenWorkspace(f.D.App(), false);
    f.D.Advance(1.0);
    storage::Record checkpoint{"sync", "checkpoint", R"({"since":"7-held-elsewhere"})", 0};
    storage_memory::SimulateOtherTabWrite(f.Doc().Data.Id, {checkpoint});
    f.D.Advance(0.5);
    REQUIRE(f.Doc().Sync->RecordsStale);

    // The other tab closes: this tab takes the lock and reads the sync records again. A card saved
    // before that read answers is written after the read began, so the read does not have its
    // outbox entry.
    storage_memory::ReadNextLoadAtRequest();
    tab_lock::SetHeldElsewhere(lock, false);
    f.D.Frame();
    REQUIRE(f.Doc().Sync->LockHeld);
    REQUIRE(f.Doc().Sync->Reloading);
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Phone = "0761 2024";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    FlushStore(f.D.App());
    f.D.Frame();
    CHECK_FALSE(f.Doc().Sync->Reloading);
    CHECK(f.Doc().Sync->Outbox.count("customers/" + a.Id));
    f.Settle();
    CHECK(f.ServerBody(a.Id)["phone"] == "0761 2024");
    CHECK(storage_memory::Records(f.Doc().Data.Id, "outbox").empty());
}

TEST_CASE("sync: a forgotten customer is deleted on the server and purged; a copy coming back from the server is not taken in") {
    SyncFixture f;
    f.D.Advance(0.2);
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    profila::Customer b = f.NewCustomer("Bar Sole", "0761 2");
    f.Connect();
    f.Settle();
    REQUIRE(f.Couch.Docs.count("customer:" + a.Id));
    ForgetCustomers(f.Doc(), {a.Id}, ImGui::GetTime());
    f.Settle();
    f.D.Advance(1.0);
    CHECK_FALSE(f.Couch.Docs.count("customer:" + a.Id));  // deleted, then purged
    REQUIRE(f.Couch.Purged.size() == 1);
    CHECK(f.Couch.Purged[0] == "customer:" + a.Id);
    CHECK(f.Doc().Sync->Purged == 1);
    CHECK(f.Couch.Docs.count("customer:" + b.Id));

    // A device that never heard of the forgetting sends the person up again, under another id.
    profila::Customer again = a;
    again.Id = "01JOTHERDEVICE0000000000FF";
    json body = profila::CustomerToJsonValue(again);
    body["type"] = "customer";
    f.Couch.Put("customer:" + again.Id, body);
    f.D.Advance(6.0);
    f.Settle();
    f.D.Advance(1.0);
    CHECK_FALSE(FindCustomer(f.Doc(), again.Id));               // not taken in
    CHECK(f.Doc().Sync->SkippedForgotten == 1);
    CHECK_FALSE(f.Couch.Docs.count("customer:" + again.Id));   // deleted there, and purged
    CHECK(f.Couch.Purged.size() == 2);
    // Nothing of the person on this device's disk: no card, no base holding the server's copy.
    for (const char* collection : {"customers", "sync", "outbox"})
        for (const auto& r : storage_memory::Records(f.Doc().Data.Id, collection)) CHECK(r.Bytes.find("Lucia") == std::string::npos);
}

TEST_CASE("sync: a push the server stored but whose answer was lost, edited again here: the edit goes up, nothing to choose") {
    // The page killed (or the network cut) after _bulk_docs reached the server: the device still has
    // the change in its outbox, edits the card again, and then meets its own earlier push on the
    // server (through the feed, or as a push conflict). That copy is an ancestor of the card here,
    // not another device's edit: the later edit wins without asking the person.
    SyncFixture f;
    f.D.Advance(0.2);
    f.Connect();
    f.Settle();
    f.Couch.LoseBulkAnswer = true;
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    f.D.WaitFor([&] { return f.Couch.Docs.count("customer:" + a.Id) > 0; }, "the push to reach the server", 300);
    REQUIRE(f.Couch.Down);
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Phone = "0761 2";
    mine.Notes = "edited after it was sent";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.Advance(1.0);
    CHECK(f.Doc().Sync->Outbox.count("customers/" + a.Id));
    f.Couch.Down = false;
    f.D.Advance(6.0);
    f.Settle();
    CHECK(f.Doc().Sync->Conflicts.empty());
    CHECK(f.ServerBody(a.Id)["phone"] == "0761 2");
    CHECK(f.ServerBody(a.Id)["notes"] == "edited after it was sent");
    CHECK(FindCustomer(f.Doc(), a.Id)->Phone == "0761 2");
    CHECK(f.Doc().Sync->Outbox.empty());

    // The same after a card that was already on the server: sent, answer lost, edited again.
    f.Couch.LoseBulkAnswer = true;
    mine = *FindCustomer(f.Doc(), a.Id);
    mine.City = "Viterbo";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.WaitFor([&] { return f.Couch.Down; }, "the second push to reach the server", 300);
    CHECK(f.ServerBody(a.Id)["city"] == "Viterbo");
    mine = *FindCustomer(f.Doc(), a.Id);
    mine.City = "Orvieto";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.Advance(1.0);
    f.Couch.Down = false;
    f.D.Advance(6.0);
    f.Settle();
    CHECK(f.Doc().Sync->Conflicts.empty());
    CHECK(f.ServerBody(a.Id)["city"] == "Orvieto");
    CHECK(f.ServerBody(a.Id)["phone"] == "0761 2");

    // Sent, answer lost, then deleted here: the delete reaches the server (the card is not left there).
    f.Couch.LoseBulkAnswer = true;
    mine = *FindCustomer(f.Doc(), a.Id);
    mine.City = "Tarquinia";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.D.WaitFor([&] { return f.Couch.Down; }, "the third push to reach the server", 300);
    RemoveCustomer(f.Doc(), a.Id, ImGui::GetTime());
    f.D.Advance(1.0);
    f.Couch.Down = false;
    f.D.Advance(6.0);
    f.Settle();
    CHECK(f.Doc().Sync->Conflicts.empty());
    CHECK_FALSE(FindCustomer(f.Doc(), a.Id));
    CHECK(f.Couch.Docs.at("customer:" + a.Id).Deleted);
    CHECK(f.Doc().Sync->Outbox.empty());
}

TEST_CASE("sync: the conflicts of one push are read back in one request, and those cards are not sent again meanwhile") {
    SyncFixture f;
    f.D.Advance(0.2);
    f.Connect();
    f.Settle();
    f.Couch.LoseBulkAnswer = true;  // 30 cards stored on the server, the answer lost: each push of them now conflicts
    std::vector<profila::Customer> made;
    for (int i = 0; i < 30; ++i) made.push_back(f.NewCustomer("Customer " + std::to_string(i), "0761 " + std::to_string(i)));
    f.D.WaitFor([&] { return f.Couch.Down; }, "the push to reach the server", 300);
    CHECK(f.Couch.Docs.size() == 30);
    // The next push goes before the feed brings them back: 30 conflicts, read in one _all_docs.
    f.Couch.Down = false;
    SyncBook& s = *f.Doc().Sync;
    s.NextPushAt = 0.0;
    s.NextPullAt = 1e9;
    f.D.Frames(3);
    CHECK(f.Couch.AllDocsRequests == 1);
    int bulk = f.Couch.BulkRequests;
    f.D.Advance(2.0);
    f.Settle();
    CHECK(f.Couch.AllDocsRequests == 1);
    CHECK(f.Couch.BulkRequests == bulk);  // the server's copies are these cards: nothing to send again
    CHECK(s.Conflicts.empty());
    CHECK(s.Outbox.empty());
    for (const profila::Customer& c : made) CHECK(f.ServerBody(c.Id)["name"] == c.Name);
}

TEST_CASE("sync: _bulk_docs rows are matched to the cards sent by id, not by their order") {
    // pouchdb-server answered a push of three cards [S0002, S0003, S0004] with [S0004 conflict,
    // S0002 ok, S0003 conflict]: read by position, S0003 took S0002's _rev as its base and lost its
    // outbox entry, and its edit was overwritten by the other device's (tests/e2e/sync.test.mjs,
    // one run in four).
    SyncFixture f;
    f.D.Advance(0.2);
    profila::Customer a = f.NewCustomer("Lucia Ferri", "0761 1");
    profila::Customer b = f.NewCustomer("Bar Sole", "0761 2");
    f.Connect();
    f.Settle();
    f.Couch.Down = true;  // this device offline: both cards edited here, the first also on the other device
    profila::Customer mine_a = *FindCustomer(f.Doc(), a.Id);
    mine_a.Phone = "347 here";
    CommitCustomer(f.Doc(), mine_a, ImGui::GetTime());
    profila::Customer mine_b = *FindCustomer(f.Doc(), b.Id);
    mine_b.Notes = "edited here";
    CommitCustomer(f.Doc(), mine_b, ImGui::GetTime());
    f.D.Advance(2.0);
    json theirs = f.ServerBody(a.Id);
    theirs["phone"] = "347 there";
    theirs["device"] = "Owner's phone";
    theirs.erase("deviceId");
    f.Couch.Put("customer:" + a.Id, theirs);
    f.Couch.ReverseBulkRows = true;
    f.Couch.Down = false;
    SyncBook& s = *f.Doc().Sync;
    s.NextPushAt = 0.0;
    s.NextPullAt = 1e9;  // the push first, as when the pull is still on its way
    f.D.Frames(3);
    s.NextPullAt = 0.0;
    f.D.WaitFor([&] { return !s.Conflicts.empty(); }, "the conflict on the card both changed", 600);
    CHECK(s.Conflicts.front().Ref == "customers/" + a.Id);
    CHECK(FindCustomer(f.Doc(), a.Id)->Phone == "347 here");  // kept until the person chooses
    CHECK(s.Bases.at("customers/" + b.Id).Rev == f.Couch.Docs.at("customer:" + b.Id).Rev);
    CHECK(f.ServerBody(b.Id)["notes"] == "edited here");
    CHECK(f.ServerBody(a.Id)["phone"] == "347 there");
}

TEST_CASE("sync: a _changes page read before this device's push landed does not undo the push when it arrives after the acknowledgement") {
    SyncFixture f;
    profila::Customer a = f.Joined("Lucia Ferri", "0761 1");
    json old_row = {{"id", "customer:" + a.Id}, {"seq", f.Couch.Docs.at("customer:" + a.Id).Seq},
                    {"changes", json::array({{{"rev", f.Couch.Docs.at("customer:" + a.Id).Rev}}})}, {"doc", f.ServerBody(a.Id)}};
    profila::Customer mine = *FindCustomer(f.Doc(), a.Id);
    mine.Notes = "edited here";
    CommitCustomer(f.Doc(), mine, ImGui::GetTime());
    f.Settle();
    REQUIRE(f.ServerBody(a.Id)["notes"] == "edited here");
    std::string rev = f.Couch.Docs.at("customer:" + a.Id).Rev;
    f.Couch.StaleChanges.push_back(old_row);  // the card as it was before the push
    SyncNow(f.D.App());
    f.Settle();
    f.Settle();
    CHECK(FindCustomer(f.Doc(), a.Id)->Notes == "edited here");
    CHECK(f.Doc().Sync->Bases.at("customers/" + a.Id).Rev == rev);
    CHECK(f.ServerBody(a.Id)["notes"] == "edited here");
    CHECK(f.Couch.Docs.at("customer:" + a.Id).Rev == rev);  // nothing sent back
}

TEST_CASE("sync: settings set before joining go up at the first connect; a fresh device's defaults do not, and take the others' values") {
    // The first tablet: its business name set before it joins goes up with its customers.
    {
        SyncFixture f;
        f.D.Advance(0.2);
        f.SetSettings([](WorkspaceSettings& s) { s.BusinessName = "Forno Rossi"; });
        f.Connect();
        f.Settle();
        REQUIRE(f.Couch.Docs.count("settings:workspace"));
        CHECK(f.Couch.Docs.at("settings:workspace").Body["businessName"] == "Forno Rossi");
    }
    // A fresh device (defaults, never edited) joining a database whose settings are set: nothing of
    // its own goes up, and the business name arrives.
    {
        SyncFixture f;
        f.D.Advance(0.2);
        f.ServerSettings("Forno Rossi");
        std::string rev = f.Couch.Docs.at("settings:workspace").Rev;
        f.Connect();
        f.Settle();
        CHECK(f.Doc().Settings.BusinessName == "Forno Rossi");
        CHECK(f.Couch.Docs.at("settings:workspace").Rev == rev);
        CHECK(f.Doc().Sync->Conflicts.empty());
    }
    // A device that set another field before joining: merged against the defaults, both kept on
    // both sides, nothing to choose.
    {
        SyncFixture f;
        f.D.Advance(0.2);
        f.ServerSettings("Forno Rossi");
        f.SetSettings([](WorkspaceSettings& s) { s.RetentionYears = 5; });
        f.Connect();
        f.Settle();
        CHECK(f.Doc().Sync->Conflicts.empty());
        CHECK(f.Doc().Settings.BusinessName == "Forno Rossi");
        CHECK(f.Doc().Settings.RetentionYears == 5);
        CHECK(f.Couch.Docs.at("settings:workspace").Body["businessName"] == "Forno Rossi");
        CHECK(f.Couch.Docs.at("settings:workspace").Body["retentionYears"] == 5);
    }
    // Both named the business before joining, differently: the person chooses.
    {
        SyncFixture f;
        f.D.Advance(0.2);
        f.ServerSettings("Forno Rossi");
        f.SetSettings([](WorkspaceSettings& s) { s.BusinessName = "Panificio Rossi"; });
        f.Connect();
        f.D.WaitFor([&] { return !f.Doc().Sync->Conflicts.empty(); }, "the settings conflict", 400);
        CHECK(f.Doc().Sync->Conflicts.front().Ref == "settings/workspace");
        CHECK(f.Doc().Settings.BusinessName == "Panificio Rossi");  // nothing changed before the choice
    }
}
