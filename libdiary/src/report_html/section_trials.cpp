// A randomised N-of-1 trial in the report (SPEC 7): the heading and status, "interim" writ
// large while it runs, the schedule as a strip (one row per block, one cell per night), the
// result by design (rates, rate ratio with the block model's interval, randomisation p), the
// per-block table with the sign test, the exact comparison labelled as assuming independent
// nights, adherence, the verdict in words once it has ended, and the caveats.
// A period's condition is shown only once the period has begun (its first night ≤ today):
// the strip, the table, the seed and the SVG's description all keep to that rule.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sections.hpp"
#include "svg.hpp"
#include "text.hpp"

namespace legdiary::detail::html {
namespace {

using boost::gregorian::days;

inline constexpr const char* colour_a = "#CBE7F7";  // sky blue, light: without the exposure
inline constexpr const char* colour_a_edge = "#1F6F99";
inline constexpr const char* colour_b = "#E69F00";  // orange, darker in grey print: with it
inline constexpr const char* colour_b_edge = "#8A5F00";
inline constexpr const char* colour_run_in = "#E4E4E4";
inline constexpr const char* colour_hidden_edge = "#9A9A9A";

bool is_compression(const TrialPlan& plan) { return plan.exposure == "compression"; }
std::string tag_of(const TrialPlan& plan) { return plan.exposure.substr(4); }

// The exposure as the heading asks about it, escaped.
std::string exposure_question(const TrialPlan& plan) {
    if (is_compression(plan)) return "does compression help?";
    return "does “" + escape(tag_of(plan)) + "” help?";
}

// The two conditions in words, escaped.
std::string condition_words(const TrialPlan& plan, TrialCondition condition) {
    if (is_compression(plan))
        return condition == TrialCondition::b ? "with compression stockings" : "without compression stockings";
    return condition == TrialCondition::b ? "days tagged “" + escape(tag_of(plan)) + "”"
                                          : "days logged without “" + escape(tag_of(plan)) + "”";
}

std::string condition_short(const TrialPlan& plan, TrialCondition condition) {
    if (is_compression(plan)) return condition == TrialCondition::b ? "with stockings" : "without stockings";
    return condition == TrialCondition::b ? "with the tag" : "without the tag";
}

// Two decimals; a bound the data leave open reads as words, a tiny ratio as a bound.
std::string ratio_number(double ratio) {
    if (!std::isfinite(ratio)) return "no limit";
    if (ratio < 0.005) return "&lt; 0.01";
    if (ratio >= 100) return fixed(ratio, 0);
    return fixed(ratio, 2);
}

std::string change_words(double ratio) {
    const double change = 100 * (ratio - 1);
    if (std::fabs(change) < 0.5) return "no change in cramps per night";
    return fixed(std::fabs(change), 0) + "% " + (change < 0 ? "fewer" : "more") + " cramps per night";
}

// Where the plan's periods are, and which of them have begun by `today`.
struct Layout {
    const TrialPlan& plan;
    std::vector<TrialOrder> allocation;
    Date today;

    [[nodiscard]] Date first_period_night() const { return plan.start + days(plan.run_in_nights); }
    [[nodiscard]] Date period_start(int block, int period) const {
        return first_period_night() + days(static_cast<long>((block - 1) * 2 + (period - 1)) * plan.period_nights);
    }
    [[nodiscard]] bool begun(int block, int period) const { return period_start(block, period) <= today; }
    [[nodiscard]] TrialCondition condition(int block, int period) const {
        const bool first_is_a = allocation[static_cast<std::size_t>(block - 1)] == TrialOrder::ab;
        return (period == 1) == first_is_a ? TrialCondition::a : TrialCondition::b;
    }
    [[nodiscard]] bool every_period_begun() const { return begun(plan.blocks, 2); }
    // "A B", "B ?" (the second period not begun), "? ?".
    [[nodiscard]] std::string order_shown(int block) const {
        std::string text;
        for (int period = 1; period <= 2; ++period) {
            if (period == 2) text += " ";
            text += begun(block, period) ? std::string(to_string(condition(block, period))) : "?";
        }
        return text;
    }
};

std::string status_line(const HtmlReportTrial& item, const Layout& layout) {
    const TrialPlan& plan = item.trial.plan;
    const TrialAnalysis& analysis = item.analysis;
    std::string line;
    switch (analysis.status) {
        case TrialStatus::planned:
            line = "<b>Planned</b>: begins on the night of " + escape(long_date(plan.start)) + ".";
            break;
        case TrialStatus::run_in:
            line = "<b>Run-in</b>: the first period begins on the night of " +
                   escape(long_date(layout.first_period_night())) + ".";
            break;
        case TrialStatus::running: {
            const long night = (item.today - layout.first_period_night()).days();
            const int block = static_cast<int>(night / (2L * plan.period_nights)) + 1;
            line = "<b>Running</b>: block " + count(block) + " of " + count(plan.blocks) + ", night " +
                   count(night + 1) + " of " + count(2L * plan.blocks * plan.period_nights) + "; the last night is " +
                   escape(long_date(analysis.end)) + ".";
            break;
        }
        case TrialStatus::finished:
            line = "<b>Finished</b>: the last night was " + escape(long_date(analysis.end)) + ".";
            break;
        case TrialStatus::stopped:
            line = "<b>Stopped</b> early: nights from " + escape(long_date(*plan.stopped)) +
                   " on are not counted (the plan ran to " + escape(long_date(analysis.end)) + ").";
            if (plan.stop_reason) line += " Reason given: “" + escape(*plan.stop_reason) + "”.";
            break;
    }
    return line;
}

std::string design_line(const TrialPlan& plan, const Layout& layout) {
    std::string text = "From the night of " + escape(long_date(plan.start)) + ": ";
    text += plan.run_in_nights > 0 ? plural(plan.run_in_nights, "run-in night", "run-in nights") + " (counted in nothing), then "
                                   : "no run-in, ";
    text += plural(plan.blocks, "block", "blocks") + " of two " + count(plan.period_nights) +
            "-night periods, one A and one B in an order drawn at random for each block";
    text += plan.washout_nights > 0 ? "; the first " + plural(plan.washout_nights, "night", "nights") +
                                          " of each period are a washout, recorded but not counted."
                                    : "; no washout nights.";
    text += " A: " + condition_words(plan, TrialCondition::a) + "; B: " + condition_words(plan, TrialCondition::b) + ".";
    if (layout.every_period_begun())
        text += " Allocation from seed " + std::to_string(plan.seed) + " (std::mt19937_64; anyone can re-derive it).";
    else
        text += " The order of a period is shown only once the period has begun.";
    return text;
}

// ---------------------------------------------------------------------------------------
// The strip: a row per block (and one for the run-in), a cell per night.

std::string cell_swatch(const std::string& attributes) {
    return "<rect x=\"1\" y=\"0\" width=\"14\" height=\"12\" " + attributes + "/>";
}

std::string strip_chart(const HtmlReportTrial& item, const Layout& layout) {
    const TrialPlan& plan = item.trial.plan;
    const auto& schedule = item.analysis.schedule;
    const int columns = std::max(2 * plan.period_nights, plan.run_in_nights);
    const double label_width = 62, row_height = 20, cell_height = 16;
    const double cell = std::min(28.0, 500.0 / columns);
    const int rows = plan.blocks + (plan.run_in_nights > 0 ? 1 : 0);
    const double top = 74;
    // With a run-in, the period headings need room between its row and block 1's.
    const double run_in_gap = plan.run_in_nights > 0 ? 16 : 0;
    const double height = top + rows * row_height + run_in_gap + 6;

    std::int64_t shown = 0, recorded = 0, cramps = 0;
    for (const auto& night : schedule) {
        if (night.night > item.today) continue;
        ++shown;
        if (night.recorded) ++recorded, cramps += night.cramps;
    }
    std::string description = "The trial's schedule: " + plural(plan.blocks, "block", "blocks") + " of two " +
                              count(plan.period_nights) + "-night periods";
    if (plan.run_in_nights > 0) description += " after " + plural(plan.run_in_nights, "run-in night", "run-in nights");
    description += ". " + plural(shown, "night has", "nights have") + " begun, " + count(recorded) + " recorded with " +
                   plural(cramps, "cramp", "cramps") + "; " +
                   plural(static_cast<std::int64_t>(schedule.size()) - shown, "night is", "nights are") +
                   " still to come, their condition not shown.";
    Svg svg("trial-strip-" + count(item.trial.id), height, "The trial's schedule, night by night", description);
    // A washout night keeps its condition's colour, faded; a stopped trial's uncounted
    // nights are crossed.
    const std::string a_fill = std::string("fill=\"") + colour_a + "\" stroke=\"" + colour_a_edge + "\" stroke-width=\"0.6\"";
    const std::string b_fill = std::string("fill=\"") + colour_b + "\" stroke=\"" + colour_b_edge + "\" stroke-width=\"0.6\"";
    const std::string a_washout = std::string("fill=\"") + colour_a + "\" fill-opacity=\"0.45\" stroke=\"" +
                                  colour_a_edge + "\" stroke-width=\"0.6\" stroke-dasharray=\"2 1.5\"";
    const std::string b_washout = std::string("fill=\"") + colour_b + "\" fill-opacity=\"0.3\" stroke=\"" +
                                  colour_b_edge + "\" stroke-width=\"0.6\" stroke-dasharray=\"2 1.5\"";
    const std::string run_in_fill = std::string("fill=\"") + colour_run_in + "\" stroke=\"#888\" stroke-width=\"0.6\"";
    const std::string hidden_fill =
        std::string("fill=\"#fff\" stroke=\"") + colour_hidden_edge + "\" stroke-width=\"0.8\" stroke-dasharray=\"1.5 1.5\"";
    const std::string missing_fill = "fill=\"" + svg.missing_fill() + "\" stroke=\"#8A8A8A\" stroke-width=\"0.6\"";

    std::vector<LegendItem> first_row = {
        {cell_swatch(a_fill), "A: " + condition_short(plan, TrialCondition::a)},
        {cell_swatch(b_fill), "B: " + condition_short(plan, TrialCondition::b)},
        {cell_swatch(b_washout), "washout (not counted)"},
    };
    std::vector<LegendItem> second_row = {{cell_swatch(missing_fill), "not recorded"},
                                          {cell_swatch(hidden_fill), "not begun (condition hidden)"}};
    if (plan.run_in_nights > 0) second_row.insert(second_row.begin(), {cell_swatch(run_in_fill), "run-in"});
    if (plan.stopped)
        second_row.push_back({cell_swatch("fill=\"#fff\" stroke=\"#555\" stroke-width=\"0.6\"") +
                                  "<line x1=\"1\" y1=\"12\" x2=\"15\" y2=\"0\" stroke=\"#555\"/>",
                              "after the stop"});
    legend(svg, first_row, 14);
    legend(svg, second_row, 32);
    svg.text(plot_left, 50, "A number is that night's cramps.", "fill=\"#333\" font-size=\"10\"");

    const double x0 = label_width;
    // Period headings over the block rows.
    const double block_top = top + (plan.run_in_nights > 0 ? row_height + run_in_gap : 0);
    for (int period = 1; period <= 2; ++period) {
        const double centre = x0 + ((period - 1) * plan.period_nights + plan.period_nights / 2.0) * cell;
        svg.text(centre, block_top - 4, "period " + count(period), "text-anchor=\"middle\" fill=\"#333\" font-size=\"10\"");
    }
    const double digit_size = std::min(11.0, std::max(7.0, cell * 0.55));
    std::size_t row_of_night = 0;
    auto draw_row = [&](int row, std::string_view label, std::size_t first, std::size_t nights, std::string_view right) {
        const double y = top + row * row_height + (row > 0 ? run_in_gap : 0);
        svg.text(x0 - 6, y + cell_height - 4, label, "text-anchor=\"end\" fill=\"#222\"");
        for (std::size_t i = 0; i < nights && first + i < schedule.size(); ++i) {
            const TrialNight& night = schedule[first + i];
            const double x = x0 + static_cast<double>(i) * cell;
            const bool hidden = night.night > item.today;
            const bool after_stop = plan.stopped && night.night >= *plan.stopped && !hidden;
            std::string attributes;
            if (hidden)
                attributes = hidden_fill;
            else if (!night.condition)
                attributes = night.recorded ? run_in_fill : missing_fill;
            else if (!night.recorded || after_stop)
                attributes = after_stop ? "fill=\"#fff\" stroke=\"#555\" stroke-width=\"0.6\"" : missing_fill;
            else if (*night.condition == TrialCondition::a)
                attributes = night.washout ? a_washout : a_fill;
            else
                attributes = night.washout ? b_washout : b_fill;
            svg.rect(x + 0.6, y, cell - 1.2, cell_height, attributes);
            if (after_stop) svg.line(x + 0.6, y + cell_height, x + cell - 0.6, y, "stroke=\"#555\" stroke-width=\"0.8\"");
            if (!hidden && night.recorded) {
                const std::string digits =
                    night.cramps > 9 && cell < 16 ? std::string("+") : count(night.cramps);
                svg.text(x + cell / 2, y + cell_height / 2 + digit_size * 0.36, digits,
                         "text-anchor=\"middle\" fill=\"#111\" font-size=\"" + n(digit_size) + "\"");
            }
        }
        svg.text(x0 + columns * cell + 8, y + cell_height - 4, right, "fill=\"#333\" font-size=\"10\"");
    };
    int row = 0;
    if (plan.run_in_nights > 0) {
        const Date last = plan.start + days(plan.run_in_nights - 1);
        draw_row(row++, "run-in", 0, static_cast<std::size_t>(plan.run_in_nights),
                 short_date(plan.start) + "–" + short_date(last));
        row_of_night = static_cast<std::size_t>(plan.run_in_nights);
    }
    for (int block = 1; block <= plan.blocks; ++block) {
        const Date first = layout.period_start(block, 1);
        const Date last = first + days(2L * plan.period_nights - 1);
        draw_row(row++, "block " + count(block), row_of_night, static_cast<std::size_t>(2 * plan.period_nights),
                 layout.order_shown(block) + "   " + short_date(first) + "–" + short_date(last));
        row_of_night += static_cast<std::size_t>(2 * plan.period_nights);
    }
    // The line between a block's two periods.
    const double middle = x0 + plan.period_nights * cell;
    svg.line(middle, block_top - 1, middle, top + rows * row_height + run_in_gap - 2,
             "stroke=\"#222\" stroke-width=\"1.6\"");
    return figure(svg, "The schedule",
                  "One row per block, one cell per night; the letters after each row are its order (A then B, or B "
                  "then A), shown for a period only once it has begun. Washout nights are faded with a dashed edge; "
                  "hatching means not recorded.");
}

// ---------------------------------------------------------------------------------------
// The numbers.

std::string rate_or_none(const std::optional<double>& rate) {
    return rate ? fixed(*rate, 1) : "<span class=\"none\">no data</span>";
}

std::string adherence_cell(const AdherenceCounts& counts) {
    if (counts.nights == 0) return "<span class=\"none\">no nights</span>";
    return count(counts.adherent) + " as planned · " + count(counts.not_adherent) + " not · " + count(counts.unknown) +
           " unknown";
}

std::string result_table(const TrialPlan& plan, const TrialResult& r) {
    std::string out =
        "<table class=\"trial-result\"><thead><tr><th scope=\"col\">Analysed nights</th>"
        "<th scope=\"col\" class=\"num\">A<br><span class=\"unit\">" +
        condition_short(plan, TrialCondition::a) +
        "</span></th><th scope=\"col\" class=\"num\">B<br><span class=\"unit\">" +
        condition_short(plan, TrialCondition::b) + "</span></th></tr></thead>\n<tbody>\n";
    out += "<tr><th scope=\"row\">Nights</th><td class=\"num\">" + count(r.nights_a) + "</td><td class=\"num\">" +
           count(r.nights_b) + "</td></tr>\n";
    out += "<tr><th scope=\"row\">Cramps</th><td class=\"num\">" + count(r.cramps_a) + "</td><td class=\"num\">" +
           count(r.cramps_b) + "</td></tr>\n";
    out += "<tr><th scope=\"row\">Cramps per week</th><td class=\"num\"><b>" + rate_or_none(r.rate_a) +
           "</b></td><td class=\"num\"><b>" + rate_or_none(r.rate_b) + "</b></td></tr>\n";
    out += "<tr><th scope=\"row\">Adherence <span class=\"unit\">(" +
           std::string(is_compression(plan) ? "stockings worn or not, from the day log" : "tag logged or not") +
           ")</span></th><td class=\"num\">" + adherence_cell(r.adherence_a) + "</td><td class=\"num\">" +
           adherence_cell(r.adherence_b) + "</td></tr>\n";
    return out + "</tbody></table>\n";
}

std::string result_lines(const TrialResult& r) {
    std::string out = "<ul class=\"trial-numbers\">\n<li><b>Rate ratio B ÷ A</b>: ";
    if (r.rate_ratio) {
        out += "<b>" + ratio_number(*r.rate_ratio) + "</b>";
        if (r.rate_ratio_low && r.rate_ratio_high)
            out += " (95% interval " + ratio_number(*r.rate_ratio_low) + " to " + ratio_number(*r.rate_ratio_high) +
                   ", from the block model)";
        else
            out += " (no interval: the block model needs blocks with nights under both and a cramp)";
        out += " — " + change_words(*r.rate_ratio) + " under B.";
    } else {
        out += "<span class=\"none\">none yet</span> (it needs analysed nights under both conditions and a cramp "
               "under A).";
    }
    out += "</li>\n<li><b>Randomisation test</b> (follows the design): ";
    if (r.p_value && r.p_value_lower) {
        out += escape(p_text(*r.p_value)) + " two-sided; " + escape(p_text(*r.p_value_lower)) +
               " one-sided, that B lowers cramps.";
    } else {
        out += "<span class=\"none\">not yet possible</span> (a condition has no analysed night).";
    }
    if (r.smallest_possible_p) {
        const std::int64_t blocks_used = std::llround(std::log2(static_cast<double>(r.assignments)));
        out += " With " + plural(blocks_used, "block", "blocks") + " the smallest possible p is " +
               escape(p_number(*r.smallest_possible_p)) + " (2 of " + count(r.assignments) + " allocations).";
    }
    out += "</li>\n";
    return out + "</ul>\n";
}

std::string per_block_table(const TrialResult& r, const Layout& layout) {
    std::string out =
        "<table class=\"trial-blocks\"><thead><tr><th scope=\"col\">Block</th><th scope=\"col\">Order</th>"
        "<th scope=\"col\" class=\"num\">A<br><span class=\"unit\">nights · cramps</span></th>"
        "<th scope=\"col\" class=\"num\">B<br><span class=\"unit\">nights · cramps</span></th>"
        "<th scope=\"col\" class=\"num\">Ratio B ÷ A<br><span class=\"unit\">+0.5 each side</span></th>"
        "</tr></thead>\n<tbody>\n";
    for (const auto& block : r.per_block) {
        out += "<tr><th scope=\"row\">" + count(block.block) + "</th>";
        if (!layout.begun(block.block, 1)) {
            out += "<td colspan=\"4\" class=\"none\">not begun</td></tr>\n";
            continue;
        }
        out += "<td>" + layout.order_shown(block.block) + "</td>";
        for (const TrialCondition condition : {TrialCondition::a, TrialCondition::b}) {
            // A side whose period has not begun says nothing, not even its (zero) counts.
            const int period = layout.condition(block.block, 1) == condition ? 1 : 2;
            if (!layout.begun(block.block, period)) {
                out += "<td class=\"num none\">not begun</td>";
                continue;
            }
            const bool is_b = condition == TrialCondition::b;
            out += "<td class=\"num\">" + count(is_b ? block.nights_b : block.nights_a) + " · " +
                   count(is_b ? block.cramps_b : block.cramps_a) + "</td>";
        }
        out += "<td class=\"num\">" + (block.rate_ratio ? ratio_number(*block.rate_ratio) : "—") + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    out += "<p class=\"reading\">Blocks favouring B (fewer cramps per night under B): <b>" +
           count(r.blocks_favouring_b) + "</b> · favouring A: <b>" + count(r.blocks_favouring_a) +
           "</b> · tied: " + count(r.blocks_tied);
    out += r.sign_test_p ? " — sign test " + escape(p_text(*r.sign_test_p)) + " (two-sided)." : ".";
    out += " A block's ratio adds 0.5 to each side's cramps so that a period without cramps still gives a number.</p>\n";
    return out;
}

std::string exact_line(const TrialResult& r) {
    std::string out = "<p class=\"reading\"><b>Exact comparison, assumes independent nights</b>: ";
    if (r.exact_rate_ratio_low && r.exact_rate_ratio_high) {
        out += "95% interval " + ratio_number(*r.exact_rate_ratio_low) + " to " +
               ratio_number(*r.exact_rate_ratio_high);
        if (r.exact_p_value) out += ", " + escape(p_text(*r.exact_p_value));
        out += ". Cramps come in runs, so this is too sure of itself; the randomisation test and the block model "
               "above follow the design.";
    } else {
        out += "<span class=\"none\">not possible yet</span>.";
    }
    return out + "</p>\n";
}

// The verdict, only once the trial has ended; it weighs the evidence, never claims proof.
std::string verdict(const HtmlReportTrial& item) {
    const TrialPlan& plan = item.trial.plan;
    const TrialResult& r = item.analysis.result;
    const std::string b = condition_words(plan, TrialCondition::b);
    std::string text = item.analysis.status == TrialStatus::stopped ? "The trial was stopped early, so it says less "
                                                                      "than a full trial would. "
                                                                    : "";
    if (!r.rate_ratio || !r.p_value) return text + "Too few nights were recorded to say whether B made a difference.";
    const bool clear = *r.p_value < 0.05 && r.rate_ratio_low && r.rate_ratio_high &&
                       (*r.rate_ratio_high < 1 || *r.rate_ratio_low > 1);
    text += "Under B (" + b + ") there were " + change_words(*r.rate_ratio) + " than under A. ";
    if (clear)
        text += *r.rate_ratio < 1
                    ? "The randomisation test makes chance an unlikely explanation (" + escape(p_text(*r.p_value)) +
                          ", two-sided) and the interval excludes no change: good evidence that B helped you "
                          "in this trial — evidence, not proof."
                    : "The randomisation test makes chance an unlikely explanation (" + escape(p_text(*r.p_value)) +
                          ", two-sided) and the interval excludes no change: good evidence that B did not help you, "
                          "and may have made cramps worse.";
    else
        text += "The randomisation test cannot rule out chance (" + escape(p_text(*r.p_value)) +
                ", two-sided) and the interval includes no change: the trial does not show that B helps, nor that it "
                "does not. A longer trial, or a second one, would say more.";
    return text;
}

}  // namespace

std::string trial_section(const HtmlReportTrial& item) {
    const TrialPlan& plan = item.trial.plan;
    const TrialAnalysis& analysis = item.analysis;
    const TrialResult& r = analysis.result;
    const Layout layout{plan, analysis.allocation, item.today};

    std::string out = "<section class=\"trial-report\"><div class=\"keep-together\">\n<h2>Trial: " +
                      exposure_question(plan) + " (randomised N-of-1)</h2>\n";
    if (plan.name) out += "<p class=\"trial-name\"><b>" + escape(*plan.name) + "</b></p>\n";
    if (plan.hypothesis) out += "<p>Hypothesis: " + escape(*plan.hypothesis) + "</p>\n";
    out += "<p class=\"trial-status\">" + status_line(item, layout) + "</p>\n";
    if (r.interim)
        out += "<div class=\"interim\"><strong>Interim look — do not stop early because of this number</strong>"
               "<span>The trial is not finished: every number below can still change a lot.</span></div>\n";
    out += "<p class=\"reading\">" + design_line(plan, layout) + "</p>\n";
    out += strip_chart(item, layout) + "</div>\n";

    out += "<div class=\"keep-together\"><h3>" + std::string(r.interim ? "Result so far (interim)" : "Result") +
           "</h3>\n";
    if (r.nights_a + r.nights_b == 0) {
        out += "<p class=\"none\">No analysed nights yet: the numbers come once period nights after the washout are "
               "recorded.</p></div>\n";
    } else {
        out += result_table(plan, r) + result_lines(r) + "</div>\n";
        out += "<div class=\"keep-together\"><h3>Block by block</h3>\n" + per_block_table(r, layout) +
               exact_line(r) + "</div>\n";
    }
    if (!r.interim)
        out += "<div class=\"verdict\"><h3>In words</h3><p>" + verdict(item) + "</p></div>\n";
    out += "<div class=\"caveats\"><h3>Read these with care</h3><ul>\n";
    for (const auto& caveat : r.caveats) out += "<li>" + escape(caveat) + "</li>\n";
    return out + "</ul></div>\n</section>\n";
}

}  // namespace legdiary::detail::html
