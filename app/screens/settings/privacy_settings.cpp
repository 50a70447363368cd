// Settings > Privacy (issue 18): how long customers with no activity are kept. The owner picks a
// number of years; the screen lists who would be forgotten and forgets them only after a tap on
// the confirmation (store/document.h ForgetCustomers: the same path as "Forget this customer").
#include <string>
#include <vector>

#include "app.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "privacy/privacy.h"
#include "screens/screens.h"
#include "store/store.h"
#include "ui/date_field.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

void DrawPrivacySettings(AppState& state) {
    Document& doc = state.Doc;
    SettingsView& view = state.SettingsScreen;
    char label[192];
    ui::Heading(state.UiFonts.Heading, state.T("privacy.retention_title"));
    ui::MutedText(state.T("privacy.retention_why"));
    ImGui::TextUnformatted(state.T("privacy.retention_years"));
    const int choices[] = {0, 2, 3, 5, 10};
    ImGui::BeginDisabled(!doc.Loaded);
    for (int years : choices) {
        if (years != choices[0]) ui::SameLineIfFits(ui::Em(5.0f));
        if (years == 0) std::snprintf(label, sizeof label, "%s##retention.0", state.T("privacy.retention_off"));
        else std::snprintf(label, sizeof label, "%d##retention.%d", years, years);
        const float w = years == 0 ? ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 : ui::Em(5.0f);
        if (ui::ChoiceButton(label, doc.Settings.RetentionYears == years, ImVec2(w, 0)) && doc.Settings.RetentionYears != years) {
            WorkspaceSettings s = doc.Settings;
            s.RetentionYears = years;
            SetWorkspaceSettings(doc, std::move(s), ImGui::GetTime());
            view.RetentionMessage.clear();
        }
    }
    ImGui::EndDisabled();
    if (!view.RetentionMessage.empty()) ui::StatusMessage(ui::Tone::Good, view.RetentionMessage.c_str());
    const int years = doc.Settings.RetentionYears;
    if (years <= 0 || !doc.Loaded) return;
    // The preview: who would go, by name and last activity, before anything is forgotten.
    const std::vector<size_t> who = profila::RetentionCandidates(doc.Data, years, ui::Today());
    if (who.empty()) {
        ui::MutedText(state.T("privacy.retention_none"));
        return;
    }
    ui::StatusMessage(ui::Tone::Warning,
                      profila::FormatText(state.T("privacy.retention_preview"), {std::to_string(who.size()), std::to_string(years)}).c_str());
    for (size_t k = 0; k < who.size() && k < 30; ++k) {
        const profila::Customer& c = doc.Data.Customers[who[k]];
        const std::optional<profila::Date> last = profila::LastActivity(c);
        ui::Paragraph(((c.Name.empty() ? c.Company : c.Name) + " — " + (last ? ui::FormatUserDate(*last) : std::string())).c_str());
    }
    if (who.size() > 30) ui::MutedText(("+ " + std::to_string(who.size() - 30)).c_str());
    std::snprintf(label, sizeof label, "%s  %s##retention.forget", ICON_TRASH,
                  profila::FormatText(state.T("privacy.retention_confirm"), {std::to_string(who.size())}).c_str());
    if (ui::SecondaryButton(label, ImVec2(0, ui::Em(2.6f)))) {
        view.ConfirmRetention = true;
        ImGui::OpenPopup("##retention.confirm");
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ui::Em(28.0f), vp->Size.x - ui::Em(2.0f)), 0));
    if (ImGui::BeginPopupModal("##retention.confirm", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize)) {
        ui::Heading(state.UiFonts.Heading, profila::FormatText(state.T("privacy.retention_confirm"), {std::to_string(who.size())}).c_str());
        ui::Paragraph(state.T("privacy.forget_text"));
        ui::StatusMessage(ui::Tone::Warning, state.T("privacy.forget_final"));
        const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        std::snprintf(label, sizeof label, "%s##retention.cancel", state.T("common.cancel"));
        if (ui::SecondaryButton(label, ImVec2(w, ui::Em(2.6f)))) {
            view.ConfirmRetention = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, ui::Colors().Bad);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui::Colors().Bad);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().OnPrimary);
        std::snprintf(label, sizeof label, "%s  %s##retention.forget_confirm", ICON_TRASH, state.T("privacy.forget_confirm"));
        if (ImGui::Button(label, ImVec2(w, ui::Em(2.6f)))) {
            std::vector<std::string> ids;
            for (size_t i : who) ids.push_back(doc.Data.Customers[i].Id);
            ForgetCustomers(doc, ids, ImGui::GetTime());
            view.RetentionMessage = profila::FormatText(state.T("privacy.retention_done"), {std::to_string(ids.size())});
            view.ConfirmRetention = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor(3);
        ImGui::EndPopup();
    }
}
