// FNV-1a 64 (Fowler/Noll/Vo): a small, fast, portable hash for checksums, deterministic seeds and
// cache keys. Not for security. Hash bytes with Fnv1a64Bytes(kFnv1a64Basis, bytes); fold whole
// 64-bit values (counts, revisions) into a change key with Fnv1a64Word.
#pragma once
#include <cstdint>
#include <string_view>

namespace profila {

inline constexpr uint64_t kFnv1a64Basis = 0xcbf29ce484222325ull;  // the offset basis, 14695981039346656037
inline constexpr uint64_t kFnv1a64Prime = 0x100000001b3ull;       // 1099511628211

// Continues the hash h over bytes, one byte a step (the standard FNV-1a).
[[nodiscard]] constexpr uint64_t Fnv1a64Bytes(uint64_t h, std::string_view bytes) {
    for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * kFnv1a64Prime;
    return h;
}

// Folds a whole 64-bit value into h in one step: a cheap key that changes when any value does
// (not the byte-wise standard hash, so never compare it with Fnv1a64Bytes).
[[nodiscard]] constexpr uint64_t Fnv1a64Word(uint64_t h, uint64_t word) { return (h ^ word) * kFnv1a64Prime; }

}  // namespace profila
