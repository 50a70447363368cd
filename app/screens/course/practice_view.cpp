// Course: practice on the trainee's own customers (guess the status, estimate the LTV).

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app_state.h"
#include "course_parts.h"
#include "course/practice.h"
#include "course/print.h"
#include "imgui.h"
#include "privacy/privacy.h"
#include "codec/persona_json.h"
#include "platform/item_registry.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/drag_drop.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#include "text/numbers.h"

namespace course_ui {

// ---- Practice on the trainee's own customers --------------------------------------------------

profila::AnalysisSettings PracticeSettings() {
    profila::AnalysisSettings settings;
    settings.AsOf = ui::Today();
    return settings;
}

// A figure as the screen shows it (two decimals), so the grade uses what the trainee reads.
double ShownFigure(double f) { return std::round(f * 100) / 100; }

std::string Figure(double f) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(f * 100) / 100);
    return buf;
}

void StartPractice(AppState& state) {
    CourseView& v = state.Course;
    profila::AnalysisSettings settings = PracticeSettings();
    // Practice uses only customers who may be profiled (issue 18: objecting ones stay out).
    profila::Workspace profiled;
    const profila::Workspace& data = profila::ProfilingInput(state.Doc.Data, profiled) > 0 ? profiled : state.Doc.Data;
    v.PracticeCustomers = course::PickPracticeCustomers(data, settings, 10);
    v.PracticeGuesses.assign(v.PracticeCustomers.size(), std::nullopt);
    v.PracticeChecked = false;
    v.PracticeLtv = course::ComputeGroupLtv(data, settings);
    v.LtvText[0] = 0;
    v.LtvChecked = false;
    v.ShowPractice = true;
}

void RecordPractice(AppState& state, const char* id, double score) {
    course::Attempt a;
    a.ItemId = id;
    a.Score = score;
    a.When = Now();
    for (const course::Attempt& old : state.Doc.Progress.Attempts)
        if (old.ItemId == id) a.Round = std::max(a.Round, old.Round + 1);
    state.Doc.Progress.Attempts.push_back(a);
    MarkDirty(state);
}

void DrawPractice(AppState& state) {
    CourseView& v = state.Course;
    const ui::Palette& p = ui::Colors();
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.practice_back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowPractice = false;
    ui::Heading(state.UiFonts.Title, state.T("course.practice.title"));
    profila::AnalysisSettings settings = PracticeSettings();
    ui::MutedText(Fmt(state, "course.practice.help", {std::to_string(settings.ActiveWindowDays), std::to_string(settings.ActiveMinOccasions)}).c_str());
    if (v.PracticeCustomers.empty()) {
        ui::StatusMessage(ui::Tone::Info, state.T("course.practice.none"));
        return;
    }
    const profila::RelationshipStatus kStatuses[] = {profila::RelationshipStatus::Current, profila::RelationshipStatus::Active,
                                                               profila::RelationshipStatus::Inactive, profila::RelationshipStatus::Potential,
                                                               profila::RelationshipStatus::Probable};
    for (size_t i = 0; i < v.PracticeCustomers.size(); ++i) {
        const course::PracticeCustomer& c = v.PracticeCustomers[i];
        ImGui::PushID(static_cast<int>(i));
        ui::BeginPanel("##practice", ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::Em(52.0f)), 0));
        ui::Heading(state.UiFonts.Heading, c.Name.c_str());
        std::string facts;
        if (c.Facts.Occasions > 0)
            facts = Fmt(state, "course.practice.bought", {std::to_string(c.Facts.Occasions), profila::FormatIsoDate(c.Facts.Last),
                                                          std::to_string(c.Facts.DaysSinceLast(settings.AsOf)), std::to_string(c.Facts.OccasionsInActiveWindow)});
        else
            facts = state.T(c.ShowedInterest || c.Facts.OtherRequests > 0 ? "course.practice.asked" : "course.practice.never");
        ui::MutedText(facts.c_str());
        for (size_t s = 0; s < 5; ++s) {
            const char* code = profila::StatusCode(kStatuses[s]);
            std::string label = std::string(state.T((std::string("course.practice.status.") + code).c_str())) + "##guess." + std::to_string(i) + "." + code;
            if (s) ImGui::SameLine();
            bool selected = v.PracticeGuesses[i] == kStatuses[s];
            if (ui::ChoiceButton(label.c_str(), selected, ImVec2(ui::Em(8.2f), ui::Em(2.6f))) && !v.PracticeChecked) v.PracticeGuesses[i] = kStatuses[s];
        }
        if (v.PracticeChecked) {
            bool match = v.PracticeGuesses[i] == c.Profila.Value;
            std::string says = Fmt(state, "course.practice.profila_says", {state.T((std::string("course.practice.status.") + profila::StatusCode(c.Profila.Value)).c_str())});
            ui::StatusMessage(match ? ui::Tone::Good : ui::Tone::Warning, ((match ? ICON_CHECK "  " : ICON_TIMES "  ") + says).c_str());
            std::vector<std::string> figures;
            for (int f = 0; f < c.Profila.Why.FigureCount; ++f) figures.push_back(Figure(c.Profila.Why.Figures[static_cast<size_t>(f)]));
            ImGui::PushStyleColor(ImGuiCol_Text, p.Muted);
            ui::Paragraph(Fmt(state, (std::string("course.practice.reason.") + c.Profila.Why.Code).c_str(), figures).c_str());
            ImGui::PopStyleColor();
        }
        ui::EndPanel();
        ImGui::PopID();
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
    if (!v.PracticeChecked) {
        std::string cmp = std::string(ICON_CHECK "  ") + state.T("course.practice.compare") + "##course.practice_check";
        if (ui::PrimaryButton(cmp.c_str(), ImVec2(0, ui::Em(2.8f)))) {
            v.PracticeChecked = true;
            RecordPractice(state, "practice.status", course::GradePractice(v.PracticeCustomers, v.PracticeGuesses).Score);
        }
    } else {
        course::PracticeGrade g = course::GradePractice(v.PracticeCustomers, v.PracticeGuesses);
        ui::Heading(state.UiFonts.Heading, Fmt(state, "course.practice.score", {std::to_string(g.Right), std::to_string(v.PracticeCustomers.size())}).c_str());
    }

    // The LTV of the customers who bought: estimate, then compare.
    const course::GroupLtv& ltv = v.PracticeLtv;
    if (ltv.Customers == 0) return;
    // Graded against the formula applied to the figures shown (the per-customer mean, which the
    // trainee cannot compute from them, is told afterwards).
    double formula = ShownFigure(ltv.Mean.S) * ShownFigure(ltv.Mean.C) * std::round(ltv.Mean.P * 100.0) / 100.0 * ShownFigure(ltv.Mean.T);
    ImGui::Dummy(ui::EmVec(0, 0.6f));
    ui::Heading(state.UiFonts.Heading, state.T("course.practice.ltv_title"));
    ui::MutedText(Fmt(state, "course.practice.ltv_terms", {std::to_string(ltv.Customers), Figure(ltv.Mean.S), Figure(ltv.Mean.C),
                                                           ui::FormatPercent(ltv.Mean.P), Figure(ltv.Mean.T)}).c_str());
    ImGui::SetNextItemWidth(ui::Em(10.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), ui::Em(0.55f)));
    ImGui::InputText("##course.ltv_guess", v.LtvText, sizeof v.LtvText, ImGuiInputTextFlags_CharsDecimal);
    ImGui::PopStyleVar();
    ImGui::SameLine();
    std::optional<double> typed = profila::ParseNumber(v.LtvText, false);
    bool valid = typed.has_value();
    double guess = typed.value_or(0.0);
    ImGui::BeginDisabled(!valid);
    if (ui::PrimaryButton((std::string(state.T("course.practice.compare")) + "##course.ltv_check").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        v.LtvChecked = true;
        RecordPractice(state, "practice.ltv", course::LtvEstimateClose(guess, formula) ? 1.0 : 0.0);
    }
    ImGui::EndDisabled();
    if (v.LtvChecked && valid) {
        bool close = course::LtvEstimateClose(guess, formula);
        ui::StatusMessage(close ? ui::Tone::Good : ui::Tone::Warning,
                          Fmt(state, close ? "course.practice.ltv_close" : "course.practice.ltv_far", {Figure(formula), Figure(guess)}).c_str());
        ui::MutedText(Fmt(state, "course.practice.ltv_why", {Figure(formula), Figure(ltv.Value)}).c_str());
    }
}

}  // namespace course_ui
