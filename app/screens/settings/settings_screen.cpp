// Settings: language, theme, text size and the business name.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>

#include "app.h"
#include "imgui.h"
#include "screens/screens.h"
#include "screens/settings/sync_section.h"
#include "store/store.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/widgets.h"

namespace {
void DrawYourData(AppState& state);
}  // namespace

void DrawSettingsScreen(AppState& state) {
    ui::Heading(state.UiFonts.Title, state.T("settings.title"));
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    float field_w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(30.0f));

    ui::Heading(state.UiFonts.Heading, state.T("settings.business"));
    ui::MutedText(state.T("settings.business_help"));
    ImGui::SetNextItemWidth(field_w);
    char label[160];
    std::snprintf(label, sizeof label, "##%s", state.T("settings.business_name"));
    ImGui::TextUnformatted(state.T("settings.business_name"));
    SettingsView& view = state.SettingsScreen;
    // The field follows the workspace's stored name (another workspace, another tab) unless being typed in.
    if (view.BusinessNameShown != state.Doc.Settings.BusinessName && !view.EditingBusinessName) {
        view.BusinessNameShown = state.Doc.Settings.BusinessName;
        std::snprintf(view.BusinessName, sizeof view.BusinessName, "%s", view.BusinessNameShown.c_str());
    }
    ImGui::BeginDisabled(!state.Doc.Loaded);
    if (ImGui::InputTextWithHint(label, state.T("settings.business_hint"), view.BusinessName, sizeof view.BusinessName)) {
        SetBusinessName(state, view.BusinessName);
        view.BusinessNameShown = state.Doc.Settings.BusinessName;
    }
    view.EditingBusinessName = ImGui::IsItemActive();
    ImGui::EndDisabled();
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    ui::Heading(state.UiFonts.Heading, state.T("settings.language"));
    const char* language_names[std::size(profila::kAllLanguages)];
    int n_languages = 0;
    for (profila::Language lang : profila::kAllLanguages) language_names[n_languages++] = profila::LanguageNativeName(lang);
    float choice_w = ui::ChoiceWidth(language_names, n_languages, ui::Em(8.0f));
    bool first = true;
    for (profila::Language lang : profila::kAllLanguages) {
        if (!first) ui::SameLineIfFits(choice_w);
        first = false;
        std::snprintf(label, sizeof label, "%s##lang.%s", profila::LanguageNativeName(lang), profila::LanguageCode(lang));
        if (ui::ChoiceButton(label, state.Settings.Language == lang, ImVec2(choice_w, 0))) SetLanguage(state, lang);
    }
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    ui::Heading(state.UiFonts.Heading, state.T("settings.theme"));
    struct ThemeOption {
        ThemeChoice Choice;
        const char* Icon;
        const char* Key;
    };
    const ThemeOption themes[] = {{ThemeChoice::System, ICON_EYE, "settings.theme_system"},
                                  {ThemeChoice::Light, ICON_SUN, "settings.theme_light"},
                                  {ThemeChoice::Dark, ICON_MOON, "settings.theme_dark"}};
    std::string theme_labels[std::size(themes)];
    const char* theme_texts[std::size(themes)];
    for (size_t i = 0; i < std::size(themes); ++i) {
        theme_labels[i] = std::string(themes[i].Icon) + "  " + state.T(themes[i].Key);
        theme_texts[i] = theme_labels[i].c_str();
    }
    choice_w = ui::ChoiceWidth(theme_texts, static_cast<int>(std::size(themes)), ui::Em(8.0f));
    for (size_t i = 0; i < std::size(themes); ++i) {
        if (i > 0) ui::SameLineIfFits(choice_w);
        std::snprintf(label, sizeof label, "%s##%s", theme_texts[i], themes[i].Key);
        if (ui::ChoiceButton(label, state.Settings.Theme == themes[i].Choice, ImVec2(choice_w, 0))) SetTheme(state, themes[i].Choice);
    }
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    ui::Heading(state.UiFonts.Heading, state.T("settings.text_size"));
    const float scales[] = {1.0f, 1.15f, 1.3f, 1.5f};
    for (float scale : scales) {
        if (scale != scales[0]) ui::SameLineIfFits(ui::Em(5.0f));
        std::snprintf(label, sizeof label, "%d%%##text.%d", static_cast<int>(scale * 100 + 0.5f), static_cast<int>(scale * 100 + 0.5f));
        bool selected = std::abs(state.Settings.TextScale - scale) < 0.01f;
        if (ui::ChoiceButton(label, selected, ui::EmVec(5.0f, 0))) SetTextScale(state, scale);
    }
    ImGui::Dummy(ui::EmVec(0, 0.8f));
    // After the device's own settings, so the top of the screen stays as it was.
    ImGui::BeginDisabled(!state.Doc.Loaded);
    // The owner's VAT number, so imported e-invoices they received are told from those they issued.
    ui::Heading(state.UiFonts.Heading, state.T("settings.own_vat"));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + field_w);
    ui::MutedText(state.T("settings.own_vat_why"));
    ImGui::PopTextWrapPos();
    if (view.OwnVatNumberShown != state.Doc.Settings.OwnVatNumber && !view.EditingOwnVatNumber) {
        view.OwnVatNumberShown = state.Doc.Settings.OwnVatNumber;
        std::snprintf(view.OwnVatNumber, sizeof view.OwnVatNumber, "%s", view.OwnVatNumberShown.c_str());
    }
    ImGui::SetNextItemWidth(std::min(field_w, ui::Em(16.0f)));
    if (ImGui::InputTextWithHint("##settings.own_vat", "IT01234567890", view.OwnVatNumber, sizeof view.OwnVatNumber,
                                 ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_CharsNoBlank)) {
        SetOwnVatNumber(state, view.OwnVatNumber);
        view.OwnVatNumberShown = state.Doc.Settings.OwnVatNumber;
    }
    view.EditingOwnVatNumber = ImGui::IsItemActive();
    ImGui::EndDisabled();
    ImGui::Dummy(ui::EmVec(0, 0.8f));
    DrawYourData(state);
    ImGui::Dummy(ui::EmVec(0, 0.8f));
    DrawPrivacySettings(state);
    ImGui::Dummy(ui::EmVec(0, 0.8f));
    DrawPassphraseSettings(state);
    ImGui::Dummy(ui::EmVec(0, 0.8f));
    DrawSyncSection(state);
}

// ---- Your data: save state, persistence, space, backups, set-aside records, workspaces ---------
namespace {

std::string FormatBytes(double bytes) {
    char out[32];
    if (bytes >= 1024.0 * 1024.0 * 1024.0) std::snprintf(out, sizeof out, "%.1f GB", bytes / (1024.0 * 1024.0 * 1024.0));
    else if (bytes >= 1024.0 * 1024.0) std::snprintf(out, sizeof out, "%.1f MB", bytes / (1024.0 * 1024.0));
    else std::snprintf(out, sizeof out, "%.0f KB", bytes / 1024.0);
    return out;
}

void DrawWorkspaces(AppState& state) {
    StoreStatus& st = state.Doc.Store;
    SettingsView& view = state.SettingsScreen;
    ui::Heading(state.UiFonts.Heading, state.T("store.workspaces"));
    ui::MutedText(state.T("store.workspaces_help"));
    const ImVec2 button(0, ui::Em(2.6f));
    char label[256];
    std::string open_id, rename_id, delete_id;
    for (const storage::WorkspaceInfo& w : st.Workspaces) {
        ImGui::PushID(w.Id.c_str());
        bool is_open = w.Id == state.Doc.Data.Id;
        ImGui::AlignTextToFramePadding();
        if (is_open) {
            std::snprintf(label, sizeof label, "%s (%s, %s)", w.Name.c_str(), state.T("store.open_marker"),
                          profila::FormatText(state.T("store.customers_count"), {ui::FormatCount(state, static_cast<long long>(state.Doc.Data.Customers.size()))}).c_str());
        } else {
            std::snprintf(label, sizeof label, "%s", w.Name.c_str());
        }
        if (view.RenamingWorkspace == w.Id) {
            ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(18.0f)));
            ImGui::InputTextWithHint("##ws.name", state.T("store.name_hint"), view.WorkspaceName, sizeof view.WorkspaceName);
            ImGui::SameLine();
            std::snprintf(label, sizeof label, "%s##ws.rename_save", state.T("store.save_name"));
            if (ui::PrimaryButton(label, button)) {
                RenameWorkspace(state, w.Id, view.WorkspaceName);
                view.RenamingWorkspace.clear();
            }
            ImGui::SameLine();
            std::snprintf(label, sizeof label, "%s##ws.rename_cancel", state.T("store.cancel"));
            if (ui::SecondaryButton(label, button)) view.RenamingWorkspace.clear();
        } else {
            ui::Paragraph(label);
            if (!is_open) {
                std::snprintf(label, sizeof label, "%s##ws.open.%s", state.T("store.open"), w.Id.c_str());
                if (ui::PrimaryButton(label, button)) open_id = w.Id;
                ImGui::SameLine();
            }
            std::snprintf(label, sizeof label, "%s  %s##ws.rename.%s", ICON_PENCIL, state.T("store.rename"), w.Id.c_str());
            if (ui::SecondaryButton(label, button)) rename_id = w.Id;
            ImGui::SameLine();
            std::snprintf(label, sizeof label, "%s  %s##ws.delete.%s", ICON_TRASH, state.T("store.delete"), w.Id.c_str());
            if (ui::SecondaryButton(label, button)) delete_id = w.Id;
        }
        if (view.ConfirmDeleteWorkspace == w.Id) {
            ui::StatusMessage(ui::Tone::Warning, profila::FormatText(state.T("store.delete_question"), {w.Name}).c_str());
            std::snprintf(label, sizeof label, "%s##ws.delete_confirm", state.T("store.delete_confirm"));
            if (ui::PrimaryButton(label, button)) {
                DeleteWorkspace(state, w.Id);
                view.ConfirmDeleteWorkspace.clear();
            }
            ImGui::SameLine();
            std::snprintf(label, sizeof label, "%s##ws.delete_cancel", state.T("store.cancel"));
            if (ui::SecondaryButton(label, button)) view.ConfirmDeleteWorkspace.clear();
        }
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ImGui::PopID();
    }
    if (!open_id.empty()) SwitchWorkspace(state, open_id);
    if (!rename_id.empty()) {
        view.RenamingWorkspace = rename_id;
        for (const auto& w : st.Workspaces)
            if (w.Id == rename_id) std::snprintf(view.WorkspaceName, sizeof view.WorkspaceName, "%s", w.Name.c_str());
    }
    if (!delete_id.empty()) view.ConfirmDeleteWorkspace = delete_id;

    if (view.CreatingWorkspace) {
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(18.0f)));
        ImGui::InputTextWithHint("##ws.new_name", state.T("store.name_hint"), view.WorkspaceName, sizeof view.WorkspaceName);
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "%s##ws.create", state.T("store.create"));
        if (ui::PrimaryButton(label, button)) {
            CreateWorkspace(state, view.WorkspaceName);
            view.CreatingWorkspace = false;
            view.WorkspaceName[0] = 0;
        }
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "%s##ws.create_cancel", state.T("store.cancel"));
        if (ui::SecondaryButton(label, button)) view.CreatingWorkspace = false;
    } else {
        std::snprintf(label, sizeof label, "%s  %s##ws.new", ICON_PLUS, state.T("store.new_workspace"));
        if (ui::SecondaryButton(label, button)) {
            view.CreatingWorkspace = true;
            view.RenamingWorkspace.clear();
            view.WorkspaceName[0] = 0;
        }
    }
}

void DrawYourData(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    if (ImGui::GetTime() - st.EstimateAt > 5.0 && doc.Loaded) RefreshStoreFacts(state);
    char label[256];
    const ImVec2 button(0, ui::Em(2.6f));

    ui::Heading(state.UiFonts.Heading, state.T("store.your_data"));
    ui::MutedText(state.T("store.your_data_help"));
    // The save state: "saved" only once the transaction completed (app/store_sync.cpp).
    ui::Tone tone = doc.Store.LoadFailed || doc.Save == SaveState::Failed ? ui::Tone::Bad
                    : doc.Save == SaveState::Saved || doc.Save == SaveState::Idle ? ui::Tone::Good : ui::Tone::Info;
    std::string status = state.T(SaveStateKey(doc));
    if (doc.Save == SaveState::Failed && !doc.SaveError.empty()) status = doc.SaveError;
    ui::StatusMessage(tone, status.c_str());
    if (!st.Notice.empty()) ui::StatusMessage(ui::Tone::Info, state.T(st.Notice.c_str()));

    if (st.Estimate.Known) {
        ui::Paragraph(state.T(st.Estimate.Persisted ? "store.persistent" : "store.not_persistent"));
        ui::Paragraph(profila::FormatText(state.T("store.usage"), {FormatBytes(st.Estimate.UsageBytes), FormatBytes(st.Estimate.QuotaBytes)}).c_str());
    } else {
        ui::MutedText(state.T("store.usage_unknown"));
    }

    // Backups: the real safety net.
    int days = DaysSinceBackup(state);
    if (days < 0) ui::Paragraph(state.T("store.never_backed_up"));
    else if (days == 0) ui::Paragraph(state.T("store.last_backup_today"));
    else ui::Paragraph(profila::FormatText(state.T("store.last_backup"), {std::to_string(days)}).c_str());
    if (!doc.Data.Customers.empty() && (days < 0 || days >= 7)) ui::StatusMessage(ui::Tone::Warning, state.T("store.backup_reminder"));
    std::snprintf(label, sizeof label, "%s  %s##store.export", ICON_DOWNLOAD, state.T("store.export"));
    if (ui::PrimaryButton(label, button) && doc.Loaded) ExportBackup(state);
    ImGui::SameLine();
    std::snprintf(label, sizeof label, "%s  %s##store.restore", ICON_UPLOAD, state.T("store.restore"));
    if (ui::SecondaryButton(label, button) && doc.Loaded && !st.RestoreInFlight) PickBackupToRestore(state);
    DrawSealedRestore(state);

    if (st.RestorePending) {
        std::string q = profila::FormatText(state.T("store.restore_question"),
                                            {st.RestoreFileName, std::to_string(st.RestoreData.Customers.size()),
                                             std::to_string(doc.Data.Customers.size()), doc.Data.Name});
        ui::StatusMessage(ui::Tone::Warning, q.c_str());
        if (st.SkippedForgotten > 0)
            ui::StatusMessage(ui::Tone::Info, profila::FormatText(state.T("privacy.skipped_restore"), {std::to_string(st.SkippedForgotten)}).c_str());
        std::snprintf(label, sizeof label, "%s##store.restore_confirm", state.T("store.restore_confirm"));
        if (ui::PrimaryButton(label, button)) ConfirmRestore(state);
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "%s##store.restore_cancel", state.T("store.restore_cancel"));
        if (ui::SecondaryButton(label, button)) CancelRestore(state);
    }
    if (!st.RestoreIssues.empty()) {
        ui::StatusMessage(ui::Tone::Bad, state.T("store.restore_refused"));
        for (const std::string& issue : st.RestoreIssues) ui::Paragraph(issue.c_str());
    }
    if (st.RestoreResult == "ok") ui::StatusMessage(ui::Tone::Good, state.T("store.restore_done"));
    else if (!st.RestoreResult.empty()) {
        ui::StatusMessage(ui::Tone::Bad, state.T("store.restore_failed"));
        ui::Paragraph(st.RestoreResult.c_str());
    }

    // Records set aside at load (or after a conflict): kept in quarantine, listed here.
    size_t aside = std::max(st.SetAside.size(), st.Problems.size());
    if (aside > 0) {
        ui::StatusMessage(ui::Tone::Warning, profila::FormatText(state.T("store.set_aside"), {std::to_string(aside)}).c_str());
        if (!st.SetAside.empty())
            for (size_t i = 0; i < st.SetAside.size() && i < 20; ++i) ui::Paragraph(st.SetAside[i].Reason.c_str());
        else
            for (size_t i = 0; i < st.Problems.size() && i < 20; ++i) ui::Paragraph(st.Problems[i].c_str());
    }
    ImGui::Dummy(ui::EmVec(0, 0.6f));
    DrawWorkspaces(state);
}

}  // namespace
