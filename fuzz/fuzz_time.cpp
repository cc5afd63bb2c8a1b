// libFuzzer target: TIME as typed at the command line (parse_time_expression). Any input
// must either give a valid instant or throw ParseError; anything else is a bug.
#include <cstddef>
#include <cstdint>

#include <legdiary/error.hpp>
#include <legdiary/time.hpp>

#include "fuzz_common.hpp"

namespace {
legdiary::Instant fixed_now;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    legdiary::fuzz::fix_zone_and_clock();
    fixed_now = legdiary::now();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = legdiary::fuzz::as_text(data, size);
    try {
        const legdiary::Instant instant = legdiary::parse_time_expression(text, fixed_now, "at");
        legdiary::fuzz::check_instant(instant);
    } catch (const legdiary::ParseError& error) {
        if (error.field() != "at" || error.rule().empty()) legdiary::fuzz::broken("ParseError without field or rule", error.what());
    }
    return 0;
}
