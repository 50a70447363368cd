// Home: what Profila is, in two sentences, and the way into each part of the app.
#include <algorithm>
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "screens/screens.h"
#include "ui/icons.h"
#include "ui/widgets.h"

void DrawHomeScreen(AppState& state) {
    ui::Heading(state.UiFonts.Title, state.T("home.title"));
    if (!state.Doc.Settings.BusinessName.empty()) {
        char welcome[256];
        std::snprintf(welcome, sizeof welcome, "%s", profila::FormatText(state.T("home.welcome_business"), {state.Doc.Settings.BusinessName}).c_str());
        ui::Paragraph(welcome);
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ui::Em(44.0f));
    ui::MutedText(state.T("home.intro"));
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ui::EmVec(0, 0.6f));

    struct Card {
        Screen Target;
        const char* Icon;
        const char* Title;
        const char* Text;
        const char* Key;
    };
    const Card cards[] = {
        {Screen::Customers, ICON_USERS, "nav.customers", "home.card.customers", "card.customers"},
        {Screen::Analysis, ICON_CHART, "nav.analysis", "home.card.analysis", "card.analysis"},
        {Screen::Persona, ICON_PENCIL, "nav.persona", "home.card.persona", "card.persona"},
        {Screen::Course, ICON_GRADUATION, "nav.course", "home.card.course", "card.course"},
        {Screen::Settings, ICON_COG, "nav.settings", "home.card.settings", "card.settings"},
    };
    float avail = ImGui::GetContentRegionAvail().x;
    int columns = avail > ui::Em(40.0f) ? 2 : 1;
    float gap = ui::Em(1.0f);
    float card_w = columns == 1 ? avail : std::min((avail - gap * (columns - 1)) / columns, ui::Em(26.0f));
    ImVec2 size(card_w, ui::Em(columns == 1 ? 4.6f : 5.6f));
    int index = 0;
    for (const Card& card : cards) {
        if (index % columns != 0) ImGui::SameLine(0, gap);
        char id[160];
        std::snprintf(id, sizeof id, "%s##%s", state.T(card.Title), card.Key);
        if (ui::NavCard(id, card.Icon, state.T(card.Title), state.T(card.Text), size)) state.Current = card.Target;
        if (index % columns == columns - 1) ImGui::Dummy(ImVec2(0, gap * 0.2f));
        ++index;
    }
}
