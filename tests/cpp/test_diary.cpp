// The store: entries in and out, replacement, duplicates and overlaps, nights across DST
// changes, all-or-nothing writes, files it must refuse and leave alone, file modes,
// backups, columnar tables and sharing one file between connections.
#include <cmath>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/time.hpp"
#include "test_support.hpp"

using namespace legdiary;
using test_support::at;
using test_support::contents;
using test_support::date;
using test_support::dump;
using test_support::everything;
using test_support::fields_of;
using test_support::file_bytes;
using test_support::fixed_clock;
using test_support::instant;
using test_support::mode_of;
using test_support::RawDatabase;
using test_support::ScopedEnv;
using test_support::ScopedUmask;
using test_support::TempDir;
using test_support::test_now_utc;

namespace {

CrampEpisode episode(const Instant& onset, int duration_s = 60, Leg leg = Leg::left) {
    CrampEpisode e;
    e.onset = onset;
    e.duration_s = duration_s;
    e.leg = leg;
    return e;
}

CrampEpisode full_episode() {
    CrampEpisode e = episode(instant(2026, 11, 22, 2, 30, 0, 60), 95, Leg::right);
    e.muscle = Muscle::foot;
    e.intensity = 7;
    e.woke = true;
    e.notes = "woke up, stretched, caf\xC3\xA9 earlier";
    return e;
}

NightRecord full_night(const Date& night) {
    NightRecord record;
    record.night = night;
    record.bedtime = Instant{DateTime(night, boost::posix_time::hours(22) + boost::posix_time::minutes(40)), 60};
    record.waketime = Instant{DateTime(night + boost::gregorian::days(1), boost::posix_time::hours(6)), 60};
    record.sleep_quality = 6;
    record.notes = "restless";
    return record;
}

DayLog full_day(const Date& day) {
    DayLog log;
    log.day = day;
    log.compression_hours = 9.5;
    log.compression_class = CompressionClass::mmhg_20_30;
    log.compression_length = CompressionLength::thigh;
    log.swelling_grade = 2;
    log.ankle_left_cm = 24.5;
    log.ankle_right_cm = 25.25;
    log.calf_left_cm = 38;
    log.calf_right_cm = 37.5;
    log.standing_hours = 7.5;
    log.water_l = 2.25;
    log.exercise_min = 45;
    log.elevation_min = 1440;
    for (std::size_t i = 0; i < symptom_count; ++i) log.symptoms[i] = static_cast<int>(i + 2);
    log.skin_discoloration = true;
    log.ulcer = false;
    log.tags = {"magnesium", "long-flight", "new_socks-2"};
    log.notes = "hot day";
    return log;
}

CrampEpisode with_id(CrampEpisode e, std::int64_t id) {
    e.id = id;
    return e;
}

// The ValidationError `fn` throws; fails the test when it throws none.
template <typename Fn>
ValidationError validation_error(Fn&& fn) {
    try {
        fn();
    } catch (const ValidationError& error) {
        return error;
    }
    FAIL("no ValidationError");
    throw std::logic_error("unreachable");
}

template <typename Fn>
StorageError storage_error(Fn&& fn) {
    try {
        fn();
    } catch (const StorageError& error) {
        return error;
    }
    FAIL("no StorageError");
    throw std::logic_error("unreachable");
}

// A small diary with one entry of each kind.
void populate(Diary& diary) {
    diary.add_cramp(full_episode());
    diary.add_cramp(episode(instant(2026, 11, 23, 3, 0, 0, 60), 30, Leg::both));
    diary.put_night(full_night(date(2026, 11, 21)));
    diary.put_day(full_day(date(2026, 11, 21)));
}

}  // namespace

TEST_CASE("cramp episodes: add, get, list, delete", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const auto stored = full_episode();
    const auto result = diary.add_cramp(stored);
    CHECK(result.inserted);
    CHECK(result.id > 0);

    const auto read = diary.cramp(result.id);
    REQUIRE(read);
    CHECK(*read == with_id(stored, result.id));

    const auto second = diary.add_cramp(episode(instant(2026, 11, 22, 4, 0, 0, 60)));
    CHECK(second.inserted);
    CHECK(second.id != result.id);
    const auto listed = diary.cramps({date(2026, 11, 21), date(2026, 11, 21)});
    REQUIRE(listed.size() == 2);
    CHECK(listed[0] == with_id(stored, result.id));
    CHECK(listed[1].id == second.id);
    CHECK(diary.cramps({date(2026, 11, 22), date(2026, 11, 30)}).empty());

    diary.delete_cramp(result.id);
    CHECK_FALSE(diary.cramp(result.id));
    CHECK(diary.cramps(everything).size() == 1);
    CHECK_THROWS_AS(diary.delete_cramp(result.id), NotFoundError);
    CHECK_FALSE(diary.cramp(999));
}

TEST_CASE("night records: add, get, list, replace, delete", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const auto record = full_night(date(2026, 11, 21));
    diary.put_night(record);
    REQUIRE(diary.night(record.night));
    CHECK(*diary.night(record.night) == record);
    CHECK_FALSE(diary.night(date(2026, 11, 22)));

    NightRecord replacement;
    replacement.night = record.night;
    replacement.sleep_quality = 9;
    diary.put_night(replacement);
    CHECK(*diary.night(record.night) == replacement);  // bedtime, waketime and notes gone
    CHECK(diary.nights(everything) == std::vector<NightRecord>{replacement});

    diary.delete_night(record.night);
    CHECK_FALSE(diary.night(record.night));
    CHECK_THROWS_AS(diary.delete_night(record.night), NotFoundError);
}

TEST_CASE("day logs: add, get, list, replace with their tags, delete", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const auto log = full_day(date(2026, 11, 21));
    diary.put_day(log);
    REQUIRE(diary.day(log.day));
    CHECK(*diary.day(log.day) == log);
    CHECK(diary.day(log.day)->tags == std::set<std::string>{"long-flight", "magnesium", "new_socks-2"});

    DayLog other = full_day(date(2026, 11, 22));
    other.tags = {"other-day"};
    diary.put_day(other);

    DayLog replacement;
    replacement.day = log.day;
    replacement.compression_hours = 0;  // "not worn" is a value, not unknown
    replacement.tags = {"magnesium", "rest"};
    diary.put_day(replacement);
    const auto read = diary.day(log.day);
    REQUIRE(read);
    CHECK(*read == replacement);
    CHECK(read->tags == std::set<std::string>{"magnesium", "rest"});
    CHECK(read->compression_hours == 0.0);
    CHECK_FALSE(read->swelling_grade);
    CHECK(diary.day(other.day)->tags == std::set<std::string>{"other-day"});
    CHECK(diary.days(everything) == std::vector<DayLog>{replacement, other});

    replacement.tags.clear();
    diary.put_day(replacement);
    CHECK(diary.day(log.day)->tags.empty());

    diary.delete_day(log.day);
    CHECK_FALSE(diary.day(log.day));
    CHECK(diary.days(everything) == std::vector<DayLog>{other});
    CHECK_THROWS_AS(diary.delete_day(log.day), NotFoundError);
    // A day log put again after deletion starts with no tags of its old self.
    DayLog again;
    again.day = log.day;
    diary.put_day(again);
    CHECK(diary.day(log.day)->tags.empty());
}

TEST_CASE("adding the same episode twice stores it once", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const auto first = diary.add_cramp(full_episode());
    const auto again = diary.add_cramp(full_episode());
    CHECK(first.inserted);
    CHECK_FALSE(again.inserted);
    CHECK(again.id == first.id);

    // The same moment written in UTC is the same episode.
    auto in_utc = full_episode();
    in_utc.onset = instant(2026, 11, 22, 1, 30, 0, 0);
    const auto utc_again = diary.add_cramp(in_utc);
    CHECK_FALSE(utc_again.inserted);
    CHECK(utc_again.id == first.id);
    CHECK(diary.cramps(everything).size() == 1);
    CHECK(diary.cramps(everything).front().onset == full_episode().onset);
}

TEST_CASE("overlapping episodes on one leg are refused", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    // Left calf, 02:30:00 to 02:32:00.
    const auto left = diary.add_cramp(episode(instant(2026, 11, 22, 2, 30, 0, 60), 120, Leg::left));

    SECTION("same leg, overlapping: refused with the other episode named") {
        const auto error = validation_error(
            [&] { diary.add_cramp(episode(instant(2026, 11, 22, 2, 31, 0, 60), 60, Leg::left)); });
        CHECK(error.field() == "onset");
        CHECK(error.value() == "2026-11-22T02:31:00+01:00");
        CHECK(error.rule().find("#" + std::to_string(left.id)) != std::string::npos);
        // Starting before and running into it is an overlap too.
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 2, 29, 0, 60), 61, Leg::left)),
                        ValidationError);
        // Another muscle on the same leg still overlaps.
        auto foot = episode(instant(2026, 11, 22, 2, 30, 30, 60), 10, Leg::left);
        foot.muscle = Muscle::foot;
        CHECK_THROWS_AS(diary.add_cramp(foot), ValidationError);
        // The same moment written with another offset.
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 1, 31, 0, 0), 10, Leg::left)),
                        ValidationError);
        CHECK(diary.cramps(everything).size() == 1);
    }
    SECTION("the other leg may cramp at the same time") {
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 31, 0, 60), 60, Leg::right)).inserted);
        CHECK(diary.cramps(everything).size() == 2);
    }
    SECTION("both legs overlap either leg") {
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 2, 31, 0, 60), 60, Leg::both)),
                        ValidationError);
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 3, 0, 0, 60), 60, Leg::both)).inserted);
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 3, 0, 30, 60), 10, Leg::right)),
                        ValidationError);
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 2, 59, 59, 60), 2, Leg::left)),
                        ValidationError);
        CHECK(diary.cramps(everything).size() == 2);
    }
    SECTION("back to back is not an overlap") {
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 32, 0, 60), 60, Leg::left)).inserted);
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 29, 0, 60), 60, Leg::left)).inserted);
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 33, 0, 60), 60, Leg::both)).inserted);
        CHECK(diary.cramps(everything).size() == 4);
    }
    SECTION("a long episode is found however far back it began") {
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 1, 0, 0, 60), 3600, Leg::right)).inserted);
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 1, 59, 59, 60), 1, Leg::right)),
                        ValidationError);
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 0, 0, 60), 1, Leg::right)).inserted);
    }
}

TEST_CASE("the night the clocks go back keeps both 02:30 episodes on one night", "[diary]") {
    // Europe/Berlin, 2026-10-25: 02:30 happens at +02:00 and again, an hour later, at +01:00.
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const auto summer = episode(instant(2026, 10, 25, 2, 30, 0, 120), 600, Leg::left);
    const auto winter = episode(instant(2026, 10, 25, 2, 30, 0, 60), 600, Leg::left);
    const auto first = diary.add_cramp(summer);
    const auto second = diary.add_cramp(winter);
    CHECK(first.inserted);
    CHECK(second.inserted);
    CHECK(first.id != second.id);

    const auto night = diary.cramps({date(2026, 10, 24), date(2026, 10, 24)});
    REQUIRE(night.size() == 2);
    CHECK(night[0] == with_id(summer, first.id));  // in UTC order
    CHECK(night[1] == with_id(winter, second.id));

    const auto tables = diary.tables({date(2026, 10, 24), date(2026, 10, 24)});
    REQUIRE(tables.episodes.size() == 2);
    CHECK(tables.episodes.night[0] == day_number(date(2026, 10, 24)));
    CHECK(tables.episodes.night[1] == day_number(date(2026, 10, 24)));
    CHECK(tables.episodes.onset_utc_ns[1] - tables.episodes.onset_utc_ns[0] == 3600LL * 1'000'000'000);
    CHECK(tables.episodes.offset_minutes == std::vector<std::int32_t>{120, 60});
    CHECK(tables.episodes.local_hour(0) == 2);
    CHECK(tables.episodes.local_hour(1) == 2);

    // Between them (02:45+02:00 = 00:45Z) they are an hour apart, so a third one fits.
    CHECK(diary.add_cramp(episode(instant(2026, 10, 25, 2, 45, 0, 120), 600, Leg::left)).inserted);
    // But 02:35+01:00 overlaps the second one, although 02:35+02:00 would not.
    CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 10, 25, 2, 35, 0, 60), 60, Leg::left)),
                    ValidationError);
}

TEST_CASE("the night the clocks go forward orders by UTC and keeps one night", "[diary]") {
    // Europe/Berlin, 2026-03-29: 02:00+01:00 is followed by 03:00+02:00.
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const auto before = episode(instant(2026, 3, 29, 1, 50, 0, 60), 600, Leg::left);  // until 01:00Z
    const auto after = episode(instant(2026, 3, 29, 3, 0, 0, 120), 300, Leg::left);   // from 01:00Z
    CHECK(diary.add_cramp(after).inserted);
    CHECK(diary.add_cramp(before).inserted);  // back to back in UTC
    const auto night = diary.cramps({date(2026, 3, 28), date(2026, 3, 28)});
    REQUIRE(night.size() == 2);
    CHECK(night[0].onset == before.onset);
    CHECK(night[1].onset == after.onset);
    // 01:58+01:00 (00:58Z) runs into 03:00+02:00 (01:00Z) although the wall clocks are an hour apart.
    CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 3, 29, 1, 58, 0, 60), 180, Leg::left)),
                    ValidationError);
    CHECK(diary.add_cramp(episode(instant(2026, 3, 29, 1, 58, 0, 60), 180, Leg::right)).inserted);
    CHECK(diary.tables({date(2026, 3, 28), date(2026, 3, 28)}).episodes.offset_minutes ==
          std::vector<std::int32_t>{60, 60, 120});
}

TEST_CASE("a diary keeps the night boundary it was created with", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    {
        Diary diary(path, fixed_clock(test_now_utc(), 6));
        CHECK(diary.night_boundary_hour() == 6);
        diary.add_cramp(episode(instant(2026, 11, 22, 5, 59, 59, 60), 1));
        diary.add_cramp(episode(instant(2026, 11, 22, 6, 0, 0, 60), 1));
        CHECK(diary.night_of(instant(2026, 11, 22, 5, 0, 0, 60)) == date(2026, 11, 21));
    }
    // Another boundary asked for explicitly is refused, naming it; none asked for keeps 6.
    try {
        Diary refused(path, fixed_clock(test_now_utc(), 12));
        FAIL("opened a diary of boundary 6 with boundary 12");
    } catch (const ValidationError& error) {
        CHECK(error.field() == "night_boundary_hour");
        CHECK(error.value() == "12");
        CHECK(error.rule().find("already exists with night boundary 6:00") != std::string::npos);
    }
    CHECK_NOTHROW(Diary(path, fixed_clock(test_now_utc(), 6)));
    Diary reopened(path, fixed_clock(test_now_utc()));
    CHECK(reopened.night_boundary_hour() == 6);
    reopened.add_cramp(episode(instant(2026, 11, 22, 11, 0, 0, 60)));  // night 22 with 6, 21 with 12
    const auto night_21 = reopened.cramps({date(2026, 11, 21), date(2026, 11, 21)});
    const auto night_22 = reopened.cramps({date(2026, 11, 22), date(2026, 11, 22)});
    REQUIRE(night_21.size() == 1);
    CHECK(night_21[0].onset == instant(2026, 11, 22, 5, 59, 59, 60));
    REQUIRE(night_22.size() == 2);
    CHECK(night_22[0].onset == instant(2026, 11, 22, 6, 0, 0, 60));
    CHECK(night_22[1].onset == instant(2026, 11, 22, 11, 0, 0, 60));
    const auto tables = reopened.tables(everything);
    CHECK(tables.episodes.night == std::vector<DayNumber>{day_number(date(2026, 11, 21)),
                                                           day_number(date(2026, 11, 22)),
                                                           day_number(date(2026, 11, 22))});

    Diary midnight(dir / "midnight.db", fixed_clock(test_now_utc(), 0));
    midnight.add_cramp(episode(instant(2026, 11, 21, 23, 59, 59, 60), 1));
    midnight.add_cramp(episode(instant(2026, 11, 22, 0, 0, 0, 60)));
    CHECK(midnight.cramps({date(2026, 11, 21), date(2026, 11, 21)}).size() == 1);
    CHECK(midnight.cramps({date(2026, 11, 22), date(2026, 11, 22)}).size() == 1);

    CHECK_THROWS_AS(Diary(dir / "bad.db", fixed_clock(test_now_utc(), 24)), ValidationError);
    CHECK_THROWS_AS(Diary(dir / "bad.db", fixed_clock(test_now_utc(), -1)), ValidationError);
    CHECK_FALSE(std::filesystem::exists(dir / "bad.db"));
}

TEST_CASE("refused input leaves the diary exactly as it was", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    Diary diary(path, fixed_clock(test_now_utc()));
    populate(diary);
    const auto rows_before = contents(diary);
    const auto file_before = dump(path);

    SECTION("a bad episode") {
        auto bad = full_episode();
        bad.onset = instant(2026, 11, 25, 2, 30, 0, 60);
        bad.duration_s = 0;
        CHECK_THROWS_AS(diary.add_cramp(bad), ValidationError);
    }
    SECTION("an episode in the future of the diary's clock") {
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 12, 1, 13, 5, 1, 60))), ValidationError);
    }
    SECTION("an overlapping episode") {
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 2, 31, 0, 60), 10, Leg::right)),
                        ValidationError);
    }
    SECTION("a duplicate episode") {
        CHECK_FALSE(diary.add_cramp(full_episode()).inserted);
    }
    SECTION("a bad night record replacing a good one") {
        auto bad = full_night(date(2026, 11, 21));
        bad.waketime = bad.bedtime;
        CHECK_THROWS_AS(diary.put_night(bad), ValidationError);
    }
    SECTION("a bad day log replacing a good one") {
        auto bad = full_day(date(2026, 11, 21));
        bad.tags = {"fine", "Not Fine"};
        CHECK_THROWS_AS(diary.put_day(bad), ValidationError);
    }
    SECTION("a batch with a bad entry in the middle") {
        Diary::Batch batch;
        batch.cramps = {episode(instant(2026, 11, 24, 2, 0, 0, 60)), episode(instant(2026, 11, 24, 3, 0, 0, 60), 0),
                        episode(instant(2026, 11, 24, 4, 0, 0, 60))};
        batch.nights = {full_night(date(2026, 11, 21)), full_night(date(2026, 11, 24))};
        batch.nights[0].sleep_quality = 1;
        batch.days = {full_day(date(2026, 11, 24))};
        CHECK_THROWS_AS(diary.add_batch(batch), ValidationError);
    }
    SECTION("a batch whose only problem is an overlap with the diary") {
        Diary::Batch batch;
        batch.cramps = {episode(instant(2026, 11, 24, 2, 0, 0, 60)),
                        episode(instant(2026, 11, 22, 2, 31, 0, 60), 10, Leg::right)};
        batch.days = {full_day(date(2026, 11, 24))};
        CHECK_THROWS_AS(diary.add_batch(batch), ValidationError);
    }
    SECTION("deleting what is not there") {
        CHECK_THROWS_AS(diary.delete_cramp(12345), NotFoundError);
        CHECK_THROWS_AS(diary.delete_night(date(2026, 1, 1)), NotFoundError);
        CHECK_THROWS_AS(diary.delete_day(date(2026, 1, 1)), NotFoundError);
    }
    CHECK(contents(diary) == rows_before);
    CHECK(dump(path) == file_before);
    // The diary still takes good input afterwards.
    CHECK(diary.add_cramp(episode(instant(2026, 11, 26, 2, 0, 0, 60))).inserted);
}

TEST_CASE("add_batch stores everything at once or reports every problem with its index", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    diary.add_cramp(episode(instant(2026, 11, 22, 2, 30, 0, 60), 120, Leg::left));

    SECTION("every problem, with its index") {
        Diary::Batch batch;
        batch.cramps = {
            episode(instant(2026, 11, 23, 2, 0, 0, 60)),              // 0: fine
            episode(instant(2026, 11, 23, 3, 0, 0, 60), 0),           // 1: bad duration
            episode(instant(2026, 11, 23, 4, 0, 0, 60)),              // 2: fine
            episode(instant(2026, 11, 23, 2, 0, 30, 60), 10),         // 3: overlaps entry 0
            episode(instant(2026, 11, 22, 2, 31, 0, 60), 10),         // 4: overlaps the stored one
        };
        batch.nights = {full_night(date(2026, 11, 22)), full_night(date(2026, 11, 23))};
        batch.nights[1].sleep_quality = 11;  // 1: bad
        batch.days = {full_day(date(2026, 11, 22))};
        batch.days[0].tags = {"Bad"};  // 0: bad
        const auto error = validation_error([&] { diary.add_batch(batch); });
        std::vector<std::pair<std::string, std::size_t>> found;
        for (const auto& problem : error.problems()) {
            REQUIRE(problem.index);
            found.emplace_back(problem.field, *problem.index);
        }
        std::sort(found.begin(), found.end());
        const std::vector<std::pair<std::string, std::size_t>> expected = {
            {"duration_s", 1}, {"onset", 3}, {"onset", 4}, {"sleep_quality", 1}, {"tags", 0}};
        CHECK(found == expected);
        CHECK(std::string(error.what()).find("entry 2: duration_s") != std::string::npos);
        CHECK(diary.cramps(everything).size() == 1);
        CHECK(diary.nights(everything).empty());
        CHECK(diary.days(everything).empty());
    }
    SECTION("a good batch, then the same batch again") {
        Diary::Batch batch;
        batch.cramps = {episode(instant(2026, 11, 23, 2, 0, 0, 60)), episode(instant(2026, 11, 23, 3, 0, 0, 60)),
                        episode(instant(2026, 11, 22, 2, 30, 0, 60), 120, Leg::left)};
        batch.nights = {full_night(date(2026, 11, 22))};
        batch.days = {full_day(date(2026, 11, 22)), full_day(date(2026, 11, 23))};
        const auto result = diary.add_batch(batch);
        CHECK(result.cramps_added == 2);
        CHECK(result.cramps_already_present == 1);
        CHECK(result.nights_put == 1);
        CHECK(result.days_put == 2);
        const auto after_first = contents(diary);
        CHECK(after_first.cramps.size() == 3);
        CHECK(after_first.days.size() == 2);

        const auto again = diary.add_batch(batch);
        CHECK(again.cramps_added == 0);
        CHECK(again.cramps_already_present == 3);
        CHECK(contents(diary) == after_first);
    }
    SECTION("an overlap inside the batch names its partner by onset, not by an id that is rolled back") {
        Diary::Batch batch;
        batch.cramps = {episode(instant(2026, 11, 23, 2, 0, 0, 60), 60), episode(instant(2026, 11, 23, 2, 0, 30, 60), 10)};
        const auto error = validation_error([&] { diary.add_batch(batch); });
        REQUIRE(error.problems().size() == 1);
        CHECK(error.rule().find("another cramp of the same input") != std::string::npos);
        CHECK(error.rule().find("2026-11-23T02:00:00+01:00") != std::string::npos);
        CHECK(error.rule().find('#') == std::string::npos);
        // An overlap with a stored episode still names it by its id, which exists.
        Diary::Batch against_stored;
        against_stored.cramps = {episode(instant(2026, 11, 22, 2, 31, 0, 60), 10)};
        const auto stored_error = validation_error([&] { diary.add_batch(against_stored); });
        CHECK(stored_error.rule().find("cramp #1 ") != std::string::npos);
    }
    SECTION("problems the caller found already refuse the batch, which is still checked") {
        const auto before = contents(diary);
        Diary::Batch batch;
        batch.cramps = {episode(instant(2026, 11, 23, 2, 0, 0, 60)), episode(instant(2026, 11, 23, 3, 0, 0, 60), 0)};
        batch.nights = {full_night(date(2026, 11, 22))};
        const legdiary::Problem unreadable{"woke", "maybe", "must be true or false", 7, std::nullopt};
        const auto error = validation_error([&] { diary.add_batch(batch, {unreadable}); });
        REQUIRE(error.problems().size() == 2);
        CHECK(error.problems()[0].field == "woke");
        CHECK(error.problems()[0].line == 7);
        CHECK(error.problems()[1].field == "duration_s");
        CHECK(error.problems()[1].index == 1u);
        CHECK(contents(diary) == before);

        // Even a batch whose own entries are all valid writes nothing then.
        batch.cramps.pop_back();
        const auto only_known = validation_error([&] { diary.add_batch(batch, {unreadable}); });
        CHECK(only_known.problems().size() == 1);
        CHECK(contents(diary) == before);
    }
    SECTION("an episode repeated inside one batch is stored once") {
        Diary::Batch batch;
        batch.cramps = {episode(instant(2026, 11, 23, 2, 0, 0, 60)), episode(instant(2026, 11, 23, 2, 0, 0, 60))};
        const auto result = diary.add_batch(batch);
        CHECK(result.cramps_added == 1);
        CHECK(result.cramps_already_present == 1);
        CHECK(diary.cramps(everything).size() == 2);
    }
}

TEST_CASE("files that are not this library's diaries are refused and left byte for byte", "[diary]") {
    TempDir dir;
    SECTION("a diary of a newer schema") {
        const auto path = dir / "newer.db";
        {
            RawDatabase db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            db.exec("PRAGMA application_id = " + std::to_string(Diary::application_id()));
            db.exec("PRAGMA user_version = " + std::to_string(Diary::current_schema_version() + 41));
            db.exec("CREATE TABLE future_things (x INTEGER); INSERT INTO future_things VALUES (1)");
        }
        const auto before = file_bytes(path);
        const auto error = storage_error([&] { Diary diary(path, fixed_clock(test_now_utc())); });
        CHECK(std::string(error.what()).find("newer") != std::string::npos);
        CHECK(file_bytes(path) == before);
        CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
    }
    SECTION("another application's SQLite file") {
        const auto path = dir / "other.sqlite";
        {
            RawDatabase db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
        }
        const auto before = file_bytes(path);
        const auto error = storage_error([&] { Diary diary(path, fixed_clock(test_now_utc())); });
        CHECK(std::string(error.what()).find("not a legdiary diary") != std::string::npos);
        CHECK(file_bytes(path) == before);
        CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
    }
    SECTION("another application's SQLite file with its own application id") {
        const auto path = dir / "other-id.sqlite";
        {
            RawDatabase db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            db.exec("PRAGMA application_id = 1234; PRAGMA user_version = 1");
            db.exec("CREATE TABLE cramp (x INTEGER)");
        }
        const auto before = file_bytes(path);
        CHECK_THROWS_AS(Diary(path, fixed_clock(test_now_utc())), StorageError);
        CHECK(file_bytes(path) == before);
    }
    SECTION("a text file") {
        const auto path = dir / "notes.txt";
        const std::string text = "2026-11-22 02:30 left calf cramp, about a minute\n";
        test_support::write_file(path, text);
        const auto error = storage_error([&] { Diary diary(path, fixed_clock(test_now_utc())); });
        CHECK(std::string(error.what()).find("not a legdiary diary") != std::string::npos);
        CHECK(file_bytes(path) == text);
    }
    SECTION("a folder") {
        CHECK_THROWS_AS(Diary(dir.path(), fixed_clock(test_now_utc())), StorageError);
    }
    SECTION("a missing file when asked not to create one") {
        auto options = fixed_clock(test_now_utc());
        options.create = false;
        CHECK_THROWS_AS(Diary(dir / "missing.db", options), StorageError);
        CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
    }
}

TEST_CASE("a new diary is readable by its owner only, whatever the umask", "[diary]") {
    TempDir dir;
    ScopedUmask open_umask(0);
    const auto path = dir / "new" / "deeper" / "diary.db";
    Diary diary(path, fixed_clock(test_now_utc()));
    diary.add_cramp(full_episode());
    CHECK(mode_of(path) == 0600u);
    CHECK(mode_of(dir / "new") == 0700u);
    CHECK(mode_of(dir / "new" / "deeper") == 0700u);
    for (const char* suffix : {"-wal", "-shm"}) {
        const std::filesystem::path extra = path.string() + suffix;
        if (std::filesystem::exists(extra)) CHECK(mode_of(extra) == 0600u);
    }
    // An existing folder is not the library's to change.
    std::filesystem::create_directory(dir / "shared");
    std::filesystem::permissions(dir / "shared", std::filesystem::perms(0755));
    Diary second(dir / "shared" / "diary.db", fixed_clock(test_now_utc()));
    CHECK(mode_of(dir / "shared" / "diary.db") == 0600u);
    CHECK(mode_of(dir / "shared") == 0755u);
}

TEST_CASE("a reopened diary has its data; a healthy one checks clean", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    test_support::Contents before;
    {
        Diary diary(path, fixed_clock(test_now_utc()));
        CHECK(diary.check().empty());
        CHECK_FALSE(diary.extent());
        populate(diary);
        before = contents(diary);
        CHECK(diary.check().empty());
    }
    Diary reopened(path, fixed_clock(test_now_utc()));
    CHECK(contents(reopened) == before);
    CHECK(before.cramps.size() == 2);
    REQUIRE(before.extent);
    CHECK(before.extent->from == date(2026, 11, 21));
    CHECK(before.extent->to == date(2026, 11, 22));
    CHECK(reopened.check().empty());
    CHECK(reopened.path() == path);
}

TEST_CASE("backup makes an owner-only copy that opens with the same contents", "[diary]") {
    TempDir dir;
    ScopedUmask open_umask(0);
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    populate(diary);
    const auto copy_path = dir / "backup.db";
    diary.backup(copy_path);
    CHECK(mode_of(copy_path) == 0600u);
    {
        Diary copy(copy_path, fixed_clock(test_now_utc()));
        CHECK(contents(copy) == contents(diary));
        CHECK(copy.check().empty());
        CHECK(copy.night_boundary_hour() == diary.night_boundary_hour());
    }
    // Later writes do not reach the copy, and the copy is never overwritten.
    diary.add_cramp(episode(instant(2026, 11, 26, 2, 0, 0, 60)));
    const auto copy_bytes = file_bytes(copy_path);
    const auto error = storage_error([&] { diary.backup(copy_path); });
    CHECK(std::string(error.what()).find("overwrite") != std::string::npos);
    CHECK(file_bytes(copy_path) == copy_bytes);
    Diary copy(copy_path, fixed_clock(test_now_utc()));
    CHECK(copy.cramps(everything).size() == 2);

    const auto text_path = dir / "precious.txt";
    test_support::write_file(text_path, "keep me");
    CHECK_THROWS_AS(diary.backup(text_path), StorageError);
    CHECK(file_bytes(text_path) == "keep me");
}

TEST_CASE("tables hold the same values as the row API", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    populate(diary);
    auto minimal = episode(instant(2026, 11, 24, 23, 10, 0, -300), 3600, Leg::both);
    minimal.muscle = Muscle::other;
    diary.add_cramp(minimal);
    NightRecord bare;
    bare.night = date(2026, 11, 24);
    diary.put_night(bare);
    DayLog sparse;
    sparse.day = date(2026, 11, 23);
    sparse.compression_hours = 0;
    sparse.tags = {"zinc"};
    diary.put_day(sparse);
    DayLog untagged = full_day(date(2026, 11, 25));
    untagged.tags.clear();
    untagged.compression_class = CompressionClass::mmhg_40_50;
    untagged.compression_length = CompressionLength::pantyhose;
    diary.put_day(untagged);

    const NightRange range{date(2026, 11, 20), date(2026, 11, 30)};
    const auto tables = diary.tables(range);
    const auto cramps = diary.cramps(range);
    const auto nights = diary.nights(range);
    const auto days = diary.days(range);

    const auto& e = tables.episodes;
    REQUIRE(e.size() == cramps.size());
    REQUIRE(cramps.size() == 3);
    for (std::size_t i = 0; i < cramps.size(); ++i) {
        INFO("episode row " << i);
        const auto& c = cramps[i];
        CHECK(e.id[i] == c.id);
        CHECK(e.night[i] == day_number(diary.night_of(c.onset)));
        const auto utc_seconds = (c.onset.utc() - DateTime(date(1970, 1, 1))).total_seconds();
        CHECK(e.onset_utc_ns[i] == utc_seconds * 1'000'000'000LL);
        CHECK(e.offset_minutes[i] == c.onset.offset_minutes);
        CHECK(e.duration_s[i] == c.duration_s);
        CHECK(e.leg[i] == static_cast<std::int8_t>(c.leg));
        CHECK(e.muscle[i] == static_cast<std::int8_t>(c.muscle));
        CHECK(e.intensity[i] == (c.intensity ? *c.intensity : -1));
        CHECK(e.woke[i] == (c.woke ? (*c.woke ? 1 : 0) : -1));
        CHECK(e.local_hour(i) == c.onset.local.time_of_day().hours());
    }
    CHECK(e.leg[2] == 2);  // both
    CHECK(e.intensity[2] == -1);
    CHECK(e.woke[2] == -1);
    CHECK(e.offset_minutes[2] == -300);

    REQUIRE(tables.nights.size() == nights.size());
    REQUIRE(nights.size() == 2);
    for (std::size_t i = 0; i < nights.size(); ++i) {
        CHECK(tables.nights.night[i] == day_number(nights[i].night));
        CHECK(tables.nights.sleep_quality[i] == (nights[i].sleep_quality ? *nights[i].sleep_quality : -1));
    }
    CHECK(tables.nights.sleep_quality[1] == -1);

    const auto& d = tables.days;
    REQUIRE(d.size() == days.size());
    REQUIRE(days.size() == 3);
    auto real = [](const std::optional<double>& value, double column) {
        return value ? column == *value : std::isnan(column);
    };
    auto small = [](const auto& value, auto column) {
        return value ? static_cast<int>(column) == static_cast<int>(*value) : column == -1;
    };
    std::vector<std::pair<std::uint32_t, std::string>> expected_tags;
    for (std::size_t i = 0; i < days.size(); ++i) {
        INFO("day row " << i);
        const auto& log = days[i];
        CHECK(d.day[i] == day_number(log.day));
        CHECK(real(log.compression_hours, d.compression_hours[i]));
        CHECK(d.compression_class[i] ==
              (log.compression_class ? static_cast<std::int8_t>(*log.compression_class) : no_small));
        CHECK(d.compression_length[i] ==
              (log.compression_length ? static_cast<std::int8_t>(*log.compression_length) : no_small));
        CHECK(small(log.swelling_grade, d.swelling_grade[i]));
        CHECK(real(log.ankle_left_cm, d.ankle_left_cm[i]));
        CHECK(real(log.ankle_right_cm, d.ankle_right_cm[i]));
        CHECK(real(log.calf_left_cm, d.calf_left_cm[i]));
        CHECK(real(log.calf_right_cm, d.calf_right_cm[i]));
        CHECK(real(log.standing_hours, d.standing_hours[i]));
        CHECK(real(log.water_l, d.water_l[i]));
        CHECK(small(log.exercise_min, d.exercise_min[i]));
        CHECK(small(log.elevation_min, d.elevation_min[i]));
        for (std::size_t k = 0; k < symptom_count; ++k) CHECK(small(log.symptoms[k], d.symptoms[k][i]));
        CHECK(small(log.skin_discoloration, d.skin_discoloration[i]));
        CHECK(small(log.ulcer, d.ulcer[i]));
        for (const auto& tag : log.tags) expected_tags.emplace_back(static_cast<std::uint32_t>(i), tag);
    }
    CHECK(d.compression_hours[1] == 0.0);  // not worn, not unknown
    CHECK(std::isnan(d.water_l[1]));
    CHECK(d.elevation_min[0] == 1440);
    CHECK(d.compression_class[2] == 3);
    CHECK(d.compression_length[2] == 2);
    std::vector<std::pair<std::uint32_t, std::string>> found_tags;
    REQUIRE(d.tag_row.size() == d.tag.size());
    for (std::size_t k = 0; k < d.tag.size(); ++k) found_tags.emplace_back(d.tag_row[k], d.tag[k]);
    std::sort(found_tags.begin(), found_tags.end());
    std::sort(expected_tags.begin(), expected_tags.end());
    CHECK(found_tags == expected_tags);
    CHECK(found_tags.size() == 4);
}

TEST_CASE("ranges include both ends", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    for (int night = 10; night <= 13; ++night) {
        diary.add_cramp(episode(instant(2026, 11, night + 1, 2, 0, 0, 60)));
        diary.add_cramp(episode(instant(2026, 11, night, 22, 0, 0, 60)));
        NightRecord record;
        record.night = date(2026, 11, night);
        diary.put_night(record);
        DayLog log;
        log.day = date(2026, 11, night);
        log.tags = {"t" + std::to_string(night)};
        diary.put_day(log);
    }
    const NightRange range{date(2026, 11, 11), date(2026, 11, 12)};
    CHECK(range.nights() == 2);
    const auto cramps = diary.cramps(range);
    REQUIRE(cramps.size() == 4);
    CHECK(cramps.front().onset == instant(2026, 11, 11, 22, 0, 0, 60));
    CHECK(cramps.back().onset == instant(2026, 11, 13, 2, 0, 0, 60));
    const auto nights = diary.nights(range);
    REQUIRE(nights.size() == 2);
    CHECK(nights.front().night == date(2026, 11, 11));
    CHECK(nights.back().night == date(2026, 11, 12));
    const auto days = diary.days(range);
    REQUIRE(days.size() == 2);
    CHECK(days.front().tags == std::set<std::string>{"t11"});
    CHECK(days.back().tags == std::set<std::string>{"t12"});
    const auto tables = diary.tables(range);
    CHECK(tables.episodes.size() == 4);
    CHECK(tables.nights.size() == 2);
    CHECK(tables.days.size() == 2);
    CHECK(tables.days.tag == std::vector<std::string>{"t11", "t12"});
    CHECK(diary.cramps({date(2026, 11, 12), date(2026, 11, 12)}).size() == 2);
    const auto all = diary.extent();
    REQUIRE(all);
    CHECK(all->from == date(2026, 11, 10));
    CHECK(all->to == date(2026, 11, 13));
}

TEST_CASE("tables can read some day-log columns: those equal the full read, the rest stay empty", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    for (int day = 10; day <= 13; ++day) {
        DayLog log;
        log.day = date(2026, 11, day);
        if (day != 11) log.water_l = 0.5 * day;
        log.standing_hours = day - 9;
        log.calf_left_cm = 30 + day;
        log.tags = {"t" + std::to_string(day)};
        diary.put_day(log);
    }
    const NightRange range{date(2026, 11, 10), date(2026, 11, 13)};
    const auto full = diary.tables(range).days;
    Diary::TableSelection selection;
    selection.episodes = selection.nights = false;
    selection.day_fields = {"water_l", "standing_hours"};
    const auto some = diary.tables(range, selection).days;
    CHECK(some.day == full.day);  // the key is always read
    REQUIRE(some.water_l.size() == 4);
    CHECK(std::isnan(some.water_l[1]));
    CHECK(some.water_l[3] == full.water_l[3]);
    CHECK(some.standing_hours == full.standing_hours);
    CHECK(some.tag == full.tag);
    CHECK(some.tag_row == full.tag_row);
    CHECK(full.calf_left_cm.size() == 4);
    CHECK(some.calf_left_cm.empty());
    CHECK(some.compression_hours.empty());
    CHECK(some.symptoms[0].empty());

    selection.day_fields = {"water_l", "socks"};
    try {
        (void)diary.tables(range, selection);
        FAIL("an unknown day-log field was accepted");
    } catch (const ValidationError& error) {
        CHECK(error.field() == "day_fields");
        CHECK(error.value() == "socks");
    }
}

TEST_CASE("a night range holds the episodes at its edges in the most distant UTC offsets", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    // Night 2026-11-10 runs from 12:00 on the 10th to 12:00 on the 11th, local time.
    // +14:00 puts its first second furthest back in UTC, -12:00 its last one furthest ahead.
    const Instant first = instant(2026, 11, 10, 12, 0, 0, 14 * 60);
    const Instant last = instant(2026, 11, 11, 11, 59, 59, -12 * 60);
    diary.add_cramp(episode(first, 1));
    diary.add_cramp(episode(last, 1));
    diary.add_cramp(episode(instant(2026, 11, 10, 11, 59, 59, -12 * 60), 1));  // night 2026-11-09
    diary.add_cramp(episode(instant(2026, 11, 11, 12, 0, 0, 14 * 60), 1));    // night 2026-11-11
    const NightRange night{date(2026, 11, 10), date(2026, 11, 10)};
    const auto cramps = diary.cramps(night);
    REQUIRE(cramps.size() == 2);
    CHECK(cramps.front().onset == first);
    CHECK(cramps.back().onset == last);
    CHECK(diary.tables(night).episodes.size() == 2);
    CHECK(diary.cramps({date(2026, 11, 9), date(2026, 11, 11)}).size() == 4);
    CHECK(diary.tables({date(2026, 11, 11), date(2026, 11, 12)}).episodes.size() == 1);
}

TEST_CASE("entries() reads a range or the whole diary as the row API does", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    CHECK(diary.entries().cramps.empty());
    populate(diary);
    const auto extent = diary.extent();
    REQUIRE(extent);
    const auto all = diary.entries();
    CHECK(all.cramps == diary.cramps(*extent));
    CHECK(all.nights == diary.nights(*extent));
    CHECK(all.days == diary.days(*extent));
    const NightRange first_night{extent->from, extent->from};
    const auto some = diary.entries(first_night);
    CHECK(some.cramps == diary.cramps(first_night));
    CHECK(some.days == diary.days(first_night));
    CHECK(some.cramps.size() < all.cramps.size());
}

TEST_CASE("two diaries on one file see each other's writes", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    Diary logger(path, fixed_clock(test_now_utc()));
    Diary notebook(path, fixed_clock(test_now_utc()));

    const auto first = logger.add_cramp(episode(instant(2026, 11, 22, 2, 0, 0, 60)));
    // Single-entry lookups on both sides before the other writes.
    CHECK(notebook.cramp(first.id));
    CHECK(logger.cramp(first.id));
    CHECK_FALSE(notebook.night(date(2026, 11, 21)));
    CHECK(notebook.extent());

    const auto second = notebook.add_cramp(episode(instant(2026, 11, 22, 3, 0, 0, 60)));
    notebook.put_night(full_night(date(2026, 11, 21)));
    CHECK(logger.cramps(everything).size() == 2);
    CHECK(logger.cramp(second.id));
    CHECK(logger.night(date(2026, 11, 21)));

    // The logger writes again after reading; the notebook sees it.
    logger.put_day(full_day(date(2026, 11, 21)));
    CHECK(logger.add_cramp(episode(instant(2026, 11, 22, 4, 0, 0, 60))).inserted);
    CHECK(notebook.cramps(everything).size() == 3);
    CHECK(notebook.day(date(2026, 11, 21)));
    CHECK(contents(notebook) == contents(logger));

    // An overlap with an episode the other connection stored is refused too.
    CHECK_THROWS_AS(notebook.add_cramp(episode(instant(2026, 11, 22, 4, 0, 30, 60))), ValidationError);
    // A duplicate of it is recognised.
    CHECK(notebook.add_cramp(episode(instant(2026, 11, 22, 4, 0, 0, 60))).inserted == false);
}

TEST_CASE("default_path honours LEGDIARY_DB, XDG_DATA_HOME and HOME", "[diary]") {
    ScopedEnv home("HOME", "/home/ada");
    SECTION("LEGDIARY_DB first") {
        ScopedEnv db("LEGDIARY_DB", "/srv/diaries/ada.db");
        ScopedEnv xdg("XDG_DATA_HOME", "/data");
        CHECK(Diary::default_path() == std::filesystem::path("/srv/diaries/ada.db"));
    }
    SECTION("then XDG_DATA_HOME") {
        ScopedEnv db("LEGDIARY_DB", std::nullopt);
        ScopedEnv xdg("XDG_DATA_HOME", "/data");
        CHECK(Diary::default_path() == std::filesystem::path("/data/legdiary/diary.db"));
    }
    SECTION("then HOME; empty variables count as unset") {
        ScopedEnv db("LEGDIARY_DB", "");
        ScopedEnv xdg("XDG_DATA_HOME", "");
        CHECK(Diary::default_path() == std::filesystem::path("/home/ada/.local/share/legdiary/diary.db"));
    }
    SECTION("nothing set is an error, not a guess") {
        ScopedEnv db("LEGDIARY_DB", std::nullopt);
        ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
        ScopedEnv no_home("HOME", std::nullopt);
        CHECK_THROWS_AS(Diary::default_path(), StorageError);
    }
}

TEST_CASE("the diary's clock comes from the options or LEGDIARY_NOW", "[diary]") {
    TempDir dir;
    SECTION("OpenOptions::clock_utc") {
        Diary diary(dir / "diary.db", fixed_clock(at(2026, 11, 22, 1, 30)));
        CHECK(diary.now_utc() == at(2026, 11, 22, 1, 30));
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 35, 0, 60))).inserted);
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 2, 35, 1, 60))), ValidationError);
    }
    SECTION("LEGDIARY_NOW when no clock is given") {
        ScopedEnv fixed("LEGDIARY_NOW", "2026-11-22T02:30:00+01:00");
        Diary diary(dir / "diary.db");
        CHECK(diary.now_utc() == at(2026, 11, 22, 1, 30));
        CHECK(diary.add_cramp(episode(instant(2026, 11, 22, 2, 35, 0, 60))).inserted);
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 22, 2, 40, 0, 60))), ValidationError);
    }
}

TEST_CASE("an in-memory diary works without a file", "[diary]") {
    Diary diary(":memory:", fixed_clock(test_now_utc()));
    populate(diary);
    CHECK(contents(diary).cramps.size() == 2);
    CHECK(diary.check().empty());
}

TEST_CASE("the file itself refuses rows that break the rules, whoever writes them", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    {
        Diary diary(path, fixed_clock(test_now_utc(), 6));
        populate(diary);
    }
    RawDatabase raw(path, SQLITE_OPEN_READWRITE);
    CHECK(raw.rows("PRAGMA application_id").at(0).at(0) == "i:" + std::to_string(Diary::application_id()));
    CHECK(raw.rows("PRAGMA user_version").at(0).at(0) == "i:" + std::to_string(Diary::current_schema_version()));
    CHECK(raw.rows("PRAGMA journal_mode").at(0).at(0) == "t:wal");
    raw.exec("PRAGMA foreign_keys = ON");
    const auto before = dump(path);

    const std::string good_cramp =
        "INSERT INTO cramp (onset, onset_utc, night, duration_s, leg, muscle, intensity, woke, notes) VALUES ";
    // The night of 2026-11-24T07:00+01:00 with boundary 6 is 2026-11-24; onset_utc is 06:00Z.
    const std::string utc = "strftime('%s', '2026-11-24T06:00:00Z')";
    CHECK_NOTHROW(raw.exec(good_cramp + "('2026-11-24T07:00:00+01:00', " + utc +
                           ", '2026-11-24', 60, 'left', 'calf', 5, 1, '" + std::string(2000 * 2, 'x').substr(0, 2000) +
                           "')"));
    raw.exec("DELETE FROM cramp WHERE night = '2026-11-24'");
    for (const std::string& values : std::vector<std::string>{
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 0, 'left', 'calf', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 3601, 'left', 'calf', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 60, 'Left', 'calf', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 60, 'left', 'knee', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 60, 'left', 'calf', 11, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 60, 'left', 'calf', NULL, 2, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-23', 60, 'left', 'calf', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + " + 1, '2026-11-24', 60, 'left', 'calf', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+14:30', " + utc + ", '2026-11-24', 60, 'left', 'calf', NULL, NULL, NULL)",
             "('2026-02-30T07:00:00+01:00', " + utc + ", '2026-02-30', 60, 'left', 'calf', NULL, NULL, NULL)",
             "('2026-11-24T07:00:00+01:00', " + utc + ", '2026-11-24', 60, 'left', 'calf', NULL, NULL, '" +
                 std::string(2001, 'x') + "')",
         }) {
        INFO(values.substr(0, 120));
        CHECK_THROWS(raw.exec(good_cramp + values));
    }
    CHECK_THROWS(raw.exec("INSERT INTO night (night, bedtime, waketime) VALUES ('2026-11-24', "
                          "'2026-11-24T23:00:00+01:00', '2026-11-24T23:00:00+01:00')"));
    CHECK_THROWS(raw.exec("INSERT INTO night (night, sleep_quality) VALUES ('2026-11-31', 5)"));
    CHECK_THROWS(raw.exec("INSERT INTO day (day, water_l) VALUES ('2026-11-24', 15.01)"));
    CHECK_THROWS(raw.exec("INSERT INTO day (day, calf_left_cm) VALUES ('2026-11-24', 9.99)"));
    CHECK_THROWS(raw.exec("INSERT INTO day (day, compression_class) VALUES ('2026-11-24', '10-15')"));
    CHECK_THROWS(raw.exec("INSERT INTO day (day, swelling_grade) VALUES ('2026-11-24', 4)"));
    CHECK_THROWS(raw.exec("INSERT INTO day (day, compression_hours) VALUES ('2026-11-24', 'lots')"));  // STRICT
    CHECK_THROWS(raw.exec("INSERT INTO day_tag (day, tag) VALUES ('2026-11-21', 'Bad')"));
    CHECK_THROWS(raw.exec("INSERT INTO day_tag (day, tag) VALUES ('2026-11-21', '" + std::string(41, 'a') + "')"));
    CHECK_THROWS(raw.exec("INSERT INTO day_tag (day, tag) VALUES ('2030-01-01', 'orphan')"));  // no such day
    CHECK(dump(path) == before);
}

TEST_CASE("a write blocked by another writer past the timeout is a BusyError and writes nothing", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    auto options = fixed_clock(test_now_utc());
    options.busy_timeout_ms = 50;
    Diary diary(path, options);
    populate(diary);
    const auto before = contents(diary);
    {
        RawDatabase other(path, SQLITE_OPEN_READWRITE);
        other.exec("BEGIN IMMEDIATE");
        CHECK_THROWS_AS(diary.add_cramp(episode(instant(2026, 11, 26, 2, 0, 0, 60))), BusyError);
        CHECK_THROWS_AS(diary.put_day(full_day(date(2026, 11, 26))), BusyError);
        // Reading is not blocked by a writer.
        CHECK(contents(diary) == before);
        other.exec("ROLLBACK");
    }
    CHECK(contents(diary) == before);
    CHECK(diary.add_cramp(episode(instant(2026, 11, 26, 2, 0, 0, 60))).inserted);
}

TEST_CASE("merging a check-in adds to the stored one in one transaction", "[diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(test_now_utc()));
    const Date day = date(2026, 11, 20);

    SECTION("day logs: given values replace, others stay, tags are added") {
        DayLog morning;
        morning.day = day;
        morning.compression_hours = 8;
        morning.tags = {"magnesium"};
        const auto first = diary.merge_day(morning);
        CHECK_FALSE(first.existed);
        CHECK(*diary.day(day) == morning);

        DayLog evening;
        evening.day = day;
        evening.swelling_grade = 2;
        evening.calf_left_cm = 38.5;
        evening.tags = {"long-flight"};
        const auto second = diary.merge_day(evening);
        CHECK(second.existed);
        const DayLog stored = *diary.day(day);
        CHECK(stored == second.entry);
        CHECK(stored.compression_hours == 8.0);
        CHECK(stored.swelling_grade == 2);
        CHECK(stored.calf_left_cm == 38.5);
        CHECK(stored.tags == std::set<std::string>{"long-flight", "magnesium"});

        // Another connection's merge is not lost either.
        Diary other(dir / "diary.db", fixed_clock(test_now_utc()));
        DayLog later;
        later.day = day;
        later.compression_hours = 10;
        other.merge_day(later);
        CHECK(diary.day(day)->compression_hours == 10.0);
        CHECK(diary.day(day)->swelling_grade == 2);
    }
    SECTION("night records: a merge that makes the record invalid is refused and writes nothing") {
        NightRecord bed;
        bed.night = day;
        bed.bedtime = instant(2026, 11, 20, 23, 0, 0, 60);
        diary.merge_night(bed);
        const auto before = contents(diary);

        NightRecord wake;
        wake.night = day;
        wake.waketime = instant(2026, 11, 20, 22, 0, 0, 60);  // before the stored bedtime
        const auto error = validation_error([&] { diary.merge_night(wake); });
        CHECK(error.field() == "waketime");
        CHECK(contents(diary) == before);

        wake.waketime = instant(2026, 11, 21, 6, 30, 0, 60);
        wake.sleep_quality = 7;
        const auto result = diary.merge_night(wake);
        CHECK(result.existed);
        CHECK(result.entry.bedtime == bed.bedtime);
        CHECK(result.entry.waketime == wake.waketime);
        CHECK(*diary.night(day) == result.entry);
    }
}

TEST_CASE("opening a diary is not held up by a writer holding the lock", "[diary]") {
    TempDir dir;
    const auto path = dir / "diary.db";
    {
        Diary diary(path, fixed_clock(test_now_utc()));
        populate(diary);
    }
    RawDatabase other(path, SQLITE_OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    auto options = fixed_clock(test_now_utc());
    options.busy_timeout_ms = 50;
    // An up-to-date file needs no migration, so opening it takes no write lock.
    Diary reader(path, options);
    CHECK(reader.extent().has_value());
    CHECK(reader.cramps(everything).size() == 2);
    other.exec("ROLLBACK");
}
