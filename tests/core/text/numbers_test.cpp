// Locale numbers: decimal comma or point, thousands groups, currency and spaces around them.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

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

// ParseMachineNumber and ShortDecimal stand in for strtod and printf("%.15g") in the workbook
// reader: they must give exactly what those give, bit for bit and character for character.
namespace {
uint64_t NextRandom(uint64_t& s) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
}
std::string Printf15g(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}
}  // namespace

TEST_CASE("numbers: machine numbers read exactly as strtod reads them") {
    for (const char* t : {"0", "-0", "1", "42", "-17.5", "123.45", "0.1", "0.3", "1e5", "2.5E-3", "1234567890.12345",
                          "0.000123", "9007199254740993", "12345678901234567890", "1.7976931348623157e308", "4.9e-324",
                          "123456789012345.6", "0.1234567890123456789", "5.", ".5", "+3", "1e22", "1e23", "3e-22", "3e-23"}) {
        CAPTURE(t);
        std::optional<double> got = ParseMachineNumber(t);
        REQUIRE(got);
        double want = std::strtod(t, nullptr);
        CHECK(std::memcmp(&*got, &want, sizeof want) == 0);
    }
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 200000; ++i) {
        // Random decimals of 1-18 digits with a point anywhere, some with an exponent.
        std::string t = (NextRandom(s) % 5 == 0) ? "-" : "";
        int digits = 1 + static_cast<int>(NextRandom(s) % 18), point = static_cast<int>(NextRandom(s) % (digits + 1));
        for (int k = 0; k < digits; ++k) {
            if (k == point && k > 0) t += '.';
            t += static_cast<char>('0' + NextRandom(s) % 10);
        }
        if (NextRandom(s) % 4 == 0) t += "e" + std::to_string(static_cast<int>(NextRandom(s) % 61) - 30);
        CAPTURE(t);
        std::optional<double> got = ParseMachineNumber(t);
        REQUIRE(got);
        double want = std::strtod(t.c_str(), nullptr);
        REQUIRE(std::memcmp(&*got, &want, sizeof want) == 0);
    }
    for (const char* t : {"", "-", ".", "e5", "1e", "1e+", "12abc", " 12", "12 ", "0x1A", "inf", "nan", "1,5", "1e99999"}) {
        CAPTURE(t);
        CHECK_FALSE(ParseMachineNumber(t));
    }
}

TEST_CASE("numbers: a person's number is the double nearest to it, as strtod reads the same digits") {
    // "12,34" is exactly the double 12.34 is, and so are grouped, signed and long ones (a value
    // summed up digit by digit would be off in its last bit).
    uint64_t s = 0x2545F4914F6CDD1DULL;
    for (int i = 0; i < 200000; ++i) {
        const bool comma = NextRandom(s) % 2 == 0, grouped = NextRandom(s) % 3 == 0;
        const int whole = 1 + static_cast<int>(NextRandom(s) % 12), fraction = static_cast<int>(NextRandom(s) % 12);
        std::string machine = (NextRandom(s) % 5 == 0) ? "-" : "", person = machine;
        for (int k = 0; k < whole; ++k) {
            char d = static_cast<char>('0' + NextRandom(s) % 10);
            if (grouped && k > 0 && (whole - k) % 3 == 0) person += comma ? '.' : ',';
            machine += d;
            person += d;
        }
        if (fraction > 0) {
            machine += '.';
            person += comma ? ',' : '.';
            for (int k = 0; k < fraction; ++k) {
                char d = static_cast<char>('0' + NextRandom(s) % 10);
                machine += d;
                person += d;
            }
        }
        CAPTURE(person);
        std::optional<double> got = ParseNumber(person, comma);
        REQUIRE(got);
        double want = std::strtod(machine.c_str(), nullptr);
        REQUIRE(std::memcmp(&*got, &want, sizeof want) == 0);
    }
    CHECK(ParseNumber("12,34", true) == 12.34);
    CHECK(ParseNumber("€ 1.234,56", true) == 1234.56);
    CHECK(ParseNumber("0,1", true) == 0.1);
    CHECK(ParseNumber("123.456.789.012.345.678,9", true) == 123456789012345678.9);
}

TEST_CASE("numbers: a plain cell is read as one with a currency sign is (the short way and the long way agree)") {
    // Digits with a sign and one decimal mark take a short way (most cells of a big file); the euro
    // sign sends the same digits the long way. Both give the same double, bit for bit, and refuse
    // the same texts.
    for (bool comma : {true, false}) {
        for (const char* t : {"0", "-0", "+0", "5,", ",5", "5.", ".5", "-,5", "9,40", "9.40", "123456789012345", "1234567890123456",
                              "000000000000000012,5", "0,000000000000001", "-99999,99", "1,2,3", "1.2.3", "-", "+", ",", ".", "--1",
                              "+-1", "1-", "12a", "1.234,5", "1,234.5", "1.234", "1,234"}) {
            CAPTURE(comma);
            CAPTURE(t);
            std::optional<double> plain = ParseNumber(t, comma), signed_ = ParseNumber(std::string("\xE2\x82\xAC") + t, comma);
            REQUIRE(plain.has_value() == signed_.has_value());
            if (plain) CHECK(std::memcmp(&*plain, &*signed_, sizeof(double)) == 0);
        }
    }
    CHECK(std::signbit(*ParseNumber("-0", true)));
    CHECK_FALSE(ParseNumber("1,2,3", true));
    CHECK(ParseNumber("1.234", true) == 1234.0);   // a group mark: the long way
    CHECK(ParseNumber("1.234", false) == 1.234);
}

TEST_CASE("numbers: short decimals are what %.15g prints") {
    for (double v : {0.0, -0.0, 1.0, -1.0, 0.5, 123.45, 0.1, 0.3, 1.0 / 3.0, 2.0 / 3.0, 1e-4, 9.99e-5, 1e14 + 0.5, 999999999999999.0,
                     1e15, 12345.678901234, 0.000123456789012345, 19.99, 4.35, 1.005, 2.675, 100.0 / 7.0}) {
        CAPTURE(v);
        std::optional<std::string> got = ShortDecimal(v);
        std::string want = Printf15g(v);
        if (got) CHECK(*got == want);
        else CHECK((want.find('e') != std::string::npos || v != std::stod(want)));  // printf's text: rounded, or an exponent
    }
    uint64_t s = 0x243F6A8885A308D3ULL;
    int shown = 0;
    for (int i = 0; i < 200000; ++i) {
        // Amounts as shops write them (cents, thousandths), and doubles of every kind.
        double v;
        switch (i % 3) {
        case 0: v = static_cast<double>(static_cast<int64_t>(NextRandom(s) % 100000000) - 50000000) / 100.0; break;
        case 1: v = static_cast<double>(NextRandom(s) % 10000000) / 1000.0; break;
        default: {
            uint64_t bits = NextRandom(s);
            std::memcpy(&v, &bits, sizeof v);
            if (!std::isfinite(v)) continue;
        }
        }
        CAPTURE(v);
        std::optional<std::string> got = ShortDecimal(v);
        std::string want = Printf15g(v);
        if (got) {
            ++shown;
            REQUIRE(*got == want);
        } else if (want.find('e') == std::string::npos) {
            REQUIRE(std::strtod(want.c_str(), nullptr) != v);  // refused only when %.15g does not read back
        }
    }
    CHECK(shown > 130000);  // the amounts all go the quick way
}
