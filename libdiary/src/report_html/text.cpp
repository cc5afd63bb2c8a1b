#include "text.hpp"

#include <array>
#include <cstdio>

namespace legdiary::detail::html {

// ---------------------------------------------------------------------------------------
// Text for people

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    // "-0.0" reads as a negative value that is not there.
    if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    return text;
}

std::string count(std::int64_t value) { return std::to_string(value); }

std::string plural(std::int64_t value, std::string_view one, std::string_view many) {
    return count(value) + " " + std::string(value == 1 ? one : many);
}

std::string percent(double fraction) { return fixed(100 * fraction, 0) + "%"; }

double as_double(std::int64_t value) { return static_cast<double>(value); }

constexpr std::array<const char*, 7> weekday_names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Fri 20 Nov 2026": unambiguous in every country, unlike 11/20 or 20/11.
std::string long_date(const Date& date) {
    return std::string(weekday_names[date.day_of_week().as_number()]) + " " + std::to_string(date.day().as_number()) +
           " " + month_names[date.month().as_number() - 1] + " " + std::to_string(static_cast<int>(date.year()));
}

std::string short_date(const Date& date) {
    return std::to_string(date.day().as_number()) + " " + month_names[date.month().as_number() - 1];
}

std::string hour_label(int hour) { return (hour < 10 ? "0" : "") + std::to_string(hour) + ":00"; }

std::string p_number(double p) {
    if (p < 0.001) return "< 0.001";
    return fixed(p, p < 0.1 ? 3 : 2);
}

std::string p_text(double p) { return p < 0.001 ? "p " + p_number(p) : "p = " + p_number(p); }

}  // namespace legdiary::detail::html
