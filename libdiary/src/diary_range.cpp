// Diary::range: a night range whose missing ends come from the diary's extent. Kept apart
// from diary.cpp: it uses only the public Diary API.
#include "legdiary/diary.hpp"
#include "legdiary/nights.hpp"

namespace legdiary {

std::optional<NightRange> Diary::range(std::optional<Date> from, std::optional<Date> to) const {
    if (!from || !to) {
        const auto known = extent();
        if (!known) return std::nullopt;
        if (!from) from = known->from;
        if (!to) to = known->to;
    }
    return night_range(*from, *to);
}

}  // namespace legdiary
