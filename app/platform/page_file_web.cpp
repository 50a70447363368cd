// A file the page has read (picked, dropped, shared, or given to window.profila.importFile), held in
// the page's memory (web/boot.js, profilaFiles) outside the wasm heap and read a piece at a time
// (platform::PageFile; the JS side is in web/library_profila.js).
#include "platform.h"

#include <algorithm>
#include <memory>

extern "C" {
int profila_js_file_read(int handle, double offset, int n, char* out);
void profila_js_file_release(int handle);
}

namespace platform {

namespace {
// A file in the page's memory (web/boot.js, profilaFiles), read a piece at a time.
class HeldByPage final : public profila::ByteSource {
public:
    HeldByPage(int handle, size_t size) : Handle_(handle), Size_(size) {}
    ~HeldByPage() override { profila_js_file_release(Handle_); }
    HeldByPage(const HeldByPage&) = delete;
    HeldByPage& operator=(const HeldByPage&) = delete;
    [[nodiscard]] size_t Size() const override { return Size_; }
    size_t Read(size_t offset, size_t n, char* out) const override {
        if (offset >= Size_) return 0;
        n = std::min(n, Size_ - offset);
        return static_cast<size_t>(profila_js_file_read(Handle_, static_cast<double>(offset), static_cast<int>(n), out));
    }

private:
    int Handle_;
    size_t Size_;
};
}  // namespace

std::shared_ptr<const profila::ByteSource> PageFile(int handle, double size) {
    return std::make_shared<HeldByPage>(handle, static_cast<size_t>(std::max(size, 0.0)));
}

}  // namespace platform
