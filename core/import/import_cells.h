// What a header and a cell of an imported table mean, for the import's own files
// (customer_import.cpp, workbook_table.cpp...): a header matched to a field by its Italian, English
// or Spanish names, and a cell's value read as a kind, a gender, a yes/no flag, a whole number or
// text. The public keys and parsers (ImportFieldKey, ParseDayFirstDate, NormalisePhone...) are
// declared in customer_import.h; all are defined in import_cells.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "import/customer_import.h"
#include "text/trim.h"

namespace profila {

// The field a header names: exactly one of its synonyms (confident), else one as a whole word
// inside the header (not confident); nullopt when none.
[[nodiscard]] std::optional<std::pair<ImportField, bool>> MatchHeader(std::string_view header);
// A "kind" cell (private / business, in the three languages); nullopt when not one of them.
[[nodiscard]] std::optional<CustomerKind> ParseKindValue(std::string_view text);
[[nodiscard]] std::optional<Gender> ParseGenderValue(std::string_view text);
// Yes / no in the three languages (si, yes, 1, x...; an empty cell is no); nullopt when neither.
[[nodiscard]] std::optional<bool> ParseFlagValue(std::string_view text);
// A whole number (decimal comma first), at most 10^12; nullopt otherwise.
[[nodiscard]] std::optional<int64_t> ParseWholeNumber(std::string_view text);
// A trimmed cell without the apostrophe our export puts before = + - @ (a formula's first signs).
[[nodiscard]] inline std::string_view WithoutFormulaGuard(std::string_view t) {
    if (t.size() >= 2 && t[0] == '\'' && (t[1] == '=' || t[1] == '+' || t[1] == '-' || t[1] == '@')) t.remove_prefix(1);
    return t;
}
// A text cell as the customer card keeps it: trimmed, the apostrophe our export puts before
// = + - @ removed.
[[nodiscard]] inline std::string_view CellTextView(std::string_view cell) { return WithoutFormulaGuard(Trim(cell)); }
[[nodiscard]] std::string CellText(std::string_view cell);
[[nodiscard]] bool LooksLikeEmail(std::string_view s);

}  // namespace profila
