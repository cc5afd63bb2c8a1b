// Words for a trial's conditions and days (trial_words.hpp): what the CLI, the calendar
// and the Python package tell a person to do.
#include "legdiary/trial_words.hpp"

#include "legdiary/time.hpp"

namespace legdiary {

std::string trial_exposure_tag(const TrialPlan& plan) {
    return plan.exposure.starts_with("tag:") ? plan.exposure.substr(4) : std::string();
}

std::string trial_condition_words(const TrialPlan& plan, TrialCondition condition) {
    const std::string tag = trial_exposure_tag(plan);
    if (tag.empty()) return condition == TrialCondition::b ? "with stockings" : "without stockings";
    return (condition == TrialCondition::b ? "with " : "without ") + tag;
}

std::string trial_condition_instruction(const TrialPlan& plan, TrialCondition condition) {
    const std::string tag = trial_exposure_tag(plan);
    if (tag.empty())
        return condition == TrialCondition::b ? "wear your stockings" : "no stockings";
    return condition == TrialCondition::b ? "today is a " + tag + " day: do it, and log the tag " + tag + " today"
                                          : "no " + tag + " today: leave it out, and do not log the tag " + tag;
}

std::string trial_logging_hint(const TrialPlan& plan) {
    const std::string tag = trial_exposure_tag(plan);
    if (tag.empty())
        return "Each evening log the day with `legdiary log day --socks HOURS` (--socks 0 on days without), "
               "and log every cramp.";
    return "Each evening log the day with `legdiary log day` (with --tag " + tag + " on the days with it), "
           "and log every cramp.";
}

std::string nights_text(std::int64_t count) { return std::to_string(count) + (count == 1 ? " night" : " nights"); }

Date trial_period_start(const TrialPlan& plan, int block, int period) {
    const long offset = plan.run_in_nights + static_cast<long>((block - 1) * 2 + (period - 1)) * plan.period_nights;
    return plan.start + boost::gregorian::days(offset);
}

std::optional<TrialNight> trial_night(const std::vector<TrialNight>& schedule, const Date& night) {
    for (const auto& row : schedule)
        if (row.night == night) return row;
    return std::nullopt;
}

std::string trial_day_instruction(const StoredTrial& trial, const TrialNight& row) {
    const TrialPlan& plan = trial.plan;
    const bool last = row.night == trial_end(plan);
    std::string line;
    if (row.phase == TrialPhase::run_in) {
        const auto night = (row.night - plan.start).days() + 1;
        line = "run-in, night " + std::to_string(night) + " of " + std::to_string(plan.run_in_nights) +
               ": live as usual, change nothing yet, and keep logging. Tonight is not counted.";
        return line;
    }
    const int block = row.block.value_or(1);
    const int period = row.period.value_or(1);
    const TrialCondition condition = row.condition.value_or(TrialCondition::a);
    const auto day = (row.night - trial_period_start(plan, block, period)).days() + 1;
    line = trial_condition_instruction(plan, condition) + " (day " + std::to_string(day) + " of " +
           std::to_string(plan.period_nights) + ", period " + std::string(to_string(condition)) + " of block " +
           std::to_string(block) + " of " + std::to_string(plan.blocks) + ").";
    if (row.washout)
        line += " Washout: the change needs time to settle, so tonight is not counted (but keep logging).";
    else
        line += " Tonight counts.";
    if (last) line += " Tonight is the trial's last night.";
    return line;
}

std::string trial_today_line(const std::optional<StoredTrial>& trial, const Date& today) {
    if (!trial) return "No trial is running. Plan one with `legdiary trial plan --exposure compression`.";
    const TrialPlan& plan = trial->plan;
    if (today < plan.start) {
        std::string line = "Your trial (" + plan.exposure + ") starts on " + day_label(plan.start, today) + ": ";
        line += plan.run_in_nights > 0 ? "first " + nights_text(plan.run_in_nights) + " of run-in, living as usual."
                                       : "run `legdiary trial today` that day for its first instruction.";
        return line + " Until then, nothing changes.";
    }
    const auto schedule = trial_schedule(plan);
    const auto row = trial_night(schedule, today);
    if (!row) return "Your trial (" + plan.exposure + ") is over. See `legdiary trial status`.";
    return "Today: " + trial_day_instruction(*trial, *row);
}

}  // namespace legdiary
