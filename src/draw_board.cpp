// The team board: teams, loads and pair counts, and the candidate rule of §9.6.
#include <algorithm>
#include <limits>

#include "draw_internal.h"

namespace fairdraw::detail {
namespace {

constexpr std::size_t k_dense_pair_limit = 2048;  // n² counters of 4 bytes: 16 MiB at most

std::uint64_t pair_key(std::uint32_t i, std::uint32_t j) {
    if (i > j) std::swap(i, j);
    return (std::uint64_t{i} << 32) | j;
}

}  // namespace

PairCounts::PairCounts(std::size_t inspectors) : m_n(inspectors) {
    if (m_n <= k_dense_pair_limit) m_dense.assign(m_n * m_n, 0);
}

std::uint32_t PairCounts::get(std::uint32_t i, std::uint32_t j) const {
    if (m_n <= k_dense_pair_limit) return m_dense[std::size_t{i} * m_n + j];
    auto it = m_sparse.find(pair_key(i, j));
    return it == m_sparse.end() ? 0 : it->second;
}

const std::uint32_t* PairCounts::row(std::uint32_t i) const {
    return m_n <= k_dense_pair_limit ? m_dense.data() + std::size_t{i} * m_n : nullptr;
}

void PairCounts::add(std::uint32_t i, std::uint32_t j, int delta) {
    auto apply = [delta](std::uint32_t& v) {
        v = static_cast<std::uint32_t>(static_cast<std::int64_t>(v) + delta);
    };
    if (m_n <= k_dense_pair_limit) {
        apply(m_dense[std::size_t{i} * m_n + j]);
        apply(m_dense[std::size_t{j} * m_n + i]);
        return;
    }
    apply(m_sparse[pair_key(i, j)]);
}

bool TeamBoard::in_team(std::uint32_t e, std::uint32_t i) const {
    for (std::uint32_t p = 0; p < size; ++p)
        if (seat(e, p).inspector == static_cast<std::int32_t>(i)) return true;
    return false;
}

void TeamBoard::add_team_pairs(std::uint32_t e, int delta) {
    for (std::uint32_t p = 0; p < size; ++p)
        for (std::uint32_t q = p + 1; q < size; ++q) {
            auto a = seat(e, p).inspector, b = seat(e, q).inspector;
            if (a >= 0 && b >= 0)
                pairs.add(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), delta);
        }
}

void TeamBoard::add_seat_pairs(std::uint32_t e, std::uint32_t p, int delta) {
    const auto a = seat(e, p).inspector;
    if (a < 0) return;
    for (std::uint32_t q = 0; q < size; ++q) {
        const auto b = seat(e, q).inspector;
        if (q != p && b >= 0)
            pairs.add(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), delta);
    }
}

TeamBoard make_board(const Plan& plan, const Roster& roster, std::size_t inspectors) {
    TeamBoard board;
    board.size = static_cast<std::uint32_t>(plan.team.size);
    std::uint32_t position = 0;
    for (std::uint32_t g = 0; g < roster.groups.size(); ++g) {
        board.first.push_back(position);
        for (std::uint32_t q = 0; q < roster.groups[g].need; ++q, ++position)
            board.position_group.push_back(g);
    }
    board.load.assign(inspectors, 0);
    board.pairs = PairCounts(inspectors);
    return board;
}

void add_history_pairs(TeamBoard& board, const Roster& roster,
                       std::span<const HistoryDraw> history) {
    std::vector<std::uint32_t> members;
    for (const auto& draw : history)
        for (const auto& team : draw.teams) {
            members.clear();
            for (const auto& id : team.inspectors)
                if (auto it = roster.index.find(id); it != roster.index.end())
                    members.push_back(it->second);
            std::sort(members.begin(), members.end());
            members.erase(std::unique(members.begin(), members.end()), members.end());
            for (std::size_t a = 0; a < members.size(); ++a)
                for (std::size_t b = a + 1; b < members.size(); ++b)
                    board.pairs.add(members[a], members[b], 1);
        }
}

void least_key_candidates(const TeamBoard& board, const Roster& roster, std::uint32_t e,
                          std::uint32_t group, const CandidateLimits& limits,
                          std::vector<std::uint32_t>& out) {
    out.clear();
    const EntityRule& rule = board.rules[e];
    std::uint32_t team[64];
    std::uint32_t team_size = 0;
    std::vector<std::uint32_t> team_big;
    for (std::uint32_t p = 0; p < board.size; ++p) {
        auto x = board.seat(e, p).inspector;
        if (x < 0) continue;
        if (team_size < 64)
            team[team_size++] = static_cast<std::uint32_t>(x);
        else
            team_big.push_back(static_cast<std::uint32_t>(x));
    }
    auto member_of_team = [&](std::uint32_t i) {
        for (std::uint32_t k = 0; k < team_size; ++k)
            if (team[k] == i) return true;
        return std::find(team_big.begin(), team_big.end(), i) != team_big.end();
    };
    std::uint64_t best_load = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t best_pairs = std::numeric_limits<std::uint64_t>::max();
    for (std::uint32_t i : roster.groups[group].members) {
        const std::uint64_t load = board.load[i];
        if (load >= limits.bound || load > best_load) continue;
        if (!allowed(roster, rule, i) || member_of_team(i)) continue;
        if (limits.gone != nullptr && (*limits.gone)[i]) continue;
        if (std::find(limits.barred.begin(), limits.barred.end(), i) != limits.barred.end())
            continue;
        std::uint64_t pairs = 0;
        for (std::uint32_t k = 0; k < team_size; ++k) pairs += board.pairs.get(i, team[k]);
        for (auto t : team_big) pairs += board.pairs.get(i, t);
        // Here load ≤ best_load: a lower load, or an equal load with fewer pairs, starts afresh.
        if (load < best_load || pairs < best_pairs) {
            best_load = load;
            best_pairs = pairs;
            out.clear();
        } else if (pairs > best_pairs) {
            continue;
        }
        out.push_back(i);
    }
}

}  // namespace fairdraw::detail
