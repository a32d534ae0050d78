// bytes.h — byte strings and their text encodings (hex, base64).
//
// Bytes is the owning type; ByteView is what functions take. Text is UTF-8 in
// std::string; as_bytes() views it without copying. Hex output is lower case;
// hex and base64 input are strict (no whitespace, correct padding), because
// every encoded value here is compared byte for byte.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/result.h"

namespace fairdraw {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}
inline std::string_view as_text(ByteView bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
inline Bytes to_bytes(std::string_view text) {
    auto view = as_bytes(text);
    return Bytes(view.begin(), view.end());
}

std::string to_hex(ByteView bytes);
Result<Bytes> from_hex(std::string_view text);  // upper or lower case, even length

std::string to_base64(ByteView bytes);           // RFC 4648 §4, padded
Result<Bytes> from_base64(std::string_view text);  // strict: padded, canonical, no whitespace

}  // namespace fairdraw
