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

CsvReader::CsvReader(std::string_view text, char separator)
    : Text_(text), Sep_(separator ? separator : DetectCsvSeparator(text)) {}

bool CsvReader::Next(CsvRow& row) {
    if (Done_) return false;
    const std::string_view text = Text_;
    const char sep = Sep_;
    const size_t n = text.size();
    size_t& i = At_;
    int& line = Line_;
    size_t cells = 0;              // fields of the row already ended
    std::string* field = nullptr;  // the field being read (row.Cells[cells]), null between fields
    bool row_has_content = false;
    row.Line = line;

    auto start_field = [&] {
        if (cells == row.Cells.size()) row.Cells.emplace_back();
        field = &row.Cells[cells];
        field->clear();
    };
    auto end_field = [&] {
        ++cells;
        field = nullptr;
    };
    // Ends the row at the current field; false when it was an entirely empty line (skipped).
    auto end_row = [&]() -> bool {
        if (!field) start_field();
        end_field();
        if (!row_has_content && cells == 1 && row.Cells[0].empty()) {
            cells = 0;
            return false;
        }
        row.Cells.resize(cells);
        return true;
    };
    // Consumes a line break at i (\n, \r\n or \r); returns true if there was one.
    auto eat_newline = [&]() -> bool {
        if (text[i] == '\n') { ++i; ++line; return true; }
        if (text[i] == '\r') { ++i; if (i < n && text[i] == '\n') ++i; ++line; return true; }
        return false;
    };

    while (i < n) {
        // Start of a field.
        if (cells == 0 && !row_has_content) row.Line = line;
        start_field();
        if (text[i] == '"') {
            row_has_content = true;
            const int open_line = line;
            const int open_col = static_cast<int>(cells) + 1;
            ++i;
            bool closed = false;
            while (i < n) {
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') { field->push_back('"'); i += 2; continue; }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    // A line break inside quotes is part of the value; keep it as "\n".
                    eat_newline();
                    field->push_back('\n');
                    continue;
                }
                field->push_back(c);
                ++i;
            }
            if (!closed) {
                Errors_.push_back({open_line, open_col, "unterminated_quote",
                                   LineCol(open_line, open_col) + ": a quoted value opened here is never closed"});
                Done_ = true;
                return end_row();
            }
            // After the closing quote: separator, line break, end, or stray text.
            if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
                Errors_.push_back({line, open_col, "text_after_quote",
                                   LineCol(line, open_col) + ": text after the closing quote of a quoted value"});
                while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') field->push_back(text[i++]);
            }
        } else {
            const size_t from = i;
            while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') ++i;
            field->assign(text.data() + from, i - from);
            if (!field->empty()) row_has_content = true;
        }
        if (i >= n) break;
        if (text[i] == sep) {
            ++i;
            row_has_content = true;
            end_field();
            if (i >= n) {
                Done_ = true;
                return end_row();
            }
            continue;
        }
        eat_newline();
        if (end_row()) return true;
        row_has_content = false;
        row.Line = line;
    }
    Done_ = true;
    if (row_has_content || (field && !field->empty()) || cells > 0) return end_row();
    return false;
}

CsvTable ParseCsvText(std::string_view text, char separator) {
    CsvTable table;
    CsvReader reader(text, separator);
    table.Separator = reader.Separator();
    CsvRow row;
    while (reader.Next(row)) {
        size_t cells = row.Cells.size();
        table.Rows.push_back(std::move(row));
        row = CsvRow{};
        row.Cells.reserve(cells);  // the next row likely has as many: no growing by doubling
    }
    table.Errors = reader.Errors();
    return table;
}

CsvTable ParseCsvBytes(std::string_view bytes, char separator) {
    DecodedText decoded;  // UTF-8 bytes are parsed where they are, without a copy
    CsvTable table = ParseCsvText(Utf8View(bytes, decoded), separator);
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
