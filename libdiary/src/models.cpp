// The regression models (models.hpp): Poisson GLM by IRLS with three covariances, NB2 by
// Newton's method on the full likelihood, Wald intervals and Benjamini–Hochberg q-values.
// Formulas and references: docs/statistics.md ("Models").
#include "legdiary/models.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>

namespace legdiary::models {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Fitted means below this share of the mean count mark rows whose mean runs off to 0: a
// factor value (or a combination) on which no event ever happens — perfect separation.
constexpr double separation_share = 1e-8;
// log μ is kept inside this bound so that exp never overflows while iterating.
constexpr double max_linear_predictor = 700;
// NB2: below this α the likelihood is flat to double precision and the Poisson fit is the
// answer; above the upper bound the overdispersion has no finite estimate.
constexpr double min_alpha = 1e-8;
constexpr double max_alpha = 1e8;

struct Data {
    VectorXd y;
    MatrixXd x;
};

std::string count_text(std::size_t n) { return std::to_string(n); }

// XᵀWX for the diagonal weights w (all 1 when w is null), one k × k entry at a time as a
// sum over the rows: no n × k temporary, and k(k + 1)/2 vectorised passes for the small k
// of these models.
MatrixXd weighted_gram(const MatrixXd& x, const VectorXd* w) {
    const Eigen::Index k = x.cols();
    MatrixXd gram(k, k);
    for (Eigen::Index a = 0; a < k; ++a)
        for (Eigen::Index b = a; b < k; ++b) {
            gram(a, b) = w ? (x.col(a).array() * x.col(b).array() * w->array()).sum() : x.col(a).dot(x.col(b));
            gram(b, a) = gram(a, b);
        }
    return gram;
}

Data checked_data(std::span<const double> y, const Columns& columns) {
    const std::size_t n = y.size();
    const std::size_t k = columns.size();
    if (k == 0) throw ValidationError("x", "0 columns", "needs at least one column (usually the intercept)");
    if (n <= k)
        throw ValidationError("y", count_text(n) + " rows",
                              "needs more rows than the " + count_text(k) + " columns of x");
    Data data{VectorXd(static_cast<Eigen::Index>(n)), MatrixXd(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k))};
    for (std::size_t i = 0; i < n; ++i) {
        const double value = y[i];
        if (!std::isfinite(value) || value < 0 || value != std::floor(value))
            throw ValidationError("y", std::to_string(value), "must be counts: whole numbers ≥ 0 (row " +
                                                                  count_text(i) + ")");
        data.y(static_cast<Eigen::Index>(i)) = value;
    }
    for (std::size_t j = 0; j < k; ++j) {
        if (columns[j].size() != n)
            throw ValidationError("x", count_text(columns[j].size()) + " values in column " + count_text(j),
                                  "every column must be as long as y (" + count_text(n) + ")");
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(columns[j][i]))
                throw ValidationError("x", std::to_string(columns[j][i]),
                                      "must be a finite number (row " + count_text(i) + ", column " + count_text(j) + ")");
            data.x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = columns[j][i];
        }
    }
    if (data.y.sum() == 0) throw FitError("every count is 0, so the rate has no finite estimate");
    // Rank from the Gram matrix XᵀX with its columns scaled to unit length: a k × k problem
    // (the rows can be millions). An eigenvalue ratio below 1e-12 (X's condition number
    // above 10⁶) is a column that never varies or repeats another, up to rounding.
    const MatrixXd gram = weighted_gram(data.x, nullptr);
    const VectorXd scale = gram.diagonal().cwiseSqrt();
    if (scale.minCoeff() == 0)
        throw FitError("the design is singular: a factor never varies, or one column repeats another");
    const MatrixXd correlation = scale.cwiseInverse().asDiagonal() * gram * scale.cwiseInverse().asDiagonal();
    const Eigen::SelfAdjointEigenSolver<MatrixXd> eigen(correlation, Eigen::EigenvaluesOnly);
    if (eigen.info() != Eigen::Success || eigen.eigenvalues()(0) <= 1e-12 * eigen.eigenvalues()(k - 1))
        throw FitError("the design is singular: a factor never varies, or one column repeats another");
    return data;
}

// Eigen's exp and log work on whole SIMD registers (two doubles with SSE2), where the C
// library's take one value a call: the per-row functions are most of a fit's time.
VectorXd exp_clamped(const VectorXd& eta) { return eta.array().min(max_linear_predictor).exp(); }

// ln(1 + x) in place for x ≥ 0, vectorised: ln u + (x − (u − 1))/u with u = 1 + x rounded.
// The second term corrects for the rounding of u to first order (the error left is of the
// order of that rounding squared), and where u rounds to 1 it is x itself; no branch, so
// the whole expression runs on SIMD registers.
void log1p_in_place(VectorXd& values) {
    const auto x = values.array();
    const auto u = x + 1.0;
    values.array() = u.log() + (x - (u - 1.0)) / u;
}

// (XᵀWX)⁻¹ for weights w, or FitError when it is not positive definite.
MatrixXd inverse_information(const MatrixXd& x, const VectorXd& w) {
    Eigen::LLT<MatrixXd> llt(weighted_gram(x, &w));
    if (llt.info() != Eigen::Success)
        throw FitError("the design is singular at the fit: a factor's effect cannot be told apart from the others");
    return llt.solve(MatrixXd::Identity(x.cols(), x.cols()));
}

double poisson_log_likelihood(const VectorXd& y, const VectorXd& mu) {
    double sum = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        sum += (y(i) > 0 ? y(i) * std::log(mu(i)) : 0.0) - mu(i) - std::lgamma(y(i) + 1);
    return sum;
}

double poisson_deviance(const VectorXd& y, const VectorXd& mu) {
    double sum = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        sum += (y(i) > 0 ? y(i) * std::log(y(i) / mu(i)) : 0.0) - (y(i) - mu(i));
    return 2 * sum;
}

// The same while iterating, from Σ y·log y (once per fit) and η = log μ (each step): no
// logarithm per row per step.
double poisson_deviance(const VectorXd& y, double sum_y_log_y, const VectorXd& eta, const VectorXd& mu) {
    return 2 * (sum_y_log_y - (y.array() * eta.array().min(max_linear_predictor)).sum() - (y - mu).sum());
}

void check_separation(const VectorXd& y, const VectorXd& mu) {
    const double floor = separation_share * y.mean();
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (mu(i) < floor)
            throw FitError("perfect separation: no event on any night with some values of a factor, so its effect "
                           "has no finite estimate");
}

void fill(Fit& fit, const VectorXd& beta, const MatrixXd& covariance, const VectorXd& mu) {
    const auto k = beta.size();
    fit.params.assign(beta.data(), beta.data() + k);
    fit.covariance.resize(static_cast<std::size_t>(k * k));
    fit.std_errors.resize(static_cast<std::size_t>(k));
    for (Eigen::Index r = 0; r < k; ++r) {
        for (Eigen::Index c = 0; c < k; ++c) fit.covariance[static_cast<std::size_t>(r * k + c)] = covariance(r, c);
        fit.std_errors[static_cast<std::size_t>(r)] = std::sqrt(std::max(covariance(r, r), 0.0));
    }
    fit.mu.assign(mu.data(), mu.data() + mu.size());
}

// Newey–West: Γ0 + Σ_{l=1..L} (1 − l/(L+1)) (Γl + Γlᵀ), Γl = Σ_t u_t u_{t−l}ᵀ over the
// score rows u_t = x_t r_t (r = y − μ) in the order given. Each entry is one sum over the
// rows of shifted columns: no n × k matrix of scores and no matrix product (whose packing
// costs more than the sums for the k of these models).
MatrixXd newey_west_meat(const MatrixXd& x, const VectorXd& residual, int lags) {
    const Eigen::Index n = x.rows(), k = x.cols();
    const VectorXd squared = residual.array().square();
    MatrixXd meat = weighted_gram(x, &squared);
    const Eigen::Index max_lag = std::min<Eigen::Index>(lags, n - 1);
    MatrixXd gamma(k, k);
    for (Eigen::Index lag = 1; lag <= max_lag; ++lag) {
        const double weight = 1.0 - static_cast<double>(lag) / static_cast<double>(lags + 1);
        const auto r_now = residual.tail(n - lag).array(), r_before = residual.head(n - lag).array();
        for (Eigen::Index a = 0; a < k; ++a)
            for (Eigen::Index b = 0; b < k; ++b)
                gamma(a, b) = (x.col(a).tail(n - lag).array() * r_now * x.col(b).head(n - lag).array() * r_before).sum();
        meat += weight * (gamma + gamma.transpose());
    }
    return meat;
}

struct PoissonCore {
    VectorXd beta;
    VectorXd mu;
    int iterations = 0;
};

// IRLS from the linear predictor `start`, or else as statsmodels starts: μ = (y + ȳ)/2,
// which every count can take a log of.
PoissonCore fit_poisson(const Data& data, int max_iterations, double tolerance, const VectorXd* start = nullptr) {
    const auto& y = data.y;
    const auto& x = data.x;
    VectorXd mu = start ? exp_clamped(*start) : VectorXd((y.array() + y.mean()) / 2);
    VectorXd eta = start ? *start : VectorXd(mu.array().log());
    VectorXd beta = VectorXd::Zero(x.cols());
    const double sum_y_log_y = y.unaryExpr([](double value) { return value > 0 ? value * std::log(value) : 0.0; }).sum();
    double deviance = poisson_deviance(y, sum_y_log_y, eta, mu);
    VectorXd weighted_z(y.size());
    for (int iteration = 1; iteration <= max_iterations; ++iteration) {
        // Newton's step for the canonical log link: weighted least squares of the working
        // response z = η + (y − μ)/μ on X with weights μ, so Xᵀ W z = Xᵀ (μη + y − μ).
        Eigen::LLT<MatrixXd> llt(weighted_gram(x, &mu));
        if (llt.info() != Eigen::Success)
            throw FitError("the design is singular at the fit: a factor's effect cannot be told apart from the others");
        weighted_z = mu.array() * eta.array() + (y - mu).array();
        beta = llt.solve(x.transpose() * weighted_z);
        eta = x * beta;
        mu = exp_clamped(eta);
        const double next = poisson_deviance(y, sum_y_log_y, eta, mu);
        const bool converged = std::abs(next - deviance) <= tolerance * (std::abs(next) + 0.1);
        deviance = next;
        if (converged) {
            check_separation(y, mu);
            return {beta, mu, iteration};
        }
    }
    check_separation(y, mu);  // a fit running away says so rather than "did not converge"
    throw FitError("did not converge in " + std::to_string(max_iterations) + " iterations");
}

// --- NB2 ---------------------------------------------------------------------------------
// With r = 1/α, Σ_{j<y} f(r + j) replaces lnΓ(y + r) − lnΓ(r) and the digamma and trigamma
// differences: exact for whole counts, and free of the cancellation of ψ(y + r) − ψ(r)
// when α is small and r large.
//
// Those sums enter the log-likelihood, the α score and ∂²ℓ/∂α² only as totals over the
// rows, so they are taken over j once per evaluation instead of once per row:
// Σ_i Σ_{j<y_i} f(r + j) = Σ_{j<max y} m_j f(r + j), m_j the number of rows with y > j.
// The counts are small whole numbers (a few cramps a night), so that is a handful of terms.

// What the likelihood needs of the rows besides x, worked out once per fit.
struct Nb2Rows {
    explicit Nb2Rows(const Data& fit_data) : data(fit_data), n(fit_data.y.size()) {
        long max_count = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            sum_y += data.y(i);
            max_count = std::max(max_count, static_cast<long>(data.y(i)));
        }
        rows_above.assign(static_cast<std::size_t>(max_count), 0.0);
        for (Eigen::Index i = 0; i < n; ++i)
            for (long j = 0; j < static_cast<long>(data.y(i)); ++j) rows_above[static_cast<std::size_t>(j)] += 1;
        // Σ lnΓ(y + 1) = Σ_i Σ_{j<y_i} ln(j + 1), by j as the sums of nb2_terms.
        for (std::size_t j = 0; j < rows_above.size(); ++j)
            sum_log_factorial += rows_above[j] * std::log(static_cast<double>(j) + 1);
        eta.resize(n);
        mu.resize(n);
        log_one_plus.resize(n);
        inverse.resize(n);
        score_weight.resize(n);
        hessian_weight.resize(n);
        cross_weight.resize(n);
    }
    const Data& data;
    Eigen::Index n;
    double sum_y = 0;
    double sum_log_factorial = 0;     // Σ lnΓ(y + 1)
    std::vector<double> rows_above;   // m_j: rows with y > j, for j < max y
    // Per-row workspace of one evaluation, allocated once per fit.
    VectorXd eta, mu, log_one_plus, inverse, score_weight, hessian_weight, cross_weight;
};

struct Nb2Terms {
    double log_likelihood = 0;
    bool has_derivatives = false;
    VectorXd score;        // over (β, α)
    MatrixXd hessian;      // over (β, α), of the log-likelihood
};

Nb2Terms nb2_terms(Nb2Rows& rows, const VectorXd& beta, double alpha, bool derivatives) {
    const auto& y = rows.data.y;
    const auto& x = rows.data.x;
    const Eigen::Index k = x.cols();
    const double r = 1 / alpha, log_alpha = std::log(alpha);
    // Σ_i Σ_{j<y_i} of ln(r + j), 1/(r + j) and 1/(r + j)², by j (see above).
    double log_gamma_ratio = 0, digamma_difference = 0, trigamma_difference = 0;
    for (std::size_t j = 0; j < rows.rows_above.size(); ++j) {
        const double term = r + static_cast<double>(j), m = rows.rows_above[j];
        log_gamma_ratio += m * std::log(term);
        digamma_difference += m / term;
        trigamma_difference += m / (term * term);
    }
    rows.eta.noalias() = x * beta;
    // Per row: y ln(αμ) = y (ln α + η), with η clamped as μ is; the rest needs μ and
    // ln(1 + αμ). Each line below is one vectorised pass over the rows. With derivatives,
    // the row's weights of the β score, the β Hessian and the β–α cross term go to the
    // workspace; their sums over x come after.
    const auto counts = y.array();
    const auto eta = rows.eta.array().min(max_linear_predictor);
    rows.mu.array() = eta.exp();
    const auto mu = rows.mu.array();
    rows.log_one_plus.array() = alpha * mu;
    log1p_in_place(rows.log_one_plus);
    const auto log_one_plus = rows.log_one_plus.array();
    const double row_sum = (counts * eta - (counts + r) * log_one_plus).sum();
    Nb2Terms terms;
    terms.log_likelihood = log_gamma_ratio - rows.sum_log_factorial + rows.sum_y * log_alpha + row_sum;
    if (!derivatives) return terms;
    rows.inverse.array() = (alpha * mu + 1).inverse();  // 1/(1 + αμ): one division a row
    const auto inverse = rows.inverse.array();
    const auto inverse_square = inverse.square();
    const auto residual = counts - mu;
    // ∂ℓ/∂η = (y − μ)/(1 + αμ); ∂²ℓ/∂η² = −μ(1 + αy)/(1 + αμ)²; ∂²ℓ/∂η∂α = −(y − μ)μ/(1 + αμ)²
    rows.score_weight.array() = residual * inverse;
    rows.hessian_weight.array() = mu * (alpha * counts + 1) * inverse_square;
    rows.cross_weight.array() = -residual * mu * inverse_square;
    // The rows' parts of ∂ℓ/∂α and ∂²ℓ/∂α² (the Σ over j is added below), with 1/α = r:
    // ∂ℓ/∂α = r²[ln(1 + αμ) − Σ 1/(r + j)] + (y − μ)/(α(1 + αμ)),
    // ∂²ℓ/∂α² = −2r³g + r²g′ − (y − μ)(1 + 2αμ)/(α²(1 + αμ)²), with g the bracket above
    // and g′ = dg/dα = μ/(1 + αμ) − r² Σ 1/(r + j)².
    const double alpha_score = (r * r * log_one_plus + r * rows.score_weight.array()).sum();
    const double alpha_alpha = (-2 * r * r * r * log_one_plus + r * r * mu * inverse -
                                r * r * residual * (2 * alpha * mu + 1) * inverse_square)
                                   .sum();
    terms.has_derivatives = true;
    terms.score.resize(k + 1);
    terms.hessian.resize(k + 1, k + 1);
    terms.score.head(k).noalias() = x.transpose() * rows.score_weight;
    terms.score(k) = alpha_score - r * r * digamma_difference;
    terms.hessian.topLeftCorner(k, k) = -weighted_gram(x, &rows.hessian_weight);
    terms.hessian.block(0, k, k, 1).noalias() = x.transpose() * rows.cross_weight;
    terms.hessian.block(k, 0, 1, k) = terms.hessian.block(0, k, k, 1).transpose();
    terms.hessian(k, k) = alpha_alpha + 2 * r * r * r * digamma_difference - r * r * r * r * trigamma_difference;
    return terms;
}

}  // namespace

Fit poisson_glm(std::span<const double> y, const Columns& x, const PoissonOptions& options) {
    if (options.hac_lags < 0)
        throw ValidationError("hac_lags", std::to_string(options.hac_lags), "must be 0 or more");
    if (options.max_iterations < 1)
        throw ValidationError("max_iterations", std::to_string(options.max_iterations), "must be at least 1");
    const Data data = checked_data(y, x);
    const PoissonCore core = fit_poisson(data, options.max_iterations, options.tolerance);
    const auto n = data.y.size(), k = data.x.cols();
    Fit fit;
    fit.iterations = core.iterations;
    fit.log_likelihood = poisson_log_likelihood(data.y, core.mu);
    fit.deviance = poisson_deviance(data.y, core.mu);
    const VectorXd residual = data.y - core.mu;
    fit.pearson_chi2 = (residual.array().square() / core.mu.array()).sum();
    fit.dispersion = fit.pearson_chi2 / static_cast<double>(n - k);
    const MatrixXd bread = inverse_information(data.x, core.mu);
    MatrixXd covariance = bread;
    switch (options.covariance) {
        case Covariance::model: break;
        case Covariance::pearson: covariance *= fit.dispersion; break;
        case Covariance::hac: {
            // Score rows of the Poisson log-likelihood: x_t (y_t − μ_t).
            covariance = bread * newey_west_meat(data.x, residual, options.hac_lags) * bread;
            break;
        }
    }
    fill(fit, core.beta, covariance, core.mu);
    return fit;
}

Fit negative_binomial(std::span<const double> y, const Columns& x, const Nb2Options& options) {
    if (options.max_iterations < 1)
        throw ValidationError("max_iterations", std::to_string(options.max_iterations), "must be at least 1");
    const Data data = checked_data(y, x);
    // The Poisson fit starts the NB2 fit, to a deviance converged to 10⁻⁶: Newton's method
    // on the NB2 likelihood takes it from there. Where the answer is the Poisson fit itself,
    // that is fitted to 10⁻¹² first. It starts from the model without effects, μ = ȳ on
    // every row, which for the weak effects of diary data is a step closer than
    // statsmodels' start (the fit it gets to is the same).
    const VectorXd null_model = VectorXd::Constant(data.y.size(), std::log(data.y.mean()));
    PoissonCore poisson = fit_poisson(data, options.max_iterations, 1e-6, &null_model);
    bool poisson_converged = false;
    const auto converge_poisson = [&] {
        if (poisson_converged) return;
        const int start_iterations = poisson.iterations;
        const VectorXd eta = data.x * poisson.beta;
        poisson = fit_poisson(data, options.max_iterations, 1e-12, &eta);
        poisson.iterations += start_iterations;
        poisson_converged = true;
    };
    const Eigen::Index n = data.y.size(), k = data.x.cols();

    auto poisson_answer = [&] {
        converge_poisson();
        const VectorXd residual = data.y - poisson.mu;
        Fit fit;
        fit.iterations = poisson.iterations;
        fit.log_likelihood = poisson_log_likelihood(data.y, poisson.mu);
        fit.deviance = poisson_deviance(data.y, poisson.mu);
        fit.pearson_chi2 = (residual.array().square() / poisson.mu.array()).sum();
        fit.dispersion = fit.pearson_chi2 / static_cast<double>(n - k);
        fill(fit, poisson.beta, inverse_information(data.x, poisson.mu), poisson.mu);
        return fit;
    };
    // The score for α at α = 0 is ½ Σ [(y − μ)² − y] at the Poisson fit: not positive means
    // no more spread than Poisson counts, and the likelihood is highest at the boundary.
    const auto excess_at_poisson = [&] { return ((data.y - poisson.mu).array().square() - data.y.array()).sum(); };
    double excess = excess_at_poisson();
    if (excess <= 0) {
        converge_poisson();  // on the boundary the rough start's sign may not be the fit's
        excess = excess_at_poisson();
        if (excess <= 0) return poisson_answer();
    }

    // Newton's method on (β, log α), which keeps α positive; step halving keeps every step
    // uphill. The standard errors come from the observed information over (β, α).
    VectorXd theta(k + 1);
    theta.head(k) = poisson.beta;
    theta(k) = std::log(std::max(excess / poisson.mu.array().square().sum(), 1e-3));
    Nb2Rows rows(data);
    auto at = [&](const VectorXd& t, bool derivatives) {
        return nb2_terms(rows, t.head(k), std::exp(t(k)), derivatives);
    };
    Nb2Terms current = at(theta, true);
    int iteration = 0;
    for (;;) {
        if (++iteration > options.max_iterations)
            throw FitError("did not converge in " + std::to_string(options.max_iterations) + " iterations");
        const double alpha = std::exp(theta(k));
        // Gradient and Hessian over (β, τ = log α): ∂/∂τ = α ∂/∂α.
        VectorXd gradient = current.score;
        gradient(k) *= alpha;
        MatrixXd hessian = current.hessian;
        hessian.row(k) *= alpha;
        hessian.col(k) *= alpha;
        hessian(k, k) += alpha * current.score(k);
        MatrixXd negative = -hessian;
        Eigen::LLT<MatrixXd> llt(negative);
        double shift = 0;
        while (llt.info() != Eigen::Success) {  // not concave here: lean towards a gradient step
            shift = shift == 0 ? 1e-6 * (1 + negative.diagonal().cwiseAbs().maxCoeff()) : shift * 10;
            llt.compute(negative + shift * MatrixXd::Identity(k + 1, k + 1));
            if (shift > 1e12) throw FitError("did not converge: the likelihood has no maximum here");
        }
        const VectorXd newton_step = llt.solve(gradient);
        // Converged when the full Newton step is negligible measured in standard errors:
        // its Newton decrement λ² = gᵀ(−H)⁻¹g is the squared length of the step in the
        // metric of the information, and λ²/2 the rise in log-likelihood the step promises.
        // A step in log α that stays at the rounding floor of the α score (which loses
        // digits to cancellation) is a maximum all the same. So is a step whose promised
        // rise is below what a double can resolve in the log-likelihood itself: near the
        // maximum the decrement levels off there (1.7e-14 on 20 nights), no step can raise
        // the computed likelihood any more, and halving would only shrink it to nothing.
        const double decrement = gradient.dot(newton_step);
        const double resolvable = 16 * std::numeric_limits<double>::epsilon() * std::abs(current.log_likelihood);
        if (shift == 0 && decrement <= std::max(options.tolerance, resolvable)) {
            // That last step is taken without evaluating the likelihood where it lands: it
            // moves θ by λ standard errors (10⁻⁷, a few millionths where the resolvable
            // rise is the bound), so the information here (which gives the standard errors)
            // differs from the information there by a share of that order, and the
            // log-likelihood by λ²/2.
            theta += newton_step;
            if (std::exp(theta(k)) < min_alpha) return poisson_answer();
            break;
        }
        VectorXd step = newton_step;
        VectorXd next = theta + step;
        // The full step is taken nearly always, so it is evaluated with the derivatives the
        // next iteration needs; the halved steps of a rare search without.
        Nb2Terms trial = at(next, true);
        for (int halving = 0; !(trial.log_likelihood >= current.log_likelihood) && halving < 40; ++halving) {
            step /= 2;
            next = theta + step;
            trial = at(next, false);
        }
        if (!(trial.log_likelihood >= current.log_likelihood - 1e-12 * std::abs(current.log_likelihood)))
            throw FitError("did not converge: no step raises the likelihood");
        theta = next;
        if (std::exp(theta(k)) < min_alpha) return poisson_answer();
        if (std::exp(theta(k)) > max_alpha)
            throw FitError("did not converge: the overdispersion α runs off to infinity");
        current = trial.has_derivatives ? std::move(trial) : at(theta, true);
    }
    const double alpha = std::exp(theta(k));
    const VectorXd beta = theta.head(k);
    const VectorXd eta = (data.x * beta).array().min(max_linear_predictor);
    const VectorXd mu = eta.array().exp();
    check_separation(data.y, mu);
    Eigen::LLT<MatrixXd> information(-current.hessian);
    if (information.info() != Eigen::Success)
        throw FitError("the observed information is not positive definite at the fit, so there are no standard errors");
    const MatrixXd inverse = information.solve(MatrixXd::Identity(k + 1, k + 1));

    Fit fit;
    fit.iterations = iteration;
    fit.alpha = alpha;
    fit.alpha_std_error = std::sqrt(std::max(inverse(k, k), 0.0));
    fit.log_likelihood = current.log_likelihood;
    const VectorXd variance = mu.array() + alpha * mu.array().square();
    fit.pearson_chi2 = ((data.y - mu).array().square() / variance.array()).sum();
    fit.dispersion = fit.pearson_chi2 / static_cast<double>(n - k);
    // 2 Σ [y ln(y/μ) − (y + 1/α) ln((1 + αy)/(1 + αμ))], vectorised: y ln(y/μ) as
    // y (ln max(y, 1) − η), which is 0 where y = 0, and the ratio as a difference of ln(1 + ·).
    VectorXd log_one_plus_y = alpha * data.y, log_one_plus_mu = alpha * mu;
    log1p_in_place(log_one_plus_y);
    log1p_in_place(log_one_plus_mu);
    fit.deviance = 2 * (data.y.array() * (data.y.array().max(1.0).log() - eta.array()) -
                        (data.y.array() + 1 / alpha) * (log_one_plus_y - log_one_plus_mu).array())
                           .sum();
    fill(fit, beta, inverse.topLeftCorner(k, k), mu);
    return fit;
}

Wald wald(const Fit& fit, std::size_t index, double scale) {
    if (index >= fit.params.size())
        throw ValidationError("index", std::to_string(index),
                              "must name one of the fit's " + std::to_string(fit.params.size()) + " coefficients");
    if (!std::isfinite(scale) || scale == 0)
        throw ValidationError("scale", std::to_string(scale), "must be a finite number other than 0");
    const double beta = fit.params[index], se = fit.std_errors[index];
    // Below 1e-12·max(1, |β|) a standard error is rounding noise (residuals of 1e-16 where
    // every row sits on its fitted mean): no real data set is that large.
    if (!(se > 1e-12 * std::max(1.0, std::abs(beta))) || !std::isfinite(se))
        throw FitError("the standard error is 0: every row is alike, so the data cannot say how certain the estimate is");
    Wald result;
    result.estimate = beta * scale;
    result.std_error = se * std::abs(scale);
    result.ratio = std::exp(result.estimate);
    const double low = (beta - z95 * se) * scale, high = (beta + z95 * se) * scale;
    result.ratio_low = std::exp(std::min(low, high));
    result.ratio_high = std::exp(std::max(low, high));
    const boost::math::normal_distribution<double> normal;
    result.p_value = 2 * boost::math::cdf(boost::math::complement(normal, std::abs(beta / se)));
    return result;
}

std::vector<double> bh_q_values(std::span<const double> p_values) {
    const std::size_t m = p_values.size();
    for (std::size_t i = 0; i < m; ++i)
        if (!(p_values[i] >= 0 && p_values[i] <= 1))
            throw ValidationError("p_values", std::to_string(p_values[i]),
                                  "must be p-values in [0, 1] (position " + std::to_string(i) + ")");
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
    std::vector<double> q(m);
    double running = 1;
    for (std::size_t rank = m; rank >= 1; --rank) {
        const std::size_t i = order[rank - 1];
        running = std::min(running, p_values[i] * static_cast<double>(m) / static_cast<double>(rank));
        q[i] = std::min(running, 1.0);
    }
    return q;
}

}  // namespace legdiary::models
