// Course: the unit's content and texts, the trainee's progress and its save loop (CourseFrame),
// and the window.profila exports of the hand-in and the course state.

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
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course_ui {

constexpr const char* kCollection = "progress";
constexpr const char* kKey = "course";
constexpr double kSaveDelaySeconds = 0.3;

// ---- [SECTION] Content, progress and the save loop ------------------------------------------

std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void EnsureContent(AppState& state) {
    CourseView& v = state.Course;
    if (!v.ContentLoaded) {
        v.ContentLoaded = true;
        course::ParseResult r = course::ParseUnit(ReadText("/assets/course/unit.json"));
        v.Unit = std::move(r.Value);
        v.ContentErrors = std::move(r.Errors);
    }
    std::string lang = profila::LanguageCode(state.Settings.Language);
    if (v.TextsLanguage != lang) {
        v.TextsLanguage = lang;
        v.Texts = {};
        if (auto error = profila::MergeStrings(v.Texts, ReadText("/assets/course/" + lang + ".json"), "course/" + lang + ".json"))
            v.ContentErrors.push_back(*error);
    }
}

const char* CT(const CourseView& v, const std::string& key) { return v.Texts.Get(key.c_str()); }

void MarkDirty(AppState& state) {
    state.Course.Dirty = true;
    state.Course.LastEditAt = ImGui::GetTime();
}

void StartSave(AppState& state) {
    CourseView& v = state.Course;
    if (v.LoadedWorkspace.empty()) return;
    v.Saving = true;
    v.Dirty = false;
    storage::Record record;
    record.Collection = kCollection;
    record.Key = kKey;
    record.Json = course::ProgressToJson(v.Progress);
    AppState* s = &state;
    storage::Write(v.LoadedWorkspace, {record}, {}, [s](bool ok, std::string error) {
        CourseView& cv = s->Course;
        cv.Saving = false;
        if (ok) {
            ++cv.Saves;
            cv.SaveError.clear();
        } else {
            cv.SaveError = error.empty() ? "?" : error;
            cv.Dirty = true;  // try again after the next delay
            cv.LastEditAt = ImGui::GetTime() + 2.0;
        }
    });
}

void StartLoad(AppState& state) {
    CourseView& v = state.Course;
    std::string workspace = state.Doc.Data.Id;
    v.Loading = true;
    AppState* s = &state;
    storage::ReadRecords(workspace, {{kCollection, kKey}}, [s, workspace](storage::LoadResult result) {
        CourseView& cv = s->Course;
        cv.Loading = false;
        bool first_load = cv.LoadedWorkspace.empty();
        cv.LoadedWorkspace = workspace;
        cv.Loaded = true;
        course::Progress loaded;
        bool found = false;
        for (const storage::Record& r : result.Records) {
            if (r.Collection != kCollection || r.Key != kKey) continue;
            if (auto error = course::ProgressFromJson(r.Bytes(), loaded)) {
                // Keep the unreadable record aside (never overwritten unseen) and start afresh.
                cv.LoadProblem = *error;
                storage::KeepAside(workspace, {r}, {*error}, [](bool) {});
            } else {
                found = true;
            }
        }
        // Answers given before the first load finished are kept when nothing was stored yet.
        if (found || !first_load || cv.Progress.Attempts.empty()) {
            cv.Progress = found ? std::move(loaded) : course::Progress{};
            cv.Dirty = false;
        } else {
            MarkDirty(*s);
        }
        std::snprintf(cv.TraineeName, sizeof cv.TraineeName, "%s", cv.Progress.Trainee.c_str());
        cv.DraftItem.clear();
        cv.Feedback.reset();
    });
}

AppState* g_course_state = nullptr;  // the live state for window.profila (set every frame)

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string Fmt(const AppState& state, const char* key, std::vector<std::string> args) {
    return profila::FormatText(state.T(key), args);
}

}  // namespace course_ui

using namespace course_ui;

// ---- [SECTION] Content, progress and the save loop (public) ------------------------------------

void CourseFrame(AppState& state) {
    g_course_state = &state;
    EnsureContent(state);
    CourseView& v = state.Course;
    const Document& doc = state.Doc;
    bool store_ready = doc.Loaded && !doc.Data.Id.empty();
    if (store_ready && !v.Loading && !v.Saving && v.LoadedWorkspace != doc.Data.Id) {
        if (v.Dirty && !v.LoadedWorkspace.empty()) StartSave(state);  // flush into the workspace being left
        else StartLoad(state);
        return;
    }
    if (v.Loaded && v.Dirty && !v.Saving && ImGui::GetTime() - v.LastEditAt >= kSaveDelaySeconds) StartSave(state);
}

std::string CourseHandInText(AppState& state) {
    EnsureContent(state);
    const CourseView& v = state.Course;
    std::vector<std::string> personas;
    nlohmann::json all = nlohmann::json::parse(profila::PersonasToJson(state.Doc.Personas), nullptr, false);
    if (all.is_array())
        for (const auto& p : all) personas.push_back(p.dump());
    return course::BuildHandIn(v.Unit, v.Progress, personas, Now());
}

// ---- [SECTION] Automation exports ---------------------------------------------------------------
extern "C" {

__attribute__((used)) const char* profila_course_handin() {
    static std::string out;  // handed to JS, which copies it at once
    out = g_course_state ? CourseHandInText(*g_course_state) : "";
    return out.c_str();
}

__attribute__((used)) const char* profila_course_status_json() {
    static std::string out;
    nlohmann::json j = nlohmann::json::object();
    if (g_course_state) {
        const CourseView& v = g_course_state->Course;
        nlohmann::json lessons = nlohmann::json::object();
        for (const auto& [id, lp] : v.Progress.Lessons)
            lessons[id] = {{"round", lp.Round}, {"current", lp.Current}, {"finished", lp.Finished}, {"runs", lp.Runs.size()}};
        j = {{"loaded", v.Loaded}, {"saving", v.Saving}, {"dirty", v.Dirty}, {"saves", v.Saves}, {"error", v.SaveError},
             {"workspace", v.LoadedWorkspace}, {"trainee", v.Progress.Trainee}, {"lesson", v.OpenLesson},
             {"item", v.Feedback ? v.FeedbackItem : v.DraftItem}, {"feedback", v.Feedback.has_value()},
             {"attempts", v.Progress.Attempts.size()}, {"lessons", lessons}, {"contentErrors", v.ContentErrors}};
    }
    out = j.dump();
    return out.c_str();
}

}  // extern "C"
