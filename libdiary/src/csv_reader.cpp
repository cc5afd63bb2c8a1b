// Reading RFC 4180 records from a stream, one at a time.
#include "csv_detail.hpp"
#include "legdiary/utf8.hpp"

#include <string>

namespace legdiary {

namespace detail {

std::string excerpt(const std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    return std::string(utf8::cut_to_bytes(text, max_bytes)) + "...";
}


}  // namespace detail

namespace {
constexpr int end_of_input = std::char_traits<char>::eof();
}  // namespace

CsvReader::CsvReader(std::istream& in) : in_(in) {}

void CsvReader::set_column_names(std::vector<std::string> names) { column_names_ = std::move(names); }

int CsvReader::get() {
    std::streambuf* buffer = in_.rdbuf();
    return buffer ? buffer->sbumpc() : end_of_input;
}

void CsvReader::fail(std::size_t field_index, const std::string& text, const std::string& rule,
                     std::int64_t line) const {
    std::string column = field_index < column_names_.size() ? column_names_[field_index]
                                                            : "column " + std::to_string(field_index + 1);
    throw ParseError(std::vector<Problem>{Problem{std::move(column), detail::excerpt(text), rule, line, std::nullopt}});
}

bool CsvReader::next(CsvRecord& record) {
    std::streambuf* buffer = in_.rdbuf();
    const auto peek = [buffer] { return buffer ? buffer->sgetc() : end_of_input; };
    // A line break is CR, LF or CRLF; `c` is its first character, already read.
    const auto end_line = [&](int c) {
        if (c == '\r' && peek() == '\n') get();
        ++line_;
    };

    // Bytes read while looking for a byte order mark that turned out not to be one. They
    // can only begin the first field (none is a comma, quote or line break), so only the
    // field loops below need to see them.
    std::string pending;
    if (at_start_) {
        at_start_ = false;
        static constexpr unsigned char byte_order_mark[] = {0xEF, 0xBB, 0xBF};
        for (const unsigned char byte : byte_order_mark) {
            if (peek() != byte) break;
            pending += static_cast<char>(get());
        }
        if (pending.size() == 3) pending.clear();
    }
    std::size_t pending_used = 0;
    const auto next_char = [&] {
        if (pending_used < pending.size()) return static_cast<int>(static_cast<unsigned char>(pending[pending_used++]));
        return get();
    };

    record.fields.clear();
    int c = next_char();
    while (c == '\r' || c == '\n') {  // blank lines between records
        end_line(c);
        c = next_char();
    }
    if (c == end_of_input) return false;
    record.line = line_;

    for (;;) {
        const std::size_t index = record.fields.size();
        CsvField field;
        if (c == '"') {
            field.quoted = true;
            const std::int64_t quote_line = line_;
            for (;;) {
                c = next_char();
                if (c == end_of_input)
                    fail(index, field.text,
                         "a quoted field is not closed before the end of the file (its quote opens on line " +
                             std::to_string(quote_line) + ")",
                         record.line);
                if (c == '"') {
                    if (peek() != '"') break;
                    get();
                } else if (c == '\r' || c == '\n') {
                    // Kept as written: a note's line breaks come back exactly.
                    if (c == '\r' && peek() == '\n') {
                        field.text += '\r';
                        c = get();
                    }
                    ++line_;
                }
                field.text += static_cast<char>(c);
                if (field.text.size() > max_field_bytes)
                    fail(index, field.text,
                         "a field is longer than 1 MiB (is a closing quote missing? the quote opens on line " +
                             std::to_string(quote_line) + ")",
                         record.line);
            }
            c = next_char();
            if (c != ',' && c != '\r' && c != '\n' && c != end_of_input)
                fail(index, field.text,
                     "text after a closing quote; a quote inside a quoted field must be doubled (\"\")", record.line);
        } else {
            while (c != ',' && c != '\r' && c != '\n' && c != end_of_input) {
                if (c == '"')
                    fail(index, field.text,
                         "a quote inside an unquoted field; quote the whole field and double the quote (\"\")",
                         record.line);
                field.text += static_cast<char>(c);
                if (field.text.size() > max_field_bytes)
                    fail(index, field.text, "a field is longer than 1 MiB", record.line);
                c = next_char();
            }
        }
        record.fields.push_back(std::move(field));
        if (c == ',') {
            c = next_char();
            continue;
        }
        if (c != end_of_input) end_line(c);
        return true;
    }
}

}  // namespace legdiary
