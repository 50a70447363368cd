// E-invoices into customers: each buyer becomes (or is matched to) a customer card, each invoice
// document a purchase. Pure: returns what the import would do; the caller applies it as one change
// once the owner has seen the list of bad files.
//   - Matching: VAT number, else fiscal code, else name and town (folded), else a new card.
//   - A purchase's id comes from the seller's VAT number, the invoice number and its date, so the
//     same invoice imported twice is found and not added again.
//   - Credit notes (TD04, TD08) lower the spend (negative amounts).
//   - With the owner's own VAT number set, invoices they received (the owner is the buyer) are told
//     apart and not turned into customers; without it every invoice counts as issued.
#pragma once
#include <string>
#include <vector>

#include "import/customer_import.h"
#include "import/einvoice.h"

namespace profila {

struct InvoiceImportSettings {
    std::string OwnVatNumber;   // the business's own VAT number (workspace setting); "" = not set
};

struct InvoiceImport {
    ImportResult Result;                       // customers from the good files only (Result.Ok())
    std::vector<InvoiceFileResult> Bad;        // files (or zip members) that could not be read
    std::vector<std::string> Skipped;          // zip members that are no invoice files
    std::vector<std::string> Warnings;         // e.g. a non-standard namespace read by element names
    size_t Documents = 0;                      // invoice documents read from the good files
    size_t Received = 0;                       // documents the owner received (left out)
    size_t AlreadyImported = 0;                // documents already on a card (same purchase id)
};

// "IT01234567890", "it 01234567890" -> "IT01234567890"; an Italian number without its country gets "IT".
[[nodiscard]] std::string NormaliseVatNumber(std::string_view vat);
// The purchase id of an invoice document: "inv-" + 16 hex digits of FNV-1a 64 of seller VAT, number, date.
[[nodiscard]] std::string InvoicePurchaseId(const Invoice& invoice, const InvoiceDocument& document);

[[nodiscard]] InvoiceImport InvoicesToCustomers(const std::vector<InvoiceFileResult>& files, const Workspace& existing,
                                                const InvoiceImportSettings& settings, const ImportOptions& options = {});

// True when the file looks like an e-invoice file (XML with an invoice root, a .p7m, or a zip holding
// .xml/.p7m members and no workbook parts), so the import can choose its path by content.
[[nodiscard]] bool LooksLikeInvoiceFile(std::string_view bytes, std::string_view name);

}  // namespace profila
