#include "legdiary/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>

#include "legdiary/error.hpp"

namespace legdiary::statistics {
namespace {

// Σ t(t−1)(2t+5) over groups of equal values: the tie term of Kendall's S variance.
double tie_term(std::span<const double> values) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    double total = 0;
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
        const auto t = static_cast<double>(j - i);
        total += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    return total;
}

void check_confidence(double confidence) {
    if (!(confidence > 0 && confidence < 1))
        throw ValidationError("confidence", std::to_string(confidence), "must be between 0 and 1");
}

void check_trials(std::int64_t k, std::int64_t n) {
    if (n < 1) throw ValidationError("n", std::to_string(n), "must be at least 1");
    if (k < 0 || k > n) throw ValidationError("k", std::to_string(k), "must be 0..n (" + std::to_string(n) + ")");
}

// scipy's binom.pmf/cdf/sf accept any integer and answer 0 or 1 outside 0..n, which its
// two-sided search relies on; Boost refuses those arguments, hence these guards.
struct Binomial {
    boost::math::binomial_distribution<double> distribution;
    std::int64_t n;

    double pmf(std::int64_t k) const {
        if (k < 0 || k > n) return 0;
        return boost::math::pdf(distribution, static_cast<double>(k));
    }
    double cdf(std::int64_t k) const {
        if (k < 0) return 0;
        if (k >= n) return 1;
        return boost::math::cdf(distribution, static_cast<double>(k));
    }
    double sf(std::int64_t k) const {
        if (k < 0) return 1;
        if (k >= n) return 0;
        return boost::math::cdf(boost::math::complement(distribution, static_cast<double>(k)));
    }
};

// scipy's _binary_search_for_binom_tst: the i in [lo, hi] with a(i) <= d < a(i+1), for a
// function ascending on that range.
template <typename Function>
std::int64_t binary_search_for_binomial_test(Function a, double d, std::int64_t lo, std::int64_t hi) {
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        const double mid_value = a(mid);
        if (mid_value < d)
            lo = mid + 1;
        else if (mid_value > d)
            hi = mid - 1;
        else
            return mid;
    }
    return a(lo) <= d ? lo : lo - 1;
}

}  // namespace

std::optional<double> median(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    const std::size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
    const double upper = values[middle];
    if (values.size() % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
    return (lower + upper) / 2;
}

std::optional<double> mean(std::span<const double> values) {
    if (values.empty()) return std::nullopt;
    double total = 0;
    for (double value : values) total += value;
    return total / static_cast<double>(values.size());
}

TheilSen theil_sen(std::span<const double> x, std::span<const double> y, double confidence) {
    check_confidence(confidence);
    if (x.size() != y.size())
        throw ValidationError("x", std::to_string(x.size()) + " values",
                              "must have as many values as y (" + std::to_string(y.size()) + ")");
    std::vector<double> slopes;
    slopes.reserve(x.size() * (x.size() - (x.empty() ? 0 : 1)) / 2);
    // Same operations in the same order as scipy (Δy/Δx over pairs with Δx > 0), so the
    // slopes are bit-identical and ties among them fall the same way.
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j)
            if (x[i] - x[j] > 0) slopes.push_back((y[i] - y[j]) / (x[i] - x[j]));
    if (slopes.empty()) throw ValidationError("x", std::to_string(x.size()) + " values", "needs two different x values");
    std::sort(slopes.begin(), slopes.end());

    TheilSen fit;
    fit.slope = *median(slopes);

    // Sen (1968), equation 2.6, as scipy evaluates it.
    const double alpha = confidence > 0.5 ? 1 - confidence : confidence;
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), alpha / 2);
    const auto n = static_cast<double>(y.size());
    const double sigma_squared = (n * (n - 1) * (2 * n + 5) - tie_term(x) - tie_term(y)) / 18.;
    const double sigma = std::sqrt(sigma_squared);
    const auto count = static_cast<double>(slopes.size());
    const auto last = static_cast<std::int64_t>(slopes.size()) - 1;
    // std::nearbyint in the default rounding mode rounds half to even, like np.round.
    const auto upper_index = std::min(static_cast<std::int64_t>(std::nearbyint((count - z * sigma) / 2.)), last);
    const auto lower_index =
        std::max(static_cast<std::int64_t>(std::nearbyint((count + z * sigma) / 2.)) - 1, std::int64_t{0});
    fit.low = slopes[static_cast<std::size_t>(lower_index)];
    fit.high = slopes[static_cast<std::size_t>(upper_index)];
    return fit;
}

MannKendall mann_kendall(std::span<const double> y) {
    if (y.size() < 2) throw ValidationError("y", std::to_string(y.size()) + " values", "needs at least two values");
    MannKendall result;
    for (std::size_t i = 0; i < y.size(); ++i)
        for (std::size_t j = i + 1; j < y.size(); ++j) result.s += (y[j] > y[i]) - (y[j] < y[i]);
    const auto n = static_cast<double>(y.size());
    result.variance = (n * (n - 1) * (2 * n + 5) - tie_term(y)) / 18.;
    const auto s = static_cast<double>(result.s);
    if (result.s > 0)
        result.z = (s - 1) / std::sqrt(result.variance);
    else if (result.s < 0)
        result.z = (s + 1) / std::sqrt(result.variance);
    result.tau = s / (n * (n - 1) / 2);
    // 1 − Φ(|Z|) evaluated as the upper tail directly: the same number without the
    // cancellation that would lose the digits of a small p-value.
    result.p_value =
        2 * boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), std::abs(result.z)));
    return result;
}

std::pair<double, double> clopper_pearson(std::int64_t k, std::int64_t n, double confidence) {
    check_trials(k, n);
    check_confidence(confidence);
    const double alpha = 1 - confidence;
    const auto successes = static_cast<double>(k), failures = static_cast<double>(n - k);
    const double low =
        k == 0 ? 0.0 : boost::math::quantile(boost::math::beta_distribution<double>(successes, failures + 1), alpha / 2);
    const double high = k == n ? 1.0
                               : boost::math::quantile(boost::math::beta_distribution<double>(successes + 1, failures),
                                                       1 - alpha / 2);
    return {low, high};
}

double binomial_test_two_sided(std::int64_t k, std::int64_t n, double p) {
    check_trials(k, n);
    if (!(p >= 0 && p <= 1)) throw ValidationError("p", std::to_string(p), "must be in [0, 1]");
    const Binomial binomial{boost::math::binomial_distribution<double>(static_cast<double>(n), p), n};
    const double d = binomial.pmf(k);
    const double relative_error = 1 + 1e-7;  // scipy's allowance for rounding in the pmf
    const double expected = p * static_cast<double>(n);
    const auto observed = static_cast<double>(k);
    double p_value;
    if (observed == expected) {
        p_value = 1;
    } else if (observed < expected) {
        const std::int64_t ix = binary_search_for_binomial_test(
            [&](std::int64_t i) { return -binomial.pmf(i); }, -d * relative_error,
            static_cast<std::int64_t>(std::ceil(expected)), n);
        const std::int64_t y = n - ix + (d * relative_error == binomial.pmf(ix) ? 1 : 0);
        p_value = binomial.cdf(k) + binomial.sf(n - y);
    } else {
        const std::int64_t ix = binary_search_for_binomial_test([&](std::int64_t i) { return binomial.pmf(i); },
                                                                d * relative_error, 0,
                                                                static_cast<std::int64_t>(std::floor(expected)));
        const std::int64_t y = ix + 1;
        p_value = binomial.cdf(y - 1) + binomial.sf(k - 1);
    }
    return std::min(1.0, p_value);
}

RateRatio rate_ratio(std::int64_t c1, double t1, std::int64_t c0, double t0, double confidence) {
    if (c1 < 0) throw ValidationError("c1", std::to_string(c1), "must not be negative");
    if (c0 < 0) throw ValidationError("c0", std::to_string(c0), "must not be negative");
    if (!(t1 >= 0)) throw ValidationError("t1", std::to_string(t1), "must not be negative");
    if (!(t0 >= 0)) throw ValidationError("t0", std::to_string(t0), "must not be negative");
    check_confidence(confidence);
    RateRatio result;
    if (t1 == 0 || t0 == 0) return result;
    if (c0 > 0) result.ratio = (static_cast<double>(c1) / t1) / (static_cast<double>(c0) / t0);
    const std::int64_t c = c1 + c0;
    if (c == 0) return result;
    const auto [low, high] = clopper_pearson(c1, c, confidence);
    const auto to_ratio = [&](double proportion) { return proportion / (1 - proportion) * t0 / t1; };
    result.low = to_ratio(low);
    if (high < 1) result.high = to_ratio(high);
    result.p_value = binomial_test_two_sided(c1, c, t1 / (t1 + t0));
    return result;
}

}  // namespace legdiary::statistics
