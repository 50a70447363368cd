// The import's path, without drawing: a file in (BeginImport: its kind, preview and suggested
// columns), the check (RunImportCheck at once, or a workbook's sheet and a batch of invoices in
// steps under the wizard's progress bar: AdvanceImportReading), and the one commit (ApplyImport).
// Files dropped together wait their turn (ImportFiles, ContinueWithQueue). The wizard
// (customer_import_wizard.cpp) draws the steps; window.profila.importFile runs BeginImport,
// RunImportCheck and ApplyImport without the questions.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "import/customer_import.h"
#include "import/invoice_import.h"
#include "import/vcard.h"
#include "import/workbook.h"
#include "import/zip_archive.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "ui/format.h"

namespace {
// Work done per frame while a file is read or checked in steps: the progress bar moves at about
// 15-20 frames a second and the page keeps answering. Each frame drawn costs its own time besides
// (in headless Chromium's software GL about 20-30 ms, reading the canvas back), so the shorter
// the slice, the longer the whole import.
constexpr double kWorkMsPerFrame = 50.0;

bool NameEndsWith(const std::string& name, const char* tail) {
    size_t n = std::strlen(tail);
    if (name.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(name[name.size() - n + i])) != tail[i]) return false;
    return true;
}

// What tells a file's kind (SourceOf): its first bytes, or all of a zip (a zip lists its members at
// its end; invoices come zipped, and a workbook is a zip too). A big CSV file is not read through.
std::string BytesForKind(const profila::ByteSource& file) {
    std::string head = profila::ReadHead(file, 64 * 1024);
    return profila::LooksLikeZip(head) && head.size() < file.Size() ? profila::ReadAll(file) : head;
}

// bytes: BytesForKind's.
ImportSource SourceOf(const std::string& name, std::string_view bytes) {
    static constexpr std::string_view kUtf16Begin("B\0E\0G\0I\0N\0:\0V\0C\0A\0R\0D", 21);  // "BEGIN:VCARD" in UTF-16 LE
    const std::string_view start = bytes.substr(0, 64 + kUtf16Begin.size());
    if (NameEndsWith(name, ".vcf") || start.find("BEGIN:VCARD") < 64 || start.find(kUtf16Begin) < 64)
        return ImportSource::Contacts;
    if (profila::LooksLikeInvoiceFile(bytes, name)) return ImportSource::Invoices;
    return ImportSource::Table;
}

void FinishImportCheck(AppState& state);

profila::ImportOptions ImportOptionsFor(AppState& state) {
    profila::ImportOptions options;
    // New customers and rows get ULIDs from the device's source: ids that hold across devices.
    options.Ids = &state.Doc.Ids;
    options.NowMs = static_cast<uint64_t>(WallClockMs());
    const ImportWizardView& w = state.Customers.Import;
    if (w.Preview.Sheet >= 0 && static_cast<size_t>(w.Preview.Sheet) < w.Preview.Sheets.size())
        options.SheetName = w.Preview.Sheets[static_cast<size_t>(w.Preview.Sheet)].Name;
    return options;
}
}  // namespace

void BeginImport(AppState& state, std::string name, std::shared_ptr<const profila::ByteSource> file) {
    ImportWizardView& w = state.Customers.Import;
    w.WaitingForFile = false;
    w.FileName = std::move(name);
    w.File = std::move(file);
    w.Message.clear();
    w.HasResult = false;
    w.Result = profila::ImportResult();
    std::string seen = BytesForKind(*w.File);
    w.Source = SourceOf(w.FileName, seen);
    w.Workbook = w.Source == ImportSource::Table && profila::LooksLikeZip(seen);
    // A CSV file is read where the page holds it, a window at a time (the heap, which never
    // shrinks, never holds all of a 100 MB file); anything else at once (already, when it is small or a zip).
    if (w.Source == ImportSource::Table && !w.Workbook) w.FileBytes.clear();
    else w.FileBytes = seen.size() == w.File->Size() ? std::move(seen) : profila::ReadAll(*w.File);
    w.BadFiles.clear();
    w.SkippedFiles.clear();
    w.Batch.clear();
    w.InvoicesRead.clear();
    w.BatchRead = 0;
    w.Reader.reset();
    if (w.Source != ImportSource::Table) {
        // Nothing to map: the invoice and contact fields are known. Straight to what it would do.
        w.Preview = profila::ImportPreview();
        w.HasPreview = false;
        RunImportCheck(state);
        return;
    }
    // A CSV file is read a row at a time (a table of all its cells would take several times its
    // size); a workbook's sheet comes as a table of its typed cells (.xlsx and .ods are zip packages).
    if (w.Workbook && w.TableReady) {
        profila::FinishPreview(w.Preview, w.Table, 12);  // the sheet was read in steps (AdvanceImportReading)
    } else {
        w.Table = profila::CsvTable();
        // A CSV file whose mapping is sure goes straight to the check (BeginOneFile), which reads
        // all of it: its preview reads only the first rows (CompletePreview reads the rest, should
        // the person go back to the columns).
        w.Preview = w.Workbook ? profila::PreviewImport(w.FileBytes, 12, w.Table, w.Sheet)
                               : profila::PreviewImport(*w.File, 12, profila::PreviewReach::UntilSure);
    }
    w.TableReady = false;
    w.HasPreview = true;
    w.Mapping = w.Preview.Suggested;
    w.Step = ImportStep::Mapping;
}

namespace {
// An invoice file that cannot be read, in the reader's language: the file (a zip's member after
// its "!"), where in it the reader stopped (a line and column of the XML, or the element), and the
// kind of problem.
std::string InvoiceProblemText(const AppState& state, const profila::InvoiceFileResult& b) {
    std::string where = b.Source;
    if (b.Line > 0) where += ", " + profila::FormatText(state.T("customers.import.in_line_column"), {std::to_string(b.Line), std::to_string(b.Column)});
    if (!b.Element.empty()) where += ", <" + b.Element + ">";
    std::string key = "customers.import.file_error." + b.Code;
    return where + ": " + (state.Strings.Has(key) ? state.T(key.c_str()) : b.Message.c_str());
}
}  // namespace

void RunImportCheck(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    profila::ImportOptions options = ImportOptionsFor(state);
    if (w.Source == ImportSource::Contacts) {
        w.Result = profila::ContactsToCustomers(profila::ParseVCards(w.FileBytes, w.FileName), state.Doc.Data, options);
    } else if (w.Source == ImportSource::Invoices) {
        profila::InvoiceImportSettings settings;
        settings.OwnVatNumber = state.Doc.Settings.OwnVatNumber;
        // A batch of files was read a few per frame (AdvanceImportReading); one file is read here.
        profila::InvoiceImport in = profila::InvoicesToCustomers(w.Batch.empty() ? profila::ReadInvoiceFile(w.FileBytes, w.FileName) : w.InvoicesRead,
                                                                 state.Doc.Data, settings, options);
        w.Result = std::move(in.Result);
        w.BadFiles.clear();
        for (const profila::InvoiceFileResult& b : in.Bad) w.BadFiles.push_back(InvoiceProblemText(state, b));
        w.SkippedFiles = std::move(in.Skipped);
        w.AlreadyImported = in.AlreadyImported;
        w.Received = in.Received;
        // A single file that cannot be read is refused like a broken CSV: nothing to confirm.
        if (w.Result.RowsRead == 0 && !w.BadFiles.empty()) {
            for (const std::string& m : w.BadFiles) {
                ++w.Result.ErrorCount;
                w.Result.Errors.push_back({0, 0, "invoice", "", m});
            }
            w.BadFiles.clear();
        }
    } else {
        // A workbook's sheet from its table; a CSV file read again, a window and a row at a time, as
        // the encoding its preview found reading all of it (not checked again).
        if (!w.Workbook && w.HasPreview && w.Preview.Whole) options.CheckedEncoding = w.Preview.Encoding;
        w.Result = w.Workbook ? profila::ImportCustomers(w.Table, w.Mapping, state.Doc.Data, options)
                              : profila::ImportCustomers(*w.File, w.Mapping, state.Doc.Data, options);
    }
    FinishImportCheck(state);
}

namespace {
// What every check ends with, at once or in steps.
void FinishImportCheck(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    // Forgotten people stay forgotten: the file's copies of them are left out, and the review says so.
    w.SkippedForgotten = DropForgottenCustomers(state.Doc, w.Result.NewCustomers);
    w.HasResult = true;
    w.Step = ImportStep::Review;
}

}  // namespace

void CompletePreview(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (!w.HasPreview || w.Preview.Whole || w.Workbook || !w.File) return;
    w.Preview = profila::PreviewImport(*w.File, 12);  // the mapping chosen stays
}

void StartImportCheck(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (w.Source != ImportSource::Table || !w.Workbook) {
        RunImportCheck(state);
        return;
    }
    w.Checker = std::make_shared<profila::TableImportCheck>(w.Table, w.Mapping, ImportOptionsFor(state));
    w.ReadingName = w.FileName;
    w.ReadingShown = false;
    w.Step = ImportStep::Reading;
}

bool ApplyImport(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (!w.HasResult || !w.Result.Ok()) return false;
    profila::ImportResult& r = w.Result;
    // Undo takes the new customers away and puts back the previous versions of the updated ones.
    std::vector<std::string> added;
    std::vector<profila::Customer> previous;
    for (const profila::Customer& c : r.NewCustomers) added.push_back(c.Id);
    for (const profila::Customer& c : r.UpdatedCustomers)
        if (const profila::Customer* old = FindCustomer(state.Doc, c.Id)) previous.push_back(*old);
    size_t count = r.NewCustomers.size() + r.UpdatedCustomers.size();
    std::vector<profila::Customer> all = std::move(r.NewCustomers);
    all.insert(all.end(), std::make_move_iterator(r.UpdatedCustomers.begin()), std::make_move_iterator(r.UpdatedCustomers.end()));
    uint64_t serial = all.empty() ? 0 : CommitManyCustomers(state, std::move(all));
    std::string message = profila::FormatText(state.T("customers.toast.imported"),
                                              {ui::FormatCount(state, static_cast<long long>(count)), ui::FormatCount(state, static_cast<long long>(r.PurchasesAdded))});
    ShowUndoToast(state, message, std::move(previous), std::move(added), serial);
    return true;
}

namespace {
// One file into the wizard: a table goes to its columns (or straight to the review when the mapping
// is sure), invoices and contacts to the review.
void BeginOneFile(AppState& state, ImportFile file) {
    ImportWizardView& w = state.Customers.Import;
    if (!file.Content || file.Content->Size() == 0) {
        w.WaitingForFile = false;
        w.Step = ImportStep::ChooseFile;
        w.Message = profila::FormatText(state.T("customers.import.empty_file"), {file.Name});
        return;
    }
    w.Sheet = -1;  // a new file starts from its first sheet
    BeginImport(state, std::move(file.Name), std::move(file.Content));
    if (w.Source == ImportSource::Table && (!w.Mapping.NeedsConfirmation || !w.Preview.ParseErrors.empty())) StartImportCheck(state);
}

// The next file waiting after an import was confirmed (or "" when none): the wizard stays open on it.
void ContinueWithQueue(AppState& state, std::vector<ImportFile> queue) {
    state.Customers.Import = ImportWizardView();
    if (queue.empty()) {
        state.Customers.Mode = CustomersMode::List;
        return;
    }
    ImportFiles(state, std::move(queue));
}
}  // namespace

void ConfirmImport(AppState& state) {
    if (ApplyImport(state)) ContinueWithQueue(state, std::move(state.Customers.Import.Queue));
}

void ImportFilePicked(AppState& state, std::string name, std::shared_ptr<const profila::ByteSource> file) {
    if (state.Customers.Mode != CustomersMode::Import) return;  // the wizard was left meanwhile
    std::vector<ImportFile> files;
    files.push_back({std::move(name), std::move(file)});
    ImportFiles(state, std::move(files));
}

void ImportFilePickCancelled(AppState& state) { state.Customers.Import.WaitingForFile = false; }

void ImportFiles(AppState& state, std::vector<ImportFile> files) {
    if (files.empty()) return;
    state.Current = Screen::Customers;
    state.Customers.Mode = CustomersMode::Import;
    ImportWizardView& w = state.Customers.Import;
    std::vector<ImportFile> queue = std::move(w.Queue);  // files still waiting from an earlier drop come after these
    w = ImportWizardView();
    w.Arriving = std::move(files);
    w.Queue = std::move(queue);
    w.ReadingName = w.Arriving.size() == 1 ? w.Arriving[0].Name
                                           : profila::FormatText(state.T("customers.import.batch_name"), {std::to_string(w.Arriving.size())});
    w.Step = ImportStep::Reading;
}

void AdvanceImportReading(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (state.Customers.Mode != CustomersMode::Import || w.Step != ImportStep::Reading) return;
    if (!w.ReadingShown) return;  // the progress bar is drawn before any work starts
    if (w.Checker) {
        // A workbook's sheet checked 2,000 rows at a time, kWorkMsPerFrame a frame (the first step counts
        // its customers, the last gives ids and looks for duplicates).
        double start = WallClockMs();
        bool more = true;
        while (more && WallClockMs() - start < kWorkMsPerFrame) more = w.Checker->Step(state.Doc.Data, 2000);
        if (more) return;
        w.Result = w.Checker->Take();
        w.Checker.reset();
        FinishImportCheck(state);
        return;
    }
    if (!w.Arriving.empty()) {
        // Invoices (single files, .p7m, zips) make one import; anything else waits its turn.
        std::vector<ImportFile> others;
        for (ImportFile& f : w.Arriving) {
            if (f.Content && f.Content->Size() > 0 && SourceOf(f.Name, BytesForKind(*f.Content)) == ImportSource::Invoices) w.Batch.push_back(std::move(f));
            else others.push_back(std::move(f));
        }
        w.Arriving.clear();
        w.Queue.insert(w.Queue.begin(), std::make_move_iterator(others.begin()), std::make_move_iterator(others.end()));
        if (w.Batch.empty()) {
            ImportFile first = std::move(w.Queue.front());
            w.Queue.erase(w.Queue.begin());
            // A workbook's sheet is read in steps too (below); anything else at once.
            std::string seen = first.Content ? BytesForKind(*first.Content) : std::string();
            if (profila::LooksLikeZip(seen) && SourceOf(first.Name, seen) == ImportSource::Table) {
                w.ReadingName = first.Name;
                w.SheetBytes = std::move(seen);  // a zip: all of it
                w.SheetFile = std::move(first);
                w.SheetReader = std::make_shared<profila::WorkbookTableReader>(w.SheetBytes, -1);
                return;
            }
            BeginOneFile(state, std::move(first));
            return;
        }
        w.ReadingName = w.Batch.size() == 1 ? w.Batch[0].Name
                                            : profila::FormatText(state.T("customers.import.batch_name"), {std::to_string(w.Batch.size())});
        return;  // the batch's reading starts next frame, its count on screen
    }
    // A workbook (its sheet a slice of rows at a time) and invoice files (a zip a member at a time):
    // as much as fits in kWorkMsPerFrame, so the progress bar moves and the page keeps answering.
    double start = WallClockMs();
    if (w.SheetReader) {
        bool more = true;
        while (more && WallClockMs() - start < kWorkMsPerFrame) more = w.SheetReader->Step(2000);
        if (more) return;
        w.Preview = profila::ImportPreview();
        w.Table = w.SheetReader->Take(w.Preview);
        w.TableReady = true;
        w.SheetReader.reset();  // before its bytes go
        w.SheetBytes = std::string();
        ImportFile file = std::move(w.SheetFile);
        w.SheetFile = ImportFile();
        BeginOneFile(state, std::move(file));
        return;
    }
    while (w.BatchRead < w.Batch.size() && WallClockMs() - start < kWorkMsPerFrame) {
        if (!w.Reader) {
            ImportFile& f = w.Batch[w.BatchRead];
            w.Reader = std::make_shared<profila::InvoiceFileReader>(profila::ReadAll(*f.Content), f.Name);
            f.Content.reset();  // read: the page may let go of it
        }
        if (!w.Reader->Step(w.InvoicesRead)) {
            w.Reader.reset();
            ++w.BatchRead;
        }
    }
    if (w.BatchRead < w.Batch.size()) return;
    w.FileName = w.ReadingName;
    w.File.reset();
    w.FileBytes.clear();
    w.Source = ImportSource::Invoices;
    w.Preview = profila::ImportPreview();
    w.HasPreview = false;
    RunImportCheck(state);
}
