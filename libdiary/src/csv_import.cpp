// Importing a CSV file: every row read and checked, stored through one import session,
// all or nothing.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <utility>

#include "csv_detail.hpp"
#include "legdiary/time.hpp"

namespace legdiary {
namespace fs = std::filesystem;
using detail::excerpt;

namespace {

std::string key_text(const Date& key) { return to_string(key); }
std::string key_text(std::int64_t key) { return std::to_string(key); }

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
ParsedRows read_rows(CsvReader& reader, const std::vector<detail::CsvColumn<Row>>& columns, const std::vector<std::string>& header,
                     std::int64_t header_line, CsvKind kind, Key key, Diary& diary,
                     std::optional<Diary::Import>& import) {
    ParsedRows parsed;
    std::vector<const detail::CsvColumn<Row>*> at(header.size(), nullptr);  // null: ignored column
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
                               " file (its columns: " + joined(detail::names_of(columns)) + ")";
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

    std::vector<const detail::CsvColumn<Row>*> missing_required;
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
            const detail::CsvColumn<Row>* column = at[i];
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
                parsed.problems.push_back({std::string(columns.front().name), key_text(key(row)),
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
        // In line order, and within a line in field order, whichever check found them
        // (reading a value within its bounds, or the data model's rules).
        const auto& columns = csv_columns(kind);
        const auto rank = [&](const Problem& problem) {
            return std::find(columns.begin(), columns.end(), problem.field) - columns.begin();
        };
        std::stable_sort(parsed.problems.begin(), parsed.problems.end(), [&](const Problem& a, const Problem& b) {
            if (a.line.value_or(0) != b.line.value_or(0)) return a.line.value_or(0) < b.line.value_or(0);
            return rank(a) < rank(b);
        });
        throw ValidationError(std::move(parsed.problems));
    }
    return result;
}

}  // namespace

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
        if (name == "onset" || name == "night" || name == "day" || name == "trial") keys.push_back(name);
    if (keys.size() != 1) {
        std::string shown;
        for (const auto& name : header) shown += (shown.empty() ? "" : ",") + name;
        throw ParseError(std::vector<Problem>{
            {"header", excerpt(shown),
             keys.empty() ? "has no key column: onset (a cramps file), night (a nights file), day (a days file) or "
                            "trial (a trials file)"
                          : "has more than one key column (onset, night, day, trial): a file holds one kind of entry",
             header_line, std::nullopt}});
    }

    std::optional<Diary::Import> import;
    if (keys.front() == "onset") {
        auto parsed = read_rows(reader, detail::cramp_csv_columns(), header, header_line, CsvKind::cramps,
                                [](const CrampEpisode& row) { return row.onset.utc(); }, diary, import);
        return finish_import(import, std::move(parsed), CsvKind::cramps);
    }
    if (keys.front() == "night") {
        auto parsed = read_rows(reader, detail::night_csv_columns(), header, header_line, CsvKind::nights,
                                [](const NightRecord& row) { return row.night; }, diary, import);
        return finish_import(import, std::move(parsed), CsvKind::nights);
    }
    if (keys.front() == "trial") {
        // The `trial` column numbers the rows (the exporting diary's ids); the diary gives
        // its own ids, in file order.
        auto parsed = read_rows(reader, detail::trial_csv_columns(), header, header_line, CsvKind::trials,
                                [](const StoredTrial& row) { return row.id; }, diary, import);
        return finish_import(import, std::move(parsed), CsvKind::trials);
    }
    auto parsed = read_rows(reader, detail::day_csv_columns(), header, header_line, CsvKind::days,
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

}  // namespace legdiary
