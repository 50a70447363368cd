// Workbooks: .xlsx (ECMA-376 SpreadsheetML) and .ods (ODF 1.2 spreadsheet) read into typed cells,
// sheet by sheet, with zlib/minizip for the package and pugixml for the XML (web/scripts/fetch-libs.sh).
// Cells keep their type: text stays text ("04449" keeps its zero), numbers are numbers (never
// read from displayed, localised text), dates are calendar days (Excel serials in the 1900 system
// with its 1900-02-29 quirk, or the 1904 system; ODS office:date-value), formulas give their cached
// value. Errors are values naming the package part (and row or cell where known).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"

namespace profila {

enum class CellType : uint8_t { Empty, Text, Number, Date, Bool, Error };

struct WorkbookCell {
    CellType Type = CellType::Empty;
    double Number = 0;        // Number, Bool (0/1); Date: the day (Date::Days)
    std::string Text;         // Text, Error ("#DIV/0!"); empty otherwise
};

struct WorkbookRow {
    int Row = 0;                         // 1-based row number in the sheet
    std::vector<WorkbookCell> Cells;     // index = column - 1; trailing empty cells dropped
};

struct WorkbookSheet {
    std::string Name;
    bool Hidden = false;                 // hidden or very hidden: offered, but marked
    std::vector<WorkbookRow> Rows;       // rows with at least one non-empty cell, in order
    std::vector<std::string> Merged;     // "B4:E4"
    std::string TableRef;                // xlsx: the first Excel Table's range ("A5:F15"), header row included
};

struct Workbook {
    enum class Format { Xlsx, Ods } Kind = Format::Xlsx;
    bool Date1904 = false;
    std::vector<WorkbookSheet> Sheets;   // in the workbook's order
};

struct WorkbookError {
    std::string Code;                    // "not_workbook", "damaged_zip", "missing_part", "bad_xml", "too_large"
    std::string Part;                    // package part ("xl/worksheets/sheet1.xml"), "" for the whole file
    std::string Message;                 // English: "xl/sharedStrings.xml: missing (the workbook names it)"
};

struct WorkbookOptions {
    int OnlySheet = -1;                  // read the cells of this sheet only (names of all); -1 = all
    size_t MaxCells = 20'000'000;        // refuse bigger sheets (a repeated row can claim a million rows)
};

struct WorkbookResult {
    std::optional<Workbook> Book;
    WorkbookError Error;                 // when !Book
};

// Reads .xlsx or .ods from its bytes (the format from the package's content, not the file name).
[[nodiscard]] WorkbookResult ReadWorkbook(std::string_view bytes, const WorkbookOptions& options = {});

// The same in steps, for a progress bar: each Step does one piece (the package's parts, the shared
// strings, a sheet unzipped, parsed, or `rows` of its rows) and is false once the workbook is read;
// Take() then gives what ReadWorkbook gives. An .xlsx sheet's rows come in slices; an .ods is read
// in one step. The bytes must outlive the reader.
class WorkbookReader {
public:
    explicit WorkbookReader(std::string_view bytes, const WorkbookOptions& options = {});
    ~WorkbookReader();
    WorkbookReader(WorkbookReader&&) noexcept;
    WorkbookReader& operator=(WorkbookReader&&) noexcept;
    bool Step(size_t rows);
    [[nodiscard]] size_t Done() const;   // rows of the sheet being read so far (xlsx)
    [[nodiscard]] size_t Total() const;  // its rows (0 until it is parsed)
    [[nodiscard]] WorkbookResult Take();

private:
    struct State;
    std::unique_ptr<State> S;
};

// Excel serial -> day, 1900 system with Lotus' 1900-02-29 (serial 60, no such day: nullopt) or 1904.
[[nodiscard]] std::optional<Date> ExcelSerialToDate(double serial, bool date1904);
// True when an Excel number format shows a date ("dd/mm/yyyy", built-in 14..22, 45..47).
[[nodiscard]] bool IsExcelDateFormat(int num_fmt_id, std::string_view format_code);
// "A1" style column letters <-> 1-based column number.
[[nodiscard]] std::string ColumnLetters(int column);
[[nodiscard]] int ColumnFromRef(std::string_view ref, int* row = nullptr);

}  // namespace profila
