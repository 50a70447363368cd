// Customer import: header detection (it/en/es), mapping confidence, values kept as text,
// numbers and dates in local styles, the two shapes, duplicates, errors by line and column.
#include <doctest/doctest.h>

#include "test_files.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "import/customer_import.h"
#include "text/numbers.h"

using namespace profila;

namespace {

ImportField FieldOf(const ImportMapping& m, size_t column) { return m.Columns.at(column).Field; }
}  // namespace

TEST_CASE("cards import: day-first dates") {
    CHECK(ParseDayFirstDate("12/03/2024") == DateFromYmd(2024, 3, 12));
    CHECK(ParseDayFirstDate("1/2/24") == DateFromYmd(2024, 2, 1));
    CHECK(ParseDayFirstDate("1/2/98") == DateFromYmd(1998, 2, 1));
    CHECK(ParseDayFirstDate("2024-03-12") == DateFromYmd(2024, 3, 12));
    CHECK(ParseDayFirstDate("12.03.2024") == DateFromYmd(2024, 3, 12));
    CHECK(ParseDayFirstDate("12/03/2024 10:30") == DateFromYmd(2024, 3, 12));
    CHECK(ParseDayFirstDate("2024-03-12T10:30:00") == DateFromYmd(2024, 3, 12));
    CHECK_FALSE(ParseDayFirstDate("31/02/2024"));
    CHECK_FALSE(ParseDayFirstDate("29/02/2023"));
    CHECK(ParseDayFirstDate("29/02/2024") == DateFromYmd(2024, 2, 29));
    CHECK_FALSE(ParseDayFirstDate("12/13/2024"));
    CHECK_FALSE(ParseDayFirstDate("12/03-2024"));
    CHECK_FALSE(ParseDayFirstDate("ieri"));
    CHECK_FALSE(ParseDayFirstDate("12345"));
}

TEST_CASE("cards import: the usual dd/mm/yyyy cell, read at once, is the date the general reading gives") {
    // With a time after it the cell takes the general path; both must agree on every day, real or not.
    for (int y : {1799, 1900, 1997, 2000, 2024, 2100, 2201})
        for (int m = 0; m <= 13; ++m)
            for (int d = 0; d <= 32; ++d)
                for (char sep : {'/', '-', '.'}) {
                    char cell[16];
                    std::snprintf(cell, sizeof cell, "%02d%c%02d%c%04d", d, sep, m, sep, y);
                    CAPTURE(cell);
                    REQUIRE(ParseDayFirstDate(cell) == ParseDayFirstDate(std::string(cell) + " 10:30"));
                }
    CHECK(ParseDayFirstDate("12/03-2024") == std::nullopt);
}

TEST_CASE("cards import: numbers with decimal comma and thousands separators") {
    CHECK(ParseNumber("1.234,50", true) == doctest::Approx(1234.5));
    CHECK(ParseNumber("1234,5", true) == doctest::Approx(1234.5));
    CHECK(ParseNumber("€ 12,00", true) == doctest::Approx(12.0));
    CHECK(ParseNumber("12,00 €", true) == doctest::Approx(12.0));
    CHECK(ParseNumber("1.234.567", true) == doctest::Approx(1234567.0));
    CHECK(ParseNumber("-3,5", true) == doctest::Approx(-3.5));
    CHECK(ParseNumber("1,234.50", false) == doctest::Approx(1234.5));
    CHECK(ParseNumber("11.77", false) == doctest::Approx(11.77));
    CHECK_FALSE(ParseNumber("1.23,5", true));   // a group of two digits is not thousands
    CHECK_FALSE(ParseNumber("12a", true));
    CHECK_FALSE(ParseNumber("", true));
    CHECK_FALSE(ParseNumber(",", true));
}

TEST_CASE("cards import: phone normalisation for duplicate checks") {
    CHECK(NormalisePhone("+39 0331-123 456") == "0331123456");
    CHECK(NormalisePhone("0039 0331 123456") == "0331123456");
    CHECK(NormalisePhone("+34 612 345 678") == "612345678");
    CHECK(NormalisePhone("0331/123456") == "0331123456");
}

TEST_CASE("cards import: Italian header with nome + cognome, Windows-1252, leading zeros kept") {
    std::string bytes = ReadFixture("cards_win1252.csv");
    ImportPreview p = PreviewImport(bytes);
    CHECK(p.Encoding == TextEncoding::Windows1252);
    CHECK(p.Separator == ';');
    CHECK(p.TotalRows == 2);
    const ImportMapping& m = p.Suggested;
    CHECK(m.HasHeader);
    CHECK(m.Shape == ImportShape::CustomerPerRow);
    CHECK(FieldOf(m, 0) == ImportField::FirstName);
    CHECK(FieldOf(m, 1) == ImportField::LastName);
    CHECK(FieldOf(m, 2) == ImportField::City);
    CHECK(FieldOf(m, 3) == ImportField::Postcode);
    CHECK(FieldOf(m, 4) == ImportField::Phone);
    CHECK(FieldOf(m, 5) == ImportField::Email);
    CHECK(FieldOf(m, 6) == ImportField::Notes);
    CHECK(m.Columns[3].Confident);
    CHECK_FALSE(m.NeedsConfirmation);

    ImportResult r = ImportCustomers(bytes, m, Workspace{});
    REQUIRE(r.Ok());
    REQUIRE(r.NewCustomers.size() == 2);
    const Customer& a = r.NewCustomers[0];
    CHECK(a.Name == "Nicolò Rossi");
    CHECK(a.City == "Forlì");
    CHECK(a.Notes == "caffè € 2");
    CHECK(a.Id == "c1");
    const Customer& b = r.NewCustomers[1];
    CHECK(b.Name == "José Peña");
    CHECK(b.Postcode == "10001");
    CHECK(b.Phone == "00349271234");  // zeros kept
}

TEST_CASE("cards import: English and Spanish headers") {
    ImportMapping en = SuggestMapping(ParseCsvText("Customer ID,Full name,Mobile,ZIP code,Purchase date,Amount\n").Rows, ',');
    CHECK(FieldOf(en, 0) == ImportField::CustomerId);
    CHECK(FieldOf(en, 1) == ImportField::Name);
    CHECK(FieldOf(en, 2) == ImportField::Mobile);
    CHECK(FieldOf(en, 3) == ImportField::Postcode);
    CHECK(FieldOf(en, 4) == ImportField::PurchaseDate);
    CHECK(FieldOf(en, 5) == ImportField::Amount);
    CHECK(en.Shape == ImportShape::PurchasePerRow);

    ImportMapping es = SuggestMapping(
        ParseCsvText("Nombre;Apellidos;Teléfono;Correo electrónico;Código postal;Fecha;Importe;Forma de pago\n").Rows, ';');
    CHECK(FieldOf(es, 0) == ImportField::FirstName);
    CHECK(FieldOf(es, 1) == ImportField::LastName);
    CHECK(FieldOf(es, 2) == ImportField::Phone);
    CHECK(FieldOf(es, 3) == ImportField::Email);
    CHECK(FieldOf(es, 4) == ImportField::Postcode);
    CHECK(FieldOf(es, 5) == ImportField::PurchaseDate);
    CHECK(FieldOf(es, 6) == ImportField::Amount);
    CHECK(FieldOf(es, 7) == ImportField::PaymentMethod);
    CHECK(es.DecimalComma);
}

TEST_CASE("cards import: unsure columns ask for confirmation") {
    // "Cliente" may be an id or a name; "Colore preferito" is unknown.
    ImportMapping m = SuggestMapping(ParseCsvText("Cliente;Colore preferito;E-mail\nAnna;blu;a@b.it\n").Rows, ';');
    CHECK(m.HasHeader);
    CHECK(FieldOf(m, 0) == ImportField::CustomerId);
    CHECK_FALSE(m.Columns[0].Confident);
    CHECK(FieldOf(m, 1) == ImportField::Ignore);
    CHECK_FALSE(m.Columns[1].Confident);
    CHECK(m.Columns[2].Confident);
    CHECK(m.NeedsConfirmation);

    // No header at all: guessed from the data, never confidently.
    ImportMapping g = SuggestMapping(ParseCsvText("Anna;anna@posta.it;12/03/2024;10,50\nBruno;b@posta.it;13/03/2024;7,00\n").Rows, ';');
    CHECK_FALSE(g.HasHeader);
    CHECK(FieldOf(g, 1) == ImportField::Email);
    CHECK(FieldOf(g, 2) == ImportField::PurchaseDate);
    CHECK(FieldOf(g, 3) == ImportField::Amount);
    CHECK(g.NeedsConfirmation);

    // Names nobody knows ("x1;x2;x3") above a column of e-mails: still a header, read as one.
    ImportMapping x = SuggestMapping(ParseCsvText("x1;x2;x3\nGino Bassi;gino@example.it;Lecco\nAnna Verdi;anna@example.it;Como\n").Rows, ';');
    CHECK(x.HasHeader);
    CHECK(x.Columns[1].Header == "x2");
    CHECK(FieldOf(x, 1) == ImportField::Email);
    CHECK(x.NeedsConfirmation);
    // Plain names on every row, no column of e-mails, dates or numbers: nothing says "header".
    ImportMapping n = SuggestMapping(ParseCsvText("Gino Bassi;Lecco\nAnna Verdi;Como\n").Rows, ';');
    CHECK_FALSE(n.HasHeader);
}

TEST_CASE("cards import: UTF-8 BOM file with quoted newline and doubled quotes") {
    std::string bytes = ReadFixture("cards_bom_quoted.csv");
    ImportResult r = ImportCustomersAuto(bytes, Workspace{});
    REQUIRE(r.Ok());
    CHECK(r.Encoding == TextEncoding::Utf8Bom);
    REQUIRE(r.NewCustomers.size() == 2);
    CHECK(r.NewCustomers[0].Id == "00017");
    CHECK(r.NewCustomers[0].Company == "Bar \"Centrale\"");
    CHECK(r.NewCustomers[0].Kind == CustomerKind::Business);
    CHECK(r.NewCustomers[0].Phone == "0331-22 33 44");
    CHECK(r.NewCustomers[0].Postcode == "00184");
    CHECK(r.NewCustomers[1].Company == "Osteria\ndel Borgo");
    CHECK(r.NewCustomers[1].Postcode == "01022");
}

TEST_CASE("cards import: a broken CSV is refused with line and column, nothing returned") {
    std::string bytes = ReadFixture("cards_broken.csv");
    ImportResult r = ImportCustomersAuto(bytes, Workspace{});
    CHECK_FALSE(r.Ok());
    CHECK(r.NewCustomers.empty());
    CHECK(r.UpdatedCustomers.empty());
    CHECK(r.PurchasesAdded == 0);
    REQUIRE(r.Errors.size() == 4);
    CHECK(r.Errors[0].Line == 3);
    CHECK(r.Errors[0].Column == 3);
    CHECK(r.Errors[0].Code == "bad_date");
    CHECK(r.Errors[0].Value == "31/02/2024");
    CHECK(r.Errors[0].Message == "line 3, column 3 (data): \"31/02/2024\" is not a real date (dd/mm/yyyy or yyyy-mm-dd)");
    CHECK(r.Errors[1].Line == 4);
    CHECK(r.Errors[1].Column == 4);
    CHECK(r.Errors[1].Code == "negative");
    CHECK(r.Errors[2].Line == 5);
    CHECK(r.Errors[2].Code == "field_count");
    CHECK(r.Errors[3].Line == 5);
    CHECK(r.Errors[3].Column == 2);
    CHECK(r.Errors[3].Code == "csv_syntax");
}

TEST_CASE("cards import: one row per purchase, grouped, merged into an existing customer") {
    Workspace w;
    Customer old;
    old.Id = "007";
    old.Name = "Carla Neri";
    old.Phone = "0761 111222";
    Purchase p0;
    p0.Id = "F-1";
    p0.When = DateFromYmd(2023, 1, 1);
    p0.Amount = 10;
    old.Purchases.push_back(p0);
    w.Customers.push_back(old);

    const char* csv =
        "Codice cliente;Nome;N. fattura;Data;Importo;Margine;Categoria;Annullato;Giorni ritardo\n"
        "007;Carla Neri;F-1;01/01/2023;10,00;;vini;no;0\n"      // already there: skipped by id
        "007;Carla Neri;F-2;05/02/2024;1.234,50;-10,5;olio;no;30\n"
        "008;Dino Sarti;F-3;2024-02-06;20;5;vini;sì;\n"
        "008;;F-4;7/2/24;30,5;;;;\n";
    ImportResult r = ImportCustomersAuto(csv, w);
    REQUIRE(r.Ok());
    CHECK(r.RowsRead == 4);
    CHECK(r.PurchasesAdded == 3);
    REQUIRE(r.UpdatedCustomers.size() == 1);
    const Customer& carla = r.UpdatedCustomers[0];
    CHECK(carla.Id == "007");
    CHECK(carla.Phone == "0761 111222");  // kept from the workspace
    REQUIRE(carla.Purchases.size() == 2);
    CHECK(carla.Purchases[1].Amount == doctest::Approx(1234.5));
    CHECK(*carla.Purchases[1].Margin == doctest::Approx(-10.5));  // an unknown margin reads as NaN: never equal
    CHECK(carla.Purchases[1].DaysPaidLate == 30);
    REQUIRE(r.NewCustomers.size() == 1);
    const Customer& dino = r.NewCustomers[0];
    CHECK(dino.Id == "008");
    CHECK(dino.Name == "Dino Sarti");
    REQUIRE(dino.Purchases.size() == 2);
    CHECK(dino.Purchases[0].Cancelled);
    CHECK(dino.Purchases[1].When == DateFromYmd(2024, 2, 7));
    CHECK(dino.Purchases[1].Amount == doctest::Approx(30.5));
}

TEST_CASE("cards import: a run of rows with one id is one customer's; an e-mail like a later id is someone else's") {
    // The count of each customer's rows passes over a row whose id is the last row's without making
    // its key; a key made from an e-mail that reads like the next row's id is not that id. Cells are
    // read trimmed, and a text keeps what the formula guard leaves.
    const char* csv =
        "Codice cliente;Email;Data;Importo;Categoria\n"
        ";x@y.it;01/01/2024;10;vini\n"
        "x@y.it;;02/01/2024;20;olio\n"
        " x@y.it ;;03/01/2024; 30 ;'=olio\n"
        "x@y.it;;04/01/2024;40;olio \n";
    ImportResult r = ImportCustomersAuto(csv, Workspace{});
    REQUIRE(r.Ok());
    CHECK(r.RowsRead == 4);
    CHECK(r.PurchasesAdded == 4);
    REQUIRE(r.NewCustomers.size() == 2);
    const Customer& by_email = r.NewCustomers[0];
    CHECK(by_email.Email == "x@y.it");
    CHECK(by_email.Id != "x@y.it");
    REQUIRE(by_email.Purchases.size() == 1);
    const Customer& by_id = r.NewCustomers[1];
    CHECK(by_id.Id == "x@y.it");
    REQUIRE(by_id.Purchases.size() == 3);
    CHECK(by_id.Purchases.capacity() == 3);  // sized by the count
    CHECK(by_id.Purchases[1].Amount == 30.0);
    CHECK(by_id.Purchases[1].Category == "=olio");
    CHECK(by_id.Purchases[2].Category == "olio");
    CHECK(by_id.Purchases[0].Category.data() == by_id.Purchases[2].Category.data());  // one shared text
}

TEST_CASE("cards import: possible duplicates against the workspace and within the file") {
    Workspace w;
    Customer a;
    a.Id = "a1";
    a.Name = "Anna Verdi";
    a.Email = "Anna.Verdi@Posta.it";
    a.Phone = "+39 333 1234567";
    a.City = "Todi";
    w.Customers.push_back(a);
    const char* csv =
        "nome;email;cellulare;città\n"
        "Anna V.;anna.verdi@posta.it;;Perugia\n"      // same e-mail as a1
        "Bice Rossi;;333-1234567;Orvieto\n"           // same phone as a1
        "Anna Verdi;;;Todi\n"                          // same name and city as a1
        "Carlo Bo;carlo@bo.it;;Roma\n"
        "Carlo  BO;carlo2@bo.it;;roma\n";              // same name and city as line 5
    ImportResult r = ImportCustomersAuto(csv, w);
    REQUIRE(r.Ok());
    CHECK(r.NewCustomers.size() == 5);
    REQUIRE(r.Duplicates.size() == 4);
    CHECK(r.Duplicates[0].Line == 2);
    CHECK(r.Duplicates[0].Reason == DuplicateReason::SameEmail);
    CHECK(r.Duplicates[0].ExistingId == "a1");
    CHECK(r.Duplicates[1].Line == 3);
    CHECK(r.Duplicates[1].Reason == DuplicateReason::SamePhone);
    CHECK(r.Duplicates[1].Value == "3331234567");
    CHECK(r.Duplicates[2].Line == 4);
    CHECK(r.Duplicates[2].Reason == DuplicateReason::SameNameAndCity);
    CHECK(r.Duplicates[3].Line == 6);
    CHECK(r.Duplicates[3].ExistingId.empty());
    CHECK(r.Duplicates[3].OtherLine == 5);
    CHECK(std::string(DuplicateReasonKey(r.Duplicates[3].Reason)) == "same_name_city");
}

TEST_CASE("cards import: unknown values and unmapped keys are errors") {
    ImportResult r = ImportCustomersAuto("nome;tipo cliente;sesso\nAnna;marziano;F\n;privato;M\n", Workspace{});
    CHECK_FALSE(r.Ok());
    REQUIRE(r.Errors.size() == 2);
    CHECK(r.Errors[0].Line == 2);
    CHECK(r.Errors[0].Column == 2);
    CHECK(r.Errors[0].Code == "unknown_value");
    CHECK(r.Errors[1].Line == 3);
    CHECK(r.Errors[1].Code == "missing_key");

    ImportMapping nothing;
    nothing.Columns = {ImportColumn{"x", ImportField::Ignore, true}};
    ImportResult n = ImportCustomers("x\n1\n", nothing, Workspace{});
    REQUIRE(n.Errors.size() == 1);
    CHECK(n.Errors[0].Code == "no_mapping");
}

TEST_CASE("cards import: the CDNOW sample imports as one row per purchase") {
    std::string bytes = ReadFile(std::string(PROFILA_SHARED_DATA_DIR) + "/cdnow/cdnow_sample_purchases.csv");
    ImportPreview p = PreviewImport(bytes);
    CHECK(p.Suggested.Shape == ImportShape::PurchasePerRow);
    CHECK_FALSE(p.Suggested.DecimalComma);
    CHECK(FieldOf(p.Suggested, 0) == ImportField::CustomerId);
    CHECK(FieldOf(p.Suggested, 2) == ImportField::Quantity);
    ImportResult r = ImportCustomers(bytes, p.Suggested, Workspace{});
    REQUIRE(r.Ok());
    CHECK(r.NewCustomers.size() == 2357);
    CHECK(r.PurchasesAdded == 6919);
    CHECK(r.NewCustomers[0].Id == "0001");
    REQUIRE(r.NewCustomers[0].Purchases.size() >= 1);
    CHECK(r.NewCustomers[0].Purchases[0].Amount == doctest::Approx(29.33));
    CHECK(r.NewCustomers[0].Purchases[0].Quantity == 2);
    CHECK(r.NewCustomers[0].Purchases[0].When == DateFromYmd(1997, 1, 1));
}

TEST_CASE("cards import: the whole CDNOW cohort") {
    std::string bytes = ReadFile(std::string(PROFILA_SHARED_DATA_DIR) + "/cdnow/cdnow_master_purchases.csv");
    ImportResult r = ImportCustomersAuto(bytes, Workspace{});
    REQUIRE(r.Ok());
    CHECK(r.RowsRead == 69659);
    CHECK(r.NewCustomers.size() == 23570);
    CHECK(r.PurchasesAdded == 69659);
    CHECK(r.NewCustomers[1].Id == "00002");
    CHECK(r.NewCustomers[1].Purchases.size() >= 2);
    CHECK(r.NewCustomers[1].Purchases[1].Amount == doctest::Approx(77.0));
    CHECK(r.Duplicates.empty());
}

TEST_CASE("the import from the preview's parsed table is the import from the bytes") {
    const std::string csv =
        "Nome;Email;Telefono;Data acquisto;Importo\n"
        "Anna Rossi;anna@example.it;0039 011 555;03/02/2025;12,50\n"
        "Anna Rossi;anna@example.it;0039 011 555;04/03/2025;7,00\n"
        "Bruno Bianchi;bruno@example.it;;31/02/2025;3,00\n";
    profila::CsvTable table;
    profila::ImportPreview preview = profila::PreviewImport(csv, 5, table);
    CHECK(table.Rows.size() == 4);
    CHECK(preview.TotalRows == 3);
    profila::Workspace none;
    profila::ImportResult from_bytes = profila::ImportCustomers(csv, preview.Suggested, none);
    profila::ImportResult from_table = profila::ImportCustomers(table, preview.Suggested, none);
    CHECK(from_bytes.ErrorCount == 1);  // 31/02 is not a day
    REQUIRE(from_table.Errors.size() == from_bytes.Errors.size());
    for (size_t i = 0; i < from_bytes.Errors.size(); ++i) CHECK(from_table.Errors[i].Message == from_bytes.Errors[i].Message);
    CHECK(from_table.NewCustomers.size() == from_bytes.NewCustomers.size());
    CHECK(from_table.PurchasesAdded == from_bytes.PurchasesAdded);
}

TEST_CASE("a table checked a few rows at a time gives the whole check's result, even when the workspace changes between steps") {
    // Customers 000..299, two purchases each; 000..009 are in the workspace already (updated).
    std::string csv = "Codice cliente;Nome;Email;Città;Data;Importo\n";
    for (int i = 0; i < 300; ++i)
        for (int k = 0; k < 2; ++k) {
            char line[160];
            std::snprintf(line, sizeof line, "%03d;Cliente %d;c%d@example.it;%s;%02d/0%d/2024;%d,50\n", i, i, i % 290,
                          i % 2 ? "Roma" : "Bari", 1 + i % 28, 1 + k, 10 + i);
            csv += line;
        }
    Workspace w;
    for (int i = 0; i < 10; ++i) {
        Customer c;
        char id[8];
        std::snprintf(id, sizeof id, "%03d", i);
        c.Id = id;
        c.Notes = "kept " + c.Id;
        c.Email = "c" + std::to_string(i) + "@example.it";
        w.Customers.push_back(c);
    }
    CsvTable table;
    ImportPreview preview = PreviewImport(csv, 5, table);
    REQUIRE(table.Rows.size() == 601);
    ImportResult whole = ImportCustomers(table, preview.Suggested, w);
    REQUIRE(whole.Ok());
    CHECK(whole.NewCustomers.size() == 290);
    CHECK(whole.UpdatedCustomers.size() == 10);
    CHECK(whole.PurchasesAdded == 600);
    CHECK(whole.Duplicates.size() == 10);  // 290..299 share the e-mails of the workspace's 000..009

    // In steps of 7 rows; between steps the workspace's cards move (another tab's delete and add).
    Workspace moving = w;
    TableImportCheck check(table, preview.Suggested, {});
    float progress = 0.0f;
    int steps = 0;
    while (check.Step(moving, 7)) {
        CHECK(check.Progress() >= progress);
        progress = check.Progress();
        ++steps;
        if (steps == 3) {  // the cards shift: positions indexed at the first step are wrong now
            Customer stranger;
            stranger.Id = "x";
            moving.Customers.insert(moving.Customers.begin(), stranger);
            std::reverse(moving.Customers.begin(), moving.Customers.end());
        }
    }
    CHECK(steps > 600 / 7);
    CHECK(check.Progress() == 1.0f);
    ImportResult stepped = check.Take();
    REQUIRE(stepped.Ok());
    CHECK(stepped.RowsRead == whole.RowsRead);
    CHECK(stepped.PurchasesAdded == whole.PurchasesAdded);
    REQUIRE(stepped.NewCustomers.size() == whole.NewCustomers.size());
    for (size_t i = 0; i < whole.NewCustomers.size(); ++i) {
        CHECK(stepped.NewCustomers[i].Id == whole.NewCustomers[i].Id);
        CHECK(stepped.NewCustomers[i].Purchases.size() == 2);
    }
    REQUIRE(stepped.UpdatedCustomers.size() == 10);
    for (const Customer& c : stepped.UpdatedCustomers) CHECK(c.Notes == "kept " + c.Id);  // each its own card, found by id
    CHECK(stepped.Duplicates.size() == whole.Duplicates.size());
}

// A big file is read a window at a time as UTF-8 until a byte says otherwise: a Windows-1252 byte
// past the first window (1 MB) still makes the whole file Windows-1252, its rows read again as that,
// the customers counted once and the accent right.
TEST_CASE("cards import: a Windows-1252 byte far into a big file turns the whole import to Windows-1252") {
    std::string bytes = "Codice;Nome;Data;Importo\r\n";
    for (int i = 0; i < 30000; ++i) bytes += "K" + std::to_string(i % 5000) + ";Cliente " + std::to_string(i % 5000) + ";01/02/2024;12,50\r\n";
    REQUIRE(bytes.size() > (1u << 20));
    bytes += "K9999;Nicol\xf2 Cant\xf9;03/02/2024;7,00\r\n";
    ImportPreview p = PreviewImport(bytes);
    CHECK(p.Encoding == TextEncoding::Windows1252);
    CHECK(p.TotalRows == 30001);
    ImportResult r = ImportCustomers(bytes, p.Suggested, Workspace{});
    REQUIRE(r.Ok());
    CHECK(r.Encoding == TextEncoding::Windows1252);
    CHECK(r.NewCustomers.size() == 5001);
    CHECK(r.PurchasesAdded == 30001);
    CHECK(std::any_of(r.NewCustomers.begin(), r.NewCustomers.end(), [](const Customer& c) { return c.Name == "Nicolò Cantù"; }));
}

// The wizard hands the import the encoding its preview found reading the whole file: the import reads
// the file as that without checking it again, and gives what it gives when it finds it alone.
TEST_CASE("cards import: the preview's encoding handed over gives the same import, UTF-8 or Windows-1252") {
    std::string utf8 = "Codice;Nome;Data;Importo\r\n";
    for (int i = 0; i < 30000; ++i) utf8 += "K" + std::to_string(i % 5000) + ";Cliente " + std::to_string(i % 5000) + ";01/02/2024;12,50\r\n";
    std::string cp1252 = utf8 + "K9999;Nicol\xf2 Cant\xf9;03/02/2024;7,00\r\n";
    utf8 += "K9999;Nicol\xc3\xb2 Cant\xc3\xb9;03/02/2024;7,00\r\n";
    REQUIRE(utf8.size() > (1u << 20));  // more than one window
    for (const std::string* bytes : {&utf8, &cp1252}) {
        ImportPreview p = PreviewImport(*bytes);
        CHECK(p.Encoding == (bytes == &utf8 ? TextEncoding::Utf8 : TextEncoding::Windows1252));
        ImportResult alone = ImportCustomers(*bytes, p.Suggested, Workspace{});
        ImportOptions handed;
        handed.CheckedEncoding = p.Encoding;
        ImportResult r = ImportCustomers(*bytes, p.Suggested, Workspace{}, handed);
        REQUIRE(r.Ok());
        CHECK(r.Encoding == alone.Encoding);
        CHECK(r.NewCustomers.size() == 5001);
        CHECK(r.NewCustomers.size() == alone.NewCustomers.size());
        CHECK(r.PurchasesAdded == 30001);
        CHECK(std::any_of(r.NewCustomers.begin(), r.NewCustomers.end(), [](const Customer& c) { return c.Name == "Nicolò Cantù"; }));
    }
}

// The wizard's preview of a CSV file (PreviewReach::UntilSure) stops after the rows the mapping is
// guessed from when the mapping is sure and they parse: the check that follows at once reads all of
// the file, its encoding included. When there is something to confirm, or a row is broken, it reads
// all of it, as the columns step shows the whole file's rows and errors.
TEST_CASE("cards import: a preview until sure reads only the first rows of a sure file; the import reads and checks the rest") {
    std::string sure = "Codice cliente;Nome;Data acquisto;Importo\r\n";
    for (int i = 0; i < 30000; ++i) sure += "K" + std::to_string(i % 5000) + ";Cliente " + std::to_string(i % 5000) + ";01/02/2024;12,50\r\n";
    sure += "K9999;Nicol\xf2 Cant\xf9;03/02/2024;7,00\r\n";  // Windows-1252, far past the first rows
    BytesView file(sure);
    ImportPreview whole = PreviewImport(file, 12);
    CHECK(whole.Whole);
    CHECK(whole.TotalRows == 30001);
    CHECK(whole.Encoding == TextEncoding::Windows1252);
    ImportPreview p = PreviewImport(file, 12, PreviewReach::UntilSure);
    REQUIRE_FALSE(p.Suggested.NeedsConfirmation);
    CHECK_FALSE(p.Whole);
    CHECK(p.TotalRows == 199);                   // the 200 rows read, the header among them
    CHECK(p.Encoding == TextEncoding::Utf8);     // as far as it read
    CHECK(p.Rows.size() == 13);                  // the header and 12 rows to show, as a whole preview
    ImportResult r = ImportCustomers(file, p.Suggested, Workspace{});  // no CheckedEncoding: it checks
    REQUIRE(r.Ok());
    CHECK(r.Encoding == TextEncoding::Windows1252);
    CHECK(r.RowsRead == 30001);
    CHECK(r.PurchasesAdded == 30001);
    CHECK(std::any_of(r.NewCustomers.begin(), r.NewCustomers.end(), [](const Customer& c) { return c.Name == "Nicolò Cantù"; }));

    // Something to confirm ("Colore preferito" is no known column): all of it read.
    std::string unsure = "Codice cliente;Colore preferito;Data acquisto;Importo\r\n";
    for (int i = 0; i < 1000; ++i) unsure += "K" + std::to_string(i) + ";blu;01/02/2024;12,50\r\n";
    ImportPreview u = PreviewImport(BytesView(unsure), 12, PreviewReach::UntilSure);
    CHECK(u.Suggested.NeedsConfirmation);
    CHECK(u.Whole);
    CHECK(u.TotalRows == 1000);

    // A quote never closed in the first rows: all of it read, the error shown before any check.
    std::string broken = "Codice cliente;Nome;Data acquisto;Importo\r\nK1;\"Anna;01/02/2024;12,50\r\n";
    for (int i = 0; i < 300; ++i) broken += "K" + std::to_string(i) + ";Cliente;01/02/2024;12,50\r\n";
    ImportPreview b = PreviewImport(BytesView(broken), 12, PreviewReach::UntilSure);
    CHECK(b.Whole);
    CHECK_FALSE(b.ParseErrors.empty());

    // A quote never closed after the rows previewed: the check finds it, names its line, and
    // returns nothing to apply.
    std::string late = "Codice cliente;Nome;Data acquisto;Importo\r\n";
    for (int i = 0; i < 300; ++i) late += "K" + std::to_string(i) + ";Cliente;01/02/2024;12,50\r\n";
    late += "K300;\"Anna;01/02/2024;12,50\r\nK301;Cliente;01/02/2024;12,50\r\n";
    BytesView late_file(late);
    ImportPreview l = PreviewImport(late_file, 12, PreviewReach::UntilSure);
    CHECK_FALSE(l.Whole);
    CHECK(l.ParseErrors.empty());
    ImportResult refused = ImportCustomers(late_file, l.Suggested, Workspace{});
    CHECK_FALSE(refused.Ok());
    CHECK(refused.NewCustomers.empty());
    CHECK(refused.PurchasesAdded == 0);
    REQUIRE_FALSE(refused.Errors.empty());
    CHECK(std::any_of(refused.Errors.begin(), refused.Errors.end(),
                      [](const ImportError& e) { return e.Code == "csv_syntax" && e.Line == 302; }));
}
