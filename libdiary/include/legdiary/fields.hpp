/// @file fields.hpp
/// The field table: each entry type's fields described once — name, member, kind, bounds,
/// unit — in the data-model layer. Validation and merging (model), the SQL column lists,
/// binding and reading (store), the columnar tables, CSV, JSON and FHIR (io) and the Python
/// properties, constructors and frames (bindings) are loops over these tables, so a field
/// is added in one place and every writer and reader sees it. (docs/design.md, "The field
/// table".)
///
/// A field's accessor reaches the member of the entry (`CrampEpisode`, `NightRecord`,
/// `DayLog`) and, where the columnar table (tables.hpp) has a column of the same name, that
/// column too; `has_column_in<Table, decltype(field)>` tells which.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "legdiary/model.hpp"

namespace legdiary {

/// What kind of value a field holds; it decides its SQL type, CSV and JSON form and checks.
enum class FieldKind {
    date,         ///< a calendar date (`Date`), `YYYY-MM-DD`
    instant,      ///< a local date-time with its UTC offset (`Instant`), ISO 8601
    integer,      ///< a whole number within [low, high]
    real,         ///< a number within [low, high]
    enumeration,  ///< one of `value_names`
    boolean,      ///< true or false
    text,         ///< UTF-8 free text of at most `max_chars` code points
    tag_set       ///< a set of tags (`check_tag`), stored in a table of their own
};

/// The kind's name: "date", "instant", "integer", "real", "enumeration", "boolean", "text",
/// "tag_set".
std::string_view to_string(FieldKind kind);

/// The description of one field. Everything but the member.
struct FieldInfo {
    std::string_view name;                          ///< field, column, CSV, JSON and Python name
    FieldKind kind = FieldKind::integer;            ///< what it holds
    bool required = false;                          ///< must be given (keys; onset, duration_s, leg)
    double low = 0;                                 ///< integer and real: smallest allowed value
    double high = 0;                                ///< integer and real: largest allowed value
    std::string_view unit;                          ///< after the bounds in a rule: "cm", "hours", …
    std::span<const std::string_view> value_names;  ///< enumeration: every value's name, in order
    std::size_t max_chars = 0;                      ///< text: the most code points allowed
    std::string_view label;                         ///< words for a person (report, FHIR, docs)
};

/// One field: its description and its accessor, `get(entry)` → the member (a reference,
/// const when the entry is). The accessor is SFINAE-friendly, so it can be asked whether it
/// also reaches a columnar table.
template <typename Access>
struct Field {
    FieldInfo info;
    Access get;
};

template <typename Access>
Field(FieldInfo, Access) -> Field<Access>;

/// Whether the accessor of field type `F` (`decltype(field)`) reaches a member of `Table`,
/// e.g. a column of `DayTable`.
template <typename Table, typename F>
inline constexpr bool has_column_in = std::is_invocable_v<decltype(std::remove_cvref_t<F>::get), Table&>;

namespace detail {

// An accessor of member `member` of any row type that has it; SFINAE-friendly by its
// trailing return type.
#define LEGDIARY_FIELD_MEMBER(member) [](auto& row) -> decltype((row.member)) { return row.member; }

// Builders of descriptions (designated initializers would do, but GCC 12 warns of every
// member they leave at its default).
constexpr FieldInfo info_of(std::string_view name, FieldKind kind, std::string_view label) {
    FieldInfo info{};
    info.name = name;
    info.kind = kind;
    info.label = label;
    return info;
}

constexpr FieldInfo required_info(std::string_view name, FieldKind kind, std::string_view label) {
    FieldInfo info = info_of(name, kind, label);
    info.required = true;
    return info;
}

constexpr FieldInfo bounded_info(std::string_view name, FieldKind kind, double low, double high,
                                 std::string_view unit, std::string_view label) {
    FieldInfo info = info_of(name, kind, label);
    info.low = low;
    info.high = high;
    info.unit = unit;
    return info;
}

constexpr FieldInfo real_info(std::string_view name, double low, double high, std::string_view unit,
                              std::string_view label) {
    return bounded_info(name, FieldKind::real, low, high, unit, label);
}

constexpr FieldInfo integer_info(std::string_view name, double low, double high, std::string_view unit,
                                 std::string_view label) {
    return bounded_info(name, FieldKind::integer, low, high, unit, label);
}

constexpr FieldInfo enum_info(std::string_view name, std::span<const std::string_view> names, bool required,
                              std::string_view label) {
    FieldInfo info = info_of(name, FieldKind::enumeration, label);
    info.required = required;
    info.value_names = names;
    return info;
}

constexpr FieldInfo required(FieldInfo info) {
    info.required = true;
    return info;
}

constexpr FieldInfo boolean_info(std::string_view name, std::string_view label) {
    return info_of(name, FieldKind::boolean, label);
}

constexpr FieldInfo notes_info() {
    FieldInfo info = info_of("notes", FieldKind::text, "free text, at most 2000 characters");
    info.max_chars = limits::max_notes_chars;
    return info;
}

template <std::size_t I>
constexpr auto symptom_field() {
    return Field{integer_info(symptom_names[I], 0, limits::max_scale, "", symptom_names[I]),
                 [](auto& row) -> decltype((row.symptoms[I])) { return row.symptoms[I]; }};
}

template <std::size_t... I>
constexpr auto symptom_fields(std::index_sequence<I...>) {
    return std::tuple{symptom_field<I>()...};
}

}  // namespace detail

/// The fields of a cramp episode, in CSV and JSON order. The id is the diary's, not a field.
inline constexpr auto cramp_fields = std::tuple{
    Field{detail::required_info("onset", FieldKind::instant, "when it began, with the UTC offset recorded"),
          LEGDIARY_FIELD_MEMBER(onset)},
    Field{detail::required(detail::integer_info("duration_s", limits::min_duration_s, limits::max_duration_s,
                                                "seconds", "how long it lasted")),
          LEGDIARY_FIELD_MEMBER(duration_s)},
    Field{detail::enum_info("leg", leg_names, true, "the leg that cramped"), LEGDIARY_FIELD_MEMBER(leg)},
    // Not required: an entry without one takes the data model's default (calf).
    Field{detail::enum_info("muscle", muscle_names, false, "the muscle that cramped (calf when not given)"), LEGDIARY_FIELD_MEMBER(muscle)},
    Field{detail::integer_info("intensity", 0, limits::max_scale, "", "intensity on the 0-10 numeric rating scale"),
          LEGDIARY_FIELD_MEMBER(intensity)},
    Field{detail::boolean_info("woke", "whether it woke the person"), LEGDIARY_FIELD_MEMBER(woke)},
    Field{detail::notes_info(), LEGDIARY_FIELD_MEMBER(notes)},
};

/// The fields of a night record (morning check-in), in CSV and JSON order.
inline constexpr auto night_fields = std::tuple{
    Field{detail::required_info("night", FieldKind::date, "the night, named by its evening's date"),
          LEGDIARY_FIELD_MEMBER(night)},
    Field{detail::info_of("bedtime", FieldKind::instant, "when the person went to bed"), LEGDIARY_FIELD_MEMBER(bedtime)},
    Field{detail::info_of("waketime", FieldKind::instant, "when they got up; after bedtime"),
          LEGDIARY_FIELD_MEMBER(waketime)},
    Field{detail::integer_info("sleep_quality", 0, limits::max_scale, "", "sleep quality, 0 worst to 10 best"),
          LEGDIARY_FIELD_MEMBER(sleep_quality)},
    Field{detail::notes_info(), LEGDIARY_FIELD_MEMBER(notes)},
};

/// The fields of a day log, in CSV and JSON order.
inline constexpr auto day_fields = std::tuple_cat(
    std::tuple{
        Field{detail::required_info("day", FieldKind::date, "the day (day D comes before night D)"),
              LEGDIARY_FIELD_MEMBER(day)},
        Field{detail::real_info("compression_hours", 0, 24, "hours", "hours wearing compression stockings (0 = not worn)"),
              LEGDIARY_FIELD_MEMBER(compression_hours)},
        Field{detail::enum_info("compression_class", compression_class_names, false, "compression class (mmHg)"),
              LEGDIARY_FIELD_MEMBER(compression_class)},
        Field{detail::enum_info("compression_length", compression_length_names, false, "stocking length"),
              LEGDIARY_FIELD_MEMBER(compression_length)},
        Field{detail::integer_info("swelling_grade", 0, limits::max_swelling_grade, "", "swelling grade, 0 none, 1 mild, 2 moderate, 3 severe"),
              LEGDIARY_FIELD_MEMBER(swelling_grade)},
        Field{detail::real_info("ankle_left_cm", limits::min_circumference_cm, limits::max_circumference_cm, "cm",
                                "left ankle circumference"),
              LEGDIARY_FIELD_MEMBER(ankle_left_cm)},
        Field{detail::real_info("ankle_right_cm", limits::min_circumference_cm, limits::max_circumference_cm, "cm",
                                "right ankle circumference"),
              LEGDIARY_FIELD_MEMBER(ankle_right_cm)},
        Field{detail::real_info("calf_left_cm", limits::min_circumference_cm, limits::max_circumference_cm, "cm",
                                "left calf circumference"),
              LEGDIARY_FIELD_MEMBER(calf_left_cm)},
        Field{detail::real_info("calf_right_cm", limits::min_circumference_cm, limits::max_circumference_cm, "cm",
                                "right calf circumference"),
              LEGDIARY_FIELD_MEMBER(calf_right_cm)},
        Field{detail::real_info("standing_hours", 0, 24, "hours", "hours standing"),
              LEGDIARY_FIELD_MEMBER(standing_hours)},
        Field{detail::real_info("water_l", 0, limits::max_water_l, "litres", "water drunk"),
              LEGDIARY_FIELD_MEMBER(water_l)},
        Field{detail::integer_info("exercise_min", 0, limits::max_minutes_per_day, "minutes", "minutes of exercise"),
              LEGDIARY_FIELD_MEMBER(exercise_min)},
        Field{detail::integer_info("elevation_min", 0, limits::max_minutes_per_day, "minutes",
                                   "minutes with legs raised"),
              LEGDIARY_FIELD_MEMBER(elevation_min)},
    },
    detail::symptom_fields(std::make_index_sequence<symptom_count>{}),
    std::tuple{
        Field{detail::boolean_info("skin_discoloration", "skin discoloration observed that day"),
              LEGDIARY_FIELD_MEMBER(skin_discoloration)},
        Field{detail::boolean_info("ulcer", "a leg ulcer observed that day"), LEGDIARY_FIELD_MEMBER(ulcer)},
        Field{detail::info_of("tags", FieldKind::tag_set, "the day's tags, each 1-40 characters of a-z, 0-9, _ and -"), LEGDIARY_FIELD_MEMBER(tags)},
        Field{detail::notes_info(), LEGDIARY_FIELD_MEMBER(notes)},
    });

#undef LEGDIARY_FIELD_MEMBER

/// The field table of an entry type: `fields_of<DayLog>()` is `day_fields`.
template <typename Entry>
constexpr const auto& fields_of() {
    if constexpr (std::is_same_v<Entry, CrampEpisode>) return cramp_fields;
    else if constexpr (std::is_same_v<Entry, NightRecord>) return night_fields;
    else {
        static_assert(std::is_same_v<Entry, DayLog>, "fields_of: CrampEpisode, NightRecord or DayLog");
        return day_fields;
    }
}

/// Calls `visit(field)` for every field of `Entry`, in table order.
template <typename Entry, typename Visit>
constexpr void for_each_field(Visit&& visit) {
    std::apply([&](const auto&... field) { (visit(field), ...); }, fields_of<Entry>());
}

/// The number of fields of `Entry`.
template <typename Entry>
inline constexpr std::size_t field_count = std::tuple_size_v<std::remove_cvref_t<decltype(fields_of<Entry>())>>;

/// Every field's description, in table order: for code that looks fields up by name.
template <typename Entry>
constexpr std::array<FieldInfo, field_count<Entry>> field_infos() {
    return std::apply([](const auto&... field) { return std::array<FieldInfo, sizeof...(field)>{field.info...}; },
                      fields_of<Entry>());
}

/// The description of `Entry`'s field `name`: `field_info<DayLog>("water_l").high` is 15.
/// An unknown name throws std::invalid_argument (at compile time, a constant expression
/// with an unknown name does not compile).
template <typename Entry>
constexpr FieldInfo field_info(std::string_view name) {
    for (const auto& info : field_infos<Entry>())
        if (info.name == name) return info;
    throw std::invalid_argument("no such field");
}

/// The value type a member holds, without its std::optional: `std::optional<double>` → double.
template <typename T>
struct field_value {
    using type = T;
};
template <typename T>
struct field_value<std::optional<T>> {
    using type = T;
};
template <typename T>
using field_value_t = typename field_value<std::remove_cvref_t<T>>::type;

/// Whether a member is optional (null allowed).
template <typename T>
inline constexpr bool is_optional_field = !std::is_same_v<std::remove_cvref_t<T>, field_value_t<T>>;

}  // namespace legdiary
