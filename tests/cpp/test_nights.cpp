// The night rules every front end shares (legdiary/nights.hpp) and Diary::range.
#include <string>

#include "catch_compat.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/error.hpp"
#include "legdiary/nights.hpp"
#include "legdiary/time.hpp"
#include "test_support.hpp"

using namespace legdiary;
using test_support::at;
using test_support::date;
using test_support::fixed_clock;
using test_support::instant;
using test_support::ScopedTimeZone;
using test_support::TempDir;

TEST_CASE("last night is named by yesterday's local date, all day long", "[nights]") {
    CHECK(last_night(instant(2026, 11, 21, 7, 30, 0, 60)) == date(2026, 11, 20));
    CHECK(last_night(instant(2026, 11, 21, 0, 0, 0, 60)) == date(2026, 11, 20));
    CHECK(last_night(instant(2026, 11, 21, 23, 59, 0, 60)) == date(2026, 11, 20));
}

TEST_CASE("a late check-in's clock times are read against the end of its night", "[nights]") {
    ScopedTimeZone zone("Europe/Berlin");
    const Instant now = instant(2026, 11, 21, 7, 30, 0, 60);
    // Last night has not ended (boundary 12): now itself.
    CHECK(check_in_reference_time(date(2026, 11, 20), 12, now) == now);
    // An earlier night: its end, noon of the next day.
    CHECK(check_in_reference_time(date(2026, 11, 10), 12, now) == instant(2026, 11, 11, 12, 0, 0, 60));
    CHECK(parse_time_expression("23:15", check_in_reference_time(date(2026, 11, 10), 12, now)) ==
          instant(2026, 11, 10, 23, 15, 0, 60));
    // A boundary hour the clocks skip (02:00 on 2026-03-29 in Berlin): the hour after it.
    CHECK(check_in_reference_time(date(2026, 3, 28), 2, now) == instant(2026, 3, 29, 3, 0, 0, 120));
}

TEST_CASE("night_range checks the order of the ends, naming to", "[nights]") {
    CHECK(night_range(date(2026, 11, 1), date(2026, 11, 1)).nights() == 1);
    try {
        (void)night_range(date(2026, 11, 20), date(2026, 11, 1));
        FAIL("accepted a reversed range");
    } catch (const ValidationError& error) {
        CHECK(error.problems().front().describe() == "to = \"2026-11-01\": must not be before from (2026-11-20)");
    }
}

TEST_CASE("the rolling window reaches 6 nights before the range", "[nights]") {
    const NightRange window = with_rolling_window({date(2026, 11, 7), date(2026, 11, 20)});
    CHECK(window.from == date(2026, 11, 1));
    CHECK(window.to == date(2026, 11, 20));
    CHECK(rolling_window_nights == 7);
}

TEST_CASE("Diary::range fills missing ends from the diary's extent", "[nights][diary]") {
    TempDir dir;
    Diary diary(dir / "diary.db", fixed_clock(at(2026, 12, 1, 12, 0, 0)));
    CHECK_FALSE(diary.range(std::nullopt, std::nullopt));
    CHECK_FALSE(diary.range(date(2026, 11, 1), std::nullopt));
    const auto given = diary.range(date(2026, 11, 1), date(2026, 11, 3));
    REQUIRE(given);
    CHECK(given->from == date(2026, 11, 1));
    CHECK(given->to == date(2026, 11, 3));

    NightRecord first, last;
    first.night = date(2026, 11, 5);
    last.night = date(2026, 11, 25);
    diary.put_night(first);
    diary.put_night(last);
    const auto whole = diary.range(std::nullopt, std::nullopt);
    REQUIRE(whole);
    CHECK(whole->from == date(2026, 11, 5));
    CHECK(whole->to == date(2026, 11, 25));
    CHECK(diary.range(date(2026, 11, 10), std::nullopt)->to == date(2026, 11, 25));
    CHECK(diary.range(std::nullopt, date(2026, 11, 10))->from == date(2026, 11, 5));
    CHECK_THROWS_AS(diary.range(date(2026, 11, 30), std::nullopt), ValidationError);
    CHECK_THROWS_AS(diary.range(std::nullopt, date(2026, 11, 1)), ValidationError);
}
