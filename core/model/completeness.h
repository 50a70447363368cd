// How complete a customer card is against the card of shared/DOMAIN.md sections 1 and 2, and
// what we don't know yet about the customer, as questions to ask next. Returns codes only; the
// app looks texts up as "completeness.group.<group>" and "completeness.ask.<item>".
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "model/customer.h"

namespace profila {

struct CompletenessItem {
    std::string Key;          // "phone", "birth_year", "sector"... stable
    std::string Group;        // "identity", "contacts", "place", "demographics", "business", "mind", "habits", "voice", "plans"
    double Weight = 1.0;      // within the group
    bool Known = false;
};

struct CompletenessGroup {
    std::string Key;
    double Weight = 0.0;      // share of the whole card (groups of one card sum to 1)
    double Score = 0.0;       // 0..1 known share of the group (weighted items)
};

struct CardCompleteness {
    double Score = 0.0;                       // 0..1 over the whole card
    std::vector<CompletenessGroup> Groups;
    std::vector<CompletenessItem> Items;      // every item considered for this kind of customer
    // Items not known, most useful first (group weight x item weight, identity and contacts first).
    std::vector<std::string> NextQuestions;
};

// Private customers are judged on demographics, businesses and professionals on business data.
[[nodiscard]] CardCompleteness AssessCardCompleteness(const Customer& customer);
// Its Score alone, without building the items and questions (the customer list, 10,000 cards).
[[nodiscard]] double CardCompletenessScore(const Customer& customer);

struct KnowledgeGap {
    size_t Index = 0;            // into the customers vector given
    std::string CustomerId;
    double Value = 0.0;          // revenue of purchases not cancelled in the 365 days up to asOf
                                 // (all time when none are in that window)
    int ValueRank = 0;           // 1 = most valuable
    double Completeness = 0.0;   // AssessCardCompleteness(...).Score
    std::vector<std::string> NextQuestions;  // first three
};

// "Least known among the most valuable": takes the most valuable customers (top fifth, at least
// `count`, only those who bought), sorts them by completeness ascending (ties: value descending)
// and returns the first `count`.
[[nodiscard]] std::vector<KnowledgeGap> RankLeastKnownValuable(const std::vector<Customer>& customers, size_t count,
                                                               Date as_of);

}  // namespace profila
