#include "analysis/optimize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Core>
#include <Eigen/Cholesky>
#include <LBFGSB.h>

namespace profila {

namespace {
struct Objective {
    const BoundedProblem* Problem;
    std::vector<double> Best;
    double BestValue = std::numeric_limits<double>::infinity();
    int Evaluations = 0;

    double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
        ++Evaluations;
        double f = Problem->Evaluate(x.data(), grad.data(), Problem->User);
        if (!std::isfinite(f)) {
            // Outside where the likelihood is computable: push back gently towards the start.
            grad.setZero();
            return std::numeric_limits<double>::max() / 4;
        }
        if (f < BestValue) {
            BestValue = f;
            Best.assign(x.data(), x.data() + x.size());
        }
        return f;
    }
};
}  // namespace

MinimizeResult MinimizeBounded(const BoundedProblem& problem, std::vector<double> start, int maxIterations,
                               double gradientTolerance) {
    MinimizeResult result;
    const int n = problem.Dimension;
    Eigen::VectorXd x(n), lower(n), upper(n);
    for (int i = 0; i < n; ++i) {
        lower[i] = problem.Lower[i];
        upper[i] = problem.Upper[i];
        x[i] = std::clamp(start[i], lower[i], upper[i]);
    }
    LBFGSpp::LBFGSBParam<double> param;
    param.m = 6;
    param.epsilon = gradientTolerance;
    param.epsilon_rel = gradientTolerance;
    param.past = 1;
    param.delta = 1e-10;  // stop when f changes by less than this, relatively
    param.max_iterations = maxIterations;
    param.max_linesearch = 40;
    LBFGSpp::LBFGSBSolver<double> solver(param);
    Objective objective{&problem, {}, std::numeric_limits<double>::infinity(), 0};
    double fx = 0.0;
    try {
        result.Iterations = solver.minimize(objective, x, fx, lower, upper);
        result.Converged = result.Iterations < maxIterations;
    } catch (const std::exception&) {
        result.LineSearchFailed = true;  // LBFGSpp's way to say it cannot improve further
    }
    if (objective.Best.empty()) {
        objective.Best.assign(x.data(), x.data() + n);
        objective.BestValue = fx;
    }
    result.X = objective.Best;
    result.Value = objective.BestValue;
    result.Evaluations = objective.Evaluations;
    return result;
}

bool StandardErrorsAt(const BoundedProblem& problem, const std::vector<double>& x, double count, std::vector<double>& se) {
    const int n = problem.Dimension;
    se.assign(n, std::numeric_limits<double>::quiet_NaN());
    Eigen::MatrixXd h(n, n);
    // Forward differences of the gradient, one evaluation a parameter and one at x: with a step of
    // 1e-6 the truncation error is ~1e-6 of each entry, and the gradient's rounding (~1e-16 of a
    // mean over the customers) adds ~1e-10. (Central differences take two a parameter for accuracy
    // the standard errors, shown to three or four digits, do not need.)
    std::vector<double> plus(n), g(n), gPlus(n);
    if (!std::isfinite(problem.Evaluate(x.data(), g.data(), problem.User))) return false;
    for (int j = 0; j < n; ++j) {
        const double step = 1e-6 * std::max(1.0, std::abs(x[j]));
        plus = x;
        plus[j] += step;
        if (!std::isfinite(problem.Evaluate(plus.data(), gPlus.data(), problem.User))) return false;
        for (int i = 0; i < n; ++i) h(i, j) = (gPlus[i] - g[i]) / step * count;
    }
    const Eigen::MatrixXd sym = 0.5 * (h + h.transpose());
    // Cholesky succeeds exactly when the Hessian is positive definite (a true minimum).
    Eigen::LLT<Eigen::MatrixXd> llt(sym);
    if (llt.info() != Eigen::Success) return false;
    const Eigen::MatrixXd cov = llt.solve(Eigen::MatrixXd::Identity(n, n));
    for (int i = 0; i < n; ++i) se[i] = std::exp(x[i]) * std::sqrt(std::max(0.0, cov(i, i)));
    return true;
}

}  // namespace profila
