// The draw from end to end (docs/SPEC.md §7–§9): seed, selection, eligibility,
// bounds, teams, result.
#include "fairdraw/draw.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "draw_internal.h"

namespace fairdraw {
namespace detail {

std::uint64_t DrawState::cap() const {
    return plan.team.workload_cap ? static_cast<std::uint64_t>(*plan.team.workload_cap)
                                  : std::numeric_limits<std::uint64_t>::max();
}

Seat DrawState::seat_of(std::uint32_t e, std::uint32_t p) const {
    const SeatState& s = board.seat(e, p);
    Seat out;
    out.inspector = roster.eligible[static_cast<std::size_t>(s.inspector)]->id;
    out.group = board.position_group[p];
    out.candidates = s.candidates;
    out.pick = s.pick;
    out.placement = s.placement;
    return out;
}

DrawnEntity DrawState::entity(std::uint32_t e) const {
    DrawnEntity out;
    out.code = std::string(board.codes[e]);
    out.ticket = entity_ticket[e];
    out.stratum = pool.group[entity_pool[e].index];
    for (std::uint32_t p = 0; p < board.size; ++p) out.team.push_back(seat_of(e, p));
    return out;
}

namespace {

// Equal codes have equal tickets, so in selected order duplicates are neighbours.
Status check_unique_codes(const TeamBoard& board) {
    for (std::size_t e = 1; e < board.codes.size(); ++e)
        if (board.codes[e] == board.codes[e - 1])
            return Error::bad_input("code \"" + std::string(board.codes[e]) +
                                        "\" appears twice in the enterprise directory",
                                    "a snapshot holds each code once; re-import the directory");
    return {};
}

void fill_result(DrawState& st) {
    DrawResult& r = st.result;
    r.announcement = st.input.announcement_id;
    r.values = st.input.values;
    r.seed = st.seed;
    r.pool = st.pool.counts;
    r.strata = st.selection.strata;
    for (std::uint32_t e = 0; e < st.board.rules.size(); ++e) r.selected.push_back(st.entity(e));
    for (std::uint32_t g = 0; g < st.roster.groups.size(); ++g) {
        const GroupDef& def = st.roster.groups[g];
        r.groups.push_back(TeamGroup{def.department, def.need,
                                     static_cast<std::uint32_t>(def.members.size()),
                                     st.bounds[g].hi, st.bounds[g].lo});
    }
    for (std::uint32_t i = 0; i < st.roster.eligible.size(); ++i)
        r.loads.push_back(
            InspectorLoad{st.roster.eligible[i]->id, st.roster.group_of[i], st.board.load[i]});
}

}  // namespace
}  // namespace detail

using detail::DrawState;

std::optional<SecretChain> secret_chain(std::span<const Source> sources,
                                        std::span<const SourceValue> values) {
    for (const auto& source : sources) {
        if (source.kind != SourceKind::secret || source.chain <= 1) continue;
        for (const auto& v : values)
            if (v.name == source.name)
                if (auto bytes = from_hex(v.value)) return SecretChain{source.chain, *bytes};
    }
    return std::nullopt;
}

Result<Draw> Draw::run(const Plan& plan, const Directories& directories,
                       std::span<const HistoryDraw> history, const DrawInput& input) {
    FD_ASSIGN(auto state, detail::run_draw(plan, directories, history, input, detail::Scan::fast));
    return Draw(std::move(state));
}

Result<std::unique_ptr<DrawState>> detail::run_draw(const Plan& plan,
                                                    const Directories& directories,
                                                    std::span<const HistoryDraw> history,
                                                    const DrawInput& input, Scan scan) {
    auto st = std::make_unique<DrawState>();
    st->plan = plan;
    st->table = &directories.enterprises;
    st->history.assign(history.begin(), history.end());
    st->input = input;
    st->seed = derive_seed(input.announcement_id, input.values);
    const EnterpriseTable& table = directories.enterprises;

    // §8: pool, counts, tickets, selection.
    st->pool = detail::scan_pool(st->plan, table, st->history);
    auto counts = detail::stratum_counts(st->plan, st->pool.sizes);
    if (auto problems = detail::strata_problems(st->plan, st->pool, counts); !problems.empty())
        return Error::problems("the plan cannot be drawn from these directories",
                               std::move(problems));
    KeyedHash key(st->seed);
    st->selection = detail::select_entities(st->plan, table, st->pool, counts, key);

    // §9.1–9.3: eligible inspectors, groups, the rules of each selected entity.
    FD_ASSIGN(st->roster, detail::build_roster(st->plan, directories.inspectors, table));
    st->rules =
        std::make_unique<detail::Rules>(st->plan, st->roster, directories.conflicts, st->history);
    const auto inspectors = st->roster.eligible.size();
    st->board = detail::make_board(st->plan, st->roster, inspectors);
    std::vector<std::uint32_t> rows;
    for (const auto& c : st->selection.selected) {
        rows.push_back(st->pool.rows[c.key.index]);
        st->board.codes.push_back(table.code(st->pool.rows[c.key.index]));
        st->entity_pool.push_back(c.key);
        st->entity_ticket.push_back(c.ticket);
    }
    FD_TRY(detail::check_unique_codes(st->board));
    st->board.rules = st->rules->for_rows(table, rows);
    st->board.seats.assign(rows.size() * st->board.size, detail::SeatState{});

    // §9.4: bounds per group, or the explanation why there is no assignment.
    std::vector<Problem> impossible;
    const std::uint64_t cap = std::min<std::uint64_t>(st->cap(), rows.size());
    const bool capped = st->cap() < rows.size();
    for (std::uint32_t g = 0; g < st->roster.groups.size(); ++g) {
        const auto& def = st->roster.groups[g];
        auto graph = detail::build_classes(st->board, st->roster, g);
        auto members = static_cast<std::uint32_t>(def.members.size());
        auto bounds = detail::compute_bounds(graph, def.need, members, cap);
        if (!bounds) {
            impossible.push_back(
                detail::explain_infeasible(st->board, st->roster, graph, g, cap, capped));
            continue;
        }
        st->bounds.push_back(*bounds);
    }
    if (!impossible.empty())
        return Error::problems(
            "the draw is impossible: no assignment of inspectors satisfies the plan's rules",
            std::move(impossible));

    // §9.5–9.8: teams.
    detail::add_history_pairs(st->board, st->roster, st->history);
    FD_TRY(detail::build_teams(st->board, st->roster, st->bounds, key, scan));

    // State for substitutions: pair counts of the history and the final teams.
    st->board.pairs = detail::PairCounts(inspectors);
    detail::add_history_pairs(st->board, st->roster, st->history);
    for (std::uint32_t e = 0; e < rows.size(); ++e) st->board.add_team_pairs(e, 1);
    st->removed.assign(rows.size(), 0);
    st->used.assign(st->pool.rows.size(), 0);
    for (const auto& c : st->selection.selected) st->used[c.key.index] = 1;
    st->order.resize(st->plan.strata.groups.size());
    st->gone.assign(inspectors, 0);
    if (input.chain) st->last_link = input.chain->revealed;

    detail::fill_result(*st);
    return st;
}

Draw::Draw(std::unique_ptr<DrawState> state) : m_state(std::move(state)) {}
Draw::Draw(Draw&&) noexcept = default;
Draw& Draw::operator=(Draw&&) noexcept = default;
Draw::~Draw() = default;

const DrawResult& Draw::result() const {
    return m_state->result;
}

std::uint64_t Draw::substitutions() const {
    return m_state->substitutions;
}

Result<SubstitutionRecord> Draw::substitute(const SubstitutionRequest& request) {
    return detail::apply_substitution(*m_state, request);
}

std::vector<HistoryTeam> Draw::final_teams() const {
    const DrawState& st = *m_state;
    std::vector<HistoryTeam> out;
    for (std::uint32_t e = 0; e < st.board.rules.size(); ++e) {
        if (st.removed[e]) continue;
        HistoryTeam team{std::string(st.board.codes[e]), {}};
        for (std::uint32_t p = 0; p < st.board.size; ++p)
            team.inspectors.push_back(
                st.roster.eligible[static_cast<std::size_t>(st.board.seat(e, p).inspector)]->id);
        out.push_back(std::move(team));
    }
    std::sort(out.begin(), out.end(),
              [](const HistoryTeam& a, const HistoryTeam& b) { return a.code < b.code; });
    return out;
}

}  // namespace fairdraw
