// log_seal.h — signing the log after an append, and the checkpoint file.
//
// seal_log runs inside the write transaction of Workspace::change, after the
// change appended its entries: it re-reads and re-hashes the new entries,
// extends the tree from its stored right border (O(log n) reads), proves the
// new tree consistent with the last signed checkpoint (and with the checkpoint
// file), signs the new checkpoint and stores it. The caller commits, then
// writes the checkpoint file.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <optional>

#include "fairdraw/checkpoint.h"
#include "log_store.h"

namespace fairdraw::detail {

inline constexpr const char* k_checkpoint_file_name = "checkpoint";

using KeyProvider = std::function<Result<const SigningKey*>(const LogIdentity&)>;

// Returns the new signed checkpoint note.
Result<std::string> seal_log(SQLite::Database& db, const std::filesystem::path& dir,
                             const KeyProvider& key);

// Writes the checkpoint file atomically: temporary file, fsync, rename, fsync of the folder.
Status write_checkpoint_file(const std::filesystem::path& dir, std::string_view note);

enum class FileCheck { before_append, verification };

struct CheckpointFileState {
    bool present = false;
    Checkpoint checkpoint;  // when present
};

// Checks the checkpoint file against the database's latest signed checkpoint:
// a valid signed checkpoint of this log, not larger than the database's, and
// consistent with it. A file ahead of the database is an environment error
// before an append (the database was restored from an old backup) and a
// verification failure otherwise. `verified_latest`: the caller has verified the
// signature of `latest`, so a file with the same bytes needs no second verification.
Result<CheckpointFileState> check_checkpoint_file(LogStore& store, const VerifierKey& key,
                                                  const std::optional<StoredCheckpoint>& latest,
                                                  const std::filesystem::path& dir,
                                                  FileCheck purpose, bool verified_latest);

}  // namespace fairdraw::detail
