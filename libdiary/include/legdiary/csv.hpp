/// @file csv.hpp
/// CSV files in and out (SPEC section 4): RFC 4180 with a header row, UTF-8, one file per
/// kind of entry. Import is all or nothing per file; export writes files that import back
/// to the same entries and export again byte for byte. The CLI and the Python bindings
/// call these functions, so every front end reports the same problems in the same words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "legdiary/diary.hpp"
#include "legdiary/model.hpp"

namespace legdiary {

/// One field of a CSV record, as written in the file.
struct CsvField {
    std::string text;     ///< the field's text, with its quotes removed and doubled quotes undone
    bool quoted = false;  ///< written in quotes: `""` is an empty text, while an empty unquoted field is null
};

/// One record (row) of a CSV file.
struct CsvRecord {
    std::vector<CsvField> fields;  ///< the record's fields, in file order
    std::int64_t line = 0;         ///< 1-based physical line on which the record starts
};

/// Reads an RFC 4180 file record by record from a stream, never holding more than one
/// record in memory. Accepts CR, LF and CRLF line ends (mixed, too), line breaks, commas
/// and doubled quotes inside quoted fields, and skips a UTF-8 byte order mark at the start
/// and blank lines between records. Bytes are passed through as they are; checking that
/// text is UTF-8 is left to the data model.
class CsvReader {
public:
    /// A reader of `in`, which must outlive it.
    explicit CsvReader(std::istream& in);

    /// Reads the next record into `record` (reusing its storage); false at the end of the
    /// input. Malformed quoting — a quoted field never closed, a quote inside an unquoted
    /// field, text after a closing quote — and fields over `max_field_bytes` throw a
    /// ParseError whose problem names the line and the column.
    bool next(CsvRecord& record);

    /// Names to give columns in errors (the header's), instead of "column N".
    void set_column_names(std::vector<std::string> names);

    /// The longest field accepted, in bytes: far above any valid value, it stops a file
    /// with a lost quote from being read into memory whole.
    static constexpr std::size_t max_field_bytes = 1 << 20;

private:
    int get();
    [[noreturn]] void fail(std::size_t field_index, const std::string& text, const std::string& rule,
                           std::int64_t line) const;

    std::istream& in_;
    std::vector<std::string> column_names_;
    std::int64_t line_ = 1;
    bool at_start_ = true;
};

/// The four kinds of CSV file, told apart by their key column.
enum class CsvKind {
    cramps,  ///< key column `onset`: cramp episodes
    nights,  ///< key column `night`: night records
    days,    ///< key column `day`: day logs
    trials   ///< key column `trial`: randomised N-of-1 trial plans (SPEC 7)
};

/// The kind's name, which is also its export file's stem: "cramps", "nights", "days", "trials".
std::string_view to_string(CsvKind kind);

/// The columns a kind's file may have, in the order export writes them.
const std::vector<std::string_view>& csv_columns(CsvKind kind);

/// What importing one file did.
struct CsvImportResult {
    CsvKind kind = CsvKind::cramps;  ///< the kind the file was recognised as
    std::size_t rows = 0;            ///< data rows read (the header and blank lines not counted)
    Diary::BatchResult stored;       ///< what the diary did with them
};

/// Imports one CSV file into `diary`, all or nothing: every row is read and checked, and
/// any problem — bad structure, unknown or duplicate column, unreadable value, a rule of the
/// data model, an episode overlapping another in the file or in the diary, a key given
/// twice — refuses the whole file with one ValidationError (ParseError for a malformed file)
/// listing every problem with its line and column; nothing is written. Episodes and trials
/// identical to stored ones are skipped, so importing a file again changes nothing. A
/// trials file's plans may start in the past, keep `stopped`, `stop_reason` and `created`,
/// and must not overlap each other or a stored trial; the diary numbers them anew, in file
/// order (Diary::Import::add of a StoredTrial).
/// A file that does not exist or cannot be opened throws FileNotFoundError.
CsvImportResult import_csv(Diary& diary, const std::filesystem::path& file);

/// As import_csv of a file, from a stream.
CsvImportResult import_csv(Diary& diary, std::istream& in);

/// Opens a CSV file for import_csv: FileNotFoundError when it does not exist, is a folder
/// or cannot be read. (import_csv of a path opens it so; a caller that must know the file
/// is there before opening the diary opens it first.)
std::ifstream open_csv_file(const std::filesystem::path& file);

/// Writes cramp episodes as a cramps file: header
/// `onset,duration_s,leg,muscle,intensity,woke,notes`, rows by UTC onset then id.
void write_cramps_csv(std::ostream& out, const std::vector<CrampEpisode>& episodes);

/// Writes night records as a nights file: header `night,bedtime,waketime,sleep_quality,notes`,
/// rows by night.
void write_nights_csv(std::ostream& out, const std::vector<NightRecord>& records);

/// Writes day logs as a days file: header `day,` then every day-log field by its name,
/// rows by day, tags sorted and `;`-separated.
void write_days_csv(std::ostream& out, const std::vector<DayLog>& logs);

/// Writes trials as a trials file: header `trial,exposure,start,run_in_nights,blocks,
/// period_nights,washout_nights,seed,name,hypothesis,created,stopped,stop_reason`, rows by
/// id; `trial` is the id, `seed` decimal digits, `created` `YYYY-MM-DDTHH:MM:SSZ`.
void write_trials_csv(std::ostream& out, const std::vector<StoredTrial>& trials);

/// Writes the whole diary into `folder` (created owner-only if missing) as `cramps.csv`,
/// `nights.csv`, `days.csv` and `trials.csv` (header only when there is none), each readable by its owner only and each replaced whole
/// (written beside and renamed), so a failed export never leaves a half-written file.
/// Throws StorageError when the files cannot be written.
void export_csv(const Diary& diary, const std::filesystem::path& folder);

}  // namespace legdiary
