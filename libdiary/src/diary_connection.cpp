// The connection of a Diary: settling a freshly opened file, the statement cache and the
// mapping of SQLite's errors.
#include <chrono>
#include <thread>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "diary_impl.hpp"
#include "schema.hpp"

namespace legdiary {

namespace detail {

void rethrow_storage(const SQLite::Exception& error, const std::string& what) {
    const int code = error.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        throw BusyError(what + ": the diary is busy (another program is writing to it); try again", code);
    const bool corrupt = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    throw StorageError(what + ": " + error.what(), code, corrupt ? StorageFault::corrupt : StorageFault::other);
}

std::int64_t epoch_seconds(const DateTime& utc) { return (utc - DateTime(Date(1970, 1, 1))).total_seconds(); }

}  // namespace detail

SQLite::Statement& Diary::Impl::statement(const std::string& sql) const {
    auto& slot = statements[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(*db, sql);
    slot->reset();
    slot->clearBindings();
    return *slot;
}

namespace {

bool busy(const SQLite::Exception& error) {
    return error.getErrorCode() == SQLITE_BUSY || error.getErrorCode() == SQLITE_LOCKED;
}

}  // namespace

// Everything after the file is open: look, set the journal, migrate, read the boundary.
// While several programs open a new diary at once, SQLite answers some steps of the switch
// to WAL and of its recovery with SQLITE_BUSY at once, without waiting in the busy handler;
// each step here is safe to repeat, so the whole settling is repeated until busy_timeout_ms.
void Diary::Impl::settle(const OpenOptions& options, int boundary, bool in_memory) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
    for (;;) {
        try {
            settle_once(options, boundary, in_memory);
            return;
        } catch (const SQLite::Exception& error) {
            if (!busy(error) || std::chrono::steady_clock::now() >= deadline) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
}

void Diary::Impl::settle_once(const OpenOptions& options, int boundary, bool in_memory) {
    auto& connection = *db;
    // Look before touching: a foreign or newer file must stay byte-for-byte as it is,
    // so nothing (not even the journal mode) is changed until it is known to be ours.
    // The three values come from one read transaction: read one by one, a diary that
    // another program creates meanwhile could show its tables without its application id.
    int application = 0, version = 0, objects = 0;
    try {
        SQLite::Transaction look(connection, SQLite::TransactionBehavior::DEFERRED);
        application = connection.execAndGet("PRAGMA application_id").getInt();
        version = connection.execAndGet("PRAGMA user_version").getInt();
        objects = connection.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
        look.commit();
    } catch (const SQLite::Exception& error) {
        if (error.getErrorCode() == SQLITE_NOTADB)
            throw StorageError(path.string() + " is not a legdiary diary (not an SQLite database); left untouched",
                               SQLITE_NOTADB, StorageFault::corrupt);
        throw;
    }
    const bool fresh = application == 0 && version == 0 && objects == 0;
    if (!fresh && application != detail::legdiary_application_id)
        throw StorageError(path.string() + " is not a legdiary diary (an SQLite file of another application); "
                           "left untouched", 0, StorageFault::foreign);
    if (version > detail::current_schema_version)
        throw StorageError(path.string() + " was written by a newer legdiary (schema version " +
                           std::to_string(version) + "; this one knows up to " +
                           std::to_string(detail::current_schema_version) + "); left untouched", 0, StorageFault::newer);
    if (options.read_only && !in_memory) {
        if (fresh)
            throw StorageError(path.string() + " is empty: not a diary yet (opened read-only, so it was left so)");
        if (version < detail::current_schema_version) {
            // An older diary is migrated in a copy in memory: the file itself is never written.
            auto copy = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
            SQLite::Backup(*copy, connection).executeStep();
            statements.clear();
            db = std::move(copy);
            detail::migrate(*db, boundary);
        }
        read_boundary(options);
        return;
    }
    if (!in_memory) {
        connection.exec("PRAGMA journal_mode = WAL");
        connection.exec("PRAGMA synchronous = FULL");
    }
    connection.exec("PRAGMA foreign_keys = ON");
    detail::migrate(connection, boundary);
    read_boundary(options);
}

void Diary::Impl::read_boundary(const OpenOptions& options) {
    night_boundary_hour = db->execAndGet("SELECT night_boundary_hour FROM diary_info WHERE id = 1").getInt();
    // Every front end (CLI, Python) gets this one refusal rather than a silently kept boundary.
    if (options.night_boundary_hour && *options.night_boundary_hour != night_boundary_hour)
        throw ValidationError("night_boundary_hour", std::to_string(*options.night_boundary_hour),
                              "the diary " + path.string() + " already exists with night boundary " +
                                  std::to_string(night_boundary_hour) +
                                  ":00, and a diary's boundary is fixed when it is created");
}

}  // namespace legdiary
