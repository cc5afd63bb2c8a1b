// Private to the HTML report: the five charts, one file each, and the per-day values
// they draw beside the nights.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "legdiary/analysis.hpp"
#include "legdiary/tables.hpp"
#include "svg.hpp"

namespace legdiary::detail::html {

// ---------------------------------------------------------------------------------------
// The per-day values of the range, one slot per night (day D comes before night D).
struct DayValues {
    std::vector<std::optional<double>> compression_hours;
    std::vector<std::optional<int>> swelling_grade;
    std::vector<std::optional<double>> calf_left, calf_right, ankle_left, ankle_right;
    std::int64_t logged_days = 0;

    DayValues(const DayTable& days, const NightRange& range);
};

/// Nightly cramp bars, the 7-night rate, recorded zeros and missing nights, into a plot
/// area [top, bottom]. Returns the scale used. (chart_nightly.cpp; the compression chart
/// draws them too.)
Scale nightly_bars(Svg& svg, const TrendReport& report, double top, double bottom, bool with_rate);

/// Cramps each night with the 7-night rate (chart_nightly.cpp).
std::string nightly_chart(const TrendReport& report);
/// The weekly rate with its Theil–Sen line (chart_weekly.cpp).
std::string weekly_chart(const TrendReport& report, int min_nights);
/// The sentence on the trend test, in the weekly chart and its caption (chart_weekly.cpp).
std::string trend_sentence(const TrendTest& trend, int min_nights);
/// Compression hours each day above the cramps of the night after (chart_compression.cpp).
std::string compression_chart(const TrendReport& report, const DayValues& days);
/// Swelling grade and leg circumferences (chart_swelling.cpp).
std::string swelling_chart(const TrendReport& report, const DayValues& days);
/// Cramps by onset hour, noon to noon (chart_hours.cpp).
std::string hour_chart(const TrendReport& report);

}  // namespace legdiary::detail::html
