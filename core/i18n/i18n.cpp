#include "i18n/i18n.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace profila {

const char* LanguageCode(Language lang) {
    switch (lang) {
        case Language::It: return "it";
        case Language::Es: return "es";
        case Language::En: break;
    }
    return "en";
}

const char* LanguageNativeName(Language lang) {
    switch (lang) {
        case Language::It: return "Italiano";
        case Language::Es: return "Español";
        case Language::En: break;
    }
    return "English";
}

std::optional<Language> ParseLanguageCode(std::string_view code) {
    std::string low;
    for (char c : code.substr(0, 2)) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (code.size() > 2 && code[2] != '-' && code[2] != '_') return std::nullopt;
    if (low == "it") return Language::It;
    if (low == "en") return Language::En;
    if (low == "es") return Language::Es;
    return std::nullopt;
}

Language LanguageFromTag(std::string_view tag) {
    return ParseLanguageCode(tag).value_or(Language::En);
}

const char* StringTable::Get(const char* key) const {
    auto it = Entries.find(key);
    return it == Entries.end() ? key : it->second.c_str();
}

bool StringTable::Has(std::string_view key) const { return Entries.count(std::string(key)) != 0; }

std::optional<std::string> MergeStrings(StringTable& table, std::string_view json_text, std::string_view source_name) {
    nlohmann::json doc = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (doc.is_discarded()) return std::string(source_name) + ": not valid JSON";
    if (!doc.is_object()) return std::string(source_name) + ": expected an object of strings";
    for (auto& [key, value] : doc.items()) {
        if (!value.is_string()) return std::string(source_name) + ": value of \"" + key + "\" is not a string";
        if (table.Entries.count(key)) return std::string(source_name) + ": key \"" + key + "\" defined twice";
        table.Entries.emplace(key, value.get<std::string>());
    }
    return std::nullopt;
}

std::vector<std::string> MissingKeys(const StringTable& reference, const StringTable& other) {
    std::vector<std::string> missing;
    for (const auto& [key, text] : reference.Entries)
        if (!other.Has(key)) missing.push_back(key);
    std::sort(missing.begin(), missing.end());
    return missing;
}

std::string FormatText(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (size_t i = 0; i < pattern.size(); ++i) {
        // "{0|day|days}": the one form when argument 0 is exactly 1, else the other form. Italian,
        // English and Spanish share this rule for counts ("1,5" and "0" take the other form).
        if (pattern[i] == '{' && i + 2 < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i + 1])) &&
            pattern[i + 2] == '|') {
            size_t bar = pattern.find('|', i + 3), close = pattern.find('}', i + 3);
            size_t index = static_cast<size_t>(pattern[i + 1] - '0');
            if (bar != std::string_view::npos && close != std::string_view::npos && bar < close && index < args.size()) {
                out += args[index] == "1" ? pattern.substr(i + 3, bar - i - 3) : pattern.substr(bar + 1, close - bar - 1);
                i = close;
                continue;
            }
        }
        if (pattern[i] == '{' && i + 2 < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i + 1])) &&
            pattern[i + 2] == '}') {
            size_t index = static_cast<size_t>(pattern[i + 1] - '0');
            if (index < args.size()) { out += args[index]; i += 2; continue; }
        }
        out += pattern[i];
    }
    return out;
}

}  // namespace profila
