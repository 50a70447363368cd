#include "persona/compare.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace profila {
namespace {

// Text as written, trimmed and with runs of spaces made one: how a value is shown.
std::string Tidy(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (std::isspace(u)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// Tidied and lower case: how values are matched ("Bologna" and "bologna " are one town).
std::string Normalise(std::string_view text) {
    std::string out = Tidy(text);
    for (char& c : out) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x80) c = static_cast<char>(std::tolower(u));
    }
    return out;
}

// The items of a list as written (tidied), one per normalised value.
std::vector<std::string> SplitList(std::string_view text) {
    std::vector<std::string> out, seen;
    std::string cur;
    auto flush = [&] {
        std::string n = Normalise(cur);
        if (!n.empty() && std::find(seen.begin(), seen.end(), n) == seen.end()) {
            seen.push_back(n);
            out.push_back(Tidy(cur));
        }
        cur.clear();
    };
    for (char c : text) {
        if (c == ',' || c == ';' || c == '/' || c == '\n') flush();
        else cur += c;
    }
    flush();
    return out;
}

const char* GenderCode(Gender g) {
    switch (g) {
        case Gender::Female: return "female";
        case Gender::Male: return "male";
        case Gender::Other: return "other";
        default: return nullptr;
    }
}

// Words a persona's gender may be written with, in it/en/es.
std::string GenderFromText(const std::string& t) {
    static const char* kFemale[] = {"f", "female", "woman", "women", "donna", "donne", "femmina", "femminile", "mujer", "mujeres", "femenino", "femenina"};
    static const char* kMale[] = {"m", "male", "man", "men", "uomo", "uomini", "maschio", "maschile", "hombre", "hombres", "masculino", "varón", "varon"};
    for (const char* w : kFemale)
        if (t == w) return "female";
    for (const char* w : kMale)
        if (t == w) return "male";
    return t;
}

const char* kWeekdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Weekday codes mentioned in a persona's "when" text ("sabato mattina", "Saturdays", "sábados").
std::vector<std::string> WeekdaysFromText(const std::string& t) {
    static const char* kWords[7][3] = {{"lun", "mon", "lun"}, {"mar", "tue", "mar"}, {"mer", "wed", "mié"},
                                       {"gio", "thu", "jue"}, {"ven", "fri", "vie"}, {"sab", "sat", "sáb"},
                                       {"dom", "sun", "dom"}};
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (word.size() >= 3) {
            for (int d = 0; d < 7; ++d)
                for (const char* w : kWords[d])
                    if (word.compare(0, std::char_traits<char>::length(w), w) == 0 &&
                        std::find(out.begin(), out.end(), kWeekdays[d]) == out.end())
                        out.push_back(kWeekdays[d]);
        }
        word.clear();
    };
    for (char c : t) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalpha(u) || u >= 0x80) word += c;
        else flush();
    }
    flush();
    // "mar" is Tuesday in Italian and Spanish and "mer"/"mié" are unambiguous; "sab"/"sáb" share a prefix.
    return out;
}

std::vector<std::string> AgeBandsFromText(const std::string& t) {
    std::vector<int> numbers;
    int cur = -1;
    for (char c : t + " ") {
        if (c >= '0' && c <= '9') cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
        else if (cur >= 0) {
            numbers.push_back(cur);
            cur = -1;
        }
    }
    std::vector<std::string> out;
    if (numbers.empty()) return {t};
    int lo = numbers[0], hi = numbers.size() > 1 ? numbers[1] : numbers[0];
    if (hi < lo) std::swap(lo, hi);
    for (int a = lo; a <= hi && a < 130; a += 1) {
        std::string b = AgeBand(a);
        if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(b);
    }
    return out;
}

// Adds v normalised to out and, when shown is given, as written to shown (same index).
void AddUnique(std::vector<std::string>& out, std::vector<std::string>* shown, std::string_view v) {
    std::string n = Normalise(v);
    if (n.empty() || std::find(out.begin(), out.end(), n) != out.end()) return;
    out.push_back(std::move(n));
    if (shown) shown->push_back(Tidy(v));
}

double Revenue(const Customer& c) {
    double sum = 0.0;
    for (const Purchase& p : c.Purchases)
        if (!p.Cancelled) sum += p.Amount;
    return sum;
}

}  // namespace

std::string AgeBand(int age) {
    if (age < 25) return "<25";
    if (age < 35) return "25-34";
    if (age < 45) return "35-44";
    if (age < 55) return "45-54";
    if (age < 65) return "55-64";
    return "65+";
}

namespace {

// CustomerValues, and (when shown is given) each value as the card writes it, same order.
std::vector<std::string> CustomerValuesShown(const Customer& c, PersonaDetail detail, Date as_of, std::vector<std::string>* shown) {
    std::vector<std::string> out;
    switch (detail) {
        case PersonaDetail::Gender:
            if (const char* g = GenderCode(c.People->Sex)) AddUnique(out, shown, g);
            break;
        case PersonaDetail::Age: {
            std::optional<int> age = c.People->Age;
            if (!age && c.People->BirthYear) age = YmdFromDate(as_of).Year - *c.People->BirthYear;
            if (age && *age >= 0 && *age < 130) AddUnique(out, shown, AgeBand(*age));
            break;
        }
        case PersonaDetail::Income: AddUnique(out, shown, c.People->IncomeBand); break;
        case PersonaDetail::Education: AddUnique(out, shown, c.People->Education); break;
        case PersonaDetail::Location: AddUnique(out, shown, c.City); break;
        case PersonaDetail::Likes:
        case PersonaDetail::Interests:
            for (auto& v : SplitList(c.Mind->Interests)) AddUnique(out, shown, v);
            break;
        case PersonaDetail::Personality: for (auto& v : SplitList(c.Mind->Personality)) AddUnique(out, shown, v); break;
        case PersonaDetail::Attitudes: for (auto& v : SplitList(c.Mind->Attitudes)) AddUnique(out, shown, v); break;
        case PersonaDetail::Values: for (auto& v : SplitList(c.Mind->Values)) AddUnique(out, shown, v); break;
        case PersonaDetail::Lifestyle: for (auto& v : SplitList(c.Mind->Lifestyle)) AddUnique(out, shown, v); break;
        case PersonaDetail::Media: for (auto& v : c.Mind->Media) AddUnique(out, shown, v); break;
        case PersonaDetail::BuysWhat:
            for (const Purchase& p : c.Purchases)
                if (!p.Cancelled) AddUnique(out, shown, p.Category);
            break;
        case PersonaDetail::BuysWhere:
            for (const Purchase& p : c.Purchases)
                if (!p.Cancelled) AddUnique(out, shown, p.Channel);
            for (auto& v : c.Habits->Channels) AddUnique(out, shown, v);
            break;
        case PersonaDetail::BuysWhen:
            for (const Purchase& p : c.Purchases) {
                if (p.Cancelled) continue;
                int wd = ((p.When.Days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday
                AddUnique(out, shown, kWeekdays[wd]);
            }
            break;
        case PersonaDetail::PaysHow:
            for (const Purchase& p : c.Purchases)
                if (!p.Cancelled) AddUnique(out, shown, p.PaymentMethod);
            for (auto& v : c.Habits->PaymentMethods) AddUnique(out, shown, v);
            break;
    }
    return out;
}

}  // namespace

std::vector<std::string> CustomerValues(const Customer& c, PersonaDetail detail, Date as_of) {
    return CustomerValuesShown(c, detail, as_of, nullptr);
}

std::vector<std::string> PersonaValues(const Persona& persona, PersonaDetail detail) {
    const std::string& text = persona.Detail(detail).Value;
    std::string n = Normalise(text);
    if (n.empty()) return {};
    switch (detail) {
        case PersonaDetail::Gender: return {GenderFromText(n)};
        case PersonaDetail::Age: return AgeBandsFromText(n);
        case PersonaDetail::BuysWhen: {
            auto days = WeekdaysFromText(n);
            return days.empty() ? std::vector<std::string>{n} : days;
        }
        case PersonaDetail::Income:
        case PersonaDetail::Education:
        case PersonaDetail::Location: return {n};
        default: {
            std::vector<std::string> out;
            for (const std::string& v : SplitList(text)) out.push_back(Normalise(v));
            return out;
        }
    }
}

namespace {

// The persona's values as the persona writes them, same order as PersonaValues: codes (genders,
// age bands, weekdays) stay codes, which the screen puts into words.
std::vector<std::string> PersonaValuesShown(const Persona& persona, PersonaDetail detail) {
    const std::string& text = persona.Detail(detail).Value;
    switch (detail) {
        case PersonaDetail::Gender:
        case PersonaDetail::Age:
        case PersonaDetail::BuysWhen: return PersonaValues(persona, detail);
        case PersonaDetail::Income:
        case PersonaDetail::Education:
        case PersonaDetail::Location: {
            std::string t = Tidy(text);
            return t.empty() ? std::vector<std::string>{} : std::vector<std::string>{t};
        }
        default: return SplitList(text);
    }
}

}  // namespace

PersonaComparison ComparePersonaWithCustomers(const Persona& persona, const Workspace& workspace, Date as_of) {
    PersonaComparison result;
    const auto& customers = workspace.Customers;
    result.Customers = static_cast<int>(customers.size());

    // The most valuable 20%: customers who bought, ranked by what they spent (net of cancellations).
    std::vector<std::pair<double, size_t>> ranked;
    double total = 0.0;
    for (size_t i = 0; i < customers.size(); ++i) {
        double r = Revenue(customers[i]);
        total += std::max(0.0, r);
        if (r > 0.0) ranked.emplace_back(r, i);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    size_t top_n = ranked.empty() ? 0 : std::max<size_t>(1, static_cast<size_t>(std::ceil(ranked.size() * 0.2)));
    std::vector<bool> is_top(customers.size(), false);
    double top_revenue = 0.0;
    for (size_t k = 0; k < top_n; ++k) {
        is_top[ranked[k].second] = true;
        top_revenue += ranked[k].first;
    }
    result.TopCustomers = static_cast<int>(top_n);
    result.TopRevenueShare = total > 0.0 ? top_revenue / total : 0.0;

    for (size_t d = 0; d < kPersonaDetailCount; ++d) {
        PersonaDetail detail = PersonaDetailAt(d);
        DetailComparison cmp;
        cmp.Detail = detail;
        cmp.PersonaValues = PersonaValues(persona, detail);
        cmp.PersonaShown = PersonaValuesShown(persona, detail);
        std::map<std::string, ValueShare> shares;
        int persona_all = 0, persona_top = 0;
        for (size_t i = 0; i < customers.size(); ++i) {
            std::vector<std::string> shown;
            auto values = CustomerValuesShown(customers[i], detail, as_of, &shown);
            if (values.empty()) continue;
            ++cmp.KnownAll;
            if (is_top[i]) ++cmp.KnownTop;
            bool matches = false;
            for (size_t k = 0; k < values.size(); ++k) {
                const std::string& v = values[k];
                ValueShare& s = shares[v];
                if (s.Value.empty()) s.Shown = shown[k];  // the first card's spelling
                s.Value = v;
                ++s.All;
                if (is_top[i]) ++s.Top;
                if (std::find(cmp.PersonaValues.begin(), cmp.PersonaValues.end(), v) != cmp.PersonaValues.end()) matches = true;
            }
            if (matches) {
                ++persona_all;
                if (is_top[i]) ++persona_top;
            }
        }
        std::vector<ValueShare> sorted;
        for (auto& [k, s] : shares) sorted.push_back(s);
        std::stable_sort(sorted.begin(), sorted.end(), [](const ValueShare& a, const ValueShare& b) {
            return a.Top != b.Top ? a.Top > b.Top : a.All > b.All;
        });
        if (!sorted.empty()) {
            cmp.MostCommonTop = sorted.front().Top > 0 ? sorted.front().Value : std::string();
            cmp.MostCommonTopShown = sorted.front().Top > 0 ? sorted.front().Shown : std::string();
            auto best_all = std::max_element(sorted.begin(), sorted.end(), [](const ValueShare& a, const ValueShare& b) { return a.All < b.All; });
            cmp.MostCommonAll = best_all->Value;
            cmp.MostCommonAllShown = best_all->Shown;
        }
        if (sorted.size() > 8) sorted.resize(8);
        cmp.Shares = std::move(sorted);
        cmp.PersonaShareAll = cmp.KnownAll > 0 ? static_cast<double>(persona_all) / cmp.KnownAll : 0.0;
        cmp.PersonaShareTop = cmp.KnownTop > 0 ? static_cast<double>(persona_top) / cmp.KnownTop : 0.0;

        if (cmp.KnownAll == 0) {
            cmp.Verdict = PersonaVerdict::NoData;
        } else if (cmp.PersonaValues.empty()) {
            cmp.Verdict = PersonaVerdict::PersonaEmpty;
        } else {
            // Judge against the best customers when the data knows them on this detail, else against all.
            bool use_top = cmp.KnownTop > 0;
            const std::string& mode = use_top ? cmp.MostCommonTop : cmp.MostCommonAll;
            double share = use_top ? cmp.PersonaShareTop : cmp.PersonaShareAll;
            bool is_mode = std::find(cmp.PersonaValues.begin(), cmp.PersonaValues.end(), mode) != cmp.PersonaValues.end();
            cmp.Verdict = is_mode ? PersonaVerdict::Matches : share >= 0.25 ? PersonaVerdict::Common : PersonaVerdict::Differs;
        }
        result.Details.push_back(std::move(cmp));
    }
    return result;
}

}  // namespace profila
