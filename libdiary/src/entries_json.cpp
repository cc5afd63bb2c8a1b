#include "legdiary/entries_json.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

#include "legdiary/fields.hpp"
#include "trial_plan_json.hpp"

namespace legdiary {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
json value_json(const T& value) {
    if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Instant>) return to_string(value);
    else if constexpr (std::is_enum_v<T>) return std::string(to_string(value));
    else if constexpr (std::is_same_v<T, std::set<std::string>>) return std::vector<std::string>(value.begin(), value.end());
    else return value;
}

// Every field of the entry under its name, in the field table's order; null when unset.
template <typename Entry>
void add_fields(json& out, const Entry& entry) {
    for_each_field<Entry>([&](const auto& field) {
        const auto& value = field.get(entry);
        if constexpr (is_optional_field<decltype(value)>) out[std::string(field.info.name)] = value ? value_json(*value) : json(nullptr);
        else out[std::string(field.info.name)] = value_json(value);
    });
}

}  // namespace

json entry_json(const CrampEpisode& episode) {
    json out = {{"id", episode.id}};
    add_fields(out, episode);
    return out;
}

json entry_json(const NightRecord& record) {
    json out = json::object();
    add_fields(out, record);
    return out;
}

json entry_json(const DayLog& log) {
    json out = json::object();
    add_fields(out, log);
    return out;
}

json entry_json(const StoredTrial& trial) { return detail::trial_plan_json<json>(trial); }

nlohmann::ordered_json entries_json(const Diary::Batch& entries, const std::vector<StoredTrial>& trials) {
    json out = entries_json(entries);
    out["trials"] = json::array();
    std::vector<const StoredTrial*> by_id;
    for (const auto& trial : trials) by_id.push_back(&trial);
    std::stable_sort(by_id.begin(), by_id.end(), [](const StoredTrial* a, const StoredTrial* b) { return a->id < b->id; });
    for (const StoredTrial* trial : by_id) out["trials"].push_back(entry_json(*trial));
    return out;
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
