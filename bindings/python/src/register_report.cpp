// The clinician report (SPEC 4, "Report") and the FHIR R4 export, as the CLI's `report` and
// `export --format fhir` write them: the same library functions, the same bytes.
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <legdiary/analysis.hpp>
#include <legdiary/fhir.hpp>
#include <legdiary/files.hpp>
#include <legdiary/report_html.hpp>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

std::string report_html(const Diary& diary, const std::optional<Date>& start, const std::optional<Date>& end,
                        const std::vector<std::string>& compare, int min_nights) {
    TrendOptions options;
    options.compare = compare;
    options.min_nights = min_nights;
    std::ostringstream html;
    write_html_report(html, diary, analysis_range(diary, start, end), options);
    return html.str();
}

}  // namespace

void register_report(py::module_&, DiaryClass& diary) {
    diary.def(
        "report_html",
        [](const DiaryHandle& self, const std::optional<Arg<Date>>& start_arg, const std::optional<Arg<Date>>& end_arg,
           const Arg<std::vector<std::string>>& compare_arg, const Arg<int>& min_nights_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const int min_nights = min_nights_arg.get("min_nights");
            const auto compare = compare_arg.get("compare");
            auto handle = self.get();
            return without_gil([&] { return report_html(*handle, start, end, compare, min_nights); });
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(),
        py::arg("compare") = std::vector<std::string>{}, py::arg("min_nights") = 4,
        "The clinician report of nights start..end (bounds left out: the diary's first or last entry)\n"
        "as one self-contained HTML document: the outcome numbers, inline SVG charts, the comparisons\n"
        "with their caveats, the factor screen of the range (factors()) with its caveats and the\n"
        "alerts (docs/report.md). `compare` adds exposures as in trends().");
    diary.def(
        "write_report",
        [](const DiaryHandle& self, const Arg<std::filesystem::path>& path_arg, const std::optional<Arg<Date>>& start_arg,
           const std::optional<Arg<Date>>& end_arg, const Arg<std::vector<std::string>>& compare_arg, const Arg<int>& min_nights_arg) {
            const auto start = get(start_arg, "start");
            const auto end = get(end_arg, "end");
            const int min_nights = min_nights_arg.get("min_nights");
            const auto compare = compare_arg.get("compare");
            const auto path = path_arg.get("path");
            auto handle = self.get();
            without_gil([&] { write_private_file(path, report_html(*handle, start, end, compare, min_nights)); });
        },
        py::arg("path"), py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(),
        py::arg("compare") = std::vector<std::string>{}, py::arg("min_nights") = 4,
        "Writes report_html() to `path`, readable by its owner only and replaced whole (as\n"
        "`legdiary report -o PATH`).");
    diary.def(
        "fhir_bundle",
        [](const DiaryHandle& self) {
            auto handle = self.get();
            const std::string text = without_gil([&] { return fhir_bundle(*handle).dump(); });
            return StrDict(py::module_::import("json").attr("loads")(text));
        },
        "Every cramp episode and day-log measurement as a FHIR R4 Bundle (type collection) of\n"
        "Observations: the JSON object as a dict (docs/fhir.md has the mapping and its codes).");
    diary.def(
        "export_fhir",
        [](const DiaryHandle& self, const Arg<std::filesystem::path>& path_arg) {
            const auto path = path_arg.get("path");
            auto handle = self.get();
            without_gil([&] { write_private_file(path, fhir_bundle(*handle).dump(2) + '\n'); });
        },
        py::arg("path"),
        "Writes the FHIR Bundle to `path` as JSON, readable by its owner only and replaced whole\n"
        "(as `legdiary export --format fhir -o PATH`).");
}

}  // namespace legdiary::python
