// Diary's analysis entry points: fetch the columns, hand them to the analysis layer. Kept
// apart from diary.cpp so the store does not depend on the statistics.
#include "legdiary/analysis.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/factors.hpp"
#include "legdiary/nights.hpp"

namespace legdiary {

TrendReport Diary::trends(const NightRange& range, const TrendOptions& options) const {
    (void)night_range(range.from, range.to);  // the ends in order
    return compute_trends(tables(with_rolling_window(range)), range, options);
}

Comparison Diary::compare(const NightRange& range, std::string_view exposure) const {
    (void)night_range(range.from, range.to);  // the ends in order
    // Parse first: a bad exposure name is refused without touching the file.
    const Exposure parsed = parse_exposure(exposure);
    return compare_exposure(tables(range), range, parsed);
}

FactorScreen Diary::factors(const NightRange& range) const {
    (void)night_range(range.from, range.to);  // the ends in order
    // Lag 1 reads the day log of the day before the first night.
    const NightRange with_day_before{range.from - boost::gregorian::days(1), range.to};
    TableSelection selection;
    selection.day_fields = factor_day_fields();  // not the other twenty day-log columns
    return screen_factors(tables(with_day_before, selection), range);
}

}  // namespace legdiary
