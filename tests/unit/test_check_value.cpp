// check_value: one typed value against its announced source, as a live form checks it.
#include <catch2/catch.hpp>

#include "announcement_doc.h"
#include "draw_fixtures.h"
#include "fairdraw/draw_record.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

StoredAnnouncement announced() {
    StoredAnnouncement a;
    a.origin = "fairdraw.example/log";
    a.announced = "2026-11-20T02:00:00Z";
    a.not_before = "2026-12-01T13:30:00Z";
    a.plan = plan_from(base_plan());
    a.plan_sha256 = plan_sha256(a.plan);
    a.enterprises = {sha256(std::string_view("e")), sha256(std::string_view("E")), 10, {"credit_class"}};
    a.inspectors = {sha256(std::string_view("i")), sha256(std::string_view("i")), 5, {}};
    const std::string secret_hash = to_hex(sha256(*from_hex("0a0b")));
    auto sources = parse_sources(
        Json::array({Json{{"name", "福彩3D"}, {"kind", "numbers"}, {"count", 3}, {"min", 0}, {"max", 9}},
                     Json{{"name", "公证员"}, {"kind", "witness"}, {"digits", 6}},
                     Json{{"name", "操作员"}, {"kind", "secret"}, {"sha256", secret_hash}}}),
        "test");
    REQUIRE(sources);
    a.sources = *sources;
    auto text = detail::announcement_json(a);
    REQUIRE(text);
    auto back = parse_announcement(*text, "test");
    REQUIRE(back);
    return *back;
}

}  // namespace

TEST_CASE("a typed value is checked against the announced source of its name", "[draw][values]") {
    const StoredAnnouncement a = announced();
    CHECK(*check_value(a, "福彩3D", " 8, 3 5 ") == "3.5.8./");
    CHECK(*check_value(a, "公证员", "007912") == "007912");
    CHECK(*check_value(a, "操作员", "0A0B") == "0a0b");
    struct Case {
        const char* source;
        const char* typed;
        const char* says;
    };
    const Case cases[] = {
        {"福彩3D", "3 5", "source 福彩3D: expected 3 numbers, found 2"},
        {"福彩3D", "3 5 八", "source 福彩3D: '八' is not a digit or separator"},
        {"福彩3D", "3 5 10", "outside [0, 9]"},
        {"公证员", "12345", "expected exactly 6 decimal digits"},
        {"操作员", "0a0c", "SHA-256 of the revealed secret"},
        {"公证人", "123456", "the announcement has no source named 公证人"},
    };
    for (const auto& c : cases) {
        INFO(c.source << " " << c.typed);
        auto value = check_value(a, c.source, c.typed);
        REQUIRE_FALSE(value);
        CHECK(value.error().kind == ErrorKind::bad_input);
        CHECK_THAT(value.error().message, Catch::Contains(c.says));
        CHECK(canonical_json(Json(value.error().message)));  // a message is valid UTF-8
    }
}
