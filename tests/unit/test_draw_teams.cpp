#include <catch2/catch.hpp>

#include "draw_fixtures.h"

using namespace fairdraw;
using namespace fixtures;

TEST_CASE("every rule holds in the teams of many random instances", "[draw][teams]") {
    // Checked by the independent reading of §9 in draw_fixtures.h, not by the code under test.
    std::mt19937_64 rng(31337);
    int drawn = 0;
    for (int round = 0; round < 300; ++round) {
        Instance in = random_instance(rng, RandomShape{8, 30, 6, 14, 0.08});
        auto draw = in.run(input_for("rules " + std::to_string(round)));
        if (!draw) continue;
        ++drawn;
        const DrawResult& r = draw->result();
        auto broken = broken_rules(in, teams_of(r), r);
        INFO("round " << round);
        for (const auto& b : broken) UNSCOPED_INFO(b);
        CHECK(broken.empty());
        // Placements are reported with their candidate counts and pick values.
        for (const auto& e : r.selected)
            for (const auto& s : e.team)
                if (s.placement == Placement::pick) CHECK(s.candidates >= 1);
    }
    CHECK(drawn > 150);
}

TEST_CASE("a joint inspection puts the composition's departments in every team, in group order",
          "[draw][teams]") {
    Instance in;
    Json plan = base_plan("100%", 3);
    plan["team"]["composition"] = {{"税务所", 1}, {"市场监管所", 2}};
    in.plan = plan_from(plan);
    for (std::uint64_t i = 1; i <= 12; ++i) in.rows.push_back(enterprise(i));
    in.table = table_of(in.rows);
    for (int i = 0; i < 6; ++i)
        in.inspectors.push_back(inspector("S" + std::to_string(i), "市场监管所"));
    for (int i = 0; i < 3; ++i)
        in.inspectors.push_back(inspector("T" + std::to_string(i), "税务所"));
    in.inspectors.push_back(inspector("X0", "办公室"));  // not in the composition: never drawn
    auto draw = in.run(input_for("joint"));
    REQUIRE(draw);
    const DrawResult& r = draw->result();
    REQUIRE(r.groups.size() == 2);
    CHECK(*r.groups[0].department ==
          "市场监管所");  // byte order: 市 (E5 B8 82) before 税 (E7 A8 8E)
    CHECK(r.groups[0].need == 2);
    CHECK(r.groups[1].members == 3);
    for (const auto& e : r.selected) {
        REQUIRE(e.team.size() == 3);
        CHECK(e.team[0].inspector[0] == 'S');
        CHECK(e.team[1].inspector[0] == 'S');
        CHECK(e.team[2].inspector[0] == 'T');
        CHECK(e.team[2].group == 1);
    }
    // 24 places for 6 members: 4 each; 12 places for 3 members: 4 each.
    for (const auto& l : r.loads) CHECK(l.load == 4);
    CHECK(broken_rules(in, teams_of(r), r).empty());
}

TEST_CASE("ineligible inspectors are never drawn", "[draw][teams]") {
    Instance in;
    Json plan = base_plan("100%");
    plan["eligibility"] = {{"specialties", {"食品"}}};
    in.plan = plan_from(plan);
    for (std::uint64_t i = 1; i <= 10; ++i) in.rows.push_back(enterprise(i));
    in.table = table_of(in.rows);
    in.inspectors = {inspector("A"), inspector("B"), inspector("C"), inspector("D"),
                     inspector("E")};
    in.inspectors[0].specialty = "药品、 食品";
    in.inspectors[1].specialty = "食品，特种设备";
    in.inspectors[2].specialty = "食品";
    in.inspectors[2].status = "退休";
    in.inspectors[3].specialty = "食品,计量";
    in.inspectors[3].certificate_expiry = "2026-05-30";  // the window ends 2026-05-31
    in.inspectors[4].specialty = "食品安全";
    auto draw = in.run(input_for("eligible"));
    REQUIRE(draw);
    std::set<std::string> used;
    for (const auto& e : draw->result().selected)
        for (const auto& s : e.team) used.insert(s.inspector);
    CHECK(used == std::set<std::string>{"A", "B"});
}
