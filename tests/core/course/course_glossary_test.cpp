// One vocabulary: assets/glossary/<lang>.json names each concept (statuses, frequency classes,
// types, orientations, lifecycle stages, strategies, segments, persona, card sections) with one
// term. Every app string and course text it lists must use that term, and no app string or course
// text of the language may use a forbidden synonym or a style slip ("giorno/i", "(s)").
// A forbidden entry in quotes ("\"de descuento\"") matches a whole text only.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "i18n/i18n.h"

namespace fs = std::filesystem;
using namespace profila;

namespace {
std::string ReadAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // The capitals that open Italian and Spanish labels (É, Á, Í, Ó, Ú) in UTF-8.
    for (auto [up, low] : {std::pair<const char*, const char*>{"É", "é"}, {"Á", "á"}, {"Í", "í"}, {"Ó", "ó"}, {"Ú", "ú"}}) {
        for (size_t at = s.find(up); at != std::string::npos; at = s.find(up, at)) s.replace(at, 2, low);
    }
    return s;
}
}  // namespace

TEST_CASE("glossary: the course and the app name each concept with one term, in every language") {
    const fs::path assets(PROFILA_ASSETS_DIR);
    for (const char* lang : {"it", "en", "es"}) {
        StringTable app, course;
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(assets / "i18n" / lang)) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) REQUIRE(!MergeStrings(app, ReadAll(f), lang));
        REQUIRE(!MergeStrings(course, ReadAll(assets / "course" / (std::string(lang) + ".json")), lang));
        auto glossary = nlohmann::json::parse(ReadAll(assets / "glossary" / (std::string(lang) + ".json")));
        REQUIRE(glossary.at("concepts").size() >= 40);
        std::vector<std::string> forbidden = glossary.at("style_forbidden").get<std::vector<std::string>>();
        for (const auto& c : glossary.at("concepts")) {
            const std::string term = Lower(c.at("term").get<std::string>());
            for (const std::string& key : c.at("keys").get<std::vector<std::string>>()) {
                bool in_course = key.rfind("course:", 0) == 0;
                std::string k = in_course ? key.substr(7) : key;
                const StringTable& t = in_course ? course : app;
                INFO(lang << " " << c.at("id").get<std::string>() << " " << key);
                REQUIRE(t.Has(k));
                CHECK_MESSAGE(Lower(t.Get(k.c_str())).find(term) != std::string::npos, "\"" << t.Get(k.c_str()) << "\" does not say \"" << term << "\"");
            }
            for (const std::string& f : c.at("forbidden").get<std::vector<std::string>>()) forbidden.push_back(f);
        }
        for (const StringTable* t : {&app, &course})
            for (const auto& [key, text] : t->Entries) {
                std::string low = Lower(text);
                for (const std::string& f : forbidden) {
                    bool whole = f.size() > 2 && f.front() == '"' && f.back() == '"';
                    bool hit = whole ? low == Lower(f.substr(1, f.size() - 2)) : low.find(Lower(f)) != std::string::npos;
                    CHECK_MESSAGE(!hit, lang << " " << key << " uses \"" << f << "\": " << text);
                }
            }
    }
}
