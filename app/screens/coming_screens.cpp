// Screens whose issue has not landed yet say so, in the user's language.
#include "imgui.h"
#include "screens.h"
#include "ui/widgets.h"

namespace {
void DrawComing(AppState& state, const char* title_key, const char* text_key) {
    ui::Heading(state.UiFonts.Title, state.T(title_key));
    ui::MutedText(state.T(text_key));
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    ui::StatusMessage(ui::Tone::Info, state.T("common.coming"));
}
}  // namespace

