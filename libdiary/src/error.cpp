#include "legdiary/error.hpp"

#include <cstdint>
#include <string_view>
#include <utility>

namespace legdiary {
namespace {

// what() names the first problems only: a refused file of a million rows must not make a
// message of a million lines. Every problem stays available through problems().
constexpr std::size_t problems_in_message = 20;

std::string join_problems(const std::vector<Problem>& problems) {
    std::string text;
    for (std::size_t i = 0; i < problems.size() && i < problems_in_message; ++i) {
        if (!text.empty()) text += '\n';
        text += problems[i].describe();
    }
    if (problems.size() > problems_in_message)
        text += "\n... and " + std::to_string(problems.size() - problems_in_message) + " more problems";
    return text;
}

// Length of the valid UTF-8 sequence at the start of `text`, 0 if there is none.
std::size_t utf8_length(std::string_view text) {
    const auto byte = static_cast<unsigned char>(text[0]);
    std::size_t length = byte < 0x80 ? 1 : (byte & 0xE0) == 0xC0 ? 2 : (byte & 0xF0) == 0xE0 ? 3 : (byte & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || length > text.size()) return 0;
    std::uint32_t code_point = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[k]);
        if ((next & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < min_for_length[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
        return 0;
    return length;
}

// A refused value is shown as it was typed, except for bytes that are not UTF-8 text or
// are control characters, which are written `\xFF`: an error message must stay one line
// of valid text (Python turns it into a str; the CLI prints one line per problem).
std::string printable(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_length(std::string_view(text).substr(i));
        const auto byte = static_cast<unsigned char>(text[i]);
        if (length == 0 || byte < 0x20 || byte == 0x7F) {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
            ++i;
            continue;
        }
        out.append(text, i, length);
        i += length;
    }
    return out;
}

std::vector<Problem> checked(std::vector<Problem> problems) {
    if (problems.empty()) problems.push_back({"", "", "invalid input", std::nullopt, std::nullopt});
    for (auto& problem : problems) {
        problem.field = printable(problem.field);
        problem.value = printable(problem.value);
    }
    return problems;
}

}  // namespace

std::string Problem::describe() const {
    std::string text;
    if (line) text += "line " + std::to_string(*line) + ": ";
    else if (index) text += "entry " + std::to_string(*index + 1) + ": ";
    text += field.empty() ? std::string("input") : field;
    text += " = \"" + value + "\": " + rule;
    return text;
}

ValidationError::ValidationError(std::string field, std::string value, std::string rule)
    : ValidationError(std::vector<Problem>{
          Problem{std::move(field), std::move(value), std::move(rule), std::nullopt, std::nullopt}}) {}

ValidationError::ValidationError(std::vector<Problem> problems)
    : Error(join_problems(checked(problems))), problems_(checked(std::move(problems))) {}

}  // namespace legdiary
