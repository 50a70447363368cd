#include "date_field.h"

#include <cctype>
#include <cstdio>
#include <cstring>

#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "theme.h"

namespace ui {
namespace {

// Reads up to max_digits digits; returns the count read (0 = none).
int ReadNumber(const char*& p, int max_digits, int& out) {
    int n = 0;
    out = 0;
    while (n < max_digits && std::isdigit(static_cast<unsigned char>(*p))) {
        out = out * 10 + (*p - '0');
        ++p;
        ++n;
    }
    return n;
}

bool IsSeparator(char c) { return c == '/' || c == '-' || c == '.'; }

void SyncText(DateInput& input, const std::optional<profila::Date>& value) {
    if (value) std::snprintf(input.Text, sizeof input.Text, "%s", FormatUserDate(*value).c_str());
    else input.Text[0] = '\0';
    input.Synced = true;
    input.SyncedEmpty = !value;
    input.SyncedDays = value ? value->Days : 0;
}

bool SameAsSynced(const DateInput& input, const std::optional<profila::Date>& value) {
    if (!input.Synced) return false;
    if (!value) return input.SyncedEmpty;
    return !input.SyncedEmpty && input.SyncedDays == value->Days;
}

void ErrorLine(const std::string& message, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors().Bad);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    item_registry::AddText(item_registry::Role::Status, message.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

bool DateFieldImpl(const char* label_id, DateInput& input, std::optional<profila::Date>& value, bool required,
                   const DateFieldTexts& texts, float width) {
    // The text follows the model unless the user is typing or left a text that is not a date.
    bool editing = ImGui::GetActiveID() == ImGui::GetID(label_id);
    if (!editing && !input.Invalid && !SameAsSynced(input, value)) SyncText(input, value);

    bool changed = false;
    if (input.Invalid) {
        ImGui::PushStyleColor(ImGuiCol_Border, Colors().Bad);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    }
    ImGui::SetNextItemWidth(width);
    bool edited = ImGui::InputTextWithHint(label_id, texts.Hint, input.Text, sizeof input.Text,
                                           ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll);
    if (input.Invalid) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    bool left = ImGui::IsItemDeactivated();
    bool empty = input.Text[0] == '\0';
    if (edited) {
        // A complete, real date is taken at once (edits save within a second); a half-typed one waits.
        if (auto parsed = ParseUserDate(input.Text)) {
            if (!value || value->Days != parsed->Days) {
                value = parsed;
                changed = true;
            }
            input.Invalid = false;
            input.Synced = true;
            input.SyncedEmpty = false;
            input.SyncedDays = parsed->Days;
        }
    }
    if (left) {
        if (empty && !required) {
            // Leaving the field empty clears the date (not while typing: select-all and retype
            // must not lose the stored day).
            if (value) changed = true;
            value.reset();
            input.Invalid = false;
            input.Synced = true;
            input.SyncedEmpty = true;
        } else if (auto parsed = ParseUserDate(input.Text)) {
            input.Invalid = false;
            input.Synced = false;  // reformat ("9-3-2024" shows as "09/03/2024")
        } else {
            input.Invalid = true;
        }
    }
    if (input.Invalid) {
        std::string message = empty ? profila::FormatText(texts.RequiredPattern, {texts.FieldName})
                                    : profila::FormatText(texts.InvalidPattern, {texts.FieldName, input.Text});
        ErrorLine(message, width);
    }
    return changed;
}

}  // namespace

std::optional<profila::Date> ParseUserDate(const char* text) {
    const char* p = text;
    while (*p == ' ') ++p;
    int a = 0, b = 0, c = 0;
    int na = ReadNumber(p, 4, a);
    if (na == 0 || !IsSeparator(*p)) return std::nullopt;
    char sep = *p++;
    int nb = ReadNumber(p, 2, b);
    if (nb == 0 || *p != sep) return std::nullopt;
    ++p;
    int nc = ReadNumber(p, 4, c);
    while (*p == ' ') ++p;
    if (*p != '\0' || nc == 0) return std::nullopt;
    int year, month, day;
    if (na == 4) {  // ISO order: 2024-03-09
        if (nc > 2) return std::nullopt;
        year = a, month = b, day = c;
    } else {        // day first: 09/03/2024
        if (na > 2 || nc != 4) return std::nullopt;
        day = a, month = b, year = c;
    }
    if (year < 1800 || year > 2200 || !profila::IsValidYmd(year, month, day)) return std::nullopt;
    return profila::DateFromYmd(year, month, day);
}

std::string FormatUserDate(profila::Date date) {
    profila::YearMonthDay ymd = profila::YmdFromDate(date);
    char text[16];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", ymd.Day, ymd.Month, ymd.Year);
    return text;
}

bool DateField(const char* label_id, DateInput& input, std::optional<profila::Date>& value, const DateFieldTexts& texts,
               float width) {
    return DateFieldImpl(label_id, input, value, false, texts, width);
}

bool DateField(const char* label_id, DateInput& input, profila::Date& value, const DateFieldTexts& texts, float width) {
    std::optional<profila::Date> v = value;
    bool changed = DateFieldImpl(label_id, input, v, true, texts, width);
    if (changed && v) value = *v;
    return changed && v.has_value();
}

}  // namespace ui
