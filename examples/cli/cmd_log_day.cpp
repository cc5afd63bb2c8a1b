// `legdiary log day`: what happened during a day — socks, swelling, measurements,
// symptoms, habits. Day D comes before night D.
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>
#include <legdiary/fields.hpp>
#include <legdiary/time.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct LogDayOptions {
    std::optional<std::string> day;
    std::optional<std::string> socks, compression_class, compression_length, swelling;
    std::optional<std::string> ankle, calf;
    std::optional<std::string> standing, water, exercise, elevation;
    std::vector<std::string> symptoms;
    bool skin_discoloration = false, no_skin_discoloration = false, ulcer = false, no_ulcer = false;
    std::vector<std::string> tags;
    std::optional<std::string> note;
    bool replace = false;
};

// "36.5,38" → left and right; an empty side is left unknown.
void parse_pair(const std::string& text, std::string_view name, std::optional<double>& left,
                std::optional<double>& right) {
    const auto comma = text.find(',');
    if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos || text == ",")
        throw ValidationError(std::string(name), text, "must be LEFT,RIGHT in cm, e.g. 36.5,38 (or 36.5, or ,38)");
    const std::string left_text = text.substr(0, comma), right_text = text.substr(comma + 1);
    if (!left_text.empty()) left = parse_real(left_text, field_info<DayLog>(std::string(name) + "_left_cm"));
    if (!right_text.empty()) right = parse_real(right_text, field_info<DayLog>(std::string(name) + "_right_cm"));
}

// "aching=3" → the symptom item and its score.
void parse_symptom_score(const std::string& text, DayLog& log, std::set<Symptom>& seen) {
    const auto equals = text.find('=');
    if (equals == std::string::npos) {
        std::string names;
        for (const auto name : symptom_names) names += (names.empty() ? "" : ", ") + std::string(name);
        throw ValidationError("symptom", text, "must be NAME=SCORE with NAME one of " + names);
    }
    const Symptom item = parse_symptom(text.substr(0, equals));
    if (!seen.insert(item).second) throw ValidationError("symptom", text, "names an item given twice");
    log.symptom(item) = parse_small_whole(text.substr(equals + 1), field_info<DayLog>(to_string(item)));
}

std::string day_summary(const DayLog& log) {
    std::vector<std::string> parts;
    if (log.compression_hours) {
        std::string socks = *log.compression_hours == 0 ? std::string("no socks")
                                                         : "socks " + number_label(*log.compression_hours) + " h";
        std::string kind;
        if (log.compression_class) kind += std::string(to_string(*log.compression_class)) + " mmHg";
        if (log.compression_length) kind += (kind.empty() ? "" : ", ") + std::string(to_string(*log.compression_length));
        if (!kind.empty()) socks += " (" + kind + ")";
        parts.push_back(socks);
    }
    if (log.swelling_grade) parts.push_back("swelling " + std::to_string(*log.swelling_grade) + "/3");
    auto pair = [&](const char* name, const std::optional<double>& left, const std::optional<double>& right) {
        if (left || right) parts.push_back(std::string(name) + " L " + number_label(left) + " / R " + number_label(right) + " cm");
    };
    pair("ankle", log.ankle_left_cm, log.ankle_right_cm);
    pair("calf", log.calf_left_cm, log.calf_right_cm);
    if (log.standing_hours) parts.push_back("standing " + number_label(*log.standing_hours) + " h");
    if (log.water_l) parts.push_back("water " + number_label(*log.water_l) + " l");
    if (log.exercise_min) parts.push_back("exercise " + std::to_string(*log.exercise_min) + " min");
    if (log.elevation_min) parts.push_back("legs up " + std::to_string(*log.elevation_min) + " min");
    for (std::size_t i = 0; i < symptom_count; ++i)
        if (log.symptoms[i]) parts.push_back(std::string(symptom_names[i]) + ' ' + std::to_string(*log.symptoms[i]));
    if (log.skin_discoloration) parts.push_back(*log.skin_discoloration ? "skin discoloration" : "no skin discoloration");
    if (log.ulcer) parts.push_back(*log.ulcer ? "ulcer" : "no ulcer");
    if (!log.tags.empty()) {
        std::string tags = "tags";
        for (const auto& tag : log.tags) tags += ' ' + tag;
        parts.push_back(tags);
    }
    if (log.notes) parts.push_back("a note");
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
    return text.empty() ? std::string("nothing recorded") : text;
}

int run_log_day(const Context& context, const LogDayOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    DayLog given;
    given.day = today;
    ProblemList problems;
    auto convert = [&](auto&& step) { problems.attempt(step); };
    if (options.day) convert([&] { given.day = parse_date(*options.day, "day"); });
    if (options.socks) convert([&] { given.compression_hours = parse_real(*options.socks, field_info<DayLog>("compression_hours")); });
    if (options.compression_class)
        convert([&] { given.compression_class = parse_compression_class(*options.compression_class); });
    if (options.compression_length)
        convert([&] { given.compression_length = parse_compression_length(*options.compression_length); });
    if (options.swelling) convert([&] { given.swelling_grade = parse_small_whole(*options.swelling, field_info<DayLog>("swelling_grade")); });
    if (options.ankle) convert([&] { parse_pair(*options.ankle, "ankle", given.ankle_left_cm, given.ankle_right_cm); });
    if (options.calf) convert([&] { parse_pair(*options.calf, "calf", given.calf_left_cm, given.calf_right_cm); });
    if (options.standing) convert([&] { given.standing_hours = parse_real(*options.standing, field_info<DayLog>("standing_hours")); });
    if (options.water) convert([&] { given.water_l = parse_real(*options.water, field_info<DayLog>("water_l")); });
    if (options.exercise) convert([&] { given.exercise_min = parse_small_whole(*options.exercise, field_info<DayLog>("exercise_min")); });
    if (options.elevation)
        convert([&] { given.elevation_min = parse_small_whole(*options.elevation, field_info<DayLog>("elevation_min")); });
    std::set<Symptom> seen;
    for (const auto& text : options.symptoms) convert([&] { parse_symptom_score(text, given, seen); });
    problems.throw_if_any();
    if (options.skin_discoloration) given.skin_discoloration = true;
    if (options.no_skin_discoloration) given.skin_discoloration = false;
    if (options.ulcer) given.ulcer = true;
    if (options.no_ulcer) given.ulcer = false;
    given.tags.insert(options.tags.begin(), options.tags.end());
    given.notes = options.note;
    // The model's rules first, so that refused input does not even create a diary file.
    validate(given);

    Diary diary = open_diary(context);
    bool existed = false;
    DayLog log = given;
    if (options.replace) {
        diary.put_day(given);
    } else {
        auto stored = diary.merge_day(given);
        log = std::move(stored.entry);
        existed = stored.existed;
    }
    std::cout << "day " << day_label(log.day, today) << (existed ? " updated: " : " logged: ") << day_summary(log)
              << " \u2192 before the night of " << day_label(log.day, today) << '\n';
    return exit_ok;
}

}  // namespace

void add_log_day_command(CLI::App& log, Context& context) {
    auto options = std::make_shared<LogDayOptions>();
    auto* command = log.add_subcommand("day", "what happened during a day: socks, swelling, symptoms, habits");
    command->add_option("--day", options->day, "the day (default: today); day D comes before night D")
        ->type_name("DATE");
    command->add_option("--socks", options->socks, "hours you wore compression stockings (0 = not worn)")
        ->type_name("HOURS");
    command->add_option("--class", options->compression_class, "stocking class in mmHg: 15-20, 20-30, 30-40, 40-50")
        ->type_name("C");
    command->add_option("--length", options->compression_length, "stocking length: knee, thigh, pantyhose")
        ->type_name("L");
    command->add_option("--swelling", options->swelling,
                        "0 none, 1 mild (ankle, evening only), 2 moderate (above the ankle, from the "
                        "afternoon), 3 severe (in the morning too, or limits what you do)")
        ->type_name("G");
    command->add_option("--ankle", options->ankle, "ankle circumferences in cm, left,right (e.g. 23.5,24)")
        ->type_name("L,R");
    command->add_option("--calf", options->calf, "calf circumferences in cm, left,right (e.g. 36.5,38)")
        ->type_name("L,R");
    command->add_option("--standing", options->standing, "hours spent standing")->type_name("HOURS");
    command->add_option("--water", options->water, "litres drunk")->type_name("LITRES");
    command->add_option("--exercise", options->exercise, "minutes of exercise")->type_name("MIN");
    command->add_option("--elevation", options->elevation, "minutes with the legs raised")->type_name("MIN");
    std::string names;
    for (const auto name : symptom_names) names += (names.empty() ? "" : ", ") + std::string(name);
    command->add_option("--symptom", options->symptoms, "a symptom score 0-10 (repeat the option): " + names)
        ->type_name("NAME=N");
    auto* skin = command->add_flag("--skin-discoloration", options->skin_discoloration, "skin discoloration seen that day");
    command->add_flag("--no-skin-discoloration", options->no_skin_discoloration, "looked: no skin discoloration")
        ->excludes(skin);
    auto* ulcer = command->add_flag("--ulcer", options->ulcer, "a leg ulcer seen that day");
    command->add_flag("--no-ulcer", options->no_ulcer, "looked: no ulcer")->excludes(ulcer);
    command->add_option("--tag", options->tags,
                        "a tag for anything you want to compare, e.g. magnesium, long-flight (repeat the option "
                        "or separate with commas; a-z 0-9 _ -)")
        ->type_name("T")
        ->delimiter(',');
    command->add_option("--note", options->note, "free text, up to 2000 characters")->type_name("TEXT");
    command->add_flag("--replace", options->replace,
                      "replace the day's log instead of adding to it (fields not given become empty)");
    command->footer(
        "A second log for the same day keeps what the first stored, changes the fields given and adds tags.\n"
        "Examples:\n"
        "  legdiary log day --socks 9.5 --class 20-30 --length knee\n"
        "  legdiary log day --swelling 1 --calf 36.5,38 --symptom heaviness=4 --symptom aching=2\n"
        "  legdiary log day --day 2026-11-20 --socks 0 --tag long-flight --note 'flight to Lisbon'");
    command->callback(
        [options, &context] { context.run = [options, &context] { return run_log_day(context, *options); }; });
}

}  // namespace legdiary::cli
