// Substitutions (docs/SPEC.md §10): an entity replaced by the next row of its
// stratum, or an inspector leaving one team or all; vacated positions are
// refilled by the greedy rule with the workload cap as bound.
#include <algorithm>

#include "draw_internal.h"

namespace fairdraw::detail {
namespace {

struct Working {
    TeamBoard board;
    std::vector<PoolKey> entity_pool;
    std::vector<Hash> entity_ticket;
    std::vector<char> removed, used, gone;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> barred;
};

std::optional<std::uint32_t> find_entity(const TeamBoard& board, const std::vector<char>& removed,
                                         std::string_view code) {
    for (std::uint32_t e = 0; e < board.codes.size(); ++e)
        if (!removed[e] && board.codes[e] == code) return e;
    return std::nullopt;
}

// Fills position p of entity e by the greedy rule, keyed with seed_k.
Status refill(const DrawState& st, Working& w, const KeyedHash& key, std::uint64_t k,
              std::uint32_t e, std::uint32_t p) {
    std::vector<std::uint32_t> barred, candidates;
    for (const auto& [entity, inspector] : w.barred)
        if (entity == e) barred.push_back(inspector);
    const std::uint32_t g = w.board.position_group[p];
    least_key_candidates(w.board, st.roster, e, g, CandidateLimits{st.cap(), &w.gone, barred},
                         candidates);
    if (candidates.empty()) {
        const auto& dept = st.roster.groups[g].department;
        return Error::bad_input("no inspector " +
                                    (dept ? "of department " + *dept + " " : std::string()) +
                                    "can take position " + std::to_string(p) + " of the team of " +
                                    std::string(w.board.codes[e]) +
                                    ": each member of the group is not allowed for it, already in "
                                    "its team, gone from the draw or at the workload cap",
                                "the substitution is refused; nothing changed");
    }
    Pick chosen = pick(key, k_substitute_label, w.board.codes[e],
                       static_cast<std::int64_t>(k * 1000 + p), candidates.size());
    std::uint32_t i = candidates[chosen.index];
    w.board.seat(e, p) =
        SeatState{static_cast<std::int32_t>(i), Placement::pick, candidates.size(), chosen.value};
    ++w.board.load[i];
    return {};
}

Status replace_entity(DrawState& st, Working& w, const KeyedHash& key, std::uint64_t k,
                      const SubstitutionRequest& req) {
    auto e = find_entity(w.board, w.removed, req.code);
    if (!e)
        return Error::bad_input(
            "entity " + req.code + " is not among the drawn entities of this draw",
            "give the code of a drawn entity that has not been replaced already");
    const std::uint32_t g = st.pool.group[w.entity_pool[*e].index];
    w.board.add_team_pairs(*e, -1);
    for (std::uint32_t p = 0; p < w.board.size; ++p)
        --w.board.load[static_cast<std::size_t>(w.board.seat(*e, p).inspector)];
    w.removed[*e] = 1;
    const KeyedHash tickets(st.seed);  // tickets are always keyed with the draw's seed
    if (st.order[g].empty()) st.order[g] = stratum_order(*st.table, st.pool, tickets, g);
    std::optional<PoolKey> next;
    for (const auto& candidate : st.order[g])
        if (!w.used[candidate.index]) {
            next = candidate;
            break;
        }
    if (!next)
        return Error::bad_input(
            "stratum " + st.plan.strata.groups[g].name + " has no row left to replace " + req.code,
            "every row of its pool is drawn or was removed before");
    const std::uint32_t row = st.pool.rows[next->index];
    if (find_entity(w.board, w.removed, st.table->code(row)))
        return Error::bad_input("code \"" + std::string(st.table->code(row)) +
                                    "\" appears twice in the enterprise directory",
                                "a snapshot holds each code once; re-import the directory");
    const auto f = static_cast<std::uint32_t>(w.board.codes.size());
    w.used[next->index] = 1;
    w.entity_pool.push_back(*next);
    w.entity_ticket.push_back(tickets.ticket(st.table->code(row)));
    w.removed.push_back(0);
    w.board.codes.push_back(st.table->code(row));
    const std::uint32_t rows[1] = {row};
    w.board.rules.push_back(std::move(st.rules->for_rows(*st.table, rows).front()));
    w.board.seats.resize(w.board.seats.size() + w.board.size);
    for (std::uint32_t p = 0; p < w.board.size; ++p) FD_TRY(refill(st, w, key, k, f, p));
    w.board.add_team_pairs(f, 1);
    return {};
}

Result<std::vector<Refill>> replace_inspector(const DrawState& st, Working& w, const KeyedHash& key,
                                              std::uint64_t k, const SubstitutionRequest& req) {
    auto it = st.roster.index.find(req.inspector);
    if (it == st.roster.index.end())
        return Error::bad_input("inspector " + req.inspector +
                                " is not an eligible inspector of this draw");
    const std::uint32_t i = it->second;
    if (w.gone[i])
        return Error::bad_input("inspector " + req.inspector +
                                " has already left every team of this draw");
    std::vector<std::uint32_t> affected;
    if (!req.code.empty()) {
        auto e = find_entity(w.board, w.removed, req.code);
        if (!e)
            return Error::bad_input("entity " + req.code +
                                    " is not among the drawn entities of this draw");
        if (!w.board.in_team(*e, i))
            return Error::bad_input("inspector " + req.inspector + " is not in the team of " +
                                    req.code);
        affected.push_back(*e);
        w.barred.emplace_back(*e, i);
    } else {
        for (std::uint32_t e = 0; e < w.board.codes.size(); ++e)
            if (!w.removed[e] && w.board.in_team(e, i)) affected.push_back(e);
        if (affected.empty())
            return Error::bad_input("inspector " + req.inspector + " is in no team of this draw");
        w.gone[i] = 1;
    }
    // Selected order: (ticket, code); replacements may sit anywhere in it.
    std::sort(affected.begin(), affected.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (w.entity_ticket[a] != w.entity_ticket[b])
            return w.entity_ticket[a] < w.entity_ticket[b];
        return w.board.codes[a] < w.board.codes[b];
    });
    std::vector<std::uint32_t> vacated;
    // Leave every affected team first, releasing only the leaving inspector's
    // pairs (the members who stay keep theirs), then refill in order.
    for (auto e : affected) {
        std::uint32_t p = 0;
        while (w.board.seat(e, p).inspector != static_cast<std::int32_t>(i)) ++p;
        w.board.add_seat_pairs(e, p, -1);
        w.board.seat(e, p) = SeatState{};
        --w.board.load[i];
        vacated.push_back(p);
    }
    std::vector<Refill> out;
    for (std::size_t n = 0; n < affected.size(); ++n) {
        FD_TRY(refill(st, w, key, k, affected[n], vacated[n]));
        w.board.add_seat_pairs(affected[n], vacated[n], 1);
        out.push_back(
            Refill{std::string(w.board.codes[affected[n]]), vacated[n], req.inspector, {}});
    }
    return out;
}

}  // namespace

Result<SubstitutionRecord> apply_substitution(DrawState& st, const SubstitutionRequest& request) {
    if (request.reason.empty())
        return Error::bad_input("a substitution needs a reason",
                                "say why, e.g. \"回避: 亲属关系\"");
    const std::uint64_t k = st.substitutions + 1;
    SubstitutionRecord record;
    record.number = k;
    record.request = request;
    if (!st.result_id) st.result_id = draw_result_id(st.result);
    record.draw = *st.result_id;
    record.seed = st.seed;
    const bool chained =
        st.input.chain && k <= static_cast<std::uint64_t>(st.input.chain->length - 1);
    if (chained) {
        if (!request.link)
            return Error::bad_input("substitution " + std::to_string(k) +
                                        " needs the next link of the secret's hash chain",
                                    "reveal the value whose SHA-256 is the previous link");
        FD_TRY(check_chain_link(st.last_link, *request.link));
        record.seed = substitution_seed(st.seed, k, *request.link);
    } else if (request.link) {
        return Error::bad_input("substitution " + std::to_string(k) + " takes no chain link",
                                "the announcement's hash chain has no link for this round");
    }
    const KeyedHash key(record.seed);
    Working w{st.board, st.entity_pool, st.entity_ticket, st.removed, st.used, st.gone, st.barred};
    if (request.kind == SubstitutionKind::entity) {
        FD_TRY(replace_entity(st, w, key, k, request));
    } else {
        FD_ASSIGN(record.refills, replace_inspector(st, w, key, k, request));
    }
    // Commit.
    st.board = std::move(w.board);
    st.entity_pool = std::move(w.entity_pool);
    st.entity_ticket = std::move(w.entity_ticket);
    st.removed = std::move(w.removed);
    st.used = std::move(w.used);
    st.gone = std::move(w.gone);
    st.barred = std::move(w.barred);
    st.substitutions = k;
    if (chained) st.last_link = *request.link;
    if (request.kind == SubstitutionKind::entity) {
        record.replacement = st.entity(static_cast<std::uint32_t>(st.board.codes.size() - 1));
    } else {
        for (auto& refill : record.refills) {
            auto e = find_entity(st.board, st.removed, refill.code);
            refill.seat = st.seat_of(*e, refill.position);
        }
    }
    return record;
}

}  // namespace fairdraw::detail
