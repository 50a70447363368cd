// libFuzzer target: bytes as a .vcf through ParseVCards, the contacts into customers and back out
// as vCard 4.0. Besides crashes, leaks and hangs it checks: a file with errors keeps no contact;
// what the export writes parses again without errors, with as many contacts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/customer_import.h"
#include "import/vcard.h"

using namespace profila;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    VCardFile f = ParseVCards(bytes, "f.vcf");
    if (!f.Errors.empty() && !f.Contacts.empty()) __builtin_trap();
    ImportResult r = ContactsToCustomers(f, Workspace{}, ImportOptions{});
    if (!r.Ok() && !r.NewCustomers.empty()) __builtin_trap();
    std::vector<const Customer*> all;
    for (const Customer& c : r.NewCustomers) all.push_back(&c);
    std::string out = CustomersToVCards(all);
    if (!all.empty()) {
        VCardFile back = ParseVCards(out, "export.vcf");
        if (!back.Errors.empty() || back.Contacts.size() != all.size()) __builtin_trap();
    }
    return 0;
}
