// Private to the HTML report: text for people (escaping, rounding, dates, p-values).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "legdiary/model.hpp"

namespace legdiary::detail::html {

/// `text` with & < > " ' as HTML entities: every piece of text from the data goes through it.
std::string escape(std::string_view text);
/// `value` with `decimals` decimals, never "-0.0".
std::string fixed(double value, int decimals);
/// An integer in digits.
std::string count(std::int64_t value);
/// "1 night", "3 nights".
std::string plural(std::int64_t value, std::string_view one, std::string_view many);
/// A fraction as a whole percentage, "93%".
std::string percent(double fraction);
/// An integer count as a double, for arithmetic with pixels.
double as_double(std::int64_t value);
/// "Fri 20 Nov 2026".
std::string long_date(const Date& date);
/// "20 Nov".
std::string short_date(const Date& date);
/// "03:00".
std::string hour_label(int hour);
/// "p = 0.013", "p < 0.001".
std::string p_text(double p);
/// A p or q value alone, for a column headed by its name: "0.013", "0.48", "< 0.001".
std::string p_number(double p);

}  // namespace legdiary::detail::html
