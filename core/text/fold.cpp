#include "text/fold.h"

namespace profila {

char FoldLatin1Letter(unsigned char second_byte) {
    // 0xC3 0x80..0x9F are the capitals of 0xC3 0xA0..0xBF; the one exception is ß (0x9F), whose
    // place among the small letters is ÿ. 0 marks × and ÷.
    if (second_byte == 0x9F) return 's';
    static constexpr char kBase[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";  // for 0xA0..0xBF
    const unsigned char d = second_byte | 0x20;
    return d >= 0xA0 && d <= 0xBF ? kBase[d - 0xA0] : 0;
}

std::string FoldForSearch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC3 && i + 1 < text.size()) {
            if (char base = FoldLatin1Letter(static_cast<unsigned char>(text[i + 1]))) {
                out += base;
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

std::string FoldForMatch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    auto put = [&](char c) {
        if (c == ' ') { space = !out.empty(); return; }
        if (space) { out.push_back(' '); space = false; }
        out.push_back(c);
    };
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') put(static_cast<char>(c - 'A' + 'a'));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) put(static_cast<char>(c));
            else put(' ');
            continue;
        }
        if (c == 0xC3 && i + 1 < text.size()) {
            char base = FoldLatin1Letter(static_cast<unsigned char>(text[++i]));
            put(base ? base : ' ');
            continue;
        }
        // Other multi-byte characters act as separators.
        while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
        put(' ');
    }
    return out;
}

}  // namespace profila
