// Completing the teams (docs/SPEC.md §9.7–9.8): open positions filled by
// breadth-first chains of moves, then loads raised to lo_g. The greedy pass
// (§9.6) is in draw_greedy.cpp.
#include <algorithm>
#include <deque>

#include "draw_internal.h"

namespace fairdraw::detail {
namespace {

constexpr std::uint32_t k_none = 0xffffffffu;

struct Chains {
    std::vector<std::uint32_t> parent_member, parent_entity;  // per inspector
    std::vector<std::uint32_t> visited;                       // epoch per inspector
    std::uint32_t epoch = 0;

    explicit Chains(std::size_t inspectors)
        : parent_member(inspectors, k_none),
          parent_entity(inspectors, k_none),
          visited(inspectors, 0) {}
    void start() { ++epoch; }
    bool seen(std::uint32_t i) const { return visited[i] == epoch; }
    void mark(std::uint32_t i, std::uint32_t member, std::uint32_t entity) {
        visited[i] = epoch;
        parent_member[i] = member;
        parent_entity[i] = entity;
    }
};

std::uint32_t position_of(const TeamBoard& board, std::uint32_t e, std::uint32_t i) {
    for (std::uint32_t p = 0; p < board.size; ++p)
        if (board.seat(e, p).inspector == static_cast<std::int32_t>(i)) return p;
    return k_none;
}

// Entity f's place held by `from` goes to `to`.
void move_place(TeamBoard& board, std::uint32_t f, std::uint32_t from, std::uint32_t to,
                Placement how) {
    std::uint32_t p = position_of(board, f, from);
    board.seat(f, p) = SeatState{static_cast<std::int32_t>(to), how, 0, 0};
    --board.load[from];
    ++board.load[to];
}

Status complete_open(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds) {
    const auto entities = static_cast<std::uint32_t>(board.rules.size());
    std::vector<std::vector<std::uint32_t>> held(board.load.size());  // entities, ascending
    for (std::uint32_t e = 0; e < entities; ++e)
        for (std::uint32_t p = 0; p < board.size; ++p)
            if (auto i = board.seat(e, p).inspector; i >= 0)
                held[static_cast<std::size_t>(i)].push_back(e);
    auto hold = [&](std::uint32_t i, std::uint32_t f) {
        auto& list = held[i];
        list.insert(std::lower_bound(list.begin(), list.end(), f), f);
    };
    auto release = [&](std::uint32_t i, std::uint32_t f) {
        auto& list = held[i];
        list.erase(std::lower_bound(list.begin(), list.end(), f));
    };
    Chains chains(board.load.size());
    std::deque<std::uint32_t> queue;
    for (std::uint32_t e = 0; e < entities; ++e)
        for (std::uint32_t g = 0; g < roster.groups.size(); ++g) {
            const auto& members = roster.groups[g].members;
            for (std::uint32_t q = 0; q < roster.groups[g].need; ++q) {
                const std::uint32_t p = board.first[g] + q;
                if (board.seat(e, p).inspector >= 0) continue;
                chains.start();
                queue.clear();
                for (auto i : members)
                    if (allowed(roster, board.rules[e], i) && !board.in_team(e, i)) {
                        chains.mark(i, k_none, k_none);
                        queue.push_back(i);
                    }
                std::uint32_t found = k_none;
                while (!queue.empty() && found == k_none) {
                    const std::uint32_t u = queue.front();
                    queue.pop_front();
                    for (std::uint32_t f : held[u]) {
                        for (auto v : members) {
                            if (chains.seen(v) || !allowed(roster, board.rules[f], v) ||
                                board.in_team(f, v))
                                continue;
                            chains.mark(v, u, f);
                            if (board.load[v] < bounds[g].hi) {
                                found = v;
                                break;
                            }
                            queue.push_back(v);
                        }
                        if (found != k_none) break;
                    }
                }
                if (found == k_none)
                    return Error::verification_failed(
                        "internal: no completion chain although the bound is feasible");
                std::uint32_t x = found;
                while (chains.parent_entity[x] != k_none) {
                    const std::uint32_t u = chains.parent_member[x], f = chains.parent_entity[x];
                    move_place(board, f, u, x, Placement::completion);
                    release(u, f);
                    hold(x, f);
                    x = u;
                }
                board.seat(e, p) =
                    SeatState{static_cast<std::int32_t>(x), Placement::completion, 0, 0};
                ++board.load[x];
                hold(x, e);
            }
        }
    return {};
}

Status raise_loads(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds) {
    const auto entities = static_cast<std::uint32_t>(board.rules.size());
    Chains chains(board.load.size());
    std::deque<std::uint32_t> queue;
    for (std::uint32_t g = 0; g < roster.groups.size(); ++g) {
        const std::uint32_t first = board.first[g], need = roster.groups[g].need, lo = bounds[g].lo;
        for (std::uint32_t j : roster.groups[g].members) {
            while (board.load[j] < lo) {
                chains.start();
                chains.mark(j, k_none, k_none);
                queue.assign(1, j);
                std::uint32_t found = k_none;
                while (!queue.empty() && found == k_none) {
                    const std::uint32_t x = queue.front();
                    queue.pop_front();
                    for (std::uint32_t f = 0; f < entities && found == k_none; ++f) {
                        if (!allowed(roster, board.rules[f], x) || board.in_team(f, x)) continue;
                        for (std::uint32_t p = first; p < first + need; ++p) {
                            auto u = static_cast<std::uint32_t>(board.seat(f, p).inspector);
                            if (chains.seen(u)) continue;
                            chains.mark(u, x, f);
                            if (board.load[u] > lo) {
                                found = u;
                                break;
                            }
                            queue.push_back(u);
                        }
                    }
                }
                if (found == k_none)
                    return Error::verification_failed(
                        "internal: no raising chain although the bound is feasible");
                for (std::uint32_t y = found; y != j;) {
                    const std::uint32_t x = chains.parent_member[y], f = chains.parent_entity[y];
                    move_place(board, f, y, x, Placement::raising);
                    y = x;
                }
            }
        }
    }
    return {};
}

}  // namespace

Status build_teams(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds,
                   const KeyedHash& key, Scan scan) {
    if (scan == Scan::fast)
        greedy_fast(board, roster, bounds, key);
    else
        greedy_reference(board, roster, bounds, key);
    FD_TRY(complete_open(board, roster, bounds));
    FD_TRY(raise_loads(board, roster, bounds));
    return {};
}

}  // namespace fairdraw::detail
