// Reading the draw result document (docs/SPEC.md §9.10) and the substitution
// record (§10) back into their structures. The writers are in draw_json.cpp;
// a document read here and written again gives the same bytes, which callers
// check.
#include <limits>

#include "fairdraw/draw_record.h"

namespace fairdraw {
namespace {

class DocReader {
  public:
    explicit DocReader(std::string what) : m_what(std::move(what)) {}

    bool ok() const { return m_problem.empty(); }
    Error error() const { return Error::bad_input(m_what + " is malformed: " + m_problem); }

    void fail(const std::string& path, const std::string& message) {
        if (m_problem.empty()) m_problem = path + ": " + message;
    }
    const Json& member(const Json& object, const char* key, const std::string& path) {
        static const Json null_value;
        if (!object.is_object() || !object.contains(key)) {
            fail(path, std::string("no member \"") + key + "\"");
            return null_value;
        }
        return object[key];
    }
    std::string text(const Json& v, const std::string& path) {
        if (!v.is_string()) {
            fail(path, "not a string");
            return {};
        }
        return v.get<std::string>();
    }
    std::uint64_t number(const Json& v, const std::string& path,
                         std::uint64_t max = std::numeric_limits<std::uint32_t>::max()) {
        if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max) {
            fail(path, "not a non-negative integer in range");
            return 0;
        }
        return v.get<std::uint64_t>();
    }
    Hash hash(const Json& v, const std::string& path) {
        auto h = hash_from_hex(text(v, path));
        if (!h) {
            fail(path, "not 64 hex digits");
            return Hash{};
        }
        return *h;
    }
    std::optional<std::string> optional_text(const Json& v, const std::string& path) {
        if (v.is_null()) return std::nullopt;
        return text(v, path);
    }
    const Json& list(const Json& v, const std::string& path) {
        static const Json empty = Json::array();
        if (!v.is_array()) {
            fail(path, "not a list");
            return empty;
        }
        return v;
    }

  private:
    std::string m_what;
    std::string m_problem;
};

constexpr std::uint64_t k_max_int = (std::uint64_t{1} << 53) - 1;

Seat read_seat(DocReader& in, const Json& v, const std::string& path) {
    Seat seat;
    seat.inspector = in.text(in.member(v, "inspector", path), path + ".inspector");
    seat.group = static_cast<std::uint32_t>(in.number(in.member(v, "group", path), path + ".group"));
    const Json& pick = in.member(v, "pick", path);
    const Json& candidates = in.member(v, "candidates", path);
    const std::string word = in.text(pick, path + ".pick");
    if (word == "completion" || word == "raising") {
        seat.placement = word == "completion" ? Placement::completion : Placement::raising;
        if (!candidates.is_null()) in.fail(path + ".candidates", "must be null");
        return seat;
    }
    seat.placement = Placement::pick;
    seat.candidates = in.number(candidates, path + ".candidates", k_max_int);
    auto bytes = from_hex(word);
    if (word.size() != 16 || !bytes || to_hex(*bytes) != word) {
        in.fail(path + ".pick", "not 16 lower-case hex digits");
        return seat;
    }
    for (auto b : *bytes) seat.pick = (seat.pick << 8) | b;
    return seat;
}

DrawnEntity read_entity(DocReader& in, const Json& v, const std::string& path) {
    DrawnEntity e;
    e.code = in.text(in.member(v, "code", path), path + ".code");
    e.stratum = static_cast<std::uint32_t>(in.number(in.member(v, "stratum", path), path + ".stratum"));
    e.ticket = in.hash(in.member(v, "ticket", path), path + ".ticket");
    const Json& team = in.list(in.member(v, "team", path), path + ".team");
    for (std::size_t s = 0; s < team.size(); ++s)
        e.team.push_back(read_seat(in, team[s], path + ".team[" + std::to_string(s) + "]"));
    return e;
}

std::string at(const char* list, std::size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
}

}  // namespace

Result<DrawResult> parse_draw_result(std::string_view document) {
    auto parsed = parse_json(document, "draw result");
    if (!parsed) return std::move(parsed).error();
    const Json& doc = *parsed;
    DocReader in("the draw result document");
    DrawResult r;
    if (in.text(in.member(doc, "format", ""), "format") != k_draw_result_format)
        in.fail("format", "not " + std::string(k_draw_result_format));
    if (in.text(in.member(doc, "algorithm", ""), "algorithm") != k_draw_algorithm)
        in.fail("algorithm", "not " + std::string(k_draw_algorithm));
    r.announcement = in.hash(in.member(doc, "announcement", ""), "announcement");
    r.seed = in.hash(in.member(doc, "seed", ""), "seed");
    const Json& values = in.list(in.member(doc, "values", ""), "values");
    for (std::size_t i = 0; i < values.size(); ++i) {
        const Json& pair = values[i];
        if (!pair.is_array() || pair.size() != 2) {
            in.fail(at("values", i), "not a [name, value] pair");
            continue;
        }
        r.values.push_back({in.text(pair[0], at("values", i)), in.text(pair[1], at("values", i))});
    }
    const Json& pool = in.member(doc, "pool", "");
    r.pool.rows = in.number(in.member(pool, "rows", "pool"), "pool.rows", k_max_int);
    r.pool.population = in.number(in.member(pool, "population", "pool"), "pool.population", k_max_int);
    r.pool.recent = in.number(in.member(pool, "recent", "pool"), "pool.recent", k_max_int);
    r.pool.annual_cap = in.number(in.member(pool, "annual_cap", "pool"), "pool.annual_cap", k_max_int);
    r.pool.unmatched = in.number(in.member(pool, "unmatched", "pool"), "pool.unmatched", k_max_int);
    r.pool.size = in.number(in.member(pool, "size", "pool"), "pool.size", k_max_int);
    const Json& strata = in.list(in.member(doc, "strata", ""), "strata");
    for (std::size_t i = 0; i < strata.size(); ++i) {
        const std::string p = at("strata", i);
        StratumOutcome s;
        s.name = in.text(in.member(strata[i], "name", p), p + ".name");
        s.pool = in.number(in.member(strata[i], "pool", p), p + ".pool", k_max_int);
        s.count = in.number(in.member(strata[i], "count", p), p + ".count", k_max_int);
        const Json& cutoff = in.member(strata[i], "cutoff", p);
        if (!cutoff.is_null()) s.cutoff = in.hash(cutoff, p + ".cutoff");
        r.strata.push_back(std::move(s));
    }
    const Json& selected = in.list(in.member(doc, "selected", ""), "selected");
    r.selected.reserve(selected.size());
    for (std::size_t i = 0; i < selected.size(); ++i)
        r.selected.push_back(read_entity(in, selected[i], at("selected", i)));
    const Json& groups = in.list(in.member(doc, "groups", ""), "groups");
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const std::string p = at("groups", i);
        TeamGroup g;
        g.department = in.optional_text(in.member(groups[i], "department", p), p + ".department");
        g.need = static_cast<std::uint32_t>(in.number(in.member(groups[i], "need", p), p + ".need"));
        g.members = static_cast<std::uint32_t>(in.number(in.member(groups[i], "members", p), p + ".members"));
        g.hi = static_cast<std::uint32_t>(in.number(in.member(groups[i], "hi", p), p + ".hi"));
        g.lo = static_cast<std::uint32_t>(in.number(in.member(groups[i], "lo", p), p + ".lo"));
        r.groups.push_back(std::move(g));
    }
    const Json& loads = in.list(in.member(doc, "loads", ""), "loads");
    for (std::size_t i = 0; i < loads.size(); ++i) {
        const std::string p = at("loads", i);
        InspectorLoad l;
        l.inspector = in.text(in.member(loads[i], "inspector", p), p + ".inspector");
        l.group = static_cast<std::uint32_t>(in.number(in.member(loads[i], "group", p), p + ".group"));
        l.load = static_cast<std::uint32_t>(in.number(in.member(loads[i], "load", p), p + ".load"));
        r.loads.push_back(std::move(l));
    }
    if (!in.ok()) return in.error();
    if (draw_result_json(r) != document)
        return Error::bad_input("the draw result document is not in canonical form (§9.10)");
    return r;
}

Result<SubstitutionRecord> parse_substitution(std::string_view record) {
    auto parsed = parse_json(record, "substitution record");
    if (!parsed) return std::move(parsed).error();
    const Json& doc = *parsed;
    DocReader in("the substitution record");
    SubstitutionRecord r;
    if (in.text(in.member(doc, "format", ""), "format") != k_substitution_format)
        in.fail("format", "not " + std::string(k_substitution_format));
    r.number = in.number(in.member(doc, "number", ""), "number", k_max_int);
    r.draw = in.hash(in.member(doc, "draw", ""), "draw");
    r.seed = in.hash(in.member(doc, "seed", ""), "seed");
    const std::string kind = in.text(in.member(doc, "kind", ""), "kind");
    if (kind != "entity" && kind != "inspector") in.fail("kind", "not entity or inspector");
    SubstitutionRequest& q = r.request;
    q.kind = kind == "entity" ? SubstitutionKind::entity : SubstitutionKind::inspector;
    q.code = in.optional_text(in.member(doc, "code", ""), "code").value_or("");
    q.inspector = in.optional_text(in.member(doc, "inspector", ""), "inspector").value_or("");
    q.reason = in.text(in.member(doc, "reason", ""), "reason");
    if (auto link = in.optional_text(in.member(doc, "link", ""), "link")) {
        auto bytes = from_hex(*link);
        if (!bytes)
            in.fail("link", "not hex");
        else
            q.link = *bytes;
    }
    const Json& refills = in.list(in.member(doc, "refills", ""), "refills");
    for (std::size_t i = 0; i < refills.size(); ++i) {
        const std::string p = at("refills", i);
        Refill f;
        f.code = in.text(in.member(refills[i], "code", p), p + ".code");
        f.left = in.text(in.member(refills[i], "left", p), p + ".left");
        f.position = static_cast<std::uint32_t>(in.number(in.member(refills[i], "position", p), p + ".position"));
        f.seat = read_seat(in, in.member(refills[i], "seat", p), p + ".seat");
        r.refills.push_back(std::move(f));
    }
    const Json& replacement = in.member(doc, "replacement", "");
    if (!replacement.is_null()) r.replacement = read_entity(in, replacement, "replacement");
    if (!in.ok()) return in.error();
    if (substitution_json(r) != record)
        return Error::bad_input("the substitution record is not in canonical form (§10)");
    return r;
}

}  // namespace fairdraw
