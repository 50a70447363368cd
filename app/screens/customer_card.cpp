// The customer card editor: the card of shared/DOMAIN.md sections 1 and 2 in sections (identity
// and contacts, place, demographics or business data, psychographics, buying habits, the owner's
// judgement, tags and notes) and the histories (purchases first: a table with add, edit, delete;
// then requests, satisfaction, complaints, communications, proposals). Every change is committed
// to the document at once (the store saves within a second); dates and numbers that do not parse
// stay in their field with a red message naming it, and the stored value is not touched.
//
// [SECTION] Form layout and fields
// [SECTION] Header and completeness
// [SECTION] Card sections
// [SECTION] Purchases
// [SECTION] Other histories
// [SECTION] Editor
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "model/completeness.h"
#include "import/customer_import.h"
#include "model/limits.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "text/numbers.h"
#include "ui/date_field.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#if __has_include("analysis_panel.h")
#include "analysis_panel.h"
#define PROFILA_HAS_ANALYSIS_PANEL 1
#endif

namespace {

// ---- [SECTION] Form layout and fields ---------------------------------------------------------------
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

Form BeginForm(AppState& state, int max_columns = 2) {
    Form f;
    f.State = &state;
    f.Gap = ui::Em(1.2f);
    float avail = ImGui::GetContentRegionAvail().x;
    f.Columns = (max_columns > 1 && avail >= ui::Em(34.0f)) ? 2 : 1;
    f.ColumnWidth = std::min((avail - f.Gap * (f.Columns - 1)) / f.Columns, ui::Em(24.0f));
    return f;
}

void BeginField(Form& f, const char* caption, bool full_row = false) {
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

void EndField(Form& f, bool full_row = false) {
    ImGui::EndGroup();
    f.Index += full_row ? f.Columns : 1;
    if (full_row) f.Index = (f.Index + f.Columns - 1) / f.Columns * f.Columns;
}

float FullWidth(const Form& f) { return f.ColumnWidth * f.Columns + f.Gap * (f.Columns - 1); }

// Ends a run of fields so what follows starts on its own line.
void EndRow(Form& f) {
    if (f.Index % f.Columns != 0) f.Index += f.Columns - f.Index % f.Columns;
}

void TextField(Form& f, const char* caption_key, const char* key, std::string& value, const char* hint_key = nullptr) {
    BeginField(f, f.State->T(caption_key));
    std::string id = std::string("##") + key;
    if (InputString(id.c_str(), value, hint_key ? f.State->T(hint_key) : nullptr)) f.Changed = true;
    EndField(f);
}

void WideTextField(Form& f, const char* caption_key, const char* key, std::string& value, float lines = 3.0f) {
    BeginField(f, f.State->T(caption_key), true);
    std::string id = std::string("##") + key;
    if (InputStringMultiline(id.c_str(), value, ImVec2(FullWidth(f), ImGui::GetTextLineHeight() * lines + ui::Em(1.2f))))
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
    if (InputString(id.c_str(), text, f.State->T("customers.list_hint"))) {
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
    if (InputString(id.c_str(), text)) view.BadNumbers[key] = text;
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

void DoubleField(Form& f, const char* caption_key, const char* key, double& value, double min, double max, int decimals = 2) {
    double parsed = 0.0;
    if (NumberField(f, caption_key, key, FormatNumber(*f.State, value, decimals), min, max, false, true, parsed) == NumberRead::Parsed) {
        value = parsed;
        f.Changed = true;
    }
}

void OptionalDoubleField(Form& f, const char* caption_key, const char* key, std::optional<double>& value, double min,
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

// A date field: `Value` is std::optional<profila::Date> (may stay empty) or profila::Date (required).
template <typename Value>
void CardDateField(Form& f, const char* caption_key, const char* key, Value& value) {
    BeginField(f, f.State->T(caption_key));
    std::string id = std::string("##") + key;
    if (ui::DateField(id.c_str(), f.State->Customers.Dates[key], value, DateTexts(*f.State, caption_key), f.ColumnWidth))
        f.Changed = true;
    EndField(f);
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

// ChoiceField over an enum whose values are the options' positions.
template <typename Enum>
void EnumChoiceField(Form& f, const char* caption_key, const char* key, Enum& value, const std::vector<const char*>& option_keys,
                     const std::vector<const char*>& option_ids) {
    int index = static_cast<int>(value);
    ChoiceField(f, caption_key, key, index, option_keys, option_ids);
    value = static_cast<Enum>(index);
}

void SubHeading(AppState& state, const char* key) {
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Heading(state.UiFonts.Heading, state.T(key));
}

// ---- [SECTION] Header and completeness ---------------------------------------------------------------
struct SectionDef {
    const char* TitleKey;
    const char* Key;
};

constexpr SectionDef kSections[] = {
    {"customers.section.identity", "identity"},   {"customers.section.place", "place"},
    {"customers.section.profile", "profile"},     {"customers.section.mind", "mind"},
    {"customers.section.habits", "habits"},       {"customers.section.judgement", "judgement"},
    {"customers.section.tags", "tags"},           {"customers.section.purchases", "purchases"},
    {"customers.section.history", "history"},
};
constexpr int kSectionCount = static_cast<int>(sizeof kSections / sizeof kSections[0]);
constexpr int kPurchasesSection = 7;

// Which section holds the answer to a completeness question (mostly its group decides).
int SectionForQuestion(const std::string& item, const std::string& group) {
    if (item == "proposal") return 8;
    if (group == "identity" || group == "contacts") return 0;
    if (group == "place") return 1;
    if (group == "demographics" || group == "business") return 2;
    if (group == "mind") return 3;
    if (group == "habits") return 4;
    if (group == "plans") return 5;
    if (group == "voice") return 8;
    return 0;
}

void DrawCompleteness(AppState& state, const profila::Customer& c) {
    profila::CardCompleteness completeness = profila::AssessCardCompleteness(c);
    int percent = static_cast<int>(completeness.Score * 100.0 + 0.5);
    const ui::Palette& p = ui::Colors();
    ui::BeginPanel("##card.completeness", ImVec2(ImGui::GetContentRegionAvail().x, 0));
    std::string title = profila::FormatText(state.T("customers.completeness"), {std::to_string(percent)});
    ui::Heading(state.UiFonts.Heading, title.c_str());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    float h = ui::Em(0.5f);
    draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), ImGui::GetColorU32(p.CardBorder), h);
    ImVec4 col = completeness.Score < 0.34 ? p.Bad : completeness.Score < 0.67 ? p.Warning : p.Good;
    if (completeness.Score > 0)
        draw->AddRectFilled(pos, ImVec2(pos.x + std::max(h, static_cast<float>(w * completeness.Score)), pos.y + h),
                            ImGui::GetColorU32(col), h);
    ImGui::Dummy(ImVec2(w, h + ui::Em(0.3f)));
    if (!completeness.NextQuestions.empty()) {
        ui::Paragraph(state.T("customers.unknown_yet"));
        size_t shown = std::min<size_t>(completeness.NextQuestions.size(), 3);
        for (size_t i = 0; i < shown; ++i) {
            const std::string& item = completeness.NextQuestions[i];
            std::string text_key = "completeness.ask." + item;
            std::string group;
            for (const profila::CompletenessItem& it : completeness.Items)
                if (it.Key == item) group = it.Group;
            int section = SectionForQuestion(item, group);
            std::string label = std::string(ICON_QUESTION "  ") + state.T(text_key.c_str()) + "##ask." + item;
            // Tapping a question opens the section where its answer goes.
            ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
            ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
            if (ImGui::Button(label.c_str(), ImVec2(w, ui::Em(2.4f)))) state.Customers.Section = section;
            ImGui::PopStyleVar();
            ImGui::PopStyleColor();
        }
    }
    ui::EndPanel();
}

// ---- [SECTION] Card sections ------------------------------------------------------------------------
void DrawIdentity(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    EnumChoiceField(f, "customers.field.kind", "card.kind", c.Kind,
                    {"customers.kind.private", "customers.kind.business", "customers.kind.professional", "customers.kind.other"},
                    {"private", "business", "professional", "other"});
    TextField(f, c.Kind == profila::CustomerKind::Private ? "customers.field.name" : "customers.field.contact_name", "card.name",
              c.Name);
    TextField(f, "customers.field.company", "card.company", c.Company);
    TextField(f, "customers.field.phone", "card.phone", c.Phone);
    TextField(f, "customers.field.email", "card.email", c.Email);
    CardDateField(f, "customers.field.acquired", "card.acquired", c.Acquired);
    EndRow(f);
    CheckField(f, "customers.field.showed_interest", "card.showed_interest", c.ShowedInterest);
    if (c.ShowedInterest) CardDateField(f, "customers.field.interest_date", "card.interest_date", c.InterestDate);
    EndRow(f);

    SubHeading(state, "customers.contacts");
    ui::MutedText(state.T("customers.contacts_help"));
    int remove = -1;
    for (size_t i = 0; i < c.Contacts.size(); ++i) {
        profila::ContactPerson& person = c.Contacts[i];
        ImGui::PushID(static_cast<int>(i));
        std::string n = std::to_string(i);
        TextField(f, "customers.field.contact_person", ("card.contact." + n + ".name").c_str(), person.Name);
        TextField(f, "customers.field.role", ("card.contact." + n + ".role").c_str(), person.Role);
        TextField(f, "customers.field.phone", ("card.contact." + n + ".phone").c_str(), person.Phone);
        TextField(f, "customers.field.email", ("card.contact." + n + ".email").c_str(), person.Email);
        EndRow(f);
        if (ui::SecondaryButton(LabelIcon(ICON_TRASH, state.T("customers.remove_contact"), ("card.contact." + n + ".remove").c_str()).c_str(),
                                ImVec2(0, ui::Em(2.6f))))
            remove = static_cast<int>(i);
        ImGui::Separator();
        ImGui::PopID();
    }
    if (remove >= 0) {
        c.Contacts.erase(c.Contacts.begin() + remove);
        f.Changed = true;
    }
    if (ui::SecondaryButton(LabelIcon(ICON_PLUS, state.T("customers.add_contact"), "card.contact.add").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        c.Contacts.emplace_back();
        f.Changed = true;
    }
}

void DrawPlace(Form& f, profila::Customer& c) {
    TextField(f, "customers.field.address", "card.address", c.Address);
    TextField(f, "customers.field.city", "card.city", c.City);
    TextField(f, "customers.field.postcode", "card.postcode", c.Postcode);
    TextField(f, "customers.field.region", "card.region", c.Region);
    TextField(f, "customers.field.country", "card.country", c.Country);
    TextField(f, "customers.field.place_type", "card.place_type", c.PlaceType, "customers.hint.place_type");
}

void DrawProfile(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    bool business = c.Kind == profila::CustomerKind::Business || c.Kind == profila::CustomerKind::Professional;
    if (business) {
        ui::MutedText(state.T("customers.profile_business_help"));
        profila::BusinessProfile& b = c.Business;
        TextField(f, "customers.field.activity_type", "card.activity_type", b.ActivityType);
        TextField(f, "customers.field.sector", "card.sector", b.Sector);
        TextField(f, "customers.field.size_band", "card.size_band", b.SizeBand, "customers.hint.size_band");
        OptionalIntField(f, "customers.field.employees", "card.employees", b.Employees, profila::kEmployeesRange.Lo, profila::kEmployeesRange.Hi);
        TextField(f, "customers.field.turnover_band", "card.turnover_band", b.TurnoverBand);
        TextField(f, "customers.field.clientele", "card.clientele", b.Clientele);
        TextField(f, "customers.field.operating_area", "card.operating_area", b.OperatingArea);
        EndRow(f);
        SubHeading(state, "customers.contact_person_profile");
    } else {
        ui::MutedText(state.T("customers.profile_private_help"));
    }
    profila::Demographics& d = c.People;
    OptionalIntField(f, "customers.field.age", "card.age", d.Age, profila::kAgeRange.Lo, profila::kAgeRange.Hi);
    OptionalIntField(f, "customers.field.birth_year", "card.birth_year", d.BirthYear, 1880, 2200);
    EnumChoiceField(f, "customers.field.gender", "card.gender", d.Sex,
                    {"customers.gender.unknown", "customers.gender.female", "customers.gender.male", "customers.gender.other"},
                    {"unknown", "female", "male", "other"});
    TextField(f, "customers.field.education", "card.education", d.Education);
    TextField(f, "customers.field.income_band", "card.income_band", d.IncomeBand);
    TextField(f, "customers.field.family_status", "card.family_status", d.FamilyStatus);
    TextField(f, "customers.field.occupation", "card.occupation", d.Occupation);
}

void DrawMind(Form& f, profila::Customer& c) {
    ui::MutedText(f.State->T("customers.mind_help"));
    profila::Psychographics& m = c.Mind;
    TextField(f, "customers.field.personality", "card.personality", m.Personality);
    TextField(f, "customers.field.attitudes", "card.attitudes", m.Attitudes);
    TextField(f, "customers.field.values", "card.values", m.Values);
    TextField(f, "customers.field.interests", "card.interests", m.Interests);
    TextField(f, "customers.field.lifestyle", "card.lifestyle", m.Lifestyle);
    ListField(f, "customers.field.media", "card.media", m.Media);
}

void DrawHabits(Form& f, profila::Customer& c) {
    profila::BuyingHabits& h = c.Habits;
    ListField(f, "customers.field.channels", "card.channels", h.Channels);
    ListField(f, "customers.field.payment_methods", "card.payment_methods", h.PaymentMethods);
    TextField(f, "customers.field.preferred_times", "card.preferred_times", h.PreferredTimes);
    EndRow(f);
    WideTextField(f, "customers.field.motives", "card.motives", h.Motives, 2);
    WideTextField(f, "customers.field.needs", "card.needs", h.Needs, 2);
    WideTextField(f, "customers.field.problems", "card.problems", h.Problems, 2);
}

void DrawJudgement(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    ui::MutedText(state.T("customers.judgement_help"));
    profila::OwnerJudgement& j = c.Judgement;
    CheckField(f, "customers.field.benchmark", "card.benchmark", j.Benchmark);
    CheckField(f, "customers.field.door_opener", "card.door_opener", j.DoorOpener);
    CheckField(f, "customers.field.inspiring", "card.inspiring", j.Inspiring);
    EndRow(f);
    EnumChoiceField(f, "customers.field.orientation", "card.orientation", j.Orient,
                    {"customers.orientation.unknown", "customers.orientation.cost", "customers.orientation.value",
                     "customers.orientation.technology"},
                    {"unknown", "cost", "value", "technology"});
    EnumChoiceField(f, "customers.field.stage", "card.stage", j.Stage,
                    {"customers.stage.unknown", "customers.stage.reaching", "customers.stage.acquisition", "customers.stage.conversion",
                     "customers.stage.retention", "customers.stage.inspiration"},
                    {"unknown", "reaching", "acquisition", "conversion", "retention", "inspiration"});
    WideTextField(f, "customers.field.potential", "card.potential", j.Potential, 2);
}

void DrawTags(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    CustomersView& view = state.Customers;
    BeginField(f, state.T("customers.field.tags"), true);
    float right = ImGui::GetCursorScreenPos().x + FullWidth(f);
    int remove = -1;
    for (size_t i = 0; i < c.Tags.size(); ++i) {
        std::string label = "#" + c.Tags[i] + "  " ICON_TIMES "##card.tag." + std::to_string(i);
        float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        if (i > 0) {
            ImGui::SameLine(0, ui::Em(0.4f));
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        if (ImGui::Button(label.c_str(), ImVec2(w, ui::Em(2.6f)))) remove = static_cast<int>(i);
    }
    if (c.Tags.empty()) ui::MutedText(state.T("customers.no_tags"));
    EndField(f, true);
    if (remove >= 0) {
        c.Tags.erase(c.Tags.begin() + remove);
        f.Changed = true;
    }
    BeginField(f, state.T("customers.add_tag"));
    bool enter = ImGui::InputTextWithHint("##card.tag_input", state.T("customers.tag_hint"), view.TagInput, sizeof view.TagInput,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    EndField(f);
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    bool add = ui::SecondaryButton(LabelIcon(ICON_PLUS, state.T("customers.add"), "card.tag_add").c_str(), ImVec2(0, ui::Em(2.6f)));
    if (enter || add) {
        for (const std::string& tag : SplitList(view.TagInput))
            if (std::find(c.Tags.begin(), c.Tags.end(), tag) == c.Tags.end()) {
                c.Tags.push_back(tag);
                f.Changed = true;
            }
        view.TagInput[0] = '\0';
    }
    EndRow(f);
    WideTextField(f, "customers.field.notes", "card.notes", c.Notes, 6);
}

// ---- [SECTION] Purchases ----------------------------------------------------------------------------
std::string NewPurchaseId(const profila::Customer& c) {
    for (size_t n = c.Purchases.size() + 1;; ++n) {
        std::string id = c.Id + "-p" + std::to_string(n);
        bool used = false;
        for (const profila::Purchase& p : c.Purchases) used = used || p.Id == id;
        if (!used) return id;
    }
}

void DrawPurchaseForm(Form& f, profila::Customer& c, size_t index) {
    AppState& state = *f.State;
    profila::Purchase& p = c.Purchases[index];
    ui::BeginPanel("##card.purchase_form", ImVec2(ImGui::GetContentRegionAvail().x, 0));
    ui::Heading(state.UiFonts.Heading, state.T("customers.purchase.edit_title"));
    Form pf = BeginForm(state);
    CardDateField(pf, "customers.purchase.date", "purchase.date", p.When);
    DoubleField(pf, "customers.purchase.amount", "purchase.amount", p.Amount, 0.0, profila::kMaxAmount);
    OptionalDoubleField(pf, "customers.purchase.cost", "purchase.cost", p.Cost, 0.0, profila::kMaxAmount);
    OptionalDoubleField(pf, "customers.purchase.margin", "purchase.margin", p.Margin, -profila::kMaxAmount, profila::kMaxAmount);
    std::optional<int> quantity = p.Quantity;
    OptionalIntField(pf, "customers.purchase.quantity", "purchase.quantity", quantity, 1, 1000000);
    if (quantity) p.Quantity = *quantity;
    DoubleField(pf, "customers.purchase.discount", "purchase.discount", p.DiscountPercent, 0.0, profila::kMaxDiscountPercent, 0);
    TextField(pf, "customers.purchase.category", "purchase.category", p.Category);
    TextField(pf, "customers.purchase.product", "purchase.product", p.Product);
    TextField(pf, "customers.purchase.channel", "purchase.channel", p.Channel);
    TextField(pf, "customers.purchase.payment", "purchase.payment", p.PaymentMethod);
    std::optional<int> late = p.DaysPaidLate;
    OptionalIntField(pf, "customers.purchase.days_late", "purchase.days_late", late, profila::kDaysLateRange.Lo, profila::kDaysLateRange.Hi);
    p.DaysPaidLate = late.value_or(0);
    EndRow(pf);
    CheckField(pf, "customers.purchase.cancelled", "purchase.cancelled", p.Cancelled);
    CheckField(pf, "customers.purchase.changed", "purchase.changed", p.Changed);
    EndRow(pf);
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    if (ui::PrimaryButton(LabelIcon(ICON_CHECK, state.T("customers.purchase.done"), "purchase.done").c_str(), ImVec2(ui::Em(8.0f), ui::Em(2.6f))))
        state.Customers.SelectedPurchase = -1;
    ImGui::SameLine();
    if (ui::SecondaryButton(LabelIcon(ICON_TRASH, state.T("customers.purchase.delete"), "purchase.delete").c_str(),
                            ImVec2(0, ui::Em(2.6f)))) {
        const profila::Customer* before = FindCustomer(state.Doc, c.Id);
        if (before) ShowUndoToast(state, state.T("customers.toast.purchase_deleted"), {*before}, {});
        c.Purchases.erase(c.Purchases.begin() + static_cast<long>(index));
        state.Customers.SelectedPurchase = -1;
        pf.Changed = true;
    }
    ui::EndPanel();
    f.Changed = f.Changed || pf.Changed;
}

void DrawPurchases(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    CustomersView& view = state.Customers;
    double total = 0.0;
    int count = 0;
    for (const profila::Purchase& p : c.Purchases)
        if (!p.Cancelled) total += p.Amount, ++count;
    std::string summary = profila::FormatText(state.T("customers.purchase.summary"), {std::to_string(count), FormatMoney(state, total)});
    ui::MutedText(summary.c_str());
    if (ui::PrimaryButton(LabelIcon(ICON_PLUS, state.T("customers.purchase.add"), "purchase.add").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        profila::Purchase p;
        p.Id = NewPurchaseId(c);
        p.When = Today();
        c.Purchases.push_back(p);
        view.SelectedPurchase = static_cast<int>(c.Purchases.size()) - 1;
        view.BadNumbers.clear();
        view.Dates.erase("purchase.date");
        f.Changed = true;
    }
    if (view.SelectedPurchase >= static_cast<int>(c.Purchases.size())) view.SelectedPurchase = -1;
    if (view.SelectedPurchase >= 0) DrawPurchaseForm(f, c, static_cast<size_t>(view.SelectedPurchase));
    if (c.Purchases.empty()) {
        ui::Paragraph(state.T("customers.purchase.none"));
        return;
    }
    // Newest first.
    std::vector<int> order(c.Purchases.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return c.Purchases[a].When.Days > c.Purchases[b].When.Days; });

    bool narrow = ImGui::GetContentRegionAvail().x < ui::Em(36.0f);
    int columns = narrow ? 4 : 6;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp;
    float row_h = ui::Em(2.6f);
    float height = std::min(ImGui::GetTextLineHeightWithSpacing() * 2 + row_h * static_cast<float>(order.size() + 1), ui::Em(26.0f));
    int clicked = -1;
    if (ImGui::BeginTable("##card.purchases", columns, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.T("customers.purchase.date"), ImGuiTableColumnFlags_WidthFixed, ui::Em(7.0f));
        ImGui::TableSetupColumn(state.T("customers.purchase.amount"), ImGuiTableColumnFlags_WidthFixed, ui::Em(7.0f));
        ImGui::TableSetupColumn(state.T("customers.purchase.what"), ImGuiTableColumnFlags_WidthStretch);
        if (!narrow) {
            ImGui::TableSetupColumn(state.T("customers.purchase.channel"), ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn(state.T("customers.purchase.payment"), ImGuiTableColumnFlags_WidthStretch);
        }
        ImGui::TableSetupColumn(state.T("customers.purchase.notes"), ImGuiTableColumnFlags_WidthFixed, ui::Em(narrow ? 3.0f : 7.0f));
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(order.size()), row_h);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                int i = order[static_cast<size_t>(r)];
                const profila::Purchase& p = c.Purchases[static_cast<size_t>(i)];
                ImGui::TableNextRow(0, row_h);
                ImGui::TableNextColumn();
                std::string label = FormatDate(p.When) + "##purchase.row." + std::to_string(i);
                if (ImGui::Selectable(label.c_str(), view.SelectedPurchase == i, ImGuiSelectableFlags_SpanAllColumns,
                                      ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2)))
                    clicked = i;
                // The cells are text for the accessible mirror and tests too (the row's key is its date).
                auto cell = [](const std::string& text) {
                    ImGui::TextUnformatted(text.c_str());
                    if (!text.empty())
                        item_registry::AddText(item_registry::Role::Text, text.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
                };
                ImGui::TableNextColumn();
                cell(FormatMoney(state, p.Amount));
                ImGui::TableNextColumn();
                std::string what = p.Category;
                if (!p.Product.empty()) what += (what.empty() ? "" : " \xC2\xB7 ") + p.Product;
                cell(what);
                if (!narrow) {
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(p.Channel.c_str());
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(p.PaymentMethod.c_str());
                }
                ImGui::TableNextColumn();
                std::string marks;
                if (p.Cancelled) marks += narrow ? ICON_TIMES " " : std::string(state.T("customers.purchase.cancelled_short")) + " ";
                if (p.DiscountPercent > 0) marks += "-" + FormatNumber(state, p.DiscountPercent, 0) + "% ";
                if (p.DaysPaidLate > 0) marks += ICON_CALENDAR;
                ImGui::TextUnformatted(marks.c_str());
            }
        }
        ImGui::EndTable();
    }
    if (clicked >= 0) {
        view.SelectedPurchase = view.SelectedPurchase == clicked ? -1 : clicked;
        view.BadNumbers.clear();
        view.Dates.erase("purchase.date");
    }
}

// ---- [SECTION] Other histories ----------------------------------------------------------------------
// Each entry is a small form in a panel with a remove button; "add" puts a new one on top.
template <typename T, typename DrawFn>
void HistoryList(Form& f, const char* title_key, const char* add_key, const char* key, std::vector<T>& entries, DrawFn draw_entry) {
    AppState& state = *f.State;
    SubHeading(state, title_key);
    std::string add_id = std::string("add.") + key;
    if (ui::SecondaryButton(LabelIcon(ICON_PLUS, state.T(add_key), add_id.c_str()).c_str(), ImVec2(0, ui::Em(2.6f)))) {
        T entry;
        entry.When = Today();
        entries.insert(entries.begin(), entry);
        // Field texts are kept by position: start them afresh.
        state.Customers.Dates.clear();
        state.Customers.BadNumbers.clear();
        f.Changed = true;
    }
    int remove = -1;
    for (size_t i = 0; i < entries.size(); ++i) {
        ImGui::PushID(key);
        ImGui::PushID(static_cast<int>(i));
        std::string panel = std::string("##") + key + "." + std::to_string(i);
        ui::BeginPanel(panel.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 0));
        Form ef = BeginForm(state);
        std::string prefix = std::string(key) + "." + std::to_string(i) + ".";
        draw_entry(ef, entries[i], prefix);
        EndRow(ef);
        std::string remove_id = prefix + "remove";
        if (ui::SecondaryButton(LabelIcon(ICON_TRASH, state.T("customers.remove"), remove_id.c_str()).c_str(), ImVec2(0, ui::Em(2.6f))))
            remove = static_cast<int>(i);
        ui::EndPanel();
        f.Changed = f.Changed || ef.Changed;
        ImGui::PopID();
        ImGui::PopID();
    }
    if (remove >= 0) {
        entries.erase(entries.begin() + remove);
        state.Customers.Dates.clear();
        state.Customers.BadNumbers.clear();
        f.Changed = true;
    }
}

void DrawHistories(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    ui::MutedText(state.T("customers.history_help"));
    HistoryList(f, "customers.requests", "customers.requests.add", "request", c.Requests,
                [&](Form& ef, profila::ServiceRequest& r, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), r.When);
                    TextField(ef, "customers.requests.topic", (k + "topic").c_str(), r.Topic);
                    EndRow(ef);
                    CheckField(ef, "customers.requests.after_sales", (k + "after_sales").c_str(), r.AfterSales);
                    CheckField(ef, "customers.requests.met", (k + "met").c_str(), r.Met);
                    if (!r.Met) TextField(ef, "customers.requests.why_not", (k + "why").c_str(), r.WhyNotMet);
                });
    HistoryList(f, "customers.satisfaction", "customers.satisfaction.add", "score", c.Satisfaction,
                [&](Form& ef, profila::SatisfactionScore& s, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), s.When);
                    TextField(ef, "customers.satisfaction.about", (k + "about").c_str(), s.About);
                    int score = std::clamp(s.Score, 0, 5);
                    ChoiceField(ef, "customers.satisfaction.score", (k + "value").c_str(), score,
                                {"customers.satisfaction.none", "customers.satisfaction.1", "customers.satisfaction.2",
                                 "customers.satisfaction.3", "customers.satisfaction.4", "customers.satisfaction.5"},
                                {"0", "1", "2", "3", "4", "5"});
                    s.Score = score;
                });
    HistoryList(f, "customers.complaints", "customers.complaints.add", "complaint", c.Complaints,
                [&](Form& ef, profila::Complaint& x, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), x.When);
                    TextField(ef, "customers.complaints.reason", (k + "reason").c_str(), x.Reason);
                    CheckField(ef, "customers.complaints.resolved", (k + "resolved").c_str(), x.Resolved);
                });
    HistoryList(f, "customers.communications", "customers.communications.add", "communication", c.Communications,
                [&](Form& ef, profila::Communication& m, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), m.When);
                    TextField(ef, "customers.communications.channel", (k + "channel").c_str(), m.Channel);
                    TextField(ef, "customers.communications.subject", (k + "subject").c_str(), m.Subject);
                    EndRow(ef);
                    CheckField(ef, "customers.communications.promotion", (k + "promotion").c_str(), m.IsPromotion);
                    CheckField(ef, "customers.communications.planned", (k + "planned").c_str(), m.Planned);
                    EnumChoiceField(ef, "customers.communications.response", (k + "response").c_str(), m.Response,
                                    {"customers.response.none", "customers.response.opened", "customers.response.replied",
                                     "customers.response.bought"},
                                    {"none", "opened", "replied", "bought"});
                });
    HistoryList(f, "customers.proposals", "customers.proposals.add", "proposal", c.Proposals,
                [&](Form& ef, profila::Proposal& x, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), x.When);
                    TextField(ef, "customers.proposals.what", (k + "what").c_str(), x.What);
                    CardDateField(ef, "customers.proposals.due", (k + "due").c_str(), x.Due);
                    EnumChoiceField(ef, "customers.proposals.status", (k + "status").c_str(), x.Status,
                                    {"customers.proposal.planned", "customers.proposal.made", "customers.proposal.accepted",
                                     "customers.proposal.refused"},
                                    {"planned", "made", "accepted", "refused"});
                });
}

}  // namespace

// ---- [SECTION] Editor -------------------------------------------------------------------------------
void DrawCustomerCard(AppState& state) {
    CustomersView& view = state.Customers;
    const profila::Customer* stored = FindCustomer(state.Doc, view.EditingId);
    if (!stored) {
        view.Mode = CustomersMode::List;
        return;
    }
    // The document's copy moved on (another tab, an undo): edit that one.
    if (stored->Revision != view.DraftRevision) {
        view.Draft = *stored;
        view.DraftRevision = stored->Revision;
    }
    profila::Customer& c = view.Draft;

    // Header: back, the name, duplicate and delete.
    if (ui::SecondaryButton(LabelIcon(ICON_CHEVRON_L, state.T("customers.back"), "card.back").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        view.Mode = CustomersMode::List;
        return;
    }
    ImGui::SameLine();
    float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    std::string dup = LabelIcon(ICON_COPY, state.T("customers.duplicate"), "card.duplicate");
    std::string del = LabelIcon(ICON_TRASH, state.T("customers.delete"), "card.delete");
    float dup_w = ImGui::CalcTextSize(dup.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    float del_w = ImGui::CalcTextSize(del.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorScreenPos(ImVec2(right - dup_w - del_w - ImGui::GetStyle().ItemSpacing.x, ImGui::GetCursorScreenPos().y));
    bool duplicate = ui::SecondaryButton(dup.c_str(), ImVec2(dup_w, ui::Em(2.6f)));
    ImGui::SameLine();
    if (ui::SecondaryButton(del.c_str(), ImVec2(del_w, ui::Em(2.6f)))) {
        view.ConfirmDelete = true;
        ImGui::OpenPopup("##card.confirm_delete");
    }
    std::string title = !c.Name.empty() ? c.Name : !c.Company.empty() ? c.Company : state.T("customers.new_customer");
    ui::Heading(state.UiFonts.Title, title.c_str());
    if (!c.Name.empty() && !c.Company.empty()) ui::MutedText(c.Company.c_str());

    // Delete, after confirmation; undo from the toast.
    bool do_delete = false;
    ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ui::Em(26.0f), ImGui::GetMainViewport()->Size.x - ui::Em(2.0f)), 0));
    if (ImGui::BeginPopupModal("##card.confirm_delete", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize)) {
        ui::Heading(state.UiFonts.Heading, profila::FormatText(state.T("customers.confirm_delete.title"), {title}).c_str());
        ui::Paragraph(state.T("customers.confirm_delete.text"));
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        if (ui::SecondaryButton(Label(state.T("common.cancel"), "confirm.cancel").c_str(), ImVec2(w, ui::Em(2.6f)))) {
            view.ConfirmDelete = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, ui::Colors().Bad);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui::Colors().Bad);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().OnPrimary);
        if (ImGui::Button(LabelIcon(ICON_TRASH, state.T("customers.delete"), "confirm.delete").c_str(), ImVec2(w, ui::Em(2.6f)))) {
            do_delete = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor(3);
        ImGui::EndPopup();
    }
    if (do_delete) {
        DeleteCustomerWithUndo(state, c.Id);
        return;
    }
    if (duplicate) {
        DuplicateCustomer(state, c.Id);
        return;
    }

    // The rest scrolls under the header.
    ImGui::BeginChild("##card.body", ImVec2(0, 0), ImGuiChildFlags_None);
    DrawCompleteness(state, c);
    ImGui::Dummy(ui::EmVec(0, 0.2f));

    // Sections as a row of tappable choices that wraps.
    float sections_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (int i = 0; i < kSectionCount; ++i) {
        const char* text = state.T(kSections[i].TitleKey);
        std::string label = std::string(text) + "##section." + kSections[i].Key;
        float w = ImGui::CalcTextSize(text).x + ImGui::GetStyle().FramePadding.x * 2;
        if (i > 0) {
            ImGui::SameLine(0, ui::Em(0.4f));
            if (ImGui::GetCursorScreenPos().x + w > sections_right) ImGui::NewLine();
        }
        if (ui::ChoiceButton(label.c_str(), view.Section == i, ImVec2(w, ui::Em(2.6f)))) {
            view.Section = i;
            view.BadNumbers.clear();
        }
    }
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, state.T(kSections[view.Section].TitleKey));

    Form f = BeginForm(state);
    switch (view.Section) {
        case 0: DrawIdentity(f, c); break;
        case 1: DrawPlace(f, c); break;
        case 2: DrawProfile(f, c); break;
        case 3: DrawMind(f, c); break;
        case 4: DrawHabits(f, c); break;
        case 5:
            DrawJudgement(f, c);
#ifdef PROFILA_HAS_ANALYSIS_PANEL
            ImGui::Dummy(ui::EmVec(0, 0.4f));
            DrawCustomerAnalysisPanel(state, c);
#endif
            break;
        case 6: DrawTags(f, c); break;
        case kPurchasesSection: DrawPurchases(f, c); break;
        default: DrawHistories(f, c); break;
    }
    ImGui::Dummy(ui::EmVec(0, 4.0f));  // room above the toast
    ImGui::EndChild();

    if (f.Changed) {
        CommitCustomer(state.Doc, c, NowSeconds());
        if (const profila::Customer* now = FindCustomer(state.Doc, c.Id)) view.DraftRevision = now->Revision;
    }
}
