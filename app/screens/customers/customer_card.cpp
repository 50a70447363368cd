// The customer card editor: the card of shared/DOMAIN.md sections 1 and 2 in sections (identity
// and contacts, place, demographics or business data, psychographics, buying habits, the owner's
// judgement, tags and notes) and the histories (purchases first: a table with add, edit, delete;
// then requests, satisfaction, complaints, communications, proposals). Every change is committed
// to the document at once (the store saves within a second); dates and numbers that do not parse
// stay in their field with a red message naming it, and the stored value is not touched.
//
// Files: card_form.h and card_fields.cpp (the form layout and its fields), card_histories.cpp
// (purchases and the other histories).
//
// [SECTION] Header and completeness
// [SECTION] Card sections
// [SECTION] Editor
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
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "ui/date_field.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#if __has_include("screens/analysis/analysis_panel.h")
#include "screens/analysis/analysis_panel.h"
#define PROFILA_HAS_ANALYSIS_PANEL 1
#endif

namespace card_ui {

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
    {"customers.section.history", "history"},     {"privacy.section", "privacy"},
};
constexpr int kSectionCount = static_cast<int>(sizeof kSections / sizeof kSections[0]);
constexpr int kPurchasesSection = 7;
constexpr int kPrivacySection = 9;

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
    // Read from e-invoices and used to match them to this card (issue 16).
    TextField(f, "customers.field.vat_number", "card.vat_number", c.VatNumber);
    TextField(f, "customers.field.fiscal_code", "card.fiscal_code", c.FiscalCode);
    TextField(f, "customers.field.place_type", "card.place_type", c.PlaceType, "customers.hint.place_type");
}

void DrawProfile(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    bool business = c.Kind == profila::CustomerKind::Business || c.Kind == profila::CustomerKind::Professional;
    if (business) {
        ui::MutedText(state.T("customers.profile_business_help"));
        profila::BusinessProfile& b = *c.Business;
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
    profila::Demographics& d = *c.People;
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
    profila::Psychographics& m = *c.Mind;
    TextField(f, "customers.field.personality", "card.personality", m.Personality);
    TextField(f, "customers.field.attitudes", "card.attitudes", m.Attitudes);
    TextField(f, "customers.field.values", "card.values", m.Values);
    TextField(f, "customers.field.interests", "card.interests", m.Interests);
    TextField(f, "customers.field.lifestyle", "card.lifestyle", m.Lifestyle);
    ListField(f, "customers.field.media", "card.media", m.Media);
}

void DrawHabits(Form& f, profila::Customer& c) {
    profila::BuyingHabits& h = *c.Habits;
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
    profila::OwnerJudgement& j = *c.Judgement;
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

}  // namespace card_ui

using namespace card_ui;

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
        case kPrivacySection: DrawPrivacy(f, c); break;
        default: DrawHistories(f, c); break;
    }
    ImGui::Dummy(ui::EmVec(0, 4.0f));  // room above the toast
    ImGui::EndChild();

    if (f.Changed) {
        CommitCustomer(state.Doc, c, NowSeconds());
        if (const profila::Customer* now = FindCustomer(state.Doc, c.Id)) view.DraftRevision = now->Revision;
    }
}
