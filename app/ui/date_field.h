// A date input that validates: the user types "09/03/2024" (or "9-3-2024", "2024-03-09"); the
// model keeps only real calendar days. A date that is not real stays in the field, shown with a
// red message naming the field, and the stored value is left as it was.
#pragma once
#include <optional>
#include <string>

#include "model/date.h"

namespace ui {

// What the field holds between frames (kept in the screen's view state, one per field).
struct DateInput {
    char Text[32] = "";
    bool Invalid = false;      // the last text typed is not a date; the model was not changed
    bool Synced = false;       // Text shows the model's value
    int32_t SyncedDays = 0;    // ...which was this day (or SyncedEmpty)
    bool SyncedEmpty = true;
};

// Day/month/year as people write them in Italy, Spain and the UK ("9/3/2024", "09-03-2024",
// "09.03.2024") or ISO ("2024-03-09"). Nothing else; the day must exist.
std::optional<profila::Date> ParseUserDate(const char* text);
// "09/03/2024".
std::string FormatUserDate(profila::Date date);

struct DateFieldTexts {
    const char* FieldName = "";     // shown in the message: "Acquisition date"
    const char* Hint = "dd/mm/yyyy";
    const char* InvalidPattern = "{0}: \"{1}\" is not a real date";  // {0} field, {1} text
    const char* RequiredPattern = "{0} is required";                   // {0} field
};

// label_id is "##key" (the caption is drawn by the caller). Returns true when value changed.
// With optional values an empty field clears the date.
bool DateField(const char* label_id, DateInput& input, std::optional<profila::Date>& value, const DateFieldTexts& texts,
               float width);
bool DateField(const char* label_id, DateInput& input, profila::Date& value, const DateFieldTexts& texts, float width);

}  // namespace ui
