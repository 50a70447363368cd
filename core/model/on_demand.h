// A part of a card that most cards leave empty (the people, business, mind, habits, judgement and
// privacy sections), kept in a block of its own made when the part is first written. An imported base
// of 100,000 customers fills none of them: inline they took 392 of a card's 696 bytes in wasm (39 MB,
// and the import's time follows the memory it touches: README "Memory"); kept on demand, a pointer each.
//
// Reads through a const OnDemand never make the block: an empty one reads as T's defaults. Writes
// (and any access through a non-const one) make it. Copies copy the part; a part reads the same
// whether its block was made or not.
#pragma once
#include <memory>
#include <utility>

namespace profila {

template <typename T>
class OnDemand {
public:
    OnDemand() noexcept = default;
    OnDemand(const OnDemand& other) : Part_(other.Part_ ? std::make_unique<T>(*other.Part_) : nullptr) {}
    OnDemand(OnDemand&&) noexcept = default;
    OnDemand& operator=(const OnDemand& other) {
        if (this != &other) Part_ = other.Part_ ? std::make_unique<T>(*other.Part_) : nullptr;
        return *this;
    }
    OnDemand& operator=(OnDemand&&) noexcept = default;

    // The part, or T's defaults when it was never written.
    [[nodiscard]] const T& operator*() const noexcept { return Part_ ? *Part_ : Empty(); }
    [[nodiscard]] const T* operator->() const noexcept { return &**this; }
    // The part to write (its block made if need be).
    [[nodiscard]] T& edit() {
        if (!Part_) Part_ = std::make_unique<T>();
        return *Part_;
    }
    [[nodiscard]] T& operator*() { return edit(); }
    [[nodiscard]] T* operator->() { return &edit(); }
    // Whether the block was made (a made part may still hold only defaults).
    [[nodiscard]] bool made() const noexcept { return Part_ != nullptr; }
    void reset() noexcept { Part_.reset(); }

private:
    static const T& Empty() {
        static const T kEmpty{};
        return kEmpty;
    }
    std::unique_ptr<T> Part_;
};

}  // namespace profila
