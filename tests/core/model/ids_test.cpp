#include <doctest/doctest.h>

#include <set>

#include "model/ids.h"

using namespace profila;

TEST_CASE("ids: a ULID encodes its time and sorts by it") {
    std::array<uint8_t, 10> zero{}, ones{};
    ones.fill(0xFF);
    CHECK(MakeUlid(0, zero) == "00000000000000000000000000");
    CHECK(MakeUlid(0, ones) == "0000000000ZZZZZZZZZZZZZZZZ");
    // 2016-07-30T23:54:10.259Z, the time of the ULID spec's example 01ARZ3NDEKTSV4RRFFQ69G5FAV
    std::string id = MakeUlid(1469922850259ull, zero);
    CHECK(id.substr(0, 10) == "01ARZ3NDEK");
    CHECK(IsUlid(id));
    CHECK(UlidTime(id) == 1469922850259ull);
    CHECK(MakeUlid(1469922850259ull, ones) < MakeUlid(1469922850260ull, zero));
    CHECK_FALSE(IsUlid("C00012"));
    CHECK_FALSE(IsUlid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ"));  // past 48 bits of time
    CHECK_FALSE(IsUlid("01ARYZ6S41000000000000000I"));  // I is not Crockford
    CHECK(UlidTime("C00012") == 0);
}

TEST_CASE("ids: one source gives increasing, distinct ids, two seeds do not meet") {
    IdSource a(1), b(2);
    std::set<std::string> seen;
    std::string last;
    for (int i = 0; i < 5000; ++i) {
        uint64_t ms = 1700000000000ull + static_cast<uint64_t>(i / 100);  // 100 ids per millisecond
        std::string id = a.Next(ms);
        CHECK(IsUlid(id));
        CHECK(id > last);
        last = id;
        CHECK(seen.insert(id).second);
        CHECK(seen.insert(b.Next(ms)).second);  // another device at the same instant
    }
    // A clock that steps back keeps the order (the last millisecond is reused).
    std::string before = a.Next(1800000000000ull);
    CHECK(a.Next(1700000000000ull) > before);
}
