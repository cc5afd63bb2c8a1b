// Human output shared by the commands: labels for dates, times and numbers, sparklines,
// aligned tables, warnings and error lines.
#include "cli.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>

#include <legdiary/utf8.hpp>

namespace legdiary::cli {

std::string location_label(Leg leg, Muscle muscle) {
    if (leg == Leg::both) return "both legs, " + std::string(to_string(muscle));
    return std::string(to_string(leg)) + ' ' + std::string(to_string(muscle));
}

std::string clock_label(const Instant& instant) {
    const auto time = instant.local.time_of_day();
    char text[64];
    if (time.seconds() != 0)
        std::snprintf(text, sizeof text, "%02d:%02d:%02d", static_cast<int>(time.hours()),
                      static_cast<int>(time.minutes()), static_cast<int>(time.seconds()));
    else
        std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.hours()),
                      static_cast<int>(time.minutes()));
    return text;
}

std::string instant_label(const Instant& instant, const Date& today) {
    return day_label(instant.local.date(), today) + ' ' + clock_label(instant);
}

std::string number_label(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string result = text;
    if (result.find('.') != std::string::npos) {
        while (result.back() == '0') result.pop_back();
        if (result.back() == '.') result.pop_back();
    }
    if (result == "-0") result = "0";
    return result;
}

std::string number_label(const std::optional<double>& value, int decimals) {
    return value ? number_label(*value, decimals) : "-";
}

std::string whole_label(const std::optional<int>& value) { return value ? std::to_string(*value) : "-"; }

std::string percent_label(const std::optional<double>& fraction) {
    return fraction ? number_label(*fraction * 100.0, 0) + "%" : "-";
}

std::string yes_no_label(const std::optional<bool>& value) {
    return value ? (*value ? "yes" : "no") : "-";
}

// Ratios keep two decimals ("0.70"), so a column of them lines up and reads alike.
std::string ratio_label(const std::optional<double>& ratio) {
    if (!ratio) return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", *ratio);
    return text;
}

std::string interval_label(const std::optional<double>& low, const std::optional<double>& high) {
    if (!low && !high) return "-";
    return ratio_label(low) + "\u2013" + (high ? ratio_label(high) : std::string("\u221e"));
}

std::string sparkline(const std::vector<std::optional<double>>& values) {
    static constexpr std::array<std::string_view, 8> bars = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const auto& value : values)
        if (value) {
            low = std::min(low, *value);
            high = std::max(high, *value);
        }
    // Rates are never negative; starting the scale at zero keeps a flat low line low.
    low = std::min(low, 0.0);
    std::string line;
    for (const auto& value : values) {
        if (!value) {
            line += ' ';
            continue;
        }
        std::size_t level = 0;
        if (high > low)
            level = static_cast<std::size_t>(std::lround((*value - low) / (high - low) * 7.0));
        line += bars[std::min<std::size_t>(level, 7)];
    }
    return line;
}

std::size_t display_width(std::string_view text) { return utf8::count_code_points(text); }

void Table::column(std::string header, Align align) {
    headers_.push_back(std::move(header));
    aligns_.push_back(align);
}

void Table::row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out, std::size_t indent, bool drop_empty_columns) const {
    std::vector<std::size_t> shown;
    std::vector<std::size_t> widths(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) {
        bool has_value = !drop_empty_columns;
        widths[c] = display_width(headers_[c]);
        for (const auto& cells : rows_) {
            widths[c] = std::max(widths[c], display_width(cells[c]));
            has_value = has_value || (!cells[c].empty() && cells[c] != "-");
        }
        if (has_value) shown.push_back(c);
    }
    auto print_line = [&](const std::vector<std::string>& cells) {
        std::string line(indent, ' ');
        for (std::size_t k = 0; k < shown.size(); ++k) {
            const std::size_t c = shown[k];
            const bool last = k + 1 == shown.size();
            const std::size_t pad = widths[c] - display_width(cells[c]);
            if (aligns_[c] == Align::right) line += std::string(pad, ' ') + cells[c];
            else line += cells[c] + (last ? std::string() : std::string(pad, ' '));
            if (!last) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    };
    print_line(headers_);
    for (const auto& cells : rows_) print_line(cells);
}

void warn(std::string_view text) { std::cerr << "legdiary: warning: " << text << '\n'; }

void print_error_lines(std::string_view text, std::string_view prefix) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const auto line = text.substr(start, end - start);
        if (!line.empty()) std::cerr << "legdiary: " << prefix << line << '\n';
        start = end + 1;
    }
}

}  // namespace legdiary::cli
