// uscc.h — the unified social credit code (统一社会信用代码, GB 32100-2015).
//
// An 18-character code: position 1 registration authority, 2 entity type,
// 3–8 administrative division (digits), 9–17 the organization code of
// GB 11714 (8 characters and its own check character), 18 the check
// character over positions 1–17. The alphabet has 31 characters (no I, O, Z,
// S, V). Legacy 15-digit registration numbers (注册号) predate the code; they
// are recognised so that importers can accept and flag them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fairdraw::uscc {

inline constexpr std::string_view k_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // GB 32100 table 1
inline constexpr std::size_t k_length = 18;
inline constexpr std::size_t k_legacy_length = 15;

// Value 0..30 of a code character, or -1 if it is not in the alphabet.
int value_of(char c);

// The GB 32100 check character for the first 17 characters; nullopt if one is
// outside the alphabet.
std::optional<char> check_character(std::string_view first17);

// The GB 11714 check character for an 8-character organization code body
// (digits and A–Z); nullopt if a character is outside that set.
std::optional<char> organization_check_character(std::string_view body8);

// Why a code is not a valid unified social credit code.
struct Finding {
    std::string message;   // lower case, e.g. "check character is wrong"
    std::string expected;
    std::string found;
    std::string hint;
};

// nullopt when `code` is a valid 18-character unified social credit code.
std::optional<Finding> validate(std::string_view code);

// A legacy registration number: exactly 15 ASCII digits.
bool is_legacy_registration_number(std::string_view code);

}  // namespace fairdraw::uscc
