// The navigation frame around every screen, and the settings the whole app shares.
#include "app.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "automation/automation.h"
#include "imgui.h"
#include "platform/item_registry.h"
#include "platform/platform.h"
#include "screens/analysis/analysis_panel.h"
#include "screens/customers/customer_parts.h"
#include "screens/screens.h"
#include "store/store.h"
#include "strings_loader.h"
#include "sync/sync.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace {

bool ResolveDark(ThemeChoice theme) {
    if (theme == ThemeChoice::System) return platform::PrefersDarkScheme();
    return theme == ThemeChoice::Dark;
}

struct NavEntry {
    Screen Target;
    const char* Icon;
    const char* LabelKey;
    const char* ShortKey;  // the label under the icon on a narrow rail
    const char* Key;       // language-independent id for tests
};

constexpr NavEntry kNav[] = {
    {Screen::Home, ICON_HOME, "nav.home", "nav.short.home", "nav.home"},
    {Screen::Customers, ICON_USERS, "nav.customers", "nav.short.customers", "nav.customers"},
    {Screen::Analysis, ICON_CHART, "nav.analysis", "nav.short.analysis", "nav.analysis"},
    {Screen::Persona, ICON_PENCIL, "nav.persona", "nav.short.persona", "nav.persona"},
    {Screen::Course, ICON_GRADUATION, "nav.course", "nav.short.course", "nav.course"},
    {Screen::Settings, ICON_COG, "nav.settings", "nav.short.settings", "nav.settings"},
};

void DrawSaveState(AppState& state, bool compact, float item_w);

void DrawRailStatus(bool compact, float item_w, float h, const char* text, const char* icon, ImVec4 color);

// The navigation rail: icon and label side by side on wide screens, stacked on narrow ones.

void DrawNavRail(AppState& state, bool compact, float width) {
    const ui::Palette& p = ui::Colors();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.Card);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::EmVec(0.6f, 0.9f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    ImGui::BeginChild("##nav", ImVec2(width, 0), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 wpos = ImGui::GetWindowPos();
    draw->AddLine(ImVec2(wpos.x + width - 1, wpos.y), ImVec2(wpos.x + width - 1, wpos.y + ImGui::GetWindowHeight()),
                  ImGui::GetColorU32(p.CardBorder));

    ImGui::PushFont(state.UiFonts.Heading);
    ImGui::PushStyleColor(ImGuiCol_Text, p.Primary);
    if (compact) {
        float w = ImGui::CalcTextSize("P").x;
        ImGui::SetCursorPosX((width - w) * 0.5f);
        ImGui::TextUnformatted("P");
    } else {
        ImGui::SetCursorPosX(ui::Em(0.7f));
        ImGui::TextUnformatted("Profila");
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    float item_w = width - ui::Em(1.2f);
    float item_h = compact ? ui::Em(3.6f) : ui::Em(2.8f);
    for (const NavEntry& entry : kNav) {
        bool selected = state.Current == entry.Target;
        ImGui::PushID(entry.Key);
        char label[160];
        std::snprintf(label, sizeof label, "%s##%s", state.T(entry.LabelKey), entry.Key);
        ImVec2 pos = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton(label, ImVec2(item_w, item_h))) state.Current = entry.Target;
        bool hovered = ImGui::IsItemHovered();
        ImVec4 bg = selected ? p.Primary : (hovered ? ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered) : ImVec4(0, 0, 0, 0));
        if (selected) bg.w = 0.16f;
        draw->AddRectFilled(pos, ImVec2(pos.x + item_w, pos.y + item_h), ImGui::GetColorU32(bg), ui::Em(0.6f));
        ImU32 fg = ImGui::GetColorU32(selected ? p.Primary : p.Text);
        ImFont* font = ImGui::GetFont();
        const char* text = state.T(compact ? entry.ShortKey : entry.LabelKey);
        if (compact) {
            float icon_px = font->FontSize * 1.25f;
            ImVec2 isz = font->CalcTextSizeA(icon_px, FLT_MAX, 0, entry.Icon);
            draw->AddText(font, icon_px, ImVec2(pos.x + (item_w - isz.x) * 0.5f, pos.y + ui::Em(0.55f)), fg, entry.Icon);
            float small = font->FontSize * 0.76f;
            ImVec2 tsz = font->CalcTextSizeA(small, FLT_MAX, 0, text);
            float tx = pos.x + std::max(0.0f, (item_w - tsz.x) * 0.5f);
            draw->PushClipRect(pos, ImVec2(pos.x + item_w, pos.y + item_h), true);
            draw->AddText(font, small, ImVec2(tx, pos.y + ui::Em(2.2f)), fg, text);
            draw->PopClipRect();
        } else {
            float y = pos.y + (item_h - font->FontSize) * 0.5f;
            draw->AddText(ImVec2(pos.x + ui::Em(0.8f), y), fg, entry.Icon);
            draw->AddText(ImVec2(pos.x + ui::Em(2.6f), y), fg, text);
        }
        ImGui::PopID();
        ImGui::Dummy(ui::EmVec(0, 0.1f));
    }
    DrawSaveState(state, compact, item_w);
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

// The save state, in one place on every screen: the foot of the rail (Settings, "Your data", says
// more: the error, set-aside records, backups). A status, not a control: Tab goes from the rail
// straight into the screen. Changes waiting show once they have waited a second (the debounce is
// 0.6 s): a save that ends sooner changes no pixel, so it costs no redraw (a software-rendered
// frame took ~25 ms in the store bench, tripling the time to a save's completion). A failed save
// shows at once, and leaving the page with anything unsaved asks first whatever this shows.
void DrawSaveState(AppState& state, bool compact, float item_w) {
    const Document& doc = state.Doc;
    const ui::Palette& p = ui::Colors();
    const char* key = "store.short.saved";
    const char* icon = ICON_CHECK;
    ImVec4 color = p.Good;
    if (doc.Store.LoadFailed || doc.Save == SaveState::Failed) {
        key = "store.short.failed";
        icon = ICON_WARNING;
        color = p.Bad;
    } else if (!doc.Loaded) {
        key = "store.short.loading";
        icon = ICON_CLOCK;
        color = p.Muted;
    } else if (doc.Store.UnsavedSince >= 0.0 && ImGui::GetTime() - doc.Store.UnsavedSince > 1.0) {
        key = doc.Save == SaveState::Saving ? "store.short.saving" : "store.short.pending";
        icon = ICON_CLOCK;
        color = p.Muted;
    }
    float h = compact ? ui::Em(3.2f) : ui::Em(2.4f);
    // With sync set up, its state shows just above: synced, waiting, offline, asking for a sign-in.
    const SyncBook& sync = *doc.Sync;
    bool syncing = sync.Enabled;
    float bottom = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - h * (syncing ? 2.0f : 1.0f);
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
    if (syncing) {
        std::string text = state.T("sync.short.synced");
        const char* sicon = ICON_CHECK;
        ImVec4 scolor = p.Good;
        if (sync.Phase == SyncPhase::AuthProblem || sync.Phase == SyncPhase::NoAccess) {
            text = state.T("sync.short.sign_in");
            sicon = ICON_WARNING;
            scolor = p.Bad;
        } else if (!sync.Conflicts.empty()) {
            text = state.T("sync.short.choose");
            sicon = ICON_WARNING;
            scolor = p.Bad;
        } else if (sync.Phase == SyncPhase::Offline) {
            text = state.T("sync.short.offline");
            sicon = ICON_CLOCK;
            scolor = p.Muted;
        } else if (!sync.LockHeld) {
            text = state.T("sync.short.other_tab");  // this browser's other tab talks to the server
            sicon = ICON_CHECK;
            scolor = p.Muted;
        } else if (SyncChangesWaiting(doc) > 0) {  // a class's statements too
            text = profila::FormatText(state.T("sync.short.waiting"), {std::to_string(SyncChangesWaiting(doc))});
            sicon = ICON_CLOCK;
            scolor = p.Muted;
        }
        DrawRailStatus(compact, item_w, h, text.c_str(), sicon, scolor);
    }
    DrawRailStatus(compact, item_w, h, state.T(key), icon, color);
}

// One status line at the foot of the rail: an icon and a short text (under the icon when compact).
void DrawRailStatus(bool compact, float item_w, float h, const char* text, const char* icon, ImVec4 color) {
    const ui::Palette& p = ui::Colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(item_w, h));
    item_registry::AddText(item_registry::Role::Status, text, pos, ImVec2(pos.x + item_w, pos.y + h));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    ImU32 fg = ImGui::GetColorU32(color);
    if (compact) {
        ImVec2 isz = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, icon);
        draw->AddText(font, font->FontSize, ImVec2(pos.x + (item_w - isz.x) * 0.5f, pos.y + ui::Em(0.2f)), fg, icon);
        float small = font->FontSize * 0.72f;
        ImVec2 tsz = font->CalcTextSizeA(small, FLT_MAX, 0, text);
        draw->PushClipRect(pos, ImVec2(pos.x + item_w, pos.y + h), true);
        draw->AddText(font, small, ImVec2(pos.x + std::max(0.0f, (item_w - tsz.x) * 0.5f), pos.y + ui::Em(1.6f)), fg, text);
        draw->PopClipRect();
    } else {
        float y = pos.y + (h - font->FontSize) * 0.5f;
        draw->AddText(ImVec2(pos.x + ui::Em(0.8f), y), fg, icon);
        draw->PushClipRect(pos, ImVec2(pos.x + item_w, pos.y + h), true);
        draw->AddText(ImVec2(pos.x + ui::Em(2.6f), y), ImGui::GetColorU32(p.Muted), text);
        draw->PopClipRect();
    }
}

void DrawCurrentScreen(AppState& state) {
    switch (state.Current) {
        case Screen::Home: DrawHomeScreen(state); break;
        case Screen::Customers: DrawCustomersScreen(state); break;
        case Screen::Analysis: DrawAnalysisScreen(state); break;
        case Screen::Persona: DrawPersonaScreen(state); break;
        case Screen::Course: DrawCourseScreen(state); break;
        case Screen::Settings: DrawSettingsScreen(state); break;
    }
}

}  // namespace

void InitApp(AppState& state) {
    UiSettings& s = state.Settings;
    std::string lang = platform::QueryParam("lang");
    if (auto forced = profila::ParseLanguageCode(lang)) s.Language = *forced;
    else if (auto saved = profila::ParseLanguageCode(platform::LoadSetting("language"))) s.Language = *saved;
    else s.Language = profila::LanguageFromTag(platform::BrowserLanguage());

    std::string theme = platform::LoadSetting("theme");
    s.Theme = theme == "light" ? ThemeChoice::Light : theme == "dark" ? ThemeChoice::Dark : ThemeChoice::System;
    float scale = static_cast<float>(std::atof(platform::LoadSetting("text_scale").c_str()));
    s.TextScale = (scale >= 1.0f && scale <= 1.5f) ? scale : 1.0f;

    state.Strings = LoadStringTable(s.Language);
    state.DarkTheme = ResolveDark(s.Theme);
    platform::SetTextScale(s.TextScale);
    StartStore(state);  // IndexedDB: first load of the open workspace (app/store/store.h)
    RegisterAutomation(state);           // window.profila (app/automation/automation.cpp)
}

double AppClock() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }

void RebuildForScale(AppState& state, float ui_scale) {
    state.UiScale = ui_scale;
    ui::LoadFonts(state.UiFonts, ui_scale);
    ui::ApplyTheme(state.DarkTheme, ui_scale);
}

void DrawApp(AppState& state) {
    SyncFrame(state);     // pulls and pushes that are due, when a sync server is set up (app/sync/sync.cpp)
    StoreFrame(state);    // saves what the commands marked, for every collection (app/store/saver.cpp)
    PersonaFrame(state);  // the persona screen's view state follows the workspace (app/screens/persona/)
    CourseFrame(state);   // course content; the trainee's name field follows the progress (app/screens/course/)
    // Files dropped on the page or shared to the app go to the import wizard once the store has
    // loaded (the import is checked against the customers already there).
    if (state.Doc.Loaded)
        for (std::vector<platform::IncomingFile>& batch : platform::TakeIncomingFiles()) {
            std::vector<ImportFile> files;
            for (platform::IncomingFile& f : batch) files.push_back({std::move(f.Name), std::move(f.Content)});
            ImportFiles(state, std::move(files));
        }
    // Language changes wait for a frame boundary: strings of the frame in progress stay valid.
    if (state.PendingLanguage) {
        state.Settings.Language = *state.PendingLanguage;
        state.Strings = LoadStringTable(*state.PendingLanguage);
        state.PendingLanguage.reset();
    }
    if (state.Doc.Store.Locked) {  // a passphrase on this tablet: nothing else shows (app/store/passphrase.cpp)
        DrawLockScreen(state);
        return;
    }
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("##profila", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar(2);

    float width_em = viewport->Size.x / ui::Em(1.0f);
    bool compact = width_em < 62.0f;
    float rail = compact ? ui::Em(5.6f) : ui::Em(13.0f);
    DrawNavRail(state, compact, rail);
    ImGui::SameLine(0, 0);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, compact ? ui::EmVec(1.2f, 1.2f) : ui::EmVec(2.0f, 1.6f));
    // Flattened: Tab walks from the rail into the screen's widgets, not onto the panes as wholes.
    ImGui::BeginChild("##content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NavFlattened);
    // Keep lines readable on wide screens.
    DrawCurrentScreen(state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::End();
}

void SetLanguage(AppState& state, profila::Language language) {
    state.PendingLanguage = language;
    platform::SaveSetting("language", profila::LanguageCode(language));
}

void SetTheme(AppState& state, ThemeChoice theme) {
    state.Settings.Theme = theme;
    state.DarkTheme = ResolveDark(theme);
    ui::ApplyTheme(state.DarkTheme, state.UiScale);
    platform::SaveSetting("theme", theme == ThemeChoice::Light ? "light" : theme == ThemeChoice::Dark ? "dark" : "system");
}

void SetTextScale(AppState& state, float text_scale) {
    state.Settings.TextScale = text_scale;
    platform::SetTextScale(text_scale);  // fonts and style are rebuilt before the next frame
    platform::SaveSetting("text_scale", std::to_string(text_scale));
}

void SetBusinessName(AppState& state, const std::string& name) {
    WorkspaceSettings settings = state.Doc.Settings;
    settings.BusinessName = name;
    SetWorkspaceSettings(state.Doc, std::move(settings), ImGui::GetTime());
}

void SetOwnVatNumber(AppState& state, const std::string& vat) {
    WorkspaceSettings settings = state.Doc.Settings;
    settings.OwnVatNumber = vat;
    SetWorkspaceSettings(state.Doc, std::move(settings), ImGui::GetTime());
}
