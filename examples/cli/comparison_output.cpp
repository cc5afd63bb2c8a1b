// Comparisons for people (trends and compare): numbers, their exact and robust intervals
// (SPEC 3), what they may mean, and the caveats, in words.
#include <cmath>
#include <cstdio>
#include <ostream>
#include <set>
#include <string>

#include <legdiary/analysis.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct ExposureWords {
    std::string exposed;    // "nights after a day with compression socks"
    std::string unexposed;  // "nights after a day without"
};

ExposureWords describe(const std::string& exposure, const Date& today) {
    if (exposure.rfind("tag:", 0) == 0)
        return {"nights after a day tagged " + exposure.substr(4), "nights after a logged day without that tag"};
    if (exposure.rfind("after:", 0) == 0) {
        std::string since = exposure.substr(6);
        try {
            since = day_label(parse_date(since), today);
        } catch (const ValidationError&) {
        }
        return {"nights from " + since + " on", "nights before it"};
    }
    return {"nights after a day with compression socks", "nights after a day without"};
}

std::string sentence(const Comparison& comparison, const Date& today) {
    const ExposureWords words = describe(comparison.exposure, today);
    std::string text = comparison.exposure + ": ";
    if (comparison.nights_exposed == 0 || comparison.nights_unexposed == 0)
        return text + "cannot compare yet: no recorded " +
               (comparison.nights_exposed == 0 ? words.exposed : words.unexposed) + " in this range.";
    text += number_label(comparison.rate_exposed) + " cramps a week on " + words.exposed + " (" +
            std::to_string(comparison.nights_exposed) + "), " + number_label(comparison.rate_unexposed) + " on " +
            words.unexposed + " (" + std::to_string(comparison.nights_unexposed) + ")";
    if (!comparison.rate_ratio) return text + "; too few cramps to compare the rates.";
    const double change = comparison.percent_change.value_or(0.0);
    const std::string p_label = p_value_label(comparison.p_value);
    if (std::lround(change) == 0) text += ": about the same";
    else text += ": " + number_label(std::fabs(change), 0) + (change < 0 ? "% fewer" : "% more");
    text += " (rate ratio " + ratio_label(comparison.rate_ratio) + ", 95% interval " +
            ratio_label(comparison.rate_ratio_low) + " to " +
            (comparison.rate_ratio_high ? ratio_label(comparison.rate_ratio_high) : std::string("unbounded")) +
            ", p " + (p_label.front() == '<' ? p_label : "= " + p_label) + ")";
    const bool robust = comparison.robust_rate_ratio_low && comparison.robust_rate_ratio_high;
    if (robust)
        text += "; allowing for runs of bad and good nights, " + ratio_label(comparison.robust_rate_ratio_low) +
                " to " + ratio_label(comparison.robust_rate_ratio_high);
    if (!interval_includes_no_change(comparison))
        text += robust ? ". Neither interval includes no difference, so this is unlikely to be chance alone."
                       : ". A difference this large is unlikely to be chance alone.";
    else
        text += robust ? ". An interval includes no difference at all, so this may well be chance."
                       : ". The interval includes no difference at all, so this may well be chance.";
    return text;
}

}  // namespace

std::string p_value_label(const std::optional<double>& p) {
    if (!p) return "-";
    if (*p < 0.001) return "< 0.001";
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", *p);
    return text;
}

void print_comparisons(std::ostream& out, const std::vector<Comparison>& comparisons, const Date& today) {
    if (comparisons.empty()) return;
    Table table;
    table.column("exposure");
    table.column("nights", Table::Align::right);
    table.column("cramps", Table::Align::right);
    table.column("per week", Table::Align::right);
    table.column("other nights", Table::Align::right);
    table.column("cramps", Table::Align::right);
    table.column("per week", Table::Align::right);
    table.column("rate ratio", Table::Align::right);
    table.column("95% interval", Table::Align::right);
    table.column("p", Table::Align::right);
    table.column("robust 95%", Table::Align::right);
    for (const auto& c : comparisons)
        table.row({c.exposure, std::to_string(c.nights_exposed), std::to_string(c.cramps_exposed),
                   number_label(c.rate_exposed), std::to_string(c.nights_unexposed), std::to_string(c.cramps_unexposed),
                   number_label(c.rate_unexposed), ratio_label(c.rate_ratio),
                   interval_label(c.rate_ratio_low, c.rate_ratio_high), p_value_label(c.p_value),
                   interval_label(c.robust_rate_ratio_low, c.robust_rate_ratio_high)});
    table.print(out, 2, false);
    out << '\n';
    for (const auto& c : comparisons) out << "  " << sentence(c, today) << '\n';
    std::set<std::string> shown;
    bool header = false;
    for (const auto& c : comparisons)
        for (const auto& caveat : c.caveats)
            if (shown.insert(caveat).second) {
                if (!header) out << "\n  Keep in mind:\n";
                header = true;
                out << "  - " << caveat << '\n';
            }
}

}  // namespace legdiary::cli
