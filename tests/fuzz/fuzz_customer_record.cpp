// libFuzzer target: bytes through the customer record decoder (core/customer_record.h).
// Besides crashes, leaks and hangs it checks that
//  - the fast path never accepts what the document path refuses, and reads exactly what it reads;
//  - when the fast path gives up, the result is the document path's (same issues, same customer);
//  - a record that decodes cleanly, written again, takes the fast path and reads back the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "codec/customer_json.h"
#include "codec/customer_record.h"

using namespace profila;

namespace {
bool SameIssues(const std::vector<FieldIssue>& a, const std::vector<FieldIssue>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].Path != b[i].Path || a[i].Code != b[i].Code || a[i].Value != b[i].Value || a[i].Message != b[i].Message)
            return false;
    return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);

    CustomerRecordDecodeResult any = CustomerFromRecord(bytes, "customers[1]");
    CustomerRecordDecodeResult doc = CustomerFromRecordDocument(bytes, "customers[1]");
    if (any.Ok() != doc.Ok() || !SameIssues(any.Issues, doc.Issues)) __builtin_trap();
    if (any.Ok() && CustomerToJson(any.Value) != CustomerToJson(doc.Value)) __builtin_trap();
    if (any.Path == RecordDecodePath::Fast && (!any.Ok() || !IsMessagePackRecord(bytes))) __builtin_trap();
    if (!any.Ok() && any.Issues.empty()) __builtin_trap();

    if (any.Ok()) {
        std::string record = CustomerToRecord(any.Value);
        CustomerRecordDecodeResult again = CustomerFromRecord(record);
        if (!again.Ok() || again.Path != RecordDecodePath::Fast) __builtin_trap();
        if (CustomerToJson(again.Value) != CustomerToJson(any.Value)) __builtin_trap();
    }
    return 0;
}
