// ISO 8601 parsing and printing, night assignment, local zones across DST changes,
// the command-line time and duration forms, and the LEGDIARY_NOW clock.
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "catch_compat.hpp"
#include "legdiary/time.hpp"
#include "test_support.hpp"

using namespace legdiary;
using test_support::at;
using test_support::date;
using test_support::instant;
using test_support::ScopedEnv;
using test_support::ScopedTimeZone;

namespace {

// The ParseError `fn` throws; fails the test when it throws nothing.
template <typename Fn>
ParseError parse_error(Fn&& fn) {
    try {
        fn();
    } catch (const ParseError& error) {
        return error;
    }
    FAIL("no ParseError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("parse_instant reads ISO 8601 with an offset", "[time]") {
    CHECK(parse_instant("2026-11-22T02:30:00+01:00") == instant(2026, 11, 22, 2, 30, 0, 60));
    CHECK(parse_instant("2026-11-22T02:30:00Z") == instant(2026, 11, 22, 2, 30, 0, 0));
    CHECK(parse_instant("2026-11-22T02:30:00z") == instant(2026, 11, 22, 2, 30, 0, 0));
    CHECK(parse_instant("2026-11-22T02:30:00-05:00") == instant(2026, 11, 22, 2, 30, 0, -300));
    CHECK(parse_instant("2026-11-22T02:30:00+0530") == instant(2026, 11, 22, 2, 30, 0, 330));
    CHECK(parse_instant("2026-11-22T02:30:00-0930") == instant(2026, 11, 22, 2, 30, 0, -570));
    CHECK(parse_instant("2026-11-22 02:30:00+01:00") == instant(2026, 11, 22, 2, 30, 0, 60));

    SECTION("seconds are optional") {
        CHECK(parse_instant("2026-11-22T02:30+01:00") == instant(2026, 11, 22, 2, 30, 0, 60));
        CHECK(parse_instant("2026-11-22T02:30Z") == instant(2026, 11, 22, 2, 30, 0, 0));
    }
    SECTION("fractions of a second are dropped") {
        const auto parsed = parse_instant("2026-11-22T02:30:15.789+01:00");
        CHECK(parsed == instant(2026, 11, 22, 2, 30, 15, 60));
        CHECK(to_string(parsed) == "2026-11-22T02:30:15+01:00");
        CHECK(parse_instant("2026-11-22T02:30:15,5Z") == instant(2026, 11, 22, 2, 30, 15, 0));
    }
    SECTION("offsets at the ends of the range") {
        CHECK(parse_instant("2026-11-22T02:30:00-12:00").offset_minutes == -720);
        CHECK(parse_instant("2026-11-22T02:30:00+14:00").offset_minutes == 840);
        for (const char* beyond : {"2026-11-22T02:30:00-12:01", "2026-11-22T02:30:00+14:01",
                                   "2026-11-22T02:30:00+15:00", "2026-11-22T02:30:00-1300"}) {
            INFO(beyond);
            const auto error = parse_error([&] { parse_instant(beyond); });
            CHECK(error.field() == "time");
            CHECK(error.value() == beyond);
            CHECK(error.rule().find("offset") != std::string::npos);
        }
    }
    SECTION("leap days") {
        CHECK(parse_instant("2028-02-29T12:00:00Z").local.date() == date(2028, 2, 29));
        CHECK_THROWS_AS(parse_instant("2026-02-29T12:00:00Z"), ParseError);
    }
}

TEST_CASE("parse_instant refuses what is not an instant, naming the field", "[time]") {
    for (const char* bad : {"2026-02-30T02:30:00+01:00", "2026-13-01T02:30:00+01:00", "2026-11-31T00:00:00Z",
                            "2026-11-22T24:00:00+01:00", "2026-11-22T23:60:00+01:00", "2026-11-22T23:59:60Z",
                            "2026-11-22", "2026-11-22T02:30:00", "2026-11-22T02:30", "2026-11-22T2:30:00Z",
                            "26-11-22T02:30:00Z", "2026-11-22T02:30:00+01:00 ", "2026-11-22T02:30:00+1",
                            "2026-11-22T02:30:00+01:60", "2026-11-22T02:30:00 +01:00", "", "now",
                            "1899-12-31T23:00:00Z", "2026-11-22X02:30:00Z"}) {
        INFO(bad);
        const auto error = parse_error([&] { parse_instant(bad, "onset"); });
        CHECK(error.field() == "onset");
        CHECK(error.value() == bad);
        CHECK_FALSE(error.rule().empty());
    }
    const auto missing = parse_error([] { parse_instant("2026-11-22T02:30:00", "bedtime"); });
    CHECK(missing.field() == "bedtime");
    CHECK(missing.rule().find("offset") != std::string::npos);
}

TEST_CASE("instants print and parse back unchanged", "[time]") {
    for (const char* text : {"2026-11-22T02:30:00+01:00", "2026-07-01T23:59:59-05:00", "2026-01-01T00:00:00+00:00",
                             "1900-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2026-03-29T03:00:00+05:45"})
        CHECK(to_string(parse_instant(text)) == text);
}

TEST_CASE("parse_date reads YYYY-MM-DD only", "[time]") {
    CHECK(parse_date("2026-11-21") == date(2026, 11, 21));
    CHECK(parse_date("2028-02-29") == date(2028, 2, 29));
    for (const char* bad : {"2026-02-30", "2026-02-29", "2026-00-10", "2026-1-5", "2026-11-21T00:00", "21.11.2026", ""}) {
        INFO(bad);
        const auto error = parse_error([&] { parse_date(bad, "night"); });
        CHECK(error.field() == "night");
    }
}

TEST_CASE("night assignment uses local time and the boundary hour", "[time]") {
    SECTION("boundary 12") {
        CHECK(night_of(instant(2026, 11, 22, 11, 59, 59, 60)) == date(2026, 11, 21));
        CHECK(night_of(instant(2026, 11, 22, 12, 0, 0, 60)) == date(2026, 11, 22));
        CHECK(night_of(instant(2026, 11, 22, 2, 30, 0, 60)) == date(2026, 11, 21));
        CHECK(night_of(instant(2026, 11, 21, 22, 0, 0, 60)) == date(2026, 11, 21));
        CHECK(night_of(instant(2026, 11, 21, 0, 0, 0, 60), 12) == date(2026, 11, 20));
    }
    SECTION("the offset never moves an instant to another night") {
        for (int offset : {-720, -300, 0, 60, 840})
            CHECK(night_of(instant(2026, 11, 22, 2, 30, 0, offset)) == date(2026, 11, 21));
    }
    SECTION("boundary 6") {
        CHECK(night_of(instant(2026, 11, 22, 5, 59, 59, 0), 6) == date(2026, 11, 21));
        CHECK(night_of(instant(2026, 11, 22, 6, 0, 0, 0), 6) == date(2026, 11, 22));
        CHECK(night_of(instant(2026, 11, 22, 11, 0, 0, 0), 6) == date(2026, 11, 22));
    }
    SECTION("boundary 0: nights are calendar days") {
        CHECK(night_of(instant(2026, 11, 21, 23, 59, 59, 0), 0) == date(2026, 11, 21));
        CHECK(night_of(instant(2026, 11, 22, 0, 0, 0, 0), 0) == date(2026, 11, 22));
    }
    SECTION("a year boundary") {
        CHECK(night_of(instant(2027, 1, 1, 3, 0, 0, 60)) == date(2026, 12, 31));
    }
    CHECK(night_start(date(2026, 11, 21)) == at(2026, 11, 21, 12));
    CHECK(night_start(date(2026, 11, 21), 6) == at(2026, 11, 21, 6));
}

TEST_CASE("local times across DST changes in Europe/Berlin", "[time]") {
    ScopedTimeZone zone("Europe/Berlin");
    CHECK(from_local(at(2026, 1, 15, 12)) == instant(2026, 1, 15, 12, 0, 0, 60));
    CHECK(from_local(at(2026, 7, 15, 12)) == instant(2026, 7, 15, 12, 0, 0, 120));

    SECTION("a time that exists twice when the clocks go back is the earlier moment") {
        const auto folded = from_local(at(2026, 10, 25, 2, 30));
        CHECK(folded == instant(2026, 10, 25, 2, 30, 0, 120));
        CHECK(folded.utc() == at(2026, 10, 25, 0, 30));
        CHECK(from_local(at(2026, 10, 25, 3, 0)) == instant(2026, 10, 25, 3, 0, 0, 60));
        CHECK(from_local(at(2026, 10, 25, 1, 59, 59)).offset_minutes == 120);
    }
    SECTION("a time skipped when the clocks go forward is refused") {
        const auto error = parse_error([] { from_local(at(2026, 3, 29, 2, 30), "onset"); });
        CHECK(error.field() == "onset");
        CHECK(error.value().find("2026-03-29T02:30") != std::string::npos);
        CHECK(error.rule().find("does not exist") != std::string::npos);
        CHECK_THROWS_AS(from_local(at(2026, 3, 29, 2, 0)), ParseError);
        CHECK(from_local(at(2026, 3, 29, 1, 59, 59)) == instant(2026, 3, 29, 1, 59, 59, 60));
        CHECK(from_local(at(2026, 3, 29, 3, 0)) == instant(2026, 3, 29, 3, 0, 0, 120));
    }
    SECTION("to_local gives both sides of the fold") {
        CHECK(to_local(at(2026, 10, 25, 0, 30)) == instant(2026, 10, 25, 2, 30, 0, 120));
        CHECK(to_local(at(2026, 10, 25, 1, 30)) == instant(2026, 10, 25, 2, 30, 0, 60));
        CHECK(local_offset_minutes(at(2026, 10, 25, 0, 59, 59)) == 120);
        CHECK(local_offset_minutes(at(2026, 10, 25, 1, 0, 0)) == 60);
    }
    SECTION("parse_instant_local uses the zone's offset, and keeps a given one") {
        CHECK(parse_instant_local("2026-07-01T22:00") == instant(2026, 7, 1, 22, 0, 0, 120));
        CHECK(parse_instant_local("2026-12-01T22:00:00") == instant(2026, 12, 1, 22, 0, 0, 60));
        CHECK(parse_instant_local("2026-12-01T22:00:00-05:00") == instant(2026, 12, 1, 22, 0, 0, -300));
        CHECK_THROWS_AS(parse_instant_local("2026-03-29T02:15"), ParseError);
    }
}

TEST_CASE("local times across DST changes in America/New_York", "[time]") {
    ScopedTimeZone zone("America/New_York");
    CHECK(from_local(at(2026, 1, 15, 12)) == instant(2026, 1, 15, 12, 0, 0, -300));
    CHECK(from_local(at(2026, 11, 1, 1, 30)) == instant(2026, 11, 1, 1, 30, 0, -240));
    CHECK(from_local(at(2026, 11, 1, 2, 0)) == instant(2026, 11, 1, 2, 0, 0, -300));
    CHECK(to_local(at(2026, 11, 1, 6, 30)) == instant(2026, 11, 1, 1, 30, 0, -300));
    CHECK_THROWS_AS(from_local(at(2026, 3, 8, 2, 30)), ParseError);
    CHECK(from_local(at(2026, 3, 8, 3, 0)) == instant(2026, 3, 8, 3, 0, 0, -240));
    CHECK(from_local(at(2026, 3, 8, 1, 59)) == instant(2026, 3, 8, 1, 59, 0, -300));
}

TEST_CASE("the time zone is restored after a test changes it", "[time]") {
    const std::optional<std::string> before = test_support::env_value("TZ");
    {
        ScopedTimeZone zone("Asia/Kathmandu");
        CHECK(local_offset_minutes(at(2026, 1, 1)) == 345);
    }
    const std::optional<std::string> after = test_support::env_value("TZ");
    CHECK(before == after);
}

TEST_CASE("parse_time_expression reads every command-line form relative to now", "[time]") {
    ScopedTimeZone zone("UTC");
    const Instant now = instant(2026, 11, 22, 8, 0, 0, 0);

    CHECK(parse_time_expression("now", now) == now);
    CHECK(parse_time_expression("  now ", now) == now);

    SECTION("HH:MM is its latest occurrence not after now") {
        CHECK(parse_time_expression("07:30", now) == instant(2026, 11, 22, 7, 30, 0, 0));
        CHECK(parse_time_expression("08:00", now) == instant(2026, 11, 22, 8, 0, 0, 0));
        CHECK(parse_time_expression("08:01", now) == instant(2026, 11, 21, 8, 1, 0, 0));
        CHECK(parse_time_expression("23:15", now) == instant(2026, 11, 21, 23, 15, 0, 0));
        CHECK(parse_time_expression("7:05", now) == instant(2026, 11, 22, 7, 5, 0, 0));
        CHECK(parse_time_expression("00:00", now) == instant(2026, 11, 22, 0, 0, 0, 0));
        CHECK(parse_time_expression("02:30:15", now) == instant(2026, 11, 22, 2, 30, 15, 0));
    }
    SECTION("yesterday HH:MM") {
        CHECK(parse_time_expression("yesterday 23:10", now) == instant(2026, 11, 21, 23, 10, 0, 0));
        CHECK(parse_time_expression("yesterday 07:00", now) == instant(2026, 11, 21, 7, 0, 0, 0));
        const Instant new_year = instant(2027, 1, 1, 0, 30, 0, 0);
        CHECK(parse_time_expression("yesterday 22:00", new_year) == instant(2026, 12, 31, 22, 0, 0, 0));
    }
    SECTION("a date and a time") {
        CHECK(parse_time_expression("2026-11-20 22:15", now) == instant(2026, 11, 20, 22, 15, 0, 0));
        CHECK(parse_time_expression("2026-11-20T22:15:00", now) == instant(2026, 11, 20, 22, 15, 0, 0));
        CHECK(parse_time_expression("2026-11-20T22:15:00+01:00", now) == instant(2026, 11, 20, 22, 15, 0, 60));
        CHECK(parse_time_expression("2026-11-20T22:15Z", now) == instant(2026, 11, 20, 22, 15, 0, 0));
    }
    SECTION("relative times") {
        CHECK(parse_time_expression("-45m", now) == instant(2026, 11, 22, 7, 15, 0, 0));
        CHECK(parse_time_expression("45m ago", now) == instant(2026, 11, 22, 7, 15, 0, 0));
        CHECK(parse_time_expression("45min ago", now) == instant(2026, 11, 22, 7, 15, 0, 0));
        CHECK(parse_time_expression("2h ago", now) == instant(2026, 11, 22, 6, 0, 0, 0));
        CHECK(parse_time_expression("1h30m ago", now) == instant(2026, 11, 22, 6, 30, 0, 0));
        CHECK(parse_time_expression("-10h", now) == instant(2026, 11, 21, 22, 0, 0, 0));
        CHECK(parse_time_expression("90s ago", now) == instant(2026, 11, 22, 7, 58, 30, 0));
    }
    SECTION("junk is refused with the field named") {
        for (const char* bad : {"", "   ", "soon", "25:00", "12:60", "yesterday", "yesterday 25:00",
                                "yesterday 2026-11-20 22:15", "-45x", "45m later", "ago", "- 45m", "2026-11-31 10:00",
                                "tomorrow 08:00", "1h ago ago"}) {
            INFO(bad);
            const auto error = parse_error([&] { parse_time_expression(bad, now, "onset"); });
            CHECK(error.field() == "onset");
            CHECK(error.value() == bad);
        }
    }
}

TEST_CASE("parse_time_expression says what is wrong with an offset out of range", "[time]") {
    ScopedTimeZone zone("UTC");
    const Instant now = instant(2026, 11, 22, 8, 0, 0, 0);
    const auto error = parse_error([&] { parse_time_expression("2026-11-20T22:15+15:00", now, "onset"); });
    CHECK(error.field() == "onset");
    CHECK(error.rule() == "UTC offset must be in -12:00..+14:00");
    // Other junk still gets the list of forms a person may type.
    for (const char* junk : {"soon", "2026-11-31 10:00", "2026-11-20 22:15 tomorrow"}) {
        INFO(junk);
        const auto other = parse_error([&] { parse_time_expression(junk, now); });
        CHECK(other.rule().find("yesterday HH:MM") != std::string::npos);
    }
}

TEST_CASE("parse_time_expression follows the local zone across a DST change", "[time]") {
    ScopedTimeZone zone("Europe/Berlin");
    SECTION("clock times and relative times on the night the clocks go back") {
        const Instant now = instant(2026, 10, 25, 9, 0, 0, 60);
        CHECK(parse_time_expression("yesterday 22:00", now) == instant(2026, 10, 24, 22, 0, 0, 120));
        CHECK(parse_time_expression("01:00", now) == instant(2026, 10, 25, 1, 0, 0, 120));
        CHECK(parse_time_expression("04:00", now) == instant(2026, 10, 25, 4, 0, 0, 60));
        // 02:10+01:00 is 01:10Z; 45 minutes earlier is 00:25Z, which is 02:25 summer time.
        const Instant after_fold = instant(2026, 10, 25, 2, 10, 0, 60);
        CHECK(parse_time_expression("-45m", after_fold) == instant(2026, 10, 25, 2, 25, 0, 120));
    }
    SECTION("a wall-clock time the clocks skipped is refused") {
        const Instant now = instant(2026, 3, 29, 9, 0, 0, 120);
        CHECK_THROWS_AS(parse_time_expression("02:30", now), ParseError);
        CHECK_THROWS_AS(parse_time_expression("2026-03-29 02:30", now), ParseError);
        CHECK(parse_time_expression("03:30", now) == instant(2026, 3, 29, 3, 30, 0, 120));
        CHECK(parse_time_expression("8h ago", now) == instant(2026, 3, 29, 0, 0, 0, 60));
    }
    SECTION("before the clocks go forward, a clock time still ahead is yesterday's, even a skipped one") {
        const Instant now = instant(2026, 3, 29, 1, 30, 0, 60);
        CHECK(parse_time_expression("02:30", now) == instant(2026, 3, 28, 2, 30, 0, 60));
        CHECK(parse_time_expression("01:15", now) == instant(2026, 3, 29, 1, 15, 0, 60));
        CHECK(parse_time_expression("23:40", now) == instant(2026, 3, 28, 23, 40, 0, 60));
    }
    SECTION("in the repeated hour after the clocks go back, a clock time is its latest occurrence so far") {
        // Now is 02:20 winter time (01:20Z). 02:40 summer time (00:40Z) has passed; 02:40
        // winter time has not.
        const Instant now = instant(2026, 10, 25, 2, 20, 0, 60);
        CHECK(parse_time_expression("02:40", now) == instant(2026, 10, 25, 2, 40, 0, 120));
        CHECK(parse_time_expression("02:10", now) == instant(2026, 10, 25, 2, 10, 0, 120));
        CHECK(parse_time_expression("03:10", now) == instant(2026, 10, 24, 3, 10, 0, 120));
    }
}

TEST_CASE("parse_duration reads seconds, minutes, hours and M:SS", "[time]") {
    CHECK(parse_duration("90") == 90);
    CHECK(parse_duration("90s") == 90);
    CHECK(parse_duration("2m") == 120);
    CHECK(parse_duration("2min") == 120);
    CHECK(parse_duration("1m30s") == 90);
    CHECK(parse_duration("1:30") == 90);
    CHECK(parse_duration("0:05") == 5);
    CHECK(parse_duration("1h") == 3600);
    CHECK(parse_duration("1h2m3s") == 3723);
    CHECK(parse_duration(" 45s ") == 45);
    CHECK(parse_duration("0") == 0);
    for (const char* bad : {"", " ", "abc", "90x", "1:75", "1:5", "1:30:00", "1m30", "1s30m", "1m1m", "-5", "1.5m",
                            "m", "s90", "1 m"}) {
        INFO(bad);
        const auto error = parse_error([&] { parse_duration(bad, "duration_s"); });
        CHECK(error.field() == "duration_s");
        CHECK(error.value() == bad);
    }
    CHECK(parse_error([] { parse_duration("junk"); }).field() == "duration");
}

TEST_CASE("format_duration writes durations for people", "[time]") {
    CHECK(format_duration(0) == "0 s");
    CHECK(format_duration(45) == "45 s");
    CHECK(format_duration(60) == "1 min");
    CHECK(format_duration(90) == "1 min 30 s");
    CHECK(format_duration(3600) == "1 h");
    CHECK(format_duration(3720) == "1 h 2 min");
    CHECK(format_duration(3661) == "1 h 1 min 1 s");
}

TEST_CASE("LEGDIARY_NOW fixes the clock", "[time]") {
    SECTION("with an offset: that moment, in the local zone") {
        ScopedTimeZone zone("Europe/Berlin");
        ScopedEnv fixed("LEGDIARY_NOW", "2026-11-22T02:30:00+01:00");
        CHECK(now() == instant(2026, 11, 22, 2, 30, 0, 60));
        ScopedEnv elsewhere("LEGDIARY_NOW", "2026-11-22T02:30:00Z");
        CHECK(now() == instant(2026, 11, 22, 3, 30, 0, 60));
    }
    SECTION("without an offset: local wall-clock time") {
        ScopedTimeZone zone("America/New_York");
        ScopedEnv fixed("LEGDIARY_NOW", "2026-07-04T21:15:00");
        CHECK(now() == instant(2026, 7, 4, 21, 15, 0, -240));
    }
    SECTION("a bad value is an error naming the variable") {
        ScopedEnv fixed("LEGDIARY_NOW", "yesterday-ish");
        const auto error = parse_error([] { now(); });
        CHECK(error.field() == "LEGDIARY_NOW");
    }
    SECTION("unset: the system clock, whole seconds") {
        ScopedEnv unset("LEGDIARY_NOW", std::nullopt);
        const auto before = boost::posix_time::second_clock::universal_time();
        const auto current = now();
        const auto after = boost::posix_time::second_clock::universal_time();
        CHECK(current.utc() >= before);
        CHECK(current.utc() <= after);
        CHECK(current.local.time_of_day().fractional_seconds() == 0);
        CHECK(current.offset_minutes == local_offset_minutes(current.utc()));
    }
}
