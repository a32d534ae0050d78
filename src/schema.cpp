#include "schema.h"

#include <array>

namespace fairdraw::detail {

const char* const k_schema_workspace_log = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The append-only log. idx is the entry's 0-based position in the Merkle tree;
-- data is the canonical JSON entry exactly as hashed; leaf_hash is
-- SHA-256(0x00 || data) (RFC 6962 §2.1), kept to find changes made outside the tool.
CREATE TABLE log_entry (
    idx       INTEGER PRIMARY KEY,
    data      BLOB NOT NULL,
    leaf_hash BLOB NOT NULL
);
CREATE TRIGGER log_entry_no_update BEFORE UPDATE ON log_entry
BEGIN SELECT RAISE(ABORT, 'log entries are append-only: update refused'); END;
CREATE TRIGGER log_entry_no_delete BEFORE DELETE ON log_entry
BEGIN SELECT RAISE(ABORT, 'log entries are append-only: delete refused'); END;
)sql";

namespace {

const std::array<Migration, 2> k_migrations{{
    {1, "workspace and log", k_schema_workspace_log},
    {2, "directory snapshots", k_schema_snapshots},
}};

}  // namespace

std::span<const Migration> migrations() { return k_migrations; }
int latest_schema_version() { return k_migrations.back().version; }

}  // namespace fairdraw::detail
