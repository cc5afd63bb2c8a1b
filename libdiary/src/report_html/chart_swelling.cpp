#include <algorithm>
#include <array>
#include <cmath>

#include "charts.hpp"

namespace legdiary::detail::html {

std::string swelling_chart(const TrendReport& report, const DayValues& days) {
    const Bands bands{static_cast<std::int64_t>(report.nightly.size())};
    std::int64_t graded = 0, grade_two_plus = 0, grade_sum = 0, measured = 0;
    for (const auto& grade : days.swelling_grade)
        if (grade) ++graded, grade_sum += *grade, grade_two_plus += *grade >= 2;
    const std::array<const std::vector<std::optional<double>>*, 4> series = {&days.calf_left, &days.calf_right,
                                                                             &days.ankle_left, &days.ankle_right};
    for (std::size_t i = 0; i < days.calf_left.size(); ++i) {
        bool any = false;
        for (const auto* values : series) any = any || (*values)[i].has_value();
        measured += any;
    }
    std::vector<Date> alert_days;
    for (const auto& alert : report.alerts)
        if (alert.kind == AlertKind::calf_asymmetry) alert_days.push_back(alert.day);

    std::string description =
        "Swelling grade each day (0 none to 3 severe): recorded on " + plural(graded, "day", "days");
    if (graded > 0)
        description += ", mean " + fixed(as_double(grade_sum) / as_double(graded), 1) + ", grade 2 or more on " +
                       plural(grade_two_plus, "day", "days");
    description += ". Leg circumferences measured on " + plural(measured, "day", "days") + ".";
    if (!alert_days.empty())
        description += " " + plural(static_cast<std::int64_t>(alert_days.size()), "day has", "days have") +
                       " calf circumferences 3 cm or more apart, marked with an exclamation mark.";

    Svg svg("chart-swelling", 308, "Swelling grade and leg circumferences", description);
    legend(svg,
           {{swatch_bar(colour_swelling, "#7A3D63"), "swelling grade"},
            {swatch_zero(), "grade 0"},
            {swatch_missing(svg), "not recorded"},
            {"<text x=\"8\" y=\"11\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"" + std::string(colour_alert) +
                 "\">!</text>",
             "calf difference ≥ 3 cm"}},
           14);
    const double top = 26, middle = 104;
    const Scale grades(top, middle, 0, 3, 3, true);
    std::vector<bool> missing;
    for (const auto& grade : days.swelling_grade) missing.push_back(!grade);
    missing_columns(svg, bands, missing, top, middle);
    y_axis(svg, grades, "grade");
    for (std::size_t i = 0; i < days.swelling_grade.size(); ++i) {
        const auto& grade = days.swelling_grade[i];
        if (!grade) continue;
        const double x = bands.centre(static_cast<std::int64_t>(i));
        if (*grade == 0) {
            svg.circle(x, middle - 3.5, std::min(2.6, std::max(1.2, bands.width() / 3)),
                       "fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.1\"");
            continue;
        }
        const double y = grades.y(*grade);
        svg.rect(x - bands.bar_width() / 2, y, bands.bar_width(), middle - y,
                 std::string("fill=\"") + colour_swelling + "\" stroke=\"#7A3D63\" stroke-width=\"0.6\"");
    }

    const double lower_legend = 126, lower_top = 138, bottom = 268;
    struct Series {
        const std::vector<std::optional<double>>* values;
        std::string label, colour, dash, shape;
        bool hollow;
        [[nodiscard]] bool present() const {
            return std::any_of(values->begin(), values->end(), [](const auto& value) { return value.has_value(); });
        }
    };
    const std::vector<Series> calves = {
        {&days.calf_left, "calf left", colour_left, "", "circle", false},
        {&days.calf_right, "calf right", colour_right, "5 3", "square", false},
    };
    const std::vector<Series> ankles = {
        {&days.ankle_left, "ankle left", colour_left, "1.5 2.5", "circle", true},
        {&days.ankle_right, "ankle right", colour_right, "1.5 2.5", "square", true},
    };
    std::vector<LegendItem> items;
    for (const auto* group : {&calves, &ankles})
        for (const auto& line : *group) {
            if (!line.present()) continue;
            const std::string fill = line.hollow ? "#fff" : line.colour;
            items.push_back(
                {swatch_line(line.colour, line.dash, 1.6) +
                     (line.shape == "square" ? "<rect x=\"5\" y=\"3\" width=\"6\" height=\"6\" fill=\"" + fill +
                                                   "\" stroke=\"" + line.colour + "\" stroke-width=\"1.3\"/>"
                                             : "<circle cx=\"8\" cy=\"6\" r=\"3\" fill=\"" + fill + "\" stroke=\"" +
                                                   line.colour + "\" stroke-width=\"1.3\"/>"),
                 line.label + " (cm)"});
        }
    legend(svg, items, lower_legend);
    // Calves and ankles on scales of their own: on one scale from ankle to calf, a 3 cm
    // difference between the calves would be a few pixels.
    auto panel = [&](const std::vector<Series>& group, double panel_top, double panel_bottom, std::string_view label) {
        double group_low = 1e9, group_high = -1e9;
        for (const auto& line : group)
            for (const auto& value : *line.values)
                if (value) group_low = std::min(group_low, *value), group_high = std::max(group_high, *value);
        const Scale centimetres(panel_top, panel_bottom, std::floor(group_low - 0.5), std::ceil(group_high + 0.5), 3,
                                false);
        y_axis(svg, centimetres, label);
        for (const auto& line : group) {
            // The line joins measurements of consecutive days only and breaks at a day
            // without one: a straight segment across the gap would show values never
            // measured. The markers show every measurement, isolated ones too.
            const std::string d = broken_path(*line.values, bands, centimetres);
            svg.path(d, "fill=\"none\" stroke=\"" + line.colour + "\" stroke-width=\"1.4\"" +
                            (line.dash.empty() ? "" : " stroke-dasharray=\"" + line.dash + "\""));
            for (std::size_t i = 0; i < line.values->size(); ++i)
                if (const auto& value = (*line.values)[i])
                    svg.marker(line.shape, bands.centre(static_cast<std::int64_t>(i)), centimetres.y(*value), 2.6,
                               "fill=\"" + std::string(line.hollow ? "#fff" : line.colour) + "\" stroke=\"" +
                                   line.colour + "\" stroke-width=\"1.2\"");
        }
    };
    const bool any_calf = calves[0].present() || calves[1].present();
    const bool any_ankle = ankles[0].present() || ankles[1].present();
    if (any_calf && any_ankle) {
        panel(calves, lower_top, 198, "calf cm");
        panel(ankles, 210, bottom, "ankle cm");
    } else if (any_calf) {
        panel(calves, lower_top, bottom, "calf cm");
    } else if (any_ankle) {
        panel(ankles, lower_top, bottom, "ankle cm");
    } else {
        y_axis(svg, Scale(lower_top, bottom, 30, 40, 2, true), "cm");
    }
    for (const Date& day : alert_days) {
        if (day < report.range.from || day > report.range.to) continue;
        const double x = bands.centre((day - report.range.from).days());
        svg.line(x, top, x, bottom + 20,
                 std::string("stroke=\"") + colour_alert + "\" stroke-width=\"1.2\" stroke-dasharray=\"2 2\"");
        svg.rect(x - 7, bottom + 20, 14, 15,
                 "fill=\"#fff\" stroke=\"" + std::string(colour_alert) + "\" stroke-width=\"1.5\"");
        svg.text(x, bottom + 32, "!",
                 "text-anchor=\"middle\" font-weight=\"bold\" fill=\"" + std::string(colour_alert) + "\"");
    }
    night_axis(svg, bands, report.range.from, bottom);
    if (graded == 0) empty_message(svg, top, middle, "No swelling grade recorded in this range");
    if (measured == 0) empty_message(svg, lower_top, bottom, "No circumferences recorded in this range");
    return figure(svg, "Swelling and leg circumferences",
                  "Top: swelling grade each day (1 mild: ankle, evening only; 2 moderate: above the ankle, from the "
                  "afternoon; 3 severe: present in the morning or limits activity). Below: calf and ankle "
                  "circumferences in cm, each on its own scale; circles left, squares right. A boxed ! under the "
                  "dates marks a day with calves 3 cm or more apart.");
}

}  // namespace legdiary::detail::html
