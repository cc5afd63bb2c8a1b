/// @file report_json.hpp
/// The JSON form of a trend report (SPEC section 4) and of the factor screen (SPEC 6): keys exactly as SPEC 3 names them,
/// dates as `YYYY-MM-DD`, missing values as null, numbers unrounded (nlohmann/json prints
/// a double with enough digits to read back the same double).
#pragma once

#include <nlohmann/json.hpp>

#include "legdiary/analysis.hpp"
#include "legdiary/factors.hpp"
#include "legdiary/trial.hpp"

namespace legdiary {

/// The fields of a nightly row under their SPEC 3 names, in that order: calls
/// `field(name, value)` once for each, with `value` a Date, bool, std::int64_t or
/// std::optional of int or double. The one list of these names for every form of the
/// series: the JSON below and the Python dicts of the bindings.
template <typename Field>
void for_each_field(const NightlyRow& row, Field&& field) {
    field("night", row.night);
    field("recorded", row.recorded);
    field("cramps", row.cramps);
    field("cramp_seconds", row.cramp_seconds);
    field("max_intensity", row.max_intensity);
    field("rolling7_cramps_per_week", row.rolling7_cramps_per_week);
}

/// The fields of a weekly row under their SPEC 3 names, as for_each_field of a nightly
/// row; besides those value types, `week` is a std::string and `symptoms` the array of
/// symptom means in `symptom_names` order (an object keyed by item name in every form).
template <typename Field>
void for_each_field(const WeeklyRow& row, Field&& field) {
    field("week", row.week);
    field("start", row.start);
    field("recorded_nights", row.recorded_nights);
    field("cramps", row.cramps);
    field("cramps_per_week", row.cramps_per_week);
    field("cramp_free_nights", row.cramp_free_nights);
    field("mean_intensity", row.mean_intensity);
    field("median_duration_s", row.median_duration_s);
    field("mean_swelling_grade", row.mean_swelling_grade);
    field("compression_days", row.compression_days);
    field("mean_compression_hours", row.mean_compression_hours);
    field("symptoms", row.symptoms);
}

/// `{from, to}`.
void to_json(nlohmann::json& json, const NightRange& range);
/// The summary fields of SPEC 3.
void to_json(nlohmann::json& json, const Summary& summary);
/// `{night, recorded, cramps, cramp_seconds, max_intensity, rolling7_cramps_per_week}`.
void to_json(nlohmann::json& json, const NightlyRow& row);
/// The weekly fields of SPEC 3, the symptom means as an object `symptoms` keyed by item.
void to_json(nlohmann::json& json, const WeeklyRow& row);
/// `{weeks_used, slope, slope_low, slope_high, s, z, tau, p_value, direction}`.
void to_json(nlohmann::json& json, const TrendTest& trend);
/// The comparison fields of SPEC 4, without the exposure name (it is the key).
void to_json(nlohmann::json& json, const Comparison& comparison);
/// `{kind, day, message}`, plus `left_cm`, `right_cm`, `difference_cm` for calf_asymmetry.
void to_json(nlohmann::json& json, const Alert& alert);
/// The whole report: `range`, `summary`, `nightly`, `weekly`, `trend`, `comparisons`
/// (keyed by exposure name), `by_hour`, `by_leg`, `by_muscle` (every enum value a key),
/// `alerts`.
void to_json(nlohmann::json& json, const TrendReport& report);

/// A factor-screen row of SPEC 6: `{factor, lag, unit, unit_size, nights, rate_ratio,
/// rate_ratio_low, rate_ratio_high, p_value, q_value, alpha, trend_rate_ratio_per_week}`.
void to_json(nlohmann::json& json, const FactorRow& row);
/// `{factor, lag, reason}`.
void to_json(nlohmann::json& json, const SkippedFactor& skipped);
/// The factor screen of SPEC 6: `{range, tested, rows, skipped, caveats}`.
void to_json(nlohmann::json& json, const FactorScreen& screen);

/// A trial as SPEC 7's JSON (`trial status --json`, `Diary.trial_status()`): `{trial,
/// schedule, result}` — the plan with its id, allocation, status, end, stopped and
/// stop_reason (the seed as a decimal string: it may exceed 2^53); one schedule row per
/// night; the result's numbers, `per_block`, `adherence` {a, b}, `interim` and `caveats`.
[[nodiscard]] nlohmann::json trial_status_json(const StoredTrial& trial, const TrialAnalysis& analysis);

/// What the active trial (Diary::active_trial) asks of the person on `today`, as `trial
/// today --json` prints it and `Diary.trial_today()` returns it: `{date, trial (id or
/// null), exposure, status, phase, block, period, condition, day_of_period, period_nights,
/// washout, counted, instruction}` — null where the day has none (no trial, not begun, run-in);
/// `instruction` is the one line a tired person can act on. Reveals only today's condition.
[[nodiscard]] nlohmann::json trial_today_json(const std::optional<StoredTrial>& trial, const Date& today);

/// The report as a JSON value (the same as `nlohmann::json(report)`).
[[nodiscard]] nlohmann::json report_to_json(const TrendReport& report);

}  // namespace legdiary
