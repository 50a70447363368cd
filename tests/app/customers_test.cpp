// The Customers list natively, driven like a person: the example shop loaded with its button, a
// search typed, a filter and a sort picked; the rows read back from the item registry.
#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <regex>
#include <set>

#include "app_driver.h"
#include "import/workbook.h"
#include "platform/platform_null.h"
#include "store/document.h"

namespace {

std::string Lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The rows drawn in the last frame, top to bottom: customer ids from their "row.<id>" keys.
std::vector<std::string> ShownRows(const AppDriver& d) {
    std::vector<std::string> ids;
    for (const item_registry::Item& item : d.Items())
        if (item.Key.rfind("row.", 0) == 0) ids.push_back(item.Key.substr(4));
    return ids;
}

// "12 of 60 customers" / "60 customers": the list's own count line.
std::string CountLine(const AppDriver& d) {
    static const std::regex count(R"(^\d+( of \d+)? customers$)");
    const item_registry::Item* line = d.FindIf([](const item_registry::Item& i) { return std::regex_match(i.Label, count); });
    return line ? line->Label : std::string();
}

}  // namespace

TEST_CASE("customers: the example shop then a typed search and a type filter and a sort read from the rows") {
    AppDriver d;
    d.Tap("nav.customers");
    d.Require("customers.example");  // the empty list offers the example shop
    d.Tap("customers.example");
    const std::vector<profila::Customer>& all = d.App().Doc.Data.Customers;
    REQUIRE(all.size() > 10);
    d.Frames(2);
    CHECK(CountLine(d) == std::to_string(all.size()) + " customers");
    CHECK(ShownRows(d).size() > 3);

    // Search: the surname of a customer, typed in lower case.
    const profila::Customer* target = nullptr;
    for (const profila::Customer& c : all)
        if (c.Name.find(' ') != std::string::npos) { target = &c; break; }
    REQUIRE(target);
    std::string surname = Lowered(target->Name.substr(target->Name.rfind(' ') + 1));
    d.Type("customers.search", surname.c_str());
    std::vector<std::string> rows = ShownRows(d);
    REQUIRE(!rows.empty());
    CHECK(std::find(rows.begin(), rows.end(), target->Id) != rows.end());
    for (const std::string& id : rows) {
        const profila::Customer* c = FindCustomer(d.App().Doc, id);
        REQUIRE(c);
        std::string text = Lowered(c->Name + " " + c->Company + " " + c->City + " " + c->Email + " " + c->Phone);
        CHECK_MESSAGE(text.find(surname) != std::string::npos, c->Name, " matches the search ", surname);
    }
    // The count says how many match, the rows that fit are drawn (the list draws only visible rows).
    size_t named = static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](const profila::Customer& c) {
        return Lowered(c.Name).find(surname) != std::string::npos;
    }));
    std::string count = CountLine(d);
    size_t shown_count = static_cast<size_t>(std::atoi(count.c_str()));
    CHECK(count.find(" of " + std::to_string(all.size()) + " customers") != std::string::npos);
    CHECK(shown_count >= std::max(named, rows.size()));
    CHECK(shown_count < all.size());

    // Filter by type: only business customers, as many as the data holds.
    d.Clear("customers.search");
    CHECK(d.App().Customers.Search[0] == '\0');
    d.Tap("filter.type");
    d.Tap("filter.type.business");
    size_t business = static_cast<size_t>(std::count_if(all.begin(), all.end(), [](const profila::Customer& c) {
        return c.Kind == profila::CustomerKind::Business;
    }));
    REQUIRE(business > 0);
    CHECK(CountLine(d) == std::to_string(business) + " of " + std::to_string(all.size()) + " customers");
    rows = ShownRows(d);
    REQUIRE(!rows.empty());
    for (const std::string& id : rows) CHECK(FindCustomer(d.App().Doc, id)->Kind == profila::CustomerKind::Business);

    // Sort by newest: the rows come in falling acquisition date.
    d.Tap("sort");
    d.Tap("sort.newest");
    CHECK(d.App().Customers.Sort == CustomerSort::Newest);
    rows = ShownRows(d);
    REQUIRE(rows.size() > 1);
    int32_t previous = INT32_MAX;
    for (const std::string& id : rows) {
        const profila::Customer* c = FindCustomer(d.App().Doc, id);
        int32_t days = c->Acquired ? c->Acquired->Days : INT32_MIN;
        CHECK(days <= previous);
        previous = days;
    }

    // A tap on a row opens that customer's card.
    d.Tap("row." + rows.front());
    d.Require("card.name");
    CHECK(d.App().Customers.EditingId == rows.front());
}

// Issue 16: files dropped on the page reach the import wizard as one batch (the invoices among them
// read together, the others one after another); the customers go out as an .xlsx that reads back
// typed; the owner's VAT number is a setting typed in Settings.
TEST_CASE("customers: two vCard files dropped together go through the wizard one after the other, then out as .xlsx") {
    AppDriver d;
    d.Tap("nav.customers");
    auto vcard = [](std::string bytes) { return std::make_shared<profila::BytesInMemory>(std::move(bytes)); };
    platform_null::QueueIncomingFiles({{"phone.vcf", vcard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Bianchi\r\nN:Bianchi;Anna;;;\r\nTEL;TYPE=CELL:0331 123456\r\nEND:VCARD\r\n")},
                                       {"tablet.vcf", vcard("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Luca Verdi\r\nN:Verdi;Luca;;;\r\nEMAIL:luca@example.com\r\nEND:VCARD\r\n")}});
    d.Frames(4);
    REQUIRE(d.App().Customers.Mode == CustomersMode::Import);
    d.Require("import.confirm");
    CHECK(d.App().Customers.Import.FileName == "phone.vcf");
    CHECK(d.App().Customers.Import.Queue.size() == 1);  // tablet.vcf waits, named on screen
    d.Tap("import.confirm");
    d.Frames(4);
    d.Require("import.confirm");
    CHECK(d.App().Customers.Import.FileName == "tablet.vcf");
    d.Tap("import.confirm");
    d.Frames(2);
    CHECK(d.App().Customers.Mode == CustomersMode::List);
    REQUIRE(d.App().Doc.Data.Customers.size() == 2);

    d.Tap("customers.export");
    size_t before = platform_null::Downloads().size();
    d.Tap("export.xlsx");
    REQUIRE(platform_null::Downloads().size() == before + 1);
    const platform_null::DownloadedBytes& file = platform_null::Downloads().back();
    CHECK(file.FileName.find(".xlsx") != std::string::npos);
    profila::WorkbookResult book = profila::ReadWorkbook(std::string(file.Bytes.begin(), file.Bytes.end()));
    REQUIRE(book.Book.has_value());
    REQUIRE(book.Book->Sheets[0].Rows.size() == 3);  // the header and the two cards
    bool phone_as_text = false;
    for (const profila::WorkbookRow& row : book.Book->Sheets[0].Rows)
        for (const profila::WorkbookCell& cell : row.Cells) phone_as_text |= cell.Type == profila::CellType::Text && cell.Text == "0331 123456";
    CHECK(phone_as_text);

    d.Tap("nav.settings");
    d.Type("settings.own_vat", "it01234567890");
    CHECK(d.App().Doc.Settings.OwnVatNumber == "IT01234567890");
}

// A CSV file whose columns are sure goes straight to the check, its preview having read only the
// first rows: the line about the file is the check's (every row, the encoding a late byte chose), and
// going back to the columns reads the rest, so that step shows the whole file too.
TEST_CASE("customers: a sure CSV file is read twice, not three times, and the wizard still tells all of it") {
    AppDriver d;
    d.Tap("nav.customers");
    std::string csv = "Codice cliente;Nome;Data acquisto;Importo\r\n";
    for (int i = 0; i < 3000; ++i) csv += "K" + std::to_string(i % 500) + ";Cliente " + std::to_string(i % 500) + ";01/02/2024;12,50\r\n";
    csv += "K9999;Nicol\xf2 Cant\xf9;03/02/2024;7,00\r\n";  // Windows-1252, far past the rows previewed
    platform_null::QueueIncomingFiles({{"vendite.csv", std::make_shared<profila::BytesInMemory>(csv)}});
    d.Frames(4);
    REQUIRE(d.App().Customers.Mode == CustomersMode::Import);
    d.Require("import.confirm");  // the review: no columns to confirm
    const ImportWizardView& w = d.App().Customers.Import;
    CHECK_FALSE(w.Preview.Whole);
    CHECK(w.Result.Encoding == profila::TextEncoding::Windows1252);
    auto facts = [&]() -> std::string {
        const item_registry::Item* line = d.FindIf([](const item_registry::Item& i) { return i.Label.rfind("vendite.csv:", 0) == 0; });
        return line ? line->Label : "";
    };
    CHECK(facts().find("3,001 rows") != std::string::npos);
    CHECK(facts().find("windows-1252") != std::string::npos);

    const profila::ImportMapping mapping = w.Mapping;
    d.Tap("import.back");
    d.Frames(2);
    CHECK(w.Step == ImportStep::Mapping);
    CHECK(w.Preview.Whole);
    CHECK(w.Preview.TotalRows == 3001);
    CHECK(w.Preview.Encoding == profila::TextEncoding::Windows1252);
    CHECK(w.Mapping.Columns.size() == mapping.Columns.size());
    CHECK(facts().find("3,001 rows") != std::string::npos);
    CHECK(facts().find("windows-1252") != std::string::npos);
    d.Tap("import.check");
    d.Require("import.confirm");
    d.Tap("import.confirm");
    d.Frames(2);
    CHECK(d.App().Doc.Data.Customers.size() == 501);
    CHECK(std::any_of(d.App().Doc.Data.Customers.begin(), d.App().Doc.Data.Customers.end(),
                      [](const profila::Customer& c) { return c.Name == "Nicolò Cantù"; }));
}
