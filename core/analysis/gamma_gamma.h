// Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value
// curves"; Fader & Hardie, "The Gamma-Gamma Model of Monetary Value", 2013; as lifetimes fits it):
// each purchase's value ~ Gamma(p, nu), nu ~ Gamma(q, gamma) across customers.
// As published (the default): fitted on the repeat buyers, with x = repeat occasions and mbar =
// the mean spend of those repeat occasions (the first purchase left out, as in the frequency x of
// BG/NBD). Expected spend per purchase for a customer:
//   E[M | x, mbar] = p (gamma + x mbar) / (p x + q - 1)   (needs q > 1)
// which for x = 0 (a one-time buyer) is the population mean p gamma / (q - 1).
// AnalysisSettings::SpendKeepsFirstPurchase = true fits on every occasion instead (n = occasions,
// mbar = mean over all of them), as earlier versions of the app did; never the default.
#pragma once
#include <vector>

#include "analysis/bgnbd.h"

namespace profila {

struct GammaGammaParams {
    double P = 1.0, Q = 1.0, Gamma = 1.0;
};

struct GammaGammaData {
    std::vector<double> N, Mean;  // occasions counted (x, or n with the first) and their mean spend (> 0)
    void Add(double n, double mean) {
        N.push_back(n);
        Mean.push_back(mean);
    }
    [[nodiscard]] size_t Size() const { return N.size(); }
};

[[nodiscard]] double GammaGammaLogLikelihood(const GammaGammaParams& p, double n, double mean);
[[nodiscard]] double GammaGammaLogLikelihood(const GammaGammaParams& p, const GammaGammaData& data);

struct GammaGammaFit {
    FitStatus Status = FitStatus::TooFewCustomers;
    GammaGammaParams Params;
    GammaGammaParams Se;  // standard errors from the observed information (NaN: unknown)
    double LogLikelihood = 0.0;
    int Iterations = 0;
    int Customers = 0;
    int FitCustomers = 0;
    bool AtBound = false;          // a parameter ended on its bound: the fit is Unreliable
    std::vector<Reason> Caveats;   // why the fit is Unreliable (see JudgeFit)
    Reason Why;  // "spend.fitted" {customers, log-likelihood}, "spend.too_few" {customers, min},
                 // "spend.q_le_1" {q} (a mean spend cannot be computed), "model.no_convergence",
                 // "spend.identical" {spend} (every mean spend the same: nothing to fit),
                 // "spend.unreliable" {customers, log-likelihood}
    [[nodiscard]] bool Ok() const { return Status == FitStatus::Fitted; }
    [[nodiscard]] bool HasEstimates() const { return Status == FitStatus::Fitted || Status == FitStatus::Unreliable; }
    // Population mean spend per purchase p gamma / (q - 1).
    [[nodiscard]] double PopulationMean() const { return Params.P * Params.Gamma / (Params.Q - 1); }
};

[[nodiscard]] GammaGammaFit FitGammaGamma(const GammaGammaData& data, int minCustomers, double maxRelativeSe = 1.0);

// The data as the likelihood reads it (every customer).
// Customers are grouped by their n (a few dozen distinct values), so every term but
// log(gamma + n mbar) is summed per group; that one is summed as the log of a product.
struct GammaGammaPrepared {
    std::vector<double> Ns;              // distinct n, ascending
    std::vector<size_t> GroupStart;      // customers of group k: [GroupStart[k], GroupStart[k+1])
    std::vector<double> Mean;            // mean spend per customer, by group
    std::vector<double> SumLogMean;      // per group: sum of log(mean)
    size_t Customers = 0;
};
// FitGammaGamma in steps for a run spread over frames: Begin checks and prepares the data (false:
// nothing to optimise, fit says why); Optimize finds the optimum (false: it did not settle);
// Judge adds the standard errors and caveats. End = Optimize, then Judge.
struct GammaGammaFitWork {
    GammaGammaPrepared Data;
    std::vector<double> Start, Optimum;
    bool AtBound[3] = {false, false, false};
    double MaxRelativeSe = 1.0;
};
// The fit's objective on prepared data (GammaGammaFitWork::Data): the mean negative log-likelihood over
// log-parameters theta[3], its gradient into grad[3] and, when hess is not null, its Hessian (row-major 3 x 3).
double GammaGammaObjective(GammaGammaPrepared& data, const double* theta, double* grad, double* hess);
bool BeginGammaGammaFit(const GammaGammaData& data, int minCustomers, GammaGammaFit& fit, GammaGammaFitWork& work);
bool OptimizeGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work);
void JudgeGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work);
void EndGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work);

// E[M | n, mbar]; n = 0 gives the population mean (a one-time buyer under the published definition).
[[nodiscard]] double GammaGammaExpectedSpend(const GammaGammaParams& p, double n, double mean);

}  // namespace profila
