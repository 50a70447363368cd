#include "import/invoice_import.h"

#include <cstdio>
#include <unordered_map>

#include "import/zip_archive.h"
#include "text/fold.h"
#include "text/hash.h"

namespace profila {

std::string NormaliseVatNumber(std::string_view vat) {
    std::string out;
    for (char c : vat) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
    }
    bool digits = !out.empty();
    for (char c : out) digits &= c >= '0' && c <= '9';
    if (digits && out.size() == 11) out = "IT" + out;
    return out;
}

std::string InvoicePurchaseId(const Invoice& invoice, const InvoiceDocument& d) {
    uint64_t h = kFnv1a64Basis;
    h = Fnv1a64Bytes(h, NormaliseVatNumber(invoice.Seller.VatNumber));
    h = Fnv1a64Bytes(h, "|");
    h = Fnv1a64Bytes(h, d.Number);
    h = Fnv1a64Bytes(h, "|");
    h = Fnv1a64Bytes(h, FormatIsoDate(d.When));
    char buf[24];
    std::snprintf(buf, sizeof buf, "inv-%016llx", static_cast<unsigned long long>(h));
    return buf;
}

namespace {
std::string NamePlaceKey(const std::string& name, const std::string& city) {
    std::string n = FoldForMatch(name), c = FoldForMatch(city);
    return n.empty() || c.empty() ? std::string() : n + "|" + c;
}
std::string CustomerNamePlace(const Customer& c) { return NamePlaceKey(c.Company.empty() ? c.Name : c.Company, c.City); }
}  // namespace

InvoiceImport InvoicesToCustomers(const std::vector<InvoiceFileResult>& files, const Workspace& existing,
                                  const InvoiceImportSettings& settings, const ImportOptions& options) {
    InvoiceImport out;
    ImportResult& r = out.Result;
    std::string own = NormaliseVatNumber(settings.OwnVatNumber);
    // Cards being built: index into a working list, by each key.
    struct Card { Customer C; bool Existing = false; };
    std::vector<Card> cards;
    std::unordered_map<std::string, size_t> by_vat, by_cf, by_name, by_existing;
    auto index = [&](size_t i) {
        const Customer& c = cards[i].C;
        if (!c.VatNumber.empty()) by_vat.emplace(NormaliseVatNumber(c.VatNumber), i);
        if (!c.FiscalCode.empty()) by_cf.emplace(FoldForMatch(c.FiscalCode), i);
        std::string np = CustomerNamePlace(c);
        if (!np.empty()) by_name.emplace(np, i);
    };
    // Existing cards are copied only when an invoice lands on them.
    std::unordered_map<std::string, size_t> ex_vat, ex_cf, ex_name;
    for (size_t i = 0; i < existing.Customers.size(); ++i) {
        const Customer& c = existing.Customers[i];
        if (!c.VatNumber.empty()) ex_vat.emplace(NormaliseVatNumber(c.VatNumber), i);
        if (!c.FiscalCode.empty()) ex_cf.emplace(FoldForMatch(c.FiscalCode), i);
        std::string np = CustomerNamePlace(c);
        if (!np.empty()) ex_name.emplace(np, i);
    }
    int n_new = 0;
    for (const InvoiceFileResult& f : files) {
        if (f.Skipped) { out.Skipped.push_back(f.Source); continue; }
        if (!f.Parsed) { out.Bad.push_back(f); continue; }
        const Invoice& inv = *f.Parsed;
        for (const std::string& w : inv.Warnings) out.Warnings.push_back(w);
        out.Documents += inv.Documents.size();
        if (!own.empty() && NormaliseVatNumber(inv.Buyer.VatNumber) == own) { out.Received += inv.Documents.size(); continue; }
        const InvoiceParty& b = inv.Buyer;
        std::string vat = NormaliseVatNumber(b.VatNumber), cf = FoldForMatch(b.FiscalCode), np = NamePlaceKey(b.Name, b.City);
        size_t at = SIZE_MAX;
        auto look = [&](const std::unordered_map<std::string, size_t>& m, const std::string& key) {
            if (at != SIZE_MAX || key.empty()) return;
            auto it = m.find(key);
            if (it != m.end()) at = it->second;
        };
        look(by_vat, vat); look(by_cf, cf); look(by_name, np);
        if (at == SIZE_MAX) {
            size_t ex = SIZE_MAX;
            auto look_ex = [&](const std::unordered_map<std::string, size_t>& m, const std::string& key) {
                if (ex != SIZE_MAX || key.empty()) return;
                auto it = m.find(key);
                if (it != m.end()) ex = it->second;
            };
            look_ex(ex_vat, vat); look_ex(ex_cf, cf); look_ex(ex_name, np);
            Card card;
            if (ex != SIZE_MAX) {
                card.C = existing.Customers[ex];
                card.Existing = true;
            } else {
                card.C.Id = options.Ids ? options.Ids->Next(options.NowMs) : options.NewIdPrefix + "f" + std::to_string(++n_new);
                card.C.Kind = !b.Company.empty() ? CustomerKind::Business : CustomerKind::Private;
            }
            cards.push_back(std::move(card));
            at = cards.size() - 1;
        }
        Customer& c = cards[at].C;
        // Fill what the card lacks; what the owner typed wins.
        auto fill = [](std::string& field, const std::string& v) { if (field.empty()) field = v; };
        if (b.Company.empty()) fill(c.Name, b.Name);
        fill(c.Company, b.Company);
        fill(c.VatNumber, b.VatNumber.empty() ? "" : NormaliseVatNumber(b.VatNumber) == vat && inv.Kind == Invoice::Format::FatturaPA ? vat : b.VatNumber);
        fill(c.FiscalCode, b.FiscalCode);
        fill(c.Address, b.Address);
        fill(c.Postcode, b.Postcode);
        fill(c.City, b.City);
        fill(c.Region, b.Province);
        fill(c.Country, b.Country);
        fill(c.Email, b.Email);
        index(at);
        for (const InvoiceDocument& d : inv.Documents) {
            std::string id = InvoicePurchaseId(inv, d);
            bool have = false;
            for (const Purchase& p : c.Purchases) have |= p.Id == id;
            if (have) { ++out.AlreadyImported; continue; }
            Purchase p;
            p.Id = id;
            p.When = d.When;
            p.Amount = d.SignedTotal;
            std::string products;
            for (const std::string& l : d.Lines) {
                if (products.size() > 300) { products += "; ..."; break; }
                products += (products.empty() ? "" : "; ") + l;
            }
            p.Product = products;
            p.Category = d.Currency == "EUR" || d.Currency.empty() ? "" : d.Currency;  // another currency is said, never summed silently
            c.Purchases.push_back(std::move(p));
            ++r.PurchasesAdded;
        }
        ++r.RowsRead;
    }
    for (Card& card : cards) {
        if (card.Existing) {
            // Unchanged existing cards (every invoice already on them) are not updated.
            bool changed = false;
            for (const Customer& ex : existing.Customers)
                if (ex.Id == card.C.Id) { changed = ex.Purchases.size() != card.C.Purchases.size() || ex.VatNumber != card.C.VatNumber || ex.FiscalCode != card.C.FiscalCode; break; }
            if (changed) r.UpdatedCustomers.push_back(std::move(card.C));
        } else {
            r.NewCustomers.push_back(std::move(card.C));
        }
    }
    return out;
}

bool LooksLikeInvoiceFile(std::string_view bytes, std::string_view name) {
    auto ends = [&](std::string_view tail) {
        if (name.size() < tail.size()) return false;
        for (size_t i = 0; i < tail.size(); ++i) {
            char a = name[name.size() - tail.size() + i];
            if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
            if (a != tail[i]) return false;
        }
        return true;
    };
    if (ends(".p7m") || ends(".xml")) return true;
    if (LooksLikeZip(bytes)) {
        ZipReader z;
        if (!z.Open(bytes)) return ends(".zip");  // a damaged zip named .zip: the invoice path reports it
        bool xml = false;
        for (const ZipMember& m : z.Members()) {
            if (m.Name == "[Content_Types].xml" || m.Name == "mimetype" || m.Name == "content.xml") return false;  // a workbook
            std::string_view n = m.Name;
            auto mend = [&](std::string_view tail) {
                if (n.size() < tail.size()) return false;
                for (size_t i = 0; i < tail.size(); ++i) {
                    char a = n[n.size() - tail.size() + i];
                    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
                    if (a != tail[i]) return false;
                }
                return true;
            };
            xml |= mend(".xml") || mend(".p7m");
        }
        return xml;
    }
    // An XML invoice opens with a tag within its first bytes (looked for there only: a big CSV file
    // is not read through for a '<').
    return bytes.substr(0, 400).find('<') != std::string_view::npos &&
           (bytes.find("FatturaElettronica") != std::string_view::npos || bytes.find("Facturae") != std::string_view::npos);
}

}  // namespace profila
