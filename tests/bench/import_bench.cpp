// A big base in little memory, natively: the import path of the app (window.profila.importFile:
// the preview, the check, the commit into the workspace), the save's records of every customer,
// and the whole analysis, on the CSV of tests/bench/import_data.mjs. Prints each stage's time (median
// of the runs) and the live heap: what operator new holds after each stage and its high-water
// (counted here by replacing operator new/delete, the file's bytes included as in the browser;
// 64-bit sizes, so larger than wasm32's), and the
// process's peak resident size.
//   node tests/bench/import_data.mjs 100000 > build/base100k.csv
//   cmake --build build/native --target bench_import_bench && build/native/bench_import_bench build/base100k.csv [runs=3] [date changes a run=1]
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/export.h"
#include "analysis/run.h"
#include "codec/customer_record.h"
#include "import/customer_import.h"

namespace {
size_t g_live = 0, g_peak = 0;
}  // namespace

void* operator new(size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    g_live += malloc_usable_size(p);
    g_peak = std::max(g_peak, g_live);
    return p;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    g_live -= malloc_usable_size(p);
    std::free(p);
}
void operator delete(void* p, size_t) noexcept { operator delete(p); }

using namespace profila;

namespace {
double Ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
double MB(size_t b) { return b / 1048576.0; }
double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s file.csv [runs=3] [date changes a run=1] [last date=1998-06-30] [other date=the day before]\n", argv[0]);
        return 2;
    }
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const int changes = argc > 3 ? std::max(1, std::atoi(argv[3])) : 1;
    // The date changes go back and forth between this day and the one before: by default the data's
    // end, where most customers' facts are kept from run to run; 1998-01-15 has most buying after it.
    // Another day than the one before, months away, makes every change a jump (most customers read again).
    const std::optional<Date> last = argc > 4 ? ParseIsoDate(argv[4]) : DateFromYmd(1998, 6, 30);
    const std::optional<Date> other = argc > 5 ? ParseIsoDate(argv[5]) : last ? std::optional<Date>(Date{last->Days - 1}) : std::nullopt;
    if (!last || !other) {
        std::fprintf(stderr, "a date is YYYY-MM-DD, not %s\n", argv[last ? 5 : 4]);
        return 2;
    }
    std::vector<double> parse_ms, check_ms, commit_ms, records_ms, analysis_ms, live_base, live_records, peak_import, peak_all;
    std::vector<std::vector<double>> change_ms(kAnalysisStages + 2);  // a date change: each stage, the export, the whole
    // The models' stage a call at a time (run.cpp's FitStep): the customers' data, then each model's
    // preparation, optimisation, and standard errors with caveats.
    constexpr int kFitStage = 4;
    static const char* kFitCalls[] = {"data", "BG/NBD prepare", "optimise", "errors", "Gamma-Gamma prepare", "optimise", "errors"};
    std::vector<std::vector<double>> fit_ms(std::size(kFitCalls));
    BgNbdFit last_bg;
    for (int run = 0; run < runs; ++run) {
        const size_t live_before = g_live;
        g_peak = g_live;
        std::string bytes;
        {
            std::ifstream in(argv[1], std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            bytes = s.str();
        }
        Workspace ws;
        IdSource ids(42);
        auto t0 = std::chrono::steady_clock::now();
        // As the import wizard does: a preview (reads every row, keeps a few), then the import
        // (reads them again, one at a time).
        ImportPreview preview = PreviewImport(bytes, 12);
        auto t1 = std::chrono::steady_clock::now();
        ImportOptions options;
        options.Ids = &ids;
        options.NowMs = 1700000000000ULL;
        options.CheckedEncoding = preview.Encoding;  // as the wizard passes it
        ImportResult r = ImportCustomers(bytes, preview.Suggested, ws, options);
        auto t2 = std::chrono::steady_clock::now();
        if (!r.Ok()) {
            std::fprintf(stderr, "import refused: %zu errors\n", r.ErrorCount);
            return 1;
        }
        const size_t purchases = r.PurchasesAdded;
        ws.Customers = std::move(r.NewCustomers);
        auto t3 = std::chrono::steady_clock::now();
        bytes = std::string();
        bytes.shrink_to_fit();
        peak_import.push_back(MB(g_peak - live_before));
        live_base.push_back(MB(g_live - live_before));
        auto t3b = std::chrono::steady_clock::now();
        std::vector<std::string> records;  // the save's records, all at once as the store writes them
        records.reserve(ws.Customers.size());
        for (const Customer& c : ws.Customers) records.push_back(CustomerToRecord(c));
        auto t4 = std::chrono::steady_clock::now();
        size_t record_bytes = 0;
        for (const std::string& s : records) record_bytes += s.size();
        live_records.push_back(MB(g_live - live_before));
        records = std::vector<std::string>();
        AnalysisSettings settings;
        settings.AsOf = DateFromYmd(1998, 6, 30);
        const size_t live_before_analysis = g_live, peak_so_far = g_peak;
        g_peak = g_live;
        // The facts kept from run to run, as the app keeps them (its view's FactsMemo) while the cards stay the same.
        FactsMemo memo;
        memo.DataKey = 1;
        auto t5 = std::chrono::steady_clock::now();
        AnalysisResult a;
        a.Scratch.Memo = &memo;
        RunAnalysis(ws, settings, a);
        auto t6 = std::chrono::steady_clock::now();
        std::printf("analysis: kept %.1f MB, high-water %.1f MB above the cards\n", MB(g_live - live_before_analysis),
                    MB(g_peak - live_before_analysis));
        g_peak = std::max(g_peak, peak_so_far);
        peak_all.push_back(MB(g_peak - live_before));
        parse_ms.push_back(Ms(t0, t1));
        check_ms.push_back(Ms(t1, t2));
        commit_ms.push_back(Ms(t2, t3));
        records_ms.push_back(Ms(t3b, t4));
        analysis_ms.push_back(Ms(t5, t6));
        std::printf("run %d: %zu customers, %zu purchases: preview %.0f ms, import %.0f ms, commit %.0f ms, records %.0f ms (%.1f MB), "
                    "analysis %.0f ms; live MB: base %.1f, with records %.1f; high-water MB: import %.1f, all %.1f\n",
                    run + 1, ws.Customers.size(), purchases, parse_ms.back(), check_ms.back(), commit_ms.back(), records_ms.back(),
                    MB(record_bytes), analysis_ms.back(), live_base.back(), live_records.back(), peak_import.back(), peak_all.back());
        // A date change as the app makes it: the run again into the same result, a stage at a
        // time (timed), then the analysis export; `changes` of them, alternating two dates.
        for (int change = 0; change < changes; ++change) {
            AnalysisSettings moved = settings;
            moved.AsOf = change % 2 == 0 ? *other : *last;
            AnalysisProgress progress;
            std::vector<double> stage(kAnalysisStages, 0.0);
            auto c0 = std::chrono::steady_clock::now();
            int fitCall = 0;
            for (bool done = false; !done;) {
                const int at = progress.Stage;
                auto s0 = std::chrono::steady_clock::now();
                done = AdvanceAnalysisRun(ws, moved, a, progress, ws.Customers.size());
                const double ms = Ms(s0, std::chrono::steady_clock::now());
                stage[at] += ms;
                if (at == kFitStage) fit_ms[fitCall++].push_back(ms);
            }
            auto c1 = std::chrono::steady_clock::now();
            std::string csv;
            ExportAnalysisCsv(a, ws, csv);
            auto c2 = std::chrono::steady_clock::now();
            for (int k = 0; k < kAnalysisStages; ++k) change_ms[k].push_back(stage[k]);
            last_bg = a.Purchases;
            change_ms[kAnalysisStages].push_back(Ms(c1, c2));
            change_ms[kAnalysisStages + 1].push_back(Ms(c0, c2));
        }
    }
    static const char* kStageNames[] = {"facts", "classification", "rfm", "concentration", "fit", "value", "types", "export", "whole"};
    // One line: each stage's figure from its times (a change's, in the order made).
    const auto printStages = [&](const std::string& title, auto figure) {
        std::printf("%s:", title.c_str());
        for (int k = 0; k < kAnalysisStages + 2; ++k)
            std::printf(" %s %.1f ms%s", kStageNames[k], figure(change_ms[k]), k + 1 < kAnalysisStages + 2 ? "," : "\n");
    };
    const std::string count = std::to_string(change_ms[0].size());
    printStages("a date change, median of " + count, [](const std::vector<double>& t) { return Median(t); });
    // The fastest of each stage: on a shared machine, the least disturbed run (what an A/B of two
    // builds compares best when neighbours come and go).
    printStages("a date change, fastest of " + count, [](const std::vector<double>& t) { return *std::min_element(t.begin(), t.end()); });
    // The first change of each run comes from 1998-06-30, the first analysis's date: every customer
    // with something dated in between is read again (the others' kept facts serve).
    printStages("the first change of each run, median of " + std::to_string(runs), [&](const std::vector<double>& t) {
        std::vector<double> first;
        for (int run = 0; run < runs; ++run) first.push_back(t[static_cast<size_t>(run * changes)]);
        return Median(first);
    });
    std::printf("the models, median of %zu:", fit_ms[0].size());
    for (size_t k = 0; k < fit_ms.size(); ++k) std::printf(" %s %.1f ms%s", kFitCalls[k], Median(fit_ms[k]), k + 1 < fit_ms.size() ? "," : "");
    std::printf(" (the last run's BG/NBD: %d evaluations after %d coarse, %d iterations, %d distinct (x, tx, T) of %d customers, a %.4g, b %.4g)\n", last_bg.Evaluations, last_bg.CoarseEvaluations, last_bg.Iterations, last_bg.DataRows, last_bg.Customers, last_bg.Params.A, last_bg.Params.B);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("median of %d: preview %.0f ms, import %.0f ms, commit %.0f ms, records %.0f ms, analysis %.0f ms; live base %.1f MB, "
                "with records %.1f MB; heap high-water (operator new, the file included) import %.1f MB, all %.1f MB; "
                "peak RSS %.1f MB\n",
                runs, Median(parse_ms), Median(check_ms), Median(commit_ms), Median(records_ms), Median(analysis_ms),
                Median(live_base), Median(live_records), Median(peak_import), Median(peak_all), ru.ru_maxrss / 1024.0);
    return 0;
}
