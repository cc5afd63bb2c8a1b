#include "legdiary/csv.hpp"

#include "legdiary/files.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "legdiary/time.hpp"
#include "legdiary/utf8.hpp"

namespace legdiary {
namespace fs = std::filesystem;

namespace {

constexpr int end_of_input = std::char_traits<char>::eof();

// At most this many bytes of a refused value go into an error message, cut at a UTF-8
// character boundary so the message itself stays valid text.
std::string excerpt(const std::string& text, std::size_t max_bytes = 60) {
    if (text.size() <= max_bytes) return text;
    return std::string(utf8::cut_to_bytes(text, max_bytes)) + "...";
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Reading records

CsvReader::CsvReader(std::istream& in) : in_(in) {}

void CsvReader::set_column_names(std::vector<std::string> names) { column_names_ = std::move(names); }

int CsvReader::get() {
    std::streambuf* buffer = in_.rdbuf();
    return buffer ? buffer->sbumpc() : end_of_input;
}

void CsvReader::fail(std::size_t field_index, const std::string& text, const std::string& rule,
                     std::int64_t line) const {
    std::string column = field_index < column_names_.size() ? column_names_[field_index]
                                                            : "column " + std::to_string(field_index + 1);
    throw ParseError(std::vector<Problem>{Problem{std::move(column), excerpt(text), rule, line, std::nullopt}});
}

bool CsvReader::next(CsvRecord& record) {
    std::streambuf* buffer = in_.rdbuf();
    const auto peek = [buffer] { return buffer ? buffer->sgetc() : end_of_input; };
    // A line break is CR, LF or CRLF; `c` is its first character, already read.
    const auto end_line = [&](int c) {
        if (c == '\r' && peek() == '\n') get();
        ++line_;
    };

    // Bytes read while looking for a byte order mark that turned out not to be one. They
    // can only begin the first field (none is a comma, quote or line break), so only the
    // field loops below need to see them.
    std::string pending;
    if (at_start_) {
        at_start_ = false;
        static constexpr unsigned char byte_order_mark[] = {0xEF, 0xBB, 0xBF};
        for (const unsigned char byte : byte_order_mark) {
            if (peek() != byte) break;
            pending += static_cast<char>(get());
        }
        if (pending.size() == 3) pending.clear();
    }
    std::size_t pending_used = 0;
    const auto next_char = [&] {
        if (pending_used < pending.size()) return static_cast<int>(static_cast<unsigned char>(pending[pending_used++]));
        return get();
    };

    record.fields.clear();
    int c = next_char();
    while (c == '\r' || c == '\n') {  // blank lines between records
        end_line(c);
        c = next_char();
    }
    if (c == end_of_input) return false;
    record.line = line_;

    for (;;) {
        const std::size_t index = record.fields.size();
        CsvField field;
        if (c == '"') {
            field.quoted = true;
            const std::int64_t quote_line = line_;
            for (;;) {
                c = next_char();
                if (c == end_of_input)
                    fail(index, field.text,
                         "a quoted field is not closed before the end of the file (its quote opens on line " +
                             std::to_string(quote_line) + ")",
                         record.line);
                if (c == '"') {
                    if (peek() != '"') break;
                    get();
                } else if (c == '\r' || c == '\n') {
                    // Kept as written: a note's line breaks come back exactly.
                    if (c == '\r' && peek() == '\n') {
                        field.text += '\r';
                        c = get();
                    }
                    ++line_;
                }
                field.text += static_cast<char>(c);
                if (field.text.size() > max_field_bytes)
                    fail(index, field.text,
                         "a field is longer than 1 MiB (is a closing quote missing? the quote opens on line " +
                             std::to_string(quote_line) + ")",
                         record.line);
            }
            c = next_char();
            if (c != ',' && c != '\r' && c != '\n' && c != end_of_input)
                fail(index, field.text,
                     "text after a closing quote; a quote inside a quoted field must be doubled (\"\")", record.line);
        } else {
            while (c != ',' && c != '\r' && c != '\n' && c != end_of_input) {
                if (c == '"')
                    fail(index, field.text,
                         "a quote inside an unquoted field; quote the whole field and double the quote (\"\")",
                         record.line);
                field.text += static_cast<char>(c);
                if (field.text.size() > max_field_bytes)
                    fail(index, field.text, "a field is longer than 1 MiB", record.line);
                c = next_char();
            }
        }
        record.fields.push_back(std::move(field));
        if (c == ',') {
            c = next_char();
            continue;
        }
        if (c != end_of_input) end_line(c);
        return true;
    }
}

// ---------------------------------------------------------------------------------------
// Columns: how each column reads into and writes out of its entry type

namespace {

[[noreturn]] void refuse(const std::string& column, const std::string& text, std::string rule) {
    throw ParseError(column, excerpt(text), std::move(rule));
}

int read_int(const std::string& column, const std::string& text) {
    long long value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error == std::errc() && stop == end) {
        if (value < INT_MIN || value > INT_MAX) refuse(column, text, "is far out of range");
        return static_cast<int>(value);
    }
    if (error == std::errc::result_out_of_range && stop == end) refuse(column, text, "is far out of range");
    refuse(column, text, "must be a whole number, e.g. 7");
}

double read_real(const std::string& column, const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    // from_chars also reads "inf" and "nan", which no field allows.
    if (error != std::errc() || stop != end || !std::isfinite(value))
        refuse(column, text, "must be a number with a decimal point, e.g. 37.25");
    return value;
}

bool read_bool(const std::string& column, const std::string& text) {
    if (text == "true") return true;
    if (text == "false") return false;
    refuse(column, text, "must be true or false");
}

std::string real_text(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest that reads back the same
    return std::string(buffer, result.ptr);
}

template <typename Row>
struct Column {
    std::string_view name;
    /// Sets the field from a cell that is not empty (or, for text, a quoted empty cell).
    std::function<void(Row&, const std::string& text)> read;
    /// The field as cell text; nullopt for null.
    std::function<std::optional<std::string>(const Row&)> write;
    bool required = false;
    bool text = false;  // an empty quoted cell is an empty text, not null
};

template <typename Row>
Column<Row> int_column(std::string_view name, std::optional<int> Row::*member) {
    return {name,
            [name, member](Row& row, const std::string& text) { row.*member = read_int(std::string(name), text); },
            [member](const Row& row) -> std::optional<std::string> {
                if (!(row.*member)) return std::nullopt;
                return std::to_string(*(row.*member));
            }};
}

template <typename Row>
Column<Row> real_column(std::string_view name, std::optional<double> Row::*member) {
    return {name,
            [name, member](Row& row, const std::string& text) { row.*member = read_real(std::string(name), text); },
            [member](const Row& row) -> std::optional<std::string> {
                if (!(row.*member)) return std::nullopt;
                return real_text(*(row.*member));
            }};
}

template <typename Row>
Column<Row> bool_column(std::string_view name, std::optional<bool> Row::*member) {
    return {name,
            [name, member](Row& row, const std::string& text) { row.*member = read_bool(std::string(name), text); },
            [member](const Row& row) -> std::optional<std::string> {
                if (!(row.*member)) return std::nullopt;
                return std::string(*(row.*member) ? "true" : "false");
            }};
}

template <typename Row>
Column<Row> instant_column(std::string_view name, std::optional<Instant> Row::*member) {
    return {name, [name, member](Row& row, const std::string& text) { row.*member = parse_instant(text, name); },
            [member](const Row& row) -> std::optional<std::string> {
                if (!(row.*member)) return std::nullopt;
                return to_string(*(row.*member));
            }};
}

template <typename Row>
Column<Row> notes_column(std::optional<std::string> Row::*member) {
    Column<Row> column{"notes", [member](Row& row, const std::string& text) { row.*member = text; },
                       [member](const Row& row) { return row.*member; }};
    column.text = true;
    return column;
}

template <typename Row, typename Enum, typename Parse>
Column<Row> enum_column(std::string_view name, std::optional<Enum> Row::*member, Parse parse) {
    return {name, [name, member, parse](Row& row, const std::string& text) { row.*member = parse(text, name); },
            [member](const Row& row) -> std::optional<std::string> {
                if (!(row.*member)) return std::nullopt;
                return std::string(to_string(*(row.*member)));
            }};
}

template <typename Row>
Column<Row> date_key_column(std::string_view name, Date Row::*member) {
    Column<Row> column{name, [name, member](Row& row, const std::string& text) { row.*member = parse_date(text, name); },
                       [member](const Row& row) -> std::optional<std::string> { return to_string(row.*member); }};
    column.required = true;
    return column;
}

const std::vector<Column<CrampEpisode>>& cramp_columns() {
    static const std::vector<Column<CrampEpisode>> columns = [] {
        std::vector<Column<CrampEpisode>> c;
        c.push_back({"onset", [](CrampEpisode& row, const std::string& text) { row.onset = parse_instant(text, "onset"); },
                     [](const CrampEpisode& row) -> std::optional<std::string> { return to_string(row.onset); }, true});
        c.push_back({"duration_s",
                     [](CrampEpisode& row, const std::string& text) { row.duration_s = read_int("duration_s", text); },
                     [](const CrampEpisode& row) -> std::optional<std::string> { return std::to_string(row.duration_s); },
                     true});
        c.push_back({"leg", [](CrampEpisode& row, const std::string& text) { row.leg = parse_leg(text, "leg"); },
                     [](const CrampEpisode& row) -> std::optional<std::string> { return std::string(to_string(row.leg)); },
                     true});
        // Not required: an empty muscle takes the data model's default (calf).
        c.push_back({"muscle",
                     [](CrampEpisode& row, const std::string& text) { row.muscle = parse_muscle(text, "muscle"); },
                     [](const CrampEpisode& row) -> std::optional<std::string> {
                         return std::string(to_string(row.muscle));
                     }});
        c.push_back(int_column("intensity", &CrampEpisode::intensity));
        c.push_back(bool_column("woke", &CrampEpisode::woke));
        c.push_back(notes_column(&CrampEpisode::notes));
        return c;
    }();
    return columns;
}

const std::vector<Column<NightRecord>>& night_columns() {
    static const std::vector<Column<NightRecord>> columns = [] {
        std::vector<Column<NightRecord>> c;
        c.push_back(date_key_column("night", &NightRecord::night));
        c.push_back(instant_column("bedtime", &NightRecord::bedtime));
        c.push_back(instant_column("waketime", &NightRecord::waketime));
        c.push_back(int_column("sleep_quality", &NightRecord::sleep_quality));
        c.push_back(notes_column(&NightRecord::notes));
        return c;
    }();
    return columns;
}

const std::vector<Column<DayLog>>& day_columns() {
    static const std::vector<Column<DayLog>> columns = [] {
        std::vector<Column<DayLog>> c;
        c.push_back(date_key_column("day", &DayLog::day));
        c.push_back(real_column("compression_hours", &DayLog::compression_hours));
        c.push_back(enum_column("compression_class", &DayLog::compression_class,
                                [](const std::string& text, std::string_view name) {
                                    return parse_compression_class(text, name);
                                }));
        c.push_back(enum_column("compression_length", &DayLog::compression_length,
                                [](const std::string& text, std::string_view name) {
                                    return parse_compression_length(text, name);
                                }));
        c.push_back(int_column("swelling_grade", &DayLog::swelling_grade));
        c.push_back(real_column("ankle_left_cm", &DayLog::ankle_left_cm));
        c.push_back(real_column("ankle_right_cm", &DayLog::ankle_right_cm));
        c.push_back(real_column("calf_left_cm", &DayLog::calf_left_cm));
        c.push_back(real_column("calf_right_cm", &DayLog::calf_right_cm));
        c.push_back(real_column("standing_hours", &DayLog::standing_hours));
        c.push_back(real_column("water_l", &DayLog::water_l));
        c.push_back(int_column("exercise_min", &DayLog::exercise_min));
        c.push_back(int_column("elevation_min", &DayLog::elevation_min));
        for (std::size_t i = 0; i < symptom_count; ++i) {
            const std::string_view name = symptom_names[i];
            c.push_back({name,
                         [name, i](DayLog& row, const std::string& text) {
                             row.symptoms[i] = read_int(std::string(name), text);
                         },
                         [i](const DayLog& row) -> std::optional<std::string> {
                             if (!row.symptoms[i]) return std::nullopt;
                             return std::to_string(*row.symptoms[i]);
                         }});
        }
        c.push_back(bool_column("skin_discoloration", &DayLog::skin_discoloration));
        c.push_back(bool_column("ulcer", &DayLog::ulcer));
        c.push_back({"tags",
                     [](DayLog& row, const std::string& text) {
                         std::vector<Problem> problems;
                         for (std::size_t start = 0;;) {
                             const std::size_t end = std::min(text.find(';', start), text.size());
                             std::string tag = text.substr(start, end - start);
                             if (auto problem = check_tag(tag)) problems.push_back(std::move(*problem));
                             row.tags.insert(std::move(tag));
                             if (end == text.size()) break;
                             start = end + 1;
                         }
                         if (!problems.empty()) throw ValidationError(std::move(problems));
                     },
                     [](const DayLog& row) -> std::optional<std::string> {
                         if (row.tags.empty()) return std::nullopt;
                         std::string text;
                         for (const auto& tag : row.tags) {  // a std::set: sorted
                             if (!text.empty()) text += ';';
                             text += tag;
                         }
                         return text;
                     }});
        c.push_back(notes_column(&DayLog::notes));
        return c;
    }();
    return columns;
}

template <typename Row>
std::vector<std::string_view> names_of(const std::vector<Column<Row>>& columns) {
    std::vector<std::string_view> names;
    for (const auto& column : columns) names.push_back(column.name);
    return names;
}

// ---------------------------------------------------------------------------------------
// Writing

void write_cell(std::ostream& out, const std::optional<std::string>& value) {
    if (!value) return;
    if (value->empty()) {
        out << "\"\"";  // an empty text, told apart from null
        return;
    }
    if (value->find_first_of(",\"\r\n") == std::string::npos) {
        out << *value;
        return;
    }
    out << '"';
    for (const char c : *value) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

template <typename Row>
void write_table(std::ostream& out, const std::vector<Column<Row>>& columns, const std::vector<const Row*>& rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i].name;
    out << '\n';
    for (const Row* row : rows) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out << ',';
            write_cell(out, columns[i].write(*row));
        }
        out << '\n';
    }
}

template <typename Row, typename Less>
std::vector<const Row*> sorted(const std::vector<Row>& rows, Less less) {
    std::vector<const Row*> order;
    order.reserve(rows.size());
    for (const auto& row : rows) order.push_back(&row);
    std::stable_sort(order.begin(), order.end(), [&](const Row* a, const Row* b) { return less(*a, *b); });
    return order;
}

// ---------------------------------------------------------------------------------------
// Importing

std::string joined(const std::vector<std::string_view>& names) {
    std::string text;
    for (const auto name : names) text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

// What reading a file's rows found: problems are collected, nothing is thrown for a bad
// value, so that one pass reports every bad row.
struct ParsedRows {
    std::vector<Problem> problems;        // every problem of reading, with its line
    std::size_t count = 0;                // data rows in the file
};

// Reads the rows of a file against the header and stores each readable row through
// `import`, opened at the first one, so that the file is never held in memory whole and a
// file without a readable row takes no write lock. The row's line is its index in `import`.
template <typename Row, typename Key>
ParsedRows read_rows(CsvReader& reader, const std::vector<Column<Row>>& columns, const std::vector<std::string>& header,
                     std::int64_t header_line, CsvKind kind, Key key, Diary& diary,
                     std::optional<Diary::Import>& import) {
    ParsedRows parsed;
    std::vector<const Column<Row>*> at(header.size(), nullptr);  // null: ignored column
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        if (auto [previous, inserted] = seen.emplace(name, i); !inserted) {
            parsed.problems.push_back({name.empty() ? std::string("header") : excerpt(name), excerpt(name),
                                       "is a duplicate column (columns " + std::to_string(previous->second + 1) +
                                           " and " + std::to_string(i + 1) + ")",
                                       header_line, std::nullopt});
            continue;
        }
        const auto found = std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; });
        if (found != columns.end()) at[i] = &*found;
        else if (!(kind == CsvKind::cramps && name == "id")) {  // ids are the diary's to give
            std::string rule = "is not a column of a " + std::string(to_string(kind)) +
                               " file (its columns: " + joined(names_of(columns)) + ")";
            const auto first = name.find_first_not_of(' '), last = name.find_last_not_of(' ');
            if (first != std::string::npos && (first != 0 || last + 1 != name.size()))
                rule += "; spaces around a name are part of it";
            parsed.problems.push_back(
                {name.empty() ? std::string("header") : excerpt(name), excerpt(name), std::move(rule), header_line,
                 std::nullopt});
        }
    }
    if (!parsed.problems.empty()) throw ParseError(std::move(parsed.problems));
    reader.set_column_names(header);

    std::vector<const Column<Row>*> missing_required;
    for (const auto& column : columns)
        if (column.required && std::none_of(at.begin(), at.end(), [&](const auto* c) { return c == &column; }))
            missing_required.push_back(&column);

    std::map<decltype(key(std::declval<const Row&>())), std::int64_t> key_lines;
    CsvRecord record;
    for (;;) {
        try {
            if (!reader.next(record)) break;
        } catch (const ParseError& error) {
            // The file's structure is lost from here on; report it with what was found before.
            parsed.problems.insert(parsed.problems.end(), error.problems().begin(), error.problems().end());
            throw ParseError(std::move(parsed.problems));
        }
        ++parsed.count;
        const std::int64_t line = record.line;
        if (record.fields.size() != header.size()) {
            parsed.problems.push_back({"row", std::to_string(record.fields.size()) + " fields",
                                       "must have as many fields as the header (" + std::to_string(header.size()) +
                                           ")",
                                       line, std::nullopt});
            continue;
        }
        Row row{};
        const std::size_t problems_before = parsed.problems.size();
        for (std::size_t i = 0; i < header.size(); ++i) {
            const Column<Row>* column = at[i];
            if (!column) continue;
            const CsvField& cell = record.fields[i];
            if (cell.text.empty() && !(column->text && cell.quoted)) {
                if (column->required)
                    parsed.problems.push_back({std::string(column->name), "", "is required", line, std::nullopt});
                continue;
            }
            try {
                column->read(row, cell.text);
            } catch (const ValidationError& error) {
                for (Problem problem : error.problems()) {
                    problem.field = column->name;
                    problem.line = line;
                    parsed.problems.push_back(std::move(problem));
                }
            }
        }
        for (const auto* column : missing_required)
            parsed.problems.push_back({std::string(column->name), "",
                                       "is required, and the file has no " + std::string(column->name) + " column",
                                       line, std::nullopt});
        if (parsed.problems.size() != problems_before) continue;
        if constexpr (!std::is_same_v<Row, CrampEpisode>) {
            // A key given twice would silently keep only its last row.
            const auto [previous, inserted] = key_lines.emplace(key(row), line);
            if (!inserted) {
                parsed.problems.push_back({std::string(columns.front().name), to_string(key(row)),
                                           "is given twice in this file (also on line " +
                                               std::to_string(previous->second) + ")",
                                           line, std::nullopt});
                continue;
            }
        }
        if (!import) import.emplace(diary);
        import->add(row, static_cast<std::size_t>(line));
    }
    return parsed;
}

// Commits what `import` stored, or throws every problem of the file in line order.
CsvImportResult finish_import(std::optional<Diary::Import>& import, ParsedRows parsed, CsvKind kind) {
    CsvImportResult result{kind, parsed.count, {}};
    // The store checks the readable rows too (rules, overlaps) even when other rows could
    // not be read, so that the person sees every problem of the file at once.
    if (import) {
        for (auto& problem : std::exchange(parsed.problems, {})) import->add_problem(std::move(problem));
        try {
            result.stored = import->commit();
        } catch (const ValidationError& error) {
            for (Problem problem : error.problems()) {
                if (problem.index) {
                    problem.line = static_cast<std::int64_t>(*problem.index);
                    problem.index.reset();
                }
                parsed.problems.push_back(std::move(problem));
            }
        }
    }
    if (!parsed.problems.empty()) {
        std::stable_sort(parsed.problems.begin(), parsed.problems.end(), [](const Problem& a, const Problem& b) {
            return a.line.value_or(0) < b.line.value_or(0);
        });
        throw ValidationError(std::move(parsed.problems));
    }
    return result;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Public functions

std::string_view to_string(CsvKind kind) {
    switch (kind) {
        case CsvKind::cramps: return "cramps";
        case CsvKind::nights: return "nights";
        case CsvKind::days: return "days";
    }
    return "invalid";
}

const std::vector<std::string_view>& csv_columns(CsvKind kind) {
    static const std::vector<std::string_view> cramps = names_of(cramp_columns());
    static const std::vector<std::string_view> nights = names_of(night_columns());
    static const std::vector<std::string_view> days = names_of(day_columns());
    switch (kind) {
        case CsvKind::nights: return nights;
        case CsvKind::days: return days;
        case CsvKind::cramps: break;
    }
    return cramps;
}

CsvImportResult import_csv(Diary& diary, std::istream& in) {
    CsvReader reader(in);
    CsvRecord header_record;
    if (!reader.next(header_record))
        throw ParseError(std::vector<Problem>{
            {"header", "", "is missing: the file is empty, and a CSV file starts with a header row", 1, std::nullopt}});
    std::vector<std::string> header;
    for (auto& field : header_record.fields) header.push_back(std::move(field.text));
    const std::int64_t header_line = header_record.line;

    std::vector<std::string> keys;
    for (const auto& name : header)
        if (name == "onset" || name == "night" || name == "day") keys.push_back(name);
    if (keys.size() != 1) {
        std::string shown;
        for (const auto& name : header) shown += (shown.empty() ? "" : ",") + name;
        throw ParseError(std::vector<Problem>{
            {"header", excerpt(shown),
             keys.empty() ? "has no key column: onset (a cramps file), night (a nights file) or day (a days file)"
                          : "has more than one key column (onset, night, day): a file holds one kind of entry",
             header_line, std::nullopt}});
    }

    std::optional<Diary::Import> import;
    if (keys.front() == "onset") {
        auto parsed = read_rows(reader, cramp_columns(), header, header_line, CsvKind::cramps,
                                [](const CrampEpisode& row) { return row.onset.utc(); }, diary, import);
        return finish_import(import, std::move(parsed), CsvKind::cramps);
    }
    if (keys.front() == "night") {
        auto parsed = read_rows(reader, night_columns(), header, header_line, CsvKind::nights,
                                [](const NightRecord& row) { return row.night; }, diary, import);
        return finish_import(import, std::move(parsed), CsvKind::nights);
    }
    auto parsed = read_rows(reader, day_columns(), header, header_line, CsvKind::days,
                            [](const DayLog& row) { return row.day; }, diary, import);
    return finish_import(import, std::move(parsed), CsvKind::days);
}

std::ifstream open_csv_file(const fs::path& file) {
    std::error_code error;
    if (!fs::exists(file, error)) throw FileNotFoundError("cannot import " + file.string() + ": no such file");
    if (fs::is_directory(file, error))
        throw FileNotFoundError("cannot import " + file.string() + ": it is a folder, not a CSV file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FileNotFoundError("cannot open " + file.string() + ": " + std::strerror(errno));
    return in;
}

CsvImportResult import_csv(Diary& diary, const fs::path& file) {
    std::ifstream in = open_csv_file(file);
    return import_csv(diary, in);
}

void write_cramps_csv(std::ostream& out, const std::vector<CrampEpisode>& episodes) {
    write_table(out, cramp_columns(), sorted(episodes, [](const CrampEpisode& a, const CrampEpisode& b) {
                    const auto a_utc = a.onset.utc(), b_utc = b.onset.utc();
                    return a_utc < b_utc || (a_utc == b_utc && a.id < b.id);
                }));
}

void write_nights_csv(std::ostream& out, const std::vector<NightRecord>& records) {
    write_table(out, night_columns(),
                sorted(records, [](const NightRecord& a, const NightRecord& b) { return a.night < b.night; }));
}

void write_days_csv(std::ostream& out, const std::vector<DayLog>& logs) {
    write_table(out, day_columns(), sorted(logs, [](const DayLog& a, const DayLog& b) { return a.day < b.day; }));
}

void export_csv(const Diary& diary, const fs::path& folder) {
    std::error_code error;
    if (!fs::exists(folder, error)) {
        if (!fs::create_directories(folder, error) && error)
            throw StorageError("cannot create folder " + folder.string() + ": " + error.message());
        fs::permissions(folder, fs::perms::owner_all, error);  // health data: owner only
    } else if (!fs::is_directory(folder, error)) {
        throw StorageError("cannot export into " + folder.string() + ": it is not a folder");
    }

    const Diary::Batch all = diary.entries();  // one snapshot, so the three files agree
    write_private_file(folder / "cramps.csv", [&](std::ostream& out) { write_cramps_csv(out, all.cramps); });
    write_private_file(folder / "nights.csv", [&](std::ostream& out) { write_nights_csv(out, all.nights); });
    write_private_file(folder / "days.csv", [&](std::ostream& out) { write_days_csv(out, all.days); });
}

}  // namespace legdiary
