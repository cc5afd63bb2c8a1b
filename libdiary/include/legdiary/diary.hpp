/// @file diary.hpp
/// `legdiary::Diary`: one diary in one local SQLite file. The only place SQL lives.
/// (SPEC section 2; the schema is in docs/data-model.md.)
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/model.hpp"
#include "legdiary/tables.hpp"
#include "legdiary/trial.hpp"

namespace legdiary {

struct TrendOptions;
struct TrendReport;
struct Comparison;
struct FactorScreen;

/// How to open a diary.
struct OpenOptions {
    /// Night boundary hour (0–23), fixed when a diary is created; nullopt: 12 for a new diary,
    /// an existing diary's own. Given for an existing diary with another boundary, the open is
    /// refused (ValidationError naming night_boundary_hour) and the file left as it was.
    std::optional<int> night_boundary_hour;
    /// How long a write waits for another process's lock before BusyError.
    int busy_timeout_ms = 5000;
    /// Create the file when it does not exist (else StorageError).
    bool create = true;
    /// The diary's clock (UTC) for the "not in the future" rule; default: legdiary::now().
    std::function<DateTime()> clock_utc;
    /// Open an existing diary to read only (SQLITE_OPEN_READONLY; `create` is ignored):
    /// nothing is written to the file — no journal switch, no migration (a diary of an
    /// older schema is read through a copy in memory, migrated there) — and every write
    /// fails with StorageError. The `-wal` and `-shm` files SQLite makes beside a diary it
    /// reads are removed again when the Diary closes, unless they were there before or
    /// another program has the file open (then they are that program's). An empty file is
    /// refused (StorageError): it is not a diary yet.
    bool read_only = false;
};

/// A diary file. Every write is one `BEGIN IMMEDIATE` transaction: it is all there or not
/// at all, and refused input leaves the file exactly as it was. One Diary may be shared
/// by threads (calls are serialised); several processes may open the same file at once.
class Diary {
public:
    /// Opens the diary at `path`, creating it (mode 0600, missing folders 0700) when it does
    /// not exist. `":memory:"` opens a private in-memory diary. Refuses — and leaves
    /// untouched — a file of another application or of a newer schema (StorageError, with
    /// StorageError::fault() saying which; a missing file with OpenOptions::create false or
    /// read_only is StorageFault::missing).
    explicit Diary(const std::filesystem::path& path, OpenOptions options = {});
    ~Diary();
    Diary(Diary&&) noexcept;
    Diary& operator=(Diary&&) noexcept;
    Diary(const Diary&) = delete;
    Diary& operator=(const Diary&) = delete;

    /// `$LEGDIARY_DB` if set, else `$XDG_DATA_HOME/legdiary/diary.db`, else
    /// `~/.local/share/legdiary/diary.db`.
    static std::filesystem::path default_path();
    /// The schema version this library writes.
    static int current_schema_version();
    /// The SQLite `application_id` of a legdiary file.
    static std::int32_t application_id();

    /// The file this diary lives in.
    [[nodiscard]] const std::filesystem::path& path() const;
    /// Night boundary hour fixed when the diary was created.
    [[nodiscard]] int night_boundary_hour() const;
    /// The night an instant belongs to in this diary.
    [[nodiscard]] Date night_of(const Instant& instant) const;
    /// The diary's clock, UTC.
    [[nodiscard]] DateTime now_utc() const;

    /// What adding an episode did.
    struct AddResult {
        std::int64_t id = 0;   ///< the stored episode's id
        bool inserted = false; ///< false when an identical episode was already stored
    };
    /// Validates and stores an episode. An identical stored episode makes this a no-op;
    /// one that overlaps another on the same leg is refused (ValidationError).
    AddResult add_cramp(const CrampEpisode& episode);
    /// Validates and stores a night record, replacing the one for that night.
    void put_night(const NightRecord& record);
    /// Validates and stores a day log, replacing the one for that day.
    void put_day(const DayLog& log);

    /// What a merge stored.
    template <typename Entry>
    struct Merged {
        Entry entry;           ///< the entry as stored now
        bool existed = false;  ///< whether there was one to add to
    };
    /// Adds to the night record of `changes.night`: every value `changes` sets replaces the
    /// stored one, the others stay (see legdiary::merged). Read, merged, validated and
    /// written in one transaction, so two check-ins at once cannot erase each other.
    Merged<NightRecord> merge_night(const NightRecord& changes);
    /// Adds to the day log of `changes.day` likewise; tags are added to the stored ones.
    Merged<DayLog> merge_day(const DayLog& changes);

    /// Entries to store together, all or nothing (an import).
    struct Batch {
        std::vector<CrampEpisode> cramps;
        std::vector<NightRecord> nights;
        std::vector<DayLog> days;
    };
    /// What storing a batch did.
    struct BatchResult {
        std::size_t cramps_added = 0;
        std::size_t cramps_already_present = 0;
        std::size_t nights_put = 0;
        std::size_t days_put = 0;
        std::size_t trials_added = 0;            ///< trials stored (CSV import of trials.csv)
        std::size_t trials_already_present = 0;  ///< trials identical to stored ones, skipped
    };
    /// Validates and stores every entry in one transaction. Any bad entry refuses the
    /// whole batch with a ValidationError listing every problem, each with its `index`
    /// in its list; nothing is written. `known_problems` are problems the caller found
    /// already (rows of a file that could not be read): when there are any, nothing is
    /// written either, but the batch is still checked so that every problem is reported
    /// together, the caller's first.
    BatchResult add_batch(const Batch& batch, std::vector<Problem> known_problems = {});

    /// A streaming import: entries are checked and stored one at a time inside one
    /// `BEGIN IMMEDIATE` transaction, so an import of any size holds one entry in memory,
    /// and it is still all or nothing. Each entry is checked like add_batch checks it (the
    /// data model's rules, then duplicates and overlaps against the diary and the entries
    /// added before it). `commit()` stores everything, or, when any problem was found,
    /// writes nothing and throws one ValidationError listing every problem in the order
    /// found, each with the `index` given with its entry. Destroyed without commit(), the
    /// session rolls back. While it is open it holds the diary: calls on the same Diary
    /// from other threads wait for it to end, and the thread that opened it must not call
    /// the Diary until then.
    class Import {
    public:
        /// Opens the session: takes the write lock. `known_problems` are reported first.
        explicit Import(Diary& diary, std::vector<Problem> known_problems = {});
        ~Import();
        Import(const Import&) = delete;
        Import& operator=(const Import&) = delete;

        /// Checks and stores an entry; its problems are kept with `index`.
        void add(const CrampEpisode& episode, std::size_t index);
        void add(const NightRecord& record, std::size_t index);
        void add(const DayLog& log, std::size_t index);
        /// A trial as a file holds it (its `id` is ignored: the diary gives its own, in the
        /// order added), stored with every field given: a plan in the past, `stopped` and
        /// `stop_reason`, and `created` (the clock's time when not-a-date-time). The plan's
        /// rules (check(TrialPlan)) apply, and its nights — up to `stopped` — must not
        /// overlap another trial's, stored or added before. A trial identical to a stored
        /// one (every field; `created` too when given) is skipped. An overlap with a trial
        /// added before names it by its `index` as a line ("the trial on line 4"): the
        /// CSV import gives each row's line as its index.
        void add(const StoredTrial& trial, std::size_t index);
        /// A problem the caller found (say, a row of a file that could not be read).
        void add_problem(Problem problem);
        /// Commits, or throws the ValidationError of every problem found (nothing written).
        BatchResult commit();

    private:
        struct State;
        std::unique_ptr<State> state_;
    };

    /// One entry by key, if stored.
    [[nodiscard]] std::optional<CrampEpisode> cramp(std::int64_t id) const;
    [[nodiscard]] std::optional<NightRecord> night(const Date& night) const;
    [[nodiscard]] std::optional<DayLog> day(const Date& day) const;

    /// Entries in a night range (day logs by their date), in time order.
    [[nodiscard]] std::vector<CrampEpisode> cramps(const NightRange& range) const;
    [[nodiscard]] std::vector<NightRecord> nights(const NightRange& range) const;
    [[nodiscard]] std::vector<DayLog> days(const NightRange& range) const;

    /// Every entry in a night range (day logs by their date) — or in the whole diary when
    /// `range` is nullopt — read in one transaction, so they agree with each other even
    /// while another program writes.
    [[nodiscard]] Batch entries(const std::optional<NightRange>& range = std::nullopt) const;

    /// The first and last night or day with any entry; nullopt for an empty diary.
    [[nodiscard]] std::optional<NightRange> extent() const;

    /// The nights from..to, an end left out being the diary's first or last night or day
    /// with any entry (extent()); nullopt when an end is left out and the diary is empty.
    /// ValidationError (field `to`) when `to` is before `from` (night_range in nights.hpp).
    [[nodiscard]] std::optional<NightRange> range(std::optional<Date> from, std::optional<Date> to) const;

    /// Which tables `tables` reads: all by default; a frame of episodes need not read the
    /// day logs, and the factor screen reads five of the day logs' columns.
    struct TableSelection {
        bool episodes = true;  ///< DiaryTables::episodes
        bool nights = true;    ///< DiaryTables::nights
        bool days = true;      ///< DiaryTables::days, with their tags
        /// The day-log columns filled, by field name (fields.hpp), besides `day`; empty = all.
        std::vector<std::string> day_fields;
    };

    /// The range's entries as columns, one query per table, in one read transaction.
    /// Tables not selected are left empty, and so are the day-log columns not selected
    /// (ValidationError, field `day_fields`, for a name that is no day-log field).
    [[nodiscard]] DiaryTables tables(const NightRange& range, const TableSelection& selection) const;
    /// Every table of the range.
    [[nodiscard]] DiaryTables tables(const NightRange& range) const { return tables(range, TableSelection{}); }

    /// Deletes one entry; NotFoundError when there is none.
    void delete_cramp(std::int64_t id);
    void delete_night(const Date& night);
    void delete_day(const Date& day);

    /// Trends over a night range (analysis.hpp has the types; defined in the analysis layer).
    [[nodiscard]] TrendReport trends(const NightRange& range, const TrendOptions& options) const;
    /// One N-of-1 comparison (`compression`, `tag:NAME`, `after:YYYY-MM-DD`) over a night range.
    [[nodiscard]] Comparison compare(const NightRange& range, std::string_view exposure) const;
    /// The factor screen of a night range (factors.hpp; SPEC 6): every factor at lags 0 and 1.
    [[nodiscard]] FactorScreen factors(const NightRange& range) const;

    /// Stores a new randomised N-of-1 trial (trial.hpp; SPEC 7) and returns it with its id
    /// and `created` (UTC, from the diary's clock). Refused with a ValidationError naming
    /// the field, and nothing written: a plan that breaks a bound (check_trial_plan), a
    /// `start` before `today` unless `allow_past_start` (CSV import of past trials), a plan
    /// whose nights (start … trial_end) overlap another trial's (`start`), a plan already
    /// stopped. A stored plan is never edited: the file refuses any update but a stop.
    StoredTrial plan_trial(TrialPlan plan, const Date& today, bool allow_past_start = false);
    /// Every trial, by start.
    [[nodiscard]] std::vector<StoredTrial> trials() const;
    /// One trial; nullopt when there is none with this id.
    [[nodiscard]] std::optional<StoredTrial> trial(std::int64_t id) const;
    /// The trial that is planned, in its run-in or running on `today` (not stopped and not
    /// finished; the earliest, should several be planned); nullopt when there is none.
    [[nodiscard]] std::optional<StoredTrial> active_trial(const Date& today) const;
    /// Stops the active trial (active_trial(today)) with a reason (≤ 2000 characters):
    /// `stopped` = today, the first night not counted. NotFoundError (field `trial`) when
    /// no trial is active; ValidationError for a bad reason.
    StoredTrial stop_trial(std::string reason, const Date& today);
    /// A trial's analysis as seen on `today` (analyse_trial on its nights and day logs).
    /// NotFoundError (field `id`) when there is no such trial.
    [[nodiscard]] TrialAnalysis trial_status(std::int64_t id, const Date& today) const;

    /// A consistent copy of the whole diary at `destination` (SQLite online backup, in one
    /// step), created owner-only. Refuses to overwrite an existing file.
    void backup(const std::filesystem::path& destination) const;
    /// SQLite's integrity and foreign-key checks; empty when the file is healthy, else one
    /// line per problem.
    [[nodiscard]] std::vector<std::string> check() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace legdiary
