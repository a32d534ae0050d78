#include "utf8_scan.h"

namespace fairdraw::detail {

bool next_code_point(std::string_view text, std::size_t& pos, char32_t& code_point) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char first = byte(pos);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (first < 0x80) {
        code_point = first;
        ++pos;
        return true;
    } else if ((first & 0xe0) == 0xc0) {
        length = 2;
        value = first & 0x1fu;
        minimum = 0x80;
    } else if ((first & 0xf0) == 0xe0) {
        length = 3;
        value = first & 0x0fu;
        minimum = 0x800;
    } else if ((first & 0xf8) == 0xf0) {
        length = 4;
        value = first & 0x07u;
        minimum = 0x10000;
    } else {
        return false;
    }
    if (pos + length > text.size()) return false;
    for (std::size_t i = 1; i < length; ++i) {
        unsigned char next = byte(pos + i);
        if ((next & 0xc0) != 0x80) return false;
        value = (value << 6) | (next & 0x3fu);
    }
    if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return false;
    code_point = value;
    pos += length;
    return true;
}

bool is_unicode_space(char32_t c) {
    switch (c) {
        case U'\t':
        case U'\n':
        case U'\v':
        case U'\f':
        case U'\r':
        case U' ':
        case 0x85:
        case 0xa0:
        case 0x1680:
        case 0x2028:
        case 0x2029:
        case 0x202f:
        case 0x205f:
        case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200a;
    }
}

}  // namespace fairdraw::detail
