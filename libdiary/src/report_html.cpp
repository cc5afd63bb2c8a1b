#include "legdiary/report_html.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/time.hpp"

namespace legdiary {
namespace {

// ---------------------------------------------------------------------------------------
// Text for people

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    // "-0.0" reads as a negative value that is not there.
    if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    return text;
}

std::string count(std::int64_t value) { return std::to_string(value); }

std::string plural(std::int64_t value, std::string_view one, std::string_view many) {
    return count(value) + " " + std::string(value == 1 ? one : many);
}

std::string percent(double fraction) { return fixed(100 * fraction, 0) + "%"; }

double as_double(std::int64_t value) { return static_cast<double>(value); }

constexpr std::array<const char*, 7> weekday_names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Fri 20 Nov 2026": unambiguous in every country, unlike 11/20 or 20/11.
std::string long_date(const Date& date) {
    return std::string(weekday_names[date.day_of_week().as_number()]) + " " + std::to_string(date.day().as_number()) +
           " " + month_names[date.month().as_number() - 1] + " " + std::to_string(static_cast<int>(date.year()));
}

std::string short_date(const Date& date) {
    return std::to_string(date.day().as_number()) + " " + month_names[date.month().as_number() - 1];
}

std::string hour_label(int hour) { return (hour < 10 ? "0" : "") + std::to_string(hour) + ":00"; }

std::string p_text(double p) {
    if (p < 0.001) return "p < 0.001";
    return "p = " + fixed(p, p < 0.1 ? 3 : 2);
}

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

std::string trend_sentence(const TrendTest& trend, int min_nights) {
    if (trend.direction == TrendDirection::insufficient_data || !trend.slope)
        return "Trend: not enough data. The trend test needs at least 4 weeks with " + count(min_nights) +
               " or more recorded nights; this range has " + count(trend.weeks_used) + ".";
    std::string text = "Trend over " + count(trend.weeks_used) + " weeks: " + direction_words(trend.direction) + ". ";
    text += "The rate changes by " + fixed(*trend.slope, 2) + " cramps per week each week";
    if (trend.slope_low && trend.slope_high)
        text += " (95% interval " + fixed(*trend.slope_low, 2) + " to " + fixed(*trend.slope_high, 2) + ")";
    if (trend.p_value) text += "; Mann–Kendall " + p_text(*trend.p_value);
    return text + ".";
}

// ---------------------------------------------------------------------------------------
// SVG drawing

constexpr double chart_width = 700;
constexpr double plot_left = 46;
constexpr double plot_right = chart_width - 50;
constexpr double plot_width = plot_right - plot_left;

// Okabe–Ito colours: distinguishable with every common colour-vision deficiency, and of
// different lightness so that they stay apart in grey-scale print. Shapes, line styles and
// labels carry the meaning too.
constexpr const char* colour_cramps = "#56B4E9";  // sky blue, light
constexpr const char* colour_cramps_edge = "#1F6F99";
constexpr const char* colour_rate = "#D55E00";  // vermillion, dark
constexpr const char* colour_trend = "#000000";
constexpr const char* colour_compression = "#009E73";  // bluish green
constexpr const char* colour_swelling = "#CC79A7";     // reddish purple
constexpr const char* colour_left = "#0072B2";         // blue
constexpr const char* colour_right = "#E69F00";        // orange
constexpr const char* colour_alert = "#B00020";
constexpr const char* colour_axis = "#444444";
constexpr const char* colour_grid = "#DDDDDD";

std::string n(double value) { return fixed(value, 1); }

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

void y_axis(Svg& svg, const Scale& scale, std::string_view label, const std::vector<std::string>& tick_labels = {}) {
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
constexpr double min_label_spacing = 42;

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

struct LegendItem {
    std::string swatch;  // SVG drawn in a 16 × 12 box at (0, 0)
    std::string label;
};

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

// ---------------------------------------------------------------------------------------
// The per-day values of the range, one slot per night (day D comes before night D).

struct DayValues {
    std::vector<std::optional<double>> compression_hours;
    std::vector<std::optional<int>> swelling_grade;
    std::vector<std::optional<double>> calf_left, calf_right, ankle_left, ankle_right;
    std::int64_t logged_days = 0;

    DayValues(const DayTable& days, const NightRange& range) {
        const auto size = static_cast<std::size_t>(std::max<std::int64_t>(range.nights(), 0));
        compression_hours.resize(size);
        swelling_grade.resize(size);
        calf_left.resize(size);
        calf_right.resize(size);
        ankle_left.resize(size);
        ankle_right.resize(size);
        const DayNumber from = day_number(range.from), to = day_number(range.to);
        auto real = [](double value) { return std::isnan(value) ? std::nullopt : std::optional<double>(value); };
        for (std::size_t row = 0; row < days.size(); ++row) {
            if (days.day[row] < from || days.day[row] > to) continue;
            const auto i = static_cast<std::size_t>(days.day[row] - from);
            ++logged_days;
            if (row < days.compression_hours.size()) compression_hours[i] = real(days.compression_hours[row]);
            if (row < days.swelling_grade.size() && days.swelling_grade[row] != no_small)
                swelling_grade[i] = days.swelling_grade[row];
            if (row < days.calf_left_cm.size()) calf_left[i] = real(days.calf_left_cm[row]);
            if (row < days.calf_right_cm.size()) calf_right[i] = real(days.calf_right_cm[row]);
            if (row < days.ankle_left_cm.size()) ankle_left[i] = real(days.ankle_left_cm[row]);
            if (row < days.ankle_right_cm.size()) ankle_right[i] = real(days.ankle_right_cm[row]);
        }
    }
};

// ---------------------------------------------------------------------------------------
// The charts

std::string figure(const Svg& svg, std::string_view heading, std::string_view how_to_read) {
    return "<figure class=\"chart\"><h3>" + escape(heading) + "</h3>" + svg.finish() + "<figcaption>" +
           escape(how_to_read) + "</figcaption></figure>\n";
}

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

// Theil–Sen intercept as scipy.stats.theilslopes computes it: median(y) − slope·median(x),
// over the weeks the trend test used.
std::optional<double> theil_sen_intercept(const std::vector<double>& xs, const std::vector<double>& ys, double slope) {
    if (xs.empty()) return std::nullopt;
    auto median = [](std::vector<double> values) {
        std::sort(values.begin(), values.end());
        const std::size_t half = values.size() / 2;
        return values.size() % 2 ? values[half] : (values[half - 1] + values[half]) / 2;
    };
    return median(ys) - slope * median(xs);
}

std::string weekly_chart(const TrendReport& report, int min_nights) {
    const auto& weekly = report.weekly;
    const Bands bands{static_cast<std::int64_t>(weekly.size())};
    std::vector<double> used_x, used_y;
    double max_value = 1;
    for (std::size_t k = 0; k < weekly.size(); ++k) {
        if (!weekly[k].cramps_per_week) continue;
        max_value = std::max(max_value, *weekly[k].cramps_per_week);
        if (weekly[k].recorded_nights >= min_nights) {
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
    const auto label_stride = static_cast<std::int64_t>(std::ceil(min_label_spacing / bands.width()));
    for (std::size_t k = 0; k < weekly.size(); ++k) {
        const auto& row = weekly[k];
        const auto index = static_cast<std::int64_t>(k);
        const double x = bands.centre(index);
        const double width = std::min(bands.bar_width(), 40.0);
        if (row.cramps_per_week) {
            const double y = scale.y(*row.cramps_per_week);
            const bool used = row.recorded_nights >= min_nights;
            svg.rect(x - width / 2, y, width, bottom - y,
                     std::string("fill=\"") + (used ? colour_cramps : "#fff") + "\" stroke=\"" + colour_cramps_edge +
                         "\" stroke-width=\"" + (used ? "0.6" : "1.4\" stroke-dasharray=\"3 2") + "\"");
            if (bands.width() >= 24)
                svg.text(x, y - 3, fixed(*row.cramps_per_week, 1), "text-anchor=\"middle\" font-size=\"10\"");
        }
        if (static_cast<std::int64_t>(k) % label_stride == 0) {
            svg.text(x, bottom + 14, short_date(row.start), "text-anchor=\"middle\" fill=\"#333\" font-size=\"10\"");
            svg.text(x, bottom + 26, count(row.recorded_nights) + "/7 n",
                     "text-anchor=\"middle\" fill=\"#666\" font-size=\"9\"");
        }
    }
    if (report.trend.slope && !used_x.empty()) {
        if (const auto intercept = theil_sen_intercept(used_x, used_y, *report.trend.slope)) {
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
            // Measured on some days only: one line joins the measurements that exist, so the
            // points of a sparse series still read as one series.
            std::string d;
            for (std::size_t i = 0; i < line.values->size(); ++i)
                if (const auto& value = (*line.values)[i])
                    d += (d.empty() ? "M" : "L") + n(bands.centre(static_cast<std::int64_t>(i))) + " " +
                         n(centimetres.y(*value));
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

// ---------------------------------------------------------------------------------------
// Tables and text

std::string outcome_row(std::string_view measure, const std::string& value, std::string_view detail) {
    return "<tr><th scope=\"row\">" + escape(measure) + "</th><td class=\"num\">" + value + "</td><td>" +
           std::string(detail) + "</td></tr>\n";
}

std::string or_no_data(const std::optional<double>& value, int decimals, std::string_view unit = "") {
    if (!value) return "<span class=\"none\">no data</span>";
    return fixed(*value, decimals) + std::string(unit);
}

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
    if (interval_includes_no_change(c))
        text += " The interval includes no change: this could be chance.";
    else
        text += " Unlikely to be chance alone, but see the cautions below.";
    return text;
}

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
        "consistent with.</p>\n";
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
std::string key_figure(const std::string& value, std::string_view label, bool words = false) {
    return std::string("<div class=\"figure\"><div class=\"value") + (words ? " words" : "") + "\">" + value +
           "</div><div class=\"label\">" + escape(label) + "</div></div>";
}

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

constexpr std::string_view style_sheet = R"css(
@page { size: A4; margin: 11mm 12mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
       font-size: 10pt; line-height: 1.35; color: #111; background: #fff;
       max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
p { margin: 1mm 0; }
.subtitle { color: #444; }
.facts { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin: 2mm 0; }
.facts div { display: flex; gap: 2mm; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.note { border-left: 3px solid #666; padding-left: 2mm; color: #333; }
.key-figures { display: flex; gap: 3mm; margin: 3mm 0 1mm; }
.key-figures .figure { flex: 1; border: 1px solid #999; border-radius: 2mm; padding: 1.5mm 3mm; }
.key-figures .value { font-size: 17pt; font-weight: bold; }
.key-figures .value small { font-size: 10pt; font-weight: normal; }
.key-figures .value.words { font-size: 12pt; padding-top: 1.5mm; line-height: 1.2; }
.key-figures .label { color: #333; }
.alerts { border: 2px solid #B00020; border-left-width: 7mm; background: #FFF1F1; padding: 2mm 4mm;
          margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
.alerts h2 { margin: 0 0 1mm; color: #8A0018; font-size: 12.5pt; }
.alerts ul { margin: 0; padding-left: 5mm; }
.alert-mark { display: inline-block; width: 1.3em; height: 1.3em; line-height: 1.3em; text-align: center;
              border-radius: 50%; background: #B00020; color: #fff; }
.no-alerts { border: 1px solid #999; padding: 1mm 3mm; margin: 3mm 0; }
.values { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; font-size: 12pt; padding: 3mm 0 1.5mm; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm; border-bottom: 1px solid #ccc; }
thead th { border-bottom: 1.5px solid #333; font-size: 9pt; }
thead th.num { white-space: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.outcomes th, .outcomes td { padding: 0.6mm 2mm; }
.outcomes td:last-child { color: #333; font-size: 9pt; }
.unit, .vs { font-weight: normal; color: #444; font-size: 8.5pt; }
.vs { display: block; }
.none { color: #555; font-style: italic; }
.comparisons table { table-layout: fixed; }
.comparisons td, .comparisons th { font-size: 9pt; }
.comparisons th:nth-child(1) { width: 27%; }
.comparisons th:nth-child(2), .comparisons th:nth-child(3) { width: 15%; }
.comparisons th:nth-child(4) { width: 12%; }
.reading { font-size: 9pt; color: #333; }
.caveats { break-inside: avoid; page-break-inside: avoid; font-size: 9pt; border: 1px solid #999;
           padding: 1mm 3mm; margin-top: 2mm; }
.caveats ul { margin: 0.5mm 0; padding-left: 5mm; }
figure.chart { margin: 3mm 0 2mm; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 186mm; }
figcaption { font-size: 8.5pt; color: #333; }
footer { margin-top: 4mm; font-size: 8.5pt; color: #444; border-top: 1px solid #ccc; padding-top: 1mm; }
@media print { body { max-width: none; padding: 0; } .page-break { break-before: page; page-break-before: always; } }
)css";

}  // namespace

std::string render_html_report(const TrendReport& report, const DayTable& days, const HtmlReportOptions& options) {
    const DayValues values(days, report.range);
    std::string html;
    html.reserve(128 * 1024);
    html +=
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Leg-cramp diary " +
        escape(to_string(report.range.from)) + " to " + escape(to_string(report.range.to)) + "</title>\n<style>" +
        std::string(style_sheet) + "</style>\n</head>\n<body>\n";
    html += header_section(report, options);
    html += alerts_section(report);
    html += "<main>\n" + outcome_table(report);
    html += "<section class=\"charts\"><h2>Charts</h2>\n";
    html += nightly_chart(report);
    html += weekly_chart(report, options.min_nights);
    html += compression_chart(report, values);
    html += swelling_chart(report, values);
    html += hour_chart(report);
    html += "</section>\n";
    html += comparisons_section(report);
    html +=
        "</main>\n<footer>From the person's own diary (legdiary). Nights are named by the date of their evening. "
        "A night counts as recorded when it has a morning check-in or a cramp; nights not recorded are unknown, "
        "never counted as cramp-free. Alerts point at values worth discussing; they are not a diagnosis.</footer>\n"
        "</body>\n</html>\n";
    return html;
}

void write_html_report(std::ostream& out, const Diary& diary, const NightRange& range, const TrendOptions& options) {
    const TrendReport report = diary.trends(range, options);
    const DiaryTables tables = diary.tables(range, {.episodes = false, .nights = false, .days = true});
    HtmlReportOptions html;
    html.min_nights = options.min_nights;
    out << render_html_report(report, tables.days, html);
}

}  // namespace legdiary
