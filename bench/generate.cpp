// legdiary-generate: writes a deterministic synthetic diary, for benchmarks, tests and the
// example notebook. The same arguments give the same diary on every machine.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include <legdiary/csv.hpp>

#include "synthetic.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Write a deterministic synthetic legdiary diary (night boundary 12:00)."};
    legdiary::synthetic::Options options;
    std::string out, last_night = legdiary::to_string(options.last_night);
    bool cramps_csv = false;
    std::size_t max_cramps = 0;
    app.add_option("-o,--out", out, "the diary file to create (must not exist)")->required();
    app.add_flag("--cramps-csv", cramps_csv, "write the diary's cramp episodes as a cramps CSV file instead");
    app.add_option("--max-cramps", max_cramps, "keep only the first N cramp episodes (0: all)");
    app.add_option("--nights", options.nights, "number of nights")->check(CLI::Range(1, 10'000'000));
    app.add_option("--last-night", last_night, "the last night, YYYY-MM-DD");
    app.add_option("--seed", options.seed, "random seed");
    app.add_option("--cramps-per-night", options.cramps_per_night, "mean episodes per night without compression")
        ->check(CLI::Range(0.0, 4.0));
    app.add_option("--compression-effect", options.compression_effect, "rate multiplier after a compression day")
        ->check(CLI::Range(0.0, 2.0));
    app.add_option("--improvement", options.improvement, "rate multiplier reached by the last night")
        ->check(CLI::Range(0.0, 2.0));
    app.add_option("--missing", options.missing_fraction, "fraction of nights with no entry")
        ->check(CLI::Range(0.0, 1.0));
    app.add_flag("--habits", options.habits,
                 "also log standing hours, water, exercise and legs raised each day (the factor screen's "
                 "habits), with cramps that rise with the hours stood and overdispersed counts");
    CLI11_PARSE(app, argc, argv);

    try {
        options.last_night = legdiary::parse_date(last_night, "--last-night");
        if (std::filesystem::exists(out)) {
            std::cerr << "legdiary-generate: " << out << " exists; choose a new file\n";
            return 1;
        }
        auto batch = legdiary::synthetic::make(options);
        if (max_cramps > 0 && batch.cramps.size() > max_cramps) batch.cramps.resize(max_cramps);
        if (cramps_csv) {
            std::ofstream file(out, std::ios::binary);
            legdiary::write_cramps_csv(file, batch.cramps);
            file.close();
            if (!file) throw legdiary::StorageError("cannot write " + out);
            std::cout << "wrote " << out << ": " << batch.cramps.size() << " cramps\n";
            return 0;
        }
        legdiary::OpenOptions open;
        // The clock stands after the last night, wherever the diary ends.
        open.clock_utc = [] { return legdiary::DateTime(legdiary::Date(legdiary::limits::max_year, 12, 31)); };
        legdiary::Diary diary(out, open);
        const auto stored = diary.add_batch(batch);
        std::cout << "wrote " << out << ": " << stored.cramps_added << " cramps, " << stored.nights_put
                  << " night records, " << stored.days_put << " day logs\n";
    } catch (const legdiary::Error& error) {
        std::cerr << "legdiary-generate: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
