// The model module (models.hpp) on cases whose answers can be written down by hand: the
// Poisson fit of two groups (each group's log mean, with SE² = 1/c0 + 1/c1), the Pearson
// scale, the refusals (singular, separated, all zero, not counts), the NB2 fallback to
// Poisson when the counts spread less than Poisson ones, the Wald numbers and BH q-values.
// The fits on real-sized data are checked against statsmodels in tests/statistics.
#include "catch_compat.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "legdiary/error.hpp"
#include "legdiary/models.hpp"

namespace models = legdiary::models;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// 12 rows: x = 0 on the first 6 (4 events in all), 1 on the last 6 (9 events).
struct TwoGroups {
    std::vector<double> y{0, 1, 0, 2, 1, 0, 3, 1, 2, 0, 2, 1};
    std::vector<double> ones = std::vector<double>(12, 1.0);
    std::vector<double> x{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
};

}  // namespace

TEST_CASE("Poisson GLM of two groups: each group's log mean, SE² = 1/c0 + 1/c1", "[models]") {
    const TwoGroups d;
    const auto fit = models::poisson_glm(d.y, {d.ones, d.x});
    CHECK_THAT(fit.params[0], WithinRel(std::log(4.0 / 6), 1e-10));
    CHECK_THAT(fit.params[1], WithinRel(std::log(9.0 / 4), 1e-10));
    CHECK_THAT(fit.std_errors[1], WithinRel(std::sqrt(1.0 / 4 + 1.0 / 9), 1e-8));
    CHECK_THAT(fit.std_errors[0], WithinRel(std::sqrt(1.0 / 4), 1e-8));
    CHECK_THAT(fit.mu[0], WithinRel(4.0 / 6, 1e-10));
    CHECK_THAT(fit.mu[11], WithinRel(9.0 / 6, 1e-10));
    // Pearson χ² = Σ (y − μ)²/μ by hand, over n − k = 10.
    double chi2 = 0;
    for (std::size_t i = 0; i < 12; ++i) {
        const double mu = i < 6 ? 4.0 / 6 : 9.0 / 6;
        chi2 += (d.y[i] - mu) * (d.y[i] - mu) / mu;
    }
    CHECK_THAT(fit.pearson_chi2, WithinRel(chi2, 1e-9));
    CHECK_THAT(fit.dispersion, WithinRel(chi2 / 10, 1e-9));
    CHECK(fit.alpha == 0);

    models::PoissonOptions pearson;
    pearson.covariance = models::Covariance::pearson;
    const auto scaled = models::poisson_glm(d.y, {d.ones, d.x}, pearson);
    CHECK_THAT(scaled.std_errors[1], WithinRel(fit.std_errors[1] * std::sqrt(fit.dispersion), 1e-9));

    // HAC with 0 lags is the sandwich: for two groups, SE² = Σ_g Σ (y − μ_g)² / c_g².
    models::PoissonOptions hac;
    hac.covariance = models::Covariance::hac;
    hac.hac_lags = 0;
    double s0 = 0, s1 = 0;
    for (std::size_t i = 0; i < 12; ++i) {
        const double mu = i < 6 ? 4.0 / 6 : 9.0 / 6;
        (i < 6 ? s0 : s1) += (d.y[i] - mu) * (d.y[i] - mu);
    }
    const auto sandwich = models::poisson_glm(d.y, {d.ones, d.x}, hac);
    CHECK_THAT(sandwich.std_errors[1], WithinRel(std::sqrt(s0 / 16 + s1 / 81), 1e-8));
}

TEST_CASE("Poisson GLM refuses what has no answer, naming why", "[models]") {
    const TwoGroups d;
    const std::vector<double> twice(12, 2.0);
    CHECK_THROWS_AS(models::poisson_glm(d.y, {d.ones, twice}), models::FitError);  // repeats the intercept
    const std::vector<double> zeros(12, 0.0);
    CHECK_THROWS_AS(models::poisson_glm(zeros, {d.ones, d.x}), models::FitError);
    // No event ever where x = 0: the effect runs off to infinity.
    const std::vector<double> separated{0, 0, 0, 0, 0, 0, 3, 1, 2, 1, 2, 1};
    try {
        (void)models::poisson_glm(separated, {d.ones, d.x});
        FAIL("a separated design was fitted");
    } catch (const models::FitError& error) {
        CHECK(std::string(error.what()).find("perfect separation") != std::string::npos);
    }
    std::vector<double> fraction = d.y;
    fraction[3] = 1.5;
    CHECK_THROWS_AS(models::poisson_glm(fraction, {d.ones, d.x}), legdiary::ValidationError);
    const std::vector<double> short_column(11, 1.0);
    CHECK_THROWS_AS(models::poisson_glm(d.y, {d.ones, short_column}), legdiary::ValidationError);
    const std::vector<double> two{1, 2};
    const std::vector<double> two_ones{1, 1}, two_x{0, 1};
    CHECK_THROWS_AS(models::poisson_glm(two, {two_ones, two_x}), legdiary::ValidationError);  // n ≤ k
}

TEST_CASE("NB2 falls back to the Poisson fit, alpha 0, when counts spread less than Poisson", "[models]") {
    // Every count 1 or 2 around a mean of 1.5: variance below the mean.
    const std::vector<double> y{1, 2, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2};
    const std::vector<double> ones(12, 1.0);
    const std::vector<double> x{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    const auto fit = models::negative_binomial(y, {ones, x});
    const auto poisson = models::poisson_glm(y, {ones, x});
    CHECK(fit.alpha == 0);
    CHECK_THAT(fit.params[1], WithinAbs(poisson.params[1], 1e-9));
    CHECK_THAT(fit.std_errors[1], WithinRel(poisson.std_errors[1], 1e-6));
}

TEST_CASE("NB2 on overdispersed counts: alpha above 0 and wider intervals than Poisson", "[models]") {
    const std::vector<double> y{0, 0, 5, 0, 1, 7, 0, 0, 4, 0, 9, 1, 0, 6, 0, 2};
    const std::vector<double> ones(16, 1.0);
    const std::vector<double> x{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    const auto fit = models::negative_binomial(y, {ones, x});
    const auto poisson = models::poisson_glm(y, {ones, x});
    CHECK(fit.alpha > 0.5);
    CHECK(fit.alpha_std_error > 0);
    CHECK(fit.std_errors[1] > poisson.std_errors[1]);
    // Two groups: the NB2 means are still the group means (the score equations say so).
    CHECK_THAT(fit.params[1], WithinAbs(poisson.params[1], 1e-6));
    CHECK(fit.log_likelihood > poisson.log_likelihood);
}

TEST_CASE("NB2 converges where the log-alpha step sits at the rounding floor of its score", "[models]") {
    // 83 nights of cramps against litres of water the day before, and weeks: the maximum is
    // at α ≈ 0.13, but the Newton step in log α never falls below ~3e-9, the rounding floor
    // of the α score. Reference: statsmodels 0.14 NegativeBinomial(loglike_method="nb2")
    // .fit(method="newton") on these data.
    const std::vector<double> y{1, 0, 0, 2, 2, 0, 1, 0, 1, 0, 1, 2, 0, 2, 0, 2, 0, 2, 2, 1, 0, 1, 0, 1, 3, 0, 0, 0,
                                0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 2, 3, 0, 0, 0, 1, 2, 0, 1, 0, 0, 0, 0, 1,
                                1, 3, 0, 0, 3, 0, 1, 1, 0, 2, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0};
    const std::vector<double> water{
        2.7, 2.1, 1.9, 1.4, 1.5, 1.1, 0.6, 2.7, 1.7, 1.9, 1.3, 2.4, 0.6, 1.4, 0.6, 0.8, 2.9, 2.1, 1.6, 1.8, 2.7,
        1.4, 2,   2.2, 1.4, 1.8, 2.4, 2.8, 0.9, 2.8, 0.5, 2.4, 2.5, 0.8, 1.5, 2.5, 0.5, 2.1, 2.5, 1.8, 2.3, 1.1,
        1,   1.4, 0.9, 1.4, 2.9, 1.9, 1.4, 1.2, 2.9, 1.6, 3,   1.8, 1.8, 2.7, 2.4, 2,   1.6, 2.7, 1.5, 2.8, 0.7,
        1.6, 1.8, 2.9, 1.1, 2.5, 2.2, 2.3, 2.1, 2.9, 1.3, 1.5, 1,   0.6, 1,   2.8, 2.6, 0.8, 2,   1.7, 2};
    REQUIRE(y.size() == water.size());
    const std::vector<double> ones(y.size(), 1.0);
    std::vector<double> weeks(y.size());
    for (std::size_t i = 0; i < weeks.size(); ++i) weeks[i] = static_cast<double>(i + 1) / 7;
    const auto fit = models::negative_binomial(y, {ones, water, weeks});
    CHECK_THAT(fit.alpha, WithinRel(0.13254418, 1e-5));
    CHECK_THAT(fit.params[1], WithinRel(-0.18774433, 1e-5));
    CHECK_THAT(fit.std_errors[1], WithinRel(0.2002094, 1e-5));
    CHECK_THAT(fit.params[2], WithinRel(-0.05513974, 1e-5));
    CHECK_THAT(fit.alpha_std_error, WithinRel(0.28341121, 1e-5));
    CHECK(fit.iterations < 20);
}

TEST_CASE("NB2 converges where the step's promised rise is below what the log-likelihood resolves", "[models]") {
    // 20 nights, intercept only: near the maximum the Newton decrement levels off at ~1.7e-14,
    // no step raises the computed likelihood, and halving alone never ended the search.
    // Reference: statsmodels 0.15 NegativeBinomial(y, ones, loglike_method="nb2").fit(method="newton").
    const std::vector<double> y{2, 0, 1, 0, 1, 2, 4, 0, 0, 0, 3, 0, 0, 0, 2, 0, 2, 2, 2, 0};
    const std::vector<double> ones(y.size(), 1.0);
    const auto fit = models::negative_binomial(y, {ones});
    CHECK_THAT(fit.params[0], WithinRel(0.04879016, 1e-6));
    CHECK_THAT(fit.std_errors[0], WithinRel(0.2799175, 1e-6));
    CHECK_THAT(fit.alpha, WithinRel(0.61469517, 1e-6));
    CHECK_THAT(fit.alpha_std_error, WithinRel(0.67399183, 1e-6));
    CHECK(fit.iterations < 20);
}

TEST_CASE("Wald: exp of the estimate and its bounds on a scale, two-sided normal p", "[models]") {
    models::Fit fit;
    fit.params = {0.0, std::log(0.5)};
    fit.std_errors = {0.1, 0.2};
    const auto w = models::wald(fit, 1, 2);  // two units
    CHECK_THAT(w.ratio, WithinRel(0.25, 1e-12));
    CHECK_THAT(w.ratio_low, WithinRel(std::exp(2 * (std::log(0.5) - models::z95 * 0.2)), 1e-12));
    CHECK_THAT(w.ratio_high, WithinRel(std::exp(2 * (std::log(0.5) + models::z95 * 0.2)), 1e-12));
    CHECK_THAT(w.p_value, WithinRel(std::erfc(std::fabs(std::log(0.5) / 0.2) / std::sqrt(2.0)), 1e-12));
    fit.std_errors[1] = 0;
    CHECK_THROWS_AS(models::wald(fit, 1), models::FitError);
    CHECK_THROWS_AS(models::wald(fit, 2), legdiary::ValidationError);
}

TEST_CASE("Benjamini–Hochberg q-values by hand, in the order given", "[models]") {
    const std::vector<double> p{0.01, 0.04, 0.03, 0.5};
    // sorted 0.01, 0.03, 0.04, 0.5 → m·p/rank 0.04, 0.06, 0.0533…, 0.5 → running minimum from the top
    const auto q = models::bh_q_values(p);
    CHECK_THAT(q[0], WithinRel(0.04, 1e-12));
    CHECK_THAT(q[1], WithinRel(0.16 / 3, 1e-12));
    CHECK_THAT(q[2], WithinRel(0.16 / 3, 1e-12));
    CHECK_THAT(q[3], WithinRel(0.5, 1e-12));
    CHECK(models::bh_q_values(std::vector<double>{}).empty());
    CHECK_THAT(models::bh_q_values(std::vector<double>{0.9, 0.9})[0], WithinRel(0.9, 1e-12));
    CHECK_THROWS_AS(models::bh_q_values(std::vector<double>{0.2, 1.5}), legdiary::ValidationError);
}
