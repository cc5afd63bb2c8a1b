// The library's time parsers and the local clock.
#include <string>

#include "bindings.hpp"

namespace legdiary::python {

void register_time(py::module_& m) {
    m.def(
        "parse_time",
        [](const std::string& text, const std::optional<InstantArg>& now) {
            const Instant reference = now ? now->resolve("now") : legdiary::now();
            return parse_time_expression(text, reference, "time");
        },
        py::arg("text"), py::kw_only(), py::arg("now") = py::none(),
        "Reads a time as typed at the command line: ISO 8601 (offset optional: the local zone's),\n"
        "'now', 'HH:MM', 'yesterday HH:MM', 'YYYY-MM-DD HH:MM', '-45m', '45m ago', '2h ago'.\n"
        "Relative forms count from `now` (default: the clock, or $LEGDIARY_NOW). Returns an aware\n"
        "datetime. Raises ParseError.");
    m.def(
        "parse_duration",
        [](const std::string& text) {
            return boost::posix_time::time_duration(boost::posix_time::seconds(parse_duration(text, "duration")));
        },
        py::arg("text"),
        "Reads a duration: '90', '90s', '2m', '1m30s', '1h', '1:30'. Returns a timedelta of whole\n"
        "seconds. Raises ParseError.");
    m.def(
        "parse_date", [](const std::string& text) { return legdiary::parse_date(text, "date"); }, py::arg("text"),
        "Reads a calendar date YYYY-MM-DD. Raises ParseError.");
    m.def(
        "now", [] { return legdiary::now(); },
        "The current moment in the local zone (whole seconds), or $LEGDIARY_NOW when it is set.");
    m.def(
        "night_of",
        [](const InstantArg& instant, int boundary_hour) {
            return legdiary::night_of(instant.resolve("instant"), boundary_hour);
        },
        py::arg("instant"), py::kw_only(), py::arg("boundary_hour") = default_night_boundary_hour,
        "The night an instant belongs to: the date of (local time - boundary_hour hours).");
}

}  // namespace legdiary::python
