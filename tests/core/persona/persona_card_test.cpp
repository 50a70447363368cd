#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "persona/card.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#define STBI_ONLY_PNG
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>
#pragma GCC diagnostic pop

using namespace profila;

namespace {
std::vector<uint8_t> ReadFile(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("card: strokes are rasterised where they are drawn, in their colour") {
    RgbaImage img;
    img.Width = 100;
    img.Height = 100;
    img.Pixels.assign(100 * 100 * 4, 255);
    Stroke s;
    s.Color = 0xFF0000;
    s.Width = 10.0f;
    s.Points = {{10, 50, 1}, {90, 50, 1}};
    RasteriseStrokes(img, {s}, 0, 0, 1.0f);
    CHECK(img.At(50, 50) == 0xFF0000FF);
    CHECK(img.At(50, 53) == 0xFF0000FF);
    CHECK(img.At(50, 60) == 0xFFFFFFFF);
    CHECK(img.At(3, 50) == 0xFFFFFFFF);  // past the round cap
    CHECK(img.At(50, 20) == 0xFFFFFFFF);
}

TEST_CASE("card: a PNG of the right size, with the drawing and text on it") {
    Persona p;
    p.Name = "Marta";
    p.Strokes = StickFigureStrokes();
    p.Detail(PersonaDetail::Age) = {"40", Knowledge::Assumed, "", {}, ""};
    p.Detail(PersonaDetail::Income).State = Knowledge::Unknown;
    PersonaCardTexts t;
    t.Title = "Marta";
    t.GroupTitles = {"Who", "Think", "Buy"};
    for (size_t i = 0; i < kPersonaDetailCount; ++i) t.DetailLabels[i] = PersonaDetailKey(PersonaDetailAt(i));
    t.StateLabels = {"not marked", "known", "assumed", "unknown"};
    t.EmptyValue = "-";
    t.Footnote = "A persona is not a rule about all customers.";
    auto font = ReadFile("/usr/share/fonts/opentype/inter/Inter-Regular.otf");
    auto bold = ReadFile("/usr/share/fonts/opentype/inter/Inter-SemiBold.otf");
    REQUIRE(!font.empty());
    RgbaImage with_text = RenderPersonaCard(p, t, font, bold);
    RgbaImage no_text = RenderPersonaCard(p, t, {}, {});
    CHECK(with_text.Width == kPersonaCardWidth);
    CHECK(with_text.Height == kPersonaCardHeight);
    CHECK(with_text.Pixels != no_text.Pixels);  // the text was drawn

    // The stick figure's body passes through the paper's centre line.
    int dark = 0;
    for (int y = 300; y < 500; ++y)
        if ((with_text.At(48 + static_cast<int>(300 * 1.03f), y) >> 24) < 100) ++dark;
    CHECK(dark > 50);

    auto png = EncodePng(with_text);
    REQUIRE(png.size() > 1000);
    CHECK(png[1] == 'P');
    int w = 0, h = 0, n = 0;
    unsigned char* decoded = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &n, 4);
    REQUIRE(decoded);
    CHECK(w == kPersonaCardWidth);
    CHECK(h == kPersonaCardHeight);
    CHECK(std::equal(with_text.Pixels.begin(), with_text.Pixels.end(), decoded));
    stbi_image_free(decoded);
    CHECK(EncodePng(RgbaImage{}).empty());
}
