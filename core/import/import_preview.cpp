// Customer import, step 1 (customer_import.h): a file's first rows read, its header and the mapping
// of its columns guessed, its rows counted. The rows' import is in row_importer.cpp; the field
// keys, header synonyms and cell parsers in import_cells.cpp.
#include "import/customer_import.h"

#include <algorithm>

#include "import/import_cells.h"
#include "import/workbook_table.h"
#include "import/zip_archive.h"
#include "text/fold.h"
#include "text/numbers.h"

namespace profila {

ImportMapping SuggestMapping(const std::vector<CsvRow>& rows, char separator) {
    ImportMapping m;
    m.Separator = separator;
    if (rows.empty()) { m.NeedsConfirmation = true; return m; }
    size_t columns = 0;
    for (const CsvRow& r : rows) columns = std::max(columns, r.Cells.size());
    const CsvRow& first = rows[0];

    // Header row? Yes when some cell matches a synonym and none looks like data (date, e-mail, amount).
    int matched = 0, data_like = 0;
    for (const std::string& cell : first.Cells) {
        if (MatchHeader(cell)) ++matched;
        std::string_view t = Trim(cell);
        if (!t.empty() && (ParseDayFirstDate(t) || LooksLikeEmail(t) || ParseNumberCommaFirst(t))) ++data_like;
    }
    m.HasHeader = matched > 0 && data_like == 0;
    // Or, when no cell is a known name, because the first row does not look like the rows beneath
    // it: a column mostly of e-mails, dates or numbers under a cell that is none ("x1;x2;x3").
    if (matched == 0 && data_like == 0) {
        for (size_t c = 0; c < first.Cells.size() && !m.HasHeader; ++c) {
            if (Trim(first.Cells[c]).empty()) continue;
            int non_empty = 0, typed = 0;
            for (size_t r = 1; r < rows.size(); ++r) {
                if (c >= rows[r].Cells.size()) continue;
                std::string_view t = Trim(rows[r].Cells[c]);
                if (t.empty()) continue;
                ++non_empty;
                if (ParseDayFirstDate(t) || LooksLikeEmail(t) || ParseNumberCommaFirst(t)) ++typed;
            }
            m.HasHeader = non_empty > 0 && typed * 2 > non_empty;
        }
    }
    m.Columns.resize(columns);
    const size_t data_from = m.HasHeader ? 1 : 0;

    // Per-column statistics on the sample.
    struct Stats { int NonEmpty = 0, Dates = 0, Emails = 0, Numbers = 0, Decimals = 0; };
    std::vector<Stats> stats(columns);
    int comma_votes = 0, point_votes = 0;
    for (size_t r = data_from; r < rows.size(); ++r) {
        for (size_t c = 0; c < rows[r].Cells.size(); ++c) {
            std::string_view t = Trim(rows[r].Cells[c]);
            if (t.empty()) continue;
            Stats& s = stats[c];
            ++s.NonEmpty;
            if (ParseDayFirstDate(t)) ++s.Dates;
            else if (LooksLikeEmail(t)) ++s.Emails;
            else if (ParseNumberCommaFirst(t)) {
                ++s.Numbers;
                // Decimal style: the last of '.'/',' followed by other than exactly 3 digits is the decimal mark.
                size_t last = t.find_last_of(".,");
                if (last != std::string_view::npos) {
                    size_t after = 0;
                    while (last + 1 + after < t.size() && t[last + 1 + after] >= '0' && t[last + 1 + after] <= '9') ++after;
                    bool both = t.find(t[last] == ',' ? '.' : ',') != std::string_view::npos;
                    if (after != 3 || both) {
                        ++s.Decimals;
                        (t[last] == ',' ? comma_votes : point_votes)++;
                    }
                }
            }
        }
    }
    if (comma_votes != point_votes) m.DecimalComma = comma_votes > point_votes;
    else m.DecimalComma = separator != ',';

    bool has_first = false, has_last = false;
    for (size_t c = 0; c < columns; ++c) {
        ImportColumn& col = m.Columns[c];
        if (m.HasHeader && c < first.Cells.size()) col.Header = first.Cells[c];
        std::optional<std::pair<ImportField, bool>> hit = m.HasHeader ? MatchHeader(col.Header) : std::nullopt;
        if (hit) {
            col.Field = hit->first;
            col.Confident = hit->second;
        } else {
            // Guess from the data, never confidently.
            const Stats& s = stats[c];
            if (s.NonEmpty > 0 && s.Emails * 2 > s.NonEmpty) col.Field = ImportField::Email;
            else if (s.NonEmpty > 0 && s.Dates * 2 > s.NonEmpty) col.Field = ImportField::PurchaseDate;
            else if (s.NonEmpty > 0 && s.Decimals * 2 > s.NonEmpty) col.Field = ImportField::Amount;
            col.Confident = false;
        }
        if (col.Field == ImportField::FirstName) has_first = true;
        if (col.Field == ImportField::LastName) has_last = true;
    }
    // "nome" + "cognome" (or "nombre" + "apellidos"): the name column is the first name.
    if (has_last && !has_first) {
        for (ImportColumn& col : m.Columns)
            if (col.Field == ImportField::Name && FoldForMatch(col.Header).find(' ') == std::string::npos) { col.Field = ImportField::FirstName; break; }
    }
    // Each field once: later columns mapped to an already used field are left unmapped and unsure.
    std::vector<bool> used(static_cast<size_t>(ImportField::Count_), false);
    for (ImportColumn& col : m.Columns) {
        if (col.Field == ImportField::Ignore) continue;
        auto f = static_cast<size_t>(col.Field);
        if (used[f]) { col.Field = ImportField::Ignore; col.Confident = false; }
        else used[f] = true;
    }
    auto has = [&](ImportField f) { return used[static_cast<size_t>(f)]; };
    // Shape: amounts mean one row per purchase; a date alone is when they became a customer.
    if (has(ImportField::Amount)) {
        m.Shape = ImportShape::PurchasePerRow;
    } else {
        m.Shape = ImportShape::CustomerPerRow;
        for (ImportColumn& col : m.Columns) {
            if (col.Field == ImportField::PurchaseDate && !has(ImportField::Acquired)) { col.Field = ImportField::Acquired; col.Confident = false; }
            else if (IsPurchaseField(col.Field)) { col.Field = ImportField::Ignore; col.Confident = false; }
        }
    }
    bool has_key = has(ImportField::CustomerId) || has(ImportField::Name) || has(ImportField::FirstName) ||
                   has(ImportField::LastName) || has(ImportField::Company) || has(ImportField::Email);
    m.NeedsConfirmation = !has_key || (m.Shape == ImportShape::PurchasePerRow && !has(ImportField::PurchaseDate));
    for (const ImportColumn& col : m.Columns)
        if (!col.Confident) m.NeedsConfirmation = true;
    return m;
}

ImportPreview PreviewImport(std::string_view file_bytes, size_t max_rows) { return PreviewImport(BytesView(file_bytes), max_rows); }

namespace {
// The preview of a file read as `encoding`; nothing when a byte says it is not UTF-8 after all.
std::optional<ImportPreview> PreviewAs(const ByteSource& file, TextEncoding encoding, size_t max_rows, PreviewReach reach) {
    ImportPreview p;
    p.Encoding = encoding;
    CsvReader reader(file, encoding);
    p.Separator = reader.Separator();
    constexpr size_t kSample = 200;  // rows the mapping is guessed from
    const size_t kept = std::max(kSample, max_rows + 1);
    std::vector<CsvRow> first;
    CsvRow row;
    while (first.size() < kept && reader.Next(row)) first.push_back(row);
    std::vector<CsvRow> sample(first.begin(), first.begin() + static_cast<std::ptrdiff_t>(std::min(first.size(), kSample)));
    p.Suggested = SuggestMapping(sample, p.Separator);
    p.Whole = reach == PreviewReach::WholeFile || p.Suggested.NeedsConfirmation || !reader.Errors().empty();
    const size_t total = first.size() + (p.Whole ? reader.CountRest() : 0);
    if (reader.Utf8Broken()) return std::nullopt;
    p.ParseErrors = reader.Errors();
    size_t header = p.Suggested.HasHeader && total > 0 ? 1 : 0;
    p.TotalRows = total - header;
    p.Rows.assign(first.begin(), first.begin() + static_cast<std::ptrdiff_t>(std::min(total, max_rows + header)));
    return p;
}
}  // namespace

// Row by row: the first rows kept, the others only counted. Read as UTF-8 (or UTF-8 with a BOM)
// unless a byte says otherwise: then again as Windows-1252.
ImportPreview PreviewImport(const ByteSource& file, size_t max_rows, PreviewReach reach) {
    if (std::optional<ImportPreview> p = PreviewAs(file, EncodingByBom(file), max_rows, reach)) return *std::move(p);
    return *PreviewAs(file, TextEncoding::Windows1252, max_rows, reach);
}

ImportPreview PreviewImport(std::string_view file_bytes, size_t max_rows, CsvTable& table) {
    return PreviewImport(file_bytes, max_rows, table, -1);
}

ImportPreview PreviewImport(std::string_view file_bytes, size_t max_rows, CsvTable& table, int sheet) {
    ImportPreview p;
    if (LooksLikeZip(file_bytes)) table = WorkbookTable(file_bytes, sheet, p);
    else table = ParseCsvBytes(file_bytes);
    FinishPreview(p, table, max_rows);
    return p;
}

void FinishPreview(ImportPreview& p, const CsvTable& table, size_t max_rows) {
    p.Separator = table.Separator;
    p.Encoding = table.Encoding;
    p.ParseErrors = table.Errors;
    std::vector<CsvRow> sample(table.Rows.begin(), table.Rows.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(table.Rows.size(), 200)));
    p.Suggested = SuggestMapping(sample, table.Separator);
    size_t header = p.Suggested.HasHeader && !table.Rows.empty() ? 1 : 0;
    p.TotalRows = table.Rows.size() - header;
    size_t keep = std::min(table.Rows.size(), max_rows + header);
    p.Rows.assign(table.Rows.begin(), table.Rows.begin() + static_cast<std::ptrdiff_t>(keep));
    if (p.Sheet >= 0) {
        p.Suggested.HasHeader = !table.Rows.empty();  // the header row was found when the table was cut
        p.Suggested.DecimalComma = true;               // as the table writes numbers
    }
}

}  // namespace profila
