#include <algorithm>
#include <cmath>

#include "charts.hpp"

namespace legdiary::detail::html {

// Nightly cramp bars, the 7-night rate, recorded zeros and missing nights, into a plot
// area [top, bottom]. Returns the scale used.
Scale nightly_bars(Svg& svg, const TrendReport& report, double top, double bottom, bool with_rate) {
    const auto& nightly = report.nightly;
    const Bands bands{static_cast<std::int64_t>(nightly.size())};
    double max_value = 1;
    for (const auto& row : nightly) {
        max_value = std::max(max_value, as_double(row.cramps));
        if (with_rate && row.rolling7_cramps_per_week)
            max_value = std::max(max_value, *row.rolling7_cramps_per_week / 7);
    }
    const Scale scale(top, bottom, 0, max_value, 4, true);
    std::vector<bool> missing;
    for (const auto& row : nightly) missing.push_back(!row.recorded);
    missing_columns(svg, bands, missing, top, bottom);
    std::vector<std::string> right_labels;
    y_axis(svg, scale, "cramps per night");
    if (with_rate) {
        for (double tick : scale.ticks)
            svg.text(plot_right + 5, scale.y(tick) + 4, tick_label(tick * 7),
                     "fill=\"" + std::string(colour_rate) + "\"");
        svg.line(plot_right, top, plot_right, bottom, std::string("stroke=\"") + colour_rate + "\"");
        svg.body << "<text transform=\"translate(" << n(chart_width - 6) << " " << n((top + bottom) / 2)
                 << ") rotate(90)\" text-anchor=\"middle\" fill=\"" << colour_rate
                 << "\">per week (7-night rate)</text>";
    }
    for (std::size_t i = 0; i < nightly.size(); ++i) {
        const auto& row = nightly[i];
        const auto index = static_cast<std::int64_t>(i);
        if (!row.recorded) continue;
        if (row.cramps == 0) {
            svg.circle(bands.centre(index), bottom - 3.5, std::min(2.6, std::max(1.2, bands.width() / 3)),
                       "fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.1\"");
            continue;
        }
        const double y = scale.y(as_double(row.cramps));
        svg.rect(
            bands.centre(index) - bands.bar_width() / 2, y, bands.bar_width(), bottom - y,
            std::string("fill=\"") + colour_cramps + "\" stroke=\"" + colour_cramps_edge + "\" stroke-width=\"0.6\"");
    }
    if (with_rate) {
        std::vector<std::optional<double>> rate;
        for (const auto& row : nightly)
            rate.push_back(row.rolling7_cramps_per_week ? std::optional<double>(*row.rolling7_cramps_per_week / 7)
                                                        : std::nullopt);
        const std::string d = broken_path(rate, bands, scale);
        svg.path(d, "fill=\"none\" stroke=\"#fff\" stroke-width=\"4.5\" stroke-linejoin=\"round\"");
        svg.path(d, std::string("fill=\"none\" stroke=\"") + colour_rate +
                        "\" stroke-width=\"2.2\" stroke-linejoin=\"round\"");
    }
    return scale;
}

std::string nightly_chart(const TrendReport& report) {
    const auto& s = report.summary;
    std::string description = "Cramps on each night from " + long_date(report.range.from) + " to " +
                              long_date(report.range.to) + ". " + count(s.recorded_nights) + " of " +
                              plural(s.nights, "night", "nights") + " recorded; " +
                              plural(s.nights - s.recorded_nights, "night", "nights") + " not recorded " +
                              (s.nights - s.recorded_nights == 1 ? "is" : "are") +
                              " hatched, and recorded nights without cramps have an open circle on the baseline.";
    const NightlyRow* worst = nullptr;
    const NightlyRow* first_rate = nullptr;
    const NightlyRow* last_rate = nullptr;
    for (const auto& row : report.nightly) {
        if (row.cramps > 0 && (!worst || row.cramps > worst->cramps)) worst = &row;
        if (row.rolling7_cramps_per_week) {
            if (!first_rate) first_rate = &row;
            last_rate = &row;
        }
    }
    if (worst)
        description += " Most cramps in one night: " + count(worst->cramps) + ", on " + long_date(worst->night) + ".";
    if (first_rate && last_rate)
        description += " The 7-night rate went from " + fixed(*first_rate->rolling7_cramps_per_week, 1) +
                       " cramps per week on " + long_date(first_rate->night) + " to " +
                       fixed(*last_rate->rolling7_cramps_per_week, 1) + " on " + long_date(last_rate->night) + ".";

    Svg svg("chart-nightly", 212, "Cramps each night, with the 7-night rate", description);
    legend(svg,
           {{swatch_bar(colour_cramps, colour_cramps_edge), "cramps that night"},
            {swatch_line(colour_rate, "", 2.2), "7-night rate (right axis)"},
            {swatch_zero(), "recorded, no cramps"},
            {swatch_missing(svg), "not recorded"}},
           14);
    const double top = 26, bottom = 184;
    nightly_bars(svg, report, top, bottom, true);
    night_axis(svg, Bands{static_cast<std::int64_t>(report.nightly.size())}, report.range.from, bottom);
    if (s.recorded_nights == 0) empty_message(svg, top, bottom, "No nights recorded in this range");
    return figure(svg, "Cramps each night",
                  "Each bar is one night's cramps (left axis). The line is the rate over the last 7 nights, in cramps "
                  "per week (right axis); it is drawn where that window has a recorded night. Hatched nights were "
                  "not recorded: unknown, not cramp-free.");
}

}  // namespace legdiary::detail::html
