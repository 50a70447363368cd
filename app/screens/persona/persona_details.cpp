// Persona: the details panel (each detail with what is known), the open questions and the
// comparison with the customers' data.

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
#include "privacy/privacy.h"
#include "imgui_stdlib.h"
#include "persona/card.h"
#include "codec/persona_json.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace persona_ui {

ImVec4 StateColor(Knowledge k) {
    const ui::Palette& p = ui::Colors();
    switch (k) {
        case Knowledge::Known: return p.Good;
        case Knowledge::Assumed: return p.Warning;
        case Knowledge::Unknown: return p.Bad;
        default: return p.Muted;
    }
}

std::string DetailLabel(const AppState& state, PersonaDetail d) {
    return state.T(("persona.detail." + std::string(profila::PersonaDetailKey(d))).c_str());
}

// Values from the comparison as words: genders and weekdays have string keys, the rest are data.
std::string ValueText(const AppState& state, PersonaDetail d, const std::string& value) {
    if (d == PersonaDetail::Gender || d == PersonaDetail::BuysWhen) {
        std::string key = "persona.value." + value;
        if (state.Strings.Has(key)) return state.T(key.c_str());
    }
    return value;
}

}  // namespace persona_ui

namespace persona_ui {

// ---- [SECTION] Details, questions, data -------------------------------------------------------
void DrawStateChoice(AppState& state, Persona& persona, PersonaDetail d, float button_w) {
    const Knowledge kStates[] = {Knowledge::Known, Knowledge::Assumed, Knowledge::Unknown};
    profila::DetailEntry& e = persona.Detail(d);
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0, ui::Em(0.25f));
        Knowledge k = kStates[i];
        char label[192];
        std::snprintf(label, sizeof label, "%s##persona.state.%s.%s", state.T(("persona.state." + std::string(profila::KnowledgeKey(k))).c_str()),
                      profila::PersonaDetailKey(d), profila::KnowledgeKey(k));
        bool selected = e.State == k;
        if (selected) {
            ImVec4 col = StateColor(k);
            ImGui::PushStyleColor(ImGuiCol_Button, col);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, col);
            ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().OnPrimary);
        }
        if (ImGui::Button(label, ImVec2(button_w, ui::Em(2.6f)))) {
            e.State = selected ? Knowledge::Unmarked : k;  // a second tap takes the mark away
            MarkChanged(state, persona);
        }
        if (selected) ImGui::PopStyleColor(4);
    }
}

void DrawDetails(AppState& state, Persona& persona) {
    float width = ImGui::GetContentRegionAvail().x;
    ui::StatusMessage(ui::Tone::Info, state.T("persona.note_gentle"));
    ui::MutedText(state.T("persona.state_help"));
    const char* groups[] = {"persona.group.who", "persona.group.think", "persona.group.buy"};
    // State buttons share the row with the label when there is room, else go below it.
    float button_w = 0.0f;
    for (const char* k : {"persona.state.known", "persona.state.assumed", "persona.state.unknown"})
        button_w = std::max(button_w, ImGui::CalcTextSize(state.T(k)).x + ImGui::GetStyle().FramePadding.x * 2);
    button_w = std::max(button_w, ui::Em(4.0f));
    float buttons_w = button_w * 3 + ui::Em(0.5f);
    for (int g = 0; g < 3; ++g) {
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ui::Heading(state.UiFonts.Heading, state.T(groups[g]));
        for (size_t i = 0; i < profila::kPersonaDetailCount; ++i) {
            PersonaDetail d = profila::PersonaDetailAt(i);
            if (static_cast<int>(profila::GroupOf(d)) != g) continue;
            ImGui::PushID(static_cast<int>(i));
            profila::DetailEntry& e = persona.Detail(d);
            std::string label = DetailLabel(state, d);
            float label_w = ImGui::CalcTextSize(label.c_str()).x;
            ImVec2 row = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(row.x, row.y + ui::Em(0.35f)), ImVec2(row.x + ui::Em(0.3f), row.y + ui::Em(2.25f)),
                                                      ImGui::GetColorU32(StateColor(e.State)), ui::Em(0.15f));
            ImGui::SetCursorScreenPos(ImVec2(row.x + ui::Em(0.6f), row.y + (ui::Em(2.6f) - ImGui::GetTextLineHeight()) * 0.5f));
            ImGui::TextUnformatted(label.c_str());
            if (label_w + ui::Em(1.2f) + buttons_w <= width) {
                ImGui::SetCursorScreenPos(ImVec2(row.x + width - buttons_w, row.y));
            } else {
                ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + ui::Em(2.7f)));
            }
            DrawStateChoice(state, persona, d, button_w);
            std::string key = std::string("##persona.value.") + profila::PersonaDetailKey(d);
            float value_w = width * 0.58f;
            ImGui::SetNextItemWidth(value_w);
            if (ImGui::InputTextWithHint(key.c_str(), state.T(("persona.hint." + std::string(profila::PersonaDetailKey(d))).c_str()), &e.Value))
                MarkChanged(state, persona);
            ImGui::SameLine(0, ui::Em(0.4f));
            key = std::string("##persona.note.") + profila::PersonaDetailKey(d);
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
            if (ImGui::InputTextWithHint(key.c_str(), state.T("persona.note_hint"), &e.Note)) MarkChanged(state, persona);
            ImGui::Dummy(ui::EmVec(0, 0.5f));
            ImGui::PopID();
        }
    }
}

void DrawQuestions(AppState& state, Persona& persona) {
    auto open = profila::OpenQuestions(persona);
    auto counts = profila::CountByKnowledge(persona);
    std::string buf;
    if (open.empty()) {
        ui::Paragraph(state.T("persona.questions.none"));
    } else {
        ui::Paragraph(state.T("persona.questions.intro"));
        ui::MutedText(state.T("persona.way.help"));
    }
    if (counts[0] > 0) ui::MutedText(Fmt(state.T("persona.questions.unmarked"), {std::to_string(counts[0])}, buf));
    const char* way_keys[] = {"persona.way.shoes", "persona.way.secondary", "persona.way.ask"};
    for (PersonaDetail d : open) {
        profila::DetailEntry& e = persona.Detail(d);
        const char* key = profila::PersonaDetailKey(d);
        ImGui::PushID(key);
        ImGui::Dummy(ui::EmVec(0, 0.5f));
        ImGui::Separator();
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ui::Heading(state.UiFonts.Heading, DetailLabel(state, d).c_str());
        if (!e.Value.empty()) ui::MutedText(Fmt(state.T("persona.questions.guess"), {e.Value}, buf));
        float avail = ImGui::GetContentRegionAvail().x;
        float bw = (avail - ui::Em(0.5f)) / 3.0f;
        for (size_t w = 0; w < profila::kFindOutWayCount; ++w) {
            if (w > 0) ImGui::SameLine(0, ui::Em(0.25f));
            char label[192];
            std::snprintf(label, sizeof label, "%s %s##persona.way.%s.%s", e.Ways[w] ? ICON_CHECK : "", state.T(way_keys[w]), key,
                          profila::FindOutWayKey(static_cast<profila::FindOutWay>(w)));
            if (ui::ChoiceButton(label, e.Ways[w], ImVec2(bw, ui::Em(2.6f)))) {
                e.Ways[w] = !e.Ways[w];
                MarkChanged(state, persona);
            }
        }
        std::string id = std::string("##persona.answer.") + key;
        char accept[192];
        std::snprintf(accept, sizeof accept, "%s##persona.accept.%s", state.T("persona.accept"), key);
        float accept_w = ImGui::CalcTextSize(accept, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SetNextItemWidth(avail - accept_w - ui::Em(0.4f));
        if (ImGui::InputTextWithHint(id.c_str(), state.T("persona.answer_hint"), &e.Answer)) MarkChanged(state, persona);
        ImGui::SameLine(0, ui::Em(0.4f));
        ImGui::BeginDisabled(e.Answer.find_first_not_of(" \t") == std::string::npos);
        if (ui::PrimaryButton(accept, ImVec2(accept_w, ui::Em(2.6f))) && profila::AcceptAnswer(persona, d)) MarkChanged(state, persona);
        ImGui::EndDisabled();
        ImGui::PopID();
    }
}

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100.0))); }

void DrawShareBar(float share, ImVec4 color, float width) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = ui::Em(0.55f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec4 track = ui::Colors().CardBorder;
    draw->AddRectFilled(ImVec2(pos.x, pos.y + ui::Em(0.35f)), ImVec2(pos.x + width, pos.y + ui::Em(0.35f) + h), ImGui::GetColorU32(track), h * 0.5f);
    if (share > 0.0f)
        draw->AddRectFilled(ImVec2(pos.x, pos.y + ui::Em(0.35f)), ImVec2(pos.x + std::max(h, width * share), pos.y + ui::Em(0.35f) + h),
                            ImGui::GetColorU32(color), h * 0.5f);
    ImGui::Dummy(ImVec2(width, ui::Em(1.25f)));
}

void DrawData(AppState& state, Persona& persona) {
    PersonaView& v = state.Persona;
    const auto& customers = state.Doc.Data.Customers;
    std::string buf;
    if (customers.empty()) {
        ui::Paragraph(state.T("persona.data.none"));
        return;
    }
    // Recomputed only when the persona or the customers change.
    std::string key = persona.Id + "/" + std::to_string(v.EditSerial) + "/" + std::to_string(state.Doc.EditSerial) + "/" +
                      std::to_string(customers.size()) + "/" + state.Doc.Data.Id;
    if (key != v.ComparisonKey) {
        // Customers who object to profiling are not compared with personas (issue 18).
        profila::Workspace profiled;
        const bool left_out = profila::ProfilingInput(state.Doc.Data, profiled) > 0;
        v.Comparison = profila::ComparePersonaWithCustomers(persona, left_out ? profiled : state.Doc.Data, ui::Today());
        v.ComparisonKey = key;
    }
    const profila::PersonaComparison& cmp = v.Comparison;
    if (cmp.TopCustomers > 0)
        ui::Paragraph(Fmt(state.T("persona.data.summary"),
                          {std::to_string(cmp.Customers), std::to_string(cmp.TopCustomers), Percent(cmp.TopRevenueShare)}, buf));
    else
        ui::Paragraph(Fmt(state.T("persona.data.no_top"), {std::to_string(cmp.Customers)}, buf));
    const ui::Palette& pal = ui::Colors();
    float width = ImGui::GetContentRegionAvail().x;
    for (const auto& d : cmp.Details) {
        ImGui::PushID(static_cast<int>(d.Detail));
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ImGui::Separator();
        ui::Heading(state.UiFonts.Heading, DetailLabel(state, d.Detail).c_str());
        const profila::DetailEntry& e = persona.Detail(d.Detail);
        ui::MutedText(e.Value.empty() ? state.T("persona.data.persona_empty") : Fmt(state.T("persona.data.persona"), {e.Value}, buf));
        std::string top_text = ValueText(state, d.Detail, d.MostCommonTop.empty() ? d.MostCommonAll : d.MostCommonTop);
        bool have_top = d.KnownTop > 0;
        double share = have_top ? d.PersonaShareTop : d.PersonaShareAll;
        switch (d.Verdict) {
            case profila::PersonaVerdict::NoData: ui::MutedText(state.T("persona.verdict.no_data")); break;
            case profila::PersonaVerdict::PersonaEmpty:
                ui::StatusMessage(ui::Tone::Info, Fmt(state.T("persona.verdict.empty"), {top_text}, buf));
                break;
            case profila::PersonaVerdict::Matches:
                ui::StatusMessage(ui::Tone::Good, Fmt(state.T("persona.verdict.matches"), {Percent(share)}, buf));
                break;
            case profila::PersonaVerdict::Common:
                ui::StatusMessage(ui::Tone::Warning, Fmt(state.T("persona.verdict.common"), {Percent(share), top_text}, buf));
                break;
            case profila::PersonaVerdict::Differs:
                ui::StatusMessage(ui::Tone::Bad, Fmt(state.T("persona.verdict.differs"), {Percent(share), top_text}, buf));
                break;
        }
        if (d.KnownAll > 0) {
            ui::MutedText(Fmt(state.T("persona.data.known_of"), {std::to_string(d.KnownAll), std::to_string(cmp.Customers)}, buf));
            // The most common values: all customers (muted bar) and the top 20% (primary bar).
            float label_w = width * 0.34f, bar_w = (width - label_w - ui::Em(1.0f)) * 0.5f;
            ImGui::TextDisabled("%s", "");
            ImGui::SameLine(label_w);
            ImGui::TextUnformatted(state.T("persona.data.all"));
            ImGui::SameLine(label_w + bar_w + ui::Em(0.5f));
            ImGui::TextUnformatted(state.T("persona.data.top"));
            size_t shown = 0;
            for (const auto& s : d.Shares) {
                if (shown++ >= 4) break;
                bool is_persona = std::find(d.PersonaValues.begin(), d.PersonaValues.end(), s.Value) != d.PersonaValues.end();
                std::string text = ValueText(state, d.Detail, s.Value);
                ImGui::PushStyleColor(ImGuiCol_Text, is_persona ? pal.Primary : pal.Text);
                ImGui::TextUnformatted(text.c_str());
                ImGui::PopStyleColor();
                ImGui::SameLine(label_w);
                DrawShareBar(d.KnownAll ? static_cast<float>(s.All) / d.KnownAll : 0.0f, pal.Muted, bar_w);
                ImGui::SameLine(label_w + bar_w + ui::Em(0.5f));
                DrawShareBar(d.KnownTop ? static_cast<float>(s.Top) / d.KnownTop : 0.0f, pal.Primary, bar_w);
            }
        }
        ImGui::PopID();
    }
}

}  // namespace persona_ui
