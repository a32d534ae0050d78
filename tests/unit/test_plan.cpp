#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fairdraw/plan.h"

using namespace fairdraw;

namespace {

const std::filesystem::path k_plans = std::filesystem::path(FAIRDRAW_TEST_DATA) / "plans";

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string rendered(const Error& error) {
    std::string out = error.message + "\n";
    for (const auto& p : error.details) out += p.render() + " | hint: " + p.hint + "\n";
    return out;
}

Plan parse_ok(const std::string& text) {
    auto plan = parse_plan(text, "plan.json");
    if (!plan) FAIL(rendered(plan.error()));
    return *plan;
}

}  // namespace

TEST_CASE("every bad plan in the corpus is refused with the expected messages", "[plan]") {
    // Each tests/data/plans/bad-NAME.json has bad-NAME.expect: one message fragment per line
    // that the rendered problems must contain.
    std::vector<std::string> mismatches;
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(k_plans)) {
        const auto name = entry.path().filename().string();
        if (!name.starts_with("bad-") || entry.path().extension() != ".json") continue;
        ++files;
        auto plan = parse_plan(read(entry.path()), name);
        if (plan) {
            mismatches.push_back(name + ": accepted");
            continue;
        }
        CHECK(plan.error().kind == ErrorKind::bad_input);
        std::string text = rendered(plan.error());
        std::ifstream expect(entry.path().parent_path() /
                             (entry.path().stem().string() + ".expect"));
        if (!expect) mismatches.push_back(name + ": no .expect file");
        for (std::string line; std::getline(expect, line);)
            if (!line.empty() && text.find(line) == std::string::npos)
                mismatches.push_back(name + ": missing \"" + line + "\" in:\n" + text);
        for (const auto& p : plan.error().details)
            if (p.file != name) mismatches.push_back(name + ": a problem does not name the file");
    }
    CHECK(files >= 30);
    for (const auto& m : mismatches) UNSCOPED_INFO(m);
    CHECK(mismatches.empty());
}

TEST_CASE("a plan with many problems reports all of them at once", "[plan]") {
    auto plan = parse_plan(read(k_plans / "bad-many-problems.json"), "bad-many-problems.json");
    REQUIRE_FALSE(plan);
    CHECK(plan.error().details.size() == 5);
}

TEST_CASE("ratio spelling, member order and spelled-out defaults do not change the plan hash",
          "[plan]") {
    Plan a = parse_ok(read(k_plans / "good-percent.json"));
    Plan b = parse_ok(read(k_plans / "good-decimal.json"));
    CHECK(normalized_plan_json(a) == normalized_plan_json(b));
    CHECK(plan_sha256(a) == plan_sha256(b));
    CHECK(a.strata.groups[1].ratio->text() == "1/20");
    CHECK(a.minimum_total_ratio->text() == "3/100");
    // The composition is kept in byte order of department names.
    REQUIRE(a.team.composition);
    CHECK(a.team.composition->front().first == "市场监管所");
}

TEST_CASE("a different ratio gives a different plan hash", "[plan]") {
    auto text = read(k_plans / "good-percent.json");
    auto changed = text;
    changed.replace(changed.find("\"5%\""), 4, "\"6%\"");
    CHECK(plan_sha256(parse_ok(text)) != plan_sha256(parse_ok(changed)));
}

TEST_CASE("the normalized plan is a valid plan that normalizes to itself", "[plan]") {
    Plan a = parse_ok(read(k_plans / "good-percent.json"));
    std::string normalized = normalized_plan_json(a);
    Plan b = parse_ok(normalized);
    CHECK(normalized_plan_json(b) == normalized);
    CHECK(is_canonical_json(normalized));
}

TEST_CASE("defaults are filled in by normalization", "[plan]") {
    Plan p = parse_ok(R"({"format":"fairdraw-plan-v1","title":"t","department":"d",
        "items":[{"id":"1","name":"n","legal_basis":"b","category":"重点"}],
        "window":{"start":"2026-01-01","end":"2026-01-31"},
        "strata":{"field":null,"groups":[{"name":"all","count":3}]},"team":{"size":2}})");
    auto j = plan_to_json(p);
    // Expected values: the defaults column of docs/SPEC.md §5.
    CHECK(j["population"]["status"] == Json({"存续", "在业", "开业", "正常"}));
    CHECK(j["population"]["legacy_codes"] == "include");
    CHECK(j["repeat"] == Json({{"within_days", 0}, {"annual_cap", 0}}));
    CHECK(j["rounding"] == "ceil");
    CHECK(j["eligibility"]["status"] == Json({"在岗"}));
    CHECK(j["recusal"]["not_own_region"] == false);
    CHECK(j["confidential"] == Json({"credit_class"}));
    CHECK(j["team"]["composition"].is_null());
    CHECK(j["team"]["workload_cap"].is_null());
    CHECK(j["strata"]["unmatched"] == "error");
    CHECK(j["strata"]["groups"][0]["values"].is_null());
    CHECK(j["strata"]["groups"][0]["ratio"].is_null());
    CHECK(j["strata"]["groups"][0]["count"] == 3);
    CHECK(j["minimum_total_ratio"].is_null());
}

TEST_CASE("ratios are read exactly as decimal fractions", "[plan]") {
    // Hand-computed: value as a fraction of a power of ten, then reduced by the gcd.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"5%", "1/20"},
        {"0.05", "1/20"},
        {"2.5%", "1/40"},
        {"3%", "3/100"},
        {"100%", "1/1"},
        {"1", "1/1"},
        {"0.000001", "1/1000000"},
        {"0.0001%", "1/1000000"},
        {"12.5%", "1/8"},
        {"0.050000000", "1/20"},
        {"1/20", "1/20"},
        {"2/40", "1/20"},
        {"007%", "7/100"},
    };
    for (const auto& [text, fraction] : cases) {
        auto r = parse_ratio(text);
        INFO(text);
        REQUIRE(r);
        CHECK(r->text() == fraction);
    }
    for (const char* bad : {"0", "0%", "1.5", "101%", "0.0000001", "0.00001%", "1/3", "5 %", ".5",
                            "-5%", "5%%", "", "%", "1e-2", "1/0", "1,5%"}) {
        INFO(bad);
        CHECK_FALSE(parse_ratio(bad));
    }
}
