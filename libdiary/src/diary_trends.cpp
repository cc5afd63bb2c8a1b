// Diary's analysis entry points: fetch the columns, hand them to the analysis layer. Kept
// apart from diary.cpp so the store does not depend on the statistics.
#include "legdiary/analysis.hpp"
#include "legdiary/diary.hpp"

namespace legdiary {
namespace {

// The rolling 7-night rate of the range's first night looks back 6 nights before `from`.
NightRange with_rolling_window(const NightRange& range) {
    return {range.from - boost::gregorian::days(6), range.to};
}

void check_range(const NightRange& range) {
    if (range.to < range.from)
        throw ValidationError("to", to_string(range.to), "must not be before from (" + to_string(range.from) + ")");
}

}  // namespace

TrendReport Diary::trends(const NightRange& range, const TrendOptions& options) const {
    check_range(range);
    return compute_trends(tables(with_rolling_window(range)), range, options);
}

Comparison Diary::compare(const NightRange& range, std::string_view exposure) const {
    check_range(range);
    // Parse first: a bad exposure name is refused without touching the file.
    const Exposure parsed = parse_exposure(exposure);
    return compare_exposure(tables(range), range, parsed);
}

}  // namespace legdiary
