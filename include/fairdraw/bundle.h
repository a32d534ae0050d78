// bundle.h — published bundles: one draw with everything needed to check it (docs/SPEC.md §12).
//
// publish_bundle() writes a folder that anyone can verify without the
// workspace: the announcement and the draw result byte for byte, the
// substitution records, the snapshot rows (public rows with confidential
// fields sealed, or canonical rows for an auditor's "full" bundle), the sealed
// values of the drawn entities opened one by one, the log entries involved
// with inclusion proofs against a signed checkpoint, consistency proofs from
// every earlier checkpoint, and the verifier key; beside them the notice
// (HTML), the drawn list (CSV, JSON) for people. A manifest lists every
// file's SHA-256. The bundle is written into a staging folder, verified with
// verify_bundle() and only then renamed into place; the publication is
// recorded as a "draw.publish" log entry.
//
// verify_bundle() re-checks everything from the folder alone, in the order
// of §12.5, and reports one line per check. Where a public bundle cannot
// show something (the strata of rows it keeps sealed) it says so in a line
// that is not a failure.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/canonical_json.h"
#include "fairdraw/hash.h"
#include "fairdraw/result.h"
#include "fairdraw/workspace.h"

namespace fairdraw {

inline constexpr std::string_view k_bundle_format = "fairdraw-bundle-v1";
inline constexpr const char* k_draw_publish_entry = "draw.publish";

enum class BundleKind { public_rows, full };
std::string_view bundle_kind_name(BundleKind kind);  // "public" or "full"

struct PublishRequest {
    std::string draw;  // a draw as find_draw() names it
    std::filesystem::path out;
    BundleKind kind = BundleKind::public_rows;
};

struct PublishReport {
    std::filesystem::path dir;
    BundleKind kind = BundleKind::public_rows;
    Hash result_id{};
    Hash manifest{};                  // SHA-256 of manifest.json
    std::uint64_t log_index = 0;      // of the draw.publish entry
    bool already_published = false;   // --out already held this bundle: nothing written
    std::vector<std::string> files;   // as listed in the manifest
};

// Writes and records a bundle (see the opening paragraph). An existing
// non-empty --out is refused (bad_input) unless it already holds a valid
// bundle of the same draw and kind.
Result<PublishReport> publish_bundle(Workspace& workspace, const PublishRequest& request);

// ---- verification -----------------------------------------------------------------------------

enum class CheckOutcome { passed, failed, not_checkable, note };

struct BundleCheck {
    std::string name;    // e.g. "manifest", "snapshot enterprises"
    CheckOutcome outcome = CheckOutcome::passed;
    std::string detail;  // what was checked, or what differs (file, item, expected, found)
};

struct VerifyRequest {
    std::optional<std::string> key;    // a verifier key, as text or a file holding it
    std::optional<std::filesystem::path> since;  // an earlier signed checkpoint of the log
};

struct BundleVerification {
    BundleKind kind = BundleKind::public_rows;
    bool complete_replay = false;
    std::vector<BundleCheck> checks;
    bool ok() const;
};

// Fails (bad_input) only when the folder or its manifest cannot be read, or
// for a bad --key / --since argument; a failed check is in the report.
Result<BundleVerification> verify_bundle(const std::filesystem::path& dir,
                                         const VerifyRequest& request);
Json verification_json(const BundleVerification& report);
std::string verification_text(const BundleVerification& report);

// ---- one enterprise's questions (§12.6) ---------------------------------------------------------

struct EntityCheck {
    std::string code;
    bool in_snapshot = false;
    std::uint64_t position = 0;               // in the snapshot's order
    std::vector<Hash> inclusion_path;         // against the root below
    Hash root{};
    std::string root_kind;                    // "public_root" or "root"
    std::optional<bool> in_population;        // nullopt: not knowable from this bundle
    std::optional<std::string> stratum;       // nullopt: not knowable
    std::optional<std::string> cutoff;        // the stratum's cut-off ticket, hex
    std::string ticket;                       // hex
    bool drawn = false;                       // drawn, or a replacement
    struct Member {
        std::string id, name, certificate_no, department;
    };
    std::vector<Member> team;                 // the current team
    std::vector<std::string> substitutions;   // each described in one line
};

// Verifies the bundle first (a failed verification is returned as verification_failed).
Result<EntityCheck> check_entity(const std::filesystem::path& dir, std::string_view code);
Json entity_check_json(const EntityCheck& check);
std::string entity_check_text(const EntityCheck& check);

}  // namespace fairdraw
