// RFC 4180 CSV as Excel and LibreOffice write it in Italy and Spain: quoted fields may hold the
// separator, doubled quotes and line breaks; the separator is ';', ',' or tab (detected); the
// bytes are UTF-8 (with or without BOM) or Windows-1252 (see text_encoding.h). Every row keeps
// the physical line it starts on, so errors can name it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text/byte_source.h"
#include "text/encoding.h"

namespace profila {

struct CsvRow {
    int Line = 0;                         // 1-based physical line where the row starts
    std::vector<std::string> Cells;       // UTF-8, unquoted, never trimmed or converted
};

struct CsvError {
    int Line = 0;                         // 1-based physical line
    int Column = 0;                       // 1-based field number; 0 = the whole line
    std::string Code;                     // "unterminated_quote", "text_after_quote"
    std::string Message;                  // English default text, naming line and column
};

struct CsvTable {
    char Separator = ',';
    TextEncoding Encoding = TextEncoding::Utf8;
    std::vector<CsvRow> Rows;             // entirely empty lines are skipped
    std::vector<CsvError> Errors;         // a table with errors is still returned, as far as it parsed
};

// A row as views of its cells: an unquoted cell views the text itself, a quoted one the row's own
// copy of its value (quotes undone). Valid until the reader's next call.
struct CsvRowView {
    int Line = 0;                         // 1-based physical line where the row starts
    std::vector<std::string_view> Cells;
    std::string Unquoted;                 // the quoted cells' values, end to end
};

inline constexpr size_t kCsvPiece = size_t{1} << 20;  // a file's window is read this many bytes at a time

// Reads the rows of UTF-8 text one at a time, as ParseCsvText does (ParseCsvText keeps them all):
// a big file is imported row by row, without a table of all its cells. Next() fills the row given,
// reusing its storage, so a loop over a million rows allocates almost nothing; the view form copies
// no cell at all.
class CsvReader {
public:
    explicit CsvReader(std::string_view utf8_text, char separator = 0);  // separator 0 = detect
    // A file read a window at a time (pieces of `piece` bytes, decoded from `encoding`; a BOM is passed
    // over): the same rows, lines and errors as the text form gives for the whole file decoded. The
    // window holds at least the row being read (a row longer than it is read again in one twice as
    // long), so the heap holds a piece of the file, not all of it. The file outlives the reader.
    // Read as UTF-8, its bytes are checked as they come: the first that is not UTF-8 ends the rows
    // (Utf8Broken), and the caller reads the file again as Windows-1252 (EncodingByBom's guess).
    // utf8_checked: every byte of this file was found to be UTF-8 already (a reader before this one
    // read it to its end): not checked again.
    CsvReader(const ByteSource& file, TextEncoding encoding, char separator = 0, size_t piece = kCsvPiece, bool utf8_checked = false);
    // A byte read so far is not UTF-8 (or the file's end cut a sequence short), though the reader was told it is.
    [[nodiscard]] bool Utf8Broken() const { return Broken_; }
    [[nodiscard]] char Separator() const { return Sep_; }
    // The next row (entirely empty lines are skipped); false at the end. A quote never closed ends
    // the text: its row is the last one.
    bool Next(CsvRowView& row);
    // The same row, but cut short after its first `keep` cells (or after a later cell) where the rest
    // of its line holds no quote: that rest is passed over without being cut into cells (a pass that
    // needs one column of a million rows).
    bool Next(CsvRowView& row, size_t keep);
    bool Next(CsvRow& row);               // the same row, its cells copied
    // Reads the rest of the text, only counting its rows (what calls to Next would return, with the
    // same errors): lines without a quote are counted without reading their cells.
    size_t CountRest();
    [[nodiscard]] const std::vector<CsvError>& Errors() const { return Errors_; }

private:
    bool ReadRow(CsvRowView& row);        // a row of what the window holds (Next reads it again when cut short)
    void Refill(size_t ahead);            // at least `ahead` bytes from At_ on in the window (fewer at the file's end)
    void KeepAhead();                     // Refill(Ahead_) when fewer are left (the source form's rows and counts)
    [[nodiscard]] bool WholeFileIn() const { return !File_ || FileAt_ >= File_->Size(); }
    struct Quoted {                       // a quoted cell of the row being read: its value in the row's Unquoted
        size_t Cell = 0, From = 0, Size = 0;
    };
    std::string_view Text_;
    char Sep_ = ',';
    size_t At_ = 0;
    int Line_ = 1;
    bool Done_ = false;
    std::vector<CsvError> Errors_;
    std::vector<Quoted> Quoted_;
    size_t Keep_ = static_cast<size_t>(-1);  // Next's keep for the row being read
    size_t NextQuote_ = 0;                // the first '"' at or after it (the text's size: none)
    CsvRowView Copied_;                   // Next(CsvRow&)'s views
    // The source form: the file, how far it has been read into the window, and the window itself.
    const ByteSource* File_ = nullptr;
    TextEncoding Encoding_ = TextEncoding::Utf8;
    size_t FileAt_ = 0;
    size_t Piece_ = 0;
    size_t Ahead_ = 0;                    // bytes wanted ahead of a row's start before it is read
    std::string Window_, Raw_;            // Raw_: a Windows-1252 piece before it is decoded into Window_
    Utf8Check Check_;                     // the bytes read, when they are said to be UTF-8
    bool Checked_ = false;                // the bytes are known to be UTF-8 (utf8_checked): Check_ is not used
    bool Broken_ = false;
};

// Picks ';', ',' or '\t': the candidate that appears (outside quotes) the same non-zero number
// of times on most of the first lines; ties prefer ';' (the Italian/Spanish Excel default).
[[nodiscard]] char DetectCsvSeparator(std::string_view utf8_text);

// Parses already decoded UTF-8 text. separator 0 = detect.
[[nodiscard]] CsvTable ParseCsvText(std::string_view utf8_text, char separator = 0);
// Decodes the file's bytes (encoding detection) and parses them. separator 0 = detect.
[[nodiscard]] CsvTable ParseCsvBytes(std::string_view bytes, char separator = 0);

// One field, quoted only when needed (separator, quote, CR or LF inside, or leading/trailing space).
void AppendCsvField(std::string& out, std::string_view field, char separator);
// A whole row ended by "\r\n" (what spreadsheets expect).
void AppendCsvRow(std::string& out, const std::vector<std::string>& fields, char separator);

}  // namespace profila
