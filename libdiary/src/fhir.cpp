#include "legdiary/fhir.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>

#include "legdiary/fields.hpp"

#include "legdiary/time.hpp"

namespace legdiary {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view ucum = "http://unitsofmeasure.org";

json coding(const FhirCode& code) {
    return {{"system", code.system}, {"code", code.code}, {"display", code.display}};
}

json concept_of(const FhirCode& code, std::string_view text) {
    return {{"coding", json::array({coding(code)})}, {"text", text}};
}

json text_concept(std::string_view text) { return {{"text", text}}; }

json quantity(double value, std::string_view unit, std::string_view ucum_code) {
    return {{"value", value}, {"unit", unit}, {"system", ucum}, {"code", ucum_code}};
}

json laterality_component(Leg leg) {
    json value;
    if (leg == Leg::left) value = concept_of(fhir_codes::left, "left");
    else if (leg == Leg::right) value = concept_of(fhir_codes::right, "right");
    else value = text_concept("both");
    return {{"code", text_concept("Laterality")}, {"valueCodeableConcept", value}};
}

json observation(std::string id, json code) {
    return {{"resourceType", "Observation"}, {"id", std::move(id)}, {"status", "final"}, {"code", std::move(code)}};
}

json cramp_observation(const CrampEpisode& episode) {
    json resource = observation("cramp-" + std::to_string(episode.id), concept_of(fhir_codes::cramp, "Leg cramp"));
    const Instant end{episode.onset.local + boost::posix_time::seconds(episode.duration_s),
                      episode.onset.offset_minutes};
    resource["effectivePeriod"] = {{"start", to_string(episode.onset)}, {"end", to_string(end)}};
    const std::string site = std::string(to_string(episode.leg)) + " " + std::string(to_string(episode.muscle));
    resource["bodySite"] =
        episode.muscle == Muscle::calf ? concept_of(fhir_codes::calf, site) : text_concept(site);
    json components = json::array();
    components.push_back(laterality_component(episode.leg));
    components.push_back({{"code", text_concept("Cramp duration")},
                          {"valueQuantity", quantity(episode.duration_s, "s", "s")}});
    if (episode.intensity)
        components.push_back({{"code", concept_of(fhir_codes::pain_score, "Cramp intensity (0-10)")},
                              {"valueInteger", *episode.intensity}});
    if (episode.woke)
        components.push_back({{"code", text_concept("Woke from sleep")}, {"valueBoolean", *episode.woke}});
    resource["component"] = std::move(components);
    if (episode.notes) resource["note"] = json::array({{{"text", *episode.notes}}});
    return resource;
}

// The day-log fields a FHIR Observation is made for, with its text; the others (standing,
// water, exercise, elevation, tags, notes) have no code that fits and are left out
// (docs/fhir.md). Compression class and length describe the hosiery of compression_hours.
struct DayMeasure {
    std::string_view field;
    std::string_view text;  // empty: made from the field's name (symptom items)
};
constexpr DayMeasure day_measures[] = {
    {"compression_hours", "Hours wearing graduated compression hosiery"},
    {"swelling_grade", "Leg swelling grade (0 none, 1 mild, 2 moderate, 3 severe)"},
    {"ankle_left_cm", ""}, {"ankle_right_cm", ""}, {"calf_left_cm", ""}, {"calf_right_cm", ""},
    {"skin_discoloration", "Skin discoloration of the leg observed"},
    {"ulcer", "Leg ulcer observed"},
};

std::optional<std::string_view> measure_text(std::string_view field) {
    for (const auto& measure : day_measures)
        if (measure.field == field) return measure.text;
    if (std::find(symptom_names.begin(), symptom_names.end(), field) != symptom_names.end()) return "";
    return std::nullopt;
}

std::string with(std::string text, char from, char to) {
    for (char& ch : text)
        if (ch == from) ch = to;
    return text;
}

// "ankle_left_cm" → "ankle-left": the resource id's part for a field.
std::string resource_id(std::string_view field) {
    std::string id(field);
    if (id.ends_with("_cm")) id.resize(id.size() - 3);
    return with(std::move(id), '_', '-');
}

std::string_view ucum_code(std::string_view unit) { return unit == "hours" ? "h" : unit; }

json compression_observation(const std::string& id, const DayLog& log) {
    json resource = observation(id, text_concept("Hours wearing graduated compression hosiery"));
    resource["valueQuantity"] = quantity(*log.compression_hours, "h", "h");
    std::string device_text = "Graduated compression hosiery";
    if (log.compression_class) device_text += ", class " + std::string(to_string(*log.compression_class)) + " mmHg";
    if (log.compression_length) device_text += ", " + std::string(to_string(*log.compression_length)) + " length";
    // The hosiery is a device, so its code goes on a contained Device rather than on the
    // measurement's own code.
    resource["contained"] = json::array({{{"resourceType", "Device"},
                                          {"id", "hosiery"},
                                          {"type", concept_of(fhir_codes::compression_hosiery, device_text)}}});
    resource["device"] = {{"reference", "#hosiery"}};
    return resource;
}

// A circumference: "ankle_left_cm" is the left ankle, with its laterality and body site.
json circumference_observation(const std::string& id, std::string_view field, double value) {
    const bool calf = field.starts_with("calf");
    const Leg leg = field.find("_left") != std::string_view::npos ? Leg::left : Leg::right;
    const std::string site = std::string(to_string(leg)) + (calf ? " calf" : " ankle");
    json resource = observation(id, concept_of(fhir_codes::lower_limb_circumference, "Circumference of " + site));
    resource["bodySite"] = calf ? concept_of(fhir_codes::calf, site) : text_concept(site);
    resource["component"] = json::array({laterality_component(leg)});
    resource["valueQuantity"] = quantity(value, "cm", "cm");
    return resource;
}

void add_day_observations(json& entries, const DayLog& log) {
    const std::string day = to_string(log.day);
    const std::string prefix = "day-" + day + "-";
    for_each_field<DayLog>([&](const auto& field) {
        const auto text = measure_text(field.info.name);
        const auto& value = field.get(log);
        if constexpr (is_optional_field<decltype(value)>) {
            using Value = field_value_t<decltype(value)>;
            if (!text || !value) return;
            const std::string id = prefix + resource_id(field.info.name);
            json resource;
            if (field.info.name == "compression_hours") {
                resource = compression_observation(id, log);
            } else if constexpr (std::is_floating_point_v<Value>) {
                if (field.info.unit == "cm") {
                    resource = circumference_observation(id, field.info.name, *value);
                } else {
                    resource = observation(id, text_concept(*text));
                    resource["valueQuantity"] = quantity(*value, ucum_code(field.info.unit), ucum_code(field.info.unit));
                }
            } else if constexpr (std::is_same_v<Value, bool> || std::is_same_v<Value, int>) {
                const std::string words = text->empty() ? "Leg " + with(std::string(field.info.name), '_', ' ') + " (0-10)"
                                                        : std::string(*text);
                resource = observation(id, text_concept(words));
                resource[std::is_same_v<Value, bool> ? "valueBoolean" : "valueInteger"] = *value;
            } else {
                return;
            }
            resource["effectiveDateTime"] = day;
            entries.push_back({{"resource", std::move(resource)}});
        }
    });
}

}  // namespace

json fhir_bundle(const std::vector<CrampEpisode>& cramps, const std::vector<DayLog>& days, const Instant& timestamp) {
    json entries = json::array();
    for (const auto& episode : cramps) entries.push_back({{"resource", cramp_observation(episode)}});
    for (const auto& log : days) add_day_observations(entries, log);
    json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"timestamp", to_string(timestamp)}};
    // FHIR JSON has no empty arrays: an empty diary's Bundle simply has no entries.
    if (!entries.empty()) bundle["entry"] = std::move(entries);
    return bundle;
}

json fhir_bundle(const Diary& diary) {
    const Diary::Batch all = diary.entries();
    return fhir_bundle(all.cramps, all.days, to_local(diary.now_utc()));
}

}  // namespace legdiary
