#include <catch2/catch.hpp>

#include "fairdraw/uscc.h"

using namespace fairdraw;

TEST_CASE("the GB 32100 example code is valid", "[uscc]") {
    // 91350100M000100Y43: the standard's own example (DOMAIN.md §2; weighted sum 1640).
    CHECK_FALSE(uscc::validate("91350100M000100Y43").has_value());
    CHECK(uscc::check_character("91350100M000100Y4") == '3');
}

TEST_CASE("a real enterprise code from DOMAIN.md is valid", "[uscc]") {
    CHECK_FALSE(uscc::validate("914403001922038216").has_value());
}

TEST_CASE("a wrong check character is reported with the expected one", "[uscc]") {
    auto f = uscc::validate("91350100M000100Y4Z");
    REQUIRE(f.has_value());
    CHECK(f->expected == "'3'");
    CHECK(f->found == "'Z'");
    CHECK(f->message.find("position 18") != std::string::npos);
}

TEST_CASE("the embedded organization code check character is verified (GB 11714)", "[uscc]") {
    // M000100Y: 22*3 + 1*5 + 34*2 = 139, 139 mod 11 = 7, 11 - 7 = 4 (GB 11714; position 17 of the example).
    CHECK(uscc::organization_check_character("M000100Y") == '4');
    auto f = uscc::validate("91350100M000100Y53");
    REQUIRE(f.has_value());
    CHECK(f->message.find("organization code") != std::string::npos);
}

TEST_CASE("excluded letters, lower case and wrong lengths are refused with a reason", "[uscc]") {
    CHECK(uscc::validate("91350100M000100I43")->message.find("not allowed") != std::string::npos);
    CHECK(uscc::validate("91350100m000100Y43")->message.find("lower case") != std::string::npos);
    CHECK(uscc::validate("9135")->expected == "18 characters");
    CHECK(uscc::validate("913501A0M000100Y43")->message.find("administrative division") != std::string::npos);
}

TEST_CASE("legacy registration numbers are exactly 15 digits", "[uscc]") {
    CHECK(uscc::is_legacy_registration_number("330100000012345"));
    CHECK_FALSE(uscc::is_legacy_registration_number("33010000001234"));
    CHECK_FALSE(uscc::is_legacy_registration_number("33010000001234X"));
}
