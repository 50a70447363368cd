// libFuzzer target: bytes as an e-invoice file (FatturaPA / Facturae XML, a .p7m envelope, or a zip
// of them) through ReadInvoiceFile, and the same bytes as an envelope. Besides crashes, leaks and
// hangs it checks: every result is either parsed (with at least one document, a real date) or
// carries a message naming its source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/einvoice.h"

using namespace profila;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const char* name : {"f.xml", "f.xml.p7m"}) {
        for (const InvoiceFileResult& r : ReadInvoiceFile(bytes, name)) {
            if (r.Parsed) {
                if (r.Parsed->Documents.empty()) __builtin_trap();
            } else if (r.Message.find(r.Source) != 0) {
                __builtin_trap();
            }
        }
    }
    std::string why;
    if (!UnwrapP7m(bytes, &why) && why.empty()) __builtin_trap();
    return 0;
}
