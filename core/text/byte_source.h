// A file's bytes read a piece at a time, wherever they are: in memory (BytesView, BytesInMemory), or
// the page's copy of a picked or dropped file outside the wasm heap (app/platform: PageFile). A big
// CSV file is parsed a window at a time (CsvReader's source form), so the heap never holds all of it.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace profila {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    [[nodiscard]] virtual size_t Size() const = 0;
    // Copies bytes [offset, offset + n) to out (fewer at the end of the file); returns how many.
    virtual size_t Read(size_t offset, size_t n, char* out) const = 0;
};

// Bytes the caller keeps alive.
class BytesView final : public ByteSource {
public:
    explicit BytesView(std::string_view bytes) : Bytes_(bytes) {}
    [[nodiscard]] size_t Size() const override { return Bytes_.size(); }
    size_t Read(size_t offset, size_t n, char* out) const override;

private:
    std::string_view Bytes_;
};

// Bytes the source owns (a file read at once, as the native tests and the picker's fallback have it).
class BytesInMemory final : public ByteSource {
public:
    explicit BytesInMemory(std::string bytes) : Bytes_(std::move(bytes)) {}
    [[nodiscard]] size_t Size() const override { return Bytes_.size(); }
    size_t Read(size_t offset, size_t n, char* out) const override;

private:
    std::string Bytes_;
};

// The first n bytes (all of them when the file is shorter).
[[nodiscard]] std::string ReadHead(const ByteSource& file, size_t n);
// The whole file, for what is read at once (workbooks, invoices, contacts).
[[nodiscard]] std::string ReadAll(const ByteSource& file);

}  // namespace profila
