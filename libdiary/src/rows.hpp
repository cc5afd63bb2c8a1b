// Row mapping of the store: how each field of the field table (fields.hpp) is bound into an
// SQL statement and read back, into an entry or into a column of a columnar table. Every
// SQL column list of an entry is made here from the table, never written out by hand (the
// frozen schema's DDL in schema.cpp is held against the table by a test).
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "legdiary/error.hpp"
#include "legdiary/fields.hpp"
#include "legdiary/tables.hpp"
#include "legdiary/time.hpp"

namespace legdiary::detail {

// Whether a field of `Entry` (`F` = decltype(field)) is a column of the entry's own table:
// every field but the tag set, which has a table of its own.
template <typename Entry, typename F>
inline constexpr bool is_row_column =
    !std::is_same_v<std::remove_cvref_t<decltype(std::declval<const F&>().get(std::declval<Entry&>()))>,
                    std::set<std::string>>;

// Which of an entry's fields a columnar read fills, by their place in the field table: all
// (an empty mask), or those marked. Fields holding a date (the table's key) are always read.
using FieldMask = std::vector<bool>;

// The mask of the fields named in `names` (every field when `names` is empty);
// ValidationError naming `what` for a name that is not a field of the entry.
template <typename Entry>
FieldMask field_mask(std::span<const std::string> names, std::string_view what) {
    if (names.empty()) return {};
    FieldMask mask;
    for_each_field<Entry>([&](const auto& field) {
        using Member = std::remove_cvref_t<decltype(field.get(std::declval<Entry&>()))>;
        mask.push_back(std::is_same_v<field_value_t<Member>, Date> ||
                       std::find(names.begin(), names.end(), field.info.name) != names.end());
    });
    for (const auto& name : names) {
        bool known = false;
        for_each_field<Entry>([&](const auto& field) { known = known || field.info.name == name; });
        if (!known) throw ValidationError(std::string(what), name, "is not a field of this entry (fields.hpp)");
    }
    return mask;
}

// The entry's stored columns, in table order, as "a, b, c"; `skip` names one left out.
// With a Table, only the fields that have a column in it (tables.hpp), and of those only
// the ones `mask` marks.
template <typename Entry, typename Table = void>
std::string column_list(std::string_view skip = {}, const FieldMask& mask = {}) {
    std::string list;
    std::size_t place = 0;
    for_each_field<Entry>([&](const auto& field) {
        const bool wanted = mask.empty() || mask[place++];
        if constexpr (!is_row_column<Entry, decltype(field)>) return;
        if (field.info.name == skip || !wanted) return;
        if constexpr (!std::is_void_v<Table>)
            if constexpr (!has_column_in<Table, decltype(field)>) return;
        if (!list.empty()) list += ", ";
        list += field.info.name;
    });
    return list;
}

// "?, ?, ?" for `count` parameters.
inline std::string placeholders(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) text += i ? ", ?" : "?";
    return text;
}

// The number of stored columns of the entry (without `skip`).
template <typename Entry>
std::size_t column_count(std::string_view skip = {}) {
    std::size_t count = 0;
    for_each_field<Entry>([&](const auto& field) { count += is_row_column<Entry, decltype(field)> && field.info.name != skip; });
    return count;
}

template <typename T>
void bind_value(SQLite::Statement& statement, int index, const T& value) {
    if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Instant>) statement.bind(index, to_string(value));
    else if constexpr (std::is_enum_v<T>) statement.bind(index, std::string(to_string(value)));
    else if constexpr (std::is_same_v<T, bool>) statement.bind(index, value ? 1 : 0);
    else statement.bind(index, value);
}

// Binds the entry's stored columns in column_list order from parameter `index` on;
// returns the next free parameter.
template <typename Entry>
int bind_fields(SQLite::Statement& statement, int index, const Entry& entry, std::string_view skip = {}) {
    for_each_field<Entry>([&](const auto& field) {
        const auto& value = field.get(entry);
        if constexpr (is_row_column<Entry, decltype(field)>) {
            if (field.info.name == skip) return;
            if constexpr (is_optional_field<decltype(value)>) {
                if (value) bind_value(statement, index, *value);
                else statement.bind(index);
            } else {
                bind_value(statement, index, value);
            }
            ++index;
        }
    });
    return index;
}

template <typename T>
T read_value(const SQLite::Column& column, std::string_view name) {
    if constexpr (std::is_same_v<T, Date>) return parse_date(column.getString(), name);
    else if constexpr (std::is_same_v<T, Instant>) return parse_instant(column.getString(), name);
    else if constexpr (std::is_enum_v<T>) return parse_enum_value<T>(column.getText(), name);
    else if constexpr (std::is_same_v<T, bool>) return column.getInt() != 0;
    else if constexpr (std::is_floating_point_v<T>) return column.getDouble();
    else if constexpr (std::is_same_v<T, std::string>) return column.getString();
    else return static_cast<T>(column.getInt64());
}

// Reads the entry's stored columns, in column_list order from result column `index` on.
template <typename Entry>
void read_fields(SQLite::Statement& row, int index, Entry& entry) {
    for_each_field<Entry>([&](const auto& field) {
        auto& target = field.get(entry);
        using Member = std::remove_cvref_t<decltype(target)>;
        if constexpr (is_row_column<Entry, decltype(field)>) {
            const SQLite::Column column = row.getColumn(index++);
            if constexpr (is_optional_field<Member>) {
                if (column.isNull()) target.reset();
                else target = read_value<field_value_t<Member>>(column, field.info.name);
            } else {
                target = read_value<Member>(column, field.info.name);
            }
        }
    });
}

// "YYYY-MM-DD" of a stored column as a day number; the schema guarantees the form.
inline DayNumber stored_day(const SQLite::Column& column) {
    const char* t = column.getText();
    const auto num = [&](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i) value = value * 10 + (t[i] - '0');
        return value;
    };
    return day_number(Date(static_cast<unsigned short>(num(0, 4)), static_cast<unsigned short>(num(5, 2)),
                           static_cast<unsigned short>(num(8, 2))));
}

inline std::int8_t name_index(const char* text, std::span<const std::string_view> names) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return static_cast<std::int8_t>(i);
    return no_small;
}

// Appends one row's stored columns to the columns of `table` that the entry's fields have
// and `mask` marks (column_list<Entry, Table> order, with the same mask, from result column
// `index` on); the columns left out stay as they are. Values are read in place, never
// copied into a std::string; "no value" is NaN or −1 (tables.hpp).
template <typename Entry, typename Table>
void push_columns(SQLite::Statement& row, int index, Table& table, const FieldMask& mask = {}) {
    std::size_t place = 0;
    for_each_field<Entry>([&](const auto& field) {
        const bool wanted = mask.empty() || mask[place++];
        if constexpr (has_column_in<Table, decltype(field)>) {
            if (!wanted) return;
            auto& column = field.get(table);
            using Cell = typename std::remove_cvref_t<decltype(column)>::value_type;
            using Member = std::remove_cvref_t<decltype(field.get(std::declval<Entry&>()))>;
            using Value = field_value_t<Member>;
            const SQLite::Column cell = row.getColumn(index++);
            if constexpr (std::is_same_v<Value, Date>) {
                column.push_back(stored_day(cell));
            } else if (cell.isNull()) {
                if constexpr (std::is_floating_point_v<Cell>) column.push_back(no_real);
                else column.push_back(static_cast<Cell>(no_small));
            } else if constexpr (std::is_enum_v<Value>) {
                column.push_back(name_index(cell.getText(), field.info.value_names));
            } else if constexpr (std::is_floating_point_v<Cell>) {
                column.push_back(cell.getDouble());
            } else {
                column.push_back(static_cast<Cell>(cell.getInt()));
            }
        }
    });
}

}  // namespace legdiary::detail
