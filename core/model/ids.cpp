#include "model/ids.h"

namespace profila {
namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int DigitValue(char c) {
    for (int i = 0; i < 32; ++i)
        if (kAlphabet[i] == c) return i;
    return -1;
}
}  // namespace

UlidText MakeUlidText(uint64_t unix_ms, const std::array<uint8_t, 10>& random) {
    UlidText out;
    // Eight characters from each 40 bits, the last first: 48 bits of time as 10 characters (the
    // first holds 3), then the 80 random bits as 16, most significant first.
    auto put = [&out](size_t end, int count, uint64_t bits) {
        for (int k = 1; k <= count; ++k, bits >>= 5) out[end - static_cast<size_t>(k)] = kAlphabet[bits & 31];
    };
    auto forty = [&random](size_t from) {
        uint64_t v = 0;
        for (size_t k = 0; k < 5; ++k) v = (v << 8) | random[from + k];
        return v;
    };
    put(10, 10, unix_ms & ((uint64_t{1} << 48) - 1));
    put(18, 8, forty(0));
    put(26, 8, forty(5));
    return out;
}

std::string MakeUlid(uint64_t unix_ms, const std::array<uint8_t, 10>& random) {
    const UlidText text = MakeUlidText(unix_ms, random);
    return std::string(text.data(), text.size());
}

bool IsUlid(std::string_view id) {
    if (id.size() != 26 || id[0] > '7') return false;
    for (char c : id)
        if (DigitValue(c) < 0) return false;
    return true;
}

uint64_t UlidTime(std::string_view id) {
    if (!IsUlid(id)) return 0;
    uint64_t t = 0;
    for (size_t i = 0; i < 10; ++i) t = (t << 5) | static_cast<uint64_t>(DigitValue(id[i]));
    return t;
}

std::string IdSource::Next(uint64_t unix_ms) {
    const UlidText text = NextText(unix_ms);
    return std::string(text.data(), text.size());
}

UlidText IdSource::NextText(uint64_t unix_ms) {
    if (unix_ms <= LastMs_) {
        // Same (or an earlier) millisecond: count the random part up, keeping the order.
        for (int i = 9; i >= 0; --i)
            if (++Last_[static_cast<size_t>(i)] != 0) break;
        return MakeUlidText(LastMs_, Last_);
    }
    LastMs_ = unix_ms;
    for (size_t i = 0; i < Last_.size(); i += 5) {
        uint64_t r = Random_();
        for (size_t k = 0; k < 5 && i + k < Last_.size(); ++k) Last_[i + k] = static_cast<uint8_t>(r >> (8 * k));
    }
    Last_[0] &= 0x7F;  // room to count up within the millisecond without wrapping
    return MakeUlidText(unix_ms, Last_);
}

}  // namespace profila
