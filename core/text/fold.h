// Case and accent folding for search and matching, so "nicolo" finds "Nicolò", "PENA" finds
// "Peña" and the header "E-mail " matches the synonym "email". ASCII letters are lowered and the
// Latin-1 letters (U+00C0..U+00FF: à -> a, ñ -> n, ø -> o, ...) folded to their base letter; other
// characters are left alone (FoldForSearch) or become separators (FoldForMatch).
#pragma once
#include <string>
#include <string_view>

namespace profila {

// The base letter of the Latin-1 letter whose UTF-8 is 0xC3 followed by second_byte (either case:
// 0x80..0xBF), or 0 when it is not a letter (×, ÷).
[[nodiscard]] char FoldLatin1Letter(unsigned char second_byte);

// Lower case with accents folded; every other byte kept as it is (separators, digits, '@', other
// scripts). Byte offsets shrink only where a two-byte letter became one.
[[nodiscard]] std::string FoldForSearch(std::string_view text);

// Only letters and digits, folded as FoldForSearch; every run of anything else (spaces, punctuation,
// other multi-byte characters such as º, °, €) becomes one space, none at either end.
[[nodiscard]] std::string FoldForMatch(std::string_view text);

}  // namespace profila
