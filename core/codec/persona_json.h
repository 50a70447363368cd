// Personas as JSON: the record kept in browser storage (collection "personas"), the backup and
// window.profila.exportPersonas() all use this one shape, with a schema version:
//   {"schema":1,"id":"P1","name":"Anna","revision":3,
//    "strokes":[{"color":"#1f2937","width":4,"points":[x,y,pressure, x,y,pressure, ...]}],
//    "details":{"age":{"value":"35","state":"assumed","note":"","ways":["ask"],"answer":""}, ...}}
// Coordinates are sketch units (core/persona.h), rounded to 0.1 to keep records small.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "persona/persona.h"

namespace profila {

inline constexpr int kPersonaSchemaVersion = 1;

[[nodiscard]] std::string PersonaToJson(const Persona& persona);
[[nodiscard]] std::string PersonasToJson(const std::vector<Persona>& personas);  // a JSON array

// A problem found while reading a persona: the field (a JSON path such as "strokes[2].width") and a
// code the app turns into words: bad_json, missing, bad_type, bad_value, out_of_range, newer_schema.
struct PersonaFieldError {
    std::string Field;
    std::string Code;
};

struct PersonaParseResult {
    std::optional<Persona> Value;              // set only when there is no error
    std::vector<PersonaFieldError> Errors;
};

// Reads one persona. Nothing half-read is returned: any error leaves Value empty.
[[nodiscard]] PersonaParseResult ParsePersona(std::string_view json_text);
// The same from a parsed value (a backup's personas array, read once with the customers).
[[nodiscard]] PersonaParseResult ParsePersonaValue(const nlohmann::json& value);
// The value PersonaToJson dumps.
[[nodiscard]] nlohmann::json PersonaToJsonValue(const Persona& persona);

}  // namespace profila
