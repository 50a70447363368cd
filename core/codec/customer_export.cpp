#include "codec/customer_export.h"

#include <cstdio>

#include "text/csv.h"
#include "import/customer_import.h"
#include "codec/customer_json.h"

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
}  // namespace

std::string CustomersToCsv(const std::vector<Customer>& customers, const CsvExportOptions& o) {
    using F = ImportField;
    std::string out;
    if (o.ByteOrderMark) out = "\xEF\xBB\xBF";
    std::vector<std::string> header = {ImportFieldKey(F::CustomerId), ImportFieldKey(F::Kind), ImportFieldKey(F::Name),
                                       ImportFieldKey(F::Company), ImportFieldKey(F::Phone), ImportFieldKey(F::Email),
                                       ImportFieldKey(F::Address), ImportFieldKey(F::City), ImportFieldKey(F::Postcode),
                                       ImportFieldKey(F::Region), ImportFieldKey(F::Country), ImportFieldKey(F::Acquired),
                                       ImportFieldKey(F::BirthYear), ImportFieldKey(F::Age), ImportFieldKey(F::Gender),
                                       ImportFieldKey(F::Occupation), ImportFieldKey(F::Sector), ImportFieldKey(F::Employees),
                                       ImportFieldKey(F::Tags), ImportFieldKey(F::Notes), "purchases_count", "revenue_total"};
    AppendCsvRow(out, header, o.Separator);
    std::vector<std::string> row;
    for (const Customer& c : customers) {
        size_t count = 0;
        double revenue = 0;
        for (const Purchase& p : c.Purchases)
            if (!p.Cancelled) { ++count; revenue += p.Amount; }
        row = {Text(c.Id), CustomerKindName(c.Kind), Text(c.Name), Text(c.Company), Text(c.Phone), Text(c.Email),
               Text(c.Address), Text(c.City), Text(c.Postcode), Text(c.Region), Text(c.Country),
               c.Acquired ? FormatIsoDate(*c.Acquired) : "",
               c.People.BirthYear ? std::to_string(*c.People.BirthYear) : "",
               c.People.Age ? std::to_string(*c.People.Age) : "",
               c.People.Sex == Gender::Unknown ? "" : GenderName(c.People.Sex),
               Text(c.People.Occupation), Text(c.Business.Sector),
               c.Business.Employees ? std::to_string(*c.Business.Employees) : "",
               Text(Join(c.Tags)), Text(c.Notes), std::to_string(count), Number(revenue, o.DecimalComma)};
        AppendCsvRow(out, row, o.Separator);
    }
    return out;
}

std::string PurchasesToCsv(const std::vector<Customer>& customers, const CsvExportOptions& o) {
    using F = ImportField;
    std::string out;
    if (o.ByteOrderMark) out = "\xEF\xBB\xBF";
    std::vector<std::string> header = {ImportFieldKey(F::CustomerId), ImportFieldKey(F::Name), ImportFieldKey(F::PurchaseId),
                                       ImportFieldKey(F::PurchaseDate), ImportFieldKey(F::Amount), ImportFieldKey(F::Quantity),
                                       ImportFieldKey(F::Margin), ImportFieldKey(F::Cost), ImportFieldKey(F::Category),
                                       ImportFieldKey(F::Product), ImportFieldKey(F::Channel), ImportFieldKey(F::PaymentMethod),
                                       ImportFieldKey(F::DiscountPercent), ImportFieldKey(F::Cancelled),
                                       ImportFieldKey(F::DaysPaidLate)};
    AppendCsvRow(out, header, o.Separator);
    std::vector<std::string> row;
    for (const Customer& c : customers) {
        for (const Purchase& p : c.Purchases) {
            row = {Text(c.Id), Text(c.Name.empty() ? c.Company : c.Name), Text(p.Id), FormatIsoDate(p.When),
                   Number(p.Amount, o.DecimalComma), std::to_string(p.Quantity),
                   p.Margin ? Number(*p.Margin, o.DecimalComma) : "", p.Cost ? Number(*p.Cost, o.DecimalComma) : "",
                   Text(p.Category), Text(p.Product), Text(p.Channel), Text(p.PaymentMethod),
                   p.DiscountPercent != 0 ? Number(p.DiscountPercent, o.DecimalComma) : "", p.Cancelled ? "yes" : "no",
                   std::to_string(p.DaysPaidLate)};
            AppendCsvRow(out, row, o.Separator);
        }
    }
    return out;
}

}  // namespace profila
