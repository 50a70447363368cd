#include "analysis/gamma_gamma.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

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
// x = m 2^e, m in [1, 2), for a positive normal x: m returned and e added to exponent, read from x's
// bits (std::frexp is a call in wasm).
inline double TakeExponent(double x, long& exponent) {
    uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    exponent += static_cast<long>((bits >> 52) & 0x7ff) - 1023;
    bits = (bits & ~(uint64_t{0x7ff} << 52)) | (uint64_t{1023} << 52);
    std::memcpy(&x, &bits, sizeof x);
    return x;
}

// Mean negative log-likelihood over log-parameters, with its gradient and, when kHessian, its Hessian
// (row-major 3 x 3, for the standard errors). Per group of
// one n (count c, sum S of log means, L of log(g + m n), I1 of 1 / (g + m n), I2 of its squares),
// in the parameters (p, q, g):
//   d/dp = n (c (psi(pn + q) - psi(pn) + log n) + S - L),  d/dq = c (psi(pn + q) - psi(q) + log g) - L,
//   d/dg = c q / g - (pn + q) I1;
//   d2/dp2 = n^2 c (psi'(pn + q) - psi'(pn)),  d2/dp dq = n c psi'(pn + q),  d2/dp dg = -n I1,
//   d2/dq2 = c (psi'(pn + q) - psi'(q)),  d2/dq dg = c / g - I1,  d2/dg2 = -c q / g^2 + (pn + q) I2.
template <bool kHessian>
double EvaluateGammaGammaParts(const double* theta, double* grad, double* hess, void* user) noexcept {
    auto& d = *static_cast<GammaGammaPrepared*>(user);
    const double p = std::exp(theta[0]), q = std::exp(theta[1]), g = std::exp(theta[2]);
    const double lgQ = std::lgamma(q), psiQ = Digamma(q), logG = std::log(g);
    const double triQ = kHessian ? Trigamma(q) : 0.0;
    double ll = 0, gp = 0, gq = 0, gg = 0;
    double hpp = 0, hpq = 0, hpg = 0, hqq = 0, hqg = 0, hgg = 0;
    for (size_t k = 0; k < d.Ns.size(); ++k) {
        const double n = d.Ns[k], pn = p * n, logN = std::log(n);
        const size_t begin = d.GroupStart[k], end = d.GroupStart[k + 1];
        const double count = static_cast<double>(end - begin);
        // Sum of log(g + m n) as the log of the product, and of 1 / (g + m n) (and its square): in
        // two interleaved halves (each a chain the processor runs beside the other), the product's
        // binary exponent taken out every 16 factors (each lies within 2^-20..2^50).
        double product = 1.0, inverse = 0.0, inverse2 = 0.0;
        long exponent = 0;
        const double* mean = d.Mean.data();
        for (size_t i = begin; i < end; i += 16) {
            const size_t stop = std::min(end, i + 16);
            double even = 1.0, odd = 1.0, inverseEven = 0.0, inverseOdd = 0.0, squaresEven = 0.0, squaresOdd = 0.0;
            size_t j = i;
            for (; j + 1 < stop; j += 2) {
                const double den0 = g + mean[j] * n, den1 = g + mean[j + 1] * n;
                const double inv0 = 1.0 / den0, inv1 = 1.0 / den1;
                even *= den0;
                odd *= den1;
                inverseEven += inv0;
                inverseOdd += inv1;
                if constexpr (kHessian) {
                    squaresEven += inv0 * inv0;
                    squaresOdd += inv1 * inv1;
                }
            }
            if (j < stop) {
                const double den = g + mean[j] * n, inv = 1.0 / den;
                even *= den;
                inverseEven += inv;
                if constexpr (kHessian) squaresEven += inv * inv;
            }
            product = TakeExponent(product * (even * odd), exponent);
            inverse += inverseEven + inverseOdd;
            if constexpr (kHessian) inverse2 += squaresEven + squaresOdd;
        }
        const double sumLogDen = std::log(product) + exponent * 0.69314718055994530942;  // ln 2
        const double lgDiff = std::lgamma(pn + q) - std::lgamma(pn), psiPnQ = Digamma(pn + q);
        ll += count * (lgDiff - lgQ + q * logG + pn * logN) + (pn - 1) * d.SumLogMean[k] - (pn + q) * sumLogDen;
        gp += n * (count * (psiPnQ - Digamma(pn) + logN) + d.SumLogMean[k] - sumLogDen);
        gq += count * (psiPnQ - psiQ + logG) - sumLogDen;
        gg += count * q / g - (pn + q) * inverse;
        if constexpr (kHessian) {
            const double triPnQ = Trigamma(pn + q);
            hpp += n * n * count * (triPnQ - Trigamma(pn));
            hpq += n * count * triPnQ;
            hpg -= n * inverse;
            hqq += count * (triPnQ - triQ);
            hqg += count / g - inverse;
            hgg += -count * q / (g * g) + (pn + q) * inverse2;
        }
    }
    const double scale = -1.0 / static_cast<double>(d.Customers);
    const double params[3] = {p, q, g}, raw[3] = {gp, gq, gg};
    for (int i = 0; i < 3; ++i) grad[i] = scale * raw[i] * params[i];
    if constexpr (kHessian) {
        // In log-parameters: d2f/dtheta_i dtheta_j = scale (H_ij p_i p_j + [i = j] g_i p_i).
        const double h[3][3] = {{hpp, hpq, hpg}, {hpq, hqq, hqg}, {hpg, hqg, hgg}};
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                hess[3 * i + j] = scale * (h[i][j] * params[i] * params[j] + (i == j ? raw[i] * params[i] : 0.0));
    }
    return scale * ll;
}

double EvaluateGammaGamma(const double* theta, double* grad, void* user) noexcept {
    return EvaluateGammaGammaParts<false>(theta, grad, nullptr, user);
}
double EvaluateGammaGammaHessian(const double* theta, double* grad, double* hess, void* user) noexcept {
    return EvaluateGammaGammaParts<true>(theta, grad, hess, user);
}
}  // namespace

double GammaGammaObjective(GammaGammaPrepared& data, const double* theta, double* grad, double* hess) {
    return hess ? EvaluateGammaGammaHessian(theta, grad, hess, &data) : EvaluateGammaGamma(theta, grad, &data);
}

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
// The optimisation runs on the gradient alone (L-BFGS-B): the spend likelihood often runs flat along
// a ridge towards a limit (p and q large, gamma small: the example shop), where Newton's steps stop
// wherever the gradient has faded, while L-BFGS-B's steps carry it on to the bound the caveat names.
// The standard errors use the analytic Hessian.
BoundedProblem GammaGammaProblem(GammaGammaFitWork& work, bool withHessian = false) {
    BoundedProblem problem;
    problem.Dimension = 3;
    problem.Evaluate = EvaluateGammaGamma;
    if (withHessian) problem.EvaluateHessian = EvaluateGammaGammaHessian;
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
    const bool seOk = StandardErrorsAt(GammaGammaProblem(work, true), work.Optimum, static_cast<double>(fit.FitCustomers), se);
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
