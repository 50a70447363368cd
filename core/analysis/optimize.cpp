#include "analysis/optimize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Core>
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

}  // namespace profila
