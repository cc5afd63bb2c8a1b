/// @file statistics.hpp
/// The statistical building blocks of the trends — median, Theil–Sen slope with Sen's
/// interval, the Mann–Kendall trend test, the exact comparison of two Poisson rates — and
/// the random-effects pooling of per-person rate ratios across a cohort (SPEC 8).
/// Plain functions on vectors of doubles, no diary types, so they can be checked one by
/// one against an independent implementation (the scipy cross-check in tests/python).
/// Distributions come from Boost.Math. Definitions and references: docs/statistics.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace legdiary::statistics {

/// The median: the middle value, or the mean of the two middle values of an even count.
/// Null for no values. Takes a copy because it reorders the values.
[[nodiscard]] std::optional<double> median(std::vector<double> values);

/// The arithmetic mean; null for no values.
[[nodiscard]] std::optional<double> mean(std::span<const double> values);

/// A Theil–Sen fit: the median of the pairwise slopes and its confidence interval.
struct TheilSen {
    double slope = 0;  ///< median of (y_j − y_i)/(x_j − x_i) over pairs with x_i < x_j
    double low = 0;    ///< lower confidence bound of the slope (Sen 1968)
    double high = 0;   ///< upper confidence bound of the slope (Sen 1968)
    /// median(y − slope·x): the fitted line is y = intercept + slope·x, so the intercept is
    /// the line's value at x = 0. This is `scipy.stats.theilslopes(y, x, method="joint")`;
    /// scipy's default (`method="separate"`, median(y) − slope·median(x)) is another line.
    double intercept = 0;
};

/// Theil–Sen slope of y on x with the interval of Sen (1968), computed exactly as
/// `scipy.stats.theilslopes(y, x, confidence)`: σ² = [n(n−1)(2n+5) − Σ tie terms of x −
/// Σ tie terms of y]/18, the interval bounds are the sorted slopes at indices
/// round((N ∓ z·σ)/2) (half to even; the lower one minus 1), clipped to the slopes; the
/// intercept as TheilSen::intercept says.
/// Throws ValidationError (field `x`) when x and y differ in length or fewer than two x
/// values differ.
[[nodiscard]] TheilSen theil_sen(std::span<const double> x, std::span<const double> y, double confidence = 0.95);

/// The Mann–Kendall trend test of a series in time order.
struct MannKendall {
    std::int64_t s = 0;   ///< S = Σ_{i<j} sign(y_j − y_i)
    double variance = 0;  ///< Var(S) with the correction for tied values
    double z = 0;         ///< continuity-corrected normal score; 0 when S = 0
    double tau = 0;       ///< Kendall's tau: S / (n(n−1)/2)
    double p_value = 1;   ///< two-sided p = 2(1 − Φ(|Z|))
};

/// Mann–Kendall test (Mann 1945; Kendall 1975) with the tie correction
/// Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)]/18 over groups of equal values.
/// Throws ValidationError (field `y`) for fewer than two values.
[[nodiscard]] MannKendall mann_kendall(std::span<const double> y);

/// The Clopper–Pearson ("exact") interval for a binomial proportion, k successes in n
/// trials: beta quantiles, with 0 as the lower bound when k = 0 and 1 as the upper bound
/// when k = n. Throws ValidationError when n < 1 or k is outside 0..n.
[[nodiscard]] std::pair<double, double> clopper_pearson(std::int64_t k, std::int64_t n, double confidence = 0.95);

/// Two-sided exact binomial test of k successes in n trials with success probability p,
/// exactly as `scipy.stats.binomtest(k, n, p).pvalue`: the total probability of every
/// outcome no more likely than k (within a relative 1e-7), at most 1.
/// Throws ValidationError when n < 1, k is outside 0..n, or p is outside [0, 1].
[[nodiscard]] double binomial_test_two_sided(std::int64_t k, std::int64_t n, double p);

/// A comparison of two Poisson rates: exposed c1 events in time t1 against unexposed c0
/// events in time t0. Every value is null when it is undefined.
struct RateRatio {
    std::optional<double> ratio;    ///< (c1/t1)/(c0/t0); null when t1, t0 or c0 is 0
    std::optional<double> low;      ///< lower bound of the exact conditional interval; null when t1 = 0, t0 = 0 or c = 0
    std::optional<double> high;     ///< upper bound; also null when c0 = 0 (the bound is infinite)
    std::optional<double> p_value;  ///< exact conditional two-sided test of equal rates; null when t1 = 0, t0 = 0 or c = 0
};

/// The exact conditional comparison of two Poisson rates: given c = c1 + c0, c1 follows
/// Bin(c, π) with π = t1·ρ/(t1·ρ + t0) for rate ratio ρ. The Clopper–Pearson interval
/// [πL, πU] for c1 of c maps to ρ = π/(1 − π) · t0/t1, and the p-value is the exact
/// two-sided binomial test of π = t1/(t1 + t0) (ρ = 1). Throws ValidationError for
/// negative counts or times.
[[nodiscard]] RateRatio rate_ratio(std::int64_t c1, double t1, std::int64_t c0, double t0, double confidence = 0.95);

/// How the between-person variance τ² of a pooling is estimated (SPEC 8).
enum class PoolMethod {
    dl,  ///< DerSimonian–Laird: max(0, (Q − (k − 1))/C)
    pm,  ///< Paule–Mandel: τ² ≥ 0 with Σ (y − μ)²/(v + τ²) = k − 1; 0 when Q ≤ k − 1
};

/// A random-effects pooling of k log rate ratios (SPEC 8). Null where k is too small: the
/// Q test below k = 2, the HKSJ interval below k = 2, the prediction interval below k = 3.
struct Pooled {
    std::int64_t k = 0;
    double log_rate_ratio = 0;       ///< μ = Σ w*·y / Σ w*, w* = 1/(v + τ²)
    double se = 0;                   ///< (Σ w*)^−½, times √max(1, q) with HKSJ
    double rate_ratio = 0;           ///< e^μ
    std::optional<double> rate_ratio_low, rate_ratio_high;    ///< e^(μ ∓ z·SE), or t_{k−1} with HKSJ
    double tau2 = 0;                 ///< between-person variance, ≥ 0
    double i2 = 0;                   ///< max(0, (Q − (k − 1))/Q); 0 when Q = 0
    double q = 0;                    ///< Cochran's Q about the fixed-effect mean
    std::optional<double> q_p_value;  ///< P(χ²_{k−1} ≥ Q)
    std::optional<double> prediction_low, prediction_high;  ///< e^(μ ∓ t_{k−2}·√(τ² + SE²)), SE as above
    std::vector<double> weights;     ///< w* per person, in the order given
};

/// Pools the log rate ratios `y` with variances `v` (the same length, at least 1; y finite,
/// v finite and > 0, else ValidationError naming `y` or `v`): SPEC 8's DerSimonian–Laird or
/// Paule–Mandel τ², the normal interval or with `hksj` the Hartung–Knapp–Sidik–Jonkman one
/// (SE·√max(1, q), q = Σ w*(y − μ)²/(k − 1), with t_{k−1}), and the prediction interval.
[[nodiscard]] Pooled pool(std::span<const double> y, std::span<const double> v, PoolMethod method, bool hksj);

}  // namespace legdiary::statistics
