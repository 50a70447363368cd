// Course: the class over CouchDB (app/sync/class.h). The trainer's live class at the top of the
// class summary (create or open a class, the join code shown big, who is in and how fresh the
// results are), and the trainee's panel on the lesson list (join with a code and a name, then
// whether the results have gone up).
//
// [SECTION] Trainer: the live class
// [SECTION] Trainee: join and status
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

#include "app_state.h"
#include "course/classroom.h"
#include "course_parts.h"
#include "imgui.h"
#include "platform/item_registry.h"
#include "store/store.h"
#include "sync/class.h"
#include "sync/sync.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course_ui {

namespace {

// A labelled single-line field of the form's width.
void Field(AppState& state, const char* key, char* buffer, size_t size, ImGuiInputTextFlags flags = 0, const char* hint = nullptr) {
    ImGui::TextUnformatted(state.T(key));
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(24.0f)));
    std::string label = std::string("##") + key;
    if (hint) ImGui::InputTextWithHint(label.c_str(), hint, buffer, size, flags);
    else ImGui::InputText(label.c_str(), buffer, size, flags);
}

std::string ClockText(double wall_ms) {
    std::time_t t = static_cast<std::time_t>(wall_ms / 1000.0);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

// The join code, big enough to read aloud and copy onto a board.
void DrawJoinCode(AppState& state, const std::string& code) {
    ui::BeginPanel("##class.code_panel", ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::Em(34.0f)), 0));
    ui::MutedText(state.T("class.code.title"));
    std::string shown = profila::course::FormatClassCode(code);
    ImGui::PushFont(state.UiFonts.Title);
    ImGui::SetWindowFontScale(1.6f);
    ImGui::TextUnformatted(shown.c_str());
    item_registry::AddText(item_registry::Role::Heading, shown.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
    ui::MutedText(state.T("class.code.help"));
    ui::EndPanel();
}

void DrawTrainerForm(AppState& state) {
    ClassLive& c = state.Course.Class;
    const ImVec2 button(0, ui::Em(2.6f));
    Field(state, "class.live.server", c.FormServer, sizeof c.FormServer);
    Field(state, "class.live.user", c.FormUser, sizeof c.FormUser);
    Field(state, "class.live.password", c.FormPassword, sizeof c.FormPassword, ImGuiInputTextFlags_Password);
    ui::MutedText(state.T("class.live.password_note"));
    bool signed_in_fields = c.FormServer[0] && c.FormUser[0] && c.FormPassword[0] && c.Phase != ClassPhase::SigningIn && c.Phase != ClassPhase::Creating;
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    Field(state, "class.live.roster", c.FormRoster, sizeof c.FormRoster, 0, state.T("class.live.roster_hint"));
    ImGui::BeginDisabled(!signed_in_fields || !c.FormRoster[0]);
    std::string create = std::string(ICON_USERS "  ") + state.T("class.live.create") + "##class.create";
    if (ui::PrimaryButton(create.c_str(), button)) {
        CreateClass(state, c.FormServer, c.FormUser, c.FormPassword, c.FormRoster);
        c.FormPassword[0] = 0;
    }
    ImGui::EndDisabled();
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    Field(state, "class.live.class_id", c.FormClass, sizeof c.FormClass);
    ImGui::BeginDisabled(!signed_in_fields || !c.FormClass[0]);
    std::string open = std::string(state.T("class.live.open")) + "##class.open";
    if (ui::SecondaryButton(open.c_str(), button)) {
        OpenClass(state, c.FormServer, c.FormClass, c.FormUser, c.FormPassword);
        c.FormPassword[0] = 0;
    }
    ImGui::EndDisabled();
}

void DrawPhase(AppState& state) {
    ClassLive& c = state.Course.Class;
    switch (c.Phase) {
        case ClassPhase::SigningIn: ui::StatusMessage(ui::Tone::Info, state.T("class.live.signing_in")); break;
        case ClassPhase::Creating: ui::StatusMessage(ui::Tone::Info, state.T("class.live.creating")); break;
        case ClassPhase::Offline: ui::StatusMessage(ui::Tone::Warning, state.T("class.live.offline")); break;
        case ClassPhase::AuthProblem:
            ui::StatusMessage(ui::Tone::Bad, state.T(c.Following ? "class.live.session_ended" : "class.live.refused"));
            break;
        case ClassPhase::NoAccess: ui::StatusMessage(ui::Tone::Bad, state.T("class.live.no_access")); break;
        case ClassPhase::Failed: ui::StatusMessage(ui::Tone::Bad, state.T("class.live.failed")); break;
        default: break;
    }
    if (!c.Message.empty() && c.Phase != ClassPhase::Ready) ui::MutedText(c.Message.c_str());
}

}  // namespace

// ---- [SECTION] Trainer: the live class ------------------------------------------------------------
void DrawLiveClass(AppState& state) {
    ClassLive& c = state.Course.Class;
    const ImVec2 button(0, ui::Em(2.6f));
    ui::Heading(state.UiFonts.Heading, state.T("class.live.title"));
    if (!c.Following && !c.FormOpen && c.Phase == ClassPhase::Off) {
        ui::MutedText(state.T("class.live.help"));
        std::string open = std::string(ICON_USERS "  ") + state.T("class.live.set_up") + "##class.live_open";
        if (ui::SecondaryButton(open.c_str(), button)) c.FormOpen = true;
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        return;
    }
    if (!c.Following) {
        DrawPhase(state);
        DrawTrainerForm(state);
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        return;
    }
    if (!c.NewCode.empty()) DrawJoinCode(state, c.NewCode);
    int with_results = 0;
    for (const ClassTraineeLive& t : c.Trainees) with_results += t.Result.Statements > 0 ? 1 : 0;
    std::string id = c.Id;
    for (char& ch : id) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (c.Phase == ClassPhase::Ready) {
        std::string line = c.RosterLoaded ? Fmt(state, "class.live.following", {id, std::to_string(c.Trainees.size()), std::to_string(with_results)})
                                          : Fmt(state, "class.live.reading", {id});
        if (c.Polls > 0) line += "  " + Fmt(state, "class.live.read_at", {ClockText(WallClockMs())});
        ui::StatusMessage(ui::Tone::Good, line.c_str());
    } else {
        ui::Paragraph(Fmt(state, "class.live.class", {id}).c_str());
        DrawPhase(state);
    }
    if (c.Phase == ClassPhase::AuthProblem) {
        Field(state, "class.live.password", c.FormPassword, sizeof c.FormPassword, ImGuiInputTextFlags_Password);
        std::string again = std::string(state.T("class.live.sign_in_again")) + "##class.sign_in_again";
        if (ui::PrimaryButton(again.c_str(), button) && c.FormPassword[0]) {
            SignInClassAgain(state, c.FormPassword);
            c.FormPassword[0] = 0;
        }
    }
    // Trainees whose database cannot be read (not created, or not open to this user).
    for (const ClassTraineeLive& t : c.Trainees)
        if (t.Status == 403 || t.Status == 404)
            ui::MutedText(Fmt(state, t.Status == 404 ? "class.live.missing" : "class.live.closed", {t.Name}).c_str());
    std::string leave = std::string(state.T("class.live.leave")) + "##class.leave";
    if (ui::SecondaryButton(leave.c_str(), button)) LeaveClass(state);
    ImGui::Dummy(ui::EmVec(0, 0.4f));
}

// ---- [SECTION] Trainee: join and status ---------------------------------------------------------
void DrawClassJoin(AppState& state) {
    ClassLive& c = state.Course.Class;
    SyncBook& s = *state.Doc.Sync;
    if (s.Enabled && s.Config.Class.empty()) return;  // this workspace syncs with a business: no class here
    const ImVec2 button(0, ui::Em(2.6f));
    bool trying = !s.Config.Class.empty() && s.Phase != SyncPhase::Off;  // joined, joining, or just refused
    if (!trying && !c.JoinOpen) {  // most trainees hand in files: one button until the form is wanted
        std::string open = std::string(ICON_USERS "  ") + state.T("class.join.title") + "##class.join_open";
        if (ui::SecondaryButton(open.c_str(), button)) c.JoinOpen = true;
        return;
    }
    ui::BeginPanel("##class.join_panel", ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::Em(52.0f)), 0));
    bool joined = s.Enabled && !s.Config.Class.empty();
    std::string id = s.Config.Class;
    for (char& ch : id) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (joined) {
        ui::Heading(state.UiFonts.Heading, Fmt(state, "class.joined.title", {id}).c_str());
        size_t waiting = SyncChangesWaiting(state.Doc);
        switch (s.Phase) {
            case SyncPhase::Ready:
                if (waiting == 0 && s.FirstPullDone)
                    ui::StatusMessage(ui::Tone::Good, (s.LastSyncWallMs > 0 ? Fmt(state, "class.joined.sent_at", {ClockText(s.LastSyncWallMs)})
                                                                            : std::string(state.T("class.joined.sent"))).c_str());
                else ui::StatusMessage(ui::Tone::Info, Fmt(state, "class.joined.waiting", {std::to_string(waiting)}).c_str());
                break;
            case SyncPhase::Offline: ui::StatusMessage(ui::Tone::Warning, Fmt(state, "class.joined.offline", {std::to_string(waiting)}).c_str()); break;
            case SyncPhase::SigningIn: ui::StatusMessage(ui::Tone::Info, state.T("class.joined.signing_in")); break;
            case SyncPhase::NoAccess: ui::StatusMessage(ui::Tone::Bad, state.T("class.joined.no_access")); break;
            case SyncPhase::AuthProblem: {
                ui::StatusMessage(ui::Tone::Bad, Fmt(state, "class.joined.session_ended", {std::to_string(waiting)}).c_str());
                Field(state, "class.join.code", c.JoinCode, sizeof c.JoinCode, 0, "XXXX-XXXX-XXXX");
                std::string again = std::string(state.T("class.joined.sign_in_again")) + "##class.join_again";
                std::optional<std::string> code = profila::course::NormalizeClassCode(c.JoinCode);
                ImGui::BeginDisabled(!code);
                if (ui::PrimaryButton(again.c_str(), button) && code) {
                    SignInAgain(state, *code);
                    c.JoinCode[0] = 0;
                }
                ImGui::EndDisabled();
                break;
            }
            default: break;
        }
        if (!s.KeptAside.empty())
            ui::StatusMessage(ui::Tone::Warning, Fmt(state, "class.joined.kept_aside", {std::to_string(s.KeptAside.size())}).c_str());
        std::string leave = std::string(state.T("class.joined.leave")) + "##class.join_leave";
        if (ui::SecondaryButton(leave.c_str(), button)) DisconnectSync(state);
        ui::EndPanel();
        return;
    }
    ui::Heading(state.UiFonts.Heading, state.T("class.join.title"));
    ui::MutedText(state.T("class.join.help"));
    if (s.Phase == SyncPhase::SigningIn) ui::StatusMessage(ui::Tone::Info, state.T("class.joined.signing_in"));
    else if (!s.Config.Class.empty() && s.Phase == SyncPhase::AuthProblem) ui::StatusMessage(ui::Tone::Bad, state.T("class.join.refused"));
    else if (!s.Config.Class.empty() && s.Phase == SyncPhase::NoAccess) ui::StatusMessage(ui::Tone::Bad, state.T("class.joined.no_access"));
    else if (!s.Config.Class.empty() && s.Phase == SyncPhase::Offline) ui::StatusMessage(ui::Tone::Warning, state.T("class.join.offline"));
    else if (!c.JoinError.empty()) ui::StatusMessage(ui::Tone::Bad, state.T(c.JoinError.c_str()));
    Field(state, "class.join.code", c.JoinCode, sizeof c.JoinCode, 0, "XXXX-XXXX-XXXX");
    Field(state, "class.join.name", c.JoinName, sizeof c.JoinName);
    ImGui::BeginDisabled(!c.JoinCode[0] || !c.JoinName[0] || s.Phase == SyncPhase::SigningIn);
    std::string go = std::string(ICON_USERS "  ") + state.T("class.join.go") + "##class.join";
    if (ui::PrimaryButton(go.c_str(), button)) {
        c.JoinError = JoinClass(state, c.JoinCode, c.JoinName);
        if (c.JoinError.empty()) c.JoinCode[0] = 0;  // the code is a password: not kept once used
    }
    ImGui::EndDisabled();
    ui::EndPanel();
}

}  // namespace course_ui
