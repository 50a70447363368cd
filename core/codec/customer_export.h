// Customers out to CSV for a spreadsheet. Text cells that begin with = + - @ (or tab / CR) are
// prefixed with an apostrophe so the spreadsheet shows them instead of running them as a
// formula (CSV injection); the import removes that apostrophe again. The header uses the
// import's field keys, so an exported file imports back unchanged.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "import/workbook.h"
#include "model/customer.h"

namespace profila {

struct CsvExportOptions {
    char Separator = ';';           // Excel in Italy and Spain expects ';'
    bool DecimalComma = true;       // "12,50"
    bool ByteOrderMark = true;      // so Excel reads UTF-8 accents correctly
};

// "=1+1" -> "'=1+1"; anything else unchanged.
[[nodiscard]] std::string EscapeSpreadsheetFormula(std::string_view cell);

// One row per customer: card fields and totals (purchases, revenue).
[[nodiscard]] std::string CustomersToCsv(const std::vector<Customer>& customers, const CsvExportOptions& options = {});
// One row per purchase with the customer id and name (re-importable as the purchase shape).
[[nodiscard]] std::string PurchasesToCsv(const std::vector<Customer>& customers, const CsvExportOptions& options = {});

// A typed table for a spreadsheet: rows[0] is the header, then one row per customer with the CSV's
// columns, numbers as numbers and dates as dates (WriteXlsx writes it as an .xlsx).
using SheetRows = std::vector<std::vector<WorkbookCell>>;
[[nodiscard]] SheetRows CustomersToSheet(const std::vector<Customer>& customers);
// A typed table as CSV in a convention: numbers with the options' decimal mark (shortest form),
// dates ISO (what the import reads in any language), text escaped against formulas.
[[nodiscard]] std::string SheetToCsv(const SheetRows& rows, const CsvExportOptions& options);

}  // namespace profila
