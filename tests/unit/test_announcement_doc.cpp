// The announcement document (docs/SPEC.md §6): written from its parts, read
// back with every member checked.
#include <catch2/catch.hpp>

#include "announcement_doc.h"
#include "draw_fixtures.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

StoredAnnouncement parts() {
    StoredAnnouncement a;
    a.origin = "fairdraw.example/log";
    a.announced = "2026-11-20T02:00:00Z";
    a.not_before = "2026-12-01T13:30:00Z";
    a.plan = plan_from(base_plan());
    a.plan_sha256 = plan_sha256(a.plan);
    a.enterprises = {sha256(std::string_view("e")), sha256(std::string_view("E")), 3000, {"credit_class"}};
    a.inspectors = {sha256(std::string_view("i")), sha256(std::string_view("i")), 60, {}};
    auto sources = parse_sources(
        Json::array({Json{{"name", "公证员"}, {"kind", "witness"}, {"digits", 6}},
                     Json{{"name", "福彩3D"}, {"kind", "numbers"}, {"count", 3},
                          {"expected", "2026-12-01T13:15:00Z"}}}),
        "test");
    REQUIRE(sources);
    a.sources = *sources;
    a.history = {HistoryDraw{std::string(64, 'a'), "2026-06-01", {{code_for(1), {"H1", "H2"}}}}};
    return a;
}

}  // namespace

TEST_CASE("an announcement written from its parts reads back to the same parts", "[announce]") {
    const StoredAnnouncement a = parts();
    auto text = detail::announcement_json(a);
    REQUIRE(text);
    CHECK(is_canonical_json(*text));
    auto back = parse_announcement(*text, "announcement.json");
    REQUIRE(back);
    CHECK(back->id == sha256(*text));
    CHECK(back->document == *text);
    CHECK(back->not_before_time == *parse_time("2026-12-01T13:30:00Z"));
    CHECK(back->plan_sha256 == a.plan_sha256);
    CHECK(back->enterprises.public_root == a.enterprises.public_root);
    CHECK(back->enterprises.sealed == a.enterprises.sealed);
    CHECK_FALSE(back->conflicts);
    CHECK(back->sources.size() == 2);
    CHECK(back->history.size() == 1);
    CHECK_FALSE(back->reason);
    // SPEC §6: the members, in canonical (byte) order.
    const Json tree = Json::parse(*text);
    std::vector<std::string> keys;
    for (const auto& [k, v] : tree.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"algorithm", "announced", "format", "history", "not_before",
                                           "origin", "plan", "plan_sha256", "reason", "snapshots",
                                           "sources"});
}

TEST_CASE("an announcement that is not exactly the canonical document is refused", "[announce]") {
    const std::string text = *detail::announcement_json(parts());
    const Json tree = Json::parse(text);
    auto refuse = [](const std::string& doc, const char* says) {
        auto parsed = parse_announcement(doc, "a.json");
        REQUIRE_FALSE(parsed);
        std::string all = parsed.error().message;
        for (const auto& p : parsed.error().details) all += "\n" + p.render();
        CHECK_THAT(all, Catch::Contains(says));
    };
    refuse(tree.dump(2), "canonical");
    Json extra = tree;
    extra["comment"] = "x";
    refuse(*canonical_json(extra), "field comment: is not a member");
    Json hash = tree;
    hash["plan_sha256"] = std::string(64, '0');
    refuse(*canonical_json(hash), "is not the SHA-256 of the plan");
    Json algorithm = tree;
    algorithm["algorithm"] = "fairdraw-draw-v0";
    refuse(*canonical_json(algorithm), "field algorithm");
    Json time = tree;
    time["not_before"] = "2026-12-01T21:30:00+08:00";
    refuse(*canonical_json(time), "field not_before");
    Json sources = tree;
    sources["sources"][0].erase("description");
    refuse(*canonical_json(sources), "not in normal form");
    Json snapshots = tree;
    snapshots["snapshots"]["inspectors"].erase("public_root");
    refuse(*canonical_json(snapshots), "snapshots.inspectors.public_root");
}

TEST_CASE("control and direction-changing characters are found in published text", "[announce]") {
    CHECK(detail::hostile_character("临州市人社局 2026 年第四季度").empty());
    CHECK(detail::hostile_character("a\nb") == "U+000A");
    CHECK(detail::hostile_character("a\x1b[2Jb") == "U+001B");
    CHECK(detail::hostile_character("a\x7f") == "U+007F");
    CHECK(detail::hostile_character("\xc2\x85") == "U+0085");             // NEL
    CHECK(detail::hostile_character("abc\xe2\x80\xae" "cba") == "U+202E");  // RLO
    CHECK(detail::hostile_character("\xe2\x81\xa6x") == "U+2066");
    CHECK(detail::hostile_character("\xe2\x80\x94").empty());  // an em dash is fine
    CHECK(detail::safe_text("a\xe2\x80\xae" "b\nc") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    std::vector<Problem> problems;
    detail::hostile_text_problems(Json{{"title", "x\ty"}, {"items", {{{"name", "ok"}}}}}, "", "plan.json",
                                  problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].render() == "plan.json: field title: holds the invisible or control character U+0009: "
                                  "expected printable text, found \"x\xEF\xBF\xBDy\"");
}
