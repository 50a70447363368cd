// Dense indexes for 64-bit keys, in the order the keys first come: 0 for the first distinct key,
// 1 for the next, and so on. An open-addressing table (linear probing, kept at most half full),
// for the analysis's counting of distinct values (x, T, tx of the model fit; (x, T) pairs of the
// value stage), where a node-based map spends more time allocating than looking up.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

namespace profila {

class KeyIndex {
public:
    // Empties the index, with room for `expected` keys before it grows.
    void Reset(size_t expected) {
        size_t size = 64;
        while (size < 2 * expected) size <<= 1;
        slots_.assign(size, Slot{});
        used_ = 0;
    }

    // The key's index; *fresh says whether the key is new (its index is then Size() - 1).
    uint32_t Find(uint64_t key, bool* fresh) {
        if (slots_.empty()) Reset(0);
        Slot* s = SlotOf(key);
        *fresh = s->Index == kNone;
        if (!*fresh) return s->Index;
        if (2 * (used_ + 1) > slots_.size()) {
            Grow();
            s = SlotOf(key);
        }
        s->Key = key;
        s->Index = static_cast<uint32_t>(used_++);
        return s->Index;
    }

    [[nodiscard]] size_t Size() const { return used_; }

    // A double's key: equal values, equal keys (-0 is taken as 0).
    static uint64_t KeyOf(double value) {
        value += 0.0;
        uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        return bits;
    }

private:
    static constexpr uint32_t kNone = ~uint32_t{0};
    struct Slot {
        uint64_t Key = 0;
        uint32_t Index = kNone;
    };

    Slot* SlotOf(uint64_t key) {
        const uint64_t mask = slots_.size() - 1;
        // SplitMix64's finaliser: every key bit reaches the low bits (a double's low bits are often 0).
        uint64_t h = key;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
        h ^= h >> 31;
        for (uint64_t i = h & mask;; i = (i + 1) & mask)
            if (slots_[i].Index == kNone || slots_[i].Key == key) return &slots_[i];
    }

    void Grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.size() * 2, Slot{});
        for (const Slot& o : old)
            if (o.Index != kNone) *SlotOf(o.Key) = o;
    }

    std::vector<Slot> slots_;
    size_t used_ = 0;
};

}  // namespace profila
