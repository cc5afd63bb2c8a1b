// Shared by the libFuzzer targets: a fixed zone and clock, so that a crash found once
// reproduces anywhere, and the checks every parsed instant must pass.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include <legdiary/model.hpp>
#include <legdiary/time.hpp>

namespace legdiary::fuzz {

// A zone with DST (gaps and folds to hit) and the CLI tests' Saturday morning.
inline void fix_zone_and_clock() {
    setenv("TZ", "Europe/Berlin", 1);
    setenv("LEGDIARY_NOW", "2026-11-21T07:30:00", 1);
    tzset();
}

[[noreturn]] inline void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz invariant broken: %s: %s\n", what, detail.c_str());
    std::abort();
}

// What every instant a parser hands out must satisfy: printable (its local date inside
// Boost's calendar), an offset in range, whole seconds, and it reads back the same. (Its
// UTC moment may fall in the year 10000 late on 9999-12-31: stored and printed as local
// time, it is never read as a UTC date.)
inline void check_instant(const Instant& instant) {
    if (instant.local.is_special()) broken("special local time", "");
    const std::string text = to_string(instant);  // throws for dates Boost cannot hold
    if (instant.offset_minutes < limits::min_offset_minutes || instant.offset_minutes > limits::max_offset_minutes)
        broken("offset out of range", text);
    if (instant.local.time_of_day().fractional_seconds() != 0) broken("fractional seconds", text);
    const Instant again = parse_instant(text, "again");
    if (!(again == instant)) broken("to_string does not read back", text + " -> " + to_string(again));
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace legdiary::fuzz
