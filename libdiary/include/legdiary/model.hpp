/// @file model.hpp
/// The value types of a diary — cramp episodes, night records, day logs — and their
/// validation. Every rule of the data model lives here, once; the store, the importers,
/// the bindings and the CLI all call these functions. (SPEC section 1; docs/data-model.md.)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "legdiary/error.hpp"

namespace legdiary {

using Date = boost::gregorian::date;
using DateTime = boost::posix_time::ptime;

/// A moment as a person recorded it: local wall-clock date-time (whole seconds) and the
/// UTC offset in force there, in minutes east of UTC (−720..+840).
struct Instant {
    DateTime local;          ///< local wall-clock time
    int offset_minutes = 0;  ///< local − UTC, in minutes

    /// The same moment in UTC (local − offset). Order instants by this.
    [[nodiscard]] DateTime utc() const { return local - boost::posix_time::minutes(offset_minutes); }

    /// Same local time and same offset (the same UTC moment written differently is not equal).
    friend bool operator==(const Instant&, const Instant&) = default;
};

/// An inclusive range of nights [from, to], each night named by the date of its evening.
struct NightRange {
    Date from;  ///< first night
    Date to;    ///< last night (inclusive)

    /// Number of nights in the range (to − from + 1).
    [[nodiscard]] std::int64_t nights() const { return (to - from).days() + 1; }

    friend bool operator==(const NightRange&, const NightRange&) = default;
};

/// Which leg a cramp was in; `both` counts as each leg for overlap checks.
enum class Leg { left, right, both };
/// The muscle group that cramped.
enum class Muscle { calf, foot, toes, thigh, hamstring, shin, other };
/// Compression class of the stockings worn, in mmHg.
enum class CompressionClass { mmhg_15_20, mmhg_20_30, mmhg_30_40, mmhg_40_50 };
/// Length of the stockings worn.
enum class CompressionLength { knee, thigh, pantyhose };
/// The 0–10 venous symptom items of a day log (the symptom items of venous-disease
/// questionnaires). Their names are `symptom_names`.
enum class Symptom { heaviness, aching, throbbing, burning, itching, restless_legs, tingling, swelling_feeling };

/// Number of symptom items.
inline constexpr std::size_t symptom_count = 8;
/// The symptom items' names, in `Symptom` order; they are the field, column and JSON names.
inline constexpr std::array<std::string_view, symptom_count> symptom_names = {
    "heaviness", "aching", "throbbing", "burning", "itching", "restless_legs", "tingling", "swelling_feeling"};

/// Every value's name, in declaration order (`leg_names[size_t(Leg::both)] == "both"`).
inline constexpr std::array<std::string_view, 3> leg_names = {"left", "right", "both"};
inline constexpr std::array<std::string_view, 7> muscle_names = {"calf", "foot", "toes", "thigh", "hamstring", "shin", "other"};
inline constexpr std::array<std::string_view, 4> compression_class_names = {"15-20", "20-30", "30-40", "40-50"};
inline constexpr std::array<std::string_view, 3> compression_length_names = {"knee", "thigh", "pantyhose"};

/// Every value's name of an enum type, in declaration order: `value_names_of<Leg>` is
/// `leg_names`. (The field table and the generic readers and writers use it.)
template <typename Enum>
inline constexpr std::span<const std::string_view> value_names_of{};
template <>
inline constexpr std::span<const std::string_view> value_names_of<Leg>{leg_names};
template <>
inline constexpr std::span<const std::string_view> value_names_of<Muscle>{muscle_names};
template <>
inline constexpr std::span<const std::string_view> value_names_of<CompressionClass>{compression_class_names};
template <>
inline constexpr std::span<const std::string_view> value_names_of<CompressionLength>{compression_length_names};

/// The name of an enum value as stored and printed ("left", "calf", "20-30", "knee", "aching").
std::string_view to_string(Leg value);
std::string_view to_string(Muscle value);
std::string_view to_string(CompressionClass value);
std::string_view to_string(CompressionLength value);
std::string_view to_string(Symptom value);

/// ISO 8601 text of an instant with its offset, e.g. `2026-11-22T02:30:00+01:00`.
std::string to_string(const Instant& instant);
/// ISO 8601 calendar date, e.g. `2026-11-21`.
std::string to_string(const Date& date);

/// The rule "must be one of a, b, c" for a list of names.
std::string one_of_rule(std::span<const std::string_view> names);

/// Read an enum value from its name; throws ValidationError naming `field` otherwise.
Leg parse_leg(std::string_view text, std::string_view field = "leg");
Muscle parse_muscle(std::string_view text, std::string_view field = "muscle");
CompressionClass parse_compression_class(std::string_view text, std::string_view field = "compression_class");
CompressionLength parse_compression_length(std::string_view text, std::string_view field = "compression_length");
Symptom parse_symptom(std::string_view text, std::string_view field = "symptom");

/// Read a value of any enum type that has `value_names_of` from its name; throws
/// ValidationError naming `field` and every allowed name otherwise.
template <typename Enum>
Enum parse_enum_value(std::string_view text, std::string_view field) {
    const auto names = value_names_of<Enum>;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return static_cast<Enum>(i);
    throw ValidationError(std::string(field), std::string(text), one_of_rule(names));
}

/// One nocturnal leg-cramp episode.
struct CrampEpisode {
    std::int64_t id = 0;                ///< assigned by the diary; 0 before it is stored
    Instant onset;                      ///< when it began (required)
    std::int32_t duration_s = 0;        ///< how long, 1..3600 seconds
    Leg leg = Leg::left;                ///< which leg (required)
    Muscle muscle = Muscle::calf;       ///< which muscle
    std::optional<int> intensity;       ///< 0–10 numeric rating scale
    std::optional<bool> woke;           ///< did it wake the person
    std::optional<std::string> notes;   ///< at most 2000 characters

    /// Equal in every stored field but the id: the diary keeps such an episode once.
    [[nodiscard]] bool same_entry(const CrampEpisode& other) const;

    friend bool operator==(const CrampEpisode&, const CrampEpisode&) = default;
};

/// The morning check-in for one night. A check-in with no cramp episodes says
/// "no cramps last night".
struct NightRecord {
    Date night;                          ///< the night, named by its evening's date (key)
    std::optional<Instant> bedtime;      ///< when the person went to bed
    std::optional<Instant> waketime;     ///< when they got up; after bedtime
    std::optional<int> sleep_quality;    ///< 0–10
    std::optional<std::string> notes;    ///< at most 2000 characters

    friend bool operator==(const NightRecord&, const NightRecord&) = default;
};

/// What happened during one day; day D comes before night D.
struct DayLog {
    Date day;                                        ///< the day (key)
    std::optional<double> compression_hours;         ///< 0–24; 0 = not worn, null = unknown
    std::optional<CompressionClass> compression_class;
    std::optional<CompressionLength> compression_length;
    std::optional<int> swelling_grade;               ///< 0 none … 3 severe
    std::optional<double> ankle_left_cm;             ///< 10–80 cm
    std::optional<double> ankle_right_cm;            ///< 10–80 cm
    std::optional<double> calf_left_cm;              ///< 10–80 cm
    std::optional<double> calf_right_cm;             ///< 10–80 cm
    std::optional<double> standing_hours;            ///< 0–24
    std::optional<double> water_l;                   ///< 0–15 litres
    std::optional<int> exercise_min;                 ///< 0–1440
    std::optional<int> elevation_min;                ///< 0–1440
    std::array<std::optional<int>, symptom_count> symptoms{};  ///< each 0–10, in `Symptom` order
    std::optional<bool> skin_discoloration;          ///< observed that day
    std::optional<bool> ulcer;                       ///< observed that day
    std::set<std::string> tags;                      ///< each 1–40 chars of [a-z0-9_-]
    std::optional<std::string> notes;                ///< at most 2000 characters

    /// The value of one symptom item.
    [[nodiscard]] std::optional<int>& symptom(Symptom item) { return symptoms[static_cast<std::size_t>(item)]; }
    [[nodiscard]] const std::optional<int>& symptom(Symptom item) const {
        return symptoms[static_cast<std::size_t>(item)];
    }

    friend bool operator==(const DayLog&, const DayLog&) = default;
};

/// The limits of the data model, named once for validation, the schema and the docs.
namespace limits {
inline constexpr int min_offset_minutes = -12 * 60;
inline constexpr int max_offset_minutes = 14 * 60;
inline constexpr int min_duration_s = 1;
inline constexpr int max_duration_s = 3600;
/// Longer episodes are stored but flagged: sleep-related cramps rarely last this long.
inline constexpr int plausible_duration_s = 600;
inline constexpr int future_tolerance_s = 5 * 60;
inline constexpr std::size_t max_notes_chars = 2000;
inline constexpr std::size_t max_tag_chars = 40;
inline constexpr double min_circumference_cm = 10.0;
inline constexpr double max_circumference_cm = 80.0;
inline constexpr double max_water_l = 15.0;
inline constexpr int max_minutes_per_day = 1440;
inline constexpr int max_scale = 10;
inline constexpr int max_swelling_grade = 3;
inline constexpr int min_year = 1900;
inline constexpr int max_year = 9999;
}  // namespace limits

/// Every rule the value breaks, in field order; empty when it is valid. `now_utc` is the
/// diary's clock: an onset more than 5 minutes after it is refused.
std::vector<Problem> check(const CrampEpisode& episode, const DateTime& now_utc);
std::vector<Problem> check(const NightRecord& record);
std::vector<Problem> check(const DayLog& log);

/// Throw a ValidationError listing every rule the value breaks.
void validate(const CrampEpisode& episode, const DateTime& now_utc);
void validate(const NightRecord& record);
void validate(const DayLog& log);

/// `stored` with every value that `changes` sets put over it, and `changes`' tags added:
/// how a second check-in of the same night or day adds to the first without erasing it.
/// The key (night or day) is `changes`'.
NightRecord merged(const NightRecord& stored, const NightRecord& changes);
DayLog merged(const DayLog& stored, const DayLog& changes);

/// Whether an episode is unusually long (over 10 minutes): stored, but worth a warning.
[[nodiscard]] bool is_unusually_long(const CrampEpisode& episode);

/// Rules shared by several fields, exposed for the parsers and the bindings.
/// Checks that text is valid UTF-8 without NUL bytes, at most `max_chars` code points.
std::optional<Problem> check_text(std::string_view field, std::string_view text, std::size_t max_chars);
/// Checks a tag: 1–40 characters of [a-z0-9_-].
std::optional<Problem> check_tag(std::string_view tag, std::string_view field = "tags");
/// Checks an instant: a valid date-time in years 1900–9999 with an offset in −12:00..+14:00.
std::optional<Problem> check_instant(std::string_view field, const Instant& instant);

}  // namespace legdiary
