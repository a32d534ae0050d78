// draw_inputs.h — what announcements, draws and plan checks read from a workspace.
//
// The snapshots a plan is drawn from (named by the operator, or by the roots
// an announcement fixed), their rows loaded into the draw core's structures
// with both roots re-computed on the way, and the history of earlier draws
// (docs/SPEC.md §6) with their final teams.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fairdraw/announcement.h"
#include "fairdraw/draw.h"
#include "fairdraw/records.h"
#include "fairdraw/seal.h"
#include "fairdraw/snapshot.h"
#include "fairdraw/workspace.h"

namespace fairdraw::detail {

struct SnapshotSet {
    SnapshotInfo enterprises, inspectors;
    std::optional<SnapshotInfo> conflicts;
};

// The snapshots named by the operator (see SnapshotRefs).
Result<SnapshotSet> resolve_snapshots(Workspace& workspace, const SnapshotRefs& refs);
// The snapshots an announcement fixed, by root; an error if one is not in this workspace.
Result<SnapshotSet> announced_snapshots(Workspace& workspace, const StoredAnnouncement& announcement);

struct LoadedDirectories {
    EnterpriseTable enterprises;
    std::vector<Inspector> inspectors;
    std::vector<Conflict> conflicts;
    AnnouncedSnapshot enterprise_roots, inspector_roots;
    std::optional<AnnouncedSnapshot> conflict_roots;
    Directories view() const { return Directories{enterprises, inspectors, conflicts}; }
};

// Loads the rows, re-computing each snapshot's root (a mismatch is
// verification_failed: the stored rows were changed) and, with a seal key,
// its public root under `plan`'s sealed fields.
Result<LoadedDirectories> load_directories(Workspace& workspace, const SnapshotSet& snapshots,
                                           const Plan& plan, const SealKey* seal_key);

// Every draw result of this workspace, in log order, with the window start of
// its plan and its final teams (after its substitutions): the "history" a new
// announcement freezes.
Result<std::vector<HistoryDraw>> workspace_history(Workspace& workspace);

// The teams of a result after applying its substitution records in order.
std::vector<HistoryTeam> teams_after(const DrawResult& result,
                                     std::span<const SubstitutionRecord> substitutions);

Error draw_database_error(const std::exception& e);

}  // namespace fairdraw::detail
