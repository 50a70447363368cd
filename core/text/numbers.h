// Numbers as people write them in Italy, Spain and elsewhere: a decimal comma or point, thousands
// groups ("1.234,50" / "1,234.50"), currency signs and spaces around them. Locale-free: the caller
// says which mark is the decimal one (a setting, or what the import detected).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace profila {

// "1.234,50", "1234,5", "€ 12,00", "12,00 EUR", "-3,5" (decimal_comma=false: "1,234.50", "11.77").
// Spaces (also no-break ones), '$', '€', a trailing "EUR" and apostrophes are ignored; groups
// must be 1-3 digits then exactly 3 each. nullopt when not a finite number.
[[nodiscard]] std::optional<double> ParseNumber(std::string_view text, bool decimal_comma);

// Read with a decimal comma first ("12,50", "1.234"), and as with a decimal point when that
// fails ("12.50" typed anyway): what a person in Italy or Spain may type.
[[nodiscard]] std::optional<double> ParseNumberCommaFirst(std::string_view text);

// A number as machines write it (XML, JSON: the C locale), the whole text:
// [-+]digits[.digits][(e|E)[-+]digits]. The nearest double, as strtod gives it. The usual cell (up
// to 15 significant digits, a power of ten within 10^+-22) is one exact IEEE operation (Clinger's
// fast path); anything longer goes to strtod. nullopt when the text is not such a number.
[[nodiscard]] std::optional<double> ParseMachineNumber(std::string_view text);

// v as the shortest plain decimal with '.' that reads back to exactly v ("123.45", "-0.5",
// "42"): the text printf's "%.15g" gives for it, without printf's cost. nullopt when that text
// would need more than 15 significant digits or an exponent (|v| under 1e-4 or from 1e15).
[[nodiscard]] std::optional<std::string> ShortDecimal(double v);

}  // namespace profila
