#include "fairdraw/uscc.h"

#include <array>

namespace fairdraw::uscc {
namespace {

// 3^(i−1) mod 31 for positions 1..17 (GB 32100 §5).
constexpr std::array<int, 17> k_weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// GB 11714 weights for the 8 body characters of the organization code.
constexpr std::array<int, 8> k_org_weights = {3, 7, 9, 10, 5, 8, 4, 2};

int org_value_of(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

int value_of(char c) {
    auto pos = k_alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::optional<char> check_character(std::string_view first17) {
    if (first17.size() != 17) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        int v = value_of(first17[i]);
        if (v < 0) return std::nullopt;
        sum += v * k_weights[i];
    }
    return k_alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

std::optional<char> organization_check_character(std::string_view body8) {
    if (body8.size() != 8) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        int v = org_value_of(body8[i]);
        if (v < 0) return std::nullopt;
        sum += v * k_org_weights[i];
    }
    int check = 11 - sum % 11;
    if (check == 10) return 'X';
    if (check == 11) return '0';
    return static_cast<char>('0' + check);
}

std::optional<Finding> validate(std::string_view code) {
    if (code.size() != k_length) {
        return Finding{"a unified social credit code has 18 characters", "18 characters",
                       std::to_string(code.size()) + " characters", ""};
    }
    // Position 18 is compared with the computed check character below, even
    // when it is outside the alphabet, so the message names the right one.
    for (std::size_t i = 0; i + 1 < code.size(); ++i) {
        char c = code[i];
        if (c >= 'a' && c <= 'z')
            return Finding{"character " + std::to_string(i + 1) + " is lower case", "upper case",
                           quoted(code.substr(i, 1)), "write the code in capital letters"};
        if (value_of(c) < 0)
            return Finding{"character " + std::to_string(i + 1) + " is not allowed in a unified social credit code",
                           "one of " + std::string(k_alphabet), quoted(code.substr(i, 1)),
                           "the letters I, O, Z, S and V are never used; check for a mistyped 0, 1, 2, 5 or U"};
    }
    for (std::size_t i = 2; i < 8; ++i) {
        if (code[i] < '0' || code[i] > '9')
            return Finding{"characters 3 to 8 are the administrative division code and must be digits",
                           "a digit", quoted(code.substr(i, 1)), ""};
    }
    char org_expected = *organization_check_character(code.substr(8, 8));
    if (code[16] != org_expected)
        return Finding{"the organization code check character (position 17, GB 11714) is wrong",
                       quoted(std::string(1, org_expected)), quoted(code.substr(16, 1)),
                       "the code may be mistyped; compare it with the business licence"};
    char expected = *check_character(code.substr(0, 17));
    if (code[17] != expected)
        return Finding{"check character (position 18, GB 32100) is wrong", quoted(std::string(1, expected)),
                       quoted(code.substr(17, 1)), "the code may be mistyped; compare it with the business licence"};
    return std::nullopt;
}

bool is_legacy_registration_number(std::string_view code) {
    if (code.size() != k_legacy_length) return false;
    for (char c : code)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace fairdraw::uscc
