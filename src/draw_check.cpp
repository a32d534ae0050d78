// Plan check: what the directories say about a plan before any randomness
// exists — pool and counts per stratum, eligible inspectors per group and why
// the others are not, capacity, and pool entities no team can be formed for.
#include <algorithm>
#include <limits>

#include "draw_internal.h"

namespace fairdraw {
namespace {

using namespace detail;

constexpr std::size_t k_chunk = 1 << 16;
constexpr std::size_t k_codes_shown = 5;

std::string group_name(const GroupDef& def) {
    return def.department ? "department " + *def.department : std::string("team");
}

// Pool entities with fewer allowed members than a team needs, per group.
void find_short_entities(const EnterpriseTable& table, const Pool& pool, const Roster& roster,
                         const Rules& rules, std::span<const std::uint64_t> counts,
                         PlanCheck& out) {
    const std::size_t groups = roster.groups.size();
    std::vector<std::unordered_map<std::int64_t, std::uint64_t>> by_region(groups);
    for (std::uint32_t g = 0; g < groups; ++g)
        for (auto i : roster.groups[g].members)
            if (roster.region_key[i] >= 0) ++by_region[g][roster.region_key[i]];
    std::vector<std::vector<std::string_view>> codes(groups);
    std::vector<std::uint64_t> certain(groups, 0);
    std::vector<std::uint32_t> rows;
    for (std::size_t start = 0; start < pool.rows.size(); start += k_chunk) {
        const std::size_t end = std::min(pool.rows.size(), start + k_chunk);
        rows.assign(pool.rows.begin() + static_cast<std::ptrdiff_t>(start),
                    pool.rows.begin() + static_cast<std::ptrdiff_t>(end));
        auto chunk = rules.for_rows(table, rows);
        for (std::size_t k = 0; k < chunk.size(); ++k) {
            const EntityRule& rule = chunk[k];
            for (std::uint32_t g = 0; g < groups; ++g) {
                const GroupDef& def = roster.groups[g];
                std::uint64_t blocked = 0;
                if (rule.region >= 0)
                    if (auto it = by_region[g].find(rule.region); it != by_region[g].end())
                        blocked = it->second;
                for (auto i : rule.excluded)
                    if (roster.group_of[i] == g &&
                        !(rule.region >= 0 && roster.region_key[i] == rule.region))
                        ++blocked;
                if (def.members.size() - blocked >= def.need || def.members.size() < def.need)
                    continue;
                codes[g].push_back(table.code(rows[k]));
                const std::uint32_t s = pool.group[start + k];
                if (counts[s] == pool.sizes[s]) ++certain[g];
            }
        }
    }
    for (std::uint32_t g = 0; g < groups; ++g) {
        auto& list = codes[g];
        GroupCheck& gc = out.groups[g];
        gc.short_entities = list.size();
        if (list.empty()) continue;
        const std::size_t shown = std::min(list.size(), k_codes_shown);
        std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(shown),
                          list.end());
        std::string found;
        for (std::size_t k = 0; k < shown; ++k) {
            gc.short_codes.emplace_back(list[k]);
            found += (k ? ", " : "") + std::string(list[k]);
        }
        if (list.size() > shown) found += ", …";
        Problem p;
        p.field = group_name(roster.groups[g]);
        p.message = std::to_string(list.size()) +
                    " pool entities have fewer allowed inspectors than the " +
                    std::to_string(roster.groups[g].need) + " a team needs from this group";
        p.found = found;
        p.hint =
            "a draw that selects one of them is impossible; check their declared conflicts and the "
            "recusal rules, or add inspectors";
        if (certain[g] > 0) {
            p.message += ", and " + std::to_string(certain[g]) + " of them are certain to be drawn";
            out.errors.push_back(std::move(p));
        } else {
            out.warnings.push_back(std::move(p));
        }
    }
}

}  // namespace

Result<PlanCheck> check_plan(const Plan& plan, const Directories& directories,
                             std::span<const HistoryDraw> history) {
    const EnterpriseTable& table = directories.enterprises;
    PlanCheck out;
    Pool pool = scan_pool(plan, table, history);
    auto counts = stratum_counts(plan, pool.sizes);
    out.pool = pool.counts;
    out.unmatched = pool.unmatched;
    for (std::size_t g = 0; g < counts.size(); ++g) {
        out.strata.push_back(StratumCheck{plan.strata.groups[g].name, pool.sizes[g], counts[g]});
        out.total += counts[g];
    }
    out.errors = strata_problems(plan, pool, counts);
    FD_ASSIGN(Roster roster, build_roster(plan, directories.inspectors, table));
    Rules rules(plan, roster, directories.conflicts, history);
    for (std::uint32_t g = 0; g < roster.groups.size(); ++g) {
        const GroupDef& def = roster.groups[g];
        GroupCheck gc;
        gc.department = def.department;
        gc.need = def.need;
        gc.eligible = def.members.size();
        gc.ineligible = ineligible_counts(roster, g);
        gc.demand = std::uint64_t{def.need} * out.total;
        if (plan.team.workload_cap)
            gc.capacity = gc.eligible * static_cast<std::uint64_t>(*plan.team.workload_cap);
        if (out.total > 0 && gc.eligible < def.need) {
            Problem p;
            p.field = group_name(def);
            p.message = "too few eligible inspectors for one team";
            p.expected = "at least " + std::to_string(def.need);
            p.found = std::to_string(gc.eligible) +
                      " (not eligible: " + std::to_string(gc.ineligible.status) + " status, " +
                      std::to_string(gc.ineligible.certificate) + " certificate, " +
                      std::to_string(gc.ineligible.department) + " department, " +
                      std::to_string(gc.ineligible.specialty) + " specialty)";
            p.hint =
                "check the inspector directory's statuses and certificate dates, or the "
                "eligibility rules";
            out.errors.push_back(std::move(p));
        } else if (gc.capacity && gc.demand > *gc.capacity) {
            Problem p;
            p.field = group_name(def);
            p.message = "the workload cap leaves too few assignments";
            p.expected = std::to_string(gc.demand) + " assignments (" + std::to_string(def.need) +
                         " × " + std::to_string(out.total) + " entities)";
            p.found = "at most " + std::to_string(*gc.capacity) + " (" +
                      std::to_string(gc.eligible) + " inspectors × cap " +
                      std::to_string(*plan.team.workload_cap) + ")";
            p.hint = "raise team.workload_cap, add inspectors or draw fewer entities";
            out.errors.push_back(std::move(p));
        }
        out.groups.push_back(std::move(gc));
    }
    find_short_entities(table, pool, roster, rules, counts, out);
    return out;
}

Json plan_check_json(const PlanCheck& check) {
    auto problems = [](const std::vector<Problem>& list) {
        Json out = Json::array();
        for (const auto& p : list)
            out.push_back({{"field", p.field},
                           {"message", p.message},
                           {"expected", p.expected},
                           {"found", p.found},
                           {"hint", p.hint}});
        return out;
    };
    Json strata = Json::array();
    for (const auto& s : check.strata)
        strata.push_back({{"name", s.name}, {"pool", s.pool}, {"count", s.count}});
    Json unmatched = Json::array();
    for (const auto& [value, rows] : check.unmatched)
        unmatched.push_back(Json::array({value, rows}));
    Json groups = Json::array();
    for (const auto& g : check.groups)
        groups.push_back({{"department", g.department ? Json(*g.department) : Json(nullptr)},
                          {"need", g.need},
                          {"eligible", g.eligible},
                          {"ineligible",
                           {{"status", g.ineligible.status},
                            {"certificate", g.ineligible.certificate},
                            {"department", g.ineligible.department},
                            {"specialty", g.ineligible.specialty}}},
                          {"demand", g.demand},
                          {"capacity", g.capacity ? Json(*g.capacity) : Json(nullptr)},
                          {"short_entities", g.short_entities},
                          {"short_codes", g.short_codes}});
    const PoolCounts& p = check.pool;
    return Json{{"ok", check.ok()},
                {"pool",
                 {{"rows", p.rows},
                  {"population", p.population},
                  {"recent", p.recent},
                  {"annual_cap", p.annual_cap},
                  {"unmatched", p.unmatched},
                  {"size", p.size}}},
                {"strata", strata},
                {"total", check.total},
                {"unmatched", unmatched},
                {"groups", groups},
                {"errors", problems(check.errors)},
                {"warnings", problems(check.warnings)}};
}

}  // namespace fairdraw
