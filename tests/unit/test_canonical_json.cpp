#include <catch2/catch.hpp>

#include "fairdraw/canonical_json.h"
#include "fairdraw/clock.h"

using namespace fairdraw;

TEST_CASE("canonical json sorts keys, drops whitespace and keeps non-ascii text raw", "[json]") {
    auto j = Json::parse(R"({ "b": 1, "a": ["x", true, null], "name": "企业\n" })");
    auto c = canonical_json(j);
    REQUIRE(c);
    // Expected text written by hand from docs/SPEC.md §2; Python's
    // json.dumps(ensure_ascii=False, separators=(",", ":"), sort_keys=True) gives the same.
    CHECK(*c == "{\"a\":[\"x\",true,null],\"b\":1,\"name\":\"企业\\n\"}");
}

TEST_CASE("canonical json refuses floats, huge integers, and non-ascii keys", "[json]") {
    CHECK_FALSE(canonical_json(Json::parse(R"({"a":1.5})")));
    CHECK_FALSE(canonical_json(Json{{"a", std::uint64_t{1} << 60}}));
    CHECK_FALSE(canonical_json(Json::parse(R"({"名":1})")));
}

TEST_CASE("canonical json refuses invalid utf-8 in strings", "[json]") {
    Json j = {{"a", std::string("\xff\xfe")}};
    CHECK_FALSE(canonical_json(j));
}

TEST_CASE("control characters are escaped the short way or as lower-case \\u00xx", "[json]") {
    std::string out;
    append_json_string(out, std::string("a\x01\"\\\t\x1f", 6));
    CHECK(out == "a\\u0001\\\"\\\\\\t\\u001f");
    auto c = canonical_json(Json(std::string("a\x01\"\\\t\x1f", 6)));
    REQUIRE(c);
    CHECK(*c == "\"" + out + "\"");
}

TEST_CASE("dates are parsed strictly and round-trip", "[clock]") {
    auto d = parse_date("2024-02-29");
    REQUIRE(d);
    CHECK(format_days(*d) == "2024-02-29");
    CHECK(*parse_date("1970-01-01") == 0);
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK_FALSE(parse_date("2024-2-9"));
    CHECK_FALSE(parse_date("2024/02/09"));
}

TEST_CASE("times need an explicit zone and convert to UTC", "[clock]") {
    auto t = parse_time("2026-12-01T10:00:00+08:00");
    REQUIRE(t);
    CHECK(format_utc(*t) == "2026-12-01T02:00:00Z");
    CHECK(format_utc(*parse_time("1970-01-01T00:00:00Z")) == "1970-01-01T00:00:00Z");
    CHECK_FALSE(parse_time("2026-12-01T10:00:00"));
}
