#include "fonts.h"

#include <cmath>

#include "icons.h"
#include "imgui.h"
#include "platform/platform.h"

namespace ui {
namespace {

// Latin for Italian, English and Spanish (accents, ñ, ¿¡), typographic punctuation, €, arrows,
// ≤ ≥ ≈ − × and ✓. Must match the subset in web/scripts/subset-fonts.sh.
const ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022, 0x2026, 0x2026,
    0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0x2713, 0x2713, 0,
};
const ImWchar kIconRanges[] = {ICON_MIN_FA, ICON_MAX_FA, 0};

ImFont* AddFace(const char* file, float px, float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    float size = std::round(px * ui_scale);
    ImFontConfig text;
    text.OversampleH = 2;
    text.OversampleV = 1;
    ImFont* font = io.Fonts->AddFontFromFileTTF(file, size, &text, kTextRanges);
    if (!font) return io.Fonts->AddFontDefault();
    ImFontConfig icons;
    icons.MergeMode = true;
    icons.PixelSnapH = true;
    icons.GlyphMinAdvanceX = size * 1.1f;  // icons line up in menus
    icons.GlyphOffset = ImVec2(0, std::round(size * 0.02f));
    io.Fonts->AddFontFromFileTTF(platform::AssetPath("fonts/ForkAwesome.ttf").c_str(), size * 0.92f, &icons, kIconRanges);
    return font;
}

}  // namespace

void LoadFonts(Fonts& fonts, float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    fonts.Body = AddFace(platform::AssetPath("fonts/Inter-Regular.otf").c_str(), 17.0f, ui_scale);
    fonts.Heading = AddFace(platform::AssetPath("fonts/Inter-SemiBold.otf").c_str(), 23.0f, ui_scale);
    fonts.Title = AddFace(platform::AssetPath("fonts/Inter-SemiBold.otf").c_str(), 32.0f, ui_scale);
    io.FontDefault = fonts.Body;
    io.Fonts->Build();
}

}  // namespace ui
