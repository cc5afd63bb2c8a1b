/// @file time.hpp
/// Night assignment, parsing and printing of dates, instants and durations, and the
/// local time zone. Local zone conversions follow the `TZ` environment variable (the C
/// library's zone database); the clock follows `LEGDIARY_NOW` when it is set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "legdiary/model.hpp"

namespace legdiary {

/// The default night boundary hour: an instant belongs to the night of date(local − 12 h).
inline constexpr int default_night_boundary_hour = 12;

/// The night an instant belongs to: the date of (local time − `boundary_hour` hours).
/// With boundary 12, 2026-11-22T02:30 and 2026-11-21T22:00 both belong to night 2026-11-21.
/// Uses local time, so DST changes and travel never move an episode to another night.
Date night_of(const Instant& instant, int boundary_hour = default_night_boundary_hour);

/// The local wall-clock time at which night `night` begins (its boundary hour that day).
DateTime night_start(const Date& night, int boundary_hour = default_night_boundary_hour);

/// Reads a calendar date `YYYY-MM-DD`; throws ParseError naming `field` otherwise.
Date parse_date(std::string_view text, std::string_view field = "date");

/// Reads an ISO 8601 instant with its offset: `YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM|±HHMM)`.
/// Fractions of a second are dropped. Throws ParseError naming `field` otherwise.
Instant parse_instant(std::string_view text, std::string_view field = "time");

/// As parse_instant, but the offset may be left out: the local zone's offset at that
/// wall-clock time is used (see from_local).
Instant parse_instant_local(std::string_view text, std::string_view field = "time");

/// The local zone's UTC offset, in minutes, at a UTC moment.
int local_offset_minutes(const DateTime& utc);

/// A UTC moment as local wall-clock time with its offset.
Instant to_local(const DateTime& utc);

/// A local wall-clock time with the offset in force there. A time that does not exist
/// (skipped when clocks go forward) throws ParseError naming `field`; a time that exists
/// twice (when clocks go back) gives the earlier moment.
Instant from_local(const DateTime& local, std::string_view field = "time");

/// A date for people: "Fri 20 Nov", with the year when it is not `today`'s ("Fri 20 Nov 2025").
[[nodiscard]] std::string day_label(const Date& date, const Date& today);

/// The current moment in the local zone, whole seconds. When `LEGDIARY_NOW` is set (ISO
/// 8601, offset optional) it is that moment instead — for reproducible scripts and tests.
Instant now();

/// Reads a time as a person types it at the command line, relative to `now` (local zone):
/// ISO 8601 (offset optional), `now`, `HH:MM` (its latest occurrence not after now),
/// `yesterday HH:MM`, `YYYY-MM-DD HH:MM`, `-45m`, `45m ago`, `2h ago`, `1h30m ago`.
/// Throws ParseError naming `field`.
Instant parse_time_expression(std::string_view text, const Instant& now, std::string_view field = "time");

/// Reads a duration: `90`, `90s`, `2m`, `1m30s`, `1h`, `1:30` (minutes:seconds). Whole
/// seconds, at least 0; the data model's range check comes later. Amounts of any number of
/// digits are read (past 10^15 seconds they read as 10^15), never overflow. Throws ParseError.
std::int64_t parse_duration(std::string_view text, std::string_view field = "duration");

/// As parse_duration, and in low_s..high_s seconds: a duration outside (however many digits
/// it has) throws ValidationError `FIELD = "TEXT": must be LOW..HIGH seconds`, the data
/// model's rule, e.g. `duration_s = "99999999999999999999s": must be 1..3600 seconds`.
std::int64_t parse_duration(std::string_view text, std::string_view field, std::int64_t low_s, std::int64_t high_s);

/// A duration for people: `45 s`, `1 min 30 s`, `1 h 2 min`.
std::string format_duration(std::int64_t seconds);

}  // namespace legdiary
