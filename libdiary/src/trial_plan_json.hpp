// A stored trial's plan as JSON — the keys SPEC 7 gives the `trial` object, but for what is
// derived from the plan (`allocation`, `status`, `end`): one definition for the JSON export
// (entries_json, an ordered object) and `trial status --json` (trial_status_json).
#pragma once

#include <optional>
#include <string>

#include "legdiary/trial.hpp"

namespace legdiary::detail {

template <typename Json>
Json trial_plan_json(const StoredTrial& trial) {
    const TrialPlan& plan = trial.plan;
    const auto text_or_null = [](const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); };
    return {
        {"id", trial.id},
        {"exposure", plan.exposure},
        {"start", to_string(plan.start)},
        {"run_in_nights", plan.run_in_nights},
        {"blocks", plan.blocks},
        {"period_nights", plan.period_nights},
        {"washout_nights", plan.washout_nights},
        {"seed", std::to_string(plan.seed)},  // a decimal string: it may exceed 2^53
        {"name", text_or_null(plan.name)},
        {"hypothesis", text_or_null(plan.hypothesis)},
        {"created", plan.created.is_special() ? Json(nullptr) : Json(trial_created_text(plan.created))},
        {"stopped", plan.stopped ? Json(to_string(*plan.stopped)) : Json(nullptr)},
        {"stop_reason", text_or_null(plan.stop_reason)},
    };
}

}  // namespace legdiary::detail
