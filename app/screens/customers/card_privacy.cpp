// The customer card's Privacy section (issue 18): consent per channel (given or withdrawn, when,
// how), objecting to profiling, "Export this customer's data" and "Forget this customer"; and the
// contact list export that leaves out those without consent. Each part says in a line why it exists.
//
// [SECTION] Texts
// [SECTION] Person's data and forgetting
// [SECTION] Contact lists
// [SECTION] Card section
#include <algorithm>
#include <string>
#include <vector>

#include "card_form.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "privacy/privacy.h"
#include "store/store.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#if __has_include("screens/analysis/analysis_panel.h")
#include "screens/analysis/analysis_panel.h"
#define PROFILA_HAS_ANALYSIS_PANEL 1
#endif

namespace {
constexpr profila::ContactChannel kChannels[] = {profila::ContactChannel::Email, profila::ContactChannel::Phone,
                                                 profila::ContactChannel::Messaging, profila::ContactChannel::Post};

std::string ChannelText(const AppState& state, profila::ContactChannel c) {
    return state.T(("privacy.channel." + std::string(profila::ContactChannelName(c))).c_str());
}

std::string Name(const profila::Customer& c) { return !c.Name.empty() ? c.Name : !c.Company.empty() ? c.Company : c.Id; }
}  // namespace

// ---- [SECTION] Texts ----------------------------------------------------------------------------------
std::string ConsentReasonText(const AppState& state, const profila::Reason& why) {
    const std::string code = why.Code;
    std::vector<std::string> args;
    std::string key = "privacy.reason." + code.substr(code.find('.') + 1);
    if (code == "privacy.consent_given" || code == "privacy.consent_withdrawn") {
        if (why.Figures[0] < 0) key += "_undated";
        else args.push_back(std::to_string(static_cast<int>(why.Figures[0])));
    } else if (code == "privacy.withdrawn_channel") {
        args.push_back(ChannelText(state, static_cast<profila::ContactChannel>(static_cast<int>(why.Figures[0]))));
    }
    return profila::FormatText(state.T(key.c_str()), args);
}

// ---- [SECTION] Person's data and forgetting ---------------------------------------------------------
std::string PersonDataText(AppState& state, const std::string& id, const std::string& format) {
    const profila::Customer* c = FindCustomer(state.Doc, id);
    if (!c) return "";
    profila::PersonDataExtra extra;
    extra.Title = profila::FormatText(state.T("privacy.person_title"), {Name(*c)});
    extra.GeneratedOn = profila::FormatIsoDate(ui::Today());
    extra.Business = state.Doc.Settings.BusinessName;
    const profila::Date today = ui::Today();
    for (profila::ContactChannel ch : kChannels)
        extra.AnalysisLines.push_back(ChannelText(state, ch) + ": " + ConsentReasonText(state, profila::MayContact(*c, ch, today).Why));
    if (c->Privacy->ObjectsToProfiling) {
        extra.AnalysisLines.push_back(state.T("privacy.not_profiled"));
    } else {
#ifdef PROFILA_HAS_ANALYSIS_PANEL
        for (std::string& line : CustomerAnalysisLines(state, *c)) extra.AnalysisLines.push_back(std::move(line));
#endif
    }
    return format == "json" ? profila::PersonDataJson(*c, extra) : profila::PersonDataMarkdown(*c, extra);
}

void ExportPersonData(AppState& state, const std::string& id) {
    const profila::Customer* c = FindCustomer(state.Doc, id);
    if (!c) return;
    std::string base = ui::SafeFileName(Name(*c));
    if (base.empty()) base = "customer";
    base += "-" + profila::FormatIsoDate(ui::Today());
    DownloadFile(base + ".md", "text/markdown", PersonDataText(state, id, "md"));
    DownloadFile(base + ".json", "application/json", PersonDataText(state, id, "json"));
    state.Customers.PrivacyMessage = profila::FormatText(state.T("privacy.exported_person"), {base + ".md", base + ".json"});
}

uint64_t ForgetCustomer(AppState& state, const std::string& id) {
    const profila::Customer* c = FindCustomer(state.Doc, id);
    if (!c) return 0;
    const std::string name = Name(*c);
    const uint64_t serial = ForgetCustomers(state.Doc, {id}, NowSeconds());
    // No copy stays on screen either: the editor's draft, an undo that could bring them back.
    CustomersView& view = state.Customers;
    view.Mode = CustomersMode::List;
    view.EditingId.clear();
    view.Draft = profila::Customer{};
    view.ConfirmForget = false;
    state.Analysis.SelectedId.clear();
    ShowUndoToast(state, profila::FormatText(state.T("privacy.forgotten_toast"), {name}), {}, {}, serial);
    return serial;
}

// ---- [SECTION] Contact lists ---------------------------------------------------------------------------
std::string ContactListText(AppState& state, profila::ContactChannel channel, std::vector<std::string>* left) {
    std::vector<profila::ContactSplit::LeftOut> out;
    std::string csv = profila::ContactListCsv(state.Doc.Data.Customers, channel, ui::Today(), &out);
    if (left)
        for (const auto& l : out) left->push_back(Name(state.Doc.Data.Customers[l.Index]) + ": " + ConsentReasonText(state, l.Why));
    return csv;
}

void ExportContactList(AppState& state, profila::ContactChannel channel) {
    std::vector<std::string> left;
    std::string csv = ContactListText(state, channel, &left);
    const std::string name = "contacts-" + std::string(profila::ContactChannelName(channel)) + "-" + profila::FormatIsoDate(ui::Today()) + ".csv";
    DownloadFile(name, "text/csv", csv);
    const size_t kept = state.Doc.Data.Customers.size() - left.size();
    state.Customers.ListMessage = profila::FormatText(state.T("privacy.contacts_exported"),
                                                      {std::to_string(kept), ChannelText(state, channel), std::to_string(left.size())});
}

// ---- [SECTION] Card section ----------------------------------------------------------------------------
namespace card_ui {

void DrawPrivacy(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    CustomersView& view = state.Customers;
    ui::MutedText(state.T("privacy.consent_why"));
    const profila::Date today = ui::Today();
    for (profila::ContactChannel ch : kChannels) {
        const std::string id = profila::ContactChannelName(ch);
        const std::string state_key = "card.consent." + id, date_key = "card.consent_date." + id, how_key = "card.consent_how." + id;
        profila::ChannelConsent& consent = c.Privacy->Of(ch);
        ImGui::PushID(id.c_str());
        ImGui::Dummy(ui::EmVec(0, 0.2f));
        ui::Heading(state.UiFonts.Heading, ChannelText(state, ch).c_str());
        const profila::ConsentState before = consent.State;
        EnumChoiceField(f, "privacy.field.consent", state_key.c_str(), consent.State,
                        {"privacy.state.not_recorded", "privacy.state.given", "privacy.state.withdrawn"},
                        {"not_recorded", "given", "withdrawn"});
        // A new answer is dated today unless the owner says otherwise.
        if (consent.State != before && consent.State != profila::ConsentState::NotRecorded) consent.When = today;
        if (consent.State != profila::ConsentState::NotRecorded) {
            CardDateField(f, "privacy.field.date", date_key.c_str(), consent.When);
            EndRow(f);
            EnumChoiceField(f, "privacy.field.how", how_key.c_str(), consent.How,
                            {"privacy.how.unknown", "privacy.how.shop", "privacy.how.form", "privacy.how.email", "privacy.how.phone",
                             "privacy.how.other"},
                            {"unknown", "shop", "form", "email", "phone", "other"});
        }
        EndRow(f);
        ui::MutedText(ConsentReasonText(state, profila::MayContact(c, ch, today).Why).c_str());
        ImGui::PopID();
    }

    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, state.T("privacy.profiling_title"));
    ui::MutedText(state.T("privacy.profiling_why"));
    const bool objected = c.Privacy->ObjectsToProfiling;
    CheckField(f, "privacy.field.objects", "card.objects_to_profiling", c.Privacy->ObjectsToProfiling);
    if (c.Privacy->ObjectsToProfiling != objected) c.Privacy->ObjectedOn = c.Privacy->ObjectsToProfiling ? std::optional<profila::Date>(today) : std::nullopt;
    EndRow(f);

    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, state.T("privacy.rights_title"));
    ui::MutedText(state.T("privacy.export_why"));
    if (ui::SecondaryButton(LabelIcon(ICON_DOWNLOAD, state.T("privacy.export_person"), "card.export_person").c_str(), ImVec2(0, ui::Em(2.6f))))
        ExportPersonData(state, c.Id);
    if (!view.PrivacyMessage.empty()) ui::StatusMessage(ui::Tone::Good, view.PrivacyMessage.c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::MutedText(state.T("privacy.forget_why"));
    if (ui::SecondaryButton(LabelIcon(ICON_TRASH, state.T("privacy.forget"), "card.forget").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        view.ConfirmForget = true;
        ImGui::OpenPopup("##card.confirm_forget");
    }

    // The confirmation: what goes, that it cannot be undone, and what stays (only one-way hashes).
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ui::Em(28.0f), vp->Size.x - ui::Em(2.0f)), 0));
    if (ImGui::BeginPopupModal("##card.confirm_forget", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize)) {
        ui::Heading(state.UiFonts.Heading, profila::FormatText(state.T("privacy.forget_title"), {Name(c)}).c_str());
        ui::Paragraph(state.T("privacy.forget_text"));
        ui::StatusMessage(ui::Tone::Warning, state.T("privacy.forget_final"));
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        bool forget = false;
        if (ui::SecondaryButton(Label(state.T("common.cancel"), "forget.cancel").c_str(), ImVec2(w, ui::Em(2.6f)))) {
            view.ConfirmForget = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, ui::Colors().Bad);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui::Colors().Bad);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().OnPrimary);
        if (ImGui::Button(LabelIcon(ICON_TRASH, state.T("privacy.forget_confirm"), "forget.confirm").c_str(), ImVec2(w, ui::Em(2.6f)))) {
            forget = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor(3);
        ImGui::EndPopup();
        if (forget) {
            f.Changed = false;  // nothing of the card is committed again
            ForgetCustomer(state, c.Id);
        }
    }
}

}  // namespace card_ui
