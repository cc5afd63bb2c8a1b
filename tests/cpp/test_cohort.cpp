// Reading diaries as a cohort (SPEC 8): the read-only open that leaves every file byte for
// byte as it was (and no -wal or -shm behind), the error kinds of files that are not
// readable diaries, and the per-person rows against Diary::trends for each diary alone.
#include "catch_compat.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include "legdiary/analysis.hpp"
#include "legdiary/cohort.hpp"
#include "legdiary/diary.hpp"
#include "legdiary/error.hpp"
#include "test_support.hpp"

using namespace legdiary;
using test_support::date;
using test_support::file_bytes;
using test_support::fixed_clock;
using test_support::instant;
using test_support::RawDatabase;
using test_support::TempDir;
using test_support::test_now_utc;
namespace fs = std::filesystem;

namespace {

const fs::path schema_fixtures = fs::path(LEGDIARY_TEST_DATA_DIR) / "schema";

OpenOptions read_only() {
    OpenOptions options = fixed_clock(test_now_utc());
    options.read_only = true;
    return options;
}

/// A diary of `nights` nights from 2026-08-01 with a cramp on every third night and a
/// check-in on every other, closed again (so no -wal or -shm stays beside it).
fs::path make_diary(const fs::path& path, int nights, int offset) {
    Diary diary(path, fixed_clock(test_now_utc()));
    Diary::Batch batch;
    for (int i = 0; i < nights; ++i) {
        const Date night = date(2026, 8, 1) + boost::gregorian::days(i);
        if (i % 2 == 0) batch.nights.push_back(NightRecord{night, {}, {}, {}, {}});
        if ((i + offset) % 3 == 0) {
            CrampEpisode episode;
            episode.onset = Instant{DateTime(night + boost::gregorian::days(1), boost::posix_time::hours(2)), 60};
            episode.duration_s = 30 + i;
            episode.leg = Leg::left;
            episode.intensity = i % 11;
            batch.cramps.push_back(episode);
        }
    }
    diary.add_batch(batch);
    return path;
}

bool has_wal_files(const fs::path& path) {
    return fs::exists(path.string() + "-wal") || fs::exists(path.string() + "-shm");
}

}  // namespace

TEST_CASE("a diary opened read-only is read, never written, and leaves no -wal or -shm", "[cohort][diary]") {
    TempDir dir;
    const auto path = make_diary(dir / "p1.db", 60, 0);
    REQUIRE_FALSE(has_wal_files(path));
    const auto before = file_bytes(path);
    const NightRange range{date(2026, 8, 1), date(2026, 9, 29)};
    const auto expected = Diary(path, fixed_clock(test_now_utc())).trends(range, TrendOptions{}).summary;
    REQUIRE_FALSE(has_wal_files(path));
    {
        const Diary diary(path, read_only());
        CHECK(diary.trends(range, TrendOptions{}).summary == expected);
        CrampEpisode episode;
        episode.onset = instant(2026, 10, 1, 2, 0, 0, 60);
        episode.duration_s = 60;
        episode.leg = Leg::right;
        Diary& writable = const_cast<Diary&>(diary);
        CHECK_THROWS_AS(writable.add_cramp(episode), StorageError);
    }
    CHECK(file_bytes(path) == before);
    CHECK_FALSE(has_wal_files(path));

    SECTION("-wal and -shm that were there before stay") {
        RawDatabase other(path, SQLITE_OPEN_READWRITE);  // another program keeps the file open
        other.rows("SELECT count(*) FROM cramp");
        REQUIRE(has_wal_files(path));
        { const Diary diary(path, read_only()); }
        CHECK(has_wal_files(path));
    }
}

TEST_CASE("an older diary opened read-only is migrated in memory, the file left as it was", "[cohort][schema]") {
    TempDir dir;
    const auto path = dir / "v1.db";
    fs::copy_file(schema_fixtures / "v1.db", path);
    const auto before = file_bytes(path);
    {
        const Diary diary(path, read_only());
        CHECK(diary.trials().empty());  // the version 2 table, in the copy
        CHECK_FALSE(diary.cramps(*diary.extent()).empty());
    }
    CHECK(file_bytes(path) == before);
    CHECK_FALSE(has_wal_files(path));
    CHECK(RawDatabase(path, SQLITE_OPEN_READONLY).rows("PRAGMA user_version") ==
          std::vector<std::vector<std::string>>{{"i:1"}});
}

TEST_CASE("cohort rows: each person's numbers as Diary::trends gives them, errors as rows", "[cohort]") {
    TempDir dir;
    test_support::write_file(dir / "empty.db", "");
    test_support::write_file(dir / "notes.db", "not a diary at all, a text file of some length\n");
    fs::copy_file(schema_fixtures / "foreign.db", dir / "foreign.db");
    fs::copy_file(schema_fixtures / "newer.db", dir / "newer.db");
    fs::copy_file(schema_fixtures / "v1.db", dir / "v1.db");
    const std::vector<fs::path> paths = {make_diary(dir / "a.db", 90, 0), dir / "missing.db", dir / "foreign.db",
                                         dir / "newer.db",   dir / "notes.db",  make_diary(dir / "b.db", 30, 1),
                                         dir / "empty.db",   dir / "v1.db"};
    std::vector<std::string> before;
    for (const auto& path : paths) before.push_back(fs::exists(path) ? file_bytes(path) : "");

    for (const std::size_t threads : {1U, 3U}) {
        const auto rows = cohort_outcomes(paths, std::nullopt, std::nullopt, threads);
        REQUIRE(rows.size() == paths.size());
        for (const std::size_t i : {0U, 5U, 7U}) {
            INFO(paths[i]);
            REQUIRE_FALSE(rows[i].error);
            // The diary alone, opened as a user opens it: a copy, since that migrates an old one.
            const auto copy = dir / ("alone-" + paths[i].filename().string());
            fs::copy_file(paths[i], copy, fs::copy_options::overwrite_existing);
            const Diary alone(copy, fixed_clock(test_now_utc()));
            const auto range = alone.range(std::nullopt, std::nullopt);
            REQUIRE(rows[i].range == range);
            const auto report = alone.trends(*range, TrendOptions{});
            CHECK(rows[i].summary == report.summary);
            CHECK(rows[i].trend == report.trend);
        }
        const std::vector<std::pair<std::size_t, std::string>> errors = {
            {1, "missing"}, {2, "foreign"}, {3, "newer"}, {4, "corrupt"}, {6, "unreadable"}};
        for (const auto& [i, kind] : errors) {
            INFO(paths[i]);
            REQUIRE(rows[i].error);
            CHECK(rows[i].error->kind == kind);
            CHECK(rows[i].error->message.find(paths[i].filename().string()) != std::string::npos);
            CHECK_FALSE(rows[i].summary);
        }
    }
    SECTION("a range bounds every person; a bad range is refused before any work") {
        const NightRange range{date(2026, 8, 10), date(2026, 8, 20)};
        const auto rows = cohort_outcomes(paths, range.from, range.to);
        CHECK(rows[0].summary == Diary(paths[0], fixed_clock(test_now_utc())).trends(range, TrendOptions{}).summary);
        CHECK(rows[0].summary->nights == 11);
        CHECK_THROWS_AS(cohort_outcomes(paths, range.to, range.from), ValidationError);
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
        INFO(paths[i]);
        CHECK((fs::exists(paths[i]) ? file_bytes(paths[i]) : "") == before[i]);
        CHECK_FALSE(has_wal_files(paths[i]));
    }
}
