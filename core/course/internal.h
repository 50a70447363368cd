// What the course's .cpp files share (not part of the public course.h): a membership test and the
// JSON of an Answer, which the progress file and the hand-in file both write.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "course/course.h"

namespace profila::course {

// "2026-12-06T09:30:00Z" (UTC) of unix seconds (handin.cpp).
std::string IsoTime(int64_t unix_seconds);

inline bool Contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

inline nlohmann::json AnswerToJson(const Answer& a) {
    nlohmann::json j = nlohmann::json::object();
    j["values"] = a.Values;
    if (a.Number) j["number"] = *a.Number;
    if (!a.Unit.empty()) j["unit"] = a.Unit;
    if (a.Hint) j["hint"] = true;
    return j;
}

inline Answer AnswerFromJson(const nlohmann::json& j) {
    Answer a;
    if (j.contains("values")) a.Values = j.at("values").get<std::vector<std::string>>();
    if (j.contains("number")) a.Number = j.at("number").get<double>();
    if (j.contains("unit")) a.Unit = j.at("unit").get<std::string>();
    a.Hint = j.value("hint", false);
    return a;
}

}  // namespace profila::course
