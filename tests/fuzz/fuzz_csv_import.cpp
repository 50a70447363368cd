// libFuzzer target: CSV bytes through decoding, parsing, mapping suggestion, import and export.
// Besides crashes, leaks and hangs it checks two properties:
//   - writing parsed rows back and parsing them again gives the same cells;
//   - a successful import exported as CSV imports again with the same customers and purchases.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/csv.h"
#include "codec/customer_export.h"
#include "import/customer_import.h"
#include "text/numbers.h"

using namespace profila;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);

    CsvTable table = ParseCsvBytes(bytes);
    std::string written;
    size_t kept = 0;
    for (const CsvRow& row : table.Rows) {
        if (row.Cells.size() == 1 && row.Cells[0].empty()) continue;  // would be an empty line
        AppendCsvRow(written, row.Cells, table.Separator);
        ++kept;
    }
    if (table.Errors.empty()) {
        CsvTable again = ParseCsvText(written, table.Separator);
        if (!again.Errors.empty() || again.Rows.size() != kept) __builtin_trap();
        size_t k = 0;
        for (const CsvRow& row : table.Rows) {
            if (row.Cells.size() == 1 && row.Cells[0].empty()) continue;
            if (again.Rows[k++].Cells != row.Cells) __builtin_trap();
        }
    }

    ImportPreview preview = PreviewImport(bytes, 5);
    Workspace existing;
    Customer known;
    known.Id = "1";
    known.Name = "Anna Rossi";
    known.Email = "anna@posta.it";
    known.Phone = "0331 123456";
    known.City = "Varese";
    existing.Customers.push_back(known);
    ImportResult result = ImportCustomers(bytes, preview.Suggested, existing);
    if (!result.Ok() && (!result.NewCustomers.empty() || !result.UpdatedCustomers.empty())) __builtin_trap();
    if (result.Ok()) {
        std::vector<Customer> all = result.NewCustomers;
        all.insert(all.end(), result.UpdatedCustomers.begin(), result.UpdatedCustomers.end());
        std::string csv = CustomersToCsv(all);
        ImportResult back = ImportCustomersAuto(csv, Workspace{});
        if (!back.Ok() || back.NewCustomers.size() != all.size()) __builtin_trap();
        (void)PurchasesToCsv(all);
    }
    // The value parsers on the raw input too.
    (void)ParseDayFirstDate(bytes.substr(0, 40));
    (void)ParseNumber(bytes.substr(0, 40), true);
    (void)ParseNumber(bytes.substr(0, 40), false);
    (void)NormalisePhone(bytes.substr(0, 40));
    return 0;
}
