#include "schema.h"

namespace fairdraw::detail {

// Migration 2: directory snapshots (docs/SPEC.md §3). Both tables are
// append-only: a snapshot, once imported, is never changed or removed.
const char* const k_schema_snapshots = R"sql(
-- One imported directory. root is the RFC 6962 root over the canonical rows
-- in ID order; the rows are in snapshot_block, seq first_block onwards,
-- packed with the keys in row_keys (a JSON array; see
-- include/fairdraw/row_packing.h). import_record is the payload of the
-- snapshot.import log entry at log_index.
CREATE TABLE snapshot (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('enterprises', 'inspectors', 'conflicts')),
    root          BLOB NOT NULL CHECK (length(root) = 32),
    row_count     INTEGER NOT NULL CHECK (row_count > 0),
    first_block   INTEGER NOT NULL,
    source_file   TEXT NOT NULL,
    source_sha256 BLOB NOT NULL CHECK (length(source_sha256) = 32),
    source_bytes  INTEGER NOT NULL,
    encoding      TEXT NOT NULL,
    created       TEXT NOT NULL,
    log_index     INTEGER NOT NULL,
    format        INTEGER NOT NULL,
    row_keys      TEXT NOT NULL,
    import_record TEXT NOT NULL,
    UNIQUE (kind, root)
);

-- The rows of every snapshot in ID order, 256 to a block (fewer in the last):
-- block b of a snapshot is seq first_block + b and holds the rows at
-- positions 256*b onwards (a row's position is its 0-based index in the
-- snapshot and its leaf index in the Merkle tree). data holds the rows'
-- canonical JSON packed (values in row_keys order, each ended by 0x1F; the
-- JSON is rebuilt from them byte for byte), ids their ID bytes (inspector
-- 0x00 entity for conflicts); each row and ID is followed by one 0x0A byte,
-- which neither can contain.
-- first_id repeats the block's first ID for lookups.
CREATE TABLE snapshot_block (
    seq       INTEGER PRIMARY KEY,
    snapshot  INTEGER NOT NULL REFERENCES snapshot (id) DEFERRABLE INITIALLY DEFERRED,
    block     INTEGER NOT NULL,
    row_count INTEGER NOT NULL CHECK (row_count BETWEEN 1 AND 256),
    first_id  BLOB NOT NULL,
    ids       BLOB NOT NULL,
    data      BLOB NOT NULL
);

CREATE TRIGGER snapshot_no_update BEFORE UPDATE ON snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: update refused'); END;
CREATE TRIGGER snapshot_no_delete BEFORE DELETE ON snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: delete refused'); END;
CREATE TRIGGER snapshot_block_no_update BEFORE UPDATE ON snapshot_block
BEGIN SELECT RAISE(ABORT, 'snapshot rows are immutable: update refused'); END;
CREATE TRIGGER snapshot_block_no_delete BEFORE DELETE ON snapshot_block
BEGIN SELECT RAISE(ABORT, 'snapshot rows are immutable: delete refused'); END;
)sql";

}  // namespace fairdraw::detail
