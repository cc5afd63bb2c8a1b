#include "svg.hpp"

#include <algorithm>
#include <cmath>

#include "legdiary/utf8.hpp"

namespace legdiary::detail::html {

std::string n(double value) { return fixed(value, 1); }

double text_width(std::string_view text, double font_size) {
    return 0.65 * font_size * static_cast<double>(utf8::count_code_points(text));
}

// Round axis ticks (1, 2, 2.5 or 5 times a power of ten) covering [low, high].
std::vector<double> nice_ticks(double low, double high, int target, bool integers) {
    if (!(high > low)) high = low + 1;
    const double raw = (high - low) / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normalised = raw / magnitude;
    double step = (normalised <= 1     ? 1
                   : normalised <= 2   ? 2
                   : normalised <= 2.5 ? 2.5
                   : normalised <= 5   ? 5
                                       : 10) *
                  magnitude;
    if (integers) step = std::max(1.0, std::round(step));
    std::vector<double> ticks;
    const double first = std::floor(low / step) * step;
    for (double tick = first; tick < high + step * 0.999; tick += step) ticks.push_back(tick);
    if (ticks.size() < 2) ticks.push_back(first + step);
    return ticks;
}

std::string tick_label(double value) {
    return std::fabs(value - std::round(value)) < 1e-9 ? fixed(value, 0) : fixed(value, 1);
}

void y_axis(Svg& svg, const Scale& scale, std::string_view label, const std::vector<std::string>& tick_labels) {
    for (std::size_t i = 0; i < scale.ticks.size(); ++i) {
        const double y = scale.y(scale.ticks[i]);
        svg.line(plot_left, y, plot_right, y, std::string("stroke=\"") + colour_grid + "\" stroke-width=\"1\"");
        svg.text(plot_left - 5, y + 4, i < tick_labels.size() ? tick_labels[i] : tick_label(scale.ticks[i]),
                 "text-anchor=\"end\" fill=\"#333\"");
    }
    svg.line(plot_left, scale.top, plot_left, scale.bottom, std::string("stroke=\"") + colour_axis + "\"");
    svg.line(plot_left, scale.bottom, plot_right, scale.bottom, std::string("stroke=\"") + colour_axis + "\"");
    const double middle = (scale.top + scale.bottom) / 2;
    svg.body << "<text transform=\"translate(12 " << n(middle)
             << ") rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">" << escape(label) << "</text>";
}

void night_axis(Svg& svg, const Bands& bands, const Date& from, double y) {
    double last_label_x = -1e9;
    for (std::int64_t i = 0; i < bands.count; ++i) {
        const Date night = from + boost::gregorian::days(static_cast<long>(i));
        bool label = false;
        if (bands.count <= 14)
            label = true;
        else if (bands.count <= 130)
            label = night.day_of_week() == boost::gregorian::Monday;
        else
            label = night.day() == 1;
        if (!label) continue;
        const double x = bands.centre(i);
        // A label needs about 40 px ("30 Sep"): over years, months crowd and some are skipped.
        if (x - last_label_x < min_label_spacing) continue;
        last_label_x = x;
        svg.line(x, y, x, y + 4, std::string("stroke=\"") + colour_axis + "\"");
        svg.text(x, y + 15, short_date(night), "text-anchor=\"middle\" fill=\"#333\"");
    }
}

void legend(Svg& svg, const std::vector<LegendItem>& items, double y) {
    double x = plot_left;
    for (const auto& item : items) {
        svg.body << "<g transform=\"translate(" << n(x) << " " << n(y - 10) << ")\">" << item.swatch << "</g>";
        svg.text(x + 20, y, item.label, "fill=\"#222\"");
        // Roughly the width of an 11 px sans-serif label; UTF-8 bytes overcount, which only adds room.
        x += 30 + 6.1 * as_double(static_cast<std::int64_t>(item.label.size()));
    }
}

std::string swatch_bar(const std::string& fill, const std::string& stroke) {
    return "<rect x=\"3\" y=\"0\" width=\"10\" height=\"12\" fill=\"" + fill + "\" stroke=\"" + stroke + "\"/>";
}
std::string swatch_missing(const Svg& svg) {
    return "<rect x=\"0\" y=\"0\" width=\"16\" height=\"12\" fill=\"" + svg.missing_fill() +
           "\" stroke=\"#8A8A8A\" stroke-width=\"0.5\"/>";
}
std::string swatch_zero() {
    return "<circle cx=\"8\" cy=\"9\" r=\"2.6\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.2\"/>"
           "<line x1=\"0\" y1=\"12\" x2=\"16\" y2=\"12\" stroke=\"#444\"/>";
}
std::string swatch_line(const std::string& colour, const std::string& dash, double width) {
    return "<line x1=\"0\" y1=\"6\" x2=\"16\" y2=\"6\" stroke=\"" + colour + "\" stroke-width=\"" + n(width) + "\"" +
           (dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
}

void empty_message(Svg& svg, double top, double bottom, std::string_view message) {
    const double y = (top + bottom) / 2;
    svg.rect(plot_left + plot_width / 2 - 170, y - 14, 340, 24, "fill=\"#fff\" stroke=\"#999\"");
    svg.text(plot_left + plot_width / 2, y + 3, message, "text-anchor=\"middle\" font-size=\"12\" fill=\"#222\"");
}

// Hatched columns for nights with no entry: "not known", never zero.
void missing_columns(Svg& svg, const Bands& bands, const std::vector<bool>& missing, double top, double bottom) {
    for (std::int64_t i = 0; i < bands.count; ++i) {
        if (!missing[static_cast<std::size_t>(i)]) continue;
        // Neighbouring missing nights merge into one block.
        std::int64_t j = i;
        while (j + 1 < bands.count && missing[static_cast<std::size_t>(j + 1)]) ++j;
        svg.rect(bands.left(i), top, bands.left(j + 1) - bands.left(i), bottom - top,
                 "fill=\"" + svg.missing_fill() + "\"");
        i = j;
    }
}

// A polyline through the points that have a value, broken where a value is missing.
std::string broken_path(const std::vector<std::optional<double>>& ys, const Bands& bands, const Scale& scale) {
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < ys.size(); ++i) {
        if (!ys[i]) {
            pen_down = false;
            continue;
        }
        d += (pen_down ? "L" : "M") + n(bands.centre(static_cast<std::int64_t>(i))) + " " + n(scale.y(*ys[i]));
        pen_down = true;
    }
    return d;
}

std::string figure(const Svg& svg, std::string_view heading, std::string_view how_to_read) {
    return "<figure class=\"chart\"><h3>" + escape(heading) + "</h3>" + svg.finish() + "<figcaption>" +
           escape(how_to_read) + "</figcaption></figure>\n";
}

}  // namespace legdiary::detail::html
