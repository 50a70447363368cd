#include "analysis_sort.h"

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
    constexpr int kBits = 16;
    constexpr size_t kBuckets = size_t{1} << kBits;
    auto& counts = scratch.Counts;
    counts.resize(kBuckets);
    for (int shift = 0; shift < 64; shift += kBits) {
        std::memset(counts.data(), 0, kBuckets * sizeof(uint32_t));
        for (size_t i = 0; i < n; ++i) ++counts[(a[i].Key >> shift) & (kBuckets - 1)];
        if (n == 0 || counts[(a[0].Key >> shift) & (kBuckets - 1)] == n) continue;  // all share this digit
        uint32_t sum = 0;
        for (size_t d = 0; d < kBuckets; ++d) {
            const uint32_t c = counts[d];
            counts[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; ++i) b[counts[(a[i].Key >> shift) & (kBuckets - 1)]++] = a[i];
        a.swap(b);
    }
    return n;
}

}  // namespace profila
