// Course: the unit's content and texts (CourseFrame), the command that marks the progress changed
// (the progress itself is Document::Progress, saved by the store), the hand-in and the course
// state that window.profila reads.

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
#include "screens/screens.h"
#include "ui/drag_drop.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course_ui {

// ---- [SECTION] Content, progress and the save loop ------------------------------------------

std::string ReadText(const std::string& relative) {
    std::vector<uint8_t> bytes = platform::ReadAsset(relative);
    return {bytes.begin(), bytes.end()};
}

void EnsureContent(AppState& state) {
    CourseView& v = state.Course;
    if (!v.ContentLoaded) {
        v.ContentLoaded = true;
        course::ParseResult r = course::ParseUnit(ReadText("course/unit.json"));
        v.Unit = std::move(r.Value);
        v.ContentErrors = std::move(r.Errors);
        if (!v.Unit.Lessons.empty()) v.Unit.Lessons.push_back(course::CaseLesson());  // the closing lesson, on real data
    }
    std::string lang = profila::LanguageCode(state.Settings.Language);
    if (v.TextsLanguage != lang) {
        v.TextsLanguage = lang;
        v.Texts = {};
        if (auto error = profila::MergeStrings(v.Texts, ReadText("course/" + lang + ".json"), "course/" + lang + ".json"))
            v.ContentErrors.push_back(*error);
    }
}

const char* CT(const CourseView& v, const std::string& key) { return v.Texts.Get(key.c_str()); }

// The progress lives in the document (collection "progress"); the store's one saver writes it.
void MarkDirty(AppState& state) { MarkProgressChanged(state.Doc, ImGui::GetTime()); }

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string Fmt(const AppState& state, const char* key, std::vector<std::string> args) {
    return profila::FormatText(state.T(key), args);
}

}  // namespace course_ui

using namespace course_ui;

// ---- [SECTION] Content, progress and the save loop (public) ------------------------------------

void CourseFrame(AppState& state) {
    EnsureContent(state);
    CourseView& v = state.Course;
    // The trainee's name field follows the stored progress (another workspace, another tab).
    if (v.TraineeShown != state.Doc.Progress.Trainee && !v.EditingTrainee) {
        v.TraineeShown = state.Doc.Progress.Trainee;
        std::snprintf(v.TraineeName, sizeof v.TraineeName, "%s", v.TraineeShown.c_str());
    }
    if (v.Workspace != state.Doc.Data.Id) {
        v.Workspace = state.Doc.Data.Id;
        v.DraftItem.clear();
        v.Feedback.reset();
        v.Case.reset();
        v.CaseChecked = false;
    }
    // Progress saved by an older content: a round past this content's items starts again (the
    // old attempts stay in the file and the hand-in, counted nowhere).
    if (!v.Unit.Lessons.empty() && !v.Feedback && course::FitProgress(state.Doc.Progress, v.Unit) > 0) MarkDirty(state);
    // The trainer's live class is read while its summary is on screen.
    ClassFrame(state, state.Current == Screen::Course && v.ShowClass);
}

std::string CourseHandInText(AppState& state) {
    EnsureContent(state);
    const CourseView& v = state.Course;
    std::vector<std::string> personas;
    nlohmann::json all = nlohmann::json::parse(profila::PersonasToJson(state.Doc.Personas), nullptr, false);
    if (all.is_array())
        for (const auto& p : all) personas.push_back(p.dump());
    return course::BuildHandIn(v.Unit, state.Doc.Progress, personas, Now());
}

std::string RecordCourseRun(AppState& state, const std::string& lesson_id, const std::vector<double>& scores) {
    EnsureContent(state);
    const course::Lesson* lesson = state.Course.Unit.FindLesson(lesson_id);
    if (!lesson) return "no lesson " + lesson_id;
    if (!state.Doc.Loaded) return "not loaded yet";
    const course::LessonProgress* lp = state.Doc.Progress.FindLesson(lesson_id);
    if (lp && lp->Finished) course::RetryLesson(state.Doc.Progress, *lesson);
    for (double score : scores)
        if (!course::RecordScore(state.Doc.Progress, state.Course.Unit, *lesson, {}, score, 5.0, Now())) break;
    MarkDirty(state);
    return "";
}

std::string CourseStatusJson(const AppState& state) {
    const CourseView& v = state.Course;
    const Document& doc = state.Doc;
    const CollectionState& cs = doc.State(Collection::Progress);
    nlohmann::json lessons = nlohmann::json::object();
    for (const auto& [id, lp] : doc.Progress.Lessons)
        lessons[id] = {{"round", lp.Round}, {"current", lp.Current}, {"finished", lp.Finished}, {"runs", lp.Runs.size()}};
    // The open lesson's round as the trainee sees it (pools drawn, order shuffled) and the teaching
    // screen shown (-1 = none), so a browser test can follow any round.
    nlohmann::json round_items = nlohmann::json::array();
    if (const course::Lesson* open = v.OpenLesson.empty() ? nullptr : v.Unit.FindLesson(v.OpenLesson)) {
        const course::LessonProgress* lp = doc.Progress.FindLesson(open->Id);
        for (const course::Item* i : course::RoundItems(*open, lp ? lp->Round : 1)) round_items.push_back(i->Id);
    }
    nlohmann::json j = {{"loaded", doc.Loaded}, {"teach", v.TeachStep}, {"roundItems", round_items}, {"saving", !cs.InFlightPuts.empty()}, {"dirty", !cs.Dirty.empty()},
                        {"saves", doc.Store.SavedCount}, {"error", doc.SaveError},
                        {"workspace", doc.Data.Id}, {"trainee", doc.Progress.Trainee}, {"lesson", v.OpenLesson},
                        {"item", v.Feedback ? v.FeedbackItem : v.DraftItem}, {"feedback", v.Feedback.has_value()},
                        {"attempts", doc.Progress.Attempts.size()}, {"lessons", lessons}, {"contentErrors", v.ContentErrors}};
    // The graded case as built (its keys come from the data), so a browser test can play it.
    if (v.Case) {
        const course::CaseStudy& cs = *v.Case;
        nlohmann::json statuses = nlohmann::json::array(), strategies = nlohmann::json::array(), choices = nlohmann::json::array();
        for (const course::CaseCustomer& c : cs.Customers) {
            statuses.push_back(profila::StatusCode(c.Base.Profila.Value));
            strategies.push_back(profila::StrategyCode(c.Suggested.Value));
            nlohmann::json offered = nlohmann::json::array();
            for (profila::Strategy s : c.Choices) offered.push_back(profila::StrategyCode(s));
            choices.push_back(offered);
        }
        j["case"] = {{"example", cs.Example}, {"checked", v.CaseChecked}, {"customer", v.CaseCustomer}, {"pareto", cs.Pareto.Correct},
                     {"rfm", cs.Rfm.Correct}, {"rfmOptions", cs.Rfm.Options}, {"statuses", statuses}, {"strategies", strategies}, {"choices", choices}, {"ltv", cs.Ltv.Value()},
                     {"cost", cs.Ltv.ShownValue() - cs.Ltv.Cost}};
    }
    return j.dump();
}
