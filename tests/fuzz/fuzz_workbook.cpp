// libFuzzer target: bytes as a workbook (.xlsx or .ods) through the zip reader, the XML parser, the
// typed cells, the sheet table and the import's preview and check. Besides crashes, leaks and hangs
// it checks: a workbook that reads has at least one sheet, every row number rises, and a broken one
// names what is wrong; an import that refuses returns no customers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/customer_import.h"
#include "import/workbook.h"
#include "import/workbook_table.h"

using namespace profila;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    WorkbookOptions options;
    options.MaxCells = 200000;  // bounded work per input (the real limit is checked the same way)
    WorkbookResult r = ReadWorkbook(bytes, options);
    if (!r.Book) {
        if (r.Error.Message.empty()) __builtin_trap();
        return 0;
    }
    if (r.Book->Sheets.empty()) __builtin_trap();
    for (const WorkbookSheet& s : r.Book->Sheets) {
        int last = 0;
        for (const WorkbookRow& row : s.Rows) {
            if (row.Row <= last) __builtin_trap();
            last = row.Row;
        }
        int header = 0;
        CsvTable t = SheetTable(s, &header);
        for (const CsvRow& row : t.Rows)
            if (!t.Rows.empty() && row.Cells.size() != t.Rows[0].Cells.size()) __builtin_trap();
    }
    ImportResult ir = ImportCustomersAuto(bytes, Workspace{});
    if (!ir.Ok() && (!ir.NewCustomers.empty() || !ir.UpdatedCustomers.empty())) __builtin_trap();
    return 0;
}
