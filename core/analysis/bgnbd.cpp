#include "analysis/bgnbd.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/key_index.h"
#include "analysis/optimize.h"
#include "analysis/special.h"

namespace profila {

namespace {

constexpr double kMinParam = 1e-4;
constexpr double kMaxShape = 1e4;
constexpr double kMaxAlpha = 1e7;
}  // namespace

const char* FitStatusCode(FitStatus s) {
    switch (s) {
        case FitStatus::Fitted: return "fitted";
        case FitStatus::TooFewCustomers: return "too_few_customers";
        case FitStatus::TooFewRepeatBuyers: return "too_few_repeat";
        case FitStatus::NoConvergence: return "no_convergence";
        case FitStatus::Unreliable: return "unreliable";
    }
    return "";
}

void JudgeFit(const double* params, const double* se, const bool* atBound, int count, int firstParam, bool seOk,
              double maxRelativeSe, std::vector<Reason>& caveats) {
    caveats.clear();
    for (int i = 0; i < count; ++i)
        if (atBound[i]) caveats.push_back(Reason("caveat.bound", {double(firstParam + i), params[i]}));
    if (!caveats.empty()) return;  // on a bound the curvature says nothing more
    if (!seOk) {
        caveats.push_back(Reason("caveat.no_information", {}));
        return;
    }
    for (int i = 0; i < count; ++i) {
        const double relative = se[i] / params[i];
        if (!(relative <= maxRelativeSe)) caveats.push_back(Reason("caveat.se", {double(firstParam + i), relative, maxRelativeSe}));
    }
}

double BgNbdLogLikelihood(const BgNbdParams& p, double x, double tx, double t) {
    const double r = p.R, alpha = p.Alpha, a = p.A, b = p.B;
    double a1 = std::lgamma(r + x) - std::lgamma(r) + r * std::log(alpha);
    double a2 = std::lgamma(a + b) + std::lgamma(b + x) - std::lgamma(b) - std::lgamma(a + b + x);
    double a3 = -(r + x) * std::log(alpha + t);
    if (x <= 0) return a1 + a2 + a3;
    double a4 = std::log(a) - std::log(b + x - 1) - (r + x) * std::log(alpha + tx);
    double m = std::max(a3, a4);
    return a1 + a2 + m + std::log(std::exp(a3 - m) + std::exp(a4 - m));
}

double BgNbdLogLikelihood(const BgNbdParams& p, const BgNbdData& data) {
    double sum = 0.0;
    for (size_t i = 0; i < data.Size(); ++i) sum += BgNbdLogLikelihood(p, data.X[i], data.Tx[i], data.T[i]);
    return sum;
}

namespace {
// Stable counting sort of `order` by key[order[i]] (keys below `keys`).
void CountingSortBy(const std::vector<uint32_t>& key, size_t keys, std::vector<uint32_t>& order, std::vector<uint32_t>& spare) {
    std::vector<uint32_t> start(keys + 1, 0);
    for (uint32_t i : order) ++start[key[i] + 1];
    for (size_t k = 1; k <= keys; ++k) start[k] += start[k - 1];
    spare.resize(order.size());
    for (uint32_t i : order) spare[start[key[i]]++] = i;
    order.swap(spare);
}

// The per-evaluation scratch, one entry per distinct value.
void SizeCaches(BgNbdCompressed& c) {
    c.XCache.resize(c.Xs.size());
    c.LogAT.resize(c.Ts.size());
    c.InvAT.resize(c.Ts.size());
    c.LogATx.resize(c.Txs.size());
    c.InvATx.resize(c.Txs.size());
}

// Distinct x, T and tx values (in the order they first come), and one weighted row per distinct
// (x, T, tx) triple, the rows in order of x, then T, then tx (three stable counting sorts).
void Compress(const BgNbdData& data, BgNbdCompressed& c) {
    c = BgNbdCompressed{};
    const size_t n = data.Size();
    KeyIndex xIndex, tIndex, txIndex;
    std::vector<uint32_t> xi(n), ti(n), txi(n);
    bool fresh = false;
    for (size_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(std::llround(data.X[i]));
        xi[i] = xIndex.Find(KeyIndex::KeyOf(x), &fresh);
        if (fresh) c.Xs.push_back(x);
        ti[i] = tIndex.Find(KeyIndex::KeyOf(data.T[i]), &fresh);
        if (fresh) c.Ts.push_back(data.T[i]);
        const double tx = x > 0 ? data.Tx[i] : 0.0;
        txi[i] = txIndex.Find(KeyIndex::KeyOf(tx), &fresh);
        if (fresh) c.Txs.push_back(tx);
    }
    std::vector<uint32_t> order(n), spare;
    std::iota(order.begin(), order.end(), 0u);
    CountingSortBy(txi, c.Txs.size(), order, spare);
    CountingSortBy(ti, c.Ts.size(), order, spare);
    CountingSortBy(xi, c.Xs.size(), order, spare);
    c.XWeight.assign(c.Xs.size(), 0.0);
    c.TWeight.assign(c.Ts.size(), 0.0);
    c.TXWeight.assign(c.Ts.size(), 0.0);
    uint32_t lastX = ~0u, lastT = ~0u, lastTx = ~0u;
    for (uint32_t i : order) {
        const double x = c.Xs[xi[i]];
        c.XWeight[xi[i]] += 1.0;
        c.TWeight[ti[i]] += 1.0;
        c.TXWeight[ti[i]] += x;
        const bool same = xi[i] == lastX && ti[i] == lastT && txi[i] == lastTx;
        if (!same) ++c.DistinctRows;
        if (x > 0) {
            if (c.Groups.empty() || c.Groups.back().Xi != xi[i]) {
                const uint32_t at = static_cast<uint32_t>(c.Rows.size());
                c.Groups.push_back({xi[i], at, at, at});
            }
            if (same)
                c.Rows.back().Weight += 1.0;
            else
                c.Rows.push_back({ti[i], txi[i], 1.0});
            c.Groups.back().End = static_cast<uint32_t>(c.Rows.size());
        }
        lastX = xi[i];
        lastT = ti[i];
        lastTx = txi[i];
    }
    // In each group the rows of one customer first (stable: in order of T, then tx).
    for (auto& group : c.Groups) {
        auto middle = std::stable_partition(c.Rows.begin() + group.Begin, c.Rows.begin() + group.End,
                                            [](const BgNbdCompressed::Row& row) { return row.Weight == 1.0; });
        group.Single = static_cast<uint32_t>(middle - c.Rows.begin());
    }
    c.Total = static_cast<double>(n);
    SizeCaches(c);
}

// The coarse copy of compressed data (see BgNbdFitWork): each T and tx rounded to the nearest of
// kCoarseSteps + 1 points from 0 to the longest T, the rows with the same x and rounded values merged.
// Left empty when that would not make the rows at least four times fewer.
constexpr int kCoarseSteps = 32;
void Coarsen(const BgNbdCompressed& fine, BgNbdCompressed& c) {
    c = BgNbdCompressed{};
    constexpr size_t kMinRows = 4096;  // below this the whole data are cheap enough
    if (fine.Rows.size() < kMinRows || fine.Ts.empty()) return;
    const double longest = *std::max_element(fine.Ts.begin(), fine.Ts.end());
    if (!(longest > 0)) return;
    const double step = longest / kCoarseSteps;
    const auto point = [&](double v) { return static_cast<uint32_t>(std::clamp(std::lround(v / step), 0L, long{kCoarseSteps})); };
    constexpr uint32_t kPoints = kCoarseSteps + 1;
    // Distinct values: the points that occur, in the order they first come; of[i]: values[i]'s.
    const auto toPoints = [&](const std::vector<double>& values, std::vector<double>& points) {
        std::vector<uint32_t> of(values.size()), index(kPoints, ~0u);
        for (size_t i = 0; i < values.size(); ++i) {
            const uint32_t k = point(values[i]);
            if (index[k] == ~0u) {
                index[k] = static_cast<uint32_t>(points.size());
                points.push_back(k * step);
            }
            of[i] = index[k];
        }
        return of;
    };
    const std::vector<uint32_t> tOf = toPoints(fine.Ts, c.Ts), txOf = toPoints(fine.Txs, c.Txs);
    c.Xs = fine.Xs;
    c.XWeight = fine.XWeight;
    c.TWeight.assign(c.Ts.size(), 0.0);
    c.TXWeight.assign(c.Ts.size(), 0.0);
    for (size_t i = 0; i < fine.Ts.size(); ++i) {
        c.TWeight[tOf[i]] += fine.TWeight[i];
        c.TXWeight[tOf[i]] += fine.TXWeight[i];
    }
    // Each group's rows merged by (T, tx) through a table of the rows made, reset after the group.
    std::vector<uint32_t> rowAt(c.Ts.size() * c.Txs.size(), ~0u);
    for (const auto& group : fine.Groups) {
        const uint32_t begin = static_cast<uint32_t>(c.Rows.size());
        for (uint32_t k = group.Begin; k < group.End; ++k) {
            const auto& row = fine.Rows[k];
            const size_t cell = size_t{tOf[row.Ti]} * c.Txs.size() + txOf[row.TxI];
            if (rowAt[cell] == ~0u) {
                rowAt[cell] = static_cast<uint32_t>(c.Rows.size());
                c.Rows.push_back({tOf[row.Ti], txOf[row.TxI], 0.0});
            }
            c.Rows[rowAt[cell]].Weight += row.Weight;
        }
        const uint32_t end = static_cast<uint32_t>(c.Rows.size());
        for (uint32_t k = begin; k < end; ++k) rowAt[size_t{c.Rows[k].Ti} * c.Txs.size() + c.Rows[k].TxI] = ~0u;
        const auto middle = std::stable_partition(c.Rows.begin() + begin, c.Rows.begin() + end,
                                                  [](const BgNbdCompressed::Row& row) { return row.Weight == 1.0; });
        c.Groups.push_back({group.Xi, begin, static_cast<uint32_t>(middle - c.Rows.begin()), end});
    }
    if (c.Rows.size() * 4 > fine.Rows.size()) {
        c = BgNbdCompressed{};
        return;
    }
    c.DistinctRows = c.Rows.size();
    c.Total = fine.Total;
    SizeCaches(c);
}

// Mean negative log-likelihood over log-parameters, with its gradient (the sums as in
// BgNbdCompressed: per distinct x, per distinct T, then the repeat buyers' rows) and, when kHessian,
// its Hessian (row-major 4 x 4): the Newton steps that end the fit and the standard errors use it.
// In the parameters p = (r, alpha, a, b) the rows' term is softplus(d): its Hessian is
// s(1 - s) grad(d) grad(d)' + s hess(d), s = e^d / (1 + e^d), summed per group of one x.
template <bool kHessian>
double EvaluateBgNbdParts(const double* theta, double* grad, double* hess, void* user) noexcept {
    auto& c = *static_cast<BgNbdCompressed*>(user);
    const double r = std::exp(theta[0]), alpha = std::exp(theta[1]), a = std::exp(theta[2]), b = std::exp(theta[3]);
    const double logAlpha = std::log(alpha);
    const double lgR = std::lgamma(r), lgB = std::lgamma(b), lgAB = std::lgamma(a + b);
    const double psiR = Digamma(r), psiB = Digamma(b), psiAB = Digamma(a + b);
    double ll = 0, gr = 0, gAlpha = c.Total * r / alpha, ga = 0, gb = 0;
    // The Hessian of the log-likelihood in p (symmetric: the upper half), r log alpha of every customer first.
    double hrr = 0, hra = c.Total / alpha, hrA = 0, hrB = 0, haa = -c.Total * r / (alpha * alpha), haA = 0, haB = 0, hAA = 0, hAB = 0, hBB = 0;
    const double triR = kHessian ? Trigamma(r) : 0, triB = kHessian ? Trigamma(b) : 0, triAB = kHessian ? Trigamma(a + b) : 0;
    for (size_t i = 0; i < c.Xs.size(); ++i) {
        const double x = c.Xs[i];
        auto& t = c.XCache[i];
        const double w = c.XWeight[i];
        if (x == 0) {
            t.Ll = r * logAlpha;
            t.Dr = logAlpha;
            t.Da = t.Db = t.La = t.LaDa = t.LaDb = 0;
        } else {
            const double psiABx = Digamma(a + b + x);
            t.Ll = std::lgamma(r + x) - lgR + r * logAlpha + lgAB + std::lgamma(b + x) - lgB - std::lgamma(a + b + x);
            t.Dr = Digamma(r + x) - psiR + logAlpha;
            t.Da = psiAB - psiABx;
            t.Db = psiAB + Digamma(b + x) - psiB - psiABx;
            t.La = std::log(a) - std::log(b + x - 1);
            t.LaDa = 1.0 / a;
            t.LaDb = -1.0 / (b + x - 1);
            if constexpr (kHessian) {
                const double triABx = Trigamma(a + b + x);
                hrr += w * (Trigamma(r + x) - triR);
                hAA += w * (triAB - triABx);
                hAB += w * (triAB - triABx);
                hBB += w * (triAB + Trigamma(b + x) - triB - triABx);
            }
        }
        ll += w * t.Ll;
        gr += w * t.Dr;
        ga += w * t.Da;
        gb += w * t.Db;
    }
    // -(r + x) log(alpha + T), summed per distinct T.
    for (size_t i = 0; i < c.Ts.size(); ++i) {
        const double logAT = std::log(alpha + c.Ts[i]), invAT = 1.0 / (alpha + c.Ts[i]);
        c.LogAT[i] = logAT;
        c.InvAT[i] = invAT;
        const double rx = r * c.TWeight[i] + c.TXWeight[i];  // sum of (r + x) over the customers with this T
        ll -= rx * logAT;
        gr -= c.TWeight[i] * logAT;
        gAlpha -= rx * invAT;
        if constexpr (kHessian) {
            hra -= c.TWeight[i] * invAT;
            haa += rx * invAT * invAT;
        }
    }
    for (size_t i = 0; i < c.Txs.size(); ++i) {
        c.LogATx[i] = std::log(alpha + c.Txs[i]);
        c.InvATx[i] = 1.0 / (alpha + c.Txs[i]);
    }
    // The repeat buyers: log(1 + e^(-|d|)) + max(0, d), and the share w4 of the second term in the
    // gradient. The log(1 + e) terms of single customers are summed as the log of their product
    // (each factor is at most 2, so it is rescaled only when it passes 2^500): one log per
    // evaluation instead of one per row.
    double product = 1.0, productLog2 = 0.0;
    for (const auto& group : c.Groups) {
        const auto& t = c.XCache[group.Xi];
        const double rx = r + c.Xs[group.Xi];
        double w4Sum = 0, w4Diff = 0, w4Inv = 0, above = 0;
        // The Hessian's sums over the group's rows: q = weight s (1 - s) times the products of d's
        // derivatives in r (diff) and alpha (rx inv), and w4 times d's second derivative in alpha.
        double q = 0, qDiff = 0, qDiff2 = 0, qInv = 0, qInv2 = 0, qDiffInv = 0, w4Inv2 = 0;
        // One row's terms: d = a4 - a3, e = e^(-|d|), the share w4 of the second term, and the row's
        // parts of the gradient sums, times the row's weight.
        struct Terms {
            double D, E;
        };
        auto addRow = [&](const BgNbdCompressed::Row& row, double weight) {
            const double diff = c.LogAT[row.Ti] - c.LogATx[row.TxI];  // log(alpha + T) - log(alpha + tx)
            const double d = t.La + rx * diff;
            const double e = std::exp(-std::abs(d));
            const double share = e / (1 + e);  // of the smaller of the two terms
            const double w4 = weight * (d < 0 ? share : 1 - share);
            const double inv = c.InvAT[row.Ti] - c.InvATx[row.TxI];
            w4Sum += w4;
            w4Diff += w4 * diff;
            w4Inv += w4 * inv;
            if constexpr (kHessian) {
                const double qi = weight * share * (1 - share);
                q += qi;
                qDiff += qi * diff;
                qDiff2 += qi * diff * diff;
                qInv += qi * inv;
                qInv2 += qi * inv * inv;
                qDiffInv += qi * diff * inv;
                w4Inv2 += w4 * (c.InvAT[row.Ti] * c.InvAT[row.Ti] - c.InvATx[row.TxI] * c.InvATx[row.TxI]);
            }
            return Terms{d, e};
        };
        // Single customers first (weight 1, their log(1 + e) in the product), then the rows of several.
        for (uint32_t k = group.Begin; k < group.Single; ++k) {
            const Terms row = addRow(c.Rows[k], 1.0);
            above += row.D > 0 ? row.D : 0.0;
            product *= 1 + row.E;
            if (product > 0x1p500) {
                product *= 0x1p-500;
                productLog2 += 500;
            }
        }
        for (uint32_t k = group.Single; k < group.End; ++k) {
            const double weight = c.Rows[k].Weight;
            const Terms row = addRow(c.Rows[k], weight);
            above += weight * ((row.D > 0 ? row.D : 0.0) + std::log1p(row.E));
        }
        ll += above;
        gr += w4Diff;
        gAlpha += rx * w4Inv;
        ga += w4Sum * t.LaDa;
        gb += w4Sum * t.LaDb;
        if constexpr (kHessian) {
            // d's derivatives: diff (r), rx inv (alpha), 1 / a (a), -1 / (b + x - 1) (b); its second
            // ones: inv (r, alpha), -rx (1/(alpha+T)^2 - 1/(alpha+tx)^2) (alpha, alpha), -1/a^2, 1/(b+x-1)^2.
            const double da = t.LaDa, db = t.LaDb;
            hrr += qDiff2;
            hra += rx * qDiffInv + w4Inv;
            hrA += da * qDiff;
            hrB += db * qDiff;
            haa += rx * rx * qInv2 - rx * w4Inv2;
            haA += rx * da * qInv;
            haB += rx * db * qInv;
            hAA += da * da * q - w4Sum * da * da;
            hAB += da * db * q;
            hBB += db * db * q + w4Sum * db * db;
        }
    }
    ll += std::log(product) + productLog2 * 0.69314718055994530942;  // ln 2
    const double scale = -1.0 / c.Total;
    const double p[4] = {r, alpha, a, b}, g[4] = {gr, gAlpha, ga, gb};
    for (int i = 0; i < 4; ++i) grad[i] = scale * g[i] * p[i];
    if constexpr (kHessian) {
        // In log-parameters: d2f/dtheta_i dtheta_j = scale (H_ij p_i p_j + [i = j] g_i p_i).
        const double h[4][4] = {{hrr, hra, hrA, hrB}, {hra, haa, haA, haB}, {hrA, haA, hAA, hAB}, {hrB, haB, hAB, hBB}};
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) hess[4 * i + j] = scale * (h[i][j] * p[i] * p[j] + (i == j ? g[i] * p[i] : 0.0));
    }
    return scale * ll;
}

double EvaluateBgNbd(const double* theta, double* grad, void* user) noexcept {
    return EvaluateBgNbdParts<false>(theta, grad, nullptr, user);
}
double EvaluateBgNbdHessian(const double* theta, double* grad, double* hess, void* user) noexcept {
    return EvaluateBgNbdParts<true>(theta, grad, hess, user);
}
}  // namespace

double BgNbdObjective(BgNbdCompressed& data, const double* theta, double* grad, double* hess) {
    return hess ? EvaluateBgNbdHessian(theta, grad, hess, &data) : EvaluateBgNbd(theta, grad, &data);
}

bool BeginBgNbdFit(const BgNbdData& data, const BgNbdFitOptions& options, BgNbdFit& fit, BgNbdFitWork& work) {
    fit = BgNbdFit{};
    fit.Customers = static_cast<int>(data.Size());
    for (double x : data.X) fit.RepeatBuyers += x > 0;
    if (fit.Customers < options.MinCustomers) {
        fit.Status = FitStatus::TooFewCustomers;
        fit.Why = Reason("model.too_few_customers", {double(fit.Customers), double(options.MinCustomers)});
        return false;
    }
    if (fit.RepeatBuyers < options.MinRepeatBuyers) {
        fit.Status = FitStatus::TooFewRepeatBuyers;
        fit.Why = Reason("model.too_few_repeat", {double(fit.RepeatBuyers), double(options.MinRepeatBuyers)});
        return false;
    }
    // Every customer: the compression (distinct x, T, tx) keeps the whole base cheap to evaluate.
    fit.FitCustomers = fit.Customers;
    Compress(data, work.Data);
    Coarsen(work.Data, work.Coarse);
    fit.DataRows = static_cast<int>(work.Data.DistinctRows);

    // Sane start: r = 1, a = b = 1, alpha so that r / alpha matches the observed purchase rate.
    double sumX = 0, sumT = 0;
    for (size_t i = 0; i < data.Size(); ++i) {
        sumX += data.X[i];
        sumT += data.T[i];
    }
    double rate = sumT > 0 ? std::max(sumX / sumT, 1e-6) : 1.0;
    work.Start = {0.0, std::log(std::clamp(1.0 / rate, 1e-3, 1e6)), 0.0, 0.0};
    work.MaxIterations = options.MaxIterations;
    work.MaxRelativeSe = options.MaxRelativeSe;
    return true;
}

namespace {
BoundedProblem BgNbdProblem(BgNbdCompressed& data) {
    BoundedProblem problem;
    problem.Dimension = 4;
    problem.Evaluate = EvaluateBgNbd;
    problem.EvaluateHessian = EvaluateBgNbdHessian;
    problem.User = &data;
    problem.Lower = {std::log(kMinParam), std::log(kMinParam), std::log(kMinParam), std::log(kMinParam)};
    problem.Upper = {std::log(kMaxShape), std::log(kMaxAlpha), std::log(kMaxShape), std::log(kMaxShape)};
    return problem;
}
}  // namespace

bool OptimizeBgNbdFit(BgNbdFit& fit, BgNbdFitWork& work) {
    std::vector<double> start = work.Start;
    if (!work.Coarse.Rows.empty()) {  // the start found on the coarse data (to the same tolerance)
        const MinimizeResult coarse = MinimizeBounded(BgNbdProblem(work.Coarse), start, work.MaxIterations, 1e-7);
        fit.CoarseEvaluations = coarse.Evaluations;
        if (std::isfinite(coarse.Value) && coarse.Converged) start = coarse.X;
    }
    const BoundedProblem problem = BgNbdProblem(work.Data);
    MinimizeResult m = MinimizeBounded(problem, start, work.MaxIterations, 1e-7);
    fit.Iterations = m.Iterations;
    fit.Evaluations = m.Evaluations;
    fit.Params = {std::exp(m.X[0]), std::exp(m.X[1]), std::exp(m.X[2]), std::exp(m.X[3])};
    fit.LogLikelihood = -m.Value * work.Data.Total;
    work.Optimum = m.X;
    work.Hessian = m.Hessian;
    for (int i = 0; i < 4; ++i) {
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

void JudgeBgNbdFit(BgNbdFit& fit, BgNbdFitWork& work) {
    std::vector<double> se;
    const bool seOk = StandardErrorsAt(BgNbdProblem(work.Data), work.Optimum, work.Data.Total, se, work.Hessian);
    for (int i = 0; i < 4; ++i)
        if (work.AtBound[i]) se[i] = std::nan("");  // the curvature at a bound is no standard error
    fit.Se = {se[0], se[1], se[2], se[3]};
    const double params[4] = {fit.Params.R, fit.Params.Alpha, fit.Params.A, fit.Params.B};
    JudgeFit(params, se.data(), work.AtBound, 4, kParamR, seOk, work.MaxRelativeSe, fit.Caveats);
    fit.Status = fit.Caveats.empty() ? FitStatus::Fitted : FitStatus::Unreliable;
    fit.Why = Reason(fit.Caveats.empty() ? "model.fitted" : "model.unreliable",
                     {double(fit.Customers), double(fit.RepeatBuyers), fit.LogLikelihood, double(fit.FitCustomers)});
}

void EndBgNbdFit(BgNbdFit& fit, BgNbdFitWork& work) {
    if (OptimizeBgNbdFit(fit, work)) JudgeBgNbdFit(fit, work);
}

BgNbdFit FitBgNbd(const BgNbdData& data, const BgNbdFitOptions& options) {
    BgNbdFit fit;
    BgNbdFitWork work;
    if (BeginBgNbdFit(data, options, fit, work)) EndBgNbdFit(fit, work);
    return fit;
}

double Hypergeometric2F1(double a, double b, double c, double z) {
    double term = 1.0, sum = 1.0;
    for (int k = 0; k < 100000; ++k) {
        term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
        sum += term;
        if (std::abs(term) < 1e-15 * std::abs(sum)) break;
    }
    return sum;
}

double BgNbdProbabilityAlive(const BgNbdParams& p, double x, double tx, double t) {
    if (x <= 0) return 1.0;
    double logRatio = (p.R + x) * (std::log(p.Alpha + t) - std::log(p.Alpha + tx));
    double odds = p.A / (p.B + x - 1) * std::exp(std::min(logRatio, 700.0));
    return 1.0 / (1.0 + odds);
}

double BgNbdExpectedPurchases(const BgNbdParams& p, double t) {
    // A new customer is one with x = 0 observed for no time: E[X(t)] = E[Y(t) | 0, 0, 0].
    BgNbdPredictor predictor(p);
    return predictor.ConditionalExpected(0, 0, 0, t);
}

BgNbdPredictor::BgNbdPredictor(const BgNbdParams& params) : P_(params) {}

double BgNbdPredictor::HypTail(int x, double z) {
    if (x < 0) x = 0;
    if (static_cast<size_t>(x) >= Coefficients_.size()) Coefficients_.resize(x + 1);
    auto& c = Coefficients_[x];
    const double ap = P_.A + P_.B - 1 - P_.R, bp = P_.A - 1, cp = P_.A + P_.B + x - 1;
    // c[k] is the coefficient of z^(k+1): the 2F1 term's, without its factor (a - 1).
    if (c.empty()) c.push_back(ap / cp);
    double sum = 0.0, zk = z;
    // Four terms per convergence check; relative accuracy 1e-13 is far beyond what is shown.
    for (size_t k = 0; k < 20000; k += 4) {
        while (c.size() < k + 4) {
            const size_t j = c.size();  // coefficient of z^(j+1) from that of z^j
            const double km = static_cast<double>(j);
            c.push_back(c[j - 1] * (ap + km) * (bp + km) / ((cp + km) * (km + 1)));
        }
        const double* ck = c.data() + k;
        const double z2 = z * z;
        const double t0 = ck[0] * zk, t1 = ck[1] * zk * z, t2 = ck[2] * zk * z2, t3 = ck[3] * zk * z2 * z;
        sum += (t0 + t1) + (t2 + t3);
        zk *= z2 * z2;
        if (std::abs(t3) <= 1e-13 * std::abs(sum) && k > 0) break;
    }
    return sum;
}

double BgNbdPredictor::ProbabilityAlive(double x, double tx, double t) const {
    return BgNbdProbabilityAlive(P_, x, tx, t);
}

double BgNbdPredictor::ConditionalExpected(double x, double tx, double t, double horizon) {
    double out = 0.0;
    std::vector<double> h{horizon};
    ConditionalExpectedMany(x, tx, t, h, &out);
    return out;
}

double BgNbdPredictor::Lead(double x, double tx, double t, double* pAlive) const {
    return LeadFromLogs(x, std::log(P_.Alpha + t), x > 0 ? std::log(P_.Alpha + tx) : 0.0, pAlive);
}

double BgNbdPredictor::LeadFromLogs(double x, double logAT, double logATx, double* pAlive) const {
    const double r = P_.R, a = P_.A, b = P_.B;
    double den = 1.0;
    if (x > 0) {
        double logRatio = (r + x) * (logAT - logATx);
        den += a / (b + x - 1) * std::exp(std::min(logRatio, 700.0));
    }
    if (pAlive) *pAlive = 1.0 / den;  // = BgNbdProbabilityAlive
    return (a + b + x - 1) / den;  // the 1 / (a - 1) is in Shape
}

void BgNbdPredictor::Shape(double x, double t, const std::vector<double>& horizons, double* out) {
    const double alpha = P_.Alpha, a = P_.A;
    const double logAT = std::log(alpha + t);
    const int xi = static_cast<int>(std::lround(x));
    for (size_t k = 0; k < horizons.size(); ++k) {
        const double h = horizons[k];
        if (h <= 0) {
            out[k] = 0.0;
            continue;
        }
        const double logATH = std::log(alpha + t + h);
        const double z = h / (alpha + t + h);
        const double logOneMinusZ = logAT - logATH;
        const double e = a - 1;
        const double lead = e == 0.0 ? -logOneMinusZ : -std::expm1(e * logOneMinusZ) / e;  // (1 - (1-z)^(a-1)) / (a-1)
        out[k] = lead - std::exp(e * logOneMinusZ) * HypTail(xi, z);
    }
}

void BgNbdPredictor::ConditionalExpectedMany(double x, double tx, double t, const std::vector<double>& horizons,
                                             double* out) {
    const double lead = Lead(x, tx, t);
    Shape(x, t, horizons, out);
    for (size_t k = 0; k < horizons.size(); ++k) out[k] *= lead;
}

}  // namespace profila
