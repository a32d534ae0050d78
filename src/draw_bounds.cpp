// Workload bounds hi_g and lo_g (docs/SPEC.md §9.4) by maximum flow on a
// compressed graph.
//
// Entities with the same allowed members form a class C of n_C entities.
// Network: source → C (capacity r·n_C), C → member i allowed for C
// (capacity n_C), i → sink (capacity h). Every member load ≤ h is possible
// exactly when the maximum flow is r·E: an integral class flow in which each
// C → i carries at most n_C can be dealt out to the n_C entities as teams of r
// distinct members (list each member's units consecutively and deal them
// round-robin: no member reaches the same entity twice). Loads in [l, h] use
// the standard reduction of lower bounds to a circulation.
#include <algorithm>
#include <limits>
#include <map>

#include "draw_internal.h"
#include "maxflow.h"

namespace fairdraw::detail {
namespace {

constexpr std::int64_t k_infinite = std::numeric_limits<std::int64_t>::max() / 4;

// Loads at most h. Nodes: 0 source, 1 sink, then classes, then members.
class UpperNetwork {
  public:
    UpperNetwork(const ClassGraph& graph, std::uint32_t need, std::uint32_t members)
        : m_classes(static_cast<std::uint32_t>(graph.size.size())),
          m_flow(2 + m_classes + members) {
        for (std::uint32_t c = 0; c < m_classes; ++c) {
            auto n = static_cast<std::int64_t>(graph.size[c]);
            m_flow.add_edge(0, 2 + c, std::int64_t{need} * n);
            m_demand += std::int64_t{need} * n;
            for (auto m : graph.allowed[c]) m_flow.add_edge(2 + c, 2 + m_classes + m, n);
        }
        for (std::uint32_t m = 0; m < members; ++m)
            m_member_edges.push_back(m_flow.add_edge(2 + m_classes + m, 1, 0));
    }
    bool feasible(std::int64_t h) {
        for (auto e : m_member_edges) m_flow.set_capacity(e, h);
        m_flow.reset();
        return m_flow.run(0, 1) == m_demand;
    }
    bool class_on_source_side(const std::vector<char>& side, std::uint32_t c) const {
        return side[2 + c];
    }
    bool member_on_source_side(const std::vector<char>& side, std::uint32_t m) const {
        return side[2 + m_classes + m];
    }
    std::vector<char> source_side() const { return m_flow.reachable(0); }

  private:
    std::uint32_t m_classes;
    MaxFlow m_flow;
    std::vector<std::uint32_t> m_member_edges;
    std::int64_t m_demand = 0;
};

// Loads in [l, h]: the lower bounds moved to a super source S' and sink T' (the
// standard reduction to a circulation, with t → s of unbounded capacity).
// Nodes: 0 S', 1 T', 2 s, 3 t, classes, members.
class RangeNetwork {
  public:
    RangeNetwork(const ClassGraph& graph, std::uint32_t need, std::uint32_t members)
        : m_members(members), m_flow(4 + static_cast<std::uint32_t>(graph.size.size()) + members) {
        const auto classes = static_cast<std::uint32_t>(graph.size.size());
        for (std::uint32_t c = 0; c < classes; ++c) {
            auto n = static_cast<std::int64_t>(graph.size[c]);
            m_entities += n;
            m_flow.add_edge(0, 4 + c, std::int64_t{need} * n);  // s → C carries exactly r·n_C
            for (auto m : graph.allowed[c]) m_flow.add_edge(4 + c, 4 + classes + m, n);
        }
        m_assigned = std::int64_t{need} * m_entities;
        m_flow.add_edge(2, 1, m_assigned);
        for (std::uint32_t m = 0; m < members; ++m) {
            m_upper.push_back(m_flow.add_edge(4 + classes + m, 3, 0));
            m_lower.push_back(m_flow.add_edge(4 + classes + m, 1, 0));
        }
        m_lower_total = m_flow.add_edge(0, 3, 0);
        m_flow.add_edge(3, 2, k_infinite);
    }
    bool feasible(std::int64_t l, std::int64_t h) {
        for (auto e : m_upper) m_flow.set_capacity(e, h - l);
        for (auto e : m_lower) m_flow.set_capacity(e, l);
        m_flow.set_capacity(m_lower_total, std::int64_t{m_members} * l);
        m_flow.reset();
        return m_flow.run(0, 1) == m_assigned + std::int64_t{m_members} * l;
    }

  private:
    std::uint32_t m_members;
    MaxFlow m_flow;
    std::vector<std::uint32_t> m_upper, m_lower;
    std::uint32_t m_lower_total = 0;
    std::int64_t m_entities = 0, m_assigned = 0;
};

// The least x in [from, to] with ok(x), knowing ok(to) and that ok is monotone (false …
// true): galloping up from `from`, then bisection. Most instances stop at `from`.
template <class Ok>
std::uint64_t least_from(std::uint64_t from, std::uint64_t to, Ok ok) {
    std::uint64_t bad = from, step = 1;  // bad: the largest value known to fail, once one is
    if (ok(from)) return from;
    std::uint64_t good = to;
    while (bad + step < to) {
        if (ok(bad + step)) {
            good = bad + step;
            break;
        }
        bad += step;
        step *= 2;
    }
    while (bad + 1 < good) {
        std::uint64_t mid = bad + (good - bad) / 2;
        if (ok(mid))
            good = mid;
        else
            bad = mid;
    }
    return good;
}

}  // namespace

ClassGraph build_classes(const TeamBoard& board, const Roster& roster, std::uint32_t group) {
    const GroupDef& g = roster.groups[group];
    std::vector<char> region_in_group;  // does some member have this region key?
    std::map<std::pair<std::int64_t, std::vector<std::uint32_t>>, std::uint32_t> classes;
    ClassGraph graph;
    std::vector<std::uint32_t> excluded;
    std::int64_t unrestricted = -1;  // the class of entities that exclude nobody
    for (std::uint32_t e = 0; e < board.rules.size(); ++e) {
        const EntityRule& rule = board.rules[e];
        std::int64_t region = -1;
        if (rule.region >= 0)
            for (auto i : g.members)
                if (roster.region_key[i] == rule.region) region = rule.region;
        excluded.clear();
        for (auto i : rule.excluded)
            if (roster.group_of[i] == group && !(region >= 0 && roster.region_key[i] == region))
                excluded.push_back(i);
        // Most entities exclude nobody of the group: they share one class without a lookup.
        if (region < 0 && excluded.empty() && unrestricted >= 0) {
            ++graph.size[static_cast<std::size_t>(unrestricted)];
            graph.class_of.push_back(static_cast<std::uint32_t>(unrestricted));
            continue;
        }
        auto [it, fresh] =
            classes.try_emplace({region, excluded}, static_cast<std::uint32_t>(graph.size.size()));
        if (region < 0 && excluded.empty()) unrestricted = it->second;
        if (fresh) {
            graph.size.push_back(0);
            std::vector<std::uint32_t> allowed_members;
            for (std::uint32_t m = 0; m < g.members.size(); ++m)
                if (allowed(roster, rule, g.members[m])) allowed_members.push_back(m);
            graph.allowed.push_back(std::move(allowed_members));
        }
        ++graph.size[it->second];
        graph.class_of.push_back(it->second);
    }
    return graph;
}

std::optional<Bounds> compute_bounds(const ClassGraph& graph, std::uint32_t need,
                                     std::uint32_t members, std::uint64_t cap) {
    std::uint64_t entities = 0;
    for (auto n : graph.size) entities += n;
    const std::uint64_t total = entities * need;
    if (total == 0) return Bounds{0, 0};
    if (members == 0) return std::nullopt;
    const std::uint64_t top = std::min(cap, entities);
    const std::uint64_t bottom =
        (total + members - 1) / members;  // no assignment has a lower maximum
    if (bottom > top) return std::nullopt;
    std::uint64_t hi = 0;
    {
        UpperNetwork net(graph, need, members);
        auto ok = [&](std::uint64_t h) { return net.feasible(static_cast<std::int64_t>(h)); };
        if (ok(bottom)) {
            hi = bottom;  // the usual case: one flow
        } else {
            if (!ok(top)) return std::nullopt;
            hi = least_from(bottom + 1, top, ok);
        }
    }
    // lo: the greatest l ≤ min(hi, ⌊total / members⌋) with loads in [l, hi]; l = 0 is feasible.
    const std::uint64_t ceiling = std::min<std::uint64_t>(hi, total / members);
    RangeNetwork range(graph, need, members);
    const auto h = static_cast<std::int64_t>(hi);
    // Searching downwards from the ceiling: x ↦ ceiling − x is monotone false … true.
    const std::uint64_t drop = least_from(0, ceiling, [&](std::uint64_t x) {
        return range.feasible(static_cast<std::int64_t>(ceiling - x), h);
    });
    return Bounds{static_cast<std::uint32_t>(hi), static_cast<std::uint32_t>(ceiling - drop)};
}

Cut minimum_cut(const ClassGraph& graph, std::uint32_t need, std::uint32_t members,
                std::uint64_t cap) {
    std::uint64_t entities = 0;
    for (auto n : graph.size) entities += n;
    const auto h = static_cast<std::int64_t>(std::min(cap, entities));
    UpperNetwork net(graph, need, members);
    net.feasible(h);
    // The source side of the residual graph is the same for every maximum flow.
    const std::vector<char> side = net.source_side();
    Cut cut;
    cut.saturated.assign(members, 0);
    std::vector<std::uint64_t> reach(members, 0);  // Σ n_C over source-side classes allowing m
    for (std::uint32_t c = 0; c < graph.size.size(); ++c) {
        if (!net.class_on_source_side(side, c)) continue;
        cut.classes.push_back(c);
        cut.needed += std::uint64_t{need} * graph.size[c];
        for (auto m : graph.allowed[c]) reach[m] += graph.size[c];
    }
    for (std::uint32_t m = 0; m < members; ++m) {
        cut.saturated[m] = net.member_on_source_side(side, m);
        cut.available += std::min<std::uint64_t>(reach[m], static_cast<std::uint64_t>(h));
    }
    return cut;
}

}  // namespace fairdraw::detail
