#include <doctest/doctest.h>

#include <cmath>

#include "persona/persona.h"

using namespace profila;

namespace {
Stroke Line(float x0, float y0, float x1, float y1) {
    Stroke s;
    s.Points = {{x0, y0, 1.0f}, {x1, y1, 1.0f}};
    return s;
}
}  // namespace

TEST_CASE("persona: open questions are the details marked unknown, in card order") {
    Persona p;
    CHECK(OpenQuestions(p).empty());  // unmarked details are not questions yet
    p.Detail(PersonaDetail::Income).State = Knowledge::Unknown;
    p.Detail(PersonaDetail::Gender).State = Knowledge::Unknown;
    p.Detail(PersonaDetail::Age).State = Knowledge::Assumed;
    auto q = OpenQuestions(p);
    REQUIRE(q.size() == 2);
    CHECK(q[0] == PersonaDetail::Gender);
    CHECK(q[1] == PersonaDetail::Income);
    auto counts = CountByKnowledge(p);
    CHECK(counts[static_cast<size_t>(Knowledge::Unknown)] == 2);
    CHECK(counts[static_cast<size_t>(Knowledge::Assumed)] == 1);
    CHECK(counts[static_cast<size_t>(Knowledge::Unmarked)] == 13);
}

TEST_CASE("persona: an answer found becomes the known value") {
    Persona p;
    auto& d = p.Detail(PersonaDetail::Income);
    d.State = Knowledge::Unknown;
    CHECK_FALSE(AcceptAnswer(p, PersonaDetail::Income));  // nothing to accept
    d.Answer = "  ";
    CHECK_FALSE(AcceptAnswer(p, PersonaDetail::Income));
    d.Answer = "30-40k";
    CHECK(AcceptAnswer(p, PersonaDetail::Income));
    CHECK(d.Value == "30-40k");
    CHECK(d.State == Knowledge::Known);
    CHECK(OpenQuestions(p).empty());
}

TEST_CASE("persona: detail keys and groups round-trip") {
    for (size_t i = 0; i < kPersonaDetailCount; ++i) {
        PersonaDetail d = PersonaDetailAt(i);
        CHECK(PersonaDetailFromKey(PersonaDetailKey(d)) == d);
    }
    CHECK(GroupOf(PersonaDetail::Likes) == DetailGroup::WhoTheyAre);
    CHECK(GroupOf(PersonaDetail::Media) == DetailGroup::WhatTheyThink);
    CHECK(GroupOf(PersonaDetail::PaysHow) == DetailGroup::HowTheyBuy);
    CHECK_FALSE(PersonaDetailFromKey("shoe_size").has_value());
}

TEST_CASE("smoothing: jitter is averaged, ends stay, a straight line keeps two points") {
    std::vector<SketchPoint> raw;
    for (int i = 0; i <= 100; ++i) raw.push_back({static_cast<float>(i) * 3.0f, (i % 2 ? 1.0f : -1.0f), 1.0f});
    auto smooth = SmoothStroke(raw);
    REQUIRE(smooth.size() >= 2);
    CHECK(smooth.size() < raw.size() / 4);
    CHECK(smooth.front().X == doctest::Approx(0.0f));
    CHECK(smooth.back().X == doctest::Approx(300.0f));
    for (size_t i = 1; i + 1 < smooth.size(); ++i) CHECK(std::fabs(smooth[i].Y) < 0.6f);  // jitter of +-1 damped

    std::vector<SketchPoint> straight;
    for (int i = 0; i <= 50; ++i) straight.push_back({static_cast<float>(i) * 2.0f, 10.0f, 1.0f});
    CHECK(SmoothStroke(straight).size() == 2);

    // A curve keeps its shape: the midpoint of a half circle stays near the radius.
    std::vector<SketchPoint> arc;
    for (int i = 0; i <= 60; ++i) {
        float a = static_cast<float>(i) / 60.0f * 3.14159f;
        arc.push_back({100.0f + 50.0f * std::cos(a), 100.0f + 50.0f * std::sin(a), 1.0f});
    }
    auto sa = SmoothStroke(arc);
    CHECK(sa.size() > 6);
    for (const auto& p : sa) CHECK(std::hypot(p.X - 100.0f, p.Y - 100.0f) == doctest::Approx(50.0f).epsilon(0.03));
}

TEST_CASE("smoothing: a tap is a dot, and bad numbers are dropped") {
    auto dot = SmoothStroke({{10, 10, 1}, {10.2f, 10.1f, 1}});
    CHECK(dot.size() == 1);
    auto clean = SmoothStroke({{0, 0, 1}, {NAN, 5, 1}, {10, 0, 2.0f}});
    REQUIRE(clean.size() == 2);
    CHECK(clean[1].Pressure == 1.0f);  // clamped
}

TEST_CASE("history: draw three, undo one, redo, erase, clear and undo all") {
    std::vector<Stroke> strokes;
    SketchHistory h;
    ApplySketchEdit(strokes, h, AddStrokeEdit(Line(0, 0, 10, 0)));
    ApplySketchEdit(strokes, h, AddStrokeEdit(Line(0, 20, 10, 20)));
    ApplySketchEdit(strokes, h, AddStrokeEdit(Line(0, 40, 10, 40)));
    CHECK(strokes.size() == 3);
    CHECK(UndoSketch(strokes, h));
    CHECK(strokes.size() == 2);
    CHECK(RedoSketch(strokes, h));
    CHECK(strokes.size() == 3);
    CHECK(strokes[2].Points[0].Y == 40.0f);
    CHECK_FALSE(RedoSketch(strokes, h));

    // Erase the middle one, then undo puts it back in its place.
    auto hit = StrokesNearSegment(strokes, {5, 18, 1}, {5, 22, 1}, 2.0f);
    REQUIRE(hit.size() == 1);
    CHECK(hit[0] == 1);
    ApplySketchEdit(strokes, h, RemoveStrokesEdit(strokes, hit));
    CHECK(strokes.size() == 2);
    CHECK(strokes[1].Points[0].Y == 40.0f);
    CHECK(UndoSketch(strokes, h));
    REQUIRE(strokes.size() == 3);
    CHECK(strokes[1].Points[0].Y == 20.0f);

    ApplySketchEdit(strokes, h, ClearEdit(strokes));
    CHECK(strokes.empty());
    CHECK(UndoSketch(strokes, h));
    CHECK(strokes.size() == 3);
    CHECK(strokes[0].Points[0].Y == 0.0f);
    CHECK(strokes[2].Points[0].Y == 40.0f);

    // A new edit after an undo drops the redo steps.
    CHECK(UndoSketch(strokes, h));
    ApplySketchEdit(strokes, h, AddStrokeEdit(Line(1, 1, 2, 2)));
    CHECK(h.Redo.empty());
}

TEST_CASE("eraser: crossing a stroke between its points hits it, passing by does not") {
    std::vector<Stroke> strokes = {Line(0, 0, 100, 0)};
    CHECK(StrokesNearSegment(strokes, {50, -10, 1}, {50, 10, 1}, 1.0f).size() == 1);  // crosses
    CHECK(StrokesNearSegment(strokes, {50, 20, 1}, {60, 20, 1}, 1.0f).empty());
}

TEST_CASE("stick figure: on the paper, several strokes") {
    auto fig = StickFigureStrokes();
    CHECK(fig.size() == 6);
    for (const auto& s : fig)
        for (const auto& p : s.Points) {
            CHECK(p.X >= 0.0f);
            CHECK(p.X <= kSketchWidth);
            CHECK(p.Y >= 0.0f);
            CHECK(p.Y <= kSketchHeight);
        }
    CHECK(CountPoints(fig) > 40);
}
