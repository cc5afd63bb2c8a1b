// The library's JSON (the CLI's `--json` output) as Python values, for the bindings that
// return the same structure as the CLI prints: trends, comparisons, factors, trials.
#include <legdiary/time.hpp>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

bool contains(std::span<const std::string_view> keys, std::string_view key) {
    for (const auto name : keys)
        if (name == key) return true;
    return false;
}

}  // namespace

py::object json_to_python(const nlohmann::json& json, const JsonDateKeys& keys, std::string_view key) {
    switch (json.type()) {
        case nlohmann::json::value_t::null: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(json.get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(json.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(json.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(json.get<double>());
        case nlohmann::json::value_t::string: {
            const auto& text = json.get_ref<const std::string&>();
            if (contains(keys.dates, key)) return py::cast(parse_date(text, key));
            if (contains(keys.instants, key)) return py::cast(parse_instant(text, key));
            return py::str(text);
        }
        case nlohmann::json::value_t::array: {
            py::list list;
            for (const auto& item : json) list.append(json_to_python(item, keys));
            return list;
        }
        case nlohmann::json::value_t::object: {
            py::dict dict;
            for (const auto& [name, item] : json.items()) dict[py::str(name)] = json_to_python(item, keys, name);
            return dict;
        }
        default: throw py::value_error("unexpected JSON value in a report");
    }
}

}  // namespace legdiary::python
