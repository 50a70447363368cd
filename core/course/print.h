// The trainee's printable course summary as a picture (A4 portrait at 150 dpi): name, date, one
// row per lesson with a score bar (best and last against the pass mark), and the totals. Text is
// drawn with stb_truetype from font bytes the caller supplies (the app passes its packaged Inter),
// so the core does no I/O and the words come already translated. Painted with render/canvas.h;
// encode with EncodePng (render/png.h).
#pragma once
#include <string>
#include <vector>

#include "course/course.h"
#include "render/canvas.h"
#include "render/png.h"

namespace profila::course {

struct SummaryRow {
    std::string Title;     // the lesson's title
    std::string Detail;    // "best 85%, last 80%, rounds 2" or "not done yet", translated
    double Best = 0.0;
    double Last = 0.0;
    bool Done = false;
    bool Passed = false;
};

struct SummarySheet {
    std::string Heading;   // "Course summary"
    std::string Trainee;   // "Trainee: Giulia"
    std::string Date;      // "Date: 2026-11-24"
    std::string Totals;    // "Lessons passed: 4 of 10"
    double PassMark = 0.7;
    std::vector<SummaryRow> Rows;
};

inline constexpr int kSummaryWidth = 1240;
inline constexpr int kSummaryHeight = 1754;

// The rows of a sheet from the unit and progress (titles and detail lines come from the caller's
// formatter, so the sheet reads in the trainee's language).
[[nodiscard]] std::vector<SummaryRow> SummaryRows(const Unit& unit, const Progress& progress);

[[nodiscard]] RgbaImage RenderSummarySheet(const SummarySheet& sheet, const std::vector<uint8_t>& font_regular,
                                           const std::vector<uint8_t>& font_bold);

}  // namespace profila::course
