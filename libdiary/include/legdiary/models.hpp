/// @file models.hpp
/// The regression models of legdiary: a Poisson GLM fitted by IRLS with model-based,
/// Pearson-scaled and Newey–West (HAC) covariances; a negative binomial (NB2) regression by
/// maximum likelihood with α estimated; the Wald interval and test of one coefficient; and
/// Benjamini–Hochberg q-values. Plain functions over columns of doubles, no diary types, so
/// each can be checked against statsmodels (tests/statistics) and reused by the
/// comparisons, the factor screen, the trials and the cohorts. The linear algebra is
/// Eigen's and the distributions Boost.Math's, both behind this header.
/// Formulas and references: docs/statistics.md ("Models").
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "legdiary/error.hpp"

namespace legdiary::models {

/// The normal quantile of a two-sided 95% interval, as SPEC writes it.
inline constexpr double z95 = 1.959964;

/// The design matrix X as its columns, each as long as y (usually the first is all ones).
using Columns = std::vector<std::span<const double>>;

/// A fit that has no answer: the design is singular (a column never varies, or repeats
/// another), the data are perfectly separated (the estimate runs off to infinity), or the
/// iterations did not converge. `what()` says which in words for a person, e.g.
/// "did not converge in 100 iterations"; the factor screen lists it as a skipped model.
class FitError : public Error {
public:
    using Error::Error;
};

/// Which covariance of the coefficients a Poisson fit reports.
enum class Covariance {
    model,    ///< (XᵀWX)⁻¹: the Poisson model's own, Var(y) = μ
    pearson,  ///< (XᵀWX)⁻¹ · Pearson χ²/(n − k): quasi-Poisson, Var(y) = φμ
    hac,      ///< Newey–West: (XᵀWX)⁻¹ S (XᵀWX)⁻¹, Bartlett kernel, `hac_lags` lags, no small-sample factor
};

/// How to fit a Poisson GLM.
struct PoissonOptions {
    Covariance covariance = Covariance::model;  ///< which covariance to report
    int hac_lags = 7;              ///< lags of the Newey–West covariance (rows in the order given)
    int max_iterations = 100;      ///< IRLS steps before FitError
    double tolerance = 1e-10;      ///< stop when the deviance changes by less than this, relatively
};

/// A fitted regression: log μ = Xβ.
struct Fit {
    std::vector<double> params;      ///< β, one per column of X
    std::vector<double> covariance;  ///< k × k, row-major: the covariance of β asked for
    std::vector<double> std_errors;  ///< √ of covariance's diagonal
    std::vector<double> mu;          ///< fitted means, one per row
    double log_likelihood = 0;       ///< at β (and α for NB2)
    double pearson_chi2 = 0;         ///< Σ (y − μ)²/Var(μ)
    /// Poisson: 2 Σ [y log(y/μ) − (y − μ)]; NB2: 2 Σ [y log(y/μ) − (y + 1/α) log((1 + αy)/(1 + αμ))]
    double deviance = 0;
    /// Pearson χ²/(n − k): 1 means the spread of independent Poisson counts; above 1, more.
    double dispersion = 0;
    double alpha = 0;                ///< NB2: the overdispersion α (Var = μ + αμ²); 0 for Poisson
    double alpha_std_error = 0;      ///< NB2: its standard error; 0 when α is 0
    int iterations = 0;              ///< IRLS or Newton steps taken
};

/// A Poisson GLM with log link, fitted by iteratively reweighted least squares, as
/// `statsmodels.api.GLM(y, X, family=Poisson()).fit()` (with `cov_type="HAC",
/// cov_kwds={"maxlags": L}` for Covariance::hac). y are counts (whole numbers ≥ 0). Throws
/// ValidationError for mismatched lengths, values that are not counts or not finite, and
/// no more rows than columns; FitError for every count 0, a singular design, perfect
/// separation (a fitted mean running off to 0) or no convergence.
[[nodiscard]] Fit poisson_glm(std::span<const double> y, const Columns& x, const PoissonOptions& options = {});

/// How to fit an NB2 regression.
struct Nb2Options {
    int max_iterations = 100;  ///< Newton steps before FitError
    /// Stop when the Newton decrement λ² = gᵀ(−H)⁻¹g, the squared length of the next
    /// Newton step in standard errors, is below this: 1e-14 is within 1e-7 of them. Also
    /// when λ²/2, the rise in log-likelihood the step promises, is below what a double
    /// resolves in the log-likelihood (16 ε |ℓ|): no step can raise it any more.
    double tolerance = 1e-14;
};

/// A negative binomial (NB2) regression, Var(y) = μ + αμ², log μ = Xβ, by maximum
/// likelihood over (β, α) with Newton's method, standard errors from the inverse observed
/// information of the full likelihood, as `statsmodels.api.NegativeBinomial(y, X,
/// loglike_method="nb2").fit(method="newton")`. When the likelihood is highest at α → 0
/// (the score for α is ≤ 0 at the Poisson fit: no more spread than Poisson), the Poisson
/// GLM fit with its model covariance is returned with `alpha` 0. Errors as poisson_glm.
[[nodiscard]] Fit negative_binomial(std::span<const double> y, const Columns& x, const Nb2Options& options = {});

/// The Wald interval and test of one coefficient, on a scale `scale` (β·scale): the
/// estimate, exp of it and of its 95% bounds, and the two-sided normal p-value of β/SE.
struct Wald {
    double estimate = 0;    ///< β·scale
    double std_error = 0;   ///< SE·scale
    double ratio = 0;       ///< exp(β·scale)
    double ratio_low = 0;   ///< exp((β − z95·SE)·scale)
    double ratio_high = 0;  ///< exp((β + z95·SE)·scale)
    double p_value = 1;     ///< 2(1 − Φ(|β/SE|))
};
/// The Wald numbers of coefficient `index` of a fit. Throws ValidationError when the index
/// is out of range or the scale is 0 or not finite, and FitError when the standard error is
/// not a finite number above rounding noise, 1e-12·max(1, |β|) (every row on its fitted
/// mean: the data cannot say how certain the estimate is).
[[nodiscard]] Wald wald(const Fit& fit, std::size_t index, double scale = 1);

/// Benjamini–Hochberg (1995) q-values of p-values in any order, returned in the same
/// order, as `statsmodels.stats.multitest.multipletests(p, method="fdr_bh")[1]`:
/// q_(i) = min over j ≥ i of min(1, m·p_(j)/j). Throws ValidationError for a p outside [0, 1].
[[nodiscard]] std::vector<double> bh_q_values(std::span<const double> p_values);

}  // namespace legdiary::models
