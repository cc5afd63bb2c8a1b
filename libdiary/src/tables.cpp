#include "legdiary/tables.hpp"

#include "legdiary/fields.hpp"

namespace legdiary {
namespace {
const Date epoch_date(1970, 1, 1);
}

DayNumber day_number(const Date& date) { return (date - epoch_date).days(); }

Date from_day_number(DayNumber day) { return epoch_date + boost::gregorian::days(static_cast<long>(day)); }

namespace {
// Room for `rows` rows in every column of `table` that a field of `Entry` has.
template <typename Entry, typename Table>
void reserve_field_columns(Table& table, std::size_t rows) {
    for_each_field<Entry>([&](const auto& field) {
        if constexpr (has_column_in<Table, decltype(field)>) field.get(table).reserve(rows);
    });
}
}  // namespace

void EpisodeTable::reserve(std::size_t rows) {
    id.reserve(rows);
    night.reserve(rows);
    onset_utc_ns.reserve(rows);
    offset_minutes.reserve(rows);
    reserve_field_columns<CrampEpisode>(*this, rows);
}

void NightTable::reserve(std::size_t rows) { reserve_field_columns<NightRecord>(*this, rows); }

void DayTable::reserve(std::size_t rows, std::size_t tags) {
    reserve_field_columns<DayLog>(*this, rows);
    tag_row.reserve(tags);
    tag.reserve(tags);
}

int EpisodeTable::local_hour(std::size_t row) const {
    constexpr std::int64_t ns_per_s = 1'000'000'000;
    const std::int64_t local_s = onset_utc_ns[row] / ns_per_s + std::int64_t{offset_minutes[row]} * 60;
    const std::int64_t second_of_day = ((local_s % 86400) + 86400) % 86400;
    return static_cast<int>(second_of_day / 3600);
}

}  // namespace legdiary
