#include "codec/backup.h"

#include <nlohmann/json.hpp>

#include "codec/persona_json.h"

namespace profila {
namespace {

// The personas of a parsed backup document.
BackupPersonas PersonasOf(const nlohmann::json& j) {
    BackupPersonas out;
    if (!j.is_object()) return out;  // WorkspaceFromJson reports the file itself
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
        PersonaParseResult parsed = ParsePersonaValue((*it)[i]);
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

}  // namespace

std::string BackupToJson(const Workspace& workspace, const std::vector<Persona>& personas, bool include_personas,
                         bool pretty) {
    nlohmann::json j = WorkspaceToJsonValue(workspace);
    if (include_personas && !personas.empty()) {
        nlohmann::json& list = j["personas"] = nlohmann::json::array();
        for (const Persona& p : personas) list.push_back(PersonaToJsonValue(p));
    }
    return j.dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

BackupContents ReadBackup(std::string_view text) {
    BackupContents out;
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        out.Workspace = WorkspaceFromJson(text);  // names the byte where the syntax breaks
        return out;
    }
    out.Workspace = WorkspaceFromJsonValue(j);
    if (out.Workspace.Ok()) out.Personas = PersonasOf(j);
    return out;
}

}  // namespace profila
