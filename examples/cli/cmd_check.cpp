// `legdiary check`: SQLite's integrity and foreign-key checks of the diary file.
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

int run_check(const Context& context) {
    const Diary diary = open_existing_diary(context);
    const auto problems = diary.check();
    if (problems.empty()) {
        std::cout << "ok\n";
        return exit_ok;
    }
    for (const auto& problem : problems) print_error_lines(diary.path().string() + ": " + problem);
    std::cerr << "legdiary: the diary file is damaged; restore a backup, or keep this file and ask for help\n";
    return exit_io;
}

}  // namespace

void add_check_command(CLI::App& parent, Context& context) {
    auto* command = parent.add_subcommand("check", "check that the diary file is intact (prints \"ok\")");
    command->footer("Examples:\n  legdiary check\n  legdiary --db /media/usb/cramps.db check\n"
                    "Exit code 0 when the file is healthy, 74 when it is damaged.");
    command->callback([&context] { context.run = [&context] { return run_check(context); }; });
}

}  // namespace legdiary::cli
