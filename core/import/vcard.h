// Phone contacts: vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350) files holding many contacts, as
// phones and mail programs export them: folded lines, quoted-printable with its soft line breaks,
// CHARSET parameters, files in UTF-8, UTF-16 (with a BOM) or Windows-1252; photos and other binary
// values are skipped. Errors name the file and the physical line; a file with any error yields no
// contacts (nothing of a broken file is imported).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/customer.h"
#include "model/ids.h"

namespace profila {

struct VCardTyped {
    std::string Value;
    std::vector<std::string> Types;  // lower case, sorted ("cell", "pref", "work")
};

struct VCardAddress {
    std::string PoBox, Extended, Street, Locality, Region, Postcode, Country;
    std::vector<std::string> Types;
};

struct VCardContact {
    int Line = 0;                         // line of its BEGIN:VCARD
    std::string Version;                  // "2.1", "3.0", "4.0"
    std::string FormattedName;            // FN
    std::string Family, Given, Additional, Prefix, Suffix;  // N
    bool HasN = false;
    std::vector<std::vector<std::string>> Orgs;  // every ORG, split in its units
    std::vector<VCardTyped> Phones, Emails;
    std::vector<VCardAddress> Addresses;
    std::string Birthday, Note;
};

struct VCardError {
    int Line = 0;
    std::string Message;                  // "contacts.vcf, line 20: invalid quoted-printable escape "=9G""
};

struct VCardFile {
    std::vector<VCardContact> Contacts;   // empty when Errors is not
    std::vector<VCardError> Errors;
};

[[nodiscard]] VCardFile ParseVCards(std::string_view bytes, std::string_view source);

// The contacts as customers: merged into an existing card with the same e-mail, then the same
// phone, then the same name (only empty fields of the card are filled, phones and e-mails added to
// notes never lost), else a new lead. What comes back is the import's usual result (nothing applied).
struct ImportResult;
struct ImportOptions;
[[nodiscard]] ImportResult ContactsToCustomers(const VCardFile& file, const Workspace& existing, const ImportOptions& options);

// Customers as one vCard 4.0 file (UTF-8, CRLF, lines folded at 75 octets).
[[nodiscard]] std::string CustomersToVCards(const std::vector<const Customer*>& customers);

}  // namespace profila
