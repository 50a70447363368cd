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

enum class FitStatus { Fitted, TooFewCustomers, TooFewRepeatBuyers, NoConvergence };
[[nodiscard]] const char* FitStatusCode(FitStatus s);  // "fitted", "too_few_customers", ...

struct BgNbdFit {
    FitStatus Status = FitStatus::TooFewCustomers;
    BgNbdParams Params;
    double LogLikelihood = 0.0;
    int Iterations = 0;
    int Evaluations = 0;
    int Customers = 0;       // in the data
    int RepeatBuyers = 0;    // x > 0
    int FitCustomers = 0;    // used by the fit (all, or an even sample of MaxFitCustomers)
    bool AtBound = false;    // a parameter ended on its bound: read with care
    Reason Why;              // "model.fitted" {customers, repeat buyers, log-likelihood},
                             // "model.too_few_customers" {customers, min}, "model.too_few_repeat" {repeat, min},
                             // "model.no_convergence" {iterations}
    [[nodiscard]] bool Ok() const { return Status == FitStatus::Fitted; }
};

struct BgNbdFitOptions {
    int MinCustomers = 20;
    int MinRepeatBuyers = 10;
    int MaxFitCustomers = 20000;  // larger bases: fit on an even sample of this many (0 = all)
    int MaxIterations = 200;
};

[[nodiscard]] BgNbdFit FitBgNbd(const BgNbdData& data, const BgNbdFitOptions& options);

// The data compressed for fast evaluation: distinct x and T values carry the special functions
// and logarithms; non-repeat buyers collapse to one weighted row per distinct T.
struct BgNbdCompressed {
    std::vector<double> Xs, Ts, Txs;
    struct Row {
        uint32_t Xi, Ti, TxI;
        double Weight;
    };
    std::vector<Row> Rows;
    double Total = 0.0;
    // Per-evaluation scratch.
    struct XTerms {
        double Ll, Dr, Da, Db;      // A1 + A2 and their derivatives (alpha part added per row)
        double La, LaDa, LaDb;      // log(a) - log(b+x-1) and derivatives (x > 0)
    };
    std::vector<XTerms> XCache;
    std::vector<double> LogAT, InvAT, LogATx, InvATx;
};


// FitBgNbd in two steps, so a run spread over frames does the data's preparation and the
// optimisation in different frames: Begin checks the data and compresses the sample (false: no
// optimisation is due, fit says why); End optimises and fills in the rest of fit.
struct BgNbdFitWork {
    BgNbdCompressed Data;
    std::vector<double> Start;
    int MaxIterations = 200;
};
bool BeginBgNbdFit(const BgNbdData& data, const BgNbdFitOptions& options, BgNbdFit& fit, BgNbdFitWork& work);
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
class BgNbdPredictor {
public:
    explicit BgNbdPredictor(const BgNbdParams& params);
    [[nodiscard]] double ConditionalExpected(double x, double tx, double t, double horizon);
    [[nodiscard]] double ProbabilityAlive(double x, double tx, double t) const;
    // Cumulative E[Y(h_k)] for several horizons at once (ascending); writes horizons.size() values.
    void ConditionalExpectedMany(double x, double tx, double t, const std::vector<double>& horizons, double* out);
    // The same split in two factors, E[Y(h) | x, tx, T] = Lead(x, tx, T) x Shape(x, T, h): the shape
    // (the costly series) depends on x and T only, so customers sharing them share it.
    [[nodiscard]] double Lead(double x, double tx, double t, double* pAlive = nullptr) const;  // and P(alive)
    // The same from log(alpha + T) and log(alpha + tx), for callers that keep them per day.
    [[nodiscard]] double LeadFromLogs(double x, double logAT, double logATx, double* pAlive) const;
    [[nodiscard]] double Alpha() const { return P_.Alpha; }
    void Shape(double x, double t, const std::vector<double>& horizons, double* out);

private:
    double Hyp(int x, double z);  // 2F1(a+b-1-r, a-1; a+b+x-1; z)
    BgNbdParams P_;
    std::vector<std::vector<double>> Coefficients_;  // per integer x
};

// Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its series (for tests and checks).
[[nodiscard]] double Hypergeometric2F1(double a, double b, double c, double z);

}  // namespace profila
