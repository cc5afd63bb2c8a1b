// legdiary.Diary: opening, writing (log_*), reading entries back, deleting, backups.
// Each method converts its arguments with the GIL held, then releases it for the
// database work, then builds Python results with the GIL held again. Arguments arrive as
// Arg<T> (casters.hpp) and are converted by name, so a wrong type is refused naming it.
#include <string>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

template <typename Enum, typename Parse>
std::optional<Enum> optional_enum(const std::optional<Arg<std::string>>& text, std::string_view field, Parse parse) {
    if (!text) return std::nullopt;
    return parse(text->get(field));
}

std::optional<Instant> optional_instant(const std::optional<Arg<InstantArg>>& arg, std::string_view field) {
    if (!arg) return std::nullopt;
    return arg->get(field).resolve(field);
}

std::optional<int> optional_int(const std::optional<Arg<IntArg>>& arg, std::string_view field) {
    return resolve(get(arg, field), field);
}

using DateArg = std::optional<Arg<Date>>;
using RealArg = std::optional<Arg<double>>;
using SmallIntArg = std::optional<Arg<IntArg>>;

}  // namespace

std::optional<NightRange> resolve_range(const Diary& diary, const std::optional<Date>& start,
                                        const std::optional<Date>& end) {
    return diary.range(start, end);
}

NightRange analysis_range(const Diary& diary, const std::optional<Date>& start, const std::optional<Date>& end) {
    const auto range = resolve_range(diary, start, end);
    if (!range) throw ValidationError("start", "", "the diary is empty: give both start and end");
    return *range;
}

DiaryClass register_diary(py::module_& m) {
    DiaryClass cls(m, "Diary",
                   "A diary in one local SQLite file. Every write is one transaction: refused input leaves\n"
                   "the file exactly as it was. One Diary may be shared by threads; several processes may\n"
                   "open the same file. Use it as a context manager to close it at the end of a block.");

    cls.def(py::init([](const std::optional<Arg<std::filesystem::path>>& path,
                        const std::optional<Arg<int>>& night_boundary_hour, const Arg<int>& busy_timeout_ms,
                        const Arg<bool>& create) {
                OpenOptions options;
                options.night_boundary_hour = get(night_boundary_hour, "night_boundary_hour");
                options.busy_timeout_ms = busy_timeout_ms.get("busy_timeout_ms");
                options.create = create.get("create");
                const auto file = get(path, "path");
                return without_gil([&] {
                    return DiaryHandle(std::make_shared<Diary>(file ? *file : Diary::default_path(), options));
                });
            }),
            py::arg("path") = py::none(), py::kw_only(), py::arg("night_boundary_hour") = py::none(),
            py::arg("busy_timeout_ms") = 5000, py::arg("create") = true,
            "Opens the diary at `path` (default: $LEGDIARY_DB, else $XDG_DATA_HOME/legdiary/diary.db, as\n"
            "the CLI), creating it (mode 0600) when it does not exist and `create` is true. ':memory:'\n"
            "opens a private in-memory diary. `night_boundary_hour` (default 12) is fixed when a diary\n"
            "is created: given for an existing diary with another boundary, it is refused\n"
            "(ValidationError naming night_boundary_hour).");

    cls.def_static("default_path", &Diary::default_path, "Where Diary() opens when no path is given.");
    cls.def_property_readonly_static("current_schema_version",
                                     [](const py::object&) { return Diary::current_schema_version(); });

    cls.def("close", &DiaryHandle::close,
            "Closes the diary; later calls raise ValueError. A call under way in another thread\n"
            "finishes first. Closing twice is fine.");
    cls.def_property_readonly("closed", &DiaryHandle::closed);
    cls.def("__enter__", [](py::object self) { return self; });
    cls.def(
        "__exit__",
        [](DiaryHandle& self, const py::object&, const py::object&, const py::object&) { self.close(); },
        py::arg("exc_type"), py::arg("exc_value"), py::arg("traceback"));

    cls.def_property_readonly("path", [](const DiaryHandle& self) { return self.get()->path(); });
    cls.def_property_readonly("night_boundary_hour",
                              [](const DiaryHandle& self) { return self.get()->night_boundary_hour(); });
    cls.def(
        "night_of", [](const DiaryHandle& self, const Arg<InstantArg>& instant) {
            return self.get()->night_of(instant.get("instant").resolve("instant"));
        },
        py::arg("instant"), "The night an instant belongs to in this diary.");
    cls.def(
        "now_utc", [](const DiaryHandle& self) { return Instant{self.get()->now_utc(), 0}; },
        "The diary's clock, as an aware datetime in UTC.");

    cls.def(
        "log_cramp",
        [](const DiaryHandle& self, const Arg<InstantArg>& onset, const Arg<SecondsArg>& duration,
           const Arg<std::string>& leg, const Arg<std::string>& muscle, const std::optional<Arg<IntArg>>& intensity,
           const std::optional<Arg<bool>>& woke, const std::optional<Arg<std::string>>& notes) {
            CrampEpisode episode;
            episode.onset = onset.get("onset").resolve("onset");
            episode.duration_s = duration.get("duration").resolve("duration_s");
            episode.leg = parse_leg(leg.get("leg"), "leg");
            episode.muscle = parse_muscle(muscle.get("muscle"), "muscle");
            episode.intensity = optional_int(intensity, "intensity");
            episode.woke = get(woke, "woke");
            episode.notes = get(notes, "notes");
            auto diary = self.get();
            return without_gil([&] { return diary->add_cramp(episode); });
        },
        py::kw_only(), py::arg("onset"), py::arg("duration"), py::arg("leg"), py::arg("muscle") = "calf",
        py::arg("intensity") = py::none(), py::arg("woke") = py::none(), py::arg("notes") = py::none(),
        "Validates and stores a cramp episode; `duration` is a timedelta or whole seconds. An identical\n"
        "stored episode makes this a no-op (AddResult.inserted is False); one overlapping another on\n"
        "the same leg is refused. Raises ValidationError; nothing is written then.");

    cls.def(
        "log_night",
        [](const DiaryHandle& self, const Arg<Date>& night, const std::optional<Arg<InstantArg>>& bedtime,
           const std::optional<Arg<InstantArg>>& waketime, const std::optional<Arg<IntArg>>& sleep_quality,
           const std::optional<Arg<std::string>>& notes, const Arg<bool>& replace_arg) {
            NightRecord record;
            record.night = night.get("night");
            record.bedtime = optional_instant(bedtime, "bedtime");
            record.waketime = optional_instant(waketime, "waketime");
            record.sleep_quality = optional_int(sleep_quality, "sleep_quality");
            record.notes = get(notes, "notes");
            const bool replace = replace_arg.get("replace");
            auto diary = self.get();
            return without_gil([&] {
                if (!replace) return diary->merge_night(record).entry;
                diary->put_night(record);
                return record;
            });
        },
        py::kw_only(), py::arg("night"), py::arg("bedtime") = py::none(), py::arg("waketime") = py::none(),
        py::arg("sleep_quality") = py::none(), py::arg("notes") = py::none(), py::arg("replace") = false,
        "Validates and stores the morning check-in for `night` and returns it as stored. Like\n"
        "`legdiary log night`, values given are added to a stored check-in (None keeps the stored\n"
        "value), read-merged-written in one transaction (C++: merge_night); replace=True stores\n"
        "exactly these values instead (C++: put_night). A check-in with no cramps is how 'no cramps\n"
        "last night' is recorded.");

    cls.def(
        "log_day",
        [](const DiaryHandle& self, const Arg<Date>& day, const RealArg& compression_hours,
           const std::optional<Arg<std::string>>& compression_class,
           const std::optional<Arg<std::string>>& compression_length, const SmallIntArg& swelling_grade,
           const RealArg& ankle_left_cm, const RealArg& ankle_right_cm, const RealArg& calf_left_cm,
           const RealArg& calf_right_cm, const RealArg& standing_hours, const RealArg& water_l,
           const SmallIntArg& exercise_min, const SmallIntArg& elevation_min, const SmallIntArg& heaviness,
           const SmallIntArg& aching, const SmallIntArg& throbbing, const SmallIntArg& burning,
           const SmallIntArg& itching, const SmallIntArg& restless_legs, const SmallIntArg& tingling,
           const SmallIntArg& swelling_feeling, const std::optional<Arg<bool>>& skin_discoloration,
           const std::optional<Arg<bool>>& ulcer, const Arg<std::vector<std::string>>& tags,
           const std::optional<Arg<std::string>>& notes, const Arg<bool>& replace_arg) {
            DayLog log;
            log.day = day.get("day");
            log.compression_hours = get(compression_hours, "compression_hours");
            log.compression_class = optional_enum<CompressionClass>(
                compression_class, "compression_class", [](const std::string& t) { return parse_compression_class(t); });
            log.compression_length = optional_enum<CompressionLength>(
                compression_length, "compression_length",
                [](const std::string& t) { return parse_compression_length(t); });
            log.swelling_grade = optional_int(swelling_grade, "swelling_grade");
            log.ankle_left_cm = get(ankle_left_cm, "ankle_left_cm");
            log.ankle_right_cm = get(ankle_right_cm, "ankle_right_cm");
            log.calf_left_cm = get(calf_left_cm, "calf_left_cm");
            log.calf_right_cm = get(calf_right_cm, "calf_right_cm");
            log.standing_hours = get(standing_hours, "standing_hours");
            log.water_l = get(water_l, "water_l");
            log.exercise_min = optional_int(exercise_min, "exercise_min");
            log.elevation_min = optional_int(elevation_min, "elevation_min");
            const std::array<const SmallIntArg*, symptom_count> symptoms = {
                &heaviness, &aching, &throbbing, &burning, &itching, &restless_legs, &tingling, &swelling_feeling};
            for (std::size_t i = 0; i < symptom_count; ++i)
                log.symptoms[i] = optional_int(*symptoms[i], symptom_names[i]);
            log.skin_discoloration = get(skin_discoloration, "skin_discoloration");
            log.ulcer = get(ulcer, "ulcer");
            const auto tag_list = tags.get("tags");
            log.tags.insert(tag_list.begin(), tag_list.end());
            log.notes = get(notes, "notes");
            const bool replace = replace_arg.get("replace");
            auto diary = self.get();
            return without_gil([&] {
                if (!replace) return diary->merge_day(log).entry;
                diary->put_day(log);
                return log;
            });
        },
        py::kw_only(), py::arg("day"), py::arg("compression_hours") = py::none(),
        py::arg("compression_class") = py::none(), py::arg("compression_length") = py::none(),
        py::arg("swelling_grade") = py::none(), py::arg("ankle_left_cm") = py::none(),
        py::arg("ankle_right_cm") = py::none(), py::arg("calf_left_cm") = py::none(),
        py::arg("calf_right_cm") = py::none(), py::arg("standing_hours") = py::none(),
        py::arg("water_l") = py::none(), py::arg("exercise_min") = py::none(),
        py::arg("elevation_min") = py::none(), py::arg("heaviness") = py::none(), py::arg("aching") = py::none(),
        py::arg("throbbing") = py::none(), py::arg("burning") = py::none(), py::arg("itching") = py::none(),
        py::arg("restless_legs") = py::none(), py::arg("tingling") = py::none(),
        py::arg("swelling_feeling") = py::none(), py::arg("skin_discoloration") = py::none(),
        py::arg("ulcer") = py::none(), py::arg("tags") = std::vector<std::string>{}, py::arg("notes") = py::none(),
        py::arg("replace") = false,
        "Validates and stores the log of `day` (the day before night `day`) and returns it as stored.\n"
        "Like `legdiary log day`, values given are added to a stored log (None keeps the stored value,\n"
        "tags are added), in one transaction (C++: merge_day); replace=True stores exactly these\n"
        "values instead (C++: put_day).");

    cls.def(
        "cramp",
        [](const DiaryHandle& self, const Arg<std::int64_t>& id_arg) {
            const std::int64_t id = id_arg.get("id");
            auto diary = self.get();
            return without_gil([&] { return diary->cramp(id); });
        },
        py::arg("id"), "The cramp episode with this id, or None.");
    cls.def(
        "night",
        [](const DiaryHandle& self, const Arg<Date>& night_arg) {
            const Date night = night_arg.get("night");
            auto diary = self.get();
            return without_gil([&] { return diary->night(night); });
        },
        py::arg("night"), "The check-in of this night, or None.");
    cls.def(
        "day",
        [](const DiaryHandle& self, const Arg<Date>& day_arg) {
            const Date day = day_arg.get("day");
            auto diary = self.get();
            return without_gil([&] { return diary->day(day); });
        },
        py::arg("day"), "The log of this day, or None.");

    cls.def(
        "cramps",
        [](const DiaryHandle& self, const DateArg& start_arg, const DateArg& end_arg) {
            const auto start = get(start_arg, "start"), end = get(end_arg, "end");
            auto diary = self.get();
            return without_gil([&] {
                const auto range = resolve_range(*diary, start, end);
                return range ? diary->cramps(*range) : std::vector<CrampEpisode>{};
            });
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(),
        "The cramp episodes of nights start..end (inclusive; a bound left out: the diary's first or\n"
        "last entry), in time order.");
    cls.def(
        "night_records",
        [](const DiaryHandle& self, const DateArg& start_arg, const DateArg& end_arg) {
            const auto start = get(start_arg, "start"), end = get(end_arg, "end");
            auto diary = self.get();
            return without_gil([&] {
                const auto range = resolve_range(*diary, start, end);
                return range ? diary->nights(*range) : std::vector<NightRecord>{};
            });
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(),
        "The check-ins of nights start..end (C++: Diary::nights), in night order.");
    cls.def(
        "day_logs",
        [](const DiaryHandle& self, const DateArg& start_arg, const DateArg& end_arg) {
            const auto start = get(start_arg, "start"), end = get(end_arg, "end");
            auto diary = self.get();
            return without_gil([&] {
                const auto range = resolve_range(*diary, start, end);
                return range ? diary->days(*range) : std::vector<DayLog>{};
            });
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(),
        "The day logs of days start..end (C++: Diary::days), in day order.");
    cls.def(
        "extent",
        [](const DiaryHandle& self) -> std::optional<std::pair<Date, Date>> {
            auto diary = self.get();
            const auto range = without_gil([&] { return diary->extent(); });
            if (!range) return std::nullopt;
            return std::pair{range->from, range->to};
        },
        "(first, last) night or day with any entry, or None for an empty diary.");

    cls.def(
        "delete_cramp",
        [](const DiaryHandle& self, const Arg<std::int64_t>& id_arg) {
            const std::int64_t id = id_arg.get("id");
            auto diary = self.get();
            without_gil([&] { diary->delete_cramp(id); });
        },
        py::arg("id"), "Deletes a cramp episode. Raises NotFoundError when there is none.");
    cls.def(
        "delete_night",
        [](const DiaryHandle& self, const Arg<Date>& night_arg) {
            const Date night = night_arg.get("night");
            auto diary = self.get();
            without_gil([&] { diary->delete_night(night); });
        },
        py::arg("night"), "Deletes a night's check-in. Raises NotFoundError when there is none.");
    cls.def(
        "delete_day",
        [](const DiaryHandle& self, const Arg<Date>& day_arg) {
            const Date day = day_arg.get("day");
            auto diary = self.get();
            without_gil([&] { diary->delete_day(day); });
        },
        py::arg("day"), "Deletes a day log. Raises NotFoundError when there is none.");

    cls.def(
        "backup",
        [](const DiaryHandle& self, const Arg<std::filesystem::path>& destination_arg) {
            const auto destination = destination_arg.get("destination");
            auto diary = self.get();
            without_gil([&] { diary->backup(destination); });
        },
        py::arg("destination"), "A consistent copy of the diary at a new file (owner-only).");
    cls.def(
        "check",
        [](const DiaryHandle& self) {
            auto diary = self.get();
            return without_gil([&] { return diary->check(); });
        },
        "SQLite's integrity checks: an empty list when the file is healthy.");
    return cls;
}

}  // namespace legdiary::python
