#include "widgets.h"

#include <algorithm>

#include "platform/item_registry.h"
#include "theme.h"

namespace ui {

float Em(float n) { return n * ImGui::GetIO().FontDefault->FontSize; }
ImVec2 EmVec(float x, float y) { return ImVec2(Em(x), Em(y)); }

namespace {
void RegisterLastItem(item_registry::Role role, const char* text) {
    item_registry::AddText(role, text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}
}  // namespace

void Heading(ImFont* font, const char* text) {
    ImGui::PushFont(font);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    RegisterLastItem(item_registry::Role::Heading, text);
}

void Paragraph(const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    RegisterLastItem(item_registry::Role::Text, text);
}

void MutedText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors().Muted);
    Paragraph(text);
    ImGui::PopStyleColor();
}

void StatusMessage(Tone tone, const char* text) {
    const Palette& p = Colors();
    ImVec4 color = tone == Tone::Good ? p.Good : tone == Tone::Warning ? p.Warning : tone == Tone::Bad ? p.Bad : p.Primary;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    float pad = Em(0.6f);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - pad * 2);
    ImVec2 text_size = ImGui::CalcTextSize(text, nullptr, false, width - pad * 2 - Em(0.4f));
    ImVec2 max(pos.x + width, pos.y + text_size.y + pad * 2);
    ImVec4 bg = color;
    bg.w = 0.14f;
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), Em(0.45f));
    draw->AddRectFilled(pos, ImVec2(pos.x + Em(0.25f), max.y), ImGui::GetColorU32(color), Em(0.45f), ImDrawFlags_RoundCornersLeft);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad + Em(0.2f), pos.y + pad));
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y));
    ImGui::Dummy(ImVec2(width, 0));
    item_registry::AddText(item_registry::Role::Status, text, pos, max);
}

bool PrimaryButton(const char* label, ImVec2 size) {
    const Palette& p = Colors();
    ImGui::PushStyleColor(ImGuiCol_Button, p.Primary);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.PrimaryHover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.PrimaryActive);
    ImGui::PushStyleColor(ImGuiCol_Text, p.OnPrimary);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    return pressed;
}

bool SecondaryButton(const char* label, ImVec2 size) { return ImGui::Button(label, size); }

bool ChoiceButton(const char* label, bool selected, ImVec2 size) {
    if (selected) return PrimaryButton(label, size);
    return ImGui::Button(label, size);
}

float ChoiceWidth(const char* const* labels, int count, float min_width) {
    float widest = 0.0f;
    for (int i = 0; i < count; ++i) widest = std::max(widest, ImGui::CalcTextSize(labels[i], nullptr, true).x);
    return std::max(min_width, widest + ImGui::GetStyle().FramePadding.x * 2.0f + Em(0.6f));
}

void SameLineIfFits(float next_width) {
    ImGui::SameLine();
    float right = ImGui::GetCursorPosX() + next_width;
    if (right > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

bool NavCard(const char* id_label, const char* icon, const char* title, const char* description, ImVec2 size) {
    const Palette& p = Colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(id_label, size);
    bool hovered = ImGui::IsItemHovered();
    bool held = ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImVec4 bg = held ? ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive) : hovered ? ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered) : p.Card;
    float rounding = Em(0.7f);
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), rounding);
    draw->AddRect(pos, max, ImGui::GetColorU32(hovered ? p.Primary : p.CardBorder), rounding, 0, hovered ? 2.0f : 1.0f);
    float pad = Em(1.0f);
    ImFont* font = ImGui::GetFont();
    float icon_size = font->FontSize * 1.6f;
    // Icon in a soft circle.
    ImVec2 center(pos.x + pad + icon_size * 0.75f, pos.y + pad + icon_size * 0.75f);
    ImVec4 soft = p.Primary;
    soft.w = 0.14f;
    draw->AddCircleFilled(center, icon_size * 0.75f, ImGui::GetColorU32(soft), 32);
    ImVec2 icon_dim = font->CalcTextSizeA(icon_size, FLT_MAX, 0.0f, icon);
    draw->AddText(font, icon_size, ImVec2(center.x - icon_dim.x * 0.5f, center.y - icon_dim.y * 0.5f), ImGui::GetColorU32(p.Primary), icon);
    float text_x = pos.x + pad + icon_size * 1.5f + Em(0.8f);
    float wrap = max.x - pad - text_x;
    draw->AddText(font, font->FontSize * 1.12f, ImVec2(text_x, pos.y + pad), ImGui::GetColorU32(p.Text), title);
    draw->AddText(font, font->FontSize * 0.94f, ImVec2(text_x, pos.y + pad + font->FontSize * 1.5f), ImGui::GetColorU32(p.Muted),
                  description, nullptr, wrap);
    return pressed;
}

void BeginPanel(const char* id, ImVec2 size) {
    const Palette& p = Colors();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.Card);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, Em(0.7f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, EmVec(1.0f, 1.0f));
    ImGui::BeginChild(id, size, ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding |
                                    (size.y == 0 ? ImGuiChildFlags_AutoResizeY : 0));
}

void EndPanel() {
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace ui
