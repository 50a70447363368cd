#include "analysis/gamma_gamma.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/optimize.h"
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
double EvaluateGammaGamma(const double* theta, double* grad, void* user) {
    auto& d = *static_cast<GammaGammaPrepared*>(user);
    const double p = std::exp(theta[0]), q = std::exp(theta[1]), g = std::exp(theta[2]);
    const double lgQ = std::lgamma(q), psiQ = Digamma(q), logG = std::log(g);
    // Per distinct n: lgamma(pn + q) - lgamma(pn) and the digamma difference.
    for (size_t k = 0; k < d.Ns.size(); ++k) {
        const double pn = p * d.Ns[k];
        d.NLg[k] = std::lgamma(pn + q) - std::lgamma(pn);
        d.NPsi[k] = Digamma(pn + q) - Digamma(pn);  // for dp (times n) and part of dq
    }
    double ll = 0, gp = 0, gq = 0, gg = 0;
    for (size_t i = 0; i < d.N.size(); ++i) {
        const int k = d.Ni[i];
        const double n = d.N[i], pn = p * n;
        const double logDen = std::log(g + d.Mean[i] * n);
        ll += d.NLg[k] - lgQ + q * logG + (pn - 1) * d.LogMean[i] + pn * d.LogN[i] - (pn + q) * logDen;
        gp += n * (d.NPsi[k] + d.LogMean[i] + d.LogN[i] - logDen);
        gg += q / g - (pn + q) / (g + d.Mean[i] * n);
        gq += -logDen;  // the digamma parts are added per distinct n below
    }
    // dq: sum_i [digamma(pn+q) - digamma(q) + log g - log(g + m n)]
    for (size_t k = 0; k < d.Ns.size(); ++k) gq += d.Counts[k] * (Digamma(p * d.Ns[k] + q) - psiQ + logG);
    const double scale = -1.0 / d.N.size();
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
    std::vector<uint32_t> pick(data.Size());
    std::iota(pick.begin(), pick.end(), 0u);
    fit.FitCustomers = static_cast<int>(pick.size());
    work.Data = GammaGammaPrepared{};
    GammaGammaPrepared& d = work.Data;
    double meanSum = 0;
    for (uint32_t i : pick) {
        double nn = data.N[i], m = data.Mean[i];
        d.N.push_back(nn);
        d.Mean.push_back(m);
        d.LogMean.push_back(std::log(m));
        d.LogN.push_back(std::log(nn));
        auto it = std::find(d.Ns.begin(), d.Ns.end(), nn);
        if (it == d.Ns.end()) {
            d.Ni.push_back(static_cast<int>(d.Ns.size()));
            d.Ns.push_back(nn);
        } else {
            d.Ni.push_back(static_cast<int>(it - d.Ns.begin()));
        }
        meanSum += m;
    }
    d.NLg.resize(d.Ns.size());
    d.NPsi.resize(d.Ns.size());
    d.Counts.assign(d.Ns.size(), 0);
    for (int k : d.Ni) ++d.Counts[k];
    // Start from moments: spend mean ~ p gamma / (q - 1); take p = 2, q = 3, gamma = mean.
    const double mean = meanSum / pick.size();
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
