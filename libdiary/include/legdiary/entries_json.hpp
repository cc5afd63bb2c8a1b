/// @file entries_json.hpp
/// Diary entries as JSON, with the field names of the data model (SPEC section 1): the
/// form of `legdiary list --json` and `legdiary export --format json`. Dates and instants
/// are ISO 8601 strings, unknown values null, keys in the data model's order.
#pragma once

#include <nlohmann/json.hpp>

#include "legdiary/diary.hpp"
#include "legdiary/model.hpp"

namespace legdiary {

/// One entry as a JSON object keyed by its field names.
nlohmann::ordered_json entry_json(const CrampEpisode& episode);
nlohmann::ordered_json entry_json(const NightRecord& record);
nlohmann::ordered_json entry_json(const DayLog& log);

/// A stored trial's plan as `export --format json` writes it: `id`, `exposure`, `start`,
/// `run_in_nights`, `blocks`, `period_nights`, `washout_nights`, `seed` (a decimal string:
/// it may exceed 2^53), `name`, `hypothesis`, `created` (`YYYY-MM-DDTHH:MM:SSZ`), `stopped`,
/// `stop_reason` — the stored fields of trial_status_json's `trial`, the same keys in the
/// same order, without what is derived from them (`allocation`, `end`, and `status`, which
/// depends on the day): an export does not depend on the clock.
nlohmann::ordered_json entry_json(const StoredTrial& trial);

/// `{"cramps": [...], "nights": [...], "days": [...]}`.
nlohmann::ordered_json entries_json(const Diary::Batch& entries);

/// `{"cramps": [...], "nights": [...], "days": [...], "trials": [...]}`: the whole diary, as
/// `export --format json` writes it; trials by id.
nlohmann::ordered_json entries_json(const Diary::Batch& entries, const std::vector<StoredTrial>& trials);

}  // namespace legdiary
