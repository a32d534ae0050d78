// The normalized plan (docs/SPEC.md §5): every member present, ratios as "num/den".
#include <cassert>

#include "fairdraw/plan.h"

namespace fairdraw {
namespace {

Json optional_int(const std::optional<std::int64_t>& v) {
    return v ? Json(*v) : Json(nullptr);
}
Json optional_ratio(const std::optional<Ratio>& r) {
    return r ? Json(r->text()) : Json(nullptr);
}

const char* rounding_name(Rounding r) {
    switch (r) {
        case Rounding::floor:
            return "floor";
        case Rounding::half_up:
            return "half_up";
        case Rounding::ceil:
            break;
    }
    return "ceil";
}

}  // namespace

Json plan_to_json(const Plan& plan) {
    Json items = Json::array();
    for (const auto& item : plan.items)
        items.push_back({{"id", item.id},
                         {"name", item.name},
                         {"legal_basis", item.legal_basis},
                         {"category", item.category}});
    Json groups = Json::array();
    for (const auto& g : plan.strata.groups)
        groups.push_back({{"name", g.name},
                          {"values", plan.strata.field ? Json(g.values) : Json(nullptr)},
                          {"ratio", optional_ratio(g.ratio)},
                          {"count", optional_int(g.count)},
                          {"min", optional_int(g.min)},
                          {"max", optional_int(g.max)}});
    Json composition = nullptr;
    if (plan.team.composition) {
        // A list of [department, count] in byte order: canonical JSON keys are ASCII only (§2).
        composition = Json::array();
        for (const auto& [dept, count] : *plan.team.composition)
            composition.push_back(Json::array({dept, count}));
    }
    const Population& p = plan.population;
    return Json{
        {"format", k_plan_format},
        {"title", plan.title},
        {"department", plan.department},
        {"cooperating_departments", plan.cooperating_departments},
        {"items", items},
        {"window", {{"start", plan.window.start}, {"end", plan.window.end}}},
        {"population",
         {{"status", p.status},
          {"industry", p.industry},
          {"region", p.region},
          {"entity_type", p.entity_type},
          {"jurisdiction", p.jurisdiction},
          {"legacy_codes", p.legacy_codes == LegacyCodes::include ? "include" : "exclude"}}},
        {"repeat",
         {{"within_days", plan.repeat.within_days}, {"annual_cap", plan.repeat.annual_cap}}},
        {"strata",
         {{"field",
           plan.strata.field ? Json(std::string(field_name(*plan.strata.field))) : Json(nullptr)},
          {"unmatched", plan.strata.unmatched == Unmatched::error ? "error" : "exclude"},
          {"groups", groups}}},
        {"rounding", rounding_name(plan.rounding)},
        {"minimum_total_ratio", optional_ratio(plan.minimum_total_ratio)},
        {"team",
         {{"size", plan.team.size},
          {"composition", composition},
          {"workload_cap", optional_int(plan.team.workload_cap)}}},
        {"eligibility",
         {{"status", plan.eligibility.status},
          {"departments", plan.eligibility.departments},
          {"specialties", plan.eligibility.specialties}}},
        {"recusal",
         {{"not_own_region", plan.recusal.not_own_region},
          {"not_last_inspector", plan.recusal.not_last_inspector}}},
        {"confidential", plan.confidential},
    };
}

std::string normalized_plan_json(const Plan& plan) {
    auto text = canonical_json(plan_to_json(plan));
    // A parsed plan holds only valid UTF-8 strings and safe integers.
    assert(text.ok());
    return text ? *text : std::string();
}

Hash plan_sha256(const Plan& plan) {
    return sha256(normalized_plan_json(plan));
}

}  // namespace fairdraw
