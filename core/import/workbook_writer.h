// Writes a one-sheet .xlsx (ECMA-376 SpreadsheetML) from typed cells: a bold-free header row of text,
// numbers as numbers, dates as Excel serials with a date format (1900 system), text as inline strings
// (no shared-string table: simpler and still what every spreadsheet reads). Zipped with minizip.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "import/workbook.h"

namespace profila {

// rows[0] is the header. Returns the file's bytes ("" if the zip could not be written).
[[nodiscard]] std::string WriteXlsx(std::string_view sheet_name, const std::vector<std::vector<WorkbookCell>>& rows);

// Days since 1970-01-01 -> Excel 1900-system serial (after 1900-03-01, where the two agree).
[[nodiscard]] double ExcelSerialFromDate(Date date);

}  // namespace profila
