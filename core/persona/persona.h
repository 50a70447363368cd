// The persona sketch (shared/DOMAIN.md section 2, "abbozzare un disegno"): a drawing of the ideal
// customer kept as vector strokes, and around it the details the owner writes, each marked known,
// assumed or unknown. The unknowns become the "what I don't know yet" list, with the three ways to
// find out (their shoes, secondary data, asking customers) and a place for the answer.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profila {

// The paper, in sketch units: strokes are stored in these units, whatever the screen or zoom.
inline constexpr float kSketchWidth = 600.0f;
inline constexpr float kSketchHeight = 800.0f;

struct SketchPoint {
    float X = 0.0f;
    float Y = 0.0f;
    float Pressure = 1.0f;  // 0..1; 1 when the device gives none (mouse, finger)
};

struct Stroke {
    std::vector<SketchPoint> Points;
    uint32_t Color = 0x1F2937;  // 0xRRGGBB
    float Width = 4.0f;         // sketch units at full pressure
};

// Width of a stroke at a point: pressure thins the line but never below a third.
[[nodiscard]] float StrokeWidthAt(const Stroke& stroke, const SketchPoint& point);

// ---- Details ---------------------------------------------------------------------------------
enum class PersonaDetail {
    // Who they are (demographics)
    Gender, Age, Income, Education, Location, Likes,
    // What they think (psychographics)
    Personality, Attitudes, Values, Interests, Lifestyle, Media,
    // How they buy
    BuysWhat, BuysWhere, BuysWhen, PaysHow,
};
inline constexpr size_t kPersonaDetailCount = 16;
enum class DetailGroup { WhoTheyAre, WhatTheyThink, HowTheyBuy };

// Unmarked: not judged yet. Known: observed or from data. Assumed: imagined. Unknown: a gap to fill.
enum class Knowledge { Unmarked, Known, Assumed, Unknown };
// The three ways to understand customers better (seed 000).
enum class FindOutWay { TheirShoes, SecondaryData, AskCustomers };
inline constexpr size_t kFindOutWayCount = 3;

struct DetailEntry {
    std::string Value;                           // what the owner wrote
    Knowledge State = Knowledge::Unmarked;
    std::string Note;                            // where it comes from, or why it is a guess
    std::array<bool, kFindOutWayCount> Ways{};   // ways chosen to find out (for unknowns)
    std::string Answer;                          // what was found out later
};

struct Persona {
    std::string Id;
    std::string Name;
    std::vector<Stroke> Strokes;
    std::array<DetailEntry, kPersonaDetailCount> Details{};
    int64_t Revision = 0;

    DetailEntry& Detail(PersonaDetail d) { return Details[static_cast<size_t>(d)]; }
    const DetailEntry& Detail(PersonaDetail d) const { return Details[static_cast<size_t>(d)]; }
};

[[nodiscard]] PersonaDetail PersonaDetailAt(size_t index);
[[nodiscard]] DetailGroup GroupOf(PersonaDetail detail);
// Stable names used in JSON and string keys: "gender", "buys_what", ...
[[nodiscard]] const char* PersonaDetailKey(PersonaDetail detail);
[[nodiscard]] std::optional<PersonaDetail> PersonaDetailFromKey(std::string_view key);
[[nodiscard]] const char* KnowledgeKey(Knowledge state);         // "unmarked", "known", ...
[[nodiscard]] std::optional<Knowledge> KnowledgeFromKey(std::string_view key);
[[nodiscard]] const char* FindOutWayKey(FindOutWay way);         // "shoes", "secondary", "ask"
[[nodiscard]] std::optional<FindOutWay> FindOutWayFromKey(std::string_view key);

// The "what I don't know yet" list: details marked unknown, in card order.
[[nodiscard]] std::vector<PersonaDetail> OpenQuestions(const Persona& persona);
// How many details are in each state, indexed by Knowledge.
[[nodiscard]] std::array<int, 4> CountByKnowledge(const Persona& persona);
// Takes the answer found for a detail as its value and marks it known. False if there is no answer.
bool AcceptAnswer(Persona& persona, PersonaDetail detail);

// ---- Sketch operations ------------------------------------------------------------------------
// Smooths a freehand stroke: drops points closer than min_spacing, averages neighbours twice (the
// ends stay where the pen went down and up) and simplifies within tolerance (Ramer-Douglas-Peucker)
// so a stroke keeps few points. A single point stays a dot.
[[nodiscard]] std::vector<SketchPoint> SmoothStroke(const std::vector<SketchPoint>& raw, float min_spacing = 1.5f,
                                                    float tolerance = 0.35f);

// One undoable change: strokes removed (with their index before the change, ascending) and strokes
// appended after the removal.
struct SketchEdit {
    std::vector<std::pair<size_t, Stroke>> Removed;
    std::vector<Stroke> Added;
};
struct SketchHistory {
    std::vector<SketchEdit> Undo;
    std::vector<SketchEdit> Redo;
    size_t Limit = 200;  // oldest steps are forgotten beyond this
};
void ApplySketchEdit(std::vector<Stroke>& strokes, SketchHistory& history, SketchEdit edit);
bool UndoSketch(std::vector<Stroke>& strokes, SketchHistory& history);
bool RedoSketch(std::vector<Stroke>& strokes, SketchHistory& history);
// Edits for the common actions.
[[nodiscard]] SketchEdit AddStrokeEdit(Stroke stroke);
[[nodiscard]] SketchEdit RemoveStrokesEdit(const std::vector<Stroke>& strokes, std::vector<size_t> indices);
[[nodiscard]] SketchEdit ClearEdit(const std::vector<Stroke>& strokes);

// Strokes that pass within radius of the segment a-b (the eraser's path), ascending indices.
[[nodiscard]] std::vector<size_t> StrokesNearSegment(const std::vector<Stroke>& strokes, SketchPoint a, SketchPoint b,
                                                     float radius);
[[nodiscard]] size_t CountPoints(const std::vector<Stroke>& strokes);
// A stick figure in the middle of the paper to start from: head, body, arms, legs.
[[nodiscard]] std::vector<Stroke> StickFigureStrokes(uint32_t color = 0x1F2937, float width = 5.0f);

}  // namespace profila
