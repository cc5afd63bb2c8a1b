// Options shared by the commands: the diary the global --db option names, and the night
// ranges and numbers typed as option values.
#include "cli.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
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

}  // namespace legdiary::cli
