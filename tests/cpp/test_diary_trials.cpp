// Randomised N-of-1 trials in the store (SPEC 7): planning and reading back every field,
// the refusals (a past start, overlapping nights, broken bounds) that leave the file as it
// was, stopping, the schema's triggers against edits by another tool, the analysis of a
// stored trial, its JSON, and the migration of a version 1 diary.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/report_json.hpp"
#include "legdiary/trial.hpp"
#include "test_support.hpp"

using namespace legdiary;
using boost::gregorian::days;
using test_support::at;
using test_support::date;
using test_support::dump;
using test_support::file_bytes;
using test_support::fixed_clock;
using test_support::RawDatabase;
using test_support::TempDir;

namespace {

// The diary's clock: 2026-07-15 10:00 UTC; "today" is 2026-07-15.
DateTime clock_now() { return at(2026, 7, 15, 10, 0, 0); }
Date today() { return date(2026, 7, 15); }

TrialPlan plan_from(const Date& start) {
    TrialPlan plan;
    plan.start = start;
    plan.run_in_nights = 2;
    plan.blocks = 2;
    plan.period_nights = 3;
    plan.washout_nights = 1;  // 2 + 12 nights: start … start + 13
    plan.seed = 83;
    return plan;
}

template <typename Error, typename Fn>
Error thrown(Fn&& fn) {
    try {
        fn();
    } catch (const Error& error) {
        return error;
    }
    FAIL("no error of the expected type");
    throw std::logic_error("unreachable");
}

std::set<std::string> fields_of(const ValidationError& error) {
    std::set<std::string> fields;
    for (const auto& problem : error.problems()) fields.insert(problem.field);
    return fields;
}

std::set<std::string> keys_of(const nlohmann::json& object) {
    std::set<std::string> keys;
    for (const auto& item : object.items()) keys.insert(item.key());
    return keys;
}

// Runs SQL on a separate connection; returns SQLite's error text, "" when it succeeded.
std::string raw_error(const std::filesystem::path& path, const std::string& sql) {
    RawDatabase db(path, SQLITE_OPEN_READWRITE);
    try {
        db.exec(sql);
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a planned trial reads back with every field", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    TrialPlan plan = plan_from(today());
    plan.exposure = "tag:magnesium";
    plan.seed = std::numeric_limits<std::uint64_t>::max();  // 2^64 − 1
    plan.name = "Magnesium — ein Versuch 😴";
    plan.hypothesis = "fewer cramps with magnesium";
    const StoredTrial stored = diary.plan_trial(plan, today());
    CHECK(stored.id == 1);
    CHECK(stored.plan.created == clock_now());
    plan.created = clock_now();
    CHECK(stored.plan == plan);
    REQUIRE(diary.trial(1));
    CHECK(*diary.trial(1) == stored);
    CHECK(diary.trials() == std::vector<StoredTrial>{stored});
    CHECK_FALSE(diary.trial(2));
    {
        RawDatabase raw(dir / "d.db", SQLITE_OPEN_READONLY);
        const auto rows = raw.rows("SELECT seed, created, typeof(seed) FROM trials");
        CHECK(rows == std::vector<std::vector<std::string>>{
                          {"t:18446744073709551615", "t:2026-07-15T10:00:00Z", "t:text"}});
    }
    // The JSON carries the seed as a decimal string and the plan's keys exactly.
    const auto json = trial_status_json(stored, diary.trial_status(1, today()));
    CHECK(json["trial"]["seed"] == "18446744073709551615");
    CHECK(json["trial"]["created"] == "2026-07-15T10:00:00Z");
    CHECK(json["trial"]["name"] == "Magnesium — ein Versuch 😴");
    CHECK(json["trial"]["stopped"].is_null());
    CHECK(json["trial"]["status"] == "run-in");
    CHECK(json["trial"]["end"] == "2026-07-28");
}

TEST_CASE("a random seed uses all 64 bits", "[trial]") {
    std::uint64_t any = 0;
    for (int i = 0; i < 16; ++i) any |= random_trial_seed();
    CHECK((any >> 32) != 0);
    CHECK((any & 0xffffffffULL) != 0);
}

TEST_CASE("a trial's start is today or later unless past starts are allowed", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    const auto before = dump(dir / "d.db");
    const auto error = thrown<ValidationError>([&] { diary.plan_trial(plan_from(today() - days(1)), today()); });
    CHECK(fields_of(error) == std::set<std::string>{"start"});
    CHECK(std::string(error.what()).find("start = \"2026-07-14\"") != std::string::npos);
    CHECK(dump(dir / "d.db") == before);
    CHECK(diary.plan_trial(plan_from(today() - days(100)), today(), true).id == 1);
    CHECK(diary.plan_trial(plan_from(today()), today()).id == 2);
}

TEST_CASE("trials may not overlap in nights; touching is fine", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    const Date first = date(2026, 8, 10);  // nights 2026-08-10 … 2026-08-23
    diary.plan_trial(plan_from(first), today());
    const auto before = file_bytes(dir / "d.db");
    const auto before_dump = dump(dir / "d.db");
    SECTION("a later trial starting on the last night") {
        const auto error = thrown<ValidationError>([&] { diary.plan_trial(plan_from(date(2026, 8, 23)), today()); });
        CHECK(fields_of(error) == std::set<std::string>{"start"});
        CHECK(std::string(error.what()).find("trial 1's nights 2026-08-10 … 2026-08-23") != std::string::npos);
    }
    SECTION("an earlier trial ending on the first night") {
        const auto error = thrown<ValidationError>([&] { diary.plan_trial(plan_from(date(2026, 7, 28)), today()); });
        CHECK(fields_of(error) == std::set<std::string>{"start"});
    }
    SECTION("a trial around it") {
        TrialPlan around = plan_from(date(2026, 8, 1));
        around.blocks = 4;
        CHECK_THROWS_AS(diary.plan_trial(around, today()), ValidationError);
    }
    CHECK(file_bytes(dir / "d.db") == before);
    CHECK(dump(dir / "d.db") == before_dump);
    CHECK(diary.trials().size() == 1);
    // Touching ranges: the night after the last, and one ending the night before the first.
    CHECK(diary.plan_trial(plan_from(date(2026, 8, 24)), today()).id == 2);
    CHECK(diary.plan_trial(plan_from(date(2026, 7, 27)), today()).id == 3);
    const auto all = diary.trials();
    REQUIRE(all.size() == 3);
    CHECK(all[0].id == 3);  // by start
    CHECK(all[2].id == 2);
}

TEST_CASE("a plan that breaks a bound is refused and the file is left as it was", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    diary.plan_trial(plan_from(date(2026, 9, 1)), today());
    const auto before = file_bytes(dir / "d.db");
    const auto before_dump = dump(dir / "d.db");
    TrialPlan plan = plan_from(date(2026, 10, 1));
    plan.blocks = 21;
    plan.washout_nights = 3;
    plan.exposure = "stockings";
    auto error = thrown<ValidationError>([&] { diary.plan_trial(plan, today()); });
    CHECK(fields_of(error) == std::set<std::string>{"blocks", "exposure", "washout_nights"});
    CHECK(std::string(error.what()).find("blocks = \"21\": must be 2..20") != std::string::npos);
    plan = plan_from(date(2026, 10, 1));
    plan.stopped = date(2026, 10, 2);
    error = thrown<ValidationError>([&] { diary.plan_trial(plan, today()); });
    CHECK(fields_of(error) == std::set<std::string>{"stopped"});
    plan = plan_from(date(2026, 10, 1));
    plan.name = std::string(2001, 'x');
    error = thrown<ValidationError>([&] { diary.plan_trial(plan, today()); });
    CHECK(fields_of(error) == std::set<std::string>{"name"});
    CHECK(file_bytes(dir / "d.db") == before);
    CHECK(dump(dir / "d.db") == before_dump);
}

TEST_CASE("the schema refuses bad rows written by another tool", "[trial][diary]") {
    TempDir dir;
    { Diary diary(dir / "d.db", fixed_clock(clock_now())); }
    const std::string columns =
        "INSERT INTO trials (exposure, start, run_in_nights, blocks, period_nights, washout_nights, seed, created) "
        "VALUES ";
    CHECK(raw_error(dir / "d.db", columns + "('compression', '2026-08-01', 7, 6, 7, 2, '18446744073709551615', "
                                            "'2026-07-15T10:00:00Z')") == "");
    for (const std::string values :
         {"('compression', '2027-08-01', 7, 21, 7, 2, '1', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 29, 6, 7, 2, '1', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 7, 6, 2, 1, '1', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 7, 6, 7, 7, '1', '2026-07-15T10:00:00Z')",
          "('socks', '2027-08-01', 7, 6, 7, 2, '1', '2026-07-15T10:00:00Z')",
          "('tag:Mg', '2027-08-01', 7, 6, 7, 2, '1', '2026-07-15T10:00:00Z')",
          "('compression', '2027-02-30', 7, 6, 7, 2, '1', '2026-07-15T10:00:00Z')",
          "('compression', '9999-12-01', 7, 6, 7, 2, '1', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 7, 6, 7, 2, '18446744073709551616', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 7, 6, 7, 2, '-1', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 7, 6, 7, 2, '007', '2026-07-15T10:00:00Z')",
          "('compression', '2027-08-01', 7, 6, 7, 2, '1', '2026-07-15 10:00:00')"}) {
        INFO(values);
        CHECK(raw_error(dir / "d.db", columns + values).find("CHECK constraint failed") != std::string::npos);
    }
    CHECK(raw_error(dir / "d.db", "INSERT INTO trials (exposure, start, run_in_nights, blocks, period_nights, "
                                  "washout_nights, seed, created, stop_reason) VALUES ('compression', '2027-08-01', "
                                  "7, 6, 7, 2, '1', '2026-07-15T10:00:00Z', 'why')")
              .find("CHECK constraint failed") != std::string::npos);
}

TEST_CASE("stopping a trial sets stopped to today, once", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    CHECK_FALSE(diary.active_trial(today()));
    const auto none = thrown<NotFoundError>([&] { diary.stop_trial("no trial", today()); });
    CHECK(std::string(none.what()).find("trial = ") == 0);
    const auto stored = diary.plan_trial(plan_from(date(2026, 7, 10)), today(), true);
    REQUIRE(diary.active_trial(today()));
    CHECK(diary.active_trial(today())->id == stored.id);
    CHECK_FALSE(diary.active_trial(date(2026, 7, 24)));  // finished after 2026-07-23
    CHECK(fields_of(thrown<ValidationError>([&] { diary.stop_trial(std::string(2001, 'x'), today()); })) ==
          std::set<std::string>{"stop_reason"});
    CHECK(fields_of(thrown<ValidationError>([&] { diary.stop_trial("\xff", today()); })) ==
          std::set<std::string>{"stop_reason"});
    const auto stopped = diary.stop_trial("too many cramps", today());
    CHECK(stopped.id == stored.id);
    CHECK(stopped.plan.stopped == today());
    CHECK(stopped.plan.stop_reason == "too many cramps");
    CHECK(*diary.trial(stored.id) == stopped);
    CHECK_FALSE(diary.active_trial(today()));
    CHECK_THROWS_AS(diary.stop_trial("again", today()), NotFoundError);
    CHECK(diary.trial_status(stored.id, today()).status == TrialStatus::stopped);
    // The nights from the stop on are free for a new trial; the nights before are not.
    CHECK_THROWS_AS(diary.plan_trial(plan_from(date(2026, 7, 14)), today(), true), ValidationError);
    CHECK(diary.plan_trial(plan_from(today()), today()).id == 2);
}

TEST_CASE("the file refuses edits and deletions of trials by another tool", "[trial][diary]") {
    TempDir dir;
    const auto path = dir / "d.db";
    Diary diary(path, fixed_clock(clock_now()));
    diary.plan_trial(plan_from(date(2026, 8, 1)), today());
    for (const char* sql : {"UPDATE trials SET seed = '84'", "UPDATE trials SET blocks = 3",
                            "UPDATE trials SET start = '2026-08-02'", "UPDATE trials SET name = 'x'",
                            "UPDATE trials SET id = 5", "UPDATE trials SET stop_reason = 'no stop'",
                            "UPDATE trials SET stopped = '2026-08-02', blocks = 3"}) {
        INFO(sql);
        CHECK(raw_error(path, sql).find("never edited") != std::string::npos);
    }
    CHECK(raw_error(path, "DELETE FROM trials").find("stays in the diary") != std::string::npos);
    // A stop is allowed once; then nothing more.
    CHECK(raw_error(path, "UPDATE trials SET stopped = '2026-08-05', stop_reason = 'r'") == "");
    CHECK(raw_error(path, "UPDATE trials SET stop_reason = 'other'").find("never edited") != std::string::npos);
    CHECK(raw_error(path, "UPDATE trials SET stopped = NULL").find("never edited") != std::string::npos);
    CHECK(raw_error(path, "DELETE FROM trials WHERE id = 1").find("stays in the diary") != std::string::npos);
    REQUIRE(diary.trial(1));
    CHECK(diary.trial(1)->plan.seed == 83);
    CHECK(diary.trial(1)->plan.stopped == date(2026, 8, 5));
}

TEST_CASE("a stored trial's status is analyse_trial on the diary's tables", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    TrialPlan plan = plan_from(date(2026, 6, 1));  // nights 2026-06-01 … 2026-06-14
    plan.blocks = 3;                               // … 2026-06-20
    const auto stored = diary.plan_trial(plan, today(), true);
    CHECK_THROWS_AS(diary.trial_status(2, today()), NotFoundError);
    const auto missing = thrown<NotFoundError>([&] { (void)diary.trial_status(7, today()); });
    CHECK(std::string(missing.what()).find("id = \"7\"") == 0);
    // Entries in and around the trial: check-ins, cramps, day logs with and without socks.
    for (Date night = date(2026, 5, 28); night <= date(2026, 6, 24); night += days(1)) {
        const int n = static_cast<int>(night.day());
        if (n % 5 == 0) continue;  // an unrecorded night now and then
        NightRecord record;
        record.night = night;
        diary.put_night(record);
        for (int k = 0; k < n % 3; ++k) {
            CrampEpisode episode;
            episode.onset = Instant{DateTime(night + days(1), boost::posix_time::hours(2) +
                                                                   boost::posix_time::minutes(10 * k)),
                                    120};
            episode.duration_s = 60;
            diary.add_cramp(episode);
        }
        if (n % 4 == 0) continue;
        DayLog log;
        log.day = night;
        log.compression_hours = n % 2 == 0 ? 8.0 : 0.0;
        diary.put_day(log);
    }
    for (const Date& on : {date(2026, 6, 5), date(2026, 6, 12), today()}) {
        INFO(to_string(on));
        const auto analysis = diary.trial_status(stored.id, on);
        const auto direct = analyse_trial(diary.tables({date(2026, 5, 1), date(2026, 7, 1)}), stored.plan, on);
        CHECK(trial_status_json(stored, analysis) == trial_status_json(stored, direct));
        CHECK(analysis.result.nights_a + analysis.result.nights_b > 0);
    }
}

TEST_CASE("the trial JSON has exactly SPEC 7's keys", "[trial][diary]") {
    TempDir dir;
    Diary diary(dir / "d.db", fixed_clock(clock_now()));
    const auto stored = diary.plan_trial(plan_from(date(2026, 6, 1)), today(), true);
    NightRecord record;
    record.night = date(2026, 6, 4);
    diary.put_night(record);
    const auto json = trial_status_json(stored, diary.trial_status(stored.id, today()));
    CHECK(keys_of(json) == std::set<std::string>{"trial", "schedule", "result"});
    CHECK(keys_of(json["trial"]) ==
          std::set<std::string>{"id", "exposure", "start", "run_in_nights", "blocks", "period_nights", "washout_nights",
                                "seed", "name", "hypothesis", "created", "allocation", "status", "end", "stopped",
                                "stop_reason"});
    CHECK(json["trial"]["seed"] == "83");
    CHECK(json["trial"]["allocation"].is_array());
    REQUIRE(json["schedule"].size() == 14);
    CHECK(keys_of(json["schedule"][0]) == std::set<std::string>{"night", "phase", "block", "period", "condition",
                                                                 "washout", "recorded", "cramps", "adherence",
                                                                 "analysed"});
    CHECK(json["schedule"][0]["phase"] == "run-in");
    CHECK(json["schedule"][0]["condition"].is_null());
    CHECK(keys_of(json["result"]) ==
          std::set<std::string>{"nights_a", "cramps_a", "rate_a", "nights_b", "cramps_b", "rate_b", "rate_ratio",
                                "percent_change", "p_value", "p_value_lower", "assignments", "smallest_possible_p",
                                "rate_ratio_low", "rate_ratio_high", "scale", "per_block", "blocks_favouring_b",
                                "blocks_favouring_a", "blocks_tied", "sign_test_p", "exact_rate_ratio_low",
                                "exact_rate_ratio_high", "exact_p_value", "adherence", "interim", "caveats"});
    REQUIRE(json["result"]["per_block"].size() == 2);
    CHECK(keys_of(json["result"]["per_block"][0]) ==
          std::set<std::string>{"block", "order", "nights_a", "cramps_a", "nights_b", "cramps_b", "rate_ratio"});
    CHECK(keys_of(json["result"]["adherence"]) == std::set<std::string>{"a", "b"});
    CHECK(keys_of(json["result"]["adherence"]["a"]) ==
          std::set<std::string>{"nights", "adherent", "not_adherent", "unknown"});
    CHECK(json["result"]["interim"] == false);  // finished on 2026-06-14
}

TEST_CASE("a version 1 diary migrates to version 2 with a trials table", "[trial][diary][schema]") {
    TempDir dir;
    const auto path = dir / "v1.db";
    std::filesystem::copy_file(std::filesystem::path(LEGDIARY_TEST_DATA_DIR) / "schema" / "v1.db", path);
    const auto cramps_before = RawDatabase(path, SQLITE_OPEN_READONLY).rows("SELECT * FROM cramp ORDER BY id");
    {
        RawDatabase raw(path, SQLITE_OPEN_READONLY);
        CHECK(raw.rows("PRAGMA user_version") == std::vector<std::vector<std::string>>{{"i:1"}});
        CHECK(raw.rows("SELECT name FROM sqlite_schema WHERE name = 'trials'").empty());
    }
    Diary diary(path, fixed_clock(clock_now()));
    CHECK(diary.trials().empty());
    CHECK(diary.plan_trial(plan_from(today()), today()).id == 1);
    RawDatabase raw(path, SQLITE_OPEN_READONLY);
    CHECK(raw.rows("PRAGMA user_version") ==
          std::vector<std::vector<std::string>>{{"i:" + std::to_string(Diary::current_schema_version())}});
    CHECK(raw.rows("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name") ==
          std::vector<std::vector<std::string>>{{"t:trials_plan_is_never_edited"}, {"t:trials_stay_in_the_diary"}});
    CHECK(raw.rows("SELECT * FROM cramp ORDER BY id") == cramps_before);
    CHECK(raw.rows("SELECT night_boundary_hour FROM diary_info") == std::vector<std::vector<std::string>>{{"i:18"}});
}
