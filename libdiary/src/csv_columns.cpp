// The columns of each kind of CSV file: one per field of the field table (fields.hpp),
// read and written by the field's kind.
#include <charconv>
#include <climits>
#include <cmath>
#include <set>
#include <type_traits>

#include "csv_detail.hpp"
#include "legdiary/fields.hpp"
#include "legdiary/numbers.hpp"
#include "legdiary/time.hpp"
#include "legdiary/trial.hpp"

namespace legdiary::detail {
namespace {

[[noreturn]] void refuse(const std::string& column, const std::string& text, std::string rule) {
    throw ParseError(column, excerpt(text), std::move(rule));
}

bool read_bool(const std::string& column, const std::string& text) {
    if (text == "true") return true;
    if (text == "false") return false;
    refuse(column, text, "must be true or false");
}

std::string real_text(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest that reads back the same
    return std::string(buffer, result.ptr);
}

// Numbers are read by the library's one number reader, within the field's bounds, so a
// file's bad number is refused in the same words as the command line's.
template <typename T>
T read_cell(const FieldInfo& field, const std::string& text) {
    const std::string_view name = field.name;
    if constexpr (std::is_same_v<T, Date>) return parse_date(text, name);
    else if constexpr (std::is_same_v<T, Instant>) return parse_instant(text, name);
    else if constexpr (std::is_enum_v<T>) return parse_enum_value<T>(text, name);
    else if constexpr (std::is_same_v<T, bool>) return read_bool(std::string(name), text);
    else if constexpr (std::is_floating_point_v<T>) return parse_real(text, field);
    else if constexpr (std::is_same_v<T, std::string>) return text;
    else return static_cast<T>(parse_small_whole(text, field));
}

template <typename T>
std::string cell_text(const T& value) {
    if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Instant>) return to_string(value);
    else if constexpr (std::is_enum_v<T>) return std::string(to_string(value));
    else if constexpr (std::is_same_v<T, bool>) return value ? "true" : "false";
    else if constexpr (std::is_floating_point_v<T>) return real_text(value);
    else if constexpr (std::is_same_v<T, std::string>) return value;
    else return std::to_string(value);
}

// Tags are one cell, `;`-separated and sorted.
void read_tags(std::set<std::string>& tags, const std::string& text) {
    std::vector<Problem> problems;
    for (std::size_t start = 0;;) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        std::string tag = text.substr(start, end - start);
        if (auto problem = check_tag(tag)) problems.push_back(std::move(*problem));
        tags.insert(std::move(tag));
        if (end == text.size()) break;
        start = end + 1;
    }
    if (!problems.empty()) throw ValidationError(std::move(problems));
}

std::optional<std::string> tags_text(const std::set<std::string>& tags) {
    if (tags.empty()) return std::nullopt;
    std::string text;
    for (const auto& tag : tags) {  // a std::set: sorted
        if (!text.empty()) text += ';';
        text += tag;
    }
    return text;
}

template <typename Row, typename F>
CsvColumn<Row> column_of(const F& field) {
    using Member = std::remove_cvref_t<decltype(field.get(std::declval<Row&>()))>;
    const auto get = field.get;
    const FieldInfo info = field.info;
    CsvColumn<Row> column{info.name, {}, {}, info.required, info.kind == FieldKind::text};
    if constexpr (std::is_same_v<Member, std::set<std::string>>) {
        column.read = [get](Row& row, const std::string& text) { read_tags(get(row), text); };
        column.write = [get](const Row& row) { return tags_text(get(row)); };
    } else {
        using Value = field_value_t<Member>;
        column.read = [get, info](Row& row, const std::string& text) { get(row) = read_cell<Value>(info, text); };
        column.write = [get](const Row& row) -> std::optional<std::string> {
            const auto& value = get(row);
            if constexpr (is_optional_field<Member>) {
                if (!value) return std::nullopt;
                return cell_text(*value);
            } else {
                return cell_text(value);
            }
        };
    }
    return column;
}

template <typename Row>
std::vector<CsvColumn<Row>> columns_of() {
    std::vector<CsvColumn<Row>> columns;
    for_each_field<Row>([&](const auto& field) { columns.push_back(column_of<Row>(field)); });
    return columns;
}

// --- the trials file: its columns are the plan's fields (TrialPlan), not the field table's.

using TrialColumn = CsvColumn<StoredTrial>;

// A whole-number column of the plan, read within its bounds; the plan's own check adds
// the rules between fields (washout_nights < period_nights).
TrialColumn trial_int_column(std::string_view name, int TrialPlan::*member, int low, int high, std::string_view unit) {
    return {name,
            [name, member, low, high, unit](StoredTrial& row, const std::string& text) {
                row.plan.*member = parse_small_whole(text, name, low, high, unit);
            },
            [member](const StoredTrial& row) -> std::optional<std::string> { return std::to_string(row.plan.*member); },
            false, false};  // left out or empty: the plan's default (trial_limits)
}

TrialColumn trial_text_column(std::string_view name, std::optional<std::string> TrialPlan::*member) {
    return {name, [member](StoredTrial& row, const std::string& text) { row.plan.*member = text; },
            [member](const StoredTrial& row) { return row.plan.*member; }, false, true};
}

std::uint64_t read_seed(const std::string& text) {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (error != std::errc() || end != text.data() + text.size())
        refuse("seed", text, "must be an unsigned 64-bit whole number in decimal digits (0 … 18446744073709551615)");
    return seed;
}

// `created`: an ISO 8601 instant with its offset, kept in UTC (to the second: fractions
// are dropped, as for every instant of the diary).
DateTime read_created(const std::string& text) { return parse_instant(text, "created").utc(); }

std::vector<TrialColumn> make_trial_columns() {
    namespace lim = trial_limits;
    std::vector<TrialColumn> columns;
    columns.push_back({"trial",
                       [](StoredTrial& row, const std::string& text) { row.id = parse_whole(text, "trial", 1); },
                       [](const StoredTrial& row) -> std::optional<std::string> { return std::to_string(row.id); },
                       true, false});
    columns.push_back({"exposure", [](StoredTrial& row, const std::string& text) { row.plan.exposure = text; },
                       [](const StoredTrial& row) -> std::optional<std::string> { return row.plan.exposure; }, true,
                       false});
    columns.push_back({"start", [](StoredTrial& row, const std::string& text) { row.plan.start = parse_date(text, "start"); },
                       [](const StoredTrial& row) -> std::optional<std::string> { return to_string(row.plan.start); },
                       true, false});
    columns.push_back(trial_int_column("run_in_nights", &TrialPlan::run_in_nights, lim::min_run_in_nights,
                                       lim::max_run_in_nights, "nights"));
    columns.push_back(trial_int_column("blocks", &TrialPlan::blocks, lim::min_blocks, lim::max_blocks, ""));
    columns.push_back(trial_int_column("period_nights", &TrialPlan::period_nights, lim::min_period_nights,
                                       lim::max_period_nights, "nights"));
    columns.push_back(trial_int_column("washout_nights", &TrialPlan::washout_nights, 0, lim::max_period_nights - 1,
                                       "nights"));
    columns.push_back({"seed", [](StoredTrial& row, const std::string& text) { row.plan.seed = read_seed(text); },
                       [](const StoredTrial& row) -> std::optional<std::string> { return std::to_string(row.plan.seed); },
                       true, false});
    columns.push_back(trial_text_column("name", &TrialPlan::name));
    columns.push_back(trial_text_column("hypothesis", &TrialPlan::hypothesis));
    columns.push_back({"created", [](StoredTrial& row, const std::string& text) { row.plan.created = read_created(text); },
                       [](const StoredTrial& row) -> std::optional<std::string> {
                           if (row.plan.created.is_special()) return std::nullopt;
                           return trial_created_text(row.plan.created);
                       },
                       false, false});
    columns.push_back({"stopped",
                       [](StoredTrial& row, const std::string& text) { row.plan.stopped = parse_date(text, "stopped"); },
                       [](const StoredTrial& row) -> std::optional<std::string> {
                           if (!row.plan.stopped) return std::nullopt;
                           return to_string(*row.plan.stopped);
                       },
                       false, false});
    columns.push_back(trial_text_column("stop_reason", &TrialPlan::stop_reason));
    return columns;
}

}  // namespace

const std::vector<CsvColumn<StoredTrial>>& trial_csv_columns() {
    static const auto columns = make_trial_columns();
    return columns;
}

const std::vector<CsvColumn<CrampEpisode>>& cramp_csv_columns() {
    static const auto columns = columns_of<CrampEpisode>();
    return columns;
}
const std::vector<CsvColumn<NightRecord>>& night_csv_columns() {
    static const auto columns = columns_of<NightRecord>();
    return columns;
}
const std::vector<CsvColumn<DayLog>>& day_csv_columns() {
    static const auto columns = columns_of<DayLog>();
    return columns;
}

}  // namespace legdiary::detail

namespace legdiary {

std::string_view to_string(CsvKind kind) {
    switch (kind) {
        case CsvKind::cramps: return "cramps";
        case CsvKind::nights: return "nights";
        case CsvKind::days: return "days";
        case CsvKind::trials: return "trials";
    }
    return "invalid";
}

const std::vector<std::string_view>& csv_columns(CsvKind kind) {
    static const std::vector<std::string_view> cramps = detail::names_of(detail::cramp_csv_columns());
    static const std::vector<std::string_view> nights = detail::names_of(detail::night_csv_columns());
    static const std::vector<std::string_view> days = detail::names_of(detail::day_csv_columns());
    static const std::vector<std::string_view> trials = detail::names_of(detail::trial_csv_columns());
    switch (kind) {
        case CsvKind::nights: return nights;
        case CsvKind::days: return days;
        case CsvKind::trials: return trials;
        case CsvKind::cramps: break;
    }
    return cramps;
}

}  // namespace legdiary
