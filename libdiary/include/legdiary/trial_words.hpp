/// @file trial_words.hpp
/// A trial's conditions and days in words (SPEC 7): what `legdiary trial today`, the trial
/// calendar and `Diary.trial_today()` tell a person to do. One line names only the day's
/// own condition; nothing here reveals a period before it begins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "legdiary/trial.hpp"

namespace legdiary {

/// The exposure's tag (`magnesium` for `tag:magnesium`), or "" for compression.
[[nodiscard]] std::string trial_exposure_tag(const TrialPlan& plan);
/// A condition in a few words: "with stockings" / "without stockings", "with magnesium" / "without magnesium".
[[nodiscard]] std::string trial_condition_words(const TrialPlan& plan, TrialCondition condition);
/// What to do on a day of a condition: "wear your stockings", "no stockings", "today is a
/// magnesium day: do it, and log the tag magnesium today", "no magnesium today: …".
[[nodiscard]] std::string trial_condition_instruction(const TrialPlan& plan, TrialCondition condition);
/// How the day is logged so that adherence can be read from it.
[[nodiscard]] std::string trial_logging_hint(const TrialPlan& plan);
/// "1 night", "5 nights".
[[nodiscard]] std::string nights_text(std::int64_t count);
/// The first night of block `block`'s period `period` (both 1-based).
[[nodiscard]] Date trial_period_start(const TrialPlan& plan, int block, int period);
/// The schedule row of `night`, if the schedule has one.
[[nodiscard]] std::optional<TrialNight> trial_night(const std::vector<TrialNight>& schedule, const Date& night);
/// One line for the day of schedule row `row`: what to do and whether tonight counts, e.g.
/// "wear your stockings (day 3 of 7, period B of block 2 of 6). Tonight counts." Names only
/// that day's condition.
[[nodiscard]] std::string trial_day_instruction(const StoredTrial& trial, const TrialNight& row);
/// "Today: …" for `today` of the active trial, or the words for a trial not yet begun, a
/// trial over, or none.
[[nodiscard]] std::string trial_today_line(const std::optional<StoredTrial>& trial, const Date& today);

}  // namespace legdiary
