// fairdraw-drawvectors — writes the draw test vectors docs/vectors/draw-*.json.
//
// Each vector is a complete small instance (plan, directory rows, history,
// announcement identity, sources and typed values, substitutions) with the
// outputs of this implementation: canonical values, seed, every pool ticket,
// the draw result document and the substitution records. The outputs are
// frozen: tests/unit/test_draw_vectors.cpp replays them, and the independent
// verifier in audit/ (written from docs/SPEC.md) is to confirm them.
//
// Usage: fairdraw-drawvectors DIR
#include <cstdio>
#include <fstream>
#include <iostream>

#include "fairdraw/draw.h"
#include "fairdraw/keyed_hash.h"
#include "fairdraw/uscc.h"

using namespace fairdraw;

namespace {

const char* const k_note =
    "Frozen outputs of this implementation of fairdraw-draw-v1 (docs/SPEC.md §5-§10), written by "
    "tools/fairdraw-drawvectors and replayed by tests/unit/test_draw_vectors.cpp. They are to be "
    "confirmed by the independent verifier in audit/, which is written from docs/SPEC.md alone; "
    "until "
    "then they record behaviour, they do not prove it.";

std::string code_for(std::uint64_t i) {
    std::string org = "MA";
    for (int k = 0; k < 6; ++k, i /= 10) org += static_cast<char>('0' + i % 10);
    org += *uscc::organization_check_character(org);
    std::string first17 = "91110105" + org;
    return first17 + *uscc::check_character(first17);
}

Json row(std::initializer_list<std::pair<const char*, std::string>> fields) {
    Json out = Json::object();
    for (const auto& [key, value] : fields)
        if (!value.empty()) out[key] = value;
    return out;
}

struct Vector {
    std::string name, description;
    Json plan, enterprises = Json::array(), inspectors = Json::array(), conflicts = Json::array(),
               history = Json::array(), sources, typed, substitutions = Json::array();
    Hash announcement{};
};

Json request_json(const SubstitutionRequest& r) {
    return {{"kind", r.kind == SubstitutionKind::entity ? "entity" : "inspector"},
            {"code", r.code},
            {"inspector", r.inspector},
            {"reason", r.reason},
            {"link", r.link ? Json(to_hex(*r.link)) : Json(nullptr)}};
}

// A vector's inputs read back the way a replay reads them.
struct Loaded {
    Plan plan;
    EnterpriseTable table;
    std::vector<Inspector> inspectors;
    std::vector<Conflict> conflicts;
    std::vector<HistoryDraw> history;
    std::vector<Source> sources;
    std::vector<SourceValue> values;

    Result<Draw> run(const Hash& announcement) const {
        return Draw::run(plan, {table, inspectors, conflicts}, history,
                         DrawInput{announcement, values, secret_chain(sources, values)});
    }
};

Result<Loaded> load(const Vector& v) {
    Loaded out;
    FD_ASSIGN(out.plan, plan_from_json(v.plan, v.name));
    for (const auto& r : v.enterprises) FD_TRY(out.table.add_row(*canonical_json(r)));
    for (const auto& r : v.inspectors) {
        FD_ASSIGN(Inspector x, parse_inspector_row(*canonical_json(r)));
        out.inspectors.push_back(std::move(x));
    }
    for (const auto& r : v.conflicts) {
        FD_ASSIGN(Conflict c, parse_conflict_row(*canonical_json(r)));
        out.conflicts.push_back(std::move(c));
    }
    FD_ASSIGN(out.history, parse_history(v.history, v.name));
    FD_ASSIGN(out.sources, parse_sources(v.sources, v.name));
    FD_ASSIGN(out.values, canonical_values(out.sources, v.typed.get<std::vector<std::string>>()));
    return out;
}

int fail(const std::string& name, const Error& e) {
    std::cerr << name << ": " << e.message << "\n";
    for (const auto& p : e.details) std::cerr << "  " << p.render() << " | " << p.hint << "\n";
    return 1;
}

int write(const Vector& v, const std::string& dir) {
    auto in = load(v);
    if (!in) return fail(v.name, in.error());
    auto draw = in->run(v.announcement);
    if (!draw) return fail(v.name, draw.error());
    const EnterpriseTable& table = in->table;
    KeyedHash key(draw->result().seed);
    Json tickets = Json::array();
    for (std::size_t i = 0; i < table.size(); ++i)
        tickets.push_back(Json::array({table.code(i), to_hex(key.ticket(table.code(i)))}));
    Json subs = Json::array();
    for (const auto& request : v.substitutions) {
        SubstitutionRequest r;
        r.kind =
            request["kind"] == "entity" ? SubstitutionKind::entity : SubstitutionKind::inspector;
        r.code = request["code"];
        r.inspector = request["inspector"];
        r.reason = request["reason"];
        if (!request["link"].is_null()) r.link = *from_hex(request["link"].get<std::string>());
        auto record = draw->substitute(r);
        if (!record) return fail(v.name, record.error());
        subs.push_back(
            {{"request", request_json(r)}, {"record", Json::parse(substitution_json(*record))}});
    }
    Json values_json = Json::array();
    for (const auto& value : in->values)
        values_json.push_back(Json::array({value.name, value.value}));
    Json doc = {
        {"note", k_note},
        {"description", v.description},
        {"plan", v.plan},
        {"enterprises", v.enterprises},
        {"inspectors", v.inspectors},
        {"conflicts", v.conflicts},
        {"history", v.history},
        {"announcement_id", to_hex(v.announcement)},
        {"sources", v.sources},
        {"typed", v.typed},
        {"expected",
         {{"plan_sha256", to_hex(plan_sha256(in->plan))},
          {"normalized_plan", plan_to_json(in->plan)},
          {"values", values_json},
          {"seed", to_hex(draw->result().seed)},
          {"tickets", tickets},
          {"result", Json::parse(draw_result_json(draw->result()))},
          {"result_id", to_hex(draw_result_id(draw->result()))},
          {"substitutions", subs},
          {"final_teams",
           history_to_json(std::vector<HistoryDraw>{{"", "", draw->final_teams()}})[0]["teams"]}}},
    };
    std::ofstream out(dir + "/" + v.name + ".json", std::ios::binary);
    out << doc.dump(1, ' ', false) << "\n";
    std::cout << "wrote " << dir << "/" << v.name << ".json\n";
    return out ? 0 : 1;
}

Vector small_district() {
    Vector v;
    v.name = "draw-small";
    v.description =
        "A district draw: three credit-class strata (half_up rounding, a min, an excluded "
        "unmatched row), "
        "repeat control by date and history, a joint team of two departments, own-region and "
        "last-inspector recusal, declared conflicts, a workload cap, four kinds of sources with a "
        "secret "
        "hash chain, and three substitutions (an entity, an inspector leaving one team, an "
        "inspector "
        "leaving the draw).";
    v.plan = Json::parse(R"({
      "format": "fairdraw-plan-v1", "title": "2026 年第一批企业公示信息双随机抽查", "department": "市场监管局",
      "cooperating_departments": ["综合执法大队"],
      "items": [{"id": "SJ-2026-01", "name": "企业公示信息抽查", "legal_basis": "《企业信息公示暂行条例》第十四条", "category": "一般"}],
      "window": {"start": "2026-03-02", "end": "2026-04-30"},
      "repeat": {"within_days": 30, "annual_cap": 1},
      "strata": {"field": "credit_class", "unmatched": "exclude", "groups": [
        {"name": "低风险", "values": ["A"], "ratio": "10%"},
        {"name": "一般风险", "values": ["B", "C"], "ratio": "20%", "min": 2},
        {"name": "高风险", "values": ["D"], "ratio": "100%"}]},
      "rounding": "half_up",
      "team": {"size": 3, "composition": {"市场监管所": 2, "综合执法大队": 1}, "workload_cap": 5},
      "recusal": {"not_own_region": true, "not_last_inspector": true}})");
    const char* regions[] = {"东城街道", "西城街道", "南湖街道"};
    const char* credits[] = {"A", "B", "B", "C", "A", "B", "D", "A", "C", "B"};
    for (std::uint64_t i = 1; i <= 40; ++i) {
        std::string status = i % 13 == 0 ? "注销" : "存续";
        // 30 days before 2026-03-02 is 2026-01-31: recent; 2026-01-15 counts for the annual cap
        // only.
        std::string last = i % 11 == 0  ? "2026-02-10"
                           : i % 7 == 0 ? "2026-01-15"
                           : i % 9 == 0 ? "2025-12-20"
                                        : "";
        std::string credit = i == 17 ? "" : credits[i % 10];
        v.enterprises.push_back(row({{"code", i == 23 ? "110105000012345" : code_for(i)},
                                     {"name", "北京示例" + std::to_string(i) + "号商贸有限公司"},
                                     {"status", status},
                                     {"region", regions[i % 3]},
                                     {"industry", i % 2 ? "批发和零售业" : "制造业"},
                                     {"credit_class", credit},
                                     {"last_inspected", last}}));
    }
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> people{
        {"SC001", "市场监管所", "东城街道", "2029-06-30"},
        {"SC002", "市场监管所", "西城街道", "9999-09-09"},
        {"SC003", "市场监管所", "南湖街道", "2028-12-31"},
        {"SC004", "市场监管所", "", "2027-01-31"},
        {"SC005", "市场监管所", "东城街道", "2026-04-01"},
        {"SC006", "市场监管所", "西城街道", "2028-03-31"},
        {"SC007", "市场监管所", "南湖街道", "长期"},
        {"SC008", "市场监管所", "", "2030-01-31"},
        {"SC009", "市场监管所", "东城街道", "2028-10-31"},
        {"ZF101", "综合执法大队", "东城街道", "2028-12-31"},
        {"ZF102", "综合执法大队", "", "2029-12-31"},
        {"ZF103", "综合执法大队", "西城街道", "2028-12-31"},
        {"ZF104", "综合执法大队", "南湖街道", "2027-08-31"},
        {"BG201", "办公室", "", "2028-12-31"}};
    int n = 0;
    for (const auto& [id, dept, region, expiry] : people)
        v.inspectors.push_back(row({{"id", id},
                                    {"name", "执法人员" + std::to_string(++n)},
                                    {"certificate_no", "京市监执 " + id},
                                    {"certificate_expiry", expiry},
                                    {"department", dept},
                                    {"region", region},
                                    {"status", id == "SC004" ? "休假" : "在岗"}}));
    for (auto [inspector, entity] : std::vector<std::pair<std::string, std::uint64_t>>{
             {"SC002", 2}, {"SC003", 5}, {"ZF102", 9}, {"SC006", 10}, {"ZF101", 15}, {"SC001", 21}})
        v.conflicts.push_back(row({{"inspector", inspector},
                                   {"entity", code_for(entity)},
                                   {"reason", "近亲属在该企业任职"}}));
    v.history = Json::array({{{"result", to_hex(sha256(std::string_view("earlier draw")))},
                              {"window_start", "2025-10-08"},
                              {"teams", Json::array()}}});
    const char* last_teams[][3] = {
        {"SC002", "SC007", "ZF103"}, {"SC001", "SC003", "ZF101"}, {"SC006", "SC007", "ZF104"}};
    for (std::uint64_t i = 1; i <= 40; i += 5)
        v.history[0]["teams"].push_back(Json::array({code_for(i), last_teams[i % 3]}));
    std::sort(v.history[0]["teams"].begin(), v.history[0]["teams"].end());
    // chain 3: c = H³(s), the draw reveals v1 = H²(s), substitutions 1 and 2 reveal H(s) and s.
    Bytes s = to_bytes("fairdraw test vector secret 2026");
    Hash v3 = sha256(s), v2 = sha256(v3), v1 = sha256(v2), c = sha256(v1);
    v.sources = Json::parse(R"([
      {"name": "福彩3D 2026056期", "kind": "numbers", "count": 3, "min": 0, "max": 9, "expected": "2026-03-02T13:30:00Z"},
      {"name": "见证人 1", "kind": "witness", "digits": 6, "description": "公证员"},
      {"name": "见证人 2", "kind": "witness", "digits": 6, "description": "企业代表"},
      {"name": "operator", "kind": "secret", "chain": 3, "sha256": ")" +
                            to_hex(c) + R"("}])");
    v.typed = {"7 0 3", "052731", "918264", to_hex(v1)};
    v.announcement = sha256(std::string_view("fairdraw test vector draw-small announcement"));
    v.substitutions = Json::array();
    v.substitutions.push_back({{"kind", "entity"},
                               {"code", ""},
                               {"inspector", ""},
                               {"reason", "已注销"},
                               {"link", to_hex(v2)}});
    v.substitutions.push_back({{"kind", "inspector"},
                               {"code", ""},
                               {"inspector", ""},
                               {"reason", "回避: 当事人申请"},
                               {"link", to_hex(v3)}});
    v.substitutions.push_back({{"kind", "inspector"},
                               {"code", ""},
                               {"inspector", "ZF102"},
                               {"reason", "病假"},
                               {"link", nullptr}});
    return v;
}

// Fills in the substitution targets from a first run: the first selected entity is replaced, and
// the first member of the second selected entity leaves its team.
int complete_targets(Vector& v) {
    auto in = load(v);
    if (!in) return fail(v.name, in.error());
    auto draw = in->run(v.announcement);
    if (!draw) return fail(v.name, draw.error());
    const auto& selected = draw->result().selected;
    v.substitutions[0]["code"] = selected.at(0).code;
    v.substitutions[1]["code"] = selected.at(1).code;
    v.substitutions[1]["inspector"] = selected.at(1).team.at(0).inspector;
    return 0;
}

// An instance with many conflicts and announcements tried in order until the draw needs both
// completion chains (§9.7) and raising (§9.8); the first such announcement is kept.
Vector chains() {
    Vector v;
    v.name = "draw-chains";
    v.plan = Json::parse(R"({
      "format": "fairdraw-plan-v1", "title": "链式调整测试", "department": "市场监管局",
      "items": [{"id": "T-1", "name": "测试事项", "legal_basis": "测试依据", "category": "重点"}],
      "window": {"start": "2026-06-01", "end": "2026-06-30"},
      "strata": {"field": null, "groups": [{"name": "全部", "count": 9}]},
      "team": {"size": 2}})");
    for (std::uint64_t i = 1; i <= 12; ++i)
        v.enterprises.push_back(row({{"code", code_for(500 + i)},
                                     {"name", "企业" + std::to_string(i)},
                                     {"status", "在业"}}));
    for (int i = 1; i <= 5; ++i)
        v.inspectors.push_back(row({{"id", "J0" + std::to_string(i)},
                                    {"name", "检查员" + std::to_string(i)},
                                    {"certificate_no", "J" + std::to_string(i)},
                                    {"certificate_expiry", "9999-09-09"},
                                    {"department", "检查科"},
                                    {"status", "在岗"}}));
    for (std::uint64_t e = 1; e <= 12; ++e)
        for (int i = 1; i <= 5; ++i)
            if ((e * 7 + static_cast<std::uint64_t>(i) * 3) % 5 < 2 && !(e % 3 == 0 && i == 5))
                v.conflicts.push_back(row({{"inspector", "J0" + std::to_string(i)},
                                           {"entity", code_for(500 + e)},
                                           {"reason", "利害关系"}}));
    v.sources = Json::parse(R"([{"name": "beacon", "kind": "hex", "bytes": 32}])");
    return v;
}

bool has_placements(const Vector& v) {
    auto in = load(v);
    if (!in) return false;
    auto draw = in->run(v.announcement);
    if (!draw) return false;
    bool completion = false, raising = false;
    for (const auto& e : draw->result().selected)
        for (const auto& s : e.team) {
            completion = completion || s.placement == Placement::completion;
            raising = raising || s.placement == Placement::raising;
        }
    return completion && raising;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fairdraw-drawvectors DIR\n";
        return 2;
    }
    const std::string dir = argv[1];
    Vector small = small_district();
    if (complete_targets(small) != 0 || write(small, dir) != 0) return 1;
    Vector c = chains();
    for (int attempt = 0;; ++attempt) {
        if (attempt == 10000) {
            std::cerr << "draw-chains: no announcement found that needs completion and raising\n";
            return 1;
        }
        c.announcement = sha256("fairdraw test vector draw-chains " + std::to_string(attempt));
        c.typed = {to_hex(sha256("beacon " + std::to_string(attempt)))};
        if (has_placements(c)) {
            c.description =
                "Greedy pass, completion chains and raising (§9.6–9.8) on a conflict-heavy "
                "instance; announcement number " +
                std::to_string(attempt) +
                " is the first of the generator's sequence whose draw needs both.";
            break;
        }
    }
    return write(c, dir);
}
