// legdiary.Diary: opening, writing (log_*), reading entries back, deleting, backups.
// Each method converts its arguments with the GIL held, then releases it for the
// database work, then builds Python results with the GIL held again.
#include <string>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"

namespace legdiary::python {
namespace {

template <typename Enum, typename Parse>
std::optional<Enum> optional_enum(const std::optional<std::string>& text, Parse parse) {
    if (!text) return std::nullopt;
    return parse(*text);
}

std::optional<Instant> optional_instant(const std::optional<InstantArg>& arg, std::string_view field) {
    if (!arg) return std::nullopt;
    return arg->resolve(field);
}

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

    cls.def(py::init([](const std::optional<std::filesystem::path>& path, int night_boundary_hour,
                        int busy_timeout_ms, bool create) {
                OpenOptions options;
                options.night_boundary_hour = night_boundary_hour;
                options.busy_timeout_ms = busy_timeout_ms;
                options.create = create;
                return without_gil([&] {
                    return DiaryHandle(std::make_shared<Diary>(path ? *path : Diary::default_path(), options));
                });
            }),
            py::arg("path") = py::none(), py::kw_only(),
            py::arg("night_boundary_hour") = default_night_boundary_hour, py::arg("busy_timeout_ms") = 5000,
            py::arg("create") = true,
            "Opens the diary at `path` (default: $LEGDIARY_DB, else $XDG_DATA_HOME/legdiary/diary.db, as\n"
            "the CLI), creating it (mode 0600) when it does not exist and `create` is true. ':memory:'\n"
            "opens a private in-memory diary. `night_boundary_hour` applies to a diary created now.");

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
        "night_of", [](const DiaryHandle& self, const InstantArg& instant) {
            return self.get()->night_of(instant.resolve("instant"));
        },
        py::arg("instant"), "The night an instant belongs to in this diary.");
    cls.def(
        "now_utc", [](const DiaryHandle& self) { return Instant{self.get()->now_utc(), 0}; },
        "The diary's clock, as an aware datetime in UTC.");

    cls.def(
        "log_cramp",
        [](const DiaryHandle& self, const InstantArg& onset, const SecondsArg& duration, const std::string& leg,
           const std::string& muscle, const std::optional<IntArg>& intensity, std::optional<bool> woke,
           std::optional<std::string> notes) {
            CrampEpisode episode;
            episode.onset = onset.resolve("onset");
            episode.duration_s = duration.resolve("duration_s");
            episode.leg = parse_leg(leg, "leg");
            episode.muscle = parse_muscle(muscle, "muscle");
            episode.intensity = resolve(intensity, "intensity");
            episode.woke = woke;
            episode.notes = std::move(notes);
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
        [](const DiaryHandle& self, const Date& night, const std::optional<InstantArg>& bedtime,
           const std::optional<InstantArg>& waketime, const std::optional<IntArg>& sleep_quality,
           std::optional<std::string> notes, bool replace) {
            NightRecord record;
            record.night = night;
            record.bedtime = optional_instant(bedtime, "bedtime");
            record.waketime = optional_instant(waketime, "waketime");
            record.sleep_quality = resolve(sleep_quality, "sleep_quality");
            record.notes = std::move(notes);
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
        [](const DiaryHandle& self, const Date& day, std::optional<double> compression_hours,
           const std::optional<std::string>& compression_class, const std::optional<std::string>& compression_length,
           const std::optional<IntArg>& swelling_grade, std::optional<double> ankle_left_cm,
           std::optional<double> ankle_right_cm, std::optional<double> calf_left_cm,
           std::optional<double> calf_right_cm, std::optional<double> standing_hours, std::optional<double> water_l,
           const std::optional<IntArg>& exercise_min, const std::optional<IntArg>& elevation_min,
           const std::optional<IntArg>& heaviness, const std::optional<IntArg>& aching,
           const std::optional<IntArg>& throbbing, const std::optional<IntArg>& burning,
           const std::optional<IntArg>& itching, const std::optional<IntArg>& restless_legs,
           const std::optional<IntArg>& tingling, const std::optional<IntArg>& swelling_feeling, std::optional<bool> skin_discoloration, std::optional<bool> ulcer,
           const std::vector<std::string>& tags, std::optional<std::string> notes, bool replace) {
            DayLog log;
            log.day = day;
            log.compression_hours = compression_hours;
            log.compression_class = optional_enum<CompressionClass>(
                compression_class, [](const std::string& t) { return parse_compression_class(t); });
            log.compression_length = optional_enum<CompressionLength>(
                compression_length, [](const std::string& t) { return parse_compression_length(t); });
            log.swelling_grade = resolve(swelling_grade, "swelling_grade");
            log.ankle_left_cm = ankle_left_cm;
            log.ankle_right_cm = ankle_right_cm;
            log.calf_left_cm = calf_left_cm;
            log.calf_right_cm = calf_right_cm;
            log.standing_hours = standing_hours;
            log.water_l = water_l;
            log.exercise_min = resolve(exercise_min, "exercise_min");
            log.elevation_min = resolve(elevation_min, "elevation_min");
            const std::array<const std::optional<IntArg>*, symptom_count> symptoms = {
                &heaviness, &aching, &throbbing, &burning, &itching, &restless_legs, &tingling, &swelling_feeling};
            for (std::size_t i = 0; i < symptom_count; ++i) log.symptoms[i] = resolve(*symptoms[i], symptom_names[i]);
            log.skin_discoloration = skin_discoloration;
            log.ulcer = ulcer;
            log.tags.insert(tags.begin(), tags.end());
            log.notes = std::move(notes);
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
        [](const DiaryHandle& self, std::int64_t id) {
            auto diary = self.get();
            return without_gil([&] { return diary->cramp(id); });
        },
        py::arg("id"), "The cramp episode with this id, or None.");
    cls.def(
        "night",
        [](const DiaryHandle& self, const Date& night) {
            auto diary = self.get();
            return without_gil([&] { return diary->night(night); });
        },
        py::arg("night"), "The check-in of this night, or None.");
    cls.def(
        "day",
        [](const DiaryHandle& self, const Date& day) {
            auto diary = self.get();
            return without_gil([&] { return diary->day(day); });
        },
        py::arg("day"), "The log of this day, or None.");

    cls.def(
        "cramps",
        [](const DiaryHandle& self, const std::optional<Date>& start, const std::optional<Date>& end) {
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
        [](const DiaryHandle& self, const std::optional<Date>& start, const std::optional<Date>& end) {
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
        [](const DiaryHandle& self, const std::optional<Date>& start, const std::optional<Date>& end) {
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
        [](const DiaryHandle& self, std::int64_t id) {
            auto diary = self.get();
            without_gil([&] { diary->delete_cramp(id); });
        },
        py::arg("id"), "Deletes a cramp episode. Raises NotFoundError when there is none.");
    cls.def(
        "delete_night",
        [](const DiaryHandle& self, const Date& night) {
            auto diary = self.get();
            without_gil([&] { diary->delete_night(night); });
        },
        py::arg("night"), "Deletes a night's check-in. Raises NotFoundError when there is none.");
    cls.def(
        "delete_day",
        [](const DiaryHandle& self, const Date& day) {
            auto diary = self.get();
            without_gil([&] { diary->delete_day(day); });
        },
        py::arg("day"), "Deletes a day log. Raises NotFoundError when there is none.");

    cls.def(
        "backup",
        [](const DiaryHandle& self, const std::filesystem::path& destination) {
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
