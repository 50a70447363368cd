// Settings > Sync (see sync_section.h).
#include "screens/settings/sync_section.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "app.h"
#include "imgui.h"
#include "sync/sync.h"
#include "ui/icons.h"
#include "ui/widgets.h"

namespace {

// A field's value as a person reads it: text as is, the rest as JSON, nothing as "(empty)".
std::string Shown(const AppState& state, const nlohmann::json& v) {
    if (v.is_null()) return state.T("sync.empty_value");
    if (v.is_string()) return v.get<std::string>().empty() ? state.T("sync.empty_value") : v.get<std::string>();
    std::string s = v.dump();
    return s.size() > 120 ? s.substr(0, 117) + "..." : s;
}

// "/purchases/01J.../amount" -> "Purchases > Amount": the card's own labels where it has them (the
// row's id says nothing to a person).
std::string FieldName(const AppState& state, const std::string& path) {
    std::string out;
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        std::string part = path.substr(start, end - start);
        bool is_id = part.size() == 26 && std::all_of(part.begin(), part.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
        std::string key = "customers.field." + part;
        if (!is_id && !part.empty()) out += (out.empty() ? "" : " > ") + (state.Strings.Has(key) ? std::string(state.T(key.c_str())) : part);
        start = end + 1;
    }
    return out.empty() ? path : out;
}

// The other device's "edited" (UTC, ISO 8601) in this device's local time: "06/12 16:05".
std::string LocalTime(const std::string& iso) {
    std::tm tm{};
    if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) return iso;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%d/%m %H:%M", &local);
    return buf;
}

std::string LastSyncText(const AppState& state, double wall_ms) {
    if (wall_ms <= 0) return state.T("sync.never");
    std::time_t t = static_cast<std::time_t>(wall_ms / 1000.0);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    return profila::FormatText(state.T("sync.last_sync"), {buf});
}

void DrawConnectForm(AppState& state, SyncView& view) {
    ui::MutedText(state.T("sync.help"));
    float w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(22.0f));
    struct Field {
        const char* Key;
        char* Buffer;
        size_t Size;
        ImGuiInputTextFlags Flags;
    } fields[] = {{"sync.server", view.Server, sizeof view.Server, 0},
                  {"sync.database", view.Database, sizeof view.Database, 0},
                  {"sync.user", view.User, sizeof view.User, 0},
                  {"sync.password", view.Password, sizeof view.Password, ImGuiInputTextFlags_Password},
                  {"sync.device", view.Device, sizeof view.Device, 0}};
    char label[160];
    for (const Field& f : fields) {
        ImGui::TextUnformatted(state.T(f.Key));
        ImGui::SetNextItemWidth(w);
        std::snprintf(label, sizeof label, "##%s", f.Key);
        ImGui::InputText(label, f.Buffer, f.Size, f.Flags);
    }
    ui::MutedText(state.T("sync.password_note"));
    bool ready = view.Server[0] && view.Database[0] && view.User[0] && view.Password[0] && state.Doc.Loaded;
    ImGui::BeginDisabled(!ready);
    std::snprintf(label, sizeof label, "%s  %s##sync.connect", ICON_UPLOAD, state.T("sync.connect"));
    if (ui::PrimaryButton(label, ImVec2(0, ui::Em(2.6f)))) {
        SyncConfig config;
        config.Server = view.Server;
        config.Database = view.Database;
        config.User = view.User;
        config.Device = view.Device[0] ? view.Device : state.T("sync.default_device");
        ConnectSync(state, config, view.Password);
        view.Password[0] = 0;
    }
    ImGui::EndDisabled();
}

void DrawConflicts(AppState& state, SyncView& view) {
    SyncBook& s = *state.Doc.Sync;
    char label[256];
    for (size_t i = 0; i < s.Conflicts.size(); ++i) {
        const SyncConflict& c = s.Conflicts[i];
        ImGui::PushID(static_cast<int>(i));
        ui::StatusMessage(ui::Tone::Warning, profila::FormatText(state.T("sync.conflict_title"), {c.Title.empty() ? c.Ref : c.Title}).c_str());
        std::string other = profila::FormatText(state.T("sync.other_device"), {c.TheirDevice.empty() ? state.T("sync.another_device") : c.TheirDevice, LocalTime(c.TheirTime)});
        std::vector<profila::sync::FieldChoice> choices;
        for (size_t k = 0; k < c.Merge.Conflicts.size(); ++k) {
            const profila::sync::FieldConflict& f = c.Merge.Conflicts[k];
            ImGui::PushID(f.Path.c_str());
            ui::Paragraph(FieldName(state, f.Path).c_str());
            int& pick = view.Picks[c.Ref + "|" + f.Path];
            std::string mine = std::string(state.T("sync.this_device")) + ": " + Shown(state, f.Mine) + "##sync.mine." + std::to_string(i) + "." + std::to_string(k);
            std::string theirs = other + ": " + Shown(state, f.Theirs) + "##sync.theirs." + std::to_string(i) + "." + std::to_string(k);
            if (ui::ChoiceButton(mine.c_str(), pick == 0)) pick = 0;
            if (ui::ChoiceButton(theirs.c_str(), pick == 1)) pick = 1;
            choices.push_back({f.Path, pick == 1 ? profila::sync::Choice::Theirs : profila::sync::Choice::Mine});
            ImGui::PopID();
        }
        std::snprintf(label, sizeof label, "%s##sync.apply", state.T("sync.apply_choice"));
        if (ui::PrimaryButton(label, ImVec2(0, ui::Em(2.6f)))) {
            for (const auto& f : c.Merge.Conflicts) view.Picks.erase(c.Ref + "|" + f.Path);
            ResolveSyncConflict(state, i, choices);
            ImGui::PopID();
            break;  // the list changed
        }
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ImGui::PopID();
    }
}

}  // namespace

void DrawSyncSection(AppState& state) {
    SyncView& view = state.SyncScreen;
    SyncBook& s = *state.Doc.Sync;
    char label[256];
    const ImVec2 button(0, ui::Em(2.6f));
    ui::Heading(state.UiFonts.Heading, state.T("sync.title"));
    if (!s.Enabled && s.Phase != SyncPhase::SigningIn && s.Phase != SyncPhase::AuthProblem && s.Phase != SyncPhase::NoAccess &&
        s.Phase != SyncPhase::Offline) {
        DrawConnectForm(state, view);
        return;
    }
    if (!s.Enabled) {  // the first sign-in is under way or was refused
        if (s.Phase == SyncPhase::SigningIn) ui::StatusMessage(ui::Tone::Info, state.T("sync.signing_in"));
        else {
            const char* key = s.Phase == SyncPhase::AuthProblem ? "sync.refused" : s.Phase == SyncPhase::NoAccess ? "sync.no_access" : "sync.offline";
            ui::StatusMessage(ui::Tone::Bad, profila::FormatText(state.T(key), {s.Config.Database}).c_str());
            if (!s.Message.empty()) ui::MutedText(s.Message.c_str());
            DrawConnectForm(state, view);
        }
        return;
    }
    ui::Paragraph(profila::FormatText(state.T("sync.joined"), {s.Config.Database, s.Config.User, s.Config.Device}).c_str());
    switch (s.Phase) {
        case SyncPhase::Ready: {
            std::string line = LastSyncText(state, s.LastSyncWallMs);
            if (!s.Outbox.empty()) line += " " + profila::FormatText(state.T("sync.waiting"), {std::to_string(s.Outbox.size())});
            ui::StatusMessage(s.Outbox.empty() && s.Conflicts.empty() ? ui::Tone::Good : ui::Tone::Info, line.c_str());
            break;
        }
        case SyncPhase::Offline:
            ui::StatusMessage(ui::Tone::Warning, profila::FormatText(state.T("sync.offline_waiting"), {std::to_string(s.Outbox.size())}).c_str());
            break;
        case SyncPhase::SigningIn: ui::StatusMessage(ui::Tone::Info, state.T("sync.signing_in")); break;
        case SyncPhase::AuthProblem:
        case SyncPhase::NoAccess:
            ui::StatusMessage(ui::Tone::Bad, profila::FormatText(state.T(s.Phase == SyncPhase::AuthProblem ? "sync.session_ended" : "sync.no_access"),
                                                                 {s.Config.Database}).c_str());
            ImGui::TextUnformatted(state.T("sync.password"));
            ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(22.0f)));
            ImGui::InputText("##sync.password_again", view.Password, sizeof view.Password, ImGuiInputTextFlags_Password);
            std::snprintf(label, sizeof label, "%s##sync.sign_in_again", state.T("sync.sign_in_again"));
            if (ui::PrimaryButton(label, button) && view.Password[0]) {
                SignInAgain(state, view.Password);
                view.Password[0] = 0;
            }
            break;
        default: break;
    }
    if (!s.FirstPullDone && s.PullPending > 0) {  // a first sync: how far it got
        float done = std::min(1.0f, static_cast<float>(s.PulledTotal) / static_cast<float>(s.PullPending));
        ImGui::ProgressBar(done, ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::Em(22.0f)), 0),
                           profila::FormatText(state.T("sync.first_sync"), {std::to_string(s.PulledTotal), std::to_string(s.PullPending)}).c_str());
    }
    if (!s.Message.empty()) ui::MutedText(s.Message.c_str());
    if (!s.KeptAside.empty())
        ui::StatusMessage(ui::Tone::Warning, profila::FormatText(state.T("sync.kept_aside"), {std::to_string(s.KeptAside.size())}).c_str());
    std::snprintf(label, sizeof label, "%s  %s##sync.now", ICON_UPLOAD, state.T("sync.now"));
    if (ui::PrimaryButton(label, button)) SyncNow(state);
    ImGui::SameLine();
    std::snprintf(label, sizeof label, "%s##sync.disconnect", state.T("sync.disconnect"));
    if (ui::SecondaryButton(label, button)) DisconnectSync(state);
    if (!s.Conflicts.empty()) {
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ui::Heading(state.UiFonts.Heading, state.T("sync.conflicts"));
        ui::MutedText(state.T("sync.conflicts_help"));
        DrawConflicts(state, view);
    }
}
