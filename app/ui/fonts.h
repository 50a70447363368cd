// Fonts: Inter (text) with Fork Awesome icons merged, subset at build time to the glyph ranges
// below (web/scripts/subset-fonts.sh keeps the same ranges). Rebuilt at round(px x ui scale).
#pragma once
#include "app_state.h"

namespace ui {
void LoadFonts(Fonts& fonts, float ui_scale);
}
