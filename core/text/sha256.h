// SHA-256 (FIPS 180-4), for the forgotten-people list (core/privacy/privacy.h): a one-way hash of a
// forgotten customer's identifiers. The house's FNV-1a (text/hash.h) is a checksum, not one-way:
// a short phone number could be found again from it by trying every number, so this is the real
// cryptographic hash, written out here (no crypto library is among the project's dependencies).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace profila {

[[nodiscard]] std::array<uint8_t, 32> Sha256(std::string_view bytes);
// The digest as 64 lowercase hex digits.
[[nodiscard]] std::string Sha256Hex(std::string_view bytes);

}  // namespace profila
