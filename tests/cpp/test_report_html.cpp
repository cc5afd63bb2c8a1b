// The clinician report as a reader meets it: every part present, user text escaped,
// missing nights drawn apart from cramp-free ones, numbers rounded for people, and
// sensible output for empty and one-night diaries, the factor screen in a section of its
// own, the N-of-1 trials each in one that never shows a period before it begins.
// Rendering in a real browser (screenshot, A4 page count, no external resource) is
// tested in tests/report/.
#include <legdiary/diary.hpp>
#include <legdiary/report_html.hpp>
#include <legdiary/time.hpp>

#include <algorithm>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "catch_compat.hpp"
#include "test_tables.hpp"

namespace {

using legdiary::Date;

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t found = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++found;
    return found;
}

// Two weeks from Mon 9 Nov 2026: night 3 not recorded, night 4 recorded without cramps.
legdiary::TrendReport two_week_report() {
    legdiary::TrendReport report;
    report.range = {Date(2026, 11, 9), Date(2026, 11, 22)};
    for (int i = 0; i < 14; ++i) {
        legdiary::NightlyRow row;
        row.night = report.range.from + boost::gregorian::days(i);
        row.recorded = i != 3;
        row.cramps = (i == 3 || i == 4) ? 0 : 1 + i % 3;
        row.cramp_seconds = 60 * row.cramps;
        if (row.cramps > 0) row.max_intensity = 6;
        row.rolling7_cramps_per_week = 7.0 * 2 / 3 * (14 - i) / 14;
        report.nightly.push_back(row);
    }
    auto& s = report.summary;
    s.nights = 14;
    s.recorded_nights = 13;
    s.adherence = 13.0 / 14;
    s.cramps = 21;
    s.cramps_per_week = 7.0 * 21 / 13;
    s.cramp_free_nights = 1;
    s.cramp_free_fraction = 1.0 / 13;
    s.mean_intensity = 6.04;
    s.median_duration_s = 90;
    s.cramp_minutes_per_night = 21.0 / 13;
    s.woke_fraction = 0.75;
    s.longest_cramp_free_streak = 1;
    for (int w = 0; w < 2; ++w) {
        legdiary::WeeklyRow row;
        row.start = report.range.from + boost::gregorian::days(7 * w);
        row.week = w == 0 ? "2026-W46" : "2026-W47";
        row.recorded_nights = w == 0 ? 6 : 7;
        row.cramps = w == 0 ? 9 : 12;
        row.cramps_per_week = 7.0 * static_cast<double>(row.cramps) / static_cast<double>(row.recorded_nights);
        row.in_trend = true;  // 4 or more recorded nights
        report.weekly.push_back(row);
    }
    report.trend.weeks_used = 2;
    report.distributions.by_hour[2] = 15;
    report.distributions.by_hour[23] = 6;
    report.distributions.by_leg = {10, 9, 2};
    report.distributions.by_muscle[0] = 21;
    return report;
}

legdiary::DayTable two_week_days() {
    legdiary::DayTable days;
    auto add = [&](int index, double hours, std::int8_t grade, double calf_left, double calf_right) {
        days.day.push_back(legdiary::day_number(Date(2026, 11, 9) + boost::gregorian::days(index)));
        days.compression_hours.push_back(hours);
        days.swelling_grade.push_back(grade);
        days.calf_left_cm.push_back(calf_left);
        days.calf_right_cm.push_back(calf_right);
        days.ankle_left_cm.push_back(legdiary::no_real);
        days.ankle_right_cm.push_back(legdiary::no_real);
    };
    add(0, 8, 1, 37.5, 37.0);
    add(1, 0, 2, legdiary::no_real, legdiary::no_real);
    add(2, legdiary::no_real, legdiary::no_small, legdiary::no_real, legdiary::no_real);
    add(5, 10.5, 0, 38.0, 41.2);
    return days;
}

legdiary::Comparison sock_comparison() {
    legdiary::Comparison c;
    c.exposure = "compression";
    c.nights_exposed = 40;
    c.cramps_exposed = 6;
    c.rate_exposed = 7.0 * 6 / 40;
    c.nights_unexposed = 30;
    c.cramps_unexposed = 15;
    c.rate_unexposed = 7.0 * 15 / 30;
    c.rate_ratio = 0.3;
    c.rate_ratio_low = 0.095365;
    c.rate_ratio_high = 0.818221;
    c.p_value = 0.013217;
    c.percent_change = -70;
    c.caveats = legdiary::comparison_caveats();
    return c;
}

}  // namespace

TEST_CASE("the report is one HTML document with every part and five described charts", "[report]") {
    auto report = two_week_report();
    report.comparisons.push_back(sock_comparison());
    const std::string html = legdiary::render_html_report(report, two_week_days());

    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("</html>") != std::string::npos);
    CHECK(html.find("Leg-cramp diary: summary for the clinician") != std::string::npos);
    CHECK(html.find("Mon 9 Nov 2026 – Sun 22 Nov 2026 (14 nights)") != std::string::npos);
    CHECK(html.find("13 of 14 (93% adherence)") != std::string::npos);
    CHECK(html.find("Outcomes over the whole range") != std::string::npos);
    for (const char* id : {"chart-nightly", "chart-weekly", "chart-compression", "chart-swelling", "chart-hours"}) {
        INFO(id);
        const std::string svg_id = id;
        CHECK(occurrences(html, "<svg id=\"" + svg_id + "\" role=\"img\" aria-labelledby=\"" + svg_id + "-title " +
                                    svg_id + "-desc\"") == 1);
        CHECK(occurrences(html, "<title id=\"" + svg_id + "-title\">") == 1);
        CHECK(occurrences(html, "<desc id=\"" + svg_id + "-desc\">") == 1);
    }
    CHECK(occurrences(html, "<svg ") == 5);
    CHECK(occurrences(html, "<figure class=\"chart\">") == 5);
    // Prints on A4 with no chart split between pages.
    CHECK(html.find("@page { size: A4;") != std::string::npos);
    CHECK(html.find("figure.chart { margin: 3mm 0 2mm; break-inside: avoid;") != std::string::npos);
    // Self-contained: nothing to fetch, nothing to run.
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
}

TEST_CASE("outcome numbers are rounded for people and dates are written out", "[report]") {
    const std::string html = legdiary::render_html_report(two_week_report(), {});
    // 7·21/13 = 11.307…
    CHECK(html.find("<td class=\"num\">11.3</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">8%</td>") != std::string::npos);          // 1/13 cramp-free
    CHECK(html.find("<td class=\"num\">6.0 / 10</td>") != std::string::npos);    // mean intensity 6.04
    CHECK(html.find("<td class=\"num\">1 min 30 s</td>") != std::string::npos);  // median 90 s
    CHECK(html.find("<td class=\"num\">75%</td>") != std::string::npos);         // woke
    CHECK(html.find("<td class=\"num\">1 night</td>") != std::string::npos);     // longest run
    CHECK(html.find("<td class=\"num\">0 nights</td>") != std::string::npos);    // current run
    CHECK(html.find("the run ending on the last night, Sun 22 Nov 2026") != std::string::npos);
    CHECK(html.find("11.307") == std::string::npos);
}

TEST_CASE("missing nights are hatched and cramp-free nights marked, each with its legend", "[report]") {
    const std::string html = legdiary::render_html_report(two_week_report(), two_week_days());
    // Night 3 is the only missing night: one hatched block in the nightly chart, one in the
    // lower panel of the compression chart (no weekly column: both weeks have nights).
    CHECK(occurrences(html, "fill=\"url(#chart-nightly-missing)\"") == 2);  // the block and its legend swatch
    CHECK(occurrences(html, "<pattern id=\"chart-nightly-missing\"") == 1);
    CHECK(occurrences(html, "fill=\"url(#chart-weekly-missing)\"") == 1);  // the legend swatch only
    // The recorded cramp-free night 4 has an open circle on the baseline.
    const auto nightly = html.substr(html.find("<svg id=\"chart-nightly\""));
    const auto nightly_svg = nightly.substr(0, nightly.find("</svg>"));
    CHECK(occurrences(nightly_svg, "<circle cx=") == 2);  // the night and the legend
    CHECK(nightly_svg.find(">not recorded</text>") != std::string::npos);
    CHECK(nightly_svg.find(">recorded, no cramps</text>") != std::string::npos);
    CHECK(nightly_svg.find("1 night not recorded is hatched") != std::string::npos);
    // Days with no log or no hours are "not recorded" too; a logged 0 h is "not worn".
    const auto compression = html.substr(html.find("<svg id=\"chart-compression\""));
    CHECK(compression.find("Worn on 2 days, not worn on 1, unknown on 11 (hatched)") != std::string::npos);
}

TEST_CASE("the weekly chart draws the Theil–Sen line only when the trend test ran", "[report]") {
    auto report = two_week_report();
    std::string html = legdiary::render_html_report(report, {});
    CHECK(occurrences(html, "stroke-dasharray=\"6 3\"/>") == 1);  // the legend only
    CHECK(html.find("The trend test needs at least 4 weeks with 4 or more recorded nights; this range has 2.") !=
          std::string::npos);

    report.trend.weeks_used = 4;
    report.trend.slope = -0.52;
    report.trend.slope_low = -0.9;
    report.trend.slope_high = -0.1;
    report.trend.intercept = 11.51;  // median(rate − slope·week) of 10.5 and 12 at weeks 0 and 1
    report.trend.p_value = 0.0004;
    report.trend.direction = legdiary::TrendDirection::improving;
    html = legdiary::render_html_report(report, {});
    CHECK(occurrences(html, "stroke-dasharray=\"6 3\"/>") == 2);  // the line and its legend
    CHECK(html.find("improving: cramps are becoming less frequent") != std::string::npos);
    CHECK(html.find("-0.52 cramps per week each week (95% interval -0.90 to -0.10); Mann–Kendall p &lt; 0.001") !=
          std::string::npos);
}

TEST_CASE("comparisons show rates, the interval, the p value and the caveats in words", "[report]") {
    auto report = two_week_report();
    report.comparisons.push_back(sock_comparison());
    auto after = sock_comparison();
    after.exposure = "after:2026-11-16";
    after.rate_ratio_high = 1.4;
    report.comparisons.push_back(after);
    auto none = legdiary::Comparison{};
    none.exposure = "tag:magnesium";
    none.nights_exposed = 3;
    none.nights_unexposed = 5;
    none.caveats = legdiary::comparison_caveats();
    report.comparisons.push_back(none);
    auto runs = sock_comparison();  // the exact interval excludes 1, the robust one does not
    runs.exposure = "tag:stretching";
    runs.robust_rate_ratio_low = 0.071;
    runs.robust_rate_ratio_high = 1.27;
    report.comparisons.push_back(runs);
    const std::string html = legdiary::render_html_report(report, {});

    CHECK(html.find("Compression stockings worn that day") != std::string::npos);
    CHECK(html.find("40 · 6 · <b>1.1</b>") != std::string::npos);
    CHECK(html.find("30 · 15 · <b>3.5</b>") != std::string::npos);
    CHECK(
        html.find("<b>0.30</b><br><span class=\"unit\">0.10 to 0.82</span><br><span class=\"unit\">p = 0.013</span>") !=
        std::string::npos);
    CHECK(html.find("Fewer cramps per night (70% fewer). Unlikely to be chance alone") != std::string::npos);
    CHECK(html.find("Nights from Mon 16 Nov 2026 on") != std::string::npos);
    CHECK(html.find("The interval includes no change: this may well be chance.") != std::string::npos);
    CHECK(html.find("Days tagged “magnesium”") != std::string::npos);
    CHECK(html.find("Not comparable: no cramps on either side.") != std::string::npos);
    CHECK(html.find("<span class=\"unit\">robust 0.07 to 1.27</span>") != std::string::npos);
    CHECK(html.find("An interval includes no change: this may well be chance.") != std::string::npos);
    // The caveats are the same for every comparison: shown once, all of them.
    for (const auto& caveat : legdiary::comparison_caveats()) CHECK(occurrences(html, caveat) == 1);
}

TEST_CASE("alerts are shown first and prominently, with their values", "[report]") {
    auto report = two_week_report();
    std::string html = legdiary::render_html_report(report, {});
    CHECK(html.find("<b>Warning signs:</b> none recorded in this range") != std::string::npos);

    legdiary::Alert alert;
    alert.kind = legdiary::AlertKind::calf_asymmetry;
    alert.day = Date(2026, 11, 14);
    alert.message = "Calves differ by 3.2 cm.";
    alert.left_cm = 38.0;
    alert.right_cm = 41.2;
    alert.difference_cm = 3.2;
    report.alerts.push_back(alert);
    html = legdiary::render_html_report(report, two_week_days());
    const auto alerts = html.find("<section class=\"alerts\" aria-labelledby=\"alerts-heading\">");
    REQUIRE(alerts != std::string::npos);
    CHECK(alerts < html.find("Outcomes over the whole range"));
    CHECK(html.find("Warning signs to discuss — 1 alert (not a diagnosis)") != std::string::npos);
    CHECK(html.find("<b>Sat 14 Nov 2026 — Calf circumference difference.</b> Calves differ by 3.2 cm. "
                    "<span class=\"values\">(left 38.0 cm, right 41.2 cm, difference 3.2 cm)</span>") !=
          std::string::npos);
    // The day is marked in the circumference chart, with text as well as colour.
    CHECK(html.find("1 day has calf circumferences 3 cm or more apart") != std::string::npos);
}

TEST_CASE("text from the data is HTML-escaped everywhere", "[report]") {
    auto report = two_week_report();
    legdiary::Alert alert;
    alert.kind = legdiary::AlertKind::ulcer;
    alert.day = Date(2026, 11, 10);
    alert.message = "<script>alert(\"x\")</script> & 'more'";
    report.alerts.push_back(alert);
    auto odd = sock_comparison();
    odd.exposure = "<img src=x onerror=alert(1)>";
    report.comparisons.push_back(odd);
    legdiary::HtmlReportOptions options;
    options.subtitle = "Prepared for <Dr. O'Brien & team>";
    const std::string html = legdiary::render_html_report(report, {}, options);

    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;") != std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("Prepared for &lt;Dr. O&#39;Brien &amp; team&gt;") != std::string::npos);
}

TEST_CASE("an empty diary gives a report that says so, with every chart in place", "[report]") {
    legdiary::TrendReport report;
    report.range = {Date(2026, 10, 26), Date(2026, 11, 22)};
    for (int i = 0; i < 28; ++i) {
        legdiary::NightlyRow row;
        row.night = report.range.from + boost::gregorian::days(i);
        report.nightly.push_back(row);
    }
    for (int w = 0; w < 4; ++w) {
        legdiary::WeeklyRow row;
        row.start = report.range.from + boost::gregorian::days(7 * w);
        report.weekly.push_back(row);
    }
    report.summary.nights = 28;
    const std::string html = legdiary::render_html_report(report, {});

    CHECK(occurrences(html, "<svg ") == 5);
    CHECK(html.find("No night in this range has an entry") != std::string::npos);
    CHECK(html.find("No nights recorded in this range") != std::string::npos);
    CHECK(html.find("No cramps recorded in this range") != std::string::npos);
    CHECK(html.find("No circumferences recorded in this range") != std::string::npos);
    CHECK(html.find("<span class=\"none\">no data</span>") != std::string::npos);
    CHECK(html.find("No comparisons") != std::string::npos);
    for (const char* bad : {"nan", "inf\"", "NaN", "-nan"}) {
        INFO(bad);
        CHECK(html.find(bad) == std::string::npos);
    }
}

TEST_CASE("a diary of one night gives finite charts", "[report]") {
    legdiary::TrendReport report;
    report.range = {Date(2026, 11, 20), Date(2026, 11, 20)};
    legdiary::NightlyRow row;
    row.night = report.range.from;
    row.recorded = true;
    row.cramps = 1;
    row.rolling7_cramps_per_week = 7;
    report.nightly.push_back(row);
    legdiary::WeeklyRow week;
    week.start = Date(2026, 11, 16);
    week.recorded_nights = 1;
    week.cramps = 1;
    week.cramps_per_week = 7;
    report.weekly.push_back(week);
    report.summary.nights = 1;
    report.summary.recorded_nights = 1;
    report.summary.adherence = 1;
    report.summary.cramps = 1;
    report.summary.cramps_per_week = 7;
    report.distributions.by_hour[3] = 1;
    const std::string html = legdiary::render_html_report(report, {});

    CHECK(occurrences(html, "<svg ") == 5);
    CHECK(html.find("Fri 20 Nov 2026 – Fri 20 Nov 2026 (1 night)") != std::string::npos);
    CHECK(html.find(">20 Nov</text>") != std::string::npos);
    for (const char* bad : {"nan", "inf\"", "NaN"}) {
        INFO(bad);
        CHECK(html.find(bad) == std::string::npos);
    }
}

TEST_CASE("write_html_report reports a diary's range through its trends", "[report]") {
    legdiary::OpenOptions open;
    open.clock_utc = [] { return legdiary::DateTime(Date(2026, 11, 23)); };
    legdiary::Diary diary(":memory:", open);
    legdiary::CrampEpisode episode;
    episode.onset = legdiary::parse_instant("2026-11-21T02:30:00+01:00");
    episode.duration_s = 75;
    episode.leg = legdiary::Leg::right;
    episode.intensity = 7;
    diary.add_cramp(episode);
    legdiary::NightRecord check_in;
    check_in.night = Date(2026, 11, 18);
    diary.put_night(check_in);
    legdiary::DayLog day;
    day.day = Date(2026, 11, 20);
    day.compression_hours = 9;
    day.swelling_grade = 2;
    diary.put_day(day);

    std::ostringstream out;
    legdiary::write_html_report(out, diary, {Date(2026, 11, 16), Date(2026, 11, 22)});
    const std::string html = out.str();
    CHECK(html.find("Mon 16 Nov 2026 – Sun 22 Nov 2026 (7 nights)") != std::string::npos);
    CHECK(html.find("2 of 7 (29% adherence)") != std::string::npos);
    CHECK(html.find("Fewer than 7 in 10 nights were recorded") != std::string::npos);
    CHECK(html.find("Cramps recorded</dt><dd>1</dd>") != std::string::npos);
    CHECK(html.find("Worn on 1 day, not worn on 0, unknown on 6 (hatched)") != std::string::npos);
    CHECK(html.find("Compression stockings worn that day") != std::string::npos);
}

namespace {

// A text element of an SVG as a browser lays it out, estimated: 0.6 em a character (less
// than any usual sans-serif's digits, so an overlap found here is real), and from 0.93 em
// above the baseline to 0.24 em below it (DejaVu Sans' ascent and descent).
struct TextBox {
    std::string text;
    double left = 0, right = 0, top = 0, bottom = 0;
};

std::string attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(" " + name + "=\"");
    if (at == std::string::npos) return {};
    const auto start = at + name.size() + 3;
    return tag.substr(start, tag.find('"', start) - start);
}

std::vector<TextBox> text_boxes(const std::string& svg) {
    std::vector<TextBox> boxes;
    for (auto at = svg.find("<text x=\""); at != std::string::npos; at = svg.find("<text x=\"", at + 1)) {
        const std::string tag = svg.substr(at, svg.find('>', at) - at);
        const auto end = svg.find("</text>", at);
        const std::string text = svg.substr(svg.find('>', at) + 1, end - svg.find('>', at) - 1);
        const std::string size = attribute(tag, "font-size");
        const double em = size.empty() ? 11 : std::stod(size);
        std::size_t characters = 0;
        for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
        const double width = 0.6 * em * static_cast<double>(characters);
        const double x = std::stod(attribute(tag, "x")), y = std::stod(attribute(tag, "y"));
        const std::string anchor = attribute(tag, "text-anchor");
        const double left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x;
        boxes.push_back({text, left, left + width, y - 0.93 * em, y + 0.24 * em});
    }
    return boxes;
}

std::vector<std::string> overlapping_labels(const std::string& svg) {
    const auto boxes = text_boxes(svg);
    std::vector<std::string> found;
    for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            const auto &a = boxes[i], &b = boxes[j];
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                found.push_back("'" + a.text + "' and '" + b.text + "'");
        }
    return found;
}

std::string chart_svg(const std::string& html, const std::string& id) {
    const auto start = html.find("<svg id=\"" + id + "\"");
    return html.substr(start, html.find("</svg>", start) - start);
}

// `weeks` weeks from Monday 13 Nov 2023, every night recorded with `cramps_a_night`.
legdiary::TrendReport weeks_report(int weeks, int cramps_a_night) {
    legdiary::TrendReport report;
    report.range = {Date(2023, 11, 13), Date(2023, 11, 13) + boost::gregorian::days(7 * weeks - 1)};
    for (int i = 0; i < 7 * weeks; ++i) {
        legdiary::NightlyRow row;
        row.night = report.range.from + boost::gregorian::days(i);
        row.recorded = true;
        row.cramps = cramps_a_night;
        report.nightly.push_back(row);
    }
    for (int w = 0; w < weeks; ++w) {
        legdiary::WeeklyRow row;
        row.start = report.range.from + boost::gregorian::days(7 * w);
        row.recorded_nights = 7;
        row.cramps = 7 * cramps_a_night + w % 3;
        row.cramps_per_week = static_cast<double>(row.cramps);
        row.in_trend = true;
        report.weekly.push_back(row);
    }
    report.summary.nights = 7 * weeks;
    report.summary.recorded_nights = 7 * weeks;
    report.summary.adherence = 1;
    return report;
}

}  // namespace

TEST_CASE("the labels of the weekly bars never overlap, however many weeks", "[report]") {
    for (const auto& [weeks, cramps] : {std::pair{157, 1}, std::pair{104, 2}, std::pair{25, 15}, std::pair{14, 1},
                                        std::pair{40, 3}}) {
        INFO(weeks << " weeks, " << cramps << " cramps a night");
        const std::string svg = chart_svg(legdiary::render_html_report(weeks_report(weeks, cramps), {}), "chart-weekly");
        std::string overlaps;
        for (const auto& overlap : overlapping_labels(svg)) overlaps += overlap + "; ";
        INFO(overlaps);
        CHECK(overlaps.empty());
        // Thinned, not dropped: there are still dates under the bars.
        CHECK(occurrences(svg, "/7 n</text>") >= 5);
    }
}

TEST_CASE("circumference lines break at days without a measurement", "[report]") {
    auto report = two_week_report();
    legdiary::DayTable days;
    // Left calf measured on nights 0-2 and 6-8, not on 3-5: two pieces, no line across the gap.
    for (int index : {0, 1, 2, 6, 7, 8}) {
        days.day.push_back(legdiary::day_number(Date(2026, 11, 9) + boost::gregorian::days(index)));
        days.compression_hours.push_back(legdiary::no_real);
        days.swelling_grade.push_back(legdiary::no_small);
        days.calf_left_cm.push_back(37.0 + 0.2 * index);
        days.calf_right_cm.push_back(legdiary::no_real);
        days.ankle_left_cm.push_back(index < 3 ? 23.0 : legdiary::no_real);  // one piece of three
        days.ankle_right_cm.push_back(legdiary::no_real);
    }
    const std::string svg = chart_svg(legdiary::render_html_report(report, days), "chart-swelling");
    auto path_of = [&](const std::string& attributes) {
        const auto end = svg.find("\" " + attributes);
        REQUIRE(end != std::string::npos);
        const auto start = svg.rfind("<path d=\"", end) + 9;
        return svg.substr(start, end - start);
    };
    const std::string calf = path_of("fill=\"none\" stroke=\"#0072B2\" stroke-width=\"1.4\"/>");
    CHECK(occurrences(calf, "M") == 2);  // nights 0-2 and 6-8
    CHECK(occurrences(calf, "L") == 4);  // two segments in each piece, none across nights 3-5
    const std::string ankle = path_of("fill=\"none\" stroke=\"#0072B2\" stroke-width=\"1.4\" stroke-dasharray");
    CHECK(occurrences(ankle, "M") == 1);
    CHECK(occurrences(ankle, "L") == 2);
    // Every measurement keeps its marker.
    CHECK(occurrences(svg, "fill=\"#0072B2\" stroke=\"#0072B2\" stroke-width=\"1.2\"") == 6);
}

namespace {

legdiary::FactorRow factor_row(const std::string& factor, int lag, const std::string& unit, double unit_size,
                               double ratio, double low, double high, double p, double q) {
    legdiary::FactorRow row;
    row.factor = factor;
    row.lag = lag;
    row.unit = unit;
    row.unit_size = unit_size;
    row.nights = 84 - lag;
    row.rate_ratio = ratio;
    row.rate_ratio_low = low;
    row.rate_ratio_high = high;
    row.p_value = p;
    row.q_value = q;
    return row;
}

// Three fitted models, two standing out, one of them a tag whose name is markup; a habit
// never logged and a tag too rare, each at both lags, not fitted.
legdiary::FactorScreen factor_screen() {
    legdiary::FactorScreen screen;
    screen.range = {Date(2026, 11, 9), Date(2026, 11, 22)};
    screen.rows = {factor_row("standing_hours", 0, "1 h", 1, 1.1234, 1.0412, 1.2121, 0.0021, 0.021),
                   factor_row("tag:<script>x</script>", 1, "present", 1, 0.62, 0.41, 0.93, 0.012, 0.06),
                   factor_row("exercise_min", 1, "30 min", 30, 1.02, 0.81, 1.31, 0.86, 0.86)};
    screen.tested = 3;
    screen.skipped = {{"water_l", 0, "no nights with a known value (needs 28)"},
                      {"water_l", 1, "no nights with a known value (needs 28)"},
                      {"elevation_min", 0, "no nights with a known value (needs 28)"},
                      {"elevation_min", 1, "no nights with a known value (needs 28)"},
                      {"tag:sauna", 0, "3 nights with the tag and 81 without (needs 5 of each)"},
                      {"tag:sauna", 1, "3 nights with the tag and 80 without (needs 5 of each)"}};
    screen.caveats = legdiary::factor_caveats();
    return screen;
}

// The library's sentences as the page has them: their only markup character is the "<" of
// "q < 0.001".
std::string less_than_escaped(std::string text) {
    for (auto at = text.find('<'); at != std::string::npos; at = text.find('<', at)) text.replace(at, 1, "&lt;");
    return text;
}

std::string factor_section_of(const std::string& html) {
    const auto start = html.find("<section class=\"factors\">");
    if (start == std::string::npos) return {};
    return html.substr(start, html.find("</section>", start) - start);
}

}  // namespace

TEST_CASE("the factor screen has its own section: ranked table, findings in words, not fitted, caveats",
          "[report][factors]") {
    auto report = two_week_report();
    report.comparisons.push_back(sock_comparison());
    legdiary::HtmlReportOptions options;
    options.factors = factor_screen();
    const std::string html = legdiary::render_html_report(report, two_week_days(), options);
    const std::string section = factor_section_of(html);
    REQUIRE_FALSE(section.empty());

    // Under its own heading, after the comparisons.
    CHECK(section.find("<h2>Which habits go with more or fewer cramps (exploratory)</h2>") != std::string::npos);
    CHECK(html.find("What changed with compression, tags or treatment") < html.find("Which habits go with"));
    CHECK(section.find("3 models fitted, 6 not fitted") != std::string::npos);
    // The ranked table: habit, day in words, unit, ratio with its interval, p, q, nights.
    CHECK(occurrences(section, "<tr") == 4);  // the header and three models
    CHECK(section.find("<tr class=\"stands-out\"><th scope=\"row\">Standing</th><td>day before</td>"
                       "<td class=\"num\">1 h</td><td class=\"num\">1.12 <span class=\"unit\">(1.04 to 1.21)</span>"
                       "</td><td class=\"num\">0.002</td><td class=\"num\">0.021</td><td class=\"num\">84</td></tr>") !=
          std::string::npos);
    CHECK(section.find("<tr><th scope=\"row\">Exercise</th><td>two days before</td><td class=\"num\">30 min</td>"
                       "<td class=\"num\">1.02 <span class=\"unit\">(0.81 to 1.31)</span></td>"
                       "<td class=\"num\">0.86</td><td class=\"num\">0.86</td><td class=\"num\">83</td></tr>") !=
          std::string::npos);
    CHECK(occurrences(section, "<tr class=\"stands-out\">") == 2);  // q 0.021 and 0.06, not 0.86
    CHECK(section.find("Standing") < section.find("Tag “&lt;script&gt;x&lt;/script&gt;”"));
    CHECK(section.find("Tag “&lt;script&gt;x&lt;/script&gt;”") < section.find("Exercise"));

    // What stands out, in the library's words (the CLI's), with the trial for a tag only.
    CHECK(section.find("<h3>What stands out (q &lt; 0.10)</h3>") != std::string::npos);
    CHECK(section.find("<li>On nights after days with 1 h more standing, 12% more cramps (95% interval 4% more to "
                       "21% more; q = 0.021).</li>") != std::string::npos);
    CHECK(section.find("<li>On the second night after days tagged “&lt;script&gt;x&lt;/script&gt;”, 38% fewer cramps "
                       "than after days logged without it (95% interval 59% fewer to 7% fewer; q = 0.060).<br>"
                       "<span class=\"trial\">To find out whether it is the cause, a randomised trial: "
                       "<code>legdiary trial plan --exposure tag:&lt;script&gt;x&lt;/script&gt;</code></span></li>") !=
          std::string::npos);
    CHECK(occurrences(section, "<li>On ") == 2);
    CHECK(occurrences(section, "legdiary trial plan --exposure") == 1);
    CHECK(section.find("Nothing stands out") == std::string::npos);

    // Not fitted: one line, a reason once, a habit once when both days share the reason.
    CHECK(section.find("<b>Not fitted:</b> Water drunk, Legs raised — no nights with a known value (needs 28); "
                       "Tag “sauna” (day before) — 3 nights with the tag and 81 without (needs 5 of each); "
                       "Tag “sauna” (two days before) — 3 nights with the tag and 80 without (needs 5 of each).</p>") !=
          std::string::npos);

    // The caveats, once each, and the tag's markup never reaches the page as markup.
    CHECK(section.find("<h3>Read these with care</h3>") != std::string::npos);
    for (const auto& caveat : legdiary::factor_caveats()) {
        INFO(caveat);
        CHECK(occurrences(html, caveat) == 1);
    }
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("x</script>") == std::string::npos);
}

TEST_CASE("the factor screen says when nothing stands out and when nothing could be fitted", "[report][factors]") {
    legdiary::HtmlReportOptions options;
    auto screen = factor_screen();
    for (auto& row : screen.rows) row.q_value = std::max(row.q_value, 0.4);
    options.factors = screen;
    std::string section = factor_section_of(legdiary::render_html_report(two_week_report(), {}, options));
    CHECK(section.find("<p>" + less_than_escaped(legdiary::factor_nothing_stands_out()) + "</p>") !=
          std::string::npos);
    CHECK(section.find("What stands out") == std::string::npos);
    CHECK(section.find("stands-out") == std::string::npos);
    CHECK(occurrences(section, "<tr") == 4);

    // Nothing fitted: no table, a short sentence, the models not fitted and the caveats.
    screen.rows.clear();
    screen.tested = 0;
    screen.caveats.clear();  // a screen built by hand without them: the report shows them anyway
    options.factors = screen;
    section = factor_section_of(legdiary::render_html_report(two_week_report(), {}, options));
    CHECK(section.find("0 models fitted, 6 not fitted") != std::string::npos);
    CHECK(section.find("No habit could be tested in this range: a model needs 28 recorded nights with the habit "
                       "logged, and the habit must vary.") != std::string::npos);
    CHECK(section.find("<table") == std::string::npos);
    CHECK(section.find("Nothing stands out") == std::string::npos);
    CHECK(section.find("<b>Not fitted:</b> Water drunk, Legs raised") != std::string::npos);
    for (const auto& caveat : legdiary::factor_caveats()) CHECK(occurrences(section, caveat) == 1);

    // A report built without a screen has no such section.
    CHECK(legdiary::render_html_report(two_week_report(), {}).find("Which habits go with") == std::string::npos);
}

TEST_CASE("an unbounded or tiny rate ratio reads as words, never inf or 0.00", "[report][factors]") {
    auto screen = factor_screen();
    screen.rows = {factor_row("tag:rare", 0, "present", 1, 0.001, 0.0, std::numeric_limits<double>::infinity(),
                              0.95, 0.95)};
    legdiary::HtmlReportOptions options;
    options.factors = screen;
    const std::string section = factor_section_of(legdiary::render_html_report(two_week_report(), {}, options));
    CHECK(section.find("<td class=\"num\">&lt; 0.01 <span class=\"unit\">(&lt; 0.01 to no limit)</span></td>") !=
          std::string::npos);
    CHECK(section.find("inf") == std::string::npos);
    CHECK(section.find("0.00") == std::string::npos);
}

TEST_CASE("write_html_report screens the factors of the report's range", "[report][factors]") {
    legdiary::OpenOptions open;
    open.clock_utc = [] { return legdiary::DateTime(Date(2026, 11, 23)); };
    legdiary::Diary diary(":memory:", open);
    // 35 nights from Mon 12 Oct 2026: cramps follow the hours stood; every night checked in.
    legdiary::Diary::Batch batch;
    const Date first(2026, 10, 12);
    for (int i = 0; i < 35; ++i) {
        const Date night = first + boost::gregorian::days(i);
        legdiary::DayLog day;
        day.day = night;
        day.standing_hours = 1 + (i * 3) % 8;
        if (i % 3 == 0) day.tags.insert("walk");
        batch.days.push_back(day);
        legdiary::NightRecord record;
        record.night = night;
        batch.nights.push_back(record);
        const int cramps = static_cast<int>(*day.standing_hours) / 3 + (i % 4 == 0);
        for (int k = 0; k < cramps; ++k) {
            legdiary::CrampEpisode episode;
            episode.onset = legdiary::Instant{
                legdiary::DateTime(night + boost::gregorian::days(1), boost::posix_time::hours(1 + k)), 60};
            episode.duration_s = 60;
            episode.leg = legdiary::Leg::left;
            batch.cramps.push_back(episode);
        }
    }
    diary.add_batch(batch);
    const legdiary::NightRange range{first, first + boost::gregorian::days(34)};

    std::ostringstream out;
    legdiary::write_html_report(out, diary, range);
    const std::string section = factor_section_of(out.str());
    REQUIRE_FALSE(section.empty());
    const auto screen = diary.factors(range);
    REQUIRE(screen.tested > 0);
    // The diary reads only the screen's day-log columns; the screen of every column is the same.
    const auto from_every_column =
        legdiary::screen_factors(diary.tables({range.from - boost::gregorian::days(1), range.to}), range);
    REQUIRE(from_every_column.rows.size() == screen.rows.size());
    for (std::size_t i = 0; i < screen.rows.size(); ++i) {
        CHECK(from_every_column.rows[i].factor == screen.rows[i].factor);
        CHECK(from_every_column.rows[i].p_value == screen.rows[i].p_value);
        CHECK(from_every_column.rows[i].rate_ratio == screen.rows[i].rate_ratio);
    }
    const std::string counts = std::to_string(screen.tested) + (screen.tested == 1 ? " model" : " models") +
                               " fitted, " + std::to_string(screen.skipped.size()) + " not fitted";
    CHECK(section.find(counts) != std::string::npos);
    CHECK(occurrences(section, "<tr") == screen.rows.size() + 1);
    CHECK(section.find("<th scope=\"row\">Standing</th>") != std::string::npos);
    CHECK(section.find("<th scope=\"row\">Tag “walk”</th>") != std::string::npos);
    for (const auto& row : legdiary::factor_findings(screen))
        CHECK(section.find(less_than_escaped(legdiary::factor_finding(row))) != std::string::npos);
    CHECK(section.find("Read these with care") != std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Randomised N-of-1 trials (SPEC 7)

namespace {

Date trial_day(int y, int m, int day) {
    return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(day));
}

// SPEC 7's check values: seed 83 gives AB BA BA AB BA AB (tests/cpp/test_trial.cpp).
const std::string trial_check_cramps =
    "0122200 0102200 0210001 1010121 0101001 4300111 2000100 0000020 0110000 0001200 0111004 0010000";

legdiary::StoredTrial check_trial() {
    legdiary::StoredTrial trial;
    trial.id = 3;
    auto& plan = trial.plan;
    plan.start = trial_day(2026, 1, 5);
    plan.run_in_nights = 0;
    plan.blocks = 6;
    plan.period_nights = 7;
    plan.washout_nights = 2;
    plan.seed = 83;
    return trial;
}

legdiary::HtmlReportTrial reported_trial(const legdiary::StoredTrial& trial, const std::string& nightly,
                                         const Date& today) {
    legdiary::HtmlReportTrial item;
    item.trial = trial;
    item.analysis = legdiary::analyse_trial(test_tables::nightly_tables(trial.plan.start, nightly), trial.plan, today);
    item.today = today;
    return item;
}

std::string trial_section_of(const std::string& html) {
    const auto start = html.find("<section class=\"trial-report\">");
    if (start == std::string::npos) return {};
    return html.substr(start, html.find("</section>", start) - start);
}

std::string render_with_trial(const legdiary::HtmlReportTrial& item) {
    legdiary::HtmlReportOptions options;
    options.trials.push_back(item);
    return legdiary::render_html_report(two_week_report(), two_week_days(), options);
}

}  // namespace

TEST_CASE("a finished trial shows SPEC 7's check values rounded, the blocks, and a verdict without proof",
          "[report][trial]") {
    const auto item = reported_trial(check_trial(), trial_check_cramps, trial_day(2026, 6, 1));
    REQUIRE(item.analysis.status == legdiary::TrialStatus::finished);
    const std::string html = render_with_trial(item);
    const std::string section = trial_section_of(html);
    REQUIRE_FALSE(section.empty());
    // After the comparisons, under its own heading.
    CHECK(html.find("<section class=\"trial-report\">") > html.find("<section class=\"comparisons\">"));
    CHECK(section.find("Trial: does compression help? (randomised N-of-1)") != std::string::npos);
    CHECK(section.find("<b>Finished</b>") != std::string::npos);
    CHECK(section.find("Interim look") == std::string::npos);
    CHECK(section.find("interim") == std::string::npos);

    // Rates per week, the rate ratio with the block model's interval, both p values and the
    // smallest possible p, rounded for people.
    CHECK(section.find("<b>5.6</b>") != std::string::npos);
    CHECK(section.find("<b>2.8</b>") != std::string::npos);
    CHECK(section.find("<b>0.50</b> (95% interval 0.23 to 1.07, from the block model)") != std::string::npos);
    CHECK(section.find("50% fewer cramps per night under B") != std::string::npos);
    CHECK(section.find("p = 0.094 two-sided; p = 0.047 one-sided, that B lowers cramps") != std::string::npos);
    CHECK(section.find("With 6 blocks the smallest possible p is 0.031 (2 of 64 allocations)") != std::string::npos);
    CHECK(section.find("0.233019") == std::string::npos);

    // The per-block table: block 1 AB with A 5 nights · 6 cramps, B 5 · 4, ratio 4.5/6.5.
    CHECK(section.find("<tr><th scope=\"row\">1</th><td>A B</td><td class=\"num\">5 · 6</td><td class=\"num\">5 · "
                       "4</td><td class=\"num\">0.69</td></tr>") != std::string::npos);
    CHECK(section.find("<td>B A</td>") != std::string::npos);
    CHECK(section.find("favouring B (fewer cramps per night under B): <b>5</b> · favouring A: <b>1</b> · tied: 0 — "
                       "sign test p = 0.22") != std::string::npos);
    CHECK(section.find("Exact comparison, assumes independent nights</b>: 95% interval 0.23 to 1.04, p = 0.065") !=
          std::string::npos);
    CHECK(section.find("30 as planned") == std::string::npos);
    CHECK(section.find("0 as planned · 0 not · 30 unknown") != std::string::npos);
    // The seed is shown once every period has begun.
    CHECK(section.find("seed 83") != std::string::npos);

    // The strip: one cell per night, each recorded night with its cramps.
    CHECK(section.find("<svg id=\"trial-strip-3\" role=\"img\"") != std::string::npos);
    CHECK(occurrences(section, "stroke-dasharray=\"2 1.5\"") >= 24 + 1);  // 24 washout nights + the legend

    // The verdict, in words, only now; it weighs evidence and never claims proof.
    CHECK(section.find("<h3>In words</h3>") != std::string::npos);
    CHECK(section.find("cannot rule out chance (p = 0.094, two-sided)") != std::string::npos);
    CHECK(section.find("prove") == std::string::npos);
    // And the caveats, every one of the library's.
    for (const auto& caveat : item.analysis.result.caveats)
        CHECK(section.find("<li>" + caveat + "</li>") != std::string::npos);
}

TEST_CASE("a running trial says interim writ large, gives no verdict and never shows a future condition",
          "[report][trial]") {
    // Today is night 20 of 84: block 2 (BA), its first period's sixth night; 20 nights recorded.
    const Date today = trial_day(2026, 1, 5) + boost::gregorian::days(19);
    const auto item = reported_trial(check_trial(), trial_check_cramps.substr(0, 22), today);
    REQUIRE(item.analysis.status == legdiary::TrialStatus::running);
    const std::string section = trial_section_of(render_with_trial(item));
    REQUIRE_FALSE(section.empty());
    CHECK(section.find("<div class=\"interim\"><strong>Interim look — do not stop early because of this "
                       "number</strong>") != std::string::npos);
    CHECK(section.find("Result so far (interim)") != std::string::npos);
    CHECK(section.find("<b>Running</b>: block 2 of 6, night 20 of 84") != std::string::npos);
    CHECK(section.find("In words") == std::string::npos);
    CHECK(section.find("Do not stop early because of this number.") != std::string::npos);  // the caveat

    // Block 1 (AB) and block 2's first period (B) have begun; nothing else shows its order.
    CHECK(section.find("<td>A B</td>") != std::string::npos);
    CHECK(section.find("<td>B ?</td>") != std::string::npos);
    CHECK(occurrences(section, "<td colspan=\"4\" class=\"none\">not begun</td>") == 4);
    CHECK(section.find("B A") == std::string::npos);
    CHECK(section.find("A ?") == std::string::npos);
    CHECK(section.find("? ?   ") != std::string::npos);  // the strip's rows of blocks 3–6
    CHECK(section.find("seed") == std::string::npos);
    // The nights still to come are drawn hidden: 84 − 20 of them, plus the legend's swatch.
    CHECK(occurrences(section, "stroke-dasharray=\"1.5 1.5\"") == 64 + 1);
}

TEST_CASE("a planned trial hides every condition and a stopped one gives its reason", "[report][trial]") {
    auto trial = check_trial();
    trial.plan.run_in_nights = 7;
    const auto planned = reported_trial(trial, "", trial_day(2026, 1, 1));
    const std::string section = trial_section_of(render_with_trial(planned));
    CHECK(section.find("<b>Planned</b>: begins on the night of Mon 5 Jan 2026") != std::string::npos);
    CHECK(section.find("Interim look") != std::string::npos);
    CHECK(section.find("No analysed nights yet") != std::string::npos);
    CHECK(section.find("A B") == std::string::npos);
    CHECK(section.find("B A") == std::string::npos);
    CHECK(section.find(">run-in<") != std::string::npos);

    trial.plan.stopped = trial_day(2026, 2, 2);
    trial.plan.stop_reason = "cramps <b>gone</b>";
    const auto stopped = reported_trial(trial, "0000000 " + trial_check_cramps, trial_day(2026, 3, 1));
    REQUIRE(stopped.analysis.status == legdiary::TrialStatus::stopped);
    const std::string stopped_section = trial_section_of(render_with_trial(stopped));
    CHECK(stopped_section.find("<b>Stopped</b> early") != std::string::npos);
    CHECK(stopped_section.find("“cramps &lt;b&gt;gone&lt;/b&gt;”") != std::string::npos);
    CHECK(stopped_section.find("Interim look") == std::string::npos);
    CHECK(stopped_section.find("The trial was stopped early") != std::string::npos);
    CHECK(stopped_section.find("after the stop") != std::string::npos);
}

TEST_CASE("a trial's name, hypothesis and tag are escaped; no trials, no section", "[report][trial]") {
    auto trial = check_trial();
    trial.plan.exposure = "tag:magnesium";
    trial.plan.name = "<script>alert(1)</script>";
    trial.plan.hypothesis = "fewer cramps & \"better\" sleep";
    const std::string html = render_with_trial(reported_trial(trial, trial_check_cramps, trial_day(2026, 6, 1)));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("fewer cramps &amp; &quot;better&quot; sleep") != std::string::npos);
    CHECK(html.find("Trial: does “magnesium” help? (randomised N-of-1)") != std::string::npos);

    const std::string without = legdiary::render_html_report(two_week_report(), two_week_days());
    CHECK(without.find("trial-report\">") == std::string::npos);
}

TEST_CASE("write_html_report shows the trials whose nights overlap the range, as seen today", "[report][trial]") {
    legdiary::OpenOptions open;
    // Today is 2026-01-24 by the diary's clock: the check trial's night 20.
    open.clock_utc = [] { return legdiary::DateTime(Date(2026, 1, 24), boost::posix_time::hours(12)); };
    legdiary::Diary diary(":memory:", open);
    legdiary::NightRecord check_in;
    check_in.night = Date(2026, 1, 6);
    diary.put_night(check_in);
    auto plan = check_trial().plan;
    plan.name = "Stockings <in winter>";
    const auto stored = diary.plan_trial(plan, Date(2026, 1, 24), true);

    std::ostringstream out;
    legdiary::write_html_report(out, diary, {Date(2026, 1, 1), Date(2026, 1, 23)});
    const std::string section = trial_section_of(out.str());
    REQUIRE_FALSE(section.empty());
    CHECK(section.find("Stockings &lt;in winter&gt;") != std::string::npos);
    CHECK(section.find("<b>Running</b>: block 2 of 6, night 20 of 84") != std::string::npos);
    CHECK(section.find("Interim look") != std::string::npos);
    CHECK(section.find("B A") == std::string::npos);

    std::ostringstream before;
    legdiary::write_html_report(before, diary, {Date(2025, 12, 1), Date(2026, 1, 4)});
    CHECK(trial_section_of(before.str()).empty());
    (void)stored;
}
