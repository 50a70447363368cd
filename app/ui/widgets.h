// Small widgets shared by screens. Sizes are in font units (Em), never raw pixels, so they follow
// devicePixelRatio and the text-size setting. Texts a screen reader should hear (headings, status
// messages, paragraphs) go through these so the accessible mirror and tests see them too.
#pragma once
#include "imgui.h"

struct ImFont;

namespace ui {

// n times the body font size.
float Em(float n);
ImVec2 EmVec(float x, float y);

void Heading(ImFont* font, const char* text);
void Paragraph(const char* text);          // wrapped body text
void MutedText(const char* text);          // secondary, wrapped
enum class Tone { Info, Good, Warning, Bad };
void StatusMessage(Tone tone, const char* text);  // a coloured banner, announced by the mirror

bool PrimaryButton(const char* label, ImVec2 size = ImVec2(0, 0));
bool SecondaryButton(const char* label, ImVec2 size = ImVec2(0, 0));
// A segmented choice: returns true when the user picks option index (selected shown pressed).
bool ChoiceButton(const char* label, bool selected, ImVec2 size = ImVec2(0, 0));

// A row of choices: one width for all (at least min_width, wide enough for the longest visible
// label at the current text size), and SameLineIfFits() before each choice after the first, so a
// row too long for the screen wraps instead of being cut.
float ChoiceWidth(const char* const* labels, int count, float min_width);
void SameLineIfFits(float next_width);

// A tappable card with an icon, a title and one line of description; true when activated.
bool NavCard(const char* id_label, const char* icon, const char* title, const char* description, ImVec2 size);

// Begin/End a rounded panel with the card background.
void BeginPanel(const char* id, ImVec2 size = ImVec2(0, 0));
void EndPanel();

}  // namespace ui
