// UTF-8 decoding, one code point at a time, for drawing text glyph by glyph.
#pragma once
#include <cstdint>
#include <string_view>

namespace profila {

inline constexpr uint32_t kReplacementCharacter = 0xFFFD;

// The code point that starts at text[i]; advances i past it. A stray continuation byte reads as
// U+FFFD and is skipped; a sequence cut short reads as U+FFFD and i stops at the byte that broke it.
// i must be < text.size().
[[nodiscard]] inline uint32_t NextCodepoint(std::string_view text, size_t& i) {
    const auto b = static_cast<unsigned char>(text[i++]);
    if (b < 0x80) return b;
    const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (extra < 0) return kReplacementCharacter;
    uint32_t cp = b & (0x3Fu >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return kReplacementCharacter;
        cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3Fu);
    }
    return cp;
}

}  // namespace profila
