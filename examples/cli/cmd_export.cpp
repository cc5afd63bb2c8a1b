// `legdiary export --format csv|json|fhir [-o PATH]`: every entry of the diary.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/csv.hpp>
#include <legdiary/entries_json.hpp>
#include <legdiary/fhir.hpp>

#include <legdiary/files.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct ExportOptions {
    std::string format;
    std::optional<std::string> output;
};

int run_export(const Context& context, const ExportOptions& options) {
    if (options.format == "csv" && !options.output)
        throw UsageError("export --format csv writes four files: give the folder for them with -o FOLDER");
    const Diary diary = open_existing_diary(context);
    if (options.format == "csv") {
        export_csv(diary, *options.output);
        std::cerr << "legdiary: exported to " << *options.output << "/cramps.csv, nights.csv, days.csv and trials.csv\n";
        return exit_ok;
    }
    const std::string json =
        (options.format == "fhir" ? fhir_bundle(diary).dump(2) : entries_json(diary.entries(), diary.trials()).dump(2)) + '\n';
    if (options.output) {
        write_private_file(*options.output, json);
        std::cerr << "legdiary: exported to " << *options.output << '\n';
    } else {
        std::cout << json;
    }
    return exit_ok;
}

}  // namespace

void add_export_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<ExportOptions>();
    auto* command = parent.add_subcommand("export", "write every entry of the diary as CSV files, one JSON document or a FHIR R4 Bundle");
    command->add_option("-f,--format", options->format, "csv (four files in a folder), json, or fhir (a FHIR R4 Bundle for a health record)")
        ->required()
        ->check(CLI::IsMember({"csv", "json", "fhir"}));
    command->add_option("-o,--output", options->output,
                        "csv: the folder for cramps.csv, nights.csv, days.csv and trials.csv (created if missing); "
                        "json and fhir: the file (default: standard output)")
        ->type_name("PATH");
    command->footer("The files are readable by you only: they hold health data.\n"
                    "CSV files import back unchanged: export -> import into a new diary -> export gives the same files.\n"
                    "JSON holds the trials' plans too; FHIR leaves trials out (docs/fhir.md).\n"
                    "Examples:\n"
                    "  legdiary export --format csv -o ~/legdiary-export\n"
                    "  legdiary export --format json > entries.json\n"
                    "  legdiary export --format fhir -o legdiary-fhir.json");
    command->callback([options, &context] { context.run = [options, &context] { return run_export(context, *options); }; });
}

}  // namespace legdiary::cli
