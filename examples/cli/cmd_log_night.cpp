// `legdiary log night`: the morning check-in. Logging a night with no cramps is how a
// person says "no cramps last night"; a night with neither is missing, not cramp-free.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>
#include <legdiary/fields.hpp>
#include <legdiary/nights.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct LogNightOptions {
    std::optional<std::string> night;
    std::optional<std::string> bed;
    std::optional<std::string> wake;
    std::optional<std::string> sleep_quality;
    std::optional<std::string> note;
    bool replace = false;
};

int run_log_night(const Context& context, const LogNightOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    Date night = last_night(now);
    std::optional<int> sleep_quality;
    ProblemList problems;
    if (options.night) problems.attempt([&] { night = parse_date(*options.night, "night"); });
    if (options.sleep_quality)
        problems.attempt([&] { sleep_quality = parse_small_whole(*options.sleep_quality, field_info<NightRecord>("sleep_quality")); });
    problems.throw_if_any();

    Diary diary = open_diary(context);
    // Clock times given for an earlier night are read as that night's.
    const Instant reference = check_in_reference_time(night, diary.night_boundary_hour(), now);
    NightRecord changes;
    changes.night = night;
    if (options.bed)
        problems.attempt([&] { changes.bedtime = parse_time_expression(*options.bed, reference, "bedtime"); });
    if (options.wake)
        problems.attempt([&] { changes.waketime = parse_time_expression(*options.wake, reference, "waketime"); });
    problems.throw_if_any();
    changes.sleep_quality = sleep_quality;
    changes.notes = options.note;
    NightRecord record = changes;
    bool existed = false;
    if (options.replace) {
        diary.put_night(changes);
    } else {
        auto stored = diary.merge_night(changes);
        record = std::move(stored.entry);
        existed = stored.existed;
    }

    std::string text = "night of " + day_label(night, today) + (existed ? " updated" : " checked in");
    std::string details;
    auto add = [&](const std::string& part) { details += (details.empty() ? ": " : ", ") + part; };
    // Times within the night read as clock times; anything else carries its date.
    auto when = [&](const Instant& t) {
        const Date date = t.local.date();
        return date == night || date == night + boost::gregorian::days(1) ? clock_label(t) : instant_label(t, today);
    };
    if (record.bedtime) add("bed " + when(*record.bedtime));
    if (record.waketime) add("up " + when(*record.waketime));
    if (record.sleep_quality) add("sleep quality " + std::to_string(*record.sleep_quality) + "/10");
    if (record.notes) add("with a note");
    const auto cramps = diary.cramps(NightRange{night, night}).size();
    text += details + "; " +
            (cramps == 0 ? std::string("no cramps logged that night")
                         : std::to_string(cramps) + (cramps == 1 ? " cramp" : " cramps") + " logged that night");
    std::cout << text << '\n';
    return exit_ok;
}

}  // namespace

void add_log_night_command(CLI::App& log, Context& context) {
    auto options = std::make_shared<LogNightOptions>();
    auto* command = log.add_subcommand("night", "the morning check-in for a night (also: \"no cramps last night\")");
    command->add_option("--night", options->night,
                        "the night, named by the date of its evening (default: last night, i.e. yesterday's date)")
        ->type_name("DATE");
    command->add_option("--bed", options->bed, "when you went to bed (TIME)")->type_name("TIME");
    command->add_option("--wake", options->wake, "when you got up (TIME)")->type_name("TIME");
    command->add_option("-q,--sleep-quality", options->sleep_quality, "0 (worst) to 10 (best)")->type_name("N");
    command->add_option("--note", options->note, "free text, up to 2000 characters")->type_name("TEXT");
    command->add_flag("--replace", options->replace,
                      "replace the night's check-in instead of adding to it (fields not given become empty)");
    command->footer(
        "A second check-in for the same night keeps what the first stored and changes only the\n"
        "fields given. With --night, clock times are that night's (as if typed the morning after).\n"
        "Examples:\n"
        "  legdiary log night                               no cramps last night\n"
        "  legdiary log night --bed 23:10 --wake 07:05 --sleep-quality 6\n"
        "  legdiary log night --night 2026-11-18 --bed 22:45 --wake 06:30");
    command->callback(
        [options, &context] { context.run = [options, &context] { return run_log_night(context, *options); }; });
}

}  // namespace legdiary::cli
