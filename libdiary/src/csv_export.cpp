// Writing CSV files: each kind's columns from the field table, rows in key order; the
// export writes each file whole and owner-only.
#include <algorithm>
#include <ostream>

#include "csv_detail.hpp"
#include "legdiary/files.hpp"

namespace legdiary {
namespace fs = std::filesystem;

namespace {

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
void write_table(std::ostream& out, const std::vector<detail::CsvColumn<Row>>& columns, const std::vector<const Row*>& rows) {
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

}  // namespace

void write_cramps_csv(std::ostream& out, const std::vector<CrampEpisode>& episodes) {
    write_table(out, detail::cramp_csv_columns(), sorted(episodes, [](const CrampEpisode& a, const CrampEpisode& b) {
                    const auto a_utc = a.onset.utc(), b_utc = b.onset.utc();
                    return a_utc < b_utc || (a_utc == b_utc && a.id < b.id);
                }));
}

void write_nights_csv(std::ostream& out, const std::vector<NightRecord>& records) {
    write_table(out, detail::night_csv_columns(),
                sorted(records, [](const NightRecord& a, const NightRecord& b) { return a.night < b.night; }));
}

void write_days_csv(std::ostream& out, const std::vector<DayLog>& logs) {
    write_table(out, detail::day_csv_columns(), sorted(logs, [](const DayLog& a, const DayLog& b) { return a.day < b.day; }));
}

void write_trials_csv(std::ostream& out, const std::vector<StoredTrial>& trials) {
    // By id: a new diary numbers imported trials in file order, so the ids come back the same.
    write_table(out, detail::trial_csv_columns(),
                sorted(trials, [](const StoredTrial& a, const StoredTrial& b) { return a.id < b.id; }));
}

void export_csv(const Diary& diary, const fs::path& folder) {
    std::error_code error;
    if (!fs::exists(folder, error)) {
        create_private_folders(folder);  // health data: every folder made is owner-only
    } else if (!fs::is_directory(folder, error)) {
        throw StorageError("cannot export into " + folder.string() + ": it is not a folder");
    }

    const Diary::Batch all = diary.entries();  // one snapshot, so the three files of entries agree
    const std::vector<StoredTrial> trials = diary.trials();  // plans are never edited, only stopped
    write_private_file(folder / "cramps.csv", [&](std::ostream& out) { write_cramps_csv(out, all.cramps); });
    write_private_file(folder / "nights.csv", [&](std::ostream& out) { write_nights_csv(out, all.nights); });
    write_private_file(folder / "days.csv", [&](std::ostream& out) { write_days_csv(out, all.days); });
    write_private_file(folder / "trials.csv", [&](std::ostream& out) { write_trials_csv(out, trials); });
}

}  // namespace legdiary
