#include "legdiary/entries_json.hpp"

namespace legdiary {
namespace {

template <typename T>
nlohmann::ordered_json optional_json(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_instant(const std::optional<Instant>& value) {
    return value ? nlohmann::ordered_json(to_string(*value)) : nlohmann::ordered_json(nullptr);
}

template <typename Enum>
nlohmann::ordered_json optional_enum(const std::optional<Enum>& value) {
    return value ? nlohmann::ordered_json(std::string(to_string(*value))) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json entry_json(const CrampEpisode& episode) {
    return {{"id", episode.id},
            {"onset", to_string(episode.onset)},
            {"duration_s", episode.duration_s},
            {"leg", std::string(to_string(episode.leg))},
            {"muscle", std::string(to_string(episode.muscle))},
            {"intensity", optional_json(episode.intensity)},
            {"woke", optional_json(episode.woke)},
            {"notes", optional_json(episode.notes)}};
}

nlohmann::ordered_json entry_json(const NightRecord& record) {
    return {{"night", to_string(record.night)},
            {"bedtime", optional_instant(record.bedtime)},
            {"waketime", optional_instant(record.waketime)},
            {"sleep_quality", optional_json(record.sleep_quality)},
            {"notes", optional_json(record.notes)}};
}

nlohmann::ordered_json entry_json(const DayLog& log) {
    nlohmann::ordered_json json = {{"day", to_string(log.day)},
                           {"compression_hours", optional_json(log.compression_hours)},
                           {"compression_class", optional_enum(log.compression_class)},
                           {"compression_length", optional_enum(log.compression_length)},
                           {"swelling_grade", optional_json(log.swelling_grade)},
                           {"ankle_left_cm", optional_json(log.ankle_left_cm)},
                           {"ankle_right_cm", optional_json(log.ankle_right_cm)},
                           {"calf_left_cm", optional_json(log.calf_left_cm)},
                           {"calf_right_cm", optional_json(log.calf_right_cm)},
                           {"standing_hours", optional_json(log.standing_hours)},
                           {"water_l", optional_json(log.water_l)},
                           {"exercise_min", optional_json(log.exercise_min)},
                           {"elevation_min", optional_json(log.elevation_min)}};
    for (std::size_t i = 0; i < symptom_count; ++i) json[std::string(symptom_names[i])] = optional_json(log.symptoms[i]);
    json["skin_discoloration"] = optional_json(log.skin_discoloration);
    json["ulcer"] = optional_json(log.ulcer);
    json["tags"] = nlohmann::ordered_json(std::vector<std::string>(log.tags.begin(), log.tags.end()));
    json["notes"] = optional_json(log.notes);
    return json;
}

nlohmann::ordered_json entries_json(const Diary::Batch& entries) {
    nlohmann::ordered_json json = {{"cramps", nlohmann::ordered_json::array()},
                                   {"nights", nlohmann::ordered_json::array()},
                                   {"days", nlohmann::ordered_json::array()}};
    for (const auto& episode : entries.cramps) json["cramps"].push_back(entry_json(episode));
    for (const auto& record : entries.nights) json["nights"].push_back(entry_json(record));
    for (const auto& log : entries.days) json["days"].push_back(entry_json(log));
    return json;
}

}  // namespace legdiary
