#include <catch2/catch.hpp>

#include "draw_fixtures.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

Instance all_drawn(int entities, int inspectors, const std::string& dept = "执法大队") {
    Instance in;
    in.plan = plan_from(base_plan("100%"));
    for (int i = 1; i <= entities; ++i)
        in.rows.push_back(enterprise(static_cast<std::uint64_t>(i)));
    in.table = table_of(in.rows);
    for (int i = 0; i < inspectors; ++i)
        in.inspectors.push_back(inspector("R" + std::to_string(10 + i), dept));
    return in;
}

const Problem& only_problem(const Result<Draw>& draw) {
    REQUIRE_FALSE(draw);
    CHECK(draw.error().kind == ErrorKind::bad_input);
    REQUIRE(draw.error().details.size() == 1);
    return draw.error().details[0];
}

}  // namespace

TEST_CASE("an entity with too few allowed inspectors is named with the reasons",
          "[draw][infeasible]") {
    Instance in = all_drawn(6, 5);
    const std::string code = in.rows[3].code;
    for (int i = 0; i < 4; ++i)
        in.conflicts.push_back({"R1" + std::to_string(i), "", code, "", "亲属", ""});
    auto draw = in.run(input_for("conflicts"));
    const Problem& p = only_problem(draw);
    INFO(p.render() << " | " << p.hint);
    CHECK(p.field == "team");
    CHECK(p.message.find("1 selected entity (" + code + ") needs 2 inspectors") !=
          std::string::npos);
    CHECK(p.message.find("1 member is allowed") != std::string::npos);
    CHECK(p.expected == "2 assignments");
    CHECK(p.found == "at most 1");
    CHECK(p.hint.find("4 declared conflict") != std::string::npos);
}

TEST_CASE("a department whose members all share the entity's region is named",
          "[draw][infeasible]") {
    Instance in = all_drawn(4, 0);
    Json plan = base_plan("100%");
    plan["team"]["composition"] = {{"市场监管所", 1}, {"税务所", 1}};
    plan["recusal"] = {{"not_own_region", true}};
    in.plan = plan_from(plan);
    in.rows[2].region = "东区";
    in.table = table_of(in.rows);
    for (int i = 0; i < 3; ++i)
        in.inspectors.push_back(inspector("S" + std::to_string(i), "市场监管所", "西区"));
    for (int i = 0; i < 2; ++i)
        in.inspectors.push_back(inspector("T" + std::to_string(i), "税务所", "东区"));
    in.inspectors.push_back(inspector("T9", "税务所", "西区"));
    in.inspectors.back().certificate_expiry = "2025-12-31";
    auto draw = in.run(input_for("regions"));
    const Problem& p = only_problem(draw);
    INFO(p.render() << " | " << p.hint);
    CHECK(p.field == "department 税务所");
    CHECK(p.message.find(in.rows[2].code) != std::string::npos);
    CHECK(p.message.find("0 members are allowed") != std::string::npos);
    CHECK(p.hint.find("2 own region") != std::string::npos);
    CHECK(p.hint.find("1 certificate") != std::string::npos);
}

TEST_CASE("a workload cap too low for all entities names them all and the cap",
          "[draw][infeasible]") {
    Instance in = all_drawn(10, 4);
    in.plan.team.workload_cap = 3;
    auto draw = in.run(input_for("cap"));
    const Problem& p = only_problem(draw);
    INFO(p.render() << " | " << p.hint);
    // 10 entities × 2 = 20 assignments; 4 inspectors × cap 3 = 12.
    CHECK(p.message.find("10 selected entities") != std::string::npos);
    CHECK(p.message.find(", …)") != std::string::npos);
    CHECK(p.expected == "20 assignments");
    CHECK(p.found == "at most 12");
    CHECK(p.hint.find("4 allowed at the workload cap of 3") != std::string::npos);
}

TEST_CASE("the minimum cut names the entities that compete for the same few inspectors",
          "[draw][infeasible]") {
    // Three entities may only use R10 and R11 (conflicts with the rest), with cap 2 per inspector:
    // 6 assignments needed, 4 possible. The other entities are fine and must not be named.
    Instance in = all_drawn(8, 8);
    in.plan.team.workload_cap = 2;
    for (int e : {1, 4, 6})
        for (int i = 2; i < 8; ++i)
            in.conflicts.push_back({"R1" + std::to_string(i), "",
                                    in.rows[static_cast<std::size_t>(e)].code, "", "股东", ""});
    auto draw = in.run(input_for("cut"));
    const Problem& p = only_problem(draw);
    INFO(p.render() << " | " << p.hint);
    CHECK(p.message.find("3 selected entities") != std::string::npos);
    for (int e : {1, 4, 6})
        CHECK(p.message.find(in.rows[static_cast<std::size_t>(e)].code) != std::string::npos);
    CHECK(p.expected == "6 assignments");
    CHECK(p.found == "at most 4");
    CHECK(p.hint.find("6 declared conflict") != std::string::npos);
    CHECK(p.hint.find("2 allowed at the workload cap of 2") != std::string::npos);
}

TEST_CASE("plan check reports pool, counts, eligibility and capacity without drawing",
          "[draw][check]") {
    Instance in = all_drawn(20, 0);
    Json plan = base_plan();
    plan["strata"] = {{"field", "credit_class"},
                      {"groups",
                       {{{"name", "A"}, {"values", {"A"}}, {"ratio", "10%"}},
                        {{"name", "D"}, {"values", {"D"}}, {"ratio", "100%"}}}}};
    plan["team"] = {{"size", 2}, {"workload_cap", 2}};
    in.plan = plan_from(plan);
    for (std::size_t i = 0; i < in.rows.size(); ++i)
        in.rows[i].credit_class = i < 16 ? "A" : i < 19 ? "D" : "X";
    in.table = table_of(in.rows);
    in.inspectors = {inspector("K1"), inspector("K2"), inspector("K3"), inspector("K4")};
    in.inspectors[2].status = "病假";
    in.inspectors[3].certificate_expiry = "2026-01-01";
    // D-class entity 17 conflicts with K1: only K2 is left, and D draws its whole pool.
    in.conflicts = {{"K1", "", in.rows[17].code, "", "亲属", ""},
                    {"K2", "", in.rows[3].code, "", "亲属", ""}};
    auto check = check_plan(in.plan, in.dirs(), in.history);
    REQUIRE(check);
    CHECK(check->pool.size == 19);
    REQUIRE(check->unmatched.size() == 1);
    CHECK(check->unmatched[0] == std::pair<std::string, std::uint64_t>{"X", 1});
    REQUIRE(check->strata.size() == 2);
    CHECK(check->strata[0].count == 2);  // ⌈16 · 10%⌉
    CHECK(check->strata[1].count == 3);
    CHECK(check->total == 5);
    REQUIRE(check->groups.size() == 1);
    const GroupCheck& g = check->groups[0];
    CHECK(g.eligible == 2);
    CHECK(g.ineligible.status == 1);
    CHECK(g.ineligible.certificate == 1);
    CHECK(g.demand == 10);
    CHECK(g.capacity == 4u);
    CHECK(g.short_entities == 2);
    CHECK(g.short_codes == std::vector<std::string>{std::min(in.rows[3].code, in.rows[17].code),
                                                    std::max(in.rows[3].code, in.rows[17].code)});
    std::string errors;
    for (const auto& p : check->errors) errors += p.render() + "\n";
    INFO(errors);
    CHECK_FALSE(check->ok());
    CHECK(errors.find("pool rows match no group") != std::string::npos);
    CHECK(errors.find("the workload cap leaves too few assignments: expected 10 assignments") !=
          std::string::npos);
    CHECK(errors.find("1 of them are certain to be drawn") != std::string::npos);
    CHECK(plan_check_json(*check)["groups"][0]["short_entities"] == 2);
}

TEST_CASE("plan check passes a plan the directories can satisfy", "[draw][check]") {
    Instance in = all_drawn(30, 6);
    auto check = check_plan(in.plan, in.dirs(), in.history);
    REQUIRE(check);
    CHECK(check->ok());
    CHECK(check->warnings.empty());
    CHECK(check->total == 30);
}
