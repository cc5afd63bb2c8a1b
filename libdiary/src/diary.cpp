// The public calls of a Diary: opening, and each read or write in one transaction. The
// work behind them is in the files diary_impl.hpp lists.
#include "legdiary/diary.hpp"

#include <cstdlib>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "diary_impl.hpp"
#include "legdiary/files.hpp"
#include "legdiary/time.hpp"
#include "schema.hpp"

namespace legdiary {
namespace fs = std::filesystem;

Diary::Diary(const fs::path& path, OpenOptions options) : impl_(std::make_unique<Impl>()) {
    const int boundary = options.night_boundary_hour.value_or(default_night_boundary_hour);
    if (boundary < 0 || boundary > 23)
        throw ValidationError("night_boundary_hour", std::to_string(boundary), "must be 0..23");
    impl_->path = path;
    impl_->clock_utc = options.clock_utc ? std::move(options.clock_utc) : [] { return legdiary::now().utc(); };
    const bool in_memory = path == ":memory:";
    try {
        if (!in_memory) {
            if (!fs::exists(path)) {
                if (!options.create || options.read_only)
                    throw StorageError("no diary at " + path.string(), 0, StorageFault::missing);
                create_private_file(path, IfExists::keep);
            } else if (fs::is_directory(path)) {
                throw StorageError(path.string() + " is a folder, not a diary file");
            }
        }
        if (options.read_only && !in_memory)
            impl_->remove_wal_files = !fs::exists(path.string() + "-wal") && !fs::exists(path.string() + "-shm");
        // NOMUTEX: every use of the connection holds Impl::mutex already, so SQLite's own
        // lock around each call (15% of the time of reading a large range) buys nothing.
        const int access = options.read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
        impl_->db = std::make_unique<SQLite::Database>(path.string(), access | SQLite::OPEN_NOMUTEX,
                                                       options.busy_timeout_ms);
        impl_->settle(options, boundary, in_memory);
    } catch (const SQLite::Exception& error) {
        detail::rethrow_storage(error, "cannot open " + path.string());
    }
}

Diary::~Diary() = default;

void Diary::Impl::close_read_only() noexcept {
    try {
        statements.clear();
        db.reset();
        if (!fs::exists(path.string() + "-wal") || fs::file_size(path.string() + "-wal") != 0) return;
        SQLite::Database last(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
        (void)last.execAndGet("PRAGMA schema_version");  // opens the WAL, so closing ends it
    } catch (...) {
        // The files stay: a read-only file, or another program's lock. Nothing was written.
    }
}
Diary::Diary(Diary&&) noexcept = default;
Diary& Diary::operator=(Diary&&) noexcept = default;

fs::path Diary::default_path() {
    if (const char* explicit_path = std::getenv("LEGDIARY_DB"); explicit_path && *explicit_path)
        return explicit_path;
    if (const char* data_home = std::getenv("XDG_DATA_HOME"); data_home && *data_home)
        return fs::path(data_home) / "legdiary" / "diary.db";
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw StorageError("cannot find the default diary: neither LEGDIARY_DB nor HOME is set");
    return fs::path(home) / ".local" / "share" / "legdiary" / "diary.db";
}

int Diary::current_schema_version() { return detail::current_schema_version; }
std::int32_t Diary::application_id() { return detail::legdiary_application_id; }
const fs::path& Diary::path() const { return impl_->path; }
int Diary::night_boundary_hour() const { return impl_->night_boundary_hour; }
Date Diary::night_of(const Instant& instant) const { return legdiary::night_of(instant, impl_->night_boundary_hour); }
DateTime Diary::now_utc() const { return impl_->clock_utc(); }

Diary::AddResult Diary::add_cramp(const CrampEpisode& episode) {
    validate(episode, impl_->clock_utc());
    return impl_->guarded("cannot store the cramp", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        const auto conflict = impl_->conflict(episode);
        if (const auto* id = std::get_if<std::int64_t>(&conflict)) return AddResult{*id, false};
        if (const auto* problem = std::get_if<Problem>(&conflict)) throw ValidationError({*problem});
        const std::int64_t id = impl_->insert_cramp(episode);
        transaction.commit();
        return AddResult{id, true};
    });
}

void Diary::put_night(const NightRecord& record) {
    validate(record);
    impl_->guarded("cannot store the night record", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        impl_->upsert_night(record);
        transaction.commit();
    });
}

void Diary::put_day(const DayLog& log) {
    validate(log);
    impl_->guarded("cannot store the day log", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        impl_->upsert_day(log);
        transaction.commit();
    });
}

std::optional<CrampEpisode> Diary::cramp(std::int64_t id) const {
    return impl_->guarded("cannot read the diary", [&]() -> std::optional<CrampEpisode> {
        return impl_->read_cramp(id);
    });
}

std::optional<NightRecord> Diary::night(const Date& night) const {
    return impl_->guarded("cannot read the diary", [&] { return impl_->read_night_record(night); });
}

std::optional<DayLog> Diary::day(const Date& day) const {
    return impl_->guarded("cannot read the diary", [&] { return impl_->read_day_log(day); });
}

Diary::Merged<NightRecord> Diary::merge_night(const NightRecord& changes) {
    validate(changes);
    return impl_->guarded("cannot store the night record", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        const auto stored = impl_->read_night_record(changes.night);
        Merged<NightRecord> result{stored ? merged(*stored, changes) : changes, stored.has_value()};
        validate(result.entry);  // e.g. a new waketime before the stored bedtime
        impl_->upsert_night(result.entry);
        transaction.commit();
        return result;
    });
}

Diary::Merged<DayLog> Diary::merge_day(const DayLog& changes) {
    validate(changes);
    return impl_->guarded("cannot store the day log", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        const auto stored = impl_->read_day_log(changes.day);
        Merged<DayLog> result{stored ? merged(*stored, changes) : changes, stored.has_value()};
        validate(result.entry);
        impl_->upsert_day(result.entry);
        transaction.commit();
        return result;
    });
}

std::vector<CrampEpisode> Diary::cramps(const NightRange& range) const {
    return impl_->guarded("cannot read the diary", [&] { return impl_->read_cramps(range); });
}

std::vector<NightRecord> Diary::nights(const NightRange& range) const {
    return impl_->guarded("cannot read the diary", [&] { return impl_->read_nights(range); });
}

std::vector<DayLog> Diary::days(const NightRange& range) const {
    return impl_->guarded("cannot read the diary", [&] { return impl_->read_days(range); });
}

std::optional<NightRange> Diary::extent() const {
    return impl_->guarded("cannot read the diary", [&] { return impl_->read_extent(); });
}

Diary::Batch Diary::entries(const std::optional<NightRange>& range) const {
    return impl_->guarded("cannot read the diary", [&] {
        // One read transaction: a writer committing meanwhile is either wholly seen or not.
        SQLite::Transaction snapshot(*impl_->db);
        Batch all;
        if (const auto span = range ? range : impl_->read_extent()) {
            all.cramps = impl_->read_cramps(*span);
            all.nights = impl_->read_nights(*span);
            all.days = impl_->read_days(*span);
        }
        snapshot.commit();
        return all;
    });
}

DiaryTables Diary::tables(const NightRange& range, const TableSelection& selection) const {
    const auto day_columns = detail::field_mask<DayLog>(selection.day_fields, "day_fields");
    return impl_->guarded("cannot read the diary", [&] {
        // One read transaction, as in entries(): the tables come from one state of the file.
        SQLite::Transaction snapshot(*impl_->db);
        DiaryTables tables;
        if (selection.episodes) tables.episodes = impl_->read_episode_table(range);
        if (selection.nights) tables.nights = impl_->read_night_table(range);
        if (selection.days) tables.days = impl_->read_day_table(range, day_columns);
        snapshot.commit();
        return tables;
    });
}

namespace {
template <typename Bind>
void delete_one(SQLite::Database& db, const std::string& sql, Bind&& bind, const std::string& field,
                const std::string& value, const std::string& missing) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement statement(db, sql);
    bind(statement);
    if (statement.exec() == 0) throw NotFoundError(field, value, missing);
    transaction.commit();
}
}  // namespace

void Diary::delete_cramp(std::int64_t id) {
    impl_->guarded("cannot delete the cramp", [&] {
        delete_one(*impl_->db, "DELETE FROM cramp WHERE id = ?", [&](auto& s) { s.bind(1, id); },
                   "id", std::to_string(id), "no cramp with this id");
    });
}

void Diary::delete_night(const Date& night) {
    impl_->guarded("cannot delete the night record", [&] {
        delete_one(*impl_->db, "DELETE FROM night WHERE night = ?", [&](auto& s) { s.bind(1, to_string(night)); },
                   "night", to_string(night), "no check-in for this night");
    });
}

void Diary::delete_day(const Date& day) {
    impl_->guarded("cannot delete the day log", [&] {
        delete_one(*impl_->db, "DELETE FROM day WHERE day = ?", [&](auto& s) { s.bind(1, to_string(day)); },
                   "day", to_string(day), "no day log for this day");
    });
}

void Diary::backup(const fs::path& destination) const {
    impl_->guarded("cannot back up the diary", [&] {
        // Refused atomically when the file exists, even one made a moment ago.
        create_private_file(destination, IfExists::refuse);
        try {
            SQLite::Database target(destination.string(), SQLite::OPEN_READWRITE);
            SQLite::Backup copy(target, *impl_->db);
            copy.executeStep(-1);  // one step: an incremental copy restarts under a busy writer
        } catch (...) {
            std::error_code ignored;
            fs::remove(destination, ignored);
            throw;
        }
    });
}

std::vector<std::string> Diary::check() const {
    return impl_->guarded("cannot check the diary", [&] {
        std::vector<std::string> problems;
        SQLite::Statement integrity(*impl_->db, "PRAGMA integrity_check");
        while (integrity.executeStep())
            if (const std::string line = integrity.getColumn(0).getString(); line != "ok") problems.push_back(line);
        SQLite::Statement keys(*impl_->db, "PRAGMA foreign_key_check");
        while (keys.executeStep())
            problems.push_back("table " + keys.getColumn(0).getString() + " row " + keys.getColumn(1).getString() +
                               " refers to a missing " + keys.getColumn(2).getString());
        return problems;
    });
}

}  // namespace legdiary
