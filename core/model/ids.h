// Ids that hold across devices: every customer, persona and history row may one day meet its copy
// from another tablet, so new ids are ULIDs (time-ordered and random), not counters. A ULID is 26
// characters of Crockford base 32: 48 bits of milliseconds since 1970, then 80 random bits. Ids
// already stored ("C00012", "c3", "P1") are kept as they are: an id is any non-empty text.
#pragma once
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace profila {

// The ULID of this instant and these 80 random bits.
[[nodiscard]] std::string MakeUlid(uint64_t unix_ms, const std::array<uint8_t, 10>& random);
// True for 26 Crockford base-32 characters whose first is 0-7 (48 bits of time).
[[nodiscard]] bool IsUlid(std::string_view id);
// The milliseconds a ULID was made at (0 when id is not a ULID).
[[nodiscard]] uint64_t UlidTime(std::string_view id);

// Makes new ids. Within one millisecond the random part counts up, so ids made by one source sort in
// the order they were made (the ULID spec's monotonic mode). Seed it from a real entropy source.
class IdSource {
public:
    explicit IdSource(uint64_t seed) : Random_(seed) {}
    [[nodiscard]] std::string Next(uint64_t unix_ms);

private:
    std::mt19937_64 Random_;
    uint64_t LastMs_ = 0;
    std::array<uint8_t, 10> Last_{};
};

}  // namespace profila
