// `legdiary init [--night-boundary H]`: create a diary explicitly.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct InitOptions {
    std::optional<std::string> night_boundary;
};

int run_init(const Context& context, const InitOptions& options) {
    namespace fs = std::filesystem;
    const fs::path path = diary_path(context);
    OpenOptions open;
    if (options.night_boundary)
        open.night_boundary_hour = parse_small_whole(*options.night_boundary, "night_boundary_hour", 0, 23);
    std::error_code ignored;
    const bool existed = fs::exists(path, ignored);
    if (existed) open.create = false;
    Diary diary(path, open);  // refuses a --night-boundary other than an existing diary's
    const int boundary = diary.night_boundary_hour();
    std::cout << (existed ? "diary already exists: " : "created diary ") << path.string() << " (nights run "
              << boundary << ":00 to " << boundary << ":00 the next day)\n";
    return exit_ok;
}

}  // namespace

void add_init_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<InitOptions>();
    auto* command = parent.add_subcommand(
        "init", "create a diary (any command creates one with the defaults when there is none)");
    command->add_option("--night-boundary", options->night_boundary,
                        "hour (0-23) at which one night ends and the next begins, default 12: an entry at "
                        "02:30 or at 22:00 on the 21st both belong to the night of the 21st. Fixed once "
                        "the diary exists")
        ->type_name("H");
    command->footer("Examples:\n"
                    "  legdiary init\n"
                    "  legdiary init --night-boundary 14     for someone who sleeps until early afternoon\n"
                    "  legdiary --db ~/cramps.db init");
    command->callback([options, &context] { context.run = [options, &context] { return run_init(context, *options); }; });
}

}  // namespace legdiary::cli
