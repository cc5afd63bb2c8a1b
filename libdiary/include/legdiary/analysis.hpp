/// @file analysis.hpp
/// Trends of a diary (SPEC section 3): summary, nightly and weekly series, the trend test,
/// N-of-1 comparisons, distributions and alerts. Pure functions over the columnar tables
/// of tables.hpp — no database — so they can be tested on hand-built tables and run on data
/// from anywhere. Every number is unrounded; a value whose denominator is 0 is null.
/// Definitions, formulas and what they do and do not mean: docs/statistics.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/model.hpp"
#include "legdiary/tables.hpp"

namespace legdiary {

/// The fewest weeks the trend test runs on (SPEC 3): with fewer weeks that have at least
/// `min_nights` recorded nights, TrendTest::direction is `insufficient_data` and its
/// numbers are null. Every front end that says so uses this number.
inline constexpr int min_trend_weeks = 4;

/// What to compute besides the fixed parts of a trend report.
struct TrendOptions {
    /// A week enters the trend test when it has at least this many recorded nights in the
    /// range (1–7): fewer nights make its weekly rate too noisy to weigh like the others.
    int min_nights = 4;
    /// Exposures to compare (`compression`, `tag:NAME`, `after:YYYY-MM-DD`), besides the
    /// default ones.
    std::vector<std::string> compare;
    /// Also compare `compression` and one `tag:NAME` per tag used in the range's day logs.
    bool default_comparisons = true;
};

/// The range as a whole. Ratios are null when their denominator is 0.
struct Summary {
    std::int64_t nights = 0;                        ///< nights in the range (to − from + 1)
    std::int64_t recorded_nights = 0;               ///< R: nights with a check-in or an episode
    double adherence = 0;                           ///< R / nights
    std::int64_t cramps = 0;                        ///< C: episodes on nights in the range
    std::optional<double> cramps_per_week;          ///< 7·C/R
    std::int64_t cramp_free_nights = 0;             ///< recorded nights without an episode
    std::optional<double> cramp_free_fraction;      ///< cramp-free nights / R
    std::optional<double> mean_intensity;           ///< mean over episodes with an intensity
    std::optional<double> median_duration_s;        ///< median episode duration, seconds
    std::optional<double> cramp_minutes_per_night;  ///< Σ duration / 60 / R
    std::optional<double> woke_fraction;            ///< woke = true over woke known
    std::int64_t longest_cramp_free_streak = 0;     ///< longest run of recorded cramp-free nights
    std::int64_t current_cramp_free_streak = 0;     ///< the run ending at `to`, else 0

    friend bool operator==(const Summary&, const Summary&) = default;
};

/// One night of the nightly series.
struct NightlyRow {
    Date night;                                      ///< the night, by its evening's date
    bool recorded = false;                           ///< has a check-in or an episode
    std::int64_t cramps = 0;                         ///< episodes that night
    std::int64_t cramp_seconds = 0;                  ///< their total duration
    std::optional<int> max_intensity;                ///< highest intensity rated that night
    /// 7 × episodes / recorded nights over [night − 6, night], reaching before the range;
    /// null when that window has no recorded night.
    std::optional<double> rolling7_cramps_per_week;

    friend bool operator==(const NightlyRow&, const NightlyRow&) = default;
};

/// One ISO week (Monday–Sunday by night date) of the weekly series, counting only the
/// nights of that week inside the range (the first and last week may be partial).
struct WeeklyRow {
    std::string week;                                ///< ISO week, e.g. `2026-W47`
    Date start;                                      ///< its Monday (may be before the range)
    std::int64_t recorded_nights = 0;                ///< R of the week
    std::int64_t cramps = 0;                         ///< C of the week
    std::optional<double> cramps_per_week;           ///< 7·C/R
    std::int64_t cramp_free_nights = 0;              ///< recorded nights without an episode
    std::optional<double> mean_intensity;            ///< over the week's episodes with an intensity
    std::optional<double> median_duration_s;         ///< over the week's episodes
    std::optional<double> mean_swelling_grade;       ///< over the week's day logs with a grade
    std::int64_t compression_days = 0;               ///< day logs with compression_hours > 0
    std::optional<double> mean_compression_hours;    ///< over day logs with hours known (0 included)
    std::array<std::optional<double>, symptom_count> symptoms{};  ///< mean of each item, `Symptom` order
    /// Whether this week's rate enters the trend test: it has at least `min_nights`
    /// recorded nights (compute_weekly's argument; TrendOptions::min_nights in a report).
    /// Set once here, so that the report, the CLI and Python show the weeks the test used.
    /// Not in the JSON: SPEC 4 fixes the weekly keys (Python has it as a frame column).
    bool in_trend = false;

    friend bool operator==(const WeeklyRow&, const WeeklyRow&) = default;
};

/// The verdict of the trend test.
enum class TrendDirection { improving, worsening, stable, insufficient_data };
/// `improving`, `worsening`, `stable` or `insufficient data` (with a space, as in SPEC 3).
[[nodiscard]] std::string_view to_string(TrendDirection value);

/// Theil–Sen slope and Mann–Kendall test over the weekly rates of the weeks with at least
/// `min_nights` recorded nights (WeeklyRow::in_trend), x = the week's index in the weekly
/// series (0 for the ISO week holding the range's first night). With fewer than
/// min_trend_weeks such weeks every number is null and the direction is `insufficient_data`.
struct TrendTest {
    std::int64_t weeks_used = 0;          ///< weeks that entered the test
    std::optional<double> slope;          ///< Theil–Sen slope: cramps/week per week
    std::optional<double> slope_low;      ///< Sen's 95% interval, lower bound
    std::optional<double> slope_high;     ///< Sen's 95% interval, upper bound
    /// The Theil–Sen line's rate at week index 0: the fitted line is rate = intercept +
    /// slope·k for week k of the weekly series (k = 0 is the ISO week holding the range's
    /// first night), in cramps/week. median(rate_k − slope·k) over the weeks used, as
    /// `scipy.stats.theilslopes(rates, k, method="joint")` (statistics::TheilSen). The one
    /// line the report, the CLI and the notebook draw. Not in the JSON (SPEC 4 fixes the
    /// `trend` keys); Python has it as `Diary.trend_test().intercept`.
    std::optional<double> intercept;
    std::optional<std::int64_t> s;        ///< Mann–Kendall S
    std::optional<double> z;              ///< its continuity-corrected normal score
    std::optional<double> tau;            ///< Kendall's tau
    std::optional<double> p_value;        ///< two-sided
    TrendDirection direction = TrendDirection::insufficient_data;

    friend bool operator==(const TrendTest&, const TrendTest&) = default;
};

/// An exposure that splits recorded nights in two for a comparison.
struct Exposure {
    /// What decides whether night D is exposed.
    enum class Kind {
        compression,  ///< day D's compression_hours > 0 (exposed) or = 0 (unexposed)
        tag,          ///< day D's log has the tag (exposed) or not (unexposed)
        after,        ///< D ≥ the date (exposed) or before it (unexposed)
    };
    Kind kind = Kind::compression;  ///< the kind of split
    std::string tag;                ///< the tag, for Kind::tag
    Date since;                     ///< the first exposed night, for Kind::after

    /// The canonical name: `compression`, `tag:NAME` or `after:YYYY-MM-DD`.
    [[nodiscard]] std::string name() const;
};

/// Reads an exposure name. Unknown names, invalid tags and invalid dates throw
/// ValidationError naming the field `exposure`.
[[nodiscard]] Exposure parse_exposure(std::string_view text);

/// The three caveats carried by every comparison, in words for patients.
[[nodiscard]] const std::vector<std::string>& comparison_caveats();

/// An N-of-1 comparison of cramp rates between exposed and unexposed recorded nights.
/// Undefined values are null (see statistics::rate_ratio).
struct Comparison {
    std::string exposure;                   ///< canonical exposure name (the JSON key)
    std::int64_t nights_exposed = 0;        ///< t1
    std::int64_t cramps_exposed = 0;        ///< c1
    std::optional<double> rate_exposed;     ///< 7·c1/t1, cramps per week
    std::int64_t nights_unexposed = 0;      ///< t0
    std::int64_t cramps_unexposed = 0;      ///< c0
    std::optional<double> rate_unexposed;   ///< 7·c0/t0
    std::optional<double> rate_ratio;       ///< (c1/t1)/(c0/t0)
    std::optional<double> rate_ratio_low;   ///< exact conditional 95% interval, lower bound
    std::optional<double> rate_ratio_high;  ///< upper bound
    std::optional<double> p_value;          ///< exact two-sided binomial test of equal rates
    std::optional<double> percent_change;   ///< 100·(rate_ratio − 1)
    // SPEC 3 "Comparisons when nights cluster": the Poisson model log μ = β0 + β1·x over the
    // t1 + t0 included nights in night order (models::poisson_glm). All four are null when
    // c1 = 0, c0 = 0 or t1 + t0 ≤ 2; the robust three also when every night sits exactly on
    // its side's rate (a standard error of 0 says nothing about certainty).
    std::optional<double> dispersion;              ///< Pearson χ²/(n − 2): 1 Poisson-like, above 1 more spread
    std::optional<double> robust_rate_ratio_low;   ///< exp(β1 − 1.959964·SE), SE Newey–West, 7 lags
    std::optional<double> robust_rate_ratio_high;  ///< exp(β1 + 1.959964·SE)
    std::optional<double> robust_p_value;          ///< two-sided normal p of β1/SE
    std::vector<std::string> caveats;       ///< comparison_caveats(), shown with the numbers

    friend bool operator==(const Comparison&, const Comparison&) = default;
};

/// The lags of the Newey–West covariance behind a comparison's robust numbers: a week of nights.
inline constexpr int comparison_hac_lags = 7;

/// Whether a comparison's 95% intervals include a rate ratio of 1 (no change), so that the
/// difference seen may well be chance: the one verdict every front end puts in words. True
/// when the exact interval includes 1 or, where the robust interval exists, that one does:
/// "unlikely to be chance alone" needs both to exclude 1 (SPEC 3). (An interval and its
/// p-value come from different methods and can, rarely, disagree near 0.05; the words
/// follow the intervals, which are what the reader sees beside them.)
[[nodiscard]] bool interval_includes_no_change(const Comparison& comparison);

/// What an alert is about.
enum class AlertKind {
    calf_asymmetry,  ///< calf circumferences differ by ≥ 3.0 cm
    ulcer,           ///< a day log records an ulcer
};
/// `calf_asymmetry` or `ulcer`.
[[nodiscard]] std::string_view to_string(AlertKind value);

/// The calf-circumference difference that raises an alert: the calf-swelling item of the
/// Wells score for deep-vein thrombosis.
inline constexpr double calf_asymmetry_threshold_cm = 3.0;

/// Something in a day log worth raising with a clinician. Never a diagnosis.
struct Alert {
    AlertKind kind = AlertKind::ulcer;    ///< what it is about
    Date day;                             ///< the day log it comes from
    std::string message;                  ///< names the date, the values and why it matters
    std::optional<double> left_cm;        ///< calf_asymmetry: left calf circumference
    std::optional<double> right_cm;       ///< calf_asymmetry: right calf circumference
    std::optional<double> difference_cm;  ///< calf_asymmetry: |left − right|

    friend bool operator==(const Alert&, const Alert&) = default;
};

/// Counts of episodes on nights in the range.
struct Distributions {
    std::array<std::int64_t, 24> by_hour{};                   ///< by local hour of onset
    std::array<std::int64_t, leg_names.size()> by_leg{};      ///< in `Leg` order
    std::array<std::int64_t, muscle_names.size()> by_muscle{};  ///< in `Muscle` order

    friend bool operator==(const Distributions&, const Distributions&) = default;
};

/// Everything SPEC 3 defines for one range (its JSON form: report_json.hpp).
struct TrendReport {
    NightRange range;                     ///< the nights analysed
    Summary summary;                      ///< the range as a whole
    std::vector<NightlyRow> nightly;      ///< one row per night of the range
    std::vector<WeeklyRow> weekly;        ///< one row per ISO week meeting the range
    TrendTest trend;                      ///< the weekly trend test
    std::vector<Comparison> comparisons;  ///< defaults first, then those asked for; unique names
    Distributions distributions;          ///< by_hour, by_leg, by_muscle
    std::vector<Alert> alerts;            ///< in day order
};

/// An ISO 8601 week: the year that owns its Thursday, and its number 1–53.
struct IsoWeek {
    int year = 0;  ///< ISO week-numbering year (differs from the calendar year near 1 January)
    int week = 0;  ///< 1–53

    friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};
/// The ISO week a date falls in (2027-01-01 is in 2026-W53).
[[nodiscard]] IsoWeek iso_week(const Date& date);
/// The Monday of a date's ISO week.
[[nodiscard]] Date iso_week_start(const Date& date);
/// `YYYY-Www`, e.g. `2026-W53`.
[[nodiscard]] std::string to_string(const IsoWeek& week);

// Each function below reads only what it needs from `tables` and counts only nights
// inside `range`, except the rolling window of the nightly series, which uses nights up to
// 6 before `range.from` when the tables hold them. Rows outside those nights are ignored.
// A range with `to` before `from` throws ValidationError (field `to`).

/// The summary of SPEC 3.
[[nodiscard]] Summary compute_summary(const DiaryTables& tables, const NightRange& range);
/// One row per night of the range.
[[nodiscard]] std::vector<NightlyRow> compute_nightly(const DiaryTables& tables, const NightRange& range);
/// One row per ISO week that meets the range, in order; `in_trend` set for the weeks with
/// at least `min_nights` recorded nights (1–7, else ValidationError naming `min_nights`).
[[nodiscard]] std::vector<WeeklyRow> compute_weekly(const DiaryTables& tables, const NightRange& range,
                                                    int min_nights = 4);
/// The trend test over a weekly series as compute_weekly returns it (row k is week k of
/// the range), on the weeks with at least `min_nights` recorded nights — the same rule
/// that sets WeeklyRow::in_trend, so hand-built rows need not set the flag. `min_nights`
/// must be 1–7 (ValidationError naming `min_nights`).
[[nodiscard]] TrendTest compute_trend_test(const std::vector<WeeklyRow>& weekly, int min_nights = 4);
/// Compares recorded nights in the range split by an exposure (see parse_exposure).
[[nodiscard]] Comparison compare_exposure(const DiaryTables& tables, const NightRange& range, const Exposure& exposure);
/// As above, reading the exposure's name first (ValidationError naming `exposure`).
[[nodiscard]] Comparison compare_exposure(const DiaryTables& tables, const NightRange& range, std::string_view exposure);
/// The default exposures: `compression`, then `tag:NAME` for each tag (sorted) used in a
/// day log dated inside the range.
[[nodiscard]] std::vector<Exposure> default_exposures(const DiaryTables& tables, const NightRange& range);
/// Onset hours, legs and muscles of the episodes in the range.
[[nodiscard]] Distributions compute_distributions(const DiaryTables& tables, const NightRange& range);
/// Alerts from the day logs dated inside the range, in day order.
[[nodiscard]] std::vector<Alert> compute_alerts(const DiaryTables& tables, const NightRange& range);

/// The whole report. `tables` should hold the nights [from − 6, to] so that the rolling
/// rate of the first nights is complete. Exposures are checked before anything is computed.
[[nodiscard]] TrendReport compute_trends(const DiaryTables& tables, const NightRange& range,
                                         const TrendOptions& options = {});

}  // namespace legdiary
