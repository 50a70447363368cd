#include "text/csv.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

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

CsvReader::CsvReader(const ByteSource& file, TextEncoding encoding, char separator, size_t piece, bool utf8_checked)
    : File_(&file), Encoding_(encoding), Piece_(std::max<size_t>(piece, 1)), Ahead_(std::max<size_t>(Piece_ / 16, 1)), Checked_(utf8_checked) {
    const size_t bom = encoding == TextEncoding::Utf8Bom ? std::min<size_t>(3, file.Size()) : 0;
    FileAt_ = bom;
    Refill(Piece_);
    if (separator) {
        Sep_ = separator;
        return;
    }
    // From the first lines, as the text form does: in the window when it holds the file's first MB (or
    // all of it, or nothing: not UTF-8 after all), else (small pieces) from a read of its own.
    constexpr size_t kHead = 1 << 20;
    if (Window_.size() >= kHead || WholeFileIn() || Broken_) {
        Sep_ = DetectCsvSeparator(Text_);
        return;
    }
    const std::string head = ReadHead(file, kHead).substr(bom);
    Sep_ = DetectCsvSeparator(encoding == TextEncoding::Windows1252 ? Windows1252ToUtf8(head) : head);
}

void CsvReader::KeepAhead() {
    if (!WholeFileIn() && Text_.size() - At_ < Ahead_) Refill(Ahead_);
}

void CsvReader::Refill(size_t ahead) {
    Window_.erase(0, At_);  // what was read goes; the row being read moves to the front
    At_ = 0;
    NextQuote_ = 0;
    while (Window_.size() < ahead && !WholeFileIn() && !Broken_) {
        const size_t n = std::max(Piece_, ahead - Window_.size());
        if (Encoding_ == TextEncoding::Windows1252) {
            Raw_.resize(n);
            Raw_.resize(File_->Read(FileAt_, n, Raw_.data()));
            FileAt_ += Raw_.size();
            AppendWindows1252AsUtf8(Window_, Raw_);
            if (Raw_.empty()) break;
        } else {
            const size_t had = Window_.size();
            Window_.resize(had + n);
            const size_t got = File_->Read(FileAt_, n, Window_.data() + had);
            Window_.resize(had + got);
            FileAt_ += got;
            if (!Checked_) Broken_ |= !Check_.Add(std::string_view(Window_).substr(had));
            if (got == 0) break;
        }
    }
    if (!WholeFileIn() && Window_.size() < ahead) FileAt_ = File_->Size();  // a file that gives less than it says: its end
    if (Encoding_ != TextEncoding::Windows1252 && WholeFileIn() && !Checked_) Broken_ |= !Check_.Ended();
    if (Broken_) {
        // Not UTF-8 after all: no more rows (the caller reads the file again as Windows-1252).
        Window_.clear();
        At_ = 0;
        Done_ = true;
    }
    Text_ = Window_;
}

namespace {
// The first byte in [i, end) equal to a, b or c (end when none): eight bytes at a time (a byte equal
// to none of them reads as non-zero in all three XORs).
size_t FindAnyOf(std::string_view text, size_t i, size_t end, char a, char b, char c) {
    const char* p = text.data();
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    const uint64_t as = kOnes * static_cast<unsigned char>(a), bs = kOnes * static_cast<unsigned char>(b),
                   cs = kOnes * static_cast<unsigned char>(c);
    // The high bit of each zero byte of v (and maybe of bytes above the first one: only the first counts).
    auto zero_bytes = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    for (; i + 8 <= end; i += 8) {
        uint64_t x;
        std::memcpy(&x, p + i, 8);
        if (uint64_t hit = zero_bytes(x ^ as) | zero_bytes(x ^ bs) | zero_bytes(x ^ cs))
            return i + static_cast<size_t>(__builtin_ctzll(hit) >> 3);  // little-endian: the lowest byte first
    }
    while (i < end && p[i] != a && p[i] != b && p[i] != c) ++i;
    return i;
}
// The first byte from i on that ends an unquoted field: the separator, '\n' or '\r' (or the end).
size_t FieldEnd(std::string_view text, size_t i, char sep) { return FindAnyOf(text, i, text.size(), sep, '\n', '\r'); }
// The first line break in [i, end) ('\n' or '\r'), or end.
size_t LineBreakAt(std::string_view text, size_t i, size_t end) { return FindAnyOf(text, i, end, '\n', '\r', '\n'); }
// Where the line break at i ends: "\r\n" is one break, as are '\n' and '\r' alone.
size_t AfterLineBreak(std::string_view text, size_t i) {
    return i + (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1);
}
}  // namespace

bool CsvReader::Next(CsvRowView& row, size_t keep) {
    Keep_ = keep;
    const bool read = Next(row);
    Keep_ = static_cast<size_t>(-1);
    return read;
}

bool CsvReader::Next(CsvRowView& row) {
    if (!File_) return ReadRow(row);
    for (;;) {
        KeepAhead();
        if (Broken_) return false;
        const size_t at = At_, errors = Errors_.size();
        const int line = Line_;
        const bool done = Done_;
        const bool read = ReadRow(row);
        // The row ended with a byte of the window still unread (a "\r" at its very end might have been
        // half of a "\r\n"), or the window holds the rest of the file: the row is whole.
        if (WholeFileIn() || Broken_ || At_ + 1 < Text_.size()) return read;
        At_ = at;
        Line_ = line;
        Done_ = done;
        Errors_.resize(errors);
        Ahead_ = 2 * std::max(Ahead_, Text_.size() - at);
    }
}

bool CsvReader::ReadRow(CsvRowView& row) {
    if (Done_) return false;
    const std::string_view text = Text_;
    const char sep = Sep_;
    const size_t n = text.size();
    size_t& i = At_;
    int& line = Line_;
    std::vector<std::string_view>& cells = row.Cells;
    cells.clear();
    row.Unquoted.clear();
    Quoted_.clear();
    bool open = false;  // a field is being read (the last of cells)
    bool row_has_content = false;
    row.Line = line;

    auto start_field = [&] {
        cells.emplace_back();
        open = true;
    };
    // Ends the row at the current field; false when it was an entirely empty line (skipped).
    auto end_row = [&]() -> bool {
        if (!open) start_field();
        open = false;
        if (!row_has_content && cells.size() == 1 && cells[0].empty()) {
            cells.clear();
            return false;
        }
        for (const Quoted& q : Quoted_) cells[q.Cell] = std::string_view(row.Unquoted).substr(q.From, q.Size);
        return true;
    };
    // Consumes a line break at i.
    auto eat_newline = [&] {
        i = AfterLineBreak(text, i);
        ++line;
    };

    while (i < n) {
        // Start of a field.
        if (cells.empty() && !row_has_content) row.Line = line;
        start_field();
        if (text[i] == '"') {
            row_has_content = true;
            const int open_line = line;
            const int open_col = static_cast<int>(cells.size());
            std::string& own = row.Unquoted;
            Quoted& q = Quoted_.emplace_back();
            q.Cell = cells.size() - 1;
            q.From = own.size();
            ++i;
            bool closed = false;
            while (i < n) {
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') { own.push_back('"'); i += 2; continue; }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    // A line break inside quotes is part of the value; keep it as "\n".
                    eat_newline();
                    own.push_back('\n');
                    continue;
                }
                own.push_back(c);
                ++i;
            }
            if (!closed) {
                q.Size = own.size() - q.From;
                Errors_.push_back({open_line, open_col, "unterminated_quote",
                                   LineCol(open_line, open_col) + ": a quoted value opened here is never closed"});
                Done_ = true;
                return end_row();
            }
            // After the closing quote: separator, line break, end, or stray text.
            if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
                Errors_.push_back({line, open_col, "text_after_quote",
                                   LineCol(line, open_col) + ": text after the closing quote of a quoted value"});
                while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') own.push_back(text[i++]);
            }
            q.Size = own.size() - q.From;
        } else {
            const size_t from = i;
            i = FieldEnd(text, i, sep);
            cells.back() = text.substr(from, i - from);
            if (i > from) row_has_content = true;
        }
        if (i >= n) break;
        if (text[i] == sep) {
            ++i;
            row_has_content = true;
            open = false;
            if (cells.size() >= Keep_) {
                // Enough cells: when no quote comes before the line's end, the row ends there.
                if (NextQuote_ < i) {
                    const size_t quote = text.find('"', i);
                    NextQuote_ = quote == std::string_view::npos ? n : quote;
                }
                const size_t line_end = LineBreakAt(text, i, n);
                if (NextQuote_ > line_end) {
                    i = line_end;
                    open = true;  // the last cell kept ends the row: no cell is added after it
                    if (i >= n) Done_ = true;
                    else eat_newline();
                    return end_row();
                }
            }
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
    const size_t ended = open ? cells.size() - 1 : cells.size();  // fields already ended
    if (row_has_content || (open && !cells.back().empty()) || ended > 0) return end_row();  // (a quoted cell set row_has_content)
    return false;
}

bool CsvReader::Next(CsvRow& row) {
    if (!Next(Copied_)) return false;
    row.Line = Copied_.Line;
    row.Cells.resize(Copied_.Cells.size());
    for (size_t k = 0; k < Copied_.Cells.size(); ++k) row.Cells[k].assign(Copied_.Cells[k]);
    return true;
}

size_t CsvReader::CountRest() {
    size_t rows = 0;
    CsvRowView row;
    while (!Done_) {
        KeepAhead();
        const std::string_view text = Text_;
        const size_t n = text.size();
        const bool whole = WholeFileIn();
        // Up to the line break before the next quote (or to the end), rows are lines: a line with
        // any character is a row, an empty one is skipped, as Next does. In a window of a file, only
        // lines whose break has a byte after it in the window (a "\r" may be half of a "\r\n").
        const size_t quote = text.find('"', At_);
        const size_t upto = quote == std::string_view::npos ? n : quote;
        const size_t from = At_;
        size_t i = At_;
        bool content = false;
        while (i < upto) {
            const size_t brk = LineBreakAt(text, i, upto);
            content |= brk > i;
            if (brk == upto || (!whole && brk + 1 >= n)) break;
            i = AfterLineBreak(text, brk);
            ++Line_;
            rows += content ? 1 : 0;
            content = false;
            At_ = i;  // a row starts here
        }
        if (quote == std::string_view::npos) {
            if (!whole) {
                // The window's last line goes on in the next piece: read on (a longer window when no
                // line ended in this one).
                if (At_ == from) Ahead_ = 2 * std::max(Ahead_, n - At_);
                continue;
            }
            rows += content ? 1 : 0;  // a last line without a break
            At_ = n;
            Done_ = true;
            break;
        }
        // The row with the quote (it may run over lines) is read whole.
        if (Next(row)) ++rows;
    }
    return rows;
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
