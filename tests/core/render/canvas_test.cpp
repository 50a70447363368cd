// The one painter: rectangles blended in place, text drawn and measured from a font's bytes,
// word wrapping, UTF-8 decoding, and the PNG writer.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "render/canvas.h"
#include "render/png.h"
#include "text/utf8.h"

using namespace profila;

namespace {
std::vector<uint8_t> ReadFontFile(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
int DarkPixels(const RgbaImage& img, int x0, int y0, int x1, int y1) {
    int dark = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) dark += (img.At(x, y) >> 24) < 128;
    return dark;
}
}  // namespace

TEST_CASE("utf8: code points, and bad bytes as U+FFFD") {
    auto decode = [](std::string_view s) {
        std::vector<uint32_t> out;
        for (size_t i = 0; i < s.size();) out.push_back(NextCodepoint(s, i));
        return out;
    };
    CHECK(decode("aZ") == std::vector<uint32_t>{'a', 'Z'});
    CHECK(decode("\xC3\xA0") == std::vector<uint32_t>{0xE0});                // à
    CHECK(decode("\xE2\x82\xAC") == std::vector<uint32_t>{0x20AC});          // €
    CHECK(decode("\xE2\x9C\x93") == std::vector<uint32_t>{0x2713});          // ✓
    CHECK(decode("\xF0\x9F\x98\x80") == std::vector<uint32_t>{0x1F600});     // emoji
    CHECK(decode("\x80" "a") == std::vector<uint32_t>{kReplacementCharacter, 'a'});  // stray continuation
    CHECK(decode("\xC3" "a") == std::vector<uint32_t>{kReplacementCharacter, 'a'});  // cut: 'a' is kept
    CHECK(decode("\xE2\x82") == std::vector<uint32_t>{kReplacementCharacter});       // cut at the end
}

TEST_CASE("canvas: rectangles are clipped and blended") {
    RgbaImage img = WhiteImage(10, 8);
    REQUIRE(img.Pixels.size() == 10u * 8u * 4u);
    CHECK(img.At(0, 0) == 0xFFFFFFFFu);
    FillRect(img, -5, -5, 3, 2, {0x10, 0x20, 0x30});
    CHECK(img.At(0, 0) == 0x102030FFu);
    CHECK(img.At(2, 1) == 0x102030FFu);
    CHECK(img.At(3, 1) == 0xFFFFFFFFu);  // the right edge is open
    CHECK(img.At(2, 2) == 0xFFFFFFFFu);
    FillRect(img, 5, 5, 20, 20, {0, 0, 0}, 0.5f);
    CHECK(img.At(9, 7) == 0x808080FFu);  // half way from white to black, rounded
    BlendPixel(img, 100, 100, {0, 0, 0}, 1.0f);  // outside: nothing happens
    BlendPixel(img, 4, 4, {0, 0, 0}, 0.0f);
    CHECK(img.At(4, 4) == 0xFFFFFFFFu);
    RgbaImage frame = WhiteImage(10, 10);
    StrokeRect(frame, 0, 0, 10, 10, RgbFromHex(0xFF0000), 2);
    CHECK(frame.At(0, 5) == 0xFF0000FFu);
    CHECK(frame.At(1, 5) == 0xFF0000FFu);
    CHECK(frame.At(2, 5) == 0xFFFFFFFFu);
    CHECK(frame.At(9, 9) == 0xFF0000FFu);
    CHECK(frame.At(5, 5) == 0xFFFFFFFFu);
}

TEST_CASE("canvas: text is measured, drawn where asked, cut at max_x and wrapped") {
    auto bytes = ReadFontFile("/usr/share/fonts/opentype/inter/Inter-Regular.otf");
    REQUIRE(!bytes.empty());
    FontFace font(bytes);
    REQUIRE(font.Ok());
    const float w = font.Width("Hello", 40.0f);
    CHECK(w > 60.0f);
    CHECK(w < 160.0f);
    CHECK(font.Width("Hello world", 40.0f) > w);
    CHECK(font.Width("", 40.0f) == 0.0f);

    RgbaImage img = WhiteImage(400, 100);
    float end = font.Draw(img, "Hello", 20.0f, 10.0f, 40.0f, {0, 0, 0});
    CHECK(end == doctest::Approx(20.0f + w));
    CHECK(DarkPixels(img, 20, 10, static_cast<int>(end) + 1, 60) > 100);
    CHECK(DarkPixels(img, 0, 0, 18, 100) == 0);                        // nothing left of x
    CHECK(DarkPixels(img, static_cast<int>(end) + 4, 0, 400, 100) == 0);  // nothing past the end
    CHECK(DarkPixels(img, 0, 60, 400, 100) == 0);                     // nothing below the line

    RgbaImage cut = WhiteImage(400, 100);
    float cut_end = font.Draw(cut, "Hello world", 20.0f, 10.0f, 40.0f, {0, 0, 0}, 20.0f + w + 0.5f);
    CHECK(cut_end == doctest::Approx(end));
    CHECK(cut.Pixels == img.Pixels);  // " world" did not fit, so the same picture as "Hello"

    auto lines = font.Wrap("one two three one two three", 20.0f, font.Width("one two three", 20.0f) + 1.0f);
    CHECK(lines == std::vector<std::string>{"one two three", "one two three"});
    CHECK(font.Wrap("first\nsecond", 20.0f, 1000.0f) == std::vector<std::string>{"first", "second"});
    CHECK(font.Wrap("unbreakable", 20.0f, 1.0f) == std::vector<std::string>{"unbreakable"});

    FontFace none(std::vector<uint8_t>{});
    CHECK_FALSE(none.Ok());
    CHECK(none.Width("Hello", 40.0f) == 0.0f);
    RgbaImage blank = WhiteImage(50, 50);
    CHECK(none.Draw(blank, "Hello", 5.0f, 5.0f, 20.0f, {0, 0, 0}) == 5.0f);
    CHECK(blank.Pixels == WhiteImage(50, 50).Pixels);
    std::vector<uint8_t> junk(64, 7);
    CHECK_FALSE(FontFace(junk).Ok());
}

TEST_CASE("png: the image as PNG bytes, nothing for an empty or inconsistent image") {
    RgbaImage img = WhiteImage(3, 2);
    auto png = EncodePng(img);
    REQUIRE(png.size() > 8);
    CHECK(png[0] == 0x89);
    CHECK(png[1] == 'P');
    CHECK(png[2] == 'N');
    CHECK(png[3] == 'G');
    CHECK(EncodePng(RgbaImage{}).empty());
    img.Pixels.pop_back();
    CHECK(EncodePng(img).empty());
}
