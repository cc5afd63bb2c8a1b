/// @file fhir.hpp
/// FHIR R4 export: a `Bundle` of type `collection` holding one `Observation` per cramp
/// episode and one per recorded day-log measurement. Codes come from one table
/// (`fhir_codes`), each with its public source in docs/fhir.md; where no code is
/// confirmed, `code.text` stands alone — never a guessed code.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "legdiary/diary.hpp"
#include "legdiary/model.hpp"

namespace legdiary {

/// One code of a public code system, as FHIR writes it in a `Coding`.
struct FhirCode {
    std::string_view system;   ///< code system URI, e.g. http://snomed.info/sct
    std::string_view code;     ///< the code
    std::string_view display;  ///< its display name
};

/// Every code legdiary writes. docs/fhir.md gives the public source of each.
namespace fhir_codes {
inline constexpr FhirCode cramp{"http://snomed.info/sct", "55300003", "Cramp"};
inline constexpr FhirCode pain_score{"http://loinc.org", "72514-3",
                                     "Pain severity - 0-10 verbal numeric rating [Score] - Reported"};
inline constexpr FhirCode lower_limb_circumference{"http://snomed.info/sct", "413171006",
                                                   "Circumference of lower limb"};
inline constexpr FhirCode compression_hosiery{"http://snomed.info/sct", "348681001", "Graduated compression hosiery"};
inline constexpr FhirCode calf{"http://snomed.info/sct", "53840002", "Calf of leg"};
inline constexpr FhirCode left{"http://snomed.info/sct", "7771000", "Left"};
inline constexpr FhirCode right{"http://snomed.info/sct", "24028007", "Right"};
}  // namespace fhir_codes

/// The Bundle for the given entries; `timestamp` is the Bundle's `timestamp`. Resource ids
/// come from the diary's own keys (`cramp-12`, `day-2026-11-20-calf-left`), so exporting
/// the same diary twice gives the same resources.
nlohmann::ordered_json fhir_bundle(const std::vector<CrampEpisode>& cramps, const std::vector<DayLog>& days,
                           const Instant& timestamp);

/// The Bundle of every cramp episode and day log in the diary, stamped with the diary's clock.
nlohmann::ordered_json fhir_bundle(const Diary& diary);

}  // namespace legdiary
