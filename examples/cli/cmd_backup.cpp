// `legdiary backup PATH`: a consistent copy of the diary (SQLite online backup).
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct BackupOptions {
    std::string destination;
};

int run_backup(const Context& context, const BackupOptions& options) {
    const Diary diary = open_existing_diary(context);
    diary.backup(options.destination);
    std::cout << "backed up " << diary.path().string() << " to " << options.destination << '\n';
    return exit_ok;
}

}  // namespace

void add_backup_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<BackupOptions>();
    auto* command = parent.add_subcommand(
        "backup", "copy the whole diary to a new file, safely even while it is in use (never overwrites a file)");
    command->add_option("PATH", options->destination, "the new file")->required();
    command->footer("Examples:\n  legdiary backup ~/backups/diary-2026-11-21.db\n"
                    "  legdiary --db ~/cramps.db backup /media/usb/cramps.db\n"
                    "The copy is a complete diary: use it with --db, or copy it back in place.");
    command->callback([options, &context] { context.run = [options, &context] { return run_backup(context, *options); }; });
}

}  // namespace legdiary::cli
