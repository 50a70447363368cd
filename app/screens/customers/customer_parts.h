// The pieces of the Customers screen, shared between its files: the list (customer_list.cpp),
// the card editor (customer_card.cpp), the import wizard (customer_import_wizard.cpp), the
// browser file bridge (customer_web_bridge.cpp) and the frame that switches between them
// (customers_screen.cpp).
#pragma once
#include <string>
#include <vector>

#include "app_state.h"
#include "imgui.h"
#include "model/customer.h"
#include "privacy/privacy.h"

// ---- [SECTION] Parts of the screen --------------------------------------------------------------
void DrawCustomerList(AppState& state);
void DrawCustomerCard(AppState& state);
void DrawImportWizard(AppState& state);

// ---- [SECTION] Commands shared by the parts -----------------------------------------------------
void OpenCustomerCard(AppState& state, const std::string& id);
void CreateCustomer(AppState& state);
void DuplicateCustomer(AppState& state, const std::string& id);
void DeleteCustomerWithUndo(AppState& state, const std::string& id);
void OpenImportWizard(AppState& state);
void LoadExampleShop(AppState& state);
void ExportCustomersCsv(AppState& state);
// Every customer as an .xlsx (typed cells: numbers, dates, text keeping its zeros).
void ExportCustomersXlsx(AppState& state);
// The customers at these indexes of Doc.Data.Customers (the list as searched and filtered) as one .vcf.
void ExportCustomersVcf(AppState& state, const std::vector<int>& rows);
// Shows a toast; Undo puts back `restore` and takes away `remove`. With a save serial, the toast
// says "saving" until that change is stored, then "saved" (or that it could not be saved).
void ShowUndoToast(AppState& state, std::string message, std::vector<profila::Customer> restore,
                   std::vector<std::string> remove, uint64_t save_serial = 0);
// Commits many customers as one change, written at once; returns its serial (IsStored tells when).
uint64_t CommitManyCustomers(AppState& state, std::vector<profila::Customer> customers);

// ---- [SECTION] Import (the same path for the wizard and window.profila.importFile) ---------------
// Takes a file: decodes, parses, suggests a mapping (a CSV file is read a window at a time from
// where the page holds it; workbooks, invoices and contacts are read at once).
void BeginImport(AppState& state, std::string name, std::shared_ptr<const profila::ByteSource> file);
// A preview that read only the file's first rows (its mapping was sure) reads the rest: the row
// count, the encoding and any broken row the columns step shows are then the whole file's.
void CompletePreview(AppState& state);
// Runs the import with the current mapping (pure: nothing is changed yet).
void RunImportCheck(AppState& state);
// Applies the checked result as one change; returns false when it has errors.
bool ApplyImport(AppState& state);
// The wizard's check after its column step: a workbook's sheet in steps under the progress bar
// (AdvanceImportReading), anything else at once.
void StartImportCheck(AppState& state);
// The wizard's Import: applies the result, then opens the next file dropped with it, if any.
void ConfirmImport(AppState& state);
// The file picker's answer: the wizard goes to the column mapping when unsure, else to the review.
void ImportFilePicked(AppState& state, std::string name, std::shared_ptr<const profila::ByteSource> file);
void ImportFilePickCancelled(AppState& state);
// Files that came together (picked, dropped on the page, shared to the app): the wizard opens on
// them and reads them over the next frames under a progress bar (invoices as one batch, other files
// one after another).
void ImportFiles(AppState& state, std::vector<ImportFile> files);
// Reads what ImportFiles left for this frame (called before the wizard is drawn).
void AdvanceImportReading(AppState& state);

// ---- [SECTION] Browser bridge (customer_web_bridge.cpp) -----------------------------------------
// Opens the browser's file picker; the chosen file arrives through ImportFilePicked.
void PickImportFile(AppState& state);
// Offers bytes as a file download.
void DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes);
// The same for bytes that are not text (an .xlsx), through platform::DownloadBytes.
void DownloadBinaryFile(const std::string& name, const std::string& mime, const std::string& bytes);
// window.profila.importFile: the wizard's path (decode, detect, map, check) without the questions;
// commits when there are no errors. The summary as JSON (README "Automation").
std::string ImportFileSummaryJson(AppState& state, const std::string& name, std::shared_ptr<const profila::ByteSource> file);

// ---- [SECTION] Privacy (card_privacy.cpp; issue 18) ----------------------------------------------
// A consent reason ("privacy.consent_withdrawn" ...) in words.
std::string ConsentReasonText(const AppState& state, const profila::Reason& why);
// Everything stored about one customer: "md" (readable) or "json"; "" when there is no such customer.
std::string PersonDataText(AppState& state, const std::string& id, const std::string& format);
// Downloads both files of PersonDataText.
void ExportPersonData(AppState& state, const std::string& id);
// Forgets the customer everywhere (store/document.h ForgetCustomers); returns the save serial (0: none).
uint64_t ForgetCustomer(AppState& state, const std::string& id);
// The contact list of one channel (core/privacy ContactListCsv); `left` receives who was left out and why, in words.
std::string ContactListText(AppState& state, profila::ContactChannel channel, std::vector<std::string>* left = nullptr);
void ExportContactList(AppState& state, profila::ContactChannel channel);

// ---- [SECTION] Small helpers --------------------------------------------------------------------
double NowSeconds();
// BeginCombo that tests can find by key (Dear ImGui 1.90.1's BeginCombo reports no item info).
bool BeginKeyedCombo(const char* label_id, const char* preview, ImGuiComboFlags flags = 0);
std::string FormatDate(profila::Date date);
// Widget labels "text##key" (use .c_str() inside the call that draws the widget).
std::string Label(const char* text, const char* key);
std::string LabelIcon(const char* icon, const char* text, const char* key);
