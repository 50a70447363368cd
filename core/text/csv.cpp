#include "text/csv.h"

#include <array>

namespace profila {

char DetectCsvSeparator(std::string_view text) {
    constexpr std::array<char, 3> kCandidates = {';', '\t', ','};  // order = preference on ties
    constexpr int kMaxLines = 30;
    std::array<std::array<int, kMaxLines>, 3> counts{};
    int lines = 0;
    bool quoted = false;
    std::array<int, 3> current{};
    for (size_t i = 0; i < text.size() && lines < kMaxLines; ++i) {
        char c = text[i];
        if (c == '"') {
            quoted = !quoted;  // doubled quotes toggle twice: fine for counting
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            for (int k = 0; k < 3; ++k) counts[k][lines] = current[k];
            current = {};
            ++lines;
        } else if (!quoted) {
            for (int k = 0; k < 3; ++k)
                if (c == kCandidates[k]) ++current[k];
        }
    }
    if (lines < kMaxLines && (current[0] || current[1] || current[2])) {
        for (int k = 0; k < 3; ++k) counts[k][lines] = current[k];
        ++lines;
    }
    int best = -1, best_score = 0;
    for (int k = 0; k < 3; ++k) {
        if (lines == 0 || counts[k][0] == 0) continue;
        int score = 0;
        for (int l = 0; l < lines; ++l) score += counts[k][l] == counts[k][0] ? 1 : 0;
        if (score > best_score) { best = k; best_score = score; }
    }
    return best < 0 ? ',' : kCandidates[best];
}

namespace {
std::string LineCol(int line, int col) {
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}
}  // namespace

CsvTable ParseCsvText(std::string_view text, char separator) {
    CsvTable table;
    table.Separator = separator ? separator : DetectCsvSeparator(text);
    const char sep = table.Separator;
    const size_t n = text.size();
    size_t i = 0;
    int line = 1;
    CsvRow row;
    row.Line = 1;
    std::string field;
    bool row_has_content = false;

    auto end_field = [&] {
        row.Cells.push_back(std::move(field));
        field.clear();
    };
    auto end_row = [&] {
        end_field();
        bool empty = !row_has_content && row.Cells.size() == 1 && row.Cells[0].empty();
        if (!empty) table.Rows.push_back(std::move(row));
        row = CsvRow{};
        row_has_content = false;
    };
    // Consumes a line break at i (\n, \r\n or \r); returns true if there was one.
    auto eat_newline = [&]() -> bool {
        if (text[i] == '\n') { ++i; ++line; return true; }
        if (text[i] == '\r') { ++i; if (i < n && text[i] == '\n') ++i; ++line; return true; }
        return false;
    };

    while (i < n) {
        // Start of a field.
        if (row.Cells.empty() && field.empty() && !row_has_content) row.Line = line;
        if (text[i] == '"') {
            row_has_content = true;
            const int open_line = line;
            const int open_col = static_cast<int>(row.Cells.size()) + 1;
            ++i;
            bool closed = false;
            while (i < n) {
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') { field.push_back('"'); i += 2; continue; }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    // A line break inside quotes is part of the value; keep it as "\n".
                    eat_newline();
                    field.push_back('\n');
                    continue;
                }
                field.push_back(c);
                ++i;
            }
            if (!closed) {
                table.Errors.push_back({open_line, open_col, "unterminated_quote",
                                        LineCol(open_line, open_col) + ": a quoted value opened here is never closed"});
                end_row();
                return table;
            }
            // After the closing quote: separator, line break, end, or stray text.
            if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
                table.Errors.push_back({line, open_col, "text_after_quote",
                                        LineCol(line, open_col) + ": text after the closing quote of a quoted value"});
                while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') field.push_back(text[i++]);
            }
        } else {
            while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') field.push_back(text[i++]);
            if (!field.empty()) row_has_content = true;
        }
        if (i >= n) break;
        if (text[i] == sep) {
            ++i;
            row_has_content = true;
            end_field();
            if (i >= n) { end_row(); return table; }
            continue;
        }
        eat_newline();
        end_row();
    }
    if (row_has_content || !field.empty() || !row.Cells.empty()) end_row();
    return table;
}

CsvTable ParseCsvBytes(std::string_view bytes, char separator) {
    DecodedText decoded = DecodeTextToUtf8(bytes);
    CsvTable table = ParseCsvText(decoded.Utf8, separator);
    table.Encoding = decoded.Source;
    return table;
}

void AppendCsvField(std::string& out, std::string_view field, char separator) {
    bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ');
    for (char c : field) {
        if (c == separator || c == '"' || c == '\n' || c == '\r') { quote = true; break; }
    }
    if (!quote) { out.append(field); return; }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields, char separator) {
    for (size_t k = 0; k < fields.size(); ++k) {
        if (k) out.push_back(separator);
        AppendCsvField(out, fields[k], separator);
    }
    out.append("\r\n");
}

}  // namespace profila
