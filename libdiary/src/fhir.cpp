#include "legdiary/fhir.hpp"

#include <string>

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

void add_day_observations(json& entries, const DayLog& log) {
    const std::string day = to_string(log.day);
    const std::string prefix = "day-" + day + "-";
    auto add = [&](json resource) {
        resource["effectiveDateTime"] = day;
        entries.push_back({{"resource", std::move(resource)}});
    };

    if (log.compression_hours) {
        json resource = observation(prefix + "compression-hours",
                                    text_concept("Hours wearing graduated compression hosiery"));
        resource["valueQuantity"] = quantity(*log.compression_hours, "h", "h");
        std::string device_text = "Graduated compression hosiery";
        if (log.compression_class) device_text += ", class " + std::string(to_string(*log.compression_class)) + " mmHg";
        if (log.compression_length) device_text += ", " + std::string(to_string(*log.compression_length)) + " length";
        // The hosiery is a device, so its code goes on a contained Device rather than on
        // the measurement's own code.
        resource["contained"] = json::array({{{"resourceType", "Device"},
                                              {"id", "hosiery"},
                                              {"type", concept_of(fhir_codes::compression_hosiery, device_text)}}});
        resource["device"] = {{"reference", "#hosiery"}};
        add(std::move(resource));
    }
    if (log.swelling_grade) {
        json resource = observation(prefix + "swelling-grade",
                                    text_concept("Leg swelling grade (0 none, 1 mild, 2 moderate, 3 severe)"));
        resource["valueInteger"] = *log.swelling_grade;
        add(std::move(resource));
    }
    struct Circumference {
        const std::optional<double>& value;
        const char* id;
        const char* site;
        bool calf;
        Leg leg;
    };
    for (const Circumference& c : {Circumference{log.ankle_left_cm, "ankle-left", "left ankle", false, Leg::left},
                                   Circumference{log.ankle_right_cm, "ankle-right", "right ankle", false, Leg::right},
                                   Circumference{log.calf_left_cm, "calf-left", "left calf", true, Leg::left},
                                   Circumference{log.calf_right_cm, "calf-right", "right calf", true, Leg::right}}) {
        if (!c.value) continue;
        json resource = observation(prefix + c.id, concept_of(fhir_codes::lower_limb_circumference,
                                                              std::string("Circumference of ") + c.site));
        resource["bodySite"] = c.calf ? concept_of(fhir_codes::calf, c.site) : text_concept(c.site);
        resource["component"] = json::array({laterality_component(c.leg)});
        resource["valueQuantity"] = quantity(*c.value, "cm", "cm");
        add(std::move(resource));
    }
    for (std::size_t i = 0; i < symptom_count; ++i) {
        if (!log.symptoms[i]) continue;
        std::string name(symptom_names[i]);
        std::string id = name;
        for (char& ch : id)
            if (ch == '_') ch = '-';
        for (char& ch : name)
            if (ch == '_') ch = ' ';
        json resource = observation(prefix + id, text_concept("Leg " + name + " (0-10)"));
        resource["valueInteger"] = *log.symptoms[i];
        add(std::move(resource));
    }
    if (log.skin_discoloration) {
        json resource = observation(prefix + "skin-discoloration", text_concept("Skin discoloration of the leg observed"));
        resource["valueBoolean"] = *log.skin_discoloration;
        add(std::move(resource));
    }
    if (log.ulcer) {
        json resource = observation(prefix + "ulcer", text_concept("Leg ulcer observed"));
        resource["valueBoolean"] = *log.ulcer;
        add(std::move(resource));
    }
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
