// BG/NBD and Gamma-Gamma: likelihood against a hand computation, parameter recovery from data
// simulated with known parameters, and the CDNOW reference fit of Fader, Hardie & Lee (2005).
#include <doctest/doctest.h>

#include "test_files.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "analysis/export.h"
#include "analysis/optimize.h"
#include "analysis/run.h"
#include "text/shared_text.h"

using namespace profila;

namespace {
// Simulates BG/NBD customers: lambda ~ Gamma(r, rate alpha), p ~ Beta(a, b); after each repeat
// purchase the customer drops out with probability p. T uniform in [tMin, tMax].
BgNbdData SimulateBgNbd(const BgNbdParams& p, int n, double tMin, double tMax, uint32_t seed) {
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> lambdaDist(p.R, 1.0 / p.Alpha);
    std::gamma_distribution<double> betaX(p.A, 1.0), betaY(p.B, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    BgNbdData data;
    for (int i = 0; i < n; ++i) {
        double lambda = lambdaDist(rng);
        double bx = betaX(rng), by = betaY(rng);
        double drop = bx / (bx + by);
        double T = tMin + (tMax - tMin) * uniform(rng);
        double t = 0, tx = 0;
        int x = 0;
        std::exponential_distribution<double> gap(std::max(lambda, 1e-12));
        for (;;) {
            t += gap(rng);
            if (t > T) break;
            ++x;
            tx = t;
            if (uniform(rng) < drop) break;
        }
        data.Add(x, tx, T);
    }
    return data;
}

}  // namespace

TEST_CASE("BG/NBD log-likelihood matches a hand computation on a tiny data set") {
    // By hand (Gamma and Beta functions, not logs): r 0.5, alpha 2, a 0.8, b 2.5.
    // x=0, T=4: L = (alpha/(alpha+T))^r = (2/6)^0.5, log = -0.5493061443340547.
    BgNbdParams p{0.5, 2.0, 0.8, 2.5};
    CHECK(BgNbdLogLikelihood(p, 0, 0, 4) == doctest::Approx(-0.5493061443340547).epsilon(1e-12));
    CHECK(BgNbdLogLikelihood(p, 2, 3, 5) == doctest::Approx(-4.864047134760481).epsilon(1e-12));
    BgNbdData d;
    d.Add(2, 3, 5);
    d.Add(0, 0, 4);
    d.Add(1, 1.5, 6);
    CHECK(BgNbdLogLikelihood(p, d) == doctest::Approx(-8.412017850392251).epsilon(1e-12));
}

TEST_CASE("Gamma-Gamma log-likelihood matches a hand computation") {
    GammaGammaParams p{6, 4, 15};
    CHECK(GammaGammaLogLikelihood(p, 2, 20.0) == doctest::Approx(-3.4091049147584993).epsilon(1e-12));
    CHECK(GammaGammaLogLikelihood(p, 3, 35.5) == doctest::Approx(-4.225529961443199).epsilon(1e-12));
}

TEST_CASE("hypergeometric 2F1 and the predictor's transformed series agree with closed forms") {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    CHECK(Hypergeometric2F1(1, 1, 2, 0.6) == doctest::Approx(-std::log(0.4) / 0.6).epsilon(1e-12));
    BgNbdParams p{0.243, 4.414, 0.793, 2.426};
    BgNbdPredictor predictor(p);
    // Direct (untransformed) conditional expectation for x=3, tx=20, T=38, t=52.
    double x = 3, tx = 20, T = 38, t = 52;
    double z = t / (p.Alpha + T + t);
    double direct = (p.A + p.B + x - 1) / (p.A - 1) *
                    (1 - std::pow((p.Alpha + T) / (p.Alpha + T + t), p.R + x) *
                             Hypergeometric2F1(p.R + x, p.B + x, p.A + p.B + x - 1, z)) /
                    (1 + p.A / (p.B + x - 1) * std::pow((p.Alpha + T) / (p.Alpha + tx), p.R + x));
    CHECK(predictor.ConditionalExpected(x, tx, T, t) == doctest::Approx(direct).epsilon(1e-9));
    CHECK(predictor.ProbabilityAlive(0, 0, 30) == 1.0);
    CHECK(predictor.ProbabilityAlive(3, 1, 38) < predictor.ProbabilityAlive(3, 37, 38));
}

TEST_CASE("BG/NBD recovers known parameters from simulated data") {
    // Tolerance: 15% relative on r and alpha, 30% on a and b (the dropout shape is weakly
    // identified in 39 weeks); and the fit must score at least the true parameters.
    BgNbdParams truth{0.25, 4.0, 0.8, 2.5};
    BgNbdData data = SimulateBgNbd(truth, 20000, 26, 52, 7);
    BgNbdFitOptions options;
    BgNbdFit fit = FitBgNbd(data, options);
    REQUIRE(fit.Ok());
    MESSAGE("r " << fit.Params.R << " alpha " << fit.Params.Alpha << " a " << fit.Params.A << " b " << fit.Params.B
                 << " iterations " << fit.Iterations);
    CHECK(fit.Params.R == doctest::Approx(truth.R).epsilon(0.15));
    CHECK(fit.Params.Alpha == doctest::Approx(truth.Alpha).epsilon(0.15));
    CHECK(fit.Params.A == doctest::Approx(truth.A).epsilon(0.30));
    CHECK(fit.Params.B == doctest::Approx(truth.B).epsilon(0.30));
    CHECK(fit.LogLikelihood >= BgNbdLogLikelihood(truth, data) - 1e-6);
    CHECK(fit.LogLikelihood == doctest::Approx(BgNbdLogLikelihood(fit.Params, data)).epsilon(1e-9));
    // The model's unconditional expectation matches the simulated mean repeat purchases.
    double simulated = 0;
    for (double x : data.X) simulated += x;
    simulated /= data.Size();
    double expected = 0;
    for (double T : data.T) expected += BgNbdExpectedPurchases(fit.Params, T);
    expected /= data.Size();
    CHECK(expected == doctest::Approx(simulated).epsilon(0.03));
}

// BG/NBD's fit ends in Newton steps and its standard errors come from the same analytic Hessian:
// checked against central differences of the analytic gradient, at the optimum and away from it
// (tolerance 1e-5 of the Hessian's largest entry; the differences' own error is ~1e-9), and the
// gradient nil at the optimum (Newton's stopping rule: tolerance x the parameters' size).
template <typename Objective>
void CheckHessianAndOptimum(int n, Objective&& objective, const std::vector<double>& optimum,
                            const std::vector<std::vector<double>>& elsewhere, double tolerance) {
    std::vector<std::vector<double>> points = elsewhere;
    points.push_back(optimum);
    for (const std::vector<double>& theta : points) {
        std::vector<double> grad(n), g0(n), hess(n * n);
        const double f = objective(theta.data(), grad.data(), hess.data());
        CHECK(f == doctest::Approx(objective(theta.data(), g0.data(), nullptr)).epsilon(1e-14));
        double largest = 0;
        for (double h : hess) largest = std::max(largest, std::abs(h));
        for (int j = 0; j < n; ++j) {
            CHECK(grad[j] == doctest::Approx(g0[j]).epsilon(1e-12));
            std::vector<double> plus = theta, minus = theta, gp(n), gm(n);
            const double step = 1e-5;
            plus[j] += step;
            minus[j] -= step;
            objective(plus.data(), gp.data(), nullptr);
            objective(minus.data(), gm.data(), nullptr);
            for (int i = 0; i < n; ++i) {
                CAPTURE(i);
                CAPTURE(j);
                CHECK(std::abs(hess[n * i + j] - (gp[i] - gm[i]) / (2 * step)) <= 1e-5 * largest);
            }
        }
    }
    std::vector<double> grad(n);
    objective(optimum.data(), grad.data(), nullptr);
    double size = 0;
    for (double x : optimum) size += x * x;
    for (double g : grad) CHECK(std::abs(g) <= tolerance * std::max(1.0, std::sqrt(size)));
}

TEST_CASE("BG/NBD: the analytic Hessian matches differences of the gradient, and the fit ends where the gradient is nil") {
    BgNbdData data = SimulateBgNbd(BgNbdParams{0.25, 4.0, 0.8, 2.5}, 5000, 26, 52, 11);
    // Customers seen several times with the same (x, tx, T) make weighted rows too.
    for (int i = 0; i < 200; ++i) data.Add(2, 10, 40);
    BgNbdFit fit;
    BgNbdFitWork work;
    REQUIRE(BeginBgNbdFit(data, BgNbdFitOptions{}, fit, work));
    REQUIRE(OptimizeBgNbdFit(fit, work));
    CheckHessianAndOptimum(4, [&](const double* theta, double* grad, double* hess) { return BgNbdObjective(work.Data, theta, grad, hess); },
                           work.Optimum, {{-1.0, 1.5, 0.3, 0.6}, {0.5, 0.2, -0.7, 1.8}}, 1e-7);
    JudgeBgNbdFit(fit, work);
    CHECK(fit.Status == FitStatus::Fitted);
    CHECK(fit.Se.R > 0);
}

// On many customers the fit starts where a coarse copy of the data (T and tx rounded to 1/32 of the
// longest T) peaks: the same optimum as from the fixed start (to 1e-5 in each parameter, 1e-10 in
// the log-likelihood: both stop at the same gradient tolerance), in fewer evaluations of the whole data.
TEST_CASE("BG/NBD on many customers: the start from a coarse copy of the data ends where the fixed start ends, in fewer evaluations") {
    const BgNbdData data = SimulateBgNbd(BgNbdParams{0.6, 5.0, 0.7, 3.0}, 40000, 26, 78, 13);
    BgNbdFit fit;
    BgNbdFitWork work;
    REQUIRE(BeginBgNbdFit(data, BgNbdFitOptions{}, fit, work));
    REQUIRE(!work.Coarse.Rows.empty());
    CHECK(work.Coarse.Rows.size() * 4 <= work.Data.Rows.size());
    // Every customer is in the coarse copy: the same counts per x, the same repeat buyers in its rows.
    CHECK(work.Coarse.Total == work.Data.Total);
    CHECK(work.Coarse.XWeight == work.Data.XWeight);
    double fineWeight = 0, coarseWeight = 0, tWeight = 0;
    for (const auto& row : work.Data.Rows) fineWeight += row.Weight;
    for (const auto& row : work.Coarse.Rows) coarseWeight += row.Weight;
    for (double w : work.Coarse.TWeight) tWeight += w;
    CHECK(coarseWeight == fineWeight);
    CHECK(tWeight == work.Data.Total);
    REQUIRE(OptimizeBgNbdFit(fit, work));

    BgNbdFit plain;
    BgNbdFitWork plainWork;
    REQUIRE(BeginBgNbdFit(data, BgNbdFitOptions{}, plain, plainWork));
    plainWork.Coarse = BgNbdCompressed{};  // the fixed start
    REQUIRE(OptimizeBgNbdFit(plain, plainWork));
    MESSAGE("coarse start: " << fit.Evaluations << " evaluations after " << fit.CoarseEvaluations << " coarse ("
                             << work.Coarse.Rows.size() << " rows of " << work.Data.Rows.size() << "); fixed start: "
                             << plain.Evaluations);
    CHECK(fit.CoarseEvaluations > 0);
    CHECK(plain.CoarseEvaluations == 0);
    CHECK(fit.Evaluations < plain.Evaluations);
    CHECK(fit.Params.R == doctest::Approx(plain.Params.R).epsilon(1e-5));
    CHECK(fit.Params.Alpha == doctest::Approx(plain.Params.Alpha).epsilon(1e-5));
    CHECK(fit.Params.A == doctest::Approx(plain.Params.A).epsilon(1e-5));
    CHECK(fit.Params.B == doctest::Approx(plain.Params.B).epsilon(1e-5));
    CHECK(fit.LogLikelihood == doctest::Approx(plain.LogLikelihood).epsilon(1e-10));

    // A few thousand customers: the whole data are cheap enough, no coarse copy.
    BgNbdFit small;
    BgNbdFitWork smallWork;
    REQUIRE(BeginBgNbdFit(SimulateBgNbd(BgNbdParams{0.6, 5.0, 0.7, 3.0}, 3000, 26, 78, 13), BgNbdFitOptions{}, small, smallWork));
    CHECK(smallWork.Coarse.Rows.empty());
}

// A log where nobody drops out: the likelihood keeps rising as a falls to its bound (1e-4), more
// slowly the further it goes. The fit must end on that bound in a few Newton steps (L-BFGS-B alone
// walked there in over twenty evaluations), scoring at least what L-BFGS-B alone scores, and say so.
TEST_CASE("BG/NBD where nobody drops out: the fit ends on a's bound in few evaluations, as high as L-BFGS-B alone") {
    BgNbdData data = SimulateBgNbd(BgNbdParams{0.6, 5.0, 1e-3, 1e3}, 20000, 26, 78, 5);
    BgNbdFit fit;
    BgNbdFitWork work;
    REQUIRE(BeginBgNbdFit(data, BgNbdFitOptions{}, fit, work));
    OptimizeBgNbdFit(fit, work);
    MESSAGE("a " << fit.Params.A << " b " << fit.Params.B << " evaluations " << fit.Evaluations << " LL " << fit.LogLikelihood);
    CHECK(work.AtBound[kParamA - kParamR]);
    CHECK(fit.Params.A == doctest::Approx(1e-4));
    CHECK(fit.Evaluations <= 14);
    // L-BFGS-B alone, from the same start to the same tolerance, on the same bounds (bgnbd.cpp's).
    BoundedProblem problem;
    problem.Dimension = 4;
    problem.Evaluate = [](const double* theta, double* grad, void* user) noexcept {
        return BgNbdObjective(*static_cast<BgNbdCompressed*>(user), theta, grad, nullptr);
    };
    problem.User = &work.Data;
    problem.Lower.assign(4, std::log(1e-4));
    problem.Upper = {std::log(1e4), std::log(1e7), std::log(1e4), std::log(1e4)};
    const MinimizeResult alone = MinimizeBounded(problem, work.Start, 200, 1e-7);
    const double aloneLl = -alone.Value * work.Data.Total;
    MESSAGE("L-BFGS-B alone: a " << std::exp(alone.X[2]) << " b " << std::exp(alone.X[3]) << " evaluations " << alone.Evaluations << " LL " << aloneLl);
    CHECK(alone.Evaluations > fit.Evaluations);
    CHECK(fit.LogLikelihood >= aloneLl - 1e-6 * std::abs(aloneLl));
    JudgeBgNbdFit(fit, work);
    CHECK(fit.Status == FitStatus::Unreliable);
    REQUIRE(!fit.Caveats.empty());
    CHECK(std::string(fit.Caveats[0].Code) == "caveat.bound");
}

TEST_CASE("BG/NBD says when the data cannot support a fit") {
    BgNbdData few;
    for (int i = 0; i < 50; ++i) few.Add(i < 5 ? 1 : 0, i < 5 ? 3 : 0, 20);
    BgNbdFit fit = FitBgNbd(few, BgNbdFitOptions{});
    CHECK(fit.Status == FitStatus::TooFewRepeatBuyers);
    CHECK(std::string(fit.Why.Code) == "model.too_few_repeat");
    CHECK(fit.Why.Figures[0] == 5);
    BgNbdData tiny;
    tiny.Add(1, 1, 2);
    CHECK(FitBgNbd(tiny, BgNbdFitOptions{}).Status == FitStatus::TooFewCustomers);
}

namespace {
// Gamma-Gamma spend: each customer's mean of n (1 + Poisson(3)) spends.
GammaGammaData SimulateGammaGamma(const GammaGammaParams& truth, int customers, uint32_t seed) {
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> nuDist(truth.Q, 1.0 / truth.Gamma);
    std::poisson_distribution<int> extra(3.0);
    GammaGammaData data;
    for (int i = 0; i < customers; ++i) {
        double nu = nuDist(rng);
        std::gamma_distribution<double> spend(truth.P, 1.0 / nu);
        int n = 1 + extra(rng);
        double sum = 0;
        for (int k = 0; k < n; ++k) sum += spend(rng);
        data.Add(n, sum / n);
    }
    return data;
}
}  // namespace

TEST_CASE("Gamma-Gamma recovers known parameters from simulated spend") {
    // Tolerance: the population mean spend p gamma / (q - 1) within 5%; p, q, gamma within 25%
    // (they trade off against each other).
    GammaGammaParams truth{6.0, 4.0, 15.0};
    GammaGammaData data = SimulateGammaGamma(truth, 20000, 11);
    GammaGammaFit fit = FitGammaGamma(data, 10);
    REQUIRE(fit.Ok());
    MESSAGE("p " << fit.Params.P << " q " << fit.Params.Q << " gamma " << fit.Params.Gamma << " iterations " << fit.Iterations);
    CHECK(fit.PopulationMean() == doctest::Approx(truth.P * truth.Gamma / (truth.Q - 1)).epsilon(0.05));
    CHECK(fit.Params.P == doctest::Approx(truth.P).epsilon(0.25));
    CHECK(fit.Params.Q == doctest::Approx(truth.Q).epsilon(0.25));
    CHECK(fit.Params.Gamma == doctest::Approx(truth.Gamma).epsilon(0.25));
    CHECK(fit.LogLikelihood >= GammaGammaLogLikelihood(truth, data) - 1e-6);
}

// Gamma-Gamma's standard errors come from its analytic Hessian: checked as BG/NBD's above (against
// central differences of the gradient, at the optimum and away from it); L-BFGS-B ends the fit, so
// the gradient there is only checked to its looser stopping rule.
TEST_CASE("Gamma-Gamma: the analytic Hessian matches differences of the gradient") {
    GammaGammaData data = SimulateGammaGamma(GammaGammaParams{6.0, 4.0, 15.0}, 5000, 3);
    GammaGammaFit fit;
    GammaGammaFitWork work;
    REQUIRE(BeginGammaGammaFit(data, 10, fit, work));
    REQUIRE(OptimizeGammaGammaFit(fit, work));
    CheckHessianAndOptimum(3, [&](const double* theta, double* grad, double* hess) { return GammaGammaObjective(work.Data, theta, grad, hess); },
                           work.Optimum, {{1.0, 0.5, 2.0}, {2.5, 2.0, 3.5}}, 1e-6);
    JudgeGammaGammaFit(fit, work);
    CHECK(fit.Status == FitStatus::Fitted);
    CHECK(fit.Se.P > 0);
}

TEST_CASE("CDNOW sample, calibration to 1997-09-30 in weeks: the paper's BG/NBD estimates") {
    Workspace w = LoadCdnowLog("cdnow_sample_purchases.csv");
    CHECK(w.Customers.size() == 2357);
    AnalysisSettings s;
    s.AsOf = DateFromYmd(1997, 9, 30);
    s.TimeUnitDays = 7;
    AnalysisResult r = RunAnalysis(w, s);
    REQUIRE(r.Purchases.Ok());
    const BgNbdParams& p = r.Purchases.Params;
    MESSAGE("CDNOW r " << p.R << " alpha " << p.Alpha << " a " << p.A << " b " << p.B << " LL "
                       << r.Purchases.LogLikelihood << " repeat " << r.Purchases.RepeatBuyers);
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4; the usual
    // reproductions (lifetimes, BTYD) print r 0.2426, alpha 4.4136, a 0.7929, b 2.4257, LL -9582.43.
    // Reproduced to their last digit: parameters within 0.05%, LL within 0.01.
    CHECK(p.R == doctest::Approx(0.2426).epsilon(5e-4));
    CHECK(p.Alpha == doctest::Approx(4.4136).epsilon(5e-4));
    CHECK(p.A == doctest::Approx(0.7929).epsilon(5e-4));
    CHECK(p.B == doctest::Approx(2.4257).epsilon(5e-4));
    CHECK(std::abs(r.Purchases.LogLikelihood - (-9582.43)) < 0.01);
    // Every buyer has a P(alive) in (0, 1] and a non-negative expected purchase count.
    for (const CustomerRow& row : r.Rows) {
        CHECK(row.PAlive > 0.0);
        CHECK(row.PAlive <= 1.0);
        CHECK(row.ExpectedPurchases >= 0.0);
    }
}

TEST_CASE("A run spread over slices (as the app does between frames) gives the whole run's result") {
    Workspace w = LoadCdnowLog("cdnow_sample_purchases.csv");
    AnalysisSettings s;
    s.AsOf = DateFromYmd(1997, 9, 30);
    const AnalysisResult whole = RunAnalysis(w, s);
    AnalysisResult sliced;
    AnalysisProgress progress;
    int calls = 0;
    while (!AdvanceAnalysisRun(w, s, sliced, progress, 100)) ++calls;
    CHECK(calls > 7 * 2);  // the per-customer stages took several slices each
    CHECK(ExportAnalysisCsv(sliced, w) == ExportAnalysisCsv(whole, w));
    CHECK(ExportModelJson(sliced) == ExportModelJson(whole));
    REQUIRE(sliced.ThisWeek.size() == whole.ThisWeek.size());
    for (size_t k = 0; k < whole.ThisWeek.size(); ++k) CHECK(sliced.ThisWeek[k].Customer == whole.ThisWeek[k].Customer);
    // A second run into the same result (buffers reused) gives it again.
    progress = {};
    while (!AdvanceAnalysisRun(w, s, sliced, progress, 1000)) {
    }
    CHECK(ExportAnalysisCsv(sliced, w) == ExportAnalysisCsv(whole, w));
}

TEST_CASE("A run into an earlier result (another date, another base) equals a fresh run") {
    const Workspace cdnow = LoadCdnowLog("cdnow_sample_purchases.csv");
    Workspace few;  // too few customers for either model
    for (int i = 0; i < 3; ++i) {
        Customer c;
        c.Id = "c" + std::to_string(i);
        c.Name = "Cliente " + std::to_string(i);
        Purchase p;
        p.When = DateFromYmd(1997, 3, 1 + i);
        p.Amount = 10.0 + i;
        c.Purchases.push_back(p);
        few.Customers.push_back(c);
    }
    AnalysisSettings late, early;
    late.AsOf = DateFromYmd(1998, 6, 30);
    early.AsOf = DateFromYmd(1997, 9, 30);  // with a holdout period after it
    AnalysisResult reused;
    const std::pair<const Workspace*, const AnalysisSettings*> runs[] = {{&cdnow, &late}, {&cdnow, &early}, {&few, &late}, {&cdnow, &early}};
    for (const auto& [w, s] : runs) {
        RunAnalysis(*w, *s, reused);
        const AnalysisResult fresh = RunAnalysis(*w, *s);
        CHECK(ExportAnalysisCsv(reused, *w) == ExportAnalysisCsv(fresh, *w));
        CHECK(ExportModelJson(reused) == ExportModelJson(fresh));
        CHECK(reused.ThisWeek.size() == fresh.ThisWeek.size());
        CHECK(reused.Holdout.Available == fresh.Holdout.Available);
    }
}

namespace {
// Every field of every customer's facts, byte for byte (CustomerFacts has no padding), and both exports.
void CheckSameRun(const AnalysisResult& a, const AnalysisResult& b, const Workspace& w) {
    REQUIRE(a.Facts.size() == b.Facts.size());
    size_t differ = 0;
    for (size_t i = 0; i < a.Facts.size(); ++i) differ += std::memcmp(&a.Facts[i], &b.Facts[i], sizeof(CustomerFacts)) != 0;
    CHECK(differ == 0);
    CHECK(ExportAnalysisCsv(a, w) == ExportAnalysisCsv(b, w));
    CHECK(ExportModelJson(a) == ExportModelJson(b));
}
}  // namespace

// The facts kept between runs (FactsMemo) stand for reading every purchase again: on the date they
// were made for, on earlier and later ones, in the holdout period, with purchases out of order,
// cancelled or returned after the date and a request after it, sliced as the app runs it, after a
// run cut short; and a new data key (an edit) makes them again.
TEST_CASE("Facts kept between runs give what reading every purchase gives, on any date, until the data change") {
    Workspace w = LoadCdnowLog("cdnow_sample_purchases.csv");
    REQUIRE(w.Customers.size() > 100);
    const size_t n = w.Customers.size();
    // Out of order, cancelled and returned after the last day, and a request after it, on a few cards.
    const Date end = DateFromYmd(1998, 6, 30);
    std::swap(w.Customers[3].Purchases.front(), w.Customers[3].Purchases.back());
    // And one who bought before mid-January 1998 and after it (a date run below), the last purchase put first.
    const auto boughtAround = [](const Customer& c, Date day) { return c.Purchases.front().When < day && day < c.Purchases.back().When; };
    size_t shuffled = 40;
    while (shuffled < n && !boughtAround(w.Customers[shuffled], DateFromYmd(1998, 1, 14))) ++shuffled;
    REQUIRE(shuffled < n);
    std::swap(w.Customers[shuffled].Purchases.front(), w.Customers[shuffled].Purchases.back());
    Purchase late = w.Customers[5].Purchases.front();
    late.When = end;
    late.Cancelled = true;
    w.Customers[5].Purchases.push_back(late);
    late.Cancelled = false;
    late.Amount = -late.Amount;  // a credit note
    w.Customers[7].Purchases.push_back(late);
    ServiceRequest request;
    request.When = Date{end.Days - 1};
    w.Customers[9].Requests.push_back(request);
    // What else the facts read of a purchase, on a few more: margins, costs, discounts, late payment,
    // changed orders and categories (the same text in blocks of its own too, as a card typed by hand has).
    TextPool pool;
    const SharedText olive = pool.Intern("olio"), wine = pool.Intern("vino"), oliveTyped = SharedText(std::string("olio"));
    for (size_t c = 11; c < 40; ++c) {
        auto& purchases = w.Customers[c].Purchases;
        for (size_t k = 0; k < purchases.size(); ++k) {
            Purchase& p = purchases[k];
            if (k % 3 == 0) p.Margin = p.Amount * 0.3;
            if (k % 3 == 1) p.Cost = p.Amount * 0.5;
            if (k % 2 == 1) p.DiscountPercent = 10;
            if (k % 4 == 2) p.DaysPaidLate = static_cast<int>(5 + k);
            p.Changed = k % 5 == 4;
            p.Category = k % 3 == 0 ? olive : k % 3 == 1 ? wine : (c % 2 ? oliveTyped : SharedText());
        }
    }

    FactsMemo memo;
    memo.DataKey = 1;
    AnalysisResult kept, fresh;
    // A first run cut short (a date changed while it ran): the customers it reached are kept.
    {
        AnalysisSettings s;
        s.AsOf = DateFromYmd(1998, 1, 15);
        kept.Scratch.Memo = &memo;
        AnalysisProgress progress;
        CHECK_FALSE(AdvanceAnalysisRun(w, s, kept, progress, 500));
        CHECK(memo.DaysKept > 0);
        CHECK(memo.DaysKept < n);
    }
    const Date mid = DateFromYmd(1998, 1, 15);
    const Date dates[] = {end, Date{end.Days - 1}, end, Date{end.Days - 40}, DateFromYmd(1997, 9, 30), Date{end.Days + 30},
                          Date{end.Days - 2}, mid, Date{mid.Days - 1}, mid, DateFromYmd(1997, 1, 1), Date{mid.Days - 1}};
    size_t previous = 0;
    for (Date asOf : dates) {
        CAPTURE(asOf.Days);
        AnalysisSettings s;
        s.AsOf = asOf;
        kept.Scratch.Memo = &memo;
        AnalysisProgress progress;
        while (!AdvanceAnalysisRun(w, s, kept, progress, 500)) {
        }
        fresh.Scratch.Memo = nullptr;
        RunAnalysis(w, s, fresh);
        CheckSameRun(kept, fresh, w);
        CHECK(memo.MadeKey == 1);
        CHECK(memo.DaysKept == n);
        // A day back or forth, in the middle of the data or at its end: read again are only the
        // customers with something dated between the two days (a few; none when nothing is).
        if (std::abs(asOf.Days - static_cast<int32_t>(previous)) == 1) {
            CAPTURE(memo.Recalled);
            CHECK(memo.Recalled > n * 97 / 100);
        }
        previous = asOf.Days;
    }
    // The purchases' order as kept: the log's come in date order (there the facts stop reading at the
    // first purchase after the date), one customer's were put out of order.
    CHECK_FALSE(memo.InOrder[shuffled]);
    CHECK(memo.InOrder[0]);
    CHECK(memo.InOrder[5]);
    // What those purchases carry shows in the facts.
    CHECK(kept.Facts[12].TopCategoryShare > 0);
    CHECK(kept.Facts[12].Discounted + kept.Facts[13].Discounted > 0);
    CHECK(kept.Facts[12].EstimatedMarginLines < kept.Facts[12].KeptLines());
    // The same day again: every customer's facts as kept.
    AnalysisSettings again;
    again.AsOf = Date{mid.Days - 1};
    RunAnalysis(w, again, kept);
    CHECK(memo.Recalled == n);
    // Back to the end from mid-data: every customer's facts from its end entry (made by the first
    // runs there), none read again; and the way back to mid-data from its other entry.
    for (const Date asOf : {end, Date{mid.Days - 1}}) {
        CAPTURE(asOf.Days);
        AnalysisSettings s;
        s.AsOf = asOf;
        RunAnalysis(w, s, kept);
        CHECK(memo.Recalled == n);
        RunAnalysis(w, s, fresh);
        CheckSameRun(kept, fresh, w);
    }

    // An edit: the same data key would keep the old facts; a new one makes them again.
    w.Customers[0].Purchases.front().Amount += 100.0;
    memo.DataKey = 2;
    AnalysisSettings s;
    s.AsOf = Date{end.Days - 1};
    kept.Scratch.Memo = &memo;
    RunAnalysis(w, s, kept);
    fresh.Scratch.Memo = nullptr;
    RunAnalysis(w, s, fresh);
    CheckSameRun(kept, fresh, w);
    CHECK(memo.MadeKey == 2);
    CHECK(kept.Facts[0].Revenue == fresh.Facts[0].Revenue);
}
