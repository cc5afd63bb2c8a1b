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
