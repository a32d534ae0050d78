// draw.h — the draw: which entities are inspected, and by whom (docs/SPEC.md §8–§10).
//
// A draw is a pure function of the normalized plan, the three directory
// snapshots, the history of earlier draws frozen in the announcement, the
// announcement's identity and the revealed source values. It selects entities
// per stratum by keyed-hash tickets (§8), then forms inspector teams under
// the rules (eligibility, recusal, composition, workload bounds computed
// exactly by maximum flow; §9), and it can apply substitutions in order
// (§10). The result does not depend on the order of directory rows, and
// repeating it gives the same bytes. When no assignment of inspectors exists
// the draw fails with an explanation an operator can act on; check_plan gives
// the same kind of explanation for the whole pool before any randomness
// exists.
//
// A Draw keeps references to the plan's directories (Directories): they must
// outlive it. Nothing here reads files, databases or clocks.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fairdraw/canonical_json.h"
#include "fairdraw/hash.h"
#include "fairdraw/plan.h"
#include "fairdraw/records.h"
#include "fairdraw/result.h"
#include "fairdraw/seed.h"

namespace fairdraw {

inline constexpr std::string_view k_draw_algorithm = "fairdraw-draw-v1";
inline constexpr std::string_view k_draw_result_format = "fairdraw-draw-result-v1";
inline constexpr std::string_view k_substitution_format = "fairdraw-substitution-v1";

// ---- inputs -----------------------------------------------------------------------------------

// One earlier draw as the announcement freezes it (§6 "history").
struct HistoryTeam {
    std::string code;
    std::vector<std::string> inspectors;
};
struct HistoryDraw {
    std::string result;        // hex id of the earlier draw result
    std::string window_start;  // YYYY-MM-DD
    std::vector<HistoryTeam> teams;
};
Result<std::vector<HistoryDraw>> parse_history(const Json& history, const std::string& file);
Json history_to_json(std::span<const HistoryDraw> history);

struct Directories {
    const EnterpriseTable& enterprises;
    std::span<const Inspector> inspectors;
    std::span<const Conflict> conflicts;
};

// The secret hash chain of §6, when the announcement has a secret with chain > 1.
struct SecretChain {
    std::int64_t length = 1;
    Bytes revealed;  // v₁, the value revealed at the draw
};
// The chain of the announcement's secret source, if it has one with chain > 1.
std::optional<SecretChain> secret_chain(std::span<const Source> sources,
                                        std::span<const SourceValue> values);

struct DrawInput {
    Hash announcement_id{};
    std::vector<SourceValue> values;  // canonical values in announced order
    std::optional<SecretChain> chain;
};

// ---- eligibility (§9.1) -----------------------------------------------------------------------

struct Ineligibility {
    bool status = false;       // status not in eligibility.status
    bool certificate = false;  // certificate expires before the window ends
    bool department = false;   // department not in composition / eligibility.departments
    bool specialty = false;    // no specialty in eligibility.specialties
    bool eligible() const { return !status && !certificate && !department && !specialty; }
};
Ineligibility ineligibility(const Plan& plan, const Inspector& inspector);

// ---- the result (§9.10) -----------------------------------------------------------------------

enum class Placement : std::uint8_t { pick, completion, raising };

struct Seat {
    std::string inspector;
    std::uint32_t group = 0;
    std::uint64_t candidates = 0;  // with Placement::pick
    std::uint64_t pick = 0;        // the accepted r of pick()
    Placement placement = Placement::pick;
};

struct DrawnEntity {
    std::string code;
    Hash ticket{};
    std::uint32_t stratum = 0;
    std::vector<Seat> team;  // positions in group order
};

struct StratumOutcome {
    std::string name;
    std::uint64_t pool = 0;
    std::uint64_t count = 0;
    std::optional<Hash> cutoff;
};

struct TeamGroup {
    std::optional<std::string> department;  // nullopt without a composition
    std::uint32_t need = 0;                 // r_g, members per team
    std::uint32_t members = 0;              // eligible inspectors in the group
    std::uint32_t hi = 0, lo = 0;           // workload bounds (§9.4)
};

struct InspectorLoad {
    std::string inspector;
    std::uint32_t group = 0;
    std::uint32_t load = 0;
};

struct PoolCounts {
    std::uint64_t rows = 0;        // enterprise rows in the snapshot
    std::uint64_t population = 0;  // rows in plan.population
    std::uint64_t recent = 0;      // excluded: inspected within repeat.within_days
    std::uint64_t annual_cap = 0;  // excluded: repeat.annual_cap reached
    std::uint64_t unmatched = 0;   // excluded: no stratum (unmatched = "exclude")
    std::uint64_t size = 0;        // the pool
};

struct DrawResult {
    Hash announcement{};
    std::vector<SourceValue> values;
    Hash seed{};
    PoolCounts pool;
    std::vector<StratumOutcome> strata;
    std::vector<DrawnEntity> selected;  // in selected order
    std::vector<TeamGroup> groups;
    std::vector<InspectorLoad> loads;  // every eligible inspector, in eligible order
};

// The draw result document (§9.10) as canonical JSON, and its identity.
std::string draw_result_json(const DrawResult& result);
Hash draw_result_id(const DrawResult& result);

// ---- substitutions (§10) ----------------------------------------------------------------------

enum class SubstitutionKind { entity, inspector };

struct SubstitutionRequest {
    SubstitutionKind kind = SubstitutionKind::entity;
    std::string code;       // entity: the entity replaced; inspector: the team left ("" = all)
    std::string inspector;  // inspector: who leaves
    std::string reason;
    std::optional<Bytes> link;  // the next chain link v_(k+1), when the draw has a chain
};

struct Refill {
    std::string code;
    std::uint32_t position = 0;
    std::string left;  // the inspector who left this position
    Seat seat;
};

struct SubstitutionRecord {
    std::uint64_t number = 0;
    SubstitutionRequest request;
    Hash draw{};                             // draw_result_id of the draw
    Hash seed{};                             // seed_k
    std::optional<DrawnEntity> replacement;  // entity kind
    std::vector<Refill> refills;             // inspector kind, in selected order
};
std::string substitution_json(const SubstitutionRecord& record);

// ---- the draw ---------------------------------------------------------------------------------

namespace detail {
struct DrawState;
}

class Draw {
  public:
    // Runs §8 and §9. Fails (bad_input) when the plan cannot be drawn from
    // these directories: a pool row matching no stratum with unmatched =
    // "error", minimum_total_ratio not reached, duplicate IDs, or no valid
    // assignment of inspectors (then each Problem explains one group).
    static Result<Draw> run(const Plan& plan, const Directories& directories,
                            std::span<const HistoryDraw> history, const DrawInput& input);

    Draw(Draw&&) noexcept;
    Draw& operator=(Draw&&) noexcept;
    ~Draw();

    // The result as drawn, before any substitution.
    const DrawResult& result() const;
    // Applies substitution number (substitutions so far + 1) to the current
    // state; a refused substitution changes nothing.
    Result<SubstitutionRecord> substitute(const SubstitutionRequest& request);
    std::uint64_t substitutions() const;
    // The current teams, sorted by code: what later announcements freeze as history.
    std::vector<HistoryTeam> final_teams() const;

  private:
    explicit Draw(std::unique_ptr<detail::DrawState> state);
    std::unique_ptr<detail::DrawState> m_state;
};

// ---- plan check: what can be known before any randomness ----------------------------------

struct IneligibleCounts {
    std::uint64_t status = 0, certificate = 0, department = 0, specialty = 0;
};

struct GroupCheck {
    std::optional<std::string> department;
    std::uint32_t need = 0;
    std::uint64_t eligible = 0;
    IneligibleCounts ineligible;            // of the inspectors who could otherwise be in the group
    std::uint64_t demand = 0;               // need × Σ counts
    std::optional<std::uint64_t> capacity;  // eligible × workload_cap
    std::uint64_t short_entities = 0;       // pool entities with fewer allowed members than need
    std::vector<std::string> short_codes;   // the first few of them by code
};

struct StratumCheck {
    std::string name;
    std::uint64_t pool = 0;
    std::uint64_t count = 0;
};

struct PlanCheck {
    PoolCounts pool;
    std::vector<StratumCheck> strata;
    std::uint64_t total = 0;
    std::vector<std::pair<std::string, std::uint64_t>> unmatched;  // value → pool rows
    std::vector<GroupCheck> groups;
    std::vector<Problem> errors;    // the draw cannot succeed
    std::vector<Problem> warnings;  // some draws may fail
    bool ok() const { return errors.empty(); }
};

// Fails only on invalid input (duplicate IDs); plan problems are in errors.
Result<PlanCheck> check_plan(const Plan& plan, const Directories& directories,
                             std::span<const HistoryDraw> history);
Json plan_check_json(const PlanCheck& check);

}  // namespace fairdraw
