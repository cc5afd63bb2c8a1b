// `legdiary trial plan|today|status|stop|calendar|list`: randomised N-of-1 trials (SPEC 7).
// The library plans, stores, schedules and analyses; this file turns a plan and a day into
// words a tired person can act on. Human output names a period's condition only once the
// period has begun (the calendar is the one exception, on purpose: a phone reminder).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include <legdiary/files.hpp>
#include <legdiary/report_json.hpp>
#include <legdiary/time.hpp>
#include <legdiary/trial.hpp>
#include <legdiary/trial_words.hpp>

#include "cli.hpp"

namespace legdiary::cli {
namespace {

namespace lim = trial_limits;

// ---------------------------------------------------------------------------------------
// Options typed as text

/// A seed: a whole number 0 … 2^64 − 1.
std::uint64_t parse_seed(const std::string& text) {
    static const std::string rule = "must be a whole number in 0..18446744073709551615";
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw ParseError("seed", text, rule);
    std::uint64_t value = 0;
    for (const char c : text) {
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) throw ValidationError("seed", text, rule);
        value = value * 10 + digit;
    }
    return value;
}

/// --remind HH:MM as hours and minutes.
std::pair<int, int> parse_remind(const std::string& text) {
    static const std::string rule = "must be a clock time HH:MM (00:00..23:59)";
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4]))
        throw ParseError("remind", text, rule);
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) throw ValidationError("remind", text, rule);
    return {hours, minutes};
}

/// The trial `--id` names, else the active one, else the latest; NotFoundError when none.
StoredTrial chosen_trial(const Diary& diary, const std::optional<std::string>& id_text, const Date& today) {
    if (id_text) {
        const std::int64_t id = parse_whole(*id_text, "id", 1);
        auto found = diary.trial(id);
        if (!found) throw NotFoundError("id", *id_text, "no trial with this id");
        return *found;
    }
    if (auto active = diary.active_trial(today)) return *active;
    const auto all = diary.trials();
    if (all.empty())
        throw NotFoundError("trial", "", "no trial in this diary: plan one with `legdiary trial plan --exposure E`");
    return all.back();
}

// ---------------------------------------------------------------------------------------
// trial plan

struct PlanOptions {
    std::string exposure;
    std::optional<std::string> start, run_in, blocks, period, washout, seed, name, hypothesis;
};

void print_plan(std::ostream& out, const StoredTrial& trial, const Date& today) {
    const TrialPlan& plan = trial.plan;
    const Date end = trial_end(plan);
    const std::int64_t nights = (end - plan.start).days() + 1;
    out << "Trial " << trial.id << " planned: " << plan.exposure << " \u2014 does "
        << (trial_exposure_tag(plan).empty() ? std::string("wearing stockings") : trial_exposure_tag(plan))
        << " change your cramps?\n";
    if (plan.name) out << "  name        " << *plan.name << '\n';
    if (plan.hypothesis) out << "  hypothesis  " << *plan.hypothesis << '\n';
    out << "  nights      " << day_label(plan.start, today) << " \u2013 " << day_label(end, today) << " ("
        << nights << " nights, " << number_label(static_cast<double>(nights) / 7.0, 1) << " weeks)\n\n";

    out << "What you will do:\n";
    if (plan.run_in_nights > 0)
        out << "  1. Run-in: " << nights_text(plan.run_in_nights) << " from " << day_label(plan.start, today)
            << ", living as usual. They count in nothing; they get you into the habit of logging.\n";
    else
        out << "  1. No run-in: the first block starts on " << day_label(plan.start, today) << ".\n";
    const Date first_period = trial_period_start(plan, 1, 1);
    out << "  2. " << plan.blocks << " blocks from " << day_label(first_period, today) << ", each of two periods of "
        << nights_text(plan.period_nights) << ": one " << trial_condition_words(plan, TrialCondition::b) << ", one "
        << trial_condition_words(plan, TrialCondition::a) << ", in an order drawn at random for each block.\n"
        << "     You learn each period's condition on its first day (`legdiary trial today`).\n";
    if (plan.washout_nights > 0)
        out << "  3. " << (plan.washout_nights == 1 ? std::string("The first night of each period is")
                                                    : "The first " + nights_text(plan.washout_nights) + " of each period are")
            << " a washout: keep to the condition and keep logging, but those nights are not counted.\n";
    else
        out << "  3. No washout: every night of a period counts.\n";
    out << "  4. The last night is " << day_label(end, today) << ". Then `legdiary trial status` gives the result.\n";
    out << "  " << trial_logging_hint(plan) << "\n\n";

    if (plan.blocks < 6) {
        const std::int64_t assignments = std::int64_t{1} << plan.blocks;
        out << "Warning: with " << plan.blocks << " blocks no result can reach p < 0.05: the smallest possible p is 2/"
            << assignments << " = " << number_label(2.0 / static_cast<double>(assignments), 4)
            << ". Use --blocks 6 or more for a trial that can show a clear effect.\n\n";
    }

    out << "First: ";
    if (plan.start > today)
        out << "nothing changes until " << day_label(plan.start, today) << ". "
            << (plan.run_in_nights > 0 ? "Then live as usual for the run-in."
                                       : "That day, `legdiary trial today` tells you what to do.")
            << '\n';
    else
        out << trial_today_line(trial, today) << '\n';
}

int run_plan(const Context& context, const PlanOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    TrialPlan plan;
    plan.exposure = options.exposure;
    plan.start = today;
    // Everything typed is read before the diary is opened (and created, if new).
    ProblemList problems;
    if (options.start) problems.attempt([&] { plan.start = parse_date(*options.start, "start"); });
    if (options.run_in)
        problems.attempt([&] {
            plan.run_in_nights =
                parse_small_whole(*options.run_in, "run_in_nights", lim::min_run_in_nights, lim::max_run_in_nights, "nights");
        });
    if (options.blocks)
        problems.attempt([&] { plan.blocks = parse_small_whole(*options.blocks, "blocks", lim::min_blocks, lim::max_blocks); });
    if (options.period)
        problems.attempt([&] {
            plan.period_nights =
                parse_small_whole(*options.period, "period_nights", lim::min_period_nights, lim::max_period_nights, "nights");
        });
    if (options.washout)
        problems.attempt([&] {
            plan.washout_nights = parse_small_whole(*options.washout, "washout_nights", 0, lim::max_period_nights - 1, "nights");
        });
    if (options.seed) problems.attempt([&] { plan.seed = parse_seed(*options.seed); });
    plan.name = options.name;
    plan.hypothesis = options.hypothesis;
    problems.throw_if_any();
    if (!options.seed) plan.seed = random_trial_seed();
    check_trial_plan(plan);
    Diary diary = open_diary(context);
    const StoredTrial trial = diary.plan_trial(plan, today);
    print_plan(std::cout, trial, today);
    return exit_ok;
}

// ---------------------------------------------------------------------------------------
// trial today

struct TodayOptions {
    bool json = false;
};

int run_today(const Context& context, const TodayOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    const Diary diary = open_diary(context);
    const auto trial = diary.active_trial(today);
    if (!options.json) {
        std::cout << trial_today_line(trial, today) << '\n';
        return exit_ok;
    }
    std::cout << trial_today_json(trial, today).dump(2) << '\n';
    return exit_ok;
}

// ---------------------------------------------------------------------------------------
// trial status

struct StatusOptions {
    std::optional<std::string> id;
    bool json = false;
};

std::string verdict(const TrialPlan& plan, const TrialResult& result) {
    const std::string with = trial_condition_words(plan, TrialCondition::b);
    if (result.nights_a == 0 || result.nights_b == 0 || !result.p_value || !result.rate_ratio)
        return "Too few recorded nights under one of the conditions to compare them: this trial cannot say whether " +
               plan.exposure + " changes your cramps.";
    const double ratio = *result.rate_ratio;
    const std::string direction = ratio < 1 ? "fewer" : (ratio > 1 ? "more" : "as many");
    std::string words = "You had " + direction + " cramps " + (ratio == 1 ? "" : "per night ") + "in the periods of B (" +
                        with + ") than of A (rate ratio " + ratio_label(ratio) + "). ";
    if (*result.p_value < 0.05)
        words += "With a randomisation p of " + p_value_label(result.p_value) +
                 ", chance alone is an unlikely explanation: good evidence that it goes this way for you, "
                 "though not blinded, and not certain.";
    else
        words += "This may well be chance (randomisation p " + p_value_label(result.p_value) +
                 "): the trial does not show that " + plan.exposure +
                 " changes your cramps, nor that it does nothing.";
    return words;
}

void print_status(std::ostream& out, const StoredTrial& trial, const TrialAnalysis& analysis, const Date& today) {
    const TrialPlan& plan = trial.plan;
    const TrialResult& result = analysis.result;
    const auto total = static_cast<std::int64_t>(analysis.schedule.size());
    out << "Trial " << trial.id << ": " << plan.exposure << " \u2014 " << to_string(analysis.status);
    switch (analysis.status) {
        case TrialStatus::planned: out << ", starts " << day_label(plan.start, today); break;
        case TrialStatus::run_in:
        case TrialStatus::running: {
            const auto night = (today - plan.start).days() + 1;
            out << ", night " << night << " of " << total;
            if (const auto row = trial_night(analysis.schedule, today); row && row->block)
                out << " (block " << *row->block << " of " << plan.blocks << ")";
            break;
        }
        case TrialStatus::finished: out << " (last night " << day_label(analysis.end, today) << ")"; break;
        case TrialStatus::stopped:
            if (plan.stopped) out << " (nights from " << day_label(*plan.stopped, today) << " on not counted)";
            break;
    }
    out << '\n';
    if (plan.name) out << "  name        " << *plan.name << '\n';
    if (plan.hypothesis) out << "  hypothesis  " << *plan.hypothesis << '\n';
    if (plan.stop_reason) out << "  stopped     " << *plan.stop_reason << '\n';
    out << "  nights      " << day_label(plan.start, today) << " \u2013 " << day_label(analysis.end, today) << ": "
        << plan.run_in_nights << " run-in, " << plan.blocks << " blocks of 2 \u00d7 " << plan.period_nights
        << " nights, " << plan.washout_nights << " washout per period\n";
    std::int64_t recorded = 0;
    for (const auto& row : analysis.schedule)
        if (row.recorded) ++recorded;
    out << "  recorded    " << recorded << " of " << total << " nights; " << (result.nights_a + result.nights_b)
        << " analysed\n\n";

    if (analysis.status == TrialStatus::planned) {
        out << trial_today_line(trial, today) << '\n';
        return;
    }
    if (result.interim)
        out << "So far \u2014 INTERIM: the trial is not finished and these numbers can still change a lot; "
               "do not stop early because of this number.\n";
    else
        out << "Result:\n";
    Table table;
    table.column("condition");
    table.column("nights", Table::Align::right);
    table.column("cramps", Table::Align::right);
    table.column("per week", Table::Align::right);
    table.row({"A (" + trial_condition_words(plan, TrialCondition::a) + ")", std::to_string(result.nights_a),
               std::to_string(result.cramps_a), number_label(result.rate_a)});
    table.row({"B (" + trial_condition_words(plan, TrialCondition::b) + ")", std::to_string(result.nights_b),
               std::to_string(result.cramps_b), number_label(result.rate_b)});
    table.print(out);
    out << "  rate ratio B/A " << ratio_label(result.rate_ratio) << " (95% "
        << interval_label(result.rate_ratio_low, result.rate_ratio_high) << ")";
    if (result.percent_change) out << ", change " << number_label(*result.percent_change, 0) << "%";
    out << '\n';
    out << "  randomisation p " << p_value_label(result.p_value) << " (two-sided; smallest possible "
        << p_value_label(result.smallest_possible_p) << "), p that B lowers cramps "
        << p_value_label(result.p_value_lower) << '\n';
    out << "  blocks favouring B " << result.blocks_favouring_b << ", A " << result.blocks_favouring_a << ", tied "
        << result.blocks_tied << "; sign test p " << p_value_label(result.sign_test_p) << '\n';
    out << "  exact comparison (assumes independent nights): "
        << interval_label(result.exact_rate_ratio_low, result.exact_rate_ratio_high) << ", p "
        << p_value_label(result.exact_p_value) << "\n\n";

    if (!result.interim) out << verdict(plan, result) << "\n\n";

    // A block's order shows only once both its periods are over.
    Table blocks;
    blocks.column("block", Table::Align::right);
    blocks.column("order");
    blocks.column("nights A", Table::Align::right);
    blocks.column("cramps A", Table::Align::right);
    blocks.column("nights B", Table::Align::right);
    blocks.column("cramps B", Table::Align::right);
    blocks.column("ratio", Table::Align::right);
    for (const auto& block : result.per_block) {
        const Date last = trial_period_start(plan, block.block, 2) + boost::gregorian::days(plan.period_nights - 1);
        if (!(last < today) && result.interim) continue;
        blocks.row({std::to_string(block.block), std::string(to_string(block.order)), std::to_string(block.nights_a),
                    std::to_string(block.cramps_a), std::to_string(block.nights_b), std::to_string(block.cramps_b),
                    ratio_label(block.rate_ratio)});
    }
    if (!blocks.empty()) {
        out << (result.interim ? "Finished blocks:\n" : "Per block:\n");
        blocks.print(out, 2, false);
        out << '\n';
    }

    out << "Adherence (analysed nights):\n";
    const auto adherence = [&](const char* label, TrialCondition condition, const AdherenceCounts& counts) {
        out << "  " << label << " (" << trial_condition_words(plan, condition) << "): " << counts.nights << " nights, "
            << counts.adherent << " as planned, " << counts.not_adherent << " not, " << counts.unknown << " unknown\n";
    };
    adherence("A", TrialCondition::a, result.adherence_a);
    adherence("B", TrialCondition::b, result.adherence_b);
    out << '\n';
    out << "Read these with care:\n";
    for (const auto& caveat : result.caveats) out << "  - " << caveat << '\n';
}

int run_status(const Context& context, const StatusOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    if (options.id) (void)parse_whole(*options.id, "id", 1);
    const Diary diary = open_diary(context);
    const StoredTrial trial = chosen_trial(diary, options.id, today);
    const TrialAnalysis analysis = diary.trial_status(trial.id, today);
    if (options.json) {
        std::cout << trial_status_json(trial, analysis).dump(2) << '\n';
        return exit_ok;
    }
    print_status(std::cout, trial, analysis, today);
    return exit_ok;
}

// ---------------------------------------------------------------------------------------
// trial stop

struct StopOptions {
    std::string reason;
};

int run_stop(const Context& context, const StopOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    Diary diary = open_diary(context);
    const StoredTrial trial = diary.stop_trial(options.reason, today);
    std::cout << "Trial " << trial.id << " (" << trial.plan.exposure << ") stopped: nights from "
              << day_label(trial.plan.stopped.value_or(today), today)
              << " on are not counted; the nights before stay in the analysis.\n"
              << "See the result with `legdiary trial status --id " << trial.id << "`.\n";
    return exit_ok;
}

// ---------------------------------------------------------------------------------------
// trial list

int run_list(const Context& context) {
    const Date today = legdiary::now().local.date();
    const Diary diary = open_diary(context);
    const auto all = diary.trials();
    if (all.empty()) {
        std::cout << "No trials yet. Plan one with `legdiary trial plan --exposure compression`.\n";
        return exit_ok;
    }
    Table table;
    table.column("id", Table::Align::right);
    table.column("exposure");
    table.column("start");
    table.column("end");
    table.column("status");
    table.column("name");
    for (const auto& trial : all)
        table.row({std::to_string(trial.id), trial.plan.exposure, to_string(trial.plan.start),
                   to_string(trial_end(trial.plan)), std::string(to_string(trial_status(trial.plan, today))),
                   trial.plan.name.value_or("")});
    table.print(std::cout);
    return exit_ok;
}

// ---------------------------------------------------------------------------------------
// trial calendar (RFC 5545, written by hand: a handful of properties; see docs/design.md)

struct CalendarOptions {
    std::string output;
    std::string remind = "08:00";
};

/// A TEXT value escaped (RFC 5545 3.3.11).
std::string ical_text(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;
            default: out += c;
        }
    }
    return out;
}

/// A content line folded at 75 octets (never inside a UTF-8 sequence), ending in CRLF.
void ical_line(std::string& out, std::string_view line) {
    std::size_t limit = 75;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74;  // the leading space of a continuation line is one of its 75 octets
    }
    out.append(line);
    out += "\r\n";
}

std::string ical_date(const Date& date) {
    char text[40];
    std::snprintf(text, sizeof text, "%04d%02d%02d", static_cast<int>(date.year()), static_cast<int>(date.month()),
                  static_cast<int>(date.day()));
    return text;
}

std::string ical_utc(const DateTime& utc) {
    const auto time = utc.time_of_day();
    char text[40];
    std::snprintf(text, sizeof text, "T%02d%02d%02dZ", static_cast<int>(time.hours()), static_cast<int>(time.minutes()),
                  static_cast<int>(time.seconds()));
    return ical_date(utc.date()) + text;
}

std::string calendar_text(const StoredTrial& trial, int remind_hours, int remind_minutes, const Instant& now) {
    const TrialPlan& plan = trial.plan;
    std::string out;
    ical_line(out, "BEGIN:VCALENDAR");
    ical_line(out, "VERSION:2.0");
    ical_line(out, std::string("PRODID:-//legdiary//legdiary ") + LEGDIARY_VERSION + "//EN");
    ical_line(out, "CALSCALE:GREGORIAN");
    ical_line(out, "METHOD:PUBLISH");
    ical_line(out, "X-WR-CALNAME:" + ical_text("legdiary trial " + std::to_string(trial.id) + " (" + plan.exposure + ")"));
    const std::string stamp = ical_utc(now.utc());
    for (const auto& row : trial_schedule(plan)) {
        if (plan.stopped && !(row.night < *plan.stopped)) break;
        std::string summary;
        if (row.phase == TrialPhase::run_in)
            summary = "Trial run-in: live as usual";
        else
            summary = std::string("Trial: ") + trial_condition_instruction(plan, *row.condition) +
                      (row.washout ? " (washout)" : "");
        const std::string description = "Today: " + trial_day_instruction(trial, row) + "\n" + trial_logging_hint(plan);
        const std::string uid = "trial-" + std::to_string(trial.id) + "-night-" + to_string(row.night) + "@legdiary";
        ical_line(out, "BEGIN:VEVENT");
        ical_line(out, "UID:" + uid);
        ical_line(out, "DTSTAMP:" + stamp);
        ical_line(out, "DTSTART;VALUE=DATE:" + ical_date(row.night));
        ical_line(out, "DTEND;VALUE=DATE:" + ical_date(row.night + boost::gregorian::days(1)));
        ical_line(out, "SUMMARY:" + ical_text(summary));
        ical_line(out, "DESCRIPTION:" + ical_text(description));
        ical_line(out, "TRANSP:TRANSPARENT");
        ical_line(out, "BEGIN:VALARM");
        ical_line(out, "ACTION:DISPLAY");
        ical_line(out, "DESCRIPTION:" + ical_text(summary));
        // The reminder at HH:MM local on that day, as the UTC instant (right across DST);
        // a clock time the clocks skip that day falls back to a time after the day's start.
        std::string trigger;
        try {
            const Instant at = from_local(DateTime(row.night, boost::posix_time::hours(remind_hours) +
                                                                  boost::posix_time::minutes(remind_minutes)),
                                          "remind");
            trigger = "TRIGGER;VALUE=DATE-TIME:" + ical_utc(at.utc());
        } catch (const ValidationError&) {
            trigger = "TRIGGER;RELATED=START:PT" + std::to_string(remind_hours) + "H" + std::to_string(remind_minutes) + "M";
        }
        ical_line(out, trigger);
        ical_line(out, "END:VALARM");
        ical_line(out, "END:VEVENT");
    }
    ical_line(out, "END:VCALENDAR");
    return out;
}

int run_calendar(const Context& context, const CalendarOptions& options) {
    const Instant now = legdiary::now();
    const Date today = now.local.date();
    const auto [hours, minutes] = parse_remind(options.remind);
    const Diary diary = open_diary(context);
    const auto trial = diary.active_trial(today);
    if (!trial)
        throw NotFoundError("trial", "", "no planned or running trial: plan one with `legdiary trial plan --exposure E`");
    write_private_file(options.output, calendar_text(*trial, hours, minutes, now));
    std::cerr << "legdiary: calendar of trial " << trial->id << " (" << trial_schedule(trial->plan).size()
              << " days) written to " << options.output << '\n';
    return exit_ok;
}

}  // namespace

void add_trial_command(CLI::App& parent, Context& context) {
    auto* trial = parent.add_subcommand("trial", "randomised N-of-1 trials: do stockings or a habit help *you*?");
    trial->require_subcommand(1);
    trial->footer("A trial tells you, period by period in an order drawn at random, when to do something and\n"
                  "when not to, and then compares your cramps by that design (SPEC section 7).\n\n"
                  "Examples:\n"
                  "  legdiary trial plan --exposure compression\n"
                  "  legdiary trial today\n"
                  "  legdiary trial status\n"
                  "Run `legdiary trial COMMAND --help` for each of plan, today, status, stop, calendar, list.");

    auto plan = std::make_shared<PlanOptions>();
    auto* plan_command = trial->add_subcommand("plan", "plan a new trial: prints the plan and what to do first");
    plan_command
        ->add_option("--exposure", plan->exposure,
                     "compression (stockings worn that day) or tag:NAME (the tag logged that day)")
        ->required()
        ->type_name("E");
    plan_command->add_option("--start", plan->start, "the first night: today (default) or later")->type_name("DATE");
    plan_command->add_option("--run-in", plan->run_in, "nights of run-in, living as usual: 0-28 (default 7)")->type_name("N");
    plan_command->add_option("--blocks", plan->blocks, "blocks of two periods: 2-20 (default 6)")->type_name("K");
    plan_command->add_option("--period", plan->period, "nights per period: 3-28 (default 7)")->type_name("N");
    plan_command->add_option("--washout", plan->washout,
                             "first nights of each period not counted: 0 to period-1 (default 2)")
        ->type_name("N");
    plan_command->add_option("--seed", plan->seed,
                             "the random allocation's seed, 0-18446744073709551615 (default: drawn at random)")
        ->type_name("S");
    plan_command->add_option("--name", plan->name, "a name for the trial")->type_name("TEXT");
    plan_command->add_option("--hypothesis", plan->hypothesis, "what you expect, in your words")->type_name("TEXT");
    plan_command->footer(
        "The plan is stored and never changed (only stopped). It does not show the random order:\n"
        "each period's condition is shown on its first day by `legdiary trial today`. With fewer\n"
        "than 6 blocks no result can reach p < 0.05.\n\n"
        "Examples:\n"
        "  legdiary trial plan --exposure compression\n"
        "  legdiary trial plan --exposure tag:magnesium --start 2026-12-01 --blocks 8 --period 5 --washout 1\n"
        "  legdiary trial plan --exposure compression --seed 42 --name \"socks in winter\"");
    plan_command->callback([plan, &context] { context.run = [plan, &context] { return run_plan(context, *plan); }; });

    auto today = std::make_shared<TodayOptions>();
    auto* today_command = trial->add_subcommand("today", "what to do today for the running trial, and whether tonight counts");
    today_command->add_flag("--json", today->json,
                            "print {date, trial, status, phase, block, period, condition, day_of_period, "
                            "period_nights, washout, counted, instruction}");
    today_command->footer("Examples:\n"
                          "  legdiary trial today\n"
                          "  legdiary trial today --json");
    today_command->callback([today, &context] { context.run = [today, &context] { return run_today(context, *today); }; });

    auto status = std::make_shared<StatusOptions>();
    auto* status_command = trial->add_subcommand("status", "a trial's progress and numbers (interim until it ends)");
    status_command->add_option("--id", status->id, "the trial (default: the running one, else the latest)")->type_name("N");
    status_command->add_flag("--json", status->json,
                             "print {trial, schedule, result} with everything, the allocation too (SPEC section 7)");
    status_command->footer("Before the trial ends every number is an interim look: do not stop early because of it.\n"
                           "The human output shows the per-block orders of finished blocks only.\n\n"
                           "Examples:\n"
                           "  legdiary trial status\n"
                           "  legdiary trial status --id 1 --json");
    status_command->callback([status, &context] { context.run = [status, &context] { return run_status(context, *status); }; });

    auto stop = std::make_shared<StopOptions>();
    auto* stop_command = trial->add_subcommand("stop", "stop the running trial; tonight and later are not counted");
    stop_command->add_option("--reason", stop->reason, "why (kept with the trial)")->required()->type_name("TEXT");
    stop_command->footer("The nights before today stay in the analysis; the trial stays in the diary.\n\n"
                         "Examples:\n"
                         "  legdiary trial stop --reason \"stockings too hot in the heatwave\"");
    stop_command->callback([stop, &context] { context.run = [stop, &context] { return run_stop(context, *stop); }; });

    auto calendar = std::make_shared<CalendarOptions>();
    auto* calendar_command =
        trial->add_subcommand("calendar", "write the running trial as a calendar file, one reminder per day");
    calendar_command->add_option("-o,--output", calendar->output, "the .ics file to write (readable by you only)")
        ->required()
        ->type_name("FILE.ics");
    calendar_command->add_option("--remind", calendar->remind, "the daily reminder's local time (default 08:00)")
        ->type_name("HH:MM");
    calendar_command->footer(
        "One all-day event per trial day with that day's instruction and an alarm (RFC 5545), for a\n"
        "phone's calendar. Note: unlike `trial today`, the file shows every future period's\n"
        "condition, so import it without reading ahead if you can.\n\n"
        "Examples:\n"
        "  legdiary trial calendar -o trial.ics\n"
        "  legdiary trial calendar -o trial.ics --remind 07:15");
    calendar_command->callback(
        [calendar, &context] { context.run = [calendar, &context] { return run_calendar(context, *calendar); }; });

    auto* list_command = trial->add_subcommand("list", "every trial in the diary: id, exposure, nights, status");
    list_command->footer("Examples:\n"
                         "  legdiary trial list");
    list_command->callback([&context] { context.run = [&context] { return run_list(context); }; });
}

}  // namespace legdiary::cli
