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
#include "parallel.hpp"

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

}  // namespace

const std::vector<std::string>& factor_day_fields() {
    static const std::vector<std::string> fields = {"compression_hours", "standing_hours", "water_l", "exercise_min",
                                                    "elevation_min"};
    return fields;
}

namespace {

// The habits of factor_day_fields(), in its order, then the tags.
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

namespace {

// Why a model is not fitted before any fit is tried (SPEC 6's rules on the nights with a
// known value `x`); empty when it may be fitted.
std::string fitting_rule_broken(const Factor& factor, const std::vector<double>& x) {
    const auto nights = static_cast<std::int64_t>(x.size());
    if (nights < factor_min_nights)
        return (nights == 0 ? std::string("no") : "only " + std::to_string(nights)) +
               " nights with a known value (needs " + std::to_string(factor_min_nights) + ")";
    if (factor.is_tag) {
        const auto with = static_cast<std::int64_t>(std::count(x.begin(), x.end(), 1.0));
        if (with < factor_min_nights_each_side || nights - with < factor_min_nights_each_side)
            return std::to_string(with) + " nights with the tag and " + std::to_string(nights - with) +
                   " without (needs " + std::to_string(factor_min_nights_each_side) + " of each)";
        return {};
    }
    // The distinct values, up to as many as the rule needs: a few comparisons a night.
    std::vector<double> distinct;
    for (std::size_t i = 0; i < x.size() && static_cast<std::int64_t>(distinct.size()) < factor_min_distinct_values; ++i)
        if (std::find(distinct.begin(), distinct.end(), x[i]) == distinct.end()) distinct.push_back(x[i]);
    if (static_cast<std::int64_t>(distinct.size()) < factor_min_distinct_values)
        return std::to_string(distinct.size()) + " distinct values (needs " +
               std::to_string(factor_min_distinct_values) + ")";
    return {};
}

}  // namespace

FactorScreen screen_factors(const DiaryTables& tables, const NightRange& range) {
    const auto nightly = compute_nightly(tables, range);  // checks the range
    FactorScreen screen;
    screen.range = range;
    screen.caveats = factor_caveats();
    const DayNumber from = day_number(range.from);
    // The day log of each day, by its offset from the first logged day (the logs come in
    // day order): a look-up by index, not a search.
    const auto& days = tables.days.day;
    const DayNumber first_log = days.empty() ? 0 : days.front();
    std::vector<std::size_t> log_of(days.empty() ? 0 : static_cast<std::size_t>(days.back() - first_log + 1),
                                    tables.days.size());  // size() = no log
    for (std::size_t row = 0; row < days.size(); ++row) log_of[static_cast<std::size_t>(days[row] - first_log)] = row;
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
            const DayNumber day = n - lag;
            if (day < first_log || day - first_log >= static_cast<DayNumber>(log_of.size())) continue;
            const std::size_t log = log_of[static_cast<std::size_t>(day - first_log)];
            if (log == tables.days.size()) continue;
            logged[lag].push_back({static_cast<double>(night.cramps), static_cast<double>(n - from) / 7, log});
        }

    // The models in the screen's order — each factor at lag 0 and 1 — each with its nights
    // (the rows with a known value), or the rule that leaves it unfitted.
    struct Model {
        const Factor* factor;
        int lag;
        std::optional<FactorRow> row;  // the fitted model
        std::string skipped;           // or why it has no number
    };
    const std::vector<Factor> factors = factors_of(tables, range);
    std::vector<Model> models;
    for (const Factor& factor : factors)
        for (int lag : {0, 1}) models.push_back(Model{&factor, lag, std::nullopt, {}});
    // The models are independent, and their designs and fits take most of the time: spread
    // over the cores. Each writes only its own model, and the screen is put together in
    // order afterwards, so the result does not depend on how many threads there were.
    detail::for_each_index_in_parallel(models.size(), [&](std::size_t i) {
        Model& model = models[i];
        const auto& nights = logged[model.lag];
        std::vector<double> y, x, w;
        y.reserve(nights.size());
        x.reserve(nights.size());
        w.reserve(nights.size());
        for (const LoggedNight& night : nights) {
            const auto value = model.factor->value(night.log_row);
            if (!value) continue;
            y.push_back(night.cramps);
            x.push_back(*value);
            w.push_back(night.week);
        }
        model.skipped = fitting_rule_broken(*model.factor, x);
        if (!model.skipped.empty()) return;
        try {
            const std::vector<double> ones(y.size(), 1.0);
            const models::Fit fit = models::negative_binomial(y, {ones, x, w});
            const models::Wald effect = models::wald(fit, 1, model.factor->unit_size);
            FactorRow row;
            row.factor = model.factor->name;
            row.lag = model.lag;
            row.unit = model.factor->unit;
            row.unit_size = model.factor->unit_size;
            row.nights = static_cast<std::int64_t>(y.size());
            row.rate_ratio = effect.ratio;
            row.rate_ratio_low = effect.ratio_low;
            row.rate_ratio_high = effect.ratio_high;
            row.p_value = effect.p_value;
            row.alpha = fit.alpha;
            row.trend_rate_ratio_per_week = std::exp(fit.params[2]);
            model.row = std::move(row);
        } catch (const models::FitError& error) {
            // Never a made-up number: a model without an answer is listed, with why.
            model.skipped = std::string("not fitted: ") + error.what();
        }
    });
    for (Model& model : models) {
        if (model.row) screen.rows.push_back(std::move(*model.row));
        else screen.skipped.push_back({model.factor->name, model.lag, std::move(model.skipped)});
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
