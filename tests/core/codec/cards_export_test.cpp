// CSV export: formula escaping, decimal comma, and re-import of what was exported.
#include <doctest/doctest.h>

#include "text/csv.h"
#include "codec/customer_export.h"
#include "import/customer_import.h"
#include "import/workbook.h"
#include "import/workbook_writer.h"

using namespace profila;

TEST_CASE("cards export: cells that a spreadsheet would run are escaped") {
    CHECK(EscapeSpreadsheetFormula("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")");
    CHECK(EscapeSpreadsheetFormula("+39 333") == "'+39 333");
    CHECK(EscapeSpreadsheetFormula("-5") == "'-5");
    CHECK(EscapeSpreadsheetFormula("@SUM(A1)") == "'@SUM(A1)");
    CHECK(EscapeSpreadsheetFormula("\tx") == "'\tx");
    CHECK(EscapeSpreadsheetFormula("Anna") == "Anna");
    CHECK(EscapeSpreadsheetFormula("") == "");
}

TEST_CASE("cards export: customers CSV and back") {
    Customer a;
    a.Id = "00042";
    a.Name = "=cmd|' /C calc'!A0";
    a.Phone = "+39 0331 123456";
    a.Postcode = "00184";
    a.City = "Roma";
    a.Tags = {"vip", "newsletter"};
    a.Notes = "riga uno\nriga due; con punto e virgola";
    Purchase p;
    p.When = DateFromYmd(2024, 1, 2);
    p.Amount = 1234.5;
    a.Purchases.push_back(p);
    std::string csv = CustomersToCsv({a});
    CHECK(csv.rfind("\xEF\xBB\xBF" "customer_id;kind;name;", 0) == 0);
    CHECK(csv.find(";'=cmd|' /C calc'!A0;") != std::string::npos);
    CHECK(csv.find(";'+39 0331 123456;") != std::string::npos);
    CHECK(csv.find(";00184;") != std::string::npos);
    CHECK(csv.find(";1;1234,50\r\n") != std::string::npos);

    ImportResult r = ImportCustomersAuto(csv, Workspace{});
    REQUIRE(r.Ok());
    REQUIRE(r.NewCustomers.size() == 1);
    const Customer& b = r.NewCustomers[0];
    CHECK(b.Id == "00042");
    CHECK(b.Name == "=cmd|' /C calc'!A0");   // apostrophe removed again
    CHECK(b.Phone == "+39 0331 123456");
    CHECK(b.Postcode == "00184");
    CHECK(b.Tags == a.Tags);
    CHECK(b.Notes == a.Notes);
}

TEST_CASE("cards export: purchases CSV re-imports as one row per purchase") {
    Customer a;
    a.Id = "c1";
    a.Name = "Anna";
    for (int i = 0; i < 3; ++i) {
        Purchase p;
        p.Id = "p" + std::to_string(i);
        p.When = DateFromYmd(2024, 1, 1 + i);
        p.Amount = 10.25 * (i + 1);
        p.Margin = -1.5;
        p.Cancelled = i == 2;
        p.DaysPaidLate = i * 10;
        a.Purchases.push_back(p);
    }
    std::string csv = PurchasesToCsv({a}, CsvExportOptions{',', false, false});
    CHECK(csv.rfind("customer_id,name,purchase_id,purchase_date,amount", 0) == 0);
    ImportResult r = ImportCustomersAuto(csv, Workspace{});
    REQUIRE(r.Ok());
    REQUIRE(r.NewCustomers.size() == 1);
    REQUIRE(r.NewCustomers[0].Purchases.size() == 3);
    CHECK(r.NewCustomers[0].Purchases[1].Amount == doctest::Approx(20.5));
    CHECK(*r.NewCustomers[0].Purchases[1].Margin == doctest::Approx(-1.5));  // an unknown margin reads as NaN: never equal
    CHECK(r.NewCustomers[0].Purchases[2].Cancelled);
    CHECK(r.NewCustomers[0].Purchases[2].DaysPaidLate == 20);
}

TEST_CASE("cards export: customers as a typed sheet, written as .xlsx and read back, and as CSV in each convention") {
    Customer a;
    a.Id = "00042";
    a.Name = "Nicol\xc3\xb2 Rossi";
    a.Phone = "0331 123456";
    a.Postcode = "00184";
    a.Acquired = DateFromYmd(2023, 5, 17);
    Purchase p;
    p.When = DateFromYmd(2024, 1, 2);
    p.Amount = 1234.5;
    a.Purchases.push_back(p);
    SheetRows rows = CustomersToSheet({a});
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].size() == rows[1].size());
    auto column = [&](const char* key) {
        for (size_t c = 0; c < rows[0].size(); ++c)
            if (rows[0][c].Text == key) return c;
        FAIL("no column " << key);
        return size_t(0);
    };
    CHECK(rows[1][column("postcode")].Type == CellType::Text);
    CHECK(rows[1][column("postcode")].Text == "00184");
    CHECK(rows[1][column("acquired")].Type == CellType::Date);
    CHECK(rows[1][column("revenue_total")].Type == CellType::Number);
    CHECK(rows[1][column("revenue_total")].Number == 1234.5);

    std::string xlsx = WriteXlsx("Customers", rows);
    WorkbookResult book = ReadWorkbook(xlsx);
    REQUIRE_MESSAGE(book.Book.has_value(), book.Error.Message);
    const WorkbookSheet& s = book.Book->Sheets[0];
    REQUIRE(s.Rows.size() == 2);
    CHECK(s.Rows[1].Cells[column("postcode")].Text == "00184");
    CHECK(s.Rows[1].Cells[column("acquired")].Type == CellType::Date);
    CHECK(FormatIsoDate(Date{static_cast<int32_t>(s.Rows[1].Cells[column("acquired")].Number)}) == "2023-05-17");
    CHECK(s.Rows[1].Cells[column("revenue_total")].Number == 1234.5);

    CsvExportOptions italian;  // ';', decimal comma, BOM
    std::string it = SheetToCsv(rows, italian);
    CHECK(it.rfind("\xEF\xBB\xBF" "customer_id;", 0) == 0);
    CHECK(it.find(";1234,5\r\n") != std::string::npos);
    CHECK(it.find(";2023-05-17;") != std::string::npos);
    CsvExportOptions english;
    english.Separator = ',';
    english.DecimalComma = false;
    std::string en = SheetToCsv(rows, english);
    CHECK(en.find(",1234.5\r\n") != std::string::npos);
    // The sheet's CSV imports back as the card it came from.
    ImportResult r = ImportCustomersAuto(it, Workspace{});
    REQUIRE(r.Ok());
    REQUIRE(r.NewCustomers.size() == 1);
    CHECK(r.NewCustomers[0].Postcode == "00184");
    CHECK(r.NewCustomers[0].Phone == "0331 123456");
    CHECK(r.NewCustomers[0].Acquired == a.Acquired);
}
