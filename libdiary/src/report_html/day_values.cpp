#include <algorithm>
#include <cmath>

#include "charts.hpp"

namespace legdiary::detail::html {

DayValues::DayValues(const DayTable& days, const NightRange& range) {
    const auto size = static_cast<std::size_t>(std::max<std::int64_t>(range.nights(), 0));
    compression_hours.resize(size);
    swelling_grade.resize(size);
    calf_left.resize(size);
    calf_right.resize(size);
    ankle_left.resize(size);
    ankle_right.resize(size);
    const DayNumber from = day_number(range.from), to = day_number(range.to);
    auto real = [](double value) { return std::isnan(value) ? std::nullopt : std::optional<double>(value); };
    for (std::size_t row = 0; row < days.size(); ++row) {
        if (days.day[row] < from || days.day[row] > to) continue;
        const auto i = static_cast<std::size_t>(days.day[row] - from);
        ++logged_days;
        if (row < days.compression_hours.size()) compression_hours[i] = real(days.compression_hours[row]);
        if (row < days.swelling_grade.size() && days.swelling_grade[row] != no_small)
            swelling_grade[i] = days.swelling_grade[row];
        if (row < days.calf_left_cm.size()) calf_left[i] = real(days.calf_left_cm[row]);
        if (row < days.calf_right_cm.size()) calf_right[i] = real(days.calf_right_cm[row]);
        if (row < days.ankle_left_cm.size()) ankle_left[i] = real(days.ankle_left_cm[row]);
        if (row < days.ankle_right_cm.size()) ankle_right[i] = real(days.ankle_right_cm[row]);
    }
}

}  // namespace legdiary::detail::html
