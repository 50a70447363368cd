// Sorting customers by a figure, for the analysis's ranks (RFM quintiles, Pareto order): a stable
// LSD radix sort of (key, index) pairs on the bits of the doubles, 11 bits a pass, skipping the
// passes where every key shares the digit (integer-valued figures such as days or occasions need
// one or two). Linear in the number of customers, no comparisons, and the caller keeps the buffers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace profila {

struct RankScratch {
    struct Item {
        uint64_t Key;
        uint32_t Index;
    };
    std::vector<Item> A, B;
    std::vector<uint32_t> Counts;
    // Groups of equal values in sorted order (used by the quintile scores).
    std::vector<double> Distinct;
    std::vector<uint32_t> GroupStart;
    std::vector<uint8_t> GroupScore;
};

// An unsigned key whose order is the order of the doubles (-0 and +0 equal; no NaN expected).
[[nodiscard]] uint64_t AscendingKey(double v);

// Indices 0..n-1 of values ordered ascending (descending = true: largest first); equal values keep
// their input order. The result is in scratch.A (Index fields); returns n.
size_t SortedOrder(const double* values, size_t n, bool descending, RankScratch& scratch);

}  // namespace profila
