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

/// `{"cramps": [...], "nights": [...], "days": [...]}`.
nlohmann::ordered_json entries_json(const Diary::Batch& entries);

}  // namespace legdiary
