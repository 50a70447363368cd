// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while alive, a
// customer buys at a Poisson rate lambda ~ Gamma(r, alpha); after each repeat purchase they drop
// out with probability p ~ Beta(a, b). Per customer the model reads
//   x   repeat purchase occasions (occasions - 1),
//   tx  time of the last occasion since the first, T  time from the first occasion to the
//   analysis date, both in the model's time unit (AnalysisSettings::TimeUnitDays; weeks by default).
// Fitted by maximum likelihood on log-parameters with L-BFGS-B, bounded, analytic gradient.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/settings.h"

namespace profila {

struct BgNbdParams {
    double R = 1.0, Alpha = 1.0, A = 1.0, B = 1.0;
};

struct BgNbdData {
    std::vector<double> X, Tx, T;
    void Add(double x, double tx, double t) {
        X.push_back(x);
        Tx.push_back(tx);
        T.push_back(t);
    }
    [[nodiscard]] size_t Size() const { return X.size(); }
};

// One customer's log-likelihood (FHL 2005 eq. 6) and the sum over data.
[[nodiscard]] double BgNbdLogLikelihood(const BgNbdParams& p, double x, double tx, double t);
[[nodiscard]] double BgNbdLogLikelihood(const BgNbdParams& p, const BgNbdData& data);

// Unreliable: the optimiser settled, but a caveat says the estimates cannot be trusted (a
// parameter on its bound, a standard error too large, no curvature at the optimum, identical
// spends); the figures are shown with their caveats and the app falls back as when not fitted.
enum class FitStatus { Fitted, TooFewCustomers, TooFewRepeatBuyers, NoConvergence, Unreliable };
[[nodiscard]] const char* FitStatusCode(FitStatus s);  // "fitted", "too_few_customers", ..., "unreliable"

// Index of each model parameter in caveats ("caveat.se" {index, ...}) and in the app's names.
enum ModelParam { kParamR, kParamAlpha, kParamA, kParamB, kParamP, kParamQ, kParamGamma };

// What makes a fit unreliable (AnalysisSettings::MaxRelativeSe): a standard error above this share
// of its estimate (1.0: an error as large as the estimate, which could as well be zero).
// Caveats written: "caveat.bound" {param, value}, "caveat.se" {param, se / estimate, limit},
// "caveat.no_information" {} (Hessian not positive definite at the optimum).
void JudgeFit(const double* params, const double* se, const bool* atBound, int count, int firstParam, bool seOk,
              double maxRelativeSe, std::vector<Reason>& caveats);

struct BgNbdFit {
    FitStatus Status = FitStatus::TooFewCustomers;
    BgNbdParams Params;
    BgNbdParams Se;          // standard errors from the observed information (NaN: unknown)
    double LogLikelihood = 0.0;  // of every customer in the data (no sampling)
    int Iterations = 0;
    int Evaluations = 0;     // of the likelihood of every customer
    int CoarseEvaluations = 0;  // of the coarse likelihood that found the start (BgNbdFitWork::Coarse)
    int DataRows = 0;        // distinct (x, tx, T) in the data: what the likelihood sums over
    int Customers = 0;       // in the data
    int RepeatBuyers = 0;    // x > 0
    int FitCustomers = 0;    // used by the fit: every customer
    bool AtBound = false;    // a parameter ended on its bound: the fit is Unreliable
    std::vector<Reason> Caveats;  // why the fit is Unreliable (see JudgeFit)
    Reason Why;              // "model.fitted" {customers, repeat buyers, log-likelihood},
                             // "model.too_few_customers" {customers, min}, "model.too_few_repeat" {repeat, min},
                             // "model.no_convergence" {iterations}, "model.unreliable" {customers, repeat buyers, log-likelihood}
    [[nodiscard]] bool Ok() const { return Status == FitStatus::Fitted; }
    // Estimates exist (fitted, or fitted with caveats): shown, with their standard errors.
    [[nodiscard]] bool HasEstimates() const { return Status == FitStatus::Fitted || Status == FitStatus::Unreliable; }
};

struct BgNbdFitOptions {
    int MinCustomers = 20;
    int MinRepeatBuyers = 10;
    int MaxIterations = 200;
    double MaxRelativeSe = 1.0;
};

[[nodiscard]] BgNbdFit FitBgNbd(const BgNbdData& data, const BgNbdFitOptions& options);

// The data compressed for fast evaluation. Each customer's log-likelihood is a part that depends
// only on x, a part linear in log(alpha + T) (and, in the gradient, in 1 / (alpha + T)), and for
// repeat buyers the log of a sum of two terms: l(x) - (r + x) log(alpha + T) + log(1 + e^(-|d|)) +
// max(0, d), d = log(a / (b + x - 1)) + (r + x) (log(alpha + T) - log(alpha + tx)). The first two
// are summed over the distinct x and T values with the customers' counts; only the last needs a
// pass over the distinct (x, T, tx) of the repeat buyers, grouped by x.
struct BgNbdCompressed {
    std::vector<double> Xs, Ts, Txs;   // distinct values
    std::vector<double> XWeight;       // customers per distinct x
    std::vector<double> TWeight, TXWeight;  // per distinct T: customers, and the sum of their x
    struct Row {
        uint32_t Ti, TxI;
        double Weight;                 // customers with this (x, T, tx)
    };
    std::vector<Row> Rows;             // repeat buyers' distinct (x, T, tx), grouped by x
    struct Group {
        uint32_t Xi, Begin, Single, End;  // Rows[Begin, End) have x = Xs[Xi]; those before Single are one customer's
    };
    std::vector<Group> Groups;
    size_t DistinctRows = 0;           // distinct (x, T, tx) of every customer
    double Total = 0.0;
    // Per-evaluation scratch.
    struct XTerms {
        double Ll, Dr, Da, Db;      // l(x) (with r log alpha) and its derivatives
        double La, LaDa, LaDb;      // log(a) - log(b+x-1) and derivatives (x > 0)
    };
    std::vector<XTerms> XCache;
    std::vector<double> LogAT, InvAT, LogATx, InvATx;
};

// The fit's objective on compressed data (BgNbdFitWork::Data): the mean negative log-likelihood over
// log-parameters theta[4], its gradient into grad[4] and, when hess is not null, its Hessian (row-major 4 x 4).
double BgNbdObjective(BgNbdCompressed& data, const double* theta, double* grad, double* hess);

// FitBgNbd in steps, so a run spread over frames does the data's preparation, the optimisation
// and the standard errors in different frames: Begin checks the data and compresses it (false: no
// optimisation is due, fit says why); Optimize finds the optimum (false: it did not settle, fit
// says why); Judge adds the standard errors and caveats. End = Optimize, then Judge.
// The fit starts where the likelihood of a coarse copy of the data peaks: T and tx rounded to 1/32
// of the longest T, the rows of equal rounded values merged (on 100,000 customers 84,000-93,000 rows
// become 5,000-10,000). From there Newton steps on the whole data take three or four evaluations,
// where the fixed start took eight to twelve. The same data always give the same start, so the same fit.
struct BgNbdFitWork {
    BgNbdCompressed Data;
    BgNbdCompressed Coarse;  // empty when the data are too few to gain from it
    std::vector<double> Start, Optimum;
    std::vector<double> Hessian;  // at Optimum, when the fit ended in Newton steps (the standard errors reuse it)
    bool AtBound[4] = {false, false, false, false};
    int MaxIterations = 200;
    double MaxRelativeSe = 1.0;
};
bool BeginBgNbdFit(const BgNbdData& data, const BgNbdFitOptions& options, BgNbdFit& fit, BgNbdFitWork& work);
bool OptimizeBgNbdFit(BgNbdFit& fit, BgNbdFitWork& work);
void JudgeBgNbdFit(BgNbdFit& fit, BgNbdFitWork& work);
void EndBgNbdFit(BgNbdFit& fit, BgNbdFitWork& work);

// P(alive | x, tx, T).
[[nodiscard]] double BgNbdProbabilityAlive(const BgNbdParams& p, double x, double tx, double t);
// E[X(t)] for a new customer over t time units.
[[nodiscard]] double BgNbdExpectedPurchases(const BgNbdParams& p, double t);

// E[Y(t) | x, tx, T]: expected purchases in the next t time units. Evaluated through Euler's
// transformation of the Gauss hypergeometric function,
//   ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z),
// z = t/(alpha+T+t), whose series coefficients depend only on x: the predictor caches them per x,
// so predicting 100,000 customers is a short polynomial each.
// The closed form divides 1 - (1-z)^(a-1) 2F1(...) by a - 1, which cancels badly near a = 1
// (2.6e-4 relative error at a = 1 + 1e-7 once). Every series term after the first carries the
// factor a - 1, so with L = log(1-z) and G = (2F1 - 1) / (a - 1) the shape is computed as
//   -expm1((a-1) L) / (a-1) - (1-z)^(a-1) G,
// with no cancellation and exact at a = 1 (-L - G).
class BgNbdPredictor {
public:
    explicit BgNbdPredictor(const BgNbdParams& params);
    [[nodiscard]] double ConditionalExpected(double x, double tx, double t, double horizon);
    [[nodiscard]] double ProbabilityAlive(double x, double tx, double t) const;
    // Cumulative E[Y(h_k)] for several horizons at once (ascending); writes horizons.size() values.
    void ConditionalExpectedMany(double x, double tx, double t, const std::vector<double>& horizons, double* out);
    // The same split in two factors, E[Y(h) | x, tx, T] = Lead(x, tx, T) x Shape(x, T, h): the shape
    // (the costly series, divided by a - 1) depends on x and T only, so customers sharing them share it.
    [[nodiscard]] double Lead(double x, double tx, double t, double* pAlive = nullptr) const;  // and P(alive)
    // The same from log(alpha + T) and log(alpha + tx), for callers that keep them per day.
    [[nodiscard]] double LeadFromLogs(double x, double logAT, double logATx, double* pAlive) const;
    [[nodiscard]] double Alpha() const { return P_.Alpha; }
    void Shape(double x, double t, const std::vector<double>& horizons, double* out);

private:
    double HypTail(int x, double z);  // (2F1(a+b-1-r, a-1; a+b+x-1; z) - 1) / (a - 1)
    BgNbdParams P_;
    std::vector<std::vector<double>> Coefficients_;  // of HypTail's series, per integer x (from z^1)
};

// Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its series (for tests and checks).
[[nodiscard]] double Hypergeometric2F1(double a, double b, double c, double z);

}  // namespace profila
