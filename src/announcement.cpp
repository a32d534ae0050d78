// Announcing a plan (docs/SPEC.md §6), and finding announcements again.
#include "fairdraw/announcement.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "announcement_doc.h"
#include "draw_inputs.h"
#include "draw_store.h"
#include "fairdraw/log.h"

namespace fairdraw {

using detail::draw_database_error;

namespace {

constexpr std::size_t k_max_reason = 4096;
constexpr std::uintmax_t k_max_announcement_file = std::uintmax_t{1} << 30;

Error problems_error(const std::string& what, std::vector<Problem> problems) {
    const std::size_t n = problems.size();
    std::size_t not_shown = 0;
    if (n > k_plan_problem_cap) {
        not_shown = n - k_plan_problem_cap;
        problems.resize(k_plan_problem_cap);
    }
    return Error::problems(what + ": " + std::to_string(n) + (n == 1 ? " problem" : " problems"),
                           std::move(problems), not_shown);
}

Problem problem(std::string field, std::string message, std::string expected = {},
                std::string found = {}, std::string hint = {}) {
    Problem p;
    p.field = std::move(field);
    p.message = std::move(message);
    p.expected = std::move(expected);
    p.found = std::move(found);
    p.hint = std::move(hint);
    return p;
}

std::vector<std::string> history_ids(const std::vector<HistoryDraw>& history) {
    std::vector<std::string> out;
    for (const auto& h : history) out.push_back(h.result);
    return out;
}

// The rules on times that keep the commitment meaningful (see announcement.h).
void time_problems(const std::vector<Source>& sources, UnixSeconds announced,
                   UnixSeconds not_before, std::vector<Problem>& out) {
    if (not_before < announced)
        out.push_back(problem("--not-before",
                              "is before the announcement time " + format_utc(announced),
                              "a time at or after the announcement", format_utc(not_before),
                              "give a later time, or 'now'"));
    for (const auto& s : sources) {
        if (!s.expected) continue;
        const UnixSeconds expected = *parse_time(*s.expected);
        if (expected <= announced)
            out.push_back(problem(
                "source " + s.name,
                "is expected at " + *s.expected + ", not after the announcement time " +
                    format_utc(announced) + ": its value may already be known",
                "", "",
                "announce before the value is published, or name a later draw, round or close"));
        else if (expected > not_before)
            out.push_back(problem("source " + s.name,
                                  "is expected at " + *s.expected +
                                      ", after the earliest draw time " + format_utc(not_before) +
                                      ": the draw could start before its value exists",
                                  "", "", "set --not-before to " + *s.expected + " or later"));
    }
}

void source_text_problems(const std::vector<Source>& sources, std::vector<Problem>& out) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto& s = sources[i];
        std::vector<Problem> found;
        detail::hostile_text_problems(Json(s.name), "sources[" + std::to_string(i) + "].name", "",
                                      found);
        if (s.description)
            detail::hostile_text_problems(Json(*s.description),
                                          "sources[" + std::to_string(i) + "].description", "",
                                          found);
        for (auto& p : found) out.push_back(std::move(p));
    }
}

Result<std::optional<std::string>> check_reason(const std::optional<std::string>& reason) {
    if (!reason) return std::optional<std::string>();
    const std::string& text = *reason;
    if (text.empty() || text.find_first_not_of(" \t") == std::string::npos)
        return Error::bad_input("--reason is empty", "say why this announcement is made");
    if (text.size() > k_max_reason)
        return Error::bad_input("--reason is longer than " + std::to_string(k_max_reason) + " bytes");
    if (!canonical_json(Json(text)))
        return Error::bad_input("--reason is not valid UTF-8 text");
    if (auto c = detail::hostile_character(text); !c.empty())
        return Error::bad_input("--reason holds the invisible or control character " + c,
                                "write the reason on one line of printable text");
    return reason;
}

std::vector<Problem> warnings_for(const std::vector<Source>& sources) {
    std::vector<Problem> out;
    for (const auto& s : sources) {
        const bool published = s.kind == SourceKind::numbers || s.kind == SourceKind::text ||
                               s.kind == SourceKind::hex;
        if (published && !s.expected)
            out.push_back(problem("source " + s.name,
                                  "has no expected publication time: a reader cannot tell that "
                                  "its value did not exist when it was announced",
                                  "", "", "add expected=TIME to the source"));
    }
    return out;
}

struct SealChoice {
    SealKey key{};
    bool fixed = false;  // from FAIRDRAW_SEAL_KEY
};

// K: 32 bytes from OpenSSL's RAND_bytes, unless FAIRDRAW_SEAL_KEY holds 64 hex
// digits (for reproducible demonstrations and tests, like FAIRDRAW_NOW; the
// key is then not secret, and the log entry says so).
Result<SealChoice> choose_seal_key() {
    SealChoice out;
    if (const char* fixed = std::getenv(k_seal_key_variable); fixed != nullptr && *fixed != '\0') {
        auto key = hash_from_hex(fixed);
        if (!key)
            return Error::bad_input(std::string(k_seal_key_variable) + " must be 64 hex digits",
                                    "unset it: a real announcement draws a random seal key");
        out.key = *key;
        out.fixed = true;
        return out;
    }
    if (RAND_bytes(out.key.data(), static_cast<int>(out.key.size())) != 1)
        return Error::environment("OpenSSL could not produce random bytes for the seal key");
    return out;
}

Result<StoredAnnouncement> from_row(const detail::AnnouncementRow& row) {
    auto parsed = parse_announcement(row.document, "announcement " + to_hex(row.id));
    if (!parsed)
        return Error::verification_failed("the stored announcement " + to_hex(row.id) +
                                          " is damaged: " + parsed.error().message);
    if (parsed->id != row.id)
        return Error::verification_failed("the stored announcement " + to_hex(row.id) +
                                          " does not hash to its id");
    parsed->log_index = row.log_index;
    return parsed;
}

bool is_hex_prefix(std::string_view ref) {
    return ref.size() >= 8 && ref.size() <= 64 &&
           ref.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

Result<std::string> read_file(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return Error::bad_input("cannot read " + path.string() + ": " + ec.message());
    if (size > k_max_announcement_file)
        return Error::bad_input(path.string() + " is too large to be an announcement");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::bad_input("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

Result<PlanReport> check_plan_in_workspace(Workspace& ws, std::string_view plan_text,
                                           const std::string& plan_source,
                                           const SnapshotRefs& refs) {
    PlanReport report;
    FD_ASSIGN(report.plan, detail::read_plan(plan_text, plan_source));
    report.plan_sha256 = plan_sha256(report.plan);
    FD_ASSIGN(auto snapshots, detail::resolve_snapshots(ws, refs));
    report.enterprises = snapshots.enterprises;
    report.inspectors = snapshots.inspectors;
    report.conflicts = snapshots.conflicts;
    FD_ASSIGN(auto history, detail::workspace_history(ws));
    report.history = history_ids(history);
    FD_ASSIGN(auto loaded, detail::load_directories(ws, snapshots, report.plan, nullptr));
    FD_ASSIGN(report.check, check_plan(report.plan, loaded.view(), history));
    return report;
}

Result<AnnounceReport> announce(Workspace& ws, const AnnounceRequest& request) {
    FD_ASSIGN(Plan plan, detail::read_plan(request.plan_text, request.plan_source));
    std::vector<Problem> problems;
    auto sources = parse_sources(request.sources, "", "sources");
    if (!sources) {
        for (auto p : sources.error().details) {
            p.file.clear();
            problems.push_back(std::move(p));
        }
        if (sources.error().details.empty()) problems.push_back(problem("sources", sources.error().message));
    } else {
        source_text_problems(*sources, problems);
    }
    FD_ASSIGN(auto reason, check_reason(request.reason));
    const bool now = request.not_before == "now";
    std::optional<UnixSeconds> not_before;
    if (!now) {
        auto t = parse_time(request.not_before);
        if (!t)
            problems.push_back(problem("--not-before", t.error().message,
                                       "an RFC 3339 time such as 2026-12-01T09:30:00+08:00, or 'now'",
                                       request.not_before));
        else
            not_before = *t;
    }
    if (sources && (now || not_before)) {
        const UnixSeconds t = now_seconds();
        time_problems(*sources, t, now ? t : *not_before, problems);
    }
    if (!problems.empty()) return problems_error("the announcement cannot be made", std::move(problems));

    FD_ASSIGN(auto snapshots, detail::resolve_snapshots(ws, request.snapshots));
    const Hash plan_hash = plan_sha256(plan);
    auto redo_problem = [&]() -> Result<std::optional<Error>> {
        try {
            auto earlier = detail::announcements_of_plan(ws.db(), plan_hash);
            if (earlier.empty() || reason) return std::optional<Error>();
            return std::optional<Error>(Error::bad_input(
                "this plan (" + to_hex(plan_hash).substr(0, 16) + ") was announced before, in log entry " +
                    std::to_string(earlier.back()) + "; announcing it again needs a reason",
                "say why with --reason, e.g. --reason '原公告的名录快照有误，重新公告'"));
        } catch (const std::exception& e) {
            return draw_database_error(e);
        }
    };
    FD_ASSIGN(auto redo, redo_problem());
    if (redo) return std::move(*redo);

    FD_ASSIGN(auto history, detail::workspace_history(ws));
    FD_ASSIGN(SealChoice seal, choose_seal_key());
    SealKey& key = seal.key;
    FD_ASSIGN(auto loaded, detail::load_directories(ws, snapshots, plan, &key));
    FD_ASSIGN(PlanCheck check, check_plan(plan, loaded.view(), history));
    if (!check.ok())
        return problems_error("the plan cannot be drawn from these directories", check.errors)
            .with_hint("nothing was announced; 'fairdraw plan check' shows the whole analysis");
    FD_ASSIGN(auto verifier, tlog::verifier_key(ws));

    StoredAnnouncement a;
    a.origin = verifier.name;
    a.plan = plan;
    a.plan_sha256 = plan_hash;
    a.enterprises = loaded.enterprise_roots;
    a.inspectors = loaded.inspector_roots;
    a.conflicts = loaded.conflict_roots;
    a.history = history;
    a.sources = *sources;
    a.reason = reason;
    Status stored = ws.change([&](Change& change) -> Status {
        // Another process may have drawn or announced since the checks above.
        FD_ASSIGN(auto current, detail::workspace_history(ws));
        if (history_ids(current) != history_ids(history))
            return Error::environment("a draw was recorded while this announcement was prepared",
                                      "run the announcement again");
        FD_ASSIGN(auto redo_now, redo_problem());
        if (redo_now) return std::move(*redo_now);
        const UnixSeconds announced = change.time();
        a.announced = format_utc(announced);
        a.not_before_time = now ? announced : *not_before;
        a.not_before = format_utc(a.not_before_time);
        std::vector<Problem> late;
        time_problems(a.sources, announced, a.not_before_time, late);
        if (!late.empty()) return problems_error("the announcement cannot be made", std::move(late));
        FD_ASSIGN(a.document, detail::announcement_json(a));
        a.id = sha256(a.document);
        Json roots = Json::object();
        auto root_json = [](const AnnouncedSnapshot& s) {
            return Json{{"root", to_hex(s.root)}, {"public_root", to_hex(s.public_root)}, {"rows", s.rows}};
        };
        roots["enterprises"] = root_json(a.enterprises);
        roots["inspectors"] = root_json(a.inspectors);
        roots["conflicts"] = a.conflicts ? root_json(*a.conflicts) : Json(nullptr);
        Json names = Json::array();
        for (const auto& s : a.sources) names.push_back(s.name);
        FD_ASSIGN(a.log_index, change.log(k_announce_entry,
                                          {{"announcement", to_hex(a.id)},
                                           {"plan_sha256", to_hex(a.plan_sha256)},
                                           {"snapshots", roots},
                                           {"sources", names},
                                           {"not_before", a.not_before},
                                           {"history", history_ids(a.history)},
                                           {"seal_key", seal.fixed ? k_seal_key_variable : "random"},
                                           {"reason", a.reason ? Json(*a.reason) : Json(nullptr)}}));
        detail::insert_announcement(change.db(), {0, a.id, a.document, a.plan_sha256,
                                                  a.not_before, key, a.log_index});
        return {};
    });
    OPENSSL_cleanse(key.data(), key.size());
    if (!stored) return std::move(stored).error();
    // Read back what was stored: the document must parse to what was announced.
    FD_ASSIGN(auto check_back, find_announcement(ws, to_hex(a.id)));
    AnnounceReport report{std::move(check_back), std::move(check), warnings_for(a.sources)};
    if (seal.fixed)
        report.warnings.push_back(problem(
            k_seal_key_variable,
            "fixed the seal key: the confidential fields of this announcement are not protected",
            "", "", "use it only for tests and demonstrations; the log entry records it"));
    return report;
}

Result<StoredAnnouncement> find_announcement(Workspace& ws, std::string_view ref) {
    const std::string hint =
        "name an announcement by its id, a prefix of at least 8 hex digits, 'latest', or the path "
        "of its announcement-….json file";
    try {
        if (ref == "latest") {
            auto row = detail::latest_announcement(ws.db());
            if (!row)
                return Error::bad_input("there is no announcement in this workspace yet",
                                        "make one with 'fairdraw announce PLAN …'");
            return from_row(*row);
        }
        if (is_hex_prefix(ref)) {
            auto rows = detail::announcements_by_prefix(ws.db(), std::string(ref));
            if (rows.empty())
                return Error::bad_input("no announcement has an id starting with " + std::string(ref),
                                        hint);
            if (rows.size() > 1)
                return Error::bad_input("the prefix " + std::string(ref) + " matches " +
                                            std::to_string(rows.size()) + " announcements",
                                        "give more hex digits");
            return from_row(rows.front());
        }
        const std::filesystem::path path{std::string(ref)};
        if (!std::filesystem::exists(path))
            return Error::bad_input("'" + std::string(ref) + "' names no announcement and no file",
                                    hint);
        FD_ASSIGN(std::string text, read_file(path));
        auto parsed = parse_json(text, path.string());
        if (!parsed) return std::move(parsed).error().with_hint(hint);
        auto canonical = canonical_json(*parsed);
        if (!canonical) return Error::bad_input(path.string() + ": " + canonical.error().message);
        const Hash id = sha256(*canonical);
        auto row = detail::announcement_by_id(ws.db(), id);
        if (!row)
            return Error::bad_input("the announcement in " + path.string() + " (" + to_hex(id) +
                                        ") was not made in this workspace",
                                    "use the workspace where it was announced");
        return from_row(*row);
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

Result<std::vector<StoredAnnouncement>> list_announcements(Workspace& ws) {
    try {
        std::vector<StoredAnnouncement> out;
        for (const auto& row : detail::all_announcements(ws.db())) {
            FD_ASSIGN(auto a, from_row(row));
            out.push_back(std::move(a));
        }
        return out;
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

Result<SealKey> announcement_seal_key(Workspace& ws, const Hash& announcement) {
    try {
        auto row = detail::announcement_by_id(ws.db(), announcement);
        if (!row)
            return Error::bad_input("announcement " + to_hex(announcement) +
                                    " is not in this workspace");
        return row->seal_key;
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

}  // namespace fairdraw
