// legdiary_report_tool: stores a deterministic diary of N nights through the library (a
// slow improvement, compression on about half the days, a treatment from the middle of the
// range, a few unrecorded nights and one calf-asymmetry alert) and writes its HTML report.
// The same arguments give the same file on every machine.
//
//   legdiary_report_tool OUT.html [--nights N] [--empty] [--trial] [--db PATH]
//
// --nights N   nights in the report's range, ending on 2026-11-20 (default 91)
// --empty      store nothing: the report of an empty diary
// --trial      also a finished randomised N-of-1 trial of compression (SPEC 7): 6 blocks of
//              two 7-night periods ending on 2026-11-14, the stockings worn as allocated on
//              most days; needs at least 90 nights
// --db PATH    keep the diary in this (new) file instead of memory
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <legdiary/diary.hpp>
#include <legdiary/report_html.hpp>
#include <legdiary/time.hpp>
#include <legdiary/trial.hpp>

namespace {

using legdiary::Date;
namespace pt = boost::posix_time;

const Date last_night(2026, 11, 20);

// The trial of --trial: 84 nights ending six nights before the last one, so it has finished.
legdiary::TrialPlan example_trial() {
    legdiary::TrialPlan plan;
    plan.exposure = "compression";
    plan.run_in_nights = 0;
    plan.blocks = 6;
    plan.period_nights = 7;
    plan.washout_nights = 2;
    plan.seed = 83;
    plan.start = last_night - boost::gregorian::days(6 + 2 * 6 * 7 - 1);
    plan.name = "Knee-high stockings, 20-30 mmHg";
    plan.hypothesis = "Wearing the stockings in the day means fewer cramps at night.";
    return plan;
}

// Drawn by hand from the generator's bits: std::*_distribution differs between libraries.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

int poisson(std::mt19937_64& rng, double mean) {
    const double limit = std::exp(-mean);
    int events = 0;
    for (double product = uniform(rng); product > limit; product *= uniform(rng)) ++events;
    return events;
}

legdiary::Diary::Batch make_diary(std::int64_t nights, const std::optional<legdiary::TrialPlan>& trial) {
    std::vector<legdiary::TrialNight> schedule;
    if (trial) schedule = legdiary::trial_schedule(*trial);
    std::mt19937_64 rng(20261120);
    legdiary::Diary::Batch batch;
    const Date first = last_night - boost::gregorian::days(static_cast<long>(nights - 1));
    const std::int64_t treatment_from = nights / 2;
    for (std::int64_t i = 0; i < nights; ++i) {
        const Date night = first + boost::gregorian::days(static_cast<long>(i));
        // A holiday without the diary, and a few forgotten nights.
        const bool missing = (i % 29 == 11 || i % 29 == 12 || i % 29 == 13) || uniform(rng) < 0.04;
        if (missing) continue;

        legdiary::DayLog day;
        day.day = night;
        const double socks = uniform(rng);
        bool compression = socks < 0.5;
        bool in_trial = false;
        // In the trial the stockings follow the allocation, but on about one day in twelve.
        for (const auto& planned : schedule)
            if (planned.night == night && planned.condition) {
                in_trial = true;
                compression = (*planned.condition == legdiary::TrialCondition::b) != (uniform(rng) < 0.08);
            }
        if (compression) {
            day.compression_hours = std::round((7 + 6 * uniform(rng)) * 2) / 2;
            day.compression_class = legdiary::CompressionClass::mmhg_20_30;
            day.compression_length = legdiary::CompressionLength::knee;
        } else if (socks < 0.85 || in_trial) {
            day.compression_hours = 0;
        }
        day.swelling_grade = static_cast<int>(uniform(rng) * (compression ? 2.2 : 3.6));
        if (i % 3 == 0) {
            day.calf_left_cm = std::round((37.5 + 1.2 * uniform(rng)) * 10) / 10;
            day.calf_right_cm = std::round((36.8 + 1.2 * uniform(rng)) * 10) / 10;
            day.ankle_left_cm = std::round((23.0 + 0.8 * uniform(rng)) * 10) / 10;
            day.ankle_right_cm = std::round((22.8 + 0.8 * uniform(rng)) * 10) / 10;
        }
        if (i == nights - 9) {  // a swollen right calf late in the range: the alert
            day.calf_left_cm = 37.9;
            day.calf_right_cm = 41.4;
        }
        day.symptom(legdiary::Symptom::heaviness) = static_cast<int>(uniform(rng) * 8);
        if (uniform(rng) < 0.2) day.tags.insert("magnesium");
        if (i % 17 == 5) day.tags.insert("long-flight");
        batch.days.push_back(day);

        const double progress = nights > 1 ? static_cast<double>(i) / static_cast<double>(nights - 1) : 0;
        const double mean =
            0.9 * (compression ? 0.65 : 1.0) * (1 - 0.45 * progress) * (i >= treatment_from ? 0.8 : 1.0);
        const int episodes = poisson(rng, mean);
        if (episodes == 0 || uniform(rng) < 0.6) {
            legdiary::NightRecord record;
            record.night = night;
            record.sleep_quality = static_cast<int>(uniform(rng) * 11);
            batch.nights.push_back(record);
        }
        for (int k = 0; k < episodes; ++k) {
            legdiary::CrampEpisode episode;
            // One episode per 100-minute slot from 22:30, so none overlap.
            const int minute = 100 * k + static_cast<int>(uniform(rng) * 80);
            episode.onset = legdiary::Instant{pt::ptime(night, pt::hours(22) + pt::minutes(30 + minute)), 60};
            episode.duration_s = 30 + static_cast<int>(uniform(rng) * 200);
            const double leg = uniform(rng);
            episode.leg = leg < 0.35 ? legdiary::Leg::left : leg < 0.9 ? legdiary::Leg::right : legdiary::Leg::both;
            episode.muscle = uniform(rng) < 0.8 ? legdiary::Muscle::calf : legdiary::Muscle::foot;
            episode.intensity = 3 + static_cast<int>(uniform(rng) * 7);
            if (uniform(rng) < 0.9) episode.woke = uniform(rng) < 0.75;
            if (k == 0 && i == 3) episode.notes = "after a <long> walk & \"cold\" feet";
            batch.cramps.push_back(episode);
        }
    }
    return batch;
}

int usage() {
    std::cerr << "usage: legdiary_report_tool OUT.html [--nights N] [--empty] [--trial] [--db PATH]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string out_path = argv[1];
    std::int64_t nights = 91;
    bool empty = false;
    bool with_trial = false;
    std::string db = ":memory:";
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--empty")
            empty = true;
        else if (arg == "--trial")
            with_trial = true;
        else if (arg == "--nights" && i + 1 < argc)
            nights = std::strtoll(argv[++i], nullptr, 10);
        else if (arg == "--db" && i + 1 < argc)
            db = argv[++i];
        else
            return usage();
    }
    if (nights < 1 || (with_trial && (empty || nights < 90))) return usage();
    try {
        legdiary::OpenOptions open;
        open.clock_utc = [] { return pt::ptime(last_night + boost::gregorian::days(2)); };
        legdiary::Diary diary(db, open);
        std::optional<legdiary::TrialPlan> trial;
        if (with_trial) trial = example_trial();
        if (!empty) diary.add_batch(make_diary(nights, trial));
        if (trial) (void)diary.plan_trial(*trial, last_night + boost::gregorian::days(2), true);
        const legdiary::NightRange range{last_night - boost::gregorian::days(static_cast<long>(nights - 1)),
                                         last_night};
        legdiary::TrendOptions options;
        options.compare.push_back(
            "after:" + legdiary::to_string(range.from + boost::gregorian::days(static_cast<long>(nights / 2))));
        std::ofstream out(out_path, std::ios::binary);
        legdiary::write_html_report(out, diary, range, options);
        out.close();
        if (!out) {
            std::cerr << "legdiary_report_tool: cannot write " << out_path << '\n';
            return 1;
        }
    } catch (const legdiary::Error& error) {
        std::cerr << "legdiary_report_tool: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
