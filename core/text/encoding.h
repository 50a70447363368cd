// Bytes from a file picker to UTF-8 text. Spreadsheets in Italy and Spain save CSV as UTF-8
// (with or without a byte-order mark) or as Windows-1252 ("ANSI"); anything that is not valid
// UTF-8 is read as Windows-1252, which maps every byte to some character, so nothing is lost.
#pragma once
#include <string>
#include <string_view>

namespace profila {

enum class TextEncoding { Utf8, Utf8Bom, Windows1252 };

[[nodiscard]] const char* TextEncodingName(TextEncoding encoding);  // "utf-8", "utf-8-bom", "windows-1252"

[[nodiscard]] bool IsValidUtf8(std::string_view bytes);
[[nodiscard]] std::string Windows1252ToUtf8(std::string_view bytes);

struct DecodedText {
    std::string Utf8;                         // BOM removed
    TextEncoding Source = TextEncoding::Utf8;
};

// Detects the encoding (BOM, else valid UTF-8, else Windows-1252) and returns UTF-8 text.
[[nodiscard]] DecodedText DecodeTextToUtf8(std::string_view bytes);
// The same without a copy when the bytes are UTF-8 already: a view of them (BOM removed), or of
// decoded.Utf8 when they had to be converted. decoded.Source says which encoding they were in.
[[nodiscard]] std::string_view Utf8View(std::string_view bytes, DecodedText& decoded);

}  // namespace profila
