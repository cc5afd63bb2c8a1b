/// @file nights.hpp
/// Rules about which nights a front end means, written once for the CLI, Python and C++
/// callers alike: "last night", the clock a late check-in's times are read against, the
/// order of a range's two ends, and the nights the rolling rate looks back over. Time layer
/// (model and time only). Filling a range's missing ends from a diary is Diary::range.
#pragma once

#include <cstdint>

#include "legdiary/model.hpp"

namespace legdiary {

/// The night that ended most recently: the one named by yesterday's local date. At 07:30
/// on Sat 21 Nov that is Fri 20 Nov, and it stays Fri 20 Nov all Saturday (the default of
/// the morning check-in).
[[nodiscard]] Date last_night(const Instant& now);

/// The moment relative to which the clock times of a check-in for `night` are read
/// (`--bed 23:10` with `parse_time_expression`): `now` while the night has not ended, else
/// the end of the night (its boundary hour on the next day), as if the check-in had been
/// typed then — so `23:15` is the night's evening and `06:40` its morning. When the clocks
/// skip that boundary hour (DST), the hour after it.
[[nodiscard]] Instant check_in_reference_time(const Date& night, int boundary_hour, const Instant& now);

/// The night range [from, to]; ValidationError `to = "TO": must not be before from (FROM)`
/// when the ends are the wrong way round. The one check of a range's order, whoever typed it.
[[nodiscard]] NightRange night_range(const Date& from, const Date& to);

/// Nights in the rolling window of the nightly series (SPEC 3): [night − 6, night].
inline constexpr int rolling_window_nights = 7;

/// The nights whose entries the nightly series of `range` needs: the range and the 6 nights
/// before it, which the rolling rate of its first nights looks back over.
[[nodiscard]] NightRange with_rolling_window(const NightRange& range);

}  // namespace legdiary
