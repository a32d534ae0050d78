#include "draw_output.h"

#include <map>
#include <sstream>

namespace fairdraw::cli {
namespace {

// Decodes one UTF-8 character at s[i]; returns its code point and advances i.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    if (i + n > s.size()) n = 1;
    std::uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1fu) : n == 3 ? (b & 0x0fu) : (b & 0x07u);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fu);
    i += n;
    return cp;
}

bool hidden(std::uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool wide(std::uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
           (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

// Text for a terminal: control and direction-changing characters shown as U+FFFD.
std::string shown(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        if (hidden(next_code_point(text, i)))
            out += "\xEF\xBF\xBD";
        else
            out.append(text.substr(start, i - start));
    }
    return out;
}

std::size_t width(std::string_view text) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < text.size();) w += wide(next_code_point(text, i)) ? std::size_t{2} : std::size_t{1};
    return w;
}

std::string entity_name(const DrawLabels& labels, const std::string& code) {
    auto it = labels.entities.find(code);
    return it == labels.entities.end() ? std::string("?") : shown(it->second.name);
}

std::string inspector_text(const DrawLabels& labels, const std::string& id) {
    auto it = labels.inspectors.find(id);
    if (it == labels.inspectors.end()) return shown(id);
    return shown(id) + " " + shown(it->second.name) + "（" + shown(it->second.department) + "）";
}

std::string seat_note(const Seat& seat) {
    switch (seat.placement) {
        case Placement::completion:
            return "completion";
        case Placement::raising:
            return "raising";
        case Placement::pick:
            break;
    }
    return "1 of " + std::to_string(seat.candidates);
}

std::string team_text(const DrawLabels& labels, const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + inspector_text(labels, id);
    return out;
}

std::string problems_text(const std::vector<Problem>& problems, const char* label) {
    std::ostringstream out;
    for (const auto& p : problems) {
        out << "  " << label << ": " << shown(p.render()) << "\n";
        if (!p.hint.empty()) out << "    hint: " << shown(p.hint) << "\n";
    }
    return out.str();
}

}  // namespace

std::string pad(const std::string& text, std::size_t w) {
    const std::size_t have = width(text);
    return have >= w ? text : text + std::string(w - have, ' ');
}

std::string plan_report_text(const PlanReport& r, const std::string& plan_file) {
    std::ostringstream out;
    const PlanCheck& c = r.check;
    out << "计划 Plan          " << shown(plan_file) << "  (SHA-256 " << to_hex(r.plan_sha256) << ")\n"
        << "任务 Task          " << shown(r.plan.title) << "\n"
        << "检查期间 Window    " << r.plan.window.start << " – " << r.plan.window.end << "\n"
        << "名录快照 Snapshots enterprises " << r.enterprises.rows << " rows ("
        << to_hex(r.enterprises.root).substr(0, 16) << "), inspectors " << r.inspectors.rows
        << " rows (" << to_hex(r.inspectors.root).substr(0, 16) << "), conflicts ";
    if (r.conflicts)
        out << r.conflicts->rows << " rows (" << to_hex(r.conflicts->root).substr(0, 16) << ")\n";
    else
        out << "none\n";
    out << "既往抽查 History   " << r.history.size() << " earlier draws in this workspace\n\n"
        << "抽取范围 Pool\n"
        << "  enterprise rows                 " << c.pool.rows << "\n"
        << "  in the plan's population        " << c.pool.population << "\n"
        << "  excluded: inspected recently    " << c.pool.recent << "\n"
        << "  excluded: annual cap reached    " << c.pool.annual_cap << "\n"
        << "  excluded: matching no stratum   " << c.pool.unmatched << "\n"
        << "  pool                            " << c.pool.size << "\n\n"
        << "分层 Strata\n  " << pad("name", 20) << pad("pool", 10) << "drawn\n";
    for (const auto& s : c.strata)
        out << "  " << pad(shown(s.name), 20) << pad(std::to_string(s.pool), 10) << s.count << "\n";
    out << "  " << pad("total", 20) << pad(std::to_string(c.pool.size), 10) << c.total << "\n";
    for (const auto& [value, rows] : c.unmatched)
        out << "  unmatched value \"" << shown(value) << "\": " << rows << " rows\n";
    out << "\n执法人员 Inspectors\n  " << pad("group", 28) << pad("need", 6) << pad("eligible", 10)
        << pad("not eligible (status/certificate/department/specialty)", 58) << pad("demand", 9)
        << "capacity\n";
    for (const auto& g : c.groups) {
        const std::string name = g.department ? shown(*g.department) : std::string("(all)");
        const std::string not_eligible =
            std::to_string(g.ineligible.status) + "/" + std::to_string(g.ineligible.certificate) +
            "/" + std::to_string(g.ineligible.department) + "/" +
            std::to_string(g.ineligible.specialty);
        out << "  " << pad(name, 28) << pad(std::to_string(g.need), 6)
            << pad(std::to_string(g.eligible), 10) << pad(not_eligible, 58)
            << pad(std::to_string(g.demand), 9)
            << (g.capacity ? std::to_string(*g.capacity) : std::string("no cap")) << "\n";
        if (g.short_entities > 0)
            out << "    " << g.short_entities
                << " pool entities have fewer allowed inspectors than a team needs\n";
    }
    if (!c.errors.empty()) out << "\n" << problems_text(c.errors, "error");
    if (!c.warnings.empty()) out << "\n" << problems_text(c.warnings, "warning");
    out << "\n"
        << (c.ok() ? "The plan can be drawn from these directories: " + std::to_string(c.total) +
                         " entities, teams of " + std::to_string(r.plan.team.size) + ".\n"
                   : std::string("The plan cannot be drawn from these directories (see the errors above).\n"));
    return out.str();
}

Json plan_report_json(const PlanReport& r) {
    Json out = plan_check_json(r.check);
    out["plan_sha256"] = to_hex(r.plan_sha256);
    out["snapshots"] = {{"enterprises", to_hex(r.enterprises.root)},
                        {"inspectors", to_hex(r.inspectors.root)},
                        {"conflicts", r.conflicts ? Json(to_hex(r.conflicts->root)) : Json(nullptr)}};
    out["history"] = r.history;
    return out;
}

std::string draw_text(const StoredAnnouncement& a, const StoredDraw& d, const DrawResult& r,
                      const DrawLabels& labels, const std::vector<StoredSubstitution>& subs) {
    std::ostringstream out;
    out << "抽取结果 Draw result " << to_hex(*d.result_id) << "\n"
        << "公告 Announcement    " << to_hex(a.id) << "\n"
        << "任务 Task            " << shown(a.plan.title) << "\n"
        << "抽取时间 Drawn        " << d.time << " (log entry " << d.log_index << ")\n"
        << "种子 Seed            " << to_hex(r.seed) << "\n\n随机值 Values\n";
    for (std::size_t i = 0; i < d.values.size(); ++i) {
        out << "  " << pad(shown(d.values[i].name), 28) << " " << shown(d.values[i].value);
        if (i < d.given.size() && d.given[i].text != d.values[i].value)
            out << "   (typed \"" << shown(d.given[i].text) << "\")";
        out << "\n";
    }
    const PoolCounts& p = r.pool;
    out << "\n抽取范围 Pool  " << p.rows << " rows, " << p.population << " in the population, "
        << p.recent << " inspected recently, " << p.annual_cap << " at the annual cap, "
        << p.unmatched << " matching no stratum: " << p.size << " in the pool\n\n分层 Strata\n  "
        << pad("name", 20) << pad("pool", 9) << pad("drawn", 8) << "cut-off (highest ticket drawn)\n";
    for (const auto& s : r.strata)
        out << "  " << pad(shown(s.name), 20) << pad(std::to_string(s.pool), 9)
            << pad(std::to_string(s.count), 8) << (s.cutoff ? to_hex(*s.cutoff) : "-") << "\n";
    out << "\n检查组 Teams\n";
    for (const auto& g : r.groups)
        out << "  " << pad(g.department ? shown(*g.department) : std::string("(all eligible)"), 28)
            << g.need << " per team, " << g.members << " eligible, " << g.lo << "–" << g.hi
            << " entities each\n";
    out << "\n抽中 Selected (" << r.selected.size() << ")\n  " << pad("#", 6) << pad("stratum", 12)
        << pad("code", 20) << pad("ticket", 14) << "name / team\n";
    for (std::size_t i = 0; i < r.selected.size(); ++i) {
        const DrawnEntity& e = r.selected[i];
        const std::string stratum = e.stratum < r.strata.size() ? shown(r.strata[e.stratum].name) : "?";
        out << "  " << pad(std::to_string(i + 1), 6) << pad(stratum, 12) << pad(e.code, 20)
            << pad(to_hex(e.ticket).substr(0, 12), 14) << entity_name(labels, e.code) << "\n";
        std::string team;
        for (const auto& seat : e.team)
            team += (team.empty() ? "" : ", ") + inspector_text(labels, seat.inspector) + " [" +
                    seat_note(seat) + "]";
        out << "  " << std::string(52, ' ') << team << "\n";
    }
    if (!subs.empty()) {
        out << "\n替换 Substitutions (" << subs.size() << ")\n";
        for (const auto& s : subs) out << substitution_text(s, labels);
        out << "\n现检查组 Current teams after the substitutions\n";
        std::map<std::string, std::vector<std::string>> teams;
        for (const auto& e : r.selected)
            for (const auto& seat : e.team) teams[e.code].push_back(seat.inspector);
        for (const auto& s : subs) {
            const auto& q = s.parsed.request;
            if (q.kind == SubstitutionKind::entity) {
                teams.erase(q.code);
                if (s.parsed.replacement)
                    for (const auto& seat : s.parsed.replacement->team)
                        teams[s.parsed.replacement->code].push_back(seat.inspector);
            }
            for (const auto& f : s.parsed.refills)
                if (teams.count(f.code) && f.position < teams[f.code].size())
                    teams[f.code][f.position] = f.seat.inspector;
        }
        for (const auto& [code, ids] : teams)
            out << "  " << pad(code, 20) << pad(entity_name(labels, code), 36) << team_text(labels, ids)
                << "\n";
    }
    out << "\nThe result document (--json) is canonical JSON; its SHA-256 is the result id.\n";
    return out.str();
}

std::string impossible_text(const StoredDraw& d) {
    std::ostringstream out;
    const Json record = Json::parse(d.document, nullptr, false);
    out << "no draw is possible for announcement " << to_hex(d.announcement) << " (recorded in log entry "
        << d.log_index << ")\n";
    if (record.is_object() && record.contains("message") && record["message"].is_string())
        out << shown(record["message"].get<std::string>()) << "\n";
    if (record.is_object() && record.contains("problems") && record["problems"].is_array())
        for (const auto& p : record["problems"]) {
            Problem problem;
            problem.field = p.value("field", "");
            problem.message = p.value("message", "");
            problem.expected = p.value("expected", "");
            problem.found = p.value("found", "");
            out << "  " << shown(problem.render()) << "\n";
            if (!p.value("hint", "").empty()) out << "    hint: " << shown(p.value("hint", "")) << "\n";
        }
    return out.str();
}

std::string substitution_text(const StoredSubstitution& s, const DrawLabels& labels) {
    std::ostringstream out;
    const SubstitutionRecord& r = s.parsed;
    const SubstitutionRequest& q = r.request;
    out << "  #" << r.number << "  " << s.time << " (log entry " << s.log_index << ")  reason: "
        << shown(q.reason) << "\n";
    if (q.kind == SubstitutionKind::entity) {
        out << "     entity " << q.code << " " << entity_name(labels, q.code) << " replaced by ";
        if (r.replacement) {
            out << r.replacement->code << " " << entity_name(labels, r.replacement->code)
                << " (ticket " << to_hex(r.replacement->ticket).substr(0, 12) << ")\n     team: ";
            std::vector<std::string> ids;
            for (const auto& seat : r.replacement->team) ids.push_back(seat.inspector);
            out << team_text(labels, ids) << "\n";
        }
    } else {
        out << "     inspector " << inspector_text(labels, q.inspector)
            << (q.code.empty() ? " leaves every team" : " leaves the team of " + q.code) << "\n";
        for (const auto& f : r.refills)
            out << "     " << f.code << " " << entity_name(labels, f.code) << ": position "
                << f.position << " → " << inspector_text(labels, f.seat.inspector) << " ["
                << seat_note(f.seat) << "]\n";
    }
    out << "     seed " << to_hex(r.seed) << (q.link ? "  (chain link " + to_hex(*q.link) + ")" : "")
        << "\n";
    return out.str();
}

Json substitution_output_json(const StoredSubstitution& s) {
    return {{"draw", to_hex(s.draw)},
            {"number", s.number},
            {"log_index", s.log_index},
            {"time", s.time},
            {"record", Json::parse(s.record)}};
}

}  // namespace fairdraw::cli
