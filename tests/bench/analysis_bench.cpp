// Benchmark of the whole customer analysis, from purchases to every export column, on a synthetic
// log of 100,000 customers and about 1,000,000 purchases drawn from known BG/NBD (purchase
// timing) and Gamma-Gamma (spend) parameters. Prints each stage's median of 5 runs, and the
// BG/NBD fit on 2,500 customers (median of 21). Built natively (bench_analysis) and with
// Emscripten (bench_analysis_wasm, run in Chromium by tests/bench/analysis_bench_wasm.mjs).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "analysis/export.h"
#include "analysis/run.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

using namespace profila;

namespace {
double NowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// CPU time of this thread: on a shared, loaded machine wall time measures the neighbours too.
double CpuMs() {
#if defined(__EMSCRIPTEN__)
    // Under node, the process's user CPU time (the wasm runs on its one thread); in the browser its
    // clock (tests/bench/analysis_bench_wasm.mjs runs both).
    return EM_ASM_DOUBLE({ return typeof process !== 'undefined' && process.cpuUsage ? process.cpuUsage().user / 1000 : performance.now(); });
#else
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
#endif
}

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Customers join uniformly over two years before the analysis date; while alive they buy at a
// Poisson rate lambda ~ Gamma(r, alpha) per week and drop out after each repeat purchase with
// probability p ~ Beta(a, b); each purchase's amount ~ Gamma(p_s, nu), nu ~ Gamma(q, gamma).
Workspace Synthesize(int customers, Date asOf, uint32_t seed) {
    const BgNbdParams bg{1.5, 6.0, 0.6, 6.0};
    const GammaGammaParams gg{6.0, 4.0, 15.0};
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> lambdaDist(bg.R, 1.0 / bg.Alpha), betaX(bg.A, 1.0), betaY(bg.B, 1.0);
    std::gamma_distribution<double> nuDist(gg.Q, 1.0 / gg.Gamma);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    Workspace w;
    w.Customers.resize(customers);
    for (int i = 0; i < customers; ++i) {
        Customer& c = w.Customers[i];
        c.Id = "S" + std::to_string(100000 + i);
        double lambda = lambdaDist(rng), bx = betaX(rng), by = betaY(rng), drop = bx / (bx + by), nu = nuDist(rng);
        std::gamma_distribution<double> spend(gg.P, 1.0 / nu);
        const double T = 104.0 * uniform(rng);  // weeks from first purchase to asOf
        const int firstDay = asOf.Days - static_cast<int>(T * 7);
        std::exponential_distribution<double> gap(lambda);
        double t = 0;
        for (;;) {
            Purchase p;
            p.When = Date{firstDay + static_cast<int>(t * 7)};
            p.Amount = std::round(spend(rng) * 100) / 100;
            if (uniform(rng) < 0.8) p.Margin = p.Amount * 0.35;  // the rest: estimated from the default rate
            p.DiscountPercent = uniform(rng) < 0.2 ? 10 : 0;
            p.DaysPaidLate = uniform(rng) < 0.05 ? 15 : 0;
            c.Purchases.push_back(p);
            t += gap(rng);
            if (t > T) break;
            if (c.Purchases.size() > 1 && uniform(rng) < drop) break;
        }
        if (i % 3 == 0) c.City = i % 2 ? "Borgo" : "Valle";
    }
    return w;
}
}  // namespace

int main() {
    const Date asOf = DateFromYmd(2024, 12, 31);
    const double t0 = NowMs();
    Workspace w = Synthesize(100000, asOf, 42);
    size_t purchases = 0;
    for (const auto& c : w.Customers) purchases += c.Purchases.size();
    std::printf("synthetic: %zu customers, %zu purchases (generated in %.0f ms)\n", w.Customers.size(), purchases, NowMs() - t0);
    AnalysisSettings settings;
    settings.AsOf = asOf;
    struct Stage {
        const char* Name;
        std::vector<double> Ms, Cpu;
    };
    std::vector<Stage> stages = {{"facts", {}}, {"classify", {}}, {"rfm", {}}, {"concentration", {}}, {"fit", {}},
                                 {"value", {}}, {"types_strategy", {}}, {"export_csv", {}}, {"export_json", {}}};
    std::vector<double> totals, cpuTotals;
    size_t csvBytes = 0;
    // One result and one CSV buffer reused across runs, as the app keeps its own between
    // recomputations (a fresh allocation each run would mostly time the kernel's page faults).
    AnalysisResult r;
    std::string csv;
    for (int run = 0; run < 5; ++run) {
        // The run as RunAnalysis makes it (its slices), each call's time added to its stage's; then
        // the two exports.
        std::vector<double> ms(stages.size(), 0.0), cpu(stages.size(), 0.0);
        AnalysisProgress progress;
        for (bool done = false; !done;) {
            const int at = progress.Stage;
            const double start = NowMs(), cpuStart = CpuMs();
            done = AdvanceAnalysisRun(w, settings, r, progress, kRunSlice);
            ms[at] += NowMs() - start;
            cpu[at] += CpuMs() - cpuStart;
        }
        const std::function<void()> exports[] = {[&] { ExportAnalysisCsv(r, w, csv); csvBytes = csv.size(); },
                                                 [&] { (void)ExportModelJson(r).size(); }};
        for (size_t k = 0; k < 2; ++k) {
            const double start = NowMs(), cpuStart = CpuMs();
            exports[k]();
            ms[kAnalysisStages + k] = NowMs() - start;
            cpu[kAnalysisStages + k] = CpuMs() - cpuStart;
        }
        double total = 0, cpuTotal = 0;
        for (size_t k = 0; k < stages.size(); ++k) {
            stages[k].Ms.push_back(ms[k]);
            stages[k].Cpu.push_back(cpu[k]);
            total += ms[k];
            cpuTotal += cpu[k];
        }
        totals.push_back(total);
        cpuTotals.push_back(cpuTotal);
    }
    // Medians; the fastest run is printed too, as on a shared machine it is the least disturbed one.
    auto Min = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
    for (const Stage& s : stages)
        std::printf("stage %-15s %8.2f ms wall %8.2f ms cpu  (fastest %.2f)\n", s.Name, Median(s.Ms), Median(s.Cpu), Min(s.Cpu));
    std::printf("total (median of 5) %8.2f ms wall %8.2f ms cpu  (fastest %.2f)\n", Median(totals), Median(cpuTotals), Min(cpuTotals));
    const BgNbdFit& bg = r.Purchases;
    std::printf("bgnbd fit: %s r %.3f alpha %.3f a %.3f b %.3f (truth 1.5 6.0 0.6 6.0) on %d of %d customers, %d iterations\n",
                FitStatusCode(bg.Status), bg.Params.R, bg.Params.Alpha, bg.Params.A, bg.Params.B, bg.FitCustomers, bg.Customers,
                bg.Iterations);
    std::printf("bgnbd: %d likelihood evaluations over %zu distinct (x, tx, T) rows\n", bg.Evaluations, static_cast<size_t>(bg.DataRows));
    std::printf("bgnbd se: r %.4f alpha %.4f a %.4f b %.4f; log-likelihood %.2f\n", bg.Se.R, bg.Se.Alpha, bg.Se.A, bg.Se.B,
                bg.LogLikelihood);
    std::printf("gamma-gamma fit: %s p %.3f q %.3f gamma %.3f (truth 6 4 15) se %.4f %.4f %.4f on %d customers\n",
                FitStatusCode(r.Spend.Status), r.Spend.Params.P, r.Spend.Params.Q, r.Spend.Params.Gamma, r.Spend.Se.P, r.Spend.Se.Q,
                r.Spend.Se.Gamma, r.Spend.FitCustomers);
    std::printf("csv: %zu bytes\n", csvBytes);

    // The same run spread over frames as the app does it (AdvanceAnalysisRun, 2,000 customers a
    // slice): the longest single slice is what can make a frame late. Per stage: the longest
    // slice and the slices' sum, medians over 5 runs; then the longest slice of all.
    {
        const char* names[kAnalysisStages] = {"facts", "classify", "rfm", "concentration", "fit", "value", "types_strategy"};
        std::vector<std::vector<double>> longest(kAnalysisStages), sums(kAnalysisStages);
        std::vector<double> overall, slices;
        for (int run = 0; run < 5; ++run) {
            std::vector<double> maxMs(kAnalysisStages, 0.0), sumMs(kAnalysisStages, 0.0);
            AnalysisProgress progress;
            int calls = 0;
            for (bool done = false; !done; ++calls) {
                const int stage = progress.Stage;
                const double start = CpuMs();
                done = AdvanceAnalysisRun(w, settings, r, progress, 2000);
                const double ms = CpuMs() - start;
                maxMs[stage] = std::max(maxMs[stage], ms);
                sumMs[stage] += ms;
            }
            for (int k = 0; k < kAnalysisStages; ++k) {
                longest[k].push_back(maxMs[k]);
                sums[k].push_back(sumMs[k]);
            }
            overall.push_back(*std::max_element(maxMs.begin(), maxMs.end()));
            slices.push_back(calls);
        }
        for (int k = 0; k < kAnalysisStages; ++k)
            std::printf("slice %-15s longest %7.2f ms  sum %8.2f ms\n", names[k], Median(longest[k]), Median(sums[k]));
        std::printf("longest slice (median of 5) %.2f ms cpu, %.0f slices a run\n", Median(overall), Median(slices));
    }

    // BG/NBD fit alone on 2,500 customers, and on all 100,000 (no sampling).
    BgNbdData small, all;
    for (size_t i = 0; i < r.Facts.size(); ++i) {
        const ModelInputs in = ModelInputsOf(r.Facts[i], r.Settings);
        if (i < 2500) small.Add(in.X, in.Tx, in.T);
        all.Add(in.X, in.Tx, in.T);
    }
    std::vector<double> fitMs;
    BgNbdFit f;
    for (int k = 0; k < 21; ++k) {
        double start = CpuMs();
        f = FitBgNbd(small, BgNbdFitOptions{});
        fitMs.push_back(CpuMs() - start);
    }
    std::printf("fit2500 %.3f ms cpu (median of 21, fastest %.3f): r %.3f alpha %.3f a %.3f b %.3f, %d iterations\n", Median(fitMs), Min(fitMs),
                f.Params.R, f.Params.Alpha, f.Params.A, f.Params.B, f.Iterations);
    BgNbdFitOptions full;
    std::vector<double> fullMs;
    for (int k = 0; k < 3; ++k) {
        double start = CpuMs();
        f = FitBgNbd(all, full);
        fullMs.push_back(CpuMs() - start);
    }
    std::printf("fit100000 %.2f ms cpu (median of 3, no sampling): r %.3f alpha %.3f a %.3f b %.3f\n", Median(fullMs), f.Params.R,
                f.Params.Alpha, f.Params.A, f.Params.B);
    return 0;
}
