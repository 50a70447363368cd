// A workbook's sheet as the table the import's mapping and check steps read (the CSV path's
// CsvTable): the header row found under any title rows, typed cells written unambiguously.
#pragma once
#include <memory>
#include <string_view>

#include "import/customer_import.h"
#include "import/workbook.h"

namespace profila {

// The sheet's table: from its header row (an Excel Table's range when the sheet has one, else the
// first of the top rows that is all text and about as wide as the rows beneath it) to its last row;
// every row padded to the table's width; Line = the sheet's row number. header_row receives the
// header's row number (0 when the sheet has no rows).
[[nodiscard]] CsvTable SheetTable(const WorkbookSheet& sheet, int* header_row = nullptr);

// One typed cell as text: dates "yyyy-mm-dd", numbers with a decimal comma and no grouping
// ("1234,5"; whole numbers without decimals, also beyond 2^31), booleans "1"/"0", errors "".
[[nodiscard]] std::string CellAsImportText(const WorkbookCell& cell);

// Reads the workbook and fills preview's Sheets, Sheet (sheet, or the first visible sheet with
// rows when -1) and HeaderRow; a broken workbook gives a table whose one error names the part.
[[nodiscard]] CsvTable WorkbookTable(std::string_view bytes, int sheet, ImportPreview& preview);

// WorkbookTable in steps, for a progress bar: each Step does one piece (the sheet names, a piece of
// the sheet's reading (WorkbookReader), or `rows` rows of its table) and is false once the table is
// ready; Take then gives what WorkbookTable gives. The bytes must outlive the reader.
class WorkbookTableReader {
public:
    WorkbookTableReader(std::string_view bytes, int sheet);
    ~WorkbookTableReader();
    bool Step(size_t rows);
    [[nodiscard]] float Progress() const;  // 0..1
    [[nodiscard]] CsvTable Take(ImportPreview& preview);

private:
    struct State;
    std::unique_ptr<State> S;
};

}  // namespace profila
