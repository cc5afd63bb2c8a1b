// libFuzzer target: DUR (parse_duration). Any input must either give a whole number of
// seconds, at least 0, that format_duration can print, or throw ParseError.
#include <cstddef>
#include <cstdint>
#include <string>

#include <legdiary/error.hpp>
#include <legdiary/time.hpp>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = legdiary::fuzz::as_text(data, size);
    try {
        const std::int64_t seconds = legdiary::parse_duration(text, "duration");
        if (seconds < 0) legdiary::fuzz::broken("negative duration", std::string(text));
        if (legdiary::format_duration(seconds).empty()) legdiary::fuzz::broken("empty format", std::string(text));
        // What it printed as seconds reads back the same.
        if (legdiary::parse_duration(std::to_string(seconds) + "s") != seconds)
            legdiary::fuzz::broken("seconds do not read back", std::string(text));
    } catch (const legdiary::ParseError& error) {
        if (error.field() != "duration" || error.rule().empty())
            legdiary::fuzz::broken("ParseError without field or rule", error.what());
    }
    return 0;
}
