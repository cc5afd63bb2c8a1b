/// @file cohort.hpp
/// Many diaries read as one study (SPEC 8): the per-person rows of a cohort, each diary
/// opened read-only and nothing written, computed on many threads. A diary that cannot be
/// read gives its person an error row and never stops the cohort. The pooling of the
/// per-person rate ratios is statistics::pool (statistics.hpp).
#pragma once

#include <cstddef>
#include <exception>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/analysis.hpp"
#include "legdiary/model.hpp"

namespace legdiary {

/// Why a person has no numbers (SPEC 8's `error_kind`, with the message beside it).
struct PersonError {
    std::string kind;     ///< missing, foreign, newer, corrupt, busy or unreadable
    std::string message;  ///< the error in words, naming the file
};

/// One person's outcomes (SPEC 8): every summary field of SPEC 3 and the trend test over
/// the person's range — the given [from, to], or else the diary's own first to last night
/// with an entry. Equal to Diary::trends(range)'s summary and trend for that diary alone.
/// No range (and no numbers, and no error) for an empty diary, or one whose last night
/// comes before the given `from`.
struct PersonOutcomes {
    std::optional<NightRange> range;  ///< null for an error row and for an empty diary
    std::optional<Summary> summary;   ///< null where range is
    std::optional<TrendTest> trend;   ///< null where range is
    std::optional<PersonError> error;
};

/// The outcomes of the diaries at `paths`, in their order, on `threads` threads (0: every
/// core the process may use). `from` and `to` bound every person's range; an end left out
/// is each diary's own. ValidationError (field `to`) before any work when to < from.
[[nodiscard]] std::vector<PersonOutcomes> cohort_outcomes(std::span<const std::filesystem::path> paths,
                                                          std::optional<Date> from, std::optional<Date> to,
                                                          std::size_t threads = 0);

/// One person's comparison (SPEC 8): every comparison field of SPEC 3, robust ones
/// included, over the person's range as for PersonOutcomes; equal to Diary::compare.
struct PersonComparison {
    std::optional<NightRange> range;
    std::optional<Comparison> comparison;  ///< null where range is
    std::optional<PersonError> error;
};

/// The comparison by `exposure` (SPEC 3's names: compression, tag:NAME, after:DATE) of each
/// diary at `paths`, as cohort_outcomes. ValidationError before any work for a bad exposure
/// or to < from.
[[nodiscard]] std::vector<PersonComparison> cohort_comparisons(std::span<const std::filesystem::path> paths,
                                                               std::string_view exposure, std::optional<Date> from,
                                                               std::optional<Date> to, std::size_t threads = 0);

/// The error row of a diary that could not be read: the kind from StorageError::fault(),
/// `unreadable` for any other error; the message is the error's.
[[nodiscard]] PersonError person_error(const std::exception& error);

}  // namespace legdiary
