#include "persona/persona.h"

#include <algorithm>
#include <cmath>

namespace profila {
namespace {

constexpr const char* kDetailKeys[kPersonaDetailCount] = {
    "gender", "age", "income", "education", "location", "likes",
    "personality", "attitudes", "values", "interests", "lifestyle", "media",
    "buys_what", "buys_where", "buys_when", "pays_how",
};
constexpr const char* kKnowledgeKeys[4] = {"unmarked", "known", "assumed", "unknown"};
constexpr const char* kWayKeys[kFindOutWayCount] = {"shoes", "secondary", "ask"};

float DistanceToSegment(float px, float py, float ax, float ay, float bx, float by) {
    float dx = bx - ax, dy = by - ay;
    float len2 = dx * dx + dy * dy;
    float t = len2 > 0.0f ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0f, 1.0f) : 0.0f;
    float cx = ax + t * dx - px, cy = ay + t * dy - py;
    return std::sqrt(cx * cx + cy * cy);
}

// Distance between segments p0-p1 and q0-q1 (they do not cross in the cases that matter: the eraser
// path is short; a crossing is caught because its distance to one end is small enough at our radius).
float SegmentDistance(const SketchPoint& p0, const SketchPoint& p1, const SketchPoint& q0, const SketchPoint& q1) {
    float d = std::min({DistanceToSegment(p0.X, p0.Y, q0.X, q0.Y, q1.X, q1.Y), DistanceToSegment(p1.X, p1.Y, q0.X, q0.Y, q1.X, q1.Y),
                        DistanceToSegment(q0.X, q0.Y, p0.X, p0.Y, p1.X, p1.Y), DistanceToSegment(q1.X, q1.Y, p0.X, p0.Y, p1.X, p1.Y)});
    // Proper crossing: orientations differ on both sides.
    auto cross = [](const SketchPoint& a, const SketchPoint& b, const SketchPoint& c) {
        return (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
    };
    float d1 = cross(p0, p1, q0), d2 = cross(p0, p1, q1), d3 = cross(q0, q1, p0), d4 = cross(q0, q1, p1);
    if (((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0))) return 0.0f;
    return d;
}

void Simplify(const std::vector<SketchPoint>& pts, size_t first, size_t last, float tolerance, std::vector<bool>& keep) {
    // Iterative Ramer-Douglas-Peucker: keeps the farthest point while it is beyond tolerance.
    std::vector<std::pair<size_t, size_t>> todo{{first, last}};
    while (!todo.empty()) {
        auto [a, b] = todo.back();
        todo.pop_back();
        if (b <= a + 1) continue;
        float worst = -1.0f;
        size_t at = a;
        for (size_t i = a + 1; i < b; ++i) {
            float d = DistanceToSegment(pts[i].X, pts[i].Y, pts[a].X, pts[a].Y, pts[b].X, pts[b].Y);
            // Pressure changes matter too: keep points where the width changes noticeably.
            float t = static_cast<float>(i - a) / static_cast<float>(b - a);
            float dp = std::fabs(pts[i].Pressure - (pts[a].Pressure + t * (pts[b].Pressure - pts[a].Pressure)));
            d = std::max(d, dp * 4.0f);
            if (d > worst) { worst = d; at = i; }
        }
        if (worst > tolerance) {
            keep[at] = true;
            todo.push_back({a, at});
            todo.push_back({at, b});
        }
    }
}

}  // namespace

float StrokeWidthAt(const Stroke& stroke, const SketchPoint& point) {
    float p = std::clamp(point.Pressure, 0.0f, 1.0f);
    return stroke.Width * (0.35f + 0.65f * p);
}

PersonaDetail PersonaDetailAt(size_t index) { return static_cast<PersonaDetail>(std::min(index, kPersonaDetailCount - 1)); }

DetailGroup GroupOf(PersonaDetail detail) {
    auto i = static_cast<size_t>(detail);
    if (i <= static_cast<size_t>(PersonaDetail::Likes)) return DetailGroup::WhoTheyAre;
    if (i <= static_cast<size_t>(PersonaDetail::Media)) return DetailGroup::WhatTheyThink;
    return DetailGroup::HowTheyBuy;
}

const char* PersonaDetailKey(PersonaDetail detail) { return kDetailKeys[static_cast<size_t>(detail)]; }

std::optional<PersonaDetail> PersonaDetailFromKey(std::string_view key) {
    for (size_t i = 0; i < kPersonaDetailCount; ++i)
        if (key == kDetailKeys[i]) return static_cast<PersonaDetail>(i);
    return std::nullopt;
}

const char* KnowledgeKey(Knowledge state) { return kKnowledgeKeys[static_cast<size_t>(state)]; }

std::optional<Knowledge> KnowledgeFromKey(std::string_view key) {
    for (size_t i = 0; i < 4; ++i)
        if (key == kKnowledgeKeys[i]) return static_cast<Knowledge>(i);
    return std::nullopt;
}

const char* FindOutWayKey(FindOutWay way) { return kWayKeys[static_cast<size_t>(way)]; }

std::optional<FindOutWay> FindOutWayFromKey(std::string_view key) {
    for (size_t i = 0; i < kFindOutWayCount; ++i)
        if (key == kWayKeys[i]) return static_cast<FindOutWay>(i);
    return std::nullopt;
}

std::vector<PersonaDetail> OpenQuestions(const Persona& persona) {
    std::vector<PersonaDetail> out;
    for (size_t i = 0; i < kPersonaDetailCount; ++i)
        if (persona.Details[i].State == Knowledge::Unknown) out.push_back(static_cast<PersonaDetail>(i));
    return out;
}

std::array<int, 4> CountByKnowledge(const Persona& persona) {
    std::array<int, 4> counts{};
    for (const DetailEntry& d : persona.Details) ++counts[static_cast<size_t>(d.State)];
    return counts;
}

bool AcceptAnswer(Persona& persona, PersonaDetail detail) {
    DetailEntry& d = persona.Detail(detail);
    if (d.Answer.find_first_not_of(" \t\r\n") == std::string::npos) return false;
    d.Value = d.Answer;
    d.State = Knowledge::Known;
    return true;
}

std::vector<SketchPoint> SmoothStroke(const std::vector<SketchPoint>& raw, float min_spacing, float tolerance) {
    std::vector<SketchPoint> pts;
    pts.reserve(raw.size());
    for (const SketchPoint& p : raw) {
        if (!std::isfinite(p.X) || !std::isfinite(p.Y)) continue;
        SketchPoint q = p;
        q.Pressure = std::isfinite(q.Pressure) ? std::clamp(q.Pressure, 0.0f, 1.0f) : 1.0f;
        if (!pts.empty() && std::hypot(q.X - pts.back().X, q.Y - pts.back().Y) < min_spacing) {
            pts.back().Pressure = std::max(pts.back().Pressure, q.Pressure);
            continue;
        }
        pts.push_back(q);
    }
    // Keep where the pen went up even when it stopped close to the last kept point.
    if (!raw.empty() && pts.size() > 1 && std::isfinite(raw.back().X) && std::isfinite(raw.back().Y)) {
        pts.back().X = raw.back().X;
        pts.back().Y = raw.back().Y;
    }
    if (pts.size() < 3) return pts;
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<SketchPoint> next = pts;
        for (size_t i = 1; i + 1 < pts.size(); ++i) {
            next[i].X = 0.25f * pts[i - 1].X + 0.5f * pts[i].X + 0.25f * pts[i + 1].X;
            next[i].Y = 0.25f * pts[i - 1].Y + 0.5f * pts[i].Y + 0.25f * pts[i + 1].Y;
            next[i].Pressure = 0.25f * pts[i - 1].Pressure + 0.5f * pts[i].Pressure + 0.25f * pts[i + 1].Pressure;
        }
        pts.swap(next);
    }
    std::vector<bool> keep(pts.size(), false);
    keep.front() = keep.back() = true;
    Simplify(pts, 0, pts.size() - 1, tolerance, keep);
    std::vector<SketchPoint> out;
    for (size_t i = 0; i < pts.size(); ++i)
        if (keep[i]) out.push_back(pts[i]);
    return out;
}

void ApplySketchEdit(std::vector<Stroke>& strokes, SketchHistory& history, SketchEdit edit) {
    for (auto it = edit.Removed.rbegin(); it != edit.Removed.rend(); ++it)
        if (it->first < strokes.size()) strokes.erase(strokes.begin() + static_cast<std::ptrdiff_t>(it->first));
    for (const Stroke& s : edit.Added) strokes.push_back(s);
    history.Undo.push_back(std::move(edit));
    if (history.Undo.size() > history.Limit) history.Undo.erase(history.Undo.begin());
    history.Redo.clear();
}

bool UndoSketch(std::vector<Stroke>& strokes, SketchHistory& history) {
    if (history.Undo.empty()) return false;
    SketchEdit edit = std::move(history.Undo.back());
    history.Undo.pop_back();
    size_t added = std::min(edit.Added.size(), strokes.size());
    strokes.resize(strokes.size() - added);
    for (const auto& [index, stroke] : edit.Removed)
        strokes.insert(strokes.begin() + static_cast<std::ptrdiff_t>(std::min(index, strokes.size())), stroke);
    history.Redo.push_back(std::move(edit));
    return true;
}

bool RedoSketch(std::vector<Stroke>& strokes, SketchHistory& history) {
    if (history.Redo.empty()) return false;
    SketchEdit edit = std::move(history.Redo.back());
    history.Redo.pop_back();
    for (auto it = edit.Removed.rbegin(); it != edit.Removed.rend(); ++it)
        if (it->first < strokes.size()) strokes.erase(strokes.begin() + static_cast<std::ptrdiff_t>(it->first));
    for (const Stroke& s : edit.Added) strokes.push_back(s);
    history.Undo.push_back(std::move(edit));
    return true;
}

SketchEdit AddStrokeEdit(Stroke stroke) {
    SketchEdit edit;
    edit.Added.push_back(std::move(stroke));
    return edit;
}

SketchEdit RemoveStrokesEdit(const std::vector<Stroke>& strokes, std::vector<size_t> indices) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    SketchEdit edit;
    for (size_t i : indices)
        if (i < strokes.size()) edit.Removed.emplace_back(i, strokes[i]);
    return edit;
}

SketchEdit ClearEdit(const std::vector<Stroke>& strokes) {
    SketchEdit edit;
    for (size_t i = 0; i < strokes.size(); ++i) edit.Removed.emplace_back(i, strokes[i]);
    return edit;
}

std::vector<size_t> StrokesNearSegment(const std::vector<Stroke>& strokes, SketchPoint a, SketchPoint b, float radius) {
    std::vector<size_t> out;
    for (size_t i = 0; i < strokes.size(); ++i) {
        const Stroke& s = strokes[i];
        float reach = radius + s.Width * 0.5f;
        bool hit = false;
        if (s.Points.size() == 1) {
            hit = DistanceToSegment(s.Points[0].X, s.Points[0].Y, a.X, a.Y, b.X, b.Y) <= reach;
        } else {
            for (size_t k = 1; k < s.Points.size() && !hit; ++k)
                hit = SegmentDistance(s.Points[k - 1], s.Points[k], a, b) <= reach;
        }
        if (hit) out.push_back(i);
    }
    return out;
}

size_t CountPoints(const std::vector<Stroke>& strokes) {
    size_t n = 0;
    for (const Stroke& s : strokes) n += s.Points.size();
    return n;
}

std::vector<Stroke> StickFigureStrokes(uint32_t color, float width) {
    const float cx = kSketchWidth * 0.5f;
    const float head_r = 58.0f, head_cy = 190.0f;
    std::vector<Stroke> out;
    auto line = [&](float x0, float y0, float x1, float y1) {
        Stroke s;
        s.Color = color;
        s.Width = width;
        s.Points = {{x0, y0, 1.0f}, {x1, y1, 1.0f}};
        out.push_back(std::move(s));
    };
    Stroke head;
    head.Color = color;
    head.Width = width;
    for (int i = 0; i <= 36; ++i) {
        float a = static_cast<float>(i) / 36.0f * 6.2831853f;
        head.Points.push_back({cx + head_r * std::cos(a), head_cy + head_r * std::sin(a), 1.0f});
    }
    out.push_back(std::move(head));
    const float neck = head_cy + head_r, hip = 470.0f;
    line(cx, neck, cx, hip);                      // body
    line(cx, neck + 55.0f, cx - 120.0f, 400.0f);  // arms
    line(cx, neck + 55.0f, cx + 120.0f, 400.0f);
    line(cx, hip, cx - 95.0f, 680.0f);            // legs
    line(cx, hip, cx + 95.0f, 680.0f);
    return out;
}

}  // namespace profila
