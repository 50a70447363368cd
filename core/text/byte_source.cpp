#include "text/byte_source.h"

#include <algorithm>
#include <cstring>

namespace profila {

namespace {
size_t CopyOut(std::string_view bytes, size_t offset, size_t n, char* out) {
    if (offset >= bytes.size()) return 0;
    const size_t count = std::min(n, bytes.size() - offset);
    std::memcpy(out, bytes.data() + offset, count);
    return count;
}
}  // namespace

size_t BytesView::Read(size_t offset, size_t n, char* out) const { return CopyOut(Bytes_, offset, n, out); }
size_t BytesInMemory::Read(size_t offset, size_t n, char* out) const { return CopyOut(Bytes_, offset, n, out); }

std::string ReadHead(const ByteSource& file, size_t n) {
    std::string head(std::min(n, file.Size()), '\0');
    head.resize(file.Read(0, head.size(), head.data()));
    return head;
}

std::string ReadAll(const ByteSource& file) { return ReadHead(file, file.Size()); }

}  // namespace profila
