#include "analysis/gamma_gamma.h"

#include <algorithm>
#include <cmath>

#include "analysis/optimize.h"
#include "analysis/sort.h"
#include "analysis/special.h"

namespace profila {

double GammaGammaLogLikelihood(const GammaGammaParams& p, double n, double mean) {
    const double px = p.P * n;
    return std::lgamma(px + p.Q) - std::lgamma(px) - std::lgamma(p.Q) + p.Q * std::log(p.Gamma) +
           (px - 1) * std::log(mean) + px * std::log(n) - (px + p.Q) * std::log(p.Gamma + mean * n);
}

double GammaGammaLogLikelihood(const GammaGammaParams& p, const GammaGammaData& data) {
    double sum = 0;
    for (size_t i = 0; i < data.Size(); ++i) sum += GammaGammaLogLikelihood(p, data.N[i], data.Mean[i]);
    return sum;
}

double GammaGammaExpectedSpend(const GammaGammaParams& p, double n, double mean) {
    return p.P * (p.Gamma + n * mean) / (p.P * n + p.Q - 1);
}

namespace {
double EvaluateGammaGamma(const double* theta, double* grad, void* user) noexcept {
    auto& d = *static_cast<GammaGammaPrepared*>(user);
    const double p = std::exp(theta[0]), q = std::exp(theta[1]), g = std::exp(theta[2]);
    const double lgQ = std::lgamma(q), psiQ = Digamma(q), logG = std::log(g);
    double ll = 0, gp = 0, gq = 0, gg = 0;
    for (size_t k = 0; k < d.Ns.size(); ++k) {
        const double n = d.Ns[k], pn = p * n, logN = std::log(n);
        const size_t begin = d.GroupStart[k], end = d.GroupStart[k + 1];
        const double count = static_cast<double>(end - begin);
        // Sum of log(g + m n) as the log of the product (its binary exponent taken out every 16
        // factors: each lies within 2^-20..2^50), and of 1 / (g + m n).
        double product = 1.0, inverse = 0.0;
        long exponent = 0;
        for (size_t i = begin; i < end; ++i) {
            const double den = g + d.Mean[i] * n;
            product *= den;
            inverse += 1.0 / den;
            if (((i - begin) & 15) == 15) {
                int e = 0;
                product = std::frexp(product, &e);
                exponent += e;
            }
        }
        const double sumLogDen = std::log(product) + exponent * 0.69314718055994530942;  // ln 2
        const double lgDiff = std::lgamma(pn + q) - std::lgamma(pn), psiPnQ = Digamma(pn + q);
        ll += count * (lgDiff - lgQ + q * logG + pn * logN) + (pn - 1) * d.SumLogMean[k] - (pn + q) * sumLogDen;
        gp += n * (count * (psiPnQ - Digamma(pn) + logN) + d.SumLogMean[k] - sumLogDen);
        gq += count * (psiPnQ - psiQ + logG) - sumLogDen;
        gg += count * q / g - (pn + q) * inverse;
    }
    const double scale = -1.0 / static_cast<double>(d.Customers);
    grad[0] = scale * gp * p;
    grad[1] = scale * gq * q;
    grad[2] = scale * gg * g;
    return scale * ll;
}
}  // namespace

bool BeginGammaGammaFit(const GammaGammaData& data, int minCustomers, GammaGammaFit& fit, GammaGammaFitWork& work) {
    fit = GammaGammaFit{};
    fit.Customers = static_cast<int>(data.Size());
    if (fit.Customers < std::max(minCustomers, 3)) {
        fit.Status = FitStatus::TooFewCustomers;
        fit.Why = Reason("spend.too_few", {double(fit.Customers), double(std::max(minCustomers, 3))});
        return false;
    }
    // Every mean spend the same: the likelihood grows without end as the spread shrinks (p and q to
    // infinity); lifetimes refuses such data too.
    const auto [lo, hi] = std::minmax_element(data.Mean.begin(), data.Mean.end());
    if (*hi - *lo <= 1e-9 * std::abs(*hi)) {
        fit.Status = FitStatus::Unreliable;
        fit.Why = Reason("spend.identical", {*hi});
        fit.Caveats.push_back(fit.Why);
        return false;
    }
    fit.FitCustomers = fit.Customers;
    work.Data = GammaGammaPrepared{};
    GammaGammaPrepared& d = work.Data;
    // Every customer, grouped by n (stable within a group, so the sums do not depend on slicing).
    RankScratch rank;
    const size_t count = SortedOrder(data.N.data(), data.Size(), false, rank);
    const auto& order = rank.A;
    double meanSum = 0;
    d.Customers = count;
    d.Mean.reserve(count);
    for (size_t j = 0; j < count; ++j) {
        const double nn = data.N[order[j].Index], m = data.Mean[order[j].Index];
        if (d.Ns.empty() || d.Ns.back() != nn) {
            d.Ns.push_back(nn);
            d.GroupStart.push_back(j);
            d.SumLogMean.push_back(0.0);
        }
        d.Mean.push_back(m);
        d.SumLogMean.back() += std::log(m);
        meanSum += m;
    }
    d.GroupStart.push_back(count);
    // Start from moments: spend mean ~ p gamma / (q - 1); take p = 2, q = 3, gamma = mean.
    const double mean = meanSum / count;
    work.Start = {std::log(2.0), std::log(3.0), std::log(std::max(mean, 1e-6))};
    return true;
}

namespace {
BoundedProblem GammaGammaProblem(GammaGammaFitWork& work) {
    BoundedProblem problem;
    problem.Dimension = 3;
    problem.Evaluate = EvaluateGammaGamma;
    problem.User = &work.Data;
    problem.Lower = {std::log(1e-4), std::log(1e-4), std::log(1e-6)};
    problem.Upper = {std::log(1e4), std::log(1e4), std::log(1e9)};
    return problem;
}
}  // namespace

bool OptimizeGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work) {
    const BoundedProblem problem = GammaGammaProblem(work);
    MinimizeResult m = MinimizeBounded(problem, work.Start, 300, 1e-8);
    fit.Iterations = m.Iterations;
    fit.Params = {std::exp(m.X[0]), std::exp(m.X[1]), std::exp(m.X[2])};
    fit.LogLikelihood = -m.Value * fit.FitCustomers;
    work.Optimum = m.X;
    for (int i = 0; i < 3; ++i) {
        work.AtBound[i] = m.X[i] <= problem.Lower[i] + 1e-6 || m.X[i] >= problem.Upper[i] - 1e-6;
        fit.AtBound = fit.AtBound || work.AtBound[i];
    }
    if (!std::isfinite(fit.LogLikelihood) || (!m.Converged && !m.LineSearchFailed)) {
        fit.Status = FitStatus::NoConvergence;
        fit.Why = Reason("model.no_convergence", {double(m.Iterations)});
        return false;
    }
    return true;
}

void JudgeGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work) {
    std::vector<double> se;
    const bool seOk = StandardErrorsAt(GammaGammaProblem(work), work.Optimum, static_cast<double>(fit.FitCustomers), se);
    for (int i = 0; i < 3; ++i)
        if (work.AtBound[i]) se[i] = std::nan("");  // the curvature at a bound is no standard error
    fit.Se = {se[0], se[1], se[2]};
    const double params[3] = {fit.Params.P, fit.Params.Q, fit.Params.Gamma};
    JudgeFit(params, se.data(), work.AtBound, 3, kParamP, seOk, work.MaxRelativeSe, fit.Caveats);
    if (fit.Params.Q <= 1.0) {
        fit.Status = FitStatus::NoConvergence;
        fit.Why = Reason("spend.q_le_1", {fit.Params.Q});
        return;
    }
    fit.Status = fit.Caveats.empty() ? FitStatus::Fitted : FitStatus::Unreliable;
    fit.Why = Reason(fit.Caveats.empty() ? "spend.fitted" : "spend.unreliable", {double(fit.Customers), fit.LogLikelihood});
}

void EndGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work) {
    if (OptimizeGammaGammaFit(fit, work)) JudgeGammaGammaFit(fit, work);
}

GammaGammaFit FitGammaGamma(const GammaGammaData& data, int minCustomers, double maxRelativeSe) {
    GammaGammaFit fit;
    GammaGammaFitWork work;
    work.MaxRelativeSe = maxRelativeSe;
    if (BeginGammaGammaFit(data, minCustomers, fit, work)) EndGammaGammaFit(fit, work);
    return fit;
}

}  // namespace profila
