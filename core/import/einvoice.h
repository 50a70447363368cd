// Electronic invoices: the Italian FatturaPA (FPR12 between businesses and people, FPA12 to public
// bodies; versions 1.2.x and the older 1.1) and the Spanish Facturae 3.2, 3.2.1 and 3.2.2, as a single
// XML, a CAdES-signed .xml.p7m (binary DER/BER or base64: the XML is taken out of the envelope, the
// signature is not checked) or a .zip of many. Parsed with pugixml by local names. Errors are values
// naming the file (a zip's member as "archive.zip!member"), and the line and column or element.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"

namespace profila {

struct InvoiceParty {
    std::string Name;          // company name, or first and last name joined
    std::string Company;       // Denominazione / CorporateName ("" for a person)
    std::string FirstName, LastName;
    std::string VatNumber;     // with its country: "IT01234567890" (Facturae: the TaxIdentificationNumber)
    std::string FiscalCode;    // CodiceFiscale ("" in Facturae)
    std::string Address, Postcode, City, Province, Country;
    std::string Email;
};

struct InvoiceDocument {
    std::string Type;          // FatturaPA TipoDocumento ("TD01", "TD04"...); Facturae InvoiceClass ("OO", "OR")
    std::string Number;        // Numero / InvoiceSeriesCode + InvoiceNumber
    Date When;
    std::string Currency;      // "EUR"
    double Total = 0;          // as written (ImportoTotaleDocumento, else the sum of DatiRiepilogo)
    double SignedTotal = 0;    // what it adds to the customer's spend: TD04/TD08 as -|total|
    std::vector<std::string> Lines;  // the lines' descriptions, trimmed
};

struct Invoice {
    enum class Format { FatturaPA, Facturae } Kind = Format::FatturaPA;
    std::string Version;       // "FPR12", "FPA12", "3.2.2"
    InvoiceParty Seller, Buyer;
    std::vector<InvoiceDocument> Documents;  // one per FatturaElettronicaBody / Facturae Invoice
    std::vector<std::string> Warnings;       // e.g. a namespace that is not the standard one
};

struct InvoiceFileResult {
    std::string Source;        // file name, or "archive.zip!member"
    std::optional<Invoice> Parsed;
    bool Skipped = false;      // a zip member that is no invoice by its name (readme.txt): listed, not an error
    // When !Parsed and !Skipped: what is wrong and where.
    std::string Code;          // "xml_syntax", "not_invoice", "unsupported", "bad_envelope", "bad_zip", "bad_value"
    std::string Element;       // the element at fault ("FatturaElettronicaBody[2]/.../Data"), or ""
    int Line = 0, Column = 0;  // in the XML, 1-based, when known
    std::string Message;       // English, naming Source and the place
};

// One invoice XML (bytes as in the file: UTF-8, UTF-16 or a declared Windows-1252 / ISO-8859-1).
[[nodiscard]] InvoiceFileResult ParseInvoiceXml(std::string_view bytes, std::string_view source);
// The XML inside a CAdES/CMS SignedData envelope (DER, BER with indefinite lengths and chunked
// content, or base64 of either). nullopt with why in error.
[[nodiscard]] std::optional<std::string> UnwrapP7m(std::string_view bytes, std::string* error = nullptr);
// A file as it arrives: .xml, .xml.p7m or .zip (by content first, name second). A zip gives one
// result per member (folders skipped, non-invoice names marked Skipped, nested zips not opened).
[[nodiscard]] std::vector<InvoiceFileResult> ReadInvoiceFile(std::string_view bytes, std::string_view name);

class ZipReader;
// ReadInvoiceFile a member at a time, so a zip of thousands is read over many frames under a
// progress bar (ReadInvoiceFile is this run to the end). Keeps its own copy of the bytes; not movable
// (the zip reader points into them).
class InvoiceFileReader {
public:
    InvoiceFileReader(std::string bytes, std::string name);
    ~InvoiceFileReader();
    InvoiceFileReader(const InvoiceFileReader&) = delete;
    InvoiceFileReader& operator=(const InvoiceFileReader&) = delete;
    // Reads the next member (or the whole single file) into out; false once nothing is left.
    bool Step(std::vector<InvoiceFileResult>& out);
    [[nodiscard]] size_t Done() const { return Next; }
    [[nodiscard]] size_t Total() const;  // members of a zip (folders included), 1 for a single file

private:
    std::string Bytes, Name;
    ZipReader* Zip = nullptr;            // when the file is a zip that opened
    bool Started = false, Finished = false;
    size_t Next = 0;
};

}  // namespace profila
