// Customer import, step 2 (customer_import.h): map columns, read rows, add them to customers, give
// ids, find duplicates; at once or, for a table, in steps. The mapping's guess and the preview are in
// import_preview.cpp; the field keys, header synonyms and cell parsers in import_cells.cpp.
// [SECTION] import: map columns, read rows, add them to customers, ids, duplicates
// [SECTION] a table's check in steps
#include "import/customer_import.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "import/import_cells.h"
#include "import/workbook.h"  // ColumnLetters: a sheet's errors name the column's letters
#include "model/limits.h"
#include "text/fold.h"
#include "text/numbers.h"

namespace profila {

// [SECTION] import ------------------------------------------------------------------------------
// ImportCustomers in named steps: MapColumns (the mapping against the parsed table), then for each
// row ReadRow (check its shape, whose row it is, its typed cells, its purchase) and AddRow (into
// the customer it belongs to), then GiveNewIds and FindDuplicates over the customers built.
namespace {
std::string NameCityKey(const Customer& c) {
    std::string name = FoldForMatch(c.Name.empty() ? c.Company : c.Name);
    std::string city = FoldForMatch(c.City);
    if (name.empty() || city.empty()) return {};
    return name + "|" + city;
}
std::string EmailKey(std::string_view email) {
    std::string e(Trim(email));
    for (char& ch : e) if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return LooksLikeEmail(e) ? e : std::string();
}
std::string PhoneKey(const Customer& c) {
    std::string p = NormalisePhone(c.Phone);
    return p.size() >= 6 ? p : std::string();
}

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
const Customer& BlankCustomer() {
    static const Customer blank;
    return blank;
}
const Purchase& BlankPurchase() {
    static const Purchase blank;
    return blank;
}

// A cell's text into a row's field. An empty cell over an empty field (a column the file does not
// have, on every one of a million rows) costs no call into the string: those were a tenth of the
// import's instructions.
void SetText(std::string& field, std::string_view text) {
    if (!text.empty() || !field.empty()) field.assign(text.data(), text.size());
}

// What one row says: whose row it is, the customer's cells, and its purchase.
struct RowValues {
    std::string Key;                      // "i:<id>", "e:<email>" or "n:<name>|<company>|<city>"
    std::string Id;
    Customer Parsed;
    std::optional<CustomerKind> Kind;
    std::optional<Gender> Sex;
    std::optional<Purchase> Bought;
};

// The card's CSV columns read by their kind in the table and merged alike: texts, whole numbers
// (in the table's range) and dates of the customer; texts and whole numbers of a purchase. The
// others have steps of their own: whose row it is (id, name, company, e-mail), the phones, kind,
// gender, tags, and a purchase's date, amounts, discount and cancellation.
std::vector<CsvColumn> PlainColumns(FieldGroup group) {
    std::vector<CsvColumn> plain;
    for (const CsvColumn& c : CsvColumns(group)) {
        switch (c.Field->Csv) {
        case ImportField::CustomerId: case ImportField::Name: case ImportField::Company: case ImportField::Email:
        case ImportField::Phone: continue;
        default: break;
        }
        const FieldKind k = c.Field->Kind;
        if (k == FieldKind::Text || k == FieldKind::Shared || k == FieldKind::Id || k == FieldKind::Int || k == FieldKind::OptInt || k == FieldKind::OptDate) plain.push_back(c);
    }
    return plain;
}

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
    // The row being read: its cells, as views of the file's text (or of a table's cells).
    const std::vector<std::string_view>* Cells = nullptr;
    std::vector<std::string_view> TableCells;  // a table row's cells as views
    int Line = 0;
    size_t DataRow = 0;  // data rows taken so far (the header not counted)
    void SetRow(int line, const std::vector<std::string_view>& cells) {
        Line = line;
        Cells = &cells;
    }
    void SetRow(const CsvRow& row) {
        TableCells.assign(row.Cells.begin(), row.Cells.end());
        SetRow(row.Line, TableCells);
    }
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

    // The current row's cells, by field.
    int Col(ImportField f) const { return ColumnOf[static_cast<size_t>(f)]; }
    std::string_view Cell(ImportField f) const {
        int c = Col(f);
        if (c < 0 || static_cast<size_t>(c) >= Cells->size()) return {};
        return Trim((*Cells)[static_cast<size_t>(c)]);
    }
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
            case FieldKind::Text: SetText(*static_cast<std::string*>(at), CellTextView(Cell(f.Csv))); break;
            case FieldKind::Shared: *static_cast<SharedText*>(at) = Texts.Intern(CellTextView(Cell(f.Csv))); break;
            case FieldKind::Id: *static_cast<CompactId*>(at) = CellTextView(Cell(f.Csv)); break;
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
bool MapColumns(const std::vector<CsvError>& csv_errors, bool no_rows, Importer& I) {
    const ImportMapping& mapping = I.M;
    for (const CsvError& e : csv_errors) {
        ++I.R.ErrorCount;
        // The CSV parser's quote errors are one kind; a workbook that cannot be read keeps its own
        // code ("damaged_zip", "not_workbook"...: workbook.h).
        const bool quotes = e.Code.empty() || e.Code == "unterminated_quote" || e.Code == "text_after_quote";
        if (I.R.Errors.size() < I.Opt.MaxErrors) I.R.Errors.push_back({e.Line, e.Column, quotes ? kImportCsvSyntax : e.Code, "", e.Message});
    }
    if (no_rows) {
        if (csv_errors.empty()) I.Error(0, 0, kImportEmpty, "", "the file holds no rows");  // else the reason is said
        return false;
    }
    for (size_t c = 0; c < mapping.Columns.size(); ++c) {
        ImportField f = mapping.Columns[c].Field;
        if (f == ImportField::Ignore || f >= ImportField::Count_) continue;
        if (mapping.Shape == ImportShape::CustomerPerRow && IsPurchaseField(f)) continue;
        int& slot = I.ColumnOf[static_cast<size_t>(f)];
        if (slot < 0) slot = static_cast<int>(c);
    }
    for (const CsvColumn& c : I.PlainCustomer)
        if (I.Col(c.Field->Csv) >= 0) I.MappedCustomer.push_back(c);
    for (const CsvColumn& c : I.PlainPurchase)
        if (I.Col(c.Field->Csv) >= 0) I.MappedPurchase.push_back(c);
    const bool has_key = I.Col(ImportField::CustomerId) >= 0 || I.Col(ImportField::Name) >= 0 || I.Col(ImportField::FirstName) >= 0 ||
                         I.Col(ImportField::LastName) >= 0 || I.Col(ImportField::Company) >= 0 || I.Col(ImportField::Email) >= 0;
    if (!has_key) {
        I.Error(0, 0, kImportNoMapping, "", "no column is mapped to the customer's id, name, company or e-mail");
        return false;
    }
    if (mapping.Shape == ImportShape::PurchasePerRow && (I.Col(ImportField::PurchaseDate) < 0 || I.Col(ImportField::Amount) < 0)) {
        I.Error(0, 0, kImportNoMapping, "", "one row per purchase needs a date column and an amount column");
        return false;
    }
    return true;
}

// Step 2a: fewer cells than the header, or extra cells that hold something, mean a broken line.
bool CheckFieldCount(Importer& I, size_t header_cells) {
    const std::vector<std::string_view>& cells = *I.Cells;
    if (cells.size() == header_cells) return true;
    bool extra_content = false;
    for (size_t c = header_cells; c < cells.size(); ++c) extra_content |= !Trim(cells[c]).empty();
    if (cells.size() >= header_cells && !extra_content) return true;
    I.Error(I.Line, 0, kImportFieldCount, "",
            "has " + std::to_string(cells.size()) + " fields, the header has " + std::to_string(header_cells));
    return false;
}

// The row's name: its name column, else its first and last names joined.
void ReadRowName(const Importer& I, std::string& name) {
    SetText(name, CellTextView(I.Cell(ImportField::Name)));
    if (!name.empty()) return;
    std::string_view first = CellTextView(I.Cell(ImportField::FirstName)), last = CellTextView(I.Cell(ImportField::LastName));
    SetText(name, first.empty() ? last : first);
    if (!first.empty() && !last.empty()) name.append(" ").append(last);
}

// Step 2b: whose row it is: its id, else its e-mail, else its name, company and city (one of them
// is needed).
bool ReadRowKey(Importer& I, RowValues& v) {
    SetText(v.Id, CellTextView(I.Cell(ImportField::CustomerId)));
    std::string& name = v.Parsed.Name;
    ReadRowName(I, name);
    SetText(v.Parsed.Company, CellTextView(I.Cell(ImportField::Company)));
    SetText(v.Parsed.Email, CellTextView(I.Cell(ImportField::Email)));
    if (!v.Id.empty() || !v.Parsed.Email.empty() || !name.empty() || !v.Parsed.Company.empty()) return true;
    I.Error(I.Line, 0, kImportMissingKey, "", "has no customer id, name, company or e-mail: whose row is it?");
    return false;
}

// The row's key, from its cells as ReadRowKey reads them: "i:<id>", else "e:<e-mail>", else
// "n:<name>|<company>|<city>"; empty when the row has none of them.
void MakeRowKey(Importer& I, std::string& key) {
    if (std::string_view id = CellTextView(I.Cell(ImportField::CustomerId)); !id.empty()) {
        key.assign("i:").append(id);
    } else if (std::string_view email = CellTextView(I.Cell(ImportField::Email)); !email.empty()) {
        std::string ek = EmailKey(email);
        key.assign("e:").append(ek.empty() ? email : std::string_view(ek));
    } else {
        std::string name;
        ReadRowName(I, name);
        std::string_view company = CellTextView(I.Cell(ImportField::Company));
        if (name.empty() && company.empty()) key.clear();
        else key = "n:" + FoldForMatch(name) + "|" + FoldForMatch(company) + "|" + FoldForMatch(CellTextView(I.Cell(ImportField::City)));
    }
}

// Step 2c: the customer's typed cells (errors are counted; the caller looks at the count).
void ReadCustomerCells(Importer& I, RowValues& v) {
    Customer& parsed = v.Parsed;
    SetText(parsed.Phone, CellTextView(I.Cell(ImportField::Phone)));
    std::string_view mobile = CellTextView(I.Cell(ImportField::Mobile));
    if (parsed.Phone.empty()) SetText(parsed.Phone, mobile);
    else if (!mobile.empty() && NormalisePhone(mobile) != NormalisePhone(parsed.Phone))
        parsed.Contacts.push_back({parsed.Name, "mobile", std::string(mobile), "", /*Id=*/{}});
    I.ReadPlain(I.MappedCustomer, &parsed, &BlankCustomer());
    if (std::string_view t = I.Cell(ImportField::Kind); !t.empty()) {
        v.Kind = ParseKindValue(t);
        if (!v.Kind) I.CellError(ImportField::Kind, kImportUnknownValue, t, "is not a customer type (private, business, professional, other)");
    }
    if (std::string_view t = I.Cell(ImportField::Gender); !t.empty()) {
        v.Sex = ParseGenderValue(t);
        if (!v.Sex) I.CellError(ImportField::Gender, kImportUnknownValue, t, "is not a gender (F, M, other)");
    }
    if (std::string_view t = CellTextView(I.Cell(ImportField::Tags)); !t.empty()) {
        size_t start = 0;
        while (start <= t.size()) {
            size_t end = t.find_first_of(",;|", start);
            if (end == std::string_view::npos) end = t.size();
            std::string_view tag = Trim(t.substr(start, end - start));
            if (!tag.empty()) parsed.Tags.emplace_back(tag);
            start = end + 1;
        }
    }
}

// Step 2d: the purchase on the row, when it has a date or an amount.
void ReadPurchaseCells(Importer& I, RowValues& v) {
    std::string_view date_text = I.Cell(ImportField::PurchaseDate), amount_text = I.Cell(ImportField::Amount);
    if (date_text.empty() && amount_text.empty()) return;
    Purchase& p = v.Bought.emplace();  // read into its place (TakeRow cleared the last row's)
    if (date_text.empty()) I.CellError(ImportField::PurchaseDate, kImportMissingValue, "", "the purchase has no date");
    else if (std::optional<Date> d = I.DateCell(ImportField::PurchaseDate)) p.When = *d;
    if (amount_text.empty()) I.CellError(ImportField::Amount, kImportMissingValue, "", "the purchase has no amount");
    else if (std::optional<double> a = I.NumberCell(ImportField::Amount, false, 0, kMaxAmount)) p.Amount = *a;
    I.ReadPlain(I.MappedPurchase, &p, &BlankPurchase());
    p.Margin = I.NumberCell(ImportField::Margin, true, -kMaxAmount, kMaxAmount);
    p.Cost = I.NumberCell(ImportField::Cost, false, 0, kMaxAmount);
    if (std::string_view t = I.Cell(ImportField::DiscountPercent); !t.empty()) {
        std::string s(t);
        if (!s.empty() && s.back() == '%') s.pop_back();
        std::optional<double> d = ParseNumber(s, I.M.DecimalComma);
        if (!d) I.CellError(ImportField::DiscountPercent, kImportBadNumber, t, "is not a number");
        else if (*d < 0 || *d > kMaxDiscountPercent) I.CellError(ImportField::DiscountPercent, kImportOutOfRange, t, "must be between 0 and 100");
        else p.DiscountPercent = *d;
    }
    if (std::string_view t = I.Cell(ImportField::Cancelled); !t.empty()) {
        std::optional<bool> b = ParseFlagValue(t);
        if (!b) I.CellError(ImportField::Cancelled, kImportUnknownValue, t, "is not yes or no");
        else p.Cancelled = *b;
    }
}

// Step 2: one row read and checked; false when it has errors (counted in R) or is not a row at all.
bool ReadRow(Importer& I, size_t header_cells, RowValues& v) {
    if (!CheckFieldCount(I, header_cells) || !ReadRowKey(I, v)) return false;
    const size_t errors_before = I.R.ErrorCount;
    ReadCustomerCells(I, v);
    if (I.M.Shape == ImportShape::PurchasePerRow) ReadPurchaseCells(I, v);
    return I.R.ErrorCount == errors_before;
}

// Step 3a: the customer a row belongs to: one seen earlier in the file, a workspace customer with
// its id, or a new one (whose id, when the file has none, is given at the end).
Pending& CustomerOfRow(Importer& I, RowValues& v) {
    KeyEntry* counted = I.DataRow < I.RowKeys.size() ? I.RowKeys[I.DataRow] : nullptr;
    if (!counted) MakeRowKey(I, v.Key);
    KeyEntry& key = counted ? *counted : I.Keys[v.Key];  // counted before: found; a key the count did not see is added
    if (key.Customer != KeyEntry::kNone) return I.Customers[key.Customer];
    Pending np;
    np.Line = I.Line;
    if (const Customer* existing = I.ExistingCard(v.Id)) {
        np.Card = I.UpdatedCards.size();
        I.UpdatedCards.push_back(*existing);
        np.Existing = true;
    } else {
        np.Card = I.NewCards.size();
        I.NewCards.emplace_back().Id = v.Id;
    }
    if (key.Rows > 0 && I.M.Shape == ImportShape::PurchasePerRow) {
        Customer& card = np.Existing ? I.UpdatedCards.back() : I.NewCards.back();
        card.Purchases.reserve(card.Purchases.size() + key.Rows);
    }
    key.Customer = I.Customers.size();
    I.Customers.push_back(std::move(np));
    if (!v.Id.empty() && !I.Opt.Ids) I.UsedIds.insert(v.Id);
    return I.Customers.back();
}

// Step 3b: the row's values into its customer: imported non-empty values; for a customer seen
// earlier in this file the first value stays. A purchase whose id the card has is not added again.
void AddRow(Importer& I, RowValues& v) {
    Pending& target = CustomerOfRow(I, v);
    Customer& c = I.CardOf(target);
    Customer& parsed = v.Parsed;
    const bool first_row = !target.Named;
    auto set_text = [&](std::string& field, const std::string& value) {
        if (value.empty()) return;
        if (first_row || field.empty()) field = value;
    };
    set_text(c.Name, parsed.Name);
    set_text(c.Company, parsed.Company);
    set_text(c.Email, parsed.Email);
    set_text(c.Phone, parsed.Phone);
    for (ContactPerson& p : parsed.Contacts) {
        bool have = false;
        for (const ContactPerson& q : c.Contacts) have |= NormalisePhone(q.Phone) == NormalisePhone(p.Phone);
        if (!have) c.Contacts.push_back(std::move(p));
    }
    auto set_optional = [&](auto& field, const auto& value) {
        if (value && (first_row || !field)) field = value;
    };
    for (const CsvColumn& col : I.MappedCustomer) {
        // An empty cell sets nothing, and the card's field is not reached: a section kept on demand
        // (people, business) is made only for a value to put in it.
        const CardField& f = *col.Field;
        const void* row_owner = col.Owner(static_cast<const void*>(&parsed));
        if (f.IsDefault(row_owner)) continue;
        const void* from = f.View(row_owner);
        void* into = f.Member(col.Owner(&c));
        switch (f.Kind) {
        case FieldKind::Text: set_text(*static_cast<std::string*>(into), *static_cast<const std::string*>(from)); break;
        case FieldKind::OptInt:
            set_optional(*static_cast<std::optional<int>*>(into), *static_cast<const std::optional<int>*>(from));
            break;
        case FieldKind::OptDate:
            set_optional(*static_cast<std::optional<Date>*>(into), *static_cast<const std::optional<Date>*>(from));
            break;
        default: break;
        }
    }
    if (v.Sex && (first_row || std::as_const(c).People->Sex == Gender::Unknown)) c.People->Sex = *v.Sex;
    if (v.Kind) c.Kind = *v.Kind;
    else if (!target.Existing && first_row) c.Kind = parsed.Company.empty() ? CustomerKind::Private : CustomerKind::Business;
    for (std::string& t : parsed.Tags)
        if (std::find(c.Tags.begin(), c.Tags.end(), t) == c.Tags.end()) c.Tags.push_back(std::move(t));
    target.Named = true;
    if (!v.Bought) return;
    bool seen = false;
    if (!v.Bought->Id.empty())
        for (const Purchase& q : c.Purchases) seen |= q.Id == v.Bought->Id;
    if (seen) return;
    // Grown by a quarter, not doubled: a million purchases arrive one row at a time, and doubling
    // leaves a third of their room unused on average until the end of the import.
    if (c.Purchases.size() == c.Purchases.capacity()) c.Purchases.reserve(c.Purchases.size() + std::max<size_t>(4, c.Purchases.size() / 4));
    c.Purchases.push_back(std::move(*v.Bought));
    ++I.R.PurchasesAdded;
}

// Step 4: ids. With an IdSource every new customer and every row without an id gets a ULID (rows of
// updated customers stored without one too: AssignMissingIds); else new customers get
// "<prefix><n>", unused in the workspace and the file.
void GiveNewIds(Importer& I) {
    if (I.Opt.Ids) {
        for (Pending& p : I.Customers) AssignMissingIds(I.CardOf(p), *I.Opt.Ids, I.Opt.NowMs);
        return;
    }
    for (const Customer& c : I.Existing().Customers) I.UsedIds.insert(c.Id);
    size_t next = 1;
    for (Pending& p : I.Customers) {
        Customer& card = I.CardOf(p);
        if (!card.Id.empty()) continue;
        std::string candidate;
        do candidate = I.Opt.NewIdPrefix + std::to_string(next++);
        while (I.UsedIds.count(candidate));
        I.UsedIds.insert(candidate);
        card.Id = candidate;
    }
}

// Step 5: possible duplicates among new customers: against the workspace, then earlier rows of the file.
void FindDuplicates(Importer& I) {
    const Workspace& existing = I.Existing();
    std::unordered_map<std::string, size_t> ex_email, ex_phone, ex_name;
    ex_email.reserve(existing.Customers.size());
    ex_phone.reserve(existing.Customers.size());
    ex_name.reserve(existing.Customers.size());
    for (size_t i = 0; i < existing.Customers.size(); ++i) {
        const Customer& c = existing.Customers[i];
        if (std::string k = EmailKey(c.Email); !k.empty()) ex_email.emplace(k, i);
        if (std::string k = PhoneKey(c); !k.empty()) ex_phone.emplace(k, i);
        if (std::string k = NameCityKey(c); !k.empty()) ex_name.emplace(k, i);
    }
    std::unordered_map<std::string, size_t> in_email, in_phone, in_name;  // -> Customers index
    in_email.reserve(I.NewCards.size());
    in_phone.reserve(I.NewCards.size());
    in_name.reserve(I.NewCards.size());
    for (size_t i = 0; i < I.Customers.size(); ++i) {
        const Pending& p = I.Customers[i];
        if (p.Existing) continue;
        const Customer& c = I.CardOf(p);
        // shown(key): what the review shows of the match, made only for a match.
        auto check = [&](DuplicateReason reason, std::string k, std::unordered_map<std::string, size_t>& ex,
                         std::unordered_map<std::string, size_t>& in, auto shown) {
            if (k.empty()) return;
            auto found = [&](std::string existing_id, int other_line) {
                I.R.Duplicates.push_back({p.Line, c.Id, c.Name.empty() ? c.Company : c.Name, reason, shown(k), std::move(existing_id), other_line});
            };
            if (auto e = ex.find(k); e != ex.end()) found(existing.Customers[e->second].Id, 0);
            else if (auto f = in.find(k); f != in.end()) found("", I.Customers[f->second].Line);
            else in.emplace(std::move(k), i);
        };
        auto the_key = [](const std::string& k) { return k; };
        check(DuplicateReason::SameEmail, EmailKey(c.Email), ex_email, in_email, the_key);
        check(DuplicateReason::SamePhone, PhoneKey(c), ex_phone, in_phone, the_key);
        check(DuplicateReason::SameNameAndCity, NameCityKey(c), ex_name, in_name,
              [&](const std::string&) { return (c.Name.empty() ? c.Company : c.Name) + ", " + c.City; });
    }
}
}  // namespace

namespace {
// Step 1 (has_rows: the file holds a first row): false when the import cannot start.
bool BeginRows(Importer& I, const std::vector<CsvError>& csv_errors, bool has_rows) {
    if (!MapColumns(csv_errors, !has_rows, I)) return false;
    I.IndexExisting();
    return true;
}

// Steps 2 and 3 for one data row (its cells set: Importer::SetRow). The row's values are the last
// row's, cleared where a row may not write.
void TakeRow(Importer& I, size_t header_cells) {
    ++I.R.RowsRead;
    RowValues& values = I.Values;
    values.Key.clear();
    values.Parsed.Contacts.clear();
    values.Parsed.Tags.clear();
    values.Kind.reset();
    values.Sex.reset();
    values.Bought.reset();
    if (ReadRow(I, header_cells, values)) AddRow(I, values);
    ++I.DataRow;
}

// After the last row: the errors in order; false when there are any (nothing may be applied).
bool SortErrors(Importer& I) {
    ImportResult& R = I.R;
    std::sort(R.Errors.begin(), R.Errors.end(), [](const ImportError& a, const ImportError& b) {
        return a.Line != b.Line ? a.Line < b.Line : a.Column < b.Column;
    });
    if (R.ErrorCount == 0) return true;
    R.PurchasesAdded = 0;
    return false;  // no customers returned
}

// The cards into the result as they are (no second array of every card).
void HandOver(Importer& I) {
    for (Customer& c : I.NewCards) c.Purchases.shrink_to_fit();  // sized by the count: rows refused or already there leave room
    for (Customer& c : I.UpdatedCards) c.Purchases.shrink_to_fit();
    I.R.NewCustomers = std::move(I.NewCards);
    I.R.UpdatedCustomers = std::move(I.UpdatedCards);
}

// Steps 4 and 5 after the last row, when the file was sound.
void FinishRows(Importer& I) {
    if (!SortErrors(I)) return;
    GiveNewIds(I);
    FindDuplicates(I);
    HandOver(I);
}

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

// The cells a row's key is made of (MakeRowKey): those up to the last column mapped to one of its fields.
size_t KeyCells(const ImportMapping& mapping) {
    size_t cells = 0;
    for (size_t c = 0; c < mapping.Columns.size(); ++c) {
        switch (mapping.Columns[c].Field) {
        case ImportField::CustomerId: case ImportField::Email: case ImportField::Name: case ImportField::FirstName:
        case ImportField::LastName: case ImportField::Company: case ImportField::City: cells = c + 1; break;
        default: break;
        }
    }
    return cells;
}
}  // namespace

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
