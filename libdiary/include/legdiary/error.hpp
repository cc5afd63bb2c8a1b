/// @file error.hpp
/// The one error hierarchy of legdiary. Every front end (C++, Python, CLI) maps these
/// types once: Python gets exceptions of the same names, the CLI gets exit codes.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace legdiary {

/// Base of every error thrown by legdiary.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One refused value: which field, what value, which rule it broke. Where the value came
/// from a file, `line` is its 1-based line number; where it came from a list of entries
/// handed over at once, `index` is its 0-based position in that list.
struct Problem {
    std::string field;                ///< field or column name, e.g. "duration_s"
    std::string value;                ///< the refused value as text ("" when absent)
    std::string rule;                 ///< the rule in words, e.g. "must be 1..3600 seconds"
    std::optional<std::int64_t> line; ///< 1-based line in the input file, if any
    std::optional<std::size_t> index; ///< 0-based position in a batch, if any

    /// One line for a person: `line 4: duration_s = "0": must be 1..3600 seconds`.
    [[nodiscard]] std::string describe() const;
};

/// Input that breaks a rule of the data model. Nothing was written. `what()` describes the
/// first 20 problems (and says how many more there are); `problems()` has them all.
class ValidationError : public Error {
public:
    /// A single problem.
    ValidationError(std::string field, std::string value, std::string rule);
    /// Several problems at once (for example every bad row of a CSV file); not empty.
    explicit ValidationError(std::vector<Problem> problems);

    /// The first problem's field.
    [[nodiscard]] const std::string& field() const noexcept { return problems_.front().field; }
    /// The first problem's value.
    [[nodiscard]] const std::string& value() const noexcept { return problems_.front().value; }
    /// The first problem's rule.
    [[nodiscard]] const std::string& rule() const noexcept { return problems_.front().rule; }
    /// Every problem found, in input order.
    [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }

private:
    std::vector<Problem> problems_;
};

/// Text that could not be read as the thing asked for (a date, a time, a duration, a CSV
/// file's structure). Carries the same field/value/rule as a ValidationError.
class ParseError : public ValidationError {
public:
    using ValidationError::ValidationError;
};

/// An entry that was asked for by key (id or date) does not exist.
class NotFoundError : public Error {
public:
    using Error::Error;
    /// The key that names no entry, as one problem: `id = "999": no cramp with this id`.
    NotFoundError(const std::string& field, const std::string& value, const std::string& rule)
        : Error(Problem{field, value, rule, std::nullopt, std::nullopt}.describe()) {}
};

/// An input file that does not exist or cannot be opened for reading.
class FileNotFoundError : public Error {
public:
    using Error::Error;
};

/// What went wrong with a diary file, where it is known: a cohort gives it as a person's
/// `error_kind` (SPEC 8).
enum class StorageFault {
    other,    ///< anything else: I/O, permissions, an empty file opened read-only
    missing,  ///< no file at the path
    foreign,  ///< an SQLite file of another application
    newer,    ///< written by a newer legdiary
    corrupt,  ///< not an SQLite database, or a damaged one
    busy,     ///< locked by another program for longer than the busy timeout
};

/// The database or the file system failed: I/O error, corrupt file, a file of another
/// application or of a newer legdiary (left untouched).
class StorageError : public Error {
public:
    StorageError(const std::string& message, int sqlite_code = 0, StorageFault fault = StorageFault::other)
        : Error(message), sqlite_code_(sqlite_code), fault_(fault) {}
    /// The SQLite result code behind the error, 0 when there is none.
    [[nodiscard]] int sqlite_code() const noexcept { return sqlite_code_; }
    /// What kind of problem it is, where known.
    [[nodiscard]] StorageFault fault() const noexcept { return fault_; }

private:
    int sqlite_code_;
    StorageFault fault_;
};

/// Another process held the diary's write lock for longer than the busy timeout.
/// Nothing was written; trying again later is safe.
class BusyError : public StorageError {
public:
    explicit BusyError(const std::string& message, int sqlite_code = 0)
        : StorageError(message, sqlite_code, StorageFault::busy) {}
};

}  // namespace legdiary
