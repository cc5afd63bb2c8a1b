// CSV import and export: the reader's RFC 4180 handling, header-driven import, all-or-
// nothing refusal with every problem named, idempotent re-import, and byte-identical
// export → import → export round trips.
#include "catch_compat.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "legdiary/csv.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/model.hpp"
#include "legdiary/time.hpp"
#include "legdiary/trial.hpp"
#include "test_support.hpp"

using namespace legdiary;
namespace fs = std::filesystem;

namespace {

// Far after every date in these tests, so "not in the future" never depends on today.
const DateTime fixed_now = DateTime(Date(2030, 1, 1), boost::posix_time::hours(0));

OpenOptions fixed_clock() {
    OpenOptions options;
    options.clock_utc = [] { return fixed_now; };
    return options;
}

Diary memory_diary() { return Diary(":memory:", fixed_clock()); }

using test_support::TempDir;

Instant at(const std::string& text) { return parse_instant(text, "test"); }
Date day_of(const std::string& text) { return parse_date(text, "test"); }

CsvImportResult import_text(Diary& diary, const std::string& text) {
    std::istringstream in(text);
    return import_csv(diary, in);
}

std::vector<CsvRecord> read_all(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

std::vector<std::string> texts(const CsvRecord& record) {
    std::vector<std::string> out;
    for (const auto& field : record.fields) out.push_back(field.text);
    return out;
}

// Everything a diary holds, for "before == after" comparisons.
struct Contents {
    std::vector<CrampEpisode> cramps;
    std::vector<NightRecord> nights;
    std::vector<DayLog> days;
    friend bool operator==(const Contents&, const Contents&) = default;
};

Contents contents(const Diary& diary) {
    Contents all;
    if (const auto range = diary.extent()) {
        all.cramps = diary.cramps(*range);
        all.nights = diary.nights(*range);
        all.days = diary.days(*range);
    }
    return all;
}

// The problems of the ValidationError that `action` throws.
template <typename Action>
std::vector<Problem> problems_of(Action&& action) {
    try {
        action();
    } catch (const ValidationError& error) {
        return error.problems();
    }
    FAIL("expected a ValidationError");
    return {};
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

CrampEpisode episode(const std::string& onset, int duration_s, Leg leg) {
    CrampEpisode e;
    e.onset = at(onset);
    e.duration_s = duration_s;
    e.leg = leg;
    return e;
}

const std::string cramp_header = "onset,duration_s,leg,muscle,intensity,woke,notes\n";

}  // namespace

// ---------------------------------------------------------------------------------------
// The reader

TEST_CASE("CSV reader: quoted commas, doubled quotes and line breaks stay inside their field", "[csv]") {
    const auto records = read_all(
        "a,b,c\n"
        "\"one, two\",\"say \"\"hi\"\"\",\"first\nsecond\r\nthird\"\n"
        "plain,,\"\"\n");
    REQUIRE(records.size() == 3);
    CHECK(texts(records[0]) == std::vector<std::string>{"a", "b", "c"});
    CHECK(texts(records[1]) == std::vector<std::string>{"one, two", "say \"hi\"", "first\nsecond\r\nthird"});
    CHECK(records[1].fields[0].quoted);
    CHECK(texts(records[2]) == std::vector<std::string>{"plain", "", ""});
    CHECK_FALSE(records[2].fields[1].quoted);  // empty: null
    CHECK(records[2].fields[2].quoted);        // "": empty text

    // Each record is named by the physical line it starts on, counting the breaks in fields.
    CHECK(records[0].line == 1);
    CHECK(records[1].line == 2);
    CHECK(records[2].line == 5);
}

TEST_CASE("CSV reader: CR, LF and CRLF line ends, a byte order mark, blank lines, no final line break", "[csv]") {
    const auto records = read_all("\xEF\xBB\xBFkey,value\r\nx,1\ry,2\n\n\r\nz,3");
    REQUIRE(records.size() == 4);
    CHECK(texts(records[0]) == std::vector<std::string>{"key", "value"});  // the mark is not part of "key"
    CHECK(texts(records[1]) == std::vector<std::string>{"x", "1"});
    CHECK(texts(records[2]) == std::vector<std::string>{"y", "2"});
    CHECK(texts(records[3]) == std::vector<std::string>{"z", "3"});
    CHECK(records[1].line == 2);
    CHECK(records[2].line == 3);
    CHECK(records[3].line == 6);

    SECTION("bytes that only begin like a byte order mark are kept") {
        const auto kept = read_all("\xEF\xBBx,\xEF\n");
        REQUIRE(kept.size() == 1);
        CHECK(texts(kept[0]) == std::vector<std::string>{"\xEF\xBBx", "\xEF"});
    }
    SECTION("an empty input has no records") { CHECK(read_all("").empty()); }
    SECTION("a trailing comma is an empty last field") {
        CHECK(texts(read_all("a,\n").at(0)) == std::vector<std::string>{"a", ""});
    }
}

TEST_CASE("CSV reader: malformed quoting is a ParseError naming the line and column", "[csv]") {
    const auto problem_of = [](const std::string& text) {
        std::istringstream in(text);
        CsvReader reader(in);
        reader.set_column_names({"onset", "notes"});
        CsvRecord record;
        try {
            while (reader.next(record)) {
            }
        } catch (const ParseError& error) {
            REQUIRE(error.problems().size() == 1);
            return error.problems().front();
        }
        FAIL("expected a ParseError");
        return Problem{};
    };

    SECTION("a quoted field that is never closed") {
        const auto problem = problem_of("onset,notes\nx,y\nx,\"open\nand on\n");
        CHECK(problem.line == 3);
        CHECK(problem.field == "notes");
        CHECK(mentions(problem.rule, "not closed"));
        CHECK(mentions(problem.rule, "line 3"));
    }
    SECTION("a quote inside an unquoted field") {
        const auto problem = problem_of("onset,notes\nx,y\nx,y\nab\"c,d\n");
        CHECK(problem.line == 4);
        CHECK(problem.field == "onset");
        CHECK(problem.value == "ab");
        CHECK(mentions(problem.rule, "quote inside an unquoted field"));
    }
    SECTION("text after a closing quote") {
        const auto problem = problem_of("onset,notes\nx,\"two\nlines\"x\n");
        CHECK(problem.line == 2);
        CHECK(problem.field == "notes");
        CHECK(mentions(problem.rule, "after a closing quote"));
    }
    SECTION("columns past the header are numbered") {
        const auto problem = problem_of("onset,notes\nx,y,z\"\n");
        CHECK(problem.field == "column 3");
    }
}

// ---------------------------------------------------------------------------------------
// Import

TEST_CASE("CSV import: commas, quotes, line breaks and non-ASCII notes arrive intact (CRLF, BOM)", "[csv]") {
    Diary diary = memory_diary();
    const std::string note = "Wadenkrampf \xE2\x80\x93 tr\xC3\xA8s fort \xF0\x9F\x98\xA3, \"really\"\r\nwoke twice";
    const auto result = import_text(diary,
                                    "\xEF\xBB\xBF"
                                    "onset,duration_s,leg,muscle,intensity,woke,notes\r\n"
                                    "2026-11-22T02:30:00+01:00,90,left,calf,7,true,"
                                    "\"Wadenkrampf \xE2\x80\x93 tr\xC3\xA8s fort \xF0\x9F\x98\xA3, \"\"really\"\"\r\nwoke twice\"\r\n"
                                    "2026-11-23T03:00:00+01:00,30,right,foot,,false,plain\r\n");
    CHECK(result.kind == CsvKind::cramps);
    CHECK(result.rows == 2);
    CHECK(result.stored.cramps_added == 2);

    const auto stored = contents(diary).cramps;
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].notes == note);
    CHECK(stored[0].onset == at("2026-11-22T02:30:00+01:00"));
    CHECK(stored[0].intensity == 7);
    CHECK(stored[0].woke == true);
    CHECK(stored[1].muscle == Muscle::foot);
    CHECK_FALSE(stored[1].intensity.has_value());
    CHECK(stored[1].woke == false);
    CHECK(stored[1].notes == "plain");
}

TEST_CASE("CSV import: columns in any order, left-out columns null, kind told by the key column", "[csv]") {
    Diary diary = memory_diary();

    SECTION("cramps") {
        const auto result = import_text(diary,
                                        "notes,leg,duration_s,onset\n"
                                        "\"after a long walk, again\",both,45,2026-03-01T01:15:00-05:00\n");
        CHECK(result.kind == CsvKind::cramps);
        const auto stored = contents(diary).cramps;
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].leg == Leg::both);
        CHECK(stored[0].duration_s == 45);
        CHECK(stored[0].muscle == Muscle::calf);  // the model's default
        CHECK_FALSE(stored[0].intensity.has_value());
        CHECK_FALSE(stored[0].woke.has_value());
        CHECK(stored[0].notes == "after a long walk, again");
        CHECK(stored[0].onset == at("2026-03-01T01:15:00-05:00"));
    }
    SECTION("nights: only the key column") {
        const auto result = import_text(diary, "night\n2026-03-01\n2026-03-02\n");
        CHECK(result.kind == CsvKind::nights);
        CHECK(result.stored.nights_put == 2);
        const auto record = diary.night(day_of("2026-03-02"));
        REQUIRE(record);
        CHECK_FALSE(record->bedtime.has_value());
        CHECK_FALSE(record->sleep_quality.has_value());
        CHECK_FALSE(record->notes.has_value());
    }
    SECTION("days: some columns, tags separated by ;") {
        const auto result = import_text(diary,
                                        "tags,calf_right_cm,day,compression_class,ulcer\n"
                                        "stretching;magnesium,37.25,2026-03-01,20-30,false\n"
                                        ",,2026-03-02,,\n");
        CHECK(result.kind == CsvKind::days);
        CHECK(result.rows == 2);
        const auto log = diary.day(day_of("2026-03-01"));
        REQUIRE(log);
        CHECK(log->tags == std::set<std::string>{"magnesium", "stretching"});
        CHECK(log->calf_right_cm == 37.25);
        CHECK(log->compression_class == CompressionClass::mmhg_20_30);
        CHECK(log->ulcer == false);
        CHECK_FALSE(log->compression_hours.has_value());
        const auto empty = diary.day(day_of("2026-03-02"));
        REQUIRE(empty);
        CHECK(empty->tags.empty());
        CHECK_FALSE(empty->ulcer.has_value());
    }
    SECTION("an id column in a cramps file is ignored") {
        import_text(diary, "id,onset,duration_s,leg\n9999,2026-03-01T01:15:00+01:00,45,left\n");
        const auto stored = contents(diary).cramps;
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].id != 9999);
    }
    SECTION("quoted empty notes are an empty text, unquoted empty notes are null") {
        import_text(diary, "night,notes\n2026-03-01,\"\"\n2026-03-02,\n");
        CHECK(diary.night(day_of("2026-03-01"))->notes == std::string());
        CHECK_FALSE(diary.night(day_of("2026-03-02"))->notes.has_value());
    }
}

TEST_CASE("CSV import: a header that is not a legdiary file is refused before any row", "[csv]") {
    Diary diary = memory_diary();
    const auto refused = [&](const std::string& text) {
        std::vector<Problem> problems;
        try {
            import_text(diary, text);
        } catch (const ParseError& error) {
            problems = error.problems();
        }
        REQUIRE_FALSE(problems.empty());
        CHECK(contents(diary) == Contents{});
        return problems;
    };

    SECTION("unknown columns, each named") {
        const auto problems = refused("onset,duration_s,leg,colour,side\n2026-03-01T01:15:00+01:00,45,left,red,x\n");
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].field == "colour");
        CHECK(problems[0].line == 1);
        CHECK(mentions(problems[0].rule, "not a column of a cramps file"));
        CHECK(problems[1].field == "side");
    }
    SECTION("spaces after the commas of the header are pointed out") {
        const auto problems = refused("onset, duration_s,leg\n2026-03-01T01:15:00+01:00,45,left\n");
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == " duration_s");
        CHECK(mentions(problems[0].rule, "spaces around a name are part of it"));
    }
    SECTION("a column of another kind") {
        const auto problems = refused("night,compression_hours\n2026-03-01,8\n");
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "compression_hours");
        CHECK(mentions(problems[0].rule, "nights file"));
    }
    SECTION("a duplicate column") {
        const auto problems = refused("day,water_l,water_l\n2026-03-01,1,2\n");
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "water_l");
        CHECK(mentions(problems[0].rule, "duplicate"));
    }
    SECTION("no key column") {
        const auto problems = refused("duration_s,leg\n45,left\n");
        CHECK(mentions(problems[0].rule, "no key column"));
        CHECK(problems[0].line == 1);
    }
    SECTION("two key columns") {
        CHECK(mentions(refused("night,day\n2026-03-01,2026-03-01\n")[0].rule, "more than one key column"));
    }
    SECTION("an empty file") { CHECK(refused("")[0].field == "header"); }
}

TEST_CASE("CSV import: a header-only file stores nothing and is not an error", "[csv]") {
    Diary diary = memory_diary();
    const auto result = import_text(diary, cramp_header);
    CHECK(result.rows == 0);
    CHECK(result.stored.cramps_added == 0);
}

TEST_CASE("CSV import: one bad row in the middle refuses the whole file and leaves the diary unchanged", "[csv]") {
    Diary diary = memory_diary();
    diary.add_cramp(episode("2026-02-01T03:00:00+01:00", 60, Leg::left));
    NightRecord night;
    night.night = day_of("2026-02-01");
    night.sleep_quality = 5;
    diary.put_night(night);
    const Contents before = contents(diary);

    const auto problems = problems_of([&] {
        import_text(diary, cramp_header +
                               "2026-03-01T01:00:00+01:00,60,left,calf,5,true,fine\n"
                               "2026-03-02T01:00:00+01:00,60,left,calf,5,true,fine\n"
                               "2026-03-03T01:00:00+01:00,sixty,left,calf,5,true,bad duration\n"
                               "2026-03-04T01:00:00+01:00,60,left,calf,5,true,fine\n");
    });
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 4);
    CHECK(problems[0].field == "duration_s");
    CHECK(problems[0].value == "sixty");
    CHECK(mentions(problems[0].rule, "whole number"));
    CHECK(contents(diary) == before);

    // The message a person sees names the line, the column, the value and the rule.
    try {
        import_text(diary, cramp_header + "2026-03-03T01:00:00+01:00,sixty,left,,,,\n");
        FAIL("expected a ValidationError");
    } catch (const ValidationError& error) {
        CHECK(std::string(error.what()) == "line 2: duration_s = \"sixty\": must be a whole number in 1..3600 seconds");
    }
}

TEST_CASE("CSV import: every bad row is reported, with its line, column, value and rule", "[csv]") {
    Diary diary = memory_diary();

    SECTION("cramps") {
        const auto problems = problems_of([&] {
            import_text(diary, cramp_header +
                                   "2026-03-01T01:00:00+01:00,60,left,calf,5,true,ok\n"   // line 2
                                   "2026-03-02T01:00:00,60,left,calf,5,true,\n"           // 3: no offset
                                   "2026-03-03T01:00:00+01:00,60,middle,calf,5,yes,\n"    // 4: leg, woke
                                   "2026-03-04T01:00:00+01:00,60,left,calf,11,,\n"        // 5: model rule
                                   "2026-03-05T01:00:00+01:00,0,left,calf,,,\n"           // 6: model rule
                                   "2026-03-06T01:00:00+01:00,3.0,left,calf,,,\n"         // 7: not an integer
                                   "2026-03-07T01:00:00+01:00,,left,calf,,,\n"            // 8: required
                                   "2026-03-08T01:00:00+01:00,60,left\n"                  // 9: field count
                                   "2031-03-09T01:00:00+01:00,60,left,calf,,,\n"          // 10: future
                                   "2026-03-10T01:00:00+01:00,60,left,elbow,,,\n");       // 11: enum
        });
        std::vector<std::pair<std::int64_t, std::string>> found;
        for (const auto& problem : problems) found.emplace_back(problem.line.value_or(-1), problem.field);
        const std::vector<std::pair<std::int64_t, std::string>> expected = {
            {3, "onset"},      {4, "leg"},  {4, "woke"},  {5, "intensity"}, {6, "duration_s"},
            {7, "duration_s"}, {8, "duration_s"}, {9, "row"}, {10, "onset"},   {11, "muscle"}};
        CHECK(found == expected);
        CHECK(mentions(problems[0].rule, "UTC offset"));
        CHECK(problems[2].value == "yes");
        CHECK(problems[3].rule == "must be 0..10");
        CHECK(mentions(problems[8].rule, "future"));
        for (const auto& problem : problems) CHECK_FALSE(problem.index.has_value());
        CHECK(contents(diary) == Contents{});
    }
    SECTION("days: strict numbers, booleans, dates and tags") {
        const auto problems = problems_of([&] {
            import_text(diary,
                        "day,water_l,exercise_min,ulcer,tags,calf_left_cm\n"
                        "2026-03-01,1.5,30,false,magnesium,37.25\n"  // 2: fine
                        "2026-03-02,\"1,5\",,,,\n"                   // 3: decimal comma
                        "2026-03-03,nan,,,,\n"                       // 4
                        "2026-03-04,inf,,,,\n"                       // 5
                        "2026-03-05,1.5x,30min,,,\n"                 // 6: two problems
                        "2026-03-06, 1.5,,,,\n"                      // 7: space
                        "2026-02-30,,,,,\n"                          // 8: no such date
                        "2026-03-08,,,TRUE,,\n"                      // 9
                        "2026-03-09,,,,Magnesium;;ok,\n"             // 10: two bad tags
                        "2026-03-10,16,,,,9.5\n");                   // 11: two model rules
        });
        std::vector<std::pair<std::int64_t, std::string>> found;
        for (const auto& problem : problems) found.emplace_back(problem.line.value_or(-1), problem.field);
        const std::vector<std::pair<std::int64_t, std::string>> expected = {
            {3, "water_l"}, {4, "water_l"}, {5, "water_l"}, {6, "water_l"}, {6, "exercise_min"}, {7, "water_l"},
            {8, "day"},     {9, "ulcer"},   {10, "tags"},   {10, "tags"},   {11, "calf_left_cm"}, {11, "water_l"}};
        CHECK(found == expected);
        CHECK(problems[0].value == "1,5");
        CHECK(problems[7].value == "TRUE");
        CHECK(contents(diary) == Contents{});
    }
    SECTION("nights: waketime before bedtime, and a night given twice") {
        const auto problems = problems_of([&] {
            import_text(diary,
                        "night,bedtime,waketime,sleep_quality\n"
                        "2026-03-01,2026-03-01T23:00:00+01:00,2026-03-01T22:00:00+01:00,5\n"
                        "2026-03-02,,,7\n"
                        "2026-03-02,,,8\n");
        });
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].line == 2);
        CHECK(problems[0].field == "waketime");
        CHECK(problems[1].line == 4);
        CHECK(problems[1].field == "night");
        CHECK(mentions(problems[1].rule, "line 3"));
    }
    SECTION("a required column left out is an error on every row") {
        const auto problems = problems_of([&] {
            import_text(diary, "onset,duration_s\n2026-03-01T01:00:00+01:00,60\n2026-03-02T01:00:00+01:00,60\n");
        });
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].field == "leg");
        CHECK(problems[0].line == 2);
        CHECK(mentions(problems[0].rule, "no leg column"));
        CHECK(problems[1].line == 3);
    }
    SECTION("malformed quoting after bad rows reports them all, as a ParseError") {
        try {
            import_text(diary, cramp_header + "2026-03-01T01:00:00+01:00,x,left,,,,\n"
                                              "2026-03-02T01:00:00+01:00,60,left,,,,\"never closed\n");
            FAIL("expected a ParseError");
        } catch (const ParseError& error) {
            REQUIRE(error.problems().size() == 2);
            CHECK(error.problems()[0].line == 2);
            CHECK(error.problems()[1].line == 3);
            CHECK(error.problems()[1].field == "notes");
        }
        CHECK(contents(diary) == Contents{});
    }
}

TEST_CASE("CSV import: overlapping episodes are refused, in the file and against the diary", "[csv]") {
    Diary diary = memory_diary();
    diary.add_cramp(episode("2026-03-01T02:00:00+01:00", 120, Leg::left));
    const Contents before = contents(diary);

    SECTION("against an episode in the diary, with other problems in the same file") {
        const auto problems = problems_of([&] {
            import_text(diary, cramp_header +
                                   "2026-03-05T01:00:00+01:00,60,left,,,,\n"
                                   "2026-03-01T02:01:00+01:00,60,both,,,,\n"      // overlaps the stored one
                                   "2026-03-01T02:01:00+01:00,60,right,,,,\n"     // other leg: fine
                                   "2026-03-06T01:00:00+01:00,60,left,,,maybe,\n");
        });
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].line == 3);
        CHECK(problems[0].field == "onset");
        CHECK(mentions(problems[0].rule, "overlaps"));
        CHECK(problems[1].line == 5);
        CHECK(problems[1].field == "woke");
    }
    SECTION("two episodes of the same file") {
        const auto problems = problems_of([&] {
            import_text(diary, cramp_header +
                                   "2026-03-10T01:00:00+01:00,300,right,,,,\n"
                                   "2026-03-10T01:04:00+01:00,60,right,,,,\n");
        });
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 3);
        CHECK(mentions(problems[0].rule, "overlaps"));
    }
    SECTION("the same moment written with another offset still overlaps") {
        const auto problems = problems_of([&] {
            import_text(diary, cramp_header + "2026-03-01T01:01:00+00:00,30,left,,,,\n");
        });
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 2);
    }
    CHECK(contents(diary) == before);
}

TEST_CASE("CSV import: importing the same file twice changes nothing the second time", "[csv]") {
    TempDir folder;
    const fs::path file = folder.path() / "cramps.csv";
    {
        std::ofstream out(file, std::ios::binary);
        out << cramp_header << "2026-03-01T01:00:00+01:00,60,left,calf,5,true,\"one, two\"\n"
            << "2026-03-02T01:00:00+01:00,90,right,foot,,,\n"
            << "2026-03-02T01:00:00+01:00,90,right,foot,,,\n";  // an exact repeat inside the file too
    }
    Diary diary = memory_diary();
    const auto first = import_csv(diary, file);
    CHECK(first.rows == 3);
    CHECK(first.stored.cramps_added == 2);
    CHECK(first.stored.cramps_already_present == 1);
    const Contents after_first = contents(diary);

    const auto second = import_csv(diary, file);
    CHECK(second.stored.cramps_added == 0);
    CHECK(second.stored.cramps_already_present == 3);
    CHECK(contents(diary) == after_first);
}

TEST_CASE("CSV import: a missing file is a FileNotFoundError", "[csv]") {
    Diary diary = memory_diary();
    TempDir folder;
    CHECK_THROWS_AS(import_csv(diary, folder.path() / "no-such-file.csv"), FileNotFoundError);
    CHECK_THROWS_AS(import_csv(diary, folder.path()), FileNotFoundError);
    try {
        import_csv(diary, folder.path() / "no-such-file.csv");
    } catch (const FileNotFoundError& error) {
        CHECK(mentions(error.what(), "no-such-file.csv"));
    }
}

// ---------------------------------------------------------------------------------------
// Export

TEST_CASE("CSV export: fixed columns, shortest reals, quoting only where needed, deterministic order", "[csv]") {
    Diary diary = memory_diary();
    // Added out of order: the file is in UTC onset order whatever the local offsets.
    CrampEpisode later = episode("2026-11-21T23:10:05-05:00", 30, Leg::both);
    later.muscle = Muscle::foot;
    diary.add_cramp(later);
    CrampEpisode earlier = episode("2026-11-22T02:30:00+01:00", 90, Leg::left);
    earlier.intensity = 7;
    earlier.woke = true;
    earlier.notes = "Wadenkrampf \xE2\x80\x93 tr\xC3\xA8s fort \xF0\x9F\x98\xA3, \"ouch\"\nagain";
    diary.add_cramp(earlier);

    NightRecord night;
    night.night = day_of("2026-11-21");
    night.bedtime = at("2026-11-21T22:45:00+01:00");
    night.waketime = at("2026-11-22T06:30:00+01:00");
    night.sleep_quality = 6;
    night.notes = "";
    diary.put_night(night);

    DayLog log;
    log.day = day_of("2026-11-21");
    log.compression_hours = 0.1;
    log.compression_class = CompressionClass::mmhg_20_30;
    log.compression_length = CompressionLength::knee;
    log.calf_left_cm = 37.25;
    log.calf_right_cm = 38.0;
    log.water_l = 1.0 / 3.0;
    log.symptom(Symptom::heaviness) = 3;
    log.ulcer = false;
    log.tags = {"stretching", "magnesium"};
    log.notes = "socks, all day";
    diary.put_day(log);

    TempDir folder;
    const fs::path out = folder.path() / "export";  // created by the export
    export_csv(diary, out);

    CHECK(file_text(out / "cramps.csv") ==
          "onset,duration_s,leg,muscle,intensity,woke,notes\n"
          "2026-11-22T02:30:00+01:00,90,left,calf,7,true,"
          "\"Wadenkrampf \xE2\x80\x93 tr\xC3\xA8s fort \xF0\x9F\x98\xA3, \"\"ouch\"\"\nagain\"\n"
          "2026-11-21T23:10:05-05:00,30,both,foot,,,\n");
    CHECK(file_text(out / "nights.csv") ==
          "night,bedtime,waketime,sleep_quality,notes\n"
          "2026-11-21,2026-11-21T22:45:00+01:00,2026-11-22T06:30:00+01:00,6,\"\"\n");
    CHECK(file_text(out / "days.csv") ==
          "day,compression_hours,compression_class,compression_length,swelling_grade,ankle_left_cm,ankle_right_cm,"
          "calf_left_cm,calf_right_cm,standing_hours,water_l,exercise_min,elevation_min,heaviness,aching,throbbing,"
          "burning,itching,restless_legs,tingling,swelling_feeling,skin_discoloration,ulcer,tags,notes\n"
          "2026-11-21,0.1,20-30,knee,,,,37.25,38,,0.3333333333333333,,,3,,,,,,,,,false,magnesium;stretching,"
          "\"socks, all day\"\n");

    for (const char* name : {"cramps.csv", "nights.csv", "days.csv"}) {
        const auto perms = fs::status(out / name).permissions();
        CHECK((perms & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    }
    CHECK((fs::status(out).permissions() & fs::perms::all) == fs::perms::owner_all);
    // Nothing but the four files: the temporary ones were renamed into place.
    CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 4);  // trials.csv too
    CHECK(csv_columns(CsvKind::days).size() == 25);
}

TEST_CASE("CSV export: an empty diary gives header-only files, and a second export replaces the first", "[csv]") {
    Diary diary = memory_diary();
    TempDir folder;
    export_csv(diary, folder.path());
    CHECK(file_text(folder.path() / "cramps.csv") == cramp_header);
    CHECK(file_text(folder.path() / "nights.csv") == "night,bedtime,waketime,sleep_quality,notes\n");
    CHECK(file_text(folder.path() / "trials.csv") ==
          "trial,exposure,start,run_in_nights,blocks,period_nights,washout_nights,seed,name,hypothesis,created,"
          "stopped,stop_reason\n");

    diary.add_cramp(episode("2026-03-01T02:00:00+01:00", 120, Leg::left));
    export_csv(diary, folder.path());
    CHECK(file_text(folder.path() / "cramps.csv") == cramp_header + "2026-03-01T02:00:00+01:00,120,left,calf,,,\n");
}

// ---------------------------------------------------------------------------------------
// Round trip on a generated diary

namespace {

// A deterministic diary of several months: episodes with awkward notes, night records,
// day logs with tags and reals that have no short decimal form.
Diary::Batch generated_diary(unsigned seed, int nights) {
    std::mt19937 random(seed);
    const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
    const auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    const std::vector<std::optional<std::string>> notes = {
        std::nullopt,
        std::string(),
        "plain",
        "after stairs, then again",
        "she said \"stretch\"",
        "line one\nline two",
        "windows\r\nline end",
        "Wadenkrampf \xE2\x80\x93 tr\xC3\xA8s fort \xF0\x9F\x98\xA3",
        " padded ",
        "\"\"",
        "007",
        ",",
        "trailing comma,",
    };
    // Offsets close enough that one night's episodes never reach into the next night's.
    const std::vector<int> offsets = {60, 120, 345, -210, 0};
    const std::vector<std::string> tags = {"magnesium", "long-flight", "stretching", "hot_bath", "x"};
    const auto note = [&] { return notes[static_cast<std::size_t>(pick(0, static_cast<int>(notes.size()) - 1))]; };

    Diary::Batch batch;
    const Date first(2026, 1, 5);
    for (int n = 0; n < nights; ++n) {
        const Date night = first + boost::gregorian::days(n);
        const int offset = offsets[static_cast<std::size_t>(pick(0, static_cast<int>(offsets.size()) - 1))];
        if (chance(0.85)) {
            const int episodes = pick(0, 3);
            for (int k = 0; k < episodes; ++k) {
                CrampEpisode e;
                e.onset.local = DateTime(night, boost::posix_time::hours(23) + boost::posix_time::minutes(90 * k) +
                                                    boost::posix_time::minutes(pick(0, 60)) +
                                                    boost::posix_time::seconds(pick(0, 59)));
                e.onset.offset_minutes = offset;
                e.duration_s = chance(0.05) ? pick(601, 900) : pick(1, 600);
                e.leg = static_cast<Leg>(pick(0, 2));
                e.muscle = static_cast<Muscle>(pick(0, 6));
                if (chance(0.8)) e.intensity = pick(0, 10);
                if (chance(0.7)) e.woke = chance(0.5);
                e.notes = note();
                batch.cramps.push_back(e);
            }
            if (chance(0.7)) {
                NightRecord r;
                r.night = night;
                if (chance(0.8)) {
                    r.bedtime = Instant{DateTime(night, boost::posix_time::hours(22) +
                                                            boost::posix_time::minutes(pick(0, 59))),
                                        offset};
                    r.waketime = Instant{DateTime(night + boost::gregorian::days(1),
                                                  boost::posix_time::hours(6) + boost::posix_time::minutes(pick(0, 59))),
                                         offset};
                }
                if (chance(0.8)) r.sleep_quality = pick(0, 10);
                r.notes = note();
                batch.nights.push_back(r);
            }
        }
        if (chance(0.8)) {
            DayLog d;
            d.day = night;
            const std::vector<double> hours = {0.0, 8.0, 12.5, 0.1, 7.75, 1.0 / 3.0};
            if (chance(0.9)) d.compression_hours = hours[static_cast<std::size_t>(pick(0, 5))];
            if (chance(0.6)) d.compression_class = static_cast<CompressionClass>(pick(0, 3));
            if (chance(0.6)) d.compression_length = static_cast<CompressionLength>(pick(0, 2));
            if (chance(0.7)) d.swelling_grade = pick(0, 3);
            const auto circumference = [&] {
                return std::uniform_real_distribution<double>(18.0, 45.0)(random);  // full-precision reals
            };
            if (chance(0.5)) d.ankle_left_cm = circumference();
            if (chance(0.5)) d.ankle_right_cm = 23.4;
            if (chance(0.5)) d.calf_left_cm = 37.25;
            if (chance(0.5)) d.calf_right_cm = circumference();
            if (chance(0.5)) d.standing_hours = pick(0, 96) / 4.0;
            if (chance(0.5)) d.water_l = chance(0.5) ? 0.1 : 2.2;
            if (chance(0.5)) d.exercise_min = pick(0, 1440);
            if (chance(0.5)) d.elevation_min = pick(0, 120);
            for (auto& symptom : d.symptoms)
                if (chance(0.5)) symptom = pick(0, 10);
            if (chance(0.5)) d.skin_discoloration = chance(0.3);
            if (chance(0.5)) d.ulcer = chance(0.1);
            for (const auto& tag : tags)
                if (chance(0.3)) d.tags.insert(tag);
            d.notes = note();
            batch.days.push_back(d);
        }
    }
    return batch;
}

std::vector<CrampEpisode> without_ids(std::vector<CrampEpisode> episodes) {
    for (auto& e : episodes) e.id = 0;
    return episodes;
}

}  // namespace

TEST_CASE("CSV round trip: export, import into a new diary, export again gives identical files", "[csv]") {
    Diary original = memory_diary();
    const auto batch = generated_diary(20261122, 120);
    REQUIRE(batch.cramps.size() > 100);
    REQUIRE(batch.days.size() > 80);
    const auto stored = original.add_batch(batch);
    REQUIRE(stored.cramps_added == batch.cramps.size());
    // Trials: ids not in start order, one stopped, one with the largest seed and awkward text.
    TrialPlan later;
    later.start = day_of("2026-09-01");
    later.seed = 42;
    original.plan_trial(later, day_of("2026-01-01"));
    TrialPlan past;
    past.exposure = "tag:magnesium";
    past.start = day_of("2026-03-01");
    past.run_in_nights = 0;
    past.blocks = 2;
    past.period_nights = 3;
    past.washout_nights = 0;
    past.seed = 7;
    past.name = "Magnesium, \"evening\"";
    original.plan_trial(past, day_of("2026-01-01"));
    original.stop_trial("calf pain,\nstopped early", day_of("2026-03-05"));
    TrialPlan largest;
    largest.start = day_of("2027-06-01");
    largest.seed = std::numeric_limits<std::uint64_t>::max();
    largest.hypothesis = "";
    original.plan_trial(largest, day_of("2026-01-01"));

    TempDir folder;
    const fs::path first = folder.path() / "first";
    const fs::path second = folder.path() / "second";
    export_csv(original, first);

    Diary copy(folder.path() / "copy.db", fixed_clock());
    std::size_t rows = 0;
    for (const char* name : {"days.csv", "cramps.csv", "nights.csv", "trials.csv"})
        rows += import_csv(copy, first / name).rows;
    CHECK(rows == batch.cramps.size() + batch.nights.size() + batch.days.size() + 3);
    export_csv(copy, second);
    CHECK(mentions(file_text(first / "trials.csv"), ",18446744073709551615,"));
    CHECK(copy.trials() == original.trials());  // ids, created, stopped and stop_reason kept

    for (const char* name : {"cramps.csv", "nights.csv", "days.csv", "trials.csv"}) {
        INFO(name);
        const std::string before = file_text(first / name);
        CHECK(before.size() > 100);
        CHECK(file_text(second / name) == before);
    }
    const Contents a = contents(original), b = contents(copy);
    CHECK(without_ids(a.cramps) == without_ids(b.cramps));
    CHECK(a.nights == b.nights);
    CHECK(a.days == b.days);

    // And the export reads back into itself as a no-op.
    const auto again = import_csv(copy, second / "cramps.csv");
    CHECK(again.stored.cramps_added == 0);
    CHECK(contents(copy) == b);
    const auto trials_again = import_csv(copy, second / "trials.csv");
    CHECK(trials_again.stored.trials_added == 0);
    CHECK(trials_again.stored.trials_already_present == 3);
    CHECK(copy.trials() == original.trials());
}

// ---------------------------------------------------------------------------------------
// Trials files (SPEC 7: CSV export writes trials.csv and import reads it back)

namespace {

const std::string trial_header =
    "trial,exposure,start,run_in_nights,blocks,period_nights,washout_nights,seed,name,hypothesis,created,stopped,"
    "stop_reason\n";

}  // namespace

TEST_CASE("CSV trials: a plan in the past is accepted, and stopped, stop_reason and created are kept", "[csv]") {
    Diary diary = memory_diary();  // today is 2030-01-01
    const auto result = import_text(diary, trial_header +
                                               "5,compression,2026-03-01,7,6,7,2,18446744073709551615,Stockings,"
                                               "\"They help, \"\"I think\"\"\",2026-02-27T08:30:00Z,2026-04-10,"
                                               "\"too itchy\"\n"
                                               "9,tag:magnesium,2026-06-01,0,2,3,0,0,,,,,\n");
    CHECK(result.kind == CsvKind::trials);
    CHECK(result.rows == 2);
    CHECK(result.stored.trials_added == 2);
    const auto trials = diary.trials();
    REQUIRE(trials.size() == 2);
    CHECK(trials[0].id == 1);  // the diary numbers them anew, in file order
    CHECK(trials[0].plan.seed == std::numeric_limits<std::uint64_t>::max());
    CHECK(trials[0].plan.hypothesis == "They help, \"I think\"");
    CHECK(to_string(trials[0].plan.created.date()) == "2026-02-27");
    CHECK(trials[0].plan.created.time_of_day() == boost::posix_time::time_duration(8, 30, 0));
    CHECK(trials[0].plan.stopped == day_of("2026-04-10"));
    CHECK(trials[0].plan.stop_reason == "too itchy");
    CHECK(trials[1].id == 2);
    CHECK(trials[1].plan.exposure == "tag:magnesium");
    CHECK(trials[1].plan.created == fixed_now);  // not given: the clock's time
    CHECK_FALSE(trials[1].plan.stopped);
    CHECK_FALSE(trials[1].plan.name);

    // An instant with an offset is kept in UTC.
    Diary other = memory_diary();
    import_text(other, "trial,exposure,start,seed,created\n1,compression,2026-03-01,3,2026-02-27T09:30:00+01:00\n");
    CHECK(other.trials().at(0).plan.created == trials[0].plan.created);
    CHECK(other.trials().at(0).plan.run_in_nights == 7);  // left-out columns take the plan's defaults
}

TEST_CASE("CSV trials: every bad row is named and nothing is written", "[csv]") {
    Diary diary = memory_diary();
    TrialPlan stored;
    stored.start = day_of("2026-01-01");
    stored.seed = 1;
    diary.plan_trial(stored, day_of("2026-01-01"));
    const auto before_trials = diary.trials();
    diary.add_cramp(episode("2026-02-01T03:00:00+01:00", 60, Leg::left));
    const Contents before = contents(diary);

    const auto problems = problems_of([&] {
        import_text(diary, trial_header +
                               "1,compression,2027-01-01,7,21,7,2,1,,,,,\n"          // line 2: blocks 21
                               "2,compression,2027-06-01,7,6,7,7,1,,,,,\n"           // line 3: washout = period
                               "3,compression,2028-01-01,7,6,7,2,-1,,,,,\n"          // line 4: bad seed
                               "4,compression,March,7,6,7,2,1,,,,,\n"                // line 5: start not a date
                               "5,stockings,2029-01-01,7,6,7,2,1,,,,,\n"             // line 6: exposure
                               "6,compression,2029-06-01,7,6,7,2,1,,,,,why\n"        // line 7: reason, not stopped
                               "7,compression,2026-02-01,7,6,7,2,1,,,,,\n"           // line 8: overlaps trial 1
                               "8,compression,2031-01-01,0,2,3,0,1,,,,,\n"           // line 9: fine
                               "9,compression,2031-01-05,0,2,3,0,2,,,,,\n"           // line 10: overlaps line 9
                               "8,compression,2032-01-01,0,2,3,0,3,,,,,\n"           // line 11: key twice
                               "10,compression,2033-01-01,0,2,3,0,18446744073709551616,,,,,\n");  // line 12
    });
    const auto has = [&](std::int64_t line, const std::string& field, const std::string& rule) {
        return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
            return p.line == line && p.field == field && mentions(p.rule, rule);
        });
    };
    CHECK(has(2, "blocks", "must be 2..20"));
    CHECK(has(3, "washout_nights", "fewer than period_nights"));
    CHECK(has(4, "seed", "unsigned 64-bit"));
    CHECK(has(5, "start", "YYYY-MM-DD"));
    CHECK(has(6, "exposure", "compression"));
    CHECK(has(7, "stop_reason", "only with stopped"));
    CHECK(has(8, "start", "overlap trial 1's nights 2026-01-01"));
    CHECK(has(10, "start", "overlap the trial on line 9"));
    CHECK(has(11, "trial", "given twice"));
    CHECK(has(12, "seed", "unsigned 64-bit"));
    CHECK(problems.size() == 10);
    CHECK(std::is_sorted(problems.begin(), problems.end(),
                         [](const Problem& a, const Problem& b) { return a.line.value_or(0) < b.line.value_or(0); }));
    CHECK(diary.trials() == before_trials);
    CHECK(contents(diary) == before);
}

TEST_CASE("CSV trials: a stopped trial holds only its nights before the stop", "[csv]") {
    Diary diary = memory_diary();
    // Stopped on 2026-03-05: its nights are 2026-03-01 … 03-04, so a trial from 03-05 fits.
    const auto result = import_text(diary, trial_header +
                                               "1,compression,2026-03-01,0,2,3,0,1,,,,2026-03-05,hurt\n"
                                               "2,compression,2026-03-05,0,2,3,0,2,,,,,\n"
                                               "3,compression,2026-01-01,0,2,3,0,3,,,,2026-01-01,\n"
                                               "4,compression,2026-01-01,0,2,3,0,4,,,,,\n");
    CHECK(result.stored.trials_added == 4);
    const auto problems = problems_of([&] {
        import_text(diary, "trial,exposure,start,seed\n1,compression,2026-03-12,9\n");
    });
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(mentions(problems[0].rule, "overlap trial 2's nights 2026-03-05 … 2026-03-16"));
    CHECK(diary.trials().size() == 4);
}

TEST_CASE("CSV trials: the key column tells the kind, and trials.csv's columns are the plan's", "[csv]") {
    Diary diary = memory_diary();
    CHECK(csv_columns(CsvKind::trials).front() == "trial");
    CHECK(to_string(CsvKind::trials) == "trials");
    const auto problems = problems_of([&] { import_text(diary, "exposure,start\ncompression,2026-01-01\n"); });
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems[0].rule, "trial (a trials file)"));
    const auto unknown = problems_of([&] { import_text(diary, "trial,exposure,start,status\n1,compression,2026-01-01,running\n"); });
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].field == "status");
    const auto missing = problems_of([&] { import_text(diary, "trial,start,seed\n1,2026-01-01,5\n"); });
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].field == "exposure");
    CHECK(diary.trials().empty());
}

// ---------------------------------------------------------------------------------------
// Sample files (tests/data/csv), as a spreadsheet saves them

namespace {
const fs::path sample_folder = fs::path(LEGDIARY_TEST_DATA_DIR) / "csv";
}

TEST_CASE("CSV sample files: a spreadsheet's UTF-8 CSV (BOM, CRLF, id column) and a partial days file", "[csv]") {
    Diary diary = memory_diary();
    const auto cramps = import_csv(diary, sample_folder / "cramps-spreadsheet.csv");
    CHECK(cramps.kind == CsvKind::cramps);
    CHECK(cramps.rows == 4);
    CHECK(cramps.stored.cramps_added == 4);
    const auto stored = contents(diary).cramps;
    REQUIRE(stored.size() == 4);
    CHECK(stored[0].notes == "Wadenkrampf \xE2\x80\x93 tr\xC3\xA8s fort \xF0\x9F\x98\xA3, \"again\"");
    CHECK(stored[1].notes == "woke at 23:45,\r\nstretched, walked");
    CHECK(stored[2].notes == std::string());
    CHECK_FALSE(stored[3].notes.has_value());

    const auto days = import_csv(diary, sample_folder / "days-partial.csv");
    CHECK(days.kind == CsvKind::days);
    CHECK(days.stored.days_put == 3);
    CHECK(diary.day(day_of("2026-11-21"))->compression_hours == 0.0);
    CHECK(diary.day(day_of("2026-11-21"))->notes == "flight, 9 h");

    const Contents before = contents(diary);
    const auto problems = problems_of([&] { import_csv(diary, sample_folder / "cramps-bad-rows.csv"); });
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].line == 3);
    CHECK(problems[1].line == 4);
    CHECK(problems[1].field == "intensity");
    CHECK(problems[2].line == 5);
    CHECK(contents(diary) == before);
}
