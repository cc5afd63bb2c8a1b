#include "legdiary/error.hpp"

#include "legdiary/utf8.hpp"

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

// A refused value is shown as it was typed, except for bytes that are not UTF-8 text or
// are control characters, which are written `\xFF`: an error message must stay one line
// of valid text (Python turns it into a str; the CLI prints one line per problem).
std::string printable(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = utf8::decode(std::string_view(text).substr(i));
        const auto byte = static_cast<unsigned char>(text[i]);
        if (!decoded || byte < 0x20 || byte == 0x7F) {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
            ++i;
            continue;
        }
        out.append(text, i, decoded->length);
        i += decoded->length;
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
