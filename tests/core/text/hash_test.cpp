// FNV-1a 64: the standard byte-wise hash (reference vectors) and the word-wise change key.
#include <doctest/doctest.h>

#include "codec/customer_json.h"
#include "text/hash.h"

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
