// vCards against the real files in ../shared/realdata/vcard and their expected.json.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "import/customer_import.h"
#include "import/vcard.h"
#include "nlohmann/json.hpp"
#include "test_files.h"

using namespace profila;

namespace {
std::vector<std::string> Types(const nlohmann::json& j) { return j.get<std::vector<std::string>>(); }
}  // namespace

TEST_CASE("real vCards: 2.1 quoted-printable and charsets, 3.0 folded and UTF-16, 4.0") {
    nlohmann::json expected = nlohmann::json::parse(ReadRealData("vcard/expected.json"));
    for (auto& [file, e] : expected["files"].items()) {
        CAPTURE(file);
        VCardFile f = ParseVCards(ReadRealData("vcard/" + file), file);
        REQUIRE_MESSAGE(f.Errors.empty(), f.Errors[0].Message);
        REQUIRE(f.Contacts.size() == e["cards"].size());
        for (size_t i = 0; i < f.Contacts.size(); ++i) {
            const VCardContact& c = f.Contacts[i];
            const auto& x = e["cards"][i];
            CAPTURE(i);
            CHECK(c.Line == x["begin_line"].get<int>());
            CHECK(c.Version == JsonString(x["version"]));
            CHECK(c.FormattedName == JsonString(x["fn"]));
            CHECK(c.HasN == !x["n"].is_null());
            if (!x["n"].is_null()) {
                CHECK(c.Family == JsonString(x["n"]["family"]));
                CHECK(c.Given == JsonString(x["n"]["given"]));
                CHECK(c.Suffix == JsonString(x["n"]["suffix"]));
            }
            REQUIRE(c.Orgs.size() == x["org"].size());
            for (size_t k = 0; k < c.Orgs.size(); ++k) CHECK(c.Orgs[k] == x["org"][k].get<std::vector<std::string>>());
            REQUIRE(c.Phones.size() == x["tel"].size());
            for (size_t k = 0; k < c.Phones.size(); ++k) {
                CHECK(c.Phones[k].Value == JsonString(x["tel"][k]["value"]));
                CHECK(c.Phones[k].Types == Types(x["tel"][k]["types"]));
            }
            REQUIRE(c.Emails.size() == x["email"].size());
            for (size_t k = 0; k < c.Emails.size(); ++k) CHECK(c.Emails[k].Value == JsonString(x["email"][k]["value"]));
            REQUIRE(c.Addresses.size() == x["adr"].size());
            for (size_t k = 0; k < c.Addresses.size(); ++k) {
                CHECK(c.Addresses[k].Street == JsonString(x["adr"][k]["street"]));
                CHECK(c.Addresses[k].Locality == JsonString(x["adr"][k]["locality"]));
                CHECK(c.Addresses[k].Postcode == JsonString(x["adr"][k]["postcode"]));
                CHECK(c.Addresses[k].Types == Types(x["adr"][k]["types"]));
            }
            CHECK(c.Birthday == JsonString(x["bday"]));
        }
    }
}

TEST_CASE("a broken vCard line: the file and line named, no contact kept") {
    VCardFile f = ParseVCards(ReadRealData("broken/John_Doe_ANDROID_bad_qp.vcf"), "John_Doe_ANDROID_bad_qp.vcf");
    CHECK(f.Contacts.empty());
    REQUIRE(f.Errors.size() == 1);
    CHECK(f.Errors[0].Line == 20);
    CHECK(f.Errors[0].Message.find("John_Doe_ANDROID_bad_qp.vcf, line 20") == 0);
    ImportResult r = ContactsToCustomers(f, Workspace{}, ImportOptions{});
    CHECK_FALSE(r.Ok());
    CHECK(r.NewCustomers.empty());
}

TEST_CASE("contacts become leads or fill existing cards; customers export as vCard 4.0 and read back") {
    Workspace ws;
    Customer anna;
    anna.Id = "c1";
    anna.Name = "Anna Bianchi";
    anna.Email = "anna@example.it";
    ws.Customers.push_back(anna);
    std::string vcf =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Bianchi\r\nTEL;TYPE=CELL:+39 333 1111111\r\nEMAIL:anna@example.it\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Rossi;Nicol=C3=B2\r\nTEL;CELL;ENCODING=QUOTED-PRINTABLE:0331 22=\r\n33 44\r\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\n AAAA\r\n\r\nEND:VCARD\r\n";
    VCardFile f = ParseVCards(vcf, "phone.vcf");
    REQUIRE(f.Errors.empty());
    REQUIRE(f.Contacts.size() == 2);
    CHECK(f.Contacts[1].Given == "Nicol\xc3\xb2");
    CHECK(f.Contacts[1].Phones[0].Value == "0331 2233 44");
    ImportResult r = ContactsToCustomers(f, ws, ImportOptions{});
    REQUIRE(r.Ok());
    REQUIRE(r.UpdatedCustomers.size() == 1);
    CHECK(r.UpdatedCustomers[0].Phone == "+39 333 1111111");
    REQUIRE(r.NewCustomers.size() == 1);
    CHECK(r.NewCustomers[0].Name == "Nicol\xc3\xb2 Rossi");

    Customer long_one = r.NewCustomers[0];
    long_one.Notes = std::string(200, 'x') + "; \xc3\xa8 ok";
    long_one.Company = "Bar, Tabacchi";
    std::string out = CustomersToVCards({&r.UpdatedCustomers[0], &long_one});
    VCardFile back = ParseVCards(out, "export.vcf");
    REQUIRE(back.Errors.empty());
    REQUIRE(back.Contacts.size() == 2);
    CHECK(back.Contacts[1].Note == long_one.Notes);
    CHECK(back.Contacts[1].Orgs[0][0] == "Bar, Tabacchi");
    CHECK(back.Contacts[0].Emails[0].Value == "anna@example.it");
}
