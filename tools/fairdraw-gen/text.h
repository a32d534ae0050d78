// text.h — small string helpers of the generator.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fairdraw::gen {

// The pieces joined without separator.
template <class... Pieces>
std::string concat(const Pieces&... pieces) {
    std::string out;
    out.reserve((std::string_view(pieces).size() + ... + 0));
    (out.append(std::string_view(pieces)), ...);
    return out;
}

// `value` in decimal, padded with leading zeros to at least `width` digits.
inline std::string zero_padded(std::uint64_t value, std::size_t width) {
    std::string digits = std::to_string(value);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return digits;
}

}  // namespace fairdraw::gen
