// `legdiary list [--from D] [--to D] [--json]`: the entries of a range of nights.
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <CLI/CLI.hpp>

#include <legdiary/error.hpp>
#include <legdiary/time.hpp>
#include <legdiary/utf8.hpp>

#include <legdiary/analysis.hpp>
#include <legdiary/entries_json.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

struct ListOptions {
    std::optional<std::string> from, to;
    bool json = false;
};

// Notes are free text; a table shows their start.
std::string note_label(const std::optional<std::string>& notes) {
    if (!notes) return "-";
    constexpr std::size_t shown = 40;
    const std::string_view start = utf8::cut_to_code_points(*notes, shown);
    std::string text(start);
    for (char& c : text)
        if (c == '\n' || c == '\t') c = ' ';
    return start.size() < notes->size() ? text + "\u2026" : text;
}

std::string pair_label(const std::optional<double>& left, const std::optional<double>& right) {
    if (!left && !right) return "-";
    return number_label(left) + "/" + number_label(right);
}

int run_list(const Context& context, const ListOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    // The dates are read before the diary is opened (and created, if new): a refused
    // command leaves no file behind.
    if (options.from) (void)parse_date(*options.from, "from");
    if (options.to) (void)parse_date(*options.to, "to");
    Diary diary = open_diary(context);
    // Up to the night now belongs to: in the morning that is last night, in the evening
    // tonight, so that what was just logged is listed.
    const NightRange range = typed_night_range(options.from, options.to, diary.night_of(now), 14);
    const Diary::Batch entries = diary.entries(range);
    const auto& [cramps, nights, days] = entries;

    if (options.json) {
        std::cout << entries_json(entries).dump(2) << '\n';
        return exit_ok;
    }

    // Which nights are recorded, and their cramps, as the trends count them.
    Diary::TableSelection selection;
    selection.days = false;
    std::map<Date, std::int64_t> cramps_per_night;
    std::set<Date> recorded;
    for (const auto& row : compute_nightly(diary.tables(range, selection), range)) {
        cramps_per_night[row.night] = row.cramps;
        if (row.recorded) recorded.insert(row.night);
    }

    std::cout << "Nights " << day_label(range.from, today) << " \u2013 " << day_label(range.to, today) << ": "
              << recorded.size() << " of " << range.nights() << " recorded, " << cramps.size()
              << (cramps.size() == 1 ? " cramp" : " cramps") << '\n';

    if (!cramps.empty()) {
        Table table;
        table.column("#", Table::Align::right);
        table.column("night");
        table.column("onset");
        table.column("duration", Table::Align::right);
        table.column("leg");
        table.column("muscle");
        table.column("intensity", Table::Align::right);
        table.column("woke");
        table.column("note");
        for (const auto& episode : cramps)
            table.row({std::to_string(episode.id), day_label(diary.night_of(episode.onset), today),
                       instant_label(episode.onset, today), format_duration(episode.duration_s),
                       std::string(to_string(episode.leg)), std::string(to_string(episode.muscle)),
                       whole_label(episode.intensity), yes_no_label(episode.woke), note_label(episode.notes)});
        std::cout << "\nCramps\n";
        table.print(std::cout);
    }
    if (!nights.empty()) {
        Table table;
        table.column("night");
        table.column("bed");
        table.column("up");
        table.column("sleep", Table::Align::right);
        table.column("cramps", Table::Align::right);
        table.column("note");
        for (const auto& record : nights) {
            const auto count = cramps_per_night.find(record.night);
            table.row({day_label(record.night, today), record.bedtime ? instant_label(*record.bedtime, today) : "-",
                       record.waketime ? instant_label(*record.waketime, today) : "-",
                       whole_label(record.sleep_quality),
                       std::to_string(count == cramps_per_night.end() ? 0 : count->second), note_label(record.notes)});
        }
        std::cout << "\nMorning check-ins\n";
        table.print(std::cout, 2, false);
    }
    if (!days.empty()) {
        Table table;
        table.column("day");
        table.column("socks h", Table::Align::right);
        table.column("class");
        table.column("length");
        table.column("swelling", Table::Align::right);
        table.column("ankle L/R cm", Table::Align::right);
        table.column("calf L/R cm", Table::Align::right);
        table.column("standing h", Table::Align::right);
        table.column("water l", Table::Align::right);
        table.column("exercise min", Table::Align::right);
        table.column("legs up min", Table::Align::right);
        table.column("symptoms");
        table.column("skin");
        table.column("ulcer");
        table.column("tags");
        table.column("note");
        for (const auto& log : days) {
            std::string symptoms, tags;
            for (std::size_t i = 0; i < symptom_count; ++i)
                if (log.symptoms[i])
                    symptoms += (symptoms.empty() ? "" : " ") + std::string(symptom_names[i]) + "=" +
                                std::to_string(*log.symptoms[i]);
            for (const auto& tag : log.tags) tags += (tags.empty() ? "" : " ") + tag;
            table.row({day_label(log.day, today), number_label(log.compression_hours),
                       log.compression_class ? std::string(to_string(*log.compression_class)) : "-",
                       log.compression_length ? std::string(to_string(*log.compression_length)) : "-",
                       whole_label(log.swelling_grade), pair_label(log.ankle_left_cm, log.ankle_right_cm),
                       pair_label(log.calf_left_cm, log.calf_right_cm), number_label(log.standing_hours),
                       number_label(log.water_l), whole_label(log.exercise_min), whole_label(log.elevation_min),
                       symptoms.empty() ? "-" : symptoms, yes_no_label(log.skin_discoloration),
                       yes_no_label(log.ulcer), tags.empty() ? "-" : tags, note_label(log.notes)});
        }
        std::cout << "\nDay logs\n";
        table.print(std::cout);
    }

    std::string missing;
    std::size_t missing_count = 0;
    for (Date night = range.from; night <= range.to; night += boost::gregorian::days(1))
        if (!recorded.count(night)) {
            ++missing_count;
            if (missing_count <= 14) missing += (missing.empty() ? "" : ", ") + day_label(night, today);
        }
    if (missing_count > 14) missing += ", \u2026";
    if (missing_count > 0)
        std::cout << "\nMissing nights (no check-in and no cramp, so not counted as cramp-free): " << missing << '\n';
    return exit_ok;
}

}  // namespace

void add_list_command(CLI::App& parent, Context& context) {
    auto options = std::make_shared<ListOptions>();
    auto* command = parent.add_subcommand("list", "show the entries of a range of nights (default: the last 14)");
    command->add_option("--from", options->from, "first night (default: 13 nights before --to)")->type_name("DATE");
    command->add_option("--to", options->to,
                        "last night (default: the night now belongs to: last night in the morning, tonight in "
                        "the evening)")
        ->type_name("DATE");
    command->add_flag("--json", options->json,
                      "print {\"cramps\": [...], \"nights\": [...], \"days\": [...]} with the data model's field names");
    command->footer("Day logs are listed by their date, cramps by the night they belong to.\n"
                    "Examples:\n  legdiary list\n  legdiary list --from 2026-11-01 --to 2026-11-30\n"
                    "  legdiary list --json > entries.json");
    command->callback([options, &context] { context.run = [options, &context] { return run_list(context, *options); }; });
}

}  // namespace legdiary::cli
