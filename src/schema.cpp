#include "schema.h"

#include <array>

namespace fairdraw::detail {

const char* const k_schema_workspace_log = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The append-only log (docs/SPEC.md §4). idx is the entry's 0-based position in
-- the Merkle tree; data is the canonical JSON entry exactly as hashed; leaf_hash
-- is SHA-256(0x00 || data) (RFC 6962 §2.1). Readers re-hash data and compare, so
-- a change made outside the tool is found.
CREATE TABLE log_entry (
    idx       INTEGER PRIMARY KEY,
    data      BLOB NOT NULL,
    leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE TRIGGER log_entry_no_update BEFORE UPDATE ON log_entry
BEGIN SELECT RAISE(ABORT, 'log entries are append-only: update refused'); END;
CREATE TRIGGER log_entry_no_delete BEFORE DELETE ON log_entry
BEGIN SELECT RAISE(ABORT, 'log entries are append-only: delete refused'); END;

-- The hashes of the complete subtrees of level >= 1, numbered by pos in the
-- order appends complete them (docs/SPEC.md §4.6): a cache that makes appends
-- and proofs cost O(log n) reads. Proofs built from it are checked against the
-- signed root before they are given out, and 'log verify' recomputes every row.
CREATE TABLE log_node (
    pos  INTEGER PRIMARY KEY,
    hash BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE TRIGGER log_node_no_update BEFORE UPDATE ON log_node
BEGIN SELECT RAISE(ABORT, 'log tree nodes are append-only: update refused'); END;
CREATE TRIGGER log_node_no_delete BEFORE DELETE ON log_node
BEGIN SELECT RAISE(ABORT, 'log tree nodes are append-only: delete refused'); END;

-- Every checkpoint the log signed: tree size, root hash, and the signed note
-- (c2sp.org/tlog-checkpoint) exactly as signed.
CREATE TABLE log_checkpoint (
    size INTEGER PRIMARY KEY CHECK (size > 0),
    root BLOB NOT NULL CHECK (length(root) = 32),
    note TEXT NOT NULL
);
CREATE TRIGGER log_checkpoint_no_update BEFORE UPDATE ON log_checkpoint
BEGIN SELECT RAISE(ABORT, 'signed checkpoints are append-only: update refused'); END;
CREATE TRIGGER log_checkpoint_no_delete BEFORE DELETE ON log_checkpoint
BEGIN SELECT RAISE(ABORT, 'signed checkpoints are append-only: delete refused'); END;
)sql";

namespace {

const std::array<Migration, 3> k_migrations{{
    {1, "workspace and log", k_schema_workspace_log},
    {2, "directory snapshots", k_schema_snapshots},
    {3, "plans and draws", k_schema_draws},
}};

}  // namespace

std::span<const Migration> migrations() { return k_migrations; }
int latest_schema_version() { return k_migrations.back().version; }

}  // namespace fairdraw::detail
