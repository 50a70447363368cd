// Dates written as ISO text: FormatIsoDate against printf's "%04d-%02d-%02d" on every day of
// years 1 to 3000 and beyond four digits, and read back through ParseIsoDate where dates are valid
// (years 1800 to 2200).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "model/date.h"

using namespace profila;

TEST_CASE("ISO dates: written as printf writes them on every day of years 1 to 3000, read back from 1800 to 2200") {
    int days = 0, read_back = 0;
    for (int32_t n = DateFromYmd(1, 1, 1).Days; n <= DateFromYmd(3000, 12, 31).Days; ++n) {
        Date date{n};
        YearMonthDay ymd = YmdFromDate(date);
        char want[16];
        std::snprintf(want, sizeof want, "%04d-%02d-%02d", ymd.Year, ymd.Month, ymd.Day);
        std::string got = FormatIsoDate(date);
        if (got != want) FAIL_CHECK(got << " != " << want);
        ++days;
        if (!IsValidYmd(ymd.Year, ymd.Month, ymd.Day)) continue;
        std::optional<Date> back = ParseIsoDate(got);
        if (!back || back->Days != n) FAIL_CHECK("not read back: " << got);
        ++read_back;
    }
    CHECK(days == 3000 * 365 + 727);      // 727 leap days in years 1 to 3000
    CHECK(read_back == 401 * 365 + 97);   // 1800 to 2200: 97 leap days
    CHECK(FormatIsoDate(DateFromYmd(12345, 6, 7)) == "12345-06-07");  // five digits: as printf gives them
}
