// The one UTF-8 reader (legdiary/utf8.hpp): what it decodes, what it refuses, and how it
// counts and cuts text for notes, error messages and the CLI's tables.
#include <string>
#include <string_view>
#include <vector>

#include "catch_compat.hpp"
#include "legdiary/utf8.hpp"

using namespace legdiary;

namespace {

// "é" (2 bytes), "€" (3 bytes), "😀" (4 bytes).
const std::string e_acute = "\xC3\xA9", euro = "\xE2\x82\xAC", grin = "\xF0\x9F\x98\x80";

}  // namespace

TEST_CASE("decode reads one code point of each width and says how many bytes it took", "[utf8]") {
    struct Case {
        std::string text;
        char32_t code_point;
        std::size_t length;
    };
    const std::vector<Case> cases = {
        {"a", U'a', 1},          {std::string("\x00", 1), U'\0', 1}, {"\x7F", 0x7F, 1},
        {"\xC2\x80", 0x80, 2},   {e_acute, 0xE9, 2},                  {"\xDF\xBF", 0x7FF, 2},
        {"\xE0\xA0\x80", 0x800, 3}, {euro, 0x20AC, 3},                {"\xED\x9F\xBF", 0xD7FF, 3},
        {"\xEE\x80\x80", 0xE000, 3}, {"\xEF\xBF\xBF", 0xFFFF, 3},     {"\xF0\x90\x80\x80", 0x10000, 4},
        {grin, 0x1F600, 4},      {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4},
    };
    for (const auto& c : cases) {
        const auto decoded = utf8::decode(c.text + "tail");
        REQUIRE(decoded);
        CHECK(decoded->code_point == c.code_point);
        CHECK(decoded->length == c.length);
    }
}

TEST_CASE("decode refuses what is not UTF-8", "[utf8]") {
    const std::vector<std::string> invalid = {
        "",                  // nothing to read
        "\x80",              // a continuation byte alone
        "\xBF",              //
        "\xC3\x28",          // a lead byte followed by no continuation
        "\xE2\x82",          // cut short
        "\xF0\x9F\x98",      //
        "\xC0\xAF",          // overlong: "/" in two bytes
        "\xC1\xBF",          // overlong
        "\xE0\x9F\xBF",      // overlong: U+07FF in three bytes
        "\xF0\x8F\xBF\xBF",  // overlong: U+FFFF in four bytes
        "\xED\xA0\x80",      // surrogate U+D800
        "\xED\xBF\xBF",      // surrogate U+DFFF
        "\xF4\x90\x80\x80",  // U+110000
        "\xF5\x80\x80\x80",  // past U+10FFFF by its lead byte
        "\xF8\x88\x80\x80\x80",  // five-byte forms are gone from UTF-8
        "\xFE",
        "\xFF",
    };
    for (const auto& text : invalid) {
        INFO("bytes: " << text.size());
        CHECK_FALSE(utf8::decode(text));
    }
}

TEST_CASE("first_invalid_byte finds where a text stops being UTF-8", "[utf8]") {
    CHECK_FALSE(utf8::first_invalid_byte(""));
    CHECK_FALSE(utf8::first_invalid_byte("caf" + e_acute + " " + euro + grin));
    CHECK(utf8::first_invalid_byte("caf\xE9") == 3u);  // Latin-1 é
    CHECK(utf8::first_invalid_byte(e_acute + "\xED\xA0\x80") == 2u);
    CHECK(utf8::first_invalid_byte("ab" + euro.substr(0, 2)) == 2u);
}

TEST_CASE("count_code_points counts characters, not bytes; a stray byte counts as one", "[utf8]") {
    CHECK(utf8::count_code_points("") == 0);
    CHECK(utf8::count_code_points("calf") == 4);
    CHECK(utf8::count_code_points(e_acute) == 1);
    CHECK(utf8::count_code_points(euro) == 1);
    CHECK(utf8::count_code_points(grin) == 1);
    CHECK(utf8::count_code_points("caf" + e_acute + " " + euro + " " + grin) == 8);
    CHECK(utf8::count_code_points("\xE2\x96\x81\xE2\x96\x88") == 2);  // two sparkline bars
    CHECK(utf8::count_code_points("caf\xE9") == 4);
    CHECK(utf8::count_code_points("\xC0\xAF!") == 3);  // overlong: two stray bytes
    CHECK(utf8::count_code_points(euro.substr(0, 2)) == 2);
}

TEST_CASE("cut_to_code_points keeps at most N characters, never half of one", "[utf8]") {
    const std::string text = "a" + e_acute + euro + grin + "z";  // 5 code points, 11 bytes
    CHECK(utf8::cut_to_code_points(text, 0).empty());
    CHECK(utf8::cut_to_code_points(text, 1) == "a");
    CHECK(utf8::cut_to_code_points(text, 2) == "a" + e_acute);
    CHECK(utf8::cut_to_code_points(text, 3) == "a" + e_acute + euro);
    CHECK(utf8::cut_to_code_points(text, 4) == "a" + e_acute + euro + grin);
    CHECK(utf8::cut_to_code_points(text, 5) == text);
    CHECK(utf8::cut_to_code_points(text, 99) == text);
    CHECK(utf8::cut_to_code_points("\xFF\xFEz", 2) == "\xFF\xFE");
}

TEST_CASE("cut_to_bytes keeps at most N bytes, ending at a character boundary", "[utf8]") {
    const std::string text = "a" + e_acute + euro + grin;  // boundaries after bytes 1, 3, 6, 10
    CHECK(utf8::cut_to_bytes(text, 0).empty());
    CHECK(utf8::cut_to_bytes(text, 1) == "a");
    CHECK(utf8::cut_to_bytes(text, 2) == "a");
    CHECK(utf8::cut_to_bytes(text, 3) == "a" + e_acute);
    CHECK(utf8::cut_to_bytes(text, 5) == "a" + e_acute);
    CHECK(utf8::cut_to_bytes(text, 6) == "a" + e_acute + euro);
    CHECK(utf8::cut_to_bytes(text, 9) == "a" + e_acute + euro);
    CHECK(utf8::cut_to_bytes(text, 10) == text);
    CHECK(utf8::cut_to_bytes(text, 60) == text);
    // Bytes that are not UTF-8 are single units: the cut may fall between them.
    CHECK(utf8::cut_to_bytes("ab\xFF\xFE", 3) == "ab\xFF");
    for (std::size_t n = 0; n <= text.size(); ++n) {
        const auto cut = utf8::cut_to_bytes(text, n);
        CHECK(cut.size() <= n);
        CHECK_FALSE(utf8::first_invalid_byte(cut));
    }
}
