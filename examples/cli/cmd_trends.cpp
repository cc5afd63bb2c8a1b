// `legdiary trends`: how the cramps went over a range of nights, and what changed with what.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <legdiary/analysis.hpp>
#include <legdiary/report_json.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct TrendsOptions {
    TrendRangeOptions nights;
    bool json = false;
};

std::string count_label(std::int64_t count, const char* one, const char* many) {
    return std::to_string(count) + ' ' + (count == 1 ? one : many);
}

void print_summary(std::ostream& out, const Summary& s) {
    std::vector<std::pair<std::string, std::string>> lines = {
        {"recorded nights", std::to_string(s.recorded_nights) + " of " + std::to_string(s.nights) + " (" +
                                percent_label(s.adherence) + ")"},
        {"cramps", std::to_string(s.cramps) + (s.cramps_per_week ? ", " + number_label(s.cramps_per_week) + " a week" : "")},
        {"cramp-free nights", std::to_string(s.cramp_free_nights) +
                                  (s.cramp_free_fraction ? " (" + percent_label(s.cramp_free_fraction) + ")" : "")},
        {"mean intensity", s.mean_intensity ? number_label(s.mean_intensity) + " of 10" : "-"},
        {"median duration", s.median_duration_s ? format_duration(std::llround(*s.median_duration_s)) : "-"},
        {"cramp minutes a night", number_label(s.cramp_minutes_per_night)},
        {"woke you", percent_label(s.woke_fraction)},
        {"cramp-free streak", "longest " + count_label(s.longest_cramp_free_streak, "night", "nights") + ", now " +
                                  count_label(s.current_cramp_free_streak, "night", "nights")},
    };
    std::size_t width = 0;
    for (const auto& line : lines) width = std::max(width, line.first.size());
    for (const auto& [name, value] : lines) out << "  " << name << std::string(width - name.size() + 2, ' ') << value << '\n';
}

void print_weekly(std::ostream& out, const std::vector<WeeklyRow>& weekly, const Date& today) {
    Table table;
    table.column("week");
    table.column("from");
    table.column("nights", Table::Align::right);
    table.column("cramps", Table::Align::right);
    table.column("per week", Table::Align::right);
    table.column("intensity", Table::Align::right);
    table.column("swelling", Table::Align::right);
    table.column("socks days", Table::Align::right);
    table.column("socks h", Table::Align::right);
    std::vector<std::optional<double>> rates;
    for (const auto& row : weekly) {
        table.row({row.week, day_label(row.start, today), std::to_string(row.recorded_nights),
                   std::to_string(row.cramps), number_label(row.cramps_per_week), number_label(row.mean_intensity),
                   number_label(row.mean_swelling_grade), std::to_string(row.compression_days),
                   number_label(row.mean_compression_hours)});
        rates.push_back(row.cramps_per_week);
    }
    table.print(out);
    std::optional<double> first, last;
    for (const auto& rate : rates)
        if (rate) {
            if (!first) first = rate;
            last = rate;
        }
    out << "\n  cramps a week  " << sparkline(rates);
    if (first) out << "  (" << number_label(first) << " \u2192 " << number_label(last) << ")";
    out << '\n';
}

std::string trend_words(const TrendTest& trend, int min_nights) {
    if (trend.direction == TrendDirection::insufficient_data)
        return "not enough data yet: a trend needs at least " + std::to_string(min_trend_weeks) + " weeks with " +
               std::to_string(min_nights) +
               " or more recorded nights each (this range has " + std::to_string(trend.weeks_used) + ").";
    const double slope = trend.slope.value_or(0.0);
    const std::string p_label = p_value_label(trend.p_value);
    const std::string p_text = p_label.front() == '<' ? p_label : "= " + p_label;
    std::string numbers = "slope " + std::string(slope > 0 ? "+" : "") + number_label(slope, 2) +
                          " cramps a week per week, 95% interval " + number_label(trend.slope_low, 2) + " to " +
                          number_label(trend.slope_high, 2) + ", p " + p_text + ", " +
                          std::to_string(trend.weeks_used) + " weeks";
    switch (trend.direction) {
    case TrendDirection::improving:
        return "improving: about " + number_label(-slope, 2) + " fewer cramps a week with each week (" + numbers + ").";
    case TrendDirection::worsening:
        return "worsening: about " + number_label(slope, 2) + " more cramps a week with each week (" + numbers + ").";
    default:
        return "stable: no clear rise or fall (" + numbers + ").";
    }
}

void print_distributions(std::ostream& out, const Distributions& d) {
    std::vector<std::optional<double>> hours;
    std::int64_t total = 0;
    for (const auto count : d.by_hour) {
        hours.push_back(static_cast<double>(count));
        total += count;
    }
    if (total == 0) return;
    out << "\nWhen and where\n  hour of onset  00 " << sparkline(hours) << " 23\n";
    std::string legs, muscles;
    for (std::size_t i = 0; i < d.by_leg.size(); ++i)
        if (d.by_leg[i]) legs += (legs.empty() ? "" : ", ") + std::string(leg_names[i]) + ' ' + std::to_string(d.by_leg[i]);
    for (std::size_t i = 0; i < d.by_muscle.size(); ++i)
        if (d.by_muscle[i])
            muscles += (muscles.empty() ? "" : ", ") + std::string(muscle_names[i]) + ' ' + std::to_string(d.by_muscle[i]);
    out << "  leg            " << legs << "\n  muscle         " << muscles << '\n';
}

int run_trends(const Context& context, const TrendsOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    const NightRange range = options.nights.range(now);
    TrendOptions trend_options;
    trend_options.compare = options.nights.compare;
    // The exposures are read before the diary is opened (and created, if new).
    for (const auto& exposure : trend_options.compare) (void)parse_exposure(exposure);
    Diary diary = open_diary(context);
    const TrendReport report = diary.trends(range, trend_options);

    if (options.json) {
        std::cout << report_to_json(report).dump(2) << '\n';
        return exit_ok;
    }
    auto& out = std::cout;
    out << "Trends, nights " << day_label(range.from, today) << " \u2013 " << day_label(range.to, today) << " ("
        << count_label(range.nights(), "night", "nights") << ")\n\n";
    print_summary(out, report.summary);
    if (report.summary.recorded_nights < report.summary.nights)
        out << "  (missing nights are left out, never counted as cramp-free)\n";
    out << "\nWeeks\n";
    print_weekly(out, report.weekly, today);
    out << "\nTrend: " << trend_words(report.trend, trend_options.min_nights) << '\n';
    if (!report.comparisons.empty()) {
        out << "\nComparisons (cramps a week on exposed and on other recorded nights)\n";
        print_comparisons(out, report.comparisons, today);
    }
    print_distributions(out, report.distributions);
    if (!report.alerts.empty()) {
        out << "\nWorth raising with your doctor (not a diagnosis)\n";
        for (const auto& alert : report.alerts) out << "  " << day_label(alert.day, today) << ": " << alert.message << '\n';
    }
    return exit_ok;
}

}  // namespace

void add_trends_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<TrendsOptions>();
    auto* command = parent.add_subcommand("trends", "how the cramps went: summary, weeks, trend, comparisons, alerts");
    add_trend_range_options(*command, options->nights);
    command->add_flag("--json", options->json, "print the full report as JSON (SPEC section 4), numbers unrounded");
    command->footer("Compression and every tag used in the range are compared by default.\n"
                    "Examples:\n"
                    "  legdiary trends\n"
                    "  legdiary trends --weeks 12 --compare after:2026-10-01\n"
                    "  legdiary trends --from 2026-09-01 --to 2026-11-30 --json > trends.json");
    command->callback([options, &context] { context.run = [options, &context] { return run_trends(context, *options); }; });
}

}  // namespace legdiary::cli
