#include "model/ids.h"

namespace profila {
namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Each byte's digit value in the alphabet, -1 for a byte that is not one of its characters.
struct DigitTable {
    int8_t Value[256];
    constexpr DigitTable() : Value() {
        for (int c = 0; c < 256; ++c) Value[c] = -1;
        for (int d = 0; d < 32; ++d) Value[static_cast<unsigned char>(kAlphabet[d])] = static_cast<int8_t>(d);
    }
};
constexpr DigitTable kDigits;

int DigitValue(char c) { return kDigits.Value[static_cast<unsigned char>(c)]; }

// A ULID's 128 bits as PackUlid keeps them: the 48 bits of milliseconds, most significant byte
// first, then the 80 random bits.
void PackTimeAndRandom(uint64_t unix_ms, const std::array<uint8_t, 10>& random, uint8_t (&out)[16]) {
    const uint64_t ms = unix_ms & ((uint64_t{1} << 48) - 1);
    for (int k = 0; k < 6; ++k) out[k] = static_cast<uint8_t>(ms >> (8 * (5 - k)));
    std::memcpy(out + 6, random.data(), random.size());
}
}  // namespace

bool PackUlid(std::string_view text, uint8_t (&out)[16]) {
    if (text.size() != 26 || text[0] > '7') return false;
    // 26 digits of 5 bits, the first at most 7 (3 bits): 128 bits, into hi:lo.
    uint64_t hi = 0, lo = 0;
    for (char c : text) {
        const int d = DigitValue(c);
        if (d < 0) return false;
        hi = hi << 5 | lo >> 59;
        lo = lo << 5 | static_cast<uint64_t>(d);
    }
    for (int i = 0; i < 8; ++i) {
        out[7 - i] = static_cast<uint8_t>(hi >> (8 * i));
        out[15 - i] = static_cast<uint8_t>(lo >> (8 * i));
    }
    return true;
}

void UnpackUlid(const uint8_t (&bits)[16], char (&out)[26]) {
    uint64_t hi = 0, lo = 0;
    for (int i = 0; i < 8; ++i) {
        hi = hi << 8 | bits[i];
        lo = lo << 8 | bits[8 + i];
    }
    for (int k = 25; k >= 0; --k) {
        out[k] = kAlphabet[lo & 31];
        lo = lo >> 5 | hi << 59;
        hi >>= 5;
    }
}

UlidText MakeUlidText(uint64_t unix_ms, const std::array<uint8_t, 10>& random) {
    uint8_t bits[16];
    PackTimeAndRandom(unix_ms, random, bits);
    char chars[26];
    UnpackUlid(bits, chars);
    UlidText out;
    std::memcpy(out.data(), chars, out.size());
    return out;
}

std::string MakeUlid(uint64_t unix_ms, const std::array<uint8_t, 10>& random) {
    const UlidText text = MakeUlidText(unix_ms, random);
    return std::string(text.data(), text.size());
}

bool IsUlid(std::string_view id) {
    uint8_t bits[16];
    return PackUlid(id, bits);
}

uint64_t UlidTime(std::string_view id) {
    uint8_t bits[16];
    if (!PackUlid(id, bits)) return 0;
    uint64_t t = 0;
    for (int k = 0; k < 6; ++k) t = t << 8 | bits[k];
    return t;
}

std::string IdSource::Next(uint64_t unix_ms) {
    const UlidText text = NextText(unix_ms);
    return std::string(text.data(), text.size());
}

void IdSource::Advance(uint64_t unix_ms) {
    if (unix_ms <= LastMs_) {
        // Same (or an earlier) millisecond: count the random part up, keeping the order.
        for (int i = 9; i >= 0; --i)
            if (++Last_[static_cast<size_t>(i)] != 0) break;
        return;
    }
    LastMs_ = unix_ms;
    for (size_t i = 0; i < Last_.size(); i += 5) {
        uint64_t r = Random_();
        for (size_t k = 0; k < 5 && i + k < Last_.size(); ++k) Last_[i + k] = static_cast<uint8_t>(r >> (8 * k));
    }
    Last_[0] &= 0x7F;  // room to count up within the millisecond without wrapping
}

UlidText IdSource::NextText(uint64_t unix_ms) {
    Advance(unix_ms);
    return MakeUlidText(LastMs_, Last_);
}

void IdSource::NextPacked(uint64_t unix_ms, uint8_t (&out)[16]) {
    Advance(unix_ms);
    PackTimeAndRandom(LastMs_, Last_, out);
}

}  // namespace profila
