// The persona card as a picture, for printing or sharing: the drawing (strokes rasterised with
// anti-aliasing) and the details around it with their known/assumed/unknown marks, painted with
// render/canvas.h and encoded with EncodePng (render/png.h). The caller supplies the font bytes
// (the app passes its packaged Inter font), so the core does no I/O and the words come in the
// user's language.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "persona/persona.h"
#include "render/canvas.h"
#include "render/png.h"

namespace profila {

// The words on the card, already translated.
struct PersonaCardTexts {
    std::string Title;                                      // the persona's name or a fallback
    std::array<std::string, 3> GroupTitles;                 // who they are / what they think / how they buy
    std::array<std::string, kPersonaDetailCount> DetailLabels;
    std::array<std::string, 4> StateLabels;                 // indexed by Knowledge
    std::string EmptyValue;                                  // shown for a detail with no value
    std::string Footnote;                                    // the gentle reminder about names and genders
};

inline constexpr int kPersonaCardWidth = 1600;
inline constexpr int kPersonaCardHeight = 1000;

// Draws the sketch's strokes into image, mapping the paper (kSketchWidth x kSketchHeight) onto the
// rectangle at (x, y) with the given scale.
void RasteriseStrokes(RgbaImage& image, const std::vector<Stroke>& strokes, float x, float y, float scale);

// The whole card (kPersonaCardWidth x kPersonaCardHeight). font_regular / font_bold are TrueType or
// OpenType (CFF) files; with no usable font the card is drawn without text.
[[nodiscard]] RgbaImage RenderPersonaCard(const Persona& persona, const PersonaCardTexts& texts,
                                          const std::vector<uint8_t>& font_regular, const std::vector<uint8_t>& font_bold);

}  // namespace profila
