// The stable text names of the customer card's enums, as the card's JSON (customer_json.cpp) and
// its stored records (customer_record_writer.cpp) write them; same order as the enums in model.h.
#pragma once

namespace profila {

inline constexpr const char* kKindNames[] = {"private", "business", "professional", "other"};
inline constexpr const char* kGenderNames[] = {"unknown", "female", "male", "other"};
inline constexpr const char* kOrientationNames[] = {"unknown", "cost", "value", "technology"};
inline constexpr const char* kStageNames[] = {"unknown", "reaching", "acquisition", "conversion", "retention", "inspiration"};
inline constexpr const char* kResponseNames[] = {"none", "opened", "replied", "bought"};
inline constexpr const char* kProposalNames[] = {"planned", "made", "accepted", "refused"};
inline constexpr const char* kConsentStateNames[] = {"notRecorded", "given", "withdrawn"};
inline constexpr const char* kConsentSourceNames[] = {"unknown", "shop", "form", "email", "phone", "other"};

}  // namespace profila
