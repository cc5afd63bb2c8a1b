#include "legdiary/utf8.hpp"

#include <cstdint>

namespace legdiary::utf8 {
namespace {

// The bytes of the valid code point at the start of `text`, 0 when there is none.
std::size_t valid_length(std::string_view text) noexcept {
    const auto decoded = decode(text);
    return decoded ? decoded->length : 0;
}

}  // namespace

std::optional<Decoded> decode(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) return Decoded{lead, 1};
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code_point = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code_point = lead & 0x07u;
    } else {
        return std::nullopt;  // a continuation byte, or F8..FF
    }
    if (length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[k]);
        if ((next & 0xC0) != 0x80) return std::nullopt;
        code_point = (code_point << 6) | (next & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < min_for_length[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
        return std::nullopt;
    return Decoded{static_cast<char32_t>(code_point), length};
}

std::optional<std::size_t> first_invalid_byte(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = valid_length(text.substr(i));
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

std::size_t count_code_points(std::string_view text) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        const std::size_t length = valid_length(text.substr(i));
        i += length == 0 ? 1 : length;
    }
    return count;
}

std::string_view cut_to_code_points(std::string_view text, std::size_t max_code_points) noexcept {
    std::size_t i = 0;
    for (std::size_t count = 0; i < text.size() && count < max_code_points; ++count) {
        const std::size_t length = valid_length(text.substr(i));
        i += length == 0 ? 1 : length;
    }
    return text.substr(0, i);
}

std::string_view cut_to_bytes(std::string_view text, std::size_t max_bytes) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = valid_length(text.substr(i));
        const std::size_t step = length == 0 ? 1 : length;
        if (i + step > max_bytes) break;
        i += step;
    }
    return text.substr(0, i);
}

}  // namespace legdiary::utf8
