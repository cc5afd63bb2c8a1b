// `legdiary delete cramp ID | night DATE | day DATE`: remove one entry.
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct DeleteOptions {
    std::string key;
};

int run_delete_cramp(const Context& context, const DeleteOptions& options) {
    const std::int64_t id = parse_whole(options.key, "id", 1);
    Diary diary = open_existing_diary(context);
    const auto episode = diary.cramp(id);  // read first: the line below says what was deleted
    diary.delete_cramp(id);                // NotFoundError when there is none
    std::cout << "deleted cramp #" << id << ": " << instant_label(episode->onset, legdiary::now().local.date())
              << ", " << format_duration(episode->duration_s) << ", " << location_label(episode->leg, episode->muscle)
              << '\n';
    return exit_ok;
}

int run_delete_night(const Context& context, const DeleteOptions& options) {
    const Date night = parse_date(options.key, "night");
    Diary diary = open_existing_diary(context);
    diary.delete_night(night);
    std::cout << "deleted the check-in of the night of " << day_label(night, legdiary::now().local.date())
              << " (its cramps, if any, are kept)\n";
    return exit_ok;
}

int run_delete_day(const Context& context, const DeleteOptions& options) {
    const Date day = parse_date(options.key, "day");
    Diary diary = open_existing_diary(context);
    diary.delete_day(day);
    std::cout << "deleted the day log of " << day_label(day, legdiary::now().local.date()) << '\n';
    return exit_ok;
}

template <typename Run>
void add_kind(CLI::App& parent, Context& context, const char* name, const char* help, const char* key_name,
              const char* key_help, const char* example, Run run) {
    auto options = std::make_shared<DeleteOptions>();
    auto* command = parent.add_subcommand(name, help);
    command->add_option(key_name, options->key, key_help)->required();
    command->footer(std::string("Example:\n  ") + example);
    command->callback([options, &context, run] { context.run = [options, &context, run] { return run(context, *options); }; });
}

}  // namespace

void add_delete_command(CLI::App& parent, Context& context) {
    auto* command = parent.add_subcommand("delete", "remove one entry: a cramp by its id, a check-in or a day log by date");
    command->require_subcommand(1);
    command->footer("Examples:\n  legdiary delete cramp 12\n  legdiary delete night 2026-11-20\n  legdiary delete day 2026-11-20\n"
                    "`legdiary list` shows the ids of the cramps.");
    add_kind(*command, context, "cramp", "delete a cramp episode by its id (see `legdiary list`)", "ID",
             "the cramp's id", "legdiary delete cramp 12", run_delete_cramp);
    add_kind(*command, context, "night", "delete the morning check-in of a night", "DATE",
             "the night, named by the date of its evening", "legdiary delete night 2026-11-20", run_delete_night);
    add_kind(*command, context, "day", "delete the day log of a date", "DATE", "the day",
             "legdiary delete day 2026-11-20", run_delete_day);
}

}  // namespace legdiary::cli
