#include "text/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "text/trim.h"

namespace profila {

namespace {

// Powers of ten exactly representable as doubles.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr uint64_t kFastMantissa = 1000000000000000ULL;  // 10^15: under 2^53, exact as a double

int DecimalDigits(uint64_t m) {
    int n = 1;
    while (m >= 10) m /= 10, ++n;
    return n;
}

// The common cell: a sign, at most 15 digits and at most one decimal mark, nothing else (no group
// marks, spaces or currency). Read in one pass into `value`, as ParseNumber's general reading below
// reads it (the same m / 10^k); false for any other text, which that reading then decides on.
bool ReadPlainDecimal(std::string_view t, char dec, double& value) {
    size_t i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) negative = t[i++] == '-';
    uint64_t m = 0;
    int digits = 0, frac = -1;  // frac: digits after the mark, -1 before it
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            m = m * 10 + static_cast<uint64_t>(c - '0');
            ++digits;
            frac += frac >= 0 ? 1 : 0;
        } else if (c == dec && frac < 0) {
            frac = 0;
        } else {
            return false;
        }
        if (digits > 15) return false;
    }
    if (digits == 0) return false;
    value = static_cast<double>(m) / kPow10[frac > 0 ? frac : 0];
    if (negative) value = -value;
    return true;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text, bool decimal_comma) {
    std::string_view t = Trim(text);
    if (!t.empty() && t.front() == '\'') t.remove_prefix(1);
    if (double plain_value; ReadPlainDecimal(t, decimal_comma ? ',' : '.', plain_value)) return plain_value;
    // Currency signs and spaces anywhere (incl. UTF-8 no-break spaces and the euro sign) are dropped,
    // in a copy made only when the text has any (most cells are digits and marks alone).
    bool plain = true;
    for (char c : t) plain &= (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-' || c == '+';
    std::string stripped;
    if (!plain) {
        stripped.reserve(t.size());
        for (size_t i = 0; i < t.size(); ++i) {
            char c = t[i];
            if (c == ' ' || c == '$' || c == '\'') continue;
            if (t.compare(i, 3, "\xE2\x82\xAC") == 0) { i += 2; continue; }  // €
            if (t.compare(i, 2, "\xC2\xA0") == 0) { i += 1; continue; }      // no-break space
            if (t.compare(i, 3, "\xE2\x80\xAF") == 0) { i += 2; continue; }  // narrow no-break space
            stripped.push_back(c);
        }
        if (stripped.size() >= 3) {
            std::string lower = stripped.substr(stripped.size() - 3);
            for (char& c : lower) c = static_cast<char>(c | 0x20);
            if (lower == "eur") stripped.resize(stripped.size() - 3);
        }
        t = stripped;
    }
    if (t.empty()) return std::nullopt;
    bool negative = false;
    size_t i = 0;
    if (t[0] == '-' || t[0] == '+') { negative = t[0] == '-'; i = 1; }
    const char dec = decimal_comma ? ',' : '.';
    const char group = decimal_comma ? '.' : ',';
    // The digits as one whole number m (while it has at most 15 digits, exact as a double) and the
    // count of them after the decimal mark; their text as a machine writes it, for a longer number.
    uint64_t m = 0;
    bool fits = true;
    std::string machine;
    auto digit = [&](char c) {
        if (m < kFastMantissa / 10) m = m * 10 + static_cast<uint64_t>(c - '0');  // at most 15 digits
        else fits = false;
    };
    int int_digits = 0, since_group = -1;
    bool any_group = false;
    const size_t int_from = i;
    for (; i < t.size() && t[i] != dec; ++i) {
        char c = t[i];
        if (c >= '0' && c <= '9') {
            digit(c);
            ++int_digits;
            if (since_group >= 0) ++since_group;
        } else if (c == group) {
            // Thousands groups: 1-3 digits first, then exactly 3 each.
            if (int_digits == 0 || (since_group >= 0 && since_group != 3) || (since_group < 0 && int_digits > 3)) return std::nullopt;
            since_group = 0;
            any_group = true;
        } else {
            return std::nullopt;
        }
    }
    if (any_group && since_group != 3) return std::nullopt;
    const size_t int_to = i;
    int frac_digits = 0;
    if (i < t.size()) {  // decimal part
        for (++i; i < t.size(); ++i) {
            char c = t[i];
            if (c < '0' || c > '9') return std::nullopt;
            digit(c);
            ++frac_digits;
        }
    }
    if (int_digits == 0 && frac_digits == 0) return std::nullopt;
    double value;
    if (fits && frac_digits <= 22) {
        // One correctly rounded operation, as strtod would give (Clinger's fast path).
        value = static_cast<double>(m) / kPow10[frac_digits];
    } else {
        for (size_t k = int_from; k < int_to; ++k)
            if (t[k] != group) machine.push_back(t[k]);
        if (machine.empty()) machine.push_back('0');
        if (frac_digits > 0) machine.append(".").append(t.substr(int_to + 1));
        std::optional<double> read = ParseMachineNumber(machine);
        if (!read) return std::nullopt;
        value = *read;
    }
    if (!std::isfinite(value)) return std::nullopt;
    return negative ? -value : value;
}

std::optional<double> ParseNumberCommaFirst(std::string_view text) {
    std::optional<double> d = ParseNumber(text, true);
    return d ? d : ParseNumber(text, false);
}

std::optional<double> ParseMachineNumber(std::string_view t) {
    size_t i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) negative = t[i++] == '-';
    uint64_t m = 0;
    int digits = 0, significant = 0, exp10 = 0;
    bool exact = true;  // every significant digit fits in m
    auto digit = [&](char c, bool fraction) {
        ++digits;
        if (m == 0 && c == '0') {  // a leading zero: not significant
            if (fraction) --exp10;
            return;
        }
        if (m < kFastMantissa) {
            m = m * 10 + static_cast<uint64_t>(c - '0');
            ++significant;
            if (fraction) --exp10;
        } else {
            exact = false;
            if (!fraction) ++exp10;
        }
    };
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) digit(t[i], false);
    if (i < t.size() && t[i] == '.')
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) digit(t[i], true);
    if (digits == 0) return std::nullopt;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool minus = false;
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) minus = t[i++] == '-';
        int e = 0, e_digits = 0;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++e_digits)
            if (e < 100000) e = e * 10 + (t[i] - '0');
        if (e_digits == 0) return std::nullopt;
        exp10 += minus ? -e : e;
    }
    if (i != t.size()) return std::nullopt;
    double v;
    if (m == 0) {
        v = 0.0;
    } else if (exact && significant <= 15 && exp10 >= -22 && exp10 <= 22) {
        v = exp10 < 0 ? static_cast<double>(m) / kPow10[-exp10] : static_cast<double>(m) * kPow10[exp10];
    } else {
        std::string copy(t);  // strtod wants its text to end in a NUL
        v = std::strtod(copy.c_str(), nullptr);
        if (!std::isfinite(v)) return std::nullopt;
        return v;
    }
    return negative ? -v : v;
}

std::optional<std::string> ShortDecimal(double v) {
    if (!std::isfinite(v)) return std::nullopt;
    const double a = std::fabs(v);
    if (a != 0.0 && (a < 1e-4 || a >= 1e15)) return std::nullopt;
    for (int d = 0; d <= 19; ++d) {
        const double scaled = a * kPow10[d];
        if (scaled >= 9007199254740992.0) break;  // 2^53: no longer an exact integer
        const uint64_t m = static_cast<uint64_t>(std::llround(scaled));
        if (static_cast<double>(m) / kPow10[d] != a) continue;
        if (m != 0 && DecimalDigits(m) > 15) break;
        char buf[48];
        char* p = buf;
        if (std::signbit(v)) *p++ = '-';
        const uint64_t unit = static_cast<uint64_t>(kPow10[d]);
        p = std::to_chars(p, buf + sizeof buf, m / unit).ptr;
        if (d > 0) {
            *p++ = '.';
            char frac[24];
            char* f = std::to_chars(frac, frac + sizeof frac, m % unit).ptr;
            for (int pad = d - static_cast<int>(f - frac); pad > 0; --pad) *p++ = '0';
            for (char* c = frac; c < f; ++c) *p++ = *c;
        }
        return std::string(buf, p);
    }
    return std::nullopt;
}

}  // namespace profila
