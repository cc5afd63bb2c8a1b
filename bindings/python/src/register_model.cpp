// The value types read back from a diary: CrampEpisode, NightRecord, DayLog. Read-only:
// entries are written through Diary.log_cramp / log_night / log_day, which validate.
#include <string>

#include <pybind11/stl.h>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

template <typename Enum>
std::optional<std::string> optional_name(const std::optional<Enum>& value) {
    if (!value) return std::nullopt;
    return std::string(to_string(*value));
}

template <typename T>
std::string repr_optional(const std::optional<T>& value) {
    if (!value) return "None";
    if constexpr (std::is_same_v<T, bool>) return *value ? "True" : "False";
    else if constexpr (std::is_same_v<T, std::string>) return std::string(py::repr(py::str(*value)));
    else return std::string(py::repr(py::cast(*value)));
}

/// `==` against any object: NotImplemented for other types, as Python expects.
template <typename T>
py::object equals(const T& self, const py::object& other) {
    if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(self == other.cast<const T&>());
}

py::typing::Tuple<py::str, py::ellipsis> names_tuple(const auto& names) {
    py::typing::Tuple<py::str, py::ellipsis> tuple(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) tuple[i] = py::str(std::string(names[i]));
    return tuple;
}

}  // namespace

void register_model(py::module_& m) {
    m.attr("leg_names") = names_tuple(leg_names);
    m.attr("muscle_names") = names_tuple(muscle_names);
    m.attr("compression_class_names") = names_tuple(compression_class_names);
    m.attr("compression_length_names") = names_tuple(compression_length_names);
    m.attr("symptom_names") = names_tuple(symptom_names);

    py::class_<CrampEpisode>(m, "CrampEpisode", "One nocturnal leg-cramp episode, as stored.")
        .def_readonly("id", &CrampEpisode::id, "Assigned by the diary.")
        .def_readonly("onset", &CrampEpisode::onset, "When it began: an aware datetime with the offset recorded.")
        .def_readonly("duration_s", &CrampEpisode::duration_s, "How long, in seconds (1..3600).")
        .def_property_readonly(
            "duration",
            [](const CrampEpisode& e) { return boost::posix_time::time_duration(boost::posix_time::seconds(e.duration_s)); },
            "duration_s as a timedelta.")
        .def_property_readonly(
            "leg", [](const CrampEpisode& e) { return std::string(to_string(e.leg)); }, "'left', 'right' or 'both'.")
        .def_property_readonly(
            "muscle", [](const CrampEpisode& e) { return std::string(to_string(e.muscle)); }, "One of muscle_names.")
        .def_readonly("intensity", &CrampEpisode::intensity, "0-10 numeric rating scale, or None.")
        .def_readonly("woke", &CrampEpisode::woke, "Whether it woke the person, or None.")
        .def_readonly("notes", &CrampEpisode::notes, "Free text, or None.")
        .def("same_entry", &CrampEpisode::same_entry, py::arg("other"),
             "Equal in every stored field but the id (the diary keeps such an episode once).")
        .def("__eq__", &equals<CrampEpisode>, py::arg("other"))
        .def("__repr__", [](const CrampEpisode& e) {
            return "CrampEpisode(id=" + std::to_string(e.id) + ", onset=" + to_string(e.onset) +
                   ", duration_s=" + std::to_string(e.duration_s) + ", leg='" + std::string(to_string(e.leg)) +
                   "', muscle='" + std::string(to_string(e.muscle)) + "', intensity=" + repr_optional(e.intensity) +
                   ", woke=" + repr_optional(e.woke) + ", notes=" + repr_optional(e.notes) + ")";
        });

    py::class_<NightRecord>(m, "NightRecord", "The morning check-in for one night, as stored.")
        .def_readonly("night", &NightRecord::night, "The night, named by its evening's date.")
        .def_readonly("bedtime", &NightRecord::bedtime, "Aware datetime, or None.")
        .def_readonly("waketime", &NightRecord::waketime, "Aware datetime, or None.")
        .def_readonly("sleep_quality", &NightRecord::sleep_quality, "0-10, or None.")
        .def_readonly("notes", &NightRecord::notes, "Free text, or None.")
        .def("__eq__", &equals<NightRecord>, py::arg("other"))
        .def("__repr__", [](const NightRecord& r) {
            auto instant = [](const std::optional<Instant>& i) { return i ? "'" + to_string(*i) + "'" : std::string("None"); };
            return "NightRecord(night=" + to_string(r.night) + ", bedtime=" + instant(r.bedtime) +
                   ", waketime=" + instant(r.waketime) + ", sleep_quality=" + repr_optional(r.sleep_quality) +
                   ", notes=" + repr_optional(r.notes) + ")";
        });

    py::class_<DayLog> day(m, "DayLog", "What happened during one day (day D comes before night D), as stored.");
    day.def_readonly("day", &DayLog::day)
        .def_readonly("compression_hours", &DayLog::compression_hours, "0-24; 0 = not worn, None = unknown.")
        .def_property_readonly(
            "compression_class", [](const DayLog& d) { return optional_name(d.compression_class); },
            "'15-20', '20-30', '30-40', '40-50' (mmHg), or None.")
        .def_property_readonly(
            "compression_length", [](const DayLog& d) { return optional_name(d.compression_length); },
            "'knee', 'thigh', 'pantyhose', or None.")
        .def_readonly("swelling_grade", &DayLog::swelling_grade, "0 none .. 3 severe, or None.")
        .def_readonly("ankle_left_cm", &DayLog::ankle_left_cm)
        .def_readonly("ankle_right_cm", &DayLog::ankle_right_cm)
        .def_readonly("calf_left_cm", &DayLog::calf_left_cm)
        .def_readonly("calf_right_cm", &DayLog::calf_right_cm)
        .def_readonly("standing_hours", &DayLog::standing_hours)
        .def_readonly("water_l", &DayLog::water_l)
        .def_readonly("exercise_min", &DayLog::exercise_min)
        .def_readonly("elevation_min", &DayLog::elevation_min)
        .def_readonly("skin_discoloration", &DayLog::skin_discoloration)
        .def_readonly("ulcer", &DayLog::ulcer)
        .def_readonly("tags", &DayLog::tags, "The day's tags, a set of strings.")
        .def_readonly("notes", &DayLog::notes)
        .def_property_readonly(
            "symptoms",
            [](const DayLog& d) {
                py::typing::Dict<py::str, py::typing::Optional<int>> items;
                for (std::size_t i = 0; i < symptom_count; ++i)
                    items[py::str(std::string(symptom_names[i]))] = d.symptoms[i] ? py::cast(*d.symptoms[i]) : py::none();
                return items;
            },
            "Every symptom item (symptom_names) with its 0-10 score or None.")
        .def("__eq__", &equals<DayLog>, py::arg("other"))
        .def("__repr__", [](const DayLog& d) { return "DayLog(day=" + to_string(d.day) + ", ...)"; });
    // One read-only property per symptom item, named as in the data model.
    for (std::size_t i = 0; i < symptom_count; ++i) {
        day.def_property_readonly(
            std::string(symptom_names[i]).c_str(), [i](const DayLog& d) { return d.symptoms[i]; },
            "0-10, or None.");
    }

    py::class_<Diary::AddResult>(m, "AddResult", "What log_cramp did.")
        .def_readonly("id", &Diary::AddResult::id, "The stored episode's id.")
        .def_readonly("inserted", &Diary::AddResult::inserted,
                      "False when an identical episode was already stored (nothing written).")
        .def("__repr__", [](const Diary::AddResult& r) {
            return "AddResult(id=" + std::to_string(r.id) + ", inserted=" + (r.inserted ? "True" : "False") + ")";
        });
}

}  // namespace legdiary::python
