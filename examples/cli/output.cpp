// Shared helpers of the commands: opening the diary, conversions, human output.
#include "cli.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>


#include <legdiary/error.hpp>
#include <legdiary/time.hpp>

#include <CLI/CLI.hpp>

namespace legdiary::cli {

namespace fs = std::filesystem;

fs::path diary_path(const Context& context) {
    return context.db.empty() ? Diary::default_path() : fs::path(context.db);
}

Diary open_diary(const Context& context) { return Diary(diary_path(context)); }

Diary open_existing_diary(const Context& context) {
    const fs::path path = diary_path(context);
    std::error_code ignored;
    if (!fs::exists(path, ignored))
        throw FileNotFoundError("no diary at " + path.string() +
                                " (start one with `legdiary init` or by logging an entry)");
    OpenOptions options;
    options.create = false;
    return Diary(path, options);
}

Date last_night(const Instant& now) { return now.local.date() - boost::gregorian::days(1); }

NightRange night_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const Date& default_to, std::int64_t default_nights) {
    NightRange range;
    range.to = to ? parse_date(*to, "to") : default_to;
    range.from = from ? parse_date(*from, "from")
                      : range.to - boost::gregorian::days(static_cast<long>(default_nights - 1));
    if (range.from > range.to)
        throw ValidationError("from", to_string(range.from),
                              "must not be after the end of the range (" + to_string(range.to) + ")");
    return range;
}

NightRange weeks_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const std::optional<std::string>& weeks, const Instant& now) {
    std::int64_t count = 8;
    if (weeks) {
        count = parse_whole(*weeks, "weeks");
        if (count < 1) throw ValidationError("weeks", *weeks, "must be at least 1");
    }
    return night_range(from, to, last_night(now), 7 * count);
}

void add_trend_range_options(CLI::App& command, TrendRangeOptions& options) {
    command.add_option("--from", options.from, "first night (default: --weeks before --to)")->type_name("DATE");
    command.add_option("--to", options.to, "last night (default: last night)")->type_name("DATE");
    command.add_option("--weeks", options.weeks, "length of the default range in weeks (default 8)")->type_name("N");
    command
        .add_option("--compare", options.compare,
                    "also compare nights by EXPOSURE (repeat the option): compression, tag:NAME or "
                    "after:YYYY-MM-DD (before/after a treatment)")
        ->type_name("EXPOSURE");
}

std::int64_t parse_whole(std::string_view text, std::string_view field) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end)
        throw ValidationError(std::string(field), std::string(text), "must be a whole number");
    return value;
}

int parse_small_whole(std::string_view text, std::string_view field) {
    const std::int64_t value = parse_whole(text, field);
    // Values this far out break the model's rules anyway; keep them recognisable.
    return static_cast<int>(std::clamp<std::int64_t>(value, std::numeric_limits<int>::min(),
                                                     std::numeric_limits<int>::max()));
}

double parse_real(std::string_view text, std::string_view field) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value))
        throw ValidationError(std::string(field), std::string(text), "must be a number, e.g. 9.5");
    return value;
}

std::string location_label(Leg leg, Muscle muscle) {
    if (leg == Leg::both) return "both legs, " + std::string(to_string(muscle));
    return std::string(to_string(leg)) + ' ' + std::string(to_string(muscle));
}

std::string day_label(const Date& date, const Date& today) {
    std::string text = date.day_of_week().as_short_string();
    text += ' ' + std::to_string(date.day().as_number()) + ' ' + date.month().as_short_string();
    if (date.year() != today.year()) text += ' ' + std::to_string(static_cast<int>(date.year()));
    return text;
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

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
    return width;
}

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
