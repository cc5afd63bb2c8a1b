// legdiary::Error and its subclasses → the exception classes of legdiary._errors, mapped
// once for every function of the module.
#include <exception>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

py::object error_class(const char* name) { return py::module_::import("legdiary._errors").attr(name); }

py::list problem_list(const std::vector<Problem>& problems) {
    py::list list;
    for (const auto& problem : problems) {
        py::dict item;
        item["field"] = problem.field;
        item["value"] = problem.value;
        item["rule"] = problem.rule;
        item["line"] = problem.line ? py::cast(*problem.line) : py::none();
        item["index"] = problem.index ? py::cast(*problem.index) : py::none();
        list.append(std::move(item));
    }
    return list;
}

void raise(const py::object& cls, const py::object& exception) { PyErr_SetObject(cls.ptr(), exception.ptr()); }

}  // namespace

void register_errors(py::module_&) {
    // The classes themselves are plain Python (legdiary/_errors.py); `legdiary` imports that
    // module before this one, so the lookups below never import anything new.
    py::register_exception_translator([](std::exception_ptr pending) {
        try {
            if (pending) std::rethrow_exception(pending);
        } catch (const ValidationError& error) {
            const char* name = dynamic_cast<const ParseError*>(&error)          ? "ParseError"
                               : dynamic_cast<const ArgumentTypeError*>(&error) ? "ArgumentTypeError"
                                                                                : "ValidationError";
            const auto cls = error_class(name);
            raise(cls, cls(error.what(), problem_list(error.problems())));
        } catch (const StorageError& error) {
            const auto cls = error_class(dynamic_cast<const BusyError*>(&error) ? "BusyError" : "StorageError");
            raise(cls, cls(error.what(), error.sqlite_code()));
        } catch (const NotFoundError& error) {
            const auto cls = error_class("NotFoundError");
            raise(cls, cls(error.what()));
        } catch (const FileNotFoundError& error) {
            const auto cls = error_class("InputFileNotFoundError");
            raise(cls, cls(error.what()));
        } catch (const Error& error) {
            const auto cls = error_class("Error");
            raise(cls, cls(error.what()));
        }
    });
}

}  // namespace legdiary::python
