#include <array>

#include "charts.hpp"

namespace legdiary::detail::html {

std::string hour_chart(const TrendReport& report) {
    const auto& by_hour = report.distributions.by_hour;
    std::int64_t total = 0, peak_count = 0;
    int peak_hour = 0;
    // Hours from noon to noon, so that a night reads as one block.
    std::array<int, 24> order{};
    for (int k = 0; k < 24; ++k) order[static_cast<std::size_t>(k)] = (12 + k) % 24;
    for (int hour = 0; hour < 24; ++hour) {
        const auto value = by_hour[static_cast<std::size_t>(hour)];
        total += value;
        if (value > peak_count) peak_count = value, peak_hour = hour;
    }
    const auto& legs = report.distributions.by_leg;
    const auto& muscles = report.distributions.by_muscle;
    std::string description =
        "Number of cramps by the hour they began, from noon to noon; " + plural(total, "cramp", "cramps") + " in all.";
    if (total > 0) {
        description += " Most began between " + hour_label(peak_hour) + " and " + hour_label((peak_hour + 1) % 24) +
                       " (" + count(peak_count) + ").";
        description +=
            " By leg: left " + count(legs[0]) + ", right " + count(legs[1]) + ", both " + count(legs[2]) + ".";
    }

    Svg svg("chart-hours", 158, "When cramps begin: onset hour", description);
    const Bands bands{24};
    const double top = 12, bottom = 126;
    double max_value = 1;
    for (auto value : by_hour) max_value = std::max(max_value, as_double(value));
    const Scale scale(top, bottom, 0, max_value, 4, true);
    y_axis(svg, scale, "cramps");
    for (std::int64_t k = 0; k < 24; ++k) {
        const int hour = order[static_cast<std::size_t>(k)];
        const auto value = by_hour[static_cast<std::size_t>(hour)];
        const double x = bands.centre(k);
        if (value > 0) {
            const double y = scale.y(as_double(value));
            svg.rect(x - bands.bar_width() / 2, y, bands.bar_width(), bottom - y,
                     std::string("fill=\"") + colour_cramps + "\" stroke=\"" + colour_cramps_edge +
                         "\" stroke-width=\"0.6\"");
            svg.text(x, y - 3, count(value), "text-anchor=\"middle\" font-size=\"10\"");
        }
        if (hour % 2 == 0)
            svg.text(bands.left(k), bottom + 14, hour_label(hour),
                     "text-anchor=\"middle\" fill=\"#333\" font-size=\"10\"");
        svg.line(bands.left(k), bottom, bands.left(k), bottom + 3, std::string("stroke=\"") + colour_axis + "\"");
    }
    svg.text(plot_left + plot_width / 2, bottom + 28, "hour the cramp began (local time)",
             "text-anchor=\"middle\" fill=\"#333\"");
    if (total == 0) empty_message(svg, top, bottom, "No cramps recorded in this range");

    std::string parts;
    if (total > 0) {
        parts = "By leg: ";
        for (std::size_t i = 0; i < leg_names.size(); ++i)
            parts += (i ? ", " : "") + std::string(leg_names[i]) + " " + count(legs[i]);
        parts += ". By muscle: ";
        bool first = true;
        for (std::size_t i = 0; i < muscle_names.size(); ++i) {
            if (muscles[i] == 0) continue;
            parts += (first ? "" : ", ") + std::string(muscle_names[i]) + " " + count(muscles[i]);
            first = false;
        }
        parts += ". ";
    }
    return figure(
        svg, "When cramps begin",
        parts + "Bars count cramps by the hour they began, from noon to noon so that each night is one block.");
}

}  // namespace legdiary::detail::html
