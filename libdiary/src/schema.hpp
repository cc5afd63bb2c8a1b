// The diary's schema and its forward migrations. Internal to the store.
#pragma once

#include <SQLiteCpp/Database.h>

namespace legdiary::detail {

/// 'LgDy' — marks a SQLite file as a legdiary diary (PRAGMA application_id).
inline constexpr int legdiary_application_id = 0x4C674479;

/// The schema version this library writes (PRAGMA user_version).
inline constexpr int current_schema_version = 2;

/// Brings a file (version 0 = empty) up to the current schema, one migration
/// per transaction. `night_boundary_hour` is used only when the file is new.
void migrate(SQLite::Database& db, int night_boundary_hour);

}  // namespace legdiary::detail
