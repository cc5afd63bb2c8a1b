/// @file trial.hpp
/// Randomised N-of-1 trials (SPEC section 7): the plan (a model type and its validation),
/// the allocation re-derived from the seed, the night-by-night schedule, and the analysis
/// by design — the exact randomisation test, the quasi-Poisson block model, the per-block
/// table with its sign test, the exact comparison of section 3 and adherence. Pure
/// functions over the columnar tables of tables.hpp: no database, no clock (the caller
/// says which day it is).
/// Definitions and what the numbers do and do not mean: docs/statistics.md.
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

/// Bounds and defaults of a trial plan (SPEC 7).
namespace trial_limits {
inline constexpr int min_run_in_nights = 0;
inline constexpr int max_run_in_nights = 28;
inline constexpr int default_run_in_nights = 7;
inline constexpr int min_blocks = 2;
inline constexpr int max_blocks = 20;  ///< the randomisation test enumerates 2^blocks allocations
inline constexpr int default_blocks = 6;
inline constexpr int min_period_nights = 3;
inline constexpr int max_period_nights = 28;
inline constexpr int default_period_nights = 7;
inline constexpr int default_washout_nights = 2;  ///< 0 … period_nights − 1
inline constexpr std::size_t max_text_chars = 2000;  ///< name, hypothesis, stop_reason
}  // namespace trial_limits

/// A trial's plan. Stored in the diary and never edited after it is created; only stopped.
struct TrialPlan {
    /// Condition B: `compression` (stockings worn that day) or `tag:NAME` (the tag logged
    /// that day). Condition A is its absence.
    std::string exposure = "compression";
    Date start;                                                 ///< the first night (run-in or block 1)
    int run_in_nights = trial_limits::default_run_in_nights;    ///< R: 0–28, counted in nothing
    int blocks = trial_limits::default_blocks;                  ///< K: 2–20
    int period_nights = trial_limits::default_period_nights;    ///< P: 3–28 nights per period
    int washout_nights = trial_limits::default_washout_nights;  ///< W: 0 … P − 1, the first nights of each period
    std::uint64_t seed = 0;                                     ///< the allocation's seed (trial_allocation)
    std::optional<std::string> name;                            ///< at most 2000 characters
    std::optional<std::string> hypothesis;                      ///< at most 2000 characters
    DateTime created;                                           ///< UTC; not-a-date-time until stored
    /// The first night not counted: the night that begins on the day the trial was stopped.
    std::optional<Date> stopped;
    std::optional<std::string> stop_reason;                     ///< at most 2000 characters

    friend bool operator==(const TrialPlan&, const TrialPlan&) = default;
};

/// Every rule the plan breaks, in field order; empty when it is valid: the bounds above,
/// the exposure's form (`compression` or `tag:NAME` with a valid tag), a valid start date,
/// texts of valid UTF-8 within 2000 characters, and a stop_reason only with `stopped`.
[[nodiscard]] std::vector<Problem> check(const TrialPlan& plan);
/// Throws a ValidationError listing every problem of check(plan): `blocks = "21": must be 2..20`.
void check_trial_plan(const TrialPlan& plan);

/// A plan's `created` as the store, the files and the JSON write it: ISO 8601 in UTC to the
/// second, `2026-07-15T08:00:00Z` (fractions of a second dropped).
[[nodiscard]] std::string trial_created_text(const DateTime& utc);

/// A seed for a new plan from the system's random source (`std::random_device`), when the
/// person gives none.
[[nodiscard]] std::uint64_t random_trial_seed();

/// A trial as stored in a diary: its id (1, 2, …) and its plan.
struct StoredTrial {
    std::int64_t id = 0;
    TrialPlan plan;

    friend bool operator==(const StoredTrial&, const StoredTrial&) = default;
};

/// The order of a block's two periods.
enum class TrialOrder { ab, ba };
/// `AB` or `BA`.
[[nodiscard]] std::string_view to_string(TrialOrder order);

/// The allocation of `blocks` blocks from a seed: with `std::mt19937_64 g(seed)`, block k
/// is BA when the k-th output of g (k = 1 first) has its top bit set, else AB. Throws
/// ValidationError (field `blocks`) outside 2..20.
[[nodiscard]] std::vector<TrialOrder> trial_allocation(std::uint64_t seed, int blocks);

/// The last night of a plan: start + R + 2·K·P − 1.
[[nodiscard]] Date trial_end(const TrialPlan& plan);

/// A trial's condition: A (without the exposure) or B (with it).
enum class TrialCondition { a, b };
/// `A` or `B`.
[[nodiscard]] std::string_view to_string(TrialCondition condition);

/// Run-in or one of the blocks' periods.
enum class TrialPhase { run_in, period };
/// `run-in` or `period`.
[[nodiscard]] std::string_view to_string(TrialPhase phase);

/// Whether day D was lived as night D's condition asks, read from day log D with the rule
/// of the comparisons (SPEC 3).
enum class Adherence { adherent, not_adherent, unknown };
/// `adherent`, `not adherent` or `unknown`.
[[nodiscard]] std::string_view to_string(Adherence adherence);

/// Where a trial stands on a given day.
enum class TrialStatus { planned, run_in, running, finished, stopped };
/// `planned`, `run-in`, `running`, `finished` or `stopped`.
[[nodiscard]] std::string_view to_string(TrialStatus status);

/// A trial's status on day `today` (the local date; night D is over on the morning of
/// D + 1): `stopped` when the plan is stopped; else `planned` before the start, `run-in`
/// while today is a run-in night, `running` up to and including the last night, then
/// `finished`.
[[nodiscard]] TrialStatus trial_status(const TrialPlan& plan, const Date& today);

/// One night of a trial's schedule. The plan decides the first six members; the diary
/// the others (trial_schedule leaves them false, 0 and null).
struct TrialNight {
    Date night;                                ///< the night, by its evening's date
    TrialPhase phase = TrialPhase::run_in;     ///< run-in or a period of a block
    std::optional<int> block;                  ///< 1 … K; null on run-in nights
    std::optional<int> period;                 ///< 1 or 2 within the block; null on run-in nights
    std::optional<TrialCondition> condition;   ///< null on run-in nights
    bool washout = false;                      ///< one of the first W nights of a period: not analysed
    bool recorded = false;                     ///< has a check-in or an episode
    std::int64_t cramps = 0;                   ///< episodes that night
    std::optional<Adherence> adherence;        ///< from day log D; null on run-in nights
    bool analysed = false;                     ///< recorded, in a period, not washout, before `stopped`

    friend bool operator==(const TrialNight&, const TrialNight&) = default;
};

/// One row per night from start to trial_end(plan), with the plan's part filled in.
/// Throws ValidationError when the plan is invalid.
[[nodiscard]] std::vector<TrialNight> trial_schedule(const TrialPlan& plan);

/// One block of the analysis: its analysed nights and cramps under each condition.
struct TrialBlock {
    int block = 0;                            ///< 1 … K
    TrialOrder order = TrialOrder::ab;        ///< its allocation
    std::int64_t nights_a = 0;                ///< analysed nights under A
    std::int64_t cramps_a = 0;
    std::int64_t nights_b = 0;                ///< analysed nights under B
    std::int64_t cramps_b = 0;
    /// ((Y_B + 0.5)/E_B)/((Y_A + 0.5)/E_A); null when a side has no analysed night.
    std::optional<double> rate_ratio;

    friend bool operator==(const TrialBlock&, const TrialBlock&) = default;
};

/// Adherence over one condition's analysed nights.
struct AdherenceCounts {
    std::int64_t nights = 0;        ///< analysed nights of the condition
    std::int64_t adherent = 0;
    std::int64_t not_adherent = 0;
    std::int64_t unknown = 0;       ///< no day log (or, for compression, hours unknown)

    friend bool operator==(const AdherenceCounts&, const AdherenceCounts&) = default;
};

/// The analysis of a trial by assigned condition, whatever was worn (SPEC 7). Undefined
/// values are null. Before the trial is finished or stopped every number is an interim look.
struct TrialResult {
    std::int64_t nights_a = 0;                   ///< E_A: analysed nights under A
    std::int64_t cramps_a = 0;                   ///< Y_A
    std::optional<double> rate_a;                ///< 7·Y_A/E_A, cramps per week
    std::int64_t nights_b = 0;                   ///< E_B
    std::int64_t cramps_b = 0;                   ///< Y_B
    std::optional<double> rate_b;                ///< 7·Y_B/E_B
    std::optional<double> rate_ratio;            ///< (Y_B/E_B)/(Y_A/E_A); null when E_A, E_B or Y_A is 0
    std::optional<double> percent_change;        ///< 100·(rate_ratio − 1)

    // The randomisation test over the 2^K' allocations of the K' blocks with an analysed
    // night. Null when the allocation used leaves a condition with no analysed night.
    std::optional<double> p_value;               ///< two-sided: #{|D(a)| ≥ |D_obs| − ε}/2^K'
    std::optional<double> p_value_lower;         ///< that B lowers cramps: #{D(a) ≤ D_obs + ε}/2^K'
    std::int64_t assignments = 1;                ///< 2^K'
    std::optional<double> smallest_possible_p;   ///< 2/2^K'; null when K' = 0

    // The quasi-Poisson block model over the blocks with nights in both conditions and at
    // least one cramp; null when it cannot be fitted.
    std::optional<double> rate_ratio_low;        ///< exp(β − 1.959964·SE)
    std::optional<double> rate_ratio_high;       ///< exp(β + 1.959964·SE)
    std::optional<double> scale;                 ///< Pearson χ²/(n − p)

    std::vector<TrialBlock> per_block;           ///< one row per block, 1 … K
    std::int64_t blocks_favouring_b = 0;         ///< fewer cramps per night under B
    std::int64_t blocks_favouring_a = 0;         ///< fewer cramps per night under A
    std::int64_t blocks_tied = 0;                ///< equal cramps per night
    std::optional<double> sign_test_p;           ///< exact two-sided sign test of the untied blocks

    // Section 3's exact conditional comparison on the analysed nights, which assumes
    // independent nights (B exposed, A unexposed).
    std::optional<double> exact_rate_ratio_low;
    std::optional<double> exact_rate_ratio_high;
    std::optional<double> exact_p_value;

    AdherenceCounts adherence_a;                 ///< over A's analysed nights
    AdherenceCounts adherence_b;                 ///< over B's analysed nights
    bool interim = true;                         ///< not finished and not stopped: an interim look
    std::vector<std::string> caveats;            ///< in words for patients

    friend bool operator==(const TrialResult&, const TrialResult&) = default;
};

/// A trial seen from one day: its allocation, status, last night, schedule and analysis.
struct TrialAnalysis {
    std::vector<TrialOrder> allocation;  ///< trial_allocation(seed, blocks)
    TrialStatus status = TrialStatus::planned;
    Date end;                            ///< trial_end(plan)
    std::vector<TrialNight> schedule;    ///< one row per night, with the diary's part filled in
    TrialResult result;
};

/// Analyses a trial on the entries of `tables` (which should hold the nights start …
/// end and the day logs of those days), as seen on day `today` (the status and the
/// interim flag; the numbers use every recorded night, however recent). Throws
/// ValidationError when the plan is invalid.
[[nodiscard]] TrialAnalysis analyse_trial(const DiaryTables& tables, const TrialPlan& plan, const Date& today);

/// The randomisation test on its own, for blocks given as period sums: block k's first
/// period had `cramps1[k]` cramps on `nights1[k]` analysed nights, its second period
/// `cramps2[k]` on `nights2[k]`, and `order[k]` says which condition each period had.
/// Blocks with no analysed night are left out (K'). Exact enumeration of the 2^K'
/// allocations by Gray code, no allocation per step.
struct RandomisationTest {
    std::optional<double> p_value;        ///< two-sided
    std::optional<double> p_value_lower;  ///< one-sided, B lowers cramps
    std::int64_t assignments = 1;         ///< 2^K'
    int blocks_used = 0;                  ///< K'
};
[[nodiscard]] RandomisationTest randomisation_test(const std::vector<TrialOrder>& order,
                                                   const std::vector<std::int64_t>& nights1,
                                                   const std::vector<std::int64_t>& cramps1,
                                                   const std::vector<std::int64_t>& nights2,
                                                   const std::vector<std::int64_t>& cramps2);

}  // namespace legdiary
