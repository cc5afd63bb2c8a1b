/// @file utf8.hpp
/// UTF-8 text, one code point at a time: validating decoding, counting and cutting at a
/// code-point boundary. Model layer, no dependencies: the data model's text rule, the
/// error messages, the CSV reader and the CLI's tables all read UTF-8 through these.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace legdiary::utf8 {

/// One code point read from the start of a text.
struct Decoded {
    char32_t code_point;  ///< U+0000..U+10FFFF, never a surrogate
    std::size_t length;   ///< the bytes it took, 1..4
};

/// The code point at the start of `text`, or nullopt when the bytes there are not UTF-8:
/// empty text, a continuation or invalid lead byte, a sequence cut short or broken by a
/// byte that is not a continuation, an overlong form (`C0 80` for U+0000), a surrogate
/// (U+D800..U+DFFF) or a value past U+10FFFF.
[[nodiscard]] std::optional<Decoded> decode(std::string_view text) noexcept;

/// The byte offset of the first byte that does not begin a valid code point, or nullopt
/// when the whole text is valid UTF-8.
[[nodiscard]] std::optional<std::size_t> first_invalid_byte(std::string_view text) noexcept;

/// The number of code points in `text`; each byte that is not part of a valid sequence
/// counts as one (it is shown as one replacement character).
[[nodiscard]] std::size_t count_code_points(std::string_view text) noexcept;

/// The longest start of `text` with at most `max_code_points` code points (counted as
/// count_code_points does).
[[nodiscard]] std::string_view cut_to_code_points(std::string_view text, std::size_t max_code_points) noexcept;

/// The longest start of `text` of at most `max_bytes` bytes that does not split a valid
/// code point.
[[nodiscard]] std::string_view cut_to_bytes(std::string_view text, std::size_t max_bytes) noexcept;

}  // namespace legdiary::utf8
