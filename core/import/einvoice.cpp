// [SECTION] helpers: local names, text, amounts, positions
// [SECTION] CMS envelope (.p7m)
// [SECTION] FatturaPA
// [SECTION] Facturae
// [SECTION] files: xml, p7m, zip
#include "import/einvoice.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "import/zip_archive.h"
#include "pugixml.hpp"
#include "text/encoding.h"
#include "text/numbers.h"

namespace profila {

// [SECTION] helpers ------------------------------------------------------------------------------
namespace {
const char* Local(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}
pugi::xml_node Child(const pugi::xml_node& n, const char* local) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && std::strcmp(Local(c.name()), local) == 0) return c;
    return {};
}
// Child by a path of local names: "DatiAnagrafici/Anagrafica/Denominazione".
pugi::xml_node Path(pugi::xml_node n, const char* path) {
    std::string p(path);
    size_t start = 0;
    while (n && start <= p.size()) {
        size_t e = p.find('/', start);
        if (e == std::string::npos) e = p.size();
        n = Child(n, p.substr(start, e - start).c_str());
        start = e + 1;
    }
    return n;
}
std::string Trimmed(std::string s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}
std::string Text(const pugi::xml_node& n, const char* path) {
    pugi::xml_node c = Path(n, path);
    return c ? Trimmed(c.text().as_string()) : std::string();
}
template <class F>
void ForEach(const pugi::xml_node& n, const char* local, F f) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && std::strcmp(Local(c.name()), local) == 0) f(c);
}
// "1234.50", "-5084.42": the schemas' xs:decimal.
std::optional<double> Amount(const std::string& text) {
    if (text.empty()) return std::nullopt;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) return std::nullopt;
    return ParseMachineNumber(text);
}
std::string Joined(std::initializer_list<std::string> parts) {
    std::string out;
    for (const std::string& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : " ") + p;
    return out;
}

InvoiceFileResult Failure(std::string_view source, std::string code, std::string element, std::string message, int line = 0, int column = 0) {
    InvoiceFileResult r;
    r.Source = std::string(source);
    r.Code = std::move(code);
    r.Element = std::move(element);
    r.Line = line;
    r.Column = column;
    std::string where = r.Source;
    if (line > 0) where += ", line " + std::to_string(line) + ", column " + std::to_string(column);
    if (!r.Element.empty()) where += ", <" + r.Element + ">";
    r.Message = where + ": " + message;
    return r;
}

void LineColumn(std::string_view text, size_t offset, int& line, int& column) {
    line = 1;
    column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; column = 1; }
        else ++column;
    }
}

// The XML as UTF-8: a declared Windows-1252 / ISO-8859-1 (read as its superset) is converted;
// UTF-16 with a BOM is left to pugixml.
std::string XmlAsUtf8(std::string_view bytes, bool* converted) {
    *converted = false;
    std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 200));
    size_t decl_end = head.find("?>");
    if (head.substr(0, 5) == "<?xml" && decl_end != std::string_view::npos) {
        std::string decl(head.substr(0, decl_end));
        for (char& c : decl) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (decl.find("windows-1252") != std::string::npos || decl.find("iso-8859-1") != std::string::npos ||
            decl.find("iso-8859-15") != std::string::npos || decl.find("latin1") != std::string::npos) {
            *converted = true;
            return Windows1252ToUtf8(bytes);
        }
    }
    return std::string(bytes);
}
}  // namespace

// [SECTION] CMS envelope ---------------------------------------------------------------------------
namespace {
struct Ber {
    std::string_view In;
    std::string* Error;
    int Depth = 0;

    struct Tlv {
        unsigned Tag = 0;        // the first identifier byte (class, constructed bit, number < 31)
        bool Constructed = false;
        bool Indefinite = false;
        size_t Start = 0;        // content start
        size_t End = 0;          // content end (for indefinite: where the end-of-contents begins)
        size_t Next = 0;         // after the element
    };

    bool Fail(const std::string& why, size_t at) {
        if (Error && Error->empty()) *Error = why + " at byte " + std::to_string(at);
        return false;
    }
    // Reads one TLV at pos (within [pos, limit)); for indefinite lengths walks the children to find the end.
    bool Read(size_t pos, size_t limit, Tlv& t) {
        if (++Depth > 64) return Fail("envelope nested too deeply", pos);
        struct DepthGuard { int& D; ~DepthGuard() { --D; } } guard{Depth};
        if (pos + 2 > limit) return Fail("envelope truncated", pos);
        unsigned char id = static_cast<unsigned char>(In[pos]);
        if ((id & 0x1f) == 0x1f) return Fail("unexpected high tag number in envelope", pos);
        t.Tag = id;
        t.Constructed = (id & 0x20) != 0;
        unsigned char l = static_cast<unsigned char>(In[pos + 1]);
        size_t p = pos + 2;
        if (l == 0x80) {
            if (!t.Constructed) return Fail("indefinite length on a primitive element", pos);
            t.Indefinite = true;
            t.Start = p;
            while (true) {
                if (p + 2 > limit) return Fail("envelope truncated (no end-of-contents)", p);
                if (In[p] == 0 && In[p + 1] == 0) { t.End = p; t.Next = p + 2; return true; }
                Tlv child;
                if (!Read(p, limit, child)) return false;
                p = child.Next;
            }
        }
        size_t len = l;
        if (l & 0x80) {
            int n = l & 0x7f;
            if (n > 4 || p + static_cast<size_t>(n) > limit) return Fail("bad length in envelope", pos);
            len = 0;
            for (int i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(In[p++]);
        }
        if (len > limit - p) return Fail("envelope truncated (an element runs past the end)", pos);
        t.Start = p;
        t.End = p + len;
        t.Next = t.End;
        return true;
    }
    // The children of a constructed element.
    bool Children(const Tlv& t, std::vector<Tlv>& out) {
        size_t p = t.Start;
        while (p < t.End) {
            Tlv c;
            if (!Read(p, t.End, c)) return false;
            out.push_back(c);
            p = c.Next;
            if (out.size() > 100000) return Fail("too many elements in envelope", p);
        }
        return true;
    }
    // An OCTET STRING's bytes, primitive or constructed of chunks (BER).
    bool Octets(const Tlv& t, std::string& out) {
        if ((t.Tag & 0x1f) != 0x04) return Fail("expected the signed content (OCTET STRING)", t.Start);
        if (!t.Constructed) { out.append(In.substr(t.Start, t.End - t.Start)); return true; }
        std::vector<Tlv> parts;
        if (!Children(t, parts)) return false;
        for (const Tlv& p : parts)
            if (!Octets(p, out)) return false;
        return true;
    }
};

std::optional<std::string> Base64Decode(std::string_view in) {
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+' || c == '-') v = 62;
        else if (c == '/' || c == '_') v = 63;
        else if (c == '=' || c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
        else return std::nullopt;
        buf = (buf << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) { bits -= 8; out.push_back(static_cast<char>((buf >> bits) & 0xff)); }
    }
    return out;
}
}  // namespace

std::optional<std::string> UnwrapP7m(std::string_view bytes, std::string* error) {
    std::string local_error;
    std::string* err = error ? error : &local_error;
    err->clear();
    std::string decoded;
    if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) != 0x30) {
        // base64 (sometimes inside PEM armour)
        std::string_view b = bytes;
        if (b.substr(0, 5) == "-----") {
            size_t s = b.find('\n');
            size_t e = b.find("-----", s == std::string_view::npos ? 0 : s);
            b = s == std::string_view::npos ? std::string_view() : b.substr(s + 1, (e == std::string_view::npos ? b.size() : e) - s - 1);
        }
        std::optional<std::string> d = Base64Decode(b);
        if (!d || d->empty() || static_cast<unsigned char>((*d)[0]) != 0x30) {
            *err = "not a signed envelope (neither DER nor base64 of one)";
            return std::nullopt;
        }
        decoded = std::move(*d);
        bytes = decoded;
    }
    Ber ber{bytes, err};
    Ber::Tlv content_info;
    if (!ber.Read(0, bytes.size(), content_info)) return std::nullopt;
    std::vector<Ber::Tlv> ci;
    if (!ber.Children(content_info, ci)) return std::nullopt;
    // ContentInfo { contentType OID (1.2.840.113549.1.7.2 signedData), [0] EXPLICIT SignedData }
    static const char kSignedData[] = "\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02";
    if (ci.size() < 2 || ci[0].Tag != 0x06 || bytes.substr(ci[0].Start, ci[0].End - ci[0].Start) != std::string_view(kSignedData, 9)) {
        *err = "not a CMS SignedData envelope";
        return std::nullopt;
    }
    std::vector<Ber::Tlv> explicit0, signed_data, encap, econtent;
    if (!ber.Children(ci[1], explicit0) || explicit0.empty() || !ber.Children(explicit0[0], signed_data)) return std::nullopt;
    // SignedData { version, digestAlgorithms, encapContentInfo { eContentType, [0] EXPLICIT eContent } ... }
    if (signed_data.size() < 3 || !ber.Children(signed_data[2], encap) || encap.size() < 2 || !ber.Children(encap[1], econtent) ||
        econtent.empty()) {
        if (err->empty()) *err = "the envelope carries no signed content (a detached signature?)";
        return std::nullopt;
    }
    std::string out;
    if (!ber.Octets(econtent[0], out)) return std::nullopt;
    return out;
}

// [SECTION] FatturaPA --------------------------------------------------------------------------------
namespace {
InvoiceParty FatturaPAParty(const pugi::xml_node& party) {
    InvoiceParty p;
    pugi::xml_node da = Child(party, "DatiAnagrafici");
    std::string paese = Text(da, "IdFiscaleIVA/IdPaese"), codice = Text(da, "IdFiscaleIVA/IdCodice");
    if (!codice.empty()) p.VatNumber = paese + codice;
    p.FiscalCode = Text(da, "CodiceFiscale");
    p.Company = Text(da, "Anagrafica/Denominazione");
    p.FirstName = Text(da, "Anagrafica/Nome");
    p.LastName = Text(da, "Anagrafica/Cognome");
    p.Name = !p.Company.empty() ? p.Company : Joined({p.FirstName, p.LastName});
    pugi::xml_node sede = Child(party, "Sede");
    p.Address = Joined({Text(sede, "Indirizzo"), Text(sede, "NumeroCivico")});
    p.Postcode = Text(sede, "CAP");
    p.City = Text(sede, "Comune");
    p.Province = Text(sede, "Provincia");
    p.Country = Text(sede, "Nazione");
    return p;
}

InvoiceFileResult ParseFatturaPA(const pugi::xml_node& root, std::string_view source, const std::string& ns) {
    InvoiceFileResult r;
    r.Source = std::string(source);
    Invoice inv;
    inv.Kind = Invoice::Format::FatturaPA;
    inv.Version = root.attribute("versione").as_string();
    if (ns.rfind("http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.", 0) != 0 &&
        ns.rfind("http://www.fatturapa.gov.it/sdi/fatturapa/v1.", 0) != 0)
        inv.Warnings.push_back(r.Source + ": namespace \"" + ns + "\" is not FatturaPA's; read by element names");
    pugi::xml_node header = Child(root, "FatturaElettronicaHeader");
    if (!header) return Failure(source, "not_invoice", "FatturaElettronicaHeader", "missing: not a FatturaPA invoice");
    inv.Seller = FatturaPAParty(Child(header, "CedentePrestatore"));
    pugi::xml_node buyer = Child(header, "CessionarioCommittente");
    if (!buyer) return Failure(source, "not_invoice", "CessionarioCommittente", "missing: the invoice names no buyer");
    inv.Buyer = FatturaPAParty(buyer);
    if (inv.Buyer.Name.empty() && inv.Buyer.VatNumber.empty() && inv.Buyer.FiscalCode.empty())
        return Failure(source, "bad_value", "CessionarioCommittente", "the buyer has no name, VAT number or fiscal code");
    int index = 0;
    InvoiceFileResult fail;
    bool failed = false;
    ForEach(root, "FatturaElettronicaBody", [&](const pugi::xml_node& body) {
        if (failed) return;
        ++index;
        std::string at = "FatturaElettronicaBody[" + std::to_string(index) + "]/DatiGenerali/DatiGeneraliDocumento";
        pugi::xml_node g = Path(body, "DatiGenerali/DatiGeneraliDocumento");
        InvoiceDocument d;
        d.Type = Text(g, "TipoDocumento");
        d.Number = Text(g, "Numero");
        d.Currency = Text(g, "Divisa");
        std::string data = Text(g, "Data");
        std::optional<Date> when = ParseIsoDate(data.substr(0, std::min<size_t>(data.size(), 10)));
        if (!when) { fail = Failure(source, "bad_value", at + "/Data", "\"" + data + "\" is not a date"); failed = true; return; }
        d.When = *when;
        if (d.Number.empty()) { fail = Failure(source, "bad_value", at + "/Numero", "missing: the invoice has no number"); failed = true; return; }
        std::string total = Text(g, "ImportoTotaleDocumento");
        if (!total.empty()) {
            std::optional<double> t = Amount(total);
            if (!t) { fail = Failure(source, "bad_value", at + "/ImportoTotaleDocumento", "\"" + total + "\" is not an amount"); failed = true; return; }
            d.Total = *t;
        } else {
            double sum = 0;
            ForEach(Child(body, "DatiBeniServizi"), "DatiRiepilogo", [&](const pugi::xml_node& rp) {
                sum += Amount(Text(rp, "ImponibileImporto")).value_or(0) + Amount(Text(rp, "Imposta")).value_or(0);
            });
            d.Total = std::round(sum * 100) / 100;
        }
        d.SignedTotal = d.Type == "TD04" || d.Type == "TD08" ? -std::fabs(d.Total) : d.Total;
        ForEach(Child(body, "DatiBeniServizi"), "DettaglioLinee", [&](const pugi::xml_node& line) {
            std::string desc = Text(line, "Descrizione");
            if (!desc.empty()) d.Lines.push_back(std::move(desc));
        });
        inv.Documents.push_back(std::move(d));
    });
    if (failed) return fail;
    if (inv.Documents.empty()) return Failure(source, "not_invoice", "FatturaElettronicaBody", "missing: the file holds no invoice body");
    r.Parsed = std::move(inv);
    return r;
}

// [SECTION] Facturae ------------------------------------------------------------------------------
InvoiceParty FacturaeParty(const pugi::xml_node& party) {
    InvoiceParty p;
    p.VatNumber = Text(party, "TaxIdentification/TaxIdentificationNumber");
    pugi::xml_node legal = Child(party, "LegalEntity"), person = Child(party, "Individual");
    pugi::xml_node who = legal ? legal : person;
    if (legal) {
        p.Company = Text(legal, "CorporateName");
        p.Name = p.Company;
    } else if (person) {
        p.FirstName = Text(person, "Name");
        p.LastName = Joined({Text(person, "FirstSurname"), Text(person, "SecondSurname")});
        p.Name = Joined({p.FirstName, p.LastName});
    }
    pugi::xml_node es = Child(who, "AddressInSpain"), abroad = Child(who, "OverseasAddress");
    if (es) {
        p.Address = Text(es, "Address");
        p.Postcode = Text(es, "PostCode");
        p.City = Text(es, "Town");
        p.Province = Text(es, "Province");
        p.Country = Text(es, "CountryCode");
    } else if (abroad) {
        p.Address = Text(abroad, "Address");
        p.City = Text(abroad, "PostCodeAndTown");
        p.Province = Text(abroad, "Province");
        p.Country = Text(abroad, "CountryCode");
    }
    p.Email = Text(who, "ContactDetails/ElectronicMail");
    return p;
}

InvoiceFileResult ParseFacturae(const pugi::xml_node& root, std::string_view source, const std::string& ns) {
    InvoiceFileResult r;
    r.Source = std::string(source);
    Invoice inv;
    inv.Kind = Invoice::Format::Facturae;
    inv.Version = Text(root, "FileHeader/SchemaVersion");
    pugi::xml_node parties = Child(root, "Parties");
    if (!parties) return Failure(source, "not_invoice", "Parties", "missing: not a Facturae invoice");
    inv.Seller = FacturaeParty(Child(parties, "SellerParty"));
    inv.Buyer = FacturaeParty(Child(parties, "BuyerParty"));
    if (inv.Buyer.Name.empty() && inv.Buyer.VatNumber.empty())
        return Failure(source, "bad_value", "Parties/BuyerParty", "the buyer has no name or tax number");
    int index = 0;
    InvoiceFileResult fail;
    bool failed = false;
    ForEach(Child(root, "Invoices"), "Invoice", [&](const pugi::xml_node& in) {
        if (failed) return;
        ++index;
        std::string at = "Invoices/Invoice[" + std::to_string(index) + "]";
        InvoiceDocument d;
        d.Type = Text(in, "InvoiceHeader/InvoiceClass");
        d.Number = Text(in, "InvoiceHeader/InvoiceSeriesCode") + Text(in, "InvoiceHeader/InvoiceNumber");
        d.Currency = Text(in, "InvoiceIssueData/InvoiceCurrencyCode");
        std::string date = Text(in, "InvoiceIssueData/IssueDate");
        std::optional<Date> when = ParseIsoDate(date.substr(0, std::min<size_t>(date.size(), 10)));
        if (!when) { fail = Failure(source, "bad_value", at + "/InvoiceIssueData/IssueDate", "\"" + date + "\" is not a date"); failed = true; return; }
        d.When = *when;
        std::string total = Text(in, "InvoiceTotals/InvoiceTotal");
        std::optional<double> t = Amount(total);
        if (!t) { fail = Failure(source, "bad_value", at + "/InvoiceTotals/InvoiceTotal", "\"" + total + "\" is not an amount"); failed = true; return; }
        d.Total = *t;
        d.SignedTotal = *t;  // rectificativas carry their minus sign already
        ForEach(Child(in, "Items"), "InvoiceLine", [&](const pugi::xml_node& line) {
            std::string desc = Text(line, "ItemDescription");
            if (!desc.empty()) d.Lines.push_back(std::move(desc));
        });
        inv.Documents.push_back(std::move(d));
    });
    if (failed) return fail;
    if (inv.Documents.empty()) return Failure(source, "not_invoice", "Invoices", "missing: the file holds no invoice");
    if (inv.Version.empty()) {
        size_t v = ns.find("Facturaev");
        if (v != std::string::npos) {
            inv.Version = ns.substr(v + 9);
            std::replace(inv.Version.begin(), inv.Version.end(), '_', '.');
            if (inv.Version.size() > 4 && inv.Version.substr(inv.Version.size() - 4) == ".xml") inv.Version.resize(inv.Version.size() - 4);
        }
    }
    r.Parsed = std::move(inv);
    return r;
}
}  // namespace

InvoiceFileResult ParseInvoiceXml(std::string_view bytes, std::string_view source) {
    bool converted = false;
    std::string text = XmlAsUtf8(bytes, &converted);
    pugi::xml_document doc;
    pugi::xml_parse_result pr = doc.load_buffer(text.data(), text.size(), pugi::parse_default, converted ? pugi::encoding_utf8 : pugi::encoding_auto);
    if (!pr) {
        int line = 0, column = 0;
        size_t first = text.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && text[first] != '<' && static_cast<unsigned char>(text[first]) < 0x80) {
            LineColumn(text, first, line, column);  // not XML at all: where its text begins
            return Failure(source, "xml_syntax", "", "not XML (the file starts with text, not with '<')", line, column);
        }
        LineColumn(text, static_cast<size_t>(pr.offset), line, column);
        return Failure(source, "xml_syntax", "", std::string("not well-formed XML (") + pr.description() + ")", line, column);
    }
    pugi::xml_node root = doc.document_element();
    std::string local = Local(root.name());
    std::string prefix = std::string(root.name()).substr(0, std::string(root.name()).size() - local.size());
    std::string ns_attr = prefix.empty() ? "xmlns" : "xmlns:" + prefix.substr(0, prefix.size() - 1);
    std::string ns = root.attribute(ns_attr.c_str()).as_string();
    if (local == "FatturaElettronica") return ParseFatturaPA(root, source, ns);
    if (local == "Facturae") return ParseFacturae(root, source, ns);
    if (local == "FatturaElettronicaSemplificata")
        return Failure(source, "unsupported", local,
                       "a simplified invoice (" + std::string(root.attribute("versione").as_string()) + "): not supported, only FPR12/FPA12 and Facturae");
    return Failure(source, "not_invoice", local, "the document is not an invoice (FatturaPA or Facturae root expected)");
}

// [SECTION] files ----------------------------------------------------------------------------------
namespace {
bool EndsWith(std::string_view s, std::string_view tail) {
    if (s.size() < tail.size()) return false;
    for (size_t i = 0; i < tail.size(); ++i) {
        char a = s[s.size() - tail.size() + i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (a != tail[i]) return false;
    }
    return true;
}

InvoiceFileResult ReadOne(std::string_view bytes, std::string_view source) {
    bool p7m = EndsWith(source, ".p7m") || (bytes.size() > 2 && static_cast<unsigned char>(bytes[0]) == 0x30 &&
                                            (static_cast<unsigned char>(bytes[1]) == 0x80 || (static_cast<unsigned char>(bytes[1]) & 0x80)));
    if (!p7m) return ParseInvoiceXml(bytes, source);
    std::string why;
    std::optional<std::string> xml = UnwrapP7m(bytes, &why);
    if (!xml) return Failure(source, "bad_envelope", "", "damaged signature envelope: " + why);
    return ParseInvoiceXml(*xml, source);
}
}  // namespace

std::vector<InvoiceFileResult> ReadInvoiceFile(std::string_view bytes, std::string_view name) {
    std::vector<InvoiceFileResult> out;
    InvoiceFileReader reader{std::string(bytes), std::string(name)};
    while (reader.Step(out)) {}
    return out;
}

InvoiceFileReader::InvoiceFileReader(std::string bytes, std::string name) : Bytes(std::move(bytes)), Name(std::move(name)) {}

InvoiceFileReader::~InvoiceFileReader() { delete Zip; }

size_t InvoiceFileReader::Total() const { return Zip ? Zip->Members().size() : 1; }

bool InvoiceFileReader::Step(std::vector<InvoiceFileResult>& out) {
    if (Finished) return false;
    if (!Started) {
        Started = true;
        if (!LooksLikeZip(Bytes)) {
            out.push_back(ReadOne(Bytes, Name));
            Next = 1;
            Finished = true;
            return false;
        }
        Zip = new ZipReader();
        if (!Zip->Open(Bytes)) {
            out.push_back(Failure(Name, "bad_zip", "", Zip->Error()));
            delete Zip;
            Zip = nullptr;
            Finished = true;
            return false;
        }
    }
    // The next member that is a file: read it (or list it as skipped).
    while (Next < Zip->Members().size()) {
        const ZipMember& m = Zip->Members()[Next++];
        if (m.IsFolder) continue;
        std::string source = Name + "!" + m.Name;
        std::string base = m.Name.substr(m.Name.rfind('/') + 1);
        if (base.empty() || base[0] == '.' || m.Name.rfind("__MACOSX/", 0) == 0) continue;  // system files
        if (!EndsWith(m.Name, ".xml") && !EndsWith(m.Name, ".p7m")) {
            InvoiceFileResult skip;
            skip.Source = source;
            skip.Skipped = true;
            skip.Message = source + ": not an invoice file (.xml or .xml.p7m), skipped";
            out.push_back(std::move(skip));
            return true;
        }
        std::optional<std::string> data = Zip->Read(m.Name, 64u << 20);
        if (!data) out.push_back(Failure(source, "bad_zip", "", Zip->Error()));
        else out.push_back(ReadOne(*data, source));
        return true;
    }
    Finished = true;
    return false;
}

}  // namespace profila
