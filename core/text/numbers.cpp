#include "text/numbers.h"

#include <cmath>
#include <string>

namespace profila {

namespace {

std::string_view Trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text, bool decimal_comma) {
    std::string_view t = Trim(text);
    if (!t.empty() && t.front() == '\'') t.remove_prefix(1);
    // Strip currency signs and spaces anywhere (incl. UTF-8 no-break spaces and the euro sign).
    std::string s;
    s.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == ' ' || c == '$' || c == '\'') continue;
        if (t.compare(i, 3, "\xE2\x82\xAC") == 0) { i += 2; continue; }  // €
        if (t.compare(i, 2, "\xC2\xA0") == 0) { i += 1; continue; }      // no-break space
        if (t.compare(i, 3, "\xE2\x80\xAF") == 0) { i += 2; continue; }  // narrow no-break space
        s.push_back(c);
    }
    if (s.size() >= 3) {
        std::string lower = s.substr(s.size() - 3);
        for (char& c : lower) c = static_cast<char>(c | 0x20);
        if (lower == "eur") s.resize(s.size() - 3);
    }
    if (s.empty()) return std::nullopt;
    bool negative = false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+') { negative = s[0] == '-'; i = 1; }
    const char dec = decimal_comma ? ',' : '.';
    const char group = decimal_comma ? '.' : ',';
    double value = 0;
    int int_digits = 0, since_group = -1;
    bool any_group = false;
    for (; i < s.size() && s[i] != dec; ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
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
    int frac_digits = 0;
    if (i < s.size()) {  // decimal part
        ++i;
        double scale = 0.1;
        for (; i < s.size(); ++i) {
            char c = s[i];
            if (c < '0' || c > '9') return std::nullopt;
            value += (c - '0') * scale;
            scale /= 10;
            ++frac_digits;
        }
    }
    if (int_digits == 0 && frac_digits == 0) return std::nullopt;
    if (!std::isfinite(value)) return std::nullopt;
    return negative ? -value : value;
}

std::optional<double> ParseNumberCommaFirst(std::string_view text) {
    std::optional<double> d = ParseNumber(text, true);
    return d ? d : ParseNumber(text, false);
}

}  // namespace profila
