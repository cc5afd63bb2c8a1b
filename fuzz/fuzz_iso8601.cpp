// libFuzzer target: the ISO 8601 readers (parse_instant, parse_instant_local, parse_date)
// used by CSV import, LEGDIARY_NOW and every date option. Each input must either give a
// value that prints and reads back the same, or throw ParseError.
#include <cstddef>
#include <cstdint>
#include <string>

#include <legdiary/error.hpp>
#include <legdiary/time.hpp>

#include "fuzz_common.hpp"

namespace {

template <typename Parse, typename Check>
void one(Parse parse, Check check, const char* field) {
    try {
        check(parse());
    } catch (const legdiary::ParseError& error) {
        if (error.field() != field || error.rule().empty())
            legdiary::fuzz::broken("ParseError without field or rule", error.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    legdiary::fuzz::fix_zone_and_clock();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace legdiary;
    const auto text = fuzz::as_text(data, size);
    one([&] { return parse_instant(text, "onset"); }, fuzz::check_instant, "onset");
    one([&] { return parse_instant_local(text, "bedtime"); }, fuzz::check_instant, "bedtime");
    one([&] { return parse_date(text, "night"); },
        [](const Date& date) {
            const std::string printed = to_string(date);
            if (parse_date(printed) != date) fuzz::broken("date does not read back", printed);
        },
        "night");
    return 0;
}
