#include "legdiary/model.hpp"

#include "legdiary/utf8.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace legdiary {
namespace {

template <std::size_t N>
std::string one_of(const std::array<std::string_view, N>& names) {
    std::string text = "must be one of ";
    for (std::size_t i = 0; i < N; ++i) {
        if (i) text += ", ";
        text += names[i];
    }
    return text;
}

template <typename Enum, std::size_t N>
Enum parse_enum(std::string_view text, std::string_view field, const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<Enum>(i);
    throw ValidationError(std::string(field), std::string(text), one_of(names));
}

template <typename Enum, std::size_t N>
std::string_view enum_name(Enum value, const std::array<std::string_view, N>& names) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view("invalid");
}

template <typename Enum, std::size_t N>
void check_enum(std::vector<Problem>& out, std::string_view field, Enum value,
                const std::array<std::string_view, N>& names) {
    const auto index = static_cast<std::size_t>(value);
    if (index >= N)
        out.push_back({std::string(field), std::to_string(index), one_of(names), std::nullopt, std::nullopt});
}

std::string number_text(double value) {
    std::ostringstream out;
    out.precision(15);
    out << value;
    return out.str();
}

void check_int(std::vector<Problem>& out, std::string_view field, const std::optional<int>& value, int low,
               int high, std::string_view unit = "") {
    if (value && (*value < low || *value > high)) {
        std::string rule = "must be " + std::to_string(low) + ".." + std::to_string(high);
        if (!unit.empty()) rule += " " + std::string(unit);
        out.push_back({std::string(field), std::to_string(*value), rule, std::nullopt, std::nullopt});
    }
}

void check_real(std::vector<Problem>& out, std::string_view field, const std::optional<double>& value,
                double low, double high, std::string_view unit) {
    // Written so that NaN fails too.
    if (value && !(*value >= low && *value <= high)) {
        out.push_back({std::string(field), number_text(*value),
                       "must be a number in " + number_text(low) + ".." + number_text(high) + " " + std::string(unit),
                       std::nullopt, std::nullopt});
    }
}

void check_notes(std::vector<Problem>& out, const std::optional<std::string>& notes) {
    if (notes)
        if (auto problem = check_text("notes", *notes, limits::max_notes_chars)) out.push_back(std::move(*problem));
}

void check_date(std::vector<Problem>& out, std::string_view field, const Date& date) {
    if (date.is_special() || date.year() < limits::min_year || date.year() > limits::max_year)
        out.push_back({std::string(field), to_string(date),
                       "must be a date in the years 1900..9999", std::nullopt, std::nullopt});
}

}  // namespace

std::string to_string(const Date& date) {
    if (date.is_special()) return {};
    const auto ymd = date.year_month_day();
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                  static_cast<int>(ymd.day));
    return buffer;
}

std::string to_string(const Instant& instant) {
    if (instant.local.is_special()) return {};
    const auto ymd = instant.local.date().year_month_day();
    const auto clock = instant.local.time_of_day();
    const int offset = std::abs(instant.offset_minutes);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(ymd.year),
                  static_cast<int>(ymd.month), static_cast<int>(ymd.day), static_cast<int>(clock.hours()),
                  static_cast<int>(clock.minutes()), static_cast<int>(clock.seconds()),
                  instant.offset_minutes < 0 ? '-' : '+', (offset / 60) % 100, offset % 60);
    return buffer;
}


std::string_view to_string(Leg value) { return enum_name(value, leg_names); }
std::string_view to_string(Muscle value) { return enum_name(value, muscle_names); }
std::string_view to_string(CompressionClass value) { return enum_name(value, compression_class_names); }
std::string_view to_string(CompressionLength value) { return enum_name(value, compression_length_names); }
std::string_view to_string(Symptom value) { return enum_name(value, symptom_names); }

Leg parse_leg(std::string_view text, std::string_view field) { return parse_enum<Leg>(text, field, leg_names); }
Muscle parse_muscle(std::string_view text, std::string_view field) {
    return parse_enum<Muscle>(text, field, muscle_names);
}
CompressionClass parse_compression_class(std::string_view text, std::string_view field) {
    return parse_enum<CompressionClass>(text, field, compression_class_names);
}
CompressionLength parse_compression_length(std::string_view text, std::string_view field) {
    return parse_enum<CompressionLength>(text, field, compression_length_names);
}
Symptom parse_symptom(std::string_view text, std::string_view field) {
    return parse_enum<Symptom>(text, field, symptom_names);
}

bool CrampEpisode::same_entry(const CrampEpisode& other) const {
    return onset.utc() == other.onset.utc() && duration_s == other.duration_s && leg == other.leg &&
           muscle == other.muscle && intensity == other.intensity && woke == other.woke && notes == other.notes;
}

std::optional<Problem> check_text(std::string_view field, std::string_view text, std::size_t max_chars) {
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '\0')
            return Problem{std::string(field), "(text with a NUL byte)", "must not contain NUL bytes", std::nullopt,
                           std::nullopt};
        const auto decoded = utf8::decode(text.substr(i));
        if (!decoded)
            return Problem{std::string(field), "(invalid UTF-8 at byte " + std::to_string(i) + ")",
                           "must be valid UTF-8 text", std::nullopt, std::nullopt};
        i += decoded->length;
        ++code_points;
    }
    if (code_points > max_chars)
        return Problem{std::string(field), "(" + std::to_string(code_points) + " characters)",
                       "must be at most " + std::to_string(max_chars) + " characters", std::nullopt, std::nullopt};
    return std::nullopt;
}

std::optional<Problem> check_tag(std::string_view tag, std::string_view field) {
    bool valid = !tag.empty() && tag.size() <= limits::max_tag_chars;
    for (char c : tag)
        valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    if (valid) return std::nullopt;
    return Problem{std::string(field), std::string(tag), "each tag must be 1..40 characters of a-z, 0-9, _ and -",
                   std::nullopt, std::nullopt};
}

std::optional<Problem> check_instant(std::string_view field, const Instant& instant) {
    if (instant.local.is_special() || instant.local.date().year() < limits::min_year ||
        instant.local.date().year() > limits::max_year)
        return Problem{std::string(field), to_string(instant), "must be a date-time in the years 1900..9999",
                       std::nullopt, std::nullopt};
    if (instant.local.time_of_day().fractional_seconds() != 0)
        return Problem{std::string(field), to_string(instant), "must be in whole seconds", std::nullopt,
                       std::nullopt};
    if (instant.offset_minutes < limits::min_offset_minutes || instant.offset_minutes > limits::max_offset_minutes)
        return Problem{std::string(field), to_string(instant), "UTC offset must be in -12:00..+14:00",
                       std::nullopt, std::nullopt};
    return std::nullopt;
}

std::vector<Problem> check(const CrampEpisode& episode, const DateTime& now_utc) {
    std::vector<Problem> out;
    if (auto problem = check_instant("onset", episode.onset)) {
        out.push_back(std::move(*problem));
    } else if (!now_utc.is_special() &&
               episode.onset.utc() > now_utc + boost::posix_time::seconds(limits::future_tolerance_s)) {
        out.push_back({"onset", to_string(episode.onset),
                       "must not be more than 5 minutes in the future (now is " +
                           to_string(Instant{now_utc, 0}) + ")",
                       std::nullopt, std::nullopt});
    }
    if (episode.duration_s < limits::min_duration_s || episode.duration_s > limits::max_duration_s)
        out.push_back({"duration_s", std::to_string(episode.duration_s), "must be 1..3600 seconds", std::nullopt,
                       std::nullopt});
    check_enum(out, "leg", episode.leg, leg_names);
    check_enum(out, "muscle", episode.muscle, muscle_names);
    check_int(out, "intensity", episode.intensity, 0, limits::max_scale);
    check_notes(out, episode.notes);
    return out;
}

std::vector<Problem> check(const NightRecord& record) {
    std::vector<Problem> out;
    check_date(out, "night", record.night);
    // The order of the two times is only meaningful when both are valid instants; a bad
    // night date must not hide it.
    bool times_valid = true;
    if (record.bedtime)
        if (auto problem = check_instant("bedtime", *record.bedtime)) {
            out.push_back(std::move(*problem));
            times_valid = false;
        }
    if (record.waketime)
        if (auto problem = check_instant("waketime", *record.waketime)) {
            out.push_back(std::move(*problem));
            times_valid = false;
        }
    if (record.bedtime && record.waketime && times_valid && !(record.waketime->utc() > record.bedtime->utc()))
        out.push_back({"waketime", to_string(*record.waketime),
                       "must be after bedtime " + to_string(*record.bedtime), std::nullopt, std::nullopt});
    check_int(out, "sleep_quality", record.sleep_quality, 0, limits::max_scale);
    check_notes(out, record.notes);
    return out;
}

std::vector<Problem> check(const DayLog& log) {
    std::vector<Problem> out;
    check_date(out, "day", log.day);
    check_real(out, "compression_hours", log.compression_hours, 0, 24, "hours");
    if (log.compression_class) check_enum(out, "compression_class", *log.compression_class, compression_class_names);
    if (log.compression_length)
        check_enum(out, "compression_length", *log.compression_length, compression_length_names);
    check_int(out, "swelling_grade", log.swelling_grade, 0, limits::max_swelling_grade);
    check_real(out, "ankle_left_cm", log.ankle_left_cm, limits::min_circumference_cm, limits::max_circumference_cm, "cm");
    check_real(out, "ankle_right_cm", log.ankle_right_cm, limits::min_circumference_cm, limits::max_circumference_cm, "cm");
    check_real(out, "calf_left_cm", log.calf_left_cm, limits::min_circumference_cm, limits::max_circumference_cm, "cm");
    check_real(out, "calf_right_cm", log.calf_right_cm, limits::min_circumference_cm, limits::max_circumference_cm, "cm");
    check_real(out, "standing_hours", log.standing_hours, 0, 24, "hours");
    check_real(out, "water_l", log.water_l, 0, limits::max_water_l, "litres");
    check_int(out, "exercise_min", log.exercise_min, 0, limits::max_minutes_per_day, "minutes");
    check_int(out, "elevation_min", log.elevation_min, 0, limits::max_minutes_per_day, "minutes");
    for (std::size_t i = 0; i < symptom_count; ++i) check_int(out, symptom_names[i], log.symptoms[i], 0, limits::max_scale);
    for (const auto& tag : log.tags)
        if (auto problem = check_tag(tag)) out.push_back(std::move(*problem));
    check_notes(out, log.notes);
    return out;
}

void validate(const CrampEpisode& episode, const DateTime& now_utc) {
    if (auto problems = check(episode, now_utc); !problems.empty()) throw ValidationError(std::move(problems));
}
void validate(const NightRecord& record) {
    if (auto problems = check(record); !problems.empty()) throw ValidationError(std::move(problems));
}
void validate(const DayLog& log) {
    if (auto problems = check(log); !problems.empty()) throw ValidationError(std::move(problems));
}

namespace {
template <typename T>
void take(std::optional<T>& stored, const std::optional<T>& given) {
    if (given) stored = given;
}
}  // namespace

NightRecord merged(const NightRecord& stored, const NightRecord& changes) {
    NightRecord result = stored;
    result.night = changes.night;
    take(result.bedtime, changes.bedtime);
    take(result.waketime, changes.waketime);
    take(result.sleep_quality, changes.sleep_quality);
    take(result.notes, changes.notes);
    return result;
}

DayLog merged(const DayLog& stored, const DayLog& changes) {
    DayLog result = stored;
    result.day = changes.day;
    take(result.compression_hours, changes.compression_hours);
    take(result.compression_class, changes.compression_class);
    take(result.compression_length, changes.compression_length);
    take(result.swelling_grade, changes.swelling_grade);
    take(result.ankle_left_cm, changes.ankle_left_cm);
    take(result.ankle_right_cm, changes.ankle_right_cm);
    take(result.calf_left_cm, changes.calf_left_cm);
    take(result.calf_right_cm, changes.calf_right_cm);
    take(result.standing_hours, changes.standing_hours);
    take(result.water_l, changes.water_l);
    take(result.exercise_min, changes.exercise_min);
    take(result.elevation_min, changes.elevation_min);
    for (std::size_t i = 0; i < symptom_count; ++i) take(result.symptoms[i], changes.symptoms[i]);
    take(result.skin_discoloration, changes.skin_discoloration);
    take(result.ulcer, changes.ulcer);
    result.tags.insert(changes.tags.begin(), changes.tags.end());
    take(result.notes, changes.notes);
    return result;
}

bool is_unusually_long(const CrampEpisode& episode) { return episode.duration_s > limits::plausible_duration_s; }

}  // namespace legdiary
