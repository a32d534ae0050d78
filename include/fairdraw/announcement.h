// announcement.h — the commitment made before any randomness exists (docs/SPEC.md §6).
//
// An announcement fixes everything a draw depends on except the randomness:
// the normalized plan (and its hash), the three directory snapshots by their
// roots and public roots (sealed confidential fields, seal.h), the history of
// earlier draws in this workspace, the algorithm version, the randomness
// sources with their kinds and commitments, and the time before which no draw
// may be made. Its identity is the SHA-256 of its canonical JSON, and that
// identity is hashed into the seed (§7), so nothing of it can change after
// the values are known.
//
// announce() refuses what would make the commitment hollow: a plan that
// cannot be drawn from these directories (with the plan check's explanation),
// a source whose expected publication time is not after the announcement or
// after the earliest draw time, a not-before time in the past, and a second
// announcement of the same plan without a reason. It stores the announcement
// and its log entry ("draw.announce") in one Workspace::change(); the seal
// key K (random, see k_seal_key_variable) stays in the workspace and never
// enters the log.
//
// Announcements are named by their id in full, by a unique prefix of at least
// 8 hex digits, by "latest", or by the path of an announcement JSON file
// (whose id must be in this workspace).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/canonical_json.h"
#include "fairdraw/clock.h"
#include "fairdraw/draw.h"
#include "fairdraw/hash.h"
#include "fairdraw/plan.h"
#include "fairdraw/result.h"
#include "fairdraw/seal.h"
#include "fairdraw/seed.h"
#include "fairdraw/snapshot.h"
#include "fairdraw/workspace.h"

namespace fairdraw {

inline constexpr std::string_view k_announcement_format = "fairdraw-announcement-v1";
inline constexpr const char* k_announce_entry = "draw.announce";
// Holds a fixed seal key (64 hex digits) instead of a random one, for
// reproducible tests and demonstrations only, as FAIRDRAW_NOW fixes the clock;
// the announcement's log entry records that the key was fixed.
inline constexpr const char* k_seal_key_variable = "FAIRDRAW_SEAL_KEY";
// SnapshotRefs::conflicts value that draws without declared conflicts.
inline constexpr std::string_view k_no_conflicts = "none";

// The snapshots as the operator names them: a root, a unique prefix of at
// least 8 hex digits, or "latest" (snapshot.h). conflicts may be "none"; left
// empty, it is refused when the workspace holds any conflicts snapshot, so
// that forgetting the declared conflicts is never silent.
struct SnapshotRefs {
    std::string enterprises = "latest";
    std::string inspectors = "latest";
    std::string conflicts;
};

// What the plan check found, and what it was checked against.
struct PlanReport {
    Plan plan;
    Hash plan_sha256{};
    SnapshotInfo enterprises, inspectors;
    std::optional<SnapshotInfo> conflicts;
    std::vector<std::string> history;  // result ids of the earlier draws taken into account
    PlanCheck check;                   // check.ok() false: the plan cannot be drawn (errors say why)
};

// Parses the plan (all problems at once, each with file and field), finds the
// snapshots, and checks the plan against them and the earlier draws of this
// workspace, before any randomness exists. An undrawable plan is not a
// failure here: the report's check holds the explanation.
Result<PlanReport> check_plan_in_workspace(Workspace& workspace, std::string_view plan_text,
                                           const std::string& plan_source,
                                           const SnapshotRefs& snapshots);

struct AnnounceRequest {
    std::string plan_text;
    std::string plan_source;  // the plan file as named in messages
    SnapshotRefs snapshots;
    Json sources = Json::array();  // the source list of §6 (parse_source_spec builds entries)
    std::string not_before;        // RFC 3339 time (Z or an offset), or "now": the announcement time
    std::optional<std::string> reason;  // why; required when this plan was announced before
};

struct AnnouncedSnapshot {
    Hash root{};
    Hash public_root{};
    std::uint64_t rows = 0;
    std::vector<std::string> sealed;  // fields sealed in the public rows, byte order
};

// An announcement as stored: its canonical bytes and what they say.
struct StoredAnnouncement {
    Hash id{};
    std::string document;  // canonical JSON, exactly the bytes hashed into id
    std::string origin;    // the log's origin
    std::string announced, not_before;  // RFC 3339 UTC
    UnixSeconds not_before_time = 0;
    Plan plan;
    Hash plan_sha256{};
    AnnouncedSnapshot enterprises, inspectors;
    std::optional<AnnouncedSnapshot> conflicts;
    std::vector<HistoryDraw> history;
    std::vector<Source> sources;
    std::optional<std::string> reason;
    std::uint64_t log_index = 0;  // of its draw.announce entry
};

struct AnnounceReport {
    StoredAnnouncement announcement;
    PlanCheck check;                // the plan check made before announcing (warnings may remain)
    std::vector<Problem> warnings;  // things a reader of the announcement may question
};

// Announces: see the opening paragraph. Bad input (exit 2) leaves the workspace unchanged.
Result<AnnounceReport> announce(Workspace& workspace, const AnnounceRequest& request);

// ref: 64 hex digits, a unique prefix of at least 8, "latest", or the path of
// an announcement JSON file whose id is in this workspace.
Result<StoredAnnouncement> find_announcement(Workspace& workspace, std::string_view ref);
// Every announcement, oldest first.
Result<std::vector<StoredAnnouncement>> list_announcements(Workspace& workspace);
// The seal key K of an announcement (for a full bundle only; never logged).
Result<SealKey> announcement_seal_key(Workspace& workspace, const Hash& announcement);

// Reads an announcement document: it must be canonical JSON of §6 with every
// member valid (plan, sources, history). log_index is left 0.
Result<StoredAnnouncement> parse_announcement(std::string_view document,
                                              const std::string& source);

// A readable summary (Chinese labels with English alongside) for printing and publication.
std::string announcement_text(const StoredAnnouncement& announcement);

// "announcement-<first 16 hex digits of the id>": the name of the files written for it.
std::string announcement_file_stem(const Hash& id);
// Writes <stem>.json (the canonical bytes, so that its SHA-256 is the id) and
// <stem>.txt (the summary) into `dir`, creating it; returns the two paths.
Result<std::vector<std::filesystem::path>> write_announcement_files(
    const StoredAnnouncement& announcement, const std::filesystem::path& dir);

// The command-line form of one source, "KIND:NAME[:key=value...]", as a §6
// source object. Keys: description, expected (any RFC 3339 offset, stored in
// UTC); count, min, max (numbers); bytes (hex); digits (witness); sha256,
// chain (secret). A name or value may contain ':' as long as it is not
// followed by a key and '='. The object is checked fully by announce().
Result<Json> parse_source_spec(std::string_view spec);

}  // namespace fairdraw
