// `legdiary report [--from D] [--to D] [--weeks N] [--compare EXPOSURE]… -o FILE.html`: the
// clinician report, one self-contained HTML file that prints on A4.
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <legdiary/analysis.hpp>
#include <legdiary/report_html.hpp>
#include <legdiary/time.hpp>

#include <legdiary/files.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct ReportOptions {
    TrendRangeOptions nights;
    std::string output;
};

int run_report(const Context& context, const ReportOptions& options) {
    const NightRange range = options.nights.range(legdiary::now());
    TrendOptions trend_options;
    trend_options.compare = options.nights.compare;
    const Diary diary = open_existing_diary(context);
    std::ostringstream html;
    write_html_report(html, diary, range, trend_options);
    write_private_file(options.output, html.str());
    std::cerr << "legdiary: report for the nights " << to_string(range.from) << " to " << to_string(range.to)
              << " written to " << options.output << '\n';
    return exit_ok;
}

}  // namespace

void add_report_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<ReportOptions>();
    auto* command =
        parent.add_subcommand("report", "write the clinician report: one HTML file with the numbers and charts");
    add_trend_range_options(*command, options->nights);
    command->add_option("-o,--output", options->output, "the HTML file to write (readable by you only)")
        ->required()
        ->type_name("FILE.html");
    command->footer("The file needs nothing from the internet: open it in any browser, print it on A4, or\n"
                    "send it to your doctor. It shows the outcome numbers, the charts, the comparisons with\n"
                    "their caveats, which habits go with more or fewer cramps (the factor screen of the\n"
                    "range, as `legdiary factors` prints it), and anything worth raising with a clinician.\n"
                    "Examples:\n"
                    "  legdiary report -o cramps-report.html\n"
                    "  legdiary report --weeks 12 --compare after:2026-10-01 -o before-after.html");
    command->callback([options, &context] { context.run = [options, &context] { return run_report(context, *options); }; });
}

}  // namespace legdiary::cli
