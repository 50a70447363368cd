// Printable course summary: a white A4 page drawn into an RGBA buffer.
#include "course/print.h"

#include <algorithm>
#include <cmath>

#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>

namespace profila::course {

namespace {

struct Rgb {
    uint8_t R, G, B;
};
constexpr Rgb kInk{0x1F, 0x29, 0x37}, kMuted{0x6B, 0x72, 0x80}, kLine{0xD1, 0xD5, 0xDB}, kBarBg{0xE5, 0xE7, 0xEB},
    kGood{0x15, 0x80, 0x3D}, kWarn{0xB4, 0x53, 0x09}, kPrimary{0x1D, 0x4E, 0xD8};

void Blend(RgbaImage& img, int x, int y, Rgb c, float a) {
    if (x < 0 || y < 0 || x >= img.Width || y >= img.Height || a <= 0) return;
    uint8_t* p = &img.Pixels[(static_cast<size_t>(y) * img.Width + x) * 4];
    a = std::min(a, 1.0f);
    p[0] = static_cast<uint8_t>(p[0] + (c.R - p[0]) * a);
    p[1] = static_cast<uint8_t>(p[1] + (c.G - p[1]) * a);
    p[2] = static_cast<uint8_t>(p[2] + (c.B - p[2]) * a);
    p[3] = 255;
}

void Fill(RgbaImage& img, int x0, int y0, int x1, int y1, Rgb c) {
    for (int y = std::max(0, y0); y < std::min(img.Height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.Width, x1); ++x) Blend(img, x, y, c, 1.0f);
}

uint32_t NextCodepoint(const char*& p) {
    auto b = [&](int i) { return static_cast<uint32_t>(static_cast<unsigned char>(p[i])); };
    uint32_t c = b(0);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    for (int i = 1; i < n; ++i)
        if (!p[i]) n = 1;
    uint32_t cp = n == 1 ? c : n == 2 ? ((c & 0x1F) << 6) | (b(1) & 0x3F)
                  : n == 3 ? ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)
                           : ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    p += n;
    return cp;
}

class Face {
public:
    explicit Face(const std::vector<uint8_t>& bytes) {
        if (bytes.empty()) return;
        int offset = stbtt_GetFontOffsetForIndex(bytes.data(), 0);
        ok_ = offset >= 0 && stbtt_InitFont(&font_, bytes.data(), offset) != 0;
    }
    bool Ok() const { return ok_; }
    // Draws text with its top at y; stops at max_x with an ellipsis-free cut. Returns the pen's end x.
    float Draw(RgbaImage& img, const std::string& text, float x, float y, float px, Rgb c, float max_x = 1e9f) {
        if (!ok_) return x;
        float scale = stbtt_ScaleForPixelHeight(&font_, px);
        int ascent, descent, gap;
        stbtt_GetFontVMetrics(&font_, &ascent, &descent, &gap);
        float baseline = y + ascent * scale;
        float pen = x;
        uint32_t prev = 0;
        std::vector<unsigned char> bitmap;
        for (const char* p = text.c_str(); *p;) {
            uint32_t cp = NextCodepoint(p);
            if (prev) pen += scale * stbtt_GetCodepointKernAdvance(&font_, static_cast<int>(prev), static_cast<int>(cp));
            int adv, lsb;
            stbtt_GetCodepointHMetrics(&font_, static_cast<int>(cp), &adv, &lsb);
            if (pen + adv * scale > max_x) break;
            float shift = pen - std::floor(pen);
            int x0, y0, x1, y1;
            stbtt_GetCodepointBitmapBoxSubpixel(&font_, static_cast<int>(cp), scale, scale, shift, 0, &x0, &y0, &x1, &y1);
            int w = x1 - x0, h = y1 - y0;
            if (w > 0 && h > 0) {
                bitmap.assign(static_cast<size_t>(w * h), 0);
                stbtt_MakeCodepointBitmapSubpixel(&font_, bitmap.data(), w, h, w, scale, scale, shift, 0, static_cast<int>(cp));
                int ox = static_cast<int>(std::floor(pen)) + x0, oy = static_cast<int>(std::lround(baseline)) + y0;
                for (int j = 0; j < h; ++j)
                    for (int i = 0; i < w; ++i) Blend(img, ox + i, oy + j, c, bitmap[static_cast<size_t>(j * w + i)] / 255.0f);
            }
            pen += adv * scale;
            prev = cp;
        }
        return pen;
    }

private:
    stbtt_fontinfo font_{};
    bool ok_ = false;
};

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
    RgbaImage img;
    img.Width = kSummaryWidth;
    img.Height = kSummaryHeight;
    img.Pixels.assign(static_cast<size_t>(img.Width) * img.Height * 4, 255);
    Face regular(font_regular), bold(font_bold);
    Face& strong = bold.Ok() ? bold : regular;
    const float margin = 100.0f;
    float y = 100.0f;
    strong.Draw(img, sheet.Heading, margin, y, 56.0f, kInk);
    y += 84.0f;
    regular.Draw(img, sheet.Trainee, margin, y, 30.0f, kInk);
    regular.Draw(img, sheet.Date, img.Width - margin - 360.0f, y, 30.0f, kMuted);
    y += 50.0f;
    strong.Draw(img, sheet.Totals, margin, y, 30.0f, kPrimary);
    y += 60.0f;
    Fill(img, static_cast<int>(margin), static_cast<int>(y), static_cast<int>(img.Width - margin), static_cast<int>(y + 2), kLine);
    y += 30.0f;
    const float bar_x = margin, bar_w = img.Width - margin * 2, bar_h = 18.0f;
    const float row_h = std::min(130.0f, (img.Height - y - 80.0f) / std::max<size_t>(1, sheet.Rows.size()));
    for (const SummaryRow& row : sheet.Rows) {
        std::string mark = row.Passed ? "\xE2\x9C\x93 " : "";  // check mark (the font has U+2713)
        strong.Draw(img, mark + row.Title, margin, y, 30.0f, row.Passed ? kGood : kInk, img.Width - margin);
        regular.Draw(img, row.Detail, margin, y + 40.0f, 24.0f, kMuted, img.Width - margin);
        float by = y + 76.0f;
        Fill(img, static_cast<int>(bar_x), static_cast<int>(by), static_cast<int>(bar_x + bar_w), static_cast<int>(by + bar_h), kBarBg);
        if (row.Done) {
            Fill(img, static_cast<int>(bar_x), static_cast<int>(by), static_cast<int>(bar_x + bar_w * row.Best),
                 static_cast<int>(by + bar_h), row.Passed ? kGood : kWarn);
        }
        int pm = static_cast<int>(bar_x + bar_w * sheet.PassMark);
        Fill(img, pm - 2, static_cast<int>(by - 6), pm + 2, static_cast<int>(by + bar_h + 6), kInk);
        y += row_h;
    }
    return img;
}

}  // namespace profila::course
