#include <algorithm>
#include <cmath>

#include "charts.hpp"

namespace legdiary::detail::html {

namespace {

std::string direction_words(TrendDirection direction) {
    switch (direction) {
        case TrendDirection::improving:
            return "improving: cramps are becoming less frequent";
        case TrendDirection::worsening:
            return "worsening: cramps are becoming more frequent";
        case TrendDirection::stable:
            return "no clear change";
        case TrendDirection::insufficient_data:
            break;
    }
    return "not enough weeks to tell";
}

}  // namespace

std::string trend_sentence(const TrendTest& trend, int min_nights) {
    if (trend.direction == TrendDirection::insufficient_data || !trend.slope)
        return "Trend: not enough data. The trend test needs at least " + count(min_trend_weeks) + " weeks with " +
               count(min_nights) +
               " or more recorded nights; this range has " + count(trend.weeks_used) + ".";
    std::string text = "Trend over " + count(trend.weeks_used) + " weeks: " + direction_words(trend.direction) + ". ";
    text += "The rate changes by " + fixed(*trend.slope, 2) + " cramps per week each week";
    if (trend.slope_low && trend.slope_high)
        text += " (95% interval " + fixed(*trend.slope_low, 2) + " to " + fixed(*trend.slope_high, 2) + ")";
    if (trend.p_value) text += "; Mann–Kendall " + p_text(*trend.p_value);
    return text + ".";
}

std::string weekly_chart(const TrendReport& report, int min_nights) {
    const auto& weekly = report.weekly;
    const Bands bands{static_cast<std::int64_t>(weekly.size())};
    std::vector<double> used_x, used_y;
    double max_value = 1;
    for (std::size_t k = 0; k < weekly.size(); ++k) {
        if (!weekly[k].cramps_per_week) continue;
        max_value = std::max(max_value, *weekly[k].cramps_per_week);
        if (weekly[k].in_trend) {
            used_x.push_back(as_double(static_cast<std::int64_t>(k)));
            used_y.push_back(*weekly[k].cramps_per_week);
        }
    }
    std::string description = "Cramps per week for each of the " +
                              plural(bands.count, "calendar week", "calendar weeks") +
                              " (Monday to Sunday) in the range";
    if (!used_y.empty()) {
        const auto [low, high] = std::minmax_element(used_y.begin(), used_y.end());
        description += ", from " + fixed(*low, 1) + " to " + fixed(*high, 1) + " cramps per week in weeks with " +
                       count(min_nights) + " or more recorded nights";
    }
    description += ". " + trend_sentence(report.trend, min_nights);

    Svg svg("chart-weekly", 216, "Weekly cramp rate with the Theil–Sen trend line", description);
    legend(svg,
           {{swatch_bar(colour_cramps, colour_cramps_edge), "cramps per week"},
            {swatch_bar("#fff", colour_cramps_edge), "fewer than " + count(min_nights) + " nights recorded"},
            {swatch_line(colour_trend, "6 3", 2), "Theil–Sen trend"},
            {swatch_missing(svg), "no night recorded"}},
           14);
    const double top = 26, bottom = 174;
    const Scale scale(top, bottom, 0, max_value, 4, false);
    std::vector<bool> missing;
    for (const auto& row : weekly) missing.push_back(row.recorded_nights == 0);
    missing_columns(svg, bands, missing, top, bottom);
    y_axis(svg, scale, "cramps per week");
    // Labels under the bars (the week's Monday, its recorded nights) on every `stride`-th
    // week, far enough apart for the widest of them, starting at the first week whose
    // label clears the y-axis labels; the rates above the bars only where every one fits
    // its band. So no two labels overlap, however many weeks the range has.
    double widest_label = 0, widest_rate = 0;
    for (const auto& row : weekly) {
        widest_label = std::max({widest_label, text_width(short_date(row.start), 10),
                                 text_width(count(row.recorded_nights) + "/7 n", 9)});
        if (row.cramps_per_week) widest_rate = std::max(widest_rate, text_width(fixed(*row.cramps_per_week, 1), 10));
    }
    const auto label_stride = static_cast<std::int64_t>(
        std::ceil(std::max(min_label_spacing, widest_label + label_gap) / bands.width()));
    std::int64_t first_label = 0;
    while (first_label + 1 < bands.count && bands.centre(first_label) - widest_label / 2 < plot_left) ++first_label;
    const bool rate_labels = bands.width() >= std::max(24.0, widest_rate + label_gap);
    for (std::size_t k = 0; k < weekly.size(); ++k) {
        const auto& row = weekly[k];
        const auto index = static_cast<std::int64_t>(k);
        const double x = bands.centre(index);
        const double width = std::min(bands.bar_width(), 40.0);
        if (row.cramps_per_week) {
            const double y = scale.y(*row.cramps_per_week);
            const bool used = row.in_trend;
            svg.rect(x - width / 2, y, width, bottom - y,
                     std::string("fill=\"") + (used ? colour_cramps : "#fff") + "\" stroke=\"" + colour_cramps_edge +
                         "\" stroke-width=\"" + (used ? "0.6" : "1.4\" stroke-dasharray=\"3 2") + "\"");
            if (rate_labels)
                svg.text(x, y - 3, fixed(*row.cramps_per_week, 1), "text-anchor=\"middle\" font-size=\"10\"");
        }
        if (index >= first_label && (index - first_label) % label_stride == 0) {
            svg.text(x, bottom + 14, short_date(row.start), "text-anchor=\"middle\" fill=\"#333\" font-size=\"10\"");
            svg.text(x, bottom + 26, count(row.recorded_nights) + "/7 n",
                     "text-anchor=\"middle\" fill=\"#666\" font-size=\"9\"");
        }
    }
    // The line of the trend test itself (TrendTest::intercept, slope), over the weeks it used.
    if (report.trend.slope && !used_x.empty()) {
        if (const auto& intercept = report.trend.intercept) {
            const double x0 = used_x.front(), x1 = used_x.back();
            svg.body << "<clipPath id=\"chart-weekly-plot\"><rect x=\"" << n(plot_left) << "\" y=\"" << n(top)
                     << "\" width=\"" << n(plot_width) << "\" height=\"" << n(bottom - top) << "\"/></clipPath>";
            svg.body << "<g clip-path=\"url(#chart-weekly-plot)\">";
            svg.line(bands.centre(static_cast<std::int64_t>(x0)), scale.y(*intercept + *report.trend.slope * x0),
                     bands.centre(static_cast<std::int64_t>(x1)), scale.y(*intercept + *report.trend.slope * x1),
                     std::string("stroke=\"#fff\" stroke-width=\"4.5\""));
            svg.line(bands.centre(static_cast<std::int64_t>(x0)), scale.y(*intercept + *report.trend.slope * x0),
                     bands.centre(static_cast<std::int64_t>(x1)), scale.y(*intercept + *report.trend.slope * x1),
                     std::string("stroke=\"") + colour_trend + "\" stroke-width=\"2\" stroke-dasharray=\"6 3\"");
            svg.body << "</g>";
        }
    }
    if (report.summary.recorded_nights == 0) empty_message(svg, top, bottom, "No nights recorded in this range");
    return figure(svg, "Cramps per week",
                  "Each bar is one calendar week's rate: 7 × cramps ÷ recorded nights (under each bar: recorded "
                  "nights of 7). Dashed outline bars rest on too few nights to be compared fairly and stay out of "
                  "the trend line. " +
                      trend_sentence(report.trend, min_nights));
}

}  // namespace legdiary::detail::html
