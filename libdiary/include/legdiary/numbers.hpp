/// @file numbers.hpp
/// Numbers typed as text (command-line values, and whatever else reads a number from text):
/// one strict reader for whole numbers and one for real numbers, with one error text.
/// Model layer. Every error is a ValidationError `FIELD = "VALUE": RULE` naming the text as
/// typed, and a number too large for any integer type is refused by the same range rule as
/// one just past the bound — never "out of range" from the standard library.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace legdiary {

/// No lower bound, for parse_whole and whole_range_rule.
inline constexpr std::int64_t no_whole_low = std::numeric_limits<std::int64_t>::min();
/// No upper bound, for parse_whole and whole_range_rule.
inline constexpr std::int64_t no_whole_high = std::numeric_limits<std::int64_t>::max();

/// The rule of a whole-number range as the data model words it: `must be 0..10`,
/// `must be 1..3600 seconds`; with one side open, `must be at least 1` or `must be at most 9`;
/// with both open, `must be a whole number`. `unit`, when given, follows after a space.
std::string whole_range_rule(std::int64_t low, std::int64_t high, std::string_view unit = "");

/// The rule of a real-number range as the data model words it: `must be a number in 0..24
/// hours`, `must be a number in 10..80 cm` (bounds printed with up to 15 significant digits).
std::string real_range_rule(double low, double high, std::string_view unit = "");

/// Reads a whole number in low..high: optional `-`, then decimal digits, and nothing else
/// (no spaces, no `+`, no fraction). Text that is not a whole number throws ParseError
/// (rule `must be a whole number`, with the range when there is one: `must be a whole
/// number in 0..10`); a number outside low..high, however many digits it has, throws
/// ValidationError with whole_range_rule(low, high, unit).
std::int64_t parse_whole(std::string_view text, std::string_view field, std::int64_t low = no_whole_low,
                         std::int64_t high = no_whole_high, std::string_view unit = "");

/// As parse_whole, for a field held in an `int` (the range must lie within int's).
int parse_small_whole(std::string_view text, std::string_view field, int low, int high, std::string_view unit = "");

/// Reads a real number in low..high: decimal digits with an optional `-`, `.` fraction and
/// exponent (`9.5`, `37.25`, `1e1`). Text that is not such a number — `inf`, `nan`, hex
/// floats, spaces — and a number outside low..high (also one too large for a double) throw
/// ValidationError with real_range_rule(low, high, unit); the first as ParseError.
double parse_real(std::string_view text, std::string_view field, double low, double high, std::string_view unit = "");

struct FieldInfo;

/// parse_small_whole of a field of the field table, within its bounds and unit:
/// `parse_small_whole(text, field_info<DayLog>("exercise_min"))`.
int parse_small_whole(std::string_view text, const FieldInfo& field);

/// parse_real of a field of the field table, within its bounds and unit.
double parse_real(std::string_view text, const FieldInfo& field);

/// The rule a value outside a field's bounds breaks, e.g. "must be 0..1440 minutes" (the
/// data model's check and the parsers above say the same).
std::string bounds_rule(const FieldInfo& field);

}  // namespace legdiary
