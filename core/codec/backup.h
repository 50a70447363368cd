// The backup file: the workspace document of core/customer_json.h (format "profila-backup", its
// schema, the customers) with the business's personas added as a "personas" array in the shape of
// core/persona_json.h. Older backups have no "personas": restoring one leaves the personas alone.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "codec/customer_json.h"
#include "model/customer.h"
#include "persona/persona.h"

namespace profila {

// The backup text. The key is left out when there are no personas or they are not read yet
// (include_personas false): such a file reads as the backups before personas did, and restoring
// it leaves the open personas as they are instead of removing what the file never held.
[[nodiscard]] std::string BackupToJson(const Workspace& workspace, const std::vector<Persona>& personas,
                                       bool include_personas, bool pretty);

struct BackupPersonas {
    bool Present = false;                 // the file has a "personas" array
    std::vector<Persona> Personas;        // all of them, or none when there is an error
    std::vector<std::string> Errors;      // "personas[1].strokes[0].width: bad_value", ...
};

// A whole backup read with one parse: its customers (as WorkspaceFromJson reads them) and its
// personas, each checked by field. Personas are read only when the customers are sound.
struct BackupContents {
    WorkspaceDecodeResult Workspace;
    BackupPersonas Personas;
};
[[nodiscard]] BackupContents ReadBackup(std::string_view text);

}  // namespace profila
