#include "schema.hpp"

#include <functional>
#include <string>
#include <vector>

#include <SQLiteCpp/Transaction.h>

namespace legdiary::detail {
namespace {

// Patterns for the text forms of dates and instants. The CHECKs below also pass them
// through SQLite's date arithmetic ('+0 days' normalises 2026-02-30 to 2026-03-02), so an
// impossible date is refused even when another tool writes it.
const std::string date_glob = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'";
const std::string instant_glob =
    "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9][+-][0-9][0-9]:[0-9][0-9]'";

std::string date_check(const std::string& column) {
    return "(" + column + " GLOB " + date_glob + " AND date(" + column + ", '+0 days') = " + column + ")";
}

std::string instant_check(const std::string& column) {
    return "(" + column + " IS NULL OR " + column + " GLOB " + instant_glob + " AND datetime(substr(" + column + ", 1, 19), '+0 days') = replace(substr(" + column +
           ", 1, 19), 'T', ' ') AND CAST(substr(" +
           column + ", 21, 2) AS INTEGER) * 60 + CAST(substr(" + column + ", 24, 2) AS INTEGER) <= " +
           "CASE substr(" + column + ", 20, 1) WHEN '+' THEN 840 ELSE 720 END)";
}

std::string range_check(const std::string& column, const std::string& low, const std::string& high) {
    return "CHECK (" + column + " BETWEEN " + low + " AND " + high + ")";
}

// Version 1: the first schema. The night boundary hour is fixed when a diary is created,
// so the rule that assigns each episode to its night is written into the table itself.
void create_v1(SQLite::Database& db, int night_boundary_hour) {
    const std::string hours = std::to_string(night_boundary_hour);
    std::string symptom_columns;
    for (const char* name : {"heaviness", "aching", "throbbing", "burning", "itching", "restless_legs", "tingling",
                             "swelling_feeling"})
        symptom_columns += std::string("  ") + name + " INTEGER " + range_check(name, "0", "10") + ",\n";

    db.exec(
        "CREATE TABLE diary_info (\n"
        "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
        "  night_boundary_hour INTEGER NOT NULL CHECK (night_boundary_hour BETWEEN 0 AND 23),\n"
        "  created_utc TEXT NOT NULL\n"
        ") STRICT;\n"
        "INSERT INTO diary_info (id, night_boundary_hour, created_utc) VALUES (1, " + hours +
        ", strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));\n"

        "CREATE TABLE cramp (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  onset TEXT NOT NULL CHECK " + instant_check("onset") + ",\n"
        "  onset_utc INTEGER NOT NULL CHECK (onset_utc = CAST(strftime('%s', onset) AS INTEGER)),\n"
        "  night TEXT NOT NULL CHECK (night = date(substr(onset, 1, 19), '-" + hours + " hours')),\n"
        "  duration_s INTEGER NOT NULL " + range_check("duration_s", "1", "3600") + ",\n"
        "  leg TEXT NOT NULL CHECK (leg IN ('left', 'right', 'both')),\n"
        "  muscle TEXT NOT NULL DEFAULT 'calf'\n"
        "    CHECK (muscle IN ('calf', 'foot', 'toes', 'thigh', 'hamstring', 'shin', 'other')),\n"
        "  intensity INTEGER " + range_check("intensity", "0", "10") + ",\n"
        "  woke INTEGER CHECK (woke IN (0, 1)),\n"
        "  notes TEXT CHECK (length(notes) <= 2000)\n"
        ") STRICT;\n"
        "CREATE INDEX cramp_by_night ON cramp (night);\n"
        "CREATE INDEX cramp_by_onset ON cramp (onset_utc);\n"

        "CREATE TABLE night (\n"
        "  night TEXT PRIMARY KEY CHECK " + date_check("night") + ",\n"
        "  bedtime TEXT CHECK " + instant_check("bedtime") + ",\n"
        "  waketime TEXT CHECK " + instant_check("waketime") + ",\n"
        "  sleep_quality INTEGER " + range_check("sleep_quality", "0", "10") + ",\n"
        "  notes TEXT CHECK (length(notes) <= 2000),\n"
        "  CHECK (CAST(strftime('%s', waketime) AS INTEGER) > CAST(strftime('%s', bedtime) AS INTEGER))\n"
        ") STRICT, WITHOUT ROWID;\n"

        "CREATE TABLE day (\n"
        "  day TEXT PRIMARY KEY CHECK " + date_check("day") + ",\n"
        "  compression_hours REAL " + range_check("compression_hours", "0", "24") + ",\n"
        "  compression_class TEXT CHECK (compression_class IN ('15-20', '20-30', '30-40', '40-50')),\n"
        "  compression_length TEXT CHECK (compression_length IN ('knee', 'thigh', 'pantyhose')),\n"
        "  swelling_grade INTEGER " + range_check("swelling_grade", "0", "3") + ",\n"
        "  ankle_left_cm REAL " + range_check("ankle_left_cm", "10", "80") + ",\n"
        "  ankle_right_cm REAL " + range_check("ankle_right_cm", "10", "80") + ",\n"
        "  calf_left_cm REAL " + range_check("calf_left_cm", "10", "80") + ",\n"
        "  calf_right_cm REAL " + range_check("calf_right_cm", "10", "80") + ",\n"
        "  standing_hours REAL " + range_check("standing_hours", "0", "24") + ",\n"
        "  water_l REAL " + range_check("water_l", "0", "15") + ",\n"
        "  exercise_min INTEGER " + range_check("exercise_min", "0", "1440") + ",\n"
        "  elevation_min INTEGER " + range_check("elevation_min", "0", "1440") + ",\n" +
        symptom_columns +
        "  skin_discoloration INTEGER CHECK (skin_discoloration IN (0, 1)),\n"
        "  ulcer INTEGER CHECK (ulcer IN (0, 1)),\n"
        "  notes TEXT CHECK (length(notes) <= 2000)\n"
        ") STRICT, WITHOUT ROWID;\n"

        "CREATE TABLE day_tag (\n"
        "  day TEXT NOT NULL REFERENCES day (day) ON DELETE CASCADE,\n"
        "  tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40 AND tag NOT GLOB '*[^a-z0-9_-]*'),\n"
        "  PRIMARY KEY (day, tag)\n"
        ") STRICT, WITHOUT ROWID;\n"
        "CREATE INDEX day_tag_by_tag ON day_tag (tag);\n");
}

// migrations[v] brings a file from version v to v + 1. Append, never edit: files in the
// wild were written by the old steps.
const std::vector<std::function<void(SQLite::Database&, int)>> migrations = {
    create_v1,
};

}  // namespace

void migrate(SQLite::Database& db, int night_boundary_hour) {
    static_assert(current_schema_version >= 1);
    // A file that is up to date needs no write lock: taking one here would make every
    // reader (a notebook, `legdiary list`) wait for, and fail behind, a long write.
    if (db.execAndGet("PRAGMA user_version").getInt() >= current_schema_version) return;
    for (;;) {
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        // Read inside the write lock: another process may have migrated meanwhile.
        const int version = db.execAndGet("PRAGMA user_version").getInt();
        if (version >= current_schema_version) return;  // rolls back an empty transaction
        migrations.at(static_cast<std::size_t>(version))(db, night_boundary_hour);
        if (version == 0) db.exec("PRAGMA application_id = " + std::to_string(legdiary_application_id));
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
        transaction.commit();
    }
}

}  // namespace legdiary::detail
