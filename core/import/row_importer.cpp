// The customer import's machinery (row_importer.h), in named steps: MapColumns (the mapping against
// the parsed table), then for each row ReadRow (check its shape, whose row it is, its typed cells,
// its purchase) and AddRow (into the customer it belongs to), then GiveNewIds and FindDuplicates
// over the customers built.
#include "import/row_importer.h"

#include "text/fold.h"

namespace profila::row_import {

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
}  // namespace

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
namespace {
// Step 2a: fewer cells than the header, or extra cells that hold something, mean a broken line.
bool CheckFieldCount(Importer& I, size_t header_cells) {
    const std::vector<std::string_view>& cells = I.Cells;
    if (cells.size() == header_cells) return true;
    bool extra_content = false;
    for (size_t c = header_cells; c < cells.size(); ++c) extra_content |= !cells[c].empty();  // (trimmed)
    if (cells.size() >= header_cells && !extra_content) return true;
    I.Error(I.Line, 0, kImportFieldCount, "",
            "has " + std::to_string(cells.size()) + " fields, the header has " + std::to_string(header_cells));
    return false;
}

// The row's name: its name column, else its first and last names joined.
void ReadRowName(const Importer& I, std::string& name) {
    SetText(name, I.TextCell(ImportField::Name));
    if (!name.empty()) return;
    std::string_view first = I.TextCell(ImportField::FirstName), last = I.TextCell(ImportField::LastName);
    SetText(name, first.empty() ? last : first);
    if (!first.empty() && !last.empty()) name.append(" ").append(last);
}

// Step 2b: whose row it is: its id, else its e-mail, else its name, company and city (one of them
// is needed).
bool ReadRowKey(Importer& I, RowValues& v) {
    SetText(v.Id, I.TextCell(ImportField::CustomerId));
    std::string& name = v.Parsed.Name;
    ReadRowName(I, name);
    SetText(v.Parsed.Company, I.TextCell(ImportField::Company));
    SetText(v.Parsed.Email, I.TextCell(ImportField::Email));
    if (!v.Id.empty() || !v.Parsed.Email.empty() || !name.empty() || !v.Parsed.Company.empty()) return true;
    I.Error(I.Line, 0, kImportMissingKey, "", "has no customer id, name, company or e-mail: whose row is it?");
    return false;
}

constexpr std::string_view kIdKeyPrefix = "i:";  // MakeRowKey's and RowHasIdKey's
}  // namespace

// The row's key, from its cells as ReadRowKey reads them: "i:<id>", else "e:<e-mail>", else
// "n:<name>|<company>|<city>"; empty when the row has none of them.
void MakeRowKey(Importer& I, std::string& key) {
    if (std::string_view id = I.TextCell(ImportField::CustomerId); !id.empty()) {
        key.assign(kIdKeyPrefix).append(id);
    } else if (std::string_view email = I.TextCell(ImportField::Email); !email.empty()) {
        std::string ek = EmailKey(email);
        key.assign("e:").append(ek.empty() ? email : std::string_view(ek));
    } else {
        std::string name;
        ReadRowName(I, name);
        std::string_view company = I.TextCell(ImportField::Company);
        if (name.empty() && company.empty()) key.clear();
        else key = "n:" + FoldForMatch(name) + "|" + FoldForMatch(company) + "|" + FoldForMatch(I.TextCell(ImportField::City));
    }
}

bool RowHasIdKey(const Importer& I, std::string_view key) {
    const std::string_view id = I.TextCell(ImportField::CustomerId);
    return !id.empty() && key.size() == kIdKeyPrefix.size() + id.size() && key.substr(0, kIdKeyPrefix.size()) == kIdKeyPrefix &&
           key.substr(kIdKeyPrefix.size()) == id;
}
namespace {
// Step 2c: the customer's typed cells (errors are counted; the caller looks at the count).
void ReadCustomerCells(Importer& I, RowValues& v) {
    Customer& parsed = v.Parsed;
    SetText(parsed.Phone, I.TextCell(ImportField::Phone));
    std::string_view mobile = I.TextCell(ImportField::Mobile);
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
    if (std::string_view t = I.TextCell(ImportField::Tags); !t.empty()) {
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
}  // namespace

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
}  // namespace profila::row_import
