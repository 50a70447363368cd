// Locale numbers: decimal comma or point, thousands groups, currency and spaces around them.
#include <doctest/doctest.h>

#include "text/numbers.h"

using namespace profila;

TEST_CASE("numbers: a decimal comma with point groups") {
    CHECK(ParseNumber("1.234,50", true) == doctest::Approx(1234.5));
    CHECK(ParseNumber("1234,5", true) == doctest::Approx(1234.5));
    CHECK(ParseNumber("€ 12,00", true) == doctest::Approx(12.0));
    CHECK(ParseNumber("12,00 €", true) == doctest::Approx(12.0));
    CHECK(ParseNumber("12,00 EUR", true) == doctest::Approx(12.0));
    CHECK(ParseNumber("1.234.567", true) == doctest::Approx(1234567.0));
    CHECK(ParseNumber("-3,5", true) == doctest::Approx(-3.5));
    CHECK(ParseNumber("+7", true) == doctest::Approx(7.0));
    CHECK(ParseNumber("'0012", true) == doctest::Approx(12.0));                 // Excel's text apostrophe
    CHECK(ParseNumber("1\xC2\xA0" "234,5", true) == doctest::Approx(1234.5));   // no-break space as group
    CHECK(ParseNumber(" 1\xE2\x80\xAF" "234 ", true) == doctest::Approx(1234.0));  // narrow no-break space
    CHECK(ParseNumber(",5", true) == doctest::Approx(0.5));
    CHECK(ParseNumber("5,", true) == doctest::Approx(5.0));
    CHECK_FALSE(ParseNumber("1.23,5", true));   // a group of two digits is not thousands
    CHECK_FALSE(ParseNumber("1234.567", true)); // four digits before a group
    CHECK_FALSE(ParseNumber("1.2345", true));   // a group of four
    CHECK_FALSE(ParseNumber(".123", true));     // a group with nothing before it
    CHECK_FALSE(ParseNumber("12a", true));
    CHECK_FALSE(ParseNumber("1,2,3", true));
    CHECK_FALSE(ParseNumber("", true));
    CHECK_FALSE(ParseNumber("   ", true));
    CHECK_FALSE(ParseNumber(",", true));
    CHECK_FALSE(ParseNumber("-", true));
    CHECK_FALSE(ParseNumber("€", true));
}

TEST_CASE("numbers: a decimal point with comma groups") {
    CHECK(ParseNumber("1,234.50", false) == doctest::Approx(1234.5));
    CHECK(ParseNumber("11.77", false) == doctest::Approx(11.77));
    CHECK(ParseNumber("$1,000", false) == doctest::Approx(1000.0));
    CHECK(ParseNumber("1.500", false) == doctest::Approx(1.5));
    CHECK(ParseNumber(".5", false) == doctest::Approx(0.5));
    CHECK_FALSE(ParseNumber("1.2.3", false));
    CHECK_FALSE(ParseNumber("12,5", false));
    CHECK_FALSE(ParseNumber("1e5", false));
    CHECK_FALSE(ParseNumber("1/2", false));
}

TEST_CASE("numbers: comma first, a point understood too") {
    CHECK(ParseNumberCommaFirst("12,50") == doctest::Approx(12.5));
    CHECK(ParseNumberCommaFirst("12.50") == doctest::Approx(12.5));   // the comma reading fails
    CHECK(ParseNumberCommaFirst("1.500") == doctest::Approx(1500.0)); // a group, read the comma way
    CHECK(ParseNumberCommaFirst("1,234.50") == doctest::Approx(1234.5));
    CHECK_FALSE(ParseNumberCommaFirst("abc"));
    CHECK_FALSE(ParseNumberCommaFirst(""));
}
