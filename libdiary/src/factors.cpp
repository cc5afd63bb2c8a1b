// The factor screen (factors.hpp, SPEC 6): per factor and lag, the nights whose value is
// known, the fitting rules, the NB2 model on [1, x, w], the Wald numbers per unit, BH.
#include "legdiary/factors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "legdiary/analysis.hpp"
#include "legdiary/models.hpp"
#include "legdiary/time.hpp"

namespace legdiary {
namespace {

// A factor: its name, unit, and its value on a day log row (nullopt when unknown).
struct Factor {
    std::string name;
    std::string unit;
    double unit_size = 1;
    bool is_tag = false;
    std::function<std::optional<double>(std::size_t row)> value;
};

std::optional<double> known(double value) {
    if (std::isnan(value)) return std::nullopt;
    return value;
}
std::optional<double> known(std::int16_t value) {
    if (value < 0) return std::nullopt;
    return static_cast<double>(value);
}

std::vector<Factor> factors_of(const DiaryTables& tables, const NightRange& range) {
    const auto& days = tables.days;
    std::vector<Factor> factors = {
        {"compression_hours", "1 h", 1, false, [&days](std::size_t r) { return known(days.compression_hours[r]); }},
        {"standing_hours", "1 h", 1, false, [&days](std::size_t r) { return known(days.standing_hours[r]); }},
        {"water_l", "1 L", 1, false, [&days](std::size_t r) { return known(days.water_l[r]); }},
        {"exercise_min", "30 min", 30, false, [&days](std::size_t r) { return known(days.exercise_min[r]); }},
        {"elevation_min", "30 min", 30, false, [&days](std::size_t r) { return known(days.elevation_min[r]); }},
    };
    // Every tag used in the range's day logs (SPEC 6), as a column of rows that have it.
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    std::map<std::string, std::shared_ptr<std::vector<bool>>> tags;
    for (std::size_t k = 0; k < days.tag.size(); ++k) {
        const std::size_t row = days.tag_row[k];
        if (row >= days.size()) continue;
        auto& has = tags[days.tag[k]];
        if (!has) has = std::make_shared<std::vector<bool>>(days.size(), false);
        (*has)[row] = true;
    }
    for (const auto& [tag, has] : tags) {
        bool used_in_range = false;
        for (std::size_t row = 0; row < days.size() && !used_in_range; ++row)
            used_in_range = (*has)[row] && days.day[row] >= from && days.day[row] <= to;
        if (!used_in_range) continue;
        factors.push_back({"tag:" + tag, "present", 1, true,
                           [column = has](std::size_t r) { return std::optional<double>((*column)[r] ? 1.0 : 0.0); }});
    }
    return factors;
}

// "12% more", "30% fewer" or "no change" (under 0.5% either way).
std::string change_words(double ratio) {
    const double change = 100 * (ratio - 1);
    if (std::fabs(change) < 0.5) return "no change";
    char text[64];
    std::snprintf(text, sizeof text, "%.0f%% %s", std::fabs(change), change < 0 ? "fewer" : "more");
    return text;
}

std::string q_words(double q) {
    if (q < 0.001) return "q < 0.001";
    char text[32];
    std::snprintf(text, sizeof text, "q = %.3f", q);
    return text;
}

// What one more unit of a factor is, after "days with" (or the tag's own words).
std::string unit_words(const FactorRow& row) {
    if (row.factor == "compression_hours") return "1 h more in compression stockings";
    if (row.factor == "standing_hours") return "1 h more standing";
    if (row.factor == "water_l") return "1 L more water";
    if (row.factor == "exercise_min") return "30 min more exercise";
    if (row.factor == "elevation_min") return "30 min more with the legs raised";
    return row.unit + " more " + row.factor;
}

}  // namespace

std::string factor_finding(const FactorRow& row) {
    std::string text = row.lag == 0 ? "On nights after days " : "On the second night after days ";
    const bool tag = row.factor.rfind("tag:", 0) == 0;
    text += tag ? "tagged \u201c" + row.factor.substr(4) + "\u201d" : "with " + unit_words(row);
    text += ", " + change_words(row.rate_ratio) + " cramps";
    if (tag) text += " than after days logged without it";
    text += " (95% interval " + change_words(row.rate_ratio_low) + " to " + change_words(row.rate_ratio_high) + "; " +
            q_words(row.q_value) + ").";
    return text;
}

std::string factor_trial_command(const FactorRow& row) {
    if (row.factor == "compression_hours") return "legdiary trial plan --exposure compression";
    if (row.factor.rfind("tag:", 0) == 0) return "legdiary trial plan --exposure " + row.factor;
    return "";
}

std::vector<FactorRow> factor_findings(const FactorScreen& screen) {
    std::vector<FactorRow> findings;
    for (const auto& row : screen.rows)
        if (row.q_value < factor_finding_q) findings.push_back(row);
    return findings;
}

const std::string& factor_nothing_stands_out() {
    static const std::string words =
        "Nothing stands out: no factor has q < 0.10, so none goes with your cramps more than chance would explain "
        "among this many tries.";
    return words;
}

const std::vector<std::string>& factor_caveats() {
    static const std::vector<std::string> caveats = {
        "These are associations, not causes: days differ in many ways, and whatever came with a habit may "
        "explain the difference in cramps.",
        "Many things were tried at once, so some will look related by chance: the q value controls the share "
        "of false findings among those shown, the p value alone does not.",
        "The way to know whether something helps you is a randomised trial: legdiary trial plan.",
    };
    return caveats;
}

FactorScreen screen_factors(const DiaryTables& tables, const NightRange& range) {
    const auto nightly = compute_nightly(tables, range);  // checks the range
    FactorScreen screen;
    screen.range = range;
    screen.caveats = factor_caveats();
    const DayNumber from = day_number(range.from);
    std::map<DayNumber, std::size_t> log_of;
    for (std::size_t row = 0; row < tables.days.size(); ++row) log_of[tables.days.day[row]] = row;
    // Per lag, the recorded nights that have a day log, with its row: looked up once here,
    // not once per factor.
    struct LoggedNight {
        double cramps;
        double week;  // weeks since the first night: the trend covariate w
        std::size_t log_row;
    };
    std::vector<LoggedNight> logged[2];
    for (int lag : {0, 1})
        for (const auto& night : nightly) {
            if (!night.recorded) continue;
            const DayNumber n = day_number(night.night);
            const auto log = log_of.find(n - lag);
            if (log == log_of.end()) continue;
            logged[lag].push_back({static_cast<double>(night.cramps), static_cast<double>(n - from) / 7, log->second});
        }

    for (const Factor& factor : factors_of(tables, range)) {
        for (int lag : {0, 1}) {
            std::vector<double> y, x, w;
            for (const LoggedNight& night : logged[lag]) {
                const auto value = factor.value(night.log_row);
                if (!value) continue;
                y.push_back(night.cramps);
                x.push_back(*value);
                w.push_back(night.week);
            }
            auto skip = [&](std::string reason) {
                screen.skipped.push_back({factor.name, lag, std::move(reason)});
            };
            const auto nights = static_cast<std::int64_t>(y.size());
            if (nights < factor_min_nights) {
                skip((nights == 0 ? std::string("no") : "only " + std::to_string(nights)) +
                     " nights with a known value (needs " + std::to_string(factor_min_nights) + ")");
                continue;
            }
            if (factor.is_tag) {
                const auto with = static_cast<std::int64_t>(std::count(x.begin(), x.end(), 1.0));
                if (with < factor_min_nights_each_side || nights - with < factor_min_nights_each_side) {
                    skip(std::to_string(with) + " nights with the tag and " + std::to_string(nights - with) +
                         " without (needs " + std::to_string(factor_min_nights_each_side) + " of each)");
                    continue;
                }
            } else {
                std::vector<double> distinct = x;
                std::sort(distinct.begin(), distinct.end());
                distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
                if (static_cast<std::int64_t>(distinct.size()) < factor_min_distinct_values) {
                    skip(std::to_string(distinct.size()) + " distinct values (needs " +
                         std::to_string(factor_min_distinct_values) + ")");
                    continue;
                }
            }
            try {
                const std::vector<double> ones(y.size(), 1.0);
                const models::Fit fit = models::negative_binomial(y, {ones, x, w});
                const models::Wald effect = models::wald(fit, 1, factor.unit_size);
                FactorRow row;
                row.factor = factor.name;
                row.lag = lag;
                row.unit = factor.unit;
                row.unit_size = factor.unit_size;
                row.nights = nights;
                row.rate_ratio = effect.ratio;
                row.rate_ratio_low = effect.ratio_low;
                row.rate_ratio_high = effect.ratio_high;
                row.p_value = effect.p_value;
                row.alpha = fit.alpha;
                row.trend_rate_ratio_per_week = std::exp(fit.params[2]);
                screen.rows.push_back(std::move(row));
            } catch (const models::FitError& error) {
                // Never a made-up number: a model without an answer is listed, with why.
                skip(std::string("not fitted: ") + error.what());
            }
        }
    }
    std::vector<double> p;
    for (const auto& row : screen.rows) p.push_back(row.p_value);
    const auto q = models::bh_q_values(p);
    for (std::size_t i = 0; i < q.size(); ++i) screen.rows[i].q_value = q[i];
    std::stable_sort(screen.rows.begin(), screen.rows.end(), [](const FactorRow& a, const FactorRow& b) {
        if (a.p_value != b.p_value) return a.p_value < b.p_value;
        if (a.factor != b.factor) return a.factor < b.factor;
        return a.lag < b.lag;
    });
    screen.tested = static_cast<std::int64_t>(screen.rows.size());
    return screen;
}

}  // namespace legdiary
