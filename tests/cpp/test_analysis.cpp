// The analysis layer on hand-built columnar tables: every metric of SPEC 3 and its edges,
// the JSON keys of SPEC 4, and Diary::trends / Diary::compare on an in-memory diary.
#include "catch_compat.hpp"
#include "test_tables.hpp"

#include <array>
#include <cmath>
#include <set>
#include <string>

#include "legdiary/analysis.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/factors.hpp"
#include "legdiary/report_json.hpp"

using namespace legdiary;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using boost::gregorian::days;

namespace {

Date d(int year, int month, int day) { return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day)); }

/// Builds DiaryTables row by row, keeping every column the same length.
struct TableBuilder {
    DiaryTables tables;

    TableBuilder& night(const Date& night) {
        tables.nights.night.push_back(day_number(night));
        tables.nights.sleep_quality.push_back(no_small);
        return *this;
    }
    TableBuilder& nights(const Date& first, int count) {
        for (int i = 0; i < count; ++i) night(first + days(i));
        return *this;
    }

    /// An episode on `night` at local hour `hour` (before noon: the next morning).
    TableBuilder& cramp(const Date& night_date, std::int32_t duration_s, int intensity = -1, int woke = -1,
                        int hour = 2, Leg leg = Leg::left, Muscle muscle = Muscle::calf, int offset_minutes = 60) {
        auto& e = tables.episodes;
        const DayNumber local_day = day_number(night_date) + (hour < 12 ? 1 : 0);
        const std::int64_t local_s = local_day * 86400 + std::int64_t{hour} * 3600 + 1800;
        e.id.push_back(static_cast<std::int64_t>(e.id.size()) + 1);
        e.night.push_back(day_number(night_date));
        e.onset_utc_ns.push_back((local_s - std::int64_t{offset_minutes} * 60) * 1'000'000'000);
        e.offset_minutes.push_back(offset_minutes);
        e.duration_s.push_back(duration_s);
        e.leg.push_back(static_cast<std::int8_t>(leg));
        e.muscle.push_back(static_cast<std::int8_t>(muscle));
        e.intensity.push_back(static_cast<std::int8_t>(intensity));
        e.woke.push_back(static_cast<std::int8_t>(woke));
        return *this;
    }

    /// A day log with every value unknown; returns its row for the caller to fill in.
    std::size_t day(const Date& day_date, double compression_hours = no_real) {
        return test_tables::add_day(tables, day_date, compression_hours);
    }
    void tag(std::size_t row, const std::string& name) {
        tables.days.tag_row.push_back(static_cast<std::uint32_t>(row));
        tables.days.tag.push_back(name);
    }
};

WeeklyRow week_with(std::int64_t recorded, std::int64_t cramps) {
    WeeklyRow row;
    row.recorded_nights = recorded;
    row.cramps = cramps;
    if (recorded > 0) row.cramps_per_week = static_cast<double>(7 * cramps) / static_cast<double>(recorded);
    return row;
}

}  // namespace

TEST_CASE("ISO weeks at year boundaries", "[analysis]") {
    CHECK(to_string(iso_week(d(2026, 12, 28))) == "2026-W53");
    CHECK(to_string(iso_week(d(2027, 1, 3))) == "2026-W53");
    CHECK(to_string(iso_week(d(2027, 1, 4))) == "2027-W01");
    CHECK(to_string(iso_week(d(2020, 12, 31))) == "2020-W53");
    CHECK(to_string(iso_week(d(2021, 1, 3))) == "2020-W53");
    CHECK(to_string(iso_week(d(2024, 12, 30))) == "2025-W01");  // a December night in next year's week 1
    CHECK(iso_week_start(d(2027, 1, 1)) == d(2026, 12, 28));
    CHECK(iso_week_start(d(2026, 11, 23)) == d(2026, 11, 23));  // a Monday is its own start
    CHECK(iso_week_start(d(2026, 11, 29)) == d(2026, 11, 23));  // a Sunday ends the week
}

TEST_CASE("empty range: nothing recorded, every ratio null", "[analysis]") {
    const DiaryTables tables;
    const NightRange range{d(2026, 11, 16), d(2026, 11, 22)};
    const auto report = compute_trends(tables, range);
    const auto& s = report.summary;
    CHECK(s.nights == 7);
    CHECK(s.recorded_nights == 0);
    CHECK(s.adherence == 0);
    CHECK(s.cramps == 0);
    CHECK_FALSE(s.cramps_per_week);
    CHECK_FALSE(s.cramp_free_fraction);
    CHECK_FALSE(s.mean_intensity);
    CHECK_FALSE(s.median_duration_s);
    CHECK_FALSE(s.cramp_minutes_per_night);
    CHECK_FALSE(s.woke_fraction);
    CHECK(s.longest_cramp_free_streak == 0);
    CHECK(s.current_cramp_free_streak == 0);
    REQUIRE(report.nightly.size() == 7);
    for (const auto& row : report.nightly) {
        CHECK_FALSE(row.recorded);
        CHECK_FALSE(row.rolling7_cramps_per_week);
        CHECK_FALSE(row.max_intensity);
    }
    REQUIRE(report.weekly.size() == 1);
    CHECK_FALSE(report.weekly[0].cramps_per_week);
    CHECK(report.trend.direction == TrendDirection::insufficient_data);
    CHECK(report.trend.weeks_used == 0);
    CHECK_FALSE(report.trend.slope);
    REQUIRE(report.comparisons.size() == 1);
    CHECK(report.comparisons[0].exposure == "compression");
    CHECK(report.comparisons[0].nights_exposed == 0);
    CHECK_FALSE(report.comparisons[0].rate_ratio);
    CHECK_FALSE(report.comparisons[0].p_value);
    CHECK(report.alerts.empty());
}

TEST_CASE("no recorded nights: day logs alone do not make a night recorded", "[analysis]") {
    TableBuilder b;
    b.day(d(2026, 11, 17), 8);
    b.day(d(2026, 11, 18), 0);
    const NightRange range{d(2026, 11, 16), d(2026, 11, 22)};
    const auto summary = compute_summary(b.tables, range);
    CHECK(summary.recorded_nights == 0);
    CHECK_FALSE(summary.cramps_per_week);
    const auto comparison = compare_exposure(b.tables, range, "compression");
    CHECK(comparison.nights_exposed == 0);
    CHECK(comparison.nights_unexposed == 0);
    CHECK_FALSE(comparison.rate_exposed);
    CHECK_FALSE(comparison.rate_unexposed);
    CHECK_FALSE(comparison.rate_ratio);
    CHECK_FALSE(comparison.percent_change);
    // the week's day-log means still count: they describe the days, not the nights
    const auto weekly = compute_weekly(b.tables, range);
    REQUIRE(weekly.size() == 1);
    CHECK(weekly[0].compression_days == 1);
    CHECK(*weekly[0].mean_compression_hours == 4);
}

TEST_CASE("all nights cramp-free", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 11, 16), 7);
    const NightRange range{d(2026, 11, 16), d(2026, 11, 22)};
    const auto s = compute_summary(b.tables, range);
    CHECK(s.recorded_nights == 7);
    CHECK(s.adherence == 1);
    CHECK(*s.cramps_per_week == 0);
    CHECK(s.cramp_free_nights == 7);
    CHECK(*s.cramp_free_fraction == 1);
    CHECK_FALSE(s.mean_intensity);      // no episode rated
    CHECK_FALSE(s.median_duration_s);   // no episode at all
    CHECK(*s.cramp_minutes_per_night == 0);
    CHECK_FALSE(s.woke_fraction);
    CHECK(s.longest_cramp_free_streak == 7);
    CHECK(s.current_cramp_free_streak == 7);
}

TEST_CASE("summary: counts, means, the median of an even count, streaks", "[analysis]") {
    TableBuilder b;
    // Nights 1..10 of November 2026; night 5 missing; cramps on nights 3 and 8.
    for (int day = 1; day <= 10; ++day)
        if (day != 5) b.night(d(2026, 11, day));
    b.cramp(d(2026, 11, 3), 60, 4, 1);
    b.cramp(d(2026, 11, 3), 120, -1, 0, 4);
    b.cramp(d(2026, 11, 8), 30, 8, -1);
    b.cramp(d(2026, 11, 8), 90, 6, 1, 5);
    b.cramp(d(2026, 10, 31), 600, 10, 1);  // before the range: ignored
    const NightRange range{d(2026, 11, 1), d(2026, 11, 10)};
    const auto s = compute_summary(b.tables, range);
    CHECK(s.nights == 10);
    CHECK(s.recorded_nights == 9);
    CHECK_THAT(s.adherence, WithinRel(0.9, 1e-15));
    CHECK(s.cramps == 4);
    CHECK_THAT(*s.cramps_per_week, WithinRel(28.0 / 9, 1e-15));
    CHECK(s.cramp_free_nights == 7);
    CHECK_THAT(*s.cramp_free_fraction, WithinRel(7.0 / 9, 1e-15));
    CHECK_THAT(*s.mean_intensity, WithinRel(6.0, 1e-15));        // (4 + 8 + 6) / 3
    CHECK(*s.median_duration_s == 75);                            // (60 + 90) / 2
    CHECK_THAT(*s.cramp_minutes_per_night, WithinRel(300.0 / 60 / 9, 1e-15));
    CHECK_THAT(*s.woke_fraction, WithinRel(2.0 / 3, 1e-15));
    // runs: 1–2 (2), 4 (1, ended by the missing night 5), 6–7 (2), 9–10 (2)
    CHECK(s.longest_cramp_free_streak == 2);
    CHECK(s.current_cramp_free_streak == 2);

    SECTION("the current streak is 0 when the last night is missing or had a cramp") {
        CHECK(compute_summary(b.tables, {d(2026, 11, 1), d(2026, 11, 8)}).current_cramp_free_streak == 0);
        CHECK(compute_summary(b.tables, {d(2026, 11, 1), d(2026, 11, 11)}).current_cramp_free_streak == 0);
        // a missing night breaks a run even between cramp-free nights
        CHECK(compute_summary(b.tables, {d(2026, 11, 4), d(2026, 11, 7)}).longest_cramp_free_streak == 2);
    }
}

TEST_CASE("nightly series and the rolling 7-night rate reaching before the range", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 11, 1), 14);
    b.cramp(d(2026, 11, 2), 100, 3);   // 6 nights before the range: inside the first window
    b.cramp(d(2026, 11, 8), 40, 7);
    b.cramp(d(2026, 11, 8), 50, 9);
    b.cramp(d(2026, 11, 1), 70);       // 7 nights before: outside every window
    const NightRange range{d(2026, 11, 8), d(2026, 11, 16)};
    const auto rows = compute_nightly(b.tables, range);
    REQUIRE(rows.size() == 9);
    CHECK(rows[0].night == d(2026, 11, 8));
    CHECK(rows[0].recorded);
    CHECK(rows[0].cramps == 2);
    CHECK(rows[0].cramp_seconds == 90);
    CHECK(*rows[0].max_intensity == 9);
    // window [2, 8]: 3 episodes on 7 recorded nights
    CHECK_THAT(*rows[0].rolling7_cramps_per_week, WithinRel(3.0, 1e-15));
    // window [3, 9]: night 2 has left
    CHECK_THAT(*rows[1].rolling7_cramps_per_week, WithinRel(2.0, 1e-15));
    CHECK_FALSE(rows[1].max_intensity);
    // nights 15 and 16 are missing: the window [10, 16] has 5 recorded nights, no cramps
    CHECK_FALSE(rows[7].recorded);
    CHECK(rows[7].cramps == 0);
    CHECK(*rows[8].rolling7_cramps_per_week == 0);

    SECTION("a window without any recorded night is null") {
        const auto later = compute_nightly(b.tables, {d(2026, 11, 21), d(2026, 11, 22)});
        CHECK_FALSE(later[0].rolling7_cramps_per_week);
        CHECK_FALSE(later[1].rolling7_cramps_per_week);
    }
}

TEST_CASE("DST nights: a night is a date, the hour is local", "[analysis]") {
    // Europe/Berlin leaves summer time in the night of 2026-10-24: 02:30 happens twice.
    TableBuilder b;
    b.night(d(2026, 10, 24));
    b.cramp(d(2026, 10, 24), 60, -1, -1, 2, Leg::left, Muscle::calf, 120);   // 02:30+02:00
    b.cramp(d(2026, 10, 24), 60, -1, -1, 2, Leg::right, Muscle::foot, 60);   // 02:30+01:00, an hour later
    b.cramp(d(2026, 10, 24), 60, -1, -1, 23, Leg::both, Muscle::toes, 120);  // 23:30 the evening before
    const NightRange range{d(2026, 10, 24), d(2026, 10, 24)};
    const auto nightly = compute_nightly(b.tables, range);
    CHECK(nightly[0].cramps == 3);
    const auto dist = compute_distributions(b.tables, range);
    CHECK(dist.by_hour[2] == 2);
    CHECK(dist.by_hour[23] == 1);
    CHECK(dist.by_leg == std::array<std::int64_t, 3>{1, 1, 1});
    CHECK(dist.by_muscle[static_cast<std::size_t>(Muscle::calf)] == 1);
    CHECK(dist.by_muscle[static_cast<std::size_t>(Muscle::foot)] == 1);
    CHECK(dist.by_muscle[static_cast<std::size_t>(Muscle::toes)] == 1);
    CHECK(dist.by_muscle[static_cast<std::size_t>(Muscle::thigh)] == 0);
}

TEST_CASE("weekly series: a single week", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 11, 16), 7);
    b.cramp(d(2026, 11, 16), 30, 2);
    b.cramp(d(2026, 11, 17), 50);
    b.cramp(d(2026, 11, 17), 70, 6);
    const auto r0 = b.day(d(2026, 11, 16), 8);
    b.tables.days.swelling_grade[r0] = 2;
    b.tables.days.symptoms[static_cast<std::size_t>(Symptom::aching)][r0] = 3;
    const auto r1 = b.day(d(2026, 11, 17), 0);
    b.tables.days.swelling_grade[r1] = 1;
    b.tables.days.symptoms[static_cast<std::size_t>(Symptom::aching)][r1] = 6;
    b.day(d(2026, 11, 18));  // hours unknown: not in the mean
    const NightRange range{d(2026, 11, 16), d(2026, 11, 22)};
    const auto weeks = compute_weekly(b.tables, range);
    REQUIRE(weeks.size() == 1);
    const auto& w = weeks[0];
    CHECK(w.week == "2026-W47");
    CHECK(w.start == d(2026, 11, 16));
    CHECK(w.recorded_nights == 7);
    CHECK(w.cramps == 3);
    CHECK(*w.cramps_per_week == 3);
    CHECK(w.cramp_free_nights == 5);
    CHECK(*w.mean_intensity == 4);
    CHECK(*w.median_duration_s == 50);
    CHECK(*w.mean_swelling_grade == 1.5);
    CHECK(w.compression_days == 1);
    CHECK(*w.mean_compression_hours == 4);  // (8 + 0) / 2: a known 0 counts
    CHECK(*w.symptoms[static_cast<std::size_t>(Symptom::aching)] == 4.5);
    CHECK_FALSE(w.symptoms[static_cast<std::size_t>(Symptom::heaviness)]);
    const auto trend = compute_trend_test(weeks);
    CHECK(trend.weeks_used == 1);
    CHECK(trend.direction == TrendDirection::insufficient_data);
}

TEST_CASE("weekly series: weeks split by the range ends count only nights inside", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 11, 9), 21);  // Monday 9 to Sunday 29
    b.cramp(d(2026, 11, 10), 60);  // Tuesday before the range
    b.cramp(d(2026, 11, 12), 60);
    b.cramp(d(2026, 11, 24), 60);
    b.cramp(d(2026, 11, 26), 60);  // Thursday after the range
    b.day(d(2026, 11, 10), 10);    // before the range
    b.day(d(2026, 11, 12), 5);
    const NightRange range{d(2026, 11, 11), d(2026, 11, 24)};  // Wednesday to Tuesday
    const auto weeks = compute_weekly(b.tables, range);
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].week == "2026-W46");
    CHECK(weeks[0].start == d(2026, 11, 9));  // the Monday, though it is before the range
    CHECK(weeks[0].recorded_nights == 5);     // Wednesday to Sunday
    CHECK(weeks[0].cramps == 1);
    CHECK(*weeks[0].cramps_per_week == 7.0 / 5);
    CHECK(weeks[0].compression_days == 1);
    CHECK(*weeks[0].mean_compression_hours == 5);
    CHECK(weeks[1].recorded_nights == 7);
    CHECK(weeks[2].week == "2026-W48");
    CHECK(weeks[2].recorded_nights == 2);  // Monday and Tuesday
    CHECK(weeks[2].cramps == 1);
    CHECK(*weeks[2].cramps_per_week == 3.5);
    // Which weeks enter the trend test is decided here, once: 4 or more recorded nights.
    CHECK(weeks[0].in_trend);
    CHECK(weeks[1].in_trend);
    CHECK_FALSE(weeks[2].in_trend);
    const auto lenient = compute_weekly(b.tables, range, 2);
    CHECK(lenient[2].in_trend);
    CHECK_FALSE(compute_weekly(b.tables, range, 6)[0].in_trend);
    CHECK_THROWS_AS(compute_weekly(b.tables, range, 0), ValidationError);
    CHECK_THROWS_AS(compute_weekly(b.tables, range, 8), ValidationError);
}

TEST_CASE("weekly series across new year: 2026-W53", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 12, 21), 21);
    b.cramp(d(2026, 12, 31), 60);
    b.cramp(d(2027, 1, 1), 60);
    b.cramp(d(2027, 1, 4), 60);
    const auto weeks = compute_weekly(b.tables, {d(2026, 12, 21), d(2027, 1, 10)});
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].week == "2026-W52");
    CHECK(weeks[1].week == "2026-W53");
    CHECK(weeks[1].start == d(2026, 12, 28));
    CHECK(weeks[1].cramps == 2);  // 31 December and 1 January share a week
    CHECK(weeks[2].week == "2027-W01");
    CHECK(weeks[2].start == d(2027, 1, 4));
    CHECK(weeks[2].cramps == 1);
    const auto weeks_2020 = compute_weekly(b.tables, {d(2020, 12, 30), d(2021, 1, 4)});
    REQUIRE(weeks_2020.size() == 2);
    CHECK(weeks_2020[0].week == "2020-W53");
    CHECK(weeks_2020[1].week == "2021-W01");
}

TEST_CASE("trend test over weekly rates", "[analysis]") {
    SECTION("fewer than 4 usable weeks: insufficient data, numbers null") {
        // five weeks, but two have fewer than 4 recorded nights
        const std::vector<WeeklyRow> weeks{week_with(7, 14), week_with(3, 1), week_with(5, 5), week_with(0, 0),
                                           week_with(4, 2)};
        const auto trend = compute_trend_test(weeks, 4);
        CHECK(trend.weeks_used == 3);
        CHECK(trend.direction == TrendDirection::insufficient_data);
        CHECK_FALSE(trend.slope);
        CHECK_FALSE(trend.slope_low);
        CHECK_FALSE(trend.slope_high);
        CHECK_FALSE(trend.s);
        CHECK_FALSE(trend.z);
        CHECK_FALSE(trend.tau);
        CHECK_FALSE(trend.p_value);
        CHECK_FALSE(trend.intercept);
        // a lower threshold admits the short week
        CHECK(compute_trend_test(weeks, 3).weeks_used == 4);
    }
    SECTION("x is the week index, gaps included; ties in the rates") {
        // rates 3.5, 7, 7, 2, (excluded), 1.75, 0, 3.5 at weeks 0..7; matches scipy (test_statistics)
        const std::vector<WeeklyRow> weeks{week_with(4, 2), week_with(7, 7), week_with(5, 5), week_with(7, 2),
                                           week_with(2, 2), week_with(4, 1), week_with(6, 0), week_with(6, 3)};
        const auto trend = compute_trend_test(weeks);
        CHECK(trend.weeks_used == 7);
        CHECK_THAT(*trend.slope, WithinRel(-0.5833333333333334, 1e-12));
        CHECK_THAT(*trend.slope_low, WithinRel(-1.75, 1e-12));
        CHECK_THAT(*trend.slope_high, WithinRel(0.875, 1e-12));
        CHECK(*trend.s == -9);  // 2/4 and 1/2 nights-worth tie exactly
        CHECK_THAT(*trend.tau, WithinRel(-0.42857142857142855, 1e-12));
        CHECK_THAT(*trend.p_value, WithinRel(0.21886294809033024, 1e-10));
        // the line rate = intercept + slope·k, k the week index: median(rate_k − slope·k)
        CHECK_THAT(*trend.intercept, WithinRel(14.0 / 3, 1e-12));
        CHECK(trend.direction == TrendDirection::stable);
    }
    SECTION("a steady fall is improving, a steady rise worsening") {
        std::vector<WeeklyRow> falling, rising;
        for (int k = 0; k < 8; ++k) {
            falling.push_back(week_with(7, 16 - 2 * k));
            rising.push_back(week_with(7, 2 * k));
        }
        const auto down = compute_trend_test(falling);
        CHECK(down.direction == TrendDirection::improving);
        CHECK(*down.slope == -2);
        CHECK(*down.s == -28);
        CHECK(*down.tau == -1);
        CHECK(*down.intercept == 16);  // the rate of week 0
        const auto up = compute_trend_test(rising);
        CHECK(up.direction == TrendDirection::worsening);
        CHECK(*up.slope == 2);
        CHECK(*up.intercept == 0);
    }
    SECTION("all weekly rates tied: slope 0, S 0, p 1, stable") {
        const std::vector<WeeklyRow> weeks(5, week_with(7, 3));
        const auto trend = compute_trend_test(weeks);
        CHECK(*trend.slope == 0);
        CHECK(*trend.s == 0);
        CHECK(*trend.z == 0);
        CHECK(*trend.p_value == 1);
        CHECK(trend.direction == TrendDirection::stable);
    }
    CHECK_THROWS_AS(compute_trend_test({}, 0), ValidationError);
    CHECK_THROWS_AS(compute_trend_test({}, 8), ValidationError);
}

TEST_CASE("exposure names", "[analysis]") {
    CHECK(parse_exposure("compression").kind == Exposure::Kind::compression);
    const auto tag = parse_exposure("tag:magnesium");
    CHECK(tag.kind == Exposure::Kind::tag);
    CHECK(tag.tag == "magnesium");
    CHECK(tag.name() == "tag:magnesium");
    const auto after = parse_exposure("after:2026-11-20");
    CHECK(after.kind == Exposure::Kind::after);
    CHECK(after.since == d(2026, 11, 20));
    CHECK(after.name() == "after:2026-11-20");
    for (const char* bad : {"socks", "", "tag:", "tag:Magnesium!", "after:", "after:2026-13-01", "after:yesterday",
                            "Compression"}) {
        INFO(bad);
        try {
            (void)parse_exposure(bad);
            FAIL("accepted");
        } catch (const ValidationError& error) {
            CHECK(error.field() == "exposure");
            CHECK(error.value() == bad);
        }
    }
}

TEST_CASE("comparisons split recorded nights by exposure", "[analysis]") {
    TableBuilder b;
    const Date first = d(2026, 10, 1);
    // 10 recorded nights; day logs on nights 0–7 only
    b.nights(first, 10);
    const double hours[] = {8, 0, 6, no_real, 0, 10, 0, 12};
    for (int i = 0; i < 8; ++i) {
        const auto row = b.day(first + days(i), hours[i]);
        if (i % 2 == 0) b.tag(row, "magnesium");
        if (i == 3) b.tag(row, "long-flight");
    }
    b.cramp(first + days(1), 60);  // unexposed to compression, no magnesium
    b.cramp(first + days(1), 60, -1, -1, 4);
    b.cramp(first + days(2), 60);  // compression, magnesium
    b.cramp(first + days(3), 60);  // hours unknown; no magnesium
    b.cramp(first + days(8), 60);  // no day log
    const NightRange range{first, first + days(9)};

    SECTION("compression leaves out nights without a log or with unknown hours") {
        const auto c = compare_exposure(b.tables, range, "compression");
        CHECK(c.exposure == "compression");
        CHECK(c.nights_exposed == 4);    // nights 0, 2, 5, 7
        CHECK(c.cramps_exposed == 1);
        CHECK(c.nights_unexposed == 3);  // nights 1, 4, 6
        CHECK(c.cramps_unexposed == 2);
        CHECK(*c.rate_exposed == 7.0 / 4);
        CHECK(*c.rate_unexposed == 14.0 / 3);
        CHECK_THAT(*c.rate_ratio, WithinRel(0.375, 1e-15));
        CHECK_THAT(*c.percent_change, WithinRel(-62.5, 1e-13));
        CHECK(c.caveats.size() == 3);
    }
    SECTION("a tag: exposed when the log has it, unexposed when a log lacks it") {
        const auto c = compare_exposure(b.tables, range, "tag:magnesium");
        CHECK(c.nights_exposed == 4);    // 0, 2, 4, 6
        CHECK(c.cramps_exposed == 1);
        CHECK(c.nights_unexposed == 4);  // 1, 3, 5, 7
        CHECK(c.cramps_unexposed == 3);
    }
    SECTION("after a date: every recorded night counts") {
        const auto c = compare_exposure(b.tables, range, "after:2026-10-05");
        CHECK(c.nights_exposed == 6);    // 5 to 10 October
        CHECK(c.cramps_exposed == 1);
        CHECK(c.nights_unexposed == 4);
        CHECK(c.cramps_unexposed == 4);
    }
    SECTION("t0 = 0: everything after a date before the range") {
        const auto c = compare_exposure(b.tables, range, "after:2026-01-01");
        CHECK(c.nights_unexposed == 0);
        CHECK_FALSE(c.rate_unexposed);
        CHECK(*c.rate_exposed == 3.5);
        CHECK_FALSE(c.rate_ratio);
        CHECK_FALSE(c.rate_ratio_low);
        CHECK_FALSE(c.rate_ratio_high);
        CHECK_FALSE(c.p_value);
        CHECK_FALSE(c.percent_change);
    }
    SECTION("c1 = 0 and c0 = 0") {
        const auto zero_exposed = compare_exposure(b.tables, range, "after:2026-10-10");
        CHECK(zero_exposed.cramps_exposed == 0);
        CHECK(*zero_exposed.rate_ratio == 0);
        CHECK(*zero_exposed.percent_change == -100);
        CHECK(*zero_exposed.rate_ratio_low == 0);
        CHECK(zero_exposed.rate_ratio_high);
        // 5 October is the only unexposed night, and it had no cramp
        const auto zero_unexposed = compare_exposure(b.tables, {first + days(4), first + days(9)}, "after:2026-10-06");
        CHECK(zero_unexposed.nights_unexposed == 1);
        CHECK(zero_unexposed.cramps_unexposed == 0);
        CHECK(zero_unexposed.cramps_exposed == 1);
        CHECK_FALSE(zero_unexposed.rate_ratio);
        CHECK_FALSE(zero_unexposed.percent_change);
        CHECK_FALSE(zero_unexposed.rate_ratio_high);  // the bound is infinite
        CHECK(zero_unexposed.rate_ratio_low);
        CHECK(zero_unexposed.p_value);
    }
    SECTION("c = 0: no cramps on either side") {
        const auto c = compare_exposure(b.tables, {first + days(4), first + days(7)}, "compression");
        CHECK(c.nights_exposed == 2);
        CHECK(c.nights_unexposed == 2);
        CHECK(*c.rate_exposed == 0);
        CHECK(*c.rate_unexposed == 0);
        CHECK_FALSE(c.rate_ratio);
        CHECK_FALSE(c.rate_ratio_low);
        CHECK_FALSE(c.rate_ratio_high);
        CHECK_FALSE(c.p_value);
    }
    CHECK_THROWS_AS(compare_exposure(b.tables, range, "tag:Nope!"), ValidationError);
}

namespace {
// The SPEC 3 check values as a diary from 1 March 2026: 40 nights in stockings with 6
// cramps, then 30 nights without with 15.
TableBuilder check_value_diary() {
    TableBuilder b;
    const Date first = d(2026, 3, 1);
    for (int i = 0; i < 70; ++i) {
        b.night(first + days(i));
        b.day(first + days(i), i < 40 ? 9.5 : 0);
    }
    for (int i = 0; i < 6; ++i) b.cramp(first + days(i * 6), 45);
    for (int i = 0; i < 15; ++i) b.cramp(first + days(40 + 2 * i), 45);
    return b;
}
}  // namespace

TEST_CASE("comparison: the check values of SPEC 3 from a diary's tables", "[analysis]") {
    const Date first = d(2026, 3, 1);
    const auto c = compare_exposure(check_value_diary().tables, {first, first + days(69)}, "compression");
    CHECK(c.nights_exposed == 40);
    CHECK(c.cramps_exposed == 6);
    CHECK(c.nights_unexposed == 30);
    CHECK(c.cramps_unexposed == 15);
    CHECK_THAT(*c.rate_exposed, WithinRel(1.05, 1e-15));
    CHECK_THAT(*c.rate_unexposed, WithinRel(3.5, 1e-15));
    CHECK_THAT(*c.rate_ratio, WithinRel(0.3, 1e-15));
    CHECK_THAT(*c.rate_ratio_low, WithinAbs(0.095365, 5e-7));
    CHECK_THAT(*c.rate_ratio_high, WithinAbs(0.818221, 5e-7));
    CHECK_THAT(*c.p_value, WithinAbs(0.013217, 5e-7));
    CHECK_THAT(*c.percent_change, WithinRel(-70.0, 1e-13));
}

TEST_CASE("comparison: the robust numbers beside the exact ones (SPEC 3, nights that cluster)", "[analysis]") {
    const Date first = d(2026, 3, 1);
    SECTION("the check-value diary: Pearson dispersion by hand, a robust interval around the ratio") {
        const auto c = compare_exposure(check_value_diary().tables, {first, first + days(69)}, "compression");
        // Fitted means are each side's rate per night: 6/40 and 15/30; Pearson χ² = Σ (y − μ)²/μ.
        const double m1 = 6.0 / 40, m0 = 15.0 / 30;
        const double chi2 = (6 * (1 - m1) * (1 - m1) + 34 * m1 * m1) / m1 + (15 * (1 - m0) * (1 - m0) + 15 * m0 * m0) / m0;
        CHECK_THAT(*c.dispersion, WithinRel(chi2 / 68, 1e-9));
        REQUIRE(c.robust_rate_ratio_low);
        CHECK(*c.robust_rate_ratio_low < 0.3);
        CHECK(*c.robust_rate_ratio_high > 0.3);
        CHECK(*c.robust_p_value > 0);
        CHECK(*c.robust_p_value < 1);
    }
    SECTION("bad weeks that come in runs: the exact interval excludes 1, the robust one does not") {
        // Socks on in weeks 1, 3, 5, 7 and off in 2, 4, 6, 8; cramps a night, week by week:
        // 1, 3, 0, 0, 1, 3, 0, 0 — whole weeks bad or good, whatever was worn.
        // statsmodels (GLM Poisson, cov_type="HAC", maxlags 7): robust 0.1080528–1.0283035,
        // p 0.0559526; the exact interval is 0.168–0.623.
        TableBuilder b;
        constexpr std::array<int, 8> per_night = {1, 3, 0, 0, 1, 3, 0, 0};
        for (int i = 0; i < 56; ++i) {
            const int week = i / 7;
            b.night(first + days(i));
            b.day(first + days(i), week % 2 == 0 ? 8 : 0);
            for (int k = 0; k < per_night[static_cast<std::size_t>(week)]; ++k) b.cramp(first + days(i), 30);
        }
        const auto c = compare_exposure(b.tables, {first, first + days(55)}, "compression");
        REQUIRE(c.rate_ratio_high);
        REQUIRE(c.robust_rate_ratio_high);
        CHECK(*c.rate_ratio_high < 1);         // the exact interval: "unlikely to be chance"
        CHECK(*c.robust_rate_ratio_high > 1);  // allowing for the runs: it may well be
        CHECK_THAT(*c.robust_rate_ratio_low, WithinRel(0.1080528323749132, 1e-8));
        CHECK_THAT(*c.robust_rate_ratio_high, WithinRel(1.0283035499299693, 1e-8));
        CHECK_THAT(*c.robust_p_value, WithinRel(0.05595262013544214, 1e-8));
        CHECK(*c.robust_rate_ratio_low < *c.rate_ratio_low);
        // Fitted means 0.5 and 1.5 a night: Pearson χ² = 7 + 7 + 21 + 21 over 54 degrees of freedom.
        CHECK_THAT(*c.dispersion, WithinRel(56.0 / 54, 1e-9));
        CHECK(interval_includes_no_change(c));
    }
    SECTION("c1 = 0, c0 = 0 or two nights: all four null; the exact numbers as before") {
        // Cramps on the odd nights only, socks on the even ones: c1 = 0 for compression, and
        // after 2 March leaves the one night before it, cramp-free, as c0 = 0.
        TableBuilder b;
        for (int i = 0; i < 10; ++i) {
            b.night(first + days(i));
            b.day(first + days(i), i % 2 == 0 ? 8 : 0);
            if (i % 2 == 1) b.cramp(first + days(i), 30);
        }
        for (const auto& c : {compare_exposure(b.tables, {first, first + days(9)}, "compression"),
                              compare_exposure(b.tables, {first, first + days(9)}, "after:2026-03-02"),
                              compare_exposure(b.tables, {first, first + days(1)}, "compression")}) {
            CHECK_FALSE(c.dispersion);
            CHECK_FALSE(c.robust_rate_ratio_low);
            CHECK_FALSE(c.robust_rate_ratio_high);
            CHECK_FALSE(c.robust_p_value);
            CHECK(c.p_value);
        }
        // Two nights, one on each side, each with a cramp: n = 2 leaves no degree of freedom.
        TableBuilder two;
        two.night(first).night(first + days(1));
        two.day(first, 8);
        two.day(first + days(1), 0);
        two.cramp(first, 30);
        two.cramp(first + days(1), 30);
        const auto pair = compare_exposure(two.tables, {first, first + days(1)}, "compression");
        CHECK(pair.cramps_exposed == 1);
        CHECK(pair.cramps_unexposed == 1);
        CHECK(pair.rate_ratio);
        CHECK_FALSE(pair.dispersion);
        CHECK_FALSE(pair.robust_rate_ratio_low);
        CHECK_FALSE(pair.robust_p_value);
        const auto one_night = compare_exposure(b.tables, {first, first}, "after:2026-03-01");
        CHECK(one_night.nights_exposed == 1);
        CHECK_FALSE(one_night.dispersion);
    }
    SECTION("every night exactly on its side's rate: dispersion 0, no robust interval to give") {
        TableBuilder b;
        for (int i = 0; i < 20; ++i) {
            b.night(first + days(i));
            b.day(first + days(i), i < 10 ? 8 : 0);
            for (int k = 0; k < (i < 10 ? 1 : 2); ++k) b.cramp(first + days(i), 30);
        }
        const auto c = compare_exposure(b.tables, {first, first + days(19)}, "compression");
        CHECK_THAT(*c.dispersion, WithinAbs(0, 1e-20));
        CHECK_FALSE(c.robust_rate_ratio_low);
        CHECK_FALSE(c.robust_rate_ratio_high);
        CHECK_FALSE(c.robust_p_value);
        CHECK_THAT(*c.rate_ratio, WithinRel(0.5, 1e-15));
        CHECK(c.rate_ratio_high);
    }
}

TEST_CASE("the verdict in words follows the interval: does it include a ratio of 1", "[analysis]") {
    Comparison c;
    c.rate_ratio = 0.3;
    c.rate_ratio_low = 0.095365;
    c.rate_ratio_high = 0.818221;
    CHECK_FALSE(interval_includes_no_change(c));  // the SPEC's check values: fewer, not chance alone
    c.rate_ratio_high = 1.02;
    CHECK(interval_includes_no_change(c));
    c.rate_ratio_high = 1.0;
    CHECK(interval_includes_no_change(c));  // a bound at 1 still includes "no change"
    c.rate_ratio = 3.0;
    c.rate_ratio_low = 1.2;
    c.rate_ratio_high.reset();  // unbounded above (c1 = c)
    CHECK_FALSE(interval_includes_no_change(c));
    c.rate_ratio_low = 0.0;  // c1 = 0: the lower bound is 0
    CHECK(interval_includes_no_change(c));

    // Beside the exact interval, the robust one: both must exclude 1 for "not chance alone".
    c.rate_ratio = 0.3;
    c.rate_ratio_low = 0.095365;
    c.rate_ratio_high = 0.818221;
    c.robust_rate_ratio_low = 0.12;
    c.robust_rate_ratio_high = 1.3;
    CHECK(interval_includes_no_change(c));
    c.robust_rate_ratio_high = 0.9;
    CHECK_FALSE(interval_includes_no_change(c));
    c.rate_ratio_high = 1.1;  // the exact one includes 1, the robust one does not: still chance
    CHECK(interval_includes_no_change(c));
}

TEST_CASE("default comparisons: compression, each tag used in the range, then those asked for", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 11, 1), 10);
    b.tag(b.day(d(2026, 10, 30)), "before-range");
    b.tag(b.day(d(2026, 11, 3)), "magnesium");
    const auto row = b.day(d(2026, 11, 4));
    b.tag(row, "magnesium");
    b.tag(row, "long-flight");
    const NightRange range{d(2026, 11, 1), d(2026, 11, 10)};
    TrendOptions options;
    options.compare = {"after:2026-11-05", "tag:magnesium", "after:2026-11-05"};
    const auto report = compute_trends(b.tables, range, options);
    std::vector<std::string> names;
    for (const auto& c : report.comparisons) names.push_back(c.exposure);
    CHECK(names == std::vector<std::string>{"compression", "tag:long-flight", "tag:magnesium", "after:2026-11-05"});

    options.default_comparisons = false;
    options.compare = {"tag:before-range"};
    const auto only = compute_trends(b.tables, range, options);
    REQUIRE(only.comparisons.size() == 1);
    CHECK(only.comparisons[0].exposure == "tag:before-range");

    options.compare = {"compression", "sox"};
    try {
        (void)compute_trends(b.tables, range, options);
        FAIL("accepted an unknown exposure");
    } catch (const ValidationError& error) {
        CHECK(error.field() == "exposure");
        CHECK(error.value() == "sox");
    }
    options.compare = {};
    options.min_nights = 0;
    CHECK_THROWS_AS(compute_trends(b.tables, range, options), ValidationError);
    CHECK_THROWS_AS(compute_trends(b.tables, {d(2026, 11, 2), d(2026, 11, 1)}), ValidationError);
}

TEST_CASE("alerts: calf asymmetry of 3 cm or more, and ulcers", "[analysis]") {
    TableBuilder b;
    auto& t = b.tables.days;
    const auto exact = b.day(d(2026, 11, 2));  // 35.3 − 32.3 is 2.9999999999999964 in binary
    t.calf_left_cm[exact] = 35.3;
    t.calf_right_cm[exact] = 32.3;
    const auto below = b.day(d(2026, 11, 3));
    t.calf_left_cm[below] = 35.0;
    t.calf_right_cm[below] = 32.1;
    const auto one_side = b.day(d(2026, 11, 4));
    t.calf_left_cm[one_side] = 45.0;
    const auto right_larger = b.day(d(2026, 11, 5));
    t.calf_left_cm[right_larger] = 36.0;
    t.calf_right_cm[right_larger] = 40.5;
    t.ulcer[right_larger] = 1;
    const auto no_ulcer = b.day(d(2026, 11, 6));
    t.ulcer[no_ulcer] = 0;
    const auto outside = b.day(d(2026, 12, 1));
    t.ulcer[outside] = 1;

    const auto alerts = compute_alerts(b.tables, {d(2026, 11, 1), d(2026, 11, 30)});
    REQUIRE(alerts.size() == 3);
    CHECK(alerts[0].kind == AlertKind::calf_asymmetry);
    CHECK(alerts[0].day == d(2026, 11, 2));
    CHECK(*alerts[0].left_cm == 35.3);
    CHECK(*alerts[0].right_cm == 32.3);
    CHECK_THAT(*alerts[0].difference_cm, WithinAbs(3.0, 1e-9));
    CHECK(alerts[0].message.find("2026-11-02") != std::string::npos);
    CHECK(alerts[0].message.find("35.3") != std::string::npos);
    CHECK(alerts[0].message.find("32.3") != std::string::npos);
    CHECK(alerts[0].message.find("not a diagnosis") != std::string::npos);
    CHECK(alerts[1].kind == AlertKind::calf_asymmetry);
    CHECK(alerts[1].day == d(2026, 11, 5));
    CHECK(*alerts[1].difference_cm == 4.5);
    CHECK(alerts[1].message.find("right calf is 4.5 cm larger") != std::string::npos);
    CHECK(alerts[2].kind == AlertKind::ulcer);
    CHECK(alerts[2].day == d(2026, 11, 5));
    CHECK(alerts[2].message.find("2026-11-05") != std::string::npos);
    CHECK(alerts[2].message.find("not a diagnosis") != std::string::npos);
}

TEST_CASE("JSON: the keys of SPEC 4, nulls, dates and unrounded numbers", "[analysis]") {
    TableBuilder b;
    b.nights(d(2026, 11, 16), 3);
    b.cramp(d(2026, 11, 16), 61, 7, 1, 3, Leg::both, Muscle::hamstring, 60);
    const auto row = b.day(d(2026, 11, 17), 8);
    b.tag(row, "magnesium");
    b.tables.days.calf_left_cm[row] = 40;
    b.tables.days.calf_right_cm[row] = 36;
    const NightRange range{d(2026, 11, 16), d(2026, 11, 22)};
    const nlohmann::json json = compute_trends(b.tables, range);

    const auto keys = [](const nlohmann::json& object) {
        std::set<std::string> names;
        for (const auto& item : object.items()) names.insert(item.key());
        return names;
    };
    CHECK(keys(json) == std::set<std::string>{"range", "summary", "nightly", "weekly", "trend", "comparisons",
                                              "by_hour", "by_leg", "by_muscle", "alerts"});
    CHECK(json["range"] == nlohmann::json{{"from", "2026-11-16"}, {"to", "2026-11-22"}});
    CHECK(keys(json["summary"]) ==
          std::set<std::string>{"nights", "recorded_nights", "adherence", "cramps", "cramps_per_week",
                                "cramp_free_nights", "cramp_free_fraction", "mean_intensity", "median_duration_s",
                                "cramp_minutes_per_night", "woke_fraction", "longest_cramp_free_streak",
                                "current_cramp_free_streak"});
    CHECK(json["summary"]["adherence"].get<double>() == 3.0 / 7);  // unrounded
    CHECK(json["nightly"].size() == 7);
    CHECK(keys(json["nightly"][0]) == std::set<std::string>{"night", "recorded", "cramps", "cramp_seconds",
                                                            "max_intensity", "rolling7_cramps_per_week"});
    CHECK(json["nightly"][0]["night"] == "2026-11-16");
    CHECK(json["nightly"][1]["max_intensity"].is_null());
    CHECK(json["nightly"][6]["recorded"] == false);
    CHECK(keys(json["weekly"][0]) ==
          std::set<std::string>{"week", "start", "recorded_nights", "cramps", "cramps_per_week", "cramp_free_nights",
                                "mean_intensity", "median_duration_s", "mean_swelling_grade", "compression_days",
                                "mean_compression_hours", "symptoms"});
    CHECK(json["weekly"][0]["week"] == "2026-W47");
    CHECK(json["weekly"][0]["symptoms"].size() == symptom_count);
    CHECK(json["weekly"][0]["symptoms"]["restless_legs"].is_null());
    CHECK(json["weekly"][0]["mean_swelling_grade"].is_null());
    CHECK(keys(json["trend"]) == std::set<std::string>{"weeks_used", "slope", "slope_low", "slope_high", "s", "z",
                                                       "tau", "p_value", "direction"});
    CHECK(json["trend"]["direction"] == "insufficient data");
    CHECK(json["trend"]["slope"].is_null());
    CHECK(keys(json["comparisons"]) == std::set<std::string>{"compression", "tag:magnesium"});
    CHECK(keys(json["comparisons"]["compression"]) ==
          std::set<std::string>{"nights_exposed", "cramps_exposed", "rate_exposed", "nights_unexposed",
                                "cramps_unexposed", "rate_unexposed", "rate_ratio", "rate_ratio_low",
                                "rate_ratio_high", "p_value", "percent_change", "dispersion",
                                "robust_rate_ratio_low", "robust_rate_ratio_high", "robust_p_value", "caveats"});
    CHECK(json["comparisons"]["compression"]["rate_ratio"].is_null());
    CHECK(json["comparisons"]["compression"]["caveats"].size() == 3);
    CHECK(json["by_hour"].size() == 24);
    CHECK(json["by_hour"][3] == 1);
    CHECK(keys(json["by_leg"]) == std::set<std::string>{"left", "right", "both"});
    CHECK(json["by_leg"]["both"] == 1);
    CHECK(keys(json["by_muscle"]) ==
          std::set<std::string>{"calf", "foot", "toes", "thigh", "hamstring", "shin", "other"});
    CHECK(json["by_muscle"]["hamstring"] == 1);
    REQUIRE(json["alerts"].size() == 1);
    CHECK(keys(json["alerts"][0]) ==
          std::set<std::string>{"kind", "day", "message", "left_cm", "right_cm", "difference_cm"});
    CHECK(json["alerts"][0]["kind"] == "calf_asymmetry");
    CHECK(json["alerts"][0]["day"] == "2026-11-17");
    // a double survives the text form bit for bit
    const auto text = json.dump();
    CHECK(nlohmann::json::parse(text)["summary"]["adherence"].get<double>() == 3.0 / 7);
}

TEST_CASE("Diary::trends reads the 6 nights before the range for the rolling rate", "[analysis]") {
    OpenOptions open;
    open.clock_utc = [] { return DateTime(d(2027, 1, 1), boost::posix_time::hours(0)); };
    Diary diary(":memory:", open);
    const auto at = [](const Date& day, int hour) {
        return Instant{DateTime(day, boost::posix_time::hours(hour)), 60};
    };
    for (int i = 0; i < 14; ++i) diary.put_night(NightRecord{d(2026, 11, 1) + days(i), {}, {}, {}, {}});
    CrampEpisode early;
    early.onset = at(d(2026, 11, 5), 2);  // night of 4 November, 4 nights before the range
    early.duration_s = 60;
    early.leg = Leg::left;
    (void)diary.add_cramp(early);
    CrampEpisode inside = early;
    inside.onset = at(d(2026, 11, 10), 3);  // night of 9 November
    inside.duration_s = 90;
    (void)diary.add_cramp(inside);
    DayLog log;
    log.day = d(2026, 11, 9);
    log.compression_hours = 0;
    log.tags = {"magnesium"};
    diary.put_day(log);

    const NightRange range{d(2026, 11, 8), d(2026, 11, 14)};
    const auto report = diary.trends(range, TrendOptions{});
    CHECK(report.summary.recorded_nights == 7);
    CHECK(report.summary.cramps == 1);
    // window [2, 8] holds the early episode: 7 · 1 / 7
    CHECK(*report.nightly[0].rolling7_cramps_per_week == 1);
    CHECK(*report.nightly[1].rolling7_cramps_per_week == 2);
    CHECK(report.comparisons.size() == 2);
    CHECK(report.comparisons[1].exposure == "tag:magnesium");
    const auto comparison = diary.compare(range, "compression");
    CHECK(comparison.nights_unexposed == 1);
    CHECK(comparison.cramps_unexposed == 1);
    CHECK_THROWS_AS(diary.compare(range, "socks"), ValidationError);
    // the same tables by hand give the same report
    const auto by_hand = compute_trends(diary.tables({range.from - days(6), range.to}), range);
    CHECK(by_hand.summary == report.summary);
    CHECK(by_hand.nightly == report.nightly);
}

namespace {

/// `nights` recorded nights from `first`, each with a day log whose standing hours cycle
/// through 1 … 6 and whose tags `pick(i)` chooses; `cramps(i)` episodes on night i.
template <typename Cramps, typename Pick>
DiaryTables screen_diary(const Date& first, int nights, Cramps cramps, Pick pick) {
    TableBuilder b;
    for (int i = 0; i < nights; ++i) {
        const Date night = first + days(i);
        b.night(night);
        const std::size_t row = b.day(night);
        b.tables.days.standing_hours[row] = 1 + i % 6;
        b.tables.days.water_l[row] = 2;  // never varies
        if (pick(i)) b.tag(row, "walk");
        for (int k = 0; k < cramps(i); ++k) b.cramp(night, 30);
    }
    return b.tables;
}

const SkippedFactor* skipped(const FactorScreen& screen, const std::string& factor, int lag) {
    for (const auto& s : screen.skipped)
        if (s.factor == factor && s.lag == lag) return &s;
    return nullptr;
}

const FactorRow* fitted(const FactorScreen& screen, const std::string& factor, int lag) {
    for (const auto& r : screen.rows)
        if (r.factor == factor && r.lag == lag) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("factor screen edges: every model is fitted or skipped with its reason, never a made-up number",
          "[analysis][factors]") {
    const Date first = d(2026, 3, 2);
    const auto every_other = [](int i) { return i % 2 == 0; };
    const auto some_cramps = [](int i) { return (i * 7) % 5 == 0 ? 2 : (i % 3 == 0 ? 1 : 0); };

    SECTION("one night: every model skipped for too few nights, nothing tested") {
        const auto screen = screen_factors(screen_diary(first, 1, some_cramps, every_other), {first, first});
        CHECK(screen.tested == 0);
        CHECK(screen.rows.empty());
        REQUIRE(skipped(screen, "standing_hours", 0));
        CHECK(skipped(screen, "standing_hours", 0)->reason == "only 1 nights with a known value (needs 28)");
        // Lag 1 needs the log of the day before the first night, which this diary does not have.
        CHECK(skipped(screen, "standing_hours", 1)->reason == "no nights with a known value (needs 28)");
        CHECK(screen.caveats == factor_caveats());
    }
    SECTION("a factor that never varies and a tag on every day are skipped, naming the count") {
        const auto screen =
            screen_factors(screen_diary(first, 42, some_cramps, [](int) { return true; }), {first, first + days(41)});
        REQUIRE(skipped(screen, "water_l", 0));
        CHECK(skipped(screen, "water_l", 0)->reason == "1 distinct values (needs 5)");
        REQUIRE(skipped(screen, "tag:walk", 0));
        CHECK(skipped(screen, "tag:walk", 0)->reason == "42 nights with the tag and 0 without (needs 5 of each)");
        CHECK(fitted(screen, "standing_hours", 0));
        CHECK(screen.tested == static_cast<std::int64_t>(screen.rows.size()));
    }
    SECTION("all nights alike, none with a cramp: the models that qualify are listed as not fitted") {
        const auto screen =
            screen_factors(screen_diary(first, 42, [](int) { return 0; }, every_other), {first, first + days(41)});
        CHECK(screen.tested == 0);
        REQUIRE(skipped(screen, "standing_hours", 0));
        CHECK(skipped(screen, "standing_hours", 0)->reason ==
              "not fitted: every count is 0, so the rate has no finite estimate");
        REQUIRE(skipped(screen, "tag:walk", 0));
        CHECK(skipped(screen, "tag:walk", 0)->reason.rfind("not fitted: every count is 0", 0) == 0);
    }
    SECTION("perfectly separated: never a cramp after a tagged day, the tag's lag-0 model is not fitted") {
        const auto cramps = [](int i) { return i % 2 == 0 ? 0 : 1 + i % 3; };
        const auto screen = screen_factors(screen_diary(first, 42, cramps, every_other), {first, first + days(41)});
        REQUIRE(skipped(screen, "tag:walk", 0));
        CHECK(skipped(screen, "tag:walk", 0)->reason.rfind("not fitted: perfect separation", 0) == 0);
        CHECK_FALSE(fitted(screen, "tag:walk", 0));
        // A day later the tag's pattern is the mirror image: every tagged day's next night has
        // cramps, so lag 1 is perfectly separated the other way.
        REQUIRE(skipped(screen, "tag:walk", 1));
        CHECK(skipped(screen, "tag:walk", 1)->reason.rfind("not fitted: ", 0) == 0);
    }
    SECTION("the rows are ranked by p, q is BH over the fitted rows, and the words follow q") {
        const auto cramps = [](int i) { return (1 + i % 6) / 2 + ((i * 7) % 5 == 0 ? 1 : 0); };
        const auto screen = screen_factors(screen_diary(first, 84, cramps, every_other), {first, first + days(83)});
        REQUIRE(screen.tested >= 2);
        for (std::size_t i = 1; i < screen.rows.size(); ++i) CHECK(screen.rows[i - 1].p_value <= screen.rows[i].p_value);
        const FactorRow* standing = fitted(screen, "standing_hours", 0);
        REQUIRE(standing);
        CHECK(standing->rate_ratio > 1);
        CHECK(standing->q_value < factor_finding_q);
        CHECK(standing->q_value >= standing->p_value);
        const std::string words = factor_finding(*standing);
        CHECK(words.rfind("On nights after days with 1 h more standing, ", 0) == 0);
        CHECK(words.find("% more cramps") != std::string::npos);
        CHECK(factor_trial_command(*standing).empty());  // standing cannot be assigned by a trial
        FactorRow tag_row;
        tag_row.factor = "tag:walk";
        CHECK(factor_trial_command(tag_row) == "legdiary trial plan --exposure tag:walk");
    }
    SECTION("fitted on every core, the screen is the same each time, in the factors' order") {
        const auto cramps = [](int i) { return (1 + i % 6) / 2 + ((i * 7) % 5 == 0 ? 1 : 0); };
        const auto tables = screen_diary(first, 84, cramps, every_other);
        const NightRange range{first, first + days(83)};
        const auto once = screen_factors(tables, range);
        REQUIRE(once.tested >= 2);
        REQUIRE(once.skipped.size() >= 2);
        for (int run = 0; run < 8; ++run) {
            const auto again = screen_factors(tables, range);
            REQUIRE(again.rows.size() == once.rows.size());
            for (std::size_t i = 0; i < once.rows.size(); ++i) {
                CHECK(again.rows[i].factor == once.rows[i].factor);
                CHECK(again.rows[i].lag == once.rows[i].lag);
                CHECK(again.rows[i].p_value == once.rows[i].p_value);  // bit for bit
                CHECK(again.rows[i].alpha == once.rows[i].alpha);
                CHECK(again.rows[i].q_value == once.rows[i].q_value);
            }
            REQUIRE(again.skipped.size() == once.skipped.size());
            for (std::size_t i = 0; i < once.skipped.size(); ++i) {
                CHECK(again.skipped[i].factor == once.skipped[i].factor);
                CHECK(again.skipped[i].lag == once.skipped[i].lag);
                CHECK(again.skipped[i].reason == once.skipped[i].reason);
            }
        }
        // The skipped models come factor by factor, lag 0 before lag 1.
        for (std::size_t i = 1; i < once.skipped.size(); ++i)
            if (once.skipped[i].factor == once.skipped[i - 1].factor)
                CHECK(once.skipped[i - 1].lag < once.skipped[i].lag);
    }
    SECTION("a range with to before from is refused, naming the field") {
        CHECK_THROWS_AS(screen_factors(DiaryTables{}, {first, first - days(1)}), ValidationError);
    }
}
