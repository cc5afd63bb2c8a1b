// Private to the HTML report: the sections around the charts — the header with the key
// figures, the alerts, the outcome table, the comparisons and the factor screen.
#pragma once

#include <string>

#include "legdiary/analysis.hpp"
#include "legdiary/factors.hpp"
#include "legdiary/report_html.hpp"

namespace legdiary::detail::html {

/// The title, the range facts, notes on missing data and the key figures.
std::string header_section(const TrendReport& report, const HtmlReportOptions& options);
/// The alerts, first and prominent; a one-line "none" when there are none.
std::string alerts_section(const TrendReport& report);
/// The summary outcomes, with how each is counted.
std::string outcome_table(const TrendReport& report);
/// The comparisons table with its words and caveats.
std::string comparisons_section(const TrendReport& report);
/// The factor screen (SPEC 6): the ranked table, what stands out in words with the trial
/// that would test it, the models not fitted in one line, and the caveats, always
/// (section_factors.cpp).
std::string factors_section(const FactorScreen& screen);
/// One randomised N-of-1 trial (SPEC 7): heading, status, the interim banner while it runs,
/// the schedule strip, the result, the per-block table, adherence, the verdict once it has
/// ended, and the caveats (section_trials.cpp). Nights after `trial.today` never show their
/// condition.
std::string trial_section(const HtmlReportTrial& trial);

}  // namespace legdiary::detail::html
