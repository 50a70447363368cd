#include "backup.h"

#include <nlohmann/json.hpp>

#include "customer_json.h"
#include "persona_json.h"

namespace profila {

std::string BackupToJson(const Workspace& workspace, const std::vector<Persona>& personas, bool include_personas,
                         bool pretty) {
    std::string text = WorkspaceToJson(workspace, pretty);
    if (!include_personas || personas.empty()) return text;
    // The workspace document is one JSON object: the personas go in before its closing brace.
    size_t close = text.find_last_of('}');
    if (close == std::string::npos) return text;
    std::string tail = text.substr(close);
    text.erase(close);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    text += pretty ? ",\n  \"personas\": " : ",\"personas\":";
    text += PersonasToJson(personas);
    text += pretty ? "\n" : "";
    text += tail;
    return text;
}

BackupPersonas ReadBackupPersonas(std::string_view text) {
    BackupPersonas out;
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return out;  // WorkspaceFromJson reports the file itself
    auto it = j.find("personas");
    if (it == j.end()) return out;
    out.Present = true;
    if (!it->is_array()) {
        out.Errors.push_back("personas: bad_type");
        return out;
    }
    std::vector<Persona> personas;
    for (size_t i = 0; i < it->size(); ++i) {
        std::string where = "personas[" + std::to_string(i) + "]";
        PersonaParseResult parsed = ParsePersona((*it)[i].dump());
        if (!parsed.Value) {
            for (const PersonaFieldError& e : parsed.Errors)
                out.Errors.push_back(where + (e.Field.empty() ? "" : "." + e.Field) + ": " + e.Code);
            continue;
        }
        for (const Persona& p : personas)
            if (p.Id == parsed.Value->Id) out.Errors.push_back(where + ".id: duplicate");
        personas.push_back(std::move(*parsed.Value));
    }
    if (out.Errors.empty()) out.Personas = std::move(personas);
    return out;
}

}  // namespace profila
