// The three-way merge of two copies of one document (a customer card, a persona) against the base
// both started from: the version this device last saw from the server (kept on the device, since
// CouchDB drops old bodies when it compacts).
//
// Rules, applied field by field on the JSON form of the document (codec/customer_json.h,
// codec/persona_json.h), so one merge serves every collection:
// - a field changed on one side only takes that side's value, silently;
// - a field changed on both sides to the same value takes it;
// - a field changed on both sides to different values is a conflict: the merge keeps "mine" for
//   now and lists the field (path, base, mine, theirs) so the person can choose (ApplyChoices);
// - objects merge key by key; lists of rows that carry an "id" (purchases, requests...) merge row
//   by row (a row added on either side is kept, a row deleted on one side and unchanged on the
//   other goes, a row deleted on one side and edited on the other is kept and noted);
// - lists of plain values (tags) merge as sets: what either side added is added, what either side
//   removed is removed;
// - a whole document deleted on one side and edited on the other is kept (the edit wins) and noted;
//   deleted on one side and unchanged on the other, it stays deleted.
// Pure: no I/O, no clock. Keys listed in MergeOptions::Ignored (revision counters, "_rev") are
// taken from "mine" and never conflict.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace profila::sync {

struct FieldConflict {
    std::string Path;        // "/name", "/purchases/01HV.../amount": a JSON pointer, rows by their id
    nlohmann::json Base;     // null when the field was absent
    nlohmann::json Mine;
    nlohmann::json Theirs;
};

struct MergeNote {
    std::string Path;        // "" for the whole document
    std::string Code;        // "edit_kept_over_delete"
};

struct MergeResult {
    bool Deleted = false;    // both sides agree the document is gone
    nlohmann::json Merged;   // the merged document (conflicted fields hold "mine")
    std::vector<FieldConflict> Conflicts;
    std::vector<MergeNote> Notes;
};

struct MergeOptions {
    std::vector<std::string> Ignored = {"revision", "_rev", "_id", "_conflicts", "_deleted"};
};

// base, mine, theirs: nullptr when the document does not exist on that side (never created, or
// deleted). base == nullptr with both present means both created it independently.
[[nodiscard]] MergeResult MergeDocuments(const nlohmann::json* base, const nlohmann::json* mine, const nlohmann::json* theirs,
                                         const MergeOptions& options = {});

enum class Choice { Mine, Theirs };
struct FieldChoice {
    std::string Path;
    Choice Pick = Choice::Mine;
};

// The merged document with the person's choice applied to each listed conflict (a conflict not in
// choices keeps "mine"). A path that names no conflict is ignored.
[[nodiscard]] nlohmann::json ApplyChoices(const MergeResult& merge, const std::vector<FieldChoice>& choices);

}  // namespace profila::sync
