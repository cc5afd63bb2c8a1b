#include "legdiary/diary.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <variant>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "legdiary/time.hpp"
#include "schema.hpp"

namespace legdiary {
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t ns_per_second = 1'000'000'000;

[[noreturn]] void rethrow_storage(const SQLite::Exception& error, const std::string& what) {
    const int code = error.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        throw BusyError(what + ": the diary is busy (another program is writing to it); try again", code);
    throw StorageError(what + ": " + error.what(), code);
}

// Creates missing folders owner-only, and the file itself with mode 0600 whatever the
// umask, before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
void create_private_file(const fs::path& path) {
    std::vector<fs::path> missing;
    for (fs::path folder = path.parent_path(); !folder.empty() && !fs::exists(folder); folder = folder.parent_path())
        missing.push_back(folder);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
            throw StorageError("cannot create folder " + it->string() + ": " + std::strerror(errno));
        ::chmod(it->c_str(), 0700);
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return;  // another process created it first
        throw StorageError("cannot create " + path.string() + ": " + std::strerror(errno));
    }
    ::fchmod(fd, 0600);
    ::close(fd);
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}
std::optional<int> optional_int(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt();
}
std::optional<double> optional_real(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getDouble();
}
std::optional<bool> optional_bool(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt() != 0;
}
std::optional<Instant> optional_instant(const SQLite::Column& column, const char* field) {
    if (column.isNull()) return std::nullopt;
    return parse_instant(column.getString(), field);
}

template <typename T>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
    if (!value) statement.bind(index);
    else if constexpr (std::is_same_v<T, bool>) statement.bind(index, *value ? 1 : 0);
    else if constexpr (std::is_same_v<T, Instant>) statement.bind(index, to_string(*value));
    else statement.bind(index, *value);
}

template <typename Enum>
void bind_optional_enum(SQLite::Statement& statement, int index, const std::optional<Enum>& value) {
    if (!value) statement.bind(index);
    else statement.bind(index, std::string(to_string(*value)));
}

template <std::size_t N>
std::int8_t name_index(std::string_view text, const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<std::int8_t>(i);
    return no_small;
}

std::int8_t small_or_none(const SQLite::Column& column) {
    return column.isNull() ? no_small : static_cast<std::int8_t>(column.getInt());
}
double real_or_none(const SQLite::Column& column) { return column.isNull() ? no_real : column.getDouble(); }

// "YYYY-MM-DD" of a stored column; the schema guarantees the form.
DayNumber stored_day(const SQLite::Column& column) {
    const char* t = column.getText();
    const auto num = [&](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i) value = value * 10 + (t[i] - '0');
        return value;
    };
    return day_number(Date(static_cast<unsigned short>(num(0, 4)), static_cast<unsigned short>(num(5, 2)),
                           static_cast<unsigned short>(num(8, 2))));
}

// The ±HH:MM at the end of a stored instant, in minutes.
std::int32_t stored_offset(const SQLite::Column& column) {
    const char* text = column.getText();
    const int hours = (text[20] - '0') * 10 + (text[21] - '0');
    const int minutes = (text[23] - '0') * 10 + (text[24] - '0');
    return (text[19] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

// Seconds since 1970-01-01T00:00Z of a UTC date-time: the stored onset_utc.
std::int64_t epoch_seconds(const DateTime& utc) {
    return (utc - DateTime(Date(1970, 1, 1))).total_seconds();
}

// Binds `night BETWEEN ?1 AND ?2 AND onset_utc BETWEEN ?3 AND ?4` to the episodes of a
// night range. The onset_utc bounds (every offset a night's local times can have) select
// nothing more, but let SQLite read in onset order through cramp_by_onset instead of
// sorting every row of the range.
void bind_cramp_range(SQLite::Statement& query, const NightRange& range, int boundary_hour) {
    const DateTime first_local = night_start(range.from, boundary_hour);
    const DateTime end_local = night_start(range.to + boost::gregorian::days(1), boundary_hour);
    query.bind(1, to_string(range.from));
    query.bind(2, to_string(range.to));
    query.bind(3, epoch_seconds(first_local - boost::posix_time::minutes(limits::max_offset_minutes)));
    query.bind(4, epoch_seconds(end_local - boost::posix_time::minutes(limits::min_offset_minutes)));
}

// The WHERE clause bind_cramp_range fills in.
constexpr const char* cramp_range_condition = " WHERE night BETWEEN ? AND ? AND onset_utc BETWEEN ? AND ? ";

std::string leg_rule_text(Leg leg) {
    return leg == Leg::both ? std::string("both legs") : "the " + std::string(to_string(leg)) + " leg";
}

const char* const day_columns =
    "day, compression_hours, compression_class, compression_length, swelling_grade, ankle_left_cm, "
    "ankle_right_cm, calf_left_cm, calf_right_cm, standing_hours, water_l, exercise_min, elevation_min, "
    "heaviness, aching, throbbing, burning, itching, restless_legs, tingling, swelling_feeling, "
    "skin_discoloration, ulcer, notes";
constexpr int day_column_count = 24;

const char* const cramp_columns = "id, onset, duration_s, leg, muscle, intensity, woke, notes";

CrampEpisode read_cramp(SQLite::Statement& row) {
    CrampEpisode episode;
    episode.id = row.getColumn(0).getInt64();
    episode.onset = parse_instant(row.getColumn(1).getString(), "onset");
    episode.duration_s = row.getColumn(2).getInt();
    episode.leg = parse_leg(row.getColumn(3).getString());
    episode.muscle = parse_muscle(row.getColumn(4).getString());
    episode.intensity = optional_int(row.getColumn(5));
    episode.woke = optional_bool(row.getColumn(6));
    episode.notes = optional_text(row.getColumn(7));
    return episode;
}

NightRecord read_night(SQLite::Statement& row) {
    NightRecord record;
    record.night = parse_date(row.getColumn(0).getString(), "night");
    record.bedtime = optional_instant(row.getColumn(1), "bedtime");
    record.waketime = optional_instant(row.getColumn(2), "waketime");
    record.sleep_quality = optional_int(row.getColumn(3));
    record.notes = optional_text(row.getColumn(4));
    return record;
}

DayLog read_day(SQLite::Statement& row) {
    DayLog log;
    int c = 0;
    log.day = parse_date(row.getColumn(c++).getString(), "day");
    log.compression_hours = optional_real(row.getColumn(c++));
    if (auto text = optional_text(row.getColumn(c++))) log.compression_class = parse_compression_class(*text);
    if (auto text = optional_text(row.getColumn(c++))) log.compression_length = parse_compression_length(*text);
    log.swelling_grade = optional_int(row.getColumn(c++));
    log.ankle_left_cm = optional_real(row.getColumn(c++));
    log.ankle_right_cm = optional_real(row.getColumn(c++));
    log.calf_left_cm = optional_real(row.getColumn(c++));
    log.calf_right_cm = optional_real(row.getColumn(c++));
    log.standing_hours = optional_real(row.getColumn(c++));
    log.water_l = optional_real(row.getColumn(c++));
    log.exercise_min = optional_int(row.getColumn(c++));
    log.elevation_min = optional_int(row.getColumn(c++));
    for (auto& symptom : log.symptoms) symptom = optional_int(row.getColumn(c++));
    log.skin_discoloration = optional_bool(row.getColumn(c++));
    log.ulcer = optional_bool(row.getColumn(c++));
    log.notes = optional_text(row.getColumn(c++));
    return log;
}

}  // namespace

struct Diary::Impl {
    fs::path path;
    std::function<DateTime()> clock_utc;
    int night_boundary_hour = default_night_boundary_hour;
    mutable std::mutex mutex;
    std::unique_ptr<SQLite::Database> db;
    // Declared after db: statements are destroyed before the database they belong to.
    mutable std::map<std::string, std::unique_ptr<SQLite::Statement>> statements;

    // A cached prepared statement, reset and with its bindings cleared.
    SQLite::Statement& statement(const std::string& sql) const {
        auto& slot = statements[sql];
        if (!slot) slot = std::make_unique<SQLite::Statement>(*db, sql);
        slot->reset();
        slot->clearBindings();
        return *slot;
    }

    // The problem with an episode against what is stored: a duplicate (returns its id) or
    // an overlap on the same leg (returns a Problem).
    // Ids from `first_batch_id` on are episodes inserted earlier in the same, still
    // uncommitted batch (SQLite gives a new row the largest id plus one): their ids would
    // vanish with a refusal, so they are named by their onset instead.
    std::variant<std::monostate, std::int64_t, Problem> conflict(
        const CrampEpisode& episode, std::int64_t first_batch_id = std::numeric_limits<std::int64_t>::max()) const {
        const std::int64_t start = epoch_seconds(episode.onset.utc());
        auto& same = statement(
            "SELECT id FROM cramp WHERE onset_utc = ? AND leg = ? AND muscle = ? AND duration_s = ? "
            "AND intensity IS ? AND woke IS ? AND notes IS ? LIMIT 1");
        same.bind(1, start);
        same.bind(2, std::string(to_string(episode.leg)));
        same.bind(3, std::string(to_string(episode.muscle)));
        same.bind(4, episode.duration_s);
        bind_optional(same, 5, episode.intensity);
        bind_optional(same, 6, episode.woke);
        bind_optional(same, 7, episode.notes);
        if (same.executeStep()) return same.getColumn(0).getInt64();

        auto& overlap = statement(
            "SELECT id, onset, duration_s, leg FROM cramp WHERE onset_utc > ? AND onset_utc < ? "
            "AND onset_utc + duration_s > ? AND (leg = ? OR leg = 'both' OR ? = 'both') "
            "ORDER BY onset_utc LIMIT 1");
        overlap.bind(1, start - limits::max_duration_s);
        overlap.bind(2, start + episode.duration_s);
        overlap.bind(3, start);
        overlap.bind(4, std::string(to_string(episode.leg)));
        overlap.bind(5, std::string(to_string(episode.leg)));
        if (overlap.executeStep()) {
            const Leg other_leg = parse_leg(overlap.getColumn(3).getString());
            const std::int64_t other_id = overlap.getColumn(0).getInt64();
            const std::string other = other_id >= first_batch_id ? std::string("another cramp of the same input")
                                                                : "cramp #" + std::to_string(other_id);
            return Problem{"onset", to_string(episode.onset),
                           "overlaps " + other + " on " + leg_rule_text(other_leg) + " (" +
                               overlap.getColumn(1).getString() + ", " + std::to_string(overlap.getColumn(2).getInt()) +
                               " s); two cramps in one leg cannot overlap",
                           std::nullopt, std::nullopt};
        }
        return std::monostate{};
    }

    std::int64_t insert_cramp(const CrampEpisode& episode) const {
        auto& insert = statement(
            "INSERT INTO cramp (onset, onset_utc, night, duration_s, leg, muscle, intensity, woke, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, to_string(episode.onset));
        insert.bind(2, epoch_seconds(episode.onset.utc()));
        insert.bind(3, to_string(legdiary::night_of(episode.onset, night_boundary_hour)));
        insert.bind(4, episode.duration_s);
        insert.bind(5, std::string(to_string(episode.leg)));
        insert.bind(6, std::string(to_string(episode.muscle)));
        bind_optional(insert, 7, episode.intensity);
        bind_optional(insert, 8, episode.woke);
        bind_optional(insert, 9, episode.notes);
        insert.exec();
        return db->getLastInsertRowid();
    }

    void upsert_night(const NightRecord& record) const {
        auto& insert = statement(
            "INSERT OR REPLACE INTO night (night, bedtime, waketime, sleep_quality, notes) VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, to_string(record.night));
        bind_optional(insert, 2, record.bedtime);
        bind_optional(insert, 3, record.waketime);
        bind_optional(insert, 4, record.sleep_quality);
        bind_optional(insert, 5, record.notes);
        insert.exec();
    }

    void upsert_day(const DayLog& log) const {
        auto& remove = statement("DELETE FROM day WHERE day = ?");  // its tags go with it
        remove.bind(1, to_string(log.day));
        remove.exec();
        std::string placeholders = "?";
        for (int i = 1; i < day_column_count; ++i) placeholders += ", ?";
        auto& insert =
            statement(std::string("INSERT INTO day (") + day_columns + ") VALUES (" + placeholders + ")");
        int c = 1;
        insert.bind(c++, to_string(log.day));
        bind_optional(insert, c++, log.compression_hours);
        bind_optional_enum(insert, c++, log.compression_class);
        bind_optional_enum(insert, c++, log.compression_length);
        bind_optional(insert, c++, log.swelling_grade);
        bind_optional(insert, c++, log.ankle_left_cm);
        bind_optional(insert, c++, log.ankle_right_cm);
        bind_optional(insert, c++, log.calf_left_cm);
        bind_optional(insert, c++, log.calf_right_cm);
        bind_optional(insert, c++, log.standing_hours);
        bind_optional(insert, c++, log.water_l);
        bind_optional(insert, c++, log.exercise_min);
        bind_optional(insert, c++, log.elevation_min);
        for (const auto& symptom : log.symptoms) bind_optional(insert, c++, symptom);
        bind_optional(insert, c++, log.skin_discoloration);
        bind_optional(insert, c++, log.ulcer);
        bind_optional(insert, c++, log.notes);
        insert.exec();
        auto& tag = statement("INSERT INTO day_tag (day, tag) VALUES (?, ?)");
        for (const auto& name : log.tags) {
            tag.reset();
            tag.bind(1, to_string(log.day));
            tag.bind(2, name);
            tag.exec();
        }
    }

    // The one number a SELECT count(*) statement gives.
    static std::size_t count_of(SQLite::Statement& count) {
        count.executeStep();
        const auto rows = static_cast<std::size_t>(count.getColumn(0).getInt64());
        count.reset();
        return rows;
    }

    // The columns of the episodes of a night range, in onset order.
    EpisodeTable read_episode_table(const NightRange& range) const {
        auto& cramps = statement(
            std::string("SELECT id, night, onset_utc, onset, duration_s, leg, muscle, intensity, woke FROM cramp") +
            cramp_range_condition + "ORDER BY onset_utc, id");
        bind_cramp_range(cramps, range, night_boundary_hour);
        EpisodeTable e;
        // Sized from a count first: columns grown row by row would hold up to twice their
        // size. The count reads cramp_by_night alone (the onset bounds select nothing more),
        // so it does not visit the rows.
        auto& count = statement("SELECT count(*) FROM cramp WHERE night BETWEEN ? AND ?");
        count.bind(1, to_string(range.from));
        count.bind(2, to_string(range.to));
        e.reserve(count_of(count));
        while (cramps.executeStep()) {
            e.id.push_back(cramps.getColumn(0).getInt64());
            e.night.push_back(stored_day(cramps.getColumn(1)));
            e.onset_utc_ns.push_back(cramps.getColumn(2).getInt64() * ns_per_second);
            e.offset_minutes.push_back(stored_offset(cramps.getColumn(3)));
            e.duration_s.push_back(cramps.getColumn(4).getInt());
            // Read in place (getText), not copied into a std::string per row.
            e.leg.push_back(name_index(cramps.getColumn(5).getText(), leg_names));
            e.muscle.push_back(name_index(cramps.getColumn(6).getText(), muscle_names));
            e.intensity.push_back(small_or_none(cramps.getColumn(7)));
            e.woke.push_back(small_or_none(cramps.getColumn(8)));
        }
        return e;
    }

    // The columns of the night records of nights from..to.
    NightTable read_night_table(const std::string& from, const std::string& to) const {
        auto& nights = statement("SELECT night, sleep_quality FROM night WHERE night BETWEEN ? AND ? ORDER BY night");
        nights.bind(1, from);
        nights.bind(2, to);
        NightTable n;
        auto& count = statement("SELECT count(*) FROM night WHERE night BETWEEN ? AND ?");
        count.bind(1, from);
        count.bind(2, to);
        n.reserve(count_of(count));
        while (nights.executeStep()) {
            n.night.push_back(stored_day(nights.getColumn(0)));
            n.sleep_quality.push_back(small_or_none(nights.getColumn(1)));
        }
        return n;
    }

    // The columns of the day logs of days from..to, with their tags.
    DayTable read_day_table(const std::string& from, const std::string& to) const {
        auto& days =
            statement(std::string("SELECT ") + day_columns + " FROM day WHERE day BETWEEN ? AND ? ORDER BY day");
        days.bind(1, from);
        days.bind(2, to);
        DayTable d;
        auto& count = statement(
            "SELECT (SELECT count(*) FROM day WHERE day BETWEEN ?1 AND ?2), "
            "(SELECT count(*) FROM day_tag WHERE day BETWEEN ?1 AND ?2)");
        count.bind(1, from);
        count.bind(2, to);
        count.executeStep();
        d.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()),
                  static_cast<std::size_t>(count.getColumn(1).getInt64()));
        count.reset();
        while (days.executeStep()) {
            int c = 0;
            d.day.push_back(stored_day(days.getColumn(c++)));
            d.compression_hours.push_back(real_or_none(days.getColumn(c++)));
            const auto class_column = days.getColumn(c++);
            d.compression_class.push_back(
                class_column.isNull() ? no_small : name_index(class_column.getText(), compression_class_names));
            const auto length_column = days.getColumn(c++);
            d.compression_length.push_back(
                length_column.isNull() ? no_small : name_index(length_column.getText(), compression_length_names));
            d.swelling_grade.push_back(small_or_none(days.getColumn(c++)));
            d.ankle_left_cm.push_back(real_or_none(days.getColumn(c++)));
            d.ankle_right_cm.push_back(real_or_none(days.getColumn(c++)));
            d.calf_left_cm.push_back(real_or_none(days.getColumn(c++)));
            d.calf_right_cm.push_back(real_or_none(days.getColumn(c++)));
            d.standing_hours.push_back(real_or_none(days.getColumn(c++)));
            d.water_l.push_back(real_or_none(days.getColumn(c++)));
            const auto exercise = days.getColumn(c++);
            d.exercise_min.push_back(exercise.isNull() ? std::int16_t{-1} : static_cast<std::int16_t>(exercise.getInt()));
            const auto elevation = days.getColumn(c++);
            d.elevation_min.push_back(elevation.isNull() ? std::int16_t{-1}
                                                         : static_cast<std::int16_t>(elevation.getInt()));
            for (auto& symptom : d.symptoms) symptom.push_back(small_or_none(days.getColumn(c++)));
            d.skin_discoloration.push_back(small_or_none(days.getColumn(c++)));
            d.ulcer.push_back(small_or_none(days.getColumn(c++)));
        }

        auto& tags = statement("SELECT day, tag FROM day_tag WHERE day BETWEEN ? AND ? ORDER BY day, tag");
        tags.bind(1, from);
        tags.bind(2, to);
        std::size_t row = 0;
        while (tags.executeStep()) {
            const DayNumber day = stored_day(tags.getColumn(0));
            while (row < d.day.size() && d.day[row] < day) ++row;
            if (row == d.day.size()) break;
            d.tag_row.push_back(static_cast<std::uint32_t>(row));
            d.tag.push_back(tags.getColumn(1).getString());
        }
        tags.reset();  // it may stop early: end its read before the transaction ends
        return d;
    }

    std::vector<CrampEpisode> read_cramps(const NightRange& range) const {
        auto& query = statement(std::string("SELECT ") + cramp_columns + " FROM cramp" + cramp_range_condition +
                                "ORDER BY onset_utc, id");
        bind_cramp_range(query, range, night_boundary_hour);
        std::vector<CrampEpisode> episodes;
        while (query.executeStep()) episodes.push_back(read_cramp(query));
        return episodes;
    }

    std::vector<NightRecord> read_nights(const NightRange& range) const {
        auto& query = statement(
            "SELECT night, bedtime, waketime, sleep_quality, notes FROM night WHERE night BETWEEN ? AND ? "
            "ORDER BY night");
        query.bind(1, to_string(range.from));
        query.bind(2, to_string(range.to));
        std::vector<NightRecord> records;
        while (query.executeStep()) records.push_back(read_night(query));
        return records;
    }

    std::vector<DayLog> read_days(const NightRange& range) const {
        auto& query =
            statement(std::string("SELECT ") + day_columns + " FROM day WHERE day BETWEEN ? AND ? ORDER BY day");
        query.bind(1, to_string(range.from));
        query.bind(2, to_string(range.to));
        std::vector<DayLog> logs;
        while (query.executeStep()) logs.push_back(read_day(query));
        attach_tags(logs, to_string(range.from), to_string(range.to));
        return logs;
    }

    std::optional<NightRecord> read_night_record(const Date& night) const {
        auto& query = statement("SELECT night, bedtime, waketime, sleep_quality, notes FROM night WHERE night = ?");
        query.bind(1, to_string(night));
        if (!query.executeStep()) return std::nullopt;
        return read_night(query);
    }

    std::optional<DayLog> read_day_log(const Date& day) const {
        auto& query = statement(std::string("SELECT ") + day_columns + " FROM day WHERE day = ?");
        query.bind(1, to_string(day));
        if (!query.executeStep()) return std::nullopt;
        std::vector<DayLog> logs{read_day(query)};
        attach_tags(logs, to_string(day), to_string(day));
        return logs.front();
    }

    std::optional<NightRange> read_extent() const {
        auto& query = statement(
            "SELECT min(d), max(d) FROM (SELECT min(night) AS d FROM cramp UNION ALL SELECT max(night) FROM cramp "
            "UNION ALL SELECT min(night) FROM night UNION ALL SELECT max(night) FROM night "
            "UNION ALL SELECT min(day) FROM day UNION ALL SELECT max(day) FROM day)");
        if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
        return NightRange{parse_date(query.getColumn(0).getString()), parse_date(query.getColumn(1).getString())};
    }

    // Tags of the day logs in [from, to], appended to the logs (which are in day order).
    void attach_tags(std::vector<DayLog>& logs, const std::string& from, const std::string& to) const {
        if (logs.empty()) return;
        auto& query = statement("SELECT day, tag FROM day_tag WHERE day BETWEEN ? AND ? ORDER BY day, tag");
        query.bind(1, from);
        query.bind(2, to);
        std::size_t k = 0;
        while (query.executeStep()) {
            const Date day = parse_date(query.getColumn(0).getString(), "day");
            while (k < logs.size() && logs[k].day < day) ++k;
            if (k < logs.size() && logs[k].day == day) logs[k].tags.insert(query.getColumn(1).getString());
        }
    }

    // Resets every cached statement. A statement left on a row keeps its read
    // transaction open: in WAL mode the connection would keep reading that old snapshot,
    // never see other connections' writes, and fail its next write with SQLITE_BUSY_SNAPSHOT.
    struct ResetStatements {
        const Impl& impl;
        ~ResetStatements() {
            for (auto& entry : impl.statements)
                if (entry.second) entry.second->tryReset();
        }
    };

    // The id the next inserted episode gets: the largest so far plus one.
    std::int64_t next_cramp_id() const {
        auto& query = statement("SELECT coalesce(max(id), 0) + 1 FROM cramp");
        query.executeStep();
        return query.getColumn(0).getInt64();
    }

    // Runs `fn` with SQLite's errors turned into the library's; the caller holds `mutex`.
    template <typename Fn>
    auto locked(const std::string& what, Fn&& fn) const {
        const ResetStatements reset_after{*this};
        try {
            return fn();
        } catch (const SQLite::Exception& error) {
            rethrow_storage(error, what);
        }
    }

    template <typename Fn>
    auto guarded(const std::string& what, Fn&& fn) const {
        std::lock_guard lock(mutex);
        return locked(what, std::forward<Fn>(fn));
    }
};

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
                if (!options.create) throw StorageError("no diary at " + path.string());
                create_private_file(path);
            } else if (fs::is_directory(path)) {
                throw StorageError(path.string() + " is a folder, not a diary file");
            }
        }
        // NOMUTEX: every use of the connection holds Impl::mutex already, so SQLite's own
        // lock around each call (15% of the time of reading a large range) buys nothing.
        impl_->db = std::make_unique<SQLite::Database>(
            path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
            options.busy_timeout_ms);
        auto& db = *impl_->db;
        // Look before touching: a foreign or newer file must stay byte-for-byte as it is,
        // so nothing (not even the journal mode) is changed until it is known to be ours.
        int application = 0, version = 0, objects = 0;
        try {
            application = db.execAndGet("PRAGMA application_id").getInt();
            version = db.execAndGet("PRAGMA user_version").getInt();
            objects = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
        } catch (const SQLite::Exception& error) {
            if (error.getErrorCode() == SQLITE_NOTADB)
                throw StorageError(path.string() + " is not a legdiary diary (not an SQLite database); left untouched",
                                   SQLITE_NOTADB);
            throw;
        }
        const bool fresh = application == 0 && version == 0 && objects == 0;
        if (!fresh && application != detail::legdiary_application_id)
            throw StorageError(path.string() + " is not a legdiary diary (an SQLite file of another application); "
                               "left untouched");
        if (version > detail::current_schema_version)
            throw StorageError(path.string() + " was written by a newer legdiary (schema version " +
                               std::to_string(version) + "; this one knows up to " +
                               std::to_string(detail::current_schema_version) + "); left untouched");
        if (!in_memory) {
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA synchronous = FULL");
        }
        db.exec("PRAGMA foreign_keys = ON");
        detail::migrate(db, boundary);
        impl_->night_boundary_hour = db.execAndGet("SELECT night_boundary_hour FROM diary_info WHERE id = 1").getInt();
        // Every front end (CLI, Python) gets this one refusal rather than a silently kept boundary.
        if (options.night_boundary_hour && *options.night_boundary_hour != impl_->night_boundary_hour)
            throw ValidationError("night_boundary_hour", std::to_string(*options.night_boundary_hour),
                                  "the diary " + path.string() + " already exists with night boundary " +
                                      std::to_string(impl_->night_boundary_hour) +
                                      ":00, and a diary's boundary is fixed when it is created");
    } catch (const SQLite::Exception& error) {
        rethrow_storage(error, "cannot open " + path.string());
    }
}

Diary::~Diary() = default;
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

Diary::BatchResult Diary::add_batch(const Batch& batch, std::vector<Problem> known_problems) {
    std::vector<Problem> problems = std::move(known_problems);
    auto collect = [&problems](std::vector<Problem> found, std::size_t index) {
        for (auto& problem : found) {
            problem.index = index;
            problems.push_back(std::move(problem));
        }
    };
    const DateTime now = impl_->clock_utc();
    std::vector<bool> cramp_valid(batch.cramps.size());
    for (std::size_t i = 0; i < batch.cramps.size(); ++i) {
        auto found = legdiary::check(batch.cramps[i], now);
        cramp_valid[i] = found.empty();
        collect(std::move(found), i);
    }
    for (std::size_t i = 0; i < batch.nights.size(); ++i) collect(legdiary::check(batch.nights[i]), i);
    for (std::size_t i = 0; i < batch.days.size(); ++i) collect(legdiary::check(batch.days[i]), i);

    return impl_->guarded("cannot store the entries", [&] {
        BatchResult result;
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        // Episodes go in one by one inside the transaction, so each is checked against the
        // diary and the batch's earlier episodes; a refusal rolls everything back.
        const std::int64_t first_batch_id = impl_->next_cramp_id();
        for (std::size_t i = 0; i < batch.cramps.size(); ++i) {
            if (!cramp_valid[i]) continue;
            const auto conflict = impl_->conflict(batch.cramps[i], first_batch_id);
            if (std::holds_alternative<std::int64_t>(conflict)) {
                ++result.cramps_already_present;
            } else if (const auto* problem = std::get_if<Problem>(&conflict)) {
                collect({*problem}, i);
            } else {
                impl_->insert_cramp(batch.cramps[i]);
                ++result.cramps_added;
            }
        }
        if (!problems.empty()) throw ValidationError(std::move(problems));
        for (const auto& record : batch.nights) impl_->upsert_night(record);
        for (const auto& log : batch.days) impl_->upsert_day(log);
        result.nights_put = batch.nights.size();
        result.days_put = batch.days.size();
        transaction.commit();
        return result;
    });
}

struct Diary::Import::State {
    const Impl& impl;
    std::unique_lock<std::mutex> lock;  // declared before the transaction: released after it ends
    std::optional<SQLite::Transaction> transaction;
    DateTime now;
    std::int64_t first_batch_id = 0;
    std::vector<Problem> problems;
    BatchResult result;

    State(const Impl& diary, std::vector<Problem> known)
        : impl(diary), lock(diary.mutex), now(diary.clock_utc()), problems(std::move(known)) {
        impl.locked(what, [&] {
            transaction.emplace(*impl.db, SQLite::TransactionBehavior::IMMEDIATE);
            first_batch_id = impl.next_cramp_id();
        });
    }
    ~State() {
        for (auto& entry : impl.statements)
            if (entry.second) entry.second->tryReset();
        transaction.reset();  // rolls back unless committed
    }

    void collect(std::vector<Problem> found, std::size_t index) {
        for (auto& problem : found) {
            problem.index = index;
            problems.push_back(std::move(problem));
        }
    }

    static inline const std::string what = "cannot store the entries";
};

Diary::Import::Import(Diary& diary, std::vector<Problem> known_problems)
    : state_(std::make_unique<State>(*diary.impl_, std::move(known_problems))) {}

Diary::Import::~Import() = default;

void Diary::Import::add(const CrampEpisode& episode, std::size_t index) {
    auto& s = *state_;
    if (auto found = legdiary::check(episode, s.now); !found.empty()) return s.collect(std::move(found), index);
    s.impl.locked(s.what, [&] {
        // Checked against the diary and every episode added before, then inserted at once,
        // so that later episodes are checked against it too (a refusal rolls all back).
        const auto conflict = s.impl.conflict(episode, s.first_batch_id);
        if (std::holds_alternative<std::int64_t>(conflict)) {
            ++s.result.cramps_already_present;
        } else if (const auto* problem = std::get_if<Problem>(&conflict)) {
            s.collect({*problem}, index);
        } else {
            s.impl.insert_cramp(episode);
            ++s.result.cramps_added;
        }
    });
}

void Diary::Import::add(const NightRecord& record, std::size_t index) {
    auto& s = *state_;
    s.collect(legdiary::check(record), index);
    if (!s.problems.empty()) return;  // nothing will be written: no need to store it
    s.impl.locked(s.what, [&] { s.impl.upsert_night(record); });
    ++s.result.nights_put;
}

void Diary::Import::add(const DayLog& log, std::size_t index) {
    auto& s = *state_;
    s.collect(legdiary::check(log), index);
    if (!s.problems.empty()) return;
    s.impl.locked(s.what, [&] { s.impl.upsert_day(log); });
    ++s.result.days_put;
}

void Diary::Import::add_problem(Problem problem) { state_->problems.push_back(std::move(problem)); }

Diary::BatchResult Diary::Import::commit() {
    auto& s = *state_;
    if (!s.problems.empty()) {
        auto problems = std::move(s.problems);
        state_.reset();  // rolls back and releases the diary
        throw ValidationError(std::move(problems));
    }
    s.impl.locked(s.what, [&] { s.transaction->commit(); });
    return s.result;
}

std::optional<CrampEpisode> Diary::cramp(std::int64_t id) const {
    return impl_->guarded("cannot read the diary", [&]() -> std::optional<CrampEpisode> {
        auto& query = impl_->statement(std::string("SELECT ") + cramp_columns + " FROM cramp WHERE id = ?");
        query.bind(1, id);
        if (!query.executeStep()) return std::nullopt;
        return read_cramp(query);
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
    return impl_->guarded("cannot read the diary", [&] {
        // One read transaction, as in entries(): the tables come from one state of the file.
        SQLite::Transaction snapshot(*impl_->db);
        DiaryTables tables;
        const std::string from = to_string(range.from), to = to_string(range.to);
        if (selection.episodes) tables.episodes = impl_->read_episode_table(range);
        if (selection.nights) tables.nights = impl_->read_night_table(from, to);
        if (selection.days) tables.days = impl_->read_day_table(from, to);
        snapshot.commit();
        return tables;
    });
}

namespace {
template <typename Bind>
void delete_one(SQLite::Database& db, const std::string& sql, Bind&& bind, const std::string& missing) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement statement(db, sql);
    bind(statement);
    if (statement.exec() == 0) throw NotFoundError(missing);
    transaction.commit();
}
}  // namespace

void Diary::delete_cramp(std::int64_t id) {
    impl_->guarded("cannot delete the cramp", [&] {
        delete_one(*impl_->db, "DELETE FROM cramp WHERE id = ?", [&](auto& s) { s.bind(1, id); },
                   "no cramp with id " + std::to_string(id));
    });
}

void Diary::delete_night(const Date& night) {
    impl_->guarded("cannot delete the night record", [&] {
        delete_one(*impl_->db, "DELETE FROM night WHERE night = ?", [&](auto& s) { s.bind(1, to_string(night)); },
                   "no night record for " + to_string(night));
    });
}

void Diary::delete_day(const Date& day) {
    impl_->guarded("cannot delete the day log", [&] {
        delete_one(*impl_->db, "DELETE FROM day WHERE day = ?", [&](auto& s) { s.bind(1, to_string(day)); },
                   "no day log for " + to_string(day));
    });
}

void Diary::backup(const fs::path& destination) const {
    if (fs::exists(destination))
        throw StorageError("will not overwrite " + destination.string() + ": choose a new file for the backup");
    impl_->guarded("cannot back up the diary", [&] {
        create_private_file(destination);
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
