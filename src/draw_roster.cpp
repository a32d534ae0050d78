// Eligible inspectors, groups and allowed pairs (docs/SPEC.md §9.1–9.3).
#include <algorithm>

#include "draw_internal.h"
#include "text_trim.h"

namespace fairdraw::detail {
namespace {

constexpr std::string_view k_long_term_date = "9999-09-09";  // SCHEMA: 长期
constexpr std::string_view k_long_term_text = "长期";

bool listed(const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

// The parts of a multi-valued field, split at ',', '，' and '、', trimmed of U+0020 and U+3000.
std::vector<std::string_view> split_values(std::string_view text) {
    static constexpr std::string_view k_fullwidth_comma = "\xef\xbc\x8c";
    static constexpr std::string_view k_enumeration_comma = "\xe3\x80\x81";
    std::vector<std::string_view> parts;
    std::size_t start = 0, i = 0;
    while (i <= text.size()) {
        std::size_t sep = 0;
        if (i == text.size())
            sep = 1;
        else if (text[i] == ',')
            sep = 1;
        else if (text.substr(i).starts_with(k_fullwidth_comma) ||
                 text.substr(i).starts_with(k_enumeration_comma))
            sep = 3;
        if (sep == 0) {
            ++i;
            continue;
        }
        auto part = trim_spaces(text.substr(start, i - start));
        if (!part.empty()) parts.push_back(part);
        i += sep;
        start = i;
    }
    return parts;
}

}  // namespace

}  // namespace fairdraw::detail

namespace fairdraw {

Ineligibility ineligibility(const Plan& plan, const Inspector& inspector) {
    Ineligibility out;
    out.status = !detail::listed(plan.eligibility.status, inspector.status);
    const std::string& expiry = inspector.certificate_expiry;
    if (expiry != detail::k_long_term_date && expiry != detail::k_long_term_text) {
        auto day = parse_date(expiry);
        out.certificate = !day || *day < plan.window.end_day;
    }
    if (plan.team.composition) {
        out.department =
            std::none_of(plan.team.composition->begin(), plan.team.composition->end(),
                         [&](const auto& part) { return part.first == inspector.department; });
    } else if (!plan.eligibility.departments.empty()) {
        out.department = !detail::listed(plan.eligibility.departments, inspector.department);
    }
    if (!plan.eligibility.specialties.empty()) {
        auto parts = detail::split_values(inspector.specialty);
        out.specialty = std::none_of(parts.begin(), parts.end(), [&](std::string_view part) {
            return detail::listed(plan.eligibility.specialties, part);
        });
    }
    return out;
}

}  // namespace fairdraw

namespace fairdraw::detail {

Result<Roster> build_roster(const Plan& plan, std::span<const Inspector> inspectors,
                            const EnterpriseTable& table) {
    std::vector<const Inspector*> sorted;
    sorted.reserve(inspectors.size());
    for (const auto& i : inspectors) sorted.push_back(&i);
    std::sort(sorted.begin(), sorted.end(),
              [](const Inspector* a, const Inspector* b) { return a->id < b->id; });
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i]->id == sorted[i - 1]->id)
            return Error::bad_input(
                "inspector id \"" + sorted[i]->id + "\" appears twice in the inspector directory",
                "a snapshot holds each id once; re-import the directory");
    Roster roster;
    for (const Inspector* inspector : sorted) {
        Ineligibility why = ineligibility(plan, *inspector);
        if (why.eligible())
            roster.eligible.push_back(inspector);
        else
            roster.ineligible.emplace_back(inspector, why);
    }
    const auto count = static_cast<std::uint32_t>(roster.eligible.size());
    roster.group_of.assign(count, 0);
    if (plan.team.composition) {
        for (const auto& [dept, need] : *plan.team.composition) {
            GroupDef g{dept, static_cast<std::uint32_t>(need), {}};
            for (std::uint32_t i = 0; i < count; ++i)
                if (roster.eligible[i]->department == dept) {
                    g.members.push_back(i);
                    roster.group_of[i] = static_cast<std::uint32_t>(roster.groups.size());
                }
            roster.groups.push_back(std::move(g));
        }
    } else {
        GroupDef g{std::nullopt, static_cast<std::uint32_t>(plan.team.size), {}};
        for (std::uint32_t i = 0; i < count; ++i) g.members.push_back(i);
        roster.groups.push_back(std::move(g));
    }
    roster.region_key.assign(count, -1);
    for (std::uint32_t i = 0; i < count; ++i) {
        roster.index.emplace(roster.eligible[i]->id, i);
        const std::string& region = roster.eligible[i]->region;
        if (plan.recusal.not_own_region && !region.empty())
            if (auto id = table.find_value(EnterpriseField::region, region))
                roster.region_key[i] = static_cast<std::int64_t>(*id);
    }
    return roster;
}

IneligibleCounts ineligible_counts(const Roster& roster, std::uint32_t g) {
    IneligibleCounts out;
    const auto& dept = roster.groups[g].department;
    for (const auto& [inspector, why] : roster.ineligible) {
        if (dept && inspector->department != *dept) continue;
        out.status += why.status;
        out.certificate += why.certificate;
        out.department += why.department;
        out.specialty += why.specialty;
    }
    return out;
}

Rules::Rules(const Plan& plan, const Roster& roster, std::span<const Conflict> conflicts,
             std::span<const HistoryDraw> history)
    : m_roster(roster),
      m_own_region(plan.recusal.not_own_region),
      m_last(plan.recusal.not_last_inspector),
      m_history(history) {
    for (const auto& c : conflicts)
        if (auto it = roster.index.find(c.inspector); it != roster.index.end())
            m_conflicts[c.entity].push_back(it->second);
    for (auto& [code, list] : m_conflicts) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
}

std::vector<EntityRule> Rules::for_rows(const EnterpriseTable& table,
                                        std::span<const std::uint32_t> rows) const {
    std::vector<EntityRule> out(rows.size());
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        std::string_view code = table.code(rows[k]);
        if (auto it = m_conflicts.find(code); it != m_conflicts.end()) out[k].conflict = it->second;
        if (m_own_region && table.value_id(rows[k], EnterpriseField::region) != 0)
            out[k].region = table.value_id(rows[k], EnterpriseField::region);
        if (m_last) position.emplace(code, k);
    }
    if (m_last) {
        std::vector<const HistoryTeam*> last(rows.size(), nullptr);
        for (const auto& draw : m_history)
            for (const auto& team : draw.teams)
                if (auto it = position.find(team.code); it != position.end())
                    last[it->second] = &team;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (last[k] == nullptr) continue;
            for (const auto& id : last[k]->inspectors)
                if (auto it = m_roster.index.find(id); it != m_roster.index.end())
                    out[k].last.push_back(it->second);
            std::sort(out[k].last.begin(), out[k].last.end());
            out[k].last.erase(std::unique(out[k].last.begin(), out[k].last.end()),
                              out[k].last.end());
        }
    }
    for (auto& rule : out) {
        std::set_union(rule.conflict.begin(), rule.conflict.end(), rule.last.begin(),
                       rule.last.end(), std::back_inserter(rule.excluded));
    }
    return out;
}

}  // namespace fairdraw::detail
