// The persona sketch (shared/DOMAIN.md section 2): draw the ideal customer, write the details around
// it marked known / assumed / unknown, turn the unknowns into questions with ways to find out, and
// hold the persona against the real customers. Several named personas per business, each saved in
// browser storage (collection "personas") and exportable as a PNG card.
//
// Files of this folder: persona_store.cpp (commands and store, PersonaFrame, automation exports),
// persona_export.cpp (the PNG card), sketch_toolbar.cpp (toolbar and canvas), persona_details.cpp
// (details, questions, data); persona_parts.h declares what they share.
//
// [SECTION] Screen
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app_state.h"
#include "persona_parts.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "persona/card.h"
#include "codec/persona_json.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace persona_ui {

const char* Fmt(const char* pattern, const std::vector<std::string>& args, std::string& out) {
    out = profila::FormatText(pattern, args);
    return out.c_str();
}

// ---- [SECTION] Screen -------------------------------------------------------------------------
void DrawPersonaBar(AppState& state) {
    PersonaView& v = state.Persona;
    const float h = ui::Em(2.6f);
    float avail = ImGui::GetContentRegionAvail().x;
    float used = 0.0f;
    for (size_t i = 0; i < state.Doc.Personas.size(); ++i) {
        const Persona& p = state.Doc.Personas[i];
        char label[256];
        std::snprintf(label, sizeof label, "%s##persona.pick.%zu", p.Name.empty() ? state.T("persona.card.untitled") : p.Name.c_str(), i);
        float w = std::min(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2, ui::Em(12.0f));
        if (used > 0 && used + w < avail) ImGui::SameLine();
        else used = 0;
        used += w + ImGui::GetStyle().ItemSpacing.x;
        if (ui::ChoiceButton(label, p.Id == v.SelectedId, ImVec2(w, h))) {
            v.SelectedId = p.Id;
            v.ConfirmDeleteId.clear();
        }
    }
    char label[192];
    std::snprintf(label, sizeof label, "%s %s##persona.new", ICON_PLUS, state.T("persona.new"));
    float w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    if (used > 0 && used + w < avail) ImGui::SameLine();
    if (ui::SecondaryButton(label, ImVec2(w, h))) CreatePersona(state);
}

void DrawPersonaActions(AppState& state, Persona& persona, float width) {
    PersonaView& v = state.Persona;
    const float h = ui::Em(2.6f);
    char del[192], exp[192];
    bool confirm = v.ConfirmDeleteId == persona.Id;
    std::snprintf(del, sizeof del, "%s %s##persona.delete", ICON_TRASH, state.T(confirm ? "persona.delete_confirm" : "persona.delete"));
    std::snprintf(exp, sizeof exp, "%s %s##persona.export", ICON_IMAGE, state.T("persona.export"));
    float pad = ImGui::GetStyle().FramePadding.x * 2, sp = ImGui::GetStyle().ItemSpacing.x;
    float del_w = ImGui::CalcTextSize(del, nullptr, true).x + pad, exp_w = ImGui::CalcTextSize(exp, nullptr, true).x + pad;
    float name_w = std::max(ui::Em(8.0f), width - del_w - exp_w - sp * 2);
    ImGui::PushFont(state.UiFonts.Heading);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (h - ImGui::GetFontSize()) * 0.5f));
    ImGui::SetNextItemWidth(name_w);
    if (ImGui::InputTextWithHint("##persona.name", state.T("persona.name_hint"), &persona.Name)) MarkChanged(state, persona);
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::SameLine();
    if (ui::SecondaryButton(exp, ImVec2(exp_w, h))) {
        std::string file = CardFileName(persona);
        platform::DownloadBytes(file, "image/png", PersonaCardPng(state, persona));
        v.Notice = profila::FormatText(state.T("persona.exported"), {file});
    }
    ImGui::SameLine();
    if (confirm) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(ui::Colors().Bad.x, ui::Colors().Bad.y, ui::Colors().Bad.z, 0.35f));
    if (ui::SecondaryButton(del, ImVec2(del_w, h))) {
        if (confirm) {
            v.ConfirmDeleteId.clear();
            DeletePersona(state, persona.Id);
        } else {
            v.ConfirmDeleteId = persona.Id;
        }
    }
    if (confirm) ImGui::PopStyleColor();
}

void DrawPanelTabs(AppState& state, const Persona& persona, float width) {
    PersonaView& v = state.Persona;
    std::string q = profila::FormatText(state.T("persona.tab.questions"), {std::to_string(profila::OpenQuestions(persona).size())});
    struct Tab {
        PersonaPanel Panel;
        std::string Text;
        const char* Key;
    } tabs[] = {{PersonaPanel::Details, state.T("persona.tab.details"), "persona.tab.details"},
                {PersonaPanel::Questions, q, "persona.tab.questions"},
                {PersonaPanel::Data, state.T("persona.tab.data"), "persona.tab.data"}};
    float sp = ui::Em(0.25f);
    float pad = ImGui::GetStyle().FramePadding.x * 2;
    float natural = 0.0f;
    for (const Tab& t : tabs) natural += ImGui::CalcTextSize(t.Text.c_str()).x + pad;
    float extra = std::max(0.0f, (width - natural - sp * 2) / 3.0f);
    bool wrap = natural + sp * 2 > width;
    for (int i = 0; i < 3; ++i) {
        const Tab& t = tabs[i];
        float w = wrap ? (width - sp) * (i == 2 ? 1.0f : 0.5f) - (i == 2 ? 0.0f : 0.0f) : ImGui::CalcTextSize(t.Text.c_str()).x + pad + extra;
        if (wrap && i == 2) w = width;
        if (i > 0 && !(wrap && i == 2)) ImGui::SameLine(0, sp);
        if (wrap && i < 2) w = (width - sp) * 0.5f;
        char label[256];
        std::snprintf(label, sizeof label, "%s##%s", t.Text.c_str(), t.Key);
        if (ui::ChoiceButton(label, v.Panel == t.Panel, ImVec2(w, ui::Em(2.6f)))) v.Panel = t.Panel;
    }
}

void DrawPanel(AppState& state, Persona& persona, ImVec2 size) {
    DrawPanelTabs(state, persona, size.x);
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), (ui::Em(2.6f) - ImGui::GetFontSize()) * 0.5f));
    // One child per tab: each keeps its own scroll position.
    const char* child = state.Persona.Panel == PersonaPanel::Details ? "##persona.panel.details"
                        : state.Persona.Panel == PersonaPanel::Questions ? "##persona.panel.questions" : "##persona.panel.data";
    ImGui::BeginChild(child, ImVec2(size.x, std::max(ui::Em(8.0f), ImGui::GetContentRegionAvail().y)), ImGuiChildFlags_None);
    switch (state.Persona.Panel) {
        case PersonaPanel::Details: DrawDetails(state, persona); break;
        case PersonaPanel::Questions: DrawQuestions(state, persona); break;
        case PersonaPanel::Data: DrawData(state, persona); break;
    }
    ImGui::Dummy(ui::EmVec(0, 1.0f));
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

}  // namespace persona_ui

using namespace persona_ui;

void DrawPersonaScreen(AppState& state) {
    auto started = std::chrono::steady_clock::now();
    PersonaView& v = state.Persona;
    const Document& doc = state.Doc;
    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool portrait = avail.x < avail.y * 1.05f;

    ui::Heading(state.UiFonts.Title, state.T("persona.title"));
    if (!portrait || avail.x > ui::Em(40.0f)) ui::MutedText(state.T("persona.intro"));
    bool store_failed = doc.Store.LoadFailed;
    if (store_failed) ui::StatusMessage(ui::Tone::Warning, state.T("persona.store_unavailable"));
    if (!doc.Loaded && !store_failed) {
        ui::StatusMessage(ui::Tone::Info, state.T("persona.loading"));
        return;
    }
    if (!v.Notice.empty()) ui::StatusMessage(ui::Tone::Good, v.Notice.c_str());

    DrawPersonaBar(state);
    Persona* persona = Selected(state);
    if (!persona && !state.Doc.Personas.empty()) {
        v.SelectedId = state.Doc.Personas.front().Id;
        persona = Selected(state);
    }
    if (!persona) {
        ImGui::Dummy(ui::EmVec(0, 0.5f));
        ui::Paragraph(state.T("persona.empty"));
        return;
    }
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    avail = ImGui::GetContentRegionAvail();
    float gap = ui::Em(1.0f);
    if (!portrait) {
        // Landscape: drawing on the left, details on the right, both always visible.
        float left_w = std::clamp(avail.x * 0.485f, ui::Em(20.0f), avail.x - ui::Em(22.0f));
        ImGui::BeginGroup();
        ImGui::PushID("sketch");
        DrawToolbar(state, *persona, left_w);
        float canvas_h = std::max(ui::Em(10.0f), ImGui::GetContentRegionAvail().y - ui::Em(0.2f));
        DrawSketch(state, *persona, ImVec2(left_w, canvas_h));
        ImGui::PopID();
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        float right_w = ImGui::GetContentRegionAvail().x;
        DrawPersonaActions(state, *persona, right_w);
        DrawPanel(state, *persona, ImVec2(right_w, 0));
        ImGui::EndGroup();
    } else {
        // Portrait: name and actions, then the drawing, then the panel below it.
        DrawPersonaActions(state, *persona, avail.x);
        DrawToolbar(state, *persona, avail.x);
        float canvas_h = std::max(ui::Em(12.0f), ImGui::GetContentRegionAvail().y * 0.5f);
        DrawSketch(state, *persona, ImVec2(avail.x, canvas_h));
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        DrawPanel(state, *persona, ImVec2(avail.x, 0));
    }
    v.LastScreenMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}
