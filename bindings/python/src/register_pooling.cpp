// The pooling of SPEC 8 (statistics.hpp): random-effects pooling of per-person log rate
// ratios, the building block of the cohort's pooled estimates, as a dict of SPEC 8's keys.
#include <string>
#include <vector>

#include <legdiary/error.hpp>
#include <legdiary/statistics.hpp>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

py::object optional_number(const std::optional<double>& value) {
    return value ? py::object(py::float_(*value)) : py::none();
}

}  // namespace

void register_pooling(py::module_& m) {
    m.def(
        "pool",
        [](const Arg<std::vector<double>>& y_arg, const Arg<std::vector<double>>& v_arg, const Arg<std::string>& method_arg,
           const Arg<bool>& hksj_arg) {
            const auto y = y_arg.get("log_rate_ratios"), v = v_arg.get("variances");
            const auto method_name = method_arg.get("method");
            const bool hksj = hksj_arg.get("hksj");
            statistics::PoolMethod method;
            if (method_name == "dl") method = statistics::PoolMethod::dl;
            else if (method_name == "pm") method = statistics::PoolMethod::pm;
            else throw ValidationError("method", method_name, "must be 'dl' (DerSimonian-Laird) or 'pm' (Paule-Mandel)");
            const auto pooled = [&] {
                try {
                    return statistics::pool(y, v, method, hksj);
                } catch (const ValidationError& error) {  // named as the Python arguments are
                    throw ValidationError(error.field() == "y" ? "log_rate_ratios" : "variances", error.value(),
                                          error.rule());
                }
            }();
            py::dict result;
            result["k"] = pooled.k;
            result["rate_ratio"] = pooled.rate_ratio;
            result["rate_ratio_low"] = optional_number(pooled.rate_ratio_low);
            result["rate_ratio_high"] = optional_number(pooled.rate_ratio_high);
            result["log_rate_ratio"] = pooled.log_rate_ratio;
            result["se"] = pooled.se;
            result["tau2"] = pooled.tau2;
            result["i2"] = pooled.i2;
            result["q"] = pooled.q;
            result["q_p_value"] = optional_number(pooled.q_p_value);
            result["prediction_low"] = optional_number(pooled.prediction_low);
            result["prediction_high"] = optional_number(pooled.prediction_high);
            result["method"] = method_name;
            result["hksj"] = hksj;
            result["weights"] = pooled.weights;
            return result;
        },
        py::arg("log_rate_ratios"), py::arg("variances"), py::kw_only(), py::arg("method") = "dl",
        py::arg("hksj") = false,
        "Random-effects pooling of per-person log rate ratios y with variances v (SPEC 8):\n"
        "tau2 by DerSimonian-Laird ('dl', clipped at 0) or Paule-Mandel ('pm'); the 95% interval\n"
        "normal, or with hksj=True Hartung-Knapp-Sidik-Jonkman (SE * sqrt(max(1, q)), t with k - 1\n"
        "degrees of freedom); the 95% prediction interval (k >= 3). Returns a dict: k, rate_ratio,\n"
        "rate_ratio_low, rate_ratio_high, log_rate_ratio, se, tau2, i2, q, q_p_value,\n"
        "prediction_low, prediction_high (rate ratios), method, hksj, and the persons' weights\n"
        "1/(v + tau2) in the order given; None where k is too small. Raises ValidationError.");
}

}  // namespace legdiary::python
