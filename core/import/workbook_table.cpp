#include "import/workbook_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace profila {

std::string CellAsImportText(const WorkbookCell& cell) {
    switch (cell.Type) {
    case CellType::Text: return cell.Text;
    case CellType::Date: return FormatIsoDate(Date{static_cast<int32_t>(cell.Number)});
    case CellType::Bool: return cell.Number != 0 ? "1" : "0";
    case CellType::Number: {
        char buf[64];
        double v = cell.Number;
        if (std::fabs(v) < 1e15 && v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f", v);
        else std::snprintf(buf, sizeof buf, "%.15g", v);
        std::string s = buf;
        if (s.find('e') != std::string::npos) return s;  // beyond what an import field takes: left as written
        for (char& c : s) if (c == '.') c = ',';
        return s;
    }
    default: return {};
    }
}

namespace {
size_t NonEmpty(const WorkbookRow& r, bool* all_text) {
    size_t n = 0;
    *all_text = true;
    for (const WorkbookCell& c : r.Cells) {
        if (c.Type == CellType::Empty) continue;
        ++n;
        if (c.Type != CellType::Text) *all_text = false;
    }
    return n;
}
}  // namespace

CsvTable SheetTable(const WorkbookSheet& sheet, int* header_row) {
    CsvTable t;
    t.Separator = ';';
    t.Encoding = TextEncoding::Utf8;
    if (header_row) *header_row = 0;
    if (sheet.Rows.empty()) return t;
    int first_row = 0, last_row = 1 << 30, first_col = 1, last_col = 16384;
    if (!sheet.TableRef.empty()) {
        size_t colon = sheet.TableRef.find(':');
        first_col = ColumnFromRef(sheet.TableRef.substr(0, colon), &first_row);
        if (colon != std::string::npos) last_col = ColumnFromRef(sheet.TableRef.substr(colon + 1), &last_row);
        if (first_col < 1 || last_col < first_col || first_row < 1 || last_row < first_row) { first_row = 0; first_col = 1; last_col = 16384; last_row = 1 << 30; }
    }
    size_t start = 0;
    if (first_row > 0) {
        while (start < sheet.Rows.size() && sheet.Rows[start].Row < first_row) ++start;
    } else {
        // Header: among the first rows, the first that is all text, has two or more cells (or the
        // sheet is one column) and is at least 60% as wide as the widest of the rows beneath it.
        const size_t look = std::min<size_t>(sheet.Rows.size(), 30);
        for (size_t r = 0; r < look; ++r) {
            bool all_text = false;
            size_t n = NonEmpty(sheet.Rows[r], &all_text);
            size_t below = 0;
            for (size_t k = r + 1; k < std::min(sheet.Rows.size(), r + 11); ++k) {
                bool ignored = false;
                below = std::max(below, NonEmpty(sheet.Rows[k], &ignored));
            }
            if (all_text && (n >= 2 || below <= 1) && n * 10 >= below * 6) { start = r; break; }
        }
    }
    size_t end = start;
    while (end < sheet.Rows.size() && sheet.Rows[end].Row <= last_row) ++end;
    size_t width = 0;
    for (size_t r = start; r < end; ++r) width = std::max(width, sheet.Rows[r].Cells.size());
    width = std::min(width, static_cast<size_t>(last_col));
    t.Rows.reserve(end - start);
    for (size_t r = start; r < end; ++r) {
        const WorkbookRow& src = sheet.Rows[r];
        CsvRow row;
        row.Line = src.Row;
        row.Cells.resize(width);
        for (size_t c = static_cast<size_t>(first_col - 1); c < std::min(width, src.Cells.size()); ++c)
            row.Cells[c] = CellAsImportText(src.Cells[c]);
        t.Rows.push_back(std::move(row));
    }
    if (!t.Rows.empty()) {
        // Merged header cells: the columns a merged header spans get its name too ("Address (2)").
        CsvRow& h = t.Rows[0];
        for (const std::string& m : sheet.Merged) {
            size_t colon = m.find(':');
            if (colon == std::string::npos) continue;
            int r1 = 0, r2 = 0;
            int c1 = ColumnFromRef(m.substr(0, colon), &r1), c2 = ColumnFromRef(m.substr(colon + 1), &r2);
            if (r1 > h.Line || r2 < h.Line || c1 < 1 || c2 <= c1) continue;
            std::string name = static_cast<size_t>(c1 - 1) < h.Cells.size() ? h.Cells[static_cast<size_t>(c1 - 1)] : "";
            if (name.empty()) continue;
            for (int c = c1 + 1; c <= c2 && static_cast<size_t>(c - 1) < h.Cells.size(); ++c)
                if (h.Cells[static_cast<size_t>(c - 1)].empty()) h.Cells[static_cast<size_t>(c - 1)] = name + " (" + std::to_string(c - c1 + 1) + ")";
        }
        if (header_row) *header_row = h.Line;
    }
    return t;
}

CsvTable WorkbookTable(std::string_view bytes, int sheet, ImportPreview& preview) {
    preview.Separator = ';';
    preview.Encoding = TextEncoding::Utf8;
    // The names of every sheet first (cells of none), then the cells of the one chosen.
    WorkbookOptions names;
    names.OnlySheet = 1 << 30;
    WorkbookResult book = ReadWorkbook(bytes, names);
    CsvTable failed;
    failed.Separator = ';';
    if (!book.Book) {
        failed.Errors.push_back({0, 0, book.Error.Code, book.Error.Message});
        preview.Sheet = 0;
        preview.Sheets.push_back({"", false});
        return failed;
    }
    for (const WorkbookSheet& s : book.Book->Sheets) preview.Sheets.push_back({s.Name, s.Hidden});
    std::vector<int> order;
    if (sheet >= 0 && static_cast<size_t>(sheet) < preview.Sheets.size()) order.push_back(sheet);
    else
        for (size_t i = 0; i < preview.Sheets.size(); ++i)
            if (!preview.Sheets[i].Hidden) order.push_back(static_cast<int>(i));
    if (order.empty()) order.push_back(0);
    for (size_t k = 0; k < order.size(); ++k) {
        WorkbookOptions one;
        one.OnlySheet = order[k];
        WorkbookResult r = ReadWorkbook(bytes, one);
        if (!r.Book) {
            failed.Errors.push_back({0, 0, r.Error.Code, r.Error.Message});
            preview.Sheet = order[k];
            return failed;
        }
        const WorkbookSheet& s = r.Book->Sheets[static_cast<size_t>(order[k])];
        // Picking the first sheet with rows; a sheet asked for by index is read even when empty.
        if (s.Rows.empty() && k + 1 < order.size()) continue;
        preview.Sheet = order[k];
        CsvTable t = SheetTable(s, &preview.HeaderRow);
        if (t.Rows.empty()) t.Errors.push_back({0, 0, "empty_sheet", "sheet \"" + s.Name + "\" holds no rows"});
        return t;
    }
    return failed;
}

}  // namespace profila
