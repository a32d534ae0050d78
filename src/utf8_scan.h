// utf8_scan.h — strict UTF-8 decoding for the text formats that are signed
// (note text, key names), where invalid bytes must be refused, not repaired.
#pragma once

#include <cstddef>
#include <string_view>

namespace fairdraw::detail {

// Decodes the code point at text[pos] and advances pos past it. Returns false
// on invalid UTF-8: a stray or missing continuation byte, an overlong form, a
// surrogate, or a value above U+10FFFF.
bool next_code_point(std::string_view text, std::size_t& pos, char32_t& code_point);

// Unicode White_Space characters (what Go's unicode.IsSpace accepts).
bool is_unicode_space(char32_t code_point);

}  // namespace fairdraw::detail
