// FNV-1a 64: the standard byte-wise hash (reference vectors) and the word-wise change key.
#include <doctest/doctest.h>

#include "codec/customer_json.h"
#include "text/hash.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace profila;

TEST_CASE("hash: FNV-1a 64 over bytes matches the reference vectors") {
    // Fowler/Noll/Vo's published test vectors.
    CHECK(Fnv1a64Bytes(kFnv1a64Basis, "") == 0xcbf29ce484222325ull);
    CHECK(Fnv1a64Bytes(kFnv1a64Basis, "a") == 0xaf63dc4c8601ec8cull);
    CHECK(Fnv1a64Bytes(kFnv1a64Basis, "foobar") == 0x85944171f73967e8ull);
    // Hashing in pieces is hashing the whole.
    CHECK(Fnv1a64Bytes(Fnv1a64Bytes(kFnv1a64Basis, "foo"), "bar") == Fnv1a64Bytes(kFnv1a64Basis, "foobar"));
    // Bytes above 0x7F count as unsigned (the same on every platform's char).
    CHECK(Fnv1a64Bytes(kFnv1a64Basis, "\xC3\xA0") == ((kFnv1a64Basis ^ 0xC3u) * kFnv1a64Prime ^ 0xA0u) * kFnv1a64Prime);
    // The record checksum (codec) is the same hash.
    for (const char* s : {"", "a", "foobar", "{\"id\":\"c1\",\"name\":\"Nicolò\"}"})
        CHECK(Fnv1a64Bytes(kFnv1a64Basis, s) == Fnv1a64(s));
    static_assert(Fnv1a64Bytes(kFnv1a64Basis, "a") == 0xaf63dc4c8601ec8cull, "usable at compile time");
}

TEST_CASE("hash: a word-wise key changes when any word does, and with their order") {
    uint64_t a = Fnv1a64Word(Fnv1a64Word(kFnv1a64Basis, 1), 2);
    CHECK(a == Fnv1a64Word(Fnv1a64Word(kFnv1a64Basis, 1), 2));
    CHECK(a != Fnv1a64Word(Fnv1a64Word(kFnv1a64Basis, 2), 1));
    CHECK(a != Fnv1a64Word(Fnv1a64Word(kFnv1a64Basis, 1), 3));
    CHECK(Fnv1a64Word(kFnv1a64Basis, 0) == kFnv1a64Basis * kFnv1a64Prime);
}

TEST_CASE("hash: many texts at once give each text's own FNV-1a, whatever their lengths and number") {
    // Texts of lengths 0..300 in a shuffled order (a lane ends at every length), in batches of
    // every size from 0 to 12 (fewer texts than lanes, a few more, and uneven ends).
    std::vector<std::string> texts;
    uint64_t seed = 12345;
    for (size_t len = 0; len <= 300; ++len) {
        std::string t;
        for (size_t i = 0; i < len; ++i) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            t.push_back(static_cast<char>(seed >> 56));  // every byte value, above 0x7F too
        }
        texts.push_back(std::move(t));
    }
    for (size_t i = texts.size() - 1; i > 0; --i) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        std::swap(texts[i], texts[(seed >> 33) % (i + 1)]);
    }
    std::vector<std::string_view> views(texts.begin(), texts.end());
    for (size_t batch = 0; batch <= 12; ++batch) {
        for (size_t start = 0; start + batch <= views.size(); start += std::max<size_t>(batch, 1) * 7) {
            std::vector<uint64_t> sums(batch, 0);
            Fnv1a64Each(views.data() + start, batch, sums.data());
            for (size_t i = 0; i < batch; ++i) REQUIRE(sums[i] == Fnv1a64Bytes(kFnv1a64Basis, views[start + i]));
        }
    }
    std::vector<uint64_t> all(views.size());
    Fnv1a64Each(views.data(), views.size(), all.data());
    for (size_t i = 0; i < views.size(); ++i) CHECK(all[i] == Fnv1a64(views[i]));
}
