#include "ui/format.h"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "app_state.h"
#include "i18n/i18n.h"

namespace ui {

profila::Date Today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return profila::DateFromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::string FormatDecimal(const AppState& state, double value, int decimals) {
    const bool comma = state.Settings.Language != profila::Language::En;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string text = buf;
    size_t point = text.find('.');
    if (point != std::string::npos && comma) text[point] = ',';
    size_t digits_end = point == std::string::npos ? text.size() : point;
    size_t first = text[0] == '-' ? 1 : 0;
    for (size_t i = digits_end; i > first + 3; i -= 3) text.insert(i - 3, 1, comma ? '.' : ',');
    return text;
}

std::string FormatCount(const AppState& state, long long count) { return FormatDecimal(state, static_cast<double>(count), 0); }

std::string FormatMoney(const AppState& state, double amount, bool whole_without_cents) {
    // Rounded to whole cents first, so an amount shows the cents it is stored and summed with.
    const long long cents = std::llround(std::fabs(amount) * 100.0);
    const int decimals = whole_without_cents && cents % 100 == 0 ? 0 : 2;
    std::string text = profila::FormatText(state.T("customers.money"), {FormatDecimal(state, static_cast<double>(cents) / 100.0, decimals)});
    // The sign goes in front of the whole amount ("-€ 440", "-440 €"), never between € and figure.
    return cents > 0 && amount < 0 ? "-" + text : text;
}

std::string FormatPercent(double share) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%ld%%", std::lround(share * 100.0));
    return buf;
}

std::string SafeFileName(const std::string& text) {
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        // Bytes of UTF-8 sequences (>= 0x80) are letters of other alphabets: kept whole.
        bool keep = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u >= 0x80;
        if (keep) out += c;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

}  // namespace ui
