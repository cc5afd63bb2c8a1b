/// @file factors.hpp
/// The factor screen of SPEC 6: which habits go with more or fewer cramps. Exploratory:
/// every factor at lags 0 and 1 in its own negative binomial (NB2) model, adjusted for the
/// time trend, Benjamini–Hochberg across every fitted model, and the models that could not
/// be fitted listed with their reason. Pure functions over DiaryTables; the models are
/// models.hpp's. Formulas and what the numbers do not mean: docs/statistics.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/nights.hpp"
#include "legdiary/tables.hpp"

namespace legdiary {

/// The fewest nights a model is fitted on.
inline constexpr std::int64_t factor_min_nights = 28;
/// The fewest distinct values of a numeric factor a model needs.
inline constexpr std::int64_t factor_min_distinct_values = 5;
/// The fewest nights with, and without, a tag a model needs.
inline constexpr std::int64_t factor_min_nights_each_side = 5;

/// One fitted model: one factor at one lag.
struct FactorRow {
    std::string factor;          ///< `compression_hours`, …, or `tag:NAME`
    int lag = 0;                 ///< 0: the day before the night; 1: the day before that
    std::string unit;            ///< `1 h`, `1 L`, `30 min` or `present`
    double unit_size = 1;        ///< the unit in the factor's own scale: 1, 30, …
    std::int64_t nights = 0;     ///< nights the model used
    double rate_ratio = 1;       ///< exp(β·unit_size)
    double rate_ratio_low = 1;   ///< exp((β − 1.959964·SE)·unit_size)
    double rate_ratio_high = 1;  ///< exp((β + 1.959964·SE)·unit_size)
    double p_value = 1;          ///< two-sided Wald
    double q_value = 1;          ///< Benjamini–Hochberg over every fitted row
    double alpha = 0;            ///< NB2 overdispersion; 0 when the Poisson fit is the answer
    double trend_rate_ratio_per_week = 1;  ///< exp(δ)

    friend bool operator==(const FactorRow&, const FactorRow&) = default;
};

/// A model that was not fitted, and why, in words.
struct SkippedFactor {
    std::string factor;
    int lag = 0;
    std::string reason;

    friend bool operator==(const SkippedFactor&, const SkippedFactor&) = default;
};

/// The whole screen (its JSON: report_json.hpp).
struct FactorScreen {
    NightRange range;
    std::int64_t tested = 0;             ///< fitted rows
    std::vector<FactorRow> rows;         ///< by p_value, then factor, then lag
    std::vector<SkippedFactor> skipped;  ///< in factor order, then lag
    std::vector<std::string> caveats;    ///< factor_caveats()

    friend bool operator==(const FactorScreen&, const FactorScreen&) = default;
};

/// Rows with a q value below this are put in words (SPEC 6).
inline constexpr double factor_finding_q = 0.10;

/// The rows that stand out (q below factor_finding_q), in the screen's order: the ones the
/// CLI and the report put in words with factor_finding().
[[nodiscard]] std::vector<FactorRow> factor_findings(const FactorScreen& screen);

/// What the CLI and the report say when models were fitted and none stands out.
[[nodiscard]] const std::string& factor_nothing_stands_out();

/// The words before factor_trial_command(row) under a finding, in the CLI and the report.
inline constexpr std::string_view factor_trial_lead = "To find out whether it is the cause, a randomised trial: ";

/// The three caveats of SPEC 6, in words for patients.
[[nodiscard]] const std::vector<std::string>& factor_caveats();

/// A row in words, with the change per unit and its interval, e.g. "On nights after days
/// with 1 h more standing, 12% more cramps (95% interval 4% more to 21% more; q = 0.048)."
/// The same sentence for the CLI and the report.
[[nodiscard]] std::string factor_finding(const FactorRow& row);

/// For a compression or tag row, the `legdiary trial plan` command that would test the
/// finding by design (SPEC 7), e.g. `legdiary trial plan --exposure tag:magnesium`; empty
/// for the other factors, which a trial of this kind cannot assign.
[[nodiscard]] std::string factor_trial_command(const FactorRow& row);

/// The day-log columns the screen reads besides `day` and the tags (field names of
/// fields.hpp): a store may read just these (Diary::TableSelection::day_fields).
[[nodiscard]] const std::vector<std::string>& factor_day_fields();

/// The screen over the recorded nights of `range`. `tables` must hold the day logs from
/// the day before `range.from` (lag 1) on, with at least the columns factor_day_fields()
/// names. A range with `to` before `from` throws
/// ValidationError (field `to`). The models are fitted on every core the process may use
/// (on Linux its affinity mask), each model on one; the result is the same whatever their
/// number.
[[nodiscard]] FactorScreen screen_factors(const DiaryTables& tables, const NightRange& range);

}  // namespace legdiary
