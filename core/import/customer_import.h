// Customer import from CSV (as Excel or LibreOffice save it in Italy and Spain). Two steps:
//   1. PreviewImport(bytes): decode, parse, guess header and mapping (column -> field) with a
//      confidence flag per column, and the first rows, so the UI can ask when unsure.
//   2. ImportCustomers(bytes, mapping, existing): a pure function (but for the ids it draws from
//      ImportOptions::Ids) returning what the import would do: new and updated customers,
//      purchases added, errors by line and column, and possible duplicates. The caller applies it
//      (one transaction) only when Errors is empty and the user has seen the duplicates.
// Every cell stays text until mapped; text fields are copied as is (phone "0331..." and postcode
// "00184" keep their zeros). Numbers accept decimal comma and thousands separators ("1.234,50",
// "1,234.50"), dates dd/mm/yyyy, d/m/yy, dd.mm.yyyy and ISO yyyy-mm-dd (day first, never US order).
#pragma once
#include <cstddef>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codec/customer_fields.h"  // ImportField
#include "model/customer.h"
#include "model/ids.h"
#include "text/csv.h"

namespace profila {

// Stable key of a field ("customer_id", "name", "purchase_date", "amount"...): UI text keys
// and the export's header use it. ImportFieldFromKey is its inverse.
[[nodiscard]] const char* ImportFieldKey(ImportField field);
[[nodiscard]] std::optional<ImportField> ImportFieldFromKey(std::string_view key);
[[nodiscard]] bool IsPurchaseField(ImportField field);

enum class ImportShape { CustomerPerRow, PurchasePerRow };

struct ImportColumn {
    std::string Header;                   // as in the file ("" when the file has no header row)
    ImportField Field = ImportField::Ignore;
    bool Confident = false;               // false: the UI should ask the user to confirm
};

struct ImportMapping {
    bool HasHeader = true;                // first row is a header, not data
    ImportShape Shape = ImportShape::CustomerPerRow;
    bool DecimalComma = true;             // "12,50" = 12.5 and '.' groups thousands; else the reverse
    char Separator = 0;                   // 0 = detect again
    std::vector<ImportColumn> Columns;    // one per column of the file
    // True when any column is not Confident or the shape/key fields are unclear.
    bool NeedsConfirmation = false;
};

// Guesses the mapping from a header row (it/en/es synonyms, accents and case ignored) and the
// first data rows (to tell e-mails, dates, amounts apart and the decimal style).
[[nodiscard]] ImportMapping SuggestMapping(const std::vector<CsvRow>& first_rows, char separator);

struct ImportSheet {
    std::string Name;
    bool Hidden = false;                  // hidden in the workbook: offered, but marked
};

struct ImportPreview {
    // Workbooks (.xlsx, .ods): the sheets, the one read (index into Sheets) and the row its table
    // starts at (its header row, when the rows above are titles); empty / -1 for CSV.
    std::vector<ImportSheet> Sheets;
    int Sheet = -1;
    int HeaderRow = 0;
    char Separator = ',';
    TextEncoding Encoding = TextEncoding::Utf8;
    ImportMapping Suggested;
    std::vector<CsvRow> Rows;             // the first rows (header included when HasHeader)
    size_t TotalRows = 0;                 // data rows in the file (header excluded)
    std::vector<CsvError> ParseErrors;    // broken CSV (unterminated quotes...): import will refuse
    // TotalRows, ParseErrors and Encoding are of every byte of the file; false (PreviewReach::UntilSure):
    // of its first rows only, the import that follows reading and checking the rest.
    bool Whole = true;
};

// How far a preview reads: all of the file, or only its first rows when their mapping is sure
// (nothing to confirm) and they parse, since the import follows at once and reads all of it anyway:
// a file of a million rows is then read twice, not three times.
enum class PreviewReach { WholeFile, UntilSure };

// Reads the file a row at a time (only the first rows are kept), a window of it at a time.
[[nodiscard]] ImportPreview PreviewImport(const ByteSource& file, size_t max_rows = 10, PreviewReach reach = PreviewReach::WholeFile);
[[nodiscard]] ImportPreview PreviewImport(std::string_view file_bytes, size_t max_rows = 10);
// The same, also handing over the whole parsed table, so the import that follows does not parse
// the file a second time (ImportCustomers' table overload).
[[nodiscard]] ImportPreview PreviewImport(std::string_view file_bytes, size_t max_rows, CsvTable& parsed);
// A workbook's sheet (-1: the first visible one with rows); CSV bytes ignore sheet. The table's
// cells are the typed cells written as the CSV path reads them unambiguously: dates "yyyy-mm-dd",
// numbers with a decimal comma and no grouping (DecimalComma = true), text as is; a Line is the
// sheet's row number. A broken workbook gives one ParseErrors entry naming the part.
[[nodiscard]] ImportPreview PreviewImport(std::string_view file_bytes, size_t max_rows, CsvTable& parsed, int sheet);
// The rest of that preview for a table read already (a workbook's, read in steps by
// WorkbookTableReader, whose Take filled p's Sheets, Sheet and HeaderRow).
void FinishPreview(ImportPreview& p, const CsvTable& table, size_t max_rows);

struct ImportError {
    int Line = 0;                         // 1-based physical line of the file; 0 = the whole file
    int Column = 0;                       // 1-based column; 0 = the whole row
    std::string Code;                     // see kImport* below
    std::string Value;                    // the offending cell as read
    std::string Message;                  // English default: "line 7, column 3 (date): "31/02/2024" is not a real date"
};

inline constexpr const char* kImportCsvSyntax = "csv_syntax";            // from the CSV parser
inline constexpr const char* kImportFieldCount = "field_count";          // row has more/fewer fields than the header
inline constexpr const char* kImportBadDate = "bad_date";
inline constexpr const char* kImportBadNumber = "bad_number";
inline constexpr const char* kImportNegative = "negative";
inline constexpr const char* kImportOutOfRange = "out_of_range";
inline constexpr const char* kImportUnknownValue = "unknown_value";      // e.g. kind "martian", cancelled "perhaps"
inline constexpr const char* kImportMissingKey = "missing_key";          // no id/name to say whose row it is
inline constexpr const char* kImportMissingValue = "missing_value";      // purchase row without date or amount
inline constexpr const char* kImportNoMapping = "no_mapping";            // mapping names no usable field
inline constexpr const char* kImportEmpty = "empty_file";

enum class DuplicateReason { SameEmail, SamePhone, SameNameAndCity };
[[nodiscard]] const char* DuplicateReasonKey(DuplicateReason reason);  // "same_email", "same_phone", "same_name_city"

struct PossibleDuplicate {
    int Line = 0;                         // line of the imported customer (first row of it)
    std::string ImportedId;               // id the customer will get
    std::string ImportedName;
    DuplicateReason Reason = DuplicateReason::SameEmail;
    std::string Value;                    // the shared e-mail / normalised phone / "name, city"
    std::string ExistingId;               // the workspace customer it resembles ("" when within the file)
    int OtherLine = 0;                    // or the other line of the file it resembles (0 when existing)
};

struct ImportOptions {
    // Ids (model/ids.h): with a source, every new customer and every row without an id gets a ULID
    // of NowMs (the device's source: ids that hold across devices). Ids in the file or the
    // workspace are kept.
    IdSource* Ids = nullptr;
    uint64_t NowMs = 0;
    std::string NewIdPrefix = "c";        // without Ids: new customers without an id get "<prefix><n>", unused in the workspace
    size_t MaxErrors = 500;               // Errors keeps this many; ErrorCount counts all
    std::string SheetName;                // a workbook's sheet: messages say "sheet "X", row 7, column C"
    // A file's encoding as its preview found it, having read every byte of the same file
    // (ImportPreview::Encoding): the import reads it as that, without guessing again or checking
    // its UTF-8 again (two passes over a file of a million rows that each took ~20 ms in wasm).
    std::optional<TextEncoding> CheckedEncoding;
};

struct ImportResult {
    std::vector<Customer> NewCustomers;
    std::vector<Customer> UpdatedCustomers;  // existing customers (same id) with imported fields and purchases merged
    size_t PurchasesAdded = 0;
    size_t RowsRead = 0;                   // data rows
    std::vector<ImportError> Errors;       // sorted by line, column
    size_t ErrorCount = 0;                 // may exceed Errors.size()
    std::vector<PossibleDuplicate> Duplicates;
    char Separator = ',';
    TextEncoding Encoding = TextEncoding::Utf8;
    // When not Ok the customer lists are empty: nothing may be applied.
    [[nodiscard]] bool Ok() const { return ErrorCount == 0; }
};

// Pure: nothing in existing is changed. mapping.Columns shorter than the file's rows means the
// extra columns are ignored.
// Reads the file a window and a row at a time: neither its bytes nor its cells are ever all in
// memory at once (a 100,000-customer log is a million rows, 60 to 120 MB).
[[nodiscard]] ImportResult ImportCustomers(const ByteSource& file, const ImportMapping& mapping, const Workspace& existing,
                                           const ImportOptions& options = {});
[[nodiscard]] ImportResult ImportCustomers(std::string_view file_bytes, const ImportMapping& mapping,
                                           const Workspace& existing, const ImportOptions& options = {});
// The same from a table already parsed with mapping.Separator (PreviewImport's).
[[nodiscard]] ImportResult ImportCustomers(const CsvTable& table, const ImportMapping& mapping, const Workspace& existing,
                                           const ImportOptions& options = {});

// The table overload a slice of rows at a time, so a sheet of 100,000 rows does not hold the page
// for most of a second: Step until it returns false, then Take (the same result as ImportCustomers).
// The workspace is handed to every step: the caller's may change between two (another tab, a sync),
// so its cards are found by id each time, never by a position kept from an earlier step. The table
// must outlive the check.
class TableImportCheck {
public:
    TableImportCheck(const CsvTable& table, ImportMapping mapping, ImportOptions options);
    ~TableImportCheck();
    TableImportCheck(const TableImportCheck&) = delete;
    TableImportCheck& operator=(const TableImportCheck&) = delete;
    // Counts the customers and reads the header (first step), then up to rows rows per step, then
    // the new ids (a step), then the possible duplicates (the last step). False once finished.
    bool Step(const Workspace& existing, size_t rows);
    [[nodiscard]] float Progress() const;  // 0..1
    [[nodiscard]] ImportResult Take();

private:
    struct State;
    std::unique_ptr<State> s_;
};

// Convenience: preview + suggested mapping + import in one call (what window.profila.importFile
// does). The suggested mapping is used even when it NeedsConfirmation.
[[nodiscard]] ImportResult ImportCustomersAuto(std::string_view file_bytes, const Workspace& existing,
                                               const ImportOptions& options = {});

// The parsers the import uses, exposed for the card editor and tests.
// Day-first dates: dd/mm/yyyy, d/m/yy (yy < 70 -> 20yy), dd.mm.yyyy, dd-mm-yyyy, yyyy-mm-dd,
// optionally followed by a time ("12/03/2024 10:30"), which is ignored.
[[nodiscard]] std::optional<Date> ParseDayFirstDate(std::string_view text);
// Digits only, a leading +39/0039/+34/0034 country code removed: "+39 0331-123 456" -> "0331123456".
[[nodiscard]] std::string NormalisePhone(std::string_view phone);

}  // namespace profila
