#include "legdiary/time.hpp"

#include "legdiary/numbers.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <vector>

namespace legdiary {
namespace {

namespace pt = boost::posix_time;
namespace gr = boost::gregorian;

const DateTime epoch(gr::date(1970, 1, 1));

// A small strict scanner: the formats here are fixed-width ISO 8601 fields, which
// Boost.Date_Time reads leniently and without offsets (docs/design.md says why).
class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}
    [[nodiscard]] bool done() const { return pos_ == text_.size(); }
    [[nodiscard]] std::size_t pos() const { return pos_; }
    [[nodiscard]] std::optional<char> peek() const {
        return done() ? std::nullopt : std::optional<char>(text_[pos_]);
    }
    bool accept(char c) {
        if (peek() == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    // Exactly `width` digits.
    std::optional<int> digits(int width) {
        int value = 0;
        for (int i = 0; i < width; ++i) {
            if (done() || !std::isdigit(static_cast<unsigned char>(text_[pos_]))) return std::nullopt;
            value = value * 10 + (text_[pos_++] - '0');
        }
        return value;
    }
    // One or more digits, at most `max_width` of them.
    std::optional<std::int64_t> number(int max_width = 9) {
        std::int64_t value = 0;
        int count = 0;
        while (!done() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
            if (++count > max_width) return std::nullopt;
            value = value * 10 + (text_[pos_++] - '0');
        }
        return count ? std::optional<std::int64_t>(value) : std::nullopt;
    }
    // One or more digits, as many as there are; values past `cap` read as `cap`.
    std::optional<std::int64_t> saturating_number(std::int64_t cap) {
        std::int64_t value = 0;
        int count = 0;
        while (!done() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
            ++count;
            value = std::min(cap, value * 10 + (text_[pos_++] - '0'));
        }
        return count ? std::optional<std::int64_t>(value) : std::nullopt;
    }
    void skip_spaces() {
        while (!done() && text_[pos_] == ' ') ++pos_;
    }
    std::string_view rest() const { return text_.substr(pos_); }
    void advance(std::size_t n) { pos_ += n; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

[[noreturn]] void fail(std::string_view field, std::string_view text, std::string rule) {
    throw ParseError(std::string(field), std::string(text), std::move(rule));
}

std::optional<Date> scan_date(Scanner& in) {
    const auto year = in.digits(4);
    if (!year || !in.accept('-')) return std::nullopt;
    const auto month = in.digits(2);
    if (!month || !in.accept('-')) return std::nullopt;
    const auto day = in.digits(2);
    if (!day || *year < limits::min_year || *month < 1 || *month > 12 || *day < 1 ||
        *day > gr::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(*year),
                                                         static_cast<unsigned short>(*month)))
        return std::nullopt;
    return Date(static_cast<unsigned short>(*year), static_cast<unsigned short>(*month),
                static_cast<unsigned short>(*day));
}

// HH:MM[:SS[.frac]]; fractions are dropped.
std::optional<pt::time_duration> scan_clock(Scanner& in, bool allow_seconds = true) {
    const auto hour = in.digits(2);
    if (!hour || !in.accept(':')) return std::nullopt;
    const auto minute = in.digits(2);
    if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
    int second = 0;
    if (allow_seconds && in.accept(':')) {
        const auto s = in.digits(2);
        if (!s || *s > 59) return std::nullopt;
        second = *s;
        if (in.accept('.') || in.accept(',')) {
            if (!in.number(9)) return std::nullopt;
        }
    }
    return pt::time_duration(*hour, *minute, second);
}

// Z | ±HH:MM | ±HHMM | ±HH
std::optional<int> scan_offset(Scanner& in) {
    if (in.accept('Z') || in.accept('z')) return 0;
    int sign = 0;
    if (in.accept('+')) sign = 1;
    else if (in.accept('-')) sign = -1;
    else return std::nullopt;
    const auto hours = in.digits(2);
    if (!hours) return std::nullopt;
    int minutes = 0;
    if (in.accept(':')) {
        const auto m = in.digits(2);
        if (!m) return std::nullopt;
        minutes = *m;
    } else if (!in.done()) {
        const auto m = in.digits(2);
        if (!m) return std::nullopt;
        minutes = *m;
    }
    if (minutes > 59) return std::nullopt;
    return sign * (*hours * 60 + minutes);
}

constexpr const char* instant_rule =
    "must be an ISO 8601 date-time with UTC offset, e.g. 2026-11-22T02:30:00+01:00";

Instant scan_instant(std::string_view text, std::string_view field, bool offset_required) {
    Scanner in(text);
    const auto date = scan_date(in);
    if (!date || !(in.accept('T') || in.accept('t') || in.accept(' '))) fail(field, text, instant_rule);
    const auto clock = scan_clock(in);
    if (!clock) fail(field, text, instant_rule);
    const DateTime local(*date, *clock);
    if (in.done()) {
        if (offset_required) fail(field, text, "must include a UTC offset (Z, +01:00, -05:00, ...)");
        return from_local(local, field);
    }
    const auto offset = scan_offset(in);
    if (!offset || !in.done()) fail(field, text, instant_rule);
    if (*offset < limits::min_offset_minutes || *offset > limits::max_offset_minutes)
        fail(field, text, "UTC offset must be in -12:00..+14:00");
    return Instant{local, *offset};
}

std::int64_t to_time_t(const DateTime& t) { return (t - epoch).total_seconds(); }

int offset_seconds_at(std::int64_t utc_seconds) {
    static const bool zone_loaded = (tzset(), true);
    (void)zone_loaded;
    const std::time_t t = static_cast<std::time_t>(utc_seconds);
    std::tm parts{};
    if (!localtime_r(&t, &parts)) return 0;
    return static_cast<int>(parts.tm_gmtoff);
}

// Offsets that are not whole minutes (old local mean times) are truncated to the minute.
int to_minutes(int offset_seconds) { return offset_seconds / 60; }

// Amounts this large (about 31 million years) are all "too long": a cap keeps the sums
// below from overflowing, however many digits were typed.
constexpr std::int64_t amount_cap = 1'000'000'000'000'000;

// h/m/s amounts: "90", "90s", "2m", "1m30s", "1h", "1h30m"; nullopt if not of that form.
std::optional<std::int64_t> scan_amount(std::string_view text) {
    Scanner in(text);
    const auto first = in.saturating_number(amount_cap);
    if (!first) return std::nullopt;
    if (in.done()) return *first;  // bare number: seconds
    if (in.accept(':')) {          // M:SS
        const auto seconds = in.digits(2);
        if (!seconds || *seconds > 59 || !in.done()) return std::nullopt;
        return std::min(amount_cap, *first * 60 + *seconds);
    }
    std::int64_t total = 0;
    std::optional<std::int64_t> amount = first;
    int last_unit_rank = 3;  // units must come in the order h, m, s, each once
    while (amount) {
        int rank = 0;
        std::int64_t unit = 0;
        const auto rest = in.rest();
        auto starts = [&](std::string_view word) { return rest.substr(0, word.size()) == word; };
        std::size_t length = 0;
        if (starts("min")) { rank = 1; unit = 60; length = 3; }
        else if (starts("h")) { rank = 2; unit = 3600; length = 1; }
        else if (starts("m")) { rank = 1; unit = 60; length = 1; }
        else if (starts("s")) { rank = 0; unit = 1; length = 1; }
        else return std::nullopt;
        if (rank >= last_unit_rank) return std::nullopt;
        last_unit_rank = rank;
        in.advance(length);
        total = std::min(amount_cap, total + std::min(amount_cap, *amount * unit));
        if (in.done()) return total;
        amount = in.saturating_number(amount_cap);
    }
    return std::nullopt;
}

}  // namespace

Date night_of(const Instant& instant, int boundary_hour) {
    return (instant.local - pt::hours(boundary_hour)).date();
}

DateTime night_start(const Date& night, int boundary_hour) { return DateTime(night, pt::hours(boundary_hour)); }

Date parse_date(std::string_view text, std::string_view field) {
    Scanner in(text);
    const auto date = scan_date(in);
    if (!date || !in.done()) fail(field, text, "must be a date YYYY-MM-DD, e.g. 2026-11-21");
    return *date;
}

Instant parse_instant(std::string_view text, std::string_view field) { return scan_instant(text, field, true); }

Instant parse_instant_local(std::string_view text, std::string_view field) {
    return scan_instant(text, field, false);
}

int local_offset_minutes(const DateTime& utc) { return to_minutes(offset_seconds_at(to_time_t(utc))); }

Instant to_local(const DateTime& utc) {
    const int offset = local_offset_minutes(utc);
    return Instant{utc + pt::minutes(offset), offset};
}

Instant from_local(const DateTime& local, std::string_view field) {
    const std::int64_t wall = to_time_t(local);
    // Any offset in force near this wall-clock time is in force a day before or after
    // it (zones change offset at most once a day). A candidate is right when the zone
    // really has that offset at the moment it gives.
    std::vector<int> candidates;
    for (const std::int64_t probe : {wall - 86400, wall, wall + 86400}) {
        const int offset = offset_seconds_at(probe);
        bool seen = false;
        for (int c : candidates) seen = seen || c == offset;
        if (!seen) candidates.push_back(offset);
    }
    std::optional<int> best;
    for (int offset : candidates) {
        if (offset_seconds_at(wall - offset) != offset) continue;
        // Two solutions: the clocks went back. The larger offset is the earlier moment.
        if (!best || offset > *best) best = offset;
    }
    if (!best)
        fail(field, to_string(Instant{local, 0}).substr(0, 19),
             "does not exist in the local time zone (the clocks skip it when they go forward)");
    return Instant{local, to_minutes(*best)};
}

std::string day_label(const Date& date, const Date& today) {
    std::string text = date.day_of_week().as_short_string();
    text += ' ' + std::to_string(date.day().as_number()) + ' ' + date.month().as_short_string();
    if (date.year() != today.year()) text += ' ' + std::to_string(static_cast<int>(date.year()));
    return text;
}

Instant now() {
    if (const char* fixed = std::getenv("LEGDIARY_NOW"); fixed && *fixed) {
        const Instant given = parse_instant_local(fixed, "LEGDIARY_NOW");
        // Late on 9999-12-31, the moment in UTC or in the local zone can fall in the year
        // 10000, which no date holds (Boost.Date_Time throws bad_year when it is read):
        // a clock there is refused like any other date-time out of the years 1900..9999.
        const DateTime last_moment(Date(9999, 12, 31), pt::time_duration(23, 59, 59));
        const Instant local = to_local(given.utc());
        if (given.utc() > last_moment || local.local > last_moment)
            fail("LEGDIARY_NOW", fixed, "must be a date-time in the years 1900..9999");
        return local;
    }
    const auto utc = pt::second_clock::universal_time();
    return to_local(utc);
}

Instant parse_time_expression(std::string_view text, const Instant& now, std::string_view field) {
    constexpr const char* rule =
        "must be a time: now, HH:MM, yesterday HH:MM, YYYY-MM-DD HH:MM, an ISO 8601 date-time, "
        "-45m, 45m ago or 2h ago";
    std::string_view trimmed = text;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    if (trimmed.empty()) fail(field, text, rule);
    if (trimmed == "now") return now;

    // Relative: "-45m", "45m ago", "2h ago".
    std::optional<std::string_view> amount_text;
    if (trimmed.front() == '-') amount_text = trimmed.substr(1);
    else if (trimmed.size() > 4 && trimmed.substr(trimmed.size() - 4) == " ago") {
        amount_text = trimmed.substr(0, trimmed.size() - 4);
        while (!amount_text->empty() && amount_text->back() == ' ') amount_text->remove_suffix(1);
    }
    if (amount_text) {
        const auto seconds = scan_amount(*amount_text);
        if (!seconds || *seconds > 400LL * 24 * 3600) fail(field, text, rule);
        return to_local(now.utc() - pt::seconds(static_cast<long>(*seconds)));
    }

    // Clock times, today's or yesterday's.
    std::string_view clock_text = trimmed;
    bool yesterday = false;
    if (trimmed.substr(0, 10) == "yesterday ") {
        yesterday = true;
        clock_text = trimmed.substr(10);
        while (!clock_text.empty() && clock_text.front() == ' ') clock_text.remove_prefix(1);
    }
    if (clock_text.size() <= 8 && clock_text.find(':') != std::string_view::npos) {
        Scanner in(clock_text);
        // Accept H:MM as well as HH:MM.
        std::string padded = clock_text.size() >= 2 && clock_text[1] == ':' ? "0" + std::string(clock_text)
                                                                           : std::string(clock_text);
        Scanner padded_in(padded);
        const auto clock = scan_clock(padded_in);
        if (!clock || !padded_in.done()) fail(field, text, rule);
        Date day = now.local.date();
        if (yesterday) return from_local(DateTime(day - gr::days(1), *clock), field);
        const DateTime today_local(day, *clock);
        std::optional<Instant> today;
        try {
            today = from_local(today_local, field);
        } catch (const ParseError&) {
            // Skipped by the clocks going forward: an error once the gap has passed; while it
            // is still ahead (01:30 that night, typing 02:30) yesterday's time is meant.
            if (today_local <= now.local) throw;
        }
        if (today && today->utc() <= now.utc()) return *today;
        return from_local(DateTime(day - gr::days(1), *clock), field);
    }
    if (yesterday) fail(field, text, rule);
    try {
        return parse_instant_local(trimmed, field);
    } catch (const ParseError& error) {
        // A skipped local time or an offset out of range is a precise answer: keep it.
        if (error.rule().find("does not exist") != std::string::npos ||
            error.rule().rfind("UTC offset must be", 0) == 0)
            throw;
        fail(field, text, rule);
    }
}

std::int64_t parse_duration(std::string_view text, std::string_view field) {
    std::string_view trimmed = text;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    const auto seconds = scan_amount(trimmed);
    if (!seconds) fail(field, text, "must be a duration: 90, 90s, 2m, 1m30s or 1:30");
    return *seconds;
}

std::int64_t parse_duration(std::string_view text, std::string_view field, std::int64_t low_s, std::int64_t high_s) {
    const std::int64_t seconds = parse_duration(text, field);
    if (seconds < low_s || seconds > high_s)
        throw ValidationError(std::string(field), std::string(text), whole_range_rule(low_s, high_s, "seconds"));
    return seconds;
}

std::string format_duration(std::int64_t seconds) {
    const std::int64_t h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
    std::string text;
    auto add = [&](std::int64_t value, const char* unit) {
        if (!text.empty()) text += ' ';
        text += std::to_string(value) + ' ' + unit;
    };
    if (h) add(h, "h");
    if (m) add(m, "min");
    if (s || text.empty()) add(s, "s");
    return text;
}

}  // namespace legdiary
