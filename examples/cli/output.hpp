/// @file output.hpp
/// Human output the `legdiary` commands share: dates, times and numbers for people,
/// sparklines, aligned tables, comparisons, warnings and error lines.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <legdiary/model.hpp>
#include <legdiary/time.hpp>

namespace legdiary {
struct Comparison;
}

namespace legdiary::cli {

/// Where a cramp was, for people: "left calf", "both legs, foot".
std::string location_label(Leg leg, Muscle muscle);

/// Dates and times for people, in the local forms a diary reader expects (and
/// legdiary::day_label, time.hpp: "Fri 20 Nov").
/// "02:41" (seconds when they are not zero: "02:41:30").
std::string clock_label(const Instant& instant);
/// "Sat 21 Nov 02:41".
std::string instant_label(const Instant& instant, const Date& today);

/// A number rounded for people: `decimals` places, trailing zeros dropped ("9.5", "12").
std::string number_label(double value, int decimals = 1);
/// As number_label; "-" for no value.
std::string number_label(const std::optional<double>& value, int decimals = 1);
/// A whole number or "-".
std::string whole_label(const std::optional<int>& value);
/// A proportion as a percentage, "63%", or "-".
std::string percent_label(const std::optional<double>& fraction);
/// "yes", "no" or "-".
std::string yes_no_label(const std::optional<bool>& value);

/// One character per value, ▁ (lowest) to █ (highest), a space for no value.
std::string sparkline(const std::vector<std::optional<double>>& values);

/// The width of text on a terminal, counting each UTF-8 code point as one column.
std::size_t display_width(std::string_view text);

/// An aligned text table. Columns that are empty in every row can be left out.
class Table {
public:
    enum class Align { left, right };
    /// Adds a column; call before any row.
    void column(std::string header, Align align = Align::left);
    /// Adds a row with one cell per column ("" or "-" is an empty cell).
    void row(std::vector<std::string> cells);
    [[nodiscard]] bool empty() const { return rows_.empty(); }
    /// Prints the header and the rows, each line indented by `indent` spaces.
    void print(std::ostream& out, std::size_t indent = 2, bool drop_empty_columns = true) const;

private:
    std::vector<std::string> headers_;
    std::vector<Align> aligns_;
    std::vector<std::vector<std::string>> rows_;
};

/// A ratio with two decimals ("0.70"), so a column of them lines up; "-" when missing.
std::string ratio_label(const std::optional<double>& ratio);
/// "0.52–0.85"; "∞" for a missing upper end, "-" when both are missing.
std::string interval_label(const std::optional<double>& low, const std::optional<double>& high);
/// A p-value for people: "0.013", "< 0.001", or "-".
std::string p_value_label(const std::optional<double>& p);
/// Prints comparisons as a table, one sentence each in words, and their caveats.
void print_comparisons(std::ostream& out, const std::vector<Comparison>& comparisons, const Date& today);

/// Prints `legdiary: warning: TEXT` on stderr.
void warn(std::string_view text);

/// The text of several problems, one `legdiary: PREFIX` line each (for stderr).
void print_error_lines(std::string_view text, std::string_view prefix = "");

}  // namespace legdiary::cli
