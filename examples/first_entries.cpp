// A first look at the library: create a diary, record a few entries, print them back.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <legdiary/diary.hpp>
#include <legdiary/time.hpp>

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    const fs::path path = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "legdiary-example.db";
    try {
        legdiary::Diary diary(path);

        legdiary::CrampEpisode cramp;
        cramp.onset = legdiary::parse_instant("2026-11-20T02:41:00+01:00");
        cramp.duration_s = 90;
        cramp.leg = legdiary::Leg::left;
        cramp.intensity = 7;
        cramp.woke = true;
        const auto added = diary.add_cramp(cramp);

        legdiary::NightRecord morning;
        morning.night = legdiary::parse_date("2026-11-20");
        morning.sleep_quality = 5;
        diary.put_night(morning);

        legdiary::DayLog day;
        day.day = legdiary::parse_date("2026-11-20");
        day.compression_hours = 9.5;
        day.compression_class = legdiary::CompressionClass::mmhg_20_30;
        day.swelling_grade = 1;
        day.tags = {"magnesium"};
        diary.put_day(day);

        std::cout << "diary: " << diary.path() << " (night boundary " << diary.night_boundary_hour() << ":00)\n";
        std::cout << (added.inserted ? "stored" : "already stored") << " cramp #" << added.id << '\n';
        const legdiary::NightRange range{legdiary::parse_date("2026-11-14"), legdiary::parse_date("2026-11-21")};
        for (const auto& episode : diary.cramps(range))
            std::cout << "cramp #" << episode.id << "  " << legdiary::to_string(episode.onset) << "  night "
                      << legdiary::to_string(diary.night_of(episode.onset)) << "  "
                      << legdiary::format_duration(episode.duration_s) << "  " << legdiary::to_string(episode.leg)
                      << ' ' << legdiary::to_string(episode.muscle) << '\n';
        for (const auto& record : diary.nights(range))
            std::cout << "night " << legdiary::to_string(record.night) << "  sleep quality "
                      << record.sleep_quality.value_or(-1) << '\n';
        for (const auto& log : diary.days(range))
            std::cout << "day " << legdiary::to_string(log.day) << "  socks " << log.compression_hours.value_or(0)
                      << " h, swelling grade " << log.swelling_grade.value_or(-1) << ", tags "
                      << log.tags.size() << '\n';
    } catch (const legdiary::Error& error) {
        std::cerr << "legdiary: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
