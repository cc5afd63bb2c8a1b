// The statistical building blocks against values computed with scipy 1.17
// (theilslopes, binomtest, beta.ppf, norm.sf) and against the check values of SPEC 3.
#include "catch_compat.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "legdiary/error.hpp"
#include "legdiary/statistics.hpp"

namespace stats = legdiary::statistics;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {
constexpr double tight = 1e-12;
}

TEST_CASE("median of odd and even counts, and of nothing", "[statistics]") {
    CHECK_FALSE(stats::median({}).has_value());
    CHECK(*stats::median({7}) == 7);
    CHECK(*stats::median({9, 1, 5}) == 5);
    // An even count takes the mean of the two middle values, not either of them.
    CHECK(*stats::median({60, 10, 30, 120}) == 45);
    CHECK(*stats::median({2, 2, 3, 3}) == 2.5);
}

TEST_CASE("mean of known values", "[statistics]") {
    CHECK_FALSE(stats::mean(std::vector<double>{}).has_value());
    CHECK_THAT(*stats::mean(std::vector<double>{1, 2, 4}), WithinRel(7.0 / 3, tight));
}

TEST_CASE("Theil-Sen slope and Sen interval as scipy.stats.theilslopes", "[statistics]") {
    SECTION("ties in y, a gap in x") {
        const std::vector<double> x{0, 1, 2, 3, 5, 6, 7}, y{3.5, 7, 7, 2, 1.75, 0, 3.5};
        const auto fit = stats::theil_sen(x, y);
        CHECK_THAT(fit.slope, WithinRel(-0.5833333333333334, tight));
        CHECK_THAT(fit.low, WithinRel(-1.75, tight));
        CHECK_THAT(fit.high, WithinRel(0.875, tight));
        // median(y − slope·x): residuals 3.5 7.58 8.17 3.75 4.67 3.5 7.58 → 1.75 + 5·7/12
        CHECK_THAT(fit.intercept, WithinRel(14.0 / 3, tight));
    }
    SECTION("the intercept is median(y − slope·x) (scipy's method=\"joint\"), not median(y) − slope·median(x)") {
        const std::vector<double> x{0, 1, 2, 3}, y{0, 0, 0, 9};
        const auto fit = stats::theil_sen(x, y);
        CHECK(fit.slope == 1.5);
        CHECK(fit.intercept == -0.75);  // residuals 0, −1.5, −3, 4.5; the other rule gives −2.25
    }
    SECTION("a perfect line: the interval collapses on the slope") {
        const std::vector<double> x{0, 1, 2, 3}, y{1, 2, 3, 4};
        const auto fit = stats::theil_sen(x, y);
        CHECK(fit.slope == 1);
        CHECK(fit.low == 1);
        CHECK(fit.high == 1);
        CHECK(fit.intercept == 1);
    }
    SECTION("all y tied: σ² is 0 and every slope is 0") {
        const std::vector<double> x{0, 1, 2, 3}, y{2, 2, 2, 2};
        const auto fit = stats::theil_sen(x, y);
        CHECK(fit.slope == 0);
        CHECK(fit.low == 0);
        CHECK(fit.high == 0);
        CHECK(fit.intercept == 2);
    }
    SECTION("refuses data without two distinct x") {
        const std::vector<double> x{1, 1}, y{1, 2};
        CHECK_THROWS_AS(stats::theil_sen(x, y), legdiary::ValidationError);
        const std::vector<double> x3{0, 1, 2};
        CHECK_THROWS_AS(stats::theil_sen(x3, y), legdiary::ValidationError);
    }
}

TEST_CASE("Mann-Kendall with tie correction", "[statistics]") {
    SECTION("ties") {
        const std::vector<double> y{3.5, 7, 7, 2, 1.75, 0, 3.5};
        const auto mk = stats::mann_kendall(y);
        CHECK(mk.s == -9);
        CHECK_THAT(mk.variance, WithinRel(42.333333333333336, tight));
        CHECK_THAT(mk.z, WithinRel(-1.2295572469885439, tight));
        CHECK_THAT(mk.tau, WithinRel(-0.42857142857142855, tight));
        CHECK_THAT(mk.p_value, WithinRel(0.21886294809033024, 1e-10));
    }
    SECTION("strictly increasing") {
        const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};
        const auto mk = stats::mann_kendall(y);
        CHECK(mk.s == 28);
        CHECK(mk.tau == 1);
        CHECK_THAT(mk.z, WithinRel(3.340383700311406, tight));
        CHECK_THAT(mk.p_value, WithinRel(0.0008366271311193044, 1e-10));
    }
    SECTION("all tied: S = 0, Z = 0, p = 1") {
        const std::vector<double> y{3, 3, 3, 3};
        const auto mk = stats::mann_kendall(y);
        CHECK(mk.s == 0);
        CHECK(mk.variance == 0);
        CHECK(mk.z == 0);
        CHECK(mk.p_value == 1);
    }
    CHECK_THROWS_AS(stats::mann_kendall(std::vector<double>{1}), legdiary::ValidationError);
}

TEST_CASE("exact binomial test as scipy.stats.binomtest", "[statistics]") {
    CHECK_THAT(stats::binomial_test_two_sided(0, 5, 0.5), WithinRel(0.0625, tight));
    CHECK_THAT(stats::binomial_test_two_sided(5, 5, 0.5), WithinRel(0.0625, tight));
    CHECK(stats::binomial_test_two_sided(3, 10, 0.3) == 1.0);  // k = n·p exactly
    CHECK_THAT(stats::binomial_test_two_sided(7, 10, 0.3), WithinRel(0.010592078399999996, 1e-10));
    CHECK_THAT(stats::binomial_test_two_sided(1, 30, 0.2), WithinRel(0.020015612508648244, 1e-10));
    CHECK_THAT(stats::binomial_test_two_sided(25, 30, 0.5), WithinRel(0.0003249142318964005, 1e-10));
    CHECK(stats::binomial_test_two_sided(0, 1, 0.4) == 1.0);  // the other tail is clipped at 1
    CHECK_THROWS_AS(stats::binomial_test_two_sided(3, 2, 0.5), legdiary::ValidationError);
    CHECK_THROWS_AS(stats::binomial_test_two_sided(0, 0, 0.5), legdiary::ValidationError);
    CHECK_THROWS_AS(stats::binomial_test_two_sided(1, 2, 1.5), legdiary::ValidationError);
}

TEST_CASE("Clopper-Pearson bounds", "[statistics]") {
    const auto [low0, high0] = stats::clopper_pearson(0, 5);
    CHECK(low0 == 0);
    CHECK(high0 < 1);
    const auto [low5, high5] = stats::clopper_pearson(5, 5);
    CHECK(low5 > 0);
    CHECK(high5 == 1);
}

TEST_CASE("rate ratio: the check values of SPEC 3", "[statistics]") {
    // 6 cramps in 40 exposed nights against 15 in 30 unexposed nights.
    const auto result = stats::rate_ratio(6, 40, 15, 30);
    REQUIRE(result.ratio);
    CHECK_THAT(*result.ratio, WithinRel(0.3, tight));
    CHECK_THAT(*result.low, WithinAbs(0.095365, 5e-7));
    CHECK_THAT(*result.high, WithinAbs(0.818221, 5e-7));
    CHECK_THAT(*result.p_value, WithinAbs(0.013217, 5e-7));
    // and to full precision against scipy
    CHECK_THAT(*result.low, WithinRel(0.09536513722696341, 1e-10));
    CHECK_THAT(*result.high, WithinRel(0.8182211263120716, 1e-10));
    CHECK_THAT(*result.p_value, WithinRel(0.01321681538050926, 1e-10));
}

TEST_CASE("rate ratio: undefined values are null", "[statistics]") {
    SECTION("c1 = 0: ratio 0, lower bound 0, upper bound finite") {
        const auto r = stats::rate_ratio(0, 10, 5, 10);
        CHECK(*r.ratio == 0);
        CHECK(*r.low == 0);
        CHECK_THAT(*r.high, WithinRel(1.091279105182546, 1e-10));
        CHECK_THAT(*r.p_value, WithinRel(0.0625, tight));
    }
    SECTION("c0 = 0: no ratio, no upper bound, a lower bound and a p-value") {
        const auto r = stats::rate_ratio(4, 10, 0, 12);
        CHECK_FALSE(r.ratio);
        CHECK_FALSE(r.high);
        CHECK_THAT(*r.low, WithinRel(0.7921488232321121, 1e-10));
        CHECK_THAT(*r.p_value, WithinRel(0.042688340960316914, 1e-10));
    }
    SECTION("c = 0: nothing to compare") {
        const auto r = stats::rate_ratio(0, 10, 0, 12);
        CHECK_FALSE(r.ratio);
        CHECK_FALSE(r.low);
        CHECK_FALSE(r.high);
        CHECK_FALSE(r.p_value);
    }
    SECTION("t0 = 0 or t1 = 0: no comparison at all") {
        for (const auto& r : {stats::rate_ratio(3, 10, 0, 0), stats::rate_ratio(0, 0, 3, 10)}) {
            CHECK_FALSE(r.ratio);
            CHECK_FALSE(r.low);
            CHECK_FALSE(r.high);
            CHECK_FALSE(r.p_value);
        }
    }
    CHECK_THROWS_AS(stats::rate_ratio(-1, 10, 0, 10), legdiary::ValidationError);
}

TEST_CASE("Theil-Sen and Mann-Kendall of a long series, without listing every slope", "[statistics]") {
    // Weekly rates 7·C/R as a long diary makes them (many ties), beyond the size where every
    // slope is listed: the ranked slopes must be the listed ones (to the ulp), S exact.
    std::mt19937_64 random(42);
    std::vector<double> x, y;
    for (int week = 0; week < 1800; ++week) {
        if (random() % 10 == 0) continue;  // a week left out: a gap in x
        const auto nights = static_cast<double>(4 + random() % 4);
        const auto cramps = static_cast<double>(random() % 6 + (week > 900 ? 0 : random() % 3));
        x.push_back(week);
        y.push_back(7 * cramps / nights);
    }
    std::vector<double> slopes;
    std::int64_t s = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j) {
            if (x[i] - x[j] > 0) slopes.push_back((y[i] - y[j]) / (x[i] - x[j]));
            if (j > i) s += (y[j] > y[i]) - (y[j] < y[i]);
        }
    REQUIRE(slopes.size() > (1u << 20));
    std::sort(slopes.begin(), slopes.end());
    const std::size_t middle = slopes.size() / 2;
    const double median = slopes.size() % 2 ? slopes[middle] : (slopes[middle - 1] + slopes[middle]) / 2;
    // Sen's interval ranks as scipy computes them (x has no ties, so σ² is Mann–Kendall's).
    const auto mk = stats::mann_kendall(y);
    const double count = static_cast<double>(slopes.size()), z = -1.959963984540054, sigma = std::sqrt(mk.variance);
    const auto lower = static_cast<std::size_t>(std::nearbyint((count + z * sigma) / 2.)) - 1;
    const auto upper = static_cast<std::size_t>(std::nearbyint((count - z * sigma) / 2.));

    const auto fit = stats::theil_sen(x, y);
    const auto same = [](double got, double expected) { return std::abs(got - expected) <= 1e-14 * std::abs(expected); };
    CHECK(same(fit.slope, median));
    CHECK(same(fit.low, slopes[lower]));
    CHECK(same(fit.high, slopes[upper]));
    CHECK(mk.s == s);
    std::vector<double> residuals;
    for (std::size_t i = 0; i < x.size(); ++i) residuals.push_back(y[i] - fit.slope * x[i]);
    std::sort(residuals.begin(), residuals.end());
    const std::size_t half = residuals.size() / 2;
    CHECK(same(fit.intercept, residuals.size() % 2 ? residuals[half] : (residuals[half - 1] + residuals[half]) / 2));
}

// --- Pooling (SPEC 8) ------------------------------------------------------------------

namespace {

/// Cochran's Q and the fixed-effect weights, written out here for the checks below.
double cochran_q(const std::vector<double>& y, const std::vector<double>& v) {
    double sum_w = 0, sum_wy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        sum_w += 1 / v[i];
        sum_wy += y[i] / v[i];
    }
    double q = 0;
    for (std::size_t i = 0; i < y.size(); ++i) q += (y[i] - sum_wy / sum_w) * (y[i] - sum_wy / sum_w) / v[i];
    return q;
}

std::vector<double> variances(const std::vector<double>& se) {
    std::vector<double> v;
    for (const double s : se) v.push_back(s * s);
    return v;
}

}  // namespace

TEST_CASE("pooling: SPEC 8's research check values, DerSimonian-Laird", "[statistics][pooling]") {
    const auto v = variances({0.20, 0.25, 0.30, 0.22, 0.18});
    SECTION("heterogeneous: tau2 above 0") {
        const std::vector<double> y = {-0.65, -0.10, -0.80, 0.15, -0.35};
        const auto pooled = stats::pool(y, v, stats::PoolMethod::dl, false);
        CHECK(pooled.k == 5);
        CHECK_THAT(pooled.tau2, WithinRel(0.0822605, 1e-6));
        CHECK_THAT(pooled.rate_ratio, WithinRel(0.713969, 1e-6));
        REQUIRE(pooled.rate_ratio_low);
        CHECK_THAT(*pooled.rate_ratio_low, WithinRel(0.517899, 1e-6));
        CHECK_THAT(*pooled.rate_ratio_high, WithinRel(0.984268, 1e-6));
        const double q = cochran_q(y, v);
        CHECK_THAT(pooled.q, WithinRel(q, tight));
        CHECK_THAT(pooled.i2, WithinRel((q - 4) / q, tight));
        // P(χ²₄ ≥ Q) = e^(−Q/2)(1 + Q/2): the χ² survival of 4 degrees of freedom in closed form
        CHECK_THAT(*pooled.q_p_value, WithinRel(std::exp(-q / 2) * (1 + q / 2), 1e-12));
        REQUIRE(pooled.weights.size() == 5);
        for (std::size_t i = 0; i < 5; ++i) CHECK_THAT(pooled.weights[i], WithinRel(1 / (v[i] + pooled.tau2), tight));
        // prediction interval with t₃ = 3.182446305284263
        const double half = 3.182446305284263 * std::sqrt(pooled.tau2 + pooled.se * pooled.se);
        CHECK_THAT(*pooled.prediction_low, WithinRel(std::exp(pooled.log_rate_ratio - half), 1e-12));
        CHECK_THAT(*pooled.prediction_high, WithinRel(std::exp(pooled.log_rate_ratio + half), 1e-12));
    }
    SECTION("homogeneous: Q below k - 1 gives tau2 = 0, never a negative one") {
        const std::vector<double> y = {-0.30, -0.25, -0.40, -0.20, -0.35};
        REQUIRE(cochran_q(y, v) < 4);
        for (const auto method : {stats::PoolMethod::dl, stats::PoolMethod::pm}) {
            const auto pooled = stats::pool(y, v, method, false);
            CHECK(pooled.tau2 == 0);
            CHECK(pooled.i2 == 0);
            CHECK_THAT(pooled.rate_ratio, WithinRel(0.742334, 1e-6));
            CHECK_THAT(*pooled.rate_ratio_low, WithinRel(0.61233, 1e-5));
            CHECK_THAT(*pooled.rate_ratio_high, WithinRel(0.899938, 1e-6));
        }
    }
}

TEST_CASE("pooling: Paule-Mandel solves its estimating equation, and HKSJ widens by max(1, q)", "[statistics][pooling]") {
    const auto v = variances({0.20, 0.25, 0.30, 0.22, 0.18});
    const std::vector<double> y = {-0.65, -0.10, -0.80, 0.15, -0.35};
    const auto pm = stats::pool(y, v, stats::PoolMethod::pm, false);
    REQUIRE(pm.tau2 > 0);
    double mean_num = 0, mean_den = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        mean_num += y[i] / (v[i] + pm.tau2);
        mean_den += 1 / (v[i] + pm.tau2);
    }
    double spread = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        spread += (y[i] - mean_num / mean_den) * (y[i] - mean_num / mean_den) / (v[i] + pm.tau2);
    CHECK_THAT(spread, WithinRel(4.0, 1e-12));  // k − 1
    CHECK_THAT(pm.log_rate_ratio, WithinRel(mean_num / mean_den, 1e-12));
    CHECK_THAT(pm.se, WithinRel(1 / std::sqrt(mean_den), 1e-12));

    // With the PM τ², q = Σ w*(y − μ)²/(k − 1) is 1: HKSJ keeps the SE and takes t₄.
    const auto pm_hksj = stats::pool(y, v, stats::PoolMethod::pm, true);
    CHECK_THAT(pm_hksj.se, WithinRel(pm.se, 1e-9));
    const double t4 = 2.7764451051977987;
    CHECK_THAT(*pm_hksj.rate_ratio_low, WithinRel(std::exp(pm.log_rate_ratio - t4 * pm.se), 1e-9));
    // With DL's smaller τ² the spread is above k − 1, so the SE grows by √q.
    const auto dl = stats::pool(y, v, stats::PoolMethod::dl, false);
    const auto dl_hksj = stats::pool(y, v, stats::PoolMethod::dl, true);
    double q = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        q += dl.weights[i] * (y[i] - dl.log_rate_ratio) * (y[i] - dl.log_rate_ratio) / 4;
    REQUIRE(q > 1);
    CHECK_THAT(dl_hksj.se, WithinRel(dl.se * std::sqrt(q), 1e-12));
    CHECK_THAT(*dl_hksj.rate_ratio_high, WithinRel(std::exp(dl.log_rate_ratio + t4 * dl_hksj.se), 1e-12));
}

TEST_CASE("pooling: one or two persons, and refused input", "[statistics][pooling]") {
    const auto one = stats::pool(std::vector<double>{-0.2}, std::vector<double>{0.04}, stats::PoolMethod::dl, false);
    CHECK(one.k == 1);
    CHECK(one.tau2 == 0);
    CHECK_THAT(one.se, WithinRel(0.2, tight));
    CHECK_FALSE(one.q_p_value);
    CHECK_FALSE(one.prediction_low);
    CHECK_FALSE(stats::pool(std::vector<double>{-0.2}, std::vector<double>{0.04}, stats::PoolMethod::pm, true).rate_ratio_low);
    const auto two = stats::pool(std::vector<double>{-0.2, 0.3}, std::vector<double>{0.04, 0.05}, stats::PoolMethod::pm, false);
    CHECK(two.q_p_value);
    CHECK_FALSE(two.prediction_low);  // needs k ≥ 3

    const auto refused = [](std::vector<double> y, std::vector<double> v, const char* field) {
        try {
            (void)stats::pool(y, v, stats::PoolMethod::dl, false);
            FAIL("accepted");
        } catch (const legdiary::ValidationError& error) {
            CHECK(error.field() == field);
        }
    };
    refused({}, {}, "y");
    refused({0.1, 0.2}, {0.1}, "v");
    refused({0.1, NAN}, {0.1, 0.1}, "y");
    refused({0.1, 0.2}, {0.1, 0}, "v");
    refused({0.1, 0.2}, {0.1, INFINITY}, "v");
}
