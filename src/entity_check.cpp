// fairdraw check: one enterprise's questions about a published draw (docs/SPEC.md §12.6).
//
// The bundle is verified first; then the answers come from its files only:
// the entity's row and its RFC 6962 inclusion proof against the announced
// root (public or plain, the one the bundle's rows give), its ticket, its
// stratum when the bundle can know it, its team and the substitutions that
// concern it.
#include <algorithm>
#include <fstream>

#include "bundle_replay.h"
#include "fairdraw/merkle.h"

namespace fairdraw {
namespace {

namespace fs = std::filesystem;

// PATH(m, D[n]) of RFC 9162 §2.1.3.1 over leaf hashes held in memory.
void audit_path(std::span<const Hash> leaves, std::uint64_t m, std::vector<Hash>& out) {
    const std::uint64_t n = leaves.size();
    if (n <= 1) return;
    std::uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    if (m < k) {
        audit_path(leaves.first(k), m, out);
        out.push_back(merkle::root_of(leaves.subspan(k)));
    } else {
        audit_path(leaves.subspan(k), m - k, out);
        out.push_back(merkle::root_of(leaves.first(k)));
    }
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

Result<EntityCheck> check_entity(const fs::path& dir, std::string_view code) {
    BundleVerification report;
    FD_ASSIGN(detail::BundleData data, detail::load_verified_bundle(dir, report));
    if (!report.ok())
        return Error::verification_failed("the bundle does not verify; run 'fairdraw verify " +
                                          dir.string() + "' for the details");
    EntityCheck out;
    out.code = std::string(code);
    const auto& a = data.announcement;
    const bool full = data.kind == BundleKind::full;
    out.root = full ? a.enterprises.root : a.enterprises.public_root;
    out.root_kind = full ? "root" : "public_root";

    std::ifstream in(dir / detail::snapshot_file(DirectoryKind::enterprises), std::ios::binary);
    std::vector<Hash> leaves;
    leaves.reserve(static_cast<std::size_t>(a.enterprises.rows));
    std::string line, row;
    const std::string prefix = "{\"code\":" + Json(out.code).dump() + ",";
    while (std::getline(in, line)) {
        if (line.compare(0, prefix.size(), prefix) == 0) {
            out.in_snapshot = true;
            out.position = leaves.size();
            row = line;
        }
        leaves.push_back(merkle::leaf_hash(line));
    }
    if (out.in_snapshot) {
        audit_path(leaves, out.position, out.inclusion_path);
        FD_TRY(merkle::verify_inclusion(leaves[out.position], out.position, leaves.size(),
                                        out.inclusion_path, out.root));
    }
    leaves.clear();
    leaves.shrink_to_fit();

    FD_ASSIGN(std::string message, canonical_json(Json::array({"fairdraw-ticket-v1", out.code})));
    out.ticket = to_hex(hmac_sha256(data.result.seed, as_bytes(message)));

    const auto& sealed = a.enterprises.sealed;
    auto is_sealed = [&](const std::string& f) {
        return !full && std::find(sealed.begin(), sealed.end(), f) != sealed.end();
    };
    std::optional<Enterprise> e;
    if (out.in_snapshot) {
        auto parsed = parse_enterprise_row(row);
        if (parsed) e = *parsed;
        if (e)
            for (const auto& [field, value] : data.opened[out.code])
                if (auto f = enterprise_field(field)) (*e)[*f] = value;
    }
    const bool opened = data.opened.count(out.code) > 0;
    const Plan& plan = a.plan;
    if (e) {
        bool knowable = true;
        for (const char* f : {"status", "industry", "region", "entity_type", "jurisdiction"})
            if (is_sealed(f) && !opened) knowable = false;
        if (knowable) {
            const auto& p = plan.population;
            const bool legacy = e->code.size() == 15 &&
                                std::all_of(e->code.begin(), e->code.end(), [](char c) { return c >= '0' && c <= '9'; });
            out.in_population = listed(p.status, e->status) && listed(p.industry, e->industry) &&
                                listed(p.region, e->region) && listed(p.entity_type, e->entity_type) &&
                                listed(p.jurisdiction, e->jurisdiction) &&
                                !(legacy && p.legacy_codes == LegacyCodes::exclude);
        }
        std::optional<std::size_t> group;
        if (!plan.strata.field) {
            group = 0;
        } else if (!is_sealed(std::string(field_name(*plan.strata.field))) || opened) {
            const std::string value = (*e)[*plan.strata.field];
            for (std::size_t g = 0; g < plan.strata.groups.size() && !group; ++g)
                if (std::find(plan.strata.groups[g].values.begin(), plan.strata.groups[g].values.end(), value) !=
                    plan.strata.groups[g].values.end())
                    group = g;
        }
        if (group && *group < data.result.strata.size()) {
            out.stratum = data.result.strata[*group].name;
            const auto& cutoff = data.result.strata[*group].cutoff;
            out.cutoff = cutoff ? to_hex(*cutoff) : "null";
        }
    }

    const auto current = detail::current_entities(data.result, data.substitutions);
    out.drawn = std::find(data.drawn.begin(), data.drawn.end(), out.code) != data.drawn.end();
    for (const auto& c : current) {
        if (c.entity.code != out.code) continue;
        for (const auto& seat : c.entity.team) {
            EntityCheck::Member m{seat.inspector, "", "", ""};
            for (const auto& i : data.inspectors)
                if (i.id == seat.inspector) m = {i.id, i.name, i.certificate_no, i.department};
            out.team.push_back(std::move(m));
        }
    }
    for (const auto& s : data.substitutions) {
        const std::string n = "substitution " + std::to_string(s.number) + " (" + s.request.reason + "): ";
        if (s.request.kind == SubstitutionKind::entity && s.request.code == out.code)
            out.substitutions.push_back(n + "replaced by " + (s.replacement ? s.replacement->code : "?"));
        if (s.replacement && s.replacement->code == out.code)
            out.substitutions.push_back(n + "drawn as the replacement of " + s.request.code);
        for (const auto& r : s.refills)
            if (r.code == out.code)
                out.substitutions.push_back(n + "inspector " + r.left + " left position " +
                                            std::to_string(r.position) + ", " + r.seat.inspector + " took it");
    }
    return out;
}

Json entity_check_json(const EntityCheck& c) {
    Json path = Json::array();
    for (const auto& h : c.inclusion_path) path.push_back(to_hex(h));
    Json team = Json::array();
    for (const auto& m : c.team)
        team.push_back(Json{{"inspector", m.id}, {"name", m.name}, {"certificate_no", m.certificate_no},
                            {"department", m.department}});
    auto opt = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
    return Json{{"code", c.code},
                {"in_snapshot", c.in_snapshot},
                {"position", c.in_snapshot ? Json(c.position) : Json(nullptr)},
                {"inclusion_path", path},
                {c.root_kind, to_hex(c.root)},
                {"in_population", opt(c.in_population)},
                {"stratum", opt(c.stratum)},
                {"cutoff", opt(c.cutoff)},
                {"ticket", c.ticket},
                {"drawn", c.drawn},
                {"team", team},
                {"substitutions", c.substitutions}};
}

std::string entity_check_text(const EntityCheck& c) {
    std::string out;
    out += "企业 entity " + c.code + "\n";
    if (c.in_snapshot)
        out += "  in the snapshot: yes, position " + std::to_string(c.position) + "; inclusion proof (" +
               std::to_string(c.inclusion_path.size()) + " hashes) verified against the " +
               (c.root_kind == "root" ? "root " : "public root ") + to_hex(c.root) + "\n";
    else
        out += "  in the snapshot: no\n";
    out += "  in the population: " +
           std::string(!c.in_population ? "not knowable from this bundle (a population field is sealed)"
                                        : *c.in_population ? "yes" : "no") + "\n";
    out += "  ticket: " + c.ticket + "\n";
    out += "  stratum: " + (c.stratum ? *c.stratum + ", cut-off " + c.cutoff.value_or("null")
                                      : std::string("not knowable from this bundle (the strata field is sealed)")) + "\n";
    out += "  drawn: " + std::string(c.drawn ? "yes" : "no") + "\n";
    if (!c.team.empty()) {
        out += "  team:\n";
        for (const auto& m : c.team)
            out += "    " + m.name + " (" + m.id + "), 执法证 " + m.certificate_no + ", " + m.department + "\n";
    }
    for (const auto& s : c.substitutions) out += "  " + s + "\n";
    return out;
}

}  // namespace fairdraw
