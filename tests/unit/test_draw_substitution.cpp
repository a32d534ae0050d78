#include <catch2/catch.hpp>

#include "draw_fixtures.h"

using namespace fairdraw;
using namespace fixtures;

namespace {

Instance district(int entities = 40, int inspectors = 8) {
    Instance in;
    Json plan = base_plan();
    plan["strata"] = {{"field", "credit_class"},
                      {"groups",
                       {{{"name", "一般"}, {"values", {"B"}}, {"ratio", "20%"}},
                        {{"name", "高风险"}, {"values", {"D"}}, {"count", 2}}}}};
    plan["team"]["workload_cap"] = 4;
    in.plan = plan_from(plan);
    for (int i = 1; i <= entities; ++i)
        in.rows.push_back(enterprise(static_cast<std::uint64_t>(i), i % 8 == 0 ? "D" : "B"));
    in.table = table_of(in.rows);
    for (int i = 0; i < inspectors; ++i)
        in.inspectors.push_back(inspector("H" + std::to_string(10 + i)));
    return in;
}

SubstitutionRequest entity_request(const std::string& code) {
    return {SubstitutionKind::entity, code, "", "已注销", std::nullopt};
}

SubstitutionRequest inspector_request(const std::string& id, const std::string& code = "") {
    return {SubstitutionKind::inspector, code, id, "回避: 亲属关系", std::nullopt};
}

const HistoryTeam* team_of(const std::vector<HistoryTeam>& teams, const std::string& code) {
    for (const auto& t : teams)
        if (t.code == code) return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("a replaced entity gives way to the next ticket of its stratum", "[draw][substitution]") {
    Instance in = district();
    auto draw = in.run(input_for("substitution"));
    REQUIRE(draw);
    const DrawResult& r = draw->result();
    const DrawnEntity gone = r.selected.front();
    // The next row of the stratum, recomputed from §8.5: the lowest ticket not selected.
    Hash seed = r.seed;
    std::vector<std::pair<Hash, std::string>> stratum;
    for (const auto& row : in.rows)
        if ((row.credit_class == "D") == (gone.stratum == 1))
            stratum.emplace_back(
                hmac_sha256(
                    seed, as_bytes(*canonical_json(Json::array({"fairdraw-ticket-v1", row.code})))),
                row.code);
    std::sort(stratum.begin(), stratum.end());
    const std::string expected = stratum[r.strata[gone.stratum].count].second;

    auto record = draw->substitute(entity_request(gone.code));
    REQUIRE(record);
    REQUIRE(record->replacement);
    CHECK(record->replacement->code == expected);
    CHECK(record->replacement->stratum == gone.stratum);
    CHECK(record->number == 1);
    CHECK(record->seed == seed);  // no chain: seed_k = seed
    auto teams = draw->final_teams();
    CHECK(team_of(teams, gone.code) == nullptr);
    REQUIRE(team_of(teams, expected) != nullptr);
    CHECK(broken_rules(in, teams, r, false).empty());
    CHECK(is_canonical_json(substitution_json(*record)));

    // The removed entity cannot be replaced twice; the next replacement is the following row.
    CHECK_FALSE(draw->substitute(entity_request(gone.code)));
    auto second = draw->substitute(entity_request(expected));
    REQUIRE(second);
    CHECK(second->replacement->code == stratum[r.strata[gone.stratum].count + 1].second);
    CHECK(draw->substitutions() == 2);
}

TEST_CASE("an inspector who leaves one team cannot come back to it", "[draw][substitution]") {
    Instance in = district(40, 6);
    auto draw = in.run(input_for("recusal"));
    REQUIRE(draw);
    const DrawnEntity& e = draw->result().selected[2];
    const std::string first = e.team[0].inspector;
    auto record = draw->substitute(inspector_request(first, e.code));
    REQUIRE(record);
    REQUIRE(record->refills.size() == 1);
    CHECK(record->refills[0].position == 0);
    CHECK(record->refills[0].left == first);
    const std::string second = record->refills[0].seat.inspector;
    CHECK(second != first);
    CHECK(second != e.team[1].inspector);
    // The replacement leaves too: the first inspector is barred from this team, so someone else
    // comes.
    auto again = draw->substitute(inspector_request(second, e.code));
    REQUIRE(again);
    CHECK(again->refills[0].seat.inspector != first);
    CHECK(again->refills[0].seat.inspector != second);
    auto teams = draw->final_teams();
    CHECK(broken_rules(in, teams, draw->result(), false).empty());
    // An inspector not in the team is refused.
    CHECK_FALSE(draw->substitute(inspector_request(first, e.code)));
}

TEST_CASE("an inspector who leaves the draw is in no team and never comes back",
          "[draw][substitution]") {
    Instance in = district(40, 8);
    auto draw = in.run(input_for("leaves"));
    REQUIRE(draw);
    const std::string id = draw->result().selected[0].team[1].inspector;
    auto record = draw->substitute(inspector_request(id));
    REQUIRE(record);
    CHECK(record->refills.size() >= 1);
    for (const auto& t : draw->final_teams())
        CHECK(std::find(t.inspectors.begin(), t.inspectors.end(), id) == t.inspectors.end());
    // Later entity substitutions do not pick the inspector either.
    for (int k = 0; k < 3; ++k) {
        auto teams = draw->final_teams();
        auto replaced = draw->substitute(entity_request(teams[static_cast<std::size_t>(k)].code));
        REQUIRE(replaced);
        for (const auto& s : replaced->replacement->team) CHECK(s.inspector != id);
    }
    CHECK_FALSE(draw->substitute(inspector_request(id)));
    CHECK(broken_rules(in, draw->final_teams(), draw->result(), false).empty());
}

TEST_CASE("a refused substitution changes nothing", "[draw][substitution]") {
    // Two inspectors, team size 2: nobody can replace one of them.
    Instance in = district(20, 2);
    in.plan.team.workload_cap.reset();
    auto draw = in.run(input_for("refused"));
    REQUIRE(draw);
    auto before = draw->final_teams();
    const auto& e = draw->result().selected[0];
    auto refused = draw->substitute(inspector_request(e.team[0].inspector, e.code));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("can take position 0") != std::string::npos);
    CHECK(draw->substitutions() == 0);
    auto after = draw->final_teams();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        CHECK(after[i].inspectors == before[i].inspectors);
    CHECK_FALSE(
        draw->substitute({SubstitutionKind::entity, e.code, "", "", std::nullopt}));  // no reason
}

TEST_CASE("substitution rounds use the secret's hash chain, link by link", "[draw][substitution]") {
    Instance in = district();
    // chain = 3: announced c = H³(s); the draw reveals v1 = H²(s); rounds 1 and 2 reveal v2, v3.
    Bytes s = to_bytes("operator secret for the chain");
    Hash v3 = sha256(s), v2 = sha256(v3), v1 = sha256(v2);
    DrawInput input = input_for("chain");
    input.values.push_back({"operator", to_hex(v1)});
    input.chain = SecretChain{3, Bytes(v1.begin(), v1.end())};
    auto draw = in.run(input);
    REQUIRE(draw);
    const Hash seed = draw->result().seed;
    auto codes = draw->final_teams();

    auto missing = draw->substitute(entity_request(codes[0].code));
    REQUIRE_FALSE(missing);
    auto wrong = entity_request(codes[0].code);
    wrong.link = Bytes(v3.begin(), v3.end());  // skips a link
    CHECK_FALSE(draw->substitute(wrong));
    CHECK(draw->substitutions() == 0);

    auto first = entity_request(codes[0].code);
    first.link = Bytes(v2.begin(), v2.end());
    auto r1 = draw->substitute(first);
    REQUIRE(r1);
    CHECK(r1->seed == substitution_seed(seed, 1, v2));
    auto second = inspector_request(codes[1].inspectors[0], codes[1].code);
    second.link = Bytes(v3.begin(), v3.end());
    auto r2 = draw->substitute(second);
    REQUIRE(r2);
    CHECK(r2->seed == substitution_seed(seed, 2, v3));
    // The chain is used up: round 3 takes no link and is keyed with the seed itself.
    auto third = entity_request(codes[2].code);
    third.link = Bytes(s.begin(), s.end());
    CHECK_FALSE(draw->substitute(third));
    third.link.reset();
    auto r3 = draw->substitute(third);
    REQUIRE(r3);
    CHECK(r3->seed == seed);
}

TEST_CASE("the same substitutions on the same draw give the same records", "[draw][substitution]") {
    Instance in = district();
    std::vector<std::string> runs;
    for (int round = 0; round < 2; ++round) {
        auto draw = in.run(input_for("replay"));
        REQUIRE(draw);
        auto teams = draw->final_teams();
        std::string all;
        all += substitution_json(*draw->substitute(entity_request(teams[3].code)));
        all += substitution_json(*draw->substitute(inspector_request(teams[5].inspectors[1])));
        all += substitution_json(
            *draw->substitute(inspector_request(teams[6].inspectors[0], teams[6].code)));
        runs.push_back(all);
    }
    CHECK(runs[0] == runs[1]);
}

// §10, inspector kind, read from the spec: the leaving inspector's pairs are
// released from every affected team first (the members who stay keep theirs),
// then each affected entity in selected order refills its position with the
// least (load, Σ P(i, t)) among the members not in its team and not gone.
// The candidate count of each refill is recomputed here and compared.
TEST_CASE("an inspector leaving several teams releases only its own pairs before the refills",
          "[draw][substitution]") {
    for (int run = 0; run < 24; ++run) {
        Instance in;
        Json plan = base_plan("10%", 3);
        plan["strata"]["groups"] = {{{"name", "all"}, {"count", 6}}};
        in.plan = plan_from(plan);
        for (std::uint64_t i = 1; i <= 12; ++i) in.rows.push_back(enterprise(i));
        in.table = table_of(in.rows);
        for (int i = 0; i < 6; ++i) in.inspectors.push_back(inspector("RS000" + std::to_string(i)));
        auto draw = in.run(input_for("pairs kept " + std::to_string(run)));
        REQUIRE(draw);
        const DrawResult& r = draw->result();

        std::map<std::string, std::vector<std::string>> team;
        std::map<std::string, int> load;
        std::map<std::pair<std::string, std::string>, int> pairs;
        auto pair_add = [&](const std::string& a, const std::string& b, int d) {
            pairs[{std::min(a, b), std::max(a, b)}] += d;
        };
        for (const auto& e : r.selected) {
            for (const auto& s : e.team) {
                team[e.code].push_back(s.inspector);
                ++load[s.inspector];
            }
            for (std::size_t a = 0; a < e.team.size(); ++a)
                for (std::size_t b = a + 1; b < e.team.size(); ++b)
                    pair_add(e.team[a].inspector, e.team[b].inspector, 1);
        }
        const std::string leaving = r.selected[0].team[1].inspector;
        std::vector<std::string> affected;  // selected order: r.selected is in it
        for (const auto& e : r.selected) {
            auto& t = team[e.code];
            auto it = std::find(t.begin(), t.end(), leaving);
            if (it == t.end()) continue;
            affected.push_back(e.code);
            for (const auto& other : t)
                if (other != leaving) pair_add(leaving, other, -1);
            *it = "";
            --load[leaving];
        }

        auto record = draw->substitute(inspector_request(leaving));
        REQUIRE(record);
        REQUIRE(record->refills.size() == affected.size());
        for (std::size_t n = 0; n < affected.size(); ++n) {
            const Refill& refill = record->refills[n];
            REQUIRE(refill.code == affected[n]);
            auto& t = team[refill.code];
            auto key = [&](const std::string& c) {
                int together = 0;
                for (const auto& member : t)
                    if (!member.empty())
                        together += pairs[{std::min(c, member), std::max(c, member)}];
                return std::pair{load[c], together};
            };
            std::vector<std::pair<int, int>> keys;
            for (const auto& x : in.inspectors)
                if (x.id != leaving && std::find(t.begin(), t.end(), x.id) == t.end())
                    keys.push_back(key(x.id));
            const auto least = *std::min_element(keys.begin(), keys.end());
            const auto count =
                static_cast<std::uint64_t>(std::count(keys.begin(), keys.end(), least));
            INFO("run " << run << ", refill " << n << " of " << refill.code);
            CHECK(refill.seat.candidates == count);
            CHECK(key(refill.seat.inspector) == least);
            for (const auto& member : t)
                if (!member.empty()) pair_add(refill.seat.inspector, member, 1);
            *std::find(t.begin(), t.end(), std::string()) = refill.seat.inspector;
            ++load[refill.seat.inspector];
        }
    }
}
