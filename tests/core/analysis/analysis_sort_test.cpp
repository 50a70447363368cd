// The radix ranks behind RFM quintiles and the Pareto order agree with a stable comparison sort.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

#include "analysis/sort.h"

using namespace profila;

namespace {
std::vector<uint32_t> Expected(const std::vector<double>& v, bool descending) {
    std::vector<uint32_t> order(v.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return descending ? v[a] > v[b] : v[a] < v[b]; });
    return order;
}
std::vector<uint32_t> Radix(const std::vector<double>& v, bool descending, RankScratch& scratch) {
    SortedOrder(v.data(), v.size(), descending, scratch);
    std::vector<uint32_t> order;
    for (size_t i = 0; i < v.size(); ++i) order.push_back(scratch.A[i].Index);
    return order;
}
}  // namespace

TEST_CASE("SortedOrder: same order as a stable sort, ties in input order, small and large inputs") {
    std::mt19937_64 rng(7);
    RankScratch scratch;
    for (size_t n : {0u, 1u, 7u, 100u, 5000u, 60000u}) {
        std::vector<double> money(n), days(n);
        std::uniform_real_distribution<double> u(-500.0, 5000.0);
        std::uniform_int_distribution<int> d(0, 800);
        for (size_t i = 0; i < n; ++i) {
            money[i] = i % 5 == 0 ? 0.0 : i % 11 == 0 ? -0.0 : std::round(u(rng) * 100) / 100;  // ties, -0 and +0
            days[i] = d(rng);
        }
        for (bool descending : {false, true}) {
            CHECK(Radix(money, descending, scratch) == Expected(money, descending));
            CHECK(Radix(days, descending, scratch) == Expected(days, descending));
        }
    }
}

TEST_CASE("AscendingKey orders negative, zero and positive values") {
    const std::vector<double> v = {-1e9, -2.5, -1e-300, 0.0, 1e-300, 1.0, 3.5, 1e12};
    for (size_t i = 0; i + 1 < v.size(); ++i) CHECK(AscendingKey(v[i]) < AscendingKey(v[i + 1]));
    CHECK(AscendingKey(-0.0) == AscendingKey(0.0));
}
