// The ranges a customer card's numbers must fall in, for every reader of cards: the JSON reader
// and ValidateCustomer (customer_json.cpp), the stored-record reader (customer_record.cpp) and the
// CSV import (customer_import.cpp). One place, so they accept exactly the same values. The card
// editor (app/screens/customer_card.cpp) uses them too, except where it asks for less: a year of
// birth from 1880, a quantity from 1.
#pragma once
#include <cstdint>

namespace profila {

struct WholeRange {
    int Lo, Hi;
};

inline constexpr WholeRange kAgeRange{0, 130};
inline constexpr WholeRange kBirthYearRange{1850, 2200};
inline constexpr WholeRange kEmployeesRange{0, 10000000};
inline constexpr WholeRange kQuantityRange{0, 1000000000};
inline constexpr WholeRange kDaysLateRange{0, 100000};
inline constexpr WholeRange kScoreRange{1, 5};
inline constexpr double kMaxAmount = 1e12;         // amounts, margins and costs, in currency units
inline constexpr double kMaxDiscountPercent = 100.0;

}  // namespace profila
