// Duplicate and overlap checks of a cramp episode against the stored ones.
#include "diary_impl.hpp"
#include "rows.hpp"

namespace legdiary {
namespace {

std::string leg_rule_text(Leg leg) {
    return leg == Leg::both ? std::string("both legs") : "the " + std::string(to_string(leg)) + " leg";
}

// "onset_utc = ? AND duration_s IS ? AND leg IS ? …": the same entry as CrampEpisode::same_entry
// (the same UTC moment, every other field equal, null equal to null).
std::string same_entry_condition() {
    std::string condition = "onset_utc = ?";
    for_each_field<CrampEpisode>([&](const auto& field) {
        if (detail::is_row_column<CrampEpisode, decltype(field)> && field.info.name != "onset")
            condition += " AND " + std::string(field.info.name) + " IS ?";
    });
    return condition;
}

}  // namespace

std::variant<std::monostate, std::int64_t, Problem> Diary::Impl::conflict(const CrampEpisode& episode,
                                                                          std::int64_t first_batch_id) const {
    const std::int64_t start = detail::epoch_seconds(episode.onset.utc());
    static const std::string same_sql = "SELECT id FROM cramp WHERE " + same_entry_condition() + " LIMIT 1";
    auto& same = statement(same_sql);
    same.bind(1, start);
    detail::bind_fields(same, 2, episode, "onset");
    if (same.executeStep()) return same.getColumn(0).getInt64();

    auto& overlap = statement(
        "SELECT id, onset, duration_s, leg FROM cramp WHERE onset_utc > ? AND onset_utc < ? "
        "AND onset_utc + duration_s > ? AND (leg = ? OR leg = 'both' OR ? = 'both') "
        "ORDER BY onset_utc LIMIT 1");
    overlap.bind(1, start - limits::max_duration_s);
    overlap.bind(2, start + episode.duration_s);
    overlap.bind(3, start);
    overlap.bind(4, std::string(to_string(episode.leg)));
    overlap.bind(5, std::string(to_string(episode.leg)));
    if (!overlap.executeStep()) return std::monostate{};
    const Leg other_leg = parse_leg(overlap.getColumn(3).getString());
    const std::int64_t other_id = overlap.getColumn(0).getInt64();
    const std::string other = other_id >= first_batch_id ? std::string("another cramp of the same input")
                                                        : "cramp #" + std::to_string(other_id);
    return Problem{"onset", to_string(episode.onset),
                   "overlaps " + other + " on " + leg_rule_text(other_leg) + " (" + overlap.getColumn(1).getString() +
                       ", " + std::to_string(overlap.getColumn(2).getInt()) + " s); two cramps in one leg cannot overlap",
                   std::nullopt, std::nullopt};
}

}  // namespace legdiary
