// Why no assignment of inspectors exists, from a minimum cut of the bounds
// network (§9.4): the entities on the cut's source side need more assignments
// than the members allowed for them can give.
#include <algorithm>

#include "draw_internal.h"

namespace fairdraw::detail {
namespace {

constexpr std::size_t k_codes_shown = 5;

std::string plural(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t i) {
    return std::binary_search(sorted.begin(), sorted.end(), i);
}

}  // namespace

Problem explain_infeasible(const TeamBoard& board, const Roster& roster, const ClassGraph& graph,
                           std::uint32_t group, std::uint64_t cap, bool capped) {
    const GroupDef& def = roster.groups[group];
    const auto members = static_cast<std::uint32_t>(def.members.size());
    Cut cut = minimum_cut(graph, def.need, members, cap);
    std::vector<char> in_cut(graph.size.size(), 0);
    for (auto c : cut.classes) in_cut[c] = 1;
    std::vector<std::uint32_t> entities;  // selected order
    for (std::uint32_t e = 0; e < graph.class_of.size(); ++e)
        if (in_cut[graph.class_of[e]]) entities.push_back(e);
    std::vector<char> reachable(members, 0);  // allowed for at least one of them
    for (auto c : cut.classes)
        for (auto m : graph.allowed[c]) reachable[m] = 1;

    // Why the other members are not allowed for these entities.
    std::uint64_t conflict = 0, region = 0, last = 0, allowed_count = 0, at_cap = 0;
    for (std::uint32_t m = 0; m < members; ++m) {
        if (reachable[m]) {
            ++allowed_count;
            at_cap += capped && cut.saturated[m];
            continue;
        }
        const std::uint32_t i = def.members[m];
        bool by_conflict = false, by_region = false, by_last = false;
        for (auto e : entities) {
            const EntityRule& rule = board.rules[e];
            by_conflict = by_conflict || contains(rule.conflict, i);
            by_region = by_region || (rule.region >= 0 && roster.region_key[i] == rule.region);
            by_last = by_last || contains(rule.last, i);
        }
        conflict += by_conflict;
        region += by_region;
        last += by_last;
    }
    const IneligibleCounts inel = ineligible_counts(roster, group);

    std::string who =
        def.department ? "department " + *def.department : std::string("the eligible inspectors");
    std::string codes;
    for (std::size_t k = 0; k < entities.size() && k < k_codes_shown; ++k)
        codes += (k ? ", " : "") + std::string(board.codes[entities[k]]);
    if (entities.size() > k_codes_shown) codes += ", …";

    Problem p;
    p.field = def.department ? "department " + *def.department : std::string("team");
    p.message = plural(entities.size(), "selected entity", "selected entities") + " (" + codes +
                ") " + (entities.size() == 1 ? "needs " : "need ") + std::to_string(def.need) +
                " inspector" + (def.need == 1 ? "" : "s") + " each from " + who + ", but " +
                plural(allowed_count, "member is", "members are") + " allowed for " +
                (entities.size() == 1 ? "it" : "them");
    p.expected = std::to_string(cut.needed) + " assignments";
    p.found = "at most " + std::to_string(cut.available);
    std::string hint = who + " has " + plural(members, "eligible member", "eligible members");
    hint += "; not allowed: " + std::to_string(conflict) + " declared conflict, " +
            std::to_string(region) + " own region, " + std::to_string(last) + " last inspector";
    if (capped)
        hint += "; " + std::to_string(at_cap) + " allowed at the workload cap of " +
                std::to_string(cap);
    hint += "; not eligible: " + std::to_string(inel.status) + " status, " +
            std::to_string(inel.certificate) + " certificate, " + std::to_string(inel.department) +
            " department, " + std::to_string(inel.specialty) + " specialty";
    hint +=
        ". Add eligible inspectors, raise team.workload_cap, relax the recusal rules or draw fewer "
        "entities";
    p.hint = hint;
    return p;
}

}  // namespace fairdraw::detail
