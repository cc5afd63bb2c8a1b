#include "legdiary/trial.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <span>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "legdiary/models.hpp"
#include "legdiary/numbers.hpp"
#include "legdiary/statistics.hpp"

namespace legdiary {
namespace {

constexpr std::string_view exposure_rule = "must be compression or tag:NAME";

Problem problem(std::string_view field, std::string value, std::string rule) {
    return Problem{std::string(field), std::move(value), std::move(rule), std::nullopt, std::nullopt};
}

void check_whole(std::vector<Problem>& out, std::string_view field, int value, int low, int high,
                 std::string_view unit, std::string_view note = "") {
    if (value < low || value > high)
        out.push_back(problem(field, std::to_string(value), whole_range_rule(low, high, unit) + std::string(note)));
}

void check_optional_text(std::vector<Problem>& out, std::string_view field, const std::optional<std::string>& text) {
    if (!text) return;
    if (auto found = check_text(field, *text, trial_limits::max_text_chars)) out.push_back(std::move(*found));
}

// 7·Y/E computed as (7·Y)/E, as the trends do (one rounding).
std::optional<double> per_week(std::int64_t cramps, std::int64_t nights) {
    if (nights == 0) return std::nullopt;
    return static_cast<double>(7 * cramps) / static_cast<double>(nights);
}

// The plan's nights as day numbers: the first night of the first period, and the last night.
DayNumber first_period_night(const TrialPlan& plan) { return day_number(plan.start) + plan.run_in_nights; }
DayNumber last_night(const TrialPlan& plan) {
    return first_period_night(plan) + 2 * static_cast<DayNumber>(plan.blocks) * plan.period_nights - 1;
}

std::string format_p(double p) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", p);
    return text;
}

std::vector<std::string> trial_caveats(const TrialPlan& plan, int blocks_used, bool interim) {
    std::vector<std::string> caveats;
    if (interim)
        caveats.emplace_back(
            "This is an interim look: the trial is not finished, and every number here can still change a lot. Do "
            "not stop early because of this number.");
    caveats.emplace_back(
        "Not blinded: you knew which condition each period had, and expecting a change can change how cramps are "
        "noticed and recorded.");
    caveats.emplace_back(
        "Self-reported: the cramps and what was done each day are what you wrote down; nights without a record "
        "are left out.");
    if (plan.washout_nights > 0)
        caveats.emplace_back(std::string("Carry-over: ") +
                             (plan.washout_nights == 1
                                  ? "the first night of each period is a washout and is not counted"
                                  : "the first " + std::to_string(plan.washout_nights) +
                                        " nights of each period are a washout and are not counted") +
                             ", so that the effect of the previous condition has time to wear off.");
    else
        caveats.emplace_back(
            "Carry-over: this trial has no washout nights, so an effect lingering from one period into the next is "
            "not allowed for.");
    caveats.emplace_back(
        "Natural change: cramps often ease or worsen over weeks whatever is done. Each block compares two periods "
        "close in time, in an order drawn at random, so slow change does not look like an effect.");
    const int k = blocks_used > 0 ? blocks_used : plan.blocks;
    const double smallest = 2.0 / std::ldexp(1.0, k);
    caveats.emplace_back("With " + std::to_string(k) + " blocks the smallest p-value the randomisation test can give is 2/" +
                         std::to_string(std::int64_t{1} << k) + " = " + format_p(smallest) +
                         ": that is the strongest evidence " + std::to_string(k) +
                         " blocks can give, and even it is not proof.");
    caveats.emplace_back(
        "The exact comparison assumes independent nights; cramps come in runs, so it is too sure of itself. The "
        "randomisation test and the block model follow the design.");
    return caveats;
}

}  // namespace

std::vector<Problem> check(const TrialPlan& plan) {
    namespace lim = trial_limits;
    std::vector<Problem> out;
    if (plan.exposure.starts_with("tag:")) {
        if (auto found = check_tag(std::string_view(plan.exposure).substr(4), "exposure"))
            out.push_back(problem("exposure", plan.exposure, "tag:NAME needs a valid tag: " + found->rule));
    } else if (plan.exposure != "compression") {
        out.push_back(problem("exposure", plan.exposure, std::string(exposure_rule)));
    }
    const Date first_allowed(limits::min_year, 1, 1);
    const Date last_allowed(limits::max_year, 12, 31);
    if (plan.start.is_special()) {
        out.push_back(problem("start", "", "must be a date YYYY-MM-DD"));
    } else if (plan.start < first_allowed) {
        out.push_back(problem("start", to_string(plan.start), "must be a date in 1900..9999"));
    }
    check_whole(out, "run_in_nights", plan.run_in_nights, lim::min_run_in_nights, lim::max_run_in_nights, "nights");
    check_whole(out, "blocks", plan.blocks, lim::min_blocks, lim::max_blocks, "");
    check_whole(out, "period_nights", plan.period_nights, lim::min_period_nights, lim::max_period_nights, "nights");
    const int washout_high = (plan.period_nights >= lim::min_period_nights && plan.period_nights <= lim::max_period_nights)
                                 ? plan.period_nights - 1
                                 : lim::max_period_nights - 1;
    check_whole(out, "washout_nights", plan.washout_nights, 0, washout_high, "nights", " (fewer than period_nights)");
    if (out.empty() && last_night(plan) > day_number(last_allowed))
        out.push_back(problem("start", to_string(plan.start), "must leave the trial's last night in 9999"));
    check_optional_text(out, "name", plan.name);
    check_optional_text(out, "hypothesis", plan.hypothesis);
    if (plan.stopped && plan.stopped->is_special()) out.push_back(problem("stopped", "", "must be a date YYYY-MM-DD"));
    check_optional_text(out, "stop_reason", plan.stop_reason);
    if (plan.stop_reason && !plan.stopped)
        out.push_back(problem("stop_reason", *plan.stop_reason, "is given only with stopped (a stopped trial)"));
    return out;
}

std::string trial_created_text(const DateTime& utc) {
    return boost::posix_time::to_iso_extended_string(utc).substr(0, 19) + "Z";
}

void check_trial_plan(const TrialPlan& plan) {
    auto problems = check(plan);
    if (!problems.empty()) throw ValidationError(std::move(problems));
}

std::uint64_t random_trial_seed() {
    std::random_device source;
    static_assert(sizeof(std::random_device::result_type) >= 4);
    const auto high = static_cast<std::uint64_t>(source()) & 0xffffffffULL;
    const auto low = static_cast<std::uint64_t>(source()) & 0xffffffffULL;
    return (high << 32) | low;
}

std::string_view to_string(TrialOrder order) { return order == TrialOrder::ba ? "BA" : "AB"; }
std::string_view to_string(TrialCondition condition) { return condition == TrialCondition::b ? "B" : "A"; }
std::string_view to_string(TrialPhase phase) { return phase == TrialPhase::period ? "period" : "run-in"; }

std::string_view to_string(Adherence adherence) {
    switch (adherence) {
        case Adherence::adherent: return "adherent";
        case Adherence::not_adherent: return "not adherent";
        case Adherence::unknown: return "unknown";
    }
    return "unknown";
}

std::string_view to_string(TrialStatus status) {
    switch (status) {
        case TrialStatus::planned: return "planned";
        case TrialStatus::run_in: return "run-in";
        case TrialStatus::running: return "running";
        case TrialStatus::finished: return "finished";
        case TrialStatus::stopped: return "stopped";
    }
    return "planned";
}

std::vector<TrialOrder> trial_allocation(std::uint64_t seed, int blocks) {
    std::vector<Problem> out;
    check_whole(out, "blocks", blocks, trial_limits::min_blocks, trial_limits::max_blocks, "");
    if (!out.empty()) throw ValidationError(std::move(out));
    std::mt19937_64 generator(seed);
    std::vector<TrialOrder> allocation;
    allocation.reserve(static_cast<std::size_t>(blocks));
    for (int k = 0; k < blocks; ++k) allocation.push_back((generator() >> 63) != 0 ? TrialOrder::ba : TrialOrder::ab);
    return allocation;
}

Date trial_end(const TrialPlan& plan) {
    check_trial_plan(plan);
    return from_day_number(last_night(plan));
}

TrialStatus trial_status(const TrialPlan& plan, const Date& today) {
    check_trial_plan(plan);
    if (plan.stopped) return TrialStatus::stopped;
    const DayNumber day = day_number(today);
    if (day < day_number(plan.start)) return TrialStatus::planned;
    if (day < first_period_night(plan)) return TrialStatus::run_in;
    if (day <= last_night(plan)) return TrialStatus::running;
    return TrialStatus::finished;
}

std::vector<TrialNight> trial_schedule(const TrialPlan& plan) {
    check_trial_plan(plan);
    const auto allocation = trial_allocation(plan.seed, plan.blocks);
    std::vector<TrialNight> schedule;
    schedule.reserve(static_cast<std::size_t>(plan.run_in_nights + 2 * plan.blocks * plan.period_nights));
    DayNumber night = day_number(plan.start);
    for (int i = 0; i < plan.run_in_nights; ++i, ++night) {
        TrialNight row;
        row.night = from_day_number(night);
        schedule.push_back(row);
    }
    for (int block = 1; block <= plan.blocks; ++block) {
        const TrialOrder order = allocation[static_cast<std::size_t>(block - 1)];
        for (int period = 1; period <= 2; ++period) {
            const bool first_is_b = order == TrialOrder::ba;
            const TrialCondition condition = (period == 1) == first_is_b ? TrialCondition::b : TrialCondition::a;
            for (int i = 0; i < plan.period_nights; ++i, ++night) {
                TrialNight row;
                row.night = from_day_number(night);
                row.phase = TrialPhase::period;
                row.block = block;
                row.period = period;
                row.condition = condition;
                row.washout = i < plan.washout_nights;
                schedule.push_back(row);
            }
        }
    }
    return schedule;
}

RandomisationTest randomisation_test(const std::vector<TrialOrder>& order, const std::vector<std::int64_t>& nights1,
                                     const std::vector<std::int64_t>& cramps1, const std::vector<std::int64_t>& nights2,
                                     const std::vector<std::int64_t>& cramps2) {
    const std::size_t k = order.size();
    if (nights1.size() != k || cramps1.size() != k || nights2.size() != k || cramps2.size() != k)
        throw ValidationError("blocks", std::to_string(k), "every period sum needs one value per block");
    if (k > static_cast<std::size_t>(trial_limits::max_blocks))
        throw ValidationError("blocks", std::to_string(k), whole_range_rule(0, trial_limits::max_blocks));

    // For each block used: how B's sums change when the block's order flips from the
    // allocation observed, and the sign of the next flip (+1: from observed to swapped).
    struct Swing {
        std::int64_t cramps = 0, nights = 0;
    };
    std::array<Swing, trial_limits::max_blocks> swing{};
    std::int64_t cramps_b = 0, nights_b = 0, cramps_total = 0, nights_total = 0;
    int used = 0;
    for (std::size_t j = 0; j < k; ++j) {
        if (nights1[j] < 0 || nights2[j] < 0 || cramps1[j] < 0 || cramps2[j] < 0)
            throw ValidationError("blocks", std::to_string(j + 1), "period sums must not be negative");
        if (nights1[j] + nights2[j] == 0) continue;
        cramps_total += cramps1[j] + cramps2[j];
        nights_total += nights1[j] + nights2[j];
        const bool b_first = order[j] == TrialOrder::ba;
        cramps_b += b_first ? cramps1[j] : cramps2[j];
        nights_b += b_first ? nights1[j] : nights2[j];
        // Flipping moves B to the other period.
        swing[static_cast<std::size_t>(used)] = b_first ? Swing{cramps2[j] - cramps1[j], nights2[j] - nights1[j]}
                                                        : Swing{cramps1[j] - cramps2[j], nights1[j] - nights2[j]};
        ++used;
    }
    RandomisationTest test;
    test.blocks_used = used;
    test.assignments = std::int64_t{1} << used;
    const auto difference = [&](std::int64_t yb, std::int64_t eb, double& out) {
        const std::int64_t ea = nights_total - eb;
        if (eb == 0 || ea == 0) return false;
        out = static_cast<double>(yb) / static_cast<double>(eb) -
              static_cast<double>(cramps_total - yb) / static_cast<double>(ea);
        return true;
    };
    double observed = 0;
    if (!difference(cramps_b, nights_b, observed)) return test;
    const double epsilon = 1e-9 * std::max(1.0, std::abs(observed));
    const double two_sided_bound = std::abs(observed) - epsilon;
    const double lower_bound = observed + epsilon;

    // Gray code: step i flips block countr_zero(i), so each allocation costs one update.
    std::int64_t extreme = 0, lower = 0;
    std::uint32_t flipped = 0;  // bit j: block j is swapped from the allocation observed
    std::int64_t yb = cramps_b, eb = nights_b;
    const auto count = [&]() {
        double d = 0;
        if (!difference(yb, eb, d)) {
            ++extreme;  // a condition without an analysed night counts as extreme both ways
            ++lower;
            return;
        }
        if (std::abs(d) >= two_sided_bound) ++extreme;
        if (d <= lower_bound) ++lower;
    };
    count();
    const std::uint64_t total = std::uint64_t{1} << used;
    for (std::uint64_t i = 1; i < total; ++i) {
        const int j = std::countr_zero(i);
        const std::uint32_t bit = std::uint32_t{1} << j;
        const Swing& s = swing[static_cast<std::size_t>(j)];
        if (flipped & bit) {
            yb -= s.cramps;
            eb -= s.nights;
        } else {
            yb += s.cramps;
            eb += s.nights;
        }
        flipped ^= bit;
        count();
    }
    test.p_value = static_cast<double>(extreme) / static_cast<double>(total);
    test.p_value_lower = static_cast<double>(lower) / static_cast<double>(total);
    return test;
}

namespace {

// The quasi-Poisson block model log μ = β·b + Σ γ_k·block_k over the analysed nights of
// the blocks with nights under both conditions and at least one cramp.
void add_block_model(TrialResult& result, const std::vector<TrialNight>& schedule) {
    std::vector<bool> included(result.per_block.size() + 1, false);
    std::vector<std::size_t> column_of(result.per_block.size() + 1, 0);
    std::size_t columns = 0;
    for (const auto& block : result.per_block) {
        if (block.nights_a > 0 && block.nights_b > 0 && block.cramps_a + block.cramps_b > 0) {
            included[static_cast<std::size_t>(block.block)] = true;
            column_of[static_cast<std::size_t>(block.block)] = columns++;
        }
    }
    if (columns == 0) return;
    std::vector<double> y, b;
    std::vector<std::vector<double>> dummies(columns);
    for (const auto& night : schedule) {
        if (!night.analysed || !included[static_cast<std::size_t>(*night.block)]) continue;
        y.push_back(static_cast<double>(night.cramps));
        b.push_back(night.condition == TrialCondition::b ? 1.0 : 0.0);
        for (std::size_t c = 0; c < columns; ++c)
            dummies[c].push_back(c == column_of[static_cast<std::size_t>(*night.block)] ? 1.0 : 0.0);
    }
    models::Columns x;
    x.reserve(columns + 1);
    x.emplace_back(b);
    for (const auto& dummy : dummies) x.emplace_back(dummy);
    models::PoissonOptions options;
    options.covariance = models::Covariance::pearson;
    try {
        const models::Fit fit = models::poisson_glm(y, x, options);
        const models::Wald effect = models::wald(fit, 0);
        result.rate_ratio_low = effect.ratio_low;
        result.rate_ratio_high = effect.ratio_high;
        result.scale = fit.dispersion;
    } catch (const models::FitError&) {
        // No cramps at all under one condition (β runs off to infinity) or every night on
        // its fitted mean (no spread to scale by): the model has no interval to give.
    } catch (const ValidationError&) {
        // As many parameters as nights: nothing left to estimate the scale from.
    }
}

}  // namespace

TrialAnalysis analyse_trial(const DiaryTables& tables, const TrialPlan& plan, const Date& today) {
    TrialAnalysis analysis;
    analysis.schedule = trial_schedule(plan);  // checks the plan
    analysis.allocation = trial_allocation(plan.seed, plan.blocks);
    analysis.end = from_day_number(last_night(plan));
    analysis.status = trial_status(plan, today);

    const DayNumber first = day_number(plan.start);
    const std::size_t size = analysis.schedule.size();
    const auto inside = [&](DayNumber night) { return night >= first && night < first + static_cast<DayNumber>(size); };
    std::vector<std::int64_t> cramps(size, 0);
    std::vector<bool> recorded(size, false);
    for (std::size_t row = 0; row < tables.nights.size(); ++row)
        if (inside(tables.nights.night[row])) recorded[static_cast<std::size_t>(tables.nights.night[row] - first)] = true;
    for (std::size_t row = 0; row < tables.episodes.size(); ++row) {
        if (!inside(tables.episodes.night[row])) continue;
        const auto i = static_cast<std::size_t>(tables.episodes.night[row] - first);
        recorded[i] = true;
        ++cramps[i];
    }

    // Day log D of each night D, and whether it has the exposure's tag.
    const auto& days = tables.days;
    std::vector<std::int64_t> log_of(size, -1);
    for (std::size_t row = 0; row < days.size(); ++row)
        if (inside(days.day[row])) log_of[static_cast<std::size_t>(days.day[row] - first)] = static_cast<std::int64_t>(row);
    const bool by_tag = plan.exposure.starts_with("tag:");
    std::vector<bool> row_has_tag(days.size(), false);
    if (by_tag) {
        const std::string_view tag = std::string_view(plan.exposure).substr(4);
        for (std::size_t k = 0; k < days.tag.size(); ++k)
            if (days.tag[k] == tag && days.tag_row[k] < days.size()) row_has_tag[days.tag_row[k]] = true;
    }
    const DayNumber stop = plan.stopped ? day_number(*plan.stopped) : std::numeric_limits<DayNumber>::max();

    TrialResult& result = analysis.result;
    const auto blocks = static_cast<std::size_t>(plan.blocks);
    std::vector<std::int64_t> nights1(blocks, 0), cramps1(blocks, 0), nights2(blocks, 0), cramps2(blocks, 0);
    for (std::size_t i = 0; i < size; ++i) {
        TrialNight& night = analysis.schedule[i];
        night.recorded = recorded[i];
        night.cramps = cramps[i];
        if (night.phase == TrialPhase::run_in) continue;
        const bool is_b = night.condition == TrialCondition::b;
        std::optional<bool> exposed;
        if (log_of[i] >= 0) {
            const auto row = static_cast<std::size_t>(log_of[i]);
            if (by_tag) {
                exposed = row_has_tag[row];
            } else if (!std::isnan(days.compression_hours[row])) {
                exposed = days.compression_hours[row] > 0;
            }
        }
        night.adherence = !exposed ? Adherence::unknown : (*exposed == is_b ? Adherence::adherent : Adherence::not_adherent);
        night.analysed = night.recorded && !night.washout && day_number(night.night) < stop;
        if (!night.analysed) continue;
        const auto block = static_cast<std::size_t>(*night.block - 1);
        (*night.period == 1 ? nights1 : nights2)[block] += 1;
        (*night.period == 1 ? cramps1 : cramps2)[block] += night.cramps;
        AdherenceCounts& counts = is_b ? result.adherence_b : result.adherence_a;
        ++counts.nights;
        switch (*night.adherence) {
            case Adherence::adherent: ++counts.adherent; break;
            case Adherence::not_adherent: ++counts.not_adherent; break;
            case Adherence::unknown: ++counts.unknown; break;
        }
    }

    std::int64_t untied = 0;
    for (std::size_t k = 0; k < blocks; ++k) {
        TrialBlock row;
        row.block = static_cast<int>(k) + 1;
        row.order = analysis.allocation[k];
        const bool b_first = row.order == TrialOrder::ba;
        row.nights_a = b_first ? nights2[k] : nights1[k];
        row.cramps_a = b_first ? cramps2[k] : cramps1[k];
        row.nights_b = b_first ? nights1[k] : nights2[k];
        row.cramps_b = b_first ? cramps1[k] : cramps2[k];
        if (row.nights_a > 0 && row.nights_b > 0) {
            row.rate_ratio = ((static_cast<double>(row.cramps_b) + 0.5) / static_cast<double>(row.nights_b)) /
                             ((static_cast<double>(row.cramps_a) + 0.5) / static_cast<double>(row.nights_a));
            // Cramps per night compared exactly, in whole numbers.
            const std::int64_t under_b = row.cramps_b * row.nights_a, under_a = row.cramps_a * row.nights_b;
            if (under_b < under_a) ++result.blocks_favouring_b;
            else if (under_b > under_a) ++result.blocks_favouring_a;
            else ++result.blocks_tied;
        }
        result.nights_a += row.nights_a;
        result.cramps_a += row.cramps_a;
        result.nights_b += row.nights_b;
        result.cramps_b += row.cramps_b;
        result.per_block.push_back(row);
    }
    untied = result.blocks_favouring_a + result.blocks_favouring_b;
    if (untied > 0) result.sign_test_p = statistics::binomial_test_two_sided(result.blocks_favouring_b, untied, 0.5);

    result.rate_a = per_week(result.cramps_a, result.nights_a);
    result.rate_b = per_week(result.cramps_b, result.nights_b);
    const auto exact = statistics::rate_ratio(result.cramps_b, static_cast<double>(result.nights_b), result.cramps_a,
                                              static_cast<double>(result.nights_a));
    result.rate_ratio = exact.ratio;
    if (exact.ratio) result.percent_change = 100 * (*exact.ratio - 1);
    result.exact_rate_ratio_low = exact.low;
    result.exact_rate_ratio_high = exact.high;
    result.exact_p_value = exact.p_value;

    const RandomisationTest test = randomisation_test(analysis.allocation, nights1, cramps1, nights2, cramps2);
    result.p_value = test.p_value;
    result.p_value_lower = test.p_value_lower;
    result.assignments = test.assignments;
    if (test.blocks_used > 0) result.smallest_possible_p = 2.0 / static_cast<double>(test.assignments);

    add_block_model(result, analysis.schedule);
    result.interim = analysis.status != TrialStatus::finished && analysis.status != TrialStatus::stopped;
    result.caveats = trial_caveats(plan, test.blocks_used, result.interim);
    return analysis;
}

}  // namespace legdiary
