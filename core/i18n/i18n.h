// Per-language string tables. Every text the app shows is looked up here by key; the tables
// live in assets/i18n/<lang>/<area>.json as flat {"key": "text"} objects, one file per area,
// so each screen owns its strings.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace profila {

enum class Language { It, En, Es };
inline constexpr Language kAllLanguages[] = {Language::It, Language::En, Language::Es};

[[nodiscard]] const char* LanguageCode(Language lang);          // "it", "en", "es"
[[nodiscard]] const char* LanguageNativeName(Language lang);    // "Italiano", ...
// Picks the language from a browser tag such as "es-ES" or "it"; anything else is English.
[[nodiscard]] Language LanguageFromTag(std::string_view tag);
[[nodiscard]] std::optional<Language> ParseLanguageCode(std::string_view code);

struct StringTable {
    std::unordered_map<std::string, std::string> Entries;

    // The text for key; a missing key returns the key itself, so a gap is visible, not blank.
    [[nodiscard]] const char* Get(const char* key) const;
    [[nodiscard]] bool Has(std::string_view key) const;
};

// Merges a flat JSON object of strings into table. Returns an error message naming the
// problem (bad JSON, a non-string value and its key, a duplicate key) or nothing on success.
[[nodiscard]] std::optional<std::string> MergeStrings(StringTable& table, std::string_view json_text,
                                                      std::string_view source_name);

// Keys present in reference but absent in other, sorted.
[[nodiscard]] std::vector<std::string> MissingKeys(const StringTable& reference, const StringTable& other);

// Replaces {0}, {1}, ... in pattern with args (translations reorder placeholders freely).
// "{0|one|other}" picks a plural form by argument 0 (one when it is exactly "1").
[[nodiscard]] std::string FormatText(std::string_view pattern, const std::vector<std::string>& args);

}  // namespace profila
