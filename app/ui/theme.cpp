#include "theme.h"

#include "platform/platform.h"

namespace ui {
namespace {

Palette g_palette;  // the palette in effect; set by ApplyTheme

ImVec4 Hex(unsigned rgb, float a = 1.0f) {
    return ImVec4(((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, a);
}

Palette LightPalette() {
    Palette p;
    p.Background = Hex(0xF4F1EA);
    p.Card = Hex(0xFFFDF8);
    p.CardBorder = Hex(0xE2DBCD);
    p.Text = Hex(0x23302F);
    p.Muted = Hex(0x5E6B69);
    p.Primary = Hex(0x2F6F6A);
    p.PrimaryHover = Hex(0x3A827C);
    p.PrimaryActive = Hex(0x255955);
    p.OnPrimary = Hex(0xFFFFFF);
    p.Accent = Hex(0xC9822F);
    p.Good = Hex(0x3D8B4F);
    p.Warning = Hex(0xB7791F);
    p.Bad = Hex(0xB5473A);
    return p;
}

Palette DarkPalette() {
    Palette p;
    p.Background = Hex(0x1A2120);
    p.Card = Hex(0x242D2C);
    p.CardBorder = Hex(0x354241);
    p.Text = Hex(0xE6ECEA);
    p.Muted = Hex(0xA3B1AF);
    p.Primary = Hex(0x5FB3A9);
    p.PrimaryHover = Hex(0x74C4BA);
    p.PrimaryActive = Hex(0x4C9A91);
    p.OnPrimary = Hex(0x10201E);
    p.Accent = Hex(0xE0A458);
    p.Good = Hex(0x6CC283);
    p.Warning = Hex(0xE3B25A);
    p.Bad = Hex(0xE27A6C);
    return p;
}

ImVec4 Mix(ImVec4 a, ImVec4 b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

}  // namespace

const Palette& Colors() { return g_palette; }

void ApplyTheme(bool dark, float ui_scale) {
    g_palette = dark ? DarkPalette() : LightPalette();
    const Palette& p = g_palette;
    ImGuiStyle style;  // fresh defaults each time: sizes are scaled once, below
    dark ? ImGui::StyleColorsDark(&style) : ImGui::StyleColorsLight(&style);

    style.WindowPadding = ImVec2(16, 16);
    style.FramePadding = ImVec2(12, 9);
    style.CellPadding = ImVec2(8, 6);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.TouchExtraPadding = ImVec2(2, 2);
    style.IndentSpacing = 20;
    style.ScrollbarSize = 14;
    style.GrabMinSize = 18;
    style.WindowRounding = 10;
    style.ChildRounding = 10;
    style.FrameRounding = 8;
    style.PopupRounding = 8;
    style.ScrollbarRounding = 8;
    style.GrabRounding = 8;
    style.TabRounding = 8;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1;
    style.SeparatorTextBorderSize = 2;
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    if (platform::TouchUi()) {
        // Fingers: frames 17 + 2 x 14 = 45 CSS px high at text size 100%, hit boxes a little
        // larger than what is drawn, scrollbars and grabs a thumb can hold (TABLET.md).
        style.FramePadding = ImVec2(14, 14);
        style.ItemSpacing = ImVec2(12, 12);
        style.TouchExtraPadding = ImVec2(4, 4);
        style.ScrollbarSize = 20;
        style.GrabMinSize = 28;
    }

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.Text;
    c[ImGuiCol_TextDisabled] = p.Muted;
    c[ImGuiCol_WindowBg] = p.Background;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = p.Card;
    c[ImGuiCol_Border] = p.CardBorder;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = p.Card;
    c[ImGuiCol_FrameBgHovered] = Mix(p.Card, p.Primary, 0.08f);
    c[ImGuiCol_FrameBgActive] = Mix(p.Card, p.Primary, 0.14f);
    c[ImGuiCol_TitleBg] = p.Card;
    c[ImGuiCol_TitleBgActive] = p.Card;
    c[ImGuiCol_MenuBarBg] = p.Card;
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = Mix(p.Background, p.Muted, 0.35f);
    c[ImGuiCol_ScrollbarGrabHovered] = Mix(p.Background, p.Muted, 0.55f);
    c[ImGuiCol_ScrollbarGrabActive] = p.Primary;
    c[ImGuiCol_CheckMark] = p.Primary;
    c[ImGuiCol_SliderGrab] = p.Primary;
    c[ImGuiCol_SliderGrabActive] = p.PrimaryActive;
    c[ImGuiCol_Button] = Mix(p.Card, p.Primary, 0.10f);
    c[ImGuiCol_ButtonHovered] = Mix(p.Card, p.Primary, 0.20f);
    c[ImGuiCol_ButtonActive] = Mix(p.Card, p.Primary, 0.30f);
    c[ImGuiCol_Header] = Mix(p.Card, p.Primary, 0.14f);
    c[ImGuiCol_HeaderHovered] = Mix(p.Card, p.Primary, 0.22f);
    c[ImGuiCol_HeaderActive] = Mix(p.Card, p.Primary, 0.30f);
    c[ImGuiCol_Separator] = p.CardBorder;
    c[ImGuiCol_Tab] = Mix(p.Card, p.Primary, 0.08f);
    c[ImGuiCol_TabHovered] = Mix(p.Card, p.Primary, 0.25f);
    c[ImGuiCol_TabActive] = Mix(p.Card, p.Primary, 0.18f);
    c[ImGuiCol_TableHeaderBg] = Mix(p.Card, p.Primary, 0.08f);
    c[ImGuiCol_TableBorderStrong] = p.CardBorder;
    c[ImGuiCol_TableBorderLight] = Mix(p.Card, p.CardBorder, 0.6f);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = Mix(p.Card, p.Background, 0.6f);
    c[ImGuiCol_TextSelectedBg] = Mix(p.Card, p.Primary, 0.35f);
    c[ImGuiCol_NavHighlight] = p.Accent;
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.08f, 0.1f, 0.1f, 0.45f);
    c[ImGuiCol_PlotHistogram] = p.Primary;
    c[ImGuiCol_PlotLines] = p.Primary;

    style.ScaleAllSizes(ui_scale);
    ImGui::GetStyle() = style;
}

}  // namespace ui
