// The draw against an exhaustive search on small instances: it must succeed
// exactly when some valid assignment exists, and its workload bounds must be
// the best possible ones (least maximum load, then greatest minimum load).
#include <bit>
#include <catch2/catch.hpp>
#include <unordered_set>

#include "draw_fixtures.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

struct Optimum {
    bool feasible = false;
    std::uint32_t hi = 0, lo = 0;
};

// Every reachable vector of member loads, entity by entity: a state is the loads
// in base (entities + 1). Exhaustive over all choices of need-subsets of the
// members allowed for each entity, with loads at most the cap.
Optimum brute_force(const Instance& in, const std::vector<const Inspector*>& members,
                    std::uint32_t need) {
    const std::uint32_t m = static_cast<std::uint32_t>(members.size());
    const std::uint64_t base = in.rows.size() + 1;
    const std::uint64_t cap = in.plan.team.workload_cap
                                  ? static_cast<std::uint64_t>(*in.plan.team.workload_cap)
                                  : in.rows.size();
    std::set<std::pair<std::string, std::string>> conflicts;
    for (const auto& c : in.conflicts) conflicts.emplace(c.inspector, c.entity);
    std::map<std::string, std::vector<std::string>> last;
    for (const auto& d : in.history)
        for (const auto& t : d.teams) last[t.code] = t.inspectors;
    auto load_of = [&](std::uint64_t state, std::uint32_t k) {
        for (std::uint32_t j = 0; j < k; ++j) state /= base;
        return state % base;
    };
    std::unordered_set<std::uint64_t> states{0};
    for (const auto& row : in.rows) {
        std::vector<std::uint32_t> allowed;
        for (std::uint32_t k = 0; k < m; ++k) {
            const Inspector& x = *members[k];
            bool ok = !conflicts.count({x.id, row.code});
            if (in.plan.recusal.not_own_region && !x.region.empty() && x.region == row.region)
                ok = false;
            if (in.plan.recusal.not_last_inspector && last.count(row.code)) {
                const auto& team = last[row.code];
                if (std::find(team.begin(), team.end(), x.id) != team.end()) ok = false;
            }
            if (ok) allowed.push_back(k);
        }
        std::unordered_set<std::uint64_t> next;
        for (std::uint32_t mask = 0; mask < (1u << allowed.size()); ++mask) {
            if (static_cast<std::uint32_t>(std::popcount(mask)) != need) continue;
            for (auto state : states) {
                std::uint64_t s = state, weight = 1;
                bool ok = true;
                for (std::uint32_t k = 0; k < m; ++k, weight *= base) {
                    for (std::uint32_t b = 0; b < allowed.size(); ++b)
                        if ((mask >> b & 1u) && allowed[b] == k) {
                            if (load_of(state, k) + 1 > cap) ok = false;
                            s += weight;
                        }
                }
                if (ok) next.insert(s);
            }
        }
        states = std::move(next);
    }
    Optimum best;
    if (states.empty()) return best;
    best.feasible = true;
    best.hi = ~0u;
    for (auto s : states) {
        std::uint32_t mx = 0;
        for (std::uint32_t k = 0; k < m; ++k)
            mx = std::max<std::uint32_t>(mx, static_cast<std::uint32_t>(load_of(s, k)));
        best.hi = std::min(best.hi, mx);
    }
    for (auto s : states) {
        std::uint32_t mx = 0, mn = ~0u;
        for (std::uint32_t k = 0; k < m; ++k) {
            auto l = static_cast<std::uint32_t>(load_of(s, k));
            mx = std::max(mx, l);
            mn = std::min(mn, l);
        }
        if (m == 0) mn = 0;
        if (mx == best.hi) best.lo = std::max(best.lo, mn);
    }
    return best;
}

}  // namespace

TEST_CASE("the draw succeeds exactly when an assignment exists, with the optimal bounds",
          "[draw][teams][completeness]") {
    std::mt19937_64 rng(424242);
    int feasible = 0, infeasible = 0, spread_one = 0;
    for (int round = 0; round < 800; ++round) {
        Instance in = random_instance(rng, RandomShape{});
        // The groups as §9.2 defines them, from the independent eligibility reading.
        std::vector<std::pair<std::vector<const Inspector*>, std::uint32_t>> groups;
        std::vector<const Inspector*> sorted;
        for (const auto& x : in.inspectors)
            if (eligible(in.plan, x)) sorted.push_back(&x);
        std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
        if (in.plan.team.composition) {
            for (const auto& [dept, n] : *in.plan.team.composition) {
                std::vector<const Inspector*> members;
                for (auto* x : sorted)
                    if (x->department == dept) members.push_back(x);
                groups.emplace_back(members, static_cast<std::uint32_t>(n));
            }
        } else {
            groups.emplace_back(sorted, static_cast<std::uint32_t>(in.plan.team.size));
        }
        std::vector<Optimum> optimum;
        bool all = true;
        for (const auto& [members, need] : groups) {
            optimum.push_back(brute_force(in, members, need));
            all = all && optimum.back().feasible;
        }
        auto draw = in.run(input_for("completeness " + std::to_string(round)));
        INFO("round " << round << ": " << normalized_plan_json(in.plan));
        REQUIRE(draw.ok() == all);
        if (!all) {
            ++infeasible;
            CHECK(draw.error().details.size() >= 1);
            continue;
        }
        ++feasible;
        const DrawResult& r = draw->result();
        auto broken = broken_rules(in, teams_of(r), r);
        for (const auto& b : broken) UNSCOPED_INFO(b);
        CHECK(broken.empty());
        for (std::size_t g = 0; g < groups.size(); ++g) {
            CHECK(r.groups[g].hi == optimum[g].hi);
            CHECK(r.groups[g].lo == optimum[g].lo);
            std::uint32_t mx = 0, mn = ~0u;
            for (const auto& l : r.loads)
                if (l.group == g) {
                    mx = std::max(mx, l.load);
                    mn = std::min(mn, l.load);
                }
            if (r.groups[g].members == 0) continue;
            CHECK(mx == optimum[g].hi);
            CHECK(mn == optimum[g].lo);
            // When an assignment with loads differing by at most one exists, the draw's do too.
            if (optimum[g].hi - optimum[g].lo <= 1) {
                CHECK(mx - mn <= 1);
                ++spread_one;
            }
        }
    }
    // The random shapes must exercise both outcomes.
    INFO("feasible " << feasible << ", infeasible " << infeasible << ", spread ≤ 1 " << spread_one);
    CHECK(feasible > 150);
    CHECK(infeasible > 20);
    CHECK(spread_one > 50);
}
