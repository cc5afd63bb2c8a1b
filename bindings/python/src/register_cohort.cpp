// The cohort's per-person rows (cohort.hpp, SPEC 8) for legdiary.Cohort: every diary opened
// read-only on the library's threads with the GIL released; the rows come back as dicts
// keyed as SPEC 3 and 8 name the fields.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <legdiary/cohort.hpp>
#include <legdiary/report_json.hpp>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

// The rows' columns in SPEC 3's order (the report's JSON objects keep theirs sorted).
constexpr std::array<const char*, 13> summary_keys = {
    "nights", "recorded_nights", "adherence", "cramps", "cramps_per_week", "cramp_free_nights",
    "cramp_free_fraction", "mean_intensity", "median_duration_s", "cramp_minutes_per_night", "woke_fraction",
    "longest_cramp_free_streak", "current_cramp_free_streak"};
constexpr std::array<const char*, 6> trend_keys = {"weeks_used", "slope", "slope_low", "slope_high", "p_value",
                                                   "direction"};
constexpr std::array<const char*, 15> comparison_keys = {
    "nights_exposed", "cramps_exposed", "rate_exposed", "nights_unexposed", "cramps_unexposed", "rate_unexposed",
    "rate_ratio", "rate_ratio_low", "rate_ratio_high", "p_value", "percent_change", "dispersion",
    "robust_rate_ratio_low", "robust_rate_ratio_high", "robust_p_value"};

/// `keys` of the JSON object `fields` into `row` in that order, None under each where
/// `fields` is null: every row has every column, whether or not the person has numbers.
template <std::size_t N>
void put_fields(py::dict& row, const nlohmann::json& fields, const std::array<const char*, N>& keys) {
    for (const char* key : keys) row[key] = fields.is_null() ? py::none() : json_to_python(fields.at(key), {});
}

template <typename Person>
py::dict row_start(const Person& person) {
    py::dict row;
    row["from"] = person.range ? py::cast(person.range->from) : py::none();
    row["to"] = person.range ? py::cast(person.range->to) : py::none();
    return row;
}

template <typename Person>
void row_end(py::dict& row, const Person& person) {
    row["error_kind"] = person.error ? py::object(py::str(person.error->kind)) : py::none();
    row["error_message"] = person.error ? py::object(py::str(person.error->message)) : py::none();
}

/// One person's outcome row: the range, SPEC 3's summary, the trend test's six fields of
/// SPEC 8, and the error.
py::dict outcome_row(const PersonOutcomes& person) {
    py::dict row = row_start(person);
    put_fields(row, person.summary ? nlohmann::json(*person.summary) : nlohmann::json(), summary_keys);
    put_fields(row, person.trend ? nlohmann::json(*person.trend) : nlohmann::json(), trend_keys);
    row_end(row, person);
    return row;
}

/// One person's comparison row: the range, every comparison field of SPEC 3 (the caveats,
/// the same for everyone, left out), and the error.
py::dict comparison_row(const PersonComparison& person) {
    py::dict row = row_start(person);
    put_fields(row, person.comparison ? nlohmann::json(*person.comparison) : nlohmann::json(), comparison_keys);
    row_end(row, person);
    return row;
}

std::vector<std::filesystem::path> paths_of(const Arg<std::vector<std::string>>& paths_arg) {
    const auto names = paths_arg.get("paths");
    return {names.begin(), names.end()};
}

std::size_t workers_of(const Arg<int>& threads_arg) {
    const int threads = threads_arg.get("workers");
    if (threads < 0) throw ValidationError("workers", std::to_string(threads), "must be 0 (every core) or more");
    return static_cast<std::size_t>(threads);
}

}  // namespace

void register_cohort(py::module_& m) {
    m.def(
        "cohort_outcomes",
        [](const Arg<std::vector<std::string>>& paths_arg, const std::optional<Arg<Date>>& start_arg,
           const std::optional<Arg<Date>>& end_arg, const Arg<int>& threads_arg) {
            const auto paths = paths_of(paths_arg);
            const auto start = get(start_arg, "start"), end = get(end_arg, "end");
            const std::size_t threads = workers_of(threads_arg);
            std::vector<PersonOutcomes> rows;
            {
                const py::gil_scoped_release release;
                rows = cohort_outcomes(paths, start, end, threads);
            }
            py::list list;
            for (const auto& person : rows) list.append(outcome_row(person));
            return list;
        },
        py::arg("paths"), py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(),
        py::arg("workers") = 0,
        "The per-person outcome rows of SPEC 8 for the diaries at `paths`, in their order: the\n"
        "range, SPEC 3's summary, the trend test (weeks_used, slope, slope_low, slope_high,\n"
        "p_value, direction), error_kind and error_message. Each diary is opened read-only;\n"
        "`workers` threads (0: every core). Use legdiary.Cohort.outcomes().");
    m.def(
        "cohort_comparisons",
        [](const Arg<std::vector<std::string>>& paths_arg, const Arg<std::string>& exposure_arg,
           const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg,
           const Arg<int>& threads_arg) {
            const auto paths = paths_of(paths_arg);
            const auto exposure = exposure_arg.get("exposure");
            const auto start = get(start_arg, "start"), end = get(end_arg, "end");
            const std::size_t threads = workers_of(threads_arg);
            std::vector<PersonComparison> rows;
            {
                const py::gil_scoped_release release;
                rows = cohort_comparisons(paths, exposure, start, end, threads);
            }
            py::list list;
            for (const auto& person : rows) list.append(comparison_row(person));
            return list;
        },
        py::arg("paths"), py::arg("exposure"), py::arg("start") = py::none(), py::arg("end") = py::none(),
        py::kw_only(), py::arg("workers") = 0,
        "The per-person comparison rows of SPEC 8 (every comparison field of SPEC 3) for the\n"
        "diaries at `paths`, in their order, with error_kind and error_message. Use\n"
        "legdiary.Cohort.compare().");
}

}  // namespace legdiary::python
