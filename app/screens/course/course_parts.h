// The pieces of the Course screen, shared between its files: content and the save loop
// (course_store.cpp), the small widgets (course_widgets.cpp), the item players (item_players.cpp),
// the lesson player with feedback and results (lesson_player.cpp), the class summary
// (class_summary_view.cpp), practice (practice_view.cpp) and the lesson list (course_screen.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app_state.h"
#include "course/course.h"
#include "imgui.h"

namespace course = profila::course;

namespace course_ui {

// ---- [SECTION] Content and progress (course_store.cpp) ------------------------------------------
void EnsureContent(AppState& state);
const char* CT(const CourseView& v, const std::string& key);
void MarkDirty(AppState& state);
int64_t Now();
std::string Fmt(const AppState& state, const char* key, std::vector<std::string> args);

// ---- [SECTION] Small widgets (course_widgets.cpp) -----------------------------------------------
std::string Label(const char* text, const std::string& key);
bool OptionCard(const char* text, const std::string& key, bool selected, bool multi, float width);
float TextBox(const char* text, float width, float min_height, bool strong);
float TextHeight(const char* text, float width);
bool WrapButton(const char* text, const std::string& key, float width, float height, bool selected, bool placeholder);
const char* MarkIcon(course::Mark m);
ImVec4 MarkColor(course::Mark m);

// ---- [SECTION] Item players (item_players.cpp) --------------------------------------------------
void DrawChoice(AppState& state, const course::Item& item, int round);
void DrawSort(AppState& state, const course::Item& item, int round);
void DrawMatch(AppState& state, const course::Item& item, int round);
void DrawOrder(AppState& state, const course::Item& item);
void DrawNumeric(AppState& state, const course::Item& item);
void DrawTask(AppState& state, const course::Item& item);

// ---- [SECTION] Lesson player, class summary, practice --------------------------------------------
void DrawLesson(AppState& state, const course::Lesson& lesson);
void OpenLesson(AppState& state, const course::Lesson& lesson);  // teaching first on a fresh round
void DrawTeaching(AppState& state, const course::Lesson& lesson);  // teaching_view.cpp
void DrawTeachPicture(AppState& state, const std::string& picture);
void ExportHandIn(AppState& state);
std::vector<uint8_t> SummaryPng(AppState& state);
void DrawClassSummary(AppState& state);
void DrawLiveClass(AppState& state);   // class_view.cpp: the trainer's live class
void DrawClassJoin(AppState& state);   // class_view.cpp: the trainee's class panel
void DrawCase(AppState& state, const course::Lesson& lesson);  // case_view.cpp: the graded case
void StartPractice(AppState& state);
void DrawPractice(AppState& state);

}  // namespace course_ui
