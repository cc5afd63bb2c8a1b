// Records a cramp through the installed library and reads it back; exits non-zero if
// anything a user relies on is off.
#include <filesystem>
#include <iostream>

#include <legdiary/diary.hpp>
#include <legdiary/time.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer FOLDER\n";
        return 2;
    }
    const auto path = std::filesystem::path(argv[1]) / "consumer.db";
    std::filesystem::remove(path);
    legdiary::Diary diary(path);

    legdiary::CrampEpisode cramp;
    cramp.onset = legdiary::parse_instant("2026-11-22T02:30:00+01:00");
    cramp.duration_s = 75;
    cramp.leg = legdiary::Leg::right;
    const auto added = diary.add_cramp(cramp);

    const auto night = legdiary::parse_date("2026-11-21");
    const auto stored = diary.cramps({night, night});
    if (!added.inserted || stored.size() != 1 || stored.front().duration_s != 75 ||
        diary.night_of(stored.front().onset) != night) {
        std::cerr << "consumer: the stored cramp did not come back as recorded\n";
        return 1;
    }
    try {
        cramp.duration_s = 0;
        diary.add_cramp(cramp);
        std::cerr << "consumer: a zero-second cramp was accepted\n";
        return 1;
    } catch (const legdiary::ValidationError& error) {
        if (error.field() != "duration_s") return 1;
    }
    std::cout << "consumer: ok (cramp #" << added.id << " on night " << legdiary::to_string(night) << ")\n";
    return 0;
}
