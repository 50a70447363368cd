#include "text/shared_text.h"

#include <cstring>

namespace profila {

SharedText::SharedText(std::string_view text) {
    if (text.empty()) return;
    Block_ = new Block;
    Block_->Text.assign(text.data(), text.size());
}

const std::string& SharedText::Empty() noexcept {
    static const std::string kEmpty;  // a constant: the text of every empty SharedText
    return kEmpty;
}

namespace {
// A text's hash for the pool, eight bytes a step (the pool's texts are a few words: a byte-wise hash
// spent most of a lookup); the slot is taken from its low bits.
uint64_t PoolHash(std::string_view text) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
    uint64_t h = text.size() * kMul;
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, text.data() + i, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
    }
    if (i < text.size()) {
        // The last bytes: the text's last eight (overlapping the words above) when it has them, else
        // byte by byte (a copy of a length not known here is a call into memcpy).
        uint64_t w = 0;
        if (text.size() >= 8) std::memcpy(&w, text.data() + text.size() - 8, 8);
        else for (size_t k = text.size(); k-- > 0;) w = (w << 8) | static_cast<unsigned char>(text[k]);
        h = (h ^ w) * kMul;
    }
    h ^= h >> 32;
    return h * kMul;
}
}  // namespace

SharedText TextPool::Intern(std::string_view text) {
    if (text.empty()) return {};
    const uint64_t h = PoolHash(text);
    for (int pass = 0; pass < 2; ++pass) {
        if (!Slots_.empty()) {
            const size_t mask = Slots_.size() - 1;
            size_t i = h & mask;
            for (; !Slots_[i].Text.empty(); i = (i + 1) & mask)
                if (Slots_[i].Hash == h && Slots_[i].Text.str() == text) return Slots_[i].Text;
            if ((Count_ + 1) * 2 <= Slots_.size()) {
                Slots_[i].Hash = h;
                Slots_[i].Text = SharedText(text);
                ++Count_;
                return Slots_[i].Text;
            }
        }
        Grow();  // then look again, in the larger table
    }
    return SharedText(text);  // not reached: the grown table has room
}

void TextPool::Grow() {
    std::vector<Slot> old = std::move(Slots_);
    Slots_ = std::vector<Slot>(old.empty() ? 16 : old.size() * 2);
    const size_t mask = Slots_.size() - 1;
    for (Slot& s : old) {
        if (s.Text.empty()) continue;
        size_t i = s.Hash & mask;
        while (!Slots_[i].Text.empty()) i = (i + 1) & mask;
        Slots_[i] = std::move(s);
    }
}

}  // namespace profila
