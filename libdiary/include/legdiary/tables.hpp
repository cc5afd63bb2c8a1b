/// @file tables.hpp
/// Columnar views of a diary's entries: what the store hands to the analysis layer and to
/// the Python frames. Plain arrays of numbers, one element per row, with sentinels for
/// "no value" (NaN for reals, −1 for small integers and enum indexes) so that numpy can
/// share them without a copy.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "legdiary/model.hpp"

namespace legdiary {

/// Days since 1970-01-01: the representation of numpy's `datetime64[D]`.
using DayNumber = std::int64_t;

/// The day number of a date.
DayNumber day_number(const Date& date);
/// The date of a day number.
Date from_day_number(DayNumber day);

/// "No value" in a real column.
inline constexpr double no_real = std::numeric_limits<double>::quiet_NaN();
/// "No value" in a small integer or enum-index column.
inline constexpr std::int8_t no_small = -1;

/// Cramp episodes, one row each, in order of their UTC onset.
struct EpisodeTable {
    std::vector<std::int64_t> id;
    std::vector<DayNumber> night;              ///< the night the episode belongs to
    std::vector<std::int64_t> onset_utc_ns;    ///< onset, nanoseconds since the epoch, UTC
    std::vector<std::int32_t> offset_minutes;  ///< UTC offset at onset; local = utc + offset
    std::vector<std::int32_t> duration_s;
    std::vector<std::int8_t> leg;              ///< index into leg_names
    std::vector<std::int8_t> muscle;           ///< index into muscle_names
    std::vector<std::int8_t> intensity;        ///< 0–10, or no_small
    std::vector<std::int8_t> woke;             ///< 0/1, or no_small

    [[nodiscard]] std::size_t size() const { return id.size(); }
    /// Room for `rows` rows in every column (a reader that knows the count allocates once).
    void reserve(std::size_t rows);
    /// The local hour (0–23) of row `row`'s onset.
    [[nodiscard]] int local_hour(std::size_t row) const;
};

/// Night records (morning check-ins), one row per night that has one, in night order.
struct NightTable {
    std::vector<DayNumber> night;
    std::vector<std::int8_t> sleep_quality;    ///< 0–10, or no_small

    [[nodiscard]] std::size_t size() const { return night.size(); }
    /// Room for `rows` rows in every column.
    void reserve(std::size_t rows);
};

/// Day logs, one row per day that has one, in day order. A column named as a field of the
/// field table (fields.hpp) is filled, reserved and handed to Python by that field's loop:
/// a new day-log field needs only its column here, typed for its values.
struct DayTable {
    std::vector<DayNumber> day;
    std::vector<double> compression_hours;     ///< NaN = unknown; 0 = not worn
    std::vector<std::int8_t> compression_class;   ///< index into compression_class_names, or no_small
    std::vector<std::int8_t> compression_length;  ///< index into compression_length_names, or no_small
    std::vector<std::int8_t> swelling_grade;   ///< 0–3, or no_small
    std::vector<double> ankle_left_cm, ankle_right_cm, calf_left_cm, calf_right_cm;  ///< NaN = none
    std::vector<double> standing_hours, water_l;                                     ///< NaN = none
    std::vector<std::int16_t> exercise_min, elevation_min;                           ///< −1 = none
    std::array<std::vector<std::int8_t>, symptom_count> symptoms;  ///< per item, 0–10 or no_small
    std::vector<std::int8_t> skin_discoloration, ulcer;            ///< 0/1, or no_small
    /// Tags as a long table: tag_row[k] is the row (index into `day`) that has tag[k].
    std::vector<std::uint32_t> tag_row;
    std::vector<std::string> tag;

    [[nodiscard]] std::size_t size() const { return day.size(); }
    /// Room for `rows` day logs in every column and for `tags` tags.
    void reserve(std::size_t rows, std::size_t tags);
};

/// Everything the analysis layer needs about a range of nights.
struct DiaryTables {
    EpisodeTable episodes;
    NightTable nights;
    DayTable days;
};

}  // namespace legdiary
