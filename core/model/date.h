// Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), the unit every analysis
// counts in. No time zone: a purchase happens on a day.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profila {

struct Date {
    int32_t Days = 0;  // days since 1970-01-01

    friend bool operator==(Date a, Date b) { return a.Days == b.Days; }
    friend bool operator!=(Date a, Date b) { return a.Days != b.Days; }
    friend bool operator<(Date a, Date b) { return a.Days < b.Days; }
    friend bool operator<=(Date a, Date b) { return a.Days <= b.Days; }
    friend bool operator>(Date a, Date b) { return a.Days > b.Days; }
    friend bool operator>=(Date a, Date b) { return a.Days >= b.Days; }
};

struct YearMonthDay {
    int Year = 1970;
    int Month = 1;  // 1..12
    int Day = 1;    // 1..31
};

[[nodiscard]] bool IsValidYmd(int year, int month, int day);
[[nodiscard]] Date DateFromYmd(int year, int month, int day);  // caller checks IsValidYmd
[[nodiscard]] YearMonthDay YmdFromDate(Date date);
[[nodiscard]] int DaysInMonth(int year, int month);

// "2024-03-09". Strict: four-digit year, two-digit month and day, a real calendar day.
[[nodiscard]] std::optional<Date> ParseIsoDate(std::string_view text);
[[nodiscard]] std::string FormatIsoDate(Date date);

}  // namespace profila
