#include "persona/card.h"

#include <algorithm>
#include <cmath>
#include <cstring>

// Library code: its own warnings are not ours. No stdio: the core writes to memory only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop
// The libraries' static functions we do not call are reported at the end of the file: not ours.
#pragma GCC diagnostic ignored "-Wunused-function"

namespace profila {
namespace {

struct Rgb {
    uint8_t R, G, B;
};

Rgb FromHex(uint32_t c) { return {static_cast<uint8_t>(c >> 16), static_cast<uint8_t>(c >> 8), static_cast<uint8_t>(c)}; }

void Blend(RgbaImage& img, int x, int y, Rgb c, float a) {
    if (x < 0 || y < 0 || x >= img.Width || y >= img.Height || a <= 0.0f) return;
    a = std::min(a, 1.0f);
    uint8_t* p = &img.Pixels[(static_cast<size_t>(y) * img.Width + x) * 4];
    p[0] = static_cast<uint8_t>(p[0] + (c.R - p[0]) * a + 0.5f);
    p[1] = static_cast<uint8_t>(p[1] + (c.G - p[1]) * a + 0.5f);
    p[2] = static_cast<uint8_t>(p[2] + (c.B - p[2]) * a + 0.5f);
    p[3] = 255;
}

void FillRect(RgbaImage& img, int x0, int y0, int x1, int y1, Rgb c, float a = 1.0f) {
    for (int y = std::max(0, y0); y < std::min(img.Height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.Width, x1); ++x) Blend(img, x, y, c, a);
}

void StrokeRect(RgbaImage& img, int x0, int y0, int x1, int y1, Rgb c, int t = 2) {
    FillRect(img, x0, y0, x1, y0 + t, c);
    FillRect(img, x0, y1 - t, x1, y1, c);
    FillRect(img, x0, y0, x0 + t, y1, c);
    FillRect(img, x1 - t, y0, x1, y1, c);
}

// Decodes one UTF-8 code point; advances p. Bad bytes read as U+FFFD.
uint32_t NextCodepoint(const char*& p) {
    auto b = static_cast<unsigned char>(*p++);
    if (b < 0x80) return b;
    int extra = (b >= 0xF0) ? 3 : (b >= 0xE0) ? 2 : (b >= 0xC0) ? 1 : -1;
    if (extra < 0) return 0xFFFD;
    uint32_t cp = b & (0x3F >> extra);
    for (int i = 0; i < extra; ++i) {
        auto c = static_cast<unsigned char>(*p);
        if ((c & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (c & 0x3F);
        ++p;
    }
    return cp;
}

class TextPainter {
public:
    bool Init(const std::vector<uint8_t>& bytes) {
        if (bytes.empty()) return false;
        int offset = stbtt_GetFontOffsetForIndex(bytes.data(), 0);
        ok_ = offset >= 0 && stbtt_InitFont(&font_, bytes.data(), offset) != 0;
        return ok_;
    }
    bool Ok() const { return ok_; }

    float Width(const std::string& text, float px) const {
        if (!ok_) return 0.0f;
        float scale = stbtt_ScaleForPixelHeight(&font_, px);
        float w = 0.0f;
        const char* p = text.c_str();
        uint32_t prev = 0;
        while (*p) {
            uint32_t cp = NextCodepoint(p);
            int adv = 0, lsb = 0;
            stbtt_GetCodepointHMetrics(&font_, static_cast<int>(cp), &adv, &lsb);
            if (prev) w += scale * stbtt_GetCodepointKernAdvance(&font_, static_cast<int>(prev), static_cast<int>(cp));
            w += scale * adv;
            prev = cp;
        }
        return w;
    }

    // Draws one line with its top at y; returns the width drawn.
    float Draw(RgbaImage& img, const std::string& text, float x, float y, float px, Rgb color) const {
        if (!ok_) return 0.0f;
        float scale = stbtt_ScaleForPixelHeight(&font_, px);
        int ascent = 0, descent = 0, gap = 0;
        stbtt_GetFontVMetrics(&font_, &ascent, &descent, &gap);
        float baseline = y + ascent * scale;
        float pen = x;
        const char* p = text.c_str();
        uint32_t prev = 0;
        std::vector<unsigned char> bitmap;
        while (*p) {
            uint32_t cp = NextCodepoint(p);
            if (prev) pen += scale * stbtt_GetCodepointKernAdvance(&font_, static_cast<int>(prev), static_cast<int>(cp));
            int adv = 0, lsb = 0;
            stbtt_GetCodepointHMetrics(&font_, static_cast<int>(cp), &adv, &lsb);
            float shift = pen - std::floor(pen);
            int x0, y0, x1, y1;
            stbtt_GetCodepointBitmapBoxSubpixel(&font_, static_cast<int>(cp), scale, scale, shift, 0, &x0, &y0, &x1, &y1);
            int w = x1 - x0, h = y1 - y0;
            if (w > 0 && h > 0) {
                bitmap.assign(static_cast<size_t>(w) * h, 0);
                stbtt_MakeCodepointBitmapSubpixel(&font_, bitmap.data(), w, h, w, scale, scale, shift, 0, static_cast<int>(cp));
                int ox = static_cast<int>(std::floor(pen)) + x0, oy = static_cast<int>(std::lround(baseline)) + y0;
                for (int j = 0; j < h; ++j)
                    for (int i = 0; i < w; ++i) Blend(img, ox + i, oy + j, color, bitmap[static_cast<size_t>(j) * w + i] / 255.0f);
            }
            pen += scale * adv;
            prev = cp;
        }
        return pen - x;
    }

    // Word-wraps text into lines no wider than max_width.
    std::vector<std::string> Wrap(const std::string& text, float px, float max_width) const {
        std::vector<std::string> lines;
        std::string line, word;
        auto push_word = [&] {
            if (word.empty()) return;
            std::string candidate = line.empty() ? word : line + " " + word;
            if (!line.empty() && Width(candidate, px) > max_width) {
                lines.push_back(line);
                line = word;
            } else {
                line = candidate;
            }
            word.clear();
        };
        for (char c : text) {
            if (c == ' ' || c == '\n' || c == '\t') {
                push_word();
                if (c == '\n') {
                    lines.push_back(line);
                    line.clear();
                }
            } else {
                word += c;
            }
        }
        push_word();
        if (!line.empty()) lines.push_back(line);
        return lines;
    }

private:
    stbtt_fontinfo font_{};
    bool ok_ = false;
};

constexpr Rgb kInk{31, 41, 55};
constexpr Rgb kMuted{100, 110, 125};
constexpr Rgb kPrimary{37, 99, 235};
constexpr Rgb kStateColors[4] = {{148, 155, 165}, {22, 140, 80}, {200, 130, 10}, {205, 50, 50}};

}  // namespace

uint32_t RgbaImage::At(int x, int y) const {
    const uint8_t* p = &Pixels[(static_cast<size_t>(y) * Width + x) * 4];
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

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
        Rgb color = FromHex(s.Color);
        for (int y = 0; y < bh; ++y)
            for (int x = 0; x < bw; ++x) Blend(img, bx0 + x, by0 + y, color, cover[static_cast<size_t>(y) * bw + x]);
    }
}

RgbaImage RenderPersonaCard(const Persona& persona, const PersonaCardTexts& texts, const std::vector<uint8_t>& font_regular,
                            const std::vector<uint8_t>& font_bold) {
    RgbaImage img;
    img.Width = kPersonaCardWidth;
    img.Height = kPersonaCardHeight;
    img.Pixels.assign(static_cast<size_t>(img.Width) * img.Height * 4, 255);
    TextPainter regular, bold;
    regular.Init(font_regular);
    if (!bold.Init(font_bold)) bold = regular;

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
            float lw = bold.Draw(img, texts.DetailLabels[i], x, y, 21.0f, kMuted);
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

std::vector<uint8_t> EncodePng(const RgbaImage& image) {
    std::vector<uint8_t> out;
    if (image.Width <= 0 || image.Height <= 0 || image.Pixels.size() != static_cast<size_t>(image.Width) * image.Height * 4) return out;
    stbi_write_png_to_func(
        [](void* ctx, void* data, int size) {
            auto* v = static_cast<std::vector<uint8_t>*>(ctx);
            auto* bytes = static_cast<uint8_t*>(data);
            v->insert(v->end(), bytes, bytes + size);
        },
        &out, image.Width, image.Height, 4, image.Pixels.data(), image.Width * 4);
    return out;
}

}  // namespace profila
