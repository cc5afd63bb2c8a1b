// `legdiary log cramp`: record one cramp episode, usually half-asleep at night.
#include <algorithm>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>
#include <legdiary/fields.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct LogCrampOptions {
    std::string at = "now";
    std::string duration;
    std::string leg;
    std::string muscle = "calf";
    std::optional<std::string> intensity;
    bool woke = false, no_woke = false;
    std::optional<std::string> note;
};

int run_log_cramp(const Context& context, const LogCrampOptions& options) {
    const Instant now = legdiary::now();
    CrampEpisode episode;
    ProblemList problems;
    problems.attempt([&] { episode.onset = parse_time_expression(options.at, now, "onset"); });
    problems.attempt([&] {
        episode.duration_s = static_cast<std::int32_t>(
            parse_duration(options.duration, "duration_s", limits::min_duration_s, limits::max_duration_s));
    });
    problems.attempt([&] { episode.leg = parse_leg(options.leg); });
    problems.attempt([&] { episode.muscle = parse_muscle(options.muscle); });
    if (options.intensity)
        problems.attempt([&] { episode.intensity = parse_small_whole(*options.intensity, field_info<CrampEpisode>("intensity")); });
    problems.throw_if_any();
    if (options.woke) episode.woke = true;
    if (options.no_woke) episode.woke = false;
    episode.notes = options.note;
    // The model's rules first, so that refused input does not even create a diary file.
    validate(episode, now.utc());

    Diary diary = open_diary(context);
    const auto result = diary.add_cramp(episode);

    const Date today = now.local.date();
    std::string text = "cramp ";
    text += episode.onset.local.date() == today ? clock_label(episode.onset) : instant_label(episode.onset, today);
    text += ", " + format_duration(episode.duration_s) + ", " + location_label(episode.leg, episode.muscle);
    if (episode.intensity) text += ", intensity " + std::to_string(*episode.intensity);
    if (episode.woke) text += *episode.woke ? ", woke you" : ", did not wake you";
    text += " \u2192 night of " + day_label(diary.night_of(episode.onset), today);
    if (result.inserted) std::cout << text << " (#" << result.id << ")\n";
    else std::cout << "already in the diary as #" << result.id << ", nothing changed: " << text << '\n';
    if (is_unusually_long(episode))
        warn(format_duration(episode.duration_s) +
             " is unusually long for a night cramp (they rarely last over 10 min); stored anyway. "
             "If it was a typing slip: legdiary delete cramp " + std::to_string(result.id) +
             ", then log it again");
    return exit_ok;
}

}  // namespace

void add_log_cramp_command(CLI::App& log, Context& context) {
    auto options = std::make_shared<LogCrampOptions>();
    auto* command = log.add_subcommand("cramp", "record a cramp episode");
    command->add_option("--at", options->at, "when it began (TIME, default now)")->type_name("TIME");
    command->add_option("-d,--duration", options->duration, "how long it lasted (DUR): 90, 90s, 2m, 1m30s, 1:30")
        ->type_name("DUR")
        ->required();
    command->add_option("-l,--leg", options->leg, "left, right or both")->type_name("LEG")->required();
    command->add_option("-m,--muscle", options->muscle,
                        "calf (default), foot, toes, thigh, hamstring, shin or other")
        ->type_name("MUSCLE");
    command->add_option("-i,--intensity", options->intensity, "how bad, 0 (no pain) to 10 (worst imaginable)")
        ->type_name("N");
    auto* woke = command->add_flag("--woke", options->woke, "it woke you");
    command->add_flag("--no-woke", options->no_woke, "it did not wake you (already awake)")->excludes(woke);
    command->add_option("--note", options->note, "free text, up to 2000 characters")->type_name("TEXT");
    command->footer(
        "TIME: now, 02:41 (its latest occurrence not after now), yesterday 23:10, 2026-11-21 23:10,\n"
        "  2026-11-21T23:10:00+01:00, -45m, 45m ago, 2h ago. Local time (TZ); a time skipped by a\n"
        "  DST change is refused, a repeated one means the first.\n"
        "Examples:\n"
        "  legdiary log cramp --leg left --duration 90s\n"
        "  legdiary log cramp --at 02:41 --leg right --duration 1:30 --intensity 7 --woke\n"
        "  legdiary log cramp --at '20m ago' -l both -m foot -d 2m --no-woke --note 'after a long walk'");
    command->callback(
        [options, &context] { context.run = [options, &context] { return run_log_cramp(context, *options); }; });
}

}  // namespace legdiary::cli
