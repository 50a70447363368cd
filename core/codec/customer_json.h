// JSON for the customer card: one customer per storage record, and a whole workspace as a
// backup file. Both carry a schema version (kCustomerSchemaVersion); older versions are
// migrated on read. Decoding validates and reports every problem with the path of the field
// ("customers[3].purchases[2].date"), a code and an English default message, so the app can
// show it in any language.
//
// Schema history
//   v1 (before 2026-11): flat backup {"version":1,"workspaceId","workspaceName","customers":[...]};
//      each customer flat: id, type ("private"|"business"), name, company, phone, email, address,
//      city, postcode, province, country, age, gender ("F"|"M"|""), occupation, sector,
//      employees, since (ISO acquisition date), tags (one comma-separated string), notes,
//      purchases [{date, amount, cost, category, channel, payment, cancelled}],
//      complaints [{date, reason}], scores [{date, score}]. See tests/core/fixtures/backup_v1.json.
//   v2 (current): the model's nested shape (core/model/customer.h; its fields and keys are the
//      tables of core/codec/customer_fields.cpp), see CustomerToJson; backup
//      {"format":"profila-backup","schema":2,"workspace":{"id","name"},"customers":[...]}.
//      Since 2026-12 every row of contacts and histories may carry an "id" (a ULID); rows written
//      before read with an empty one (AssignMissingIds fills them). Not a new version: nothing
//      stored before reads differently, and an older app skips the key.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/customer.h"

namespace profila {

inline constexpr int kCustomerSchemaVersion = 2;

struct FieldIssue {
    std::string Path;     // "customers[3].purchases[2].date"; "" = the whole document
    std::string Code;     // see kIssue* below
    std::string Value;    // the offending value as text (may be empty)
    std::string Message;  // English default: path: "value" problem
};

// Issue codes (stable; UI texts key on them).
inline constexpr const char* kIssueSyntax = "json_syntax";          // not JSON at all
inline constexpr const char* kIssueWrongType = "wrong_type";        // e.g. a number where text is expected
inline constexpr const char* kIssueMissing = "missing";             // a required field is absent or empty
inline constexpr const char* kIssueBadDate = "bad_date";            // not a real calendar day
inline constexpr const char* kIssueNegative = "negative";           // a negative amount, cost, quantity...
inline constexpr const char* kIssueOutOfRange = "out_of_range";     // score outside 1..5, discount > 100...
inline constexpr const char* kIssueUnknownEnum = "unknown_enum";    // e.g. "kind": "martian"
inline constexpr const char* kIssueDuplicateId = "duplicate_id";    // two customers with one id
inline constexpr const char* kIssueSchemaTooNew = "schema_too_new"; // written by a newer app
inline constexpr const char* kIssueNotBackup = "not_backup";        // JSON, but not a Profila backup

// ---- one customer (a storage record) -------------------------------------------------------
// Compact JSON text with "schema": kCustomerSchemaVersion. Deterministic: same customer, same text.
[[nodiscard]] std::string CustomerToJson(const Customer& customer);

struct CustomerDecodeResult {
    Customer Value;                   // meaningful only when Ok()
    int SourceSchema = 0;             // the version the text was written in (1 or 2)
    std::vector<FieldIssue> Issues;   // empty when the record is sound
    [[nodiscard]] bool Ok() const { return Issues.empty(); }
};
// Reads a record written by CustomerToJson (any schema version; v1 records are flat v1 customers).
// path_prefix is put before every issue path (e.g. "customers[3]").
[[nodiscard]] CustomerDecodeResult CustomerFromJson(std::string_view text, std::string_view path_prefix = "");
// The same on both sides of an already built document: the value CustomerToJson dumps (schema
// included), and the reading of a parsed record (core/customer_record.h reads MessagePack records
// into a document and hands it here, so every field-level message is written in one place).
[[nodiscard]] nlohmann::json CustomerToJsonValue(const Customer& customer);
[[nodiscard]] CustomerDecodeResult CustomerFromJsonValue(const nlohmann::json& value, std::string_view path_prefix = "");

// ---- whole workspace (backup file) ---------------------------------------------------------
// Pretty (2-space indented) when pretty, else compact.
[[nodiscard]] std::string WorkspaceToJson(const Workspace& workspace, bool pretty = true);

struct WorkspaceDecodeResult {
    Workspace Value;                  // meaningful only when Ok()
    int SourceSchema = 0;
    bool Migrated = false;            // read from an older schema version
    std::vector<FieldIssue> Issues;
    [[nodiscard]] bool Ok() const { return Issues.empty(); }
};
[[nodiscard]] WorkspaceDecodeResult WorkspaceFromJson(std::string_view text);
// The same from an already parsed document (a backup read once for customers and personas), and
// the document WorkspaceToJson dumps (the backup adds its personas to it).
[[nodiscard]] WorkspaceDecodeResult WorkspaceFromJsonValue(const nlohmann::json& document);
[[nodiscard]] nlohmann::json WorkspaceToJsonValue(const Workspace& workspace);

// ---- checks --------------------------------------------------------------------------------
// The same rules the decoder applies, for a card edited in memory: negative amounts, scores
// outside 1..5, discount outside 0..100, empty id... Paths start with path_prefix.
[[nodiscard]] std::vector<FieldIssue> ValidateCustomer(const Customer& customer, std::string_view path_prefix = "");

// FNV-1a 64-bit over the bytes, and the same as 16 lowercase hex digits (record checksums).
// Many records at once: Fnv1a64Each (text/hash.h), then ChecksumHexOf each sum.
[[nodiscard]] uint64_t Fnv1a64(std::string_view bytes);
[[nodiscard]] std::string ChecksumHex(std::string_view bytes);
[[nodiscard]] std::string ChecksumHexOf(uint64_t sum);

// Stable text names of the model's enums, as written in JSON ("private", "female", ...).
[[nodiscard]] const char* CustomerKindName(CustomerKind kind);
[[nodiscard]] bool ParseCustomerKind(std::string_view text, CustomerKind& out);
[[nodiscard]] const char* GenderName(Gender gender);
[[nodiscard]] bool ParseGender(std::string_view text, Gender& out);

}  // namespace profila
