// Diary::Impl, the connection behind a Diary: the SQLite database, its statement cache and
// the lock that serialises every use of it. Its work is split by job across files:
//   diary_connection.cpp  settling a file once open, the statement cache, errors
//   rows.hpp              row mapping (every column list, bind and read from the field table)
//   diary_writes.cpp      inserting and replacing entries
//   diary_conflicts.cpp   duplicate and overlap checks of cramp episodes
//   diary_ranges.cpp      readers of a night range: entries, columnar tables, extent
//   diary_import.cpp      the import session (Diary::Import) and add_batch written on it
//   diary_trials.cpp      randomised N-of-1 trials: plan, read, stop, analyse (SPEC 7)
//   diary.cpp             the public Diary calls, each one transaction
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "legdiary/diary.hpp"
#include "legdiary/time.hpp"
#include "rows.hpp"

namespace legdiary {

namespace detail {
/// Turns an SQLite error into the library's: BusyError for a lock, StorageError otherwise.
[[noreturn]] void rethrow_storage(const SQLite::Exception& error, const std::string& what);
/// Seconds since 1970-01-01T00:00Z of a UTC date-time: the stored onset_utc.
std::int64_t epoch_seconds(const DateTime& utc);
}  // namespace detail

struct Diary::Impl {
    std::filesystem::path path;
    std::function<DateTime()> clock_utc;
    int night_boundary_hour = default_night_boundary_hour;
    mutable std::mutex mutex;
    std::unique_ptr<SQLite::Database> db;
    // Declared after db: statements are destroyed before the database they belong to.
    mutable std::map<std::string, std::unique_ptr<SQLite::Statement>> statements;
    /// Opened read-only on a file that had no -wal and -shm beside it: remove the ones
    /// SQLite made when the Diary closes (close_read_only).
    bool remove_wal_files = false;

    /// Closes the read-only connection; then, where remove_wal_files, opens and closes a
    /// read-write one so that SQLite's own close removes the -wal and -shm files — it does
    /// so only as the file's last connection, and an empty -wal leaves the diary's bytes as
    /// they were. Never throws. Run by ~Impl, so also when the open itself was refused.
    void close_read_only() noexcept;
    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (remove_wal_files) close_read_only();
    }

    /// After the file is open: checks it is a legdiary diary of a known version, sets the
    /// journal, migrates and reads the night boundary, repeating on SQLITE_BUSY until
    /// `options.busy_timeout_ms` (diary_connection.cpp).
    void settle(const OpenOptions& options, int boundary, bool in_memory);
    void settle_once(const OpenOptions& options, int boundary, bool in_memory);
    /// Reads the night boundary and refuses a different one asked for in `options`.
    void read_boundary(const OpenOptions& options);

    /// A cached prepared statement, reset and with its bindings cleared.
    SQLite::Statement& statement(const std::string& sql) const;

    // --- writes (diary_writes.cpp)
    std::int64_t insert_cramp(const CrampEpisode& episode) const;
    void upsert_night(const NightRecord& record) const;
    void upsert_day(const DayLog& log) const;
    /// The id the next inserted episode gets: the largest so far plus one.
    std::int64_t next_cramp_id() const;

    // --- conflicts (diary_conflicts.cpp)
    /// The problem with an episode against what is stored: a duplicate (returns its id) or
    /// an overlap on the same leg (returns a Problem). Ids from `first_batch_id` on are
    /// episodes inserted earlier in the same, still uncommitted input: their ids would
    /// vanish with a refusal, so they are named by their onset instead.
    std::variant<std::monostate, std::int64_t, Problem> conflict(
        const CrampEpisode& episode, std::int64_t first_batch_id = std::numeric_limits<std::int64_t>::max()) const;

    // --- trials (diary_trials.cpp)
    /// Every stored trial, by start (then id).
    std::vector<StoredTrial> read_trials() const;
    std::optional<StoredTrial> read_trial(std::int64_t id) const;
    /// A trial whose nights overlap a plan's, with the nights it holds (up to the night
    /// before its `stopped`).
    struct TrialOverlap {
        StoredTrial trial;
        NightRange nights;
    };
    /// The first of `trials` whose nights (up to its `stopped`) overlap `plan`'s (up to its
    /// own `stopped`); nullopt when none does.
    static std::optional<TrialOverlap> overlapping_trial(const TrialPlan& plan, const std::vector<StoredTrial>& trials);
    /// Inserts a plan as it is (`created` must be set; `stopped`, `stop_reason` too when
    /// given) and returns its id. The caller has checked it.
    std::int64_t insert_trial(const TrialPlan& plan) const;
    /// `created` as stored: UTC to the second.
    static DateTime created_to_the_second(const DateTime& utc);

    // --- readers (diary_ranges.cpp)
    std::optional<CrampEpisode> read_cramp(std::int64_t id) const;
    std::optional<NightRecord> read_night_record(const Date& night) const;
    std::optional<DayLog> read_day_log(const Date& day) const;
    std::vector<CrampEpisode> read_cramps(const NightRange& range) const;
    std::vector<NightRecord> read_nights(const NightRange& range) const;
    std::vector<DayLog> read_days(const NightRange& range) const;
    std::optional<NightRange> read_extent() const;
    EpisodeTable read_episode_table(const NightRange& range) const;
    NightTable read_night_table(const NightRange& range) const;
    DayTable read_day_table(const NightRange& range, const detail::FieldMask& fields) const;

    /// Resets every cached statement. A statement left on a row keeps its read transaction
    /// open: in WAL mode the connection would keep reading that old snapshot, never see
    /// other connections' writes, and fail its next write with SQLITE_BUSY_SNAPSHOT.
    void reset_statements() const noexcept {
        for (auto& entry : statements)
            if (entry.second) entry.second->tryReset();
    }

    /// Runs `fn` with SQLite's errors turned into the library's; the caller holds `mutex`.
    template <typename Fn>
    auto locked(const std::string& what, Fn&& fn) const {
        struct ResetAfter {
            const Impl& impl;
            ~ResetAfter() { impl.reset_statements(); }
        } reset_after{*this};
        try {
            return fn();
        } catch (const SQLite::Exception& error) {
            detail::rethrow_storage(error, what);
        }
    }

    /// `locked`, taking the lock.
    template <typename Fn>
    auto guarded(const std::string& what, Fn&& fn) const {
        std::lock_guard lock(mutex);
        return locked(what, std::forward<Fn>(fn));
    }
};

}  // namespace legdiary
