// A CSV file read a window at a time (CsvReader's source form, what a big import reads) gives the
// same rows, lines, errors and counts as the whole text read at once, wherever its pieces end.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text/byte_source.h"
#include "text/csv.h"
#include "text/encoding.h"

using namespace profila;

namespace {
// What the text form reads: each row's line and cells, then the errors.
std::string RowsOf(CsvReader& reader) {
    std::string out;
    CsvRowView row;
    while (reader.Next(row)) {
        out += std::to_string(row.Line) + ":";
        for (std::string_view c : row.Cells) out += "[" + std::string(c) + "]";
        out += "\n";
    }
    for (const CsvError& e : reader.Errors()) out += "error " + std::to_string(e.Line) + "," + std::to_string(e.Column) + " " + e.Code + "\n";
    return out;
}

// The first rows read with Next(row, keep), the rest counted: what the preview and the key pass do.
std::string KeptThenCounted(CsvReader& reader, size_t rows, size_t keep) {
    std::string out;
    CsvRowView row;
    for (size_t r = 0; r < rows && reader.Next(row, keep); ++r) {
        out += std::to_string(row.Line) + ":";
        for (std::string_view c : row.Cells) out += "[" + std::string(c) + "]";
        out += "\n";
    }
    out += "rest " + std::to_string(reader.CountRest()) + "\n";
    for (const CsvError& e : reader.Errors()) out += "error " + std::to_string(e.Line) + "," + std::to_string(e.Column) + " " + e.Code + "\n";
    return out;
}

// A file of awkward rows from a seed: quoted cells with separators, doubled quotes and line breaks,
// empty lines, "\r\n", "\r" and "\n" breaks, accents, long cells, and sometimes a broken quote.
std::string AwkwardCsv(uint32_t seed) {
    auto next = [&seed] { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7fff; };
    const char* breaks[] = {"\r\n", "\n", "\r"};
    std::string text = "id;nome;città;importo\r\n";
    const int rows = 5 + static_cast<int>(next() % 40);
    for (int r = 0; r < rows; ++r) {
        if (next() % 9 == 0) text += breaks[next() % 3];  // an empty line
        for (int c = 0; c < 4; ++c) {
            if (c) text += ';';
            switch (next() % 7) {
            case 0: text += "\"a;b\"\"c\""; break;
            case 1: text += "\"due\r\nrighe\""; break;
            case 2: text += std::string(1 + next() % 90, 'x'); break;
            case 3: text += "caffè"; break;
            case 4: break;
            default: text += std::to_string(next()); break;
            }
        }
        text += breaks[next() % 3];
    }
    if (next() % 5 == 0) text += "\"mai chiuso;x\r\ny";
    else if (next() % 4 == 0) text += "\"q\"dopo;z";  // text after a closing quote, no final break
    return text;
}
}  // namespace

TEST_CASE("csv window: the same rows, lines and errors as the whole text, wherever the pieces end") {
    for (uint32_t seed = 1; seed <= 300; ++seed) {
        const std::string text = AwkwardCsv(seed);
        CsvReader whole(text);
        const std::string expected = RowsOf(whole);
        for (size_t piece : {1, 2, 3, 5, 8, 13, 64, 1 << 20}) {
            CAPTURE(seed);
            CAPTURE(piece);
            BytesView file(text);
            CsvReader windowed(file, TextEncoding::Utf8, 0, piece);
            CHECK(windowed.Separator() == whole.Separator());
            CHECK(RowsOf(windowed) == expected);
        }
    }
}

TEST_CASE("csv window: rows kept short and the rest counted as the whole text does") {
    for (uint32_t seed = 1; seed <= 200; ++seed) {
        const std::string text = AwkwardCsv(seed);
        for (size_t keep : {1, 2, 99}) {
            for (size_t first : {0, 1, 3}) {
                CsvReader whole(text, ';');
                const std::string expected = KeptThenCounted(whole, first, keep);
                for (size_t piece : {1, 4, 7, 32, 1 << 20}) {
                    CAPTURE(seed);
                    CAPTURE(keep);
                    CAPTURE(first);
                    CAPTURE(piece);
                    BytesView file(text);
                    CsvReader windowed(file, TextEncoding::Utf8, ';', piece);
                    CHECK(KeptThenCounted(windowed, first, keep) == expected);
                }
            }
        }
    }
}

TEST_CASE("csv window: a BOM passed over, Windows-1252 decoded piece by piece, and found when said to be UTF-8") {
    const std::string ansi = "nome;citt\xe0\r\nNicol\xf2;Cant\xf9\r\n\x93quoted\x94;\x80 5\r\n";
    const std::string decoded = Windows1252ToUtf8(ansi);
    CsvReader whole(decoded);
    const std::string expected = RowsOf(whole);
    CHECK(expected.find("Nicolò") != std::string::npos);
    const std::string bommed = "\xef\xbb\xbf" "a;b\r\ncaffè;1\r\n";
    CsvReader whole_bom(std::string_view(bommed).substr(3));
    const std::string expected_bom = RowsOf(whole_bom);
    for (size_t piece : {1, 2, 3, 100}) {
        CAPTURE(piece);
        BytesView file(ansi);
        CHECK(EncodingByBom(file) == TextEncoding::Utf8);
        CsvReader as_utf8(file, TextEncoding::Utf8, 0, piece);
        CsvRowView row;
        while (as_utf8.Next(row)) {}
        CHECK(as_utf8.Utf8Broken());  // the caller reads it again as Windows-1252
        CsvReader windowed(file, TextEncoding::Windows1252, 0, piece);
        CHECK(RowsOf(windowed) == expected);
        CHECK_FALSE(windowed.Utf8Broken());
        BytesView with_bom(bommed);
        CHECK(EncodingByBom(with_bom) == TextEncoding::Utf8Bom);
        CsvReader bom_read(with_bom, TextEncoding::Utf8Bom, 0, piece);
        CHECK(RowsOf(bom_read) == expected_bom);
        CHECK_FALSE(bom_read.Utf8Broken());
    }
}

TEST_CASE("csv window: UTF-8 checked piece by piece as it is checked whole") {
    // Multi-byte sequences cut at every place by the pieces' ends, valid and broken.
    const std::vector<std::string> texts = {"plain ascii", "caffè e tè", "\xe2\x82\xac 10", "\xf0\x9f\x98\x80 ok", "caff\xe8",
                                            "ok \xc3", "\xe2\x82", "a\xed\xa0\x80z", "\xc3\xa8\xc3", "\xe2\x82x", "", "\x80",
                                            "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xe2\x82\xac"};
    for (const std::string& t : texts) {
        for (size_t piece = 1; piece <= 6; ++piece) {
            CAPTURE(t);
            CAPTURE(piece);
            Utf8Check check;
            for (size_t at = 0; at < t.size(); at += piece) check.Add(std::string_view(t).substr(at, piece));
            CHECK(check.Ended() == IsValidUtf8(t));
        }
    }
}
