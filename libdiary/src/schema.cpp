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

// Version 2: randomised N-of-1 trials (SPEC 7). One row per trial, holding its plan; the
// CHECKs state SPEC 7's bounds, so a row written by another tool is refused too. The seed
// is an unsigned 64-bit number, stored as TEXT of its decimal digits (no sign, no leading
// zero, at most 18446744073709551615): SQLite's INTEGER is signed and JSON readers lose
// digits past 2^53. `created` is UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`.
// A plan is never edited: the triggers refuse any UPDATE except setting `stopped` (and
// `stop_reason`) once on a row not yet stopped, and refuse every DELETE — a stopped or
// finished trial stays in the diary.
void create_v2(SQLite::Database& db, int /*night_boundary_hour*/) {
    const std::string plan_columns[] = {"id", "exposure", "start", "run_in_nights", "blocks", "period_nights",
                                        "washout_nights", "seed", "name", "hypothesis", "created"};
    std::string plan_changed;
    for (const auto& column : plan_columns)
        plan_changed += (plan_changed.empty() ? "" : " OR ") + std::string("NEW.") + column + " IS NOT OLD." + column;
    const std::string last_night =
        "date(start, '+' || (run_in_nights + 2 * blocks * period_nights - 1) || ' days')";

    db.exec(
        "CREATE TABLE trials (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  exposure TEXT NOT NULL CHECK (exposure = 'compression' OR (substr(exposure, 1, 4) = 'tag:'\n"
        "    AND length(exposure) BETWEEN 5 AND 44 AND substr(exposure, 5) NOT GLOB '*[^a-z0-9_-]*')),\n"
        "  start TEXT NOT NULL CHECK (" + date_check("start") + " AND start >= '1900-01-01'),\n"
        "  run_in_nights INTEGER NOT NULL " + range_check("run_in_nights", "0", "28") + ",\n"
        "  blocks INTEGER NOT NULL " + range_check("blocks", "2", "20") + ",\n"
        "  period_nights INTEGER NOT NULL " + range_check("period_nights", "3", "28") + ",\n"
        "  washout_nights INTEGER NOT NULL CHECK (washout_nights >= 0 AND washout_nights < period_nights),\n"
        "  seed TEXT NOT NULL CHECK (length(seed) BETWEEN 1 AND 20 AND seed NOT GLOB '*[^0-9]*'\n"
        "    AND (seed = '0' OR seed NOT GLOB '0*') AND (length(seed) < 20 OR seed <= '18446744073709551615')),\n"
        "  name TEXT CHECK (length(name) <= 2000),\n"
        "  hypothesis TEXT CHECK (length(hypothesis) <= 2000),\n"
        "  created TEXT NOT NULL CHECK (created GLOB "
        "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'\n"
        "    AND strftime('%Y-%m-%dT%H:%M:%SZ', created) = created),\n"
        "  stopped TEXT CHECK (stopped IS NULL OR " + date_check("stopped") + "),\n"
        "  stop_reason TEXT CHECK (length(stop_reason) <= 2000),\n"
        "  CHECK (stop_reason IS NULL OR stopped IS NOT NULL),\n"
        "  CHECK (" + last_night + " IS NOT NULL AND " + last_night + " <= '9999-12-31')\n"
        ") STRICT;\n"
        "CREATE INDEX trials_by_start ON trials (start);\n"

        "CREATE TRIGGER trials_plan_is_never_edited BEFORE UPDATE ON trials\n"
        "  WHEN OLD.stopped IS NOT NULL OR NEW.stopped IS NULL OR " + plan_changed + "\n"
        "BEGIN\n"
        "  SELECT RAISE(ABORT, 'a trial''s plan is never edited: only a trial not yet stopped can be stopped');\n"
        "END;\n"
        "CREATE TRIGGER trials_stay_in_the_diary BEFORE DELETE ON trials\n"
        "BEGIN\n"
        "  SELECT RAISE(ABORT, 'a trial stays in the diary: it cannot be deleted');\n"
        "END;\n");
}

// migrations[v] brings a file from version v to v + 1. Append, never edit: files in the
// wild were written by the old steps.
const std::vector<std::function<void(SQLite::Database&, int)>> migrations = {
    create_v1,
    create_v2,
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
