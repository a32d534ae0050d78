// log_common.h — helpers shared by the log's reading, verifying and exporting code.
#pragma once

#include <filesystem>
#include <optional>

#include "fairdraw/log.h"
#include "log_store.h"

namespace fairdraw::detail {

// Entry 0's identity, checked against the workspace's verifier.key when present.
Result<LogIdentity> workspace_identity(const std::filesystem::path& dir, LogStore& store);

// A stored checkpoint, opened: its signature by `key` verifies and its stored
// size and root are what it signs. Without `size`, the latest one.
Result<tlog::SignedCheckpoint> signed_checkpoint(LogStore& store, const VerifierKey& key,
                                                 std::optional<std::uint64_t> size);

Result<tlog::SignedCheckpoint> open_stored(const StoredCheckpoint& stored, const VerifierKey& key);

// Reads a whole small text file; nullopt when it does not exist.
Result<std::optional<std::string>> read_small_file(const std::filesystem::path& file);

}  // namespace fairdraw::detail
