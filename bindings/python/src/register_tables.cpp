// Diary.tables: a range's entries as numpy columns that share the library's buffers. Each
// std::vector moves into a heap object owned by a capsule; the array is a view on it, so
// nothing is copied and nothing is per-row Python objects. The frames of the Python
// package are built on these.
#include <algorithm>
#include <map>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <legdiary/fields.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace legdiary::python {
namespace {

// Every column of `table` that a field of `Entry` has, under the field's name, moved into
// numpy arrays; dates as datetime64[D].
template <typename Entry, typename Table>
void add_field_columns(py::dict& columns, Table& table) {
    for_each_field<Entry>([&](const auto& field) {
        if constexpr (has_column_in<Table, decltype(field)>) {
            auto& column = field.get(table);
            const py::str name(std::string(field.info.name));
            if (field.info.kind == FieldKind::date) columns[name] = owned_array(std::move(column), py::dtype("datetime64[D]"));
            else columns[name] = owned_array(std::move(column));
        }
    });
}

py::dict episode_columns(EpisodeTable&& table) {
    py::dict columns;
    columns["id"] = owned_array(std::move(table.id));
    columns["night"] = owned_array(std::move(table.night), py::dtype("datetime64[D]"));
    columns["onset_utc"] = owned_array(std::move(table.onset_utc_ns), py::dtype("datetime64[ns]"));
    columns["offset_minutes"] = owned_array(std::move(table.offset_minutes));
    add_field_columns<CrampEpisode>(columns, table);
    return columns;
}

py::dict night_columns(NightTable&& table) {
    py::dict columns;
    add_field_columns<NightRecord>(columns, table);
    return columns;
}

py::dict day_columns(DayTable&& table) {
    py::dict columns;
    add_field_columns<DayLog>(columns, table);
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
    Diary::TableSelection selection{false, false, false, {}};
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
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg,
           const Arg<std::vector<std::string>>& parts_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const auto parts = parts_arg.get("parts");
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
