#include "legdiary/tables.hpp"

namespace legdiary {
namespace {
const Date epoch_date(1970, 1, 1);
}

DayNumber day_number(const Date& date) { return (date - epoch_date).days(); }

Date from_day_number(DayNumber day) { return epoch_date + boost::gregorian::days(static_cast<long>(day)); }

int EpisodeTable::local_hour(std::size_t row) const {
    constexpr std::int64_t ns_per_s = 1'000'000'000;
    const std::int64_t local_s = onset_utc_ns[row] / ns_per_s + std::int64_t{offset_minutes[row]} * 60;
    const std::int64_t second_of_day = ((local_s % 86400) + 86400) % 86400;
    return static_cast<int>(second_of_day / 3600);
}

}  // namespace legdiary
