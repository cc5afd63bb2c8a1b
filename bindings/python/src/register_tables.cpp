// Diary.tables: a range's entries as numpy columns that share the library's buffers. Each
// std::vector moves into a heap object owned by a capsule; the array is a view on it, so
// nothing is copied and nothing is per-row Python objects. The frames of the Python
// package are built on these.
#include <algorithm>
#include <map>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "bindings.hpp"

namespace legdiary::python {
namespace {

py::dict episode_columns(EpisodeTable&& table) {
    py::dict columns;
    columns["id"] = owned_array(std::move(table.id));
    columns["night"] = owned_array(std::move(table.night), py::dtype("datetime64[D]"));
    columns["onset_utc"] = owned_array(std::move(table.onset_utc_ns), py::dtype("datetime64[ns]"));
    columns["offset_minutes"] = owned_array(std::move(table.offset_minutes));
    columns["duration_s"] = owned_array(std::move(table.duration_s));
    columns["leg"] = owned_array(std::move(table.leg));
    columns["muscle"] = owned_array(std::move(table.muscle));
    columns["intensity"] = owned_array(std::move(table.intensity));
    columns["woke"] = owned_array(std::move(table.woke));
    return columns;
}

py::dict night_columns(NightTable&& table) {
    py::dict columns;
    columns["night"] = owned_array(std::move(table.night), py::dtype("datetime64[D]"));
    columns["sleep_quality"] = owned_array(std::move(table.sleep_quality));
    return columns;
}

py::dict day_columns(DayTable&& table) {
    py::dict columns;
    columns["day"] = owned_array(std::move(table.day), py::dtype("datetime64[D]"));
    columns["compression_hours"] = owned_array(std::move(table.compression_hours));
    columns["compression_class"] = owned_array(std::move(table.compression_class));
    columns["compression_length"] = owned_array(std::move(table.compression_length));
    columns["swelling_grade"] = owned_array(std::move(table.swelling_grade));
    columns["ankle_left_cm"] = owned_array(std::move(table.ankle_left_cm));
    columns["ankle_right_cm"] = owned_array(std::move(table.ankle_right_cm));
    columns["calf_left_cm"] = owned_array(std::move(table.calf_left_cm));
    columns["calf_right_cm"] = owned_array(std::move(table.calf_right_cm));
    columns["standing_hours"] = owned_array(std::move(table.standing_hours));
    columns["water_l"] = owned_array(std::move(table.water_l));
    columns["exercise_min"] = owned_array(std::move(table.exercise_min));
    columns["elevation_min"] = owned_array(std::move(table.elevation_min));
    for (std::size_t i = 0; i < symptom_count; ++i)
        columns[py::str(std::string(symptom_names[i]))] = owned_array(std::move(table.symptoms[i]));
    columns["skin_discoloration"] = owned_array(std::move(table.skin_discoloration));
    columns["ulcer"] = owned_array(std::move(table.ulcer));
    return columns;
}

/// Tags as a long table with codes into the sorted distinct names: few Python strings
/// however many rows.
py::dict tag_columns(DayTable& table) {
    std::vector<std::string> names(table.tag.begin(), table.tag.end());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<std::int32_t> code(table.tag.size());
    for (std::size_t k = 0; k < table.tag.size(); ++k)
        code[k] = static_cast<std::int32_t>(std::lower_bound(names.begin(), names.end(), table.tag[k]) - names.begin());
    py::dict columns;
    columns["row"] = owned_array(std::move(table.tag_row));
    columns["code"] = owned_array(std::move(code));
    columns["names"] = py::cast(names);
    return columns;
}

/// The tables named in `parts` ("episodes", "nights", "days"); ValueError for another name.
Diary::TableSelection selection_of(const std::vector<std::string>& parts) {
    Diary::TableSelection selection{false, false, false};
    for (const auto& part : parts) {
        if (part == "episodes") selection.episodes = true;
        else if (part == "nights") selection.nights = true;
        else if (part == "days") selection.days = true;
        else throw py::value_error("parts: '" + part + "' is not a table; choose from 'episodes', 'nights', 'days'");
    }
    return selection;
}

}  // namespace

void register_tables(py::module_&, DiaryClass& diary) {
    diary.def(
        "tables",
        [](const DiaryHandle& self, const std::optional<Date>& start, const std::optional<Date>& end,
           const std::vector<std::string>& parts) {
            const Diary::TableSelection selection = selection_of(parts);
            auto handle = self.get();
            DiaryTables tables = without_gil([&] {
                const auto range = resolve_range(*handle, start, end);
                return range ? handle->tables(*range, selection) : DiaryTables{};
            });
            py::typing::Dict<py::str, StrDict> result;
            if (selection.episodes) result["episodes"] = episode_columns(std::move(tables.episodes));
            if (selection.nights) result["nights"] = night_columns(std::move(tables.nights));
            if (selection.days) {
                result["tags"] = tag_columns(tables.days);
                result["days"] = day_columns(std::move(tables.days));
            }
            return result;
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(),
        py::arg("parts") = std::vector<std::string>{"episodes", "nights", "days"},
        "The entries of nights start..end as numpy columns that share the library's buffers (no copy):\n"
        "{'episodes': {...}, 'nights': {...}, 'days': {...}, 'tags': {'row', 'code', 'names'}}, or only\n"
        "the tables named in `parts` ('days' brings 'tags'). Dates are datetime64[D], onsets\n"
        "datetime64[ns] in UTC; missing values are NaN (reals) or -1 (small integers, booleans and\n"
        "enum indexes into leg_names, muscle_names, ...).");
}

}  // namespace legdiary::python
