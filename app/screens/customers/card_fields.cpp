// Customer card: the form layout (one or two columns, captions above) and its fields: text, lists,
// numbers read the local way, dates, checks and segmented choices.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "model/completeness.h"
#include "import/customer_import.h"
#include "model/limits.h"
#include "card_form.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "ui/date_field.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#include "text/numbers.h"

namespace card_ui {

// ---- [SECTION] Form layout and fields ---------------------------------------------------------------
Form BeginForm(AppState& state, int max_columns) {
    Form f;
    f.State = &state;
    f.Gap = ui::Em(1.2f);
    float avail = ImGui::GetContentRegionAvail().x;
    f.Columns = (max_columns > 1 && avail >= ui::Em(34.0f)) ? 2 : 1;
    f.ColumnWidth = std::min((avail - f.Gap * (f.Columns - 1)) / f.Columns, ui::Em(24.0f));
    return f;
}

void BeginField(Form& f, const char* caption, bool full_row) {
    if (full_row && f.Index % f.Columns != 0) f.Index += f.Columns - f.Index % f.Columns;
    if (f.Index % f.Columns != 0) {
        ImGui::SameLine(0, f.Gap);
        // SameLine would lower the caption to the text baseline of the field beside it, leaving
        // the second column's caption and field lower than the first's.
        ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
    }
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
    ImGui::TextUnformatted(caption);
    ImGui::PopStyleColor();
    ImGui::SetNextItemWidth(full_row ? f.ColumnWidth * f.Columns + f.Gap * (f.Columns - 1) : f.ColumnWidth);
}

void EndField(Form& f, bool full_row) {
    ImGui::EndGroup();
    f.Index += full_row ? f.Columns : 1;
    if (full_row) f.Index = (f.Index + f.Columns - 1) / f.Columns * f.Columns;
}

float FullWidth(const Form& f) { return f.ColumnWidth * f.Columns + f.Gap * (f.Columns - 1); }

// Ends a run of fields so what follows starts on its own line.
void EndRow(Form& f) {
    if (f.Index % f.Columns != 0) f.Index += f.Columns - f.Index % f.Columns;
}

void TextField(Form& f, const char* caption_key, const char* key, std::string& value, const char* hint_key) {
    BeginField(f, f.State->T(caption_key));
    std::string id = std::string("##") + key;
    if (ImGui::InputTextWithHint(id.c_str(), hint_key ? f.State->T(hint_key) : nullptr, &value)) f.Changed = true;
    EndField(f);
}

void TextField(Form& f, const char* caption_key, const char* key, profila::SharedText& value, const char* hint_key) {
    std::string text = value.str();  // ImGui edits its own buffer; the text is replaced when it changes
    bool was = f.Changed;
    f.Changed = false;
    TextField(f, caption_key, key, text, hint_key);
    if (f.Changed) value = text;
    f.Changed |= was;
}

void WideTextField(Form& f, const char* caption_key, const char* key, std::string& value, float lines) {
    BeginField(f, f.State->T(caption_key), true);
    std::string id = std::string("##") + key;
    if (ImGui::InputTextMultiline(id.c_str(), &value, ImVec2(FullWidth(f), ImGui::GetTextLineHeight() * lines + ui::Em(1.2f))))
        f.Changed = true;
    EndField(f, true);
}

std::string JoinList(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::string item = text.substr(start, end - start);
        size_t a = item.find_first_not_of(' ');
        size_t b = item.find_last_not_of(' ');
        if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
        start = end + 1;
    }
    return out;
}

// A comma-separated list ("newspaper, Instagram, fairs"). While the field is active ImGui edits its
// own copy, so rebuilding the text from the list every frame does not fight the typing.
void ListField(Form& f, const char* caption_key, const char* key, std::vector<std::string>& items) {
    BeginField(f, f.State->T(caption_key));
    std::string text = JoinList(items);
    std::string id = std::string("##") + key;
    if (ImGui::InputTextWithHint(id.c_str(), f.State->T("customers.list_hint"), &text)) {
        items = SplitList(text);
        f.Changed = true;
    }
    EndField(f);
}

void NumberError(Form& f, const char* caption_key, const std::string& text) {
    std::string message = profila::FormatText(f.State->T("customers.error.number"), {f.State->T(caption_key), text});
    ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Bad);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + f.ColumnWidth);
    ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    item_registry::AddText(item_registry::Role::Status, message.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

std::string FormatNumber(const AppState& state, double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    if (state.Settings.Language != profila::Language::En)
        for (char* p = text; *p; ++p)
            if (*p == '.') *p = ',';
    return text;
}

// What the text of a number field says: nothing (unknown), a number within [min, max] (a whole one
// when asked), or something that is not a number we can use.
enum class NumberRead { Empty, Parsed, Bad };

NumberRead ReadNumber(const AppState& state, const std::string& text, double min, double max, bool whole, double& out) {
    if (text.find_first_not_of(' ') == std::string::npos) return NumberRead::Empty;
    // Typed the local way ("12,50" in Italy and Spain); "12.50" typed anyway is understood too.
    bool comma = state.Settings.Language != profila::Language::En;
    auto parsed = comma ? profila::ParseNumberCommaFirst(text) : profila::ParseNumber(text, false);
    if (!parsed || !std::isfinite(*parsed) || *parsed < min || *parsed > max || (whole && std::floor(*parsed) != *parsed))
        return NumberRead::Bad;
    out = *parsed;
    return NumberRead::Parsed;
}

// The one body of every number field. The field shows `shown` (the stored value as text) unless it
// holds text of its own in view.BadNumbers: what is being typed, or what was refused. The text is
// read when the user leaves the field (Enter, Tab, a tap elsewhere), so a number half typed
// ("12,3" on the way to "12,3,4") never replaces the stored one. Text that is not a number stays
// in the field with a red message naming it, and the stored value is not touched. Returns Empty
// or Parsed (with `out`) when the stored value should change; Bad otherwise.
NumberRead NumberField(Form& f, const char* caption_key, const char* key, const std::string& shown, double min, double max,
                       bool whole, bool required, double& out) {
    BeginField(f, f.State->T(caption_key));
    CustomersView& view = f.State->Customers;
    auto held = view.BadNumbers.find(key);
    std::string text = held != view.BadNumbers.end() ? held->second : shown;
    std::string id = std::string("##") + key;
    if (ImGui::InputText(id.c_str(), &text)) view.BadNumbers[key] = text;
    bool active = ImGui::IsItemActive();
    NumberRead read = NumberRead::Bad;
    held = view.BadNumbers.find(key);
    if (held != view.BadNumbers.end() && !active) {
        read = ReadNumber(*f.State, held->second, min, max, whole, out);
        if (read == NumberRead::Empty && required) read = NumberRead::Bad;
        if (read != NumberRead::Bad) view.BadNumbers.erase(held);
        else NumberError(f, caption_key, held->second);
    }
    EndField(f);
    return read;
}

void OptionalIntField(Form& f, const char* caption_key, const char* key, std::optional<int>& value, int min, int max) {
    double parsed = 0.0;
    switch (NumberField(f, caption_key, key, value ? std::to_string(*value) : std::string(), min, max, true, false, parsed)) {
        case NumberRead::Empty: value.reset(); f.Changed = true; break;
        case NumberRead::Parsed: value = static_cast<int>(parsed); f.Changed = true; break;
        case NumberRead::Bad: break;
    }
}

void DoubleField(Form& f, const char* caption_key, const char* key, double& value, double min, double max, int decimals) {
    double parsed = 0.0;
    if (NumberField(f, caption_key, key, FormatNumber(*f.State, value, decimals), min, max, false, true, parsed) == NumberRead::Parsed) {
        value = parsed;
        f.Changed = true;
    }
}

void OptionalDoubleField(Form& f, const char* caption_key, const char* key, profila::OptionalAmount& value, double min,
                         double max) {
    double parsed = 0.0;
    switch (NumberField(f, caption_key, key, value ? FormatNumber(*f.State, *value, 2) : std::string(), min, max, false, false, parsed)) {
        case NumberRead::Empty: value.reset(); f.Changed = true; break;
        case NumberRead::Parsed: value = parsed; f.Changed = true; break;
        case NumberRead::Bad: break;
    }
}

ui::DateFieldTexts DateTexts(const AppState& state, const char* caption_key) {
    ui::DateFieldTexts t;
    t.FieldName = state.T(caption_key);
    t.Hint = state.T("customers.date_hint");
    t.InvalidPattern = state.T("customers.error.date");
    t.RequiredPattern = state.T("customers.error.date_required");
    return t;
}

void CheckField(Form& f, const char* caption_key, const char* key, bool& value) {
    if (f.Index % f.Columns != 0) ImGui::SameLine(0, f.Gap);
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::EmVec(0.6f, 0.6f));
    std::string label = std::string(f.State->T(caption_key)) + "##" + key;
    if (ImGui::Checkbox(label.c_str(), &value)) f.Changed = true;
    ImGui::PopStyleVar();
    ImGui::Dummy(ImVec2(f.ColumnWidth, 0));
    ImGui::EndGroup();
    ++f.Index;
}

// A segmented choice among a few options (tappable, no dropdown). Returns the new index.
void ChoiceField(Form& f, const char* caption_key, const char* key, int& value, const std::vector<const char*>& option_keys,
                 const std::vector<const char*>& option_ids) {
    BeginField(f, f.State->T(caption_key), true);
    float right = ImGui::GetCursorScreenPos().x + FullWidth(f);
    for (size_t i = 0; i < option_keys.size(); ++i) {
        const char* text = f.State->T(option_keys[i]);
        float w = std::max(ImGui::CalcTextSize(text).x + ImGui::GetStyle().FramePadding.x * 2, ui::Em(6.0f));
        if (i > 0) {
            ImGui::SameLine(0, ui::Em(0.4f));
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        std::string label = std::string(text) + "##" + key + "." + option_ids[i];
        if (ui::ChoiceButton(label.c_str(), value == static_cast<int>(i), ImVec2(w, ui::Em(2.6f)))) {
            if (value != static_cast<int>(i)) f.Changed = true;
            value = static_cast<int>(i);
        }
    }
    EndField(f, true);
}

void SubHeading(AppState& state, const char* key) {
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Heading(state.UiFonts.Heading, state.T(key));
}

}  // namespace card_ui
