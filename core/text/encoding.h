// Bytes from a file picker to UTF-8 text. Spreadsheets in Italy and Spain save CSV as UTF-8
// (with or without a byte-order mark) or as Windows-1252 ("ANSI"); anything that is not valid
// UTF-8 is read as Windows-1252, which maps every byte to some character, so nothing is lost.
#pragma once
#include <string>
#include <string_view>

#include "text/byte_source.h"

namespace profila {

enum class TextEncoding { Utf8, Utf8Bom, Windows1252 };

[[nodiscard]] const char* TextEncodingName(TextEncoding encoding);  // "utf-8", "utf-8-bom", "windows-1252"

[[nodiscard]] bool IsValidUtf8(std::string_view bytes);
[[nodiscard]] std::string Windows1252ToUtf8(std::string_view bytes);
// The same, appended to out (a file decoded a piece at a time: every byte is a character of its own).
void AppendWindows1252AsUtf8(std::string& out, std::string_view bytes);

struct DecodedText {
    std::string Utf8;                         // BOM removed
    TextEncoding Source = TextEncoding::Utf8;
};

// Detects the encoding (BOM, else valid UTF-8, else Windows-1252) and returns UTF-8 text.
[[nodiscard]] DecodedText DecodeTextToUtf8(std::string_view bytes);
// The same without a copy when the bytes are UTF-8 already: a view of them (BOM removed), or of
// decoded.Utf8 when they had to be converted. decoded.Source says which encoding they were in.
[[nodiscard]] std::string_view Utf8View(std::string_view bytes, DecodedText& decoded);
// What a file read a piece at a time is taken to be until a byte says otherwise: UTF-8 with a BOM
// when it starts with one, else UTF-8 (CsvReader checks it as it reads; Utf8Check).
[[nodiscard]] TextEncoding EncodingByBom(const ByteSource& file);

// UTF-8 checked a piece at a time, as IsValidUtf8 checks it whole: a sequence cut by a piece's end is
// checked with the next piece's first bytes.
class Utf8Check {
public:
    // The next piece; false once anything seen is not UTF-8.
    bool Add(std::string_view piece);
    // The text has ended: true when all of it was UTF-8 (no sequence cut short by the end).
    [[nodiscard]] bool Ended() const { return Valid_ && Carry_.empty(); }
    [[nodiscard]] bool Valid() const { return Valid_; }

private:
    std::string Carry_;  // the start of a sequence the last piece's end cut
    bool Valid_ = true;
};

}  // namespace profila
