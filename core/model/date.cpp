#include "model/date.h"

#include <cstdio>

namespace profila {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain), exact for
// the whole proleptic Gregorian calendar.
Date DateFromYmd(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Date{static_cast<int32_t>(era * 146097 + static_cast<int>(doe) - 719468)};
}

YearMonthDay YmdFromDate(Date date) {
    int z = date.Days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return YearMonthDay{y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

int DaysInMonth(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

bool IsValidYmd(int year, int month, int day) {
    return year >= 1800 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

std::optional<Date> ParseIsoDate(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t n, int& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d) || !IsValidYmd(y, m, d)) return std::nullopt;
    return DateFromYmd(y, m, d);
}

std::string FormatIsoDate(Date date) {
    YearMonthDay ymd = YmdFromDate(date);
    char buf[16];
    if (ymd.Year < 0 || ymd.Year > 9999) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd.Year, ymd.Month, ymd.Day);
        return buf;
    }
    // Digit by digit: every stored purchase date goes through here (snprintf was a tenth of a
    // 100,000-row workbook's reading in wasm).
    auto two = [](char* at, int v) { at[0] = static_cast<char>('0' + v / 10); at[1] = static_cast<char>('0' + v % 10); };
    two(buf, ymd.Year / 100);
    two(buf + 2, ymd.Year % 100);
    buf[4] = '-';
    two(buf + 5, ymd.Month);
    buf[7] = '-';
    two(buf + 8, ymd.Day);
    return std::string(buf, 10);
}

}  // namespace profila
