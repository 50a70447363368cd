#include "analysis/sort.h"

#include <algorithm>
#include <cstring>

namespace profila {

uint64_t AscendingKey(double v) {
    if (v == 0.0) v = 0.0;  // -0 sorts with +0
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    // Negative numbers: flip all bits (larger magnitude sorts first); positive: flip the sign bit.
    return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
}

size_t SortedOrder(const double* values, size_t n, bool descending, RankScratch& scratch) {
    auto& a = scratch.A;
    auto& b = scratch.B;
    a.resize(n);
    b.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const uint64_t k = AscendingKey(values[i]);
        a[i] = {descending ? ~k : k, static_cast<uint32_t>(i)};
    }
    if (n < 4096) {  // small inputs: the bucket tables would cost more than a comparison sort
        std::stable_sort(a.begin(), a.end(), [](const RankScratch::Item& l, const RankScratch::Item& r) { return l.Key < r.Key; });
        return n;
    }
    constexpr int kBits = 11;  // 2,048 buckets: the scatter stays within the caches
    constexpr size_t kBuckets = size_t{1} << kBits;
    constexpr int kPasses = (64 + kBits - 1) / kBits;
    auto& counts = scratch.Counts;
    counts.assign(kBuckets * kPasses, 0);  // every pass's histogram, counted in one read
    for (size_t i = 0; i < n; ++i) {
        const uint64_t key = a[i].Key;
        for (int p = 0; p < kPasses; ++p) ++counts[p * kBuckets + ((key >> (p * kBits)) & (kBuckets - 1))];
    }
    for (int p = 0; p < kPasses; ++p) {
        uint32_t* c = counts.data() + p * kBuckets;
        const int shift = p * kBits;
        if (c[(a[0].Key >> shift) & (kBuckets - 1)] == n) continue;  // all share this digit
        uint32_t sum = 0;
        for (size_t d = 0; d < kBuckets; ++d) {
            const uint32_t count = c[d];
            c[d] = sum;
            sum += count;
        }
        for (size_t i = 0; i < n; ++i) b[c[(a[i].Key >> shift) & (kBuckets - 1)]++] = a[i];
        a.swap(b);
    }
    return n;
}

}  // namespace profila
