// Settings: language, theme, text size and the business name.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "screens.h"
#include "ui/icons.h"
#include "ui/widgets.h"

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
    if (ImGui::InputTextWithHint(label, state.T("settings.business_hint"), state.SettingsScreen.BusinessName,
                                 sizeof state.SettingsScreen.BusinessName))
        SetBusinessName(state, state.SettingsScreen.BusinessName);
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    ui::Heading(state.UiFonts.Heading, state.T("settings.language"));
    for (profila::Language lang : profila::kAllLanguages) {
        std::snprintf(label, sizeof label, "%s##lang.%s", profila::LanguageNativeName(lang), profila::LanguageCode(lang));
        if (ui::ChoiceButton(label, state.Settings.Language == lang, ui::EmVec(8.0f, 0))) SetLanguage(state, lang);
        ImGui::SameLine();
    }
    ImGui::NewLine();
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
    for (const ThemeOption& t : themes) {
        std::snprintf(label, sizeof label, "%s  %s##%s", t.Icon, state.T(t.Key), t.Key);
        if (ui::ChoiceButton(label, state.Settings.Theme == t.Choice, ui::EmVec(8.0f, 0))) SetTheme(state, t.Choice);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    ui::Heading(state.UiFonts.Heading, state.T("settings.text_size"));
    const float scales[] = {1.0f, 1.15f, 1.3f, 1.5f};
    for (float scale : scales) {
        std::snprintf(label, sizeof label, "%d%%##text.%d", static_cast<int>(scale * 100 + 0.5f), static_cast<int>(scale * 100 + 0.5f));
        bool selected = std::abs(state.Settings.TextScale - scale) < 0.01f;
        if (ui::ChoiceButton(label, selected, ui::EmVec(5.0f, 0))) SetTextScale(state, scale);
        ImGui::SameLine();
    }
    ImGui::NewLine();
}
