// Readers of a night range — entries, the columnar tables of the analysis layer, the
// diary's extent — each one query per table for the whole range, never one per night.
#include "diary_impl.hpp"
#include "rows.hpp"

namespace legdiary {
namespace {

constexpr std::int64_t ns_per_second = 1'000'000'000;

// The ±HH:MM at the end of a stored instant, in minutes.
std::int32_t stored_offset(const SQLite::Column& column) {
    const char* text = column.getText();
    const int hours = (text[20] - '0') * 10 + (text[21] - '0');
    const int minutes = (text[23] - '0') * 10 + (text[24] - '0');
    return (text[19] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

// The WHERE clause bind_cramp_range fills in.
constexpr const char* cramp_range_condition = " WHERE night BETWEEN ? AND ? AND onset_utc BETWEEN ? AND ? ";

// Binds cramp_range_condition to the episodes of a night range. The onset_utc bounds (every
// offset a night's local times can have) select nothing more, but let SQLite read in onset
// order through cramp_by_onset instead of sorting every row of the range.
void bind_cramp_range(SQLite::Statement& query, const NightRange& range, int boundary_hour) {
    const DateTime first_local = night_start(range.from, boundary_hour);
    const DateTime end_local = night_start(range.to + boost::gregorian::days(1), boundary_hour);
    query.bind(1, to_string(range.from));
    query.bind(2, to_string(range.to));
    query.bind(3, detail::epoch_seconds(first_local - boost::posix_time::minutes(limits::max_offset_minutes)));
    query.bind(4, detail::epoch_seconds(end_local - boost::posix_time::minutes(limits::min_offset_minutes)));
}

void bind_nights(SQLite::Statement& query, const NightRange& range) {
    query.bind(1, to_string(range.from));
    query.bind(2, to_string(range.to));
}

// The one number a SELECT count(*) statement gives.
std::size_t count_of(SQLite::Statement& count) {
    count.executeStep();
    const auto rows = static_cast<std::size_t>(count.getColumn(0).getInt64());
    count.reset();
    return rows;
}

const std::string& cramp_select() {
    static const std::string sql = "SELECT id, " + detail::column_list<CrampEpisode>() + " FROM cramp";
    return sql;
}
const std::string& night_select() {
    static const std::string sql = "SELECT " + detail::column_list<NightRecord>() + " FROM night";
    return sql;
}
const std::string& day_select() {
    static const std::string sql = "SELECT " + detail::column_list<DayLog>() + " FROM day";
    return sql;
}

CrampEpisode cramp_of(SQLite::Statement& row) {
    CrampEpisode episode;
    episode.id = row.getColumn(0).getInt64();
    detail::read_fields(row, 1, episode);
    return episode;
}

template <typename Entry>
Entry entry_of(SQLite::Statement& row) {
    Entry entry;
    detail::read_fields(row, 0, entry);
    return entry;
}

}  // namespace

std::optional<CrampEpisode> Diary::Impl::read_cramp(std::int64_t id) const {
    auto& query = statement(cramp_select() + " WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return cramp_of(query);
}

std::vector<CrampEpisode> Diary::Impl::read_cramps(const NightRange& range) const {
    auto& query = statement(cramp_select() + cramp_range_condition + "ORDER BY onset_utc, id");
    bind_cramp_range(query, range, night_boundary_hour);
    std::vector<CrampEpisode> episodes;
    while (query.executeStep()) episodes.push_back(cramp_of(query));
    return episodes;
}

std::vector<NightRecord> Diary::Impl::read_nights(const NightRange& range) const {
    auto& query = statement(night_select() + " WHERE night BETWEEN ? AND ? ORDER BY night");
    bind_nights(query, range);
    std::vector<NightRecord> records;
    while (query.executeStep()) records.push_back(entry_of<NightRecord>(query));
    return records;
}

namespace {
// Tags of the day logs in the range, added to the logs (which are in day order).
template <typename Impl>
void attach_tags(const Impl& impl, std::vector<DayLog>& logs, const NightRange& range) {
    if (logs.empty()) return;
    auto& query = impl.statement("SELECT day, tag FROM day_tag WHERE day BETWEEN ? AND ? ORDER BY day, tag");
    bind_nights(query, range);
    std::size_t k = 0;
    while (query.executeStep()) {
        const Date day = parse_date(query.getColumn(0).getString(), "day");
        while (k < logs.size() && logs[k].day < day) ++k;
        if (k < logs.size() && logs[k].day == day) logs[k].tags.insert(query.getColumn(1).getString());
    }
}
}  // namespace

std::vector<DayLog> Diary::Impl::read_days(const NightRange& range) const {
    auto& query = statement(day_select() + " WHERE day BETWEEN ? AND ? ORDER BY day");
    bind_nights(query, range);
    std::vector<DayLog> logs;
    while (query.executeStep()) logs.push_back(entry_of<DayLog>(query));
    attach_tags(*this, logs, range);
    return logs;
}

std::optional<NightRecord> Diary::Impl::read_night_record(const Date& night) const {
    auto& query = statement(night_select() + " WHERE night = ?");
    query.bind(1, to_string(night));
    if (!query.executeStep()) return std::nullopt;
    return entry_of<NightRecord>(query);
}

std::optional<DayLog> Diary::Impl::read_day_log(const Date& day) const {
    auto& query = statement(day_select() + " WHERE day = ?");
    query.bind(1, to_string(day));
    if (!query.executeStep()) return std::nullopt;
    std::vector<DayLog> logs{entry_of<DayLog>(query)};
    query.reset();
    attach_tags(*this, logs, NightRange{day, day});
    return logs.front();
}

std::optional<NightRange> Diary::Impl::read_extent() const {
    auto& query = statement(
        "SELECT min(d), max(d) FROM (SELECT min(night) AS d FROM cramp UNION ALL SELECT max(night) FROM cramp "
        "UNION ALL SELECT min(night) FROM night UNION ALL SELECT max(night) FROM night "
        "UNION ALL SELECT min(day) FROM day UNION ALL SELECT max(day) FROM day)");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return NightRange{parse_date(query.getColumn(0).getString()), parse_date(query.getColumn(1).getString())};
}

EpisodeTable Diary::Impl::read_episode_table(const NightRange& range) const {
    // The onset text is read for its UTC offset; the other columns come from the field table.
    static const std::string sql = "SELECT id, night, onset_utc, onset, " +
                                   detail::column_list<CrampEpisode, EpisodeTable>() + " FROM cramp" +
                                   cramp_range_condition + "ORDER BY onset_utc, id";
    auto& cramps = statement(sql);
    bind_cramp_range(cramps, range, night_boundary_hour);
    EpisodeTable e;
    // Sized from a count first: columns grown row by row would hold up to twice their
    // size. The count reads cramp_by_night alone (the onset bounds select nothing more),
    // so it does not visit the rows.
    auto& count = statement("SELECT count(*) FROM cramp WHERE night BETWEEN ? AND ?");
    bind_nights(count, range);
    e.reserve(count_of(count));
    while (cramps.executeStep()) {
        e.id.push_back(cramps.getColumn(0).getInt64());
        e.night.push_back(detail::stored_day(cramps.getColumn(1)));
        e.onset_utc_ns.push_back(cramps.getColumn(2).getInt64() * ns_per_second);
        e.offset_minutes.push_back(stored_offset(cramps.getColumn(3)));
        detail::push_columns<CrampEpisode>(cramps, 4, e);
    }
    return e;
}

NightTable Diary::Impl::read_night_table(const NightRange& range) const {
    static const std::string sql = "SELECT " + detail::column_list<NightRecord, NightTable>() +
                                   " FROM night WHERE night BETWEEN ? AND ? ORDER BY night";
    auto& nights = statement(sql);
    bind_nights(nights, range);
    NightTable n;
    auto& count = statement("SELECT count(*) FROM night WHERE night BETWEEN ? AND ?");
    bind_nights(count, range);
    n.reserve(count_of(count));
    while (nights.executeStep()) detail::push_columns<NightRecord>(nights, 0, n);
    return n;
}

DayTable Diary::Impl::read_day_table(const NightRange& range, const detail::FieldMask& fields) const {
    auto& days = statement("SELECT " + detail::column_list<DayLog, DayTable>({}, fields) +
                           " FROM day WHERE day BETWEEN ? AND ? ORDER BY day");
    bind_nights(days, range);
    DayTable d;
    auto& count = statement(
        "SELECT (SELECT count(*) FROM day WHERE day BETWEEN ?1 AND ?2), "
        "(SELECT count(*) FROM day_tag WHERE day BETWEEN ?1 AND ?2)");
    bind_nights(count, range);
    count.executeStep();
    d.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()),
              static_cast<std::size_t>(count.getColumn(1).getInt64()));
    count.reset();
    while (days.executeStep()) detail::push_columns<DayLog>(days, 0, d, fields);

    auto& tags = statement("SELECT day, tag FROM day_tag WHERE day BETWEEN ? AND ? ORDER BY day, tag");
    bind_nights(tags, range);
    std::size_t row = 0;
    while (tags.executeStep()) {
        const DayNumber day = detail::stored_day(tags.getColumn(0));
        while (row < d.day.size() && d.day[row] < day) ++row;
        if (row == d.day.size()) break;
        d.tag_row.push_back(static_cast<std::uint32_t>(row));
        d.tag.push_back(tags.getColumn(1).getString());
    }
    tags.reset();  // it may stop early: end its read before the transaction ends
    return d;
}

}  // namespace legdiary
