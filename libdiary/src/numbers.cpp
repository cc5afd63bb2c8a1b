#include "legdiary/numbers.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "legdiary/error.hpp"
#include "legdiary/fields.hpp"

namespace legdiary {
namespace {

std::string with_unit(std::string rule, std::string_view unit) {
    if (!unit.empty()) rule += " " + std::string(unit);
    return rule;
}

// As the data model prints a real bound: up to 15 significant digits, no trailing zeros.
std::string real_text(double value) {
    std::ostringstream out;
    out.precision(15);
    out << value;
    return out.str();
}

bool only_digits(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::string whole_range_rule(std::int64_t low, std::int64_t high, std::string_view unit) {
    if (low == no_whole_low && high == no_whole_high) return with_unit("must be a whole number", unit);
    if (high == no_whole_high) return with_unit("must be at least " + std::to_string(low), unit);
    if (low == no_whole_low) return with_unit("must be at most " + std::to_string(high), unit);
    return with_unit("must be " + std::to_string(low) + ".." + std::to_string(high), unit);
}

std::string real_range_rule(double low, double high, std::string_view unit) {
    return with_unit("must be a number in " + real_text(low) + ".." + real_text(high), unit);
}

std::int64_t parse_whole(std::string_view text, std::string_view field, std::int64_t low, std::int64_t high,
                         std::string_view unit) {
    const bool negative = !text.empty() && text.front() == '-';
    if (!only_digits(negative ? text.substr(1) : text)) {
        std::string rule = "must be a whole number";
        if (low != no_whole_low || high != no_whole_high) {
            const std::string range = whole_range_rule(low, high, unit);
            rule += range.rfind("must be at", 0) == 0 ? " " + range.substr(8) : " in " + range.substr(8);
        }
        throw ParseError(std::string(field), std::string(text), rule);
    }
    std::int64_t value = 0;
    const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool fits = error == std::errc() && stop == text.data() + text.size();
    if (!fits || value < low || value > high) {
        // Too many digits for any integer: the bound on its side is the rule broken, or,
        // when that side is open, the most a whole number can hold there.
        const bool open_side = negative ? low == no_whole_low : high == no_whole_high;
        if (!fits && open_side)
            throw ValidationError(std::string(field), std::string(text),
                                  with_unit("must be " + std::to_string(low) + ".." + std::to_string(high), unit));
        throw ValidationError(std::string(field), std::string(text), whole_range_rule(low, high, unit));
    }
    return value;
}

int parse_small_whole(std::string_view text, std::string_view field, int low, int high, std::string_view unit) {
    return static_cast<int>(parse_whole(text, field, low, high, unit));
}

double parse_real(std::string_view text, std::string_view field, double low, double high, std::string_view unit) {
    const std::string rule = real_range_rule(low, high, unit);
    // from_chars also reads "inf", "nan" and "infinity", which no field allows.
    bool number = !text.empty();
    for (const char c : text)
        number = number && ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+');
    double value = 0;
    const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool read_whole = stop == text.data() + text.size();
    if (!number || !read_whole || (error != std::errc() && error != std::errc::result_out_of_range))
        throw ParseError(std::string(field), std::string(text), rule);
    // Out of a double's range (1e400), or of the field's.
    if (error == std::errc::result_out_of_range || !std::isfinite(value) || !(value >= low && value <= high))
        throw ValidationError(std::string(field), std::string(text), rule);
    return value;
}

int parse_small_whole(std::string_view text, const FieldInfo& field) {
    return parse_small_whole(text, field.name, static_cast<int>(field.low), static_cast<int>(field.high), field.unit);
}

double parse_real(std::string_view text, const FieldInfo& field) {
    return parse_real(text, field.name, field.low, field.high, field.unit);
}

std::string bounds_rule(const FieldInfo& field) {
    if (field.kind == FieldKind::real) return real_range_rule(field.low, field.high, field.unit);
    return whole_range_rule(static_cast<std::int64_t>(field.low), static_cast<std::int64_t>(field.high), field.unit);
}

}  // namespace legdiary
