#include <doctest/doctest.h>

#include <cctype>
#include <cstring>
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

TEST_CASE("ids: a CompactId holds exactly the text given: a ULID in capitals packed, up to 16 bytes in the row, else in a block") {
    CHECK(CompactId().empty());
    CHECK(CompactId().text().view().empty());
    CHECK(CompactId().size() == 0);
    static_assert(sizeof(CompactId) == 17 && alignof(CompactId) == 1, "16 bytes and a size, aligned to one");
    const std::string ulid = MakeUlid(1469922850259ull, std::array<uint8_t, 10>{});
    const std::string longer(40, 'z');
    const std::string with_nul("a\0b", 3);
    std::string lower_ulid = ulid;
    for (char& c : lower_ulid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& text : {std::string("F-1"), ulid, lower_ulid, std::string(16, 'k'), std::string(17, 'k'), std::string(26, 'k'),
                                    std::string(27, 'k'), longer, with_nul, std::string("inv-00112233aabbccdd"), std::string("8") + ulid.substr(1)}) {
        CompactId id = text;
        CHECK(id == text);
        CHECK(id.size() == text.size());
        CHECK(id.str() == text);
        CHECK(std::string_view(id.text()) == text);
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
    CHECK(IsUlid(CompactId(ulid).str()));
    CHECK(CompactId("a") < CompactId("b"));
    CHECK(CompactId(ulid) < CompactId(MakeUlid(1469922850260ull, std::array<uint8_t, 10>{})));  // packed ULIDs sort as their texts
    // A few of them in a vector: moved around when it grows, each keeps its text.
    std::vector<CompactId> ids;
    for (int i = 0; i < 100; ++i) ids.push_back(i % 2 ? CompactId(std::to_string(i)) : CompactId(longer + std::to_string(i)));
    for (int i = 0; i < 100; ++i) CHECK(ids[static_cast<size_t>(i)] == (i % 2 ? std::to_string(i) : longer + std::to_string(i)));
}

TEST_CASE("ids: a ULID packs into 16 bytes and back to the same characters, and only a ULID in capitals does") {
    std::mt19937_64 random(7);
    for (int i = 0; i < 2000; ++i) {
        std::array<uint8_t, 10> bits{};
        for (uint8_t& b : bits) b = static_cast<uint8_t>(random());
        const uint64_t ms = i == 0 ? 0 : i == 1 ? (uint64_t{1} << 48) - 1 : random() >> 16;  // the smallest and largest times too
        const std::string text = MakeUlid(ms, bits);
        uint8_t packed[16];
        REQUIRE(PackUlid(text, packed));
        char back[26];
        UnpackUlid(packed, back);
        CHECK(std::string(back, 26) == text);
        CHECK(UlidTime(text) == ms);
        // The first six bytes are the time, big-endian; the rest the random bits.
        uint64_t time = 0;
        for (int k = 0; k < 6; ++k) time = time << 8 | packed[k];
        CHECK(time == ms);
        CHECK(std::memcmp(packed + 6, bits.data(), 10) == 0);
    }
    uint8_t packed[16] = {};
    const std::string ulid = MakeUlid(1469922850259ull, std::array<uint8_t, 10>{1, 2, 3});
    std::string lower = ulid;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK_FALSE(PackUlid(lower, packed));               // read back it would be in capitals
    CHECK_FALSE(PackUlid("8" + ulid.substr(1), packed));  // more than 128 bits
    CHECK_FALSE(PackUlid(ulid.substr(1), packed));        // 25 characters
    CHECK_FALSE(PackUlid(ulid.substr(0, 25) + "U", packed));  // U is not in the alphabet
}

TEST_CASE("ids: a source's next id packed is its next id's characters packed, the same millisecond or not") {
    IdSource as_text(99), as_bits(99);
    uint64_t ms = 1767225600000ull;
    for (int i = 0; i < 500; ++i) {
        if (i % 7 == 0) ms += static_cast<uint64_t>(i % 3);  // some ids in the same millisecond, one going back
        if (i == 300) ms -= 5;
        const UlidText text = as_text.NextText(ms);
        uint8_t expected[16], packed[16];
        REQUIRE(PackUlid(std::string_view(text.data(), text.size()), expected));
        as_bits.NextPacked(ms, packed);
        CHECK(std::memcmp(expected, packed, 16) == 0);
        CompactId id;
        id.SetPacked(packed);
        CHECK(id == std::string_view(text.data(), text.size()));
    }
}
