// CSV reading: RFC 4180 quoting, separator and encoding detection, physical line numbers.
#include <doctest/doctest.h>

#include "test_files.h"

#include <fstream>
#include <sstream>

#include "text/csv.h"
#include "text/encoding.h"

using namespace profila;


TEST_CASE("cards csv: text encoding detection") {
    CHECK(IsValidUtf8("caffè"));
    CHECK_FALSE(IsValidUtf8("caff\xe8"));
    CHECK_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
    // ASCII is checked eight bytes at a time: a bad or good sequence at every offset of a long line.
    for (size_t at = 0; at < 24; ++at) {
        CAPTURE(at);
        std::string line(40, 'a');
        CHECK(IsValidUtf8(line.substr(0, at) + "\xc3\xa8" + line));
        CHECK_FALSE(IsValidUtf8(line.substr(0, at) + "\xe8" + line));
        CHECK_FALSE(IsValidUtf8(line.substr(0, at) + "\xc3"));  // cut short at the end
    }
    CHECK(Windows1252ToUtf8("caff\xe8 \x80 5") == "caffè € 5");
    CHECK(Windows1252ToUtf8("\x93ok\x94") == "\xe2\x80\x9cok\xe2\x80\x9d");
    DecodedText bom = DecodeTextToUtf8("\xef\xbb\xbf" "a;b");
    CHECK(bom.Source == TextEncoding::Utf8Bom);
    CHECK(bom.Utf8 == "a;b");
    DecodedText plain = DecodeTextToUtf8("città");
    CHECK(plain.Source == TextEncoding::Utf8);
    DecodedText ansi = DecodeTextToUtf8("citt\xe0");
    CHECK(ansi.Source == TextEncoding::Windows1252);
    CHECK(ansi.Utf8 == "città");
}

TEST_CASE("cards csv: separator detection") {
    CHECK(DetectCsvSeparator("a;b;c\n1;2,5;3\n") == ';');
    CHECK(DetectCsvSeparator("a,b,c\n1,2,3\n") == ',');
    CHECK(DetectCsvSeparator("a\tb\n1\t2\n") == '\t');
    // Commas inside quotes do not count.
    CHECK(DetectCsvSeparator("\"x,y,z\";b\n\"1,2,3\";4\n") == ';');
    // Decimal commas in a semicolon file: ';' is consistent, ',' is not.
    CHECK(DetectCsvSeparator("nome;importo\nA;1,5\nB;2\n") == ';');
}

TEST_CASE("cards csv: RFC 4180 quoting with newlines and doubled quotes, line numbers") {
    const char* text = "id,note,amount\r\n1,\"two\r\nlines\",5\r\n2,\"say \"\"hi\"\"\",6\r\n\r\n3,,7";
    CsvTable t = ParseCsvText(text);
    CHECK(t.Errors.empty());
    CHECK(t.Separator == ',');
    REQUIRE(t.Rows.size() == 4);
    CHECK(t.Rows[0].Line == 1);
    CHECK(t.Rows[1].Line == 2);
    CHECK(t.Rows[1].Cells[1] == "two\nlines");
    CHECK(t.Rows[2].Line == 4);  // the quoted newline took a physical line
    CHECK(t.Rows[2].Cells[1] == "say \"hi\"");
    CHECK(t.Rows[3].Line == 6);  // the empty line 5 is skipped but counted
    CHECK(t.Rows[3].Cells == std::vector<std::string>{"3", "", "7"});
}

TEST_CASE("cards csv: broken quoting is reported with line and column") {
    CsvTable t = ParseCsvText("a;b\n1;\"open\n2;3\n");
    REQUIRE(t.Errors.size() == 1);
    CHECK(t.Errors[0].Code == "unterminated_quote");
    CHECK(t.Errors[0].Line == 2);
    CHECK(t.Errors[0].Column == 2);
    CHECK(t.Errors[0].Message == "line 2, column 2: a quoted value opened here is never closed");

    CsvTable u = ParseCsvText("a;b\n\"x\"y;2\n");
    REQUIRE(u.Errors.size() == 1);
    CHECK(u.Errors[0].Code == "text_after_quote");
    CHECK(u.Errors[0].Line == 2);
    CHECK(u.Rows[1].Cells[0] == "xy");
}

namespace {
// Random texts for the reader's tests: separators, quotes, line breaks (\n, \r\n, \r), spaces and
// letters; a third of them without any quote. Deterministic from the seed.
struct RandomCsvTexts {
    uint32_t Seed;
    uint32_t Next() { return (Seed = Seed * 1664525u + 1013904223u) >> 8; }
    std::string Text(uint32_t longest) {
        static constexpr char kAlphabet[] = {';', ';', ',', '"', '\n', '\r', 'a', 'b', ' ', 'x', '\n'};
        std::string text;
        const bool quotes = Next() % 3 != 0;
        for (uint32_t k = 0, len = Next() % longest; k < len; ++k) {
            const char c = kAlphabet[Next() % sizeof kAlphabet];
            text.push_back(c == '"' && !quotes ? 'q' : c);
        }
        return text;
    }
};
}  // namespace

TEST_CASE("cards csv: counting the rest of the rows gives what reading them gives, errors too") {
    // A few rows read first, then the rest counted (lines without a quote line by line), against
    // reading every row.
    RandomCsvTexts random{7};
    for (int t = 0; t < 20000; ++t) {
        const std::string text = random.Text(60);
        CAPTURE(text);
        CsvReader read(text, ';'), counted(text, ';');
        CsvRowView row;
        for (uint32_t k = 0, first = random.Next() % 3; k < first; ++k) REQUIRE(read.Next(row) == counted.Next(row));
        size_t rows = 0;
        while (read.Next(row)) ++rows;
        REQUIRE(counted.CountRest() == rows);
        REQUIRE(counted.Errors().size() == read.Errors().size());
        for (size_t k = 0; k < read.Errors().size(); ++k) REQUIRE(counted.Errors()[k].Message == read.Errors()[k].Message);
        CHECK_FALSE(counted.Next(row));
    }
    CsvReader mixed("a;b\r\n1;2\r\n\r\n3;\"x\r\ny\"\r\n4;5\n6;\"open\n7;8", ';');
    CHECK(mixed.CountRest() == 5);  // the empty line is not a row; the quote never closed ends the text
    REQUIRE(mixed.Errors().size() == 1);
    CHECK(mixed.Errors()[0].Line == 7);
}

TEST_CASE("cards csv: a row read up to its first cells is the same row, with the same lines and errors") {
    RandomCsvTexts random{11};
    for (int t = 0; t < 20000; ++t) {
        const std::string text = random.Text(80);
        CAPTURE(text);
        const size_t keep = 1 + random.Next() % 3;
        CsvReader whole(text, ';'), first(text, ';');
        CsvRowView a, b;
        for (;;) {
            const bool x = whole.Next(a), y = first.Next(b, keep);
            REQUIRE(x == y);
            if (!x) break;
            REQUIRE(a.Line == b.Line);
            REQUIRE(b.Cells.size() >= std::min(keep, a.Cells.size()));
            for (size_t k = 0; k < std::min(keep, a.Cells.size()); ++k) REQUIRE(a.Cells[k] == b.Cells[k]);
        }
        REQUIRE(first.Errors().size() == whole.Errors().size());
    }
    CsvReader some("id;name;town\r\nK1;Anna;Sondrio\r\nK2;\"Bo, \"\"B\"\"\";Tirano\r\nK3;Cleo;\"Bormio\"", ';');
    CsvRowView row;
    REQUIRE(some.Next(row, 1));
    CHECK(row.Cells.size() == 1);  // the rest of the header line passed over
    REQUIRE(some.Next(row, 1));
    CHECK(row.Cells == std::vector<std::string_view>{"K1"});
    REQUIRE(some.Next(row, 1));
    CHECK(row.Cells.size() == 2);  // a quote after the first cell: read on to where no quote follows
    CHECK(row.Cells[1] == "Bo, \"B\"");
    REQUIRE(some.Next(row, 1));
    CHECK(row.Line == 4);
    CHECK(row.Cells.size() == 3);
    CHECK_FALSE(some.Next(row, 1));
}

TEST_CASE("cards csv: fixtures in Windows-1252 and UTF-8 with BOM") {
    CsvTable w = ParseCsvBytes(ReadFixture("cards_win1252.csv"));
    CHECK(w.Encoding == TextEncoding::Windows1252);
    CHECK(w.Separator == ';');
    REQUIRE(w.Rows.size() == 3);
    CHECK(w.Rows[0].Cells[2] == "Città");
    CHECK(w.Rows[1].Cells[0] == "Nicolò");
    CHECK(w.Rows[1].Cells[2] == "Forlì");
    CHECK(w.Rows[1].Cells[6] == "caffè € 2");
    CHECK(w.Rows[2].Cells[1] == "Peña");
    CHECK(w.Rows[2].Cells[4] == "00349271234");

    CsvTable b = ParseCsvBytes(ReadFixture("cards_bom_quoted.csv"));
    CHECK(b.Encoding == TextEncoding::Utf8Bom);
    CHECK(b.Separator == ',');
    REQUIRE(b.Rows.size() == 3);
    CHECK(b.Rows[0].Cells[0] == "codice cliente");  // no BOM bytes in the first header
    CHECK(b.Rows[1].Cells[1] == "Bar \"Centrale\"");
    CHECK(b.Rows[2].Cells[1] == "Osteria\ndel Borgo");
    CHECK(b.Rows[2].Line == 3);
}

TEST_CASE("cards csv: writing quotes only when needed and round-trips") {
    std::string out;
    AppendCsvRow(out, {"plain", "a;b", "say \"x\"", "two\nlines", " pad"}, ';');
    CHECK(out == "plain;\"a;b\";\"say \"\"x\"\"\";\"two\nlines\";\" pad\"\r\n");
    CsvTable back = ParseCsvText(out, ';');
    REQUIRE(back.Rows.size() == 1);
    CHECK(back.Rows[0].Cells == std::vector<std::string>{"plain", "a;b", "say \"x\"", "two\nlines", " pad"});
}
