// Deterministic synthetic diaries for tests, benchmarks and the example notebook.
// The same options and seed give the same entries on every machine (std::mt19937_64 is
// fully specified; the distributions are drawn by hand from its output for that reason,
// since std::*_distribution may differ between standard libraries).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <legdiary/diary.hpp>
#include <legdiary/time.hpp>

namespace legdiary::synthetic {

/// What kind of diary to make.
struct Options {
    std::int64_t nights = 90;          ///< how many nights, ending at `last_night`
    /// The last night. A diary too long to end there (the model's dates start in 1900)
    /// starts on 1900-01-01 instead.
    Date last_night = Date(2026, 11, 20);
    std::uint64_t seed = 1;
    double cramps_per_night = 0.6;     ///< mean episodes on a night without compression
    double compression_effect = 0.7;   ///< rate multiplier on nights after a compression day
    double improvement = 0.5;          ///< rate multiplier reached by the last night (linear)
    double missing_fraction = 0.1;     ///< nights with no entry at all
    double compression_fraction = 0.5; ///< days with socks worn (others: 0 h, or unknown)
    /// UTC offset in minutes for each local time; default: Central European time with its
    /// DST changes (last Sunday of March / October), so DST nights occur.
    bool european_dst = true;
    /// Also log the habits of SPEC 6's factor screen on each day (standing hours, water,
    /// exercise, legs raised), with nights whose cramps rise with the hours stood and vary
    /// more than Poisson counts. Drawn from a second generator, so that the diary of the
    /// same seed without them stays exactly what it was.
    bool habits = false;
};

namespace detail {

inline double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

inline int poisson(std::mt19937_64& rng, double mean) {
    // Knuth's method: means here are small (< 5).
    const double limit = std::exp(-mean);
    int count = 0;
    for (double product = uniform(rng); product > limit; product *= uniform(rng)) ++count;
    return count;
}

// A standard normal draw (Box–Muller; the second value is thrown away).
inline double normal(std::mt19937_64& rng) {
    const double u = 1 - uniform(rng);  // in (0, 1]
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * uniform(rng));
}

// The habits of one day (Options::habits), each known on some days only.
inline void draw_habits(std::mt19937_64& rng, DayLog& day) {
    if (uniform(rng) < 0.9) day.standing_hours = std::round((1 + 9 * uniform(rng)) * 2) / 2;
    if (uniform(rng) < 0.75) day.water_l = std::round((0.5 + 3 * uniform(rng)) * 10) / 10;
    if (uniform(rng) < 0.6) day.exercise_min = uniform(rng) < 0.4 ? 0 : 5 * static_cast<int>(2 + 17 * uniform(rng));
    if (uniform(rng) < 0.5) day.elevation_min = 15 * static_cast<int>(5 * uniform(rng));
}

inline Date last_sunday(int year, int month) {
    Date last = boost::gregorian::gregorian_calendar::end_of_month_day(
                    static_cast<unsigned short>(year), static_cast<unsigned short>(month)) == 31
                    ? Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 31)
                    : Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 30);
    while (last.day_of_week() != boost::gregorian::Sunday) last -= boost::gregorian::days(1);
    return last;
}

// Central European offset at a local time (the fold's ambiguous hour takes summer time).
inline int cet_offset(const DateTime& local) {
    const int year = local.date().year();
    const DateTime summer_from(last_sunday(year, 3), boost::posix_time::hours(2));
    const DateTime summer_to(last_sunday(year, 10), boost::posix_time::hours(3));
    return local >= summer_from && local < summer_to ? 120 : 60;
}

}  // namespace detail

/// The entries of a synthetic diary (night boundary 12).
inline Diary::Batch make(const Options& options) {
    namespace pt = boost::posix_time;
    std::mt19937_64 rng(options.seed);
    std::mt19937_64 habits_rng(options.seed ^ 0x9e3779b97f4a7c15ULL);
    Diary::Batch batch;
    const Date earliest(static_cast<unsigned short>(limits::min_year), 1, 1);
    const long span = static_cast<long>(options.nights - 1);
    const Date first = (options.last_night - earliest).days() >= span
                           ? options.last_night - boost::gregorian::days(span)
                           : earliest;
    static const char* const tags[] = {"magnesium", "long-flight", "stretching"};
    for (std::int64_t i = 0; i < options.nights; ++i) {
        const Date night = first + boost::gregorian::days(static_cast<long>(i));
        const bool missing = detail::uniform(rng) < options.missing_fraction;

        DayLog day;
        day.day = night;
        const double socks = detail::uniform(rng);
        bool compression = false;
        if (socks < options.compression_fraction) {
            compression = true;
            day.compression_hours = std::round((6 + 8 * detail::uniform(rng)) * 4) / 4;
            day.compression_class = CompressionClass::mmhg_20_30;
            day.compression_length = CompressionLength::knee;
        } else if (socks < options.compression_fraction + 0.3) {
            day.compression_hours = 0;
        }
        day.swelling_grade = static_cast<int>(detail::uniform(rng) * (compression ? 2 : 4));
        if (detail::uniform(rng) < 0.4) {
            day.calf_left_cm = std::round((36 + 3 * detail::uniform(rng)) * 10) / 10;
            day.calf_right_cm = std::round((35.5 + 3 * detail::uniform(rng)) * 10) / 10;
        }
        day.symptom(Symptom::heaviness) = static_cast<int>(detail::uniform(rng) * 8);
        day.symptom(Symptom::aching) = static_cast<int>(detail::uniform(rng) * 6);
        for (const char* tag : tags)
            if (detail::uniform(rng) < 0.15) day.tags.insert(tag);
        if (options.habits) detail::draw_habits(habits_rng, day);
        if (!missing) batch.days.push_back(day);
        if (missing) continue;

        const double progress = options.nights > 1 ? static_cast<double>(i) / static_cast<double>(options.nights - 1) : 0;
        double mean = options.cramps_per_night * (compression ? options.compression_effect : 1.0) *
                      (1 - (1 - options.improvement) * progress);
        if (options.habits) {
            // 4% more cramps per hour stood that day, and a log-normal frailty per night
            // (σ = 0.5, mean 1): an NB2-like spread with α about 0.28.
            if (day.standing_hours) mean *= std::exp(0.04 * (*day.standing_hours - 5));
            mean *= std::exp(0.5 * detail::normal(habits_rng) - 0.125);
        }
        const int episodes = detail::poisson(rng, mean);
        if (episodes == 0 || detail::uniform(rng) < 0.5) {
            NightRecord record;
            record.night = night;
            record.sleep_quality = static_cast<int>(detail::uniform(rng) * 11);
            batch.nights.push_back(record);
        }
        // Episodes at distinct minutes between 22:00 and 07:59, shortest first apart.
        std::vector<int> minutes;
        for (int k = 0; k < episodes; ++k) {
            int minute = static_cast<int>(detail::uniform(rng) * 600) / 20 * 20;
            DateTime local = DateTime(night, pt::hours(22)) + pt::minutes(minute);
            // 02:00–02:59 does not exist the night the clocks go forward.
            if (options.european_dst && local.date() == detail::last_sunday(local.date().year(), 3) &&
                local.time_of_day().hours() == 2) {
                local += pt::hours(1);
                minute += 60;  // so that an episode drawn at 03:xx that night is not a second one
            }
            bool taken = false;
            for (int m : minutes) taken = taken || m == minute;
            if (taken) continue;
            minutes.push_back(minute);
            CrampEpisode episode;
            episode.onset = Instant{local, options.european_dst ? detail::cet_offset(local) : 60};
            episode.duration_s = 20 + static_cast<int>(detail::uniform(rng) * 280);
            const double leg = detail::uniform(rng);
            episode.leg = leg < 0.45 ? Leg::left : leg < 0.9 ? Leg::right : Leg::both;
            episode.muscle = detail::uniform(rng) < 0.8 ? Muscle::calf : Muscle::foot;
            episode.intensity = 2 + static_cast<int>(detail::uniform(rng) * 9);
            if (detail::uniform(rng) < 0.9) episode.woke = detail::uniform(rng) < 0.7;
            batch.cramps.push_back(episode);
        }
    }
    return batch;
}

}  // namespace legdiary::synthetic
