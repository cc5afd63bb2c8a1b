#include "sections.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "legdiary/time.hpp"
#include "text.hpp"

namespace legdiary::detail::html {

namespace {

std::string outcome_row(std::string_view measure, const std::string& value, std::string_view detail) {
    return "<tr><th scope=\"row\">" + escape(measure) + "</th><td class=\"num\">" + value + "</td><td>" +
           std::string(detail) + "</td></tr>\n";
}

std::string or_no_data(const std::optional<double>& value, int decimals, std::string_view unit = "") {
    if (!value) return "<span class=\"none\">no data</span>";
    return fixed(*value, decimals) + std::string(unit);
}

}  // namespace

std::string outcome_table(const TrendReport& report) {
    const auto& s = report.summary;
    std::string rows;
    rows += outcome_row("Cramps per week", or_no_data(s.cramps_per_week, 1),
                        "7 × " + plural(s.cramps, "cramp", "cramps") + " ÷ " +
                            plural(s.recorded_nights, "recorded night", "recorded nights"));
    rows += outcome_row(
        "Cramp-free nights", s.cramp_free_fraction ? percent(*s.cramp_free_fraction) : or_no_data({}, 0),
        count(s.cramp_free_nights) + " of " + plural(s.recorded_nights, "recorded night", "recorded nights"));
    rows += outcome_row("Mean intensity", or_no_data(s.mean_intensity, 1, " / 10"),
                        "0–10 rating, over the cramps that were rated");
    rows += outcome_row(
        "Median duration",
        s.median_duration_s ? escape(format_duration(std::llround(*s.median_duration_s))) : or_no_data({}, 0),
        "half the cramps were shorter, half longer");
    rows += outcome_row("Cramp time per night", or_no_data(s.cramp_minutes_per_night, 1, " min"),
                        "total minutes of cramp ÷ recorded nights");
    rows += outcome_row("Woke from sleep", s.woke_fraction ? percent(*s.woke_fraction) : or_no_data({}, 0),
                        "of the cramps where waking was noted");
    rows += outcome_row("Longest cramp-free run", escape(plural(s.longest_cramp_free_streak, "night", "nights")),
                        "consecutive recorded nights without cramps; a missing night ends a run");
    rows += outcome_row("Current cramp-free run", escape(plural(s.current_cramp_free_streak, "night", "nights")),
                        "the run ending on the last night, " + escape(long_date(report.range.to)));
    return "<table class=\"outcomes\"><caption>Outcomes over the whole range</caption>\n"
           "<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\" class=\"num\">Value</th>"
           "<th scope=\"col\">How it is counted</th></tr></thead>\n<tbody>\n" +
           rows + "</tbody></table>\n";
}

namespace {

std::string exposure_label(const std::string& name) {
    try {
        const Exposure exposure = parse_exposure(name);
        switch (exposure.kind) {
            case Exposure::Kind::compression:
                return "Compression stockings worn that day <span class=\"vs\">vs. days logged without</span>";
            case Exposure::Kind::tag:
                return "Days tagged “" + escape(exposure.tag) + "” <span class=\"vs\">vs. other logged days</span>";
            case Exposure::Kind::after:
                return "Nights from " + escape(long_date(exposure.since)) + " on <span class=\"vs\">vs. before</span>";
        }
    } catch (const Error&) {
        // A name this library does not know is still shown, as it was given.
    }
    return escape(name);
}

std::string percent_change_words(double ratio) {
    const double change = 100 * (ratio - 1);
    if (std::fabs(change) < 0.5) return "no change";
    return fixed(std::fabs(change), 0) + "% " + (change < 0 ? "fewer" : "more");
}

std::string comparison_words(const Comparison& c) {
    if (c.nights_exposed == 0 || c.nights_unexposed == 0) return "Not comparable: no recorded nights on one side.";
    if (c.cramps_exposed + c.cramps_unexposed == 0) return "Not comparable: no cramps on either side.";
    if (!c.rate_ratio) return "Not comparable: no cramps on the “without” side to compare with.";
    std::string text = *c.rate_ratio < 1   ? "Fewer cramps per night"
                       : *c.rate_ratio > 1 ? "More cramps per night"
                                           : "The same rate";
    if (std::fabs(*c.rate_ratio - 1) >= 0.005) text += " (" + percent_change_words(*c.rate_ratio) + ")";
    text += ".";
    const bool robust = c.robust_rate_ratio_low && c.robust_rate_ratio_high;
    if (interval_includes_no_change(c))
        text += robust ? " An interval includes no change: this may well be chance."
                       : " The interval includes no change: this may well be chance.";
    else
        text += robust ? " Neither interval includes no change: unlikely to be chance alone, but see the cautions below."
                       : " Unlikely to be chance alone, but see the cautions below.";
    return text;
}

}  // namespace

std::string comparisons_section(const TrendReport& report) {
    std::string out = "<section class=\"comparisons\"><h2>What changed with compression, tags or treatment</h2>\n";
    if (report.comparisons.empty())
        return out + "<p>No comparisons: no day logs with compression hours or tags in this range.</p></section>\n";
    out +=
        "<table><thead><tr><th scope=\"col\">Comparison</th>"
        "<th scope=\"col\" class=\"num\">With / after<br><span class=\"unit\">nights · cramps · per week</span></th>"
        "<th scope=\"col\" class=\"num\">Without / before<br><span class=\"unit\">nights · cramps · per "
        "week</span></th>"
        "<th scope=\"col\" class=\"num\">Rate ratio<br><span class=\"unit\">95% interval</span></th>"
        "<th scope=\"col\">In words</th></tr></thead>\n<tbody>\n";
    std::vector<std::string> caveats;
    for (const auto& c : report.comparisons) {
        auto side = [](std::int64_t nights, std::int64_t cramps, const std::optional<double>& rate) {
            return count(nights) + " · " + count(cramps) + " · " + (rate ? "<b>" + fixed(*rate, 1) + "</b>" : "—");
        };
        std::string ratio = "<span class=\"none\">none</span>";
        if (c.rate_ratio) {
            ratio = "<b>" + fixed(*c.rate_ratio, 2) + "</b><br><span class=\"unit\">" +
                    (c.rate_ratio_low ? fixed(*c.rate_ratio_low, 2) : "0") + " to " +
                    (c.rate_ratio_high ? fixed(*c.rate_ratio_high, 2) : "no limit") + "</span>";
            if (c.p_value) ratio += "<br><span class=\"unit\">" + escape(p_text(*c.p_value)) + "</span>";
            if (c.robust_rate_ratio_low && c.robust_rate_ratio_high)
                ratio += "<br><span class=\"unit\">robust " + fixed(*c.robust_rate_ratio_low, 2) + " to " +
                         fixed(*c.robust_rate_ratio_high, 2) + "</span>";
        }
        out += "<tr><th scope=\"row\">" + exposure_label(c.exposure) + "</th><td class=\"num\">" +
               side(c.nights_exposed, c.cramps_exposed, c.rate_exposed) + "</td><td class=\"num\">" +
               side(c.nights_unexposed, c.cramps_unexposed, c.rate_unexposed) + "</td><td class=\"num\">" + ratio +
               "</td><td>" + escape(comparison_words(c)) + "</td></tr>\n";
        for (const auto& caveat : c.caveats)
            if (std::find(caveats.begin(), caveats.end(), caveat) == caveats.end()) caveats.push_back(caveat);
    }
    out +=
        "</tbody></table>\n<p class=\"reading\">A rate ratio below 1 means fewer cramps per night with the "
        "exposure (0.70 = 30% fewer), above 1 more. The 95% interval is the range of ratios the data are "
        "consistent with if nights were independent; the robust one allows for runs of bad and good nights "
        "(Newey–West over 7 compared nights, about a week), and is usually wider.</p>\n";
    if (!caveats.empty()) {
        out += "<div class=\"caveats\"><h3>Read these comparisons with care</h3><ul>\n";
        for (const auto& caveat : caveats) out += "<li>" + escape(caveat) + "</li>\n";
        out += "</ul></div>\n";
    }
    return out + "</section>\n";
}

std::string alerts_section(const TrendReport& report) {
    if (report.alerts.empty())
        return "<section class=\"no-alerts\" aria-label=\"Warning signs\"><p><b>Warning signs:</b> none recorded in "
               "this "
               "range (calf circumferences 3 cm or more apart, or an ulcer).</p></section>\n";
    std::string out =
        "<section class=\"alerts\" aria-labelledby=\"alerts-heading\">"
        "<h2 id=\"alerts-heading\"><span class=\"alert-mark\" aria-hidden=\"true\">!</span> "
        "Warning signs to discuss — " +
        plural(static_cast<std::int64_t>(report.alerts.size()), "alert", "alerts") + " (not a diagnosis)</h2>\n<ul>\n";
    for (const auto& alert : report.alerts) {
        const std::string kind =
            alert.kind == AlertKind::calf_asymmetry ? "Calf circumference difference" : "Ulcer recorded";
        out += "<li><b>" + escape(long_date(alert.day)) + " — " + escape(kind) + ".</b> " + escape(alert.message);
        if (alert.kind == AlertKind::calf_asymmetry && alert.left_cm && alert.right_cm && alert.difference_cm)
            out += " <span class=\"values\">(left " + fixed(*alert.left_cm, 1) + " cm, right " +
                   fixed(*alert.right_cm, 1) + " cm, difference " + fixed(*alert.difference_cm, 1) + " cm)</span>";
        out += "</li>\n";
    }
    return out + "</ul></section>\n";
}

// A number in large type; words (a verdict, "no data") in smaller type so that they fit.
namespace {

std::string key_figure(const std::string& value, std::string_view label, bool words = false) {
    return std::string("<div class=\"figure\"><div class=\"value") + (words ? " words" : "") + "\">" + value +
           "</div><div class=\"label\">" + escape(label) + "</div></div>";
}

}  // namespace

std::string header_section(const TrendReport& report, const HtmlReportOptions& options) {
    const auto& s = report.summary;
    std::string out = "<header><h1>Leg-cramp diary: summary for the clinician</h1>\n";
    if (!options.subtitle.empty()) out += "<p class=\"subtitle\">" + escape(options.subtitle) + "</p>\n";
    out += "<dl class=\"facts\"><div><dt>Range</dt><dd>" + escape(long_date(report.range.from)) + " – " +
           escape(long_date(report.range.to)) + " (" + plural(s.nights, "night", "nights") +
           ")</dd></div>"
           "<div><dt>Nights recorded</dt><dd>" +
           count(s.recorded_nights) + " of " + count(s.nights) + " (" + percent(s.adherence) +
           " adherence)</dd></div>"
           "<div><dt>Cramps recorded</dt><dd>" +
           count(s.cramps) + "</dd></div></dl>\n";
    if (s.recorded_nights == 0)
        out +=
            "<p class=\"note\">No night in this range has an entry, so there is nothing to summarise yet. A morning "
            "check-in, even one that says “no cramps”, makes a night count.</p>\n";
    else if (s.adherence < 0.7)
        out +=
            "<p class=\"note\">Fewer than 7 in 10 nights were recorded: the rates below rest on the recorded nights "
            "only and may be less reliable.</p>\n";
    std::string trend =
        report.trend.direction == TrendDirection::insufficient_data
            ? "not enough weeks"
            : std::string(report.trend.direction == TrendDirection::stable ? "no clear change"
                                                                           : to_string(report.trend.direction));
    out += "<div class=\"key-figures\">" +
           (s.cramps_per_week ? key_figure(fixed(*s.cramps_per_week, 1), "cramps per week")
                              : key_figure("no data", "cramps per week", true)) +
           (s.cramp_free_fraction ? key_figure(percent(*s.cramp_free_fraction), "cramp-free nights")
                                  : key_figure("no data", "cramp-free nights", true)) +
           (s.mean_intensity ? key_figure(fixed(*s.mean_intensity, 1) + "<small>/10</small>", "mean intensity")
                             : key_figure("no data", "mean intensity", true)) +
           key_figure(escape(trend), "weekly trend", trend.size() > 10) + "</div>\n</header>\n";
    return out;
}


}  // namespace legdiary::detail::html
