// A customer as a storage record: MessagePack of the value CustomerToJson writes (same keys, same
// schema 2 content; deterministic, since the keys are sorted), except that each history (purchases,
// requests, scores, complaints, communications, proposals, contacts) is a table: a header of
// column names, then one row of cells per entry, so its keys are written once rather than once
// per entry. Records whose histories are lists of maps (written before) read too. Older records are JSON
// text; the first byte tells them apart (a MessagePack map starts with 0x80-0x8f, 0xde or 0xdf,
// JSON text with '{' or white space), so both load.
//
// Reading a MessagePack record takes a fast path first: one pass over the bytes that fills the
// Customer directly (no document, no path strings). It accepts only records every field of which
// is sound; on anything else (a wrong type, an impossible date, a negative amount, an unknown key
// or enum value, a schema other than 2, a null, a repeated key...) it gives up and the record is
// read through a document by the same reader as JSON text (core/customer_json.h), which names the
// field of every problem. The result says which path ran.
#pragma once
#include <string>
#include <string_view>

#include "codec/customer_json.h"
#include "model/customer.h"

namespace profila {

// The record's bytes (MessagePack), with "schema": kCustomerSchemaVersion.
[[nodiscard]] std::string CustomerToRecord(const Customer& customer);

// True when the bytes start like a MessagePack map (a record written by CustomerToRecord).
[[nodiscard]] bool IsMessagePackRecord(std::string_view bytes);

enum class RecordDecodePath {
    Fast,          // MessagePack read straight into the Customer
    Document,      // MessagePack the fast path gave up on: read through a document
    JsonText,      // an older record in JSON text (CustomerFromJson)
};

struct CustomerRecordDecodeResult : CustomerDecodeResult {
    RecordDecodePath Path = RecordDecodePath::Fast;
};

// Reads a record in either encoding; issues as CustomerFromJson gives them (path_prefix before
// every path). A MessagePack record that is not a record at all (cut short, garbage, nested
// absurdly deep, a length longer than the record) gives one kIssueSyntax issue.
// pool (may be null): shares the texts that repeat across purchases among every record read with it
// (the store passes one for a whole load).
[[nodiscard]] CustomerRecordDecodeResult CustomerFromRecord(std::string_view bytes, std::string_view path_prefix = "",
                                                            TextPool* pool = nullptr);

// The same without the fast path (MessagePack through a document; JSON text as above): for tests,
// the fuzz target and the benchmark, which compare the two.
[[nodiscard]] CustomerRecordDecodeResult CustomerFromRecordDocument(std::string_view bytes, std::string_view path_prefix = "");

}  // namespace profila
