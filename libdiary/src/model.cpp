#include "legdiary/model.hpp"

#include <array>
#include <type_traits>

#include "legdiary/fields.hpp"
#include "legdiary/numbers.hpp"
#include "legdiary/utf8.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace legdiary {
namespace {


template <typename Enum, std::size_t N>
std::string_view enum_name(Enum value, const std::array<std::string_view, N>& names) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view("invalid");
}


std::string number_text(double value) {
    std::ostringstream out;
    out.precision(15);
    out << value;
    return out.str();
}

}  // namespace

std::string one_of_rule(std::span<const std::string_view> names) {
    std::string text = "must be one of ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) text += ", ";
        text += names[i];
    }
    return text;
}

std::string_view to_string(FieldKind kind) {
    static constexpr std::array<std::string_view, 8> names = {"date", "instant", "integer", "real",
                                                              "enumeration", "boolean", "text", "tag_set"};
    return names.at(static_cast<std::size_t>(kind));
}

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

Leg parse_leg(std::string_view text, std::string_view field) { return parse_enum_value<Leg>(text, field); }
Muscle parse_muscle(std::string_view text, std::string_view field) { return parse_enum_value<Muscle>(text, field); }
CompressionClass parse_compression_class(std::string_view text, std::string_view field) {
    return parse_enum_value<CompressionClass>(text, field);
}
CompressionLength parse_compression_length(std::string_view text, std::string_view field) {
    return parse_enum_value<CompressionLength>(text, field);
}
Symptom parse_symptom(std::string_view text, std::string_view field) {
    for (std::size_t i = 0; i < symptom_count; ++i)
        if (symptom_names[i] == text) return static_cast<Symptom>(i);
    throw ValidationError(std::string(field), std::string(text), one_of_rule(symptom_names));
}

bool CrampEpisode::same_entry(const CrampEpisode& other) const {
    bool same = true;
    for_each_field<CrampEpisode>([&](const auto& field) {
        const auto& mine = field.get(*this);
        const auto& theirs = field.get(other);
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(mine)>, Instant>) same = same && mine.utc() == theirs.utc();
        else same = same && mine == theirs;
    });
    return same;
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

namespace {

void add(std::vector<Problem>& out, std::string_view field, std::string value, std::string rule) {
    out.push_back({std::string(field), std::move(value), std::move(rule), std::nullopt, std::nullopt});
}

// The problems of one present value of a field, by the field's kind.
template <typename T>
void check_value(std::vector<Problem>& out, const FieldInfo& field, const T& value) {
    if constexpr (std::is_same_v<T, Date>) {
        if (value.is_special() || value.year() < limits::min_year || value.year() > limits::max_year)
            add(out, field.name, to_string(value), "must be a date in the years 1900..9999");
    } else if constexpr (std::is_same_v<T, Instant>) {
        if (auto problem = check_instant(field.name, value)) out.push_back(std::move(*problem));
    } else if constexpr (std::is_same_v<T, bool>) {
        // both values are valid
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (auto problem = check_text(field.name, value, field.max_chars)) out.push_back(std::move(*problem));
    } else if constexpr (std::is_same_v<T, std::set<std::string>>) {
        for (const auto& tag : value)
            if (auto problem = check_tag(tag, field.name)) out.push_back(std::move(*problem));
    } else if constexpr (std::is_enum_v<T>) {
        const auto index = static_cast<std::size_t>(value);
        if (index >= field.value_names.size()) add(out, field.name, std::to_string(index), one_of_rule(field.value_names));
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!(value >= field.low && value <= field.high))  // written so that NaN fails too
            add(out, field.name, number_text(value), bounds_rule(field));
    } else {
        static_assert(std::is_integral_v<T>);
        if (value < field.low || value > field.high) add(out, field.name, std::to_string(value), bounds_rule(field));
    }
}

// Every field's own rules, in table order; `after(name)` adds the rules that join fields,
// right after the field they are reported on.
template <typename Entry, typename After>
std::vector<Problem> check_fields(const Entry& entry, After&& after) {
    std::vector<Problem> out;
    for_each_field<Entry>([&](const auto& field) {
        const auto& value = field.get(entry);
        if constexpr (is_optional_field<decltype(value)>) {
            if (value) check_value(out, field.info, *value);
        } else {
            check_value(out, field.info, value);
        }
        after(field.info.name, out);
    });
    return out;
}

}  // namespace

std::vector<Problem> check(const CrampEpisode& episode, const DateTime& now_utc) {
    return check_fields(episode, [&](std::string_view name, std::vector<Problem>& out) {
        if (name != "onset" || check_instant("onset", episode.onset) || now_utc.is_special()) return;
        if (episode.onset.utc() > now_utc + boost::posix_time::seconds(limits::future_tolerance_s))
            add(out, "onset", to_string(episode.onset),
                "must not be more than 5 minutes in the future (now is " + to_string(Instant{now_utc, 0}) + ")");
    });
}

std::vector<Problem> check(const NightRecord& record) {
    return check_fields(record, [&](std::string_view name, std::vector<Problem>& out) {
        // The order of the two times is only meaningful when both are valid instants.
        if (name != "waketime" || !record.bedtime || !record.waketime) return;
        if (check_instant("bedtime", *record.bedtime) || check_instant("waketime", *record.waketime)) return;
        if (!(record.waketime->utc() > record.bedtime->utc()))
            add(out, "waketime", to_string(*record.waketime), "must be after bedtime " + to_string(*record.bedtime));
    });
}

std::vector<Problem> check(const DayLog& log) {
    return check_fields(log, [](std::string_view, std::vector<Problem>&) {});
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
// Every value `changes` sets, over `stored`; tags are added; the key is `changes'`.
template <typename Entry>
Entry merged_fields(const Entry& stored, const Entry& changes) {
    Entry result = stored;
    for_each_field<Entry>([&](const auto& field) {
        auto& target = field.get(result);
        const auto& given = field.get(changes);
        using Member = std::remove_cvref_t<decltype(given)>;
        if constexpr (is_optional_field<Member>) {
            if (given) target = given;
        } else if constexpr (std::is_same_v<Member, std::set<std::string>>) {
            target.insert(given.begin(), given.end());
        } else {
            target = given;
        }
    });
    return result;
}
}  // namespace

NightRecord merged(const NightRecord& stored, const NightRecord& changes) { return merged_fields(stored, changes); }
DayLog merged(const DayLog& stored, const DayLog& changes) { return merged_fields(stored, changes); }

bool is_unusually_long(const CrampEpisode& episode) { return episode.duration_s > limits::plausible_duration_s; }

}  // namespace legdiary
