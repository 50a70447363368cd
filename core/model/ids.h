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
    void NextPacked(uint64_t unix_ms, uint8_t (&out)[16]);  // the same id as PackUlid packs it

private:
    void Advance(uint64_t unix_ms);  // the next id's time and random bits into LastMs_ and Last_
    std::mt19937_64 Random_;
    uint64_t LastMs_ = 0;
    std::array<uint8_t, 10> Last_{};
};

// A ULID's 128 bits, most significant byte first (so the bytes sort as the text does), from its 26
// characters; false, out untouched, when text is not a ULID in capitals (IsUlid, upper case only:
// only such a text comes back the same from the bytes).
[[nodiscard]] bool PackUlid(std::string_view text, uint8_t (&out)[16]);
// The 26 characters of packed ULID bits.
void UnpackUlid(const uint8_t (&bits)[16], char (&out)[26]);

// An id kept in the row itself: a purchase's id (a ULID the import gives it, 26 characters) as a
// std::string is a 32-byte heap block beside the string (40 MB for a million purchases in wasm).
// Here a ULID in capitals is kept as its 16 bytes (PackUlid), other ids up to 16 bytes as they are,
// longer ones (ids as a file wrote them) in a block of their own: 17 bytes, aligned to one (a
// purchase is 80 bytes in wasm with it, 96 with the 28-byte id before). It holds exactly the
// characters given (stored ids and files are unchanged) and reads like a text through text() (a
// view that lives until the end of the expression asking for it), str(), size(), empty() and ==.
class CompactId {
public:
    static constexpr size_t kInline = 16;
    // The id's characters: made on the spot for a packed ULID, else a view of the id's own bytes.
    // Neither copied nor moved: use it within the expression (sink.Text(id.text())), or str().
    class Text {
    public:
        Text(const Text&) = delete;
        Text& operator=(const Text&) = delete;
        operator std::string_view() const noexcept { return {Chars_, Size_}; }  // NOLINT: reads as a text
        [[nodiscard]] std::string_view view() const noexcept { return {Chars_, Size_}; }

    private:
        friend class CompactId;
        explicit Text(const CompactId& id) noexcept {
            if (id.Size_ == kUlid) {
                uint8_t bits[16];
                std::memcpy(bits, id.Bytes_, 16);
                UnpackUlid(bits, Ulid_);
                Chars_ = Ulid_;
                Size_ = sizeof Ulid_;
            } else if (id.Size_ == kHeap) {
                Heap h;
                std::memcpy(&h, id.Bytes_, sizeof h);
                Chars_ = h.Text;
                Size_ = h.Size;
            } else {
                Chars_ = id.Bytes_;
                Size_ = id.Size_;
            }
        }
        const char* Chars_;
        size_t Size_;
        char Ulid_[26];
    };

    CompactId() noexcept = default;
    CompactId(std::string_view text) { Set(text); }  // NOLINT: implicit, so `p.Id = "F-1"` reads as before
    CompactId(const std::string& text) { Set(text); }
    CompactId(const char* text) { Set(text ? std::string_view(text) : std::string_view()); }
    CompactId(const CompactId& other) {
        if (other.Size_ == kHeap) {
            Set(other.text());
        } else {
            std::memcpy(Bytes_, other.Bytes_, sizeof Bytes_);
            Size_ = other.Size_;
        }
    }
    CompactId(CompactId&& other) noexcept {
        std::memcpy(Bytes_, other.Bytes_, sizeof Bytes_);
        Size_ = other.Size_;
        other.Size_ = 0;  // the block, if any, is ours now
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
    // A ULID as PackUlid packs it (IdSource::NextPacked): no characters made and read again.
    void SetPacked(const uint8_t (&bits)[16]) noexcept {
        Free();
        std::memcpy(Bytes_, bits, 16);
        Size_ = kUlid;
    }

    [[nodiscard]] Text text() const noexcept { return Text(*this); }
    [[nodiscard]] std::string str() const { return std::string(text().view()); }
    [[nodiscard]] size_t size() const noexcept { return Size_ == kUlid ? 26 : text().view().size(); }
    [[nodiscard]] bool empty() const noexcept { return Size_ == 0; }
    void clear() noexcept { CompactId().Swap(*this); }
    void Swap(CompactId& other) noexcept {
        char bytes[sizeof Bytes_];
        std::memcpy(bytes, Bytes_, sizeof bytes);
        std::memcpy(Bytes_, other.Bytes_, sizeof bytes);
        std::memcpy(other.Bytes_, bytes, sizeof bytes);
        std::swap(Size_, other.Size_);
    }

    // Equal texts are kept alike (a ULID in capitals always packed), so two ids compare by their bytes.
    friend bool operator==(const CompactId& a, const CompactId& b) noexcept {
        if (a.Size_ == kHeap || b.Size_ == kHeap) return a.text().view() == b.text().view();
        return a.Size_ == b.Size_ && std::memcmp(a.Bytes_, b.Bytes_, a.Size_ == kUlid ? 16 : a.Size_) == 0;
    }
    friend bool operator==(const CompactId& a, std::string_view b) noexcept { return a.text().view() == b; }
    friend bool operator==(const CompactId& a, const std::string& b) noexcept { return a == std::string_view(b); }
    friend bool operator==(const CompactId& a, const char* b) noexcept { return a == std::string_view(b); }
    friend bool operator==(std::string_view a, const CompactId& b) noexcept { return b == a; }
    friend bool operator==(const std::string& a, const CompactId& b) noexcept { return b == a; }
    friend bool operator==(const char* a, const CompactId& b) noexcept { return b == a; }
    template <typename T> friend bool operator!=(const CompactId& a, const T& b) noexcept { return !(a == b); }
    template <typename T, typename = std::enable_if_t<!std::is_same_v<T, CompactId>>>
    friend bool operator!=(const T& a, const CompactId& b) noexcept { return !(b == a); }
    friend bool operator<(const CompactId& a, const CompactId& b) noexcept { return a.text().view() < b.text().view(); }

private:
    static constexpr uint8_t kUlid = 0xfe;  // Size_ of a packed ULID: its 16 bytes in Bytes_
    static constexpr uint8_t kHeap = 0xff;  // Size_ of an id kept in a block: the block's address and size in Bytes_
    struct Heap {
        char* Text;
        size_t Size;
    };
    static_assert(sizeof(Heap) <= kInline);
    void Set(std::string_view text) {
        uint8_t bits[16];
        if (text.size() == 26 && PackUlid(text, bits)) {
            std::memcpy(Bytes_, bits, 16);
            Size_ = kUlid;
            return;
        }
        if (text.size() <= kInline) {
            if (!text.empty()) std::memcpy(Bytes_, text.data(), text.size());
            Size_ = static_cast<uint8_t>(text.size());
            return;
        }
        Heap h{new char[text.size()], text.size()};
        std::memcpy(h.Text, text.data(), text.size());
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
    char Bytes_[kInline] = {};
    uint8_t Size_ = 0;
};

}  // namespace profila
