// Counts agree with their nouns: "1 acquisto", "2 acquisti", never "1 acquisti". A text that puts a
// count placeholder before a noun must pick the noun's form with "{N|one|other}" (FormatText); the
// glossary test already forbids the "(s)" and "giorno/i" shortcuts.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

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

// The app strings of a language and its course texts, in one table (a course text wins a shared key).
StringTable Texts(const std::string& lang) {
    const fs::path assets(PROFILA_ASSETS_DIR);
    StringTable t, course;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(assets / "i18n" / lang)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) REQUIRE(!MergeStrings(t, ReadAll(f), f.string()));
    REQUIRE(!MergeStrings(course, ReadAll(assets / "course" / (lang + ".json")), lang));
    for (const auto& [key, text] : course.Entries) t.Entries[key] = text;
    return t;
}

// Nouns with a singular and a plural, both forms, as they follow a count in the texts.
const std::set<std::string>& CountedNouns(const std::string& lang) {
    static const std::set<std::string> kIt = {"acquisto", "acquisti", "giorno", "giorni", "cliente", "clienti", "richiesta", "richieste",
                                              "mese", "mesi", "anno", "anni", "esercizio", "esercizi", "minuto", "minuti", "risposta",
                                              "risposte", "corsista", "corsisti", "occasione", "occasioni", "riga", "righe", "problema", "problemi",
                                              "passo", "passi", "dettaglio", "dettagli", "persona", "persone", "fotogramma", "fotogrammi"};
    static const std::set<std::string> kEn = {"purchase", "purchases", "day", "days", "customer", "customers", "request", "requests",
                                              "month", "months", "year", "years", "item", "items", "minute", "minutes", "answer",
                                              "answers", "trainee", "trainees", "occasion", "occasions", "row", "rows", "problem", "problems",
                                              "step", "steps", "detail", "details", "person", "people", "frame", "frames", "buyer", "buyers"};
    static const std::set<std::string> kEs = {"compra", "compras", "día", "días", "cliente", "clientes", "petición", "peticiones",
                                              "solicitud", "solicitudes", "mes", "meses", "año", "años", "ejercicio", "ejercicios",
                                              "minuto", "minutos", "respuesta", "respuestas", "alumno", "alumnos", "ocasión", "ocasiones", "fila", "filas",
                                              "problema", "problemas", "paso", "pasos", "detalle", "detalles", "persona", "personas",
                                              "fotograma", "fotogramas"};
    return lang == "it" ? kIt : lang == "es" ? kEs : kEn;
}

// Texts whose count is never 1 (the case needs at least kCaseMinBuyers = 30 buyers).
bool NeverOne(const std::string& key) { return key == "case.source.help" || key == "case.source.only_example"; }

}  // namespace

TEST_CASE("plurals: a count before a noun picks the noun's form, in every language") {
    // Every app string and course text. "{2} acquisti" is caught; "{2} {2|acquisto|acquisti}" is not, and
    // an English adjective between count and noun ("{0} buying customers") is looked through.
    const std::regex counted(R"(\{(\d)\} (?:(?:purchase|buying|repeat|equal|after-sales) )?([^ ,.;:()»”{]+)( \{\d\|)?)");
    for (const char* lang : {"it", "en", "es"}) {
        StringTable t = Texts(lang);
        const auto& nouns = CountedNouns(lang);
        for (const auto& [key, text] : t.Entries) {
            if (NeverOne(key)) continue;
            for (std::sregex_iterator m(text.begin(), text.end(), counted), end; m != end; ++m) {
                std::string word = (*m)[2].str();
                for (char& c : word)
                    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
                bool followed_by_form = (*m)[3].matched;
                CHECK_MESSAGE(!(nouns.count(word) && !followed_by_form), std::string(lang) << " " << key << ": \"" << (*m)[0].str() << "\" needs {N|one|other}: " << text);
            }
        }
    }
}

TEST_CASE("plurals: the practice and case texts read right with 1 and with 2") {
    struct Row {
        const char* Lang;
        const char* Key;
        std::vector<std::string> Args;
        const char* Expect;
    };
    const Row rows[] = {
        {"it", "course.practice.bought", {"1", "2026-03-01", "1", "1"}, "1 acquisto, il 2026-03-01 (1 giorno fa); 1 nel"},
        {"it", "course.practice.bought", {"2", "2026-03-01", "2", "2"}, "2 acquisti, l’ultimo il 2026-03-01 (2 giorni fa); 2 nel"},
        {"en", "course.practice.bought", {"1", "2026-03-01", "1", "1"}, "1 purchase, on 2026-03-01 (1 day ago)"},
        {"en", "course.practice.bought", {"2", "2026-03-01", "2", "2"}, "2 purchases, the last on 2026-03-01 (2 days ago)"},
        {"es", "course.practice.bought", {"1", "2026-03-01", "1", "1"}, "1 compra, el 2026-03-01 (hace 1 día)"},
        {"es", "course.practice.bought", {"2", "2026-03-01", "2", "2"}, "2 compras, la última el 2026-03-01 (hace 2 días)"},
        {"it", "course.practice.reason.status.potential", {"0", "1"}, "(1 richiesta di"},
        {"it", "course.practice.reason.status.potential", {"0", "2"}, "(2 richieste di"},
        {"en", "course.practice.reason.status.potential", {"0", "1"}, "(1 request for"},
        {"en", "course.practice.reason.status.potential", {"0", "2"}, "(2 requests for"},
        {"es", "course.practice.reason.status.potential", {"0", "1"}, "(1 petición de"},
        {"es", "course.practice.reason.status.potential", {"0", "2"}, "(2 peticiones de"},
        {"it", "course.practice.reason.status.current", {"1", "90", "1", "2"}, "1 giorno dall’ultimo acquisto; solo 1 acquisto negli ultimi 90 giorni"},
        {"it", "course.practice.reason.status.active", {"2", "90", "3", "2"}, "2 giorni dall’ultimo acquisto; 3 acquisti negli"},
        {"en", "course.practice.reason.status.current", {"1", "90", "1", "2"}, "1 day since the last purchase; only 1 purchase in the last 90 days"},
        {"es", "course.practice.reason.status.current", {"1", "90", "1", "2"}, "1 día desde la última compra; solo 1 compra en los últimos 90 días"},
        {"it", "course.practice.reason.status.inactive", {"1", "90"}, "1 giorno dall’ultimo"},
        {"es", "course.practice.reason.status.inactive", {"2", "90"}, "2 días desde"},
        {"it", "course.practice.help", {"90", "1"}, "90 giorni; attivo da 1 acquisto nel"},
        {"en", "case.classify.prompt", {"90", "2"}, "90 days; active from 2 purchases"},
        {"es", "case.classify.prompt", {"90", "1"}, "90 días; activo a partir de 1 compra en"},
        {"it", "course.practice.ltv_terms", {"1", "20", "1", "50%", "12"}, "1 cliente ha comprato. In media: S = 20 €, C = 1 acquisto al mese, P = 50%, t = 12 mesi."},
        {"en", "course.practice.ltv_terms", {"2", "20", "0.5", "50%", "1"}, "2 customers bought. On average: S = €20, C = 0.5 purchases a month, P = 50%, t = 1 month."},
        {"es", "course.practice.ltv_terms", {"1", "20", "2", "50%", "12"}, "1 cliente compró. De media: S = 20 €, C = 2 compras al mes"},
        {"it", "course.lesson_meta", {"1", "1"}, "1 esercizio, circa 1 minuto"},
        {"en", "course.lesson_meta", {"5", "10"}, "5 items, about 10 minutes"},
        {"es", "course.lesson_meta", {"1", "2"}, "1 ejercicio, unos 2 minutos"},
        {"it", "case.ltv.prompt", {"40", "Campioni", "20", "1", "50%", "1.5"}, "C = 1 acquisto al mese, P = 50%, e restano t = 1.5 anni"},
        {"en", "case.ltv.result", {"€ 90", "€ 80", "20", "1", "0.5", "18"}, "× 18 months = € 90. You gave € 80."},
    };
    std::string lang;
    StringTable t;
    for (const Row& r : rows) {
        if (lang != r.Lang) t = Texts(lang = r.Lang);
        std::string text = FormatText(t.Get(r.Key), r.Args);
        INFO(r.Lang << " " << r.Key << ": " << text);
        CHECK(text.find(r.Expect) != std::string::npos);
    }
}
