// The customer card's form, shared by its files: the layout and the fields (card_fields.cpp), used
// by the card's sections (customer_card.cpp) and its histories (card_histories.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app_state.h"
#include "model/customer.h"
#include "ui/date_field.h"

namespace card_ui {

// ---- [SECTION] Form layout ----------------------------------------------------------------------
// Fields in one or two columns, each with its caption above (readable on a phone-sized column,
// no label squeezed beside a field).
struct Form {
    AppState* State = nullptr;
    int Columns = 1;
    float ColumnWidth = 0.0f;
    float Gap = 0.0f;
    int Index = 0;
    bool Changed = false;
};

Form BeginForm(AppState& state, int max_columns = 2);
void BeginField(Form& f, const char* caption, bool full_row = false);
void EndField(Form& f, bool full_row = false);
void EndRow(Form& f);
// Width of a full row (all columns and their gaps).
float FullWidth(const Form& f);
void SubHeading(AppState& state, const char* key);

// ---- [SECTION] Fields ---------------------------------------------------------------------------
void TextField(Form& f, const char* caption_key, const char* key, std::string& value, const char* hint_key = nullptr);
void TextField(Form& f, const char* caption_key, const char* key, profila::SharedText& value, const char* hint_key = nullptr);
void WideTextField(Form& f, const char* caption_key, const char* key, std::string& value, float lines = 3.0f);
std::vector<std::string> SplitList(const std::string& text);
void ListField(Form& f, const char* caption_key, const char* key, std::vector<std::string>& items);
// A number as the field shows it: fixed decimals, with a decimal comma in it/es.
std::string FormatNumber(const AppState& state, double value, int decimals);
void OptionalIntField(Form& f, const char* caption_key, const char* key, std::optional<int>& value, int min, int max);
void DoubleField(Form& f, const char* caption_key, const char* key, double& value, double min, double max, int decimals = 2);
void OptionalDoubleField(Form& f, const char* caption_key, const char* key, profila::OptionalAmount& value, double min, double max);
ui::DateFieldTexts DateTexts(const AppState& state, const char* caption_key);
void CheckField(Form& f, const char* caption_key, const char* key, bool& value);
void ChoiceField(Form& f, const char* caption_key, const char* key, int& value, const std::vector<const char*>& option_keys,
                 const std::vector<const char*>& option_ids);

// A date field: `Value` is std::optional<profila::Date> (may stay empty) or profila::Date (required).
template <typename Value>
void CardDateField(Form& f, const char* caption_key, const char* key, Value& value) {
    BeginField(f, f.State->T(caption_key));
    std::string id = std::string("##") + key;
    if (ui::DateField(id.c_str(), f.State->Customers.Dates[key], value, DateTexts(*f.State, caption_key), f.ColumnWidth))
        f.Changed = true;
    EndField(f);
}

// ChoiceField over an enum whose values are the options' positions.
template <typename Enum>
void EnumChoiceField(Form& f, const char* caption_key, const char* key, Enum& value, const std::vector<const char*>& option_keys,
                     const std::vector<const char*>& option_ids) {
    int index = static_cast<int>(value);
    ChoiceField(f, caption_key, key, index, option_keys, option_ids);
    value = static_cast<Enum>(index);
}

// ---- [SECTION] Histories (card_histories.cpp) ----------------------------------------------------
void DrawPurchases(Form& f, profila::Customer& c);
void DrawHistories(Form& f, profila::Customer& c);

// ---- [SECTION] Privacy (card_privacy.cpp) ----------------------------------------------------------
// Consent per channel, objecting to profiling, the person's data and forgetting them.
void DrawPrivacy(Form& f, profila::Customer& c);

}  // namespace card_ui
