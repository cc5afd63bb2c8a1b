/// @file arrays.hpp
/// numpy arrays that own a library buffer through a capsule: zero copy, no per-row objects.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace legdiary::python {

namespace py = pybind11;

/// A numpy view on `values`, which moves into the array's owner capsule. `dtype` may
/// reinterpret the elements (int64 days → datetime64[D], int64 ns → datetime64[ns]).
template <typename T>
inline py::array owned_array(std::vector<T>&& values, const py::dtype& dtype) {
    auto buffer = std::make_unique<std::vector<T>>(std::move(values));
    py::capsule owner(buffer.get(), [](void* pointer) { delete static_cast<std::vector<T>*>(pointer); });
    const std::vector<T>* owned = buffer.release();  // the capsule owns it now
    // numpy wants a non-null pointer even for zero rows.
    static T empty_row{};
    const void* data = owned->empty() ? static_cast<const void*>(&empty_row) : owned->data();
    return py::array(dtype, {static_cast<py::ssize_t>(owned->size())}, {static_cast<py::ssize_t>(sizeof(T))}, data,
                     owner);
}

template <typename T>
inline py::array owned_array(std::vector<T>&& values) {
    return owned_array(std::move(values), py::dtype::of<T>());
}

}  // namespace legdiary::python
