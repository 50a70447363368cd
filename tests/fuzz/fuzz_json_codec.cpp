// libFuzzer target: JSON text through the backup and record decoders (v1 and v2, validation).
// Besides crashes, leaks and hangs it checks that whatever decodes cleanly encodes to a text
// that decodes cleanly again to the very same text (no field lost or changed on a round trip).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "codec/customer_json.h"

using namespace profila;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    WorkspaceDecodeResult w = WorkspaceFromJson(text);
    if (w.Ok()) {
        std::string once = WorkspaceToJson(w.Value, false);
        WorkspaceDecodeResult again = WorkspaceFromJson(once);
        if (!again.Ok() || WorkspaceToJson(again.Value, false) != once) __builtin_trap();
    } else if (w.Issues.empty()) {
        __builtin_trap();
    }

    CustomerDecodeResult c = CustomerFromJson(text, "customers[0]");
    if (c.Ok()) {
        std::string once = CustomerToJson(c.Value);
        CustomerDecodeResult again = CustomerFromJson(once);
        if (!again.Ok() || CustomerToJson(again.Value) != once) __builtin_trap();
        if (ChecksumHex(once).size() != 16) __builtin_trap();
    }
    return 0;
}
