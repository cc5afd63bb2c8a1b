// `legdiary factors`: the factor screen (SPEC 6) — which habits go with more or fewer
// cramps, each factor at lags 0 and 1, ranked, with what stands out in words and the
// caveats always shown.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/factors.hpp>
#include <legdiary/report_json.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

/// The default range: the last 12 weeks (SPEC 6).
constexpr std::int64_t default_nights = 12 * 7;

struct FactorsOptions {
    std::optional<std::string> from, to;
    bool json = false;
};

void print_screen(std::ostream& out, const FactorScreen& screen, const Date& today) {
    out << "Factor screen, nights " << day_label(screen.range.from, today) << " \u2013 "
        << day_label(screen.range.to, today) << " (exploratory: associations, not causes)\n\n";
    const auto skipped = static_cast<std::int64_t>(screen.skipped.size());
    out << "  " << screen.tested << (screen.tested == 1 ? " model" : " models") << " fitted, " << skipped
        << " not fitted (each factor on the day before the night, lag 0, and the day before that, lag 1)\n\n";
    if (!screen.rows.empty()) {
        Table table;
        table.column("factor");
        table.column("lag", Table::Align::right);
        table.column("per", Table::Align::right);
        table.column("nights", Table::Align::right);
        table.column("rate ratio", Table::Align::right);
        table.column("95%", Table::Align::right);
        table.column("p", Table::Align::right);
        table.column("q", Table::Align::right);
        for (const auto& row : screen.rows)
            table.row({row.factor, std::to_string(row.lag), row.unit, std::to_string(row.nights),
                       ratio_label(row.rate_ratio), interval_label(row.rate_ratio_low, row.rate_ratio_high),
                       p_value_label(row.p_value), p_value_label(row.q_value)});
        table.print(out);
        out << "\n  A rate ratio is per unit of the factor, adjusted for the trend over the weeks: 1.12 per 1 h\n"
               "  means 12% more cramps for each hour more. q allows for the number of models tried.\n\n";
    }
    const auto findings = factor_findings(screen);
    if (!findings.empty()) out << "What stands out (q < 0.10):\n";
    for (const auto& row : findings) {
        out << "  " << factor_finding(row) << '\n';
        if (const std::string command = factor_trial_command(row); !command.empty())
            out << "    " << factor_trial_lead << command << '\n';
    }
    if (!screen.rows.empty() && findings.empty()) out << factor_nothing_stands_out() << '\n';
    if (!screen.rows.empty()) out << '\n';
    if (!screen.skipped.empty()) {
        out << "Not fitted:\n";
        Table table;
        table.column("factor");
        table.column("lag", Table::Align::right);
        table.column("why");
        for (const auto& skip : screen.skipped) table.row({skip.factor, std::to_string(skip.lag), skip.reason});
        table.print(out);
        out << '\n';
    }
    out << "Read these with care:\n";
    for (const auto& caveat : screen.caveats) out << "  - " << caveat << '\n';
}

int run_factors(const Context& context, const FactorsOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    // Everything typed is read before the diary is opened (and created, if new).
    const NightRange range = typed_night_range(options.from, options.to, last_night(now), default_nights);
    Diary diary = open_diary(context);
    const FactorScreen screen = diary.factors(range);
    if (options.json) {
        std::cout << nlohmann::json(screen).dump(2) << '\n';
        return exit_ok;
    }
    print_screen(std::cout, screen, today);
    return exit_ok;
}

}  // namespace

void add_factors_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<FactorsOptions>();
    auto* command =
        parent.add_subcommand("factors", "screen which habits go with more or fewer cramps (exploratory)");
    command->add_option("--from", options->from, "first night (default: 12 weeks before --to)")->type_name("DATE");
    command->add_option("--to", options->to, "last night (default: last night)")->type_name("DATE");
    command->add_flag("--json", options->json,
                      "print {range, tested, rows, skipped, caveats} with numbers unrounded (SPEC section 6)");
    command->footer(
        "Fits one negative binomial model per factor and lag: compression_hours, standing_hours, water_l,\n"
        "exercise_min, elevation_min and every tag of the range, on the day before the night (lag 0) and\n"
        "the day before that (lag 1), adjusted for the trend over the weeks. q values (Benjamini-Hochberg)\n"
        "allow for the number of models tried. A model needs 28 nights with the factor known and, for a\n"
        "number, 5 distinct values, for a tag 5 nights with it and 5 without; the others are listed with\n"
        "the reason. Associations, not causes: test a finding with `legdiary trial plan`.\n\n"
        "Examples:\n"
        "  legdiary factors\n"
        "  legdiary factors --from 2026-01-01 --json");
    command->callback([options, &context] { context.run = [options, &context] { return run_factors(context, *options); }; });
}

}  // namespace legdiary::cli
