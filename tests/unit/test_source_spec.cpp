#include <catch2/catch.hpp>

#include "fairdraw/announcement.h"

using namespace fairdraw;

TEST_CASE("a source spec with a time offset and a name holding spaces becomes a §6 source",
          "[announce][sources]") {
    auto s = parse_source_spec(
        "numbers:福彩3D 第2026320期:count=3:min=0:max=9:expected=2026-12-01T21:15:00+08:00");
    REQUIRE(s);
    CHECK(*s == Json{{"kind", "numbers"},
                     {"name", "福彩3D 第2026320期"},
                     {"count", 3},
                     {"min", 0},
                     {"max", 9},
                     {"expected", "2026-12-01T13:15:00Z"}});  // 21:15 at +08:00 is 13:15 UTC
    auto checked = parse_sources(Json::array({*s}), "spec");
    CHECK(checked);
}

TEST_CASE("every kind reads its own keys", "[announce][sources]") {
    CHECK(*parse_source_spec("witness:公证员 王某:digits=6") ==
          Json{{"kind", "witness"}, {"name", "公证员 王某"}, {"digits", 6}});
    CHECK(*parse_source_spec("text:上证指数 2026-12-01 收盘") ==
          Json{{"kind", "text"}, {"name", "上证指数 2026-12-01 收盘"}});
    CHECK(*parse_source_spec("hex:drand 第 1234 轮:bytes=32:description=drand quicknet") ==
          Json{{"kind", "hex"}, {"name", "drand 第 1234 轮"}, {"bytes", 32},
               {"description", "drand quicknet"}});
    const std::string h(64, 'A');
    CHECK(*parse_source_spec("secret:操作员:sha256=" + h + ":chain=5") ==
          Json{{"kind", "secret"}, {"name", "操作员"}, {"sha256", std::string(64, 'a')}, {"chain", 5}});
}

TEST_CASE("a colon not followed by a key stays in the name or value", "[announce][sources]") {
    auto s = parse_source_spec("text:收盘价 15:00:description=see http://example.org/x");
    REQUIRE(s);
    CHECK(s->at("name") == "收盘价 15:00");
    CHECK(s->at("description") == "see http://example.org/x");
}

TEST_CASE("malformed source specs are refused with the spec and what is wrong",
          "[announce][sources]") {
    struct Case {
        const char* spec;
        const char* says;
    };
    const Case cases[] = {
        {"witness", "expected KIND:NAME"},
        {"dice:two dice:count=2", "'dice' is not a source kind"},
        {"witness::digits=6", "no name"},
        {"witness:x:digits=6:digits=7", "given twice"},
        {"witness:x:count=3", "'count' is not a key of witness sources"},
        {"numbers:x:count=010", "without sign or leading zeros"},
        {"numbers:x:count=-3", "without sign or leading zeros"},
        {"numbers:x:count=3.0", "without sign or leading zeros"},
        {"numbers:x:count=99999999999999999", "without sign or leading zeros"},
        {"numbers:x:count=", "has no value"},
        {"numbers:x:count=3:expected=2026-12-01 21:15", "expected=2026-12-01 21:15"},
        {"numbers:x:count=3:expected=tomorrow", "expected=tomorrow"},
    };
    for (const auto& c : cases) {
        INFO(c.spec);
        auto s = parse_source_spec(c.spec);
        REQUIRE_FALSE(s);
        CHECK_THAT(s.error().message, Catch::Contains(c.says));
        CHECK_THAT(s.error().message, Catch::Contains(std::string("--source '") + c.spec + "'"));
        CHECK(s.error().kind == ErrorKind::bad_input);
    }
}
