#include <doctest/doctest.h>

#include <random>
#include <set>
#include <vector>

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

TEST_CASE("ids: the random part is its 80 bits, five at a time, most significant first") {
    std::mt19937_64 random(99);
    for (int i = 0; i < 2000; ++i) {
        std::array<uint8_t, 10> bytes{};
        for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
        std::string want;
        for (int bit = 0; bit < 80; bit += 5) {
            int v = 0;
            for (int k = bit; k < bit + 5; ++k) v = (v << 1) | ((bytes[static_cast<size_t>(k / 8)] >> (7 - k % 8)) & 1);
            want += "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[v];
        }
        CAPTURE(i);
        CHECK(MakeUlid(1469922850259ull, bytes) == "01ARZ3NDEK" + want);
    }
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

TEST_CASE("ids: a CompactId holds exactly the text given, in the row up to 26 bytes, else in a block") {
    CHECK(CompactId().empty());
    CHECK(CompactId().view().empty());
    CHECK(std::string(CompactId().c_str()).empty());
    const std::string ulid = MakeUlid(1469922850259ull, std::array<uint8_t, 10>{});
    const std::string longer(40, 'z');
    const std::string with_nul("a\0b", 3);
    for (const std::string& text : {std::string("F-1"), ulid, std::string(26, 'k'), std::string(27, 'k'), longer, with_nul}) {
        CompactId id = text;
        CHECK(id == text);
        CHECK(id.size() == text.size());
        CHECK(id.str() == text);
        CHECK(std::string(id.c_str()) == std::string(text.c_str()));  // a C string, as std::string's
        CompactId copy = id;
        CHECK(copy == id);
        CompactId moved = std::move(copy);
        CHECK(moved == text);
        CHECK(copy.empty());  // NOLINT: a moved-from id is empty
        copy = moved;
        CHECK(copy == text);
        copy = "other";
        CHECK(copy == "other");
        CHECK(copy != moved);
        moved.Swap(copy);
        CHECK(moved == "other");
        CHECK(copy == text);
        copy.clear();
        CHECK(copy.empty());
    }
    CHECK(IsUlid(CompactId(ulid)));
    CHECK(CompactId("a") < CompactId("b"));
    // A few of them in a vector: moved around when it grows, each keeps its text.
    std::vector<CompactId> ids;
    for (int i = 0; i < 100; ++i) ids.push_back(i % 2 ? CompactId(std::to_string(i)) : CompactId(longer + std::to_string(i)));
    for (int i = 0; i < 100; ++i) CHECK(ids[static_cast<size_t>(i)] == (i % 2 ? std::to_string(i) : longer + std::to_string(i)));
}
