// Options shared by the commands: the diary the global --db option names, and the night
// ranges and numbers typed as option values.
#include "cli.hpp"

#include <algorithm>

#include <legdiary/error.hpp>
#include <legdiary/nights.hpp>
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

NightRange typed_night_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                             const Date& default_to, std::int64_t default_nights) {
    const Date last = to ? parse_date(*to, "to") : default_to;
    const Date first =
        from ? parse_date(*from, "from") : last - boost::gregorian::days(static_cast<long>(default_nights - 1));
    return night_range(first, last);
}

NightRange weeks_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const std::optional<std::string>& weeks, const Instant& now) {
    std::int64_t count = 8;
    if (weeks) {
        // The range may not begin before the first year a date can have.
        const Date end = to ? parse_date(*to, "to") : last_night(now);
        const std::int64_t most = std::max<std::int64_t>(1, ((end - Date(limits::min_year, 1, 1)).days() + 1) / 7);
        count = parse_whole(*weeks, "weeks", 1, most);
    }
    return typed_night_range(from, to, last_night(now), 7 * count);
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

}  // namespace legdiary::cli
