// FHIR export: structure and values as a receiving system reads them. The full schema
// validation runs in tests/cli/test_fhir_validation.py with a real FHIR validator.
#include <legdiary/fhir.hpp>
#include <legdiary/time.hpp>

#include "catch_compat.hpp"

namespace {

using json = nlohmann::ordered_json;

legdiary::CrampEpisode episode(const char* onset, int seconds, legdiary::Leg leg, legdiary::Muscle muscle) {
    legdiary::CrampEpisode e;
    e.id = 7;
    e.onset = legdiary::parse_instant(onset);
    e.duration_s = seconds;
    e.leg = leg;
    e.muscle = muscle;
    return e;
}

const json* find_resource(const json& bundle, const std::string& id) {
    for (const auto& entry : bundle.at("entry"))
        if (entry.at("resource").at("id") == id) return &entry.at("resource");
    return nullptr;
}

const json* find_component(const json& resource, const std::string& text) {
    for (const auto& component : resource.at("component"))
        if (component.at("code").at("text") == text) return &component;
    return nullptr;
}

const legdiary::Instant stamp = legdiary::parse_instant("2026-11-22T08:00:00+01:00");

}  // namespace

TEST_CASE("a cramp becomes an Observation with its period, site, intensity and woke", "[fhir]") {
    auto e = episode("2026-11-22T02:59:30+01:00", 90, legdiary::Leg::left, legdiary::Muscle::calf);
    e.intensity = 7;
    e.woke = true;
    e.notes = "after a long walk";
    const json bundle = legdiary::fhir_bundle({e}, {}, stamp);

    CHECK(bundle.at("resourceType") == "Bundle");
    CHECK(bundle.at("type") == "collection");
    CHECK(bundle.at("timestamp") == "2026-11-22T08:00:00+01:00");
    const json* resource = find_resource(bundle, "cramp-7");
    REQUIRE(resource != nullptr);
    CHECK(resource->at("status") == "final");
    CHECK(resource->at("code").at("coding").at(0).at("code") == "55300003");
    CHECK(resource->at("code").at("coding").at(0).at("system") == "http://snomed.info/sct");
    // The period crosses into the next minute and keeps the recorded offset.
    CHECK(resource->at("effectivePeriod").at("start") == "2026-11-22T02:59:30+01:00");
    CHECK(resource->at("effectivePeriod").at("end") == "2026-11-22T03:01:00+01:00");
    CHECK(resource->at("bodySite").at("coding").at(0).at("code") == "53840002");
    CHECK(find_component(*resource, "Laterality")->at("valueCodeableConcept").at("coding").at(0).at("code") ==
          "7771000");
    const json* intensity = find_component(*resource, "Cramp intensity (0-10)");
    REQUIRE(intensity != nullptr);
    CHECK(intensity->at("code").at("coding").at(0).at("code") == "72514-3");
    CHECK(intensity->at("valueInteger") == 7);
    CHECK(find_component(*resource, "Woke from sleep")->at("valueBoolean") == true);
    CHECK(find_component(*resource, "Cramp duration")->at("valueQuantity").at("value") == 90);
    CHECK(resource->at("note").at(0).at("text") == "after a long walk");
}

TEST_CASE("unknown values are left out, never written as guesses", "[fhir]") {
    const auto e = episode("2026-11-22T02:30:00-05:00", 30, legdiary::Leg::both, legdiary::Muscle::foot);
    const json bundle = legdiary::fhir_bundle({e}, {}, stamp);
    const json* resource = find_resource(bundle, "cramp-7");
    REQUIRE(resource != nullptr);
    CHECK(find_component(*resource, "Cramp intensity (0-10)") == nullptr);
    CHECK(find_component(*resource, "Woke from sleep") == nullptr);
    CHECK_FALSE(resource->contains("note"));
    // No confirmed code for the foot or for "both legs": text alone.
    CHECK_FALSE(resource->at("bodySite").contains("coding"));
    CHECK(resource->at("bodySite").at("text") == "both foot");
    CHECK_FALSE(find_component(*resource, "Laterality")->at("valueCodeableConcept").contains("coding"));
}

TEST_CASE("each recorded day-log measurement becomes its own Observation", "[fhir]") {
    legdiary::DayLog log;
    log.day = legdiary::parse_date("2026-11-20");
    log.compression_hours = 9.5;
    log.compression_class = legdiary::CompressionClass::mmhg_20_30;
    log.compression_length = legdiary::CompressionLength::knee;
    log.swelling_grade = 2;
    log.calf_left_cm = 38.5;
    log.calf_right_cm = 35.25;
    log.symptom(legdiary::Symptom::restless_legs) = 4;
    log.ulcer = false;
    const json bundle = legdiary::fhir_bundle({}, {log}, stamp);

    REQUIRE(bundle.at("entry").size() == 6);
    const json* hours = find_resource(bundle, "day-2026-11-20-compression-hours");
    REQUIRE(hours != nullptr);
    CHECK(hours->at("effectiveDateTime") == "2026-11-20");
    CHECK(hours->at("valueQuantity").at("value") == 9.5);
    CHECK(hours->at("valueQuantity").at("code") == "h");
    CHECK(hours->at("contained").at(0).at("type").at("coding").at(0).at("code") == "348681001");
    CHECK(hours->at("contained").at(0).at("type").at("text") ==
          "Graduated compression hosiery, class 20-30 mmHg, knee length");
    CHECK(hours->at("device").at("reference") == "#hosiery");

    const json* calf = find_resource(bundle, "day-2026-11-20-calf-right");
    REQUIRE(calf != nullptr);
    CHECK(calf->at("code").at("coding").at(0).at("code") == "413171006");
    CHECK(calf->at("valueQuantity").at("value") == 35.25);
    CHECK(calf->at("valueQuantity").at("system") == "http://unitsofmeasure.org");
    CHECK(calf->at("valueQuantity").at("code") == "cm");
    CHECK(find_component(*calf, "Laterality")->at("valueCodeableConcept").at("coding").at(0).at("code") ==
          "24028007");

    CHECK(find_resource(bundle, "day-2026-11-20-swelling-grade")->at("valueInteger") == 2);
    CHECK(find_resource(bundle, "day-2026-11-20-restless-legs")->at("valueInteger") == 4);
    CHECK(find_resource(bundle, "day-2026-11-20-ulcer")->at("valueBoolean") == false);
    CHECK(find_resource(bundle, "day-2026-11-20-ankle-left") == nullptr);
}

TEST_CASE("an empty diary gives a Bundle without entries", "[fhir]") {
    legdiary::Diary diary(":memory:");
    const json bundle = legdiary::fhir_bundle(diary);
    CHECK(bundle.at("type") == "collection");
    CHECK_FALSE(bundle.contains("entry"));  // FHIR JSON allows no empty arrays
}

TEST_CASE("exporting a diary twice gives the same resources with the diary's ids", "[fhir]") {
    legdiary::OpenOptions options;
    options.clock_utc = [] { return legdiary::parse_instant("2026-11-22T12:00:00Z").utc(); };
    legdiary::Diary diary(":memory:", options);
    const auto stored = diary.add_cramp(episode("2026-11-21T23:10:00+01:00", 60, legdiary::Leg::right,
                                                legdiary::Muscle::calf));
    legdiary::DayLog log;
    log.day = legdiary::parse_date("2026-11-21");
    log.swelling_grade = 1;
    diary.put_day(log);

    const json first = legdiary::fhir_bundle(diary);
    CHECK(first == legdiary::fhir_bundle(diary));
    REQUIRE(first.at("entry").size() == 2);
    CHECK(find_resource(first, "cramp-" + std::to_string(stored.id)) != nullptr);
    CHECK(find_resource(first, "day-2026-11-21-swelling-grade") != nullptr);
}
