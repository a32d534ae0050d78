// The draw result document (docs/SPEC.md §9.10) and the substitution record
// (§10), written directly in canonical JSON: members in byte order of their
// names, strings escaped the canonical way. A draw of 50,000 entities is a
// document of several megabytes, so no JSON tree is built.
#include <cstdio>

#include "draw_internal.h"

namespace fairdraw {
namespace {

class Writer {
  public:
    std::string out;

    void text(std::string_view s) {
        out += '"';
        append_json_string(out, s);
        out += '"';
    }
    void number(std::uint64_t v) { out += std::to_string(v); }
    void hex(const Hash& h) { text(to_hex(h)); }
    void key(std::string_view k, bool first = false) {
        if (!first) out += ',';
        text(k);
        out += ':';
    }
    void pick_value(std::uint64_t r) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(r));
        text(buf);
    }
};

const char* placement_name(Placement p) {
    switch (p) {
        case Placement::completion:
            return "completion";
        case Placement::raising:
            return "raising";
        case Placement::pick:
            break;
    }
    return "pick";
}

void write_seat(Writer& w, const Seat& s) {
    w.out += '{';
    w.key("candidates", true);
    if (s.placement == Placement::pick)
        w.number(s.candidates);
    else
        w.out += "null";
    w.key("group");
    w.number(s.group);
    w.key("inspector");
    w.text(s.inspector);
    w.key("pick");
    if (s.placement == Placement::pick)
        w.pick_value(s.pick);
    else
        w.text(placement_name(s.placement));
    w.out += '}';
}

void write_entity(Writer& w, const DrawnEntity& e) {
    w.out += '{';
    w.key("code", true);
    w.text(e.code);
    w.key("stratum");
    w.number(e.stratum);
    w.key("team");
    w.out += '[';
    for (std::size_t i = 0; i < e.team.size(); ++i) {
        if (i) w.out += ',';
        write_seat(w, e.team[i]);
    }
    w.out += ']';
    w.key("ticket");
    w.hex(e.ticket);
    w.out += '}';
}

template <class T, class F>
void write_list(Writer& w, const std::vector<T>& list, F each) {
    w.out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) w.out += ',';
        each(list[i]);
    }
    w.out += ']';
}

}  // namespace

std::string draw_result_json(const DrawResult& r) {
    Writer w;
    w.out.reserve(256 + r.selected.size() * 300);
    w.out += '{';
    w.key("algorithm", true);
    w.text(k_draw_algorithm);
    w.key("announcement");
    w.hex(r.announcement);
    w.key("format");
    w.text(k_draw_result_format);
    w.key("groups");
    write_list(w, r.groups, [&](const TeamGroup& g) {
        w.out += '{';
        w.key("department", true);
        if (g.department)
            w.text(*g.department);
        else
            w.out += "null";
        w.key("hi");
        w.number(g.hi);
        w.key("lo");
        w.number(g.lo);
        w.key("members");
        w.number(g.members);
        w.key("need");
        w.number(g.need);
        w.out += '}';
    });
    w.key("loads");
    write_list(w, r.loads, [&](const InspectorLoad& l) {
        w.out += '{';
        w.key("group", true);
        w.number(l.group);
        w.key("inspector");
        w.text(l.inspector);
        w.key("load");
        w.number(l.load);
        w.out += '}';
    });
    w.key("pool");
    w.out += '{';
    w.key("annual_cap", true);
    w.number(r.pool.annual_cap);
    w.key("population");
    w.number(r.pool.population);
    w.key("recent");
    w.number(r.pool.recent);
    w.key("rows");
    w.number(r.pool.rows);
    w.key("size");
    w.number(r.pool.size);
    w.key("unmatched");
    w.number(r.pool.unmatched);
    w.out += '}';
    w.key("seed");
    w.hex(r.seed);
    w.key("selected");
    write_list(w, r.selected, [&](const DrawnEntity& e) { write_entity(w, e); });
    w.key("strata");
    write_list(w, r.strata, [&](const StratumOutcome& s) {
        w.out += '{';
        w.key("count", true);
        w.number(s.count);
        w.key("cutoff");
        if (s.cutoff)
            w.hex(*s.cutoff);
        else
            w.out += "null";
        w.key("name");
        w.text(s.name);
        w.key("pool");
        w.number(s.pool);
        w.out += '}';
    });
    w.key("values");
    write_list(w, r.values, [&](const SourceValue& v) {
        w.out += '[';
        w.text(v.name);
        w.out += ',';
        w.text(v.value);
        w.out += ']';
    });
    w.out += '}';
    return std::move(w.out);
}

Hash draw_result_id(const DrawResult& result) {
    return sha256(draw_result_json(result));
}

std::string substitution_json(const SubstitutionRecord& record) {
    const SubstitutionRequest& req = record.request;
    const bool entity = req.kind == SubstitutionKind::entity;
    Writer w;
    w.out += '{';
    w.key("code", true);
    if (req.code.empty())
        w.out += "null";
    else
        w.text(req.code);
    w.key("draw");
    w.hex(record.draw);
    w.key("format");
    w.text(k_substitution_format);
    w.key("inspector");
    if (entity)
        w.out += "null";
    else
        w.text(req.inspector);
    w.key("kind");
    w.text(entity ? "entity" : "inspector");
    w.key("link");
    if (req.link)
        w.text(to_hex(*req.link));
    else
        w.out += "null";
    w.key("number");
    w.number(record.number);
    w.key("reason");
    w.text(req.reason);
    w.key("refills");
    write_list(w, record.refills, [&](const Refill& f) {
        w.out += '{';
        w.key("code", true);
        w.text(f.code);
        w.key("left");
        w.text(f.left);
        w.key("position");
        w.number(f.position);
        w.key("seat");
        write_seat(w, f.seat);
        w.out += '}';
    });
    w.key("replacement");
    if (record.replacement)
        write_entity(w, *record.replacement);
    else
        w.out += "null";
    w.key("seed");
    w.hex(record.seed);
    w.out += '}';
    return std::move(w.out);
}

}  // namespace fairdraw
