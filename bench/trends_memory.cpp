// legdiary-trends-memory: the time and peak memory of Diary::trends on a diary file, beside
// the size of the columns it reads (target 4 of docs/performance.md). Measured in C++, so the
// figure is the computation's own, not that of the Python objects a caller builds from the
// report afterwards (bench/run.py reports those separately).
//
//   legdiary-trends-memory DIARY    prints {"nights", "seconds", "peak_increase_kib", "column_bytes"}
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <legdiary/analysis.hpp>
#include <legdiary/diary.hpp>
#include <legdiary/error.hpp>

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
                                    {"column_bytes", column_bytes(tables)}}
                  << '\n';
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "legdiary-trends-memory: " << error.what() << '\n';
        return 1;
    }
}
