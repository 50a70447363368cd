// Gamma-Gamma model of spend per purchase (Fader & Hardie, "The Gamma-Gamma Model of Monetary
// Value", 2013): each purchase's value ~ Gamma(p, nu), nu ~ Gamma(q, gamma) across customers.
// Fitted on customers with at least two purchase occasions and positive spend, using n (their
// occasions) and mbar (mean value per occasion). Expected spend per purchase for a customer:
//   E[M | n, mbar] = p (gamma + n mbar) / (p n + q - 1)   (needs q > 1)
#pragma once
#include <vector>

#include "analysis/bgnbd.h"

namespace profila {

struct GammaGammaParams {
    double P = 1.0, Q = 1.0, Gamma = 1.0;
};

struct GammaGammaData {
    std::vector<double> N, Mean;  // occasions (>= 1) and mean spend per occasion (> 0)
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
    double LogLikelihood = 0.0;
    int Iterations = 0;
    int Customers = 0;
    int FitCustomers = 0;
    bool AtBound = false;
    Reason Why;  // "spend.fitted" {customers, log-likelihood}, "spend.too_few" {customers, min},
                 // "spend.q_le_1" {q} (a mean spend cannot be computed), "model.no_convergence"
    [[nodiscard]] bool Ok() const { return Status == FitStatus::Fitted; }
    // Population mean spend per purchase p gamma / (q - 1).
    [[nodiscard]] double PopulationMean() const { return Params.P * Params.Gamma / (Params.Q - 1); }
};

[[nodiscard]] GammaGammaFit FitGammaGamma(const GammaGammaData& data, int minCustomers, int maxFitCustomers = 20000);

// The data as the likelihood reads it (an even sample of at most maxFitCustomers).
struct GammaGammaPrepared {
    std::vector<double> N, LogMean, Mean, LogN;
    std::vector<int> Ni;  // index of distinct n
    std::vector<double> Ns;
    std::vector<double> NLg, NPsi;  // per distinct n, per evaluation
};
// FitGammaGamma in two steps for a run spread over frames: Begin checks and prepares the data
// (false: nothing to optimise, fit says why); End optimises and fills in the rest of fit.
struct GammaGammaFitWork {
    GammaGammaPrepared Data;
    std::vector<double> Start;
};
bool BeginGammaGammaFit(const GammaGammaData& data, int minCustomers, int maxFitCustomers, GammaGammaFit& fit,
                        GammaGammaFitWork& work);
void EndGammaGammaFit(GammaGammaFit& fit, GammaGammaFitWork& work);

[[nodiscard]] double GammaGammaExpectedSpend(const GammaGammaParams& p, double n, double mean);

}  // namespace profila
