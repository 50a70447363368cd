// Course: the customer-identification unit as exercises. A lesson list with progress, an item
// player for every item type (large touch targets; cards dragged into buckets by finger or mouse,
// or tapped then placed), feedback that explains every answer, results with a retry on reshuffled
// answers, the trainee's name, the hand-in file and the trainer's class summary.
//
// Files of this folder: course_store.cpp (content, progress and the save loop, automation exports),
// course_widgets.cpp, item_players.cpp, lesson_player.cpp (feedback and results),
// class_summary_view.cpp, practice_view.cpp; course_parts.h declares what they share.
//
// [SECTION] Lesson list
// [SECTION] Screen
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
#include "course/case.h"
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

// ---- [SECTION] Lesson list ------------------------------------------------------------------------

void DrawLessonList(AppState& state) {
    CourseView& v = state.Course;
    ui::Heading(state.UiFonts.Title, state.T("course.title"));
    ui::MutedText(state.T("course.intro"));
    ImGui::Dummy(ui::EmVec(0, 0.3f));

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.T("course.trainee"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(18.0f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), ui::Em(0.55f)));
    std::string name_label = std::string("##") + "course.trainee";
    if (ImGui::InputTextWithHint(name_label.c_str(), state.T("course.trainee_hint"), v.TraineeName, sizeof v.TraineeName)) {
        SetTraineeName(state.Doc, v.TraineeName, ImGui::GetTime());
        v.TraineeShown = state.Doc.Progress.Trainee;
    }
    v.EditingTrainee = ImGui::IsItemActive();
    ImGui::PopStyleVar();
    std::string exp = std::string(ICON_DOWNLOAD "  ") + state.T("course.export") + "##course.export";
    if (ui::SecondaryButton(exp.c_str(), ImVec2(0, ui::Em(2.6f)))) ExportHandIn(state);
    ImGui::SameLine();
    std::string png = std::string(ICON_IMAGE "  ") + state.T("course.summary_png") + "##course.png";
    if (ui::SecondaryButton(png.c_str(), ImVec2(0, ui::Em(2.6f)))) {
        std::string name = ui::SafeFileName(state.Doc.Progress.Trainee);
        if (name.empty()) name = "trainee";
        platform::DownloadBytes("profila-summary-" + name + ".png", "image/png", SummaryPng(state));
        v.Notice = state.T("course.summary_done");
    }
    ImGui::SameLine();
    std::string cls = std::string(ICON_USERS "  ") + state.T("course.class.button") + "##course.class";
    if (ui::SecondaryButton(cls.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowClass = true;
    if (!v.Notice.empty()) ui::StatusMessage(ui::Tone::Good, v.Notice.c_str());
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    DrawClassJoin(state);

    int lessons_passed = 0;
    for (const course::Lesson& l : v.Unit.Lessons)
        if (const auto* lp = state.Doc.Progress.FindLesson(l.Id))
            if (std::any_of(lp->Runs.begin(), lp->Runs.end(), [](const course::LessonRun& r) { return r.Passed; })) ++lessons_passed;
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Heading(state.UiFonts.Heading, Fmt(state, "course.passed_count", {std::to_string(lessons_passed), std::to_string(v.Unit.Lessons.size())}).c_str());

    float avail = ImGui::GetContentRegionAvail().x;
    float button_w = ui::Em(9.5f);
    if (!state.Doc.Data.Customers.empty()) {
        ui::BeginPanel("##practice_entry", ImVec2(std::min(avail, ui::Em(52.0f)), 0));
        ui::Heading(state.UiFonts.Heading, state.T("course.practice.title"));
        ui::MutedText(state.T("course.practice.teaser"));
        std::string go = std::string(ICON_USERS "  ") + state.T("course.practice.start") + "##course.practice";
        if (ui::PrimaryButton(go.c_str(), ImVec2(0, ui::Em(2.6f)))) StartPractice(state);
        ui::EndPanel();
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
    int number = 0;
    for (const course::Lesson& lesson : v.Unit.Lessons) {
        ++number;
        const course::LessonProgress* lp = state.Doc.Progress.FindLesson(lesson.Id);
        double best = 0.0;
        bool passed_any = false;
        if (lp)
            for (const course::LessonRun& r : lp->Runs) {
                best = std::max(best, r.Score);
                passed_any = passed_any || r.Passed;
            }
        std::string status;
        const char* action = "course.start";
        if (lp && lp->Finished) {
            status = Fmt(state, passed_any ? "course.status.passed" : "course.status.not_passed", {ui::FormatPercent(best)});
            action = "course.review";
        } else if (lp && (lp->Current > 0 || lp->Round > 1)) {
            status = Fmt(state, "course.status.in_progress", {std::to_string(lp->Current + 1), std::to_string(course::RoundItems(lesson, lp->Round).size())});
            action = "course.continue";
        } else {
            status = state.T("course.status.new");
        }
        ImGui::PushID(lesson.Id.c_str());
        ui::BeginPanel("##lesson", ImVec2(std::min(avail, ui::Em(52.0f)), 0));
        float inner = ImGui::GetContentRegionAvail().x;
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - button_w - ui::Em(1.0f));
        ImGui::PushFont(state.UiFonts.Heading);
        std::string title = std::to_string(number) + ". " + CT(v, lesson.Id + ".title");
        if (passed_any) title += "  " ICON_CHECK;
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
        ImGui::TextUnformatted(CT(v, lesson.Id + ".intro"));
        ImGui::TextUnformatted((Fmt(state, "course.lesson_meta", {std::to_string(course::RoundItems(lesson, lp ? lp->Round : 1).size()), std::to_string(lesson.Minutes)}) + "  ·  " + status).c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        float group_h = ImGui::GetItemRectSize().y;
        ImGui::SameLine(inner - button_w + ImGui::GetStyle().WindowPadding.x);
        float bh = ui::Em(2.8f);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (group_h - bh) * 0.5f));
        std::string label = std::string(state.T(action)) + "##lesson." + lesson.Id;
        bool go = passed_any || (lp && lp->Finished) ? ui::SecondaryButton(label.c_str(), ImVec2(button_w, bh))
                                                     : ui::PrimaryButton(label.c_str(), ImVec2(button_w, bh));
        ui::EndPanel();
        ImGui::PopID();
        if (go) OpenLesson(state, lesson);
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
}

}  // namespace course_ui

using namespace course_ui;

// ---- [SECTION] Screen -----------------------------------------------------------------------------

void DrawCourseScreen(AppState& state) {
    EnsureContent(state);
    CourseView& v = state.Course;
    if (!v.ContentErrors.empty()) {
        ui::Heading(state.UiFonts.Title, state.T("course.title"));
        for (const std::string& e : v.ContentErrors) ui::StatusMessage(ui::Tone::Bad, e.c_str());
        if (v.Unit.Lessons.empty()) return;
    }
    if (v.ShowClass) {
        DrawClassSummary(state);
        return;
    }
    if (v.ShowPractice) {
        DrawPractice(state);
        return;
    }
    const course::Lesson* lesson = v.OpenLesson.empty() ? nullptr : v.Unit.FindLesson(v.OpenLesson);
    if (!lesson) {
        v.OpenLesson.clear();
        DrawLessonList(state);
        return;
    }
    if (lesson->Id == course::kCaseLessonId) DrawCase(state, *lesson);
    else DrawLesson(state, *lesson);
}
