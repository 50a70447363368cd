// Course: the hand-in export, the trainee's summary PNG and the trainer's class summary.

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
#include "sync/class.h"
#include "ui/drag_drop.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course_ui {

// ---- [SECTION] Lesson list and class summary -------------------------------------------------

void ExportHandIn(AppState& state) {
    CourseView& v = state.Course;
    std::string name = ui::SafeFileName(state.Doc.Progress.Trainee);
    if (name.empty()) name = "trainee";
    storage::DownloadText("profila-hand-in-" + name + ".json", "application/json", CourseHandInText(state));
    v.Notice = state.T("course.exported");
}

std::vector<uint8_t> SummaryPng(AppState& state) {
    CourseView& v = state.Course;
    course::SummarySheet sheet;
    sheet.Heading = state.T("course.summary.heading");
    sheet.Trainee = Fmt(state, "course.summary.trainee", {state.Doc.Progress.Trainee.empty() ? state.T("course.class.unnamed") : state.Doc.Progress.Trainee});
    sheet.Date = Fmt(state, "course.summary.date", {profila::FormatIsoDate(ui::Today())});
    sheet.PassMark = v.Unit.PassMark;
    sheet.Rows = course::SummaryRows(v.Unit, state.Doc.Progress);
    int passed = 0;
    for (course::SummaryRow& row : sheet.Rows) {
        const course::LessonProgress* lp = state.Doc.Progress.FindLesson(row.Title);
        std::string title = CT(v, row.Title + ".title");
        row.Detail = row.Done ? Fmt(state, "course.summary.line", {ui::FormatPercent(row.Best), ui::FormatPercent(row.Last), std::to_string(lp ? lp->Runs.size() : 0)})
                              : std::string(state.T("course.summary.not_done"));
        row.Title = title;
        passed += row.Passed ? 1 : 0;
    }
    sheet.Totals = Fmt(state, "course.passed_count", {std::to_string(passed), std::to_string(sheet.Rows.size())});
    auto image = course::RenderSummarySheet(sheet, platform::ReadAsset("fonts/Inter-Regular.otf"), platform::ReadAsset("fonts/Inter-SemiBold.otf"));
    return profila::EncodePng(image);
}

void DrawClassSummary(AppState& state) {
    CourseView& v = state.Course;
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.class_back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) v.ShowClass = false;
    ui::Heading(state.UiFonts.Title, state.T("course.class.title"));
    DrawLiveClass(state);
    ui::Heading(state.UiFonts.Heading, state.T("class.files.title"));
    ui::MutedText(state.T("course.class.help"));
    std::string open = std::string(ICON_UPLOAD "  ") + state.T("course.class.open") + "##course.class_open";
    if (ui::PrimaryButton(open.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        AppState* s = &state;
        storage::PickTextFile(".json,application/json", [s](bool picked, std::string name, std::string text) {
            if (!picked) return;
            CourseView& cv = s->Course;
            course::HandInResult r = course::ReadHandIn(text);
            if (!r.Value) {
                cv.ClassMessage = profila::FormatText(s->T("course.class.bad_file"), {name, r.Error});
                return;
            }
            cv.ClassFiles.push_back(*r.Value);
            cv.ClassFileNames.push_back(name);
            cv.ClassMessage = profila::FormatText(s->T("course.class.added"), {name, r.Value->Trainee});
        });
    }
    if (!v.ClassFiles.empty()) {
        ImGui::SameLine();
        if (ui::SecondaryButton((std::string(state.T("course.class.clear")) + "##course.class_clear").c_str(), ImVec2(0, ui::Em(2.8f)))) {
            v.ClassFiles.clear();
            v.ClassFileNames.clear();
            v.ClassMessage.clear();
        }
    }
    if (!v.ClassMessage.empty()) ui::StatusMessage(ui::Tone::Info, v.ClassMessage.c_str());
    // The live class's trainees and the hand-in files, in one table.
    std::vector<course::HandIn> all = LiveHandIns(state);
    all.insert(all.end(), v.ClassFiles.begin(), v.ClassFiles.end());
    if (all.empty()) return;
    course::ClassSummary summary = course::SummarizeClass(v.Unit, all);
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, Fmt(state, "course.class.trainees", {std::to_string(summary.Rows.size())}).c_str());
    if (ImGui::BeginTable("##course.class", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(state.T("course.class.trainee"), 0, 3.0f);
        ImGui::TableSetupColumn(state.T("course.class.passed"), 0, 1.5f);
        ImGui::TableSetupColumn(state.T("course.class.mean_best"), 0, 1.5f);
        ImGui::TableSetupColumn(state.T("course.class.personas"), 0, 1.0f);
        ImGui::TableHeadersRow();
        for (const course::ClassRow& row : summary.Rows) {
            ImGui::TableNextRow(0, ui::Em(2.0f));
            ImGui::TableNextColumn();
            const char* name = row.Trainee.empty() ? state.T("course.class.unnamed") : row.Trainee.c_str();
            ImGui::TextUnformatted(name);
            item_registry::AddText(item_registry::Role::Text, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // read by the class test
            ImGui::TableNextColumn();
            ImGui::Text("%d / %d", row.LessonsPassed, static_cast<int>(v.Unit.Lessons.size()));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ui::FormatPercent(row.MeanBest).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", row.Personas);
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, state.T("course.class.per_lesson"));
    for (const course::Lesson& l : v.Unit.Lessons) {
        auto it = summary.PassedPerLesson.find(l.Id);
        int passed = it == summary.PassedPerLesson.end() ? 0 : it->second;
        ui::Paragraph((std::string(CT(v, l.Id + ".title")) + ": " + std::to_string(passed) + " / " + std::to_string(summary.Rows.size())).c_str());
    }
    if (!summary.Hardest.empty()) {
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ui::Heading(state.UiFonts.Heading, state.T("course.class.hardest"));
        for (const course::HardItem& h : summary.Hardest)
            ui::Paragraph((ui::FormatPercent(h.MeanFirst) + "  " + CT(v, h.ItemId + ".prompt")).c_str());
    }
    if (!summary.Missed.empty()) {
        ImGui::Dummy(ui::EmVec(0, 0.4f));
        ui::Heading(state.UiFonts.Heading, state.T("course.class.missed"));
        for (const course::MissedConcept& m : summary.Missed)
            ui::Paragraph(Fmt(state, "course.class.missed_row", {CT(v, m.LessonId + ".title"), CT(v, m.LessonId + ".concept." + m.ConceptId), ui::FormatPercent(m.MeanScore),
                                                                 std::to_string(m.Answers), std::to_string(m.Trainees)}).c_str());
    }
}

}  // namespace course_ui
