#include "schema.h"

namespace fairdraw::detail {

// Migration 3: announcements, draws and substitutions (docs/SPEC.md §6–§10).
// Every table is append-only, and each row is written in the same change as
// the log entry whose index it records.
const char* const k_schema_draws = R"sql(
-- One announcement (docs/SPEC.md §6). id is SHA-256 of document, the
-- canonical JSON exactly as announced. seal_key is the random key K that
-- seals the confidential fields of the announced snapshots (§6.2); it is
-- kept here only, never in the log. seq orders announcements.
CREATE TABLE announcement (
    seq         INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE CHECK (length(id) = 32),
    document    BLOB NOT NULL,
    plan_sha256 BLOB NOT NULL CHECK (length(plan_sha256) = 32),
    not_before  TEXT NOT NULL,
    seal_key    BLOB NOT NULL CHECK (length(seal_key) = 32),
    log_index   INTEGER NOT NULL UNIQUE
);

-- The one outcome of an announcement's draw: a result (the draw result
-- document of §9.10, result_id its SHA-256) or 'impossible' (document is the
-- canonical explanation of why no draw exists; result_id is NULL). values_given
-- is the JSON list of [source name, value as typed]; values_canonical the canonical JSON
-- list of [source name, canonical value] in announced order. A second draw of
-- the same announcement returns this row (same values) or is refused.
CREATE TABLE draw (
    announcement BLOB PRIMARY KEY REFERENCES announcement (id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('result', 'impossible')),
    result_id    BLOB UNIQUE CHECK (result_id IS NULL OR length(result_id) = 32),
    document     BLOB NOT NULL,
    values_given TEXT NOT NULL,
    values_canonical TEXT NOT NULL,
    log_index    INTEGER NOT NULL UNIQUE,
    CHECK ((outcome = 'result') = (result_id IS NOT NULL))
) WITHOUT ROWID;

-- Substitution number `number` (from 1) of a draw result: record is the
-- canonical substitution document of §10.
CREATE TABLE substitution (
    draw      BLOB NOT NULL REFERENCES draw (result_id),
    number    INTEGER NOT NULL CHECK (number >= 1),
    record    BLOB NOT NULL,
    log_index INTEGER NOT NULL UNIQUE,
    PRIMARY KEY (draw, number)
) WITHOUT ROWID;

CREATE TRIGGER announcement_no_update BEFORE UPDATE ON announcement
BEGIN SELECT RAISE(ABORT, 'announcements are immutable: update refused'); END;
CREATE TRIGGER announcement_no_delete BEFORE DELETE ON announcement
BEGIN SELECT RAISE(ABORT, 'announcements are immutable: delete refused'); END;
CREATE TRIGGER draw_no_update BEFORE UPDATE ON draw
BEGIN SELECT RAISE(ABORT, 'draws are immutable: update refused'); END;
CREATE TRIGGER draw_no_delete BEFORE DELETE ON draw
BEGIN SELECT RAISE(ABORT, 'draws are immutable: delete refused'); END;
CREATE TRIGGER substitution_no_update BEFORE UPDATE ON substitution
BEGIN SELECT RAISE(ABORT, 'substitutions are immutable: update refused'); END;
CREATE TRIGGER substitution_no_delete BEFORE DELETE ON substitution
BEGIN SELECT RAISE(ABORT, 'substitutions are immutable: delete refused'); END;
)sql";

}  // namespace fairdraw::detail
