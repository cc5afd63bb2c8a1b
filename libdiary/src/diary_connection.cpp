// The connection of a Diary: its statement cache and the mapping of SQLite's errors.
#include <sqlite3.h>

#include "diary_impl.hpp"

namespace legdiary {

namespace detail {

void rethrow_storage(const SQLite::Exception& error, const std::string& what) {
    const int code = error.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        throw BusyError(what + ": the diary is busy (another program is writing to it); try again", code);
    throw StorageError(what + ": " + error.what(), code);
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

}  // namespace legdiary
