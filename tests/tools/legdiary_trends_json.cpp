// legdiary_trends_json: prints trend reports and statistics as JSON, for the tests that
// check the C++ results against an independent implementation (tests/statistics).
//
//   legdiary_trends_json --db PATH --from DATE --to DATE [--compare EXPOSURE]... [--min-nights N]
//       Diary::trends on a diary file.
//   legdiary_trends_json --tables FILE|-
//       compute_trends on diaries described in JSON (one object or an array of them):
//       {"range": {"from", "to"}, "options": {"min_nights", "compare", "default_comparisons"},
//        "nights": ["YYYY-MM-DD", ...],
//        "episodes": [{"onset": ISO 8601 with offset, "duration_s", "leg", "muscle",
//                      "intensity", "woke"}, ...],
//        "days": [{"day", "compression_hours", "swelling_grade", "calf_left_cm",
//                  "calf_right_cm", "ulcer", "symptoms": {name: value}, "tags": [...]}, ...],
//        "night_boundary_hour": 12}
//   legdiary_trends_json --factors FILE|-
//       screen_factors on diaries described as for --tables (the day logs may also carry
//       "standing_hours", "water_l", "exercise_min", "elevation_min"): the SPEC 6 JSON.
//   legdiary_trends_json --trial FILE|-
//       analyse_trial on diaries described as for --tables, each with "plan": {"exposure",
//       "start", "run_in_nights", "blocks", "period_nights", "washout_nights", "seed" (a
//       decimal string), "stopped"} and "today": the allocation, status, end, schedule and
//       result of SPEC 7 (tests/statistics/test_trial_reference.py).
//   legdiary_trends_json --statistics FILE|-
//       the statistics functions on an array of requests, each
//       {"theil_sen": {"x": [...], "y": [...]}}, {"rate_ratio": [c1, t1, c0, t0]},
//       {"negative_binomial": {"y": [...], "x": [[column], ...]}} (params, std_errors,
//       alpha, alpha_std_error, or "error" with the FitError's words) or
//       {"bh": [p, ...]} (the q values).
//
// Reports are the JSON of SPEC 4 plus two library-only fields SPEC 4 leaves out of it, so
// that the cross-check sees them too: `trend.intercept` (TrendTest::intercept), each
// weekly row's `in_trend` (WeeklyRow::in_trend) and each comparison's `includes_no_change`
// (interval_includes_no_change: the verdict every front end puts in words).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "legdiary/analysis.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/factors.hpp"
#include "legdiary/models.hpp"
#include "legdiary/report_json.hpp"
#include "legdiary/statistics.hpp"
#include "legdiary/time.hpp"
#include "legdiary/trial.hpp"

using namespace legdiary;
using nlohmann::json;

namespace {

json read_input(const std::string& path) {
    if (path == "-") return json::parse(std::cin);
    std::ifstream file(path);
    if (!file) throw FileNotFoundError("cannot open " + path);
    return json::parse(file);
}

template <typename Value>
json or_null(const std::optional<Value>& value) {
    return value ? json(*value) : json(nullptr);
}

std::int8_t small_or_none(const json& object, const char* key) {
    if (!object.contains(key) || object[key].is_null()) return no_small;
    if (object[key].is_boolean()) return object[key].get<bool>() ? 1 : 0;
    return static_cast<std::int8_t>(object[key].get<int>());
}

double real_or_none(const json& object, const char* key) {
    if (!object.contains(key) || object[key].is_null()) return no_real;
    return object[key].get<double>();
}

std::int16_t minutes_or_none(const json& object, const char* key) {
    if (!object.contains(key) || object[key].is_null()) return -1;
    return static_cast<std::int16_t>(object[key].get<int>());
}

template <std::size_t N>
std::int8_t index_of(const std::string& name, const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<std::int8_t>(i);
    throw ValidationError("name", name, "unknown");
}

DiaryTables tables_from(const json& input) {
    DiaryTables tables;
    const int boundary = input.value("night_boundary_hour", default_night_boundary_hour);
    for (const auto& night : input.value("nights", json::array())) {
        tables.nights.night.push_back(day_number(parse_date(night.get<std::string>())));
        tables.nights.sleep_quality.push_back(no_small);
    }
    // The store hands episodes over in order of their UTC onset; so does this.
    std::vector<std::pair<Instant, json>> episodes;
    for (const auto& episode : input.value("episodes", json::array()))
        episodes.emplace_back(parse_instant(episode.at("onset").get<std::string>()), episode);
    std::stable_sort(episodes.begin(), episodes.end(),
                     [](const auto& a, const auto& b) { return a.first.utc() < b.first.utc(); });
    auto& e = tables.episodes;
    for (const auto& [onset, episode] : episodes) {
        const auto since_epoch = onset.utc() - DateTime(Date(1970, 1, 1));
        e.id.push_back(static_cast<std::int64_t>(e.id.size()) + 1);
        e.night.push_back(day_number(night_of(onset, boundary)));
        e.onset_utc_ns.push_back(since_epoch.total_seconds() * 1'000'000'000);
        e.offset_minutes.push_back(onset.offset_minutes);
        e.duration_s.push_back(episode.at("duration_s").get<std::int32_t>());
        e.leg.push_back(index_of(episode.value("leg", "left"), leg_names));
        e.muscle.push_back(index_of(episode.value("muscle", "calf"), muscle_names));
        e.intensity.push_back(small_or_none(episode, "intensity"));
        e.woke.push_back(small_or_none(episode, "woke"));
    }
    std::vector<json> days = input.value("days", json::array());
    std::stable_sort(days.begin(), days.end(), [](const json& a, const json& b) { return a["day"] < b["day"]; });
    auto& t = tables.days;
    for (const auto& day : days) {
        t.day.push_back(day_number(parse_date(day.at("day").get<std::string>())));
        t.compression_hours.push_back(real_or_none(day, "compression_hours"));
        t.compression_class.push_back(no_small);
        t.compression_length.push_back(no_small);
        t.swelling_grade.push_back(small_or_none(day, "swelling_grade"));
        t.ankle_left_cm.push_back(real_or_none(day, "ankle_left_cm"));
        t.ankle_right_cm.push_back(real_or_none(day, "ankle_right_cm"));
        t.calf_left_cm.push_back(real_or_none(day, "calf_left_cm"));
        t.calf_right_cm.push_back(real_or_none(day, "calf_right_cm"));
        t.standing_hours.push_back(real_or_none(day, "standing_hours"));
        t.water_l.push_back(real_or_none(day, "water_l"));
        t.exercise_min.push_back(minutes_or_none(day, "exercise_min"));
        t.elevation_min.push_back(minutes_or_none(day, "elevation_min"));
        const json symptoms = day.value("symptoms", json::object());
        for (std::size_t item = 0; item < symptom_count; ++item)
            t.symptoms[item].push_back(small_or_none(symptoms, std::string(symptom_names[item]).c_str()));
        t.skin_discoloration.push_back(no_small);
        t.ulcer.push_back(small_or_none(day, "ulcer"));
        for (const auto& tag : day.value("tags", json::array())) {
            t.tag_row.push_back(static_cast<std::uint32_t>(t.day.size() - 1));
            t.tag.push_back(tag.get<std::string>());
        }
    }
    return tables;
}

TrendOptions options_from(const json& input) {
    TrendOptions options;
    const json given = input.value("options", json::object());
    options.min_nights = given.value("min_nights", options.min_nights);
    options.compare = given.value("compare", options.compare);
    options.default_comparisons = given.value("default_comparisons", options.default_comparisons);
    return options;
}

json with_library_fields(const TrendReport& report) {
    json out = report;
    out["trend"]["intercept"] = or_null(report.trend.intercept);
    for (std::size_t k = 0; k < report.weekly.size(); ++k) out["weekly"][k]["in_trend"] = report.weekly[k].in_trend;
    for (const auto& comparison : report.comparisons)
        out["comparisons"][comparison.exposure]["includes_no_change"] = interval_includes_no_change(comparison);
    return out;
}

json report_for(const json& input) {
    const NightRange range{parse_date(input.at("range").at("from").get<std::string>()),
                           parse_date(input.at("range").at("to").get<std::string>())};
    return with_library_fields(compute_trends(tables_from(input), range, options_from(input)));
}

json factors_for(const json& input) {
    const NightRange range{parse_date(input.at("range").at("from").get<std::string>()),
                           parse_date(input.at("range").at("to").get<std::string>())};
    return screen_factors(tables_from(input), range);
}

json negative_binomial_for(const json& request) {
    const auto y = request.at("y").get<std::vector<double>>();
    const auto columns = request.at("x").get<std::vector<std::vector<double>>>();
    models::Columns x(columns.begin(), columns.end());
    try {
        const auto fit = models::negative_binomial(y, x);
        return {{"params", fit.params},
                {"std_errors", fit.std_errors},
                {"alpha", fit.alpha},
                {"alpha_std_error", fit.alpha_std_error}};
    } catch (const models::FitError& error) {
        return {{"error", error.what()}};
    }
}

json statistics_for(const json& request) {
    if (request.contains("negative_binomial")) return negative_binomial_for(request["negative_binomial"]);
    if (request.contains("bh")) return models::bh_q_values(request["bh"].get<std::vector<double>>());
    if (request.contains("theil_sen")) {
        const auto x = request["theil_sen"].at("x").get<std::vector<double>>();
        const auto y = request["theil_sen"].at("y").get<std::vector<double>>();
        const auto fit = statistics::theil_sen(x, y);
        const auto mk = statistics::mann_kendall(y);
        return {{"slope", fit.slope}, {"intercept", fit.intercept}, {"low", fit.low},       {"high", fit.high}, {"s", mk.s},
                {"variance", mk.variance}, {"z", mk.z}, {"tau", mk.tau},   {"p_value", mk.p_value}};
    }
    const auto counts = request.at("rate_ratio");
    const auto result = statistics::rate_ratio(counts.at(0).get<std::int64_t>(), counts.at(1).get<double>(),
                                               counts.at(2).get<std::int64_t>(), counts.at(3).get<double>());
    return {{"ratio", or_null(result.ratio)},
            {"low", or_null(result.low)},
            {"high", or_null(result.high)},
            {"p_value", or_null(result.p_value)}};
}

template <typename Function>
json each(const json& input, Function function) {
    if (!input.is_array()) return function(input);
    json output = json::array();
    for (const auto& item : input) output.push_back(function(item));
    return output;
}

// --trial: analyse_trial on tables as --tables takes them plus "plan" and "today".
TrialPlan plan_from(const json& input) {
    TrialPlan plan;
    plan.exposure = input.value("exposure", "compression");
    plan.start = parse_date(input.at("start").get<std::string>(), "start");
    plan.run_in_nights = input.value("run_in_nights", plan.run_in_nights);
    plan.blocks = input.value("blocks", plan.blocks);
    plan.period_nights = input.value("period_nights", plan.period_nights);
    plan.washout_nights = input.value("washout_nights", plan.washout_nights);
    plan.seed = std::stoull(input.at("seed").get<std::string>());
    if (input.contains("stopped") && !input["stopped"].is_null())
        plan.stopped = parse_date(input["stopped"].get<std::string>(), "stopped");
    return plan;
}

// The analysis as SPEC 7's JSON, by the library's one writer (trial_status_json); the
// plan is not stored, so its id is 0.
json trial_for(const json& input) {
    const StoredTrial trial{0, plan_from(input.at("plan"))};
    return trial_status_json(trial, analyse_trial(tables_from(input), trial.plan,
                                                   parse_date(input.at("today").get<std::string>())));
}

int usage() {
    std::cerr << "usage: legdiary_trends_json --db PATH --from DATE --to DATE [--compare EXPOSURE]... "
                 "[--min-nights N]\n"
                 "       legdiary_trends_json --tables FILE|-\n"
                 "       legdiary_trends_json --factors FILE|-\n"
                 "       legdiary_trends_json --statistics FILE|-\n"
                 "       legdiary_trends_json --trial FILE|-\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 2 && args[0] == "--tables") {
            std::cout << each(read_input(args[1]), report_for).dump() << '\n';
            return 0;
        }
        if (args.size() == 2 && args[0] == "--factors") {
            std::cout << each(read_input(args[1]), factors_for).dump() << '\n';
            return 0;
        }
        if (args.size() == 2 && args[0] == "--trial") {
            std::cout << each(read_input(args[1]), trial_for).dump() << '\n';
            return 0;
        }
        if (args.size() == 2 && args[0] == "--statistics") {
            std::cout << each(read_input(args[1]), statistics_for).dump() << '\n';
            return 0;
        }
        std::string db, from, to;
        TrendOptions options;
        for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
            if (args[i] == "--db") db = args[i + 1];
            else if (args[i] == "--from") from = args[i + 1];
            else if (args[i] == "--to") to = args[i + 1];
            else if (args[i] == "--compare") options.compare.push_back(args[i + 1]);
            else if (args[i] == "--min-nights") options.min_nights = std::stoi(args[i + 1]);
            else return usage();
        }
        if (args.size() % 2 != 0 || db.empty() || from.empty() || to.empty()) return usage();
        OpenOptions open;
        open.create = false;
        const Diary diary(db, open);
        const nlohmann::json report =
            with_library_fields(diary.trends({parse_date(from, "from"), parse_date(to, "to")}, options));
        std::cout << report.dump() << '\n';
        return 0;
    } catch (const ValidationError& error) {
        for (const auto& problem : error.problems()) std::cerr << problem.describe() << '\n';
        return 65;
    } catch (const std::exception& error) {
        std::cerr << error.what() << '\n';
        return 1;
    }
}
