// [SECTION] cell helpers: references, serial dates, number formats
// [SECTION] xlsx: package, workbook, styles, shared strings, sheets
// [SECTION] ods: content.xml, repeated rows and cells, hidden tables
// [SECTION] entry point
#include "import/workbook.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "import/zip_archive.h"
#include "text/numbers.h"
#include "pugixml.hpp"

namespace profila {

// [SECTION] cell helpers --------------------------------------------------------------------------
std::optional<Date> ExcelSerialToDate(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial > 2958465.0) return std::nullopt;  // up to 9999-12-31
    int day = static_cast<int>(std::floor(serial));
    if (date1904) return Date{DateFromYmd(1904, 1, 1).Days + day};
    // Excel counts 1900-02-29 (serial 60), a day Lotus 1-2-3 invented: serials after it are one
    // day ahead of the calendar, serials before it are not.
    if (day == 60) return std::nullopt;
    if (day == 0) return std::nullopt;  // "1900-01-00"
    if (day < 60) return Date{DateFromYmd(1899, 12, 31).Days + day};
    return Date{DateFromYmd(1899, 12, 30).Days + day};
}

bool IsExcelDateFormat(int id, std::string_view code) {
    // Built-in formats (ECMA-376 18.8.30) have no code in the file: 14..22 and 45..47 are dates and
    // times, 27..36 and 50..58 the East Asian date formats.
    if (code.empty()) return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
    // Look for d, m, y (or h, s) outside quotes, brackets ([Red], [$-410]) and escapes.
    bool in_quote = false;
    bool has_day_or_year = false, has_month = false;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (in_quote) { if (c == '"') in_quote = false; continue; }
        if (c == '"') { in_quote = true; continue; }
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }
        if (c == '[') { size_t e = code.find(']', i); if (e == std::string_view::npos) break; i = e; continue; }
        if (c == ';') break;  // the first section decides
        char l = static_cast<char>(c | 0x20);
        if (l == 'd' || l == 'y' || l == 'e' || l == 'g') has_day_or_year = true;  // e/g: era years
        else if (l == 'm') has_month = true;
    }
    return has_day_or_year || (has_month && code.find('0') == std::string_view::npos && code.find('#') == std::string_view::npos);
}

std::string ColumnLetters(int column) {
    std::string s;
    while (column > 0) {
        int r = (column - 1) % 26;
        s.insert(s.begin(), static_cast<char>('A' + r));
        column = (column - 1) / 26;
    }
    return s;
}

int ColumnFromRef(std::string_view ref, int* row) {
    int col = 0;
    size_t i = 0;
    for (; i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z')); ++i) {
        col = col * 26 + ((ref[i] | 0x20) - 'a' + 1);
        if (col > 16384) return 0;
    }
    if (row) {
        int r = 0;
        for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i) {
            r = r * 10 + (ref[i] - '0');
            if (r > 1048576) { r = 0; break; }
        }
        *row = r;
    }
    return col;
}

namespace {
constexpr unsigned kXmlFlags = pugi::parse_default | pugi::parse_ws_pcdata_single;

WorkbookResult Fail(std::string code, std::string part, std::string message) {
    WorkbookResult r;
    r.Error.Code = std::move(code);
    r.Error.Part = part;
    r.Error.Message = part.empty() ? std::move(message) : part + ": " + message;
    return r;
}

// Local name of an element ("x:row" -> "row"): some writers prefix the main namespace.
const char* Local(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}
bool Is(const pugi::xml_node& n, const char* local) { return std::strcmp(Local(n), local) == 0; }
pugi::xml_node Child(const pugi::xml_node& n, const char* local) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && Is(c, local)) return c;
    return {};
}
// Attribute by local name (r:id, table:name...).
pugi::xml_attribute Attr(const pugi::xml_node& n, const char* local) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        const char* name = a.name();
        const char* colon = std::strrchr(name, ':');
        if (std::strcmp(colon ? colon + 1 : name, local) == 0) return a;
    }
    return {};
}

bool ParseXml(pugi::xml_document& doc, const std::string& bytes, const std::string& part, WorkbookResult& fail) {
    pugi::xml_parse_result pr = doc.load_buffer(bytes.data(), bytes.size(), kXmlFlags);
    if (!pr) {
        // Name the line the parser stopped at (the offset counted in lines).
        size_t line = 1;
        for (size_t i = 0; i < static_cast<size_t>(pr.offset) && i < bytes.size(); ++i) line += bytes[i] == '\n';
        fail = Fail("bad_xml", part, std::string(pr.description()) + " at line " + std::to_string(line) + ", byte " + std::to_string(pr.offset));
        return false;
    }
    return true;
}

void AppendText(const pugi::xml_node& n, std::string& out) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
        else if (c.type() == pugi::node_element) AppendText(c, out);
    }
}

void SetCell(WorkbookRow& row, int column, WorkbookCell cell) {
    if (column < 1 || cell.Type == CellType::Empty) return;
    size_t c = static_cast<size_t>(column - 1);
    if (row.Cells.size() <= c) row.Cells.resize(c + 1);
    row.Cells[c] = std::move(cell);
}

// [SECTION] xlsx ---------------------------------------------------------------------------------
std::string ResolveTarget(const std::string& base_dir, std::string target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    std::string path = base_dir + target;
    // Fold "a/../b" (targets may say "../worksheets/sheet1.xml").
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t e = path.find('/', start);
        if (e == std::string::npos) e = path.size();
        std::string p = path.substr(start, e - start);
        if (p == "..") { if (!parts.empty()) parts.pop_back(); }
        else if (!p.empty() && p != ".") parts.push_back(p);
        start = e + 1;
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::unordered_map<std::string, std::string> ReadRels(ZipReader& zip, const std::string& rels_part, const std::string& base_dir) {
    std::unordered_map<std::string, std::string> out;
    if (!zip.Find(rels_part)) return out;
    std::optional<std::string> bytes = zip.Read(rels_part);
    if (!bytes) return out;
    pugi::xml_document doc;
    if (!doc.load_buffer(bytes->data(), bytes->size(), kXmlFlags)) return out;
    for (pugi::xml_node r : Child(doc, "Relationships").children()) {
        if (!Is(r, "Relationship")) continue;
        if (std::strcmp(Attr(r, "TargetMode").as_string(), "External") == 0) continue;
        out[Attr(r, "Id").as_string()] = ResolveTarget(base_dir, Attr(r, "Target").as_string());
    }
    return out;
}

struct XlsxStyles {
    std::vector<bool> DateXf;  // cellXfs index -> shows a date
};

XlsxStyles ReadStyles(ZipReader& zip, const std::string& part) {
    XlsxStyles s;
    if (part.empty() || !zip.Find(part)) return s;
    std::optional<std::string> bytes = zip.Read(part);
    pugi::xml_document doc;
    if (!bytes || !doc.load_buffer(bytes->data(), bytes->size(), kXmlFlags)) return s;
    pugi::xml_node sheet = Child(doc, "styleSheet");
    std::unordered_map<int, std::string> codes;
    for (pugi::xml_node f : Child(sheet, "numFmts").children())
        if (Is(f, "numFmt")) codes[Attr(f, "numFmtId").as_int()] = Attr(f, "formatCode").as_string();
    for (pugi::xml_node xf : Child(sheet, "cellXfs").children()) {
        if (!Is(xf, "xf")) continue;
        int id = Attr(xf, "numFmtId").as_int();
        auto it = codes.find(id);
        bool date = IsExcelDateFormat(id, it != codes.end() ? std::string_view(it->second) : std::string_view());
        s.DateXf.push_back(date);
    }
    return s;
}

bool ReadSharedStrings(ZipReader& zip, const std::string& part, std::vector<std::string>& out, WorkbookResult& fail) {
    std::optional<std::string> bytes = zip.Read(part);
    if (!bytes) { fail = Fail("damaged_zip", part, zip.Error()); return false; }
    pugi::xml_document doc;
    if (!ParseXml(doc, *bytes, part, fail)) return false;
    for (pugi::xml_node si : Child(doc, "sst").children()) {
        if (!Is(si, "si")) continue;
        std::string text;
        for (pugi::xml_node c : si.children()) {
            if (Is(c, "t")) AppendText(c, text);
            else if (Is(c, "r")) { if (pugi::xml_node t = Child(c, "t")) AppendText(t, text); }
            // rPh (phonetic runs) and phoneticPr are not part of the value.
        }
        out.push_back(std::move(text));
    }
    return true;
}

// One <row> of a sheet into sheet.Rows (when it has a non-empty cell); cells counts the cells read.
bool ReadXlsxRow(const pugi::xml_node& r, const std::string& part, const std::vector<std::string>& shared, bool shared_missing,
                 const std::string& shared_part, const XlsxStyles& styles, bool date1904, size_t max_cells, size_t& cells,
                 int& next_row, WorkbookSheet& sheet, WorkbookResult& fail) {
    WorkbookRow row;
    row.Row = Attr(r, "r").as_int(next_row);
    if (row.Row < next_row || row.Row > 1048576) row.Row = next_row;
    next_row = row.Row + 1;
    int next_col = 1;
    for (pugi::xml_node c : r.children()) {
        if (!Is(c, "c")) continue;
        int col = next_col;
        if (pugi::xml_attribute ref = Attr(c, "r")) { int rr = 0; int cc = ColumnFromRef(ref.as_string(), &rr); if (cc > 0) col = cc; }
        next_col = col + 1;
        std::string_view t = Attr(c, "t").as_string();
        pugi::xml_node v = Child(c, "v");
        WorkbookCell cell;
        if (t == "inlineStr") {
            pugi::xml_node is = Child(c, "is");
            std::string text;
            for (pugi::xml_node k : is.children()) {
                if (Is(k, "t")) AppendText(k, text);
                else if (Is(k, "r")) { if (pugi::xml_node tt = Child(k, "t")) AppendText(tt, text); }
            }
            if (!text.empty()) { cell.Type = CellType::Text; cell.Text = std::move(text); }
        } else if (!v) {
            continue;  // styled but empty (or a formula never calculated)
        } else if (t == "s") {
            if (shared_missing) {
                fail = Fail("missing_part", shared_part, "missing, but " + part + " cell " + ColumnLetters(col) + std::to_string(row.Row) + " refers to a shared string");
                return false;
            }
            const char* txt = v.child_value();
            char* end = nullptr;
            long idx = std::strtol(txt, &end, 10);
            if (end == txt || idx < 0 || static_cast<size_t>(idx) >= shared.size()) {
                fail = Fail("bad_cell", part, "cell " + ColumnLetters(col) + std::to_string(row.Row) + " names shared string " + txt + ", which does not exist");
                return false;
            }
            if (!shared[static_cast<size_t>(idx)].empty()) { cell.Type = CellType::Text; cell.Text = shared[static_cast<size_t>(idx)]; }
        } else if (t == "str") {  // a formula's text result
            cell.Type = CellType::Text;
            AppendText(v, cell.Text);
            if (cell.Text.empty()) cell.Type = CellType::Empty;
        } else if (t == "b") {
            cell.Type = CellType::Bool;
            cell.Number = std::strcmp(v.child_value(), "1") == 0 || std::strcmp(v.child_value(), "true") == 0 ? 1 : 0;
        } else if (t == "e") {
            cell.Type = CellType::Error;
            cell.Text = v.child_value();
        } else if (t == "d") {  // ISO 8601 date cell (strict files)
            std::string_view iso = v.child_value();
            if (std::optional<Date> d = ParseIsoDate(iso.substr(0, 10))) { cell.Type = CellType::Date; cell.Number = d->Days; }
            else { cell.Type = CellType::Text; cell.Text = std::string(iso); }
        } else {
            const char* txt = v.child_value();
            // The usual cell without strtod's cost; any other text as strtod reads it.
            std::optional<double> number = ParseMachineNumber(txt);
            if (!number) {
                char* end = nullptr;
                const double read = std::strtod(txt, &end);
                if (end != txt && std::isfinite(read)) number = read;
            }
            if (!number) {
                fail = Fail("bad_cell", part, "cell " + ColumnLetters(col) + std::to_string(row.Row) + " holds \"" + std::string(txt).substr(0, 40) + "\", not a number");
                return false;
            }
            const double d = *number;
            size_t s = static_cast<size_t>(Attr(c, "s").as_uint(0));
            std::optional<Date> date;
            if (s < styles.DateXf.size() && styles.DateXf[s]) date = ExcelSerialToDate(d, date1904);
            if (date) { cell.Type = CellType::Date; cell.Number = date->Days; }
            else { cell.Type = CellType::Number; cell.Number = d; }
        }
        if (++cells > max_cells) { fail = Fail("too_large", part, "more than " + std::to_string(max_cells) + " cells"); return false; }
        SetCell(row, col, std::move(cell));
    }
    while (!row.Cells.empty() && row.Cells.back().Type == CellType::Empty) row.Cells.pop_back();
    if (!row.Cells.empty()) sheet.Rows.push_back(std::move(row));
    return true;
}

// An .xlsx being read: the package's parts read once, then the sheets one by one, a sheet's rows
// in slices (WorkbookReader::Step), so a big sheet does not hold the page for its whole reading.
struct XlsxRead {
    std::string WbPart;
    std::unordered_map<std::string, std::string> Rels;  // workbook relationships: id -> part
    pugi::xml_document Wb;
    Workbook Book;
    XlsxStyles Styles;
    std::vector<std::string> Shared;
    bool SharedMissing = false;
    std::string SharedPart;
    bool SharedWanted = false;                 // read on the next step (a listing of the sheets skips them)
    pugi::xml_node NextSheet;                  // the next child of <sheets> to look at
    int Index = 0;
    // The sheet being read: unzipped, then parsed, then its rows a slice at a time.
    enum class Phase { None, Unzipped, Rows } SheetPhase = Phase::None;
    WorkbookSheet Sheet;
    std::string Part;
    std::string SheetBytes;
    pugi::xml_document SheetDoc;
    pugi::xml_node Ws, NextRow;
    size_t Cells = 0;
    int NextRowNo = 1;
    size_t RowsTotal = 0, RowsDone = 0;
};

bool OpenXlsx(ZipReader& zip, const WorkbookOptions& options, XlsxRead& x, WorkbookResult& fail) {
    // The workbook part: from the package relationships, else the usual place.
    x.WbPart = "xl/workbook.xml";
    for (auto& [id, target] : ReadRels(zip, "_rels/.rels", ""))
        if (target.size() > 4 && target.find("workbook") != std::string::npos) x.WbPart = target;
    const std::string& wb_part = x.WbPart;
    if (!zip.Find(wb_part)) { fail = Fail("not_workbook", wb_part, "missing: not an Excel workbook"); return false; }
    std::string wb_dir = wb_part.substr(0, wb_part.rfind('/') + 1);
    std::string rels_part = wb_dir + "_rels/" + wb_part.substr(wb_dir.size()) + ".rels";
    x.Rels = ReadRels(zip, rels_part, wb_dir);

    std::optional<std::string> wb_bytes = zip.Read(wb_part);
    if (!wb_bytes) { fail = Fail("damaged_zip", wb_part, zip.Error()); return false; }
    if (!ParseXml(x.Wb, *wb_bytes, wb_part, fail)) return false;
    pugi::xml_node root = Child(x.Wb, "workbook");
    if (!root) { fail = Fail("not_workbook", wb_part, "no <workbook> element"); return false; }
    x.Book.Kind = Workbook::Format::Xlsx;
    std::string_view d1904 = Attr(Child(root, "workbookPr"), "date1904").as_string();
    x.Book.Date1904 = d1904 == "1" || d1904 == "true";

    // Styles and shared strings: named by the workbook's relationships (usual places otherwise).
    std::string styles_part = wb_dir + "styles.xml";
    x.SharedPart = wb_dir + "sharedStrings.xml";
    bool shared_named = false;
    {
        std::optional<std::string> rb = zip.Read(rels_part);
        pugi::xml_document rd;
        if (rb && rd.load_buffer(rb->data(), rb->size(), kXmlFlags))
            for (pugi::xml_node r : Child(rd, "Relationships").children()) {
                std::string_view type = Attr(r, "Type").as_string();
                std::string target = ResolveTarget(wb_dir, Attr(r, "Target").as_string());
                if (type.size() >= 7 && type.substr(type.size() - 7) == "/styles") styles_part = target;
                if (type.size() >= 14 && type.substr(type.size() - 14) == "/sharedStrings") { x.SharedPart = target; shared_named = true; }
            }
    }
    x.Styles = ReadStyles(zip, styles_part);
    x.SharedMissing = !zip.Find(x.SharedPart);
    if (x.SharedMissing && shared_named) {
        fail = Fail("missing_part", x.SharedPart, "missing from the package, though the workbook's relationships name it");
        return false;
    }
    // The strings are read only when some sheet's cells are (a listing of the sheets skips them).
    int sheet_count = 0;
    for (pugi::xml_node s : Child(root, "sheets").children()) sheet_count += Is(s, "sheet");
    bool cells_wanted = options.OnlySheet < 0 || options.OnlySheet < sheet_count;
    x.SharedWanted = cells_wanted && !x.SharedMissing;
    x.NextSheet = Child(root, "sheets").first_child();
    return true;
}

// One step of the sheets' reading: the shared strings, a sheet begun (unzipped), parsed, or `rows`
// of its rows. False when the workbook is read, or failed (failed set, fail saying why).
bool StepXlsx(ZipReader& zip, const WorkbookOptions& options, size_t rows, XlsxRead& x, bool& failed, WorkbookResult& fail) {
    auto failing = [&](WorkbookResult r) { fail = std::move(r); failed = true; return false; };
    if (x.SharedWanted) {
        x.SharedWanted = false;
        if (!ReadSharedStrings(zip, x.SharedPart, x.Shared, fail)) { failed = true; return false; }
        return true;
    }
    if (x.SheetPhase == XlsxRead::Phase::Unzipped) {
        if (!ParseXml(x.SheetDoc, x.SheetBytes, x.Part, fail)) { failed = true; return false; }
        std::string().swap(x.SheetBytes);  // the document holds its own copy
        x.Ws = Child(x.SheetDoc, "worksheet");
        if (!x.Ws) return failing(Fail("not_workbook", x.Part, "no <worksheet> element"));
        x.NextRow = Child(x.Ws, "sheetData").first_child();
        for (pugi::xml_node r = x.NextRow; r; r = r.next_sibling()) ++x.RowsTotal;
        x.SheetPhase = XlsxRead::Phase::Rows;
        return true;
    }
    if (x.SheetPhase == XlsxRead::Phase::Rows) {
        for (size_t n = 0; x.NextRow && n < rows; x.NextRow = x.NextRow.next_sibling(), ++n, ++x.RowsDone) {
            if (!Is(x.NextRow, "row")) continue;
            if (!ReadXlsxRow(x.NextRow, x.Part, x.Shared, x.SharedMissing, x.SharedPart, x.Styles, x.Book.Date1904, options.MaxCells,
                             x.Cells, x.NextRowNo, x.Sheet, fail)) { failed = true; return false; }
        }
        if (x.NextRow) return true;
        WorkbookSheet& sheet = x.Sheet;
        const std::string& part = x.Part;
        for (pugi::xml_node m : Child(x.Ws, "mergeCells").children())
            if (Is(m, "mergeCell")) sheet.Merged.push_back(Attr(m, "ref").as_string());
        x.SheetDoc.reset();
        x.Ws = x.NextRow = pugi::xml_node();
        // An Excel Table on the sheet says where the real table is (title rows above, notes below).
        std::string dir = part.substr(0, part.rfind('/') + 1);
        for (auto& [rid, target] : ReadRels(zip, dir + "_rels/" + part.substr(dir.size()) + ".rels", dir)) {
            if (target.find("tables/") == std::string::npos || !zip.Find(target)) continue;
            std::optional<std::string> tb = zip.Read(target, 1 << 20);
            pugi::xml_document td;
            if (!tb || !td.load_buffer(tb->data(), tb->size(), kXmlFlags)) continue;
            pugi::xml_node t = Child(td, "table");
            if (Attr(t, "headerRowCount").as_int(1) == 0) continue;
            std::string ref = Attr(t, "ref").as_string();
            if (sheet.TableRef.empty() || ref < sheet.TableRef) sheet.TableRef = ref;
        }
        x.Book.Sheets.push_back(std::move(sheet));
        x.Sheet = WorkbookSheet();
        x.SheetPhase = XlsxRead::Phase::None;
        return true;
    }
    // The next sheet: listed (no cells), or unzipped for reading.
    for (; x.NextSheet; x.NextSheet = x.NextSheet.next_sibling()) {
        pugi::xml_node s = x.NextSheet;
        if (!Is(s, "sheet")) continue;
        x.NextSheet = x.NextSheet.next_sibling();
        WorkbookSheet sheet;
        sheet.Name = Attr(s, "name").as_string();
        std::string_view state = Attr(s, "state").as_string();
        sheet.Hidden = state == "hidden" || state == "veryHidden";
        auto it = x.Rels.find(Attr(s, "id").as_string());
        std::string part = it != x.Rels.end() ? it->second : "";
        bool read = options.OnlySheet < 0 || options.OnlySheet == x.Index;
        ++x.Index;
        if (part.find("chartsheets/") != std::string::npos) return true;  // a chart, no cells
        if (!read) { x.Book.Sheets.push_back(std::move(sheet)); return true; }
        if (part.empty() || !zip.Find(part))
            return failing(Fail("missing_part", part.empty() ? x.WbPart : part, "sheet \"" + sheet.Name + "\" is missing from the package"));
        std::optional<std::string> bytes = zip.Read(part);
        if (!bytes) return failing(Fail("damaged_zip", part, zip.Error()));
        x.SheetBytes = std::move(*bytes);
        x.Part = std::move(part);
        x.Sheet = std::move(sheet);
        x.Cells = 0;
        x.NextRowNo = 1;
        x.RowsTotal = x.RowsDone = 0;
        x.SheetPhase = XlsxRead::Phase::Unzipped;
        return true;
    }
    if (x.Book.Sheets.empty()) return failing(Fail("not_workbook", x.WbPart, "the workbook lists no sheets"));
    return false;
}

// [SECTION] ods ----------------------------------------------------------------------------------
// Text of a cell: paragraphs joined by line breaks, <text:s text:c="n"/> as n spaces, tabs, breaks.
void OdsText(const pugi::xml_node& n, std::string& out) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) { out += c.value(); continue; }
        if (c.type() != pugi::node_element) continue;
        if (Is(c, "s")) out.append(static_cast<size_t>(std::min(1000, std::max(1, Attr(c, "c").as_int(1)))), ' ');
        else if (Is(c, "tab")) out += '\t';
        else if (Is(c, "line-break")) out += '\n';
        else if (Is(c, "annotation")) continue;  // a comment, not the value
        else OdsText(c, out);
    }
}

WorkbookCell OdsCell(const pugi::xml_node& c) {
    WorkbookCell cell;
    std::string_view type = Attr(c, "value-type").as_string();
    if (type == "float" || type == "percentage" || type == "currency") {
        cell.Type = CellType::Number;
        cell.Number = Attr(c, "value").as_double();
    } else if (type == "date") {
        std::string_view v = Attr(c, "date-value").as_string();
        if (std::optional<Date> d = ParseIsoDate(v.substr(0, 10))) { cell.Type = CellType::Date; cell.Number = d->Days; }
        else { cell.Type = CellType::Text; cell.Text = std::string(v); }
    } else if (type == "boolean") {
        cell.Type = CellType::Bool;
        cell.Number = std::string_view(Attr(c, "boolean-value").as_string()) == "true" ? 1 : 0;
    } else if (type == "time") {
        cell.Type = CellType::Text;
        cell.Text = Attr(c, "time-value").as_string();
    } else {
        bool first = true;
        for (pugi::xml_node p : c.children()) {
            if (!Is(p, "p")) continue;
            if (!first) cell.Text += '\n';
            first = false;
            OdsText(p, cell.Text);
        }
        if (!cell.Text.empty()) cell.Type = CellType::Text;
    }
    return cell;
}

bool ReadOdsTable(const pugi::xml_node& table, size_t max_cells, WorkbookSheet& sheet, WorkbookResult& fail) {
    int row_no = 1;
    size_t cells = 0;
    // Rows may sit in groups (<table:table-row-group>, <table:table-header-rows>, <table:table-rows>).
    std::vector<pugi::xml_node> rows;
    auto collect = [&](auto& self, const pugi::xml_node& n) -> void {
        for (pugi::xml_node c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            if (Is(c, "table-row")) rows.push_back(c);
            else if (Is(c, "table-row-group") || Is(c, "table-header-rows") || Is(c, "table-rows")) self(self, c);
        }
    };
    collect(collect, table);
    for (const pugi::xml_node& r : rows) {
        int repeat = std::max(1, Attr(r, "number-rows-repeated").as_int(1));
        WorkbookRow row;
        int col = 1;
        for (pugi::xml_node c : r.children()) {
            if (!(Is(c, "table-cell") || Is(c, "covered-table-cell"))) continue;
            int crep = std::max(1, Attr(c, "number-columns-repeated").as_int(1));
            WorkbookCell cell = Is(c, "covered-table-cell") ? WorkbookCell{} : OdsCell(c);
            if (cell.Type != CellType::Empty) {
                if (col + crep - 1 > 16384) { fail = Fail("too_large", "content.xml", "table \"" + sheet.Name + "\" row " + std::to_string(row_no) + " is wider than 16384 columns"); return false; }
                for (int k = 0; k < crep; ++k) SetCell(row, col + k, cell);
                cells += static_cast<size_t>(crep);
            }
            col += crep;
            if (col > 16385) break;  // the rest are trailing empty repeats
            if (Is(c, "table-cell")) {
                int span = Attr(c, "number-columns-spanned").as_int(1), rspan = Attr(c, "number-rows-spanned").as_int(1);
                if ((span > 1 || rspan > 1) && cell.Type != CellType::Empty)
                    sheet.Merged.push_back(ColumnLetters(col - crep) + std::to_string(row_no) + ":" + ColumnLetters(col - crep + span - 1) + std::to_string(row_no + rspan - 1));
            }
        }
        while (!row.Cells.empty() && row.Cells.back().Type == CellType::Empty) row.Cells.pop_back();
        if (!row.Cells.empty()) {
            // A row with content repeated (LibreOffice writes equal neighbours once): every copy is a row.
            if (cells * static_cast<size_t>(repeat) > max_cells || static_cast<size_t>(repeat) > max_cells) {
                fail = Fail("too_large", "content.xml", "table \"" + sheet.Name + "\" row " + std::to_string(row_no) + " repeats " + std::to_string(repeat) + " times: more than " + std::to_string(max_cells) + " cells");
                return false;
            }
            for (int k = 0; k < repeat; ++k) {
                WorkbookRow copy = row;
                copy.Row = row_no + k;
                sheet.Rows.push_back(std::move(copy));
            }
            cells += row.Cells.size() * static_cast<size_t>(repeat - 1);
        }
        row_no += repeat;
        if (row_no > 1048577 + 1) break;
    }
    return true;
}

WorkbookResult ReadOds(ZipReader& zip, const WorkbookOptions& options) {
    WorkbookResult fail;
    if (!zip.Find("content.xml")) return Fail("missing_part", "content.xml", "missing: not an OpenDocument spreadsheet");
    std::optional<std::string> bytes = zip.Read("content.xml");
    if (!bytes) return Fail("damaged_zip", "content.xml", zip.Error());
    pugi::xml_document doc;
    if (!ParseXml(doc, *bytes, "content.xml", fail)) return fail;
    pugi::xml_node root = Child(doc, "document-content");
    pugi::xml_node sheet_root = Child(Child(root, "body"), "spreadsheet");
    if (!sheet_root) return Fail("not_workbook", "content.xml", "no <office:spreadsheet>: not a spreadsheet");
    // Table styles with table:display="false" hide their table.
    std::unordered_map<std::string, bool> hidden_style;
    for (pugi::xml_node s : Child(root, "automatic-styles").children())
        if (Is(s, "style")) {
            pugi::xml_node tp = Child(s, "table-properties");
            if (tp && std::string_view(Attr(tp, "display").as_string()) == "false") hidden_style[Attr(s, "name").as_string()] = true;
        }
    Workbook book;
    book.Kind = Workbook::Format::Ods;
    int index = 0;
    for (pugi::xml_node t : sheet_root.children()) {
        if (!Is(t, "table")) continue;
        WorkbookSheet sheet;
        sheet.Name = Attr(t, "name").as_string();
        sheet.Hidden = hidden_style.count(Attr(t, "style-name").as_string()) > 0;
        if (options.OnlySheet < 0 || options.OnlySheet == index)
            if (!ReadOdsTable(t, options.MaxCells, sheet, fail)) return fail;
        ++index;
        book.Sheets.push_back(std::move(sheet));
    }
    if (book.Sheets.empty()) return Fail("not_workbook", "content.xml", "the spreadsheet has no tables");
    WorkbookResult ok;
    ok.Book = std::move(book);
    return ok;
}
}  // namespace

// [SECTION] entry point --------------------------------------------------------------------------
struct WorkbookReader::State {
    std::string_view Bytes;
    WorkbookOptions Options;
    ZipReader Zip;
    bool Started = false, Finished = false, Failed = false;
    XlsxRead Xlsx;
    WorkbookResult Result;
};

WorkbookReader::WorkbookReader(std::string_view bytes, const WorkbookOptions& options) : S(std::make_unique<State>()) {
    S->Bytes = bytes;
    S->Options = options;
}
WorkbookReader::~WorkbookReader() = default;
WorkbookReader::WorkbookReader(WorkbookReader&&) noexcept = default;
WorkbookReader& WorkbookReader::operator=(WorkbookReader&&) noexcept = default;

bool WorkbookReader::Step(size_t rows) {
    State& s = *S;
    if (s.Finished) return false;
    if (!s.Started) {
        s.Started = true;
        s.Finished = true;  // until the package proves to be an .xlsx read in steps
        if (!LooksLikeZip(s.Bytes)) { s.Result = Fail("not_workbook", "", "not a workbook (.xlsx or .ods files are zip packages)"); return false; }
        if (!s.Zip.Open(s.Bytes)) { s.Result = Fail("damaged_zip", "", "the package is damaged or truncated: " + s.Zip.Error()); return false; }
        bool ods = false;
        if (s.Zip.Find("mimetype")) {
            std::optional<std::string> mt = s.Zip.Read("mimetype", 200);
            if (mt && mt->find("opendocument.spreadsheet") != std::string::npos) ods = true;
        }
        if (!ods && s.Zip.Find("content.xml") && !s.Zip.Find("[Content_Types].xml")) ods = true;
        // An .ods is read in one piece (its content.xml holds every table).
        if (ods) { s.Result = ReadOds(s.Zip, s.Options); return false; }
        if (!OpenXlsx(s.Zip, s.Options, s.Xlsx, s.Result)) return false;
        s.Finished = false;
        return true;
    }
    if (StepXlsx(s.Zip, s.Options, std::max<size_t>(rows, 1), s.Xlsx, s.Failed, s.Result)) return true;
    s.Finished = true;
    if (!s.Failed) s.Result.Book = std::move(s.Xlsx.Book);
    return false;
}

size_t WorkbookReader::Done() const { return S->Xlsx.RowsDone; }
size_t WorkbookReader::Total() const { return S->Xlsx.RowsTotal; }
WorkbookResult WorkbookReader::Take() { return std::move(S->Result); }

WorkbookResult ReadWorkbook(std::string_view bytes, const WorkbookOptions& options) {
    WorkbookReader reader(bytes, options);
    while (reader.Step(static_cast<size_t>(-1))) {}
    return reader.Take();
}

}  // namespace profila
