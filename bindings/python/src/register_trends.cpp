// Trends (SPEC 3): the report as the same structure as the CLI's JSON, and the nightly and
// weekly series as numpy columns for the frames. Computed with the GIL released.
#include <array>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include <legdiary/analysis.hpp>
#include <legdiary/nights.hpp>
#include <legdiary/report_json.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace legdiary::python {
namespace {

/// The keys whose string values are dates in the JSON that goes through to_python (the
/// range and the alerts; the nightly and weekly rows are built by rows_to_python).
constexpr std::array<std::string_view, 3> trend_date_keys = {"from", "to", "day"};

py::object to_python(const nlohmann::json& json) { return json_to_python(json, {trend_date_keys}); }

/// Holds Python's cyclic garbage collector off while a large result is built: a million
/// new dicts would otherwise trigger thousands of collections that can free nothing.
class GcPause {
public:
    GcPause() : was_enabled_(PyGC_Disable() == 1) {}
    ~GcPause() {
        if (was_enabled_) PyGC_Enable();
    }
    GcPause(const GcPause&) = delete;
    GcPause& operator=(const GcPause&) = delete;

private:
    bool was_enabled_;
};

/// A row field as Python: datetime.date, bool, int, float or None; the symptom means a
/// dict keyed by item name (as in the JSON).
class RowValues {
public:
    py::object operator()(const Date& date) const { return py::cast(date); }
    py::object operator()(bool value) const { return py::bool_(value); }
    py::object operator()(std::int64_t value) const { return py::int_(value); }
    py::object operator()(const std::string& text) const { return py::str(text); }
    template <typename Value>
    py::object operator()(const std::optional<Value>& value) const {
        return value ? (*this)(*value) : py::none();
    }
    py::object operator()(int value) const { return py::int_(value); }
    py::object operator()(double value) const { return py::float_(value); }
    py::object operator()(const std::array<std::optional<double>, symptom_count>& symptoms) {
        if (symptom_keys_.empty())
            for (const auto name : symptom_names) symptom_keys_.emplace_back(std::string(name));
        py::dict dict;
        for (std::size_t item = 0; item < symptom_count; ++item) dict[symptom_keys_[item]] = (*this)(symptoms[item]);
        return dict;
    }

private:
    std::vector<py::str> symptom_keys_;
};

/// Rows as a list of dicts keyed as for_each_field names their fields (the keys of the
/// JSON), straight from the C++ rows; each key string is made once, not once per row.
template <typename Row>
py::list rows_to_python(const std::vector<Row>& rows) {
    const GcPause pause;
    py::list list(rows.size());
    std::vector<py::str> keys;
    RowValues values;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        py::dict dict;
        std::size_t k = 0;
        for_each_field(rows[i], [&](const char* name, const auto& value) {
            if (k == keys.size()) keys.emplace_back(name);
            dict[keys[k++]] = values(value);
        });
        list[i] = std::move(dict);
    }
    return list;
}

/// The report as the CLI's JSON object in Python: the nightly and weekly series straight
/// from their rows, the small rest through its JSON form.
StrDict report_to_python(TrendReport&& report) {
    std::vector<NightlyRow> nightly = std::move(report.nightly);
    std::vector<WeeklyRow> weekly = std::move(report.weekly);
    report.nightly.clear();
    report.weekly.clear();
    py::dict dict = to_python(report_to_json(report));
    dict["nightly"] = rows_to_python(nightly);
    dict["weekly"] = rows_to_python(weekly);
    return StrDict(std::move(dict));
}

template <typename T>
std::vector<double> reals(const std::vector<T>& rows, std::optional<double> T::*member) {
    std::vector<double> column(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) column[i] = (rows[i].*member).value_or(no_real);
    return column;
}

StrDict nightly_columns(std::vector<NightlyRow>&& rows) {
    const std::size_t n = rows.size();
    std::vector<DayNumber> night(n);
    std::vector<std::uint8_t> recorded(n);
    std::vector<std::int64_t> cramps(n), cramp_seconds(n);
    std::vector<std::int8_t> max_intensity(n);
    for (std::size_t i = 0; i < n; ++i) {
        night[i] = day_number(rows[i].night);
        recorded[i] = rows[i].recorded ? 1 : 0;
        cramps[i] = rows[i].cramps;
        cramp_seconds[i] = rows[i].cramp_seconds;
        max_intensity[i] = rows[i].max_intensity ? static_cast<std::int8_t>(*rows[i].max_intensity) : no_small;
    }
    StrDict columns;
    columns["night"] = owned_array(std::move(night), py::dtype("datetime64[D]"));
    columns["recorded"] = owned_array(std::move(recorded), py::dtype("bool"));
    columns["cramps"] = owned_array(std::move(cramps));
    columns["cramp_seconds"] = owned_array(std::move(cramp_seconds));
    columns["max_intensity"] = owned_array(std::move(max_intensity));
    columns["rolling7_cramps_per_week"] = owned_array(reals(rows, &NightlyRow::rolling7_cramps_per_week));
    return columns;
}

StrDict weekly_columns(std::vector<WeeklyRow>&& rows) {
    const std::size_t n = rows.size();
    std::vector<DayNumber> start(n);
    std::vector<std::int16_t> iso_year(n);
    std::vector<std::int8_t> iso_week_number(n);
    std::vector<std::int64_t> recorded_nights(n), cramps(n), cramp_free_nights(n), compression_days(n);
    std::vector<std::uint8_t> in_trend(n);
    std::array<std::vector<double>, symptom_count> symptoms;
    for (auto& column : symptoms) column.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& row = rows[i];
        start[i] = day_number(row.start);
        const IsoWeek week = iso_week(row.start);
        iso_year[i] = static_cast<std::int16_t>(week.year);
        iso_week_number[i] = static_cast<std::int8_t>(week.week);
        recorded_nights[i] = row.recorded_nights;
        cramps[i] = row.cramps;
        cramp_free_nights[i] = row.cramp_free_nights;
        compression_days[i] = row.compression_days;
        in_trend[i] = row.in_trend ? 1 : 0;
        for (std::size_t k = 0; k < symptom_count; ++k) symptoms[k][i] = row.symptoms[k].value_or(no_real);
    }
    StrDict columns;
    columns["start"] = owned_array(std::move(start), py::dtype("datetime64[D]"));
    columns["iso_year"] = owned_array(std::move(iso_year));
    columns["iso_week"] = owned_array(std::move(iso_week_number));
    columns["recorded_nights"] = owned_array(std::move(recorded_nights));
    columns["cramps"] = owned_array(std::move(cramps));
    columns["cramps_per_week"] = owned_array(reals(rows, &WeeklyRow::cramps_per_week));
    columns["cramp_free_nights"] = owned_array(std::move(cramp_free_nights));
    columns["mean_intensity"] = owned_array(reals(rows, &WeeklyRow::mean_intensity));
    columns["median_duration_s"] = owned_array(reals(rows, &WeeklyRow::median_duration_s));
    columns["mean_swelling_grade"] = owned_array(reals(rows, &WeeklyRow::mean_swelling_grade));
    columns["compression_days"] = owned_array(std::move(compression_days));
    columns["mean_compression_hours"] = owned_array(reals(rows, &WeeklyRow::mean_compression_hours));
    for (std::size_t k = 0; k < symptom_count; ++k)
        columns[py::str(std::string(symptom_names[k]))] = owned_array(std::move(symptoms[k]));
    columns["in_trend"] = owned_array(std::move(in_trend), py::dtype("bool"));
    return columns;
}

}  // namespace

void register_trends(py::module_& m, DiaryClass& diary) {
    m.attr("min_trend_weeks") = min_trend_weeks;
    py::class_<TrendTest>(m, "TrendTest",
                          "The trend test of SPEC 3 (as trends()['trend']) plus the line it fits: rate =\n"
                          "intercept + slope * k for week k of the weekly series (k = 0: the ISO week of the\n"
                          "range's first night). The weeks it used are the weekly frame's `in_trend` rows.")
        .def_readonly("weeks_used", &TrendTest::weeks_used, "weeks that entered the test")
        .def_readonly("slope", &TrendTest::slope, "Theil–Sen slope, cramps/week per week; None without a test")
        .def_readonly("slope_low", &TrendTest::slope_low, "Sen's 95% interval, lower bound")
        .def_readonly("slope_high", &TrendTest::slope_high, "Sen's 95% interval, upper bound")
        .def_readonly("intercept", &TrendTest::intercept,
                      "the line's rate at week index 0: median(rate_k - slope*k) over the weeks used, as\n"
                      "scipy.stats.theilslopes(rates, k, method='joint'); not in the JSON (SPEC 4)")
        .def_readonly("s", &TrendTest::s, "Mann–Kendall S")
        .def_readonly("z", &TrendTest::z, "its continuity-corrected normal score")
        .def_readonly("tau", &TrendTest::tau, "Kendall's tau")
        .def_readonly("p_value", &TrendTest::p_value, "two-sided Mann–Kendall p")
        .def_property_readonly(
            "direction", [](const TrendTest& test) { return std::string(to_string(test.direction)); },
            "'improving', 'worsening', 'stable' or 'insufficient data'")
        .def("__repr__", [](const TrendTest& test) {
            return "<legdiary.TrendTest " + std::string(to_string(test.direction)) + ", " +
                   std::to_string(test.weeks_used) + " weeks>";
        });
    diary.def(
        "trend_test",
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg, const Arg<int>& min_nights_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const int min_nights = min_nights_arg.get("min_nights");
            auto handle = self.get();
            return without_gil([&] {
                const NightRange range = analysis_range(*handle, start, end);
                return compute_trend_test(compute_weekly(handle->tables(range), range, min_nights), min_nights);
            });
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(), py::arg("min_nights") = 4,
        "The trend test of nights start..end with its line (TrendTest), the same as trends()['trend']\n"
        "with the same arguments; the one line to draw over the weekly rates.");
    diary.def(
        "trends",
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg,
           const Arg<std::vector<std::string>>& compare_arg, const Arg<int>& min_nights_arg, const Arg<bool>& default_comparisons_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const int min_nights = min_nights_arg.get("min_nights");
            const auto compare = compare_arg.get("compare");
            const bool default_comparisons = default_comparisons_arg.get("default_comparisons");
            TrendOptions options;
            options.compare = compare;
            options.min_nights = min_nights;
            options.default_comparisons = default_comparisons;
            auto handle = self.get();
            TrendReport report =
                without_gil([&] { return handle->trends(analysis_range(*handle, start, end), options); });
            return report_to_python(std::move(report));
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(),
        py::arg("compare") = std::vector<std::string>{}, py::arg("min_nights") = 4,
        py::arg("default_comparisons") = true,
        "The trend report of nights start..end (bounds left out: the diary's first or last entry) as\n"
        "the CLI's `trends --json` object: dicts and lists with the same keys, dates as datetime.date,\n"
        "missing values None, numbers unrounded. `compare` adds exposures ('compression',\n"
        "'tag:NAME', 'after:YYYY-MM-DD') to the default ones.");
    diary.def(
        "compare",
        [](const DiaryHandle& self, const Arg<std::string>& exposure_arg, const std::optional<Arg<Date>>& start_arg,
           const std::optional<Arg<Date>>& end_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const auto exposure = exposure_arg.get("exposure");
            auto handle = self.get();
            const nlohmann::json comparison = without_gil([&] {
                return nlohmann::json(handle->compare(analysis_range(*handle, start, end), exposure));
            });
            return StrDict(to_python(comparison));
        },
        py::arg("exposure"), py::arg("start") = py::none(), py::arg("end") = py::none(),
        "One N-of-1 comparison of cramp rates, as the report's `comparisons` entries.");
    diary.def(
        "factors",
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            auto handle = self.get();
            const nlohmann::json screen =
                without_gil([&] { return nlohmann::json(handle->factors(analysis_range(*handle, start, end))); });
            return StrDict(to_python(screen));
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(),
        "The factor screen of nights start..end (bounds left out: the diary's first or last entry) as\n"
        "the CLI's `factors --json` object (SPEC 6): range, tested, rows, skipped, caveats.");
    diary.def(
        "nightly_columns",
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            auto handle = self.get();
            auto rows = without_gil([&] {
                const NightRange range = analysis_range(*handle, start, end);
                // The rolling rate of the first nights looks back before the range.
                const auto tables = handle->tables(with_rolling_window(range));
                return compute_nightly(tables, range);
            });
            return nightly_columns(std::move(rows));
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(),
        "The nightly series of SPEC 3 as numpy columns (one row per night of the range).");
    diary.def(
        "weekly_columns",
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg,
           const Arg<int>& min_nights_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const int min_nights = min_nights_arg.get("min_nights");
            auto handle = self.get();
            auto rows = without_gil([&] {
                const NightRange range = analysis_range(*handle, start, end);
                return compute_weekly(handle->tables(range), range, min_nights);
            });
            return weekly_columns(std::move(rows));
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(), py::arg("min_nights") = 4,
        "The weekly series of SPEC 3 as numpy columns (one row per ISO week meeting the range), with\n"
        "`in_trend`: the week enters the trend test (at least `min_nights` recorded nights).");
}

}  // namespace legdiary::python
