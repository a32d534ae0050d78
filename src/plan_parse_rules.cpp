// Plan validation of strata, team, eligibility, recusal and confidential fields (docs/SPEC.md §5).
#include <algorithm>
#include <array>
#include <set>

#include "plan_reader.h"

namespace fairdraw::detail {
namespace {

constexpr std::array<std::string_view, 8> k_inspector_statuses{"在岗", "离岗", "停职", "休假",
                                                               "病假", "借调", "调离", "退休"};
constexpr std::array<EnterpriseField, 7> k_strata_fields{
    EnterpriseField::credit_class, EnterpriseField::industry,     EnterpriseField::region,
    EnterpriseField::entity_type,  EnterpriseField::jurisdiction, EnterpriseField::grid,
    EnterpriseField::status};

}  // namespace

void PlanReader::read_strata(const Json* strata, Plan& plan) {
    if (strata == nullptr) {
        m_in.problem("strata", "is required", "{\"field\": …, \"groups\": […]}", "",
                     "for one group of the whole pool: {\"field\": null, \"groups\": "
                     "[{\"name\": \"all\", \"ratio\": \"5%\"}]}");
        return;
    }
    if (!m_in.object(*strata, "strata", {"field", "unmatched", "groups"})) return;
    const Json* f = JsonReader::member(*strata, "field");
    m_has_field = !absent(f);  // groups are checked as if the field were valid
    if (m_has_field) {
        auto name = m_in.string(f, "strata.field", true);
        auto field = name ? enterprise_field(*name) : std::nullopt;
        if (field && std::find(k_strata_fields.begin(), k_strata_fields.end(), *field) !=
                         k_strata_fields.end())
            plan.strata.field = field;
        else if (name)
            m_in.problem(
                "strata.field", "is not a field strata can use",
                "null or one of credit_class, industry, region, entity_type, jurisdiction, "
                "grid, status",
                "\"" + *name + "\"");
    }
    if (auto v = m_in.string(JsonReader::member(*strata, "unmatched"), "strata.unmatched", false)) {
        if (*v == "error")
            plan.strata.unmatched = Unmatched::error;
        else if (*v == "exclude")
            plan.strata.unmatched = Unmatched::exclude;
        else
            m_in.problem("strata.unmatched", "is not a choice", "\"error\" or \"exclude\"",
                         "\"" + *v + "\"");
    }
    const Json* groups = JsonReader::member(*strata, "groups");
    if (groups == nullptr || !groups->is_array() || groups->empty()) {
        m_in.problem("strata.groups",
                     groups == nullptr ? "is required" : "must be a non-empty list",
                     "a list of groups", groups ? detail::show(*groups) : "");
        return;
    }
    if (!m_has_field && groups->size() != 1)
        m_in.problem("strata.groups", "must hold exactly one group when strata.field is null",
                     "1 group", std::to_string(groups->size()) + " groups",
                     "set strata.field to split the pool into groups");
    for (std::size_t i = 0; i < groups->size(); ++i)
        read_group((*groups)[i], JsonReader::index("strata.groups", i), plan);
    std::set<std::string> names, values;
    for (std::size_t i = 0; i < plan.strata.groups.size(); ++i) {
        const StratumGroup& g = plan.strata.groups[i];
        std::string path = JsonReader::index("strata.groups", i);
        if (!g.name.empty() && !names.insert(g.name).second)
            m_in.problem(path + ".name", "repeats an earlier group's name", "a unique name",
                         "\"" + g.name + "\"");
        for (std::size_t j = 0; j < g.values.size(); ++j)
            if (!values.insert(g.values[j]).second)
                m_in.problem(JsonReader::index(path + ".values", j),
                             "appears in more than one place",
                             "each value in at most one group, once", "\"" + g.values[j] + "\"",
                             "a row must belong to exactly one group");
    }
}

void PlanReader::read_group(const Json& group, const std::string& path, Plan& plan) {
    if (!m_in.object(group, path, {"name", "values", "ratio", "count", "min", "max"})) return;
    StratumGroup g;
    g.name = m_in.string(JsonReader::member(group, "name"), path + ".name", true).value_or("");
    const Json* values = JsonReader::member(group, "values");
    if (m_has_field) {
        if (absent(values))
            m_in.problem(path + ".values", "is required when strata.field is set",
                         "the field values of this group", "",
                         "e.g. \"values\": [\"A\"]; \"\" matches rows without the field");
        else if (auto v = m_in.strings(values, path + ".values", true)) {
            if (v->empty())
                m_in.problem(path + ".values", "must not be empty", "at least one value", "[]");
            g.values = *v;
        }
    } else if (!absent(values)) {
        m_in.problem(path + ".values", "is only allowed when strata.field is set", "no values",
                     detail::show(*values));
    }
    const Json* ratio_json = JsonReader::member(group, "ratio");
    const Json* count_json = JsonReader::member(group, "count");
    if (absent(ratio_json) == absent(count_json))
        m_in.problem(path, "needs exactly one of ratio and count", "\"ratio\" or \"count\"",
                     absent(ratio_json) ? "neither" : "both");
    if (!absent(ratio_json)) g.ratio = ratio(ratio_json, path + ".ratio");
    if (!absent(count_json)) g.count = m_in.integer(count_json, path + ".count", 0, k_plan_max_int);
    if (const Json* v = JsonReader::member(group, "min"); !absent(v))
        g.min = m_in.integer(v, path + ".min", 0, k_plan_max_int);
    if (const Json* v = JsonReader::member(group, "max"); !absent(v))
        g.max = m_in.integer(v, path + ".max", 0, k_plan_max_int);
    if (g.min && g.max && *g.min > *g.max)
        m_in.problem(path, "has min greater than max", "min ≤ max",
                     std::to_string(*g.min) + " > " + std::to_string(*g.max));
    plan.strata.groups.push_back(std::move(g));
}

void PlanReader::read_team(const Json* team, Plan& plan) {
    if (team == nullptr) {
        m_in.problem("team", "is required", "{\"size\": 2, …}", "",
                     "行政处罚法 Art. 42: at least two inspectors per entity");
        return;
    }
    if (!m_in.object(*team, "team", {"size", "composition", "workload_cap"})) return;
    const Json* size = JsonReader::member(*team, "size");
    if (size == nullptr) m_in.problem("team.size", "is required", "an integer ≥ 2");
    auto n = m_in.integer(size, "team.size", 0, k_plan_max_int);
    if (n && (*n < 2 || *n > k_max_team_size))
        m_in.problem("team.size", *n < 2 ? "is below the legal minimum" : "is too large",
                     "an integer from 2 to " + std::to_string(k_max_team_size), std::to_string(*n),
                     *n < 2 ? "行政处罚法 Art. 42 requires at least two certified inspectors" : "");
    if (n) plan.team.size = *n;
    if (const Json* comp = JsonReader::member(*team, "composition"); !absent(comp)) {
        // An object {"department": count} or the normalized list [["department", count], …].
        std::vector<std::pair<std::string, const Json*>> entries;
        bool shape = comp->is_object() || comp->is_array();
        if (comp->is_object())
            for (const auto& [dept, count] : comp->items()) entries.emplace_back(dept, &count);
        if (comp->is_array())
            for (const auto& entry : *comp) {
                if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string()) {
                    shape = false;
                    break;
                }
                entries.emplace_back(entry[0].get<std::string>(), &entry[1]);
            }
        if (!shape) {
            m_in.problem("team.composition", "must map departments to counts",
                         "{\"department\": count, …}", detail::show(*comp));
        } else {
            std::vector<std::pair<std::string, std::int64_t>> parts;
            std::int64_t sum = 0;
            for (const auto& [dept, count] : entries) {
                std::string path = "team.composition." + dept;
                if (dept.empty()) m_in.problem(path, "department name must not be empty");
                for (const auto& earlier : parts)
                    if (earlier.first == dept) m_in.problem(path, "is listed twice");
                auto c = m_in.integer(count, path, 1, k_max_team_size);
                if (c) sum += *c;
                parts.emplace_back(dept, c.value_or(0));
            }
            std::sort(parts.begin(), parts.end());
            if (n && sum != *n)
                m_in.problem("team.composition", "counts do not add up to team.size",
                             "a sum of " + std::to_string(*n), "a sum of " + std::to_string(sum));
            plan.team.composition = std::move(parts);
        }
    }
    if (const Json* cap = JsonReader::member(*team, "workload_cap"); !absent(cap))
        plan.team.workload_cap = m_in.integer(cap, "team.workload_cap", 1, k_plan_max_int);
}

void PlanReader::read_eligibility(const Json* elig, Plan& plan) {
    if (elig == nullptr) return;
    if (!m_in.object(*elig, "eligibility", {"status", "departments", "specialties"})) return;
    EligibilityRule& e = plan.eligibility;
    if (auto v = m_in.strings(JsonReader::member(*elig, "status"), "eligibility.status")) {
        if (v->empty())
            m_in.problem("eligibility.status", "must not be empty",
                         "the inspector statuses that may inspect", "[]",
                         "leave the member out for the default [在岗]");
        for (std::size_t i = 0; i < v->size(); ++i)
            if (!contains(k_inspector_statuses, (*v)[i]))
                m_in.problem(JsonReader::index("eligibility.status", i),
                             "is not an inspector status",
                             "one of " + listing(k_inspector_statuses), "\"" + (*v)[i] + "\"");
        e.status = *v;
    }
    if (auto v = m_in.strings(JsonReader::member(*elig, "departments"), "eligibility.departments"))
        e.departments = *v;
    if (auto v = m_in.strings(JsonReader::member(*elig, "specialties"), "eligibility.specialties"))
        e.specialties = *v;
    if (plan.team.composition && !e.departments.empty())
        m_in.problem("eligibility.departments", "cannot be used together with team.composition",
                     "one of the two", "both",
                     "the composition's departments already decide who is eligible");
}

void PlanReader::read_recusal(const Json* recusal, Plan& plan) {
    if (recusal == nullptr) return;
    if (!m_in.object(*recusal, "recusal", {"not_own_region", "not_last_inspector"})) return;
    if (auto v =
            m_in.boolean(JsonReader::member(*recusal, "not_own_region"), "recusal.not_own_region"))
        plan.recusal.not_own_region = *v;
    if (auto v = m_in.boolean(JsonReader::member(*recusal, "not_last_inspector"),
                              "recusal.not_last_inspector"))
        plan.recusal.not_last_inspector = *v;
}

void PlanReader::read_confidential(const Json* conf, Plan& plan) {
    auto v = m_in.strings(conf, "confidential");
    if (!v) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string& name = (*v)[i];
        auto field = enterprise_field(name);
        std::string path = JsonReader::index("confidential", i);
        if (!field || *field == EnterpriseField::code)
            m_in.problem(
                path, field ? "cannot be confidential" : "is not an enterprise field",
                "an enterprise field other than code", "\"" + name + "\"",
                field ? "the code identifies each drawn entity in the published result" : "");
        else if (!seen.insert(name).second)
            m_in.problem(path, "is listed twice", "each field once", "\"" + name + "\"");
    }
    plan.confidential = *v;
}

}  // namespace fairdraw::detail
