// Helpers shared by the model, time, store and CSV tests: temporary folders, scoped
// environment and umask changes, a fixed clock, and whole-diary snapshots for
// "refused input leaves the file exactly as it was" comparisons.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <algorithm>

#include <sqlite3.h>

#include "legdiary/diary.hpp"
#include "legdiary/model.hpp"

namespace test_support {

namespace fs = std::filesystem;
using legdiary::Date;
using legdiary::DateTime;
using legdiary::Instant;

/// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "legdiary-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const fs::path& path() const { return path_; }
    [[nodiscard]] fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

/// The value of an environment variable, nullopt when it is not set.
inline std::optional<std::string> env_value(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
}

/// Sets (or, with nullopt, unsets) an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(std::string name, const std::optional<std::string>& value)
        : name_(std::move(name)), old_(env_value(name_)) {
        if (value) ::setenv(name_.c_str(), value->c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

/// Switches the local time zone (TZ + tzset) for one scope.
class ScopedTimeZone {
public:
    explicit ScopedTimeZone(const std::string& zone) : env_("TZ", zone) { ::tzset(); }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
    struct Retzset {
        ~Retzset() { ::tzset(); }
    };
    Retzset retzset_;  // destroyed after env_: tzset() sees the restored TZ
    ScopedEnv env_;
};

/// Sets the process umask for one scope.
class ScopedUmask {
public:
    explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
    ~ScopedUmask() { ::umask(old_); }
    ScopedUmask(const ScopedUmask&) = delete;
    ScopedUmask& operator=(const ScopedUmask&) = delete;

private:
    mode_t old_;
};

/// Permission bits of a file or folder (e.g. 0600).
inline unsigned mode_of(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) throw std::runtime_error("cannot stat " + path.string());
    return static_cast<unsigned>(info.st_mode) & 07777u;
}

/// A whole file's bytes.
inline std::string file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

/// A local date-time, whole seconds.
inline DateTime at(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    return DateTime(Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                         static_cast<unsigned short>(day)),
                    boost::posix_time::time_duration(hour, minute, second));
}

/// A local date-time with its UTC offset in minutes.
inline Instant instant(int year, int month, int day, int hour, int minute, int second, int offset_minutes) {
    return Instant{at(year, month, day, hour, minute, second), offset_minutes};
}

inline Date date(int year, int month, int day) {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
}

/// Open options with a clock fixed at `utc` and the given night boundary.
inline legdiary::OpenOptions fixed_clock(DateTime utc, std::optional<int> boundary_hour = std::nullopt) {
    legdiary::OpenOptions options;
    options.night_boundary_hour = boundary_hour;
    options.clock_utc = [utc] { return utc; };
    return options;
}

/// The default fixed "now" of the store tests: well after every entry they write.
inline DateTime test_now_utc() { return at(2026, 12, 1, 12, 0, 0); }

/// Runs SQL through the sqlite3 C API (a separate connection from the diary's own).
class RawDatabase {
public:
    RawDatabase(const fs::path& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open " + path.string() + ": " + message);
        }
    }
    ~RawDatabase() { sqlite3_close(db_); }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(sql + ": " + message);
        }
    }

    /// Every row of a query, each cell as typed text ("NULL", "i:42", "r:1.5", "t:abc").
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        std::vector<std::vector<std::string>> out;
        int code = 0;
        while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(statement); ++c) {
                switch (sqlite3_column_type(statement, c)) {
                case SQLITE_NULL: row.emplace_back("NULL"); break;
                case SQLITE_INTEGER: row.push_back("i:" + std::to_string(sqlite3_column_int64(statement, c))); break;
                case SQLITE_FLOAT: {
                    std::ostringstream text;
                    text.precision(17);
                    text << "r:" << sqlite3_column_double(statement, c);
                    row.push_back(text.str());
                    break;
                }
                default: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
                    row.push_back("t:" + std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
                }
                }
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        if (code != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

/// Everything stored in a diary file, read through a separate read-only connection:
/// the schema, the version pragmas and every row of every table, as one text.
inline std::string dump(const fs::path& path) {
    RawDatabase db(path, SQLITE_OPEN_READONLY);
    std::string text;
    for (const char* pragma : {"PRAGMA application_id", "PRAGMA user_version"})
        text += std::string(pragma) + " = " + db.rows(pragma).at(0).at(0) + "\n";
    const auto tables = db.rows("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
    for (const auto& table : tables) {
        text += table[0] + " " + table[1] + ": " + table[2] + "\n";
        if (table[0] != "t:table") continue;
        const std::string name = table[1].substr(2);
        auto rows = db.rows("SELECT * FROM \"" + name + "\"");
        std::vector<std::string> lines;
        for (const auto& row : rows) {
            std::string line = "  ";
            for (const auto& cell : row) line += cell + " | ";
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        for (const auto& line : lines) text += line + "\n";
    }
    return text;
}

/// Every entry of a diary as the row API returns it.
struct Contents {
    std::vector<legdiary::CrampEpisode> cramps;
    std::vector<legdiary::NightRecord> nights;
    std::vector<legdiary::DayLog> days;
    std::optional<legdiary::NightRange> extent;

    friend bool operator==(const Contents& a, const Contents& b) {
        const bool same_extent = a.extent.has_value() == b.extent.has_value() &&
                                 (!a.extent || (a.extent->from == b.extent->from && a.extent->to == b.extent->to));
        return a.cramps == b.cramps && a.nights == b.nights && a.days == b.days && same_extent;
    }
};

inline const legdiary::NightRange everything{date(1900, 1, 1), date(9999, 12, 31)};

inline Contents contents(const legdiary::Diary& diary) {
    return Contents{diary.cramps(everything), diary.nights(everything), diary.days(everything), diary.extent()};
}

/// Field names of a list of problems, in order.
inline std::vector<std::string> fields_of(const std::vector<legdiary::Problem>& problems) {
    std::vector<std::string> fields;
    for (const auto& problem : problems) fields.push_back(problem.field);
    return fields;
}

}  // namespace test_support
