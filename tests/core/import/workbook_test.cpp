// Workbooks (.xlsx, .ods) against the real third-party files in ../shared/realdata/spreadsheets and
// the typed values their expected.json gives (computed independently by expected.py).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "import/customer_import.h"
#include "import/workbook.h"
#include "import/workbook_table.h"
#include "import/zip_archive.h"
#include "nlohmann/json.hpp"
#include "test_files.h"

using namespace profila;

namespace {
const WorkbookCell* CellAt(const Workbook& book, const std::string& ref) {
    size_t bang = ref.find('!');
    std::string sheet = ref.substr(0, bang);
    int row = 0;
    int col = ColumnFromRef(ref.substr(bang + 1), &row);
    static const WorkbookCell kEmpty;
    for (const WorkbookSheet& s : book.Sheets) {
        if (s.Name != sheet) continue;
        for (const WorkbookRow& r : s.Rows)
            if (r.Row == row) return static_cast<size_t>(col - 1) < r.Cells.size() ? &r.Cells[static_cast<size_t>(col - 1)] : &kEmpty;
        return &kEmpty;
    }
    return nullptr;
}
}  // namespace

TEST_CASE("Excel serial dates: 1900 system with its 1900-02-29, and 1904") {
    CHECK(FormatIsoDate(*ExcelSerialToDate(1, false)) == "1900-01-01");
    CHECK(FormatIsoDate(*ExcelSerialToDate(59, false)) == "1900-02-28");
    CHECK_FALSE(ExcelSerialToDate(60, false).has_value());  // the day Lotus invented
    CHECK(FormatIsoDate(*ExcelSerialToDate(61, false)) == "1900-03-01");
    CHECK(FormatIsoDate(*ExcelSerialToDate(17175, false)) == "1947-01-08");
    CHECK(FormatIsoDate(*ExcelSerialToDate(40179.2311226852, false)) == "2010-01-01");
    CHECK(FormatIsoDate(*ExcelSerialToDate(0, true)) == "1904-01-01");
    CHECK(FormatIsoDate(*ExcelSerialToDate(40179, true)) == "2014-01-02");
    CHECK(IsExcelDateFormat(14, ""));
    CHECK(IsExcelDateFormat(164, "ddd\\ dd/mmm\\ yy"));
    CHECK(IsExcelDateFormat(165, "[$-410]d mmmm yyyy"));
    CHECK_FALSE(IsExcelDateFormat(166, "#,##0.00 \"mm\""));
    CHECK_FALSE(IsExcelDateFormat(2, ""));
    CHECK(ColumnLetters(1) == "A");
    CHECK(ColumnLetters(28) == "AB");
    int row = 0;
    CHECK(ColumnFromRef("AB12", &row) == 28);
    CHECK(row == 12);
}

TEST_CASE("real workbooks: sheets, states and every typed cell of expected.json") {
    nlohmann::json expected = nlohmann::json::parse(ReadRealData("spreadsheets/expected.json"));
    for (auto& [file, e] : expected["files"].items()) {
        CAPTURE(file);
        std::string bytes = ReadRealData("spreadsheets/" + file);
        WorkbookResult r = ReadWorkbook(bytes);
        REQUIRE_MESSAGE(r.Book.has_value(), r.Error.Message);
        const Workbook& book = *r.Book;
        REQUIRE(book.Sheets.size() == e["sheets"].size());
        for (size_t i = 0; i < book.Sheets.size(); ++i) {
            CHECK(book.Sheets[i].Name == e["sheets"][i]["name"].get<std::string>());
            CHECK(book.Sheets[i].Hidden == (e["sheets"][i]["state"] != "visible"));
            CHECK(book.Sheets[i].Merged.size() == e["sheets"][i]["merged"].size());
        }
        // type-me.xlsx says <workbookPr date1904="1"/> (made in Excel for Mac): ECMA-376 18.2.28 makes its
        // serials count from 1904. expected.py reads date1904 false there because a later extension
        // element of the same local name (<x14:workbookPr defaultImageDpi=.../>) overwrites the flag in its
        // loop; so for this file the expected dates are the 1900 reading and ours are 1462 days later.
        bool disagrees = file == "type-me.xlsx";
        if (e.contains("date1904") && !e["date1904"].is_null()) CHECK(book.Date1904 == (disagrees || e["date1904"].get<bool>()));
        for (const auto& c : e["cells"]) {
            std::string ref = c["ref"];
            std::string type = c["type"];
            CAPTURE(ref);
            const WorkbookCell* cell = CellAt(book, ref);
            REQUIRE(cell != nullptr);
            if (type == "empty") CHECK(cell->Type == CellType::Empty);
            else if (type == "text") { CHECK(cell->Type == CellType::Text); CHECK(cell->Text == c["value"].get<std::string>()); }
            else if (type == "number") { CHECK(cell->Type == CellType::Number); CHECK(cell->Number == doctest::Approx(c["value"].get<double>())); }
            else if (type == "bool") { CHECK(cell->Type == CellType::Bool); CHECK((cell->Number != 0) == c["value"].get<bool>()); }
            else if (type == "date" || type == "datetime") {
                CHECK(cell->Type == CellType::Date);
                int32_t shift = disagrees ? 1462 : 0;
                CHECK(FormatIsoDate(Date{static_cast<int32_t>(cell->Number) - shift}) == c["value"].get<std::string>().substr(0, 10));
            } else if (type == "duration") { CHECK(cell->Type == CellType::Text); CHECK(cell->Text == c["value"].get<std::string>()); }
            else FAIL("unknown expected type " << type);
        }
        // The tables a person picked out: header row, header names, non-empty data rows.
        for (const auto& t : e["tables"]) {
            std::string sheet = t["sheet"];
            CAPTURE(sheet);
            const WorkbookSheet* s = nullptr;
            for (const WorkbookSheet& ws : book.Sheets) if (ws.Name == sheet) s = &ws;
            REQUIRE(s != nullptr);
            int header_row = 0;
            CsvTable table = SheetTable(*s, &header_row);
            CHECK(header_row == t["header_row"].get<int>());
            REQUIRE(!table.Rows.empty());
            const auto& names = t["header"];
            for (size_t k = 0; k < names.size(); ++k)
                if (names[k].is_string()) CHECK(table.Rows[0].Cells[k] == names[k].get<std::string>());
            CHECK(table.Rows.size() - 1 == t["data_row_count"].get<size_t>());
        }
    }
}

TEST_CASE("workbook cells as import text: no decimal guessing, leading zeros kept") {
    WorkbookCell n{CellType::Number, 1234.5, ""};
    CHECK(CellAsImportText(n) == "1234,5");
    WorkbookCell big{CellType::Number, 3331234567.0, ""};
    CHECK(CellAsImportText(big) == "3331234567");
    WorkbookCell t{CellType::Text, 0, "04449"};
    CHECK(CellAsImportText(t) == "04449");
    WorkbookCell d{CellType::Date, static_cast<double>(DateFromYmd(2024, 3, 9).Days), ""};
    CHECK(CellAsImportText(d) == "2024-03-09");
}

TEST_CASE("a real workbook through the import: sheet, header under title rows, typed cells") {
    std::string bytes = ReadRealData("spreadsheets/deaths.xlsx");
    CsvTable table;
    ImportPreview p = PreviewImport(bytes, 10, table, -1);
    REQUIRE(p.ParseErrors.empty());
    REQUIRE(p.Sheets.size() == 2);
    CHECK(p.Sheet == 0);
    CHECK(p.HeaderRow == 5);
    CHECK(p.TotalRows == 10);
    CHECK(p.Suggested.HasHeader);
    ImportResult r = ImportCustomersAuto(bytes, Workspace{});
    CHECK(r.Ok());
    CHECK(r.NewCustomers.size() == 10);
    bool found = false;
    for (const Customer& c : r.NewCustomers) found |= c.Name == "Zsa Zsa G\xc3\xa1" "bor";
    CHECK(found);
    // The second sheet, asked for by index.
    ImportPreview p2 = PreviewImport(bytes, 10, table, 1);
    CHECK(p2.Sheet == 1);
    CHECK(table.Rows.size() == 11);
}

TEST_CASE("broken workbooks are refused naming the part, nothing imported") {
    std::string missing = ReadRealData("broken/deaths_missing_sharedStrings.xlsx");
    WorkbookResult r = ReadWorkbook(missing);
    REQUIRE_FALSE(r.Book.has_value());
    CHECK(r.Error.Part == "xl/sharedStrings.xml");
    ImportResult ir = ImportCustomersAuto(missing, Workspace{});
    CHECK_FALSE(ir.Ok());
    CHECK(ir.NewCustomers.empty());
    REQUIRE(!ir.Errors.empty());
    CHECK(ir.Errors[0].Message.find("xl/sharedStrings.xml") != std::string::npos);

    std::string whole = ReadRealData("spreadsheets/deaths.xlsx");
    for (size_t cut : {whole.size() / 2, whole.size() - 30, size_t(100)}) {
        CAPTURE(cut);
        WorkbookResult t = ReadWorkbook(whole.substr(0, cut));
        CHECK_FALSE(t.Book.has_value());
        CHECK(!t.Error.Message.empty());
        CHECK(ImportCustomersAuto(whole.substr(0, cut), Workspace{}).NewCustomers.empty());
    }
}

TEST_CASE("zip writer and reader round trip") {
    ZipWriter w;
    REQUIRE(w.Add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", true));
    REQUIRE(w.Add("a/b.txt", std::string(100000, 'x')));
    std::string bytes = w.Finish();
    REQUIRE(LooksLikeZip(bytes));
    ZipReader r;
    REQUIRE(r.Open(bytes));
    REQUIRE(r.Members().size() == 2);
    CHECK(r.Members()[0].Name == "mimetype");
    std::optional<std::string> b = r.Read("a/b.txt");
    REQUIRE(b.has_value());
    CHECK(b->size() == 100000);
    CHECK_FALSE(r.Read("a/b.txt", 1000).has_value());  // over the limit: refused
    CHECK_FALSE(r.Read("nope").has_value());
}

#include "import/workbook_writer.h"

TEST_CASE("an .xlsx written by the export reads back typed: header, numbers, dates, text with zeros") {
    std::vector<std::vector<WorkbookCell>> rows = {
        {{CellType::Text, 0, "Nome"}, {CellType::Text, 0, "CAP"}, {CellType::Text, 0, "Cliente dal"}, {CellType::Text, 0, "Spesa"}},
        {{CellType::Text, 0, "Nicol\xc3\xb2 & <figli>"}, {CellType::Text, 0, "00184"},
         {CellType::Date, static_cast<double>(DateFromYmd(2024, 3, 9).Days), ""}, {CellType::Number, 1234.56, ""}},
    };
    std::string bytes = WriteXlsx("Clienti", rows);
    REQUIRE(LooksLikeZip(bytes));
    WorkbookResult r = ReadWorkbook(bytes);
    REQUIRE_MESSAGE(r.Book.has_value(), r.Error.Message);
    REQUIRE(r.Book->Sheets.size() == 1);
    CHECK(r.Book->Sheets[0].Name == "Clienti");
    const WorkbookSheet& s = r.Book->Sheets[0];
    REQUIRE(s.Rows.size() == 2);
    CHECK(s.Rows[1].Cells[0].Text == "Nicol\xc3\xb2 & <figli>");
    CHECK(s.Rows[1].Cells[1].Type == CellType::Text);
    CHECK(s.Rows[1].Cells[1].Text == "00184");
    CHECK(s.Rows[1].Cells[2].Type == CellType::Date);
    CHECK(FormatIsoDate(Date{static_cast<int32_t>(s.Rows[1].Cells[2].Number)}) == "2024-03-09");
    CHECK(s.Rows[1].Cells[3].Type == CellType::Number);
    CHECK(s.Rows[1].Cells[3].Number == 1234.56);
}

TEST_CASE("a workbook read in steps gives the same table as read at once, the progress only going up") {
    // A sheet of 2,500 rows written by the export, and the real workbooks (xlsx and ods).
    std::vector<std::vector<WorkbookCell>> rows = {{{CellType::Text, 0, "Nome"}, {CellType::Text, 0, "CAP"}, {CellType::Text, 0, "Spesa"}}};
    for (int i = 0; i < 2500; ++i)
        rows.push_back({{CellType::Text, 0, "Cliente " + std::to_string(i)}, {CellType::Text, 0, "0" + std::to_string(1000 + i)},
                        {CellType::Number, i * 1.25, ""}});
    std::vector<std::string> files = {WriteXlsx("Clienti", rows)};
    nlohmann::json expected = nlohmann::json::parse(ReadRealData("spreadsheets/expected.json"));
    for (auto& [file, e] : expected["files"].items()) files.push_back(ReadRealData("spreadsheets/" + file));
    for (size_t f = 0; f < files.size(); ++f) {
        CAPTURE(f);
        const std::string& bytes = files[f];
        // The cells.
        WorkbookResult whole = ReadWorkbook(bytes);
        WorkbookReader reader(bytes);
        while (reader.Step(7)) CHECK(reader.Done() <= reader.Total());
        WorkbookResult stepped = reader.Take();
        REQUIRE(whole.Book.has_value() == stepped.Book.has_value());
        REQUIRE(whole.Book->Sheets.size() == stepped.Book->Sheets.size());
        for (size_t s = 0; s < whole.Book->Sheets.size(); ++s) {
            const WorkbookSheet& a = whole.Book->Sheets[s];
            const WorkbookSheet& b = stepped.Book->Sheets[s];
            CHECK(a.Name == b.Name);
            CHECK(a.Merged == b.Merged);
            CHECK(a.TableRef == b.TableRef);
            REQUIRE(a.Rows.size() == b.Rows.size());
            for (size_t r = 0; r < a.Rows.size(); ++r) {
                CHECK(a.Rows[r].Row == b.Rows[r].Row);
                REQUIRE(a.Rows[r].Cells.size() == b.Rows[r].Cells.size());
                for (size_t c = 0; c < a.Rows[r].Cells.size(); ++c) {
                    CHECK(a.Rows[r].Cells[c].Type == b.Rows[r].Cells[c].Type);
                    CHECK(a.Rows[r].Cells[c].Number == b.Rows[r].Cells[c].Number);
                    CHECK(a.Rows[r].Cells[c].Text == b.Rows[r].Cells[c].Text);
                }
            }
        }
        // The table the import reads, for the first sheet with rows and for each sheet by index.
        for (int sheet = -1; sheet < static_cast<int>(whole.Book->Sheets.size()); ++sheet) {
            CAPTURE(sheet);
            ImportPreview pa, pb;
            CsvTable ta = WorkbookTable(bytes, sheet, pa);
            WorkbookTableReader tr(bytes, sheet);
            float progress = 0.0f;
            int steps = 0;
            for (bool more = true; more; ++steps) {
                more = tr.Step(3);
                CHECK(tr.Progress() >= progress);
                progress = tr.Progress();
            }
            CHECK(progress == 1.0f);
            CsvTable tb = tr.Take(pb);
            if (f == 0 && sheet == -1) CHECK(steps > 2500 / 3);  // in slices indeed
            CHECK(pa.Sheet == pb.Sheet);
            CHECK(pa.HeaderRow == pb.HeaderRow);
            REQUIRE(pa.Sheets.size() == pb.Sheets.size());
            REQUIRE(ta.Errors.size() == tb.Errors.size());
            for (size_t k = 0; k < ta.Errors.size(); ++k) CHECK(ta.Errors[k].Message == tb.Errors[k].Message);
            REQUIRE(ta.Rows.size() == tb.Rows.size());
            for (size_t r = 0; r < ta.Rows.size(); ++r) {
                CHECK(ta.Rows[r].Line == tb.Rows[r].Line);
                CHECK(ta.Rows[r].Cells == tb.Rows[r].Cells);
            }
        }
    }
}
