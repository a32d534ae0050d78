// Replays docs/vectors/draw-*.json. Their expected values are frozen outputs
// of this implementation (tools/fairdraw-drawvectors), to be confirmed by the
// independent verifier in audit/: this test guards against any change of
// behaviour of fairdraw-draw-v1, which must replay identically forever.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fairdraw/draw.h"
#include "fairdraw/keyed_hash.h"

using namespace fairdraw;

namespace {

Json load(const std::string& name) {
    std::ifstream in(std::filesystem::path(FAIRDRAW_SOURCE_DIR) / "docs" / "vectors" / name,
                     std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return Json::parse(s.str());
}

std::string canonical(const Json& j) {
    auto text = canonical_json(j);
    REQUIRE(text);
    return *text;
}

void replay(const std::string& name) {
    INFO(name);
    Json v = load(name);
    const Json& expected = v["expected"];
    auto plan = plan_from_json(v["plan"], name);
    REQUIRE(plan);
    CHECK(to_hex(plan_sha256(*plan)) == expected["plan_sha256"]);
    CHECK(normalized_plan_json(*plan) == canonical(expected["normalized_plan"]));

    EnterpriseTable table;
    for (const auto& row : v["enterprises"]) REQUIRE(table.add_row(canonical(row)).ok());
    std::vector<Inspector> inspectors;
    for (const auto& row : v["inspectors"])
        inspectors.push_back(*parse_inspector_row(canonical(row)));
    std::vector<Conflict> conflicts;
    for (const auto& row : v["conflicts"]) conflicts.push_back(*parse_conflict_row(canonical(row)));
    auto history = parse_history(v["history"], name);
    REQUIRE(history);
    auto sources = parse_sources(v["sources"], name);
    REQUIRE(sources);
    auto values = canonical_values(*sources, v["typed"].get<std::vector<std::string>>());
    REQUIRE(values);
    Json values_json = Json::array();
    for (const auto& value : *values) values_json.push_back(Json::array({value.name, value.value}));
    CHECK(values_json == expected["values"]);

    auto announcement = hash_from_hex(v["announcement_id"].get<std::string>());
    REQUIRE(announcement);
    Hash seed = derive_seed(*announcement, *values);
    CHECK(to_hex(seed) == expected["seed"]);
    KeyedHash key(seed);
    for (const auto& t : expected["tickets"])
        CHECK(to_hex(key.ticket(t[0].get<std::string>())) == t[1]);

    auto draw = Draw::run(*plan, {table, inspectors, conflicts}, *history,
                          DrawInput{*announcement, *values, secret_chain(*sources, *values)});
    REQUIRE(draw);
    CHECK(draw_result_json(draw->result()) == canonical(expected["result"]));
    CHECK(to_hex(draw_result_id(draw->result())) == expected["result_id"]);
    for (const auto& step : expected["substitutions"]) {
        const Json& r = step["request"];
        SubstitutionRequest request{
            r["kind"] == "entity" ? SubstitutionKind::entity : SubstitutionKind::inspector,
            r["code"], r["inspector"], r["reason"], std::nullopt};
        if (!r["link"].is_null()) request.link = *from_hex(r["link"].get<std::string>());
        auto record = draw->substitute(request);
        REQUIRE(record);
        CHECK(substitution_json(*record) == canonical(step["record"]));
    }
    CHECK(history_to_json(std::vector<HistoryDraw>{{"", "", draw->final_teams()}})[0]["teams"] ==
          expected["final_teams"]);
}

}  // namespace

TEST_CASE("the small district test vector replays byte for byte", "[draw][vectors]") {
    replay("draw-small.json");
}

TEST_CASE("the completion and raising test vector replays byte for byte", "[draw][vectors]") {
    replay("draw-chains.json");
    // The vector is meant to exercise §9.7 and §9.8: both kinds of placement occur in it.
    std::string result = load("draw-chains.json")["expected"]["result"].dump();
    CHECK(result.find("\"completion\"") != std::string::npos);
    CHECK(result.find("\"raising\"") != std::string::npos);
}
