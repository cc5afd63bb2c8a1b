#include "legdiary/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <span>

#include "legdiary/models.hpp"
#include "legdiary/statistics.hpp"
#include "legdiary/nights.hpp"
#include "legdiary/time.hpp"

namespace legdiary {
namespace {

constexpr double significance_level = 0.05;
// Circumferences are typed with a decimal or two, and 35.3 − 32.3 is 2.9999999999999964
// in binary floating point: without this allowance a difference a person reads as exactly
// 3.0 cm would not raise the alert the threshold promises.
constexpr double circumference_tolerance_cm = 1e-9;

void check_range(const NightRange& range) {
    if (range.to < range.from)
        throw ValidationError("to", to_string(range.to), "must not be before from (" + to_string(range.from) + ")");
}

std::optional<double> ratio(double numerator, double denominator) {
    if (denominator == 0) return std::nullopt;
    return numerator / denominator;
}

// 7·C/R computed as (7·C)/R: one rounding, so equal rates from different counts (2/4 and
// 1/2 nights) are bit-identical and tie as they should in the trend test.
std::optional<double> per_week(std::int64_t cramps, std::int64_t nights) {
    if (nights == 0) return std::nullopt;
    return static_cast<double>(7 * cramps) / static_cast<double>(nights);
}

void check_min_nights(int min_nights) {
    if (min_nights < 1 || min_nights > 7)
        throw ValidationError("min_nights", std::to_string(min_nights), "must be 1..7 recorded nights per week");
}

// The one rule for which weeks enter the trend test (WeeklyRow::in_trend).
bool enters_trend(const WeeklyRow& week, int min_nights) {
    return week.recorded_nights >= min_nights && week.cramps_per_week.has_value();
}

// Per-night totals over a span of nights [first, last].
struct NightTotals {
    DayNumber first = 0;
    // 32 bits hold any night's count and seconds: 10 bytes a night (10 MB for 10^6 nights).
    std::vector<std::int32_t> cramps;
    std::vector<std::int32_t> seconds;
    std::vector<std::int8_t> max_intensity;  // −1 = none
    std::vector<bool> recorded;

    NightTotals(const DiaryTables& tables, DayNumber first_night, DayNumber last_night) : first(first_night) {
        const auto size = static_cast<std::size_t>(std::max<DayNumber>(last_night - first_night + 1, 0));
        cramps.assign(size, 0);
        seconds.assign(size, 0);
        max_intensity.assign(size, -1);
        recorded.assign(size, false);
        for (std::size_t row = 0; row < tables.nights.size(); ++row)
            if (contains(tables.nights.night[row])) recorded[index(tables.nights.night[row])] = true;
        const auto& episodes = tables.episodes;
        for (std::size_t row = 0; row < episodes.size(); ++row) {
            if (!contains(episodes.night[row])) continue;
            const std::size_t i = index(episodes.night[row]);
            recorded[i] = true;
            ++cramps[i];
            seconds[i] += episodes.duration_s[row];
            max_intensity[i] = std::max(max_intensity[i], episodes.intensity[row]);
        }
    }
    [[nodiscard]] bool contains(DayNumber night) const {
        return night >= first && night < first + static_cast<DayNumber>(cramps.size());
    }
    [[nodiscard]] std::size_t index(DayNumber night) const { return static_cast<std::size_t>(night - first); }
};

// The rows of the episode table on nights inside the range.
std::vector<std::size_t> episodes_in(const DiaryTables& tables, const NightRange& range) {
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < tables.episodes.size(); ++row)
        if (tables.episodes.night[row] >= from && tables.episodes.night[row] <= to) rows.push_back(row);
    return rows;
}

std::vector<std::size_t> day_logs_in(const DiaryTables& tables, const NightRange& range) {
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < tables.days.size(); ++row)
        if (tables.days.day[row] >= from && tables.days.day[row] <= to) rows.push_back(row);
    return rows;
}

// Table rows grouped by ISO week of the range, in table order within a week: one flat
// array and an offset per week (a vector per week would cost an allocation each).
class RowsByWeek {
public:
    template <typename WeekOf>
    RowsByWeek(std::vector<std::size_t> rows, const std::vector<DayNumber>& dates, std::size_t week_count,
               const WeekOf& week_of)
        : start_(week_count + 1, 0), rows_(rows.size()) {
        for (std::size_t row : rows) ++start_[week_of(dates[row]) + 1];
        for (std::size_t k = 0; k < week_count; ++k) start_[k + 1] += start_[k];
        std::vector<std::size_t> next(start_.begin(), start_.end() - 1);
        for (std::size_t row : rows) rows_[next[week_of(dates[row])]++] = row;
    }
    /// The rows of week k.
    [[nodiscard]] std::span<const std::size_t> of(std::size_t k) const {
        return std::span<const std::size_t>(rows_).subspan(start_[k], start_[k + 1] - start_[k]);
    }

private:
    std::vector<std::size_t> start_;
    std::vector<std::size_t> rows_;
};

std::optional<double> mean_intensity_of(const EpisodeTable& episodes, std::span<const std::size_t> rows) {
    std::vector<double> values;
    for (std::size_t row : rows)
        if (episodes.intensity[row] != no_small) values.push_back(episodes.intensity[row]);
    return statistics::mean(values);
}

std::optional<double> median_duration_of(const EpisodeTable& episodes, std::span<const std::size_t> rows) {
    std::vector<double> values;
    values.reserve(rows.size());
    for (std::size_t row : rows) values.push_back(episodes.duration_s[row]);
    return statistics::median(std::move(values));
}

template <typename Value>
std::optional<double> mean_of_known(const std::vector<Value>& column, std::span<const std::size_t> rows) {
    std::vector<double> values;
    for (std::size_t row : rows) {
        const double value = static_cast<double>(column[row]);
        if constexpr (std::is_floating_point_v<Value>) {
            if (std::isnan(value)) continue;
        } else {
            if (column[row] < 0) continue;
        }
        values.push_back(value);
    }
    return statistics::mean(values);
}

std::string format_cm(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

}  // namespace

std::string_view to_string(TrendDirection value) {
    switch (value) {
        case TrendDirection::improving: return "improving";
        case TrendDirection::worsening: return "worsening";
        case TrendDirection::stable: return "stable";
        case TrendDirection::insufficient_data: return "insufficient data";
    }
    return "insufficient data";
}

std::string_view to_string(AlertKind value) {
    switch (value) {
        case AlertKind::calf_asymmetry: return "calf_asymmetry";
        case AlertKind::ulcer: return "ulcer";
    }
    return "ulcer";
}

IsoWeek iso_week(const Date& date) {
    // The ISO year is the calendar year of the week's Thursday.
    const Date thursday = iso_week_start(date) + boost::gregorian::days(3);
    return {static_cast<int>(thursday.year()), static_cast<int>(date.week_number())};
}

Date iso_week_start(const Date& date) {
    const int days_since_monday = (date.day_of_week().as_number() + 6) % 7;
    return date - boost::gregorian::days(days_since_monday);
}

std::string to_string(const IsoWeek& week) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-W%02d", week.year, week.week);
    return text;
}

std::string Exposure::name() const {
    switch (kind) {
        case Kind::compression: return "compression";
        case Kind::tag: return "tag:" + tag;
        case Kind::after: return "after:" + to_string(since);
    }
    return "compression";
}

Exposure parse_exposure(std::string_view text) {
    constexpr std::string_view rule = "must be compression, tag:NAME or after:YYYY-MM-DD";
    Exposure exposure;
    if (text == "compression") return exposure;
    if (text.starts_with("tag:")) {
        exposure.kind = Exposure::Kind::tag;
        exposure.tag = std::string(text.substr(4));
        if (auto problem = check_tag(exposure.tag, "exposure"))
            throw ValidationError("exposure", std::string(text), "tag:NAME needs a valid tag: " + problem->rule);
        return exposure;
    }
    if (text.starts_with("after:")) {
        exposure.kind = Exposure::Kind::after;
        try {
            exposure.since = parse_date(text.substr(6), "exposure");
        } catch (const ValidationError& error) {
            throw ValidationError("exposure", std::string(text), "after:DATE needs a date YYYY-MM-DD: " + error.rule());
        }
        return exposure;
    }
    throw ValidationError("exposure", std::string(text), std::string(rule));
}

bool interval_includes_no_change(const Comparison& comparison) {
    const bool exact_includes = (!comparison.rate_ratio_low || *comparison.rate_ratio_low <= 1) &&
                                (!comparison.rate_ratio_high || *comparison.rate_ratio_high >= 1);
    const bool robust_includes = comparison.robust_rate_ratio_low && comparison.robust_rate_ratio_high &&
                                 *comparison.robust_rate_ratio_low <= 1 && *comparison.robust_rate_ratio_high >= 1;
    return exact_includes || robust_includes;
}

const std::vector<std::string>& comparison_caveats() {
    static const std::vector<std::string> caveats = {
        "Nights are not independent: cramps tend to come in runs of bad nights and good nights. The exact "
        "interval assumes they do not; the robust interval allows for runs of a week or so, and the words "
        "say “unlikely to be chance alone” only when neither interval includes no change.",
        "You chose when to use the exposure (for example on days that already felt worse, or better), so "
        "other differences between those days may explain part or all of the difference in cramps.",
        "Cramps often ease over time whatever is done, so a change after a date or a new treatment is not "
        "proof that the treatment caused it.",
    };
    return caveats;
}

Summary compute_summary(const DiaryTables& tables, const NightRange& range) {
    check_range(range);
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    const NightTotals totals(tables, from, to);
    const auto rows = episodes_in(tables, range);
    const auto& episodes = tables.episodes;

    Summary summary;
    summary.nights = range.nights();
    std::int64_t run = 0;
    for (std::size_t i = 0; i < totals.cramps.size(); ++i) {
        if (!totals.recorded[i]) {
            run = 0;
            continue;
        }
        ++summary.recorded_nights;
        summary.cramps += totals.cramps[i];
        if (totals.cramps[i] == 0) {
            ++summary.cramp_free_nights;
            summary.longest_cramp_free_streak = std::max(summary.longest_cramp_free_streak, ++run);
        } else {
            run = 0;
        }
    }
    // The loop leaves `run` at the run that ends on `to` (0 when `to` broke it).
    summary.current_cramp_free_streak = run;

    const auto recorded = static_cast<double>(summary.recorded_nights);
    summary.adherence = recorded / static_cast<double>(summary.nights);
    summary.cramps_per_week = per_week(summary.cramps, summary.recorded_nights);
    summary.cramp_free_fraction = ratio(static_cast<double>(summary.cramp_free_nights), recorded);
    summary.mean_intensity = mean_intensity_of(episodes, rows);
    summary.median_duration_s = median_duration_of(episodes, rows);
    std::int64_t total_seconds = 0, woke = 0, woke_known = 0;
    for (std::size_t row : rows) {
        total_seconds += episodes.duration_s[row];
        if (episodes.woke[row] != no_small) {
            ++woke_known;
            woke += episodes.woke[row] == 1;
        }
    }
    if (summary.recorded_nights > 0) summary.cramp_minutes_per_night = static_cast<double>(total_seconds) / 60 / recorded;
    summary.woke_fraction = ratio(static_cast<double>(woke), static_cast<double>(woke_known));
    return summary;
}

std::vector<NightlyRow> compute_nightly(const DiaryTables& tables, const NightRange& range) {
    check_range(range);
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    const DayNumber window_start = from - (rolling_window_nights - 1);
    const NightTotals totals(tables, window_start, to);

    std::vector<NightlyRow> rows;
    rows.reserve(static_cast<std::size_t>(to - from + 1));
    // A sliding sum over the window: add the night entering, drop the one leaving.
    std::int64_t window_cramps = 0, window_recorded = 0;
    for (DayNumber night = window_start; night <= to; ++night) {
        const std::size_t i = totals.index(night);
        window_cramps += totals.cramps[i];
        window_recorded += totals.recorded[i] ? 1 : 0;
        if (night - window_start >= rolling_window_nights) {
            const std::size_t leaving = i - rolling_window_nights;
            window_cramps -= totals.cramps[leaving];
            window_recorded -= totals.recorded[leaving] ? 1 : 0;
        }
        if (night < from) continue;
        NightlyRow row;
        row.night = from_day_number(night);
        row.recorded = totals.recorded[i];
        row.cramps = totals.cramps[i];
        row.cramp_seconds = totals.seconds[i];
        if (totals.max_intensity[i] >= 0) row.max_intensity = totals.max_intensity[i];
        row.rolling7_cramps_per_week = per_week(window_cramps, window_recorded);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<WeeklyRow> compute_weekly(const DiaryTables& tables, const NightRange& range, int min_nights) {
    check_min_nights(min_nights);
    check_range(range);
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    const NightTotals totals(tables, from, to);
    const DayNumber first_monday = day_number(iso_week_start(range.from));
    const auto week_of = [&](DayNumber night) { return static_cast<std::size_t>((night - first_monday) / 7); };
    const std::size_t week_count = week_of(to) + 1;

    const RowsByWeek episode_rows(episodes_in(tables, range), tables.episodes.night, week_count, week_of);
    const RowsByWeek day_rows(day_logs_in(tables, range), tables.days.day, week_count, week_of);

    std::vector<WeeklyRow> weeks(week_count);
    for (std::size_t k = 0; k < week_count; ++k) {
        WeeklyRow& week = weeks[k];
        const DayNumber monday = first_monday + static_cast<DayNumber>(7 * k);
        week.start = from_day_number(monday);
        week.week = to_string(iso_week(week.start));
        for (DayNumber night = std::max(monday, from); night <= std::min(monday + 6, to); ++night) {
            const std::size_t i = totals.index(night);
            if (!totals.recorded[i]) continue;
            ++week.recorded_nights;
            week.cramps += totals.cramps[i];
            week.cramp_free_nights += totals.cramps[i] == 0 ? 1 : 0;
        }
        week.cramps_per_week = per_week(week.cramps, week.recorded_nights);
        week.mean_intensity = mean_intensity_of(tables.episodes, episode_rows.of(k));
        week.median_duration_s = median_duration_of(tables.episodes, episode_rows.of(k));

        const auto& days = tables.days;
        const auto logs = day_rows.of(k);
        week.mean_swelling_grade = mean_of_known(days.swelling_grade, logs);
        week.mean_compression_hours = mean_of_known(days.compression_hours, logs);
        for (std::size_t row : logs) week.compression_days += days.compression_hours[row] > 0 ? 1 : 0;
        for (std::size_t item = 0; item < symptom_count; ++item)
            week.symptoms[item] = mean_of_known(days.symptoms[item], logs);
        week.in_trend = enters_trend(week, min_nights);
    }
    return weeks;
}

TrendTest compute_trend_test(const std::vector<WeeklyRow>& weekly, int min_nights) {
    check_min_nights(min_nights);
    std::vector<double> x, y;
    for (std::size_t k = 0; k < weekly.size(); ++k) {
        if (!enters_trend(weekly[k], min_nights)) continue;
        x.push_back(static_cast<double>(k));
        y.push_back(*weekly[k].cramps_per_week);
    }
    TrendTest test;
    test.weeks_used = static_cast<std::int64_t>(y.size());
    if (y.size() < min_trend_weeks) return test;

    const auto fit = statistics::theil_sen(x, y);
    const auto mk = statistics::mann_kendall(y);
    test.slope = fit.slope;
    test.slope_low = fit.low;
    test.slope_high = fit.high;
    test.intercept = fit.intercept;
    test.s = mk.s;
    test.z = mk.z;
    test.tau = mk.tau;
    test.p_value = mk.p_value;
    if (mk.p_value < significance_level && fit.slope < 0)
        test.direction = TrendDirection::improving;
    else if (mk.p_value < significance_level && fit.slope > 0)
        test.direction = TrendDirection::worsening;
    else
        test.direction = TrendDirection::stable;
    return test;
}

namespace {

// SPEC 3 "Comparisons when nights cluster": the Poisson fit of y on [1, x] in night order,
// its dispersion and the Newey–West interval and p of the exposure's coefficient.
void add_robust_numbers(Comparison& comparison, std::span<const double> counts, std::span<const double> exposures) {
    if (comparison.cramps_exposed == 0 || comparison.cramps_unexposed == 0 || counts.size() <= 2) return;
    const std::vector<double> ones(counts.size(), 1.0);
    models::PoissonOptions options;
    options.covariance = models::Covariance::hac;
    options.hac_lags = comparison_hac_lags;
    try {
        const models::Fit fit = models::poisson_glm(counts, {ones, exposures}, options);
        comparison.dispersion = fit.dispersion;
        const models::Wald exposure = models::wald(fit, 1);
        comparison.robust_rate_ratio_low = exposure.ratio_low;
        comparison.robust_rate_ratio_high = exposure.ratio_high;
        comparison.robust_p_value = exposure.p_value;
    } catch (const models::FitError&) {
        // Both sides have nights and cramps, so the design is regular; what is left is a
        // standard error of 0 (every night exactly on its side's rate) or a rate so far
        // below the other that the fit calls it separation. Neither gives a robust interval.
    }
}

}  // namespace

Comparison compare_exposure(const DiaryTables& tables, const NightRange& range, const Exposure& exposure) {
    check_range(range);
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    const NightTotals totals(tables, from, to);
    const auto& days = tables.days;

    // Day log row of each night's day D (−1 when none), and each row's tags.
    std::vector<std::int64_t> log_of(totals.cramps.size(), -1);
    for (std::size_t row : day_logs_in(tables, range)) log_of[totals.index(days.day[row])] = static_cast<std::int64_t>(row);
    std::vector<bool> row_has_tag(days.size(), false);
    if (exposure.kind == Exposure::Kind::tag)
        for (std::size_t k = 0; k < days.tag.size(); ++k)
            if (days.tag[k] == exposure.tag && days.tag_row[k] < days.size()) row_has_tag[days.tag_row[k]] = true;

    Comparison comparison;
    comparison.exposure = exposure.name();
    std::vector<double> counts, exposures;  // y and x of the included nights, in night order
    const DayNumber since = exposure.kind == Exposure::Kind::after ? day_number(exposure.since) : 0;
    for (DayNumber night = from; night <= to; ++night) {
        const std::size_t i = totals.index(night);
        if (!totals.recorded[i]) continue;
        std::optional<bool> exposed;
        switch (exposure.kind) {
            case Exposure::Kind::compression:
                if (log_of[i] >= 0) {
                    const double hours = days.compression_hours[static_cast<std::size_t>(log_of[i])];
                    if (!std::isnan(hours)) exposed = hours > 0;
                }
                break;
            case Exposure::Kind::tag:
                if (log_of[i] >= 0) exposed = row_has_tag[static_cast<std::size_t>(log_of[i])];
                break;
            case Exposure::Kind::after: exposed = night >= since; break;
        }
        if (!exposed) continue;
        counts.push_back(static_cast<double>(totals.cramps[i]));
        exposures.push_back(*exposed ? 1.0 : 0.0);
        if (*exposed) {
            ++comparison.nights_exposed;
            comparison.cramps_exposed += totals.cramps[i];
        } else {
            ++comparison.nights_unexposed;
            comparison.cramps_unexposed += totals.cramps[i];
        }
    }
    comparison.rate_exposed = per_week(comparison.cramps_exposed, comparison.nights_exposed);
    comparison.rate_unexposed = per_week(comparison.cramps_unexposed, comparison.nights_unexposed);
    const auto rates = statistics::rate_ratio(comparison.cramps_exposed, static_cast<double>(comparison.nights_exposed),
                                              comparison.cramps_unexposed,
                                              static_cast<double>(comparison.nights_unexposed));
    comparison.rate_ratio = rates.ratio;
    comparison.rate_ratio_low = rates.low;
    comparison.rate_ratio_high = rates.high;
    comparison.p_value = rates.p_value;
    if (rates.ratio) comparison.percent_change = 100 * (*rates.ratio - 1);
    add_robust_numbers(comparison, counts, exposures);
    comparison.caveats = comparison_caveats();
    return comparison;
}

Comparison compare_exposure(const DiaryTables& tables, const NightRange& range, std::string_view exposure) {
    return compare_exposure(tables, range, parse_exposure(exposure));
}

std::vector<Exposure> default_exposures(const DiaryTables& tables, const NightRange& range) {
    std::vector<Exposure> exposures{Exposure{}};
    std::set<std::string> tags;
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    const auto& days = tables.days;
    for (std::size_t k = 0; k < days.tag.size(); ++k) {
        if (days.tag_row[k] >= days.size()) continue;
        const DayNumber day = days.day[days.tag_row[k]];
        if (day >= from && day <= to) tags.insert(days.tag[k]);
    }
    for (const auto& tag : tags) exposures.push_back(Exposure{Exposure::Kind::tag, tag, Date()});
    return exposures;
}

Distributions compute_distributions(const DiaryTables& tables, const NightRange& range) {
    check_range(range);
    Distributions distributions;
    const auto& episodes = tables.episodes;
    for (std::size_t row : episodes_in(tables, range)) {
        ++distributions.by_hour[static_cast<std::size_t>(episodes.local_hour(row))];
        if (episodes.leg[row] >= 0 && static_cast<std::size_t>(episodes.leg[row]) < leg_names.size())
            ++distributions.by_leg[static_cast<std::size_t>(episodes.leg[row])];
        if (episodes.muscle[row] >= 0 && static_cast<std::size_t>(episodes.muscle[row]) < muscle_names.size())
            ++distributions.by_muscle[static_cast<std::size_t>(episodes.muscle[row])];
    }
    return distributions;
}

std::vector<Alert> compute_alerts(const DiaryTables& tables, const NightRange& range) {
    check_range(range);
    std::vector<Alert> alerts;
    const auto& days = tables.days;
    for (std::size_t row : day_logs_in(tables, range)) {
        const Date day = from_day_number(days.day[row]);
        const double left = days.calf_left_cm[row], right = days.calf_right_cm[row];
        if (!std::isnan(left) && !std::isnan(right) &&
            std::abs(left - right) >= calf_asymmetry_threshold_cm - circumference_tolerance_cm) {
            Alert alert;
            alert.kind = AlertKind::calf_asymmetry;
            alert.day = day;
            alert.left_cm = left;
            alert.right_cm = right;
            alert.difference_cm = std::abs(left - right);
            const std::string larger = left > right ? "left" : "right";
            alert.message =
                "On " + to_string(day) + " the left calf measured " + format_cm(left) + " cm and the right calf " +
                format_cm(right) + " cm: the " + larger + " calf is " + format_cm(*alert.difference_cm) +
                " cm larger. A difference of 3 cm or more is one of the signs doctors look for when they check a "
                "leg for a blood clot in a deep vein, so it is worth showing these measurements to a doctor or "
                "nurse soon - at once if that leg is also painful, warm, red or newly swollen. It is not a "
                "diagnosis: a measuring slip or a long-standing difference between the legs can explain it too.";
            alerts.push_back(std::move(alert));
        }
        if (days.ulcer[row] == 1) {
            Alert alert;
            alert.kind = AlertKind::ulcer;
            alert.day = day;
            alert.message = "On " + to_string(day) +
                            " the diary records a leg ulcer (an open sore on the leg). An ulcer on a leg with "
                            "vein problems needs a doctor's or nurse's care to heal, so it is worth showing to "
                            "one soon, especially if it is new, growing, painful or not healing. This note is "
                            "not a diagnosis.";
            alerts.push_back(std::move(alert));
        }
    }
    return alerts;
}

TrendReport compute_trends(const DiaryTables& tables, const NightRange& range, const TrendOptions& options) {
    check_range(range);
    // Refuse bad options before any work, so a typo in one exposure is reported at once.
    check_min_nights(options.min_nights);
    std::vector<Exposure> exposures;
    if (options.default_comparisons) exposures = default_exposures(tables, range);
    for (const auto& name : options.compare) exposures.push_back(parse_exposure(name));

    TrendReport report;
    report.range = range;
    report.summary = compute_summary(tables, range);
    report.nightly = compute_nightly(tables, range);
    report.weekly = compute_weekly(tables, range, options.min_nights);
    report.trend = compute_trend_test(report.weekly, options.min_nights);
    std::set<std::string> seen;
    for (const auto& exposure : exposures)
        if (seen.insert(exposure.name()).second) report.comparisons.push_back(compare_exposure(tables, range, exposure));
    report.distributions = compute_distributions(tables, range);
    report.alerts = compute_alerts(tables, range);
    return report;
}

}  // namespace legdiary
