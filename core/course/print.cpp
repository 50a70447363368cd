// Printable course summary: a white A4 page drawn into an RGBA buffer.
#include "course/print.h"

#include <algorithm>
#include <cmath>

namespace profila::course {

namespace {

constexpr Rgb kInk{0x1F, 0x29, 0x37}, kMuted{0x6B, 0x72, 0x80}, kLine{0xD1, 0xD5, 0xDB}, kBarBg{0xE5, 0xE7, 0xEB},
    kGood{0x15, 0x80, 0x3D}, kWarn{0xB4, 0x53, 0x09}, kPrimary{0x1D, 0x4E, 0xD8};

}  // namespace

std::vector<SummaryRow> SummaryRows(const Unit& unit, const Progress& progress) {
    std::vector<SummaryRow> rows;
    for (const Lesson& lesson : unit.Lessons) {
        SummaryRow row;
        row.Title = lesson.Id;
        if (const LessonProgress* lp = progress.FindLesson(lesson.Id)) {
            for (const LessonRun& r : lp->Runs) {
                row.Done = true;
                row.Best = std::max(row.Best, r.Score);
                row.Last = r.Score;
                row.Passed = row.Passed || r.Passed;
            }
        }
        rows.push_back(row);
    }
    return rows;
}

RgbaImage RenderSummarySheet(const SummarySheet& sheet, const std::vector<uint8_t>& font_regular,
                             const std::vector<uint8_t>& font_bold) {
    RgbaImage img = WhiteImage(kSummaryWidth, kSummaryHeight);
    FontFace regular(font_regular), bold(font_bold);
    const FontFace& strong = bold.Ok() ? bold : regular;
    const float margin = 100.0f;
    float y = 100.0f;
    strong.Draw(img, sheet.Heading, margin, y, 56.0f, kInk);
    y += 84.0f;
    regular.Draw(img, sheet.Trainee, margin, y, 30.0f, kInk);
    regular.Draw(img, sheet.Date, img.Width - margin - 360.0f, y, 30.0f, kMuted);
    y += 50.0f;
    strong.Draw(img, sheet.Totals, margin, y, 30.0f, kPrimary);
    y += 60.0f;
    FillRect(img, static_cast<int>(margin), static_cast<int>(y), static_cast<int>(img.Width - margin), static_cast<int>(y + 2), kLine);
    y += 30.0f;
    const float bar_x = margin, bar_w = img.Width - margin * 2, bar_h = 18.0f;
    const float row_h = std::min(130.0f, (img.Height - y - 80.0f) / std::max<size_t>(1, sheet.Rows.size()));
    for (const SummaryRow& row : sheet.Rows) {
        std::string mark = row.Passed ? "\xE2\x9C\x93 " : "";  // check mark (the font has U+2713)
        strong.Draw(img, mark + row.Title, margin, y, 30.0f, row.Passed ? kGood : kInk, img.Width - margin);
        regular.Draw(img, row.Detail, margin, y + 40.0f, 24.0f, kMuted, img.Width - margin);
        float by = y + 76.0f;
        FillRect(img, static_cast<int>(bar_x), static_cast<int>(by), static_cast<int>(bar_x + bar_w), static_cast<int>(by + bar_h), kBarBg);
        if (row.Done) {
            FillRect(img, static_cast<int>(bar_x), static_cast<int>(by), static_cast<int>(bar_x + bar_w * row.Best),
                 static_cast<int>(by + bar_h), row.Passed ? kGood : kWarn);
        }
        int pm = static_cast<int>(bar_x + bar_w * sheet.PassMark);
        FillRect(img, pm - 2, static_cast<int>(by - 6), pm + 2, static_cast<int>(by + bar_h + 6), kInk);
        y += row_h;
    }
    return img;
}

}  // namespace profila::course
