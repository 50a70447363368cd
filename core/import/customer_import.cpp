// Customer import, step 2 (customer_import.h): the two drivers of the importer (row_importer.h):
// a CSV file read a window at a time, and a table checked at once or in steps. The mapping's guess
// and the preview are in import_preview.cpp; the field keys, header synonyms and cell parsers in
// import_cells.cpp.
// [SECTION] a file read a window at a time
// [SECTION] a table's check in steps
#include "import/customer_import.h"

#include <algorithm>
#include <utility>

#include "import/row_importer.h"

namespace profila {

using namespace row_import;  // the importer and its steps, this file's two drivers'

// [SECTION] a file read a window at a time ---------------------------------------------------------
// The file is read a window at a time (decoded as it is read) and parsed a row at a time: a big file
// never has all its bytes, nor all its cells, in memory at once. It is read as UTF-8 (EncodingByBom)
// until a byte says it is Windows-1252; the count of customers reads all of it first, so it is
// counted again as that before any row is imported.
ImportResult ImportCustomers(const ByteSource& file, const ImportMapping& mapping, const Workspace& existing,
                             const ImportOptions& options) {
    TextEncoding encoding = options.CheckedEncoding ? *options.CheckedEncoding : EncodingByBom(file);
    const bool checked = options.CheckedEncoding.has_value();
    ImportResult R;
    std::vector<CsvError> errors;
    {
        Importer I{mapping, existing, options, R};
        char separator = mapping.Separator;
        for (;;) {
            CsvReader counter(file, encoding, mapping.Separator, kCsvPiece, checked);
            separator = counter.Separator();
            CsvRowView row;
            const size_t key_cells = std::max<size_t>(1, KeyCells(mapping));
            const size_t customers = CountCustomers(I, existing, [&](Importer& K) {
                if (!counter.Next(row, key_cells)) return false;
                K.SetRow(row.Line, row.Cells);
                return true;
            });
            if (!counter.Utf8Broken()) {
                I.NewCards.reserve(customers);
                break;
            }
            encoding = TextEncoding::Windows1252;
            I.Keys.clear();
            I.RowKeys.clear();
        }
        R.Separator = separator;
        R.Encoding = encoding;
        // The count read every byte, checked as UTF-8 (when the preview had not): not checked again.
        CsvReader reader(file, encoding, separator, kCsvPiece, /*utf8_checked=*/true);
        CsvRowView row;
        ImportRows(I, {}, [&]() -> const CsvRowView* { return reader.Next(row) ? &row : nullptr; },
                   [&] { return reader.Errors().empty(); });
        errors = reader.Errors();
    }
    if (errors.empty()) return R;
    // A broken file (a quote never closed...): read as a table, so its errors come as they always did.
    CsvTable table = ParseCsvBytes(ReadAll(file), mapping.Separator);
    return ImportCustomers(table, mapping, existing, options);
}

ImportResult ImportCustomers(std::string_view file_bytes, const ImportMapping& mapping, const Workspace& existing,
                             const ImportOptions& options) {
    return ImportCustomers(BytesView(file_bytes), mapping, existing, options);
}

ImportResult ImportCustomers(const CsvTable& table, const ImportMapping& mapping, const Workspace& existing,
                             const ImportOptions& options) {
    TableImportCheck check(table, mapping, options);
    while (check.Step(existing, table.Rows.size() + 1)) {}
    return check.Take();
}

// [SECTION] a table's check in steps -----------------------------------------------------------------
struct TableImportCheck::State {
    const CsvTable& Table;
    ImportMapping Mapping;
    ImportOptions Options;
    ImportResult R;
    Workspace NoneYet;  // what the importer points at until the first step hands it the workspace
    Importer I;
    enum class Phase { Count, Rows, Ids, Duplicates, Done } Now = Phase::Count;
    size_t Next = 0;          // the next row of Table
    size_t HeaderCells = 0;
    State(const CsvTable& table, ImportMapping mapping, ImportOptions options)
        : Table(table), Mapping(std::move(mapping)), Options(std::move(options)), I{Mapping, NoneYet, Options, R} {
        R.Separator = table.Separator;
        R.Encoding = table.Encoding;
    }
};

TableImportCheck::TableImportCheck(const CsvTable& table, ImportMapping mapping, ImportOptions options)
    : s_(std::make_unique<State>(table, std::move(mapping), std::move(options))) {}
TableImportCheck::~TableImportCheck() = default;

bool TableImportCheck::Step(const Workspace& existing, size_t rows) {
    State& s = *s_;
    s.I.Ex = &existing;
    const std::vector<CsvRow>& table = s.Table.Rows;
    switch (s.Now) {
    case State::Phase::Count: {
        // The cards are made in one array of the right size (see CountCustomers).
        size_t r = 0;
        s.I.NewCards.reserve(CountCustomers(s.I, existing, [&](Importer& K) {
            if (r == table.size()) return false;
            K.SetRow(table[r++]);
            return true;
        }));
        if (!BeginRows(s.I, s.Table.Errors, !table.empty())) {
            s.Now = State::Phase::Done;
            return false;
        }
        s.HeaderCells = table[0].Cells.size();
        s.Next = s.Mapping.HasHeader ? 1 : 0;
        s.Now = State::Phase::Rows;
        return true;
    }
    case State::Phase::Rows: {
        size_t end = std::min(table.size(), s.Next + rows);
        for (; s.Next < end; ++s.Next) {
            s.I.SetRow(table[s.Next]);
            TakeRow(s.I, s.HeaderCells);
        }
        if (s.Next == table.size()) s.Now = State::Phase::Ids;
        return true;
    }
    case State::Phase::Ids:
        if (!SortErrors(s.I)) {
            s.Now = State::Phase::Done;
            return false;
        }
        GiveNewIds(s.I);
        s.Now = State::Phase::Duplicates;
        return true;
    case State::Phase::Duplicates:
        FindDuplicates(s.I);
        HandOver(s.I);
        s.Now = State::Phase::Done;
        return false;
    case State::Phase::Done: return false;
    }
    return false;
}

float TableImportCheck::Progress() const {
    const State& s = *s_;
    if (s.Now == State::Phase::Done) return 1.0f;
    if (s.Now == State::Phase::Ids || s.Now == State::Phase::Duplicates) return s.Now == State::Phase::Ids ? 0.95f : 0.97f;
    if (s.Table.Rows.empty()) return 0.0f;
    return 0.05f + 0.9f * static_cast<float>(s.Next) / static_cast<float>(s.Table.Rows.size());
}

ImportResult TableImportCheck::Take() { return std::move(s_->R); }

ImportResult ImportCustomersAuto(std::string_view file_bytes, const Workspace& existing, const ImportOptions& options) {
    CsvTable table;
    ImportPreview preview = PreviewImport(file_bytes, 0, table);  // its mapping reads with the table's separator
    if (preview.Sheet >= 0) {
        ImportOptions named = options;
        named.SheetName = preview.Sheets[static_cast<size_t>(preview.Sheet)].Name;
        return ImportCustomers(table, preview.Suggested, existing, named);
    }
    return ImportCustomers(table, preview.Suggested, existing, options);
}

}  // namespace profila
