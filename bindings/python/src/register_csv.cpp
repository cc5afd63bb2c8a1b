// CSV import and export (SPEC 4), through the library's csv layer.
#include <string>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <legdiary/csv.hpp>

#include "bindings.hpp"

namespace legdiary::python {

void register_csv(py::module_& m, DiaryClass& diary) {
    py::class_<CsvImportResult>(m, "CsvImportResult", "What importing one CSV file did.")
        .def_property_readonly(
            "kind", [](const CsvImportResult& r) { return std::string(to_string(r.kind)); },
            "'cramps', 'nights', 'days' or 'trials': the kind recognised by the key column.")
        .def_readonly("rows", &CsvImportResult::rows, "Data rows read.")
        .def_property_readonly("cramps_added", [](const CsvImportResult& r) { return r.stored.cramps_added; })
        .def_property_readonly("cramps_already_present",
                               [](const CsvImportResult& r) { return r.stored.cramps_already_present; })
        .def_property_readonly("nights_put", [](const CsvImportResult& r) { return r.stored.nights_put; })
        .def_property_readonly("days_put", [](const CsvImportResult& r) { return r.stored.days_put; })
        .def_property_readonly("trials_added", [](const CsvImportResult& r) { return r.stored.trials_added; })
        .def_property_readonly("trials_already_present",
                               [](const CsvImportResult& r) { return r.stored.trials_already_present; })
        .def("__repr__", [](const CsvImportResult& r) {
            return "CsvImportResult(kind='" + std::string(to_string(r.kind)) + "', rows=" + std::to_string(r.rows) +
                   ", cramps_added=" + std::to_string(r.stored.cramps_added) +
                   ", cramps_already_present=" + std::to_string(r.stored.cramps_already_present) +
                   ", nights_put=" + std::to_string(r.stored.nights_put) +
                   ", days_put=" + std::to_string(r.stored.days_put) +
                   ", trials_added=" + std::to_string(r.stored.trials_added) +
                   ", trials_already_present=" + std::to_string(r.stored.trials_already_present) + ")";
        });

    diary.def(
        "import_csv",
        [](const DiaryHandle& self, const Arg<std::filesystem::path>& file_arg) {
            const auto file = file_arg.get("file");
            auto handle = self.get();
            return without_gil([&] { return legdiary::import_csv(*handle, file); });
        },
        py::arg("file"),
        "Imports one CSV file (cramps, nights, days or trials, told apart by the key column), all or nothing:\n"
        "any problem refuses the whole file with a ValidationError listing every problem with its\n"
        "line; nothing is written. Re-importing a file changes nothing. FileNotFoundError when the\n"
        "file cannot be opened.");
    diary.def(
        "export_csv",
        [](const DiaryHandle& self, const Arg<std::filesystem::path>& folder_arg) {
            const auto folder = folder_arg.get("folder");
            auto handle = self.get();
            without_gil([&] { legdiary::export_csv(*handle, folder); });
        },
        py::arg("folder"),
        "Writes the whole diary into `folder` (created owner-only if missing) as cramps.csv,\n"
        "nights.csv, days.csv and trials.csv (the trials' plans), each replaced whole.");
}

}  // namespace legdiary::python
