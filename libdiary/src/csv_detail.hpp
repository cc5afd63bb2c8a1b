// The CSV layer's own parts, shared by its files: csv_reader.cpp (RFC 4180 records),
// csv_columns.cpp (each kind's columns, one per field of the field table), csv_import.cpp
// and csv_export.cpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/csv.hpp"

namespace legdiary::detail {

/// At most `max_bytes` of a refused value, cut at a UTF-8 character boundary so that an
/// error message stays valid text.
std::string excerpt(const std::string& text, std::size_t max_bytes = 60);

/// How one column reads into and writes out of its entry type.
template <typename Row>
struct CsvColumn {
    std::string_view name;
    /// Sets the field from a cell that is not empty (or, for text, a quoted empty cell).
    std::function<void(Row&, const std::string& text)> read;
    /// The field as cell text; nullopt for null.
    std::function<std::optional<std::string>(const Row&)> write;
    bool required = false;
    bool text = false;  // an empty quoted cell is an empty text, not null
};

/// The columns of each kind's file, in the field table's order.
const std::vector<CsvColumn<CrampEpisode>>& cramp_csv_columns();
const std::vector<CsvColumn<NightRecord>>& night_csv_columns();
const std::vector<CsvColumn<DayLog>>& day_csv_columns();
/// The trials file's columns: `trial` (the id) first, then the plan's fields (TrialPlan).
const std::vector<CsvColumn<StoredTrial>>& trial_csv_columns();

template <typename Row>
std::vector<std::string_view> names_of(const std::vector<CsvColumn<Row>>& columns) {
    std::vector<std::string_view> names;
    for (const auto& column : columns) names.push_back(column.name);
    return names;
}

}  // namespace legdiary::detail
