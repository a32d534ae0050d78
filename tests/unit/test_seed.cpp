#include <catch2/catch.hpp>

#include "fairdraw/seed.h"

using namespace fairdraw;

namespace {

Source numbers(std::int64_t count, std::optional<std::int64_t> min = {},
               std::optional<std::int64_t> max = {}) {
    Source s;
    s.name = "lottery";
    s.kind = SourceKind::numbers;
    s.count = count;
    s.min = min;
    s.max = max;
    return s;
}

Source of_kind(SourceKind kind) {
    Source s;
    s.name = "s";
    s.kind = kind;
    return s;
}

}  // namespace

TEST_CASE("number sources canonicalise as RFC 3797 does", "[seed]") {
    // RFC 3797 §6: the sources 9319, "2 5 12 8 10" and "9 18 26 34 41 45" give the key
    // "9319./2.5.8.10.12./9.18.26.34.41.45./".
    CHECK(*canonical_value(numbers(1), "9319") == "9319./");
    CHECK(*canonical_value(numbers(5), "2 5 12 8 10") == "2.5.8.10.12./");
    CHECK(*canonical_value(numbers(6), "9, 18, 26,34 41.45") == "9.18.26.34.41.45./");
    // Leading zeros go, duplicates stay, surrounding white space is ignored.
    CHECK(*canonical_value(numbers(3, 0, 9), "　0 07 7 ") == "0.7.7./");
}

TEST_CASE("number sources refuse a wrong count, a value out of range and other characters",
          "[seed]") {
    CHECK_FALSE(canonical_value(numbers(3), "1 2"));
    CHECK_FALSE(canonical_value(numbers(2, 1, 33), "0 5"));
    CHECK_FALSE(canonical_value(numbers(2, 1, 33), "5 34"));
    CHECK_FALSE(canonical_value(numbers(2), "5;6"));
    CHECK_FALSE(canonical_value(numbers(1), "99999999999999999999"));
}

TEST_CASE("witness, text, hex and secret values are checked and canonicalised", "[seed]") {
    Source w = of_kind(SourceKind::witness);
    w.digits = 6;
    CHECK(*canonical_value(w, " 004213 ") == "004213");
    CHECK_FALSE(canonical_value(w, "4213"));
    CHECK_FALSE(canonical_value(w, "00421a"));

    Source t = of_kind(SourceKind::text);
    CHECK(*canonical_value(t, "  上证综指 3021.55 ") == "上证综指 3021.55");
    CHECK_FALSE(canonical_value(t, "   "));
    CHECK_FALSE(canonical_value(t, "a\tb"));
    CHECK_FALSE(canonical_value(t, "\xff"));

    Source h = of_kind(SourceKind::hex);
    h.bytes = 2;
    CHECK(*canonical_value(h, "ABcd") == "abcd");
    CHECK_FALSE(canonical_value(h, "abc"));
    CHECK_FALSE(canonical_value(h, "abcdef"));

    Source s = of_kind(SourceKind::secret);
    Bytes secret = to_bytes("operator secret, 32 bytes long!!");
    s.sha256 = sha256(secret);
    CHECK(*canonical_value(s, to_hex(secret)) == to_hex(secret));
    auto wrong = canonical_value(s, to_hex(to_bytes("another value")));
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message.find("not the announced") != std::string::npos);
}

TEST_CASE("all value problems are reported together, each naming its source", "[seed]") {
    std::vector<Source> sources{numbers(2), of_kind(SourceKind::witness)};
    sources[1].name = "witness-2";
    sources[1].digits = 4;
    std::vector<std::string> typed{"1", "12"};
    auto values = canonical_values(sources, typed);
    REQUIRE_FALSE(values);
    REQUIRE(values.error().details.size() == 2);
    CHECK(values.error().details[0].field == "source lottery");
    CHECK(values.error().details[1].field == "source witness-2");
}

TEST_CASE("the seed is SHA-256 of the canonical seed document", "[seed]") {
    Hash announcement = sha256(std::string_view("announcement"));
    std::vector<SourceValue> values{{"lottery", "2.5.8.10.12./"}, {"见证人", "042137"}};
    // The document written by hand from docs/SPEC.md §7 (keys in byte order, no spaces).
    std::string doc =
        "{\"announcement\":\"" + to_hex(announcement) +
        "\",\"scheme\":\"fairdraw-seed-v1\",\"values\":[[\"lottery\",\"2.5.8.10.12./\"],"
        "[\"见证人\",\"042137\"]]}";
    CHECK(derive_seed(announcement, values) == sha256(doc));
    std::vector<SourceValue> reordered{values[1], values[0]};
    CHECK(derive_seed(announcement, reordered) != derive_seed(announcement, values));
}

TEST_CASE("a hash chain link must hash to the previous link", "[seed]") {
    Bytes s = to_bytes("chain start");
    Hash v3 = sha256(s), v2 = sha256(v3), v1 = sha256(v2);
    CHECK(check_chain_link(v1, v2).ok());
    CHECK(check_chain_link(v2, v3).ok());
    CHECK_FALSE(check_chain_link(v1, v3).ok());
    // §10: SHA-256 of ["fairdraw-substitution-seed-v1", seed hex, k, link hex], written by hand.
    Hash seed = sha256(std::string_view("seed"));
    std::string doc =
        "[\"fairdraw-substitution-seed-v1\",\"" + to_hex(seed) + "\",1,\"" + to_hex(v2) + "\"]";
    CHECK(substitution_seed(seed, 1, v2) == sha256(doc));
}

TEST_CASE("source lists are validated with every problem reported", "[seed]") {
    Json sources = Json::parse(R"([
        {"name": "lottery", "kind": "numbers", "count": 3, "min": 0, "max": 9, "expected": "2026-03-01T12:30:00Z"},
        {"name": "lottery", "kind": "witness"},
        {"name": "beacon", "kind": "hex", "digits": 4},
        {"name": "s1", "kind": "secret", "sha256": "ABC"},
        {"name": "s2", "kind": "secret", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"},
        {"name": "when", "kind": "text", "expected": "2026-03-01 12:30"},
        {"name": "x", "kind": "dice"}
    ])");
    auto parsed = parse_sources(sources, "announcement.json");
    REQUIRE_FALSE(parsed);
    std::string all;
    for (const auto& p : parsed.error().details) all += p.render() + "\n";
    INFO(all);
    CHECK(all.find("field sources[1].name: repeats") != std::string::npos);
    CHECK(all.find("field sources[1].digits: is required") != std::string::npos);
    CHECK(all.find("field sources[2].digits: belongs to sources of kind witness") !=
          std::string::npos);
    CHECK(all.find("field sources[3].sha256: is not a SHA-256 hash") != std::string::npos);
    CHECK(all.find("field sources[4]: is a second secret source") != std::string::npos);
    CHECK(all.find("field sources[5].expected: is not a UTC time") != std::string::npos);
    CHECK(all.find("field sources[6].kind: is not a source kind") != std::string::npos);
}

TEST_CASE("a valid source list round-trips with its defaults filled in", "[seed]") {
    Json sources = Json::parse(R"([
        {"name": "福彩3D 2026-320", "kind": "numbers", "count": 3, "min": 0, "max": 9},
        {"name": "witness-1", "kind": "witness", "digits": 6, "description": "公证员"},
        {"name": "operator", "kind": "secret", "chain": 4,
         "sha256": "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"}])");
    auto parsed = parse_sources(sources, "announcement.json");
    REQUIRE(parsed);
    Json normalized = sources_to_json(*parsed);
    CHECK(normalized[0]["description"].is_null());
    CHECK(normalized[1]["expected"].is_null());
    CHECK(normalized[2]["chain"] == 4);
    auto again = parse_sources(normalized, "announcement.json");
    REQUIRE(again);
    CHECK(sources_to_json(*again) == normalized);
}
