// Bounded minimisation for the model fits (BG/NBD, Gamma-Gamma), on LBFGSpp's L-BFGS-B (Debian's
// liblbfgspp-dev, over Eigen). This file is the only one that lets the optimiser throw: LBFGSpp
// reports a failed line search by throwing, so the wasm build compiles just this file with
// exceptions on and the objective lives elsewhere, called through a plain function pointer.
#pragma once
#include <vector>

namespace profila {

struct BoundedProblem {
    int Dimension = 0;
    // Returns f(x) and writes the gradient into grad (Dimension values).
    double (*Evaluate)(const double* x, double* grad, void* user) noexcept = nullptr;  // noexcept: called without an exception wrapper
    // Optional: f, its gradient and its Hessian (Dimension x Dimension, row-major). With it the
    // minimisation ends in Newton steps, and the standard errors need one evaluation.
    double (*EvaluateHessian)(const double* x, double* grad, double* hess, void* user) noexcept = nullptr;
    void* User = nullptr;
    std::vector<double> Lower, Upper;
};

struct MinimizeResult {
    std::vector<double> X;         // best point seen
    double Value = 0.0;            // f there
    int Iterations = 0;
    int Evaluations = 0;
    bool Converged = false;        // gradient or relative change small enough
    bool LineSearchFailed = false; // stopped early; X is still the best point seen
    std::vector<double> Hessian;   // of f at X, when the Newton steps ended there (else empty)
};

// Standard errors from the observed information: the Hessian of the total negative log-likelihood
// (total = count x the mean problem.Evaluate returns) at x, inverted. The Hessian is the one given
// (f's at x, known already: MinimizeResult::Hessian), else the problem's EvaluateHessian, else
// forward differences of the analytic gradient. problem.Evaluate works on log-parameters, so the
// error of each log-parameter is turned into one of the parameter by the delta method:
// se(theta) = theta x se(log theta).
// Returns false (se left NaN) when the Hessian is not positive definite: how sure cannot be said.
bool StandardErrorsAt(const BoundedProblem& problem, const std::vector<double>& x, double count, std::vector<double>& se,
                      const std::vector<double>& hessian = {});

// L-BFGS-B to the gradient tolerance; when the problem has a Hessian, L-BFGS-B only to a loose
// tolerance, then projected Newton steps (quadratic convergence: a few, where L-BFGS-B takes ten more
// iterations; a parameter heading for its bound is tried there), damped where needed, and back to
// L-BFGS-B if they do not get there (a flat or ill-conditioned likelihood).
[[nodiscard]] MinimizeResult MinimizeBounded(const BoundedProblem& problem, std::vector<double> start, int maxIterations,
                                             double gradientTolerance);

}  // namespace profila
