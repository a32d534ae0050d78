// draw_internal.h — the pieces of the draw shared between its source files.
//
// Indices: a "row" is an enterprise table row; a "pool index" numbers pool
// rows in table order; an "entity" (slot) numbers the entities of the draw in
// selected order (replacements appended); an "inspector" is an eligible
// inspector's number in eligible order (inspector id, byte order); a
// "member" position numbers a group's inspectors within the group.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fairdraw/draw.h"
#include "fairdraw/keyed_hash.h"

namespace fairdraw::detail {

// ---- §8 pool and selection (draw_selection.cpp) -----------------------------------------------

struct Pool {
    PoolCounts counts;
    std::vector<std::uint32_t> rows;                               // pool rows in table order
    std::vector<std::uint32_t> group;                              // stratum of each pool row
    std::vector<std::uint64_t> sizes;                              // pool rows per stratum
    std::vector<std::pair<std::string, std::uint64_t>> unmatched;  // by value
};
Pool scan_pool(const Plan& plan, const EnterpriseTable& table,
               std::span<const HistoryDraw> history);
std::vector<std::uint64_t> stratum_counts(const Plan& plan, std::span<const std::uint64_t> sizes);
// ⌈N·num/den⌉ for minimum_total_ratio, 0 when it is not set.
std::uint64_t minimum_total(const Plan& plan, std::uint64_t pool_size);
// Problems that make the plan undrawable before any randomness (§8.3, §8.4).
std::vector<Problem> strata_problems(const Plan& plan, const Pool& pool,
                                     std::span<const std::uint64_t> counts);

struct PoolKey {
    std::uint64_t prefix;  // the ticket's first 8 bytes, big-endian
    std::uint32_t index;   // pool index
};

struct Chosen {
    PoolKey key;
    Hash ticket;
};

struct Selection {
    std::vector<Chosen> selected;  // in selected order
    std::vector<StratumOutcome> strata;
};
// One pass over the pool keeping, per stratum, the `count` least (ticket, code)
// rows in a bounded heap: no per-row storage beyond the pool itself.
Selection select_entities(const Plan& plan, const EnterpriseTable& table, const Pool& pool,
                          std::span<const std::uint64_t> counts, const KeyedHash& key);
// Every pool row of stratum g in (ticket, code) order (for replacements, §10).
std::vector<PoolKey> stratum_order(const EnterpriseTable& table, const Pool& pool,
                                   const KeyedHash& key, std::uint32_t g);
// (ticket, code) order of two pool rows; full tickets are recomputed only when prefixes tie.
bool ticket_before(const EnterpriseTable& table, const Pool& pool, const KeyedHash& key,
                   const PoolKey& a, const PoolKey& b);

// ---- §9.1–9.3 eligibility, groups, allowed pairs (draw_roster.cpp) ----------------------------

struct GroupDef {
    std::optional<std::string> department;
    std::uint32_t need = 0;
    std::vector<std::uint32_t> members;  // inspectors, ascending
};

struct Roster {
    std::vector<const Inspector*> eligible;
    std::vector<std::uint32_t> group_of;  // per inspector
    std::vector<GroupDef> groups;
    std::vector<std::int64_t> region_key;  // per inspector: table region id, −1 never matches
    std::unordered_map<std::string_view, std::uint32_t> index;  // id → inspector
    std::vector<std::pair<const Inspector*, Ineligibility>> ineligible;
};
Result<Roster> build_roster(const Plan& plan, std::span<const Inspector> inspectors,
                            const EnterpriseTable& table);
// Ineligible inspectors that would otherwise belong to group g, by reason.
IneligibleCounts ineligible_counts(const Roster& roster, std::uint32_t g);

// What forbids inspectors for one entity (§9.3).
struct EntityRule {
    std::vector<std::uint32_t> conflict;  // sorted inspectors with a declared conflict
    std::vector<std::uint32_t> last;      // sorted inspectors of its last history team
    std::vector<std::uint32_t> excluded;  // sorted union of the two
    std::int64_t region = -1;             // table region id when not_own_region applies
};

class Rules {
  public:
    Rules(const Plan& plan, const Roster& roster, std::span<const Conflict> conflicts,
          std::span<const HistoryDraw> history);
    // Rules of many entities at once (one pass over the history).
    std::vector<EntityRule> for_rows(const EnterpriseTable& table,
                                     std::span<const std::uint32_t> rows) const;

  private:
    const Roster& m_roster;
    bool m_own_region;
    bool m_last;
    std::span<const HistoryDraw> m_history;
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> m_conflicts;
};

inline bool allowed(const Roster& roster, const EntityRule& rule, std::uint32_t i) {
    if (rule.region >= 0 && roster.region_key[i] == rule.region) return false;
    for (auto x : rule.excluded)
        if (x == i) return false;
    return true;
}

// ---- pair counts (§9.5) -----------------------------------------------------------------------

class PairCounts {
  public:
    explicit PairCounts(std::size_t inspectors);
    std::uint32_t get(std::uint32_t i, std::uint32_t j) const;
    void add(std::uint32_t i, std::uint32_t j, int delta);
    // Row i of the counts when they are held densely (P(i, j) at [j]), else nullptr.
    const std::uint32_t* row(std::uint32_t i) const;

  private:
    std::size_t m_n;
    std::vector<std::uint32_t> m_dense;  // n×n when small
    std::unordered_map<std::uint64_t, std::uint32_t> m_sparse;
};

// ---- team board: the mutable state of §9.5–9.8 and §10 -----------------------------------------

struct SeatState {
    std::int32_t inspector = -1;  // −1: open
    Placement placement = Placement::pick;
    std::uint64_t candidates = 0;
    std::uint64_t pick = 0;
};

struct TeamBoard {
    std::uint32_t size = 0;            // positions per team
    std::vector<std::uint32_t> first;  // per group: its first position
    std::vector<std::uint32_t> position_group;
    std::vector<EntityRule> rules;        // per entity
    std::vector<std::string_view> codes;  // per entity
    std::vector<SeatState> seats;         // entity × size + position
    std::vector<std::uint32_t> load;      // per inspector
    PairCounts pairs{0};

    SeatState& seat(std::uint32_t e, std::uint32_t p) { return seats[std::size_t{e} * size + p]; }
    const SeatState& seat(std::uint32_t e, std::uint32_t p) const {
        return seats[std::size_t{e} * size + p];
    }
    bool in_team(std::uint32_t e, std::uint32_t i) const;
    void add_team_pairs(std::uint32_t e, int delta);
    // Adds delta to the pair counts of the inspector at position p of e's team
    // with each other member of that team (one inspector joining or leaving).
    void add_seat_pairs(std::uint32_t e, std::uint32_t p, int delta);
};
TeamBoard make_board(const Plan& plan, const Roster& roster, std::size_t inspectors);
void add_history_pairs(TeamBoard& board, const Roster& roster,
                       std::span<const HistoryDraw> history);

// One position's candidates (§9.6 and §10): members of the group allowed for
// e, not in its team, with load below `bound`, not `barred` (a list of
// inspectors) and not `gone` (per inspector flags); returns the least-key
// ones in eligible order.
struct CandidateLimits {
    std::uint64_t bound = 0;
    const std::vector<char>* gone = nullptr;
    std::span<const std::uint32_t> barred;
};
void least_key_candidates(const TeamBoard& board, const Roster& roster, std::uint32_t e,
                          std::uint32_t group, const CandidateLimits& limits,
                          std::vector<std::uint32_t>& out);

// ---- §9.4 bounds (draw_bounds.cpp) ------------------------------------------------------------

struct ClassGraph {
    std::vector<std::uint64_t> size;                  // entities per class
    std::vector<std::vector<std::uint32_t>> allowed;  // member positions per class
    std::vector<std::uint32_t> class_of;              // per entity
};
ClassGraph build_classes(const TeamBoard& board, const Roster& roster, std::uint32_t group);

struct Bounds {
    std::uint32_t hi = 0, lo = 0;
};
// nullopt when no assignment exists with loads ≤ cap (cap = entities when unlimited).
std::optional<Bounds> compute_bounds(const ClassGraph& graph, std::uint32_t need,
                                     std::uint32_t members, std::uint64_t cap);

struct Cut {
    std::vector<std::uint32_t> classes;  // classes on the source side
    std::vector<char> saturated;         // per member: on the source side (at the cap)
    std::uint64_t needed = 0, available = 0;
};
Cut minimum_cut(const ClassGraph& graph, std::uint32_t need, std::uint32_t members,
                std::uint64_t cap);

// ---- §9.6–9.8 building teams (draw_teams.cpp) -------------------------------------------------

// How the greedy pass finds a position's candidates: `fast` keeps each group's
// members in bitsets by load; `reference` is least_key_candidates, the rule as
// written. Both give the same teams (tests/unit/test_draw_scan.cpp).
enum class Scan { fast, reference };

Status build_teams(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds,
                   const KeyedHash& key, Scan scan = Scan::fast);
// §9.6 alone (draw_greedy.cpp).
void greedy_fast(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds,
                 const KeyedHash& key);
void greedy_reference(TeamBoard& board, const Roster& roster, std::span<const Bounds> bounds,
                      const KeyedHash& key);

// ---- explanations (draw_explain.cpp) ----------------------------------------------------------

Problem explain_infeasible(const TeamBoard& board, const Roster& roster, const ClassGraph& graph,
                           std::uint32_t group, std::uint64_t cap, bool capped);

// ---- the state of a draw and its substitutions (draw.cpp, draw_substitution.cpp) ---------------

struct DrawState {
    Plan plan;
    const EnterpriseTable* table = nullptr;
    std::vector<HistoryDraw> history;
    DrawInput input;
    Hash seed{};
    Pool pool;
    Selection selection;
    Roster roster;
    std::unique_ptr<Rules> rules;  // refers to roster and history above
    std::vector<Bounds> bounds;
    TeamBoard board;
    DrawResult result;
    std::optional<Hash> result_id;  // computed when a substitution first needs it
    // Substitution state (§10).
    std::vector<PoolKey> entity_pool;         // per entity: its pool row
    std::vector<Hash> entity_ticket;          // per entity
    std::vector<char> removed;                // per entity
    std::vector<char> used;                   // per pool index: selected now or before
    std::vector<std::vector<PoolKey>> order;  // per stratum, built at its first replacement
    std::vector<char> gone;                   // per inspector: left every team of the draw
    std::vector<std::pair<std::uint32_t, std::uint32_t>> barred;  // (entity, inspector)
    std::uint64_t substitutions = 0;
    Bytes last_link;  // the latest revealed chain link

    std::uint64_t cap() const;  // the workload cap, or "none" as the largest value
    Seat seat_of(std::uint32_t e, std::uint32_t p) const;
    DrawnEntity entity(std::uint32_t e) const;
};

Result<SubstitutionRecord> apply_substitution(DrawState& state, const SubstitutionRequest& request);

// Draw::run with a choice of greedy scan, for tests that compare the two.
Result<std::unique_ptr<DrawState>> run_draw(const Plan& plan, const Directories& directories,
                                            std::span<const HistoryDraw> history,
                                            const DrawInput& input, Scan scan);

}  // namespace fairdraw::detail
