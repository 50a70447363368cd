#include "persona/card.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace profila {
namespace {

constexpr Rgb kInk{31, 41, 55};
constexpr Rgb kMuted{100, 110, 125};
constexpr Rgb kPrimary{37, 99, 235};
constexpr Rgb kStateColors[4] = {{148, 155, 165}, {22, 140, 80}, {200, 130, 10}, {205, 50, 50}};

}  // namespace

void RasteriseStrokes(RgbaImage& img, const std::vector<Stroke>& strokes, float ox, float oy, float scale) {
    std::vector<float> cover;
    for (const Stroke& s : strokes) {
        if (s.Points.empty()) continue;
        // Bounding box of the stroke in image pixels.
        float minx = 1e9f, miny = 1e9f, maxx = -1e9f, maxy = -1e9f, maxr = 0.0f;
        for (const SketchPoint& p : s.Points) {
            minx = std::min(minx, p.X);
            maxx = std::max(maxx, p.X);
            miny = std::min(miny, p.Y);
            maxy = std::max(maxy, p.Y);
            maxr = std::max(maxr, StrokeWidthAt(s, p) * 0.5f);
        }
        float pad = maxr * scale + 2.0f;
        int bx0 = std::max(0, static_cast<int>(std::floor(ox + minx * scale - pad)));
        int by0 = std::max(0, static_cast<int>(std::floor(oy + miny * scale - pad)));
        int bx1 = std::min(img.Width, static_cast<int>(std::ceil(ox + maxx * scale + pad)));
        int by1 = std::min(img.Height, static_cast<int>(std::ceil(oy + maxy * scale + pad)));
        if (bx1 <= bx0 || by1 <= by0) continue;
        int bw = bx1 - bx0, bh = by1 - by0;
        cover.assign(static_cast<size_t>(bw) * bh, 0.0f);
        // Coverage of the stroke is the max over its segments (capsules), so joints do not darken.
        size_t n = s.Points.size();
        for (size_t k = 0; k < std::max<size_t>(n - 1, 1); ++k) {
            const SketchPoint& a = s.Points[k];
            const SketchPoint& b = s.Points[std::min(k + 1, n - 1)];
            float ax = ox + a.X * scale, ay = oy + a.Y * scale, bxp = ox + b.X * scale, byp = oy + b.Y * scale;
            float ra = std::max(0.5f, StrokeWidthAt(s, a) * 0.5f * scale), rb = std::max(0.5f, StrokeWidthAt(s, b) * 0.5f * scale);
            float r = std::max(ra, rb) + 1.0f;
            int x0 = std::max(bx0, static_cast<int>(std::floor(std::min(ax, bxp) - r)));
            int x1 = std::min(bx1, static_cast<int>(std::ceil(std::max(ax, bxp) + r)));
            int y0 = std::max(by0, static_cast<int>(std::floor(std::min(ay, byp) - r)));
            int y1 = std::min(by1, static_cast<int>(std::ceil(std::max(ay, byp) + r)));
            float dx = bxp - ax, dy = byp - ay, len2 = dx * dx + dy * dy;
            for (int y = y0; y < y1; ++y) {
                for (int x = x0; x < x1; ++x) {
                    float px = x + 0.5f, py = y + 0.5f;
                    float t = len2 > 0.0f ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0f, 1.0f) : 0.0f;
                    float cx = ax + t * dx - px, cy = ay + t * dy - py;
                    float d = std::sqrt(cx * cx + cy * cy);
                    float rad = ra + (rb - ra) * t;
                    float c = std::clamp(rad - d + 0.5f, 0.0f, 1.0f);
                    float& dst = cover[static_cast<size_t>(y - by0) * bw + (x - bx0)];
                    dst = std::max(dst, c);
                }
            }
        }
        Rgb color = RgbFromHex(s.Color);
        for (int y = 0; y < bh; ++y)
            for (int x = 0; x < bw; ++x) BlendPixel(img, bx0 + x, by0 + y, color, cover[static_cast<size_t>(y) * bw + x]);
    }
}

RgbaImage RenderPersonaCard(const Persona& persona, const PersonaCardTexts& texts, const std::vector<uint8_t>& font_regular,
                            const std::vector<uint8_t>& font_bold) {
    RgbaImage img = WhiteImage(kPersonaCardWidth, kPersonaCardHeight);
    FontFace regular(font_regular), bold(font_bold);
    if (!bold.Ok()) bold = regular;

    // Frame and title.
    StrokeRect(img, 16, 16, img.Width - 16, img.Height - 16, {215, 220, 228}, 3);
    FillRect(img, 16, 16, img.Width - 16, 24, kPrimary);
    bold.Draw(img, texts.Title, 48, 44, 52.0f, kInk);

    // The drawing on its paper, left.
    const float scale = 1.03f;
    const int px0 = 48, py0 = 120;
    const int pw = static_cast<int>(kSketchWidth * scale), ph = static_cast<int>(kSketchHeight * scale);
    FillRect(img, px0, py0, px0 + pw, py0 + ph, {250, 250, 247});
    StrokeRect(img, px0, py0, px0 + pw, py0 + ph, {205, 210, 218}, 2);
    RasteriseStrokes(img, persona.Strokes, static_cast<float>(px0), static_cast<float>(py0), scale);

    // Details, right, in two columns that flow top to bottom.
    const float col_w = 420.0f, gap = 36.0f;
    const float left = static_cast<float>(px0 + pw) + 44.0f;
    const float top = 124.0f, bottom = static_cast<float>(img.Height) - 96.0f;
    float x = left, y = top;
    auto next_column_if = [&](float needed) {
        if (y + needed > bottom && x == left) {
            x = left + col_w + gap;
            y = top;
        }
    };
    for (int g = 0; g < 3; ++g) {
        next_column_if(40.0f + 80.0f);
        bold.Draw(img, texts.GroupTitles[g], x, y, 27.0f, kPrimary);
        y += 40.0f;
        for (size_t i = 0; i < kPersonaDetailCount; ++i) {
            PersonaDetail detail = PersonaDetailAt(i);
            if (static_cast<int>(GroupOf(detail)) != g) continue;
            const DetailEntry& e = persona.Details[i];
            std::string value = e.Value.empty() ? texts.EmptyValue : e.Value;
            auto lines = regular.Wrap(value, 22.0f, col_w);
            if (lines.size() > 3) lines.resize(3);
            float needed = 30.0f + 27.0f * static_cast<float>(std::max<size_t>(1, lines.size())) + 10.0f;
            next_column_if(needed);
            float lw = bold.Draw(img, texts.DetailLabels[i], x, y, 21.0f, kMuted) - x;
            // The state as a small coloured tag after the label.
            const std::string& tag = texts.StateLabels[static_cast<size_t>(e.State)];
            float tx = x + lw + 12.0f, tw = regular.Width(tag, 17.0f) + 16.0f;
            Rgb sc = kStateColors[static_cast<size_t>(e.State)];
            FillRect(img, static_cast<int>(tx), static_cast<int>(y + 1), static_cast<int>(tx + tw), static_cast<int>(y + 25), sc, 0.16f);
            regular.Draw(img, tag, tx + 8.0f, y + 3.0f, 17.0f, sc);
            y += 30.0f;
            for (const std::string& line : lines) {
                regular.Draw(img, line, x, y, 22.0f, e.Value.empty() ? kMuted : kInk);
                y += 27.0f;
            }
            y += 10.0f;
        }
        y += 8.0f;
    }
    // The reminder, along the bottom.
    float fy = static_cast<float>(img.Height) - 84.0f;
    for (const std::string& line : regular.Wrap(texts.Footnote, 19.0f, static_cast<float>(img.Width) - left - 48.0f)) {
        regular.Draw(img, line, left, fy, 19.0f, kMuted);
        fy += 24.0f;
    }
    return img;
}

}  // namespace profila
