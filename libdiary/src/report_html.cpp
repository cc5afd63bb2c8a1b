// The clinician report as one HTML document: the page (document, style sheet, print
// layout) that puts the sections and charts of report_html/ together.
#include "legdiary/report_html.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "legdiary/time.hpp"

#include "report_html/charts.hpp"
#include "report_html/sections.hpp"
#include "report_html/text.hpp"

namespace legdiary {
namespace {

constexpr std::string_view style_sheet = R"css(
@page { size: A4; margin: 11mm 12mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
       font-size: 10pt; line-height: 1.35; color: #111; background: #fff;
       max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
p { margin: 1mm 0; }
.subtitle { color: #444; }
.facts { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin: 2mm 0; }
.facts div { display: flex; gap: 2mm; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.note { border-left: 3px solid #666; padding-left: 2mm; color: #333; }
.key-figures { display: flex; gap: 3mm; margin: 3mm 0 1mm; }
.key-figures .figure { flex: 1; border: 1px solid #999; border-radius: 2mm; padding: 1.5mm 3mm; }
.key-figures .value { font-size: 17pt; font-weight: bold; }
.key-figures .value small { font-size: 10pt; font-weight: normal; }
.key-figures .value.words { font-size: 12pt; padding-top: 1.5mm; line-height: 1.2; }
.key-figures .label { color: #333; }
.alerts { border: 2px solid #B00020; border-left-width: 7mm; background: #FFF1F1; padding: 2mm 4mm;
          margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
.alerts h2 { margin: 0 0 1mm; color: #8A0018; font-size: 12.5pt; }
.alerts ul { margin: 0; padding-left: 5mm; }
.alert-mark { display: inline-block; width: 1.3em; height: 1.3em; line-height: 1.3em; text-align: center;
              border-radius: 50%; background: #B00020; color: #fff; }
.no-alerts { border: 1px solid #999; padding: 1mm 3mm; margin: 3mm 0; }
.values { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; font-size: 12pt; padding: 3mm 0 1.5mm; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm; border-bottom: 1px solid #ccc; }
thead th { border-bottom: 1.5px solid #333; font-size: 9pt; }
thead th.num { white-space: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.outcomes th, .outcomes td { padding: 0.6mm 2mm; }
.outcomes td:last-child { color: #333; font-size: 9pt; }
.unit, .vs { font-weight: normal; color: #444; font-size: 8.5pt; }
.vs { display: block; }
.none { color: #555; font-style: italic; }
.comparisons table { table-layout: fixed; }
.comparisons td, .comparisons th { font-size: 9pt; }
.comparisons th:nth-child(1) { width: 27%; }
.comparisons th:nth-child(2), .comparisons th:nth-child(3) { width: 15%; }
.comparisons th:nth-child(4) { width: 12%; }
.reading { font-size: 9pt; color: #333; }
.keep-together { break-inside: avoid; page-break-inside: avoid; }
.factors table { table-layout: fixed; }
.factors td, .factors th { font-size: 9pt; }
.factors tbody th { overflow-wrap: anywhere; }
.factors th:nth-child(1) { width: 26%; }
.factors th:nth-child(2) { width: 17%; }
.factors th:nth-child(3), .factors th:nth-child(5), .factors th:nth-child(6) { width: 8%; }
.factors th:nth-child(4) { width: 23%; }
.factors tr.stands-out th, .factors tr.stands-out td { font-weight: bold; }
.findings { break-inside: avoid; page-break-inside: avoid; margin-top: 2mm; }
.findings ul { margin: 0.5mm 0; padding-left: 5mm; }
.findings li { margin-bottom: 0.5mm; }
.trial { font-size: 9pt; color: #333; }
.trial-report { break-before: page; page-break-before: always; }
.trial-report table { table-layout: fixed; margin-bottom: 1mm; }
.trial-report td, .trial-report th { font-size: 9pt; }
.trial-result th:nth-child(1) { width: 30%; }
.trial-blocks th:nth-child(1), .trial-blocks th:nth-child(2) { width: 12%; }
.trial-report h3 { margin-top: 2.5mm; }
.trial-name { font-size: 11pt; }
.interim { border: 3px solid #8A5F00; border-left-width: 7mm; background: #FFF4D6; padding: 2mm 4mm; margin: 2mm 0 3mm;
           break-inside: avoid; page-break-inside: avoid; }
.interim strong { display: block; font-size: 15pt; line-height: 1.2; color: #5A3E00; }
.trial-numbers { margin: 1.5mm 0; padding-left: 5mm; }
.trial-numbers li { margin-bottom: 0.8mm; }
.verdict { border: 1.5px solid #333; padding: 1mm 3mm; margin-top: 2mm; break-inside: avoid; page-break-inside: avoid; }
.verdict h3 { margin-top: 0.5mm; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8.5pt; }
.caveats { break-inside: avoid; page-break-inside: avoid; font-size: 9pt; border: 1px solid #999;
           padding: 1mm 3mm; margin-top: 2mm; }
.caveats ul { margin: 0.5mm 0; padding-left: 5mm; }
figure.chart { margin: 3mm 0 2mm; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 186mm; }
figcaption { font-size: 8.5pt; color: #333; }
footer { margin-top: 4mm; font-size: 8.5pt; color: #444; border-top: 1px solid #ccc; padding-top: 1mm; }
@media print { body { max-width: none; padding: 0; } .page-break { break-before: page; page-break-before: always; } }
)css";

}  // namespace

std::string render_html_report(const TrendReport& report, const DayTable& days, const HtmlReportOptions& options) {
    using namespace detail::html;
    const DayValues values(days, report.range);
    std::string html;
    html.reserve(128 * 1024);
    html +=
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Leg-cramp diary " +
        escape(to_string(report.range.from)) + " to " + escape(to_string(report.range.to)) + "</title>\n<style>" +
        std::string(style_sheet) + "</style>\n</head>\n<body>\n";
    html += header_section(report, options);
    html += alerts_section(report);
    html += "<main>\n" + outcome_table(report);
    html += "<section class=\"charts\"><h2>Charts</h2>\n";
    html += nightly_chart(report);
    html += weekly_chart(report, options.min_nights);
    html += compression_chart(report, values);
    html += swelling_chart(report, values);
    html += hour_chart(report);
    html += "</section>\n";
    html += comparisons_section(report);
    if (options.factors) html += factors_section(*options.factors);
    for (const auto& trial : options.trials) html += trial_section(trial);
    html +=
        "</main>\n<footer>From the person's own diary (legdiary). Nights are named by the date of their evening. "
        "A night counts as recorded when it has a morning check-in or a cramp; nights not recorded are unknown, "
        "never counted as cramp-free. Alerts point at values worth discussing; they are not a diagnosis.</footer>\n"
        "</body>\n</html>\n";
    return html;
}

void write_html_report(std::ostream& out, const Diary& diary, const NightRange& range, const TrendOptions& options) {
    const TrendReport report = diary.trends(range, options);
    const DiaryTables tables = diary.tables(range, {.episodes = false, .nights = false, .days = true, .day_fields = {}});
    HtmlReportOptions html;
    html.min_nights = options.min_nights;
    html.factors = diary.factors(range);
    // The trials whose nights overlap the range, each as seen today (the diary's clock, local
    // date): nights after today keep their condition hidden.
    const Date today = to_local(diary.now_utc()).local.date();
    for (auto& trial : diary.trials()) {
        if (trial.plan.start > range.to || trial_end(trial.plan) < range.from) continue;
        TrialAnalysis analysis = diary.trial_status(trial.id, today);
        html.trials.push_back({std::move(trial), std::move(analysis), today});
    }
    out << render_html_report(report, tables.days, html);
}

}  // namespace legdiary
