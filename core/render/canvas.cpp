#include "render/canvas.h"

#include <algorithm>
#include <cmath>

#include "text/utf8.h"

// Library code: its own warnings are not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"  // its static functions we do not call
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>
#pragma GCC diagnostic pop

namespace profila {

uint32_t RgbaImage::At(int x, int y) const {
    const uint8_t* p = &Pixels[(static_cast<size_t>(y) * Width + x) * 4];
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

RgbaImage WhiteImage(int width, int height) {
    RgbaImage img;
    img.Width = width;
    img.Height = height;
    img.Pixels.assign(static_cast<size_t>(width) * height * 4, 255);
    return img;
}

void BlendPixel(RgbaImage& img, int x, int y, Rgb c, float a) {
    if (x < 0 || y < 0 || x >= img.Width || y >= img.Height || a <= 0.0f) return;
    a = std::min(a, 1.0f);
    uint8_t* p = &img.Pixels[(static_cast<size_t>(y) * img.Width + x) * 4];
    p[0] = static_cast<uint8_t>(p[0] + (c.R - p[0]) * a + 0.5f);
    p[1] = static_cast<uint8_t>(p[1] + (c.G - p[1]) * a + 0.5f);
    p[2] = static_cast<uint8_t>(p[2] + (c.B - p[2]) * a + 0.5f);
    p[3] = 255;
}

void FillRect(RgbaImage& img, int x0, int y0, int x1, int y1, Rgb c, float a) {
    for (int y = std::max(0, y0); y < std::min(img.Height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.Width, x1); ++x) BlendPixel(img, x, y, c, a);
}

void StrokeRect(RgbaImage& img, int x0, int y0, int x1, int y1, Rgb c, int t) {
    FillRect(img, x0, y0, x1, y0 + t, c);
    FillRect(img, x0, y1 - t, x1, y1, c);
    FillRect(img, x0, y0, x0 + t, y1, c);
    FillRect(img, x1 - t, y0, x1, y1, c);
}

FontFace::FontFace(const std::vector<uint8_t>& bytes) {
    if (bytes.empty()) return;
    auto font = std::make_shared<stbtt_fontinfo>();
    int offset = stbtt_GetFontOffsetForIndex(bytes.data(), 0);
    if (offset >= 0 && stbtt_InitFont(font.get(), bytes.data(), offset) != 0) Font = std::move(font);
}

float FontFace::Width(std::string_view text, float px) const {
    if (!Font) return 0.0f;
    const float scale = stbtt_ScaleForPixelHeight(Font.get(), px);
    float w = 0.0f;
    uint32_t prev = 0;
    for (size_t i = 0; i < text.size();) {
        uint32_t cp = NextCodepoint(text, i);
        int adv = 0, lsb = 0;
        stbtt_GetCodepointHMetrics(Font.get(), static_cast<int>(cp), &adv, &lsb);
        if (prev) w += scale * stbtt_GetCodepointKernAdvance(Font.get(), static_cast<int>(prev), static_cast<int>(cp));
        w += scale * adv;
        prev = cp;
    }
    return w;
}

float FontFace::Draw(RgbaImage& img, std::string_view text, float x, float y, float px, Rgb color, float max_x) const {
    if (!Font) return x;
    const stbtt_fontinfo* font = Font.get();
    const float scale = stbtt_ScaleForPixelHeight(font, px);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(font, &ascent, &descent, &gap);
    const float baseline = y + ascent * scale;
    float pen = x;
    uint32_t prev = 0;
    std::vector<unsigned char> bitmap;
    for (size_t i = 0; i < text.size();) {
        uint32_t cp = NextCodepoint(text, i);
        if (prev) pen += scale * stbtt_GetCodepointKernAdvance(font, static_cast<int>(prev), static_cast<int>(cp));
        int adv = 0, lsb = 0;
        stbtt_GetCodepointHMetrics(font, static_cast<int>(cp), &adv, &lsb);
        if (pen + adv * scale > max_x) break;
        // Subpixel placement: glyphs keep their fractional pen position, so spacing stays even.
        float shift = pen - std::floor(pen);
        int x0, y0, x1, y1;
        stbtt_GetCodepointBitmapBoxSubpixel(font, static_cast<int>(cp), scale, scale, shift, 0, &x0, &y0, &x1, &y1);
        int w = x1 - x0, h = y1 - y0;
        if (w > 0 && h > 0) {
            bitmap.assign(static_cast<size_t>(w) * h, 0);
            stbtt_MakeCodepointBitmapSubpixel(font, bitmap.data(), w, h, w, scale, scale, shift, 0, static_cast<int>(cp));
            int ox = static_cast<int>(std::floor(pen)) + x0, oy = static_cast<int>(std::lround(baseline)) + y0;
            for (int j = 0; j < h; ++j)
                for (int k = 0; k < w; ++k) BlendPixel(img, ox + k, oy + j, color, bitmap[static_cast<size_t>(j) * w + k] / 255.0f);
        }
        pen += scale * adv;
        prev = cp;
    }
    return pen;
}

std::vector<std::string> FontFace::Wrap(std::string_view text, float px, float max_width) const {
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

}  // namespace profila
