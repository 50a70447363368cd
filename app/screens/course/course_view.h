// View state of the Course screen: the loaded unit and its texts, the item being answered (draft answer, feedback), drag and drop, and the trainer's
// class summary. Owned by that screen (app/screens/course_screen.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "course/case.h"
#include "course/course.h"
#include "course/practice.h"
#include "i18n/i18n.h"
#include "sync/class.h"
#include "ui/drag_drop.h"

struct AppState;

struct CourseView {
    // Content: assets/course/unit.json and the texts of the current language.
    bool ContentLoaded = false;
    std::vector<std::string> ContentErrors;
    profila::course::Unit Unit;
    profila::StringTable Texts;
    std::string TextsLanguage;            // language code Texts were read for

    // The trainee's name as typed (the progress itself is Document::Progress, saved by the store).
    std::string Workspace;                // the workspace this view state belongs to
    char TraineeName[96] = "";
    std::string TraineeShown;             // the stored name TraineeName was last filled from
    bool EditingTrainee = false;

    // The player.
    std::string OpenLesson;               // "" = the lesson list
    bool ShowResults = false;             // the lesson's results page
    int TeachStep = -1;                   // the teaching screen shown (-1 = the items or the summary)
    bool TeachFromSummary = false;        // opened from the summary to review: its button goes back there
    std::string DraftItem;                // item id the draft belongs to
    int DraftRound = 0;
    profila::course::Answer Draft;
    double ItemStartedAt = 0.0;           // ImGui time when the item was shown
    std::optional<profila::course::Grade> Feedback;  // shown after Check, until Next
    std::string FeedbackItem;
    bool ShowHint = false;
    char NumberText[32] = "";
    int SelectedCard = -1;                // Sort: card picked by a tap, waiting for a bucket tap
    int OpenSlot = -1;                    // Match: the cell whose choices are shown
    ui::DragDropState Drag;

    // Practice on the trainee's own customers (core/course_practice.h).
    bool ShowPractice = false;
    std::vector<profila::course::PracticeCustomer> PracticeCustomers;
    std::vector<std::optional<profila::RelationshipStatus>> PracticeGuesses;
    bool PracticeChecked = false;
    profila::course::GroupLtv PracticeLtv;
    char LtvText[32] = "";
    bool LtvChecked = false;

    // The graded case (core/course/case.h): the customers it is built on (the example shop, or the
    // workspace's customers who may be profiled), the case, and the step being answered.
    profila::Workspace CaseData;
    int CaseLeftOut = 0;                  // customers left out because they object to profiling
    std::optional<profila::course::CaseStudy> Case;
    std::string CaseNote;                 // why the example shop is used
    std::string CasePick;                 // the option picked (pareto, rfm, persona)
    std::vector<std::optional<profila::RelationshipStatus>> CaseStatuses;
    std::vector<std::optional<profila::Strategy>> CaseStrategies;
    int CaseCustomer = 0;                 // strategy step: the customer shown
    char CaseNumber[32] = "";
    bool CaseChecked = false;             // the checked step's feedback is shown, until Continue
    int CaseShownStep = 0;                // the step that feedback belongs to
    double CaseScore = 0.0;
    double CaseStepStart = 0.0;           // ImGui time when the step was shown
    int CaseScroll = 0;                   // 1: a new step, back to the top; 2+: feedback shown, down to Continue for that many frames

    // Trainer: hand-in files opened for the class summary.
    bool ShowClass = false;
    std::vector<profila::course::HandIn> ClassFiles;
    std::vector<std::string> ClassFileNames;
    std::string ClassMessage;
    ClassLive Class;                      // the class over CouchDB: the trainer's live view, the trainee's join form (app/sync/class.h)
    std::string Notice;                   // one-off message (exported, ...)
};

// Loads the unit and keeps the view state in step with the open workspace; once per frame.
void CourseFrame(AppState& state);
// The hand-in file of the current trainee (what Export downloads and profila.exportResults() returns).
std::string CourseHandInText(AppState& state);
// profila.courseStatus(): the course state as JSON text.
std::string CourseStatusJson(const AppState& state);
// profila.recordCourseRun(lesson, scores): answers the open round of a lesson with these item
// scores (0..1, in the round's order) through the command the graded case records with, and saves
// it as the screen does; "" or why not.
std::string RecordCourseRun(AppState& state, const std::string& lesson_id, const std::vector<double>& scores);
