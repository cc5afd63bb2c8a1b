// Randomised N-of-1 trials (SPEC 7): planning, listing, stopping, today's instruction and
// the status, as the same structures as the CLI's `trial ... --json` (dates as
// datetime.date, `created` as an aware UTC datetime). "Today" is the local date of
// legdiary.now(), which follows LEGDIARY_NOW as the CLI does.
#include <array>
#include <string>

#include <pybind11/stl.h>

#include <legdiary/report_json.hpp>
#include <legdiary/time.hpp>
#include <legdiary/trial.hpp>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

namespace lim = trial_limits;

constexpr std::array<std::string_view, 5> trial_date_keys = {"start", "end", "stopped", "night", "date"};
constexpr std::array<std::string_view, 1> trial_instant_keys = {"created"};

/// A plan's `seed` as a Python int: the JSON's decimal string exists for readers that
/// would round it to a double, which Python does not.
void seed_as_int(py::handle plan) {
    auto dict = py::reinterpret_borrow<py::dict>(plan);
    if (dict.contains("seed")) dict["seed"] = py::int_(py::object(dict["seed"]));
}

/// A plan, a status or today's instruction in Python: dates as datetime.date, `created` as
/// an aware UTC datetime, the seed as an int.
StrDict trial_to_python(const nlohmann::json& json) {
    py::dict dict = json_to_python(json, {trial_date_keys, trial_instant_keys});
    if (dict.contains("trial") && py::isinstance<py::dict>(py::object(dict["trial"]))) seed_as_int(py::object(dict["trial"]));
    else seed_as_int(dict);
    return StrDict(std::move(dict));
}

Date today() { return legdiary::now().local.date(); }

/// A trial's plan as the `trial` object of SPEC 7's JSON, as seen on `day`.
nlohmann::json plan_json(const StoredTrial& trial, const Date& day) {
    TrialAnalysis analysis;
    analysis.allocation = trial_allocation(trial.plan.seed, trial.plan.blocks);
    analysis.status = trial_status(trial.plan, day);
    analysis.end = trial_end(trial.plan);
    return trial_status_json(trial, analysis)["trial"];
}

/// The trial `id` names, else the active one, else the latest (as `legdiary trial status`).
StoredTrial chosen_trial(const Diary& diary, const std::optional<std::int64_t>& id, const Date& day) {
    if (id) {
        auto found = diary.trial(*id);
        if (!found) throw NotFoundError("trial_id", std::to_string(*id), "no trial with this id");
        return *found;
    }
    if (auto active = diary.active_trial(day)) return *active;
    const auto all = diary.trials();
    if (all.empty())
        throw NotFoundError("trial", "", "no trial in this diary: plan one with Diary.plan_trial(exposure)");
    return all.back();
}

using TextArg = std::optional<Arg<std::string>>;

}  // namespace

void register_trials(DiaryClass& diary) {
    diary.def(
        "plan_trial",
        [](const DiaryHandle& self, const Arg<std::string>& exposure_arg, const std::optional<Arg<Date>>& start_arg,
           const Arg<IntArg>& run_in_arg, const Arg<IntArg>& blocks_arg, const Arg<IntArg>& period_arg,
           const Arg<IntArg>& washout_arg, const std::optional<Arg<UnsignedArg>>& seed_arg, const TextArg& name_arg,
           const TextArg& hypothesis_arg) {
            TrialPlan plan;
            plan.exposure = exposure_arg.get("exposure");
            const auto start = get(start_arg, "start");
            plan.run_in_nights = run_in_arg.get("run_in_nights").resolve("run_in_nights");
            plan.blocks = blocks_arg.get("blocks").resolve("blocks");
            plan.period_nights = period_arg.get("period_nights").resolve("period_nights");
            plan.washout_nights = washout_arg.get("washout_nights").resolve("washout_nights");
            std::optional<std::uint64_t> seed;
            if (seed_arg) seed = seed_arg->get("seed").resolve("seed");
            plan.name = get(name_arg, "name");
            plan.hypothesis = get(hypothesis_arg, "hypothesis");
            auto handle = self.get();
            const nlohmann::json json = without_gil([&] {
                const Date day = today();
                plan.start = start.value_or(day);
                plan.seed = seed ? *seed : random_trial_seed();
                return plan_json(handle->plan_trial(std::move(plan), day), day);
            });
            return trial_to_python(json);
        },
        py::arg("exposure"), py::kw_only(), py::arg("start") = py::none(),
        py::arg("run_in_nights") = lim::default_run_in_nights, py::arg("blocks") = lim::default_blocks,
        py::arg("period_nights") = lim::default_period_nights, py::arg("washout_nights") = lim::default_washout_nights,
        py::arg("seed") = py::none(), py::arg("name") = py::none(), py::arg("hypothesis") = py::none(),
        "Plans and stores a randomised N-of-1 trial (SPEC 7) and returns its plan, as trials() lists\n"
        "it. `exposure`: 'compression' or 'tag:NAME'; `start`: the first night, today (the default)\n"
        "or later; `seed`: 0..2**64-1, drawn at random when None. Refused (ValidationError, nothing\n"
        "written): a bound broken, a start in the past, nights overlapping another trial's.");
    diary.def(
        "trials",
        [](const DiaryHandle& self) {
            auto handle = self.get();
            const nlohmann::json json = without_gil([&] {
                const Date day = today();
                nlohmann::json list = nlohmann::json::array();
                for (const auto& trial : handle->trials()) list.push_back(plan_json(trial, day));
                return list;
            });
            py::list list;
            for (const auto& item : json) list.append(trial_to_python(item));
            return py::typing::List<StrDict>(std::move(list));
        },
        "Every trial in the diary, by start, each as trial_status()['trial'] (its status as of today).");
    diary.def(
        "trial_status",
        [](const DiaryHandle& self, const std::optional<Arg<std::int64_t>>& id_arg) {
            const auto id = get(id_arg, "trial_id");
            auto handle = self.get();
            const nlohmann::json json = without_gil([&] {
                const Date day = today();
                const StoredTrial trial = chosen_trial(*handle, id, day);
                return trial_status_json(trial, handle->trial_status(trial.id, day));
            });
            return trial_to_python(json);
        },
        py::arg("trial_id") = py::none(),
        "A trial's plan, night-by-night schedule and analysis as `legdiary trial status --json`\n"
        "prints it ({trial, schedule, result}), dates as datetime.date. Default: the trial that is\n"
        "planned or running today, else the latest. Before the trial ends every number is an\n"
        "interim look (result['interim']). NotFoundError when there is no such trial.");
    diary.def(
        "stop_trial",
        [](const DiaryHandle& self, const Arg<std::string>& reason_arg) {
            std::string reason = reason_arg.get("reason");
            // Checked here too, so that the error names the argument (the library says stop_reason).
            if (auto problem = check_text("reason", reason, lim::max_text_chars))
                throw ValidationError(std::vector<Problem>{std::move(*problem)});
            auto handle = self.get();
            const nlohmann::json json = without_gil([&] {
                const Date day = today();
                return plan_json(handle->stop_trial(std::move(reason), day), day);
            });
            return trial_to_python(json);
        },
        py::arg("reason"),
        "Stops the trial planned or running today with a reason and returns its plan: nights from\n"
        "today on are not counted, the nights before stay in the analysis. NotFoundError when no\n"
        "trial is active.");
    diary.def(
        "trial_today",
        [](const DiaryHandle& self) {
            auto handle = self.get();
            const nlohmann::json json = without_gil([&] {
                const Date day = today();
                return trial_today_json(handle->active_trial(day), day);
            });
            return trial_to_python(json);
        },
        "What the trial planned or running today asks of you, as `legdiary trial today --json`:\n"
        "{date, trial, status, phase, block, period, condition, day_of_period, period_nights,\n"
        "washout, counted, instruction}, None where the day has none.");
}

}  // namespace legdiary::python
