// Inserting and replacing entries; the columns and their binding come from the field table
// (rows.hpp). The caller holds the lock and the write transaction.
#include "diary_impl.hpp"
#include "rows.hpp"

namespace legdiary {

std::int64_t Diary::Impl::insert_cramp(const CrampEpisode& episode) const {
    // onset_utc and night are derived columns: the schema checks them against onset.
    static const std::string sql = "INSERT INTO cramp (" + detail::column_list<CrampEpisode>() +
                                   ", onset_utc, night) VALUES (" +
                                   detail::placeholders(detail::column_count<CrampEpisode>() + 2) + ")";
    auto& insert = statement(sql);
    int next = detail::bind_fields(insert, 1, episode);
    insert.bind(next++, detail::epoch_seconds(episode.onset.utc()));
    insert.bind(next, to_string(legdiary::night_of(episode.onset, night_boundary_hour)));
    insert.exec();
    return db->getLastInsertRowid();
}

void Diary::Impl::upsert_night(const NightRecord& record) const {
    static const std::string sql = "INSERT OR REPLACE INTO night (" + detail::column_list<NightRecord>() +
                                   ") VALUES (" + detail::placeholders(detail::column_count<NightRecord>()) + ")";
    auto& insert = statement(sql);
    detail::bind_fields(insert, 1, record);
    insert.exec();
}

void Diary::Impl::upsert_day(const DayLog& log) const {
    auto& remove = statement("DELETE FROM day WHERE day = ?");  // its tags go with it
    remove.bind(1, to_string(log.day));
    remove.exec();
    static const std::string sql = "INSERT INTO day (" + detail::column_list<DayLog>() + ") VALUES (" +
                                   detail::placeholders(detail::column_count<DayLog>()) + ")";
    auto& insert = statement(sql);
    detail::bind_fields(insert, 1, log);
    insert.exec();
    auto& tag = statement("INSERT INTO day_tag (day, tag) VALUES (?, ?)");
    for (const auto& name : log.tags) {
        tag.reset();
        tag.bind(1, to_string(log.day));
        tag.bind(2, name);
        tag.exec();
    }
}

std::int64_t Diary::Impl::next_cramp_id() const {
    auto& query = statement("SELECT coalesce(max(id), 0) + 1 FROM cramp");
    query.executeStep();
    return query.getColumn(0).getInt64();
}

}  // namespace legdiary
