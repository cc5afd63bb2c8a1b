// The value types of a diary: CrampEpisode, NightRecord, DayLog. Their properties, keyword
// constructors and reprs are loops over the field table (legdiary/fields.hpp). Read-only:
// entries are stored through Diary.log_cramp / log_night / log_day.
#include <algorithm>
#include <set>
#include <string>
#include <type_traits>

#include <pybind11/stl.h>

#include <legdiary/fields.hpp>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

/// `==` against any object: NotImplemented for other types, as Python expects.
template <typename T>
py::object equals(const T& self, const py::object& other) {
    if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(self == other.cast<const T&>());
}

/// A member as Python sees it: enum values by name, everything else as the caster has it.
template <typename T>
auto python_value(const T& value) {
    if constexpr (std::is_enum_v<T>) return std::string(to_string(value));
    else return value;
}
template <typename T>
auto python_value(const std::optional<T>& value) -> std::optional<decltype(python_value(std::declval<const T&>()))> {
    if (!value) return std::nullopt;
    return python_value(*value);
}

/// The text of a value inside a repr: dates and instants in ISO 8601 as everywhere in
/// legdiary, the rest as Python writes it.
template <typename T>
std::string repr_text(const T& value) {
    if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Instant>) return to_string(value);
    else if constexpr (std::is_same_v<T, std::set<std::string>>) {  // sorted, unlike a Python set's repr
        std::string text;
        for (const auto& item : value) text += (text.empty() ? "{" : ", ") + std::string(py::repr(py::str(item)));
        return text + "}";
    }
    else return std::string(py::repr(py::cast(python_value(value))));
}

/// `Name(key=…, field=…, …)`: the key and every field that has a value, in table order.
template <typename Entry>
std::string entry_repr(std::string_view type, const Entry& entry, std::string prefix = {}) {
    std::string text = std::string(type) + "(" + prefix;
    for_each_field<Entry>([&](const auto& field) {
        const auto& value = field.get(entry);
        std::string shown;
        if constexpr (is_optional_field<decltype(value)>) {
            if (!value) return;
            shown = repr_text(*value);
        } else if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, std::set<std::string>>) {
            if (value.empty()) return;
            shown = repr_text(value);
        } else {
            shown = repr_text(value);
        }
        if (text.back() != '(') text += ", ";
        text += std::string(field.info.name) + "=" + shown;
    });
    return text + ")";
}

/// A keyword argument's value for a member of type T; errors name the field.
template <typename T>
T from_python(py::handle value, std::string_view field) {
    const auto refuse = [&](std::string_view rule) -> T {
        throw ArgumentTypeError(std::string(field), detail::argument_text(value),
                                std::string(rule) + ", not " + detail::argument_type(value));
    };
    if constexpr (std::is_same_v<T, Date>) {
        if (!PyDate_Check(value.ptr()) || PyDateTime_Check(value.ptr())) return refuse("must be a datetime.date");
        return value.cast<Date>();
    } else if constexpr (std::is_same_v<T, Instant>) {
        if (!PyDateTime_Check(value.ptr())) return refuse("must be a datetime.datetime");
        return value.cast<InstantArg>().resolve(field);
    } else if constexpr (std::is_enum_v<T>) {
        if (!py::isinstance<py::str>(value)) return refuse(one_of_rule(value_names_of<T>));
        return parse_enum_value<T>(value.cast<std::string>(), field);
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!PyBool_Check(value.ptr())) return refuse("must be True or False");
        return value.ptr() == Py_True;
    } else if constexpr (std::is_floating_point_v<T>) {
        if (PyBool_Check(value.ptr()) || !(PyFloat_Check(value.ptr()) || PyIndex_Check(value.ptr())))
            return refuse("must be a number");
        return value.cast<double>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!py::isinstance<py::str>(value)) return refuse("must be a str");
        return value.cast<std::string>();
    } else if constexpr (std::is_same_v<T, std::set<std::string>>) {
        if (py::isinstance<py::str>(value) || !py::isinstance<py::iterable>(value))
            return refuse("must be an iterable of tags (str), e.g. ['magnesium']");
        T tags;
        for (py::handle tag : value) {
            if (!py::isinstance<py::str>(tag)) return refuse("must hold only tags (str)");
            tags.insert(tag.cast<std::string>());
        }
        return tags;
    } else {
        static_assert(std::is_integral_v<T>);
        if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) return refuse("must be a whole number (int)");
        return static_cast<T>(value.cast<IntArg>().resolve(field));
    }
}

/// An entry from keyword arguments named as its fields; then checked by the data model's
/// rules (all but "not in the future", which needs the diary's clock). TypeError for an
/// unknown or missing name, ArgumentTypeError (a ValidationError and a TypeError) for a
/// value of the wrong type, ValidationError for a broken rule.
template <typename Entry>
Entry entry_from_kwargs(std::string_view type, const py::KWArgs<py::object>& kwargs) {
    Entry entry{};
    std::size_t used = 0;
    if constexpr (std::is_same_v<Entry, CrampEpisode>) {
        if (kwargs.contains("id")) {
            entry.id = from_python<std::int64_t>(kwargs["id"], "id");
            ++used;
        }
    }
    for_each_field<Entry>([&](const auto& field) {
        auto& target = field.get(entry);
        using Member = std::remove_cvref_t<decltype(target)>;
        const char* name = field.info.name.data();  // the names are string literals
        if (!kwargs.contains(name)) {
            if (field.info.required)
                throw py::type_error(std::string(type) + "() missing required keyword argument: '" + name + "'");
            return;
        }
        ++used;
        const py::handle value = kwargs[name];
        if constexpr (is_optional_field<Member>) {
            if (value.is_none()) return;
            target = from_python<field_value_t<Member>>(value, field.info.name);
        } else {
            if (value.is_none() && field.info.required)
                throw py::type_error(std::string(field.info.name) + " = None: is required");
            if (!value.is_none()) target = from_python<Member>(value, field.info.name);
        }
    });
    if (used != kwargs.size()) {
        const auto infos = field_infos<Entry>();
        for (const auto& item : kwargs) {
            const auto key = item.first.cast<std::string>();
            const bool known = key == "id" ? std::is_same_v<Entry, CrampEpisode>
                                           : std::any_of(infos.begin(), infos.end(),
                                                         [&](const FieldInfo& info) { return info.name == key; });
            if (!known) throw py::type_error(std::string(type) + "() got an unexpected keyword argument '" + key + "'");
        }
    }
    std::vector<Problem> problems;
    if constexpr (std::is_same_v<Entry, CrampEpisode>) problems = check(entry, DateTime(boost::posix_time::not_a_date_time));
    else problems = check(entry);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    return entry;
}

/// The docstring of a field's property: its words, bounds and unit.
std::string field_doc(const FieldInfo& info, bool optional) {
    std::string doc(info.label);
    if (info.kind == FieldKind::integer || info.kind == FieldKind::real) {
        const auto bound = [&](double v) {
            std::string text = std::string(py::repr(py::float_(v)));
            return info.kind == FieldKind::integer || text.ends_with(".0") ? std::to_string(static_cast<long long>(v)) : text;
        };
        doc += ": " + bound(info.low) + ".." + bound(info.high);
        if (!info.unit.empty()) doc += " " + std::string(info.unit);
    } else if (info.kind == FieldKind::enumeration) {
        doc += ": one of";
        for (std::size_t i = 0; i < info.value_names.size(); ++i)
            doc += (i ? ", '" : " '") + std::string(info.value_names[i]) + "'";
    }
    if (optional) doc += "; or None";
    return doc + ".";
}

/// The keyword constructor's docstring: every field's name.
template <typename Entry>
std::string constructor_doc(std::string_view type) {
    std::string doc = std::string(type) + "(**fields): an entry from its fields by name (";
    bool first = true;
    for (const auto& info : field_infos<Entry>()) {
        doc += (first ? "" : ", ") + std::string(info.name) + (info.required ? " (required)" : "");
        first = false;
    }
    return doc + "), checked by the data model's rules. Entries are stored through Diary.log_*.";
}

/// One read-only property per field, `__init__(**fields)`, `__repr__` and `__eq__`.
template <typename Entry>
py::class_<Entry> entry_class(py::module_& m, const char* type, const char* doc) {
    py::class_<Entry> cls(m, type, doc);
    cls.def(py::init([type](const py::KWArgs<py::object>& kwargs) { return entry_from_kwargs<Entry>(type, kwargs); }),
            constructor_doc<Entry>(type).c_str());
    for_each_field<Entry>([&](const auto& field) {
        const auto get = field.get;
        cls.def_property_readonly(
            field.info.name.data(), [get](const Entry& entry) { return python_value(get(entry)); },
            field_doc(field.info, is_optional_field<decltype(get(std::declval<const Entry&>()))>).c_str());
    });
    cls.def("__eq__", &equals<Entry>, py::arg("other"));
    return cls;
}

/// The field table of each entry type, for the pure-Python frames and for tests:
/// `{"cramp": [{"name", "kind", "required", "nullable", "low", "high", "unit", "value_names"}, …], …}`.
template <typename Entry>
py::list field_list() {
    py::list fields;
    for_each_field<Entry>([&](const auto& field) {
        const FieldInfo& info = field.info;
        py::tuple names(info.value_names.size());
        for (std::size_t i = 0; i < info.value_names.size(); ++i) names[i] = py::str(std::string(info.value_names[i]));
        py::dict item;
        item["name"] = std::string(info.name);
        item["kind"] = std::string(to_string(info.kind));
        item["required"] = info.required;
        item["nullable"] = is_optional_field<decltype(field.get(std::declval<const Entry&>()))>;
        item["low"] = info.low;
        item["high"] = info.high;
        item["unit"] = std::string(info.unit);
        item["value_names"] = names;
        fields.append(item);
    });
    return fields;
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

    m.attr("fields") = py::dict(py::arg("cramp") = field_list<CrampEpisode>(),
                                py::arg("night") = field_list<NightRecord>(), py::arg("day") = field_list<DayLog>());

    entry_class<CrampEpisode>(m, "CrampEpisode", "One nocturnal leg-cramp episode.")
        .def_readonly("id", &CrampEpisode::id, "Assigned by the diary; 0 before it is stored.")
        .def_property_readonly(
            "duration",
            [](const CrampEpisode& e) { return boost::posix_time::time_duration(boost::posix_time::seconds(e.duration_s)); },
            "duration_s as a timedelta.")
        .def("same_entry", &CrampEpisode::same_entry, py::arg("other"),
             "Equal in every stored field but the id (the diary keeps such an episode once).")
        .def("__repr__", [](const CrampEpisode& e) {
            return entry_repr("CrampEpisode", e, "id=" + std::to_string(e.id));
        });

    entry_class<NightRecord>(m, "NightRecord", "The morning check-in for one night.")
        .def("__repr__", [](const NightRecord& r) { return entry_repr("NightRecord", r); });

    entry_class<DayLog>(m, "DayLog", "What happened during one day (day D comes before night D).")
        .def_property_readonly(
            "symptoms",
            [](const DayLog& d) {
                py::typing::Dict<py::str, py::typing::Optional<int>> items;
                for (std::size_t i = 0; i < symptom_count; ++i)
                    items[py::str(std::string(symptom_names[i]))] = d.symptoms[i] ? py::cast(*d.symptoms[i]) : py::none();
                return items;
            },
            "Every symptom item (symptom_names) with its 0-10 score or None.")
        .def("__repr__", [](const DayLog& d) { return entry_repr("DayLog", d); });

    py::class_<Diary::AddResult>(m, "AddResult", "What log_cramp did.")
        .def_readonly("id", &Diary::AddResult::id, "The stored episode's id.")
        .def_readonly("inserted", &Diary::AddResult::inserted,
                      "False when an identical episode was already stored (nothing written).")
        .def("__repr__", [](const Diary::AddResult& r) {
            return "AddResult(id=" + std::to_string(r.id) + ", inserted=" + (r.inserted ? "True" : "False") + ")";
        });
}

}  // namespace legdiary::python
