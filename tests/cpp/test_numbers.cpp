// The one number reader (legdiary/numbers.hpp) and the duration reader's range: what they
// accept, and the one `FIELD = "VALUE": RULE` text for what they refuse, overflow included.
#include <string>

#include "catch_compat.hpp"
#include "legdiary/error.hpp"
#include "legdiary/numbers.hpp"
#include "legdiary/time.hpp"

using namespace legdiary;

namespace {

template <typename Call>
std::string refusal(Call&& call) {
    try {
        call();
    } catch (const ValidationError& error) {
        return error.problems().front().describe();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("parse_whole reads whole numbers in range", "[numbers]") {
    CHECK(parse_whole("7", "intensity", 0, 10) == 7);
    CHECK(parse_whole("0", "intensity", 0, 10) == 0);
    CHECK(parse_whole("010", "intensity", 0, 10) == 10);
    CHECK(parse_whole("-3", "offset", -5, 5) == -3);
    CHECK(parse_whole("9223372036854775807", "id") == 9223372036854775807);
    CHECK(parse_small_whole("23", "night_boundary_hour", 0, 23) == 23);
}

TEST_CASE("parse_whole refuses with the data model's range rule, however many digits", "[numbers]") {
    CHECK(refusal([] { parse_whole("11", "intensity", 0, 10); }) == "intensity = \"11\": must be 0..10");
    CHECK(refusal([] { parse_whole("12345678901234567890123", "intensity", 0, 10); }) ==
          "intensity = \"12345678901234567890123\": must be 0..10");
    CHECK(refusal([] { parse_whole("-12345678901234567890123", "intensity", 0, 10); }) ==
          "intensity = \"-12345678901234567890123\": must be 0..10");
    CHECK(refusal([] { parse_whole("1441", "exercise_min", 0, 1440, "minutes"); }) ==
          "exercise_min = \"1441\": must be 0..1440 minutes");
    CHECK(refusal([] { parse_whole("0", "weeks", 1); }) == "weeks = \"0\": must be at least 1");
    CHECK(refusal([] { parse_whole("99999999999999999999", "id", 1); }) ==
          "id = \"99999999999999999999\": must be 1..9223372036854775807");
    CHECK(refusal([] { parse_whole("99999999999999999999", "n"); }) ==
          "n = \"99999999999999999999\": must be -9223372036854775808..9223372036854775807");
}

TEST_CASE("parse_whole refuses text that is not a whole number", "[numbers]") {
    for (const char* text : {"", "7.5", "seven", " 7", "7 ", "+7", "-", "1e3", "0x7", "7abc", "1 OR 1=1"}) {
        INFO(text);
        CHECK_THROWS_AS(parse_whole(text, "intensity", 0, 10), ParseError);
        CHECK(refusal([&] { parse_whole(text, "intensity", 0, 10); }) ==
              "intensity = \"" + std::string(text) + "\": must be a whole number in 0..10");
    }
    CHECK(refusal([] { parse_whole("one", "id"); }) == "id = \"one\": must be a whole number");
    CHECK(refusal([] { parse_whole("one", "weeks", 1); }) == "weeks = \"one\": must be a whole number at least 1");
}

TEST_CASE("parse_real reads numbers and refuses others with the range rule", "[numbers]") {
    CHECK(parse_real("9.5", "compression_hours", 0, 24, "hours") == 9.5);
    CHECK(parse_real("24", "compression_hours", 0, 24, "hours") == 24);
    CHECK(parse_real("3.65e1", "calf_left_cm", 10, 80, "cm") == 36.5);
    for (const char* text : {"nine", "", "inf", "nan", "-inf", "infinity", "0x1p3", " 9", "9,5", "1e400", "24.01", "-0.5"}) {
        INFO(text);
        CHECK(refusal([&] { parse_real(text, "compression_hours", 0, 24, "hours"); }) ==
              "compression_hours = \"" + std::string(text) + "\": must be a number in 0..24 hours");
    }
    CHECK(real_range_rule(10, 80, "cm") == "must be a number in 10..80 cm");
    CHECK(real_range_rule(0, 15, "litres") == "must be a number in 0..15 litres");
}

TEST_CASE("parse_duration with bounds: the model's rule for long and overflowing durations", "[numbers][time]") {
    CHECK(parse_duration("1h", "duration_s", 1, 3600) == 3600);
    CHECK(parse_duration("1:30", "duration_s", 1, 3600) == 90);
    CHECK(refusal([] { parse_duration("0", "duration_s", 1, 3600); }) == "duration_s = \"0\": must be 1..3600 seconds");
    CHECK(refusal([] { parse_duration("61m", "duration_s", 1, 3600); }) ==
          "duration_s = \"61m\": must be 1..3600 seconds");
    for (const char* text : {"99999999999999999999s", "99999999999999999999", "99999999999999999999h1s",
                             "1h99999999999999999999m", "99999999999999999999:00"}) {
        INFO(text);
        CHECK(refusal([&] { parse_duration(text, "duration_s", 1, 3600); }) ==
              "duration_s = \"" + std::string(text) + "\": must be 1..3600 seconds");
    }
    CHECK(refusal([] { parse_duration("90x", "duration_s", 1, 3600); }).find("must be a duration") != std::string::npos);
    // Unbounded, a huge amount reads as the cap instead of overflowing.
    CHECK(parse_duration("99999999999999999999h") == 1'000'000'000'000'000);
}
