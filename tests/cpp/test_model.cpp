// The data model's rules (SPEC section 1) at and just past each bound, the errors that
// report them, and the enum names.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "legdiary/model.hpp"
#include "test_support.hpp"

using namespace legdiary;
using test_support::at;
using test_support::fields_of;
using test_support::instant;

namespace {

const DateTime now_utc = at(2026, 11, 22, 8, 0, 0);

CrampEpisode valid_episode() {
    CrampEpisode episode;
    episode.onset = instant(2026, 11, 22, 2, 30, 0, 60);
    episode.duration_s = 60;
    episode.leg = Leg::left;
    return episode;
}

NightRecord valid_night() {
    NightRecord record;
    record.night = test_support::date(2026, 11, 21);
    record.bedtime = instant(2026, 11, 21, 22, 45, 0, 60);
    record.waketime = instant(2026, 11, 22, 6, 30, 0, 60);
    return record;
}

DayLog valid_day() {
    DayLog log;
    log.day = test_support::date(2026, 11, 21);
    return log;
}

std::string repeat(const std::string& unit, std::size_t times) {
    std::string text;
    for (std::size_t i = 0; i < times; ++i) text += unit;
    return text;
}

// The single problem a value has; fails the test when there is not exactly one.
Problem only_problem(const std::vector<Problem>& problems) {
    REQUIRE(problems.size() == 1);
    return problems.front();
}

}  // namespace

TEST_CASE("cramp duration must be 1..3600 seconds", "[model]") {
    auto episode = valid_episode();
    for (int ok : {1, 3600}) {
        episode.duration_s = ok;
        CHECK(check(episode, now_utc).empty());
    }
    for (int bad : {0, 3601, -5}) {
        episode.duration_s = bad;
        const auto problem = only_problem(check(episode, now_utc));
        CHECK(problem.field == "duration_s");
        CHECK(problem.value == std::to_string(bad));
        CHECK(problem.rule.find("3600") != std::string::npos);
    }
}

TEST_CASE("cramp intensity is 0..10 or unknown", "[model]") {
    auto episode = valid_episode();
    for (std::optional<int> ok : {std::optional<int>{}, std::optional<int>{0}, std::optional<int>{10}}) {
        episode.intensity = ok;
        CHECK(check(episode, now_utc).empty());
    }
    for (int bad : {-1, 11}) {
        episode.intensity = bad;
        const auto problem = only_problem(check(episode, now_utc));
        CHECK(problem.field == "intensity");
        CHECK(problem.value == std::to_string(bad));
    }
}

TEST_CASE("unusually long episodes are flagged, not refused", "[model]") {
    auto episode = valid_episode();
    episode.duration_s = 600;
    CHECK_FALSE(is_unusually_long(episode));
    episode.duration_s = 601;
    CHECK(is_unusually_long(episode));
    CHECK(check(episode, now_utc).empty());
}

TEST_CASE("notes count Unicode characters, not bytes, and must be valid UTF-8 without NUL", "[model]") {
    auto episode = valid_episode();
    auto record = valid_night();
    auto log = valid_day();
    auto notes_problems = [&](const std::string& notes) {
        episode.notes = notes;
        record.notes = notes;
        log.notes = notes;
        return std::vector<std::vector<Problem>>{check(episode, now_utc), check(record), check(log)};
    };

    SECTION("2000 characters are fine, whatever their byte length") {
        for (const char* unit : {"a", "\xC3\xA9" /* é */, "\xE2\x82\xAC" /* € */, "\xF0\x9F\x98\x80" /* emoji */})
            for (const auto& problems : notes_problems(repeat(unit, 2000))) CHECK(problems.empty());
        for (const auto& problems : notes_problems("")) CHECK(problems.empty());
    }
    SECTION("2001 characters are refused") {
        for (const char* unit : {"a", "\xC3\xA9", "\xF0\x9F\x98\x80"})
            for (const auto& problems : notes_problems(repeat(unit, 2001))) {
                const auto problem = only_problem(problems);
                CHECK(problem.field == "notes");
                CHECK(problem.rule.find("2000") != std::string::npos);
            }
    }
    SECTION("invalid UTF-8 is refused") {
        for (const std::string& bad : std::vector<std::string>{"\xC3\x28", "caf\xE9", "\x80", "\xC0\xAF" /* overlong */,
                                      "\xED\xA0\x80" /* surrogate */, "\xF4\x90\x80\x80" /* > U+10FFFF */,
                                      "\xE2\x82" /* truncated */, "\xFF"})
            for (const auto& problems : notes_problems(bad)) {
                const auto problem = only_problem(problems);
                CHECK(problem.field == "notes");
                CHECK(problem.rule.find("UTF-8") != std::string::npos);
            }
    }
    SECTION("a NUL byte is refused") {
        for (const auto& problems : notes_problems(std::string("before\0after", 12))) {
            const auto problem = only_problem(problems);
            CHECK(problem.field == "notes");
            CHECK(problem.rule.find("NUL") != std::string::npos);
        }
    }
}

TEST_CASE("an onset may be at most 5 minutes after the diary's clock", "[model]") {
    auto episode = valid_episode();
    // now is 08:00:00Z; at +01:00 that is 09:00:00 local.
    episode.onset = instant(2026, 11, 22, 9, 5, 0, 60);
    CHECK(check(episode, now_utc).empty());
    episode.onset = instant(2026, 11, 22, 8, 5, 0, 0);
    CHECK(check(episode, now_utc).empty());

    episode.onset = instant(2026, 11, 22, 9, 5, 1, 60);
    auto problem = only_problem(check(episode, now_utc));
    CHECK(problem.field == "onset");
    CHECK(problem.value == "2026-11-22T09:05:01+01:00");
    CHECK(problem.rule.find("future") != std::string::npos);

    // The same wall-clock time further west is a later moment.
    episode.onset = instant(2026, 11, 22, 8, 5, 0, -60);
    CHECK(only_problem(check(episode, now_utc)).field == "onset");
}

TEST_CASE("UTC offsets range from -12:00 to +14:00", "[model]") {
    auto episode = valid_episode();
    const DateTime far_future = at(2030, 1, 1);
    for (int ok : {-720, 0, 330, 840}) {
        episode.onset.offset_minutes = ok;
        CHECK(check(episode, far_future).empty());
    }
    for (int bad : {-721, 841, -900, 900}) {
        episode.onset.offset_minutes = bad;
        const auto problem = only_problem(check(episode, far_future));
        CHECK(problem.field == "onset");
        CHECK(problem.rule.find("offset") != std::string::npos);
    }
    auto record = valid_night();
    record.bedtime->offset_minutes = 841;
    CHECK(fields_of(check(record)) == std::vector<std::string>{"bedtime"});
    record = valid_night();
    record.waketime->offset_minutes = -721;
    CHECK(fields_of(check(record)) == std::vector<std::string>{"waketime"});
}

TEST_CASE("instants are whole seconds in the years 1900..9999", "[model]") {
    auto episode = valid_episode();
    episode.onset.local += boost::posix_time::milliseconds(500);
    CHECK(only_problem(check(episode, now_utc)).field == "onset");
    episode = valid_episode();
    episode.onset.local = DateTime(boost::date_time::not_a_date_time);
    CHECK(only_problem(check(episode, now_utc)).field == "onset");
    episode.onset = instant(1899, 12, 31, 23, 0, 0, 0);
    CHECK(only_problem(check(episode, now_utc)).field == "onset");
    episode.onset = instant(1900, 1, 1, 0, 0, 0, 0);
    CHECK(check(episode, now_utc).empty());
}

TEST_CASE("night records: waketime after bedtime, sleep quality 0..10", "[model]") {
    auto record = valid_night();
    CHECK(check(record).empty());

    SECTION("waketime equal to bedtime is refused") {
        record.waketime = record.bedtime;
        const auto problem = only_problem(check(record));
        CHECK(problem.field == "waketime");
        CHECK(problem.rule.find("bedtime") != std::string::npos);
    }
    SECTION("one second after bedtime is fine") {
        record.waketime = record.bedtime;
        record.waketime->local += boost::posix_time::seconds(1);
        CHECK(check(record).empty());
    }
    SECTION("the order is by UTC moment, not wall-clock time") {
        // 23:30+02:00 is 21:30Z, before 22:00Z although its wall-clock time is later.
        record.bedtime = instant(2026, 11, 21, 23, 0, 0, 60);
        record.waketime = instant(2026, 11, 21, 23, 30, 0, 120);
        CHECK(only_problem(check(record)).field == "waketime");
        // Flying west: the wall clock goes back but the moment is later.
        record.waketime = instant(2026, 11, 21, 22, 30, 0, -300);
        CHECK(check(record).empty());
    }
    SECTION("either time alone is fine") {
        record.waketime.reset();
        CHECK(check(record).empty());
        record = valid_night();
        record.bedtime.reset();
        CHECK(check(record).empty());
    }
    SECTION("sleep quality") {
        for (int ok : {0, 10}) {
            record.sleep_quality = ok;
            CHECK(check(record).empty());
        }
        for (int bad : {-1, 11}) {
            record.sleep_quality = bad;
            const auto problem = only_problem(check(record));
            CHECK(problem.field == "sleep_quality");
            CHECK(problem.value == std::to_string(bad));
        }
    }
    SECTION("the night must be a date") {
        record.night = Date(boost::date_time::not_a_date_time);
        CHECK(only_problem(check(record)).field == "night");
        record.night = test_support::date(1899, 12, 31);
        CHECK(only_problem(check(record)).field == "night");
    }
}

TEST_CASE("day log real-valued fields at and just past their bounds", "[model]") {
    struct RealField {
        const char* name;
        std::optional<double> DayLog::*member;
        double low;
        double high;
        double below;
        double above;
    };
    const std::vector<RealField> fields = {
        {"compression_hours", &DayLog::compression_hours, 0, 24, -0.01, 24.01},
        {"ankle_left_cm", &DayLog::ankle_left_cm, 10, 80, 9.99, 80.01},
        {"ankle_right_cm", &DayLog::ankle_right_cm, 10, 80, 9.99, 80.01},
        {"calf_left_cm", &DayLog::calf_left_cm, 10, 80, 9.99, 80.01},
        {"calf_right_cm", &DayLog::calf_right_cm, 10, 80, 9.99, 80.01},
        {"standing_hours", &DayLog::standing_hours, 0, 24, -0.01, 24.01},
        {"water_l", &DayLog::water_l, 0, 15, -0.01, 15.01},
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (const auto& field : fields) {
        INFO(field.name);
        auto log = valid_day();
        for (double ok : {field.low, field.high, (field.low + field.high) / 2}) {
            log.*field.member = ok;
            CHECK(check(log).empty());
        }
        for (double bad : {field.below, field.above, nan, inf, -inf}) {
            log.*field.member = bad;
            const auto problem = only_problem(check(log));
            CHECK(problem.field == field.name);
            CHECK_FALSE(problem.rule.empty());
        }
    }
    auto log = valid_day();
    log.water_l = 15.01;
    CHECK(only_problem(check(log)).value == "15.01");
}

TEST_CASE("day log integer fields at and just past their bounds", "[model]") {
    struct IntField {
        std::string name;
        std::optional<int>* (*slot)(DayLog&);
        int high;
    };
    std::vector<IntField> fields = {
        {"exercise_min", [](DayLog& log) { return &log.exercise_min; }, 1440},
        {"elevation_min", [](DayLog& log) { return &log.elevation_min; }, 1440},
        {"swelling_grade", [](DayLog& log) { return &log.swelling_grade; }, 3},
    };
    const std::vector<std::string> symptoms = {"heaviness", "aching", "throbbing", "burning",
                                               "itching", "restless_legs", "tingling", "swelling_feeling"};
    REQUIRE(symptoms.size() == symptom_count);
    for (const auto& name : symptoms) {
        fields.push_back({name, nullptr, 10});
    }
    for (std::size_t k = 0; k < fields.size(); ++k) {
        const auto& field = fields[k];
        INFO(field.name);
        auto slot = [&](DayLog& log) -> std::optional<int>& {
            if (field.slot) return *field.slot(log);
            return log.symptom(parse_symptom(field.name));
        };
        auto log = valid_day();
        for (int ok : {0, field.high}) {
            slot(log) = ok;
            CHECK(check(log).empty());
        }
        for (int bad : {-1, field.high + 1}) {
            slot(log) = bad;
            const auto problem = only_problem(check(log));
            CHECK(problem.field == field.name);
            CHECK(problem.value == std::to_string(bad));
        }
    }
}

TEST_CASE("tags are 1..40 characters of a-z, 0-9, _ and -", "[model]") {
    auto log = valid_day();
    for (const std::string& ok : std::vector<std::string>{"a", "magnesium", "long-flight", "new_socks-2", std::string(40, 'x')}) {
        log.tags = {ok};
        CHECK(check(log).empty());
        CHECK_FALSE(check_tag(ok).has_value());
    }
    for (const std::string& bad : std::vector<std::string>{"", std::string(41, 'x'), "Magnesium", "long flight", "caf\xC3\xA9", "a.b", "x/y"}) {
        INFO(bad);
        log.tags = {bad};
        const auto problem = only_problem(check(log));
        CHECK(problem.field == "tags");
        CHECK(problem.value == bad);
    }
    log.tags = {"ok", "Bad", "also bad"};
    CHECK(check(log).size() == 2);
}

TEST_CASE("day log enums and dates", "[model]") {
    auto log = valid_day();
    log.compression_class = static_cast<CompressionClass>(7);
    CHECK(only_problem(check(log)).field == "compression_class");
    log = valid_day();
    log.compression_length = static_cast<CompressionLength>(3);
    CHECK(only_problem(check(log)).field == "compression_length");
    log = valid_day();
    log.day = Date(boost::date_time::not_a_date_time);
    CHECK(only_problem(check(log)).field == "day");
    auto episode = valid_episode();
    episode.leg = static_cast<Leg>(3);
    CHECK(only_problem(check(episode, now_utc)).field == "leg");
    episode = valid_episode();
    episode.muscle = static_cast<Muscle>(9);
    CHECK(only_problem(check(episode, now_utc)).field == "muscle");
}

TEST_CASE("a fully filled, valid day log passes", "[model]") {
    DayLog log = valid_day();
    log.compression_hours = 12.5;
    log.compression_class = CompressionClass::mmhg_20_30;
    log.compression_length = CompressionLength::knee;
    log.swelling_grade = 2;
    log.ankle_left_cm = 24.5;
    log.ankle_right_cm = 25;
    log.calf_left_cm = 38;
    log.calf_right_cm = 37.5;
    log.standing_hours = 6;
    log.water_l = 2.5;
    log.exercise_min = 30;
    log.elevation_min = 20;
    for (std::size_t i = 0; i < symptom_count; ++i) log.symptoms[i] = static_cast<int>(i);
    log.skin_discoloration = false;
    log.ulcer = false;
    log.tags = {"magnesium", "long-flight"};
    log.notes = "fine";
    CHECK(check(log).empty());
    CHECK_NOTHROW(validate(log));
}

TEST_CASE("a validation error names the field, the value and the rule", "[model]") {
    auto episode = valid_episode();
    episode.duration_s = 0;
    try {
        validate(episode, now_utc);
        FAIL("a zero duration was accepted");
    } catch (const ValidationError& error) {
        CHECK(error.field() == "duration_s");
        CHECK(error.value() == "0");
        CHECK(error.rule() == "must be 1..3600 seconds");
        const std::string what = error.what();
        CHECK(what.find("duration_s") != std::string::npos);
        CHECK(what.find("\"0\"") != std::string::npos);
        CHECK(what.find("1..3600") != std::string::npos);
    }
    auto record = valid_night();
    record.waketime = record.bedtime;
    CHECK_THROWS_AS(validate(record), ValidationError);
    auto log = valid_day();
    log.tags = {"UPPER"};
    CHECK_THROWS_AS(validate(log), ValidationError);
    CHECK_NOTHROW(validate(valid_episode(), now_utc));
    CHECK_NOTHROW(validate(valid_night()));
}

TEST_CASE("every broken field is reported, in field order", "[model]") {
    SECTION("cramp episode") {
        auto episode = valid_episode();
        episode.onset = instant(2026, 11, 23, 2, 30, 0, 60);  // a day in the future
        episode.duration_s = 3601;
        episode.intensity = 11;
        episode.notes = std::string("x\0y", 3);
        try {
            validate(episode, now_utc);
            FAIL("accepted");
        } catch (const ValidationError& error) {
            CHECK(fields_of(error.problems()) ==
                  std::vector<std::string>{"onset", "duration_s", "intensity", "notes"});
            for (const auto& problem : error.problems()) {
                CHECK_FALSE(problem.rule.empty());
                CHECK_FALSE(problem.value.empty());
                CHECK(std::string(error.what()).find(problem.describe()) != std::string::npos);
            }
        }
    }
    SECTION("night record") {
        NightRecord record;  // no night
        record.bedtime = instant(2026, 11, 21, 23, 0, 0, 60);
        record.waketime = instant(2026, 11, 21, 22, 0, 0, 60);
        record.sleep_quality = 11;
        record.notes = repeat("n", 2001);
        CHECK(fields_of(check(record)) ==
              std::vector<std::string>{"night", "waketime", "sleep_quality", "notes"});
    }
    SECTION("day log") {
        auto log = valid_day();
        log.compression_hours = 25;
        log.swelling_grade = 4;
        log.calf_right_cm = 9;
        log.water_l = std::numeric_limits<double>::quiet_NaN();
        log.exercise_min = 1441;
        log.symptom(Symptom::tingling) = 11;
        log.tags = {"Bad Tag"};
        log.notes = "\xFF";
        CHECK(fields_of(check(log)) ==
              std::vector<std::string>{"compression_hours", "swelling_grade", "calf_right_cm", "water_l",
                                       "exercise_min", "tingling", "tags", "notes"});
    }
}

TEST_CASE("a problem describes itself with its line or entry number", "[model]") {
    Problem problem{"duration_s", "0", "must be 1..3600 seconds", 4, std::nullopt};
    CHECK(problem.describe() == "line 4: duration_s = \"0\": must be 1..3600 seconds");
    problem.line.reset();
    problem.index = 0;
    CHECK(problem.describe() == "entry 1: duration_s = \"0\": must be 1..3600 seconds");
    problem.index.reset();
    CHECK(problem.describe() == "duration_s = \"0\": must be 1..3600 seconds");
}

TEST_CASE("enum names round trip and unknown names are refused with the field named", "[model]") {
    const std::vector<std::string> legs = {"left", "right", "both"};
    for (std::size_t i = 0; i < legs.size(); ++i) {
        CHECK(std::string(to_string(static_cast<Leg>(i))) == legs[i]);
        CHECK(parse_leg(legs[i]) == static_cast<Leg>(i));
    }
    const std::vector<std::string> muscles = {"calf", "foot", "toes", "thigh", "hamstring", "shin", "other"};
    for (std::size_t i = 0; i < muscles.size(); ++i) {
        CHECK(std::string(to_string(static_cast<Muscle>(i))) == muscles[i]);
        CHECK(parse_muscle(muscles[i]) == static_cast<Muscle>(i));
    }
    const std::vector<std::string> classes = {"15-20", "20-30", "30-40", "40-50"};
    for (std::size_t i = 0; i < classes.size(); ++i) {
        CHECK(std::string(to_string(static_cast<CompressionClass>(i))) == classes[i]);
        CHECK(parse_compression_class(classes[i]) == static_cast<CompressionClass>(i));
    }
    const std::vector<std::string> lengths = {"knee", "thigh", "pantyhose"};
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        CHECK(std::string(to_string(static_cast<CompressionLength>(i))) == lengths[i]);
        CHECK(parse_compression_length(lengths[i]) == static_cast<CompressionLength>(i));
    }
    for (std::size_t i = 0; i < symptom_count; ++i) {
        const auto item = static_cast<Symptom>(i);
        CHECK(parse_symptom(to_string(item)) == item);
    }
    CHECK(to_string(Symptom::restless_legs) == "restless_legs");
    CHECK(to_string(CompressionClass::mmhg_20_30) == "20-30");

    auto refused = [](auto parse, std::string_view text, std::string_view field, const std::string& expected_field) {
        try {
            parse(text, field);
            FAIL("accepted " << text);
        } catch (const ValidationError& error) {
            CHECK(error.field() == expected_field);
            CHECK(error.value() == std::string(text));
            CHECK(error.rule().find("must be one of") != std::string::npos);
        }
    };
    refused(parse_leg, "Left", "leg", "leg");
    refused(parse_leg, "", "leg", "leg");
    refused(parse_leg, "both ", "side", "side");
    refused(parse_muscle, "calves", "muscle", "muscle");
    refused(parse_compression_class, "20–30", "compression_class", "compression_class");
    refused(parse_compression_class, "20-30 mmHg", "class", "class");
    refused(parse_compression_length, "ankle", "compression_length", "compression_length");
    refused(parse_symptom, "pain", "symptom", "symptom");
    try {
        parse_leg("middle");
        FAIL("accepted");
    } catch (const ValidationError& error) {
        CHECK(error.field() == "leg");
        CHECK(error.rule() == "must be one of left, right, both");
    }
}

TEST_CASE("instants and dates print as ISO 8601", "[model]") {
    CHECK(to_string(instant(2026, 11, 22, 2, 30, 0, 60)) == "2026-11-22T02:30:00+01:00");
    CHECK(to_string(instant(2026, 7, 1, 23, 59, 59, -300)) == "2026-07-01T23:59:59-05:00");
    CHECK(to_string(instant(2026, 7, 1, 0, 0, 0, 0)) == "2026-07-01T00:00:00+00:00");
    CHECK(to_string(instant(2026, 7, 1, 0, 0, 0, -30)) == "2026-07-01T00:00:00-00:30");
    CHECK(to_string(instant(2026, 7, 1, 0, 0, 0, 345)) == "2026-07-01T00:00:00+05:45");
    CHECK(to_string(instant(2026, 7, 1, 0, 0, 0, 840)) == "2026-07-01T00:00:00+14:00");
    CHECK(to_string(test_support::date(2026, 2, 3)) == "2026-02-03");
}

TEST_CASE("same_entry compares the UTC moment and every stored field but the id", "[model]") {
    auto a = valid_episode();
    auto b = a;
    b.id = 42;
    b.onset = instant(2026, 11, 22, 1, 30, 0, 0);  // the same moment, written in UTC
    CHECK(a.same_entry(b));
    b.notes = "x";
    CHECK_FALSE(a.same_entry(b));
    b = a;
    b.intensity = 3;
    CHECK_FALSE(a.same_entry(b));
    b = a;
    b.onset.offset_minutes = 0;  // same wall clock, another moment
    CHECK_FALSE(a.same_entry(b));
}

TEST_CASE("merged() puts the given values over the stored ones and keeps the rest", "[model]") {
    legdiary::DayLog stored;
    stored.day = legdiary::Date(2026, 11, 20);
    stored.compression_hours = 8;
    stored.symptoms[0] = 3;
    stored.tags = {"a"};
    stored.notes = "morning";
    legdiary::DayLog changes;
    changes.day = stored.day;
    changes.compression_hours = 0;  // a known zero replaces, too
    changes.symptoms[1] = 5;
    changes.tags = {"b"};
    const auto result = legdiary::merged(stored, changes);
    CHECK(result.compression_hours == 0.0);
    CHECK(result.symptoms[0] == 3);
    CHECK(result.symptoms[1] == 5);
    CHECK(result.tags == std::set<std::string>{"a", "b"});
    CHECK(result.notes == "morning");

    legdiary::NightRecord night;
    night.night = stored.day;
    night.sleep_quality = 4;
    legdiary::NightRecord note;
    note.night = stored.day;
    note.notes = "restless";
    const auto both = legdiary::merged(night, note);
    CHECK(both.sleep_quality == 4);
    CHECK(both.notes == "restless");
}
