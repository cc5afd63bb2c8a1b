/// @file casters.hpp
/// Every conversion between Python's `datetime` types and the library's time types, in one
/// place (pybind11's chrono.h ignores time zones, so it is not used):
///
/// | Python                         | C++                                         |
/// |--------------------------------|---------------------------------------------|
/// | `datetime.date` (not datetime) | `boost::gregorian::date` (`legdiary::Date`)  |
/// | aware `datetime.datetime`      | `legdiary::Instant` (local time + offset)    |
/// | naive `datetime.datetime`      | local time of the process's zone (`TZ`)      |
/// | `datetime.timedelta`           | `boost::posix_time::time_duration`           |
///
/// Arguments arrive wrapped in `Arg<T>`, which takes any Python object: the binding asks for
/// the value with the argument's name, so a wrong type is refused as `legdiary.ArgumentTypeError`
/// (a ValidationError and a TypeError) in the form `FIELD = "VALUE": must be …, not TYPE`
/// rather than with pybind11's "incompatible function arguments". Values the C++ types
/// cannot hold raise ValueError. Date-times handed in arrive as `InstantArg`, which a binding
/// resolves with the argument's name, so that a naive time skipped by a DST change or an
/// offset out of range is refused with an error naming that argument.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <pybind11/pybind11.h>
// pybind11 includes Python.h; datetime.h is not part of it.
#include <datetime.h>

#include <legdiary/error.hpp>
#include <legdiary/model.hpp>
#include <legdiary/time.hpp>

namespace legdiary::python {

namespace py = pybind11;

/// The datetime C API. datetime.h keeps it in a `static` pointer, one per translation unit,
/// which inline functions shared by several files cannot use safely (each file's copy would
/// need its own import). One inline variable for the whole module instead; the macro below
/// points every PyDate*/PyDelta* macro at it.
inline PyDateTime_CAPI* datetime_capi = nullptr;

inline PyDateTime_CAPI* datetime_api() {
    if (!datetime_capi) {
        datetime_capi = static_cast<PyDateTime_CAPI*>(PyCapsule_Import(PyDateTime_CAPSULE_NAME, 0));
        if (!datetime_capi) throw py::error_already_set();
    }
    return datetime_capi;
}

/// Imports the datetime C API (once) before first use.
inline void require_datetime_api() { (void)datetime_api(); }

/// Boost.Date_Time's Gregorian calendar starts in 1400; Python's `date` in year 1.
inline constexpr int min_boost_year = 1400;

/// A `datetime.datetime` handed in, not yet an Instant: naive values need the local zone.
struct InstantArg {
    DateTime local;                        ///< wall-clock time as given, whole seconds
    std::optional<int> offset_seconds;     ///< tzinfo's utcoffset(); nullopt when naive

    /// The Instant it denotes; errors name `field`. Naive: local time (DST gap refused, the
    /// earlier of two times on a DST fold). Aware: the offset must be whole minutes and,
    /// with the date, pass the data model's instant rule.
    [[nodiscard]] Instant resolve(std::string_view field) const {
        if (!offset_seconds) return from_local(local, field);
        const Instant probe{local, *offset_seconds / 60};
        if (*offset_seconds % 60 != 0)
            throw ValidationError(std::string(field), to_string(probe), "UTC offset must be a whole number of minutes");
        if (auto problem = check_instant(field, probe)) throw ValidationError(std::vector<Problem>{*problem});
        return probe;
    }
};

/// A duration handed in as `datetime.timedelta` or as whole seconds (`int`).
struct SecondsArg {
    std::int64_t seconds = 0;
    bool fractional = false;  ///< the timedelta had microseconds
    std::string text;         ///< as given, for error messages

    /// Whole seconds that fit an int32; errors name `field`.
    [[nodiscard]] std::int32_t resolve(std::string_view field) const {
        if (fractional) throw ValidationError(std::string(field), text, "must be whole seconds");
        if (seconds < INT32_MIN || seconds > INT32_MAX)
            throw ValidationError(std::string(field), text, "is out of range");
        return static_cast<std::int32_t>(seconds);
    }
};

/// An integer for a small field (a 0–10 score, minutes a day): any Python int or object with
/// `__index__` (numpy integers), never a bool or a float. A value beyond `int` is refused
/// naming the field (ValueError), not with pybind11's TypeError for "no matching overload".
struct IntArg {
    std::int64_t value = 0;
    bool overflow = false;
    std::string text;

    [[nodiscard]] int resolve(std::string_view field) const {
        if (overflow || value < INT32_MIN || value > INT32_MAX)
            throw ValidationError(std::string(field), text, "is out of range");
        return static_cast<int>(value);
    }
};

/// An optional IntArg resolved with its field's name.
inline std::optional<int> resolve(const std::optional<IntArg>& arg, std::string_view field) {
    if (!arg) return std::nullopt;
    return arg->resolve(field);
}

/// An unsigned 64-bit number (a trial's seed): any Python int or object with `__index__`,
/// never a bool or a float. A value outside 0 … 2^64 − 1 is refused naming the field.
struct UnsignedArg {
    std::uint64_t value = 0;
    bool out_of_range = false;
    std::string text;

    [[nodiscard]] std::uint64_t resolve(std::string_view field) const {
        if (out_of_range)
            throw ValidationError(std::string(field), text, "must be a whole number in 0..18446744073709551615");
        return value;
    }
};

/// An argument of the wrong type; legdiary.ArgumentTypeError in Python (register_errors.cpp).
class ArgumentTypeError : public ValidationError {
public:
    using ValidationError::ValidationError;
};

/// What an argument of type T must be, in the words of an error's rule.
template <typename T>
constexpr std::string_view expected_argument() {
    if constexpr (std::is_same_v<T, InstantArg>) return "must be a datetime.datetime (aware, or naive for local time)";
    else if constexpr (std::is_same_v<T, SecondsArg>) return "must be a number of seconds (an int) or a datetime.timedelta";
    else if constexpr (std::is_same_v<T, IntArg> || std::is_same_v<T, UnsignedArg> || std::is_same_v<T, int> || std::is_same_v<T, std::int64_t>)
        return "must be a whole number (an int)";
    else if constexpr (std::is_same_v<T, double>) return "must be a number (a float or an int)";
    else if constexpr (std::is_same_v<T, bool>) return "must be True or False";
    else if constexpr (std::is_same_v<T, std::string>) return "must be a str";
    else if constexpr (std::is_same_v<T, std::vector<std::string>>) return "must be a list of str";
    else if constexpr (std::is_same_v<T, std::vector<double>>) return "must be a sequence of numbers";
    else if constexpr (std::is_same_v<T, Date>) return "must be a datetime.date";
    else {
        static_assert(std::is_same_v<T, std::filesystem::path>, "expected_argument: a type without a rule");
        return "must be a path (a str, bytes or os.PathLike)";
    }
}

namespace detail {
/// The refused object's text for an error: a str as it is, anything else by repr().
inline std::string argument_text(const py::handle& given);
/// Its type's name as Python code writes it: `float`, `datetime.date`, `None`.
inline std::string argument_type(const py::handle& given);
}  // namespace detail

/// An argument taken as any Python object and converted to T (with pybind11's own caster
/// for T, so the stubs show T) when the binding asks for it by its name.
template <typename T>
struct Arg {
    std::optional<T> value;
    py::object given;  ///< the object handed in, when it is not a T

    /// The value; ArgumentTypeError naming `field` when the object was not a T.
    [[nodiscard]] T get(std::string_view field) const {
        if (value) return *value;
        throw ArgumentTypeError(std::string(field), detail::argument_text(given),
                                std::string(expected_argument<T>()) + ", not " + detail::argument_type(given));
    }
};

/// An optional Arg (None given or left out: nullopt) converted with its field's name.
template <typename T>
std::optional<T> get(const std::optional<Arg<T>>& arg, std::string_view field) {
    if (!arg) return std::nullopt;
    return arg->get(field);
}

namespace detail {

inline std::string argument_text(const py::handle& given) {
    if (!given) return "";
    std::string text = py::isinstance<py::str>(given) ? given.cast<std::string>() : py::repr(given).cast<std::string>();
    // A long value (a whole list, a large string) is shown by its start only.
    constexpr std::size_t shown = 80;
    if (text.size() > shown) text = text.substr(0, shown) + "...";
    return text;
}

inline std::string argument_type(const py::handle& given) {
    if (!given || given.is_none()) return "None";
    const py::handle type = py::type::handle_of(given);
    const auto module = type.attr("__module__").cast<std::string>();
    const auto name = type.attr("__qualname__").cast<std::string>();
    return module == "builtins" ? name : module + "." + name;
}

inline int total_offset_seconds(PyObject* delta) {
    return PyDateTime_DELTA_GET_DAYS(delta) * 86400 + PyDateTime_DELTA_GET_SECONDS(delta);
}

inline Date checked_date(int year, int month, int day) {
    if (year < min_boost_year)
        throw py::value_error("date " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                              std::to_string(day) + " is out of range: years 1400..9999 only");
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
}

}  // namespace detail

/// A Python int, or an object with `__index__`, as the int it stands for; a null object for
/// anything else — bool and float included, which Python would let pass as whole numbers.
inline py::object whole_number(py::handle src) {
    if (!src || PyBool_Check(src.ptr()) || PyFloat_Check(src.ptr()) || !PyIndex_Check(src.ptr())) return py::object();
    py::object number = py::reinterpret_steal<py::object>(PyNumber_Index(src.ptr()));
    if (!number) PyErr_Clear();
    return number;
}

}  // namespace legdiary::python

#define PyDateTimeAPI (::legdiary::python::datetime_api())

namespace pybind11::detail {

/// `datetime.date` ↔ `boost::gregorian::date`. A `datetime.datetime` is refused (TypeError):
/// which date it means (its own? its night's?) is ambiguous.
template <>
struct type_caster<legdiary::Date> {
    PYBIND11_TYPE_CASTER(legdiary::Date, const_name("datetime.date"));

    bool load(handle src, bool) {
        legdiary::python::require_datetime_api();
        if (!src || !PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
        value = legdiary::python::detail::checked_date(PyDateTime_GET_YEAR(src.ptr()), PyDateTime_GET_MONTH(src.ptr()),
                                                       PyDateTime_GET_DAY(src.ptr()));
        return true;
    }

    static handle cast(const legdiary::Date& date, return_value_policy, handle) {
        legdiary::python::require_datetime_api();
        if (date.is_special()) throw value_error("not a date (a special value)");
        const auto ymd = date.year_month_day();
        return PyDate_FromDate(ymd.year, ymd.month, ymd.day);
    }
};

/// Aware `datetime.datetime` (or naive = local time) → `InstantArg`.
template <>
struct type_caster<legdiary::python::InstantArg> {
    PYBIND11_TYPE_CASTER(legdiary::python::InstantArg, const_name("datetime.datetime"));

    bool load(handle src, bool) {
        legdiary::python::require_datetime_api();
        if (!src || !PyDateTime_Check(src.ptr())) return false;
        PyObject* dt = src.ptr();
        const legdiary::Date date = legdiary::python::detail::checked_date(
            PyDateTime_GET_YEAR(dt), PyDateTime_GET_MONTH(dt), PyDateTime_GET_DAY(dt));
        // Sub-second parts are dropped, as the library's ISO 8601 parser does.
        value.local = legdiary::DateTime(date, boost::posix_time::time_duration(PyDateTime_DATE_GET_HOUR(dt),
                                                                                PyDateTime_DATE_GET_MINUTE(dt),
                                                                                PyDateTime_DATE_GET_SECOND(dt)));
        value.offset_seconds.reset();
        object offset = reinterpret_borrow<object>(src).attr("utcoffset")();
        if (!offset.is_none()) value.offset_seconds = legdiary::python::detail::total_offset_seconds(offset.ptr());
        return true;
    }

    static handle cast(const legdiary::python::InstantArg&, return_value_policy, handle) {
        throw type_error("InstantArg is an argument type only");
    }
};

/// `legdiary::Instant` → aware `datetime.datetime` with a fixed-offset `timezone`.
template <>
struct type_caster<legdiary::Instant> {
    PYBIND11_TYPE_CASTER(legdiary::Instant, const_name("datetime.datetime"));

    bool load(handle src, bool convert) {
        make_caster<legdiary::python::InstantArg> arg;
        if (!arg.load(src, convert)) return false;
        value = cast_op<legdiary::python::InstantArg&>(arg).resolve("datetime");
        return true;
    }

    static handle cast(const legdiary::Instant& instant, return_value_policy, handle) {
        legdiary::python::require_datetime_api();
        if (instant.local.is_special()) throw value_error("not a date-time");
        object zone;
        if (instant.offset_minutes == 0) {
            zone = reinterpret_borrow<object>(PyDateTime_TimeZone_UTC);
        } else {
            object delta = reinterpret_steal<object>(PyDelta_FromDSU(0, instant.offset_minutes * 60, 0));
            if (!delta) throw error_already_set();
            zone = reinterpret_steal<object>(PyTimeZone_FromOffset(delta.ptr()));
            if (!zone) throw error_already_set();
        }
        const auto ymd = instant.local.date().year_month_day();
        const auto clock = instant.local.time_of_day();
        return PyDateTimeAPI->DateTime_FromDateAndTime(
            ymd.year, ymd.month, ymd.day, static_cast<int>(clock.hours()), static_cast<int>(clock.minutes()),
            static_cast<int>(clock.seconds()), 0, zone.ptr(), PyDateTimeAPI->DateTimeType);
    }
};

/// `datetime.timedelta` ↔ `boost::posix_time::time_duration` (microsecond resolution).
template <>
struct type_caster<boost::posix_time::time_duration> {
    PYBIND11_TYPE_CASTER(boost::posix_time::time_duration, const_name("datetime.timedelta"));

    // |days| beyond this overflows time_duration's 64-bit microsecond count.
    static constexpr std::int64_t max_days = 106'751'990;

    bool load(handle src, bool) {
        legdiary::python::require_datetime_api();
        if (!src || !PyDelta_Check(src.ptr())) return false;
        const std::int64_t days = PyDateTime_DELTA_GET_DAYS(src.ptr());
        if (days > max_days || days < -max_days)
            throw value_error("timedelta of " + std::to_string(days) + " days is out of range");
        const std::int64_t micro = (days * 86400 + PyDateTime_DELTA_GET_SECONDS(src.ptr())) * 1'000'000 +
                                   PyDateTime_DELTA_GET_MICROSECONDS(src.ptr());
        value = boost::posix_time::microseconds(micro);
        return true;
    }

    static handle cast(const boost::posix_time::time_duration& duration, return_value_policy, handle) {
        legdiary::python::require_datetime_api();
        if (duration.is_special()) throw value_error("not a duration");
        const std::int64_t micro = duration.total_microseconds();
        std::int64_t seconds = micro / 1'000'000, rest = micro % 1'000'000;
        if (rest < 0) {
            rest += 1'000'000;
            --seconds;
        }
        std::int64_t days = seconds / 86400, second_of_day = seconds % 86400;
        if (second_of_day < 0) {
            second_of_day += 86400;
            --days;
        }
        return PyDelta_FromDSU(static_cast<int>(days), static_cast<int>(second_of_day), static_cast<int>(rest));
    }
};

/// Any object → `Arg<T>`: T when T's own caster takes it, else the object itself, refused
/// with the argument's name when the binding asks for the value.
template <typename T>
struct type_caster<legdiary::python::Arg<T>> {
    using Inner = make_caster<T>;
    PYBIND11_TYPE_CASTER(legdiary::python::Arg<T>, Inner::name);

    bool load(handle src, bool convert) {
        if (!src) return false;
        Inner inner;
        if (inner.load(src, convert)) {
            value.value.emplace(cast_op<T&&>(std::move(inner)));
            value.given = object();
        } else {
            value.value.reset();
            value.given = reinterpret_borrow<object>(src);
        }
        return true;
    }

    static handle cast(const legdiary::python::Arg<T>&, return_value_policy, handle) {
        throw type_error("Arg is an argument type only");
    }
};

/// Python int (or `__index__`, not bool) → `IntArg`.
template <>
struct type_caster<legdiary::python::IntArg> {
    PYBIND11_TYPE_CASTER(legdiary::python::IntArg, const_name("int"));

    bool load(handle src, bool) {
        object number = legdiary::python::whole_number(src);
        if (!number) return false;
        int overflow = 0;
        const long long result = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
        if (result == -1 && PyErr_Occurred()) throw error_already_set();
        value.value = result;
        value.overflow = overflow != 0;
        value.text = str(number).cast<std::string>();
        return true;
    }

    static handle cast(const legdiary::python::IntArg& arg, return_value_policy, handle) {
        return PyLong_FromLongLong(arg.value);
    }
};

/// Python int (or `__index__`, not bool) → `UnsignedArg`; out of 0 … 2^64 − 1 kept as such.
template <>
struct type_caster<legdiary::python::UnsignedArg> {
    PYBIND11_TYPE_CASTER(legdiary::python::UnsignedArg, const_name("int"));

    bool load(handle src, bool) {
        object number = legdiary::python::whole_number(src);
        if (!number) return false;
        value.text = str(number).cast<std::string>();
        const unsigned long long result = PyLong_AsUnsignedLongLong(number.ptr());
        if (result == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError)) throw error_already_set();
            PyErr_Clear();  // negative or beyond 2^64 − 1
            value.value = 0;
            value.out_of_range = true;
            return true;
        }
        value.value = result;
        value.out_of_range = false;
        return true;
    }

    static handle cast(const legdiary::python::UnsignedArg& arg, return_value_policy, handle) {
        return PyLong_FromUnsignedLongLong(arg.value);
    }
};

/// `datetime.timedelta` (whole seconds) or `int` seconds → `SecondsArg`.
template <>
struct type_caster<legdiary::python::SecondsArg> {
    PYBIND11_TYPE_CASTER(legdiary::python::SecondsArg, io_name("datetime.timedelta | int", "int"));

    bool load(handle src, bool) {
        legdiary::python::require_datetime_api();
        if (!src) return false;
        if (PyDelta_Check(src.ptr())) {
            make_caster<boost::posix_time::time_duration> duration;
            if (!duration.load(src, false)) return false;
            const auto& d = cast_op<boost::posix_time::time_duration&>(duration);
            value.seconds = d.total_seconds();
            value.fractional = d.fractional_seconds() != 0;
            value.text = str(src).cast<std::string>();
            return true;
        }
        // Whole seconds: a Python int or anything with __index__ (numpy integers), no bool.
        make_caster<legdiary::python::IntArg> seconds;
        if (!seconds.load(src, false)) return false;
        const auto& number = cast_op<legdiary::python::IntArg&>(seconds);
        value.seconds = !number.overflow ? number.value : number.text.front() == '-' ? INT64_MIN : INT64_MAX;
        value.fractional = false;
        value.text = number.text;
        return true;
    }

    static handle cast(const legdiary::python::SecondsArg& arg, return_value_policy, handle) {
        return PyLong_FromLongLong(arg.seconds);
    }
};

}  // namespace pybind11::detail
