#include "text/encoding.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace profila {

const char* TextEncodingName(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::Utf8: return "utf-8";
        case TextEncoding::Utf8Bom: return "utf-8-bom";
        case TextEncoding::Windows1252: return "windows-1252";
    }
    return "utf-8";
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        // Plain ASCII (most of a CSV file) eight bytes at a time.
        for (uint64_t w; i + 8 <= n && (std::memcpy(&w, p + i, 8), (w & 0x8080808080808080ULL) == 0);) i += 8;
        if (i >= n) break;
        unsigned char c = p[i];
        if (c < 0x80) { ++i; continue; }
        size_t len;
        uint32_t min;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

namespace {
// Windows-1252 bytes 0x80..0x9F; the five undefined ones map to the C1 control of the same value
// (as browsers' decoders do), so every byte decodes to something.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool StartsWithBom(std::string_view bytes) {
    return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF && static_cast<unsigned char>(bytes[1]) == 0xBB &&
           static_cast<unsigned char>(bytes[2]) == 0xBF;
}
}  // namespace

std::string Windows1252ToUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    AppendWindows1252AsUtf8(out, bytes);
    return out;
}

void AppendWindows1252AsUtf8(std::string& out, std::string_view bytes) {
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) out.push_back(ch);
        else if (c < 0xA0) AppendUtf8(out, kCp1252High[c - 0x80]);
        else AppendUtf8(out, c);  // 0xA0..0xFF are Latin-1
    }
}

std::string_view Utf8View(std::string_view bytes, DecodedText& decoded) {
    decoded.Utf8.clear();
    if (StartsWithBom(bytes) && IsValidUtf8(bytes.substr(3))) {
        decoded.Source = TextEncoding::Utf8Bom;
        return bytes.substr(3);
    }
    if (IsValidUtf8(bytes)) {
        decoded.Source = TextEncoding::Utf8;
        return bytes;
    }
    decoded = DecodeTextToUtf8(bytes);
    return decoded.Utf8;
}

DecodedText DecodeTextToUtf8(std::string_view bytes) {
    DecodedText result;
    if (StartsWithBom(bytes)) {
        std::string_view rest = bytes.substr(3);
        if (IsValidUtf8(rest)) {
            result.Utf8.assign(rest);
            result.Source = TextEncoding::Utf8Bom;
            return result;
        }
    }
    if (IsValidUtf8(bytes)) {
        result.Utf8.assign(bytes);
        result.Source = TextEncoding::Utf8;
        return result;
    }
    result.Utf8 = Windows1252ToUtf8(bytes);
    result.Source = TextEncoding::Windows1252;
    return result;
}

namespace {
// The bytes a sequence starting with lead has in all (1 for ASCII and for bytes that lead nothing).
size_t SequenceLength(unsigned char lead) {
    return lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
}
// Where the last whole UTF-8 sequence of a piece ends: a lead byte in its last three bytes whose
// sequence runs past the end starts the next piece's check.
size_t WholeSequencesEnd(std::string_view piece) {
    const size_t n = piece.size();
    for (size_t back = 1; back <= 3 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(piece[n - back]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: its lead is further back
        return SequenceLength(c) > back ? n - back : n;
    }
    return n;
}
}  // namespace

TextEncoding EncodingByBom(const ByteSource& file) {
    return StartsWithBom(ReadHead(file, 3)) ? TextEncoding::Utf8Bom : TextEncoding::Utf8;
}

bool Utf8Check::Add(std::string_view piece) {
    if (!Valid_) return false;
    if (!Carry_.empty()) {
        // The cut sequence goes on with the piece's first bytes.
        const size_t need = SequenceLength(static_cast<unsigned char>(Carry_[0]));
        size_t k = 0;
        while (Carry_.size() < need && k < piece.size() && (static_cast<unsigned char>(piece[k]) & 0xC0) == 0x80) Carry_.push_back(piece[k++]);
        if (Carry_.size() < need && k == piece.size()) return true;  // still cut: the next piece goes on with it
        Valid_ = Carry_.size() == need && IsValidUtf8(Carry_);
        Carry_.clear();
        if (!Valid_) return false;
        piece.remove_prefix(k);
    }
    const size_t whole = WholeSequencesEnd(piece);
    Valid_ = IsValidUtf8(piece.substr(0, whole));
    if (Valid_) Carry_.assign(piece.substr(whole));
    return Valid_;
}

}  // namespace profila
