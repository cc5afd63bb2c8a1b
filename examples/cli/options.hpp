/// @file options.hpp
/// Options the `legdiary` commands share: the global --db option and the diary it names,
/// night ranges (--from, --to, --weeks, --compare), and numbers typed as option values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <legdiary/diary.hpp>
#include <legdiary/error.hpp>
#include <legdiary/model.hpp>
#include <legdiary/nights.hpp>
#include <legdiary/numbers.hpp>

namespace CLI {
class App;
}

namespace legdiary::cli {

/// The global options and the action of the command that was chosen. The parser only
/// fills these in; `main` runs `run` afterwards, inside the one error mapping.
struct Context {
    std::string db;            ///< --db; empty: Diary::default_path()
    std::function<int()> run;  ///< the chosen command
};

/// The diary file the command works on: --db, else $LEGDIARY_DB, else the default path.
std::filesystem::path diary_path(const Context& context);
/// Opens (creating when missing) the diary the command works on.
Diary open_diary(const Context& context);
/// Opens the diary only if its file exists; FileNotFoundError (exit 66) otherwise.
Diary open_existing_diary(const Context& context);

/// The night range of --from/--to (their order checked by the library's night_range).
/// Without --to the range ends at `default_to`; without --from it is `default_nights`
/// nights long.
NightRange typed_night_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                             const Date& default_to, std::int64_t default_nights);

/// The range of `trends` and `report`: --from/--to, by default the --weeks weeks (8 when
/// not given) ending last night.
NightRange weeks_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const std::optional<std::string>& weeks, const Instant& now);

/// --from, --to, --weeks and --compare, as `trends` and `report` take them.
struct TrendRangeOptions {
    std::optional<std::string> from, to, weeks;
    std::vector<std::string> compare;

    /// The nights they name at `now` (weeks_range).
    [[nodiscard]] NightRange range(const Instant& now) const { return weeks_range(from, to, weeks, now); }
};
/// Declares those options on `command`.
void add_trend_range_options(CLI::App& command, TrendRangeOptions& options);

/// Collects the problems of several conversions, so that one run reports every bad
/// option at once instead of one per try.
class ProblemList {
public:
    /// Runs `convert`; a ValidationError it throws is kept instead of propagated.
    template <typename Convert>
    void attempt(Convert&& convert) {
        try {
            convert();
        } catch (const ValidationError& error) {
            problems_.insert(problems_.end(), error.problems().begin(), error.problems().end());
        }
    }
    /// Throws one ValidationError with every problem kept, if any.
    void throw_if_any() const {
        if (!problems_.empty()) throw ValidationError(problems_);
    }

private:
    std::vector<Problem> problems_;
};

}  // namespace legdiary::cli
