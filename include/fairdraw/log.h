// log.h — the workspace's append-only, signed log (docs/SPEC.md §4).
//
// Every change to a workspace appends canonical JSON entries through
// Change::log (workspace.h) in the change's own transaction. The entries are
// the leaves of an RFC 6962 Merkle tree; after each change the log signs a
// C2SP tlog-checkpoint for the new tree with the workspace's Ed25519 key, and
// only after proving it consistent with the last one it signed. This header
// is the reading side: entries, signed checkpoints, inclusion and consistency
// proofs (each checked against a signed root before it is returned), full
// verification, and an offline export that anyone can verify with the export
// alone. Every entry read is re-hashed and compared with its stored hash.
//
// A bundle gets what it needs with prove_inclusion(ws, indices): the signed
// checkpoint of the latest tree and one inclusion proof per entry; each proof
// has a c2sp.org/tlog-proof text form and a JSON form, and verify_tlog_proof
// checks a text proof offline with the verifier key alone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fairdraw/checkpoint.h"
#include "fairdraw/key.h"
#include "fairdraw/workspace.h"

namespace fairdraw::tlog {

inline constexpr int k_entry_version = 1;  // the "v" member of every entry
inline constexpr std::size_t k_max_annotation_size = 4096;
// Export folder layout (docs/SPEC.md §4.8).
inline constexpr const char* k_export_entries = "entries.jsonl";
inline constexpr const char* k_export_checkpoint = "checkpoint";
inline constexpr const char* k_export_verifier_key = "verifier.key";
inline constexpr std::string_view k_tlog_proof_header = "c2sp.org/tlog-proof@v1";

struct Entry {
    std::uint64_t index = 0;
    std::string data;  // the canonical JSON bytes, as hashed
};

struct SignedCheckpoint {
    Checkpoint checkpoint;
    std::string note;  // the signed note, byte for byte as signed
};

struct InclusionProof {
    std::uint64_t index = 0;
    std::string entry;  // the entry's canonical JSON bytes
    std::vector<Hash> path;
    SignedCheckpoint checkpoint;  // the signed tree the path leads to
};

struct ConsistencyProof {
    std::vector<Hash> path;
    SignedCheckpoint old_checkpoint;
    SignedCheckpoint new_checkpoint;
};

// The log's verifier key, as recorded in entry 0 (checked against verifier.key when present).
Result<VerifierKey> verifier_key(Workspace& ws);
Result<std::uint64_t> size(Workspace& ws);
Result<SignedCheckpoint> latest_checkpoint(Workspace& ws);
// The signed checkpoint of exactly `size` entries; bad_input (naming the
// nearest signed sizes) when the log never signed that size.
Result<SignedCheckpoint> checkpoint_at(Workspace& ws, std::uint64_t size);

// Calls `visit` for each entry from index `from` on, in order, re-hashing each.
Status for_each_entry(Workspace& ws, std::uint64_t from,
                      const std::function<Status(const Entry&)>& visit);

// Inclusion proofs of the entries `indices` in the signed tree of `size`
// entries (default: the latest checkpoint).
Result<std::vector<InclusionProof>> prove_inclusion(
    Workspace& ws, std::span<const std::uint64_t> indices,
    std::optional<std::uint64_t> size = std::nullopt);
// A consistency proof between two signed tree sizes.
Result<ConsistencyProof> prove_consistency(Workspace& ws, std::uint64_t old_size,
                                           std::uint64_t new_size);

// Records an operator's remark as a "log.annotate" entry; returns its index.
Result<std::uint64_t> annotate(Workspace& ws, const std::string& text);

// Text and JSON forms (docs/SPEC.md §4.7).
std::string tlog_proof_text(
    const InclusionProof& proof);  // c2sp.org/tlog-proof@v1, extra = the entry
Json inclusion_proof_json(const InclusionProof& proof);
std::string consistency_proof_text(const ConsistencyProof& proof);
Json consistency_proof_json(const ConsistencyProof& proof);

// Checks a c2sp.org/tlog-proof@v1 text offline: the checkpoint's signature by
// `key`, and that the entry in its extra line is at its index in that tree.
Result<InclusionProof> verify_tlog_proof(std::string_view text, const VerifierKey& key);

struct VerifyReport {
    std::uint64_t entries = 0;
    std::uint64_t checkpoints = 0;
    Checkpoint latest;
    std::optional<Checkpoint> checkpoint_file;  // the file's checkpoint, when present
};

// Re-hashes every entry, rebuilds the tree and its node cache, checks every
// stored checkpoint's signature and root (so their mutual consistency), and
// the checkpoint file. Fails (verification_failed) at the first problem,
// naming the entry or checkpoint and what is wrong.
Result<VerifyReport> verify(Workspace& ws);

// Writes entries.jsonl, checkpoint and verifier.key for the latest signed tree
// into `dir`, which must not exist or be empty; nothing is left on failure.
Result<SignedCheckpoint> export_log(Workspace& ws, const std::filesystem::path& dir);

struct ExportReport {
    std::uint64_t entries = 0;
    Checkpoint checkpoint;
    VerifierKey key;
    std::optional<Checkpoint> since;
};

// Verifies an export folder offline. `since` is a signed checkpoint saved
// earlier (its note text): the export must extend it. `trusted_key`, when
// given, must be the export's verifier key.
Result<ExportReport> verify_export(const std::filesystem::path& dir,
                                   const std::optional<std::string>& since,
                                   const std::optional<VerifierKey>& trusted_key);

}  // namespace fairdraw::tlog
