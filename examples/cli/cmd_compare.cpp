// `legdiary compare EXPOSURE`: one N-of-1 comparison of cramp rates.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/analysis.hpp>
#include <legdiary/report_json.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct CompareOptions {
    std::string exposure;
    std::optional<std::string> from, to;
    bool json = false;
};

int run_compare(const Context& context, const CompareOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    // Everything typed is read before the diary is opened (and created, if new).
    (void)parse_exposure(options.exposure);
    const Date to = options.to ? parse_date(*options.to, "to") : last_night(now);
    if (options.from) (void)parse_date(*options.from, "from");
    Diary diary = open_diary(context);
    // Before/after comparisons need the nights before: by default, the whole diary.
    const auto extent = diary.extent();
    std::optional<std::string> from = options.from;
    if (!from && extent && extent->from <= to) from = to_string(extent->from);
    const NightRange range = typed_night_range(from, to_string(to), to, 56);
    const Comparison comparison = diary.compare(range, options.exposure);

    if (options.json) {
        nlohmann::json json;
        json["range"] = range;
        json["comparisons"][comparison.exposure] = comparison;
        std::cout << json.dump(2) << '\n';
        return exit_ok;
    }
    std::cout << "Comparison, nights " << day_label(range.from, today) << " \u2013 " << day_label(range.to, today) << "\n\n";
    print_comparisons(std::cout, {comparison}, today);
    return exit_ok;
}

}  // namespace

void add_compare_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<CompareOptions>();
    auto* command = parent.add_subcommand("compare", "compare cramp rates on nights with and without an exposure");
    command->add_option("EXPOSURE", options->exposure,
                        "compression (socks worn the day before), tag:NAME (a tag on the day before) or "
                        "after:YYYY-MM-DD (nights from that date on, against the nights before)")
        ->required();
    command->add_option("--from", options->from, "first night (default: the diary's first)")->type_name("DATE");
    command->add_option("--to", options->to, "last night (default: last night)")->type_name("DATE");
    command->add_flag("--json", options->json,
                      "print {\"range\": ..., \"comparisons\": {EXPOSURE: ...}} as in the trends JSON (SPEC section 4)");
    command->footer("Shows the rate ratio with two 95% intervals: the exact one (nights taken as independent)\n"
                    "and a robust one that allows for runs of bad and good nights. \"Unlikely to be chance\n"
                    "alone\" only when neither includes a ratio of 1.\n\n"
                    "Examples:\n"
                    "  legdiary compare compression\n"
                    "  legdiary compare tag:magnesium --from 2026-09-01\n"
                    "  legdiary compare after:2026-10-15          before/after starting a treatment");
    command->callback([options, &context] { context.run = [options, &context] { return run_compare(context, *options); }; });
}

}  // namespace legdiary::cli
