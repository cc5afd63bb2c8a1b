// `legdiary import FILE…`: CSV files (cramps, nights, days or trials, recognised by their key
// column), each all or nothing.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <legdiary/csv.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct ImportOptions {
    std::vector<std::string> files;
};

std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + ' ' + (count == 1 ? one : many);
}

// Every file is tried, so one run shows every problem; a refused file leaves the diary as
// it was, and the files that were accepted stay imported.
int run_import(const Context& context, const ImportOptions& options) {
    // Opened at the first file that can be read, so that a run whose files are all missing
    // creates no diary.
    std::optional<Diary> diary;
    int first_failure = exit_ok;
    std::size_t imported = 0;
    for (const auto& file : options.files) {
        try {
            std::ifstream in = open_csv_file(file);
            if (!diary) diary.emplace(open_diary(context));
            const CsvImportResult result = import_csv(*diary, in);
            ++imported;
            std::string what;
            switch (result.kind) {
            case CsvKind::cramps:
                what = plural(result.stored.cramps_added, "cramp", "cramps") + " added";
                if (result.stored.cramps_already_present > 0)
                    what += ", " + std::to_string(result.stored.cramps_already_present) + " already in the diary";
                break;
            case CsvKind::nights:
                what = plural(result.stored.nights_put, "check-in", "check-ins") + " stored";
                break;
            case CsvKind::days:
                what = plural(result.stored.days_put, "day log", "day logs") + " stored";
                break;
            case CsvKind::trials:
                what = plural(result.stored.trials_added, "trial", "trials") + " added";
                if (result.stored.trials_already_present > 0)
                    what += ", " + std::to_string(result.stored.trials_already_present) + " already in the diary";
                break;
            }
            std::cout << file << ": " << to_string(result.kind) << ", " << plural(result.rows, "row", "rows") << ", "
                      << what << '\n';
        } catch (...) {
            const int code = report_current_exception(file + ": ");
            std::cerr << "legdiary: " << file << ": not imported, nothing from it was written\n";
            if (first_failure == exit_ok) first_failure = code;
        }
    }
    if (first_failure != exit_ok && imported > 0)
        std::cerr << "legdiary: " << imported << " of " << options.files.size() << " files imported\n";
    return first_failure;
}

}  // namespace

void add_import_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<ImportOptions>();
    auto* command = parent.add_subcommand(
        "import", "read CSV files of cramps, check-ins, day logs or trials into the diary, each file all or nothing");
    command->add_option("FILE", options->files, "CSV files; their kind is told by the key column (onset, night, day, trial)")
        ->required();
    command->footer(
        "A file with any bad row is refused whole, with one line per problem (line, column, value,\n"
        "rule); the other files are still imported. Importing a file again changes nothing.\n"
        "Columns: see docs/cli.md, or export a diary to see them (legdiary export --format csv -o DIR).\n"
        "Examples:\n"
        "  legdiary import cramps.csv\n"
        "  legdiary import export/cramps.csv export/nights.csv export/days.csv export/trials.csv");
    command->callback([options, &context] { context.run = [options, &context] { return run_import(context, *options); }; });
}

}  // namespace legdiary::cli
