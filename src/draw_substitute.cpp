// Substitutions (docs/SPEC.md §10): replayed from the announcement and the
// recorded values before each new one, never taken from stored state alone.
#include <algorithm>
#include <memory>

#include "announcement_doc.h"
#include "draw_inputs.h"
#include "draw_record_internal.h"

namespace fairdraw {

using detail::draw_database_error;

namespace {

constexpr std::size_t k_max_reason = 4096;

Status check_request(const SubstitutionRequest& q) {
    if (q.reason.empty() || q.reason.find_first_not_of(" \t") == std::string::npos)
        return Error::bad_input("a substitution needs a reason",
                                "say why with --reason, e.g. --reason '回避: 近亲属在该单位任职'");
    if (q.reason.size() > k_max_reason)
        return Error::bad_input("--reason is longer than " + std::to_string(k_max_reason) + " bytes");
    if (!canonical_json(Json(q.reason))) return Error::bad_input("--reason is not valid UTF-8 text");
    if (auto c = detail::hostile_character(q.reason); !c.empty())
        return Error::bad_input("--reason holds the invisible or control character " + c,
                                "write the reason on one line of printable text");
    if (q.kind == SubstitutionKind::entity && q.code.empty())
        return Error::bad_input("name the entity to replace with --entity CODE");
    if (q.kind == SubstitutionKind::inspector && q.inspector.empty())
        return Error::bad_input("name the inspector who steps aside with --inspector ID");
    return {};
}

// The draw as replayed from its announcement, with its recorded substitutions applied.
struct Replay {
    StoredAnnouncement announcement;
    // On the heap: the Draw keeps references into it, and a Replay is moved.
    std::unique_ptr<detail::LoadedDirectories> directories;
    std::optional<Draw> draw;
    std::vector<StoredSubstitution> substitutions;
    std::optional<SecretChain> chain;
};

Result<std::vector<StoredSubstitution>> read_substitutions(Workspace& ws, const Hash& result) {
    try {
        std::vector<StoredSubstitution> out;
        for (auto& row : detail::substitutions_by_draw(ws.db(), result)) {
            auto parsed = parse_substitution(row.record);
            if (!parsed)
                return Error::verification_failed("substitution " + std::to_string(row.number) +
                                                  " of draw " + to_hex(result) +
                                                  " is damaged: " + parsed.error().message);
            out.push_back(StoredSubstitution{row.draw, row.number, std::move(row.record),
                                             std::move(*parsed), row.log_index,
                                             detail::entry_time(ws.db(), row.log_index)});
        }
        return out;
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

Result<Replay> replay(Workspace& ws, const StoredDraw& stored) {
    if (stored.outcome != DrawOutcome::result || !stored.result_id)
        return Error::bad_input("announcement " + to_hex(stored.announcement) +
                                    " has no draw result to substitute in: its draw was impossible",
                                "a new draw needs a new announcement with a reason");
    Replay r{};
    FD_ASSIGN(r.announcement, detail::announcement_of(ws, stored.announcement));
    FD_ASSIGN(auto snapshots, detail::announced_snapshots(ws, r.announcement));
    FD_ASSIGN(auto loaded, detail::load_directories(ws, snapshots, r.announcement.plan, nullptr));
    r.directories = std::make_unique<detail::LoadedDirectories>(std::move(loaded));
    r.chain = secret_chain(r.announcement.sources, stored.values);
    const DrawInput input{r.announcement.id, stored.values, r.chain};
    auto drawn =
        Draw::run(r.announcement.plan, r.directories->view(), r.announcement.history, input);
    const std::string id = to_hex(*stored.result_id);
    if (!drawn || draw_result_json(drawn->result()) != stored.document)
        return Error::verification_failed(
            "replaying draw " + id + " from its announcement and values does not give the recorded result",
            "the workspace was changed outside fairdraw; run 'fairdraw log verify'");
    r.draw.emplace(std::move(*drawn));
    FD_ASSIGN(r.substitutions, read_substitutions(ws, *stored.result_id));
    for (const auto& s : r.substitutions) {
        auto applied = r.draw->substitute(s.parsed.request);
        if (!applied || s.number != r.draw->substitutions() || substitution_json(*applied) != s.record)
            return Error::verification_failed(
                "replaying substitution " + std::to_string(s.number) + " of draw " + id +
                    " does not give the recorded substitution",
                "the workspace was changed outside fairdraw; run 'fairdraw log verify'");
    }
    return r;
}

}  // namespace

Result<std::vector<StoredSubstitution>> substitutions_of(Workspace& ws, const Hash& result_id) {
    return read_substitutions(ws, result_id);
}

Result<std::vector<HistoryTeam>> current_teams(Workspace& ws, const StoredDraw& draw) {
    if (!draw.result_id) return std::vector<HistoryTeam>{};
    FD_ASSIGN(DrawResult result, parse_draw_result(draw.document));
    FD_ASSIGN(auto subs, read_substitutions(ws, *draw.result_id));
    std::vector<SubstitutionRecord> records;
    for (auto& s : subs) records.push_back(std::move(s.parsed));
    return detail::teams_after(result, records);
}

Result<StoredSubstitution> substitute(Workspace& ws, const StoredDraw& stored,
                                      const SubstitutionRequest& request) {
    FD_TRY(check_request(request));
    FD_ASSIGN(Replay r, replay(ws, stored));
    const std::uint64_t k = r.substitutions.size() + 1;
    const bool chained = r.chain && k <= static_cast<std::uint64_t>(r.chain->length - 1);
    if (chained && !request.link)
        return Error::bad_input(
            "substitution " + std::to_string(k) +
                " needs the next link of the announced secret's hash chain; nothing was recorded",
            "print it with 'fairdraw secret link SECRET-FILE --round " + std::to_string(k) +
                "' and give it with --link HEX");
    if (!chained && request.link)
        return Error::bad_input("substitution " + std::to_string(k) +
                                    " takes no chain link; nothing was recorded",
                                r.chain ? "the announced hash chain is used up: later substitutions "
                                          "use the draw's seed"
                                        : "the announcement has no secret with a hash chain");
    const Json refusal = {
        {"announcement", to_hex(stored.announcement)},
        {"action", "substitute"},
        {"draw", to_hex(*stored.result_id)},
        {"number", k},
        {"values", Json::array({Json::array({"link", request.link ? detail::logged_value(
                                                                        as_text(*request.link), true)
                                                                  : std::string()})})}};
    if (chained) {
        const auto& last = k == 1 ? std::optional<Bytes>(r.chain->revealed)
                                  : r.substitutions.back().parsed.request.link;
        if (!last)
            return Error::verification_failed("substitution " + std::to_string(k - 1) +
                                              " was recorded without its chain link");
        const Bytes& previous = *last;
        if (auto linked = check_chain_link(previous, *request.link); !linked) {
            Error why = Error::bad_input("the chain link given for substitution " +
                                             std::to_string(k) +
                                             " does not hash to the previous link",
                                         "print the right one with 'fairdraw secret link "
                                         "SECRET-FILE --round " +
                                             std::to_string(k) + "'");
            return detail::record_refusal(ws, why, refusal);
        }
    }
    FD_ASSIGN(SubstitutionRecord record, r.draw->substitute(request));
    StoredSubstitution out;
    out.draw = *stored.result_id;
    out.number = record.number;
    out.record = substitution_json(record);
    out.parsed = record;
    Status saved = ws.change([&](Change& change) -> Status {
        const auto now = detail::substitutions_by_draw(change.db(), out.draw);
        if (now.size() + 1 != k)
            return Error::environment("another substitution of this draw was recorded meanwhile",
                                      "run the substitution again");
        FD_ASSIGN(out.log_index,
                  change.log(k_draw_substitute_entry,
                             {{"announcement", to_hex(stored.announcement)},
                              {"draw", to_hex(out.draw)},
                              {"number", out.number},
                              {"kind", request.kind == SubstitutionKind::entity ? "entity" : "inspector"},
                              {"code", request.code.empty() ? Json(nullptr) : Json(request.code)},
                              {"inspector", request.kind == SubstitutionKind::entity
                                                ? Json(nullptr)
                                                : Json(request.inspector)},
                              {"reason", request.reason},
                              {"link", request.link ? Json(to_hex(*request.link)) : Json(nullptr)},
                              {"record", to_hex(sha256(out.record))}}));
        detail::insert_substitution(change.db(), {out.draw, out.number, out.record, out.log_index});
        return {};
    });
    if (!saved) return std::move(saved).error();
    try {
        out.time = detail::entry_time(ws.db(), out.log_index);
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
    return out;
}

}  // namespace fairdraw
