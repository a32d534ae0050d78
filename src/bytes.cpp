#include "fairdraw/bytes.h"

#include <array>

namespace fairdraw {
namespace {

constexpr std::string_view k_hex_digits = "0123456789abcdef";
constexpr std::string_view k_base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr std::array<int, 256> make_base64_table() {
    std::array<int, 256> table{};
    for (auto& v : table) v = -1;
    for (std::size_t i = 0; i < k_base64_alphabet.size(); ++i)
        table[static_cast<unsigned char>(k_base64_alphabet[i])] = static_cast<int>(i);
    return table;
}
constexpr auto k_base64_table = make_base64_table();

}  // namespace

std::string to_hex(ByteView bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (auto b : bytes) {
        out += k_hex_digits[b >> 4];
        out += k_hex_digits[b & 0x0f];
    }
    return out;
}

Result<Bytes> from_hex(std::string_view text) {
    if (text.size() % 2 != 0)
        return Error::bad_input("hex value has an odd number of digits (" +
                                std::to_string(text.size()) + ")");
    Bytes out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        int hi = hex_value(text[i]);
        int lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0)
            return Error::bad_input("not a hex digit at position " + std::to_string(i + 1 + (hi < 0 ? 0 : 1)));
        out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return out;
}

std::string to_base64(ByteView bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        std::uint32_t n = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        out += k_base64_alphabet[(n >> 18) & 63];
        out += k_base64_alphabet[(n >> 12) & 63];
        out += k_base64_alphabet[(n >> 6) & 63];
        out += k_base64_alphabet[n & 63];
    }
    std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        std::uint32_t n = std::uint32_t{bytes[i]} << 16;
        out += k_base64_alphabet[(n >> 18) & 63];
        out += k_base64_alphabet[(n >> 12) & 63];
        out += "==";
    } else if (rest == 2) {
        std::uint32_t n = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8);
        out += k_base64_alphabet[(n >> 18) & 63];
        out += k_base64_alphabet[(n >> 12) & 63];
        out += k_base64_alphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

Result<Bytes> from_base64(std::string_view text) {
    if (text.size() % 4 != 0)
        return Error::bad_input("base64 value length " + std::to_string(text.size()) +
                                " is not a multiple of 4");
    Bytes out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::array<int, 4> v{};
        std::size_t padding = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            char c = text[i + j];
            bool last_group = i + 4 == text.size();
            if (c == '=' && last_group && j >= 2) {
                v[j] = 0;
                ++padding;
                continue;
            }
            if (padding != 0 || (v[j] = k_base64_table[static_cast<unsigned char>(c)]) < 0)
                return Error::bad_input("not a base64 character at position " + std::to_string(i + j + 1));
        }
        std::uint32_t n = (static_cast<std::uint32_t>(v[0]) << 18) | (static_cast<std::uint32_t>(v[1]) << 12) |
                          (static_cast<std::uint32_t>(v[2]) << 6) | static_cast<std::uint32_t>(v[3]);
        out.push_back(static_cast<std::uint8_t>(n >> 16));
        if (padding < 2) out.push_back(static_cast<std::uint8_t>((n >> 8) & 0xff));
        if (padding < 1) out.push_back(static_cast<std::uint8_t>(n & 0xff));
        // Canonical form: the bits dropped by padding must be zero.
        if ((padding == 1 && (n & 0xff) != 0) || (padding == 2 && (n & 0xffff) != 0))
            return Error::bad_input("base64 value is not in canonical form (non-zero padding bits)");
    }
    return out;
}

}  // namespace fairdraw
