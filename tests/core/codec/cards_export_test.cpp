// CSV export: formula escaping, decimal comma, and re-import of what was exported.
#include <doctest/doctest.h>

#include "text/csv.h"
#include "codec/customer_export.h"
#include "import/customer_import.h"

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
    CHECK(r.NewCustomers[0].Purchases[1].Margin == doctest::Approx(-1.5));
    CHECK(r.NewCustomers[0].Purchases[2].Cancelled);
    CHECK(r.NewCustomers[0].Purchases[2].DaysPaidLate == 20);
}
