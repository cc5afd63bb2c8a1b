// legdiary-trends-memory: the time and peak memory of Diary::trends on a diary file, beside
// the size of the columns it reads (target 4 of docs/performance.md). Measured in C++, so the
// figure is the computation's own, not that of the Python objects a caller builds from the
// report afterwards (bench/run.py reports those separately).
//
//   legdiary-trends-memory DIARY    prints {"nights", "seconds", "peak_increase_kib", "column_bytes",
//                                            "robust_seconds"}
//
// `robust_seconds` is the time of the robust comparison fits alone (SPEC 3, "Comparisons when
// nights cluster"): the same Poisson GLMs with the Newey–West covariance that Diary::trends
// fits for its compression and tag comparisons, on the same nights, timed apart, so that
// bench/run.py can set trends against trends without them (target 4, "robust cost").
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <legdiary/analysis.hpp>
#include <legdiary/diary.hpp>
#include <legdiary/error.hpp>
#include <legdiary/models.hpp>
#include <legdiary/nights.hpp>

namespace {

// The resident set now, in KiB (/proc/self/statm counts pages).
long resident_kib() {
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

long peak_kib() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

template <typename T>
std::size_t bytes(const std::vector<T>& column) {
    return column.size() * sizeof(T);
}

// The bytes of the columns a trend report reads: every vector of the tables.
std::size_t column_bytes(const legdiary::DiaryTables& t) {
    const auto& e = t.episodes;
    const auto& d = t.days;
    std::size_t total = bytes(e.id) + bytes(e.night) + bytes(e.onset_utc_ns) + bytes(e.offset_minutes) +
                        bytes(e.duration_s) + bytes(e.leg) + bytes(e.muscle) + bytes(e.intensity) + bytes(e.woke);
    total += bytes(t.nights.night) + bytes(t.nights.sleep_quality);
    total += bytes(d.day) + bytes(d.compression_hours) + bytes(d.compression_class) + bytes(d.compression_length) +
             bytes(d.swelling_grade) + bytes(d.ankle_left_cm) + bytes(d.ankle_right_cm) + bytes(d.calf_left_cm) +
             bytes(d.calf_right_cm) + bytes(d.standing_hours) + bytes(d.water_l) + bytes(d.exercise_min) +
             bytes(d.elevation_min) + bytes(d.skin_discoloration) + bytes(d.ulcer) + bytes(d.tag_row) + bytes(d.tag);
    for (const auto& symptom : d.symptoms) total += bytes(symptom);
    return total;
}

// The y and x of each default comparison of the report (compression, then each tag), built
// from the tables as SPEC 3 defines them; then the time of fitting them all.
double robust_fit_seconds(const legdiary::DiaryTables& tables, const legdiary::TrendReport& report) {
    using legdiary::day_number;
    std::map<legdiary::DayNumber, std::size_t> log_of;
    for (std::size_t row = 0; row < tables.days.size(); ++row) log_of[tables.days.day[row]] = row;
    std::vector<std::set<std::string>> tags(tables.days.size());
    for (std::size_t k = 0; k < tables.days.tag.size(); ++k) tags[tables.days.tag_row[k]].insert(tables.days.tag[k]);
    std::vector<std::pair<std::vector<double>, std::vector<double>>> designs;
    for (const auto& comparison : report.comparisons) {
        if (!comparison.dispersion) continue;  // no fit was made
        std::vector<double> y, x;
        for (const auto& night : report.nightly) {
            if (!night.recorded) continue;
            const auto log = log_of.find(day_number(night.night));
            if (log == log_of.end()) continue;
            std::optional<bool> exposed;
            if (comparison.exposure == "compression") {
                const double hours = tables.days.compression_hours[log->second];
                if (!std::isnan(hours)) exposed = hours > 0;
            } else if (comparison.exposure.rfind("tag:", 0) == 0) {
                exposed = tags[log->second].count(comparison.exposure.substr(4)) > 0;
            }
            if (!exposed) continue;
            y.push_back(static_cast<double>(night.cramps));
            x.push_back(*exposed ? 1 : 0);
        }
        designs.emplace_back(std::move(y), std::move(x));
    }
    legdiary::models::PoissonOptions options;
    options.covariance = legdiary::models::Covariance::hac;
    options.hac_lags = legdiary::comparison_hac_lags;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& [y, x] : designs) {
        const std::vector<double> ones(y.size(), 1.0);
        (void)legdiary::models::poisson_glm(y, {ones, x}, options);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: legdiary-trends-memory DIARY\n";
        return 2;
    }
    try {
        legdiary::OpenOptions options;
        options.create = false;
        const legdiary::Diary diary(argv[1], options);
        const auto range = diary.extent();
        if (!range) throw legdiary::StorageError("the diary is empty");
        const long before = resident_kib();
        const auto start = std::chrono::steady_clock::now();
        const legdiary::TrendReport report = diary.trends(*range, {});
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        const long peak = peak_kib();
        const auto tables = diary.tables({range->from - boost::gregorian::days(6), range->to});
        std::cout << nlohmann::json{{"nights", report.nightly.size()},
                                    {"seconds", elapsed.count()},
                                    {"peak_increase_kib", peak - before},
                                    {"column_bytes", column_bytes(tables)},
                                    {"robust_seconds", robust_fit_seconds(tables, report)}}
                  << '\n';
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "legdiary-trends-memory: " << error.what() << '\n';
        return 1;
    }
}
