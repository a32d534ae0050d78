// Replaying a bundle's draw from its own data (docs/SPEC.md §12.5, steps 9 and 11).
//
// A complete replay runs the library's draw on every row. A public bundle
// whose plan reads a sealed field (strata by credit class, say) holds no
// usable value of that field except for the drawn entities, whose values are
// opened one by one; its replay is restricted to those entities, with each
// stratum's count fixed to the result's. That reproduces the selected order,
// the teams and the substitutions exactly; what it cannot show (the pool and
// the cut-offs) is reported as not checkable, not as a failure.
#include "bundle_replay.h"

#include <algorithm>

#include "fairdraw/seal.h"

namespace fairdraw::detail {
namespace {

std::string clip(const std::string& text) {
    return text.size() > 160 ? text.substr(0, 160) + "…" : text;
}

// The ID of a public or canonical enterprise row: its first member is "code".
Result<std::string_view> enterprise_code(std::string_view line) {
    constexpr std::string_view prefix = "{\"code\":\"";
    if (line.substr(0, prefix.size()) != prefix) return Error::bad_input("not an enterprise row (expected {\"code\":…)");
    const auto end = line.find('"', prefix.size());
    if (end == std::string_view::npos) return Error::bad_input("not an enterprise row");
    return line.substr(prefix.size(), end - prefix.size());
}

}  // namespace

RowSink row_sink(BundleData& data) {
    const auto& a = data.announcement;
    data.drawn.clear();
    for (const auto& e : data.result.selected) data.drawn.push_back(e.code);
    for (const auto& s : data.substitutions)
        if (s.replacement) data.drawn.push_back(s.replacement->code);
    data.drawn_set = {data.drawn.begin(), data.drawn.end()};
    data.complete_replay = true;
    if (data.kind == BundleKind::public_rows)
        for (const auto& f : fields_used_by_draw(a.plan))
            if (std::find(a.enterprises.sealed.begin(), a.enterprises.sealed.end(), f) !=
                a.enterprises.sealed.end())
                data.complete_replay = false;
    if (data.complete_replay) data.enterprises.reserve(static_cast<std::size_t>(a.enterprises.rows));
    return RowSink(data);
}

Result<std::string_view> RowSink::add(DirectoryKind kind, std::uint64_t, std::string_view line) {
    switch (kind) {
        case DirectoryKind::enterprises: {
            FD_ASSIGN(std::string_view code, enterprise_code(line));
            if (m_data.complete_replay) FD_TRY(m_data.enterprises.add_row(line));
            if (m_data.drawn_set.count(code)) m_data.drawn_rows[std::string(code)] = std::string(line);
            return code;
        }
        case DirectoryKind::inspectors: {
            FD_ASSIGN(Inspector i, parse_inspector_row(line));
            m_id = i.id;
            m_data.inspectors.push_back(std::move(i));
            return std::string_view(m_id);
        }
        case DirectoryKind::conflicts: {
            FD_ASSIGN(Conflict c, parse_conflict_row(line));
            m_id = c.inspector + std::string(1, '\0') + c.entity;
            m_data.conflicts.push_back(std::move(c));
            return std::string_view(m_id);
        }
    }
    return Error::bad_input("unknown kind");
}

void check_openings(BundleData& data, std::string_view text,
                    const std::function<void(const std::string&)>& fail) {
    const auto& sealed = data.announcement.enterprises.sealed;
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    auto bad = [&](const std::string& what) {
        data.openings_ok = false;
        fail(what);
    };
    const std::size_t expected = sealed.empty() ? 0 : data.drawn.size();
    if (lines.size() != expected)
        return bad(std::string(k_openings_file) + ": expected " + std::to_string(expected) +
                   " lines (one per drawn entity), found " + std::to_string(lines.size()));
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string where = std::string(k_openings_file) + " line " + std::to_string(k + 1);
        const Json row = Json::parse(lines[k], nullptr, false);
        if (!row.is_object() || !row.contains("code") || !row["code"].is_string() ||
            !row.contains("fields") || !row["fields"].is_object()) {
            bad(where + ": expected {\"code\", \"fields\"}");
            continue;
        }
        const std::string code = row["code"].get<std::string>();
        if (code != data.drawn[k]) {
            bad(where + ": code: expected " + data.drawn[k] + " (the drawn entities in order), found " + code);
            continue;
        }
        auto public_line = data.drawn_rows.find(code);
        const Json pub = public_line == data.drawn_rows.end() ? Json() : Json::parse(public_line->second, nullptr, false);
        if (!pub.is_object() || !pub.contains(k_sealed_member) || !pub[k_sealed_member].is_object()) {
            bad(where + ": code " + code + " has no public row with sealed fields in enterprises.jsonl");
            continue;
        }
        if (row["fields"].size() != sealed.size()) {
            bad(where + ": code " + code + ": expected the fields " + Json(sealed).dump() + ", found " +
                row["fields"].dump());
            continue;
        }
        for (const auto& f : sealed) {
            const Json& opening = row["fields"].contains(f) ? row["fields"][f] : Json();
            if (!opening.is_object() || !opening.contains("salt") || !opening["salt"].is_string() ||
                !opening.contains("value") || !opening["value"].is_string()) {
                bad(where + ": code " + code + ", field " + f + ": expected {\"salt\", \"value\"}");
                continue;
            }
            auto salt = hash_from_hex(opening["salt"].get<std::string>());
            const std::string value = opening["value"].get<std::string>();
            const std::string found = salt ? to_hex(sealed_value(*salt, value)) : "(salt is not 64 hex digits)";
            const std::string expect = pub[k_sealed_member].value(f, "");
            if (found != expect) {
                bad(where + ": code " + code + ", field " + f + " = \"" + value +
                    "\": SHA-256(salt ‖ value) is " + found + ", the public row's sealed." + f + " is " + expect);
                continue;
            }
            data.opened[code][f] = value;
        }
    }
}

std::string first_difference(const Json& expected, const Json& found, const std::string& path) {
    if (expected == found) return {};
    if (expected.is_array() && found.is_array()) {
        const std::size_t n = std::min(expected.size(), found.size());
        for (std::size_t i = 0; i < n; ++i) {
            std::string where = path + "[" + std::to_string(i) + "]";
            if (expected[i].is_object() && expected[i].contains("code") && expected[i]["code"].is_string())
                where += " (code " + expected[i]["code"].get<std::string>() + ")";
            auto d = first_difference(expected[i], found[i], where);
            if (!d.empty()) return d;
        }
        return path + ": expected " + std::to_string(expected.size()) + " items, found " +
               std::to_string(found.size());
    }
    if (expected.is_object() && found.is_object()) {
        for (const auto& [key, value] : expected.items()) {
            if (!found.contains(key)) return path + "." + key + ": missing";
            auto d = first_difference(value, found[key], path + "." + key);
            if (!d.empty()) return d;
        }
        for (const auto& [key, value] : found.items())
            if (!expected.contains(key)) return path + "." + key + ": not expected";
    }
    return (path.empty() ? std::string("document") : path) + ": expected " + clip(expected.dump()) +
           ", found " + clip(found.dump());
}

namespace {

// Replays the substitutions on a draw and compares each record byte for byte.
// A restricted replay's own result id differs from the recorded one (its pool
// is the drawn entities): its records name the recorded result instead.
void replay_substitutions(BundleData& data, Draw& draw, std::vector<BundleCheck>& out, bool restricted) {
    bool good = true;
    for (std::size_t k = 0; k < data.substitutions.size(); ++k) {
        const std::string where = std::string(k_substitutions_file) + " line " + std::to_string(k + 1);
        auto record = draw.substitute(data.substitutions[k].request);
        if (!record) {
            out.push_back({"replay substitutions", CheckOutcome::failed,
                           where + ": the substitution cannot be replayed: " + record.error().message});
            return;
        }
        if (restricted) record->draw = data.result_id;
        const std::string replayed = substitution_json(*record);
        if (replayed != data.substitution_lines[k]) {
            const Json recorded = Json::parse(data.substitution_lines[k], nullptr, false);
            out.push_back({"replay substitutions", CheckOutcome::failed,
                           where + ": " + first_difference(Json::parse(replayed), recorded)});
            good = false;
        }
    }
    if (good)
        out.push_back({"replay substitutions", CheckOutcome::passed,
                       counted(data.substitutions.size(), "substitution") +
                           " replayed: every replacement, refill and pick as recorded"});
}

DrawInput draw_input(const BundleData& data) {
    return DrawInput{data.announcement.id, data.result.values,
                     secret_chain(data.announcement.sources, data.result.values)};
}

void complete(BundleData& data, std::vector<BundleCheck>& out) {
    const Directories dirs{data.enterprises, data.inspectors, data.conflicts};
    auto draw = Draw::run(data.announcement.plan, dirs, data.announcement.history, draw_input(data));
    if (!draw) {
        out.push_back({"replay draw", CheckOutcome::failed,
                       "the draw cannot be replayed from the bundle's rows: " + draw.error().message});
        return;
    }
    const std::string replayed = draw_result_json(draw->result());
    if (replayed != data.result_document) {
        out.push_back({"replay draw", CheckOutcome::failed,
                       std::string(k_result_file) + ": " +
                           first_difference(Json::parse(replayed), Json::parse(data.result_document))});
    } else {
        const auto& r = draw->result();
        out.push_back({"replay draw", CheckOutcome::passed,
                       "complete replay from every row: pool " + std::to_string(r.pool.size) + ", " +
                           std::to_string(r.strata.size()) + " strata with their cut-offs, " +
                           std::to_string(r.selected.size()) + " entities and their teams as recorded"});
    }
    replay_substitutions(data, *draw, out, false);
}

void restricted(BundleData& data, std::vector<BundleCheck>& out) {
    if (!data.openings_ok) {
        out.push_back({"replay draw", CheckOutcome::failed, "not run: the openings do not verify"});
        return;
    }
    EnterpriseTable table;
    for (const auto& code : data.drawn_set) {
        auto row = data.drawn_rows.find(code);
        if (row == data.drawn_rows.end()) {
            out.push_back({"replay draw", CheckOutcome::failed,
                           "drawn entity " + code + " is not a row of enterprises.jsonl"});
            return;
        }
        auto e = parse_enterprise_row(row->second);
        if (!e) {
            out.push_back({"replay draw", CheckOutcome::failed,
                           "enterprises.jsonl, code " + code + ": " + e.error().message});
            return;
        }
        for (const auto& [field, value] : data.opened[code])
            if (auto f = enterprise_field(field)) (*e)[*f] = value;
        auto added = table.add(*e);
        if (!added) {
            out.push_back({"replay draw", CheckOutcome::failed, "code " + code + ": " + added.error().message});
            return;
        }
    }
    Plan plan = data.announcement.plan;
    if (plan.strata.groups.size() != data.result.strata.size()) {
        out.push_back({"replay draw", CheckOutcome::failed,
                       "result.json strata: expected " + std::to_string(plan.strata.groups.size()) +
                           " (the plan's groups), found " + std::to_string(data.result.strata.size())});
        return;
    }
    for (std::size_t i = 0; i < plan.strata.groups.size(); ++i) {
        auto& g = plan.strata.groups[i];
        g.count = static_cast<std::int64_t>(data.result.strata[i].count);
        g.ratio.reset();
        g.min.reset();
        g.max.reset();
    }
    plan.minimum_total_ratio.reset();
    const Directories dirs{table, data.inspectors, data.conflicts};
    auto draw = Draw::run(plan, dirs, data.announcement.history, draw_input(data));
    if (!draw) {
        out.push_back({"replay draw", CheckOutcome::failed,
                       "the draw of the drawn entities cannot be replayed: " + draw.error().message});
        return;
    }
    // The replay's pool and strata are those of the drawn entities only: take
    // the recorded ones, and the document must then be the recorded one.
    DrawResult replayed = draw->result();
    replayed.pool = data.result.pool;
    replayed.strata = data.result.strata;
    const std::string document = draw_result_json(replayed);
    if (document != data.result_document)
        out.push_back({"replay draw", CheckOutcome::failed,
                       std::string(k_result_file) + ": " +
                           first_difference(Json::parse(document), Json::parse(data.result_document))});
    else
        out.push_back({"replay draw", CheckOutcome::passed,
                       "restricted replay from the " + std::to_string(data.drawn_set.size()) +
                           " drawn entities and their opened values: tickets, strata, selected order, "
                           "workload bounds and every team as recorded"});
    // Each stratum: its drawn tickets are at most its cut-off, the largest is the cut-off.
    bool good = true;
    for (std::size_t i = 0; i < data.result.strata.size(); ++i) {
        const auto& s = data.result.strata[i];
        std::optional<Hash> largest;
        std::uint64_t count = 0;
        for (const auto& e : data.result.selected) {
            if (e.stratum != i) continue;
            ++count;
            if (!largest || *largest < e.ticket) largest = e.ticket;
        }
        if (count != s.count || largest != s.cutoff) {
            out.push_back({"cut-offs", CheckOutcome::failed,
                           std::string(k_result_file) + " strata item " + std::to_string(i + 1) + " (" + s.name +
                               "): expected count " + std::to_string(count) + " and cut-off " +
                               (largest ? to_hex(*largest) : "null") + " (its selected entities), found " +
                               std::to_string(s.count) + " and " + (s.cutoff ? to_hex(*s.cutoff) : "null")});
            good = false;
        }
    }
    if (good)
        out.push_back({"cut-offs", CheckOutcome::passed,
                       "in each stratum the selected tickets are at most its cut-off, the largest is the cut-off"});
    replay_substitutions(data, *draw, out, true);
    out.push_back({"pool and strata", CheckOutcome::not_checkable,
                   "not checkable from the public bundle: the pool, stratum sizes and cut-offs need the "
                   "sealed values of every row — verify the auditor bundle (publish --full)"});
}

}  // namespace

std::vector<BundleCheck> replay(BundleData& data) {
    std::vector<BundleCheck> out;
    if (data.complete_replay)
        complete(data, out);
    else
        restricted(data, out);
    return out;
}

}  // namespace fairdraw::detail
