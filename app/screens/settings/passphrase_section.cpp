// A passphrase for a shared tablet (issue 18): the prompt drawn instead of the app while the open
// workspace is locked, and the Settings > Privacy section that turns it on or off and picks the idle
// lock. The flow is app/store/passphrase.cpp; the fields are plain ImGui text fields (the shell's
// text agent brings up the touch keyboard as for every other field).
//
// [SECTION] Prompt
// [SECTION] Settings
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "screens/screens.h"
#include "store/store.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace {
// Empties a buffer that held a passphrase (it is never kept longer than the tap that uses it).
void Wipe(char* buffer, size_t size) { std::memset(buffer, 0, size); }
}  // namespace

// ---- [SECTION] Prompt ---------------------------------------------------------------------------
void DrawLockScreen(AppState& state) {
    LockView& view = state.Lock;
    StoreStatus& st = state.Doc.Store;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::Begin("##lock", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    // One column in the middle: a child window, so wrapped texts and banners keep to its width.
    const float w = std::min(ui::Em(26.0f), vp->Size.x - ui::Em(2.4f));
    const float top = std::max(ui::Em(1.5f), vp->Size.y * 0.16f);
    ImGui::SetCursorPos(ImVec2((vp->Size.x - w) * 0.5f, top));
    ImGui::BeginChild("##lock.column", ImVec2(w, vp->Size.y - top - ui::Em(1.0f)), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
    ImGui::PushFont(state.UiFonts.Title);
    ImGui::TextUnformatted(ICON_LOCK);
    ImGui::PopFont();
    ui::Heading(state.UiFonts.Heading, state.T("lock.title"));
    if (!state.Doc.Data.Name.empty()) ui::MutedText(state.Doc.Data.Name.c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Paragraph(state.T("lock.prompt"));
    ImGui::TextUnformatted(state.T("lock.passphrase"));
    ImGui::SetNextItemWidth(w);
    if (!view.Focused) {
        ImGui::SetKeyboardFocusHere();
        view.Focused = true;
    }
    bool go = ImGui::InputText("##lock.passphrase", view.Passphrase, sizeof view.Passphrase,
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    char label[160];
    std::snprintf(label, sizeof label, "%s  %s##lock.open", ICON_LOCK, state.T(st.Unlocking ? "lock.opening" : "lock.open"));
    ImGui::BeginDisabled(st.Unlocking || !view.Passphrase[0]);
    go = ui::PrimaryButton(label, ImVec2(w, ui::Em(2.6f))) || go;
    ImGui::EndDisabled();
    if (go && view.Passphrase[0] && !st.Unlocking) {
        UnlockWorkspace(state, view.Passphrase);
        Wipe(view.Passphrase, sizeof view.Passphrase);
        view.Focused = false;
    }
    if (!st.UnlockMessage.empty()) ui::StatusMessage(ui::Tone::Bad, state.T(st.UnlockMessage.c_str()));
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::MutedText(state.T("lock.why"));
    ui::MutedText(state.T("lock.forgot"));
    // The tablet's other businesses stay reachable (a forgotten passphrase locks only its own).
    bool first = true;
    for (const storage::WorkspaceInfo& other : std::vector<storage::WorkspaceInfo>(st.Workspaces)) {
        if (other.Id == state.Doc.Data.Id) continue;
        if (first) {
            ImGui::Dummy(ui::EmVec(0, 0.4f));
            ImGui::TextUnformatted(state.T("lock.other_business"));
            first = false;
        }
        std::snprintf(label, sizeof label, "%s%s##lock.ws.%s", other.Encrypted ? ICON_LOCK "  " : "", other.Name.c_str(), other.Id.c_str());
        if (ui::SecondaryButton(label)) {
            st.Locked = false;
            st.UnlockMessage.clear();
            Wipe(view.Passphrase, sizeof view.Passphrase);
            view.Focused = false;
            SwitchWorkspace(state, other.Id);
        }
    }
    ImGui::EndChild();
    ImGui::End();
}

// ---- [SECTION] Settings -------------------------------------------------------------------------
void DrawPassphraseSettings(AppState& state) {
    SettingsView& view = state.SettingsScreen;
    StoreStatus& st = state.Doc.Store;
    char label[192];
    const float field_w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(22.0f));
    ui::Heading(state.UiFonts.Heading, state.T("lock.settings_title"));
    ui::MutedText(state.T("lock.settings_why"));
    const bool on = IsWorkspaceEncrypted(state);
    ImGui::BeginDisabled(!state.Doc.Loaded || st.PassphraseBusy);
    if (!on) {
        // Before it is set: a forgotten passphrase cannot be recovered, said plainly.
        ui::StatusMessage(ui::Tone::Warning, state.T("lock.no_recovery"));
        ImGui::TextUnformatted(state.T("lock.new_passphrase"));
        ImGui::SetNextItemWidth(field_w);
        ImGui::InputText("##lock.new", view.NewPassphrase, sizeof view.NewPassphrase, ImGuiInputTextFlags_Password);
        ImGui::TextUnformatted(state.T("lock.repeat_passphrase"));
        ImGui::SetNextItemWidth(field_w);
        ImGui::InputText("##lock.repeat", view.RepeatPassphrase, sizeof view.RepeatPassphrase, ImGuiInputTextFlags_Password);
        const size_t len = std::strlen(view.NewPassphrase);
        const bool same = std::strcmp(view.NewPassphrase, view.RepeatPassphrase) == 0;
        if (len > 0 && len < 8) ui::MutedText(state.T("lock.too_short"));
        else if (view.RepeatPassphrase[0] && !same) ui::MutedText(state.T("lock.not_same"));
        ImGui::BeginDisabled(len < 8 || !same);
        std::snprintf(label, sizeof label, "%s  %s##lock.turn_on", ICON_LOCK, state.T(st.PassphraseBusy ? "lock.working" : "lock.turn_on"));
        if (ui::PrimaryButton(label, ImVec2(0, ui::Em(2.6f)))) {
            TurnPassphraseOn(state, view.NewPassphrase);
            Wipe(view.NewPassphrase, sizeof view.NewPassphrase);
            Wipe(view.RepeatPassphrase, sizeof view.RepeatPassphrase);
        }
        ImGui::EndDisabled();
    } else {
        ui::StatusMessage(ui::Tone::Good, state.T("lock.is_on"));
        ImGui::TextUnformatted(state.T("lock.after"));
        const int choices[] = {0, 5, 15, 30};
        for (int minutes : choices) {
            if (minutes != choices[0]) ui::SameLineIfFits(ui::Em(6.0f));
            if (minutes == 0) std::snprintf(label, sizeof label, "%s##lock.after.0", state.T("lock.never"));
            else std::snprintf(label, sizeof label, "%s##lock.after.%d", profila::FormatText(state.T("lock.minutes"), {std::to_string(minutes)}).c_str(), minutes);
            const float w = std::max(ui::Em(6.0f), ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
            if (ui::ChoiceButton(label, st.LockMinutes == minutes, ImVec2(w, 0))) SetLockMinutes(state, minutes);
        }
        std::snprintf(label, sizeof label, "%s  %s##lock.now", ICON_LOCK, state.T("lock.lock_now"));
        if (ui::SecondaryButton(label, ImVec2(0, ui::Em(2.6f)))) LockWorkspace(state);
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "%s##lock.turn_off", state.T(st.PassphraseBusy ? "lock.working" : "lock.turn_off"));
        if (ui::SecondaryButton(label, ImVec2(0, ui::Em(2.6f)))) TurnPassphraseOff(state);
        ui::MutedText(state.T("lock.off_note"));
    }
    ImGui::EndDisabled();
    if (!st.PassphraseMessage.empty())
        ui::StatusMessage(st.PassphraseMessage == "lock.change_failed" ? ui::Tone::Bad : ui::Tone::Good, state.T(st.PassphraseMessage.c_str()));
}

// A picked backup that is sealed: its passphrase opens it (Settings > Your data, restore).
void DrawSealedRestore(AppState& state) {
    StoreStatus& st = state.Doc.Store;
    if (st.RestoreSealed.empty()) return;
    SettingsView& view = state.SettingsScreen;
    ui::StatusMessage(ui::Tone::Info, state.T("lock.backup_sealed"));
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(22.0f)));
    bool go = ImGui::InputText("##lock.backup", view.BackupPassphrase, sizeof view.BackupPassphrase,
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    char label[160];
    std::snprintf(label, sizeof label, "%s##lock.backup_open", state.T("lock.open"));
    ImGui::SameLine();
    go = ui::PrimaryButton(label) || go;
    if (go && view.BackupPassphrase[0]) {
        OpenSealedRestore(state, view.BackupPassphrase);
        Wipe(view.BackupPassphrase, sizeof view.BackupPassphrase);
    }
    if (!st.RestoreSealedMessage.empty()) ui::StatusMessage(ui::Tone::Bad, state.T(st.RestoreSealedMessage.c_str()));
}
