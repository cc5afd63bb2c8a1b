// The cohort's per-person rows (cohort.hpp, SPEC 8): each diary opened read-only on one of
// the threads, its tables read once, the summary and trend test of SPEC 3 computed as
// Diary::trends computes them.
#include "legdiary/cohort.hpp"

#include "legdiary/diary.hpp"
#include "legdiary/error.hpp"
#include "legdiary/nights.hpp"
#include "parallel.hpp"

namespace legdiary {

PersonError person_error(const std::exception& error) {
    if (const auto* storage = dynamic_cast<const StorageError*>(&error)) {
        switch (storage->fault()) {
            case StorageFault::missing: return {"missing", error.what()};
            case StorageFault::foreign: return {"foreign", error.what()};
            case StorageFault::newer: return {"newer", error.what()};
            case StorageFault::corrupt: return {"corrupt", error.what()};
            case StorageFault::busy: return {"busy", error.what()};
            case StorageFault::other: break;
        }
    }
    return {"unreadable", error.what()};
}

namespace {

// Opens each diary read-only on the threads and hands it with its range to `compute`; a
// diary that cannot be read gets its error, an empty one (or one whose last night is
// before `from`) no range. Row is PersonOutcomes or PersonComparison.
template <typename Row, typename Compute>
std::vector<Row> per_person(std::span<const std::filesystem::path> paths, std::optional<Date> from,
                            std::optional<Date> to, std::size_t threads, Compute compute) {
    if (from && to) (void)night_range(*from, *to);  // the ends in order, before any work
    std::vector<Row> rows(paths.size());
    detail::for_each_index_in_parallel(
        paths.size(),
        [&](std::size_t i) {
            Row& row = rows[i];
            try {
                OpenOptions options;
                options.read_only = true;
                const Diary diary(paths[i], options);
                try {
                    row.range = diary.range(from, to);
                } catch (const ValidationError&) {
                    return;  // the diary's own end falls before the given start: no nights in range
                }
                if (row.range) compute(diary, *row.range, row);
            } catch (const std::exception& error) {
                row = Row{};
                row.error = person_error(error);
            }
        },
        threads);
    return rows;
}

}  // namespace

std::vector<PersonOutcomes> cohort_outcomes(std::span<const std::filesystem::path> paths, std::optional<Date> from,
                                            std::optional<Date> to, std::size_t threads) {
    return per_person<PersonOutcomes>(paths, from, to, threads, [](const Diary& diary, const NightRange& range,
                                                                   PersonOutcomes& row) {
        // What Diary::trends reads and computes, less the series, comparisons,
        // distributions and alerts the row does not carry.
        const DiaryTables tables = diary.tables(range);
        const int min_nights = TrendOptions{}.min_nights;
        row.summary = compute_summary(tables, range);
        row.trend = compute_trend_test(compute_weekly(tables, range, min_nights), min_nights);
    });
}

std::vector<PersonComparison> cohort_comparisons(std::span<const std::filesystem::path> paths, std::string_view exposure,
                                                 std::optional<Date> from, std::optional<Date> to, std::size_t threads) {
    (void)parse_exposure(exposure);  // a bad name is refused before any work
    return per_person<PersonComparison>(paths, from, to, threads, [&](const Diary& diary, const NightRange& range,
                                                                      PersonComparison& row) {
        row.comparison = diary.compare(range, exposure);
    });
}

}  // namespace legdiary
