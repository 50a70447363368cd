// An example business for the first visit and for practice: a few hundred customers with two
// years of purchases, deterministic for a seed (same seed, same shop, natively and in wasm: it
// uses its own generator, not <random>'s distributions, whose output differs between libraries).
// Varied so that every classification of the Analysis issue shows up; each customer's
// archetype is returned beside the workspace (for tests and teaching, not stored on the card).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/customer.h"

namespace profila {

struct ExampleShopOptions {
    uint64_t Seed = 20240601;
    Date AsOf{};                    // last day of history (purchases span the two years before it); 0 = 2025-12-31
    int Customers = 300;            // at least 60 so every archetype appears
    std::string WorkspaceId = "example";
    std::string WorkspaceName = "Bottega di esempio";
};

// Archetype keys: "habitual", "occasional", "sporadic", "inactive", "potential", "probable",
// "discount", "impulsive", "need", "wanderer", "high_volume", "big_unprofitable", "late_payer",
// "canceller", "complainer", "business".
struct ExampleShop {
    Workspace Shop;
    std::vector<std::string> Archetypes;   // one per customer, same order
};

[[nodiscard]] ExampleShop GenerateExampleShop(const ExampleShopOptions& options);

}  // namespace profila
