// The analysis as files: one CSV row per customer, and the model report as JSON. Codes, not
// translated words, so the files read the same in every language.
//
// CSV columns: id, status, frequency_class, types (codes joined by ';'), r, f, m, segment,
// margin, profitability_score, simple_ltv, expected_purchases, p_alive, clv, strategy.
// Numbers use '.' and two decimals (p_alive four); empty when not available (no purchase, or no
// model fit).
#pragma once
#include <string>
#include <vector>

#include "analysis/run.h"
#include "import/workbook.h"

namespace profila {

[[nodiscard]] std::string ExportAnalysisCsv(const AnalysisResult& result, const Workspace& workspace);
// The same into a caller's buffer (cleared first), so repeated exports reuse its memory.
void ExportAnalysisCsv(const AnalysisResult& result, const Workspace& workspace, std::string& out);
// The same columns as a typed table for a spreadsheet (rows[0] the header; numbers as numbers,
// rounded as the CSV writes them; empty cells where the CSV is empty). WriteXlsx writes it as an
// .xlsx, SheetToCsv (codec/customer_export.h) as CSV in the user's convention.
[[nodiscard]] std::vector<std::vector<WorkbookCell>> ExportAnalysisSheet(const AnalysisResult& result, const Workspace& workspace);
// {"analysis_date", "time_unit", "horizon_months", "bgnbd": {...}, "gamma_gamma": {...}, "settings": {...}, ...}
[[nodiscard]] std::string ExportModelJson(const AnalysisResult& result);

// Appends value with `decimals` decimals (fast, locale-free; used for big exports).
void AppendFixed(std::string& out, double value, int decimals);

}  // namespace profila
