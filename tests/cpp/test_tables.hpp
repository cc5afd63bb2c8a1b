/// @file test_tables.hpp
/// Hand-built columnar tables for the analysis, trial and report tests: nights described
/// as a string of cramp counts, and day logs with every value unknown but what a test sets.
#pragma once

#include <cstdint>
#include <string>

#include "legdiary/model.hpp"
#include "legdiary/tables.hpp"
#include "legdiary/time.hpp"

namespace test_tables {

/// Tables with a check-in on every night of `nightly` (one digit per night: its cramp
/// count; spaces ignored; `.` a night without any record) from `first` on.
inline legdiary::DiaryTables nightly_tables(const legdiary::Date& first, const std::string& nightly) {
    legdiary::DiaryTables tables;
    legdiary::DayNumber night = legdiary::day_number(first);
    for (char c : nightly) {
        if (c == ' ') continue;
        if (c != '.') {
            tables.nights.night.push_back(night);
            tables.nights.sleep_quality.push_back(legdiary::no_small);
            for (int k = 0; k < c - '0'; ++k) {
                auto& e = tables.episodes;
                e.id.push_back(static_cast<std::int64_t>(e.id.size()) + 1);
                e.night.push_back(night);
                e.onset_utc_ns.push_back((night + 1) * 86400 * std::int64_t{1'000'000'000});
                e.offset_minutes.push_back(0);
                e.duration_s.push_back(60);
                e.leg.push_back(0);
                e.muscle.push_back(0);
                e.intensity.push_back(legdiary::no_small);
                e.woke.push_back(legdiary::no_small);
            }
        }
        ++night;
    }
    return tables;
}

/// A day log with every value unknown but the compression hours; returns its row.
inline std::size_t add_day(legdiary::DiaryTables& tables, const legdiary::Date& day,
                           double compression_hours = legdiary::no_real) {
    using namespace legdiary;
    auto& t = tables.days;
    t.day.push_back(day_number(day));
    t.compression_hours.push_back(compression_hours);
    t.compression_class.push_back(no_small);
    t.compression_length.push_back(no_small);
    t.swelling_grade.push_back(no_small);
    for (auto* column : {&t.ankle_left_cm, &t.ankle_right_cm, &t.calf_left_cm, &t.calf_right_cm, &t.standing_hours,
                         &t.water_l})
        column->push_back(no_real);
    t.exercise_min.push_back(-1);
    t.elevation_min.push_back(-1);
    for (auto& symptom : t.symptoms) symptom.push_back(no_small);
    t.skin_discoloration.push_back(no_small);
    t.ulcer.push_back(no_small);
    return t.day.size() - 1;
}

}  // namespace test_tables
