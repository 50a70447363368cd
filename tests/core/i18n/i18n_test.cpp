// String tables: every key exists in it, en and es, and the files parse.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "i18n/i18n.h"

namespace fs = std::filesystem;
using namespace profila;

namespace {
StringTable LoadLanguageDir(const fs::path& dir) {
    StringTable table;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto error = MergeStrings(table, text.str(), entry.path().string());
        CHECK_MESSAGE(!error, (error ? *error : ""));
    }
    return table;
}
}  // namespace

TEST_CASE("every string key exists in Italian, English and Spanish") {
    const fs::path root = fs::path(PROFILA_ASSETS_DIR) / "i18n";
    StringTable it = LoadLanguageDir(root / "it");
    StringTable en = LoadLanguageDir(root / "en");
    StringTable es = LoadLanguageDir(root / "es");
    REQUIRE(en.Entries.size() > 20);
    const StringTable* tables[] = {&it, &en, &es};
    const char* names[] = {"it", "en", "es"};
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
            if (a == b) continue;
            for (const std::string& key : MissingKeys(*tables[a], *tables[b]))
                FAIL_CHECK("key \"" << key << "\" is in " << names[a] << " but missing in " << names[b]);
        }
    for (const StringTable* t : tables)
        for (const auto& [key, text] : t->Entries) CHECK_MESSAGE(!text.empty(), "empty text for " << key);
}

TEST_CASE("every string area file exists in all three languages") {
    const fs::path root = fs::path(PROFILA_ASSETS_DIR) / "i18n";
    std::set<std::string> files[3];
    const char* langs[] = {"it", "en", "es"};
    for (int i = 0; i < 3; ++i)
        for (const auto& entry : fs::directory_iterator(root / langs[i])) files[i].insert(entry.path().filename().string());
    CHECK(files[0] == files[1]);
    CHECK(files[1] == files[2]);
}

TEST_CASE("MergeStrings reports bad input with the key and file") {
    StringTable t;
    CHECK(MergeStrings(t, "{\"a\": \"x\"}", "f.json") == std::nullopt);
    auto dup = MergeStrings(t, "{\"a\": \"y\"}", "g.json");
    REQUIRE(dup);
    CHECK(dup->find("\"a\"") != std::string::npos);
    CHECK(dup->find("g.json") != std::string::npos);
    auto bad = MergeStrings(t, "{\"b\": 3}", "h.json");
    REQUIRE(bad);
    CHECK(bad->find("\"b\"") != std::string::npos);
    CHECK(MergeStrings(t, "{oops", "i.json")->find("not valid JSON") != std::string::npos);
    CHECK(std::string(t.Get("missing.key")) == "missing.key");
    CHECK(std::string(t.Get("a")) == "x");
}

TEST_CASE("language from browser tags and ?lang codes") {
    CHECK(LanguageFromTag("it-IT") == Language::It);
    CHECK(LanguageFromTag("es") == Language::Es);
    CHECK(LanguageFromTag("ES-mx") == Language::Es);
    CHECK(LanguageFromTag("fr-FR") == Language::En);
    CHECK(LanguageFromTag("") == Language::En);
    CHECK(ParseLanguageCode("xx") == std::nullopt);
    CHECK(ParseLanguageCode("italian") == std::nullopt);
}

TEST_CASE("FormatText fills numbered placeholders in any order") {
    CHECK(FormatText("{1} of {0}", {"a", "b"}) == "b of a");
    CHECK(FormatText("no args {0}", {}) == "no args {0}");
    CHECK(FormatText("{0}%", {"50"}) == "50%");
}

TEST_CASE("i18n: plural forms by count, one only for exactly 1") {
    CHECK(FormatText("{0} {0|giorno|giorni} fa", {"1"}) == "1 giorno fa");
    CHECK(FormatText("{0} {0|giorno|giorni} fa", {"3"}) == "3 giorni fa");
    CHECK(FormatText("{0} {0|giorno|giorni} fa", {"0"}) == "0 giorni fa");
    CHECK(FormatText("hace {1} {1|día|días}", {"x", "1,5"}) == "hace 1,5 días");
    CHECK(FormatText("{2|one|other}", {"a", "b"}) == "{2|one|other}");  // no such argument: left as written
}

// Every problem code the importers can give has words in the three tables, so no parser's English
// reaches an Italian or Spanish screen. The codes are read from the sources, so a new one is caught:
// the table import's kImport* codes, a workbook's Fail("..."), a contacts file's error code
// (customers.import.error.<code>), and an invoice file's Failure(source, "...")
// (customers.import.file_error.<code>).
TEST_CASE("i18n: every import problem code has words in Italian, English and Spanish") {
    const fs::path root = fs::path(PROFILA_ASSETS_DIR).parent_path();
    auto read = [&](const char* file) {
        std::ifstream in(root / "core" / "import" / file);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    std::set<std::string> keys;
    auto collect = [&](const std::string& text, const std::regex& pattern, const std::string& prefix) {
        size_t found = 0;
        for (std::sregex_iterator m(text.begin(), text.end(), pattern), end; m != end; ++m, ++found) keys.insert(prefix + (*m)[1].str());
        CHECK_MESSAGE(found > 0, "no code found for " << prefix);
    };
    collect(read("customer_import.h"), std::regex(R"re(kImport\w+ = "(\w+)")re"), "customers.import.error.");
    collect(read("workbook.cpp"), std::regex(R"re(Fail\("(\w+)")re"), "customers.import.error.");
    collect(read("workbook_table.cpp"), std::regex(R"re(\{0, 0, "(\w+)")re"), "customers.import.error.");
    collect(read("vcard.cpp"), std::regex(R"re(Errors\.push_back\(\{e\.Line, 0, "(\w+)")re"), "customers.import.error.");
    collect(read("einvoice.cpp"), std::regex(R"re(Failure\([^,]+, "(\w+)")re"), "customers.import.file_error.");
    CHECK(keys.size() >= 25);
    const fs::path i18n = root / "assets" / "i18n";
    for (const char* lang : {"it", "en", "es"}) {
        StringTable table = LoadLanguageDir(i18n / lang);
        for (const std::string& key : keys) CHECK_MESSAGE(table.Entries.count(key) == 1, std::string(lang) << " has no words for " << key);
    }
}
