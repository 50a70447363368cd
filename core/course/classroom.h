// A class over CouchDB (issue 17, item 5): the names a class lives under, its join code, and the
// course statements a trainee's device sends to it. No I/O here: app/sync/class.cpp does the HTTP.
//
// CouchDB has no per-document read rights, so a class is one database per trainee:
//   profila-class-<id>             the class directory: {"_id": "roster", trainees: [{name, slug}]},
//                                  readable by the trainer's role only
//   profila-class-<id>-<slug>      a trainee's database: their statements and personas; members are
//                                  the trainee's user and the trainer's role class-<id>-trainer
//   user class-<id>-<slug>         the trainee's CouchDB user; its password is the class's join code
// The join code is 12 characters of an alphabet without look-alikes (no 0/O, 1/I), shown as
// "K7QM-4PXR-2DHT"; its first four name the class (id = those four, lowercased), so a trainee
// types only the code and their name. Everyone holding the code could sign in as any classmate on
// the roster: a classroom's trade-off, said in web/deploy/README.md.
//
// A statement is an immutable document: `_id` "statement:<trainee user>-<ULID>", written once; a
// 409 on a retry means it is already stored. One per answered item ("answered") and one per
// finished lesson round ("completed", with pass). Made from the progress at each save, from a mark
// of what was already stated (StatementMark), so every answer and round is stated exactly once.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "course/course.h"

namespace profila::course {

// ---- Names and the join code ----------------------------------------------------------------------
constexpr size_t kClassCodeLength = 12;
constexpr size_t kClassIdLength = 4;

// A join code from 12 random bytes (each picks one of 32 characters).
[[nodiscard]] std::string MakeClassCode(const std::array<uint8_t, kClassCodeLength>& random);
// "K7QM4PXR2DHT" -> "K7QM-4PXR-2DHT": how the code is shown and written on a board.
[[nodiscard]] std::string FormatClassCode(std::string_view code);
// What a person typed (any case, spaces or dashes between): the 12 characters, or nullopt when it
// is not a code (wrong length, a character outside the alphabet).
[[nodiscard]] std::optional<std::string> NormalizeClassCode(std::string_view typed);
// The class id a code names: its first four characters, lower case ("k7qm").
[[nodiscard]] std::string ClassIdOfCode(std::string_view code);

// A trainee's name as the part of a database and user name: letters and digits, accents folded,
// lower case, words joined by '-' ("Niccolò Bianchi" -> "niccolo-bianchi"); "" when nothing is left.
[[nodiscard]] std::string TraineeSlug(std::string_view name);
[[nodiscard]] std::string TraineeUser(std::string_view class_id, std::string_view slug);      // class-<id>-<slug>
[[nodiscard]] std::string TraineeDatabase(std::string_view class_id, std::string_view slug);  // profila-class-<id>-<slug>
[[nodiscard]] std::string ClassDirectory(std::string_view class_id);                          // profila-class-<id>
[[nodiscard]] std::string TrainerRole(std::string_view class_id);                             // class-<id>-trainer

struct RosterEntry {
    std::string Name;   // as typed
    std::string Slug;   // TraineeSlug(Name)
};
// Names separated by commas, semicolons or new lines; blanks dropped, a name whose slug repeats
// an earlier one left out (two trainees cannot share a database).
[[nodiscard]] std::vector<RosterEntry> ParseRoster(std::string_view text);
// The roster document of the class directory, and back (an empty list when it is not one).
[[nodiscard]] nlohmann::json RosterToJson(const std::vector<RosterEntry>& roster, std::string_view class_id);
[[nodiscard]] std::vector<RosterEntry> RosterFromJson(const nlohmann::json& doc);

// ---- Statements -------------------------------------------------------------------------------------
// What the device already stated: the first `Attempts` attempts and, per lesson, the first runs.
struct StatementMark {
    size_t Attempts = 0;
    std::map<std::string, size_t> Runs;
};
[[nodiscard]] nlohmann::json StatementMarkToJson(const StatementMark& mark);
[[nodiscard]] StatementMark StatementMarkFromJson(const nlohmann::json& j);
// The mark of everything in this progress (what joining does not send again when asked so).
[[nodiscard]] StatementMark MarkAll(const Progress& progress);

struct StatementWriter {
    std::string User;     // the trainee's CouchDB user (class-<id>-<slug>)
    std::string Name;     // the trainee's name as typed
    std::string Device;
    std::string Unit;     // the unit's id
};
// The statements for what the progress holds beyond the mark (attempts in order, then the new
// rounds of each lesson), and the mark moved past them. new_id gives the random part of each _id
// (a ULID). A progress shorter than the mark (replaced by a restore) moves the mark back to it and
// states nothing.
[[nodiscard]] std::vector<nlohmann::json> NewStatements(const Progress& progress, StatementMark& mark, const StatementWriter& writer,
                                                        const std::function<std::string()>& new_id, int64_t now);
// True when the progress holds something beyond the mark (what NewStatements would state; also a
// progress shorter than the mark, which it would set the mark back to).
[[nodiscard]] bool HasUnstated(const Progress& progress, const StatementMark& mark);
// True when a document is a statement as NewStatements writes it (type, _id, verb, object, score).
[[nodiscard]] bool IsStatement(const nlohmann::json& doc);

// A trainee's statements read back as a hand-in, so the class summary counts live results and
// hand-in files alike. Statements are taken in the order of their "when" (then _id); a document
// that is not a statement is skipped.
[[nodiscard]] HandIn HandInFromStatements(std::string_view trainee, const std::vector<nlohmann::json>& statements, int personas);

}  // namespace profila::course
