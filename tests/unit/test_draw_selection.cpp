#include <catch2/catch.hpp>
#include <cstring>

#include "draw_fixtures.h"
#include "fairdraw/keyed_hash.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

// Credit classes with the given number of rows each, codes numbered from 1.
Instance stratified(const Json& groups, const std::vector<std::pair<std::string, int>>& sizes,
                    const std::string& rounding = "ceil", int inspectors = 6) {
    Instance in;
    Json plan = base_plan();
    plan["strata"] = {{"field", "credit_class"}, {"groups", groups}};
    plan["rounding"] = rounding;
    in.plan = plan_from(plan);
    std::uint64_t n = 1;
    for (const auto& [credit, count] : sizes)
        for (int i = 0; i < count; ++i) in.rows.push_back(enterprise(n++, credit));
    in.table = table_of(in.rows);
    for (int i = 0; i < inspectors; ++i)
        in.inspectors.push_back(inspector("I" + std::to_string(10 + i)));
    return in;
}

std::map<std::string, std::uint64_t> counts_of(const DrawResult& r) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& s : r.strata) out[s.name] = s.count;
    return out;
}

std::vector<std::string> codes_of(const DrawResult& r) {
    std::vector<std::string> out;
    for (const auto& e : r.selected) out.push_back(e.code);
    return out;
}

DrawResult run_ok(const Instance& in, const DrawInput& input) {
    auto draw = in.run(input);
    if (!draw) {
        for (const auto& p : draw.error().details) UNSCOPED_INFO(p.render() << " | " << p.hint);
        FAIL(draw.error().message);
    }
    return draw->result();
}

const Json k_five_groups = Json::parse(R"([
    {"name": "A", "values": ["A"], "ratio": "5%"},
    {"name": "B", "values": ["B"], "ratio": "5%"},
    {"name": "C", "values": ["C"], "ratio": "10%"},
    {"name": "D", "values": ["D"], "ratio": "2.5%"},
    {"name": "E", "values": ["E"], "ratio": "10%"}])");
const std::vector<std::pair<std::string, int>> k_five_sizes{
    {"A", 30}, {"B", 10}, {"C", 7}, {"D", 20}, {"E", 13}};

}  // namespace

TEST_CASE("counts follow the rounding rules exactly", "[draw][selection]") {
    // Hand-computed n·r: A 30·5% = 1.5, B 10·5% = 0.5, C 7·10% = 0.7, D 20·2.5% = 0.5, E 13·10%
    // = 1.3. ceil: 2 1 1 1 2; floor: 1 0 0 0 1; half_up ⌊(2·n·num + den)/(2·den)⌋: 2 1 1 1 1.
    const std::map<std::string, std::map<std::string, std::uint64_t>> expected{
        {"ceil", {{"A", 2}, {"B", 1}, {"C", 1}, {"D", 1}, {"E", 2}}},
        {"floor", {{"A", 1}, {"B", 0}, {"C", 0}, {"D", 0}, {"E", 1}}},
        {"half_up", {{"A", 2}, {"B", 1}, {"C", 1}, {"D", 1}, {"E", 1}}},
    };
    for (const auto& [rule, counts] : expected) {
        INFO(rule);
        auto result = run_ok(stratified(k_five_groups, k_five_sizes, rule), input_for("rounding"));
        CHECK(counts_of(result) == counts);
        for (const auto& s : result.strata) CHECK(s.cutoff.has_value() == (s.count > 0));
    }
}

TEST_CASE("min, max and the pool size bound a stratum's count", "[draw][selection]") {
    auto groups = Json::parse(R"([
        {"name": "A", "values": ["A"], "ratio": "5%", "min": 3},
        {"name": "B", "values": ["B"], "ratio": "50%", "max": 2},
        {"name": "C", "values": ["C"], "count": 50}])");
    auto result = run_ok(stratified(groups, {{"A", 30}, {"B", 10}, {"C", 7}}), input_for("bounds"));
    // A: ⌈1.5⌉ = 2 raised to min 3; B: 5 lowered to max 2; C: 50 lowered to the pool size 7.
    CHECK(counts_of(result) == std::map<std::string, std::uint64_t>{{"A", 3}, {"B", 2}, {"C", 7}});
}

TEST_CASE("the selected entities are the lowest tickets of each stratum, in ticket order",
          "[draw][selection]") {
    Instance in = stratified(k_five_groups, k_five_sizes);
    DrawInput input = input_for("lowest tickets");
    auto result = run_ok(in, input);
    // Recomputed from §7 and §8.5 with the plain HMAC over a JSON library's canonical array.
    Hash seed = derive_seed(input.announcement_id, input.values);
    CHECK(result.seed == seed);
    std::map<std::string, std::vector<std::pair<Hash, std::string>>> by_class;
    for (const auto& row : in.rows) {
        auto message = canonical_json(Json::array({"fairdraw-ticket-v1", row.code}));
        by_class[row.credit_class].emplace_back(hmac_sha256(seed, as_bytes(*message)), row.code);
    }
    std::vector<std::pair<Hash, std::string>> expected;
    for (auto& [credit, list] : by_class) {
        std::sort(list.begin(), list.end());
        auto k = counts_of(result)[credit];
        expected.insert(expected.end(), list.begin(),
                        list.begin() + static_cast<std::ptrdiff_t>(k));
        for (const auto& s : result.strata)
            if (s.name == credit && k > 0) CHECK(*s.cutoff == list[k - 1].first);
    }
    std::sort(expected.begin(), expected.end());
    REQUIRE(result.selected.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(result.selected[i].code == expected[i].second);
        CHECK(result.selected[i].ticket == expected[i].first);
    }
}

TEST_CASE("a stratum's cut-off is the largest selected ticket, also when all of it is drawn",
          "[draw][selection]") {
    // §8.5: a row is selected exactly when its ticket is at most the cut-off.
    for (const char* ratio : {"100%", "50%", "10%"}) {
        auto groups = Json::array({{{"name", "all"}, {"values", {"B"}}, {"ratio", ratio}}});
        Instance in = stratified(groups, {{"B", 40}}, "ceil", 20);
        auto result = run_ok(in, input_for(std::string("cut-off ") + ratio));
        std::set<std::string> selected;
        for (const auto& e : result.selected) selected.insert(e.code);
        for (const auto& row : in.rows) {
            Hash t = hmac_sha256(
                result.seed,
                as_bytes(*canonical_json(Json::array({"fairdraw-ticket-v1", row.code}))));
            INFO(ratio << " " << row.code);
            CHECK((t <= *result.strata[0].cutoff) == (selected.count(row.code) == 1));
        }
    }
}

TEST_CASE("raising a count keeps every earlier pick", "[draw][selection]") {
    auto plan_with = [](int a, int b) {
        return Json::array({{{"name", "A"}, {"values", {"A"}}, {"count", a}},
                            {{"name", "B"}, {"values", {"B"}}, {"count", b}}});
    };
    auto small = run_ok(stratified(plan_with(3, 2), {{"A", 40}, {"B", 25}}), input_for("prefix"));
    auto large = run_ok(stratified(plan_with(9, 7), {{"A", 40}, {"B", 25}}), input_for("prefix"));
    auto big = codes_of(large);
    std::vector<std::string>
        restricted;  // the large selection's order, kept to the small one's codes
    auto few = codes_of(small);
    for (const auto& c : big)
        if (std::find(few.begin(), few.end(), c) != few.end()) restricted.push_back(c);
    CHECK(restricted == few);
}

TEST_CASE("the same inputs give byte-identical result documents", "[draw][selection]") {
    Instance in = stratified(k_five_groups, k_five_sizes);
    auto a = in.run(input_for("twice"));
    auto b = in.run(input_for("twice"));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(draw_result_json(a->result()) == draw_result_json(b->result()));
    CHECK(is_canonical_json(draw_result_json(a->result())));
    auto c = in.run(input_for("another announcement"));
    REQUIRE(c);
    CHECK(draw_result_json(c->result()) != draw_result_json(a->result()));
}

TEST_CASE("the result does not depend on the order of directory rows", "[draw][selection]") {
    Instance in = stratified(k_five_groups, k_five_sizes, "ceil", 8);
    for (std::size_t i = 0; i < in.rows.size(); i += 3) in.rows[i].region = "东区";
    in.inspectors[1].region = "东区";
    in.plan.recusal.not_own_region = true;
    in.conflicts = {{"I10", "", in.rows[4].code, "", "亲属", ""},
                    {"I12", "", in.rows[7].code, "", "曾任职", ""}};
    in.table = table_of(in.rows);
    auto first = run_ok(in, input_for("order"));
    std::mt19937_64 rng(11);
    for (int round = 0; round < 5; ++round) {
        Instance shuffled = in;
        std::shuffle(shuffled.rows.begin(), shuffled.rows.end(), rng);
        std::shuffle(shuffled.inspectors.begin(), shuffled.inspectors.end(), rng);
        std::shuffle(shuffled.conflicts.begin(), shuffled.conflicts.end(), rng);
        shuffled.table = table_of(shuffled.rows);
        CHECK(draw_result_json(run_ok(shuffled, input_for("order"))) == draw_result_json(first));
    }
}

TEST_CASE("repeat control excludes recent inspections by date and by history",
          "[draw][selection]") {
    // S = 2026-03-01, within 30 days: S − 30 = 2026-01-30, so [2026-01-30, 2026-03-01] counts.
    Instance in;
    Json plan = base_plan("100%");
    plan["repeat"] = {{"within_days", 30}};
    in.plan = plan_from(plan);
    const std::vector<std::pair<std::string, bool>> dates{{"2026-01-30", false},
                                                          {"2026-01-29", true},
                                                          {"2026-03-01", false},
                                                          {"2026-03-02", true},
                                                          {"", true}};
    for (std::size_t i = 0; i < dates.size(); ++i) {
        in.rows.push_back(enterprise(i + 1));
        in.rows.back().last_inspected = dates[i].first;
    }
    in.rows.push_back(enterprise(10));  // in a draw of 2026-02-15: excluded
    in.rows.push_back(enterprise(11));  // in a draw of 2026-01-29: kept
    in.history = {{std::string(64, 'a'), "2026-02-15", {{code_for(10), {"I10", "I11"}}}},
                  {std::string(64, 'b'), "2026-01-29", {{code_for(11), {"I10", "I11"}}}}};
    in.table = table_of(in.rows);
    for (int i = 0; i < 4; ++i) in.inspectors.push_back(inspector("I1" + std::to_string(i)));
    auto result = run_ok(in, input_for("repeat"));
    std::set<std::string> selected;
    for (const auto& e : result.selected) selected.insert(e.code);
    std::set<std::string> expected{code_for(2), code_for(4), code_for(5), code_for(11)};
    CHECK(selected == expected);
    CHECK(result.pool.recent == 3);
}

TEST_CASE("the annual cap counts history draws and a different last inspection date",
          "[draw][selection]") {
    Instance in;
    Json plan = base_plan("100%");
    plan["repeat"] = {{"annual_cap", 2}};
    in.plan = plan_from(plan);
    for (std::uint64_t i = 1; i <= 5; ++i) in.rows.push_back(enterprise(i));
    in.rows[1].last_inspected = "2026-01-10";  // 2: same day as its draw, counted once → 1: kept
    in.rows[2].last_inspected = "2025-12-31";  // 3: other year → 1: kept
    in.rows[3].last_inspected = "2026-02-20";  // 4: draw + other date → 2: excluded
    in.history = {
        {std::string(64, 'a'),
         "2026-01-10",
         {{code_for(1), {"I10"}},
          {code_for(2), {"I10"}},
          {code_for(3), {"I10"}},
          {code_for(4), {"I10"}}}},
        {std::string(64, 'b'), "2026-02-01", {{code_for(1), {"I11"}}}},  // 1: two draws → excluded
        {std::string(64, 'c'),
         "2025-06-01",
         {{code_for(5), {"I11"}}, {code_for(2), {"I11"}}}},  // last year
    };
    in.table = table_of(in.rows);
    for (int i = 0; i < 4; ++i) in.inspectors.push_back(inspector("I1" + std::to_string(i)));
    auto result = run_ok(in, input_for("annual cap"));
    std::set<std::string> selected;
    for (const auto& e : result.selected) selected.insert(e.code);
    CHECK(selected == std::set<std::string>{code_for(2), code_for(3), code_for(5)});
    CHECK(result.pool.annual_cap == 2);
}

TEST_CASE("the population filter keeps drawable statuses and can exclude legacy codes",
          "[draw][selection]") {
    Instance in;
    Json plan = base_plan("100%");
    plan["population"] = {{"industry", {"制造业", ""}}, {"legacy_codes", "exclude"}};
    in.plan = plan_from(plan);
    for (std::uint64_t i = 1; i <= 6; ++i) in.rows.push_back(enterprise(i));
    in.rows[0].status = "注销";            // not drawable by default
    in.rows[1].industry = "批发和零售业";  // not in the industry list
    in.rows[2].industry = "制造业";
    in.rows[3].code = "330100000012345";  // a legacy registration number
    in.table = table_of(in.rows);
    for (int i = 0; i < 4; ++i) in.inspectors.push_back(inspector("I1" + std::to_string(i)));
    auto result = run_ok(in, input_for("population"));
    CHECK(result.pool.population == 3);
    std::set<std::string> selected;
    for (const auto& e : result.selected) selected.insert(e.code);
    CHECK(selected == std::set<std::string>{in.rows[2].code, in.rows[4].code, in.rows[5].code});
}

TEST_CASE("rows matching no stratum stop the draw or are left out as the plan says",
          "[draw][selection]") {
    auto groups = Json::parse(R"([{"name": "A", "values": ["A"], "ratio": "50%"}])");
    Instance in = stratified(groups, {{"A", 10}, {"X", 3}, {"", 2}});
    auto refused = in.run(input_for("unmatched"));
    REQUIRE_FALSE(refused);
    REQUIRE(refused.error().details.size() == 1);
    const Problem& p = refused.error().details[0];
    CHECK(p.message == "5 pool rows match no group");
    CHECK(p.found.find("credit_class \"X\" (3 rows)") != std::string::npos);
    CHECK(p.found.find("credit_class \"\" (2 rows)") != std::string::npos);
    in.plan.strata.unmatched = Unmatched::exclude;
    auto result = run_ok(in, input_for("unmatched"));
    CHECK(result.pool.unmatched == 5);
    CHECK(result.pool.size == 10);
}

TEST_CASE("a plan below its minimum total ratio is refused before any ticket",
          "[draw][selection]") {
    auto groups = Json::parse(
        R"([{"name": "A", "values": ["A"], "ratio": "2%"}, {"name": "B", "values": ["B"], "count": 1}])");
    Instance in = stratified(groups, {{"A", 100}, {"B", 100}});
    in.plan.minimum_total_ratio = Ratio{3, 100};
    auto refused = in.run(input_for("minimum"));
    REQUIRE_FALSE(refused);
    // Σk = 2 + 1 = 3 < ⌈200 · 3/100⌉ = 6.
    CHECK(refused.error().details.at(0).expected.find("at least 6") != std::string::npos);
    CHECK(refused.error().details.at(0).found == "3");
}

TEST_CASE("selection frequencies are consistent with uniform sampling",
          "[draw][selection][statistics]") {
    // 2,000 fixed announcements, each drawing k = 5 of 50 entities. Expected count 200 each.
    // Sampling without replacement makes the statistic's variance (N−k)/(N−1) of χ²(49)'s, so
    // comparing with χ²(49)'s 0.999 quantile 85.351 (NIST/SEMATECH e-Handbook §1.3.6.7.4;
    // also 85.3506 by numerical integration of the regularized gamma function) is conservative.
    Instance in = stratified(Json::array({{{"name", "all"}, {"values", {"B"}}, {"count", 5}}}),
                             {{"B", 50}}, "ceil", 10);
    std::map<std::string, int> hits;
    const int draws = 2000;
    for (int s = 0; s < draws; ++s)
        for (const auto& e : run_ok(in, input_for("uniformity " + std::to_string(s))).selected)
            ++hits[e.code];
    REQUIRE(hits.size() == 50);
    double chi2 = 0;
    for (const auto& [code, n] : hits) chi2 += (n - 200.0) * (n - 200.0) / 200.0;
    INFO("chi-square = " << chi2);
    CHECK(chi2 < 85.351);
}
