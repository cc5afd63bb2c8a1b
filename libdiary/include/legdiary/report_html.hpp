/// @file report_html.hpp
/// The clinician report (SPEC section 4, "Report"): one self-contained HTML file with the
/// outcome numbers, charts as inline SVG, the comparisons with their caveats, the factor
/// screen (SPEC 6) with its caveats, the randomised N-of-1 trials (SPEC 7) and the alerts. Nothing is fetched from anywhere — no
/// script, font, image or style sheet — so it opens offline, and it prints on A4 with no
/// chart split across pages. What each part shows and how to read it: docs/report.md.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "legdiary/analysis.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/factors.hpp"
#include "legdiary/tables.hpp"
#include "legdiary/trial.hpp"

namespace legdiary {

/// A randomised N-of-1 trial as the report shows it (SPEC 7): the stored plan, its analysis
/// (analyse_trial, Diary::trial_status) and the day that analysis was made for. Nights
/// after `today` have not begun: the report shows them as planned, without their
/// condition, and leaves out the seed until every period has begun.
struct HtmlReportTrial {
    StoredTrial trial;
    TrialAnalysis analysis;
    Date today;  ///< the local date the analysis was made for (its `today`)
};

/// What the report needs besides the trend report and the day logs.
struct HtmlReportOptions {
    /// The `min_nights` the trend test used (TrendOptions::min_nights), for the words of
    /// the weekly chart ("fewer than 4 nights recorded"). Which weeks are drawn hollow and
    /// left out of the Theil–Sen line is WeeklyRow::in_trend; the line is TrendTest's
    /// intercept and slope — a hand-built report sets them as compute_trends would.
    int min_nights = 4;
    /// A line under the title, e.g. "Prepared 21 Nov 2026"; left out when empty. The
    /// report carries no date of its own, so the same diary gives the same file.
    std::string subtitle;
    /// The factor screen of the report's range (screen_factors, Diary::factors), shown
    /// after the comparisons under its own heading with its caveats; the section is left
    /// out when this is empty, as in a report built by hand without one.
    /// write_html_report always computes it.
    std::optional<FactorScreen> factors;
    /// The trials to show, each in a section of its own after the factor screen (write_html_report:
    /// those whose nights overlap the range): the
    /// schedule as a strip, the result with its interval and randomisation p, the per-block
    /// table, adherence and caveats, "interim" writ large while a trial runs. No section
    /// when empty.
    std::vector<HtmlReportTrial> trials;
};

/// The report as one HTML document. `days` gives the per-day values the weekly means
/// hide (compression hours, swelling grade, circumferences); rows outside `report.range`
/// are ignored, so the table of a wider range may be passed. Every piece of text that
/// comes from the data (exposure, factor and tag names, alert messages, reasons) is
/// HTML-escaped. Pure: it
/// reads nothing else, so it can be tested on hand-built reports.
[[nodiscard]] std::string render_html_report(const TrendReport& report, const DayTable& days,
                                             const HtmlReportOptions& options = {});

/// Computes the trends and the factor screen of `range` (the trends with `options`) and the
/// status of every trial whose nights overlap the range, as seen today (the diary's clock,
/// local date), and writes their report to `out`.
void write_html_report(std::ostream& out, const Diary& diary, const NightRange& range,
                       const TrendOptions& options = {});

}  // namespace legdiary
