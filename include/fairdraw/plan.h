// plan.h — the inspection plan (抽查任务), docs/SPEC.md §5.
//
// A plan is a JSON document: the task, its items with their legal basis, the
// window, which directory rows may be drawn, repeat control, strata with
// ratios or counts, team rules, eligibility and recusal. parse_plan checks
// every rule of §5 and reports all problems at once, each with its field path
// ("field strata.groups[1].ratio"), what was expected and found, and a hint.
// A parsed Plan is complete: defaults are filled in and ratios are exact
// fractions. Its normalized JSON (plan_to_json) is what an announcement
// carries, and plan_sha256 is the plan's identity; two plans that differ only
// in member order, ratio spelling ("5%", "0.05") or omitted defaults have the
// same identity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fairdraw/canonical_json.h"
#include "fairdraw/clock.h"
#include "fairdraw/hash.h"
#include "fairdraw/records.h"
#include "fairdraw/result.h"

namespace fairdraw {

inline constexpr std::string_view k_plan_format = "fairdraw-plan-v1";
// At most this many problems of one input (plan, source list, history) are reported.
inline constexpr std::size_t k_plan_problem_cap = 100;

// An exact ratio 0 < num/den ≤ 1 in lowest terms, den dividing 10^6.
struct Ratio {
    std::uint64_t num = 0;
    std::uint64_t den = 1;
    std::string text() const;  // "num/den"
    friend bool operator==(const Ratio&, const Ratio&) = default;
};

// Reads "0.05", "5%", "2.5%", "1" or the normalized "1/20". The error message
// says what is wrong in words ("has more than 6 decimal places").
Result<Ratio> parse_ratio(std::string_view text);

struct PlanItem {
    std::string id, name, legal_basis, category;  // category "一般" or "重点"
};

struct PlanWindow {
    std::string start, end;  // YYYY-MM-DD
    Days start_day = 0, end_day = 0;
};

enum class LegacyCodes { include, exclude };

struct Population {
    std::vector<std::string> status{"存续", "在业", "开业", "正常"};
    std::vector<std::string> industry, region, entity_type, jurisdiction;
    LegacyCodes legacy_codes = LegacyCodes::include;
};

struct RepeatRule {
    std::int64_t within_days = 0;  // 0: off
    std::int64_t annual_cap = 0;   // 0: off
};

struct StratumGroup {
    std::string name;
    std::vector<std::string> values;  // empty when the strata have no field
    std::optional<Ratio> ratio;       // exactly one of ratio and count
    std::optional<std::int64_t> count, min, max;
};

enum class Unmatched { error, exclude };

struct Strata {
    std::optional<EnterpriseField> field;  // nullopt: one group of the whole pool
    Unmatched unmatched = Unmatched::error;
    std::vector<StratumGroup> groups;
};

enum class Rounding { ceil, floor, half_up };

struct TeamRule {
    std::int64_t size = 0;
    // (department, members per team) in byte order of the department name;
    // written as a list of pairs since canonical JSON keys are ASCII (SPEC §2).
    std::optional<std::vector<std::pair<std::string, std::int64_t>>> composition;
    std::optional<std::int64_t> workload_cap;
};

struct EligibilityRule {
    std::vector<std::string> status{"在岗"};
    std::vector<std::string> departments, specialties;
};

struct RecusalRule {
    bool not_own_region = false;
    bool not_last_inspector = false;
};

struct Plan {
    std::string title, department;
    std::vector<std::string> cooperating_departments;
    std::vector<PlanItem> items;
    PlanWindow window;
    Population population;
    RepeatRule repeat;
    Strata strata;
    Rounding rounding = Rounding::ceil;
    std::optional<Ratio> minimum_total_ratio;
    TeamRule team;
    EligibilityRule eligibility;
    RecusalRule recusal;
    std::vector<std::string> confidential{"credit_class"};
};

// Parses and validates plan text. `source` names the file in problems. On
// failure the Error (bad_input) holds every problem found, up to
// k_plan_problem_cap, as Problems with file = source and a field path.
Result<Plan> parse_plan(std::string_view text, const std::string& source);
// The same for a plan already parsed as JSON (e.g. inside an announcement).
Result<Plan> plan_from_json(const Json& value, const std::string& source);

// The normalized plan: every member present, ratios as "num/den".
Json plan_to_json(const Plan& plan);
// Its canonical JSON text and SHA-256 (the plan's identity).
std::string normalized_plan_json(const Plan& plan);
Hash plan_sha256(const Plan& plan);

}  // namespace fairdraw
