// Reading draw result documents and substitution records back, and the teams
// derived from them (what later announcements freeze as history).
#include <catch2/catch.hpp>

#include "draw_fixtures.h"
#include "draw_inputs.h"
#include "fairdraw/draw_record.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

Instance district() {
    Instance in;
    Json plan = base_plan();
    plan["strata"] = {{"field", "credit_class"},
                      {"groups",
                       {{{"name", "一般"}, {"values", {"B"}}, {"ratio", "25%"}},
                        {{"name", "高风险"}, {"values", {"D"}}, {"count", 3}}}}};
    plan["team"]["workload_cap"] = 5;
    in.plan = plan_from(plan);
    for (int i = 1; i <= 48; ++i)
        in.rows.push_back(enterprise(static_cast<std::uint64_t>(i), i % 6 == 0 ? "D" : "B"));
    in.table = table_of(in.rows);
    for (int i = 0; i < 9; ++i) in.inspectors.push_back(inspector("H" + std::to_string(10 + i)));
    return in;
}

}  // namespace

TEST_CASE("a result document reads back to a result that writes the same bytes", "[draw][documents]") {
    Instance in = district();
    auto draw = in.run(input_for("documents"));
    REQUIRE(draw);
    const std::string doc = draw_result_json(draw->result());
    auto back = parse_draw_result(doc);
    REQUIRE(back);
    CHECK(draw_result_json(*back) == doc);
    CHECK(back->selected.size() == draw->result().selected.size());
    CHECK(back->seed == draw->result().seed);
}

TEST_CASE("substitution records read back, and the teams they leave match the draw's own state",
          "[draw][documents]") {
    Instance in = district();
    auto draw = in.run(input_for("documents"));
    REQUIRE(draw);
    const DrawResult drawn = draw->result();
    auto teams = draw->final_teams();
    std::vector<SubstitutionRecord> records;
    const SubstitutionRequest requests[] = {
        {SubstitutionKind::entity, teams[0].code, "", "已注销", std::nullopt},
        {SubstitutionKind::inspector, teams[2].code, teams[2].inspectors[1], "回避", std::nullopt},
        {SubstitutionKind::inspector, "", teams[4].inspectors[0], "病假", std::nullopt},
    };
    for (const auto& q : requests) {
        auto r = draw->substitute(q);
        REQUIRE(r);
        const std::string text = substitution_json(*r);
        auto back = parse_substitution(text);
        REQUIRE(back);
        CHECK(substitution_json(*back) == text);
        records.push_back(*back);
    }
    // The teams derived from the documents alone equal the Draw's current teams.
    const auto derived = detail::teams_after(drawn, records);
    const auto current = draw->final_teams();
    REQUIRE(derived.size() == current.size());
    for (std::size_t i = 0; i < current.size(); ++i) {
        CHECK(derived[i].code == current[i].code);
        CHECK(derived[i].inspectors == current[i].inspectors);
    }
}

TEST_CASE("a damaged or re-encoded result document is refused", "[draw][documents]") {
    Instance in = district();
    auto draw = in.run(input_for("documents"));
    REQUIRE(draw);
    const std::string doc = draw_result_json(draw->result());
    Json tree = Json::parse(doc);
    CHECK_FALSE(parse_draw_result(tree.dump(1)));  // not canonical
    Json no_seed = tree;
    no_seed.erase("seed");
    CHECK_FALSE(parse_draw_result(no_seed.dump()));
    Json upper = tree;
    std::string pick = upper["selected"][0]["team"][0]["pick"].get<std::string>();
    for (char& c : pick) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    upper["selected"][0]["team"][0]["pick"] = pick + "0";
    CHECK_FALSE(parse_draw_result(upper.dump()));
    Json format = tree;
    format["format"] = "fairdraw-draw-result-v0";
    auto refused = parse_draw_result(format.dump());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("format"));
}
