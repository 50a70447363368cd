// Ids that hold across devices: every customer, persona and history row may one day meet its copy
// from another tablet, so new ids are ULIDs (time-ordered and random), not counters. A ULID is 26
// characters of Crockford base 32: 48 bits of milliseconds since 1970, then 80 random bits. Ids
// already stored ("C00012", "c3", "P1") are kept as they are: an id is any non-empty text.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace profila {

// A ULID's 26 characters, without a heap block (a million purchase ids are made in one import).
using UlidText = std::array<char, 26>;
// The ULID of this instant and these 80 random bits.
[[nodiscard]] UlidText MakeUlidText(uint64_t unix_ms, const std::array<uint8_t, 10>& random);
[[nodiscard]] std::string MakeUlid(uint64_t unix_ms, const std::array<uint8_t, 10>& random);
// True for 26 Crockford base-32 characters whose first is 0-7 (48 bits of time).
[[nodiscard]] bool IsUlid(std::string_view id);
// The milliseconds a ULID was made at (0 when id is not a ULID).
[[nodiscard]] uint64_t UlidTime(std::string_view id);

// Makes new ids. Within one millisecond the random part counts up, so ids made by one source sort in
// the order they were made (the ULID spec's monotonic mode). Seed it from a real entropy source.
class IdSource {
public:
    explicit IdSource(uint64_t seed) : Random_(seed) {}
    [[nodiscard]] std::string Next(uint64_t unix_ms);
    [[nodiscard]] UlidText NextText(uint64_t unix_ms);  // the same id as characters

private:
    std::mt19937_64 Random_;
    uint64_t LastMs_ = 0;
    std::array<uint8_t, 10> Last_{};
};

// An id kept in the row itself: a purchase's id (a ULID the import gives it, 26 characters) as a
// std::string is a 32-byte heap block beside the string (40 MB for a million purchases in wasm);
// here ids up to 26 bytes sit in the row (28 bytes), longer ones (ids as a file wrote them) in a
// block of their own. It reads like the std::string it replaces through std::string_view (==, str(),
// data(), size(), empty()) and holds exactly the bytes given: stored ids and files are unchanged.
class CompactId {
public:
    static constexpr size_t kInline = 26;
    CompactId() noexcept { Bytes_[0] = '\0'; }
    CompactId(std::string_view text) { Set(text); }  // NOLINT: implicit, so `p.Id = "F-1"` reads as before
    CompactId(const std::string& text) { Set(text); }
    CompactId(const char* text) { Set(text ? std::string_view(text) : std::string_view()); }
    CompactId(const CompactId& other) { Set(other.view()); }
    CompactId(CompactId&& other) noexcept {
        std::memcpy(Bytes_, other.Bytes_, sizeof Bytes_);
        Size_ = other.Size_;
        other.Size_ = 0;  // the block, if any, is ours now
        other.Bytes_[0] = '\0';
    }
    CompactId& operator=(const CompactId& other) {
        if (this != &other) CompactId(other).Swap(*this);
        return *this;
    }
    CompactId& operator=(CompactId&& other) noexcept {
        CompactId(std::move(other)).Swap(*this);
        return *this;
    }
    CompactId& operator=(std::string_view text) { return *this = CompactId(text); }
    CompactId& operator=(const std::string& text) { return *this = CompactId(text); }
    CompactId& operator=(const char* text) { return *this = CompactId(text); }
    ~CompactId() { Free(); }

    [[nodiscard]] std::string_view view() const noexcept {
        if (Size_ != kHeap) return std::string_view(Bytes_, Size_);
        Heap h;
        std::memcpy(&h, Bytes_, sizeof h);
        return std::string_view(h.Text, h.Size);
    }
    operator std::string_view() const noexcept { return view(); }  // NOLINT: drop-in for readers
    [[nodiscard]] std::string str() const { return std::string(view()); }
    [[nodiscard]] const char* data() const noexcept { return view().data(); }
    [[nodiscard]] const char* c_str() const noexcept { return data(); }
    [[nodiscard]] size_t size() const noexcept { return view().size(); }
    [[nodiscard]] bool empty() const noexcept { return Size_ == 0; }
    void clear() noexcept { CompactId().Swap(*this); }
    void Swap(CompactId& other) noexcept {
        CompactId* a = this;
        CompactId* b = &other;
        char bytes[sizeof Bytes_];
        std::memcpy(bytes, a->Bytes_, sizeof bytes);
        std::memcpy(a->Bytes_, b->Bytes_, sizeof bytes);
        std::memcpy(b->Bytes_, bytes, sizeof bytes);
        std::swap(a->Size_, b->Size_);
    }

    friend bool operator==(const CompactId& a, const CompactId& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CompactId& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactId& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactId& a, const char* b) noexcept { return a.view() == std::string_view(b); }
    friend bool operator==(std::string_view a, const CompactId& b) noexcept { return b == a; }
    friend bool operator==(const std::string& a, const CompactId& b) noexcept { return b == a; }
    friend bool operator==(const char* a, const CompactId& b) noexcept { return b == a; }
    template <typename T> friend bool operator!=(const CompactId& a, const T& b) noexcept { return !(a == b); }
    template <typename T, typename = std::enable_if_t<!std::is_same_v<T, CompactId>>>
    friend bool operator!=(const T& a, const CompactId& b) noexcept { return !(b == a); }
    friend bool operator<(const CompactId& a, const CompactId& b) noexcept { return a.view() < b.view(); }

private:
    static constexpr uint8_t kHeap = 0xff;  // Size_ of an id kept in a block: the block's address and size in Bytes_
    struct Heap {
        char* Text;
        size_t Size;
    };
    static_assert(sizeof(Heap) <= kInline + 1);
    void Set(std::string_view text) {
        if (text.size() <= kInline) {
            if (!text.empty()) std::memcpy(Bytes_, text.data(), text.size());
            Bytes_[text.size()] = '\0';  // data() is a C string, as std::string's
            Size_ = static_cast<uint8_t>(text.size());
            return;
        }
        Heap h{new char[text.size() + 1], text.size()};
        std::memcpy(h.Text, text.data(), text.size());
        h.Text[text.size()] = '\0';
        std::memcpy(Bytes_, &h, sizeof h);
        Size_ = kHeap;
    }
    void Free() noexcept {
        if (Size_ != kHeap) return;
        Heap h;
        std::memcpy(&h, Bytes_, sizeof h);
        delete[] h.Text;
        Size_ = 0;
    }
    char Bytes_[kInline + 1];
    uint8_t Size_ = 0;
};

}  // namespace profila
