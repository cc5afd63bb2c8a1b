// The factor screen in the report (SPEC 6): the ranked table, what stands out in words with
// the trial that would test it, the models not fitted in one line, and the caveats, which
// are shown whatever the screen found. The sentences are the library's (factors.hpp), the
// same the CLI prints.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sections.hpp"
#include "text.hpp"

namespace legdiary::detail::html {
namespace {

bool is_tag(const std::string& factor) { return factor.rfind("tag:", 0) == 0; }

// The habit in words, HTML-escaped (a tag is as the person typed it).
std::string factor_label(const std::string& factor) {
    if (factor == "compression_hours") return "Compression stockings";
    if (factor == "standing_hours") return "Standing";
    if (factor == "water_l") return "Water drunk";
    if (factor == "exercise_min") return "Exercise";
    if (factor == "elevation_min") return "Legs raised";
    if (is_tag(factor)) return "Tag “" + escape(factor.substr(4)) + "”";
    return escape(factor);
}

// Lag 0 is the day log of the night's own date: the day before the night.
std::string lag_words(int lag) {
    if (lag == 0) return "day before";
    if (lag == 1) return "two days before";
    return count(lag + 1) + " days before";
}

// Two decimals, as in the comparisons; an interval can be unbounded when a model's standard
// error is huge, and a tiny ratio reads better as a bound than as "0.00".
std::string ratio_number(double ratio) {
    if (!std::isfinite(ratio)) return "no limit";
    if (ratio < 0.005) return "&lt; 0.01";
    if (ratio >= 100) return fixed(ratio, 0);
    return fixed(ratio, 2);
}

// A row that stands out (q below factor_finding_q) is bold: weight, not colour, marks it.
std::string factor_row(const FactorRow& row) {
    const bool stands_out = row.q_value < factor_finding_q;
    const std::string per = is_tag(row.factor) ? "tagged" : escape(row.unit);
    const std::string interval = ratio_number(row.rate_ratio_low) + " to " + ratio_number(row.rate_ratio_high);
    return std::string(stands_out ? "<tr class=\"stands-out\">" : "<tr>") + "<th scope=\"row\">" +
           factor_label(row.factor) + "</th><td>" + lag_words(row.lag) + "</td><td class=\"num\">" + per +
           "</td><td class=\"num\">" + ratio_number(row.rate_ratio) + " <span class=\"unit\">(" + interval +
           ")</span></td><td class=\"num\">" + escape(p_number(row.p_value)) + "</td><td class=\"num\">" +
           escape(p_number(row.q_value)) + "</td><td class=\"num\">" + count(row.nights) + "</td></tr>\n";
}

// One line for every model not fitted: the models that share a reason together, a factor
// named once when both its lags share it ("Standing, Water drunk — no nights with a known
// value (needs 28)"), so a diary without those habits logged costs one line, not a table.
std::string not_fitted_line(const std::vector<SkippedFactor>& skipped) {
    struct Group {
        std::string reason;
        std::vector<const SkippedFactor*> models;
    };
    std::vector<Group> groups;
    for (const auto& skip : skipped) {
        // The reason of a fit that failed starts "not fitted: ", which the line already says.
        constexpr std::string_view repeated = "not fitted: ";
        const std::string reason =
            skip.reason.rfind(repeated, 0) == 0 ? skip.reason.substr(repeated.size()) : skip.reason;
        Group* group = nullptr;
        for (auto& candidate : groups)
            if (candidate.reason == reason) group = &candidate;
        if (!group) group = &groups.emplace_back(Group{reason, {}});
        group->models.push_back(&skip);
    }
    std::string line;
    for (const auto& group : groups) {
        std::string names;
        for (std::size_t i = 0; i < group.models.size(); ++i) {
            const SkippedFactor& model = *group.models[i];
            bool named_before = false, other_lag = false;
            for (std::size_t j = 0; j < group.models.size(); ++j) {
                if (j == i || group.models[j]->factor != model.factor) continue;
                named_before = named_before || j < i;
                other_lag = true;
            }
            if (named_before) continue;
            if (!names.empty()) names += ", ";
            names += factor_label(model.factor);
            if (!other_lag) names += " (" + lag_words(model.lag) + ")";
        }
        if (!line.empty()) line += "; ";
        line += names + " — " + escape(group.reason);
    }
    return "<p class=\"reading not-fitted\"><b>Not fitted:</b> " + line + ".</p>\n";
}

}  // namespace

std::string factors_section(const FactorScreen& screen) {
    // The heading, its lead and the table stay on one page (a heading at the foot of a page
    // with its table on the next reads as an empty section).
    std::string out =
        "<section class=\"factors\"><div class=\"keep-together\">"
        "<h2>Which habits go with more or fewer cramps (exploratory)</h2>\n"
        "<p>Each habit of the day logs, on the day before the night and on the day before that, in a model of its "
        "own that allows for the trend over the weeks: " +
        plural(screen.tested, "model", "models") + " fitted, " +
        count(static_cast<std::int64_t>(screen.skipped.size())) + " not fitted. Associations, not causes.</p>\n";
    if (screen.rows.empty()) {
        out += "<p class=\"none\">No habit could be tested in this range: a model needs " +
               plural(factor_min_nights, "recorded night", "recorded nights") +
               " with the habit logged, and the habit must vary.</p></div>\n";
    } else {
        out +=
            "<table><thead><tr><th scope=\"col\">Habit</th>"
            "<th scope=\"col\">Day</th>"
            "<th scope=\"col\" class=\"num\">Per</th>"
            "<th scope=\"col\" class=\"num\">Rate ratio<br><span class=\"unit\">95% interval</span></th>"
            "<th scope=\"col\" class=\"num\">p</th><th scope=\"col\" class=\"num\">q</th>"
            "<th scope=\"col\" class=\"num\">Nights</th></tr></thead>\n<tbody>\n";
        for (const auto& row : screen.rows) out += factor_row(row);
        out +=
            "</tbody></table></div>\n<p class=\"reading\">Ranked by p, smallest first. A rate ratio is per unit of the "
            "habit, adjusted for the trend over the weeks (negative binomial model): 1.12 per 1 h means 12% more "
            "cramps per night for each hour more; for a tag, 0.80 means 20% fewer cramps after tagged days than after "
            "days logged without it. q is the p value allowing for the number of models tried "
            "(Benjamini–Hochberg); rows with q below " +
            fixed(factor_finding_q, 2) + " are in bold and in words below.</p>\n";
        const auto findings = factor_findings(screen);
        if (findings.empty()) {
            out += "<p>" + escape(factor_nothing_stands_out()) + "</p>\n";
        } else {
            out += "<div class=\"findings\"><h3>What stands out (q &lt; " + fixed(factor_finding_q, 2) +
                   ")</h3><ul>\n";
            for (const auto& row : findings) {
                out += "<li>" + escape(factor_finding(row));
                if (const std::string command = factor_trial_command(row); !command.empty())
                    out += "<br><span class=\"trial\">" + escape(factor_trial_lead) + "<code>" + escape(command) +
                           "</code></span>";
                out += "</li>\n";
            }
            out += "</ul></div>\n";
        }
    }
    if (!screen.skipped.empty()) out += not_fitted_line(screen.skipped);
    // A screen built by hand may come without its caveats; the report shows them regardless.
    const auto& caveats = screen.caveats.empty() ? factor_caveats() : screen.caveats;
    out += "<div class=\"caveats\"><h3>Read these with care</h3><ul>\n";
    for (const auto& caveat : caveats) out += "<li>" + escape(caveat) + "</li>\n";
    return out + "</ul></div>\n</section>\n";
}

}  // namespace legdiary::detail::html
