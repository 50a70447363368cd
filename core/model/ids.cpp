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

std::string MakeUlid(uint64_t unix_ms, const std::array<uint8_t, 10>& random) {
    std::string out(26, '0');
    uint64_t t = unix_ms & ((uint64_t{1} << 48) - 1);
    for (int i = 9; i >= 0; --i) {  // 10 characters of time, 5 bits each (the first holds 3)
        out[static_cast<size_t>(i)] = kAlphabet[t & 31];
        t >>= 5;
    }
    // 80 random bits as 16 characters, most significant first.
    int bit = 0;
    for (int i = 0; i < 16; ++i) {
        int v = 0;
        for (int k = 0; k < 5; ++k, ++bit) v = (v << 1) | ((random[static_cast<size_t>(bit / 8)] >> (7 - bit % 8)) & 1);
        out[static_cast<size_t>(10 + i)] = kAlphabet[v];
    }
    return out;
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
    if (unix_ms <= LastMs_) {
        // Same (or an earlier) millisecond: count the random part up, keeping the order.
        for (int i = 9; i >= 0; --i)
            if (++Last_[static_cast<size_t>(i)] != 0) break;
        return MakeUlid(LastMs_, Last_);
    }
    LastMs_ = unix_ms;
    for (size_t i = 0; i < Last_.size(); i += 5) {
        uint64_t r = Random_();
        for (size_t k = 0; k < 5 && i + k < Last_.size(); ++k) Last_[i + k] = static_cast<uint8_t>(r >> (8 * k));
    }
    Last_[0] &= 0x7F;  // room to count up within the millisecond without wrapping
    return MakeUlid(unix_ms, Last_);
}

}  // namespace profila
