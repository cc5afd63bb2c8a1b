#include "legdiary/error.hpp"

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

std::vector<Problem> checked(std::vector<Problem> problems) {
    if (problems.empty()) problems.push_back({"", "", "invalid input", std::nullopt, std::nullopt});
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
