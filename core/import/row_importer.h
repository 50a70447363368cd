// The customer import's machinery, shared by its two drivers in customer_import.cpp (a CSV file read
// a window at a time, and a table checked in steps): the importer that turns rows into cards, its
// named steps (map the columns, take each row, give ids, find duplicates) and the two passes over
// the rows (count the customers, then import the rows). Internal to core/import: the API is
// customer_import.h.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "import/customer_import.h"
#include "import/import_cells.h"
#include "import/workbook.h"  // ColumnLetters: a sheet's errors name the column's letters
#include "model/limits.h"
#include "text/numbers.h"

namespace profila::row_import {

// A customer key of the file (RowValues::Key): its rows and, once a row made it, its customer.
struct KeyEntry {
    static constexpr size_t kNone = static_cast<size_t>(-1);
    uint32_t Rows = 0;        // rows with this key (CountCustomers)
    size_t Customer = kNone;  // its index in Importer::Customers, once a row made it
};

// A customer the import builds: a new one, or a copy of a workspace customer it updates. Its card is
// in the importer's NewCards or UpdatedCards (which become the result's lists as they are).
struct Pending {
    size_t Card = 0;         // index in NewCards or UpdatedCards
    int Line = 0;
    bool Existing = false;   // updates a workspace customer
    bool Named = false;      // name set from this file (first value wins for later rows)
};

// A card and a purchase as made, before any cell is read into them.
const Customer& BlankCustomer();
const Purchase& BlankPurchase();
// A cell's text into a row's field (an empty cell over an empty field costs nothing).
void SetText(std::string& field, std::string_view text);

// What one row says: whose row it is, the customer's cells, and its purchase.
struct RowValues {
    std::string Key;                      // "i:<id>", "e:<email>" or "n:<name>|<company>|<city>"
    std::string Id;
    Customer Parsed;
    std::optional<CustomerKind> Kind;
    std::optional<Gender> Sex;
    std::optional<Purchase> Bought;
};

// The card's CSV columns read by their kind and merged alike (see row_importer.cpp).
std::vector<CsvColumn> PlainColumns(FieldGroup group);

struct Importer {
    Importer(const ImportMapping& m, const Workspace& existing, const ImportOptions& options, ImportResult& r)
        : M(m), Ex(&existing), Opt(options), R(r) {}
    const ImportMapping& M;
    const Workspace* Ex;  // the workspace as it is (a check in steps is handed it again at each step)
    const Workspace& Existing() const { return *Ex; }
    const ImportOptions& Opt;
    ImportResult& R;
    const std::vector<CsvColumn> PlainCustomer = PlainColumns(FieldGroup::Customer);
    const std::vector<CsvColumn> PlainPurchase = PlainColumns(FieldGroup::Purchase);
    std::vector<int> ColumnOf = std::vector<int>(static_cast<size_t>(ImportField::Count_), -1);  // field -> column or -1
    // The plain columns the mapping uses (the others would read an empty cell on every row).
    std::vector<CsvColumn> MappedCustomer, MappedPurchase;
    // The row being read: its cells trimmed, once a row (Cell reads a dozen fields a row, some of
    // them twice), as views of the file's text (or of a table's cells).
    std::vector<std::string_view> Cells;
    int Line = 0;
    size_t DataRow = 0;  // data rows taken so far (the header not counted)
    template <typename CellList>
    void SetRow(int line, const CellList& cells) {
        Line = line;
        Cells.resize(cells.size());
        for (size_t k = 0; k < cells.size(); ++k) Cells[k] = Trim(cells[k]);
    }
    void SetRow(const CsvRow& row) { SetRow(row.Line, row.Cells); }
    // Each data row's key entry (null for a row without one), found by CountCustomers: the rows'
    // pass finds its customer without making the key again.
    std::vector<KeyEntry*> RowKeys;
    RowValues Values;  // the row's values, reused from row to row
    // The customers being built.
    std::vector<Pending> Customers;
    std::vector<Customer> NewCards, UpdatedCards;
    Customer& CardOf(const Pending& p) { return p.Existing ? UpdatedCards[p.Card] : NewCards[p.Card]; }
    // Each customer key of the file (RowValues::Key): its rows, counted before the import
    // (CountCustomers), so a card's purchase list is made the right size once instead of grown row
    // by row; and its customer once a row made it. One lookup a row.
    std::unordered_map<std::string, KeyEntry> Keys;
    std::unordered_map<std::string, size_t> ExistingById;  // a position checked on use (see ExistingCard)
    std::unordered_set<std::string> UsedIds;  // ids of the file and the workspace, when ids are numbered (no IdSource)
    TextPool Texts;  // the purchases' repeated texts, one block each for the whole import

    void IndexExisting() {
        ExistingById.clear();
        ExistingById.reserve(Existing().Customers.size());
        for (size_t i = 0; i < Existing().Customers.size(); ++i) ExistingById.emplace(Existing().Customers[i].Id, i);
    }
    // The workspace's card with this id, or null. Positions are checked on use: between the steps
    // of a check the workspace may have changed (another tab, a sync), and then it is indexed again.
    const Customer* ExistingCard(const std::string& id) {
        if (id.empty() || Existing().Customers.empty()) return nullptr;
        for (int pass = 0; pass < 2; ++pass) {
            auto found = ExistingById.find(id);
            const auto& list = Existing().Customers;
            if (found != ExistingById.end() && found->second < list.size() && list[found->second].Id == id) return &list[found->second];
            if (found == ExistingById.end() && ExistingById.size() == list.size()) return nullptr;
            IndexExisting();
        }
        return nullptr;
    }

    void Error(int line, int column, const char* code, std::string value, std::string_view problem) {
        ++R.ErrorCount;
        if (R.Errors.size() >= Opt.MaxErrors) return;
        std::string where = line > 0 ? "line " + std::to_string(line) : std::string("file");
        if (!Opt.SheetName.empty()) where = "sheet \"" + Opt.SheetName + "\"" + (line > 0 ? ", row " + std::to_string(line) : "");
        if (column > 0) {
            where += ", column " + (Opt.SheetName.empty() ? std::to_string(column) : ColumnLetters(column));
            size_t c = static_cast<size_t>(column - 1);
            if (c < M.Columns.size()) {
                const std::string& h = M.Columns[c].Header;
                where += " (" + (h.empty() ? std::string(ImportFieldKey(M.Columns[c].Field)) : h) + ")";
            }
        }
        std::string msg = where + ": ";
        if (!value.empty()) msg += "\"" + (value.size() > 60 ? value.substr(0, 57) + "..." : value) + "\" ";
        msg.append(problem);
        R.Errors.push_back({line, column, code, std::move(value), std::move(msg)});
    }

    // The current row's cells, by field (trimmed).
    int Col(ImportField f) const { return ColumnOf[static_cast<size_t>(f)]; }
    std::string_view Cell(ImportField f) const {
        int c = Col(f);
        if (c < 0 || static_cast<size_t>(c) >= Cells.size()) return {};
        return Cells[static_cast<size_t>(c)];
    }
    // A text cell as the card keeps it (CellTextView of the trimmed cell).
    std::string_view TextCell(ImportField f) const { return WithoutFormulaGuard(Cell(f)); }
    void CellError(ImportField f, const char* code, std::string_view value, std::string_view problem) {
        Error(Line, Col(f) + 1, code, std::string(value), problem);
    }
    std::optional<double> NumberCell(ImportField f, bool allow_negative, double lo, double hi) {
        std::string_view v = Cell(f);
        if (v.empty()) return std::nullopt;
        std::optional<double> d = ParseNumber(v, M.DecimalComma);
        if (!d) { CellError(f, kImportBadNumber, v, "is not a number"); return std::nullopt; }
        if (!allow_negative && *d < 0) { CellError(f, kImportNegative, v, "must not be negative"); return std::nullopt; }
        if (*d < lo || *d > hi) { CellError(f, kImportOutOfRange, v, "is out of range"); return std::nullopt; }
        return d;
    }
    std::optional<int> WholeCell(ImportField f, int64_t lo, int64_t hi) {
        std::string_view v = Cell(f);
        if (v.empty()) return std::nullopt;
        std::optional<int64_t> n = ParseWholeNumber(v);
        if (!n) { CellError(f, kImportBadNumber, v, "is not a whole number"); return std::nullopt; }
        if (*n < 0 && lo >= 0) { CellError(f, kImportNegative, v, "must not be negative"); return std::nullopt; }
        if (*n < lo || *n > hi) { CellError(f, kImportOutOfRange, v, "is out of range"); return std::nullopt; }
        return static_cast<int>(*n);
    }
    std::optional<Date> DateCell(ImportField f) {
        std::string_view v = Cell(f);
        if (v.empty()) return std::nullopt;
        std::optional<Date> d = ParseDayFirstDate(v);
        if (!d) CellError(f, kImportBadDate, v, "is not a real date (dd/mm/yyyy or yyyy-mm-dd)");
        return d;
    }
    // The plain columns' cells into the row (a customer or a purchase), every one written: a whole
    // number that is empty or refused gets its value in blank (the row as made), so a row reused
    // from the one before keeps nothing of it.
    void ReadPlain(const std::vector<CsvColumn>& columns, void* row, const void* blank) {
        for (const CsvColumn& c : columns) {
            const CardField& f = *c.Field;
            void* at = f.Member(c.Owner(row));
            switch (f.Kind) {
            case FieldKind::Text: SetText(*static_cast<std::string*>(at), TextCell(f.Csv)); break;
            case FieldKind::Shared: *static_cast<SharedText*>(at) = Texts.Intern(TextCell(f.Csv)); break;
            case FieldKind::Id: *static_cast<CompactId*>(at) = TextCell(f.Csv); break;
            case FieldKind::Int: {
                std::optional<int> n = WholeCell(f.Csv, f.IntLo, f.IntHi);
                *static_cast<int*>(at) = n ? *n : *static_cast<const int*>(f.View(c.Owner(blank)));
                break;
            }
            case FieldKind::OptInt: *static_cast<std::optional<int>*>(at) = WholeCell(f.Csv, f.IntLo, f.IntHi); break;
            case FieldKind::OptDate: *static_cast<std::optional<Date>*>(at) = DateCell(f.Csv); break;
            default: break;
            }
        }
    }
};

// Step 1: the mapping against the file's syntax errors and first row. False (with the error) when
// the import cannot start.
bool MapColumns(const std::vector<CsvError>& csv_errors, bool no_rows, Importer& I);
// The row's key, from its cells: "i:<id>", else "e:<e-mail>", else "n:<name>|<company>|<city>";
// empty when the row has none of them.
void MakeRowKey(Importer& I, std::string& key);
// Whether the row has an id and `key` is the key MakeRowKey makes of it, told without making it (a
// file sorted by customer asks this of almost every row).
bool RowHasIdKey(const Importer& I, std::string_view key);
// Step 1 (has_rows: the file holds a first row): false when the import cannot start.
bool BeginRows(Importer& I, const std::vector<CsvError>& csv_errors, bool has_rows);
// Steps 2 and 3 for one data row (its cells set: Importer::SetRow).
void TakeRow(Importer& I, size_t header_cells);
// After the last row: the errors in order; false when there are any (nothing may be applied).
bool SortErrors(Importer& I);
// Step 4: ids for the new customers and the rows without one.
void GiveNewIds(Importer& I);
// Step 5: possible duplicates, against the workspace and within the file.
void FindDuplicates(Importer& I);
// The cards into the result as they are (no second array of every card).
void HandOver(Importer& I);
// Steps 4 and 5 after the last row, when the file was sound.
void FinishRows(Importer& I);
// The cells a row's key is made of (MakeRowKey): those up to the last column mapped to one of its fields.
size_t KeyCells(const ImportMapping& mapping);

// Steps 1 to 5 over the rows next() hands out one at a time (null at the end; a row lives until the
// next call). rows_sound() is asked after the last row: false stops the import there (no ids drawn).
template <typename NextRow, typename RowsSound>
void ImportRows(Importer& I, const std::vector<CsvError>& csv_errors, NextRow&& next, RowsSound&& rows_sound) {
    const CsvRowView* first = next();
    if (!BeginRows(I, csv_errors, first != nullptr)) return;
    const size_t header_cells = first->Cells.size();
    for (const CsvRowView* row = I.M.HasHeader ? next() : first; row; row = next()) {
        I.SetRow(row->Line, row->Cells);
        TakeRow(I, header_cells);
    }
    if (rows_sound()) FinishRows(I);
}

// How many customers the rows name (their distinct keys; errors are not counted here), so the cards
// are made in one array of the right size: growing it row by row would copy every card built so far,
// and an import of 100,000 customers would hold two arrays of them at once.
// I.Keys: how many rows each key has; I.RowKeys: each data row's key (null for a row without one).
// next() hands out the rows as the rows' pass will (set into K by SetRow), false at the end; a row
// needs only its cells up to the last key column (KeyCells). A row whose cells do not match the
// header is counted by its key all the same: the rows' pass refuses it, and the import with it.
template <typename NextRow>
size_t CountCustomers(Importer& I, const Workspace& existing, NextRow&& next) {
    ImportResult scratch;
    Importer K{I.M, existing, I.Opt, scratch};
    if (!next(K) || !MapColumns({}, false, K)) return 0;
    std::string key, last_key;
    KeyEntry* last = nullptr;  // the last row's entry: a file sorted by customer has runs of one key
    for (bool row = I.M.HasHeader ? next(K) : true; row; row = next(K)) {
        KeyEntry* entry = nullptr;
        if (last && RowHasIdKey(K, last_key)) {  // the last row's id again: no key to make
            ++last->Rows;
            I.RowKeys.push_back(last);
            continue;
        }
        MakeRowKey(K, key);
        if (!key.empty()) {
            if (last && key == last_key) {
                entry = last;
            } else {
                entry = &I.Keys[key];  // a map's entries stay where they are as it grows
                last = entry;
                last_key.swap(key);
            }
            ++entry->Rows;
        }
        I.RowKeys.push_back(entry);
    }
    return I.Keys.size();
}

}  // namespace profila::row_import
