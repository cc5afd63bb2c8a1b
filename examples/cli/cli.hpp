/// @file cli.hpp
/// What the `legdiary` commands share: the exit codes and the one mapping from errors to
/// them, the commands' registration, and (through options.hpp and output.hpp) the options
/// they share and their human output. Each command lives in its own `cmd_*.cpp`.
#pragma once

#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include <legdiary/diary.hpp>
#include <legdiary/error.hpp>
#include <legdiary/model.hpp>

#include "options.hpp"
#include "output.hpp"

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
void add_factors_command(CLI::App& parent, Context& context);
void add_import_command(CLI::App& parent, Context& context);
void add_export_command(CLI::App& parent, Context& context);
void add_report_command(CLI::App& parent, Context& context);
void add_trial_command(CLI::App& parent, Context& context);

/// Maps the exception being handled to an exit code, printing one line per problem on
/// stderr, each after `prefix` (e.g. the file it is about). The only place where errors
/// become exit codes. Call inside a `catch`.
int report_current_exception(std::string_view prefix = "");

}  // namespace legdiary::cli
