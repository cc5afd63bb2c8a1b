// libFuzzer target: the CSV reader and import_csv into a private in-memory diary. Any
// input must be read record by record and then either imported or refused with a
// ValidationError (ParseError for a broken file) whose every problem names a field and a
// rule; a refused file must leave the diary empty, and an imported one must export and
// import again to the same entries.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include <legdiary/csv.hpp>
#include <legdiary/diary.hpp>
#include <legdiary/error.hpp>

#include "fuzz_common.hpp"

namespace {

using namespace legdiary;

std::size_t entry_count(const Diary& diary) {
    const auto all = diary.entries();
    return all.cramps.size() + all.nights.size() + all.days.size();
}

std::string exported(const Diary& diary, CsvKind kind) {
    const auto all = diary.entries();
    std::ostringstream out;
    if (kind == CsvKind::cramps) write_cramps_csv(out, all.cramps);
    if (kind == CsvKind::nights) write_nights_csv(out, all.nights);
    if (kind == CsvKind::days) write_days_csv(out, all.days);
    return out.str();
}

OpenOptions fixed_clock() {
    OpenOptions options;
    options.clock_utc = [] { return legdiary::now().utc(); };
    return options;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::fix_zone_and_clock();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(fuzz::as_text(data, size));

    // The reader alone: records or one ParseError with a line and a column.
    {
        std::istringstream in(bytes);
        CsvReader reader(in);
        CsvRecord record;
        std::int64_t last_line = 0;
        try {
            while (reader.next(record)) {
                if (record.line < last_line) fuzz::broken("record lines go backwards", std::to_string(record.line));
                last_line = record.line;
            }
        } catch (const ParseError& error) {
            const Problem& problem = error.problems().front();
            if (problem.field.empty() || problem.rule.empty() || !problem.line)
                fuzz::broken("CSV reader error without column, rule or line", error.what());
        }
    }

    // A whole import, all or nothing.
    Diary diary(":memory:", fixed_clock());
    std::istringstream in(bytes);
    try {
        const CsvImportResult result = import_csv(diary, in);
        if (entry_count(diary) == 0) return 0;  // a header alone, or rows already present
        const std::string first = exported(diary, result.kind);
        Diary again(":memory:", fixed_clock());
        std::istringstream back(first);
        import_csv(again, back);
        const std::string second = exported(again, result.kind);
        if (first != second) fuzz::broken("export -> import -> export differs", first + "\n---\n" + second);
    } catch (const ValidationError& error) {
        for (const Problem& problem : error.problems())
            if (problem.field.empty() || problem.rule.empty())
                fuzz::broken("a problem without field or rule", error.what());
        if (entry_count(diary) != 0) fuzz::broken("a refused file left entries in the diary", error.what());
    }
    return 0;
}
