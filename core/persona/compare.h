// Persona against data: the sketched ideal customer held against the real customer base. For each
// detail that the customer card records, how the customers are spread over its values (all of them,
// and the most valuable 20% by what they spent), and whether the persona's value is what the best
// customers look like. Results are codes and figures; the screen puts them into words.
#pragma once
#include <string>
#include <vector>

#include "model/date.h"
#include "model/customer.h"
#include "persona/persona.h"

namespace profila {

struct ValueShare {
    std::string Value;  // normalised: lower case; genders "female"/"male"/"other"; weekdays "mon".."sun"; ages "25-34"
    std::string Shown;  // as the first card with it writes it ("Bologna"), for display; codes stay codes
    int All = 0;        // customers with this value, among all
    int Top = 0;        // and among the most valuable 20%
};

enum class PersonaVerdict {
    NoData,        // no customer card records this detail
    PersonaEmpty,  // the persona says nothing here: the data could fill the gap
    Matches,       // the persona's value is the most common among the best customers
    Common,        // not the most common, but at least a quarter of them
    Differs,       // fewer than a quarter of the best customers look like this
};

struct DetailComparison {
    PersonaDetail Detail = PersonaDetail::Gender;
    std::vector<std::string> PersonaValues;  // the persona's value, normalised the same way
    std::vector<std::string> PersonaShown;   // the same values as the persona writes them, for display
    int KnownAll = 0;                         // customers whose card records this detail
    int KnownTop = 0;
    std::vector<ValueShare> Shares;           // most common first (by Top, then All), at most 8
    std::string MostCommonAll;
    std::string MostCommonTop;
    std::string MostCommonAllShown;           // the same two as the data writes them, for display
    std::string MostCommonTopShown;
    double PersonaShareAll = 0.0;             // share (0..1) of the customers with a known value who
    double PersonaShareTop = 0.0;             // match the persona on this detail
    PersonaVerdict Verdict = PersonaVerdict::NoData;
};

struct PersonaComparison {
    int Customers = 0;
    int TopCustomers = 0;         // the most valuable 20% of customers who bought (at least one)
    double TopRevenueShare = 0.0; // their share of all revenue, 0..1
    std::vector<DetailComparison> Details;  // one per persona detail, card order
};

// Customer values for a detail (several for lists such as media or categories), normalised.
[[nodiscard]] std::vector<std::string> CustomerValues(const Customer& customer, PersonaDetail detail, Date as_of);
// The persona's text for a detail, normalised the same way (a list split at , ; /).
[[nodiscard]] std::vector<std::string> PersonaValues(const Persona& persona, PersonaDetail detail);
// Age band of an age in years: "<25", "25-34", "35-44", "45-54", "55-64", "65+".
[[nodiscard]] std::string AgeBand(int age);

[[nodiscard]] PersonaComparison ComparePersonaWithCustomers(const Persona& persona, const Workspace& workspace, Date as_of);

}  // namespace profila
