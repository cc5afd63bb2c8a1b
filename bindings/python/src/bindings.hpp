/// @file bindings.hpp
/// What the registration files of legdiary._core share: the Python-side diary handle and
/// one declaration per area. Each area lives in its own register_*.cpp; module.cpp calls them.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/typing.h>

#include <nlohmann/json.hpp>

#include <legdiary/diary.hpp>

#include "casters.hpp"

namespace legdiary::python {

namespace py = pybind11;

/// The object behind `legdiary.Diary`. It shares ownership of the C++ diary with every call
/// under way, so `close()` from one thread never pulls the diary from under another thread's
/// query: the connection closes when the last user lets go.
class DiaryHandle {
public:
    explicit DiaryHandle(std::shared_ptr<Diary> diary) : diary_(std::move(diary)) {}

    /// The open diary; ValueError once closed.
    [[nodiscard]] std::shared_ptr<Diary> get() const {
        auto diary = diary_;
        if (!diary) throw py::value_error("the diary is closed");
        return diary;
    }
    void close() { diary_.reset(); }
    [[nodiscard]] bool closed() const { return !diary_; }

private:
    std::shared_ptr<Diary> diary_;
};

using DiaryClass = py::class_<DiaryHandle>;

/// A dict of Python values, typed for the stubs as `dict[str, Any]`.
using StrDict = py::typing::Dict<py::str, py::object>;

/// Runs `work` with the GIL released: only for pure C++ work on converted arguments.
template <typename Fn>
decltype(auto) without_gil(Fn&& work) {
    py::gil_scoped_release release;
    return std::forward<Fn>(work)();
}

/// The night range [start, end]; a bound left out is the diary's first or last entry.
/// nullopt when a bound is left out and the diary is empty. Call without the GIL.
std::optional<NightRange> resolve_range(const Diary& diary, const std::optional<Date>& start,
                                        const std::optional<Date>& end);

/// As resolve_range, for an analysis: an empty diary with a bound left out is a
/// ValidationError (field `start`). Call without the GIL.
NightRange analysis_range(const Diary& diary, const std::optional<Date>& start, const std::optional<Date>& end);

/// Which string values json_to_python turns into datetime types, by their object key.
struct JsonDateKeys {
    std::span<const std::string_view> dates;     ///< `YYYY-MM-DD` → datetime.date
    std::span<const std::string_view> instants;  ///< ISO 8601 with offset or Z → aware datetime.datetime
};

/// JSON → Python: objects to dicts (in the JSON's key order), arrays to lists, null to
/// None, and the strings under the keys of `keys` to datetime types. `key` is the key the
/// value sits under (empty for array items and the top).
py::object json_to_python(const nlohmann::json& json, const JsonDateKeys& keys, std::string_view key = {});

void register_errors(py::module_& m);
void register_time(py::module_& m);
void register_pooling(py::module_& m);
void register_cohort(py::module_& m);
void register_model(py::module_& m);
DiaryClass register_diary(py::module_& m);
void register_tables(py::module_& m, DiaryClass& diary);
void register_trends(py::module_& m, DiaryClass& diary);
void register_csv(py::module_& m, DiaryClass& diary);
void register_report(py::module_& m, DiaryClass& diary);
void register_trials(DiaryClass& diary);

}  // namespace legdiary::python
