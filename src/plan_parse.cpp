// Plan validation (docs/SPEC.md §5): every problem of the file, with its field path.
// Strata, team, eligibility, recusal and confidential fields: plan_parse_rules.cpp.
#include <set>

#include "plan_reader.h"

namespace fairdraw::detail {
namespace {

// Status vocabulary of docs/SCHEMA.md, repeated in SPEC §5.
constexpr std::array<std::string_view, 12> k_enterprise_statuses{
    "存续", "在业", "开业", "正常", "迁入",       "停业",
    "歇业", "迁出", "注销", "吊销", "吊销未注销", "撤销"};

}  // namespace

Result<Plan> PlanReader::read(const Json& root) {
    if (!m_in.object(root, "",
                     {"format", "title", "department", "cooperating_departments", "items", "window",
                      "population", "repeat", "strata", "rounding", "minimum_total_ratio", "team",
                      "eligibility", "recusal", "confidential"}))
        return m_in.error("plan");
    Plan plan;
    read_header(root, plan);
    read_items(JsonReader::member(root, "items"), plan);
    read_window(JsonReader::member(root, "window"), plan);
    read_population(JsonReader::member(root, "population"), plan);
    read_repeat(JsonReader::member(root, "repeat"), plan);
    read_strata(JsonReader::member(root, "strata"), plan);
    read_rounding(JsonReader::member(root, "rounding"), plan);
    read_team(JsonReader::member(root, "team"), plan);
    read_eligibility(JsonReader::member(root, "eligibility"), plan);
    read_recusal(JsonReader::member(root, "recusal"), plan);
    read_confidential(JsonReader::member(root, "confidential"), plan);
    if (!m_in.ok()) return m_in.error("plan");
    return plan;
}

bool PlanReader::absent(const Json* v) {
    return v == nullptr || v->is_null();
}

std::optional<Ratio> PlanReader::ratio(const Json* v, const std::string& path) {
    if (!v->is_string()) {
        m_in.problem(path, "must be a string", "a ratio such as \"5%\" or \"0.05\"",
                     detail::show(*v), "write the ratio in quotes so it stays exact");
        return std::nullopt;
    }
    auto text = v->get<std::string>();
    auto r = parse_ratio(text);
    if (!r) {
        m_in.problem(path, "ratio " + r.error().message,
                     "a decimal or percentage 0 < r ≤ 1 with at most 6 decimal places",
                     "\"" + text + "\"", "e.g. \"5%\", \"2.5%\" or \"0.05\"");
        return std::nullopt;
    }
    return *r;
}

void PlanReader::read_header(const Json& root, Plan& plan) {
    auto format = m_in.string(JsonReader::member(root, "format"), "format", true);
    if (format && *format != k_plan_format)
        m_in.problem("format", "is not a plan format this version reads",
                     "\"" + std::string(k_plan_format) + "\"", "\"" + *format + "\"");
    plan.title = m_in.string(JsonReader::member(root, "title"), "title", true).value_or("");
    plan.department =
        m_in.string(JsonReader::member(root, "department"), "department", true).value_or("");
    if (auto v = m_in.strings(JsonReader::member(root, "cooperating_departments"),
                              "cooperating_departments"))
        plan.cooperating_departments = *v;
    if (const Json* v = JsonReader::member(root, "minimum_total_ratio"); !absent(v))
        plan.minimum_total_ratio = ratio(v, "minimum_total_ratio");
}

void PlanReader::read_items(const Json* items, Plan& plan) {
    if (items == nullptr || !items->is_array() || items->empty()) {
        m_in.problem("items", items == nullptr ? "is required" : "must be a non-empty list",
                     "a list of inspection items", items ? detail::show(*items) : "",
                     "each item: {\"id\", \"name\", \"legal_basis\", \"category\"}; "
                     "no legal basis, no inspection");
        return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string path = JsonReader::index("items", i);
        const Json& item = (*items)[i];
        if (!m_in.object(item, path, {"id", "name", "legal_basis", "category"})) continue;
        PlanItem out;
        out.id = m_in.string(JsonReader::member(item, "id"), path + ".id", true).value_or("");
        out.name = m_in.string(JsonReader::member(item, "name"), path + ".name", true).value_or("");
        out.legal_basis =
            m_in.string(JsonReader::member(item, "legal_basis"), path + ".legal_basis", true)
                .value_or("");
        out.category = m_in.string(JsonReader::member(item, "category"), path + ".category", true)
                           .value_or("");
        if (!out.category.empty() && out.category != "一般" && out.category != "重点")
            m_in.problem(path + ".category", "is not an item category", "\"一般\" or \"重点\"",
                         "\"" + out.category + "\"");
        if (!out.id.empty() && !ids.insert(out.id).second)
            m_in.problem(path + ".id", "repeats an earlier item's id", "a unique id",
                         "\"" + out.id + "\"");
        plan.items.push_back(std::move(out));
    }
}

void PlanReader::read_window(const Json* window, Plan& plan) {
    if (window == nullptr) {
        m_in.problem("window", "is required", "{\"start\": date, \"end\": date}");
        return;
    }
    if (!m_in.object(*window, "window", {"start", "end"})) return;
    auto start = m_in.date(JsonReader::member(*window, "start"), "window.start");
    auto end = m_in.date(JsonReader::member(*window, "end"), "window.end");
    if (start && end) {
        plan.window = {format_days(*start), format_days(*end), *start, *end};
        if (*start > *end)
            m_in.problem("window", "starts after it ends", "start ≤ end",
                         plan.window.start + " > " + plan.window.end);
    }
}

void PlanReader::read_population(const Json* pop, Plan& plan) {
    if (pop == nullptr) return;
    if (!m_in.object(
            *pop, "population",
            {"status", "industry", "region", "entity_type", "jurisdiction", "legacy_codes"}))
        return;
    Population& p = plan.population;
    if (auto v = m_in.strings(JsonReader::member(*pop, "status"), "population.status")) {
        if (v->empty())
            m_in.problem("population.status", "must not be empty", "the statuses that can be drawn",
                         "[]", "leave the member out for the default [存续, 在业, 开业, 正常]");
        for (std::size_t i = 0; i < v->size(); ++i)
            if (!contains(k_enterprise_statuses, (*v)[i]))
                m_in.problem(JsonReader::index("population.status", i),
                             "is not an enterprise status",
                             "one of " + listing(k_enterprise_statuses), "\"" + (*v)[i] + "\"");
        p.status = *v;
    }
    // "" is a value too: it selects rows where the field is absent.
    auto list = [&](const char* key, std::vector<std::string>& out) {
        if (auto v = m_in.strings(JsonReader::member(*pop, key),
                                  JsonReader::join("population", key), true))
            out = *v;
    };
    list("industry", p.industry);
    list("region", p.region);
    list("entity_type", p.entity_type);
    list("jurisdiction", p.jurisdiction);
    if (auto v = m_in.string(JsonReader::member(*pop, "legacy_codes"), "population.legacy_codes",
                             false)) {
        if (*v == "include")
            p.legacy_codes = LegacyCodes::include;
        else if (*v == "exclude")
            p.legacy_codes = LegacyCodes::exclude;
        else
            m_in.problem("population.legacy_codes", "is not a choice", "\"include\" or \"exclude\"",
                         "\"" + *v + "\"");
    }
}

void PlanReader::read_repeat(const Json* repeat, Plan& plan) {
    if (repeat == nullptr) return;
    if (!m_in.object(*repeat, "repeat", {"within_days", "annual_cap"})) return;
    if (auto v = m_in.integer(JsonReader::member(*repeat, "within_days"), "repeat.within_days", 0,
                              k_plan_max_int))
        plan.repeat.within_days = *v;
    if (auto v = m_in.integer(JsonReader::member(*repeat, "annual_cap"), "repeat.annual_cap", 0,
                              k_plan_max_int))
        plan.repeat.annual_cap = *v;
}

void PlanReader::read_rounding(const Json* rounding, Plan& plan) {
    auto v = m_in.string(rounding, "rounding", false);
    if (!v) return;
    if (*v == "ceil")
        plan.rounding = Rounding::ceil;
    else if (*v == "floor")
        plan.rounding = Rounding::floor;
    else if (*v == "half_up")
        plan.rounding = Rounding::half_up;
    else
        m_in.problem("rounding", "is not a rounding rule", "\"ceil\", \"floor\" or \"half_up\"",
                     "\"" + *v + "\"");
}

}  // namespace fairdraw::detail

namespace fairdraw {

Result<Plan> plan_from_json(const Json& value, const std::string& source) {
    return detail::PlanReader(source).read(value);
}

Result<Plan> parse_plan(std::string_view text, const std::string& source) {
    std::vector<Problem> problems;
    auto json = detail::parse_strict_json(text, source, problems);
    if (!json) {
        std::size_t n = problems.size();
        return Error::problems("plan: " + std::to_string(n) + (n == 1 ? " problem" : " problems"),
                               std::move(problems));
    }
    return plan_from_json(*json, source);
}

}  // namespace fairdraw
