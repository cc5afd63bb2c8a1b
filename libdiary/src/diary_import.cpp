// The import session: entries checked and stored one by one in one write transaction,
// all or nothing. Diary::add_batch is one session over a batch held in memory.
#include <map>

#include <SQLiteCpp/Transaction.h>

#include "diary_impl.hpp"
#include "legdiary/trial.hpp"

namespace legdiary {

struct Diary::Import::State {
    const Impl& impl;
    std::unique_lock<std::mutex> lock;  // declared before the transaction: released after it ends
    std::optional<SQLite::Transaction> transaction;
    DateTime now;
    std::int64_t first_batch_id = 0;
    std::map<std::int64_t, std::size_t> trial_indexes;  // trials added in this session: id → index
    std::vector<Problem> problems;
    BatchResult result;

    State(const Impl& diary, std::vector<Problem> known)
        : impl(diary), lock(diary.mutex), now(diary.clock_utc()), problems(std::move(known)) {
        impl.locked(what, [&] {
            transaction.emplace(*impl.db, SQLite::TransactionBehavior::IMMEDIATE);
            first_batch_id = impl.next_cramp_id();
        });
    }
    ~State() {
        impl.reset_statements();
        transaction.reset();  // rolls back unless committed
    }

    void collect(std::vector<Problem> found, std::size_t index) {
        for (auto& problem : found) {
            problem.index = index;
            problems.push_back(std::move(problem));
        }
    }

    static inline const std::string what = "cannot store the entries";
};

Diary::Import::Import(Diary& diary, std::vector<Problem> known_problems)
    : state_(std::make_unique<State>(*diary.impl_, std::move(known_problems))) {}

Diary::Import::~Import() = default;

void Diary::Import::add(const CrampEpisode& episode, std::size_t index) {
    auto& s = *state_;
    if (auto found = legdiary::check(episode, s.now); !found.empty()) return s.collect(std::move(found), index);
    s.impl.locked(s.what, [&] {
        // Checked against the diary and every episode added before, then inserted at once,
        // so that later episodes are checked against it too (a refusal rolls all back).
        const auto conflict = s.impl.conflict(episode, s.first_batch_id);
        if (std::holds_alternative<std::int64_t>(conflict)) {
            ++s.result.cramps_already_present;
        } else if (const auto* problem = std::get_if<Problem>(&conflict)) {
            s.collect({*problem}, index);
        } else {
            s.impl.insert_cramp(episode);
            ++s.result.cramps_added;
        }
    });
}

void Diary::Import::add(const NightRecord& record, std::size_t index) {
    auto& s = *state_;
    s.collect(legdiary::check(record), index);
    if (!s.problems.empty()) return;  // nothing will be written: no need to store it
    s.impl.locked(s.what, [&] { s.impl.upsert_night(record); });
    ++s.result.nights_put;
}

void Diary::Import::add(const DayLog& log, std::size_t index) {
    auto& s = *state_;
    s.collect(legdiary::check(log), index);
    if (!s.problems.empty()) return;
    s.impl.locked(s.what, [&] { s.impl.upsert_day(log); });
    ++s.result.days_put;
}

void Diary::Import::add(const StoredTrial& trial, std::size_t index) {
    auto& s = *state_;
    TrialPlan plan = trial.plan;
    const bool created_given = !plan.created.is_special();
    plan.created = Impl::created_to_the_second(created_given ? plan.created : s.now);
    if (auto found = legdiary::check(plan); !found.empty()) return s.collect(std::move(found), index);
    s.impl.locked(s.what, [&] {
        const auto stored_trials = s.impl.read_trials();  // those added from this input too
        for (const auto& stored : stored_trials) {
            if (s.trial_indexes.contains(stored.id)) continue;  // added from the same input
            TrialPlan same = plan;
            if (!created_given) same.created = stored.plan.created;
            if (same == stored.plan) {
                ++s.result.trials_already_present;
                return;
            }
        }
        if (const auto other = Impl::overlapping_trial(plan, stored_trials)) {
            const auto found = s.trial_indexes.find(other->trial.id);
            // A trial added from this input has no id yet that would survive a refusal.
            const std::string whose = found != s.trial_indexes.end()
                                          ? "the trial on line " + std::to_string(found->second)
                                          : "trial " + std::to_string(other->trial.id);
            s.collect({Problem{"start", to_string(plan.start),
                               "the trial's nights from " + to_string(plan.start) + " overlap " + whose + "'s nights " +
                                   to_string(other->nights.from) + " … " + to_string(other->nights.to),
                               std::nullopt, std::nullopt}},
                      index);
            return;
        }
        // Inserted even when the input has problems already (a refusal rolls it back), so
        // that later trials of the input are checked against it too.
        s.trial_indexes.emplace(s.impl.insert_trial(plan), index);
        ++s.result.trials_added;
    });
}

void Diary::Import::add_problem(Problem problem) { state_->problems.push_back(std::move(problem)); }

Diary::BatchResult Diary::Import::commit() {
    auto& s = *state_;
    if (!s.problems.empty()) {
        auto problems = std::move(s.problems);
        state_.reset();  // rolls back and releases the diary
        throw ValidationError(std::move(problems));
    }
    s.impl.locked(s.what, [&] { s.transaction->commit(); });
    return s.result;
}

Diary::BatchResult Diary::add_batch(const Batch& batch, std::vector<Problem> known_problems) {
    Import import(*this, std::move(known_problems));
    for (std::size_t i = 0; i < batch.cramps.size(); ++i) import.add(batch.cramps[i], i);
    for (std::size_t i = 0; i < batch.nights.size(); ++i) import.add(batch.nights[i], i);
    for (std::size_t i = 0; i < batch.days.size(); ++i) import.add(batch.days[i], i);
    return import.commit();
}

}  // namespace legdiary
