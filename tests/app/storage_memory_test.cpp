// The in-memory storage keeps storage.h's guarantees, so the app tests mean what they say:
// callbacks run later, a Write is all or nothing, revisions are checked as web/storage.js does.
#include <doctest/doctest.h>

#include "platform/storage_memory.h"

namespace {

storage::Record Put(const char* key, const char* bytes, int64_t revision, int64_t base) {
    storage::Record r;
    r.Collection = "customers";
    r.Key = key;
    r.Json = bytes;
    r.Revision = revision;
    r.BaseRevision = base;
    return r;
}

// Writes and pumps; returns the result.
storage::WriteResult WriteNow(std::vector<storage::Record> puts, std::vector<storage::RecordRef> deletes = {}) {
    storage::WriteResult out;
    bool done = false;
    storage::Write("w1", std::move(puts), std::move(deletes), [&](storage::WriteResult r) {
        out = std::move(r);
        done = true;
    });
    CHECK_FALSE(done);  // never inside the call
    storage_memory::RunPending();
    CHECK(done);
    return out;
}

}  // namespace

TEST_CASE("storage_memory: revisions are checked and a refused or failed write changes nothing") {
    storage_memory::Reset();
    CHECK(WriteNow({Put("A", "a1", 1, 0)}).Ok);                // new: base 0, nothing stored
    storage::WriteResult again = WriteNow({Put("A", "a1'", 1, 0), Put("B", "b1", 1, 0)});
    CHECK(again.Code == storage::WriteError::Conflict);        // A exists: base 0 is stale
    REQUIRE(again.Conflicts.size() == 1);
    CHECK(again.Conflicts[0].Key == "A");
    CHECK(again.Conflicts[0].BaseRevision == 1);
    CHECK(storage_memory::Records("w1", "customers").size() == 1);  // B was not written either

    CHECK(WriteNow({Put("A", "a1", 1, 0)}).Ok);                // this exact write already landed
    CHECK(WriteNow({Put("A", "a2", 2, 1)}).Ok);
    CHECK(WriteNow({Put("A", "old", 1, 2)}).Code == storage::WriteError::Conflict);  // never lower
    CHECK(WriteNow({}, {{"customers", "A", 1}}).Code == storage::WriteError::Conflict);

    storage_memory::FailNextWrite(storage::WriteError::Quota);
    CHECK(WriteNow({Put("A", "a3", 3, 2)}).Code == storage::WriteError::Quota);
    CHECK(WriteNow({Put("A", "a3", 3, 2)}).Ok);                // only the next one fails
    auto stored = storage_memory::Records("w1", "customers");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Bytes == "a3");
    CHECK(stored[0].Revision == 3);

    CHECK(WriteNow({}, {{"customers", "A", 3}}).Ok);
    CHECK(storage_memory::Records("w1", "customers").empty());
    CHECK(storage_memory::CompletedWrites() == 5);
}

TEST_CASE("storage_memory: ReplaceCollection and another tab's write and the quarantine") {
    storage_memory::Reset();
    WriteNow({Put("A", "a", 1, 0), Put("B", "b", 1, 0)});
    bool replaced = false;
    storage::ReplaceCollections("w1", {"customers"}, {Put("C", "c", 1, 7)}, [&](storage::WriteResult r) { replaced = r.Ok; });
    storage_memory::RunPending();
    CHECK(replaced);
    auto stored = storage_memory::Records("w1", "customers");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Key == "C");

    std::vector<storage::RemoteChange> heard;
    storage::OnRemoteChange([&](const storage::RemoteChange& c) { heard.push_back(c); });
    storage_memory::SimulateOtherTabWrite("w1", {Put("D", "d", 4, -1)}, {{"customers", "C", -1}});
    CHECK(heard.empty());  // the message arrives later
    storage_memory::RunPending();
    REQUIRE(heard.size() == 1);
    CHECK(heard[0].WorkspaceId == "w1");
    REQUIRE(heard[0].Puts.size() == 1);
    CHECK(heard[0].Puts[0].BaseRevision == 4);
    REQUIRE(heard[0].Deletes.size() == 1);
    stored = storage_memory::Records("w1", "customers");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Key == "D");

    // KeepAside copies into quarantine and leaves the record; SetAside moves it there.
    storage::KeepAside("w1", {Put("D", "mine", 5, -1)}, {"kept"}, nullptr);
    CHECK(storage_memory::Records("w1", "customers").size() == 1);
    storage::SetAside("w1", {{"customers", "D", -1}}, {"broken"}, nullptr);
    CHECK(storage_memory::Records("w1", "customers").empty());
    std::vector<storage::SetAsideRecord> aside;
    storage::ListSetAside("w1", [&](std::vector<storage::SetAsideRecord> list) { aside = std::move(list); });
    storage_memory::RunPending();
    REQUIRE(aside.size() == 2);
    CHECK(aside[0].Reason == "kept");
    CHECK(aside[1].Reason == "broken");
    storage_memory::Reset();
}
