#include "legdiary/nights.hpp"

#include "legdiary/error.hpp"
#include "legdiary/time.hpp"

namespace legdiary {

Date last_night(const Instant& now) { return now.local.date() - boost::gregorian::days(1); }

Instant check_in_reference_time(const Date& night, int boundary_hour, const Instant& now) {
    const DateTime end = night_start(night + boost::gregorian::days(1), boundary_hour);
    if (end >= now.local) return now;
    try {
        return from_local(end);
    } catch (const ParseError&) {  // the boundary hour itself skipped by a DST change
        return from_local(end + boost::posix_time::hours(1));
    }
}

NightRange night_range(const Date& from, const Date& to) {
    if (to < from)
        throw ValidationError("to", to_string(to), "must not be before from (" + to_string(from) + ")");
    return NightRange{from, to};
}

NightRange with_rolling_window(const NightRange& range) {
    return {range.from - boost::gregorian::days(rolling_window_nights - 1), range.to};
}

}  // namespace legdiary
