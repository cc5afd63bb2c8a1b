// The library's time parsers and the local clock. Arguments are taken as Arg<T> (casters.hpp),
// so a wrong type names its argument like every other call.
#include <string>

#include "bindings.hpp"

namespace legdiary::python {

void register_time(py::module_& m) {
    m.def(
        "parse_time",
        [](const Arg<std::string>& text, const std::optional<Arg<InstantArg>>& now_arg) {
            const std::string typed = text.get("text");
            const auto now = get(now_arg, "now");
            const Instant reference = now ? now->resolve("now") : legdiary::now();
            return parse_time_expression(typed, reference, "time");
        },
        py::arg("text"), py::kw_only(), py::arg("now") = py::none(),
        "Reads a time as typed at the command line: ISO 8601 (offset optional: the local zone's),\n"
        "'now', 'HH:MM', 'yesterday HH:MM', 'YYYY-MM-DD HH:MM', '-45m', '45m ago', '2h ago'.\n"
        "Relative forms count from `now` (default: the clock, or $LEGDIARY_NOW). Returns an aware\n"
        "datetime. Raises ParseError.");
    m.def(
        "parse_duration",
        [](const Arg<std::string>& text) {
            return boost::posix_time::time_duration(
                boost::posix_time::seconds(parse_duration(text.get("text"), "duration")));
        },
        py::arg("text"),
        "Reads a duration: '90', '90s', '2m', '1m30s', '1h', '1:30'. Returns a timedelta of whole\n"
        "seconds. Raises ParseError.");
    m.def(
        "parse_date", [](const Arg<std::string>& text) { return legdiary::parse_date(text.get("text"), "date"); },
        py::arg("text"),
        "Reads a calendar date YYYY-MM-DD. Raises ParseError.");
    m.def(
        "now", [] { return legdiary::now(); },
        "The current moment in the local zone (whole seconds), or $LEGDIARY_NOW when it is set.");
    m.def(
        "night_of",
        [](const Arg<InstantArg>& instant, const Arg<int>& boundary_hour) {
            return legdiary::night_of(instant.get("instant").resolve("instant"), boundary_hour.get("boundary_hour"));
        },
        py::arg("instant"), py::kw_only(), py::arg("boundary_hour") = default_night_boundary_hour,
        "The night an instant belongs to: the date of (local time - boundary_hour hours).");
}

}  // namespace legdiary::python
