// The printable summary: an A4 page with a score bar per lesson, encoded as PNG.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "course/print.h"

using namespace profila;
using namespace profila::course;

namespace {
std::vector<uint8_t> ReadBytes(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("summary rows follow the progress: best, last, passed") {
    auto r = ParseUnit(R"({"id":"u","lessons":[{"id":"a","items":[{"id":"a.1","type":"single","options":["x","y"],"correct":["x"]}]},
                                              {"id":"b","items":[{"id":"b.1","type":"single","options":["x","y"],"correct":["x"]}]}]})");
    REQUIRE(r.Errors.empty());
    Progress p;
    Answer right, wrong;
    right.Values = {"x"};
    wrong.Values = {"y"};
    RecordAnswer(p, r.Value, r.Value.Lessons[0], right, 1, 1);
    RetryLesson(p, r.Value.Lessons[0]);
    RecordAnswer(p, r.Value, r.Value.Lessons[0], wrong, 1, 2);
    auto rows = SummaryRows(r.Value, p);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].Done);
    CHECK(rows[0].Passed);
    CHECK(rows[0].Best == 1.0);
    CHECK(rows[0].Last == 0.0);
    CHECK_FALSE(rows[1].Done);
}

TEST_CASE("the sheet is an A4 page with text and bars, and encodes as PNG") {
    SummarySheet sheet;
    sheet.Heading = "Course summary";
    sheet.Trainee = "Trainee: Giulia";
    sheet.Date = "Date: 2026-11-24";
    sheet.Totals = "Lessons passed: 1 of 2";
    sheet.PassMark = 0.7;
    sheet.Rows = {{"Why know your customers", "best 100%", 1.0, 1.0, true, true}, {"Profile", "not done yet", 0, 0, false, false}};
    auto font = ReadBytes("/usr/share/fonts/opentype/inter/Inter-Regular.otf");
    auto bold = ReadBytes("/usr/share/fonts/opentype/inter/Inter-SemiBold.otf");
    RgbaImage img = RenderSummarySheet(sheet, font, bold);
    CHECK(img.Width == kSummaryWidth);
    CHECK(img.Height == kSummaryHeight);
    // Some ink where the heading is, when the font is there.
    if (!font.empty()) {
        int dark = 0;
        for (int y = 100; y < 160; ++y)
            for (int x = 100; x < 600; ++x) dark += (img.At(x, y) >> 24) < 128;
        CHECK(dark > 200);
    }
    // The first lesson's bar is full and green; the second's bar is empty (grey) past the pass mark line.
    bool green = false, grey = false;
    for (int y = 300; y < img.Height; ++y) {
        uint32_t c = img.At(1000, y);
        green = green || c == 0x15803DFFu;
        grey = grey || c == 0xE5E7EBFFu;
    }
    CHECK(green);
    CHECK(grey);
    auto png = EncodePng(img);
    REQUIRE(png.size() > 100);
    CHECK(png[1] == 'P');
    CHECK(png[2] == 'N');
    CHECK(png[3] == 'G');
}
