// The announcement document (docs/SPEC.md §6): written from its parts, and
// read back with every member checked.
#include "announcement_doc.h"

#include <cstdio>
#include <set>

namespace fairdraw::detail {
namespace {

Json snapshot_json(const AnnouncedSnapshot& s) {
    return {{"root", to_hex(s.root)},
            {"public_root", to_hex(s.public_root)},
            {"rows", s.rows},
            {"sealed", s.sealed}};
}

std::string code_point(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", cp);
    return buf;
}

}  // namespace

Result<std::string> announcement_json(const StoredAnnouncement& a) {
    Json doc = {
        {"format", k_announcement_format},
        {"algorithm", k_draw_algorithm},
        {"origin", a.origin},
        {"announced", a.announced},
        {"not_before", a.not_before},
        {"plan", plan_to_json(a.plan)},
        {"plan_sha256", to_hex(a.plan_sha256)},
        {"snapshots",
         {{"enterprises", snapshot_json(a.enterprises)},
          {"inspectors", snapshot_json(a.inspectors)},
          {"conflicts", a.conflicts ? snapshot_json(*a.conflicts) : Json(nullptr)}}},
        {"history", history_to_json(a.history)},
        {"sources", sources_to_json(a.sources)},
        {"reason", a.reason ? Json(*a.reason) : Json(nullptr)}};
    return canonical_json(doc);
}

std::string hostile_character(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (s[i] < 0x20 || s[i] == 0x7f) return code_point(s[i]);
        if (s[i] == 0xc2 && i + 1 < text.size() && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
            return code_point(s[i + 1]);
        if (s[i] == 0xe2 && i + 2 < text.size()) {
            const std::uint32_t cp = 0x2000u + ((s[i + 1] & 0x3fu) << 6) + (s[i + 2] & 0x3fu);
            if ((s[i + 1] == 0x80 && s[i + 2] >= 0xaa && s[i + 2] <= 0xae) ||
                (s[i + 1] == 0x81 && s[i + 2] >= 0xa6 && s[i + 2] <= 0xa9))
                return code_point(cp);
        }
    }
    return {};
}

std::string safe_text(std::string_view text) {
    if (hostile_character(text).empty()) return std::string(text);
    std::string out;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = 1;
        if (s[i] == 0xc2 && i + 1 < text.size()) n = 2;
        if (s[i] == 0xe2 && i + 2 < text.size()) n = 3;
        if (!hostile_character(text.substr(i, n)).empty()) {
            out += "\xEF\xBF\xBD";
            i += n;
            continue;
        }
        out += text[i];
        ++i;
    }
    return out;
}

void hostile_text_problems(const Json& value, const std::string& path, const std::string& file,
                           std::vector<Problem>& problems) {
    if (value.is_string()) {
        const auto found = hostile_character(value.get_ref<const std::string&>());
        if (found.empty()) return;
        Problem p;
        p.file = file;
        p.field = "field " + path;
        p.message = "holds the invisible or control character " + found;
        p.expected = "printable text";
        p.found = "\"" + safe_text(value.get_ref<const std::string&>()) + "\"";
        p.hint =
            "published text must read the same everywhere; remove line breaks, tabs, escape and "
            "direction-changing characters";
        problems.push_back(std::move(p));
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            hostile_text_problems(value[i], path + "[" + std::to_string(i) + "]", file, problems);
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items())
            hostile_text_problems(member, path.empty() ? key : path + "." + key, file, problems);
    }
}

Result<Plan> read_plan(std::string_view text, const std::string& source) {
    FD_ASSIGN(Plan plan, parse_plan(text, source));
    std::vector<Problem> problems;
    hostile_text_problems(plan_to_json(plan), "", source, problems);
    if (!problems.empty()) {
        const std::size_t n = problems.size();
        return Error::problems(source + ": " + std::to_string(n) +
                                   (n == 1 ? " problem" : " problems"),
                               std::move(problems));
    }
    return plan;
}

}  // namespace fairdraw::detail

namespace fairdraw {
namespace {

class AnnouncementReader {
  public:
    explicit AnnouncementReader(std::string source) : m_source(std::move(source)) {}
    void fail(const std::string& field, const std::string& message) {
        Problem p;
        p.file = m_source;
        p.field = "field " + field;
        p.message = message;
        m_problems.push_back(std::move(p));
    }
    bool ok() const { return m_problems.empty(); }
    Error error() {
        const std::size_t n = m_problems.size();
        return Error::problems(m_source + ": not a valid announcement (" + std::to_string(n) +
                                   (n == 1 ? " problem)" : " problems)"),
                               std::move(m_problems));
    }
    std::string text(const Json& doc, const char* key) {
        if (!doc.contains(key) || !doc[key].is_string()) {
            fail(key, "must be a string");
            return {};
        }
        return doc[key].get<std::string>();
    }
    std::string time(const Json& doc, const char* key, UnixSeconds* out = nullptr) {
        std::string t = text(doc, key);
        auto parsed = parse_time(t);
        if (!parsed || format_utc(*parsed) != t) {
            fail(key, "is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
        } else if (out) {
            *out = *parsed;
        }
        return t;
    }
    Hash hash(const Json& v, const std::string& field) {
        if (v.is_string()) {
            const auto& hex = v.get_ref<const std::string&>();
            auto h = hash_from_hex(hex);
            if (h && to_hex(*h) == hex) return *h;
        }
        fail(field, "must be 64 lower-case hex digits");
        return Hash{};
    }
    std::optional<AnnouncedSnapshot> snapshot(const Json& v, const std::string& field) {
        static const std::set<std::string> members{"root", "public_root", "rows", "sealed"};
        if (!v.is_object()) {
            fail(field, "must be an object {root, public_root, rows, sealed}");
            return std::nullopt;
        }
        for (const auto& [key, value] : v.items())
            if (!members.contains(key)) fail(field + "." + key, "is not a member of a snapshot");
        for (const auto& key : members)
            if (!v.contains(key)) fail(field + "." + key, "is required");
        if (!ok()) return std::nullopt;
        AnnouncedSnapshot s;
        s.root = hash(v["root"], field + ".root");
        s.public_root = hash(v["public_root"], field + ".public_root");
        if (!v["rows"].is_number_unsigned() || v["rows"].get<std::uint64_t>() == 0)
            fail(field + ".rows", "must be a positive integer");
        else
            s.rows = v["rows"].get<std::uint64_t>();
        if (!v["sealed"].is_array())
            fail(field + ".sealed", "must be a list of field names");
        else
            for (const auto& f : v["sealed"])
                if (f.is_string())
                    s.sealed.push_back(f.get<std::string>());
                else
                    fail(field + ".sealed", "must be a list of field names");
        return s;
    }
    void absorb(const Error& error) {
        if (error.details.empty()) fail("", error.message);
        for (const auto& p : error.details) m_problems.push_back(p);
    }

  private:
    std::string m_source;
    std::vector<Problem> m_problems;
};

}  // namespace

Result<StoredAnnouncement> parse_announcement(std::string_view document, const std::string& source) {
    auto parsed = parse_json(document, source);
    if (!parsed) return std::move(parsed).error();
    if (!is_canonical_json(document))
        return Error::bad_input(source + " is not in canonical JSON form (docs/SPEC.md §2)",
                                "give the announcement file exactly as fairdraw wrote it");
    const Json& doc = *parsed;
    AnnouncementReader in(source);
    if (!doc.is_object()) return Error::bad_input(source + " is not a JSON object");
    static const std::set<std::string> members{"format",  "algorithm",   "origin",    "announced",
                                               "not_before", "plan",     "plan_sha256", "snapshots",
                                               "history", "sources",     "reason"};
    for (const auto& [key, value] : doc.items())
        if (!members.contains(key)) in.fail(key, "is not a member of an announcement");
    for (const auto& key : members)
        if (!doc.contains(key)) in.fail(key, "is required");
    if (!in.ok()) return in.error();
    StoredAnnouncement a;
    a.id = sha256(document);
    a.document = std::string(document);
    if (in.text(doc, "format") != k_announcement_format)
        in.fail("format", "must be \"" + std::string(k_announcement_format) + "\"");
    if (in.text(doc, "algorithm") != k_draw_algorithm)
        in.fail("algorithm", "must be \"" + std::string(k_draw_algorithm) +
                                 "\" (this fairdraw implements that version)");
    a.origin = in.text(doc, "origin");
    a.announced = in.time(doc, "announced");
    a.not_before = in.time(doc, "not_before", &a.not_before_time);
    auto plan = plan_from_json(doc["plan"], source);
    if (!plan) {
        in.absorb(plan.error());
    } else {
        a.plan = std::move(*plan);
        a.plan_sha256 = plan_sha256(a.plan);
        if (plan_to_json(a.plan) != doc["plan"]) in.fail("plan", "is not a normalized plan (§5)");
        if (in.hash(doc["plan_sha256"], "plan_sha256") != a.plan_sha256)
            in.fail("plan_sha256", "is not the SHA-256 of the plan");
    }
    const Json& snapshots = doc["snapshots"];
    if (!snapshots.is_object() || snapshots.size() != 3 || !snapshots.contains("enterprises") ||
        !snapshots.contains("inspectors") || !snapshots.contains("conflicts")) {
        in.fail("snapshots", "must be {enterprises, inspectors, conflicts}");
    } else {
        if (auto e = in.snapshot(snapshots["enterprises"], "snapshots.enterprises")) a.enterprises = *e;
        if (auto i = in.snapshot(snapshots["inspectors"], "snapshots.inspectors")) a.inspectors = *i;
        if (!snapshots["conflicts"].is_null())
            a.conflicts = in.snapshot(snapshots["conflicts"], "snapshots.conflicts");
    }
    auto history = parse_history(doc["history"], source);
    if (!history) {
        in.absorb(history.error());
    } else {
        a.history = std::move(*history);
        if (history_to_json(a.history) != doc["history"]) in.fail("history", "is not in normal form");
    }
    auto sources = parse_sources(doc["sources"], source);
    if (!sources) {
        in.absorb(sources.error());
    } else {
        a.sources = std::move(*sources);
        if (sources_to_json(a.sources) != doc["sources"])
            in.fail("sources", "is not in normal form (every member of its kind)");
    }
    if (!doc["reason"].is_null()) a.reason = in.text(doc, "reason");
    if (!in.ok()) return in.error();
    return a;
}

}  // namespace fairdraw
