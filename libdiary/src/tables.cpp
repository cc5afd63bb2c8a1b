#include "legdiary/tables.hpp"

namespace legdiary {
namespace {
const Date epoch_date(1970, 1, 1);
}

DayNumber day_number(const Date& date) { return (date - epoch_date).days(); }

Date from_day_number(DayNumber day) { return epoch_date + boost::gregorian::days(static_cast<long>(day)); }

void EpisodeTable::reserve(std::size_t rows) {
    id.reserve(rows);
    night.reserve(rows);
    onset_utc_ns.reserve(rows);
    offset_minutes.reserve(rows);
    duration_s.reserve(rows);
    leg.reserve(rows);
    muscle.reserve(rows);
    intensity.reserve(rows);
    woke.reserve(rows);
}

void NightTable::reserve(std::size_t rows) {
    night.reserve(rows);
    sleep_quality.reserve(rows);
}

void DayTable::reserve(std::size_t rows, std::size_t tags) {
    for (auto* column : {&compression_hours, &ankle_left_cm, &ankle_right_cm, &calf_left_cm, &calf_right_cm,
                         &standing_hours, &water_l})
        column->reserve(rows);
    for (auto* column : {&compression_class, &compression_length, &swelling_grade, &skin_discoloration, &ulcer})
        column->reserve(rows);
    for (auto& symptom : symptoms) symptom.reserve(rows);
    day.reserve(rows);
    exercise_min.reserve(rows);
    elevation_min.reserve(rows);
    tag_row.reserve(tags);
    tag.reserve(tags);
}

int EpisodeTable::local_hour(std::size_t row) const {
    constexpr std::int64_t ns_per_s = 1'000'000'000;
    const std::int64_t local_s = onset_utc_ns[row] / ns_per_s + std::int64_t{offset_minutes[row]} * 60;
    const std::int64_t second_of_day = ((local_s % 86400) + 86400) % 86400;
    return static_cast<int>(second_of_day / 3600);
}

}  // namespace legdiary
