#include <algorithm>
#include <cmath>

#include "charts.hpp"

namespace legdiary::detail::html {

std::string compression_chart(const TrendReport& report, const DayValues& days) {
    const Bands bands{static_cast<std::int64_t>(report.nightly.size())};
    std::int64_t worn = 0, not_worn = 0, unknown = 0;
    double max_hours = 0;
    for (const auto& hours : days.compression_hours) {
        if (!hours)
            ++unknown;
        else if (*hours > 0)
            ++worn, max_hours = std::max(max_hours, *hours);
        else
            ++not_worn;
    }
    std::string description =
        "Compression stockings, hours worn each day, above the cramps of the night after it. "
        "Worn on " +
        plural(worn, "day", "days") + ", not worn on " + count(not_worn) + ", unknown on " + count(unknown) +
        " (hatched).";
    for (const auto& comparison : report.comparisons)
        if (comparison.exposure == "compression" && comparison.rate_exposed && comparison.rate_unexposed)
            description += " Nights after a day with stockings: " + fixed(*comparison.rate_exposed, 1) +
                           " cramps per week; after a day without: " + fixed(*comparison.rate_unexposed, 1) + ".";

    Svg svg("chart-compression", 276, "Compression hours each day beside the cramps of the night after", description);
    legend(svg,
           {{swatch_bar(colour_compression, "#00563F"), "hours worn"},
            {"<path d=\"M4 6L12 6\" stroke=\"#00563F\" stroke-width=\"2.4\"/><line x1=\"0\" y1=\"12\" x2=\"16\" "
             "y2=\"12\" stroke=\"#444\"/>",
             "logged, not worn"},
            {swatch_bar(colour_cramps, colour_cramps_edge), "cramps that night"},
            {swatch_zero(), "no cramps"},
            {swatch_missing(svg), "not recorded"}},
           14);
    const double top = 28, middle = 118, lower_top = 146, bottom = 248;
    const Scale hours(top, middle, 0, std::max(8.0, max_hours), 3, true);
    std::vector<bool> missing;
    for (const auto& value : days.compression_hours) missing.push_back(!value);
    missing_columns(svg, bands, missing, top, middle);
    y_axis(svg, hours, "hours");
    for (std::size_t i = 0; i < days.compression_hours.size(); ++i) {
        const auto& value = days.compression_hours[i];
        if (!value) continue;
        const double x = bands.centre(static_cast<std::int64_t>(i));
        if (*value > 0) {
            const double y = hours.y(*value);
            svg.rect(x - bands.bar_width() / 2, y, bands.bar_width(), middle - y,
                     std::string("fill=\"") + colour_compression + "\" stroke=\"#00563F\" stroke-width=\"0.6\"");
        } else {
            svg.line(x - std::max(1.5, bands.bar_width() / 2), middle - 3, x + std::max(1.5, bands.bar_width() / 2),
                     middle - 3, "stroke=\"#00563F\" stroke-width=\"2.4\"");
        }
    }
    svg.text(plot_left, lower_top - 8, "Cramps the night after (night D follows day D)",
             "fill=\"#333\" font-size=\"10\"");
    nightly_bars(svg, report, lower_top, bottom, false);
    night_axis(svg, bands, report.range.from, bottom);
    if (worn + not_worn == 0) empty_message(svg, top, middle, "No compression hours recorded in this range");
    if (report.summary.recorded_nights == 0) empty_message(svg, lower_top, bottom, "No nights recorded in this range");
    return figure(svg, "Compression stockings and cramps",
                  "Top: hours the stockings were worn each day; a short flat mark means a day logged as not worn, "
                  "hatching means not recorded. Bottom: cramps of the night that follows that day.");
}

}  // namespace legdiary::detail::html
