// Helpers shared by the draw tests: small instances built in memory, and an
// independent reading of the rules (written from docs/SPEC.md, not from the
// code under test) to check results against.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "fairdraw/draw.h"
#include "fairdraw/plan.h"
#include "fairdraw/uscc.h"

namespace fixtures {

using namespace fairdraw;

// A valid unified social credit code for number i (GB 32100 with its GB 11714 part).
inline std::string code_for(std::uint64_t i) {
    std::string org = "M";  // the organization code body: 8 characters
    std::uint64_t v = i;
    for (int k = 0; k < 7; ++k) {
        org += static_cast<char>('0' + v % 10);
        v /= 10;
    }
    auto org_check = uscc::organization_check_character(org);
    REQUIRE(org_check.has_value());
    std::string first17 = "91350100" + org + *org_check;
    auto check = uscc::check_character(first17);
    REQUIRE(check.has_value());
    std::string code = first17 + *check;
    REQUIRE_FALSE(uscc::validate(code).has_value());
    return code;
}

inline Plan plan_from(const Json& json) {
    auto plan = plan_from_json(json, "plan.json");
    if (!plan) {
        for (const auto& p : plan.error().details) INFO(p.render());
        FAIL("plan did not parse: " << plan.error().message << " " << json.dump());
    }
    return *plan;
}

// A plan of one group of the whole pool; callers adjust members.
inline Json base_plan(const std::string& ratio = "10%", int team_size = 2) {
    return Json{{"format", "fairdraw-plan-v1"},
                {"title", "2026 年度第一批双随机抽查"},
                {"department", "市场监管局"},
                {"items",
                 {{{"id", "JC-01"},
                   {"name", "企业公示信息"},
                   {"legal_basis", "企业信息公示暂行条例"},
                   {"category", "一般"}}}},
                {"window", {{"start", "2026-03-01"}, {"end", "2026-05-31"}}},
                {"strata", {{"field", nullptr}, {"groups", {{{"name", "all"}, {"ratio", ratio}}}}}},
                {"team", {{"size", team_size}}}};
}

inline Enterprise enterprise(std::uint64_t i, const std::string& credit = "",
                             const std::string& region = "") {
    Enterprise e;
    e.code = code_for(i);
    e.name = "企业" + std::to_string(i);
    e.status = "存续";
    e.credit_class = credit;
    e.region = region;
    return e;
}

inline Inspector inspector(const std::string& id, const std::string& dept = "执法大队",
                           const std::string& region = "") {
    Inspector x;
    x.id = id;
    x.name = "检查员" + id;
    x.certificate_no = "ZF" + id;
    x.certificate_expiry = "2028-12-31";
    x.department = dept;
    x.region = region;
    x.status = "在岗";
    return x;
}

inline EnterpriseTable table_of(const std::vector<Enterprise>& rows) {
    EnterpriseTable t;
    for (const auto& r : rows) REQUIRE(t.add(r).ok());
    return t;
}

inline DrawInput input_for(const std::string& label) {
    DrawInput in;
    in.announcement_id = sha256(label);
    in.values = {{"witness-1", "042137"}, {"lottery", "3.5.9./"}};
    return in;
}

struct Instance {
    Plan plan;
    std::vector<Enterprise> rows;
    EnterpriseTable table;
    std::vector<Inspector> inspectors;
    std::vector<Conflict> conflicts;
    std::vector<HistoryDraw> history;

    Directories dirs() const { return {table, inspectors, conflicts}; }
    Result<Draw> run(const DrawInput& input) const {
        return Draw::run(plan, dirs(), history, input);
    }
};

// ---- the independent reading of the rules -------------------------------------------------------

inline bool eligible(const Plan& plan, const Inspector& x) {
    const auto& e = plan.eligibility;
    if (std::find(e.status.begin(), e.status.end(), x.status) == e.status.end()) return false;
    if (x.certificate_expiry != "9999-09-09" && x.certificate_expiry != "长期" &&
        x.certificate_expiry < plan.window.end)
        return false;
    if (plan.team.composition) {
        bool found = false;
        for (const auto& [dept, n] : *plan.team.composition) found = found || dept == x.department;
        if (!found) return false;
    } else if (!e.departments.empty() && std::find(e.departments.begin(), e.departments.end(),
                                                   x.department) == e.departments.end()) {
        return false;
    }
    return true;  // the fixtures give no specialties
}

// Every rule of §9 for one final assignment; returns the broken rules.
// With check_loads, the result's reported loads and bounds are checked too (not after
// substitutions).
inline std::vector<std::string> broken_rules(const Instance& in,
                                             const std::vector<HistoryTeam>& teams,
                                             const DrawResult& result, bool check_loads = true) {
    std::vector<std::string> broken;
    std::map<std::string, const Inspector*> by_id;
    for (const auto& x : in.inspectors) by_id[x.id] = &x;
    std::map<std::string, const Enterprise*> by_code;
    for (const auto& r : in.rows) by_code[r.code] = &r;
    std::set<std::pair<std::string, std::string>> conflicts;
    for (const auto& c : in.conflicts) conflicts.emplace(c.inspector, c.entity);
    std::map<std::string, std::vector<std::string>> last_team;
    for (const auto& d : in.history)
        for (const auto& t : d.teams) last_team[t.code] = t.inspectors;
    std::map<std::string, std::uint32_t> load;
    for (const auto& t : teams) {
        const std::string& code = t.code;
        if (t.inspectors.size() != static_cast<std::size_t>(in.plan.team.size))
            broken.push_back(code + ": team size " + std::to_string(t.inspectors.size()));
        std::set<std::string> distinct(t.inspectors.begin(), t.inspectors.end());
        if (distinct.size() != t.inspectors.size())
            broken.push_back(code + ": a member appears twice");
        std::map<std::string, std::int64_t> per_dept;
        for (const auto& id : t.inspectors) {
            ++load[id];
            const Inspector* x = by_id.count(id) ? by_id[id] : nullptr;
            if (x == nullptr) {
                broken.push_back(code + ": unknown inspector " + id);
                continue;
            }
            ++per_dept[x->department];
            if (!eligible(in.plan, *x)) broken.push_back(code + ": " + id + " is not eligible");
            if (conflicts.count({id, code}))
                broken.push_back(code + ": " + id + " has a declared conflict");
            if (in.plan.recusal.not_own_region && !x->region.empty() && by_code.count(code) &&
                by_code[code]->region == x->region)
                broken.push_back(code + ": " + id + " is in its own region");
            if (in.plan.recusal.not_last_inspector && last_team.count(code)) {
                const auto& last = last_team[code];
                if (std::find(last.begin(), last.end(), id) != last.end())
                    broken.push_back(code + ": " + id + " inspected it last time");
            }
        }
        if (in.plan.team.composition)
            for (const auto& [dept, n] : *in.plan.team.composition)
                if (per_dept[dept] != n) broken.push_back(code + ": wrong number from " + dept);
    }
    for (const auto& [id, n] : load)
        if (in.plan.team.workload_cap && n > *in.plan.team.workload_cap)
            broken.push_back(id + ": load " + std::to_string(n) + " above the cap");
    // Loads reported in the result must be the counted ones, within each group's bounds.
    for (const auto& l : result.loads) {
        if (!check_loads) break;
        std::uint32_t counted = load.count(l.inspector) ? load[l.inspector] : 0;
        if (counted != l.load) broken.push_back(l.inspector + ": reported load differs");
        const auto& g = result.groups[l.group];
        if (counted < g.lo || counted > g.hi)
            broken.push_back(l.inspector + ": load outside [lo, hi]");
    }
    return broken;
}

inline std::vector<HistoryTeam> teams_of(const DrawResult& r) {
    std::vector<HistoryTeam> out;
    for (const auto& e : r.selected) {
        HistoryTeam t{e.code, {}};
        for (const auto& s : e.team) t.inspectors.push_back(s.inspector);
        out.push_back(t);
    }
    return out;
}

// ---- random instances -----------------------------------------------------------------------

struct RandomShape {
    int min_entities = 3, max_entities = 6;
    int min_inspectors = 3, max_inspectors = 6;
    double conflict_rate = 0.15;
};

// A random small instance where every pool row is drawn (ratio 100%): random composition,
// team size, eligibility, regions, conflicts, history and workload cap.
inline Instance random_instance(std::mt19937_64& rng, const RandomShape& shape) {
    auto uniform = [&](int lo, int hi) {
        return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    auto chance = [&](double p) { return static_cast<double>(rng() % 1000000) < p * 1000000; };
    Instance in;
    const int entities = uniform(shape.min_entities, shape.max_entities);
    const int inspectors = uniform(shape.min_inspectors, shape.max_inspectors);
    const bool composition = chance(0.35);
    const int size = uniform(2, 3);
    Json plan = base_plan("100%", size);
    const std::vector<std::string> departments{"乙科", "甲科"};
    if (composition) {
        int first = size == 2 ? 1 : uniform(1, 2);
        plan["team"]["composition"] = {{departments[0], first}, {departments[1], size - first}};
    }
    if (chance(0.4))  // around the average load, so that caps are sometimes tight
        plan["team"]["workload_cap"] =
            std::max(1, (entities * size + inspectors - 1) / inspectors + uniform(-1, 2));
    plan["recusal"] = {{"not_own_region", chance(0.5)}, {"not_last_inspector", chance(0.4)}};
    in.plan = plan_from(plan);
    const std::vector<std::string> regions{"东区", "西区", "南区"};
    for (int e = 0; e < entities; ++e)
        in.rows.push_back(enterprise(static_cast<std::uint64_t>(100 + e), "", regions[rng() % 3]));
    in.table = table_of(in.rows);
    for (int i = 0; i < inspectors; ++i) {
        Inspector x = inspector("P" + std::to_string(10 + i),
                                composition ? departments[rng() % 2] : "执法大队",
                                rng() % 3 == 0 ? "" : regions[rng() % 2]);
        if (chance(0.1)) x.status = "休假";
        const int expiry = uniform(0, 9);
        x.certificate_expiry = expiry == 0   ? "2026-04-01"
                               : expiry == 1 ? "长期"
                               : expiry == 2 ? "9999-09-09"
                                             : "2028-12-31";
        in.inspectors.push_back(x);
    }
    for (const auto& x : in.inspectors)
        for (const auto& row : in.rows)
            if (chance(shape.conflict_rate))
                in.conflicts.push_back({x.id, x.name, row.code, row.name, "亲属", ""});
    if (in.plan.recusal.not_last_inspector || chance(0.3)) {
        HistoryDraw h{std::string(64, 'e'), "2025-09-01", {}};
        for (const auto& row : in.rows)
            if (chance(0.5))
                h.teams.push_back({row.code,
                                   {in.inspectors[rng() % in.inspectors.size()].id,
                                    in.inspectors[rng() % in.inspectors.size()].id}});
        in.history.push_back(h);
    }
    return in;
}

}  // namespace fixtures
