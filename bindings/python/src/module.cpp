// The one entry point of legdiary._core: each area registers itself from its own file.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
    using namespace legdiary::python;
    m.doc() = "The C++ core of legdiary. Use the `legdiary` package, not this module.";
    m.attr("__version__") = LEGDIARY_VERSION;
    register_errors(m);
    register_time(m);
    register_pooling(m);
    register_cohort(m);
    register_model(m);
    auto diary = register_diary(m);
    register_tables(m, diary);
    register_trends(m, diary);
    register_csv(m, diary);
    register_report(m, diary);
    register_trials(diary);
}
