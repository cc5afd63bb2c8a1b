// `legdiary`: the command-line logger. Parses the command line, runs the chosen command,
// and turns every error into one exit code (SPEC section 5).
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>

#include "cli.hpp"

#ifndef LEGDIARY_VERSION
#define LEGDIARY_VERSION "unknown"
#endif

namespace legdiary::cli {

int report_current_exception(std::string_view prefix) {
    try {
        throw;
    } catch (const ValidationError& error) {  // ParseError too
        for (const auto& problem : error.problems()) std::cerr << "legdiary: " << prefix << problem.describe() << '\n';
        return exit_invalid_data;
    } catch (const NotFoundError& error) {
        print_error_lines(error.what(), prefix);
        return exit_invalid_data;
    } catch (const FileNotFoundError& error) {
        print_error_lines(error.what(), prefix);
        return exit_missing_input;
    } catch (const BusyError& error) {
        print_error_lines(error.what(), prefix);
        return exit_busy;
    } catch (const StorageError& error) {
        print_error_lines(error.what(), prefix);
        return exit_io;
    } catch (const UsageError& error) {
        print_error_lines(error.what(), prefix);
        return exit_usage;
    } catch (const std::exception& error) {
        print_error_lines(error.what(), prefix);
        return exit_io;
    } catch (...) {
        std::cerr << "legdiary: " << prefix << "unexpected error\n";
        return exit_io;
    }
}

namespace {

// The deepest command the parser reached ("legdiary log cramp"), for the --help hint.
const CLI::App& chosen_command(const CLI::App& app, std::string& path) {
    path = app.get_name();
    const CLI::App* current = &app;
    for (auto chosen = current->get_subcommands(); !chosen.empty(); chosen = current->get_subcommands()) {
        current = chosen.front();
        path += ' ' + current->get_name();
    }
    return *current;
}

int report_usage_error(CLI::App& app, const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    std::string path;
    const CLI::App& command = chosen_command(app, path);
    std::string message = error.what();
    // "A subcommand is required" hides the likelier slip: a misspelt command.
    const auto unread = app.remaining(true);
    if (dynamic_cast<const CLI::RequiredError*>(&error) && !unread.empty() && command.get_require_subcommand_min() > 0)
        message = "`" + unread.front() + "` is not a command of `" + path + "`";
    std::cerr << "legdiary: " << message << '\n'
              << "legdiary: run `" << path << " --help` for the options and examples\n";
    return exit_usage;
}

}  // namespace
}  // namespace legdiary::cli

int main(int argc, char** argv) {
    using namespace legdiary::cli;
    Context context;

    CLI::App app{"legdiary: a nightly leg-cramp diary. Log cramps at night, check in in the morning,\n"
                 "note socks and swelling in the evening, and look at the trends before seeing your doctor.",
                 "legdiary"};
    app.require_subcommand(1);
    app.fallthrough();  // `legdiary log cramp --db FILE …` as well as `legdiary --db FILE log cramp …`
    app.set_version_flag("--version", std::string("legdiary ") + LEGDIARY_VERSION);
    app.add_option("--db", context.db,
                   "the diary file (default: $LEGDIARY_DB, else $XDG_DATA_HOME/legdiary/diary.db, "
                   "else ~/.local/share/legdiary/diary.db)");
    app.footer(
        "Examples:\n"
        "  legdiary log cramp --leg left --duration 90s        a cramp just now\n"
        "  legdiary log cramp --at 02:41 --leg right --duration 1:30 --intensity 7 --woke\n"
        "  legdiary log night --sleep-quality 6                morning check-in for last night\n"
        "  legdiary log day --socks 9 --class 20-30 --swelling 1 --tag magnesium\n"
        "  legdiary list\n"
        "  legdiary trends --weeks 12\n"
        "  legdiary trial today                                what to do today in a trial\n"
        "\n"
        "Times (TIME): now, 02:41, yesterday 23:10, 2026-11-21 23:10, 2026-11-21T23:10:00+01:00,\n"
        "  -45m, 45m ago, 2h ago.  Durations (DUR): 90, 90s, 2m, 1m30s, 1:30.\n"
        "Exit codes: 0 ok, 2 usage, 65 invalid data, 66 input file missing, 74 I/O or database\n"
        "  error, 75 diary busy.  Run `legdiary COMMAND --help` for each command.");

    add_init_command(app, context);
    auto* log = app.add_subcommand("log", "record a cramp, a morning check-in or a day log");
    log->require_subcommand(1);
    log->footer("Examples:\n"
                "  legdiary log cramp --at 02:41 --leg left --duration 90s\n"
                "  legdiary log night --sleep-quality 6\n"
                "  legdiary log day --socks 9 --swelling 1\n"
                "Run `legdiary log cramp --help`, `legdiary log night --help` or `legdiary log day --help`.");
    add_log_cramp_command(*log, context);
    add_log_night_command(*log, context);
    add_log_day_command(*log, context);
    add_list_command(app, context);
    add_delete_command(app, context);
    add_backup_command(app, context);
    add_check_command(app, context);
    add_trends_command(app, context);
    add_report_command(app, context);
    add_compare_command(app, context);
    add_factors_command(app, context);
    add_trial_command(app, context);
    add_import_command(app, context);
    add_export_command(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return report_usage_error(app, error);
    }

    int code = exit_ok;
    try {
        code = context.run ? context.run() : exit_usage;
    } catch (...) {
        return report_current_exception();
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "legdiary: cannot write the output\n";
        return exit_io;
    }
    return code;
}
