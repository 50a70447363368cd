// The Customers screen's doors to the browser: the file picker and downloads (through the storage
// bridge's file helpers, app/platform/storage.h: the picked file arrives as raw bytes where the page
// holds them, so the import detects its encoding and reads a big CSV file a window at a time), and
// what window.profila.importFile runs (exported by app/automation/).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "customer_parts.h"
#include "nlohmann/json.hpp"
#include "platform/platform.h"
#include "platform/storage.h"

void PickImportFile(AppState& state) {
    AppState* s = &state;  // one AppState lives for the whole page
    storage::PickFile(".csv,.txt,.xlsx,.ods,.xml,.p7m,.zip,.vcf,text/csv,text/plain,text/vcard",
                      [s](bool picked, std::string name, std::shared_ptr<const profila::ByteSource> file) {
        if (picked) ImportFilePicked(*s, std::move(name), std::move(file));
        else ImportFilePickCancelled(*s);
    });
}

void DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes) {
    storage::DownloadText(name, mime, bytes);
}

void DownloadBinaryFile(const std::string& name, const std::string& mime, const std::string& bytes) {
    platform::DownloadBytes(name, mime, std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

std::string ImportFileSummaryJson(AppState& state, const std::string& name, std::shared_ptr<const profila::ByteSource> file) {
    ImportWizardView open_wizard = std::move(state.Customers.Import);  // a wizard the user has open stays as it was
    BeginImport(state, name, std::move(file));
    RunImportCheck(state);
    const profila::ImportResult& r = state.Customers.Import.Result;
    nlohmann::json errors = nlohmann::json::array();
    for (const profila::ImportError& e : r.Errors)
        errors.push_back({{"line", e.Line}, {"column", e.Column}, {"code", e.Code}, {"value", e.Value}, {"message", e.Message}});
    nlohmann::json duplicates = nlohmann::json::array();
    for (const profila::PossibleDuplicate& d : r.Duplicates)
        duplicates.push_back({{"line", d.Line},
                              {"name", d.ImportedName},
                              {"reason", profila::DuplicateReasonKey(d.Reason)},
                              {"existingId", d.ExistingId},
                              {"otherLine", d.OtherLine}});
    nlohmann::json summary = {{"customers", r.NewCustomers.size() + r.UpdatedCustomers.size()},
                              {"newCustomers", r.NewCustomers.size()},
                              {"updatedCustomers", r.UpdatedCustomers.size()},
                              {"purchases", r.PurchasesAdded},
                              {"rows", r.RowsRead},
                              {"errorCount", r.ErrorCount},
                              {"errors", errors},
                              {"skippedForgotten", state.Customers.Import.SkippedForgotten},
                              {"duplicates", duplicates},
                              {"encoding", profila::TextEncodingName(r.Encoding)},
                              {"separator", std::string(1, r.Separator)},
                              {"shape", state.Customers.Import.Mapping.Shape == profila::ImportShape::PurchasePerRow ? "purchase" : "customer"}};
    using Clock = std::chrono::steady_clock;
    const Clock::time_point commit_start = Clock::now();
    bool committed = ApplyImport(state);
    summary["committed"] = committed;
    // The commit's share of the call, for the import benchmark: the cards into the workspace and
    // marked to be saved (their records are encoded by the save, in the next frame).
    summary["commitMs"] = std::chrono::duration<double, std::milli>(Clock::now() - commit_start).count();
    // The store writes the import at once; importFile resolves when this serial is stored.
    summary["saveSerial"] = committed ? state.Customers.Toast.SaveSerial : 0;
    state.Customers.Import = std::move(open_wizard);
    return summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
