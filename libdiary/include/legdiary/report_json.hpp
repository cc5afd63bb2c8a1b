/// @file report_json.hpp
/// The JSON form of a trend report (SPEC section 4): keys exactly as SPEC 3 names them,
/// dates as `YYYY-MM-DD`, missing values as null, numbers unrounded (nlohmann/json prints
/// a double with enough digits to read back the same double).
#pragma once

#include <nlohmann/json.hpp>

#include "legdiary/analysis.hpp"

namespace legdiary {

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

/// The report as a JSON value (the same as `nlohmann::json(report)`).
[[nodiscard]] nlohmann::json report_to_json(const TrendReport& report);

}  // namespace legdiary
