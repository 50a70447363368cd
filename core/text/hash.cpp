#include "text/hash.h"

#include <algorithm>

namespace profila {

// Four lanes, each a text under way. Every step takes the same number of bytes in all four (up to
// the end of the shortest); a lane whose text ended takes the next text. When fewer than four texts
// are left, each is finished alone.
void Fnv1a64Each(const std::string_view* texts, size_t n, uint64_t* sums) {
    constexpr int kLanes = 4;
    const unsigned char* at[kLanes];
    size_t left[kLanes], whose[kLanes];
    uint64_t h[kLanes];
    size_t next = 0;
    // Lane l takes the next text; false when none is left.
    auto take = [&](int l) {
        if (next == n) return false;
        whose[l] = next;
        at[l] = reinterpret_cast<const unsigned char*>(texts[next].data());
        left[l] = texts[next].size();
        h[l] = kFnv1a64Basis;
        ++next;
        return true;
    };
    int lanes = 0;
    while (lanes < kLanes && take(lanes)) ++lanes;
    while (lanes == kLanes) {
        const size_t step = std::min(std::min(left[0], left[1]), std::min(left[2], left[3]));
        uint64_t h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3];
        const unsigned char *p0 = at[0], *p1 = at[1], *p2 = at[2], *p3 = at[3];
        for (size_t i = 0; i < step; ++i) {
            h0 = (h0 ^ p0[i]) * kFnv1a64Prime;
            h1 = (h1 ^ p1[i]) * kFnv1a64Prime;
            h2 = (h2 ^ p2[i]) * kFnv1a64Prime;
            h3 = (h3 ^ p3[i]) * kFnv1a64Prime;
        }
        h[0] = h0, h[1] = h1, h[2] = h2, h[3] = h3;
        for (int l = kLanes - 1; l >= 0; --l) {
            at[l] += step;
            left[l] -= step;
            if (left[l] > 0) continue;
            sums[whose[l]] = h[l];
            if (take(l)) continue;
            --lanes;  // no text left for this lane: the last lane's moves here
            at[l] = at[lanes], left[l] = left[lanes], whose[l] = whose[lanes], h[l] = h[lanes];
        }
    }
    for (int l = 0; l < lanes; ++l)
        sums[whose[l]] = Fnv1a64Bytes(h[l], std::string_view(reinterpret_cast<const char*>(at[l]), left[l]));
}

}  // namespace profila
