/// @file cli.hpp
/// What the `legdiary` commands share: the global options, opening the diary, the
/// command-line conversions, human output (dates, numbers, tables, sparklines) and the one
/// mapping from errors to exit codes. Each command lives in its own `cmd_*.cpp`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <legdiary/diary.hpp>
#include <legdiary/error.hpp>
#include <legdiary/model.hpp>

namespace CLI {
class App;
}

namespace legdiary::cli {

/// Exit codes (SPEC section 5; the values of BSD's sysexits.h).
inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 2;
inline constexpr int exit_invalid_data = 65;
inline constexpr int exit_missing_input = 66;
inline constexpr int exit_io = 74;
inline constexpr int exit_busy = 75;

/// A command line that parsed but asks for something the command cannot do (exit 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The global options and the action of the command that was chosen. The parser only
/// fills these in; `main` runs `run` afterwards, inside the one error mapping.
struct Context {
    std::string db;            ///< --db; empty: Diary::default_path()
    std::function<int()> run;  ///< the chosen command
};

/// Registers a command (or a command group) on `parent`. One per cmd_*.cpp.
void add_init_command(CLI::App& parent, Context& context);
void add_log_cramp_command(CLI::App& log, Context& context);
void add_log_night_command(CLI::App& log, Context& context);
void add_log_day_command(CLI::App& log, Context& context);
void add_list_command(CLI::App& parent, Context& context);
void add_delete_command(CLI::App& parent, Context& context);
void add_backup_command(CLI::App& parent, Context& context);
void add_check_command(CLI::App& parent, Context& context);
void add_trends_command(CLI::App& parent, Context& context);
void add_compare_command(CLI::App& parent, Context& context);
void add_import_command(CLI::App& parent, Context& context);
void add_export_command(CLI::App& parent, Context& context);
void add_report_command(CLI::App& parent, Context& context);

/// Maps the exception being handled to an exit code, printing one line per problem on
/// stderr, each after `prefix` (e.g. the file it is about). The only place where errors
/// become exit codes. Call inside a `catch`.
int report_current_exception(std::string_view prefix = "");

/// The diary file the command works on: --db, else $LEGDIARY_DB, else the default path.
std::filesystem::path diary_path(const Context& context);
/// Opens (creating when missing) the diary the command works on.
Diary open_diary(const Context& context);
/// Opens the diary only if its file exists; FileNotFoundError (exit 66) otherwise.
Diary open_existing_diary(const Context& context);

/// The night that ended most recently: the one named by yesterday's local date. At 07:30
/// on Sat 21 Nov that is Fri 20 Nov, and it stays Fri 20 Nov all Saturday.
Date last_night(const Instant& now);

/// The night range of --from/--to. Without --to the range ends at `default_to`; without
/// --from it is `default_nights` nights long.
NightRange night_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const Date& default_to, std::int64_t default_nights);

/// The range of `trends` and `report`: --from/--to, by default the --weeks weeks (8 when
/// not given) ending last night.
NightRange weeks_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const std::optional<std::string>& weeks, const Instant& now);

/// --from, --to, --weeks and --compare, as `trends` and `report` take them.
struct TrendRangeOptions {
    std::optional<std::string> from, to, weeks;
    std::vector<std::string> compare;

    /// The nights they name at `now` (weeks_range).
    [[nodiscard]] NightRange range(const Instant& now) const { return weeks_range(from, to, weeks, now); }
};
/// Declares those options on `command`.
void add_trend_range_options(CLI::App& command, TrendRangeOptions& options);

/// Strict number conversions for option values: the whole text must be the number.
/// A bad value is a ValidationError naming `field`.
std::int64_t parse_whole(std::string_view text, std::string_view field);
int parse_small_whole(std::string_view text, std::string_view field);
double parse_real(std::string_view text, std::string_view field);

/// Collects the problems of several conversions, so that one run reports every bad
/// option at once instead of one per try.
class ProblemList {
public:
    /// Runs `convert`; a ValidationError it throws is kept instead of propagated.
    template <typename Convert>
    void attempt(Convert&& convert) {
        try {
            convert();
        } catch (const ValidationError& error) {
            problems_.insert(problems_.end(), error.problems().begin(), error.problems().end());
        }
    }
    /// Throws one ValidationError with every problem kept, if any.
    void throw_if_any() const {
        if (!problems_.empty()) throw ValidationError(problems_);
    }

private:
    std::vector<Problem> problems_;
};

/// Where a cramp was, for people: "left calf", "both legs, foot".
std::string location_label(Leg leg, Muscle muscle);

/// Dates and times for people, in the local forms a diary reader expects.
/// "Fri 20 Nov"; the year is added when it is not `today`'s ("Fri 20 Nov 2025").
std::string day_label(const Date& date, const Date& today);
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

/// A p-value for people: "0.013", "< 0.001", or "-".
std::string p_value_label(const std::optional<double>& p);
/// Prints comparisons as a table, one sentence each in words, and their caveats.
void print_comparisons(std::ostream& out, const std::vector<Comparison>& comparisons, const Date& today);

/// Prints `legdiary: warning: TEXT` on stderr.
void warn(std::string_view text);

/// The text of several problems, one `legdiary: PREFIX` line each (for stderr).
void print_error_lines(std::string_view text, std::string_view prefix = "");


}  // namespace legdiary::cli
