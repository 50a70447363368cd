// Course: the teaching screens a lesson opens with (the idea, a worked example, a picture) and the
// pictures themselves, drawn on the draw list like the app's charts (the Pareto curve is the
// analysis screen's own CurveChart).
//
// [SECTION] Pictures
// [SECTION] Teaching screens
#include <cmath>
#include <string>
#include <vector>

#include "app_state.h"
#include "course_parts.h"
#include "imgui.h"
#include "ui/charts.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course_ui {

// ---- [SECTION] Pictures ---------------------------------------------------------------------------

namespace {

ImU32 Tint(const ImVec4& c, float alpha) { return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, alpha)); }

// A label centred in a box, wrapped to its width.
void BoxText(ImDrawList* draw, ImVec2 lo, ImVec2 hi, ImU32 color, const char* text) {
    float w = hi.x - lo.x - ui::Em(0.4f);
    ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, w);
    ImVec2 at(lo.x + (hi.x - lo.x - size.x) / 2, lo.y + (hi.y - lo.y - size.y) / 2);
    draw->AddText(nullptr, 0.0f, at, color, text, nullptr, w);
}

// The lifecycle as a cycle: five stages round a circle, arrows from each to the next.
void LifecyclePicture(const CourseView& v, float width) {
    const ui::Palette& p = ui::Colors();
    float size = std::min(width, ui::Em(26.0f));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##course.pic.lifecycle", ImVec2(size, size * 0.8f));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 c(origin.x + size / 2, origin.y + size * 0.4f);
    float r = size * 0.29f;
    const char* keys[] = {"pic.lifecycle.reach", "pic.lifecycle.acquire", "pic.lifecycle.convert", "pic.lifecycle.retain", "pic.lifecycle.inspire"};
    ImVec2 at[5];
    for (int k = 0; k < 5; ++k) {
        float a = -1.5708f + k * 6.2832f / 5;
        at[k] = ImVec2(c.x + r * std::cos(a), c.y + r * std::sin(a));
    }
    draw->AddCircle(c, r, Tint(p.Primary, 0.35f), 64, ui::Em(0.2f));
    for (int k = 0; k < 5; ++k) {
        // An arrow head on the circle halfway between stage k and k+1.
        float a = -1.5708f + (k + 0.5f) * 6.2832f / 5;
        ImVec2 m(c.x + r * std::cos(a), c.y + r * std::sin(a));
        ImVec2 t(-std::sin(a), std::cos(a));
        ImVec2 n(std::cos(a), std::sin(a));
        float s = ui::Em(0.5f);
        draw->AddTriangleFilled(ImVec2(m.x + t.x * s, m.y + t.y * s), ImVec2(m.x - t.x * s * 0.6f + n.x * s * 0.6f, m.y - t.y * s * 0.6f + n.y * s * 0.6f),
                                ImVec2(m.x - t.x * s * 0.6f - n.x * s * 0.6f, m.y - t.y * s * 0.6f - n.y * s * 0.6f), ImGui::GetColorU32(p.Primary));
    }
    float bw = size * 0.3f, bh = ui::Em(2.4f);
    for (int k = 0; k < 5; ++k) {
        ImVec2 lo(at[k].x - bw / 2, at[k].y - bh / 2), hi(at[k].x + bw / 2, at[k].y + bh / 2);
        draw->AddRectFilled(lo, hi, ImGui::GetColorU32(k == 4 ? p.Accent : p.Primary), ui::Em(0.5f));
        BoxText(draw, lo, hi, ImGui::GetColorU32(p.OnPrimary), (std::to_string(k + 1) + ". " + CT(v, keys[k])).c_str());
    }
}

// A Pareto curve of a typical small shop: a fifth of the customers bring most of the revenue.
void ParetoPicture(const CourseView& v, float width) {
    std::vector<ui::CurvePoint> pts;
    for (int k = 0; k <= 20; ++k) {
        float x = k / 20.0f;
        pts.push_back({x, 1.0f - std::pow(1.0f - x, 4.2f)});  // top 20% ~ 61%
    }
    float w = std::min(width, ui::Em(24.0f));
    ui::CurveChart("##course.pic.pareto", pts, ImVec2(w, w * 0.75f), 0.2f, CT(v, "pic.pareto.x"), CT(v, "pic.pareto.y"));
    ui::MutedText(CT(v, "pic.pareto.note"));
}

// The RFM grid: recency across, frequency up; the usual segments as regions.
void RfmPicture(const CourseView& v, float width) {
    const ui::Palette& p = ui::Colors();
    float size = std::min(width, ui::Em(26.0f));
    float axis = ui::Em(1.6f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##course.pic.rfm", ImVec2(size, size * 0.75f + axis));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 lo(origin.x + axis, origin.y), hi(origin.x + size, origin.y + size * 0.75f);
    float cw = (hi.x - lo.x) / 5, ch = (hi.y - lo.y) / 5;
    for (int f = 0; f < 5; ++f)
        for (int r = 0; r < 5; ++r) {
            // Greener up and right (recent and frequent), redder down and left.
            float good = (r + f) / 8.0f;
            ImVec4 c(p.Bad.x + (p.Good.x - p.Bad.x) * good, p.Bad.y + (p.Good.y - p.Bad.y) * good, p.Bad.z + (p.Good.z - p.Bad.z) * good, 1.0f);
            ImVec2 a(lo.x + r * cw, hi.y - (f + 1) * ch);
            draw->AddRectFilled(a, ImVec2(a.x + cw - 2, a.y + ch - 2), Tint(c, 0.35f));
        }
    ImU32 text = ImGui::GetColorU32(p.Text);
    auto region = [&](int r0, int r1, int f0, int f1, const char* key) {
        ImVec2 a(lo.x + r0 * cw, hi.y - (f1 + 1) * ch), b(lo.x + (r1 + 1) * cw - 2, hi.y - f0 * ch - 2);
        draw->AddRect(a, b, ImGui::GetColorU32(p.Text), ui::Em(0.2f), 0, 1.5f);
        BoxText(draw, a, b, text, CT(v, key));
    };
    region(3, 4, 3, 4, "pic.rfm.champions");
    region(3, 4, 0, 1, "pic.rfm.new");
    region(0, 1, 3, 4, "pic.rfm.atrisk");
    region(0, 1, 0, 1, "pic.rfm.lost");
    region(2, 2, 2, 2, "pic.rfm.loyal");
    ImU32 muted = ImGui::GetColorU32(p.Muted);
    const char* rx = CT(v, "pic.rfm.r");
    ImVec2 rs = ImGui::CalcTextSize(rx);
    draw->AddText(ImVec2((lo.x + hi.x - rs.x) / 2, hi.y + ui::Em(0.2f)), muted, rx);
    draw->AddText(ImVec2(origin.x, lo.y), muted, "F");
    ui::MutedText(CT(v, "pic.rfm.f"));
}

// The customer card's sections as blocks, in the order the card shows them.
void CardPicture(const CourseView& v, float width) {
    const ui::Palette& p = ui::Colors();
    const char* keys[] = {"pic.card.identity", "pic.card.classification", "pic.card.business", "pic.card.place",
                          "pic.card.value", "pic.card.behaviour", "pic.card.voice", "pic.card.plans"};
    float w = std::min(width, ui::Em(30.0f));
    int cols = w > ui::Em(24.0f) ? 4 : 2;
    float bw = w / cols, bh = ui::Em(3.0f);
    int rows = (8 + cols - 1) / cols;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##course.pic.card", ImVec2(w, bh * rows));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int k = 0; k < 8; ++k) {
        ImVec2 lo(origin.x + (k % cols) * bw, origin.y + (k / cols) * bh);
        ImVec2 hi(lo.x + bw - ui::Em(0.3f), lo.y + bh - ui::Em(0.3f));
        draw->AddRectFilled(lo, hi, Tint(k < 4 ? p.Primary : p.Accent, 0.18f), ui::Em(0.4f));
        draw->AddRect(lo, hi, ImGui::GetColorU32(k < 4 ? p.Primary : p.Accent), ui::Em(0.4f));
        BoxText(draw, lo, hi, ImGui::GetColorU32(p.Text), CT(v, keys[k]));
    }
}

// LTV = S x C x P x t as four factors in boxes.
void LtvPicture(const CourseView& v, float width) {
    const ui::Palette& p = ui::Colors();
    const char* keys[] = {"pic.ltv.s", "pic.ltv.c", "pic.ltv.p", "pic.ltv.t"};
    float w = std::min(width, ui::Em(34.0f));
    float gap = ui::Em(1.4f), bw = (w - 3 * gap) / 4, bh = ui::Em(4.2f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##course.pic.ltv", ImVec2(w, bh));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int k = 0; k < 4; ++k) {
        ImVec2 lo(origin.x + k * (bw + gap), origin.y), hi(lo.x + bw, lo.y + bh);
        draw->AddRectFilled(lo, hi, Tint(p.Primary, 0.18f), ui::Em(0.4f));
        draw->AddRect(lo, hi, ImGui::GetColorU32(p.Primary), ui::Em(0.4f));
        BoxText(draw, lo, hi, ImGui::GetColorU32(p.Text), CT(v, keys[k]));
        if (k < 3) BoxText(draw, ImVec2(hi.x, lo.y), ImVec2(hi.x + gap, hi.y), ImGui::GetColorU32(p.Text), "x");
    }
}

}  // namespace

void DrawTeachPicture(AppState& state, const std::string& picture) {
    const CourseView& v = state.Course;
    float width = ImGui::GetContentRegionAvail().x;
    if (picture == "lifecycle") LifecyclePicture(v, width);
    else if (picture == "pareto") ParetoPicture(v, width);
    else if (picture == "rfm") RfmPicture(v, width);
    else if (picture == "card") CardPicture(v, width);
    else if (picture == "ltv") LtvPicture(v, width);
}

// ---- [SECTION] Teaching screens -------------------------------------------------------------------

void DrawTeaching(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    int n = static_cast<int>(lesson.Teach.size());
    const course::TeachScreen& screen = lesson.Teach[static_cast<size_t>(v.TeachStep)];
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) {
        v.OpenLesson.clear();
        v.TeachStep = -1;
        return;
    }
    ui::Heading(state.UiFonts.Title, CT(v, lesson.Id + ".title"));
    ui::MutedText(Fmt(state, "course.teach.step", {std::to_string(v.TeachStep + 1), std::to_string(n)}).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    ui::Heading(state.UiFonts.Heading, CT(v, lesson.Id + ".teach." + screen.Id + ".title"));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f)));
    ui::Paragraph(CT(v, lesson.Id + ".teach." + screen.Id + ".body"));
    ImGui::PopTextWrapPos();
    if (!screen.Picture.empty()) {
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        DrawTeachPicture(state, screen.Picture);
    }
    ImGui::Dummy(ui::EmVec(0, 0.6f));
    if (v.TeachStep > 0) {
        std::string prev = std::string(ICON_CHEVRON_L "  ") + state.T("course.teach.prev") + "##course.teach.prev";
        if (ui::SecondaryButton(prev.c_str(), ImVec2(0, ui::Em(2.8f)))) --v.TeachStep;
        ImGui::SameLine();
    }
    if (v.TeachFromSummary) {
        std::string to = std::string(state.T("course.teach.to_summary")) + "  " ICON_CHEVRON_R "##course.teach.summary";
        if (ui::PrimaryButton(to.c_str(), ImVec2(0, ui::Em(2.8f)))) {
            v.TeachStep = -1;
            v.TeachFromSummary = false;
        }
        if (v.TeachStep >= 0 && v.TeachStep + 1 < n) {
            ImGui::SameLine();
            std::string next = std::string(state.T("course.teach.next")) + "  " ICON_CHEVRON_R "##course.teach.next";
            if (ui::SecondaryButton(next.c_str(), ImVec2(0, ui::Em(2.8f)))) ++v.TeachStep;
        }
        return;
    }
    bool last = v.TeachStep + 1 >= n;
    std::string next = std::string(last ? state.T("course.teach.start") : state.T("course.teach.next")) + "  " ICON_CHEVRON_R "##course.teach.next";
    if (ui::PrimaryButton(next.c_str(), ImVec2(0, ui::Em(2.8f)))) v.TeachStep = last ? -1 : v.TeachStep + 1;
}

}  // namespace course_ui
