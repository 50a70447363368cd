#include "import/workbook_table.h"

#include "text/numbers.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

namespace profila {

std::string CellAsImportText(const WorkbookCell& cell) {
    switch (cell.Type) {
    case CellType::Text: return cell.Text;
    case CellType::Date: return FormatIsoDate(Date{static_cast<int32_t>(cell.Number)});
    case CellType::Bool: return cell.Number != 0 ? "1" : "0";
    case CellType::Number: {
        // "%.15g": every whole number under 1e15 and the usual amounts by ShortDecimal, without
        // printf's cost; printf for the rest.
        std::optional<std::string> plain = ShortDecimal(cell.Number);
        char buf[64];
        if (!plain) std::snprintf(buf, sizeof buf, "%.15g", cell.Number);
        std::string s = plain ? std::move(*plain) : std::string(buf);
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

// SheetTable in pieces, so a big sheet's cells can be written a slice at a time: where the table
// lies (TablePlan), its rows (AddTableRows), the merged header cells (FinishSheetTable).
struct TablePlan {
    size_t Start = 0, End = 0, Width = 0;
    int FirstCol = 1;
};

TablePlan PlanSheetTable(const WorkbookSheet& sheet) {
    TablePlan plan;
    if (sheet.Rows.empty()) return plan;
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
    plan.Start = start;
    plan.End = end;
    plan.Width = std::min(width, static_cast<size_t>(last_col));
    plan.FirstCol = first_col;
    return plan;
}

void AddTableRows(const WorkbookSheet& sheet, const TablePlan& plan, size_t from, size_t to, CsvTable& t) {
    for (size_t r = from; r < to; ++r) {
        const WorkbookRow& src = sheet.Rows[r];
        CsvRow row;
        row.Line = src.Row;
        row.Cells.resize(plan.Width);
        for (size_t c = static_cast<size_t>(plan.FirstCol - 1); c < std::min(plan.Width, src.Cells.size()); ++c)
            row.Cells[c] = CellAsImportText(src.Cells[c]);
        t.Rows.push_back(std::move(row));
    }
}

void FinishSheetTable(const WorkbookSheet& sheet, CsvTable& t, int* header_row) {
    if (t.Rows.empty()) return;
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

CsvTable EmptyTable() {
    CsvTable t;
    t.Separator = ';';
    t.Encoding = TextEncoding::Utf8;
    return t;
}
}  // namespace

CsvTable SheetTable(const WorkbookSheet& sheet, int* header_row) {
    CsvTable t = EmptyTable();
    if (header_row) *header_row = 0;
    if (sheet.Rows.empty()) return t;
    TablePlan plan = PlanSheetTable(sheet);
    t.Rows.reserve(plan.End - plan.Start);
    AddTableRows(sheet, plan, plan.Start, plan.End, t);
    FinishSheetTable(sheet, t, header_row);
    return t;
}

// [SECTION] WorkbookTableReader: the sheet names, then the chosen sheet read, then its table written,
// each in steps.
struct WorkbookTableReader::State {
    std::string_view Bytes;
    int AskedSheet = -1;
    enum class Phase { Names, Sheet, Table, Done } Now = Phase::Names;
    ImportPreview Preview;                 // Sheets, Sheet, HeaderRow, Separator, Encoding
    CsvTable Table;
    std::vector<int> Order;                // the sheets to try, in turn
    size_t Tried = 0;
    std::unique_ptr<WorkbookReader> Reader;
    std::optional<Workbook> Book;          // the sheet read, whose table is being written
    TablePlan Plan;
    size_t NextRow = 0;
    bool Written = false;                  // the table was written (HeaderRow found, 0 when no rows)
    mutable float Shown = 0.0f;            // the progress given so far (an empty sheet passed over does not take it back)
};

WorkbookTableReader::WorkbookTableReader(std::string_view bytes, int sheet) : S(std::make_unique<State>()) {
    S->Bytes = bytes;
    S->AskedSheet = sheet;
    S->Preview.Separator = ';';
    S->Preview.Encoding = TextEncoding::Utf8;
    S->Table = EmptyTable();
}
WorkbookTableReader::~WorkbookTableReader() = default;

bool WorkbookTableReader::Step(size_t rows) {
    State& s = *S;
    rows = std::max<size_t>(rows, 1);
    auto failed = [&](const WorkbookError& e, int sheet) {
        s.Table = EmptyTable();
        s.Table.Errors.push_back({0, 0, e.Code, e.Message});
        s.Preview.Sheet = sheet;
        s.Now = State::Phase::Done;
        return false;
    };
    switch (s.Now) {
    case State::Phase::Names: {
        // The names of every sheet first (cells of none), then the cells of the one chosen.
        WorkbookOptions names;
        names.OnlySheet = 1 << 30;
        WorkbookResult book = ReadWorkbook(s.Bytes, names);
        if (!book.Book) {
            s.Preview.Sheets.push_back({"", false});
            return failed(book.Error, 0);
        }
        for (const WorkbookSheet& sh : book.Book->Sheets) s.Preview.Sheets.push_back({sh.Name, sh.Hidden});
        if (s.AskedSheet >= 0 && static_cast<size_t>(s.AskedSheet) < s.Preview.Sheets.size()) s.Order.push_back(s.AskedSheet);
        else
            for (size_t i = 0; i < s.Preview.Sheets.size(); ++i)
                if (!s.Preview.Sheets[i].Hidden) s.Order.push_back(static_cast<int>(i));
        if (s.Order.empty()) s.Order.push_back(0);
        s.Now = State::Phase::Sheet;
        return true;
    }
    case State::Phase::Sheet: {
        int sheet = s.Order[s.Tried];
        if (!s.Reader) {
            WorkbookOptions one;
            one.OnlySheet = sheet;
            s.Reader = std::make_unique<WorkbookReader>(s.Bytes, one);
        }
        if (s.Reader->Step(rows)) return true;
        WorkbookResult r = s.Reader->Take();
        s.Reader.reset();
        if (!r.Book) return failed(r.Error, sheet);
        const WorkbookSheet& sh = r.Book->Sheets[static_cast<size_t>(sheet)];
        // Picking the first sheet with rows; a sheet asked for by index is read even when empty.
        if (sh.Rows.empty() && s.Tried + 1 < s.Order.size()) { ++s.Tried; return true; }
        s.Preview.Sheet = sheet;
        s.Preview.HeaderRow = 0;
        s.Book = std::move(r.Book);
        s.Plan = PlanSheetTable(sh);
        s.Table.Rows.reserve(s.Plan.End - s.Plan.Start);
        s.NextRow = s.Plan.Start;
        s.Now = State::Phase::Table;
        return true;
    }
    case State::Phase::Table: {
        const WorkbookSheet& sh = s.Book->Sheets[static_cast<size_t>(s.Preview.Sheet)];
        size_t to = s.NextRow + std::min(rows, s.Plan.End - s.NextRow);  // rows may be SIZE_MAX
        AddTableRows(sh, s.Plan, s.NextRow, to, s.Table);
        s.NextRow = to;
        if (s.NextRow < s.Plan.End) return true;
        FinishSheetTable(sh, s.Table, &s.Preview.HeaderRow);
        s.Written = true;
        if (s.Table.Rows.empty()) s.Table.Errors.push_back({0, 0, "empty_sheet", "sheet \"" + sh.Name + "\" holds no rows"});
        s.Book.reset();
        s.Now = State::Phase::Done;
        return false;
    }
    case State::Phase::Done: return false;
    }
    return false;
}

float WorkbookTableReader::Progress() const {
    const State& s = *S;
    float now = [&]() {
        // Reading the sheet's rows is most of the work, writing its table the rest.
        switch (s.Now) {
        case State::Phase::Names: return 0.0f;
        case State::Phase::Sheet: {
            float within = s.Reader && s.Reader->Total() > 0 ? static_cast<float>(s.Reader->Done()) / static_cast<float>(s.Reader->Total()) : 0.0f;
            return 0.05f + 0.75f * within;
        }
        case State::Phase::Table: {
            size_t n = s.Plan.End - s.Plan.Start;
            return 0.8f + 0.2f * (n > 0 ? static_cast<float>(s.NextRow - s.Plan.Start) / static_cast<float>(n) : 1.0f);
        }
        case State::Phase::Done: return 1.0f;
        }
        return 1.0f;
    }();
    s.Shown = std::max(s.Shown, now);
    return s.Shown;
}

CsvTable WorkbookTableReader::Take(ImportPreview& preview) {
    State& s = *S;
    preview.Separator = s.Preview.Separator;
    preview.Encoding = s.Preview.Encoding;
    preview.Sheets.insert(preview.Sheets.end(), s.Preview.Sheets.begin(), s.Preview.Sheets.end());
    preview.Sheet = s.Preview.Sheet;
    if (s.Written) preview.HeaderRow = s.Preview.HeaderRow;
    return std::move(s.Table);
}

CsvTable WorkbookTable(std::string_view bytes, int sheet, ImportPreview& preview) {
    WorkbookTableReader reader(bytes, sheet);
    while (reader.Step(static_cast<size_t>(-1))) {}
    return reader.Take(preview);
}

}  // namespace profila
