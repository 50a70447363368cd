// Answers as the course tests give them.
#pragma once
#include <string>

#include "course/course.h"

// The one option picked (a single-choice item, or a numeric item's typed value).
inline profila::course::Answer Pick(std::string v) {
    profila::course::Answer a;
    a.Values = {std::move(v)};
    return a;
}
