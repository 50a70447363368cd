// View state of the Customers screen (selection, filters, scroll, open dialogs). Owned by that screen
// and its parts: customer_list.cpp, customer_card.cpp, customer_import_wizard.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "import/customer_import.h"
#include "import/einvoice.h"
#include "import/workbook_table.h"
#include "model/customer.h"
#include "ui/date_field.h"

enum class CustomersMode { List, Card, Import };
enum class CustomerSort { Name, Value, LastPurchase, LeastKnown, Newest };

// What the list shows and filters on, derived from one customer; recomputed only when its
// revision changes.
struct CustomerRowFacts {
    int64_t Revision = -1;
    std::string Haystack;          // lower-case name, company, e-mail, phone, city, tags
    std::string SortName;          // lower-case name (or company), accents folded
    int Status = 0;                // profila::RelationshipStatus
    double Value = 0.0;            // revenue of purchases not cancelled
    int Purchases = 0;             // not cancelled
    int32_t LastPurchase = 0;      // days since 1970; 0 = none
    float Completeness = 0.0f;     // 0..1
};

struct CustomersListCache {
    // What the data looked like when Facts and Rows were built.
    size_t DataCount = static_cast<size_t>(-1);
    uint64_t DataFingerprint = 0;
    const void* DataAddress = nullptr;
    std::unordered_map<std::string, CustomerRowFacts> FactsById;
    std::vector<const CustomerRowFacts*> Facts;  // parallel to Doc.Data.Customers
    std::vector<std::string> AllTags;             // sorted, for the tag filter
    std::vector<size_t> LeastKnown;               // indexes: least known among the most valuable
    std::vector<std::vector<std::string>> LeastKnownQuestions;
    // The filtered, sorted rows (indexes into Doc.Data.Customers) and the inputs they came from.
    std::string RowsKey;
    std::vector<int> Rows;
    bool DataChanged = true;
};

struct UndoToast {
    std::string Message;
    std::vector<profila::Customer> Restore;   // put back on Undo
    std::vector<std::string> Remove;          // taken away on Undo
    double Until = 0.0;                       // seconds (ImGui time); 0 = hidden
    uint64_t SaveSerial = 0;                  // a change the toast reports: it says "saved" only once stored
};

// Reading: files have arrived (picked, dropped, shared) and are being read, with a progress bar.
enum class ImportStep { ChooseFile, Mapping, Review, Reading };

// A file picked, dropped or shared: where the page holds it (platform::PageFile), read from there a
// piece at a time (a CSV file a window at a time; workbooks, invoices and contacts at once).
struct ImportFile {
    std::string Name;
    std::shared_ptr<const profila::ByteSource> Content;
};

// Table: CSV or a workbook's sheet, through the column mapping; Invoices and Contacts go straight to review.
enum class ImportSource { Table, Invoices, Contacts };

struct ImportWizardView {
    ImportStep Step = ImportStep::ChooseFile;
    bool WaitingForFile = false;
    std::string FileName;
    std::shared_ptr<const profila::ByteSource> File;  // the file, where the page holds it
    std::string FileBytes;                     // all of it, for what is read at once (not a CSV file)
    bool HasPreview = false;
    profila::ImportPreview Preview;
    profila::ImportMapping Mapping;
    bool HasResult = false;
    profila::ImportResult Result;
    std::string Message;                       // a problem reading the file
    size_t SkippedForgotten = 0;               // people on the forgotten list the file held: left out
    // Workbooks, e-invoices and vCards come the same way (the path is chosen by the file's content).
    ImportSource Source = ImportSource::Table;
    int Sheet = -1;                            // a workbook's sheet (-1: the first visible one with rows)
    std::vector<std::string> BadFiles;         // invoices (or zip members) that cannot be read: listed, left out
    std::vector<std::string> SkippedFiles;     // zip members that are no invoices
    size_t AlreadyImported = 0;                // invoice documents already on a card
    size_t Received = 0;                       // invoices the business received (its own VAT is the buyer's)
    bool Workbook = false;                     // the file is a workbook: its sheet is read into Table
    profila::CsvTable Table;                   // that sheet's typed cells (CSV files are streamed, not kept)
    // Files that came together (a drop, a share): the invoices among them are read as one import, a
    // few per frame under a progress bar; the other files wait in Queue and follow one at a time.
    std::vector<ImportFile> Arriving;          // not yet looked at (Step Reading)
    std::vector<ImportFile> Batch;             // invoice files of one import
    size_t BatchRead = 0;                      // how many of Batch are in InvoicesRead
    std::shared_ptr<profila::InvoiceFileReader> Reader;  // the file of Batch being read, a zip member per step
    std::vector<profila::InvoiceFileResult> InvoicesRead;
    std::vector<ImportFile> Queue;
    bool ReadingShown = false;                 // the progress bar has been drawn once: work may start
    bool Applying = false, ApplyingShown = false;  // Import pressed: "Saving" is drawn before the import is applied
    // A workbook being read in steps: the reader views SheetBytes (declared first: let go first).
    std::shared_ptr<profila::WorkbookTableReader> SheetReader;
    ImportFile SheetFile;
    std::string SheetBytes;
    bool TableReady = false;                   // Table and Preview came from SheetReader: BeginImport keeps them
    // The sheet's check in steps (after its columns): it reads Table, which outlives it.
    std::shared_ptr<profila::TableImportCheck> Checker;
    std::string ReadingName;                   // what the progress bar names
    float ShownFraction = -1.0f;               // the share the bar shows, and since when (it moves at 10 Hz)
    double ShownAt = 0.0;
};

struct CustomersView {
    CustomersMode Mode = CustomersMode::List;
    // List
    char Search[128] = "";
    int KindFilter = -1;                       // -1 = all, else profila::CustomerKind
    int StatusFilter = -1;                     // -1 = all, else profila::RelationshipStatus
    std::string TagFilter;                     // "" = all
    CustomerSort Sort = CustomerSort::Name;
    CustomersListCache Cache;
    std::string ListMessage;                   // e.g. "exported 300 customers"
    // Card editor: the customer being edited is committed to the document on every change; the
    // draft is the editor's copy, refreshed when the document's copy changes under it.
    std::string EditingId;
    profila::Customer Draft;
    int64_t DraftRevision = -1;
    int Section = 0;
    int SelectedPurchase = -1;
    bool ConfirmDelete = false;
    std::map<std::string, ui::DateInput> Dates;  // date fields' text, by field key
    std::map<std::string, std::string> BadNumbers;  // number fields holding their own text: being typed, or refused
    char TagInput[64] = "";
    bool ConfirmForget = false;                // the "forget this customer" confirmation is open
    std::string PrivacyMessage;                // what the last privacy action did (exported, forgotten)
    // Import
    ImportWizardView Import;
    UndoToast Toast;
};
