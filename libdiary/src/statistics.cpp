#include "legdiary/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <tuple>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/tools/roots.hpp>

#include "legdiary/error.hpp"
#include "legdiary/models.hpp"  // z95

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

// Pairs (i < j) of `keys` with keys[j] < keys[i] (`less`) and keys[j] <= keys[i]
// (`less_or_equal`), counted while merge-sorting, in O(n log n). `on_inversion(a, b)`, if
// given, is called with the item indexes of every pair counted in `less` (a before b).
struct Inversions {
    std::int64_t less = 0, less_or_equal = 0;
};
template <typename OnInversion>
Inversions count_inversions(std::vector<std::pair<long double, std::size_t>> items, OnInversion on_inversion) {
    Inversions counted;
    std::vector<std::pair<long double, std::size_t>> merged(items.size());
    for (std::size_t width = 1; width < items.size(); width *= 2) {
        for (std::size_t start = 0; start < items.size(); start += 2 * width) {
            const std::size_t middle = std::min(start + width, items.size()), end = std::min(start + 2 * width, items.size());
            // Pairs across the halves: for each right item, the left items above it / not below it.
            for (std::size_t l = start, r = middle, l_strict = start; r < end; ++r) {
                while (l < middle && items[l].first < items[r].first) ++l;
                while (l_strict < middle && items[l_strict].first <= items[r].first) ++l_strict;
                counted.less_or_equal += static_cast<std::int64_t>(middle - l);
                counted.less += static_cast<std::int64_t>(middle - l_strict);
                for (std::size_t k = l_strict; k < middle; ++k) on_inversion(items[k].second, items[r].second);
            }
            std::merge(items.begin() + static_cast<std::ptrdiff_t>(start), items.begin() + static_cast<std::ptrdiff_t>(middle),
                       items.begin() + static_cast<std::ptrdiff_t>(middle), items.begin() + static_cast<std::ptrdiff_t>(end),
                       merged.begin() + static_cast<std::ptrdiff_t>(start));
        }
        items.swap(merged);
    }
    return counted;
}

// The pairwise slopes of points with distinct, increasing x, ranked without listing them
// all: Δy/Δx < c for a pair i < j exactly when y_j − c·x_j < y_i − c·x_i, so counting the
// slopes below c is counting inversions of those keys, and the slopes between two values
// are the pairs whose order differs between their two keys. A selection narrows such an
// interval around the wanted rank with pivots drawn from a random sample of slopes, then
// lists the few slopes left in it. O(n log n) per pivot instead of O(n²) slopes.
// Slopes are ranked by their value before rounding (keys in long double), and the slope
// returned is computed as scipy computes it; two slopes closer than their rounding error
// may therefore trade places, which moves a result by an ulp or so at most.
class PairSlopes {
public:
    PairSlopes(std::span<const double> x, std::span<const double> y) : x_(x), y_(y) {}

    [[nodiscard]] std::int64_t pairs() const {
        const auto n = static_cast<std::int64_t>(x_.size());
        return n * (n - 1) / 2;
    }

    // The slope of rank k (0-based) in increasing order.
    [[nodiscard]] double select(std::int64_t k) const {
        const std::size_t n = x_.size();
        // The extreme slopes are between neighbours; start just outside them.
        double low = slope(0, 1), high = low;
        for (std::size_t i = 1; i + 1 < n; ++i) {
            low = std::min(low, slope(i, i + 1));
            high = std::max(high, slope(i, i + 1));
        }
        low -= std::abs(low) * 1e-9 + 1e-300;
        high += std::abs(high) * 1e-9 + 1e-300;
        std::int64_t at_or_below_low = 0, below_high = pairs();

        std::vector<double> sample = sample_slopes();
        const auto small_enough = static_cast<std::int64_t>(std::max<std::size_t>(4 * n, 1 << 16));
        while (below_high - at_or_below_low > small_enough) {
            const auto first = std::upper_bound(sample.begin(), sample.end(), low);
            const auto last = std::lower_bound(first, sample.end(), high);
            double pivot;
            if (first != last) {
                // Where rank k falls among the sample slopes inside the interval.
                const double share = static_cast<double>(k - at_or_below_low) /
                                     static_cast<double>(below_high - at_or_below_low);
                pivot = first[static_cast<std::ptrdiff_t>(share * static_cast<double>(last - first - 1))];
            } else {
                pivot = low + (high - low) / 2;
                if (!(pivot > low && pivot < high)) break;  // neighbouring doubles: list what is left
            }
            const Inversions at = count_below(pivot);
            if (at.less <= k && k < at.less_or_equal) return pivot;  // k falls among slopes equal to the pivot
            if (k < at.less) {
                high = pivot;
                below_high = at.less;
            } else {
                low = pivot;
                at_or_below_low = at.less_or_equal;
            }
        }
        std::vector<double> left = between(low, high);
        if (left.empty()) return low;  // only if rounding disagreed with the counts
        const auto rank = std::min(static_cast<std::size_t>(k - at_or_below_low), left.size() - 1);
        std::nth_element(left.begin(), left.begin() + static_cast<std::ptrdiff_t>(rank), left.end());
        return left[rank];
    }

private:
    // As scipy computes it: Δy/Δx with the later point first.
    [[nodiscard]] double slope(std::size_t i, std::size_t j) const { return (y_[j] - y_[i]) / (x_[j] - x_[i]); }

    [[nodiscard]] std::vector<std::pair<long double, std::size_t>> keys(double c) const {
        std::vector<std::pair<long double, std::size_t>> items(x_.size());
        for (std::size_t i = 0; i < x_.size(); ++i)
            items[i] = {static_cast<long double>(y_[i]) - static_cast<long double>(c) * static_cast<long double>(x_[i]), i};
        return items;
    }

    [[nodiscard]] Inversions count_below(double c) const {
        return count_inversions(keys(c), [](std::size_t, std::size_t) {});
    }

    // The slopes strictly between low and high: pairs in increasing order of the low key
    // (ties: of the high key, so slopes equal to low are left out) that the high key inverts.
    [[nodiscard]] std::vector<double> between(double low, double high) const {
        auto by_low = keys(low);
        const auto by_high = keys(high);
        std::sort(by_low.begin(), by_low.end(), [&](const auto& a, const auto& b) {
            return a.first < b.first || (a.first == b.first && by_high[a.second].first < by_high[b.second].first);
        });
        std::vector<std::pair<long double, std::size_t>> items;
        items.reserve(by_low.size());
        for (const auto& item : by_low) items.push_back(by_high[item.second]);
        std::vector<double> slopes;
        count_inversions(std::move(items), [&](std::size_t a, std::size_t b) {
            slopes.push_back(a < b ? slope(a, b) : slope(b, a));
        });
        return slopes;
    }

    // A fixed-seed sample, so the same data always take the same path.
    [[nodiscard]] std::vector<double> sample_slopes() const {
        std::mt19937_64 random(0x5eed);
        const std::size_t n = x_.size();
        std::vector<double> sample(4 * n);
        for (auto& value : sample) {
            std::size_t i = random() % n, j = random() % (n - 1);
            if (j >= i) ++j;
            value = i < j ? slope(i, j) : slope(j, i);
        }
        std::sort(sample.begin(), sample.end());
        return sample;
    }

    std::span<const double> x_, y_;
};

// Up to this many pairs Theil–Sen lists and sorts every slope, exactly as scipy does.
constexpr std::size_t listed_slopes_limit = 1 << 20;

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

namespace {

// The median of the residuals y − slope·x, each computed as scipy computes it, so that the
// intercept matches `theilslopes(..., method="joint")` to the last bit.
double theil_sen_intercept(std::span<const double> x, std::span<const double> y, double slope) {
    std::vector<double> residuals(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) residuals[i] = y[i] - slope * x[i];
    return *median(std::move(residuals));
}

}  // namespace

TheilSen theil_sen(std::span<const double> x, std::span<const double> y, double confidence) {
    check_confidence(confidence);
    if (x.size() != y.size())
        throw ValidationError("x", std::to_string(x.size()) + " values",
                              "must have as many values as y (" + std::to_string(y.size()) + ")");
    // Sen (1968), equation 2.6, as scipy evaluates it.
    const double alpha = confidence > 0.5 ? 1 - confidence : confidence;
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), alpha / 2);
    const auto n = static_cast<double>(y.size());
    const double sigma_squared = (n * (n - 1) * (2 * n + 5) - tie_term(x) - tie_term(y)) / 18.;
    const double sigma = std::sqrt(sigma_squared);
    const auto interval_indexes = [&](double count) {
        const auto last = static_cast<std::int64_t>(count) - 1;
        // std::nearbyint in the default rounding mode rounds half to even, like np.round.
        const auto upper = std::min(static_cast<std::int64_t>(std::nearbyint((count - z * sigma) / 2.)), last);
        const auto lower = std::max(static_cast<std::int64_t>(std::nearbyint((count + z * sigma) / 2.)) - 1, std::int64_t{0});
        return std::pair{lower, upper};
    };

    if (x.size() * (x.size() - (x.empty() ? 0 : 1)) / 2 > listed_slopes_limit) {
        std::vector<std::size_t> order(x.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
        std::vector<double> sorted_x(x.size()), sorted_y(y.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            sorted_x[i] = x[order[i]];
            sorted_y[i] = y[order[i]];
        }
        if (std::adjacent_find(sorted_x.begin(), sorted_x.end()) == sorted_x.end()) {
            const PairSlopes slopes(sorted_x, sorted_y);
            const std::int64_t count = slopes.pairs(), middle = count / 2;
            TheilSen fit;
            fit.slope = count % 2 == 1 ? slopes.select(middle)
                                       : (slopes.select(middle - 1) + slopes.select(middle)) / 2;
            const auto [lower_index, upper_index] = interval_indexes(static_cast<double>(count));
            fit.low = slopes.select(lower_index);
            fit.high = slopes.select(upper_index);
            fit.intercept = theil_sen_intercept(x, y, fit.slope);
            return fit;
        }
    }

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
    const auto [lower_index, upper_index] = interval_indexes(static_cast<double>(slopes.size()));
    fit.low = slopes[static_cast<std::size_t>(lower_index)];
    fit.high = slopes[static_cast<std::size_t>(upper_index)];
    fit.intercept = theil_sen_intercept(x, y, fit.slope);
    return fit;
}

MannKendall mann_kendall(std::span<const double> y) {
    if (y.size() < 2) throw ValidationError("y", std::to_string(y.size()) + " values", "needs at least two values");
    MannKendall result;
    // S = pairs rising − pairs falling, counted by merge sort rather than pair by pair.
    std::vector<std::pair<long double, std::size_t>> items(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) items[i] = {y[i], i};
    const auto pairs = static_cast<std::int64_t>(y.size() * (y.size() - 1) / 2);
    const Inversions falling = count_inversions(std::move(items), [](std::size_t, std::size_t) {});
    result.s = (pairs - falling.less_or_equal) - falling.less;
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

Pooled pool(std::span<const double> y, std::span<const double> v, PoolMethod method, bool hksj) {
    const std::size_t k = y.size();
    if (k == 0) throw ValidationError("y", "no values", "needs at least one person's log rate ratio");
    if (v.size() != k)
        throw ValidationError("v", std::to_string(v.size()) + " values",
                              "needs one variance per log rate ratio (" + std::to_string(k) + ")");
    for (std::size_t i = 0; i < k; ++i) {
        if (!std::isfinite(y[i]))
            throw ValidationError("y", std::to_string(y[i]), "must be a finite number (position " + std::to_string(i) + ")");
        if (!std::isfinite(v[i]) || v[i] <= 0)
            throw ValidationError("v", std::to_string(v[i]),
                                  "must be a finite variance above 0 (position " + std::to_string(i) + ")");
    }
    const auto df = static_cast<double>(k) - 1;
    // The mean weighted by 1/(v + τ²), and Σ (y − μ)²/(v + τ²) about it.
    const auto weighted = [&](double tau2) {
        double sum_w = 0, sum_wy = 0;
        for (std::size_t i = 0; i < k; ++i) {
            sum_w += 1 / (v[i] + tau2);
            sum_wy += y[i] / (v[i] + tau2);
        }
        const double mean = sum_wy / sum_w;
        double spread = 0;
        for (std::size_t i = 0; i < k; ++i) spread += (y[i] - mean) * (y[i] - mean) / (v[i] + tau2);
        return std::tuple{mean, sum_w, spread};
    };
    Pooled pooled;
    pooled.k = static_cast<std::int64_t>(k);
    const auto [fixed_mean, sum_w, q] = weighted(0.0);
    (void)fixed_mean;
    pooled.q = q;
    if (q > df) {
        if (method == PoolMethod::dl) {
            double sum_w2 = 0;
            for (std::size_t i = 0; i < k; ++i) sum_w2 += 1 / (v[i] * v[i]);
            pooled.tau2 = (q - df) / (sum_w - sum_w2 / sum_w);
        } else {
            // Σ (y − μ)²/(v + τ²) falls from Q at τ² = 0 towards 0: bracket its crossing of
            // k − 1, then TOMS 748 to full double precision.
            const auto excess = [&](double tau2) { return std::get<2>(weighted(tau2)) - df; };
            double high = 1;
            while (excess(high) > 0) high *= 2;
            boost::uintmax_t iterations = 200;
            const auto [low_end, high_end] = boost::math::tools::toms748_solve(
                excess, 0.0, high, boost::math::tools::eps_tolerance<double>(), iterations);
            pooled.tau2 = (low_end + high_end) / 2;
        }
    }
    pooled.i2 = q > 0 ? std::max(0.0, (q - df) / q) : 0.0;
    if (k >= 2) pooled.q_p_value = boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(df), q));
    const auto [mean, sum_w_star, spread] = weighted(pooled.tau2);
    pooled.log_rate_ratio = mean;
    pooled.rate_ratio = std::exp(mean);
    for (std::size_t i = 0; i < k; ++i) pooled.weights.push_back(1 / (v[i] + pooled.tau2));
    pooled.se = 1 / std::sqrt(sum_w_star);
    if (!hksj || k >= 2) {  // HKSJ of one person has no t (0 degrees of freedom), so no interval
        double critical = models::z95;
        if (hksj) {
            pooled.se *= std::sqrt(std::max(1.0, spread / df));
            critical = boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
        }
        pooled.rate_ratio_low = std::exp(mean - critical * pooled.se);
        pooled.rate_ratio_high = std::exp(mean + critical * pooled.se);
    }
    if (k >= 3) {
        const double t = boost::math::quantile(boost::math::students_t_distribution<double>(df - 1), 0.975);
        const double half = t * std::sqrt(pooled.tau2 + pooled.se * pooled.se);
        pooled.prediction_low = std::exp(mean - half);
        pooled.prediction_high = std::exp(mean + half);
    }
    return pooled;
}

}  // namespace legdiary::statistics
