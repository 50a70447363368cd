// Texts that repeat across many rows (a purchase's category, product, channel, payment method) kept
// once: a SharedText is one pointer to an immutable, reference-counted block, so a million purchases
// "negozio" hold one "negozio". Equal texts share a block when they were made by one TextPool (the
// import's, a load's); a SharedText made from a plain string has a block of its own, and compares
// and reads the same. It reads like the std::string it replaces (const std::string&, string_view,
// c_str(), ==), and is replaced, never changed in place.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace profila {

class SharedText {
public:
    SharedText() noexcept = default;
    SharedText(std::string_view text);  // NOLINT: implicit, so `p.Category = "olio"` reads as before
    SharedText(const std::string& text) : SharedText(std::string_view(text)) {}
    SharedText(const char* text) : SharedText(std::string_view(text ? text : "")) {}
    SharedText(const SharedText& other) noexcept : Block_(other.Block_) { Retain(); }
    SharedText(SharedText&& other) noexcept : Block_(other.Block_) { other.Block_ = nullptr; }
    SharedText& operator=(const SharedText& other) noexcept {
        SharedText(other).Swap(*this);
        return *this;
    }
    SharedText& operator=(SharedText&& other) noexcept {
        SharedText(std::move(other)).Swap(*this);
        return *this;
    }
    ~SharedText() { Release(); }

    [[nodiscard]] const std::string& str() const noexcept { return Block_ ? Block_->Text : Empty(); }
    operator const std::string&() const noexcept { return str(); }  // NOLINT: drop-in for readers
    operator std::string_view() const noexcept { return str(); }    // NOLINT
    [[nodiscard]] const char* c_str() const noexcept { return str().c_str(); }
    [[nodiscard]] const char* data() const noexcept { return str().data(); }
    [[nodiscard]] size_t size() const noexcept { return str().size(); }
    [[nodiscard]] bool empty() const noexcept { return Block_ == nullptr; }  // an empty text has no block
    void clear() noexcept { SharedText().Swap(*this); }
    void Swap(SharedText& other) noexcept { std::swap(Block_, other.Block_); }

    friend bool operator==(const SharedText& a, const SharedText& b) noexcept { return a.Block_ == b.Block_ || a.str() == b.str(); }
    friend bool operator==(const SharedText& a, std::string_view b) noexcept { return std::string_view(a.str()) == b; }
    friend bool operator==(const SharedText& a, const std::string& b) noexcept { return a.str() == b; }
    friend bool operator==(const SharedText& a, const char* b) noexcept { return a.str() == b; }
    friend bool operator==(std::string_view a, const SharedText& b) noexcept { return b == a; }
    friend bool operator==(const std::string& a, const SharedText& b) noexcept { return b == a; }
    friend bool operator==(const char* a, const SharedText& b) noexcept { return b == a; }
    template <typename T> friend bool operator!=(const SharedText& a, const T& b) noexcept { return !(a == b); }
    template <typename T, typename = std::enable_if_t<!std::is_same_v<T, SharedText>>>
    friend bool operator!=(const T& a, const SharedText& b) noexcept { return !(b == a); }
    friend bool operator<(const SharedText& a, const SharedText& b) noexcept { return a.str() < b.str(); }

private:
    friend class TextPool;
    struct Block {
        std::atomic<uint32_t> Refs{1};
        std::string Text;
    };
    static const std::string& Empty() noexcept;
    void Retain() const noexcept {
        if (Block_) Block_->Refs.fetch_add(1, std::memory_order_relaxed);
    }
    void Release() noexcept {
        if (Block_ && Block_->Refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete Block_;
        Block_ = nullptr;
    }
    Block* Block_ = nullptr;
};

// Hands out one SharedText per distinct text: an import or a load makes one, uses it for all its
// rows, and drops it (the texts live on in the rows).
class TextPool {
public:
    [[nodiscard]] SharedText Intern(std::string_view text);
    [[nodiscard]] size_t Size() const { return Count_; }

private:
    // An open-addressing table (linear probing, at most half full, a power of two of slots): a
    // million purchases look their texts up three or four times each, so the lookup is kept short.
    struct Slot {
        uint64_t Hash = 0;
        SharedText Text;                  // empty: a free slot
    };
    void Grow();
    std::vector<Slot> Slots_;
    size_t Count_ = 0;
};

}  // namespace profila
