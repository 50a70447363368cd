#include "codec/customer_export.h"

#include <cmath>
#include <cstdio>

#include "text/csv.h"
#include "import/customer_import.h"
#include "codec/customer_fields.h"

namespace profila {

std::string EscapeSpreadsheetFormula(std::string_view cell) {
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r'))
        return "'" + std::string(cell);
    return std::string(cell);
}

namespace {
std::string Number(double v, bool decimal_comma) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    // Drop ".00" noise only for whole numbers; keep two decimals otherwise (money).
    if (s.size() > 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
    if (decimal_comma)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}
std::string Join(const std::vector<std::string>& list) {
    std::string s;
    for (size_t i = 0; i < list.size(); ++i) s += (i ? ", " : "") + list[i];
    return s;
}
std::string Text(std::string_view s) { return EscapeSpreadsheetFormula(s); }

// A cell. A spreadsheet column has no holes where the card always has a value (whole numbers,
// flags as yes/no); otherwise what the JSON leaves out is an empty cell.
std::string Cell(const CsvColumn& column, const void* row, const CsvExportOptions& o) {
    const void* owner = column.Owner(row);
    const CardField& f = *column.Field;
    const void* at = f.View ? f.View(owner) : nullptr;
    const bool empty = !f.Always && f.IsDefault(owner);
    switch (f.Kind) {
    case FieldKind::Text: return Text(*static_cast<const std::string*>(at));
    case FieldKind::Shared: return Text(static_cast<const SharedText*>(at)->str());
    case FieldKind::Id: return Text(static_cast<const CompactId*>(at)->str());
    case FieldKind::TextList: return Text(Join(*static_cast<const std::vector<std::string>*>(at)));
    case FieldKind::Flag: return *static_cast<const bool*>(at) ? "yes" : "no";
    case FieldKind::Date: return FormatIsoDate(*static_cast<const Date*>(at));
    case FieldKind::OptDate: return empty ? "" : FormatIsoDate(**static_cast<const std::optional<Date>*>(at));
    case FieldKind::Number: return empty ? "" : Number(*static_cast<const double*>(at), o.DecimalComma);
    case FieldKind::OptNumber: return empty ? "" : Number(**static_cast<const OptionalAmount*>(at), o.DecimalComma);
    case FieldKind::Int: return std::to_string(*static_cast<const int*>(at));
    case FieldKind::OptInt: return empty ? "" : std::to_string(**static_cast<const std::optional<int>*>(at));
    case FieldKind::Int64: return std::to_string(*static_cast<const int64_t*>(at));
    case FieldKind::Enum: return empty ? "" : f.Names[f.GetEnum(owner)];
    default: return "";  // lists of objects and the schema are not offered
    }
}

std::string Start(const CsvExportOptions& o) { return o.ByteOrderMark ? "\xEF\xBB\xBF" : ""; }
}  // namespace

std::string CustomersToCsv(const std::vector<Customer>& customers, const CsvExportOptions& o) {
    const std::vector<CsvColumn> columns = CsvColumns(FieldGroup::Customer);
    std::string out = Start(o);
    std::vector<std::string> row;
    for (const CsvColumn& c : columns) row.emplace_back(c.Field->CsvKey);
    row.insert(row.end(), {"purchases_count", "revenue_total"});  // computed: the import ignores them
    AppendCsvRow(out, row, o.Separator);
    for (const Customer& c : customers) {
        size_t count = 0;
        double revenue = 0;
        for (const Purchase& p : c.Purchases)
            if (!p.Cancelled) { ++count; revenue += p.Amount; }
        row.clear();
        for (const CsvColumn& column : columns) row.push_back(Cell(column, &c, o));
        row.push_back(std::to_string(count));
        row.push_back(Number(revenue, o.DecimalComma));
        AppendCsvRow(out, row, o.Separator);
    }
    return out;
}

// Each purchase after its customer's id and name, so the file imports back as one row per purchase.
std::string PurchasesToCsv(const std::vector<Customer>& customers, const CsvExportOptions& o) {
    const std::vector<CsvColumn> columns = CsvColumns(FieldGroup::Purchase);
    std::string out = Start(o);
    std::vector<std::string> row = {ImportFieldKey(ImportField::CustomerId), ImportFieldKey(ImportField::Name)};
    for (const CsvColumn& c : columns) row.emplace_back(c.Field->CsvKey);
    AppendCsvRow(out, row, o.Separator);
    for (const Customer& c : customers) {
        for (const Purchase& p : c.Purchases) {
            row = {Text(c.Id), Text(c.Name.empty() ? c.Company : c.Name)};
            for (const CsvColumn& column : columns) row.push_back(Cell(column, &p, o));
            AppendCsvRow(out, row, o.Separator);
        }
    }
    return out;
}

namespace {
WorkbookCell TextCell(std::string text) {
    WorkbookCell cell;
    if (!text.empty()) {
        cell.Type = CellType::Text;
        cell.Text = std::move(text);
    }
    return cell;
}
WorkbookCell NumberCell(double v) {
    WorkbookCell cell;
    cell.Type = CellType::Number;
    cell.Number = v;
    return cell;
}
WorkbookCell DateCell(Date d) {
    WorkbookCell cell;
    cell.Type = CellType::Date;
    cell.Number = d.Days;
    return cell;
}

// The CSV's cell, typed: a spreadsheet cell holds the text as it is (no formula escaping needed).
WorkbookCell TypedCell(const CsvColumn& column, const void* row) {
    const void* owner = column.Owner(row);
    const CardField& f = *column.Field;
    const void* at = f.View ? f.View(owner) : nullptr;
    const bool empty = !f.Always && f.IsDefault(owner);
    switch (f.Kind) {
    case FieldKind::Text: return TextCell(*static_cast<const std::string*>(at));
    case FieldKind::Shared: return TextCell(static_cast<const SharedText*>(at)->str());
    case FieldKind::Id: return TextCell(static_cast<const CompactId*>(at)->str());
    case FieldKind::TextList: return TextCell(Join(*static_cast<const std::vector<std::string>*>(at)));
    case FieldKind::Flag: return TextCell(*static_cast<const bool*>(at) ? "yes" : "no");
    case FieldKind::Date: return DateCell(*static_cast<const Date*>(at));
    case FieldKind::OptDate: return empty ? WorkbookCell() : DateCell(**static_cast<const std::optional<Date>*>(at));
    case FieldKind::Number: return empty ? WorkbookCell() : NumberCell(*static_cast<const double*>(at));
    case FieldKind::OptNumber: return empty ? WorkbookCell() : NumberCell(**static_cast<const OptionalAmount*>(at));
    case FieldKind::Int: return NumberCell(*static_cast<const int*>(at));
    case FieldKind::OptInt: return empty ? WorkbookCell() : NumberCell(**static_cast<const std::optional<int>*>(at));
    case FieldKind::Int64: return NumberCell(static_cast<double>(*static_cast<const int64_t*>(at)));
    case FieldKind::Enum: return empty ? WorkbookCell() : TextCell(f.Names[f.GetEnum(owner)]);
    default: return WorkbookCell();
    }
}
}  // namespace

SheetRows CustomersToSheet(const std::vector<Customer>& customers) {
    const std::vector<CsvColumn> columns = CsvColumns(FieldGroup::Customer);
    SheetRows rows;
    rows.reserve(customers.size() + 1);
    std::vector<WorkbookCell> header;
    for (const CsvColumn& c : columns) header.push_back(TextCell(std::string(c.Field->CsvKey)));
    header.push_back(TextCell("purchases_count"));
    header.push_back(TextCell("revenue_total"));
    rows.push_back(std::move(header));
    for (const Customer& c : customers) {
        size_t count = 0;
        double revenue = 0;
        for (const Purchase& p : c.Purchases)
            if (!p.Cancelled) { ++count; revenue += p.Amount; }
        std::vector<WorkbookCell> row;
        row.reserve(columns.size() + 2);
        for (const CsvColumn& column : columns) row.push_back(TypedCell(column, &c));
        row.push_back(NumberCell(static_cast<double>(count)));
        row.push_back(NumberCell(std::round(revenue * 100.0) / 100.0));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string SheetToCsv(const SheetRows& rows, const CsvExportOptions& o) {
    std::string out = Start(o);
    std::vector<std::string> fields;
    char num[64];
    for (const std::vector<WorkbookCell>& row : rows) {
        fields.clear();
        for (const WorkbookCell& cell : row) {
            switch (cell.Type) {
            case CellType::Text: fields.push_back(Text(cell.Text)); break;
            case CellType::Date: fields.push_back(FormatIsoDate(Date{static_cast<int32_t>(cell.Number)})); break;
            case CellType::Bool: fields.push_back(cell.Number != 0 ? "yes" : "no"); break;
            case CellType::Number: {
                if (!std::isfinite(cell.Number)) { fields.emplace_back(); break; }
                std::snprintf(num, sizeof num, "%.15g", cell.Number);
                std::string s = num;
                if (o.DecimalComma)
                    for (char& c : s)
                        if (c == '.') c = ',';
                fields.push_back(std::move(s));
                break;
            }
            default: fields.emplace_back(); break;
            }
        }
        AppendCsvRow(out, fields, o.Separator);
    }
    return out;
}

}  // namespace profila
