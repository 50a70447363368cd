// A text's surrounding spaces, tabs and line ends cut off: one definition for the number reader
// (numbers.cpp) and the import's cells (import_cells.h), which trims every cell it reads (inline).
#pragma once
#include <string_view>

namespace profila {

[[nodiscard]] inline std::string_view Trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace profila
