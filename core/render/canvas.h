// One raster and text painter for the pictures the core makes (the persona card, the course
// summary sheet): an RGBA image, filled and outlined rectangles blended over it, and text drawn with
// stb_truetype from font bytes the caller supplies (so the core does no I/O), with word wrapping.
// Encode the result with EncodePng (render/png.h).
#pragma once
#include <cfloat>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct stbtt_fontinfo;

namespace profila {

struct RgbaImage {
    int Width = 0;
    int Height = 0;
    std::vector<uint8_t> Pixels;  // Width * Height * 4, rows top to bottom

    uint32_t At(int x, int y) const;  // 0xRRGGBBAA
};

struct Rgb {
    uint8_t R, G, B;
};
[[nodiscard]] constexpr Rgb RgbFromHex(uint32_t c) {
    return {static_cast<uint8_t>(c >> 16), static_cast<uint8_t>(c >> 8), static_cast<uint8_t>(c)};
}

// An opaque white image of the given size.
[[nodiscard]] RgbaImage WhiteImage(int width, int height);

// Blends color over the pixel with coverage alpha (0..1, clamped); outside the image it does nothing.
void BlendPixel(RgbaImage& image, int x, int y, Rgb color, float alpha);
// The rectangle [x0, x1) x [y0, y1), clipped to the image; lines are thin rectangles.
void FillRect(RgbaImage& image, int x0, int y0, int x1, int y1, Rgb color, float alpha = 1.0f);
// The outline of [x0, x1) x [y0, y1), thickness pixels wide, inside it.
void StrokeRect(RgbaImage& image, int x0, int y0, int x1, int y1, Rgb color, int thickness = 2);

// A TrueType or OpenType (CFF) font read from its file's bytes, which must outlive it. With no
// usable font (empty or bad bytes) it draws nothing and measures 0. Copies share the font.
class FontFace {
public:
    FontFace() = default;
    explicit FontFace(const std::vector<uint8_t>& bytes);

    [[nodiscard]] bool Ok() const { return Font != nullptr; }
    // The advance width of one line at px pixels high (kerning included).
    [[nodiscard]] float Width(std::string_view text, float px) const;
    // Draws one line (UTF-8) with its top at y, anti-aliased; stops before the first glyph that
    // would pass max_x. Returns the pen's x after the last glyph drawn (x when nothing was).
    float Draw(RgbaImage& image, std::string_view text, float x, float y, float px, Rgb color, float max_x = FLT_MAX) const;
    // Word-wraps text (spaces, tabs; '\n' breaks) into lines no wider than max_width; a word
    // wider than that stays whole on its own line.
    [[nodiscard]] std::vector<std::string> Wrap(std::string_view text, float px, float max_width) const;

private:
    std::shared_ptr<const stbtt_fontinfo> Font;
};

}  // namespace profila
