#include "legdiary/report_json.hpp"

#include "legdiary/trial_words.hpp"
#include "trial_plan_json.hpp"

namespace legdiary {
namespace {

template <typename Value>
nlohmann::json or_null(const std::optional<Value>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

template <std::size_t N>
nlohmann::json keyed_counts(const std::array<std::int64_t, N>& counts, const std::array<std::string_view, N>& names) {
    nlohmann::json json = nlohmann::json::object();
    for (std::size_t i = 0; i < N; ++i) json[std::string(names[i])] = counts[i];
    return json;
}

/// A row's field as JSON: dates as `YYYY-MM-DD`, missing values null, the symptom means
/// an object keyed by item name.
struct JsonField {
    nlohmann::json& json;

    template <typename Value>
    void operator()(const char* key, const Value& value) const {
        json[key] = json_value(value);
    }

    static nlohmann::json json_value(const Date& date) { return to_string(date); }
    template <typename Value>
    static nlohmann::json json_value(const std::optional<Value>& value) {
        return or_null(value);
    }
    static nlohmann::json json_value(const std::array<std::optional<double>, symptom_count>& symptoms) {
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t item = 0; item < symptom_count; ++item)
            object[std::string(symptom_names[item])] = or_null(symptoms[item]);
        return object;
    }
    template <typename Value>
    static nlohmann::json json_value(const Value& value) {
        return value;
    }
};

}  // namespace

void to_json(nlohmann::json& json, const NightRange& range) {
    json = {{"from", to_string(range.from)}, {"to", to_string(range.to)}};
}

void to_json(nlohmann::json& json, const Summary& summary) {
    json = {
        {"nights", summary.nights},
        {"recorded_nights", summary.recorded_nights},
        {"adherence", summary.adherence},
        {"cramps", summary.cramps},
        {"cramps_per_week", or_null(summary.cramps_per_week)},
        {"cramp_free_nights", summary.cramp_free_nights},
        {"cramp_free_fraction", or_null(summary.cramp_free_fraction)},
        {"mean_intensity", or_null(summary.mean_intensity)},
        {"median_duration_s", or_null(summary.median_duration_s)},
        {"cramp_minutes_per_night", or_null(summary.cramp_minutes_per_night)},
        {"woke_fraction", or_null(summary.woke_fraction)},
        {"longest_cramp_free_streak", summary.longest_cramp_free_streak},
        {"current_cramp_free_streak", summary.current_cramp_free_streak},
    };
}

void to_json(nlohmann::json& json, const NightlyRow& row) {
    json = nlohmann::json::object();
    for_each_field(row, JsonField{json});
}

void to_json(nlohmann::json& json, const WeeklyRow& row) {
    json = nlohmann::json::object();
    for_each_field(row, JsonField{json});
}

// Exactly SPEC 4's `trend` keys: TrendTest::intercept is left out, as WeeklyRow::in_trend is
// from the weekly rows (for_each_field), since SPEC fixes those keys.
void to_json(nlohmann::json& json, const TrendTest& trend) {
    json = {
        {"weeks_used", trend.weeks_used},
        {"slope", or_null(trend.slope)},
        {"slope_low", or_null(trend.slope_low)},
        {"slope_high", or_null(trend.slope_high)},
        {"s", or_null(trend.s)},
        {"z", or_null(trend.z)},
        {"tau", or_null(trend.tau)},
        {"p_value", or_null(trend.p_value)},
        {"direction", std::string(to_string(trend.direction))},
    };
}

void to_json(nlohmann::json& json, const Comparison& comparison) {
    json = {
        {"nights_exposed", comparison.nights_exposed},
        {"cramps_exposed", comparison.cramps_exposed},
        {"rate_exposed", or_null(comparison.rate_exposed)},
        {"nights_unexposed", comparison.nights_unexposed},
        {"cramps_unexposed", comparison.cramps_unexposed},
        {"rate_unexposed", or_null(comparison.rate_unexposed)},
        {"rate_ratio", or_null(comparison.rate_ratio)},
        {"rate_ratio_low", or_null(comparison.rate_ratio_low)},
        {"rate_ratio_high", or_null(comparison.rate_ratio_high)},
        {"p_value", or_null(comparison.p_value)},
        {"percent_change", or_null(comparison.percent_change)},
        {"dispersion", or_null(comparison.dispersion)},
        {"robust_rate_ratio_low", or_null(comparison.robust_rate_ratio_low)},
        {"robust_rate_ratio_high", or_null(comparison.robust_rate_ratio_high)},
        {"robust_p_value", or_null(comparison.robust_p_value)},
        {"caveats", comparison.caveats},
    };
}

void to_json(nlohmann::json& json, const Alert& alert) {
    json = {
        {"kind", std::string(to_string(alert.kind))},
        {"day", to_string(alert.day)},
        {"message", alert.message},
    };
    if (alert.kind == AlertKind::calf_asymmetry) {
        json["left_cm"] = or_null(alert.left_cm);
        json["right_cm"] = or_null(alert.right_cm);
        json["difference_cm"] = or_null(alert.difference_cm);
    }
}

void to_json(nlohmann::json& json, const TrendReport& report) {
    nlohmann::json comparisons = nlohmann::json::object();
    for (const auto& comparison : report.comparisons) comparisons[comparison.exposure] = comparison;
    json = {
        {"range", report.range},
        {"summary", report.summary},
        {"nightly", report.nightly},
        {"weekly", report.weekly},
        {"trend", report.trend},
        {"comparisons", std::move(comparisons)},
        {"by_hour", report.distributions.by_hour},
        {"by_leg", keyed_counts(report.distributions.by_leg, leg_names)},
        {"by_muscle", keyed_counts(report.distributions.by_muscle, muscle_names)},
        {"alerts", report.alerts},
    };
}

void to_json(nlohmann::json& json, const FactorRow& row) {
    json = {
        {"factor", row.factor},
        {"lag", row.lag},
        {"unit", row.unit},
        {"unit_size", row.unit_size},
        {"nights", row.nights},
        {"rate_ratio", row.rate_ratio},
        {"rate_ratio_low", row.rate_ratio_low},
        {"rate_ratio_high", row.rate_ratio_high},
        {"p_value", row.p_value},
        {"q_value", row.q_value},
        {"alpha", row.alpha},
        {"trend_rate_ratio_per_week", row.trend_rate_ratio_per_week},
    };
}

void to_json(nlohmann::json& json, const SkippedFactor& skipped) {
    json = {{"factor", skipped.factor}, {"lag", skipped.lag}, {"reason", skipped.reason}};
}

void to_json(nlohmann::json& json, const FactorScreen& screen) {
    json = {
        {"range", screen.range},
        {"tested", screen.tested},
        {"rows", screen.rows},
        {"skipped", screen.skipped},
        {"caveats", screen.caveats},
    };
}

namespace {

template <typename Enum>
nlohmann::json name_or_null(const std::optional<Enum>& value) {
    return value ? nlohmann::json(std::string(to_string(*value))) : nlohmann::json(nullptr);
}

nlohmann::json adherence_json(const AdherenceCounts& counts) {
    return {
        {"nights", counts.nights},
        {"adherent", counts.adherent},
        {"not_adherent", counts.not_adherent},
        {"unknown", counts.unknown},
    };
}

}  // namespace

nlohmann::json trial_status_json(const StoredTrial& trial, const TrialAnalysis& analysis) {
    nlohmann::json plan_json = detail::trial_plan_json<nlohmann::json>(trial);
    nlohmann::json& allocation = plan_json["allocation"] = nlohmann::json::array();
    for (const auto order : analysis.allocation) allocation.push_back(std::string(to_string(order)));
    plan_json["status"] = std::string(to_string(analysis.status));
    plan_json["end"] = to_string(analysis.end);
    nlohmann::json schedule = nlohmann::json::array();
    for (const auto& night : analysis.schedule)
        schedule.push_back({
            {"night", to_string(night.night)},
            {"phase", std::string(to_string(night.phase))},
            {"block", or_null(night.block)},
            {"period", or_null(night.period)},
            {"condition", name_or_null(night.condition)},
            {"washout", night.washout},
            {"recorded", night.recorded},
            {"cramps", night.cramps},
            {"adherence", name_or_null(night.adherence)},
            {"analysed", night.analysed},
        });
    const TrialResult& r = analysis.result;
    nlohmann::json per_block = nlohmann::json::array();
    for (const auto& block : r.per_block)
        per_block.push_back({
            {"block", block.block},
            {"order", std::string(to_string(block.order))},
            {"nights_a", block.nights_a},
            {"cramps_a", block.cramps_a},
            {"nights_b", block.nights_b},
            {"cramps_b", block.cramps_b},
            {"rate_ratio", or_null(block.rate_ratio)},
        });
    return {
        {"trial", std::move(plan_json)},
        {"schedule", std::move(schedule)},
        {"result",
         {
             {"nights_a", r.nights_a},
             {"cramps_a", r.cramps_a},
             {"rate_a", or_null(r.rate_a)},
             {"nights_b", r.nights_b},
             {"cramps_b", r.cramps_b},
             {"rate_b", or_null(r.rate_b)},
             {"rate_ratio", or_null(r.rate_ratio)},
             {"percent_change", or_null(r.percent_change)},
             {"p_value", or_null(r.p_value)},
             {"p_value_lower", or_null(r.p_value_lower)},
             {"assignments", r.assignments},
             {"smallest_possible_p", or_null(r.smallest_possible_p)},
             {"rate_ratio_low", or_null(r.rate_ratio_low)},
             {"rate_ratio_high", or_null(r.rate_ratio_high)},
             {"scale", or_null(r.scale)},
             {"per_block", std::move(per_block)},
             {"blocks_favouring_b", r.blocks_favouring_b},
             {"blocks_favouring_a", r.blocks_favouring_a},
             {"blocks_tied", r.blocks_tied},
             {"sign_test_p", or_null(r.sign_test_p)},
             {"exact_rate_ratio_low", or_null(r.exact_rate_ratio_low)},
             {"exact_rate_ratio_high", or_null(r.exact_rate_ratio_high)},
             {"exact_p_value", or_null(r.exact_p_value)},
             {"adherence", {{"a", adherence_json(r.adherence_a)}, {"b", adherence_json(r.adherence_b)}}},
             {"interim", r.interim},
             {"caveats", r.caveats},
         }},
    };
}

nlohmann::json report_to_json(const TrendReport& report) { return nlohmann::json(report); }

nlohmann::json trial_today_json(const std::optional<StoredTrial>& trial, const Date& today) {
    nlohmann::json json;
    json["date"] = to_string(today);
    json["trial"] = nullptr;
    json["exposure"] = nullptr;
    json["status"] = nullptr;
    json["phase"] = nullptr;
    json["block"] = nullptr;
    json["period"] = nullptr;
    json["condition"] = nullptr;
    json["day_of_period"] = nullptr;
    json["period_nights"] = nullptr;
    json["washout"] = nullptr;
    json["counted"] = false;
    if (trial) {
        const TrialPlan& plan = trial->plan;
        json["trial"] = trial->id;
        json["exposure"] = plan.exposure;
        json["status"] = std::string(to_string(trial_status(plan, today)));
        const auto schedule = trial_schedule(plan);
        if (const auto row = trial_night(schedule, today)) {
            json["phase"] = std::string(to_string(row->phase));
            if (row->phase == TrialPhase::period) {
                json["block"] = *row->block;
                json["period"] = *row->period;
                json["condition"] = std::string(to_string(*row->condition));
                json["day_of_period"] = (row->night - trial_period_start(plan, *row->block, *row->period)).days() + 1;
                json["period_nights"] = plan.period_nights;
                json["washout"] = row->washout;
                json["counted"] = !row->washout;
            }
        }
    }
    json["instruction"] = trial_today_line(trial, today);
    return json;
}

}  // namespace legdiary
