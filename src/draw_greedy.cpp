// The greedy pass (docs/SPEC.md §9.6): each position of each team in selected
// order takes, among the allowed members below hi_g, one of those with the
// least (load, pair count) key, chosen by pick().
#include <algorithm>
#include <bit>

#include "draw_internal.h"

namespace fairdraw::detail {
namespace {

// §9.6 with each group's members kept in bitsets by load: the least load with a
// candidate is found by masking, and only that load's members are looked at.
// Bit m of a group's bitsets is its m-th member, so bit order is eligible order.
class GroupScan {
  public:
    GroupScan(const Roster& roster, std::uint32_t g, std::uint32_t bound,
              std::vector<std::uint32_t>& position)
        : m_members(roster.groups[g].members),
          m_words((m_members.size() + 63) / 64),
          m_bound(bound) {
        m_levels.assign(std::size_t{bound} + 1, std::vector<std::uint64_t>(m_words, 0));
        for (std::uint32_t m = 0; m < m_members.size(); ++m) {
            position[m_members[m]] = m;
            set(m_levels[0], m);
            if (auto r = roster.region_key[m_members[m]]; r >= 0) {
                auto& mask = m_region[r];
                mask.resize(m_words, 0);
                set(mask, m);
            }
        }
        m_blocked.assign(m_words, 0);
        m_candidates.assign(m_words, 0);
        m_masked.assign(m_words, 0);
    }

    // Finds the least load with a candidate for entity e (§9.6); false when there is none.
    // The candidates of that load are then kept in m_candidates.
    bool prepare(const TeamBoard& board, const Roster& roster, std::uint32_t g, std::uint32_t e,
                 std::span<const std::uint32_t> team, const std::vector<std::uint32_t>& position) {
        std::fill(m_blocked.begin(), m_blocked.end(), 0);
        const EntityRule& rule = board.rules[e];
        for (auto x : rule.excluded)
            if (roster.group_of[x] == g) set(m_blocked, position[x]);
        if (rule.region >= 0)
            if (auto it = m_region.find(rule.region); it != m_region.end())
                for (std::size_t w = 0; w < m_words; ++w) m_blocked[w] |= it->second[w];
        for (auto x : team)
            if (roster.group_of[x] == g) set(m_blocked, position[x]);
        while (m_low < m_bound && empty(m_levels[m_low])) ++m_low;
        for (std::uint32_t level = m_low; level < m_bound; ++level) {
            bool any = false;
            for (std::size_t w = 0; w < m_words; ++w) {
                m_candidates[w] = m_levels[level][w] & ~m_blocked[w];
                any = any || m_candidates[w] != 0;
            }
            if (any) return true;
        }
        return false;
    }

    // Keeps the candidates whose bits are also set in every one of `masks`: with
    // masks of members never paired with the team, those have pair sum 0, the least
    // possible. False when none is left (the candidates stay as they were).
    bool restrict_to(std::span<const std::uint64_t* const> masks) {
        bool any = false;
        for (std::size_t w = 0; w < m_words; ++w) {
            std::uint64_t bits = m_candidates[w];
            for (const std::uint64_t* mask : masks) bits &= mask[w];
            m_masked[w] = bits;
            any = any || bits != 0;
        }
        if (any) m_candidates.swap(m_masked);
        return any;
    }
    std::size_t words() const { return m_words; }

    // When all candidates share the least key: their number, and the index-th of them.
    std::uint64_t count() const {
        std::uint64_t n = 0;
        for (auto w : m_candidates) n += static_cast<std::uint64_t>(std::popcount(w));
        return n;
    }
    std::uint32_t nth(std::uint64_t index) const {
        for (std::size_t w = 0;; ++w) {
            auto n = static_cast<std::uint64_t>(std::popcount(m_candidates[w]));
            if (index >= n) {
                index -= n;
                continue;
            }
            std::uint64_t bits = m_candidates[w];
            for (; index > 0; --index) bits &= bits - 1;
            return m_members[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))];
        }
    }

    // Otherwise the candidates with the least Σ P(i, t) over the team, in eligible order.
    void least_pairs(const TeamBoard& board, std::span<const std::uint32_t> team,
                     std::vector<std::uint32_t>& out) const {
        out.clear();
        const std::uint32_t* rows[8];
        const bool dense = team.size() <= 8 && board.pairs.row(0) != nullptr;
        if (dense)
            for (std::size_t k = 0; k < team.size(); ++k) rows[k] = board.pairs.row(team[k]);
        std::uint64_t best = ~std::uint64_t{0};
        for (std::size_t w = 0; w < m_words; ++w) {
            for (std::uint64_t bits = m_candidates[w]; bits != 0; bits &= bits - 1) {
                const std::uint32_t x =
                    m_members[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))];
                std::uint64_t pairs = 0;
                if (dense)
                    for (std::size_t k = 0; k < team.size(); ++k) pairs += rows[k][x];
                else
                    for (auto t : team) pairs += board.pairs.get(t, x);
                if (pairs < best) {
                    best = pairs;
                    out.clear();
                }
                if (pairs == best) out.push_back(x);
            }
        }
    }

    void loaded(std::uint32_t x, std::uint32_t old_load,
                const std::vector<std::uint32_t>& position) {
        clear(m_levels[old_load], position[x]);
        set(m_levels[std::size_t{old_load} + 1], position[x]);
    }

  private:
    static void set(std::vector<std::uint64_t>& bits, std::uint32_t m) {
        bits[m / 64] |= std::uint64_t{1} << (m % 64);
    }
    static void clear(std::vector<std::uint64_t>& bits, std::uint32_t m) {
        bits[m / 64] &= ~(std::uint64_t{1} << (m % 64));
    }
    static bool empty(const std::vector<std::uint64_t>& bits) {
        return std::all_of(bits.begin(), bits.end(), [](std::uint64_t w) { return w == 0; });
    }

    const std::vector<std::uint32_t>& m_members;
    std::size_t m_words;
    std::uint32_t m_bound;
    std::uint32_t m_low = 0;
    std::vector<std::vector<std::uint64_t>> m_levels;  // by load, 0 … bound
    std::unordered_map<std::int64_t, std::vector<std::uint64_t>> m_region;
    std::vector<std::uint64_t> m_blocked, m_candidates, m_masked;
};

// For each inspector t and group g, the members of g never paired with t (P(t, x) = 0),
// as bitsets over g's member positions; kept only while pair counts are dense.
class ZeroPairs {
  public:
    ZeroPairs(const TeamBoard& board, const Roster& roster, const std::vector<GroupScan>& scans)
        : m_enabled(board.pairs.row(0) != nullptr), m_groups(roster.groups.size()) {
        if (!m_enabled) return;
        m_offset.assign(m_groups + 1, 0);
        for (std::size_t g = 0; g < m_groups; ++g) m_offset[g + 1] = m_offset[g] + scans[g].words();
        m_bits.assign(board.load.size() * m_offset.back(), 0);
        for (std::uint32_t t = 0; t < board.load.size(); ++t) {
            const std::uint32_t* row = board.pairs.row(t);
            for (std::size_t g = 0; g < m_groups; ++g) {
                const auto& members = roster.groups[g].members;
                for (std::uint32_t m = 0; m < members.size(); ++m)
                    if (row[members[m]] == 0) mask(t, g)[m / 64] |= std::uint64_t{1} << (m % 64);
            }
        }
    }
    bool enabled() const { return m_enabled; }
    const std::uint64_t* mask_of(std::uint32_t t, std::size_t g) const {
        return m_bits.data() + t * m_offset.back() + m_offset[g];
    }
    // After a team's pairs were counted: its members are paired now.
    void paired(std::uint32_t a, std::uint32_t b, const Roster& roster,
                const std::vector<std::uint32_t>& position) {
        if (!m_enabled) return;
        std::uint32_t pa = position[a], pb = position[b];
        mask(a, roster.group_of[b])[pb / 64] &= ~(std::uint64_t{1} << (pb % 64));
        mask(b, roster.group_of[a])[pa / 64] &= ~(std::uint64_t{1} << (pa % 64));
    }

  private:
    std::uint64_t* mask(std::uint32_t t, std::size_t g) {
        return m_bits.data() + t * m_offset.back() + m_offset[g];
    }

    bool m_enabled;
    std::size_t m_groups;
    std::vector<std::size_t> m_offset;
    std::vector<std::uint64_t> m_bits;
};

}  // namespace

// §9.6 by the rule as written: one scan of the group's members per position.
void greedy_reference(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds,
                      const KeyedHash& key) {
    std::vector<std::uint32_t> candidates;
    const auto entities = static_cast<std::uint32_t>(board.rules.size());
    for (std::uint32_t e = 0; e < entities; ++e) {
        bool complete = true;
        for (std::uint32_t g = 0; g < roster.groups.size(); ++g) {
            for (std::uint32_t q = 0; q < roster.groups[g].need; ++q) {
                const std::uint32_t p = board.first[g] + q;
                least_key_candidates(board, roster, e, g,
                                     CandidateLimits{bounds[g].hi, nullptr, {}}, candidates);
                if (candidates.empty()) {
                    complete = false;  // left open for completion
                    continue;
                }
                Pick chosen = pick(key, k_team_label, board.codes[e], p, candidates.size());
                std::uint32_t i = candidates[chosen.index];
                board.seat(e, p) = SeatState{static_cast<std::int32_t>(i), Placement::pick,
                                             candidates.size(), chosen.value};
                ++board.load[i];
            }
        }
        if (complete) board.add_team_pairs(e, 1);
    }
}

void greedy_fast(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds,
                 const KeyedHash& key) {
    std::vector<std::uint32_t> position(board.load.size(), 0);
    std::vector<GroupScan> scans;
    for (std::uint32_t g = 0; g < roster.groups.size(); ++g)
        scans.emplace_back(roster, g, bounds[g].hi, position);
    ZeroPairs zero(board, roster, scans);
    std::vector<std::uint32_t> candidates, team;
    std::vector<const std::uint64_t*> masks;
    const auto entities = static_cast<std::uint32_t>(board.rules.size());
    for (std::uint32_t e = 0; e < entities; ++e) {
        team.clear();
        bool complete = true;
        for (std::uint32_t g = 0; g < roster.groups.size(); ++g) {
            GroupScan& scan = scans[g];
            for (std::uint32_t q = 0; q < roster.groups[g].need; ++q) {
                const std::uint32_t p = board.first[g] + q;
                if (!scan.prepare(board, roster, g, e, team, position)) {
                    complete = false;  // left open for completion
                    continue;
                }
                masks.clear();
                if (zero.enabled())
                    for (auto t : team) masks.push_back(zero.mask_of(t, g));
                std::uint64_t n = 0;
                std::uint32_t i = 0;
                Pick chosen;
                if (team.empty() || (zero.enabled() && scan.restrict_to(masks))) {
                    // Every remaining candidate has pair sum 0: the least key.
                    n = scan.count();
                    chosen = pick(key, k_team_label, board.codes[e], p, n);
                    i = scan.nth(chosen.index);
                } else {
                    scan.least_pairs(board, team, candidates);
                    n = candidates.size();
                    chosen = pick(key, k_team_label, board.codes[e], p, n);
                    i = candidates[chosen.index];
                }
                board.seat(e, p) =
                    SeatState{static_cast<std::int32_t>(i), Placement::pick, n, chosen.value};
                scan.loaded(i, board.load[i], position);
                ++board.load[i];
                team.push_back(i);
            }
        }
        if (!complete) continue;
        board.add_team_pairs(e, 1);
        for (std::size_t a = 0; a < team.size(); ++a)
            for (std::size_t b = a + 1; b < team.size(); ++b)
                zero.paired(team[a], team[b], roster, position);
    }
}

}  // namespace fairdraw::detail
