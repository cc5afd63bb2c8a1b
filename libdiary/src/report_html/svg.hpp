// Private to the HTML report: the SVG primitives every chart is drawn with — the chart
// geometry and colours, the Svg builder, scales, axes, bands, legends, swatches and paths.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "legdiary/model.hpp"
#include "text.hpp"

namespace legdiary::detail::html {

// ---------------------------------------------------------------------------------------
// SVG drawing

inline constexpr double chart_width = 700;
inline constexpr double plot_left = 46;
inline constexpr double plot_right = chart_width - 50;
inline constexpr double plot_width = plot_right - plot_left;

// Okabe–Ito colours: distinguishable with every common colour-vision deficiency, and of
// different lightness so that they stay apart in grey-scale print. Shapes, line styles and
// labels carry the meaning too.
inline constexpr const char* colour_cramps = "#56B4E9";  // sky blue, light
inline constexpr const char* colour_cramps_edge = "#1F6F99";
inline constexpr const char* colour_rate = "#D55E00";  // vermillion, dark
inline constexpr const char* colour_trend = "#000000";
inline constexpr const char* colour_compression = "#009E73";  // bluish green
inline constexpr const char* colour_swelling = "#CC79A7";     // reddish purple
inline constexpr const char* colour_left = "#0072B2";         // blue
inline constexpr const char* colour_right = "#E69F00";        // orange
inline constexpr const char* colour_alert = "#B00020";
inline constexpr const char* colour_axis = "#444444";
inline constexpr const char* colour_grid = "#DDDDDD";

/// A coordinate with one decimal: enough for a screen or a print, and short.
std::string n(double value);

struct Svg {
    std::string id;
    double height = 0;
    std::string title;
    std::string description;
    std::ostringstream body;

    Svg(std::string chart_id, double chart_height, std::string chart_title, std::string chart_description)
        : id(std::move(chart_id)),
          height(chart_height),
          title(std::move(chart_title)),
          description(std::move(chart_description)) {}

    [[nodiscard]] std::string missing_fill() const { return "url(#" + id + "-missing)"; }

    void rect(double x, double y, double w, double h, const std::string& attributes) {
        body << "<rect x=\"" << n(x) << "\" y=\"" << n(y) << "\" width=\"" << n(std::max(w, 0.0)) << "\" height=\""
             << n(std::max(h, 0.0)) << "\" " << attributes << "/>";
    }
    void line(double x1, double y1, double x2, double y2, const std::string& attributes) {
        body << "<line x1=\"" << n(x1) << "\" y1=\"" << n(y1) << "\" x2=\"" << n(x2) << "\" y2=\"" << n(y2) << "\" "
             << attributes << "/>";
    }
    void circle(double x, double y, double r, const std::string& attributes) {
        body << "<circle cx=\"" << n(x) << "\" cy=\"" << n(y) << "\" r=\"" << n(r) << "\" " << attributes << "/>";
    }
    void text(double x, double y, std::string_view content, const std::string& attributes = "") {
        body << "<text x=\"" << n(x) << "\" y=\"" << n(y) << "\"" << (attributes.empty() ? "" : " ") << attributes
             << ">" << escape(content) << "</text>";
    }
    void path(const std::string& d, const std::string& attributes) {
        if (!d.empty()) body << "<path d=\"" << d << "\" " << attributes << "/>";
    }
    // A marker of a shape that keeps series apart without colour: circle, square, diamond.
    void marker(std::string_view shape, double x, double y, double size, const std::string& attributes) {
        if (shape == "square")
            rect(x - size, y - size, 2 * size, 2 * size, attributes);
        else if (shape == "diamond")
            path("M" + n(x) + " " + n(y - size * 1.3) + "L" + n(x + size * 1.3) + " " + n(y) + "L" + n(x) + " " +
                     n(y + size * 1.3) + "L" + n(x - size * 1.3) + " " + n(y) + "Z",
                 attributes);
        else
            circle(x, y, size, attributes);
    }

    [[nodiscard]] std::string finish() const {
        std::ostringstream out;
        out << "<svg id=\"" << id << "\" role=\"img\" aria-labelledby=\"" << id << "-title " << id
            << "-desc\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << n(chart_width) << "\" height=\"" << n(height)
            << "\" viewBox=\"0 0 " << n(chart_width) << " " << n(height) << "\" font-size=\"11\">"
            << "<title id=\"" << id << "-title\">" << escape(title) << "</title>"
            << "<desc id=\"" << id << "-desc\">" << escape(description) << "</desc>"
            << "<defs><pattern id=\"" << id
            << "-missing\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            << "<rect width=\"6\" height=\"6\" fill=\"#F4F4F4\"/>"
            << "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8A8A8A\" stroke-width=\"1.6\"/></pattern></defs>"
            << body.str() << "</svg>";
        return out.str();
    }
};

/// Round axis ticks (1, 2, 2.5 or 5 times a power of ten) covering [low, high].
std::vector<double> nice_ticks(double low, double high, int target, bool integers);
/// A tick value as a label: no decimals for whole numbers, else one.
std::string tick_label(double value);

// A vertical scale: value → y within [top, bottom].
struct Scale {
    double top = 0, bottom = 0, low = 0, high = 1;
    std::vector<double> ticks;

    Scale(double plot_top, double plot_bottom, double min_value, double max_value, int target, bool integers)
        : top(plot_top), bottom(plot_bottom), ticks(nice_ticks(min_value, max_value, target, integers)) {
        low = ticks.front();
        high = ticks.back();
    }
    [[nodiscard]] double y(double value) const { return bottom - (value - low) / (high - low) * (bottom - top); }
};

/// The y axis of a scale: grid lines, tick labels (or `tick_labels`), the axis lines and
/// the rotated axis label.
void y_axis(Svg& svg, const Scale& scale, std::string_view label, const std::vector<std::string>& tick_labels = {});

// Bands of equal width across the plot, one per night (or week, or hour).
struct Bands {
    std::int64_t count = 1;
    [[nodiscard]] double width() const { return plot_width / as_double(std::max<std::int64_t>(count, 1)); }
    [[nodiscard]] double left(std::int64_t i) const { return plot_left + as_double(i) * width(); }
    [[nodiscard]] double centre(std::int64_t i) const { return left(i) + width() / 2; }
    // Capped so that the single bar of a one-night diary reads as a bar, not a wall.
    [[nodiscard]] double bar_width() const { return std::clamp(width() * (width() > 8 ? 0.7 : 0.8), 1.0, 28.0); }
};

// Labelled ticks under a night axis: every night for a short range, Mondays for a few
// months, the first of each month beyond.
inline constexpr double min_label_spacing = 42;

/// A generous estimate of the width of `text` in the chart's sans-serif at `font_size`:
/// 0.65 em a character, at least the 0.636 em of DejaVu Sans' digits (the widest of the
/// fonts the style sheet names). For spacing labels so that they cannot overlap.
double text_width(std::string_view text, double font_size);
/// Room left between two neighbouring labels.
inline constexpr double label_gap = 3;

/// Date labels under a night axis at `y`, thinned so that they do not crowd.
void night_axis(Svg& svg, const Bands& bands, const Date& from, double y);

struct LegendItem {
    std::string swatch;  // SVG drawn in a 16 × 12 box at (0, 0)
    std::string label;
};

/// A row of legend items from the plot's left edge, text baseline at `y`.
void legend(Svg& svg, const std::vector<LegendItem>& items, double y);
/// Legend swatch: a bar.
std::string swatch_bar(const std::string& fill, const std::string& stroke);
/// Legend swatch: the hatching of "not recorded".
std::string swatch_missing(const Svg& svg);
/// Legend swatch: the open circle of a recorded zero.
std::string swatch_zero();
/// Legend swatch: a line, dashed when `dash` is not empty.
std::string swatch_line(const std::string& colour, const std::string& dash, double width);
/// A boxed message across the middle of the plot band [top, bottom].
void empty_message(Svg& svg, double top, double bottom, std::string_view message);
/// Hatched columns for nights with no entry: "not known", never zero.
void missing_columns(Svg& svg, const Bands& bands, const std::vector<bool>& missing, double top, double bottom);
/// A polyline through the points that have a value, broken where a value is missing.
std::string broken_path(const std::vector<std::optional<double>>& ys, const Bands& bands, const Scale& scale);
/// A chart in its figure, with its heading and its caption (how to read it).
std::string figure(const Svg& svg, std::string_view heading, std::string_view how_to_read);

}  // namespace legdiary::detail::html
