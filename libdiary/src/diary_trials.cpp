// Randomised N-of-1 trials in the store (SPEC 7): planning, reading, stopping and the
// analysis of a stored trial. A plan is written once and never edited (the schema's
// triggers refuse any other update); only `stopped` and `stop_reason` are set, once.
#include <algorithm>
#include <charconv>

#include <boost/date_time/posix_time/posix_time.hpp>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "diary_impl.hpp"
#include "legdiary/nights.hpp"
#include "legdiary/time.hpp"
#include "legdiary/trial.hpp"

namespace legdiary {
namespace {

namespace pt = boost::posix_time;

const std::string trial_columns =
    "id, exposure, start, run_in_nights, blocks, period_nights, washout_nights, seed, name, hypothesis, created, "
    "stopped, stop_reason";

DateTime parse_created(const std::string& text) {
    // The schema's CHECK guarantees `YYYY-MM-DDTHH:MM:SSZ`.
    std::string spaced = text.substr(0, 19);
    spaced[10] = ' ';
    return pt::time_from_string(spaced);
}

std::uint64_t parse_seed(const std::string& text) {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (error != std::errc() || end != text.data() + text.size())
        throw StorageError("the diary holds a trial seed that is not an unsigned 64-bit number: " + text);
    return seed;
}

template <typename Value>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<Value>& value) {
    if (value) statement.bind(index, *value);
    else statement.bind(index);
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}

StoredTrial read_trial_row(SQLite::Statement& query) {
    StoredTrial stored;
    stored.id = query.getColumn(0).getInt64();
    TrialPlan& plan = stored.plan;
    plan.exposure = query.getColumn(1).getString();
    plan.start = parse_date(query.getColumn(2).getString(), "start");
    plan.run_in_nights = query.getColumn(3).getInt();
    plan.blocks = query.getColumn(4).getInt();
    plan.period_nights = query.getColumn(5).getInt();
    plan.washout_nights = query.getColumn(6).getInt();
    plan.seed = parse_seed(query.getColumn(7).getString());
    plan.name = optional_text(query.getColumn(8));
    plan.hypothesis = optional_text(query.getColumn(9));
    plan.created = parse_created(query.getColumn(10).getString());
    if (const auto stopped = optional_text(query.getColumn(11))) plan.stopped = parse_date(*stopped, "stopped");
    plan.stop_reason = optional_text(query.getColumn(12));
    return stored;
}

}  // namespace

std::vector<StoredTrial> Diary::Impl::read_trials() const {
    auto& query = statement("SELECT " + trial_columns + " FROM trials ORDER BY start, id");
    std::vector<StoredTrial> out;
    while (query.executeStep()) out.push_back(read_trial_row(query));
    return out;
}

std::optional<StoredTrial> Diary::Impl::read_trial(std::int64_t id) const {
    auto& query = statement("SELECT " + trial_columns + " FROM trials WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return read_trial_row(query);
}

namespace {

// The nights a stored trial holds: start … its last night, or up to the night before
// `stopped` once stopped (the nights from `stopped` on are not its own any more); nullopt
// when it was stopped before its first night.
std::optional<NightRange> nights_held(const TrialPlan& plan) {
    Date last = trial_end(plan);
    if (plan.stopped) last = std::min(last, *plan.stopped - boost::gregorian::days(1));
    if (last < plan.start) return std::nullopt;
    return NightRange{plan.start, last};
}

bool is_active(const TrialPlan& plan, const Date& today) {
    const TrialStatus status = legdiary::trial_status(plan, today);
    return status == TrialStatus::planned || status == TrialStatus::run_in || status == TrialStatus::running;
}

std::optional<StoredTrial> first_active(const std::vector<StoredTrial>& all, const Date& today) {
    for (const auto& stored : all)  // by start: the earliest first
        if (is_active(stored.plan, today)) return stored;
    return std::nullopt;
}

}  // namespace

DateTime Diary::Impl::created_to_the_second(const DateTime& utc) { return parse_created(trial_created_text(utc)); }

std::optional<Diary::Impl::TrialOverlap> Diary::Impl::overlapping_trial(const TrialPlan& plan,
                                                                        const std::vector<StoredTrial>& trials) {
    const auto mine = nights_held(plan);
    if (!mine) return std::nullopt;  // stopped before its first night: it holds no night
    for (const auto& other : trials) {
        const auto held = nights_held(other.plan);
        if (held && mine->from <= held->to && held->from <= mine->to) return TrialOverlap{other, *held};
    }
    return std::nullopt;
}

std::int64_t Diary::Impl::insert_trial(const TrialPlan& plan) const {
    auto& insert = statement(
        "INSERT INTO trials (exposure, start, run_in_nights, blocks, period_nights, washout_nights, seed, name, "
        "hypothesis, created, stopped, stop_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, plan.exposure);
    insert.bind(2, to_string(plan.start));
    insert.bind(3, plan.run_in_nights);
    insert.bind(4, plan.blocks);
    insert.bind(5, plan.period_nights);
    insert.bind(6, plan.washout_nights);
    insert.bind(7, std::to_string(plan.seed));  // decimal digits: SQLite's INTEGER is signed
    bind_optional(insert, 8, plan.name);
    bind_optional(insert, 9, plan.hypothesis);
    insert.bind(10, trial_created_text(plan.created));
    if (plan.stopped) insert.bind(11, to_string(*plan.stopped));
    else insert.bind(11);
    bind_optional(insert, 12, plan.stop_reason);
    insert.exec();
    return db->getLastInsertRowid();
}

StoredTrial Diary::plan_trial(TrialPlan plan, const Date& today, bool allow_past_start) {
    check_trial_plan(plan);
    if (plan.stopped)
        throw ValidationError("stopped", to_string(*plan.stopped), "must be unset: a new trial is not stopped");
    if (!allow_past_start && !today.is_special() && plan.start < today)
        throw ValidationError("start", to_string(plan.start), "must be today (" + to_string(today) + ") or later");
    plan.created = Impl::created_to_the_second(impl_->clock_utc());
    return impl_->guarded("cannot store the trial", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        if (const auto other = Impl::overlapping_trial(plan, impl_->read_trials())) {
            const Date end = trial_end(plan);
            throw ValidationError("start", to_string(plan.start),
                                  "the nights " + to_string(plan.start) + " … " + to_string(end) + " overlap trial " +
                                      std::to_string(other->trial.id) + "'s nights " + to_string(other->nights.from) +
                                      " … " + to_string(other->nights.to));
        }
        StoredTrial stored{impl_->insert_trial(plan), plan};
        transaction.commit();
        return stored;
    });
}

std::vector<StoredTrial> Diary::trials() const {
    return impl_->guarded("cannot read the trials", [&] { return impl_->read_trials(); });
}

std::optional<StoredTrial> Diary::trial(std::int64_t id) const {
    return impl_->guarded("cannot read the trials", [&] { return impl_->read_trial(id); });
}

std::optional<StoredTrial> Diary::active_trial(const Date& today) const {
    return impl_->guarded("cannot read the trials", [&] { return first_active(impl_->read_trials(), today); });
}

StoredTrial Diary::stop_trial(std::string reason, const Date& today) {
    if (auto problem = check_text("stop_reason", reason, trial_limits::max_text_chars))
        throw ValidationError({std::move(*problem)});
    if (today.is_special()) throw ValidationError("today", "", "must be a date YYYY-MM-DD");
    return impl_->guarded("cannot stop the trial", [&] {
        SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto active = first_active(impl_->read_trials(), today);
        if (!active) throw NotFoundError("trial", to_string(today), "no trial is planned or running on this day");
        auto& update = impl_->statement("UPDATE trials SET stopped = ?, stop_reason = ? WHERE id = ?");
        update.bind(1, to_string(today));
        update.bind(2, reason);
        update.bind(3, active->id);
        update.exec();
        active->plan.stopped = today;
        active->plan.stop_reason = std::move(reason);
        transaction.commit();
        return *active;
    });
}

TrialAnalysis Diary::trial_status(std::int64_t id, const Date& today) const {
    const auto stored = trial(id);
    if (!stored) throw NotFoundError("id", std::to_string(id), "no trial with this id");
    // The trial's nights and the day logs of those days (day D holds night D's condition),
    // with the day before the first night as well.
    const NightRange range{stored->plan.start - boost::gregorian::days(1), trial_end(stored->plan)};
    return analyse_trial(tables(range), stored->plan, today);
}

}  // namespace legdiary
