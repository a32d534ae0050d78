// No fixed pairings: over consecutive draws on the same directory, with each
// draw's teams carried into the next one's history, a pair of inspectors does
// not work together more often than the bound below allows.
//
// The bound. Team size 2, one group of M inspectors, E entities per draw with
// 2E ≤ M, no conflicts, no cap. Then hi = 1: within a draw the candidates are
// the inspectors not used yet. For the t-th team of a draw the first member f
// is any unused inspector (all have key (0, 0)); the second is chosen among the
// S = M − 2t + 1 ≥ M − 2E + 1 other unused inspectors with the least P(f, ·).
// That least value is at most the average, so at most ⌊deg(f) / (M − 2E + 1)⌋,
// where deg(f) = Σ_k P(f, k) is the number of teams f has been in. Each pair
// count only grows by such steps, so at every moment
//     P(i, j) ≤ 1 + ⌊d / (M − 2E + 1)⌋,  d = the largest deg so far.
// A fixed pairing (the same two people together every time) would reach D.
#include <catch2/catch.hpp>

#include "draw_fixtures.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

void check_pair_bound(int inspectors, int per_draw, int draws) {
    Instance in;
    Json plan = base_plan();
    plan["strata"]["groups"] = {{{"name", "all"}, {"count", per_draw}}};
    in.plan = plan_from(plan);
    for (std::uint64_t i = 1; i <= 40; ++i) in.rows.push_back(enterprise(i));
    in.table = table_of(in.rows);
    for (int i = 0; i < inspectors; ++i)
        in.inspectors.push_back(inspector("Q" + std::to_string(10 + i)));
    std::map<std::pair<std::string, std::string>, int> pairs;
    std::map<std::string, int> degree;
    int worst = 0;
    for (int d = 0; d < draws; ++d) {
        auto draw = in.run(input_for("pairs " + std::to_string(d)));
        REQUIRE(draw);
        auto teams = draw->final_teams();
        for (const auto& t : teams) {
            REQUIRE(t.inspectors.size() == 2);
            auto a = std::min(t.inspectors[0], t.inspectors[1]),
                 b = std::max(t.inspectors[0], t.inspectors[1]);
            ++pairs[{a, b}];
            ++degree[a];
            ++degree[b];
        }
        in.history.push_back({to_hex(draw_result_id(draw->result())), "2026-03-01", teams});
        int d_max = 0;
        for (const auto& [id, n] : degree) d_max = std::max(d_max, n);
        const int bound = 1 + d_max / (inspectors - 2 * per_draw + 1);
        for (const auto& [pair, n] : pairs) {
            INFO("draw " << d << ": " << pair.first << "+" << pair.second << " together " << n
                         << " times, bound " << bound);
            REQUIRE(n <= bound);
            worst = std::max(worst, n);
        }
    }
    // Since d ≤ draws, the bound is at most 1 + draws / (M − 2E + 1): for the shapes below
    // (M − 2E + 1 = 5) under a third of the draws, where a fixed pairing would reach all of them.
    INFO("most frequent pair: " << worst << " of " << draws << " draws");
    CHECK(worst < draws / 3);
}

}  // namespace

TEST_CASE("pairs repeat no more than the pair-count rule allows with one entity per draw",
          "[draw][pairs]") {
    check_pair_bound(6, 1, 60);
}

TEST_CASE("pairs repeat no more than the pair-count rule allows with several entities per draw",
          "[draw][pairs]") {
    check_pair_bound(8, 2, 100);
}
