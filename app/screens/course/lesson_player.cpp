// Course: the lesson player (progress, prompt, hint, Check), the feedback that explains every
// answer and the lesson's results with a retry.

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

namespace course_ui {

// ---- [SECTION] Feedback and results ---------------------------------------------------------

void DrawFeedback(AppState& state, const course::Item& item, const course::Grade& g) {
    CourseView& v = state.Course;
    const ui::Palette& p = ui::Colors();
    if (g.Correct) ui::StatusMessage(ui::Tone::Good, (std::string(ICON_CHECK "  ") + state.T("course.fb.right")).c_str());
    else if (g.Score > 0) ui::StatusMessage(ui::Tone::Warning, Fmt(state, "course.fb.partial", {ui::FormatPercent(g.Score)}).c_str());
    else ui::StatusMessage(ui::Tone::Bad, (std::string(ICON_TIMES "  ") + state.T("course.fb.wrong")).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Paragraph(CT(v, g.ExplainKey));
    if (g.HintUsed) ui::MutedText(Fmt(state, "course.fb.hint_used", {ui::FormatPercent(course::kHintCost)}).c_str());
    if (!g.SlipKey.empty()) ui::StatusMessage(ui::Tone::Info, CT(v, g.SlipKey));
    if (item.Type == course::ItemType::Numeric) {
        std::string unit = item.Units.empty() ? "" : std::string(" ") + CT(v, item.Id + "." + item.Unit);
        char given[32], expected[32];
        std::snprintf(given, sizeof given, "%g", g.Given);
        std::snprintf(expected, sizeof expected, "%g", g.Expected);
        std::string given_unit = v.Draft.Unit.empty() ? "" : std::string(" ") + CT(v, item.Id + "." + v.Draft.Unit);
        ui::Paragraph(Fmt(state, "course.fb.numeric", {std::string(expected) + unit, std::string(given) + given_unit}).c_str());
        if (!g.UnitRight) ui::StatusMessage(ui::Tone::Warning, state.T("course.fb.unit_wrong"));
        return;
    }
    if (item.Type == course::ItemType::Task) return;
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    std::string last_subject;
    for (const course::FeedbackLine& line : g.Lines) {
        // Match lines come per cell; the row's reason is shown once, after its cells.
        bool repeat = item.Type == course::ItemType::Match && line.SubjectKey == last_subject;
        last_subject = line.SubjectKey;
        ImGui::PushStyleColor(ImGuiCol_Text, MarkColor(line.Result));
        ImGui::TextUnformatted(MarkIcon(line.Result));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::BeginGroup();
        std::string text;
        switch (item.Type) {
            case course::ItemType::Sort:
                text = std::string(CT(v, line.SubjectKey)) + " " + ICON_ARROW_R " " + CT(v, line.ExpectedKey);
                if (line.Result == course::Mark::Wrong) text += "  (" + Fmt(state, "course.fb.you_put", {CT(v, line.GivenKey)}) + ")";
                break;
            case course::ItemType::Match:
                text = repeat ? std::string("   ") + CT(v, line.ExpectedKey) : std::string(CT(v, line.SubjectKey)) + " " + ICON_ARROW_R " " + CT(v, line.ExpectedKey);
                if (line.Result == course::Mark::Wrong) text += "  (" + Fmt(state, "course.fb.you_put", {CT(v, line.GivenKey)}) + ")";
                break;
            case course::ItemType::Order:
                text = std::to_string(line.ExpectedPosition + 1) + ". " + CT(v, line.SubjectKey);
                break;
            default:
                text = CT(v, line.SubjectKey);
                if (line.Result == course::Mark::Missed) text += "  (" + std::string(state.T("course.fb.missed")) + ")";
                if (line.Result == course::Mark::Wrong) text += "  (" + std::string(state.T("course.fb.not_right")) + ")";
        }
        ImGui::PushFont(state.UiFonts.Heading);
        ui::Paragraph(text.c_str());  // registered, so the mirror and tests read "(you: ...)"
        ImGui::PopFont();
        bool last_cell_of_row = item.Type != course::ItemType::Match || &line == &g.Lines.back() || (&line + 1)->SubjectKey != line.SubjectKey;
        if (last_cell_of_row) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.Muted);
            ui::Paragraph(CT(v, line.WhyKey));
            ImGui::PopStyleColor();
        }
        ImGui::EndGroup();
        if (last_cell_of_row) ImGui::Dummy(ui::EmVec(0, 0.25f));
    }
}

void DrawResults(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::LessonProgress* lp = state.Doc.Progress.FindLesson(lesson.Id);
    if (!lp || lp->Runs.empty()) return;
    const course::LessonRun& run = lp->Runs.back();
    ui::Heading(state.UiFonts.Heading, Fmt(state, "course.results.score", {ui::FormatPercent(run.Score)}).c_str());
    course::Band band = course::ScoreBand(run.Score, v.Unit.PassMark);
    ui::Tone tone = band == course::Band::Low ? ui::Tone::Bad : band == course::Band::Near ? ui::Tone::Warning : ui::Tone::Good;
    ui::StatusMessage(tone, (std::string(run.Passed ? state.T("course.results.passed") : state.T("course.results.not_passed")) + " " +
                             Fmt(state, "course.results.pass_mark", {ui::FormatPercent(v.Unit.PassMark)}) + "\n" + state.T(course::BandKey(band))).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    // The summary: the lesson's key points, then what to review with a way back to its screen.
    if (!lesson.Points.empty()) {
        ui::Heading(state.UiFonts.Heading, state.T("course.summary.points"));
        for (const std::string& point : lesson.Points) {
            ImGui::Bullet();
            ImGui::SameLine();
            ui::Paragraph(CT(v, lesson.Id + ".point." + point));
        }
        ImGui::Dummy(ui::EmVec(0, 0.3f));
    }
    if (!lesson.Concepts.empty()) {
        std::vector<std::string> review = course::ConceptsToReview(lesson, state.Doc.Progress, run.Round);
        ui::Heading(state.UiFonts.Heading, state.T("course.summary.review"));
        if (review.empty()) ui::MutedText(state.T("course.summary.review_none"));
        for (const std::string& c : review) {
            const course::Concept* concept = lesson.FindConcept(c);
            int teach = concept ? lesson.TeachIndex(concept->Teach) : -1;
            ImGui::PushID(c.c_str());
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(ICON_ARROW_R);
            ImGui::SameLine();
            ImGui::TextUnformatted(CT(v, lesson.Id + ".concept." + c));
            if (teach >= 0) {
                ImGui::SameLine();
                std::string go = Fmt(state, "course.summary.goto", {CT(v, lesson.Id + ".teach." + lesson.Teach[static_cast<size_t>(teach)].Id + ".title")}) + "##course.review." + c;
                if (ui::SecondaryButton(go.c_str(), ImVec2(0, ui::Em(2.4f)))) {
                    v.TeachStep = teach;
                    v.TeachFromSummary = true;
                }
            }
            ImGui::PopID();
        }
        ImGui::Dummy(ui::EmVec(0, 0.3f));
    }
    double best = 0.0;
    for (const course::LessonRun& r : lp->Runs) best = std::max(best, r.Score);
    ui::MutedText(Fmt(state, "course.results.rounds", {std::to_string(lp->Runs.size()), ui::FormatPercent(lp->Runs.front().Score), ui::FormatPercent(best), ui::FormatPercent(run.Score)}).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    if (ImGui::BeginTable("##course.results", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(state.T("course.results.item"), ImGuiTableColumnFlags_WidthStretch, 5.0f);
        ImGui::TableSetupColumn(state.T("course.results.this_round"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(state.T("course.results.first"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.T("course.results.best"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.T("course.results.attempts"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const course::Item* drawn : course::RoundItems(lesson, run.Round)) {
            const course::Item& item = *drawn;
            course::ItemStats s = course::StatsForItem(state.Doc.Progress, item.Id);
            double this_round = 0.0;
            for (const course::Attempt& a : state.Doc.Progress.Attempts)
                if (a.ItemId == item.Id && a.Round == run.Round) this_round = a.Score;
            ImGui::TableNextRow(0, ui::Em(2.0f));
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(CT(v, item.Id + ".prompt"));
            ImGui::PopTextWrapPos();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, this_round >= 1.0 ? ui::Colors().Good : this_round > 0 ? ui::Colors().Warning : ui::Colors().Bad);
            ImGui::TextUnformatted(ui::FormatPercent(this_round).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ui::FormatPercent(s.First).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ui::FormatPercent(s.Best).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", s.Attempts);
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    std::string retry = std::string(ICON_REFRESH "  ") + state.T("course.results.retry") + "##course.retry";
    if (ui::PrimaryButton(retry.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        course::RetryLesson(state.Doc.Progress, lesson);
        v.ShowResults = false;
        MarkDirty(state);
    }
    // Buttons wrap to the next line when the window is narrow (portrait tablets).
    auto button_width = [](const std::string& label) { return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 + ui::Em(0.5f); };
    if (!lesson.Teach.empty()) {
        std::string teach = std::string(ICON_LIGHTBULB "  ") + state.T("course.summary.teach_again") + "##course.teach_again";
        ui::SameLineIfFits(button_width(teach));
        if (ui::SecondaryButton(teach.c_str(), ImVec2(0, ui::Em(2.8f)))) {
            v.TeachStep = 0;
            v.TeachFromSummary = true;
        }
    }
    std::string back = std::string(ICON_LIST "  ") + state.T("course.back_to_lessons") + "##course.lessons";
    ui::SameLineIfFits(button_width(back));
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        v.OpenLesson.clear();
        v.ShowResults = false;
    }
}

// ---- [SECTION] The lesson player --------------------------------------------------------------

const char* InstructionKey(course::ItemType t) {
    switch (t) {
        case course::ItemType::Single: return "course.how.single";
        case course::ItemType::Multi: return "course.how.multi";
        case course::ItemType::Sort: return "course.how.sort";
        case course::ItemType::Match: return "course.how.match";
        case course::ItemType::Order: return "course.how.order";
        case course::ItemType::Numeric: return "course.how.numeric";
        case course::ItemType::Scenario: return "course.how.scenario";
        case course::ItemType::Task: return "course.how.task";
    }
    return "course.how.single";
}

void OpenLesson(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    v.OpenLesson = lesson.Id;
    v.Feedback.reset();
    v.Notice.clear();
    const course::LessonProgress* lp = state.Doc.Progress.FindLesson(lesson.Id);
    bool fresh = !lp || (lp->Current == 0 && !lp->Finished && lp->Runs.empty());
    v.TeachStep = fresh && !lesson.Teach.empty() ? 0 : -1;
    v.TeachFromSummary = false;
}

void DrawLesson(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    course::LessonProgress& lp = state.Doc.Progress.Lessons[lesson.Id];
    if (v.TeachStep >= 0 && v.TeachStep < static_cast<int>(lesson.Teach.size())) {
        DrawTeaching(state, lesson);
        return;
    }
    std::vector<const course::Item*> items = course::RoundItems(lesson, lp.Round);
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) {
        v.OpenLesson.clear();
        v.Feedback.reset();
        return;
    }
    ui::Heading(state.UiFonts.Title, CT(v, lesson.Id + ".title"));

    bool feedback = v.Feedback.has_value();
    if (lp.Finished && !feedback) {
        DrawResults(state, lesson);
        return;
    }
    const course::Item* item = nullptr;
    int index = lp.Current;
    if (feedback) {
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i]->Id == v.FeedbackItem) {
                item = items[i];
                index = static_cast<int>(i);
            }
    } else if (lp.Current >= 0 && lp.Current < static_cast<int>(items.size())) {
        item = items[static_cast<size_t>(lp.Current)];
    }
    if (!item) {
        v.Feedback.reset();
        return;
    }
    // Progress through the lesson.
    int total = static_cast<int>(items.size());
    std::string step = Fmt(state, "course.item_of", {std::to_string(index + 1), std::to_string(total)});
    if (lp.Round > 1) step += "  ·  " + Fmt(state, "course.round", {std::to_string(lp.Round)});
    ui::MutedText(step.c_str());
    {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f));
        float h = ui::Em(0.35f);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), ImGui::GetColorU32(ui::Colors().CardBorder), h);
        float done = float(index + (feedback ? 1 : 0)) / float(total);
        draw->AddRectFilled(pos, ImVec2(pos.x + w * done, pos.y + h), ImGui::GetColorU32(ui::Colors().Primary), h);
        ImGui::Dummy(ImVec2(w, h + ui::Em(0.5f)));
    }

    ui::Heading(state.UiFonts.Heading, CT(v, item->Id + ".prompt"));
    if (feedback) {
        // Next comes before the explanations, so it stays reachable however long they are.
        bool last = lp.Finished;
        std::string next = std::string(last ? state.T("course.see_results") : state.T("course.next")) + "  " ICON_CHEVRON_R "##course.next";
        bool go = ui::PrimaryButton(next.c_str(), ImVec2(ui::Em(12.0f), ui::Em(2.8f)));
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        DrawFeedback(state, *item, *v.Feedback);
        if (go) v.Feedback.reset();
        return;
    }

    if (v.DraftItem != item->Id || v.DraftRound != lp.Round) {
        v.DraftItem = item->Id;
        v.DraftRound = lp.Round;
        v.Draft = course::StartingAnswer(*item, lp.Round);
        v.NumberText[0] = 0;
        v.SelectedCard = -1;
        v.OpenSlot = -1;
        v.ShowHint = false;
        v.ItemStartedAt = ImGui::GetTime();
    }
    ui::MutedText(state.T(InstructionKey(item->Type)));
    if (item->HasHint) {
        if (!v.ShowHint) {
            std::string hint = std::string(ICON_LIGHTBULB "  ") + state.T("course.show_hint") + "##course.hint";
            if (ui::SecondaryButton(hint.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowHint = true;
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ui::MutedText(Fmt(state, "course.hint_cost", {ui::FormatPercent(course::kHintCost)}).c_str());
        } else {
            v.Draft.Hint = true;  // opened before answering: costs part of the score
            ui::StatusMessage(ui::Tone::Info, (std::string(ICON_LIGHTBULB "  ") + CT(v, item->Id + ".hint")).c_str());
        }
    }
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    switch (item->Type) {
        case course::ItemType::Single:
        case course::ItemType::Multi:
        case course::ItemType::Scenario: DrawChoice(state, *item, lp.Round); break;
        case course::ItemType::Sort: DrawSort(state, *item, lp.Round); break;
        case course::ItemType::Match: DrawMatch(state, *item, lp.Round); break;
        case course::ItemType::Order: DrawOrder(state, *item); break;
        case course::ItemType::Numeric: DrawNumeric(state, *item); break;
        case course::ItemType::Task: DrawTask(state, *item); break;
    }
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    bool complete = course::IsAnswerComplete(*item, v.Draft);
    ImGui::BeginDisabled(!complete);
    std::string check = std::string(ICON_CHECK "  ") + state.T("course.check") + "##course.check";
    if (ui::PrimaryButton(check.c_str(), ImVec2(ui::Em(12.0f), ui::Em(2.8f)))) {
        double seconds = ImGui::GetTime() - v.ItemStartedAt;
        v.Feedback = course::RecordAnswer(state.Doc.Progress, v.Unit, lesson, v.Draft, std::round(seconds * 10) / 10, Now());
        v.FeedbackItem = item->Id;
        v.DraftItem.clear();
        MarkDirty(state);
    }
    ImGui::EndDisabled();
    if (!complete) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::MutedText(state.T("course.answer_first"));
    }
}

}  // namespace course_ui
