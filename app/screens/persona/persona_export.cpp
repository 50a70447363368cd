// Persona: the PNG card of a persona and its file name, and the window.profila exports that
// use them (card PNG, screen timings, the benchmark's scribble).

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app_state.h"
#include "persona_parts.h"
#include "imgui.h"
#include "persona/card.h"
#include "codec/persona_json.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "screens/screens.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace persona_ui {

std::vector<uint8_t> PersonaCardPng(const AppState& state, const Persona& p) {
    profila::PersonaCardTexts t;
    t.Title = p.Name.empty() ? state.T("persona.card.untitled") : p.Name;
    t.GroupTitles = {state.T("persona.group.who"), state.T("persona.group.think"), state.T("persona.group.buy")};
    for (size_t i = 0; i < profila::kPersonaDetailCount; ++i)
        t.DetailLabels[i] = state.T(("persona.detail." + std::string(profila::PersonaDetailKey(profila::PersonaDetailAt(i)))).c_str());
    for (size_t k = 0; k < 4; ++k)
        t.StateLabels[k] = state.T(("persona.state." + std::string(profila::KnowledgeKey(static_cast<Knowledge>(k)))).c_str());
    t.EmptyValue = state.T("persona.card.empty_value");
    t.Footnote = state.T("persona.note_gentle");
    auto image = profila::RenderPersonaCard(p, t, platform::ReadAsset("fonts/Inter-Regular.otf"), platform::ReadAsset("fonts/Inter-SemiBold.otf"));
    return profila::EncodePng(image);
}

std::string Base64(const std::vector<uint8_t>& bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= uint32_t(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= bytes[i + 2];
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

std::string CardFileName(const Persona& p) {
    std::string name = ui::SafeFileName(p.Name);
    return "persona-" + (name.empty() ? p.Id : name) + ".png";
}

}  // namespace persona_ui

using namespace persona_ui;

std::string PersonaPngBase64(const AppState& state, int index) {
    if (index < 0 || index >= static_cast<int>(state.Doc.Personas.size())) return "";
    return Base64(PersonaCardPng(state, state.Doc.Personas[static_cast<size_t>(index)]));
}

int PersonaBenchFill(AppState& state, int points) {
    if (state.Doc.Personas.empty()) CreatePersona(state);
    Persona* p = Selected(state);
    if (!p) return 0;
    uint32_t seed = 12345;
    auto rnd = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<float>(seed >> 8) / 16777216.0f;
    };
    profila::SketchEdit edit;
    for (int done = 0; done < points;) {
        profila::Stroke s;
        s.Width = 3.0f + 4.0f * rnd();
        s.Color = kInks[static_cast<size_t>(rnd() * 5) % 5].Rgb;
        float x = 60 + rnd() * 480, y = 60 + rnd() * 680, a = rnd() * 6.28f;
        for (int k = 0; k < 50 && done < points; ++k, ++done) {
            a += (rnd() - 0.5f) * 0.6f;
            x = std::clamp(x + std::cos(a) * 6.0f, 5.0f, profila::kSketchWidth - 5);
            y = std::clamp(y + std::sin(a) * 6.0f, 5.0f, profila::kSketchHeight - 5);
            s.Points.push_back({x, y, 1.0f});
        }
        edit.Added.push_back(std::move(s));
    }
    ApplyEdit(state, *p, std::move(edit));
    return static_cast<int>(profila::CountPoints(p->Strokes));
}
