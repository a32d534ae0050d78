// snapshot.h — importing directories into immutable snapshots, and reading them back.
//
// import_directory() reads a CSV or JSON file (encodings: text_encoding.h;
// fields: directory.h), validates every row, sorts the rows by ID within a
// bounded memory budget, computes the snapshot root (snapshot_format.h) and
// stores the snapshot in one Workspace::change() with one log entry of type
// "snapshot.import". Bad input fails with every problem found (up to
// max_errors) and leaves the workspace untouched; a file whose content equals
// an existing snapshot of the same kind returns that snapshot and writes
// nothing. Stored snapshots are never updated or deleted (the database
// refuses it).
//
// Snapshots are named by their root: in full (64 hex digits), by a prefix of
// at least 8 hex digits that only one snapshot of the kind has, or "latest".
// Rows are read back in ID order, streaming, with their 0-based position,
// which is also their leaf index in the snapshot's Merkle tree.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/canonical_json.h"
#include "fairdraw/directory.h"
#include "fairdraw/hash.h"
#include "fairdraw/text_encoding.h"
#include "fairdraw/workspace.h"

namespace fairdraw {

struct SnapshotInfo {
    std::int64_t id = 0;  // 1, 2, 3 … in import order within the workspace
    DirectoryKind kind = DirectoryKind::enterprises;
    Hash root{};
    std::uint64_t rows = 0;
    std::string source_file;  // the path as given to import
    Hash source_sha256{};     // of the file's bytes as read
    std::uint64_t source_bytes = 0;
    std::string encoding;  // "utf-8", "utf-8-bom", "gb18030", "gbk"
    std::string created;   // RFC 3339 UTC, the time of the log entry
    std::uint64_t log_index = 0;
    int format = 0;      // snapshot_format.h k_snapshot_format at import time
    Json import_record;  // the payload of the snapshot.import log entry
};

struct ImportProgress {
    enum class Phase { reading, sorting, writing };
    Phase phase = Phase::reading;
    std::uint64_t rows = 0;        // rows read so far, or rows sorted / written in the later phases
    std::uint64_t total_rows = 0;  // known from the sorting phase on
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_total = 0;  // the file's size
};

inline constexpr std::size_t k_default_sort_memory = std::size_t{512} << 20;

struct ImportOptions {
    DirectoryOptions directory;            // --map, --drop, --accept
    std::optional<TextEncoding> encoding;  // --encoding; nullopt detects
    std::size_t max_errors = 100;          // problems reported in full; the rest are counted
    std::string source_name;  // the name in messages and the log; empty: the path as given
    // Memory for sorting rows; more are sorted in runs in an unnamed temporary file.
    std::size_t memory_budget = k_default_sort_memory;
    // Called from the importing thread after each chunk of work (often: throttle any display).
    std::function<void(const ImportProgress&)> progress;
};

struct ImportReport {
    SnapshotInfo snapshot;
    bool already_imported = false;  // identical content was imported before: nothing written
    std::vector<ColumnUse> columns;
    std::vector<std::string> extra_columns;    // unknown columns, kept under "extra"
    std::vector<std::string> dropped_columns;  // --drop
    std::vector<AcceptedCode> accepted;        // --accept, each used by at least one row
    std::uint64_t legacy_codes = 0;            // 15-digit registration numbers: accepted, flagged
    std::vector<LegacyCode> legacy_examples;   // the first k_legacy_examples_kept of them
    std::uint64_t blank_rows = 0;              // rows with every value empty: skipped
};

inline constexpr const char* k_snapshot_import_entry = "snapshot.import";

Result<ImportReport> import_directory(Workspace& workspace, DirectoryKind kind,
                                      const std::filesystem::path& file,
                                      const ImportOptions& options);

// Every snapshot, oldest first.
Result<std::vector<SnapshotInfo>> list_snapshots(Workspace& workspace);

// ref: 64 hex digits, a unique prefix of at least 8, or "latest".
Result<SnapshotInfo> find_snapshot(Workspace& workspace, DirectoryKind kind, std::string_view ref);

// Visits the rows in ID order; index is the position (0-based). A failing
// visitor stops the walk and its error is returned.
using RowVisitor =
    std::function<Status(std::uint64_t index, std::string_view id, std::string_view canonical_row)>;
Status for_each_row(Workspace& workspace, const SnapshotInfo& snapshot, const RowVisitor& visit);

struct SnapshotRow {
    std::uint64_t index = 0;
    std::string id;
    std::string canonical_row;
};

// The row with this ID (binary search over positions), or nullopt.
Result<std::optional<SnapshotRow>> find_row(Workspace& workspace, const SnapshotInfo& snapshot,
                                            std::string_view id);

}  // namespace fairdraw
