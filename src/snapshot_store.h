// snapshot_store.h — the SQL of the snapshot tables (migration 2 in snapshot_schema.cpp).
//
// Rows are stored 256 to a block (one SQLite row per block): one insert per
// row would cost more than everything else the import does.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <optional>
#include <string>

#include "fairdraw/snapshot.h"

namespace fairdraw::detail {

inline constexpr std::uint64_t k_rows_per_block = 256;

// The snapshot of this kind with this root, if any. Throws SQLite::Exception.
std::optional<SnapshotInfo> snapshot_by_root(SQLite::Database& db, DirectoryKind kind,
                                             const Hash& root);
// Whether a snapshot of this kind was imported from a file with this SHA-256.
bool snapshot_with_source(SQLite::Database& db, DirectoryKind kind, const Hash& source_sha256);

// The id the next snapshot gets, and the seq of its first block.
struct NextSnapshot {
    std::int64_t id;
    std::int64_t first_block;
};
NextSnapshot next_snapshot(SQLite::Database& db);

// Inserts the snapshot row with the given id and first block. Throws SQLite::Exception.
void insert_snapshot(SQLite::Database& db, const SnapshotInfo& info, std::int64_t first_block);

// Appends rows in ID order for one snapshot, a block at a time.
class BlockWriter {
  public:
    BlockWriter(SQLite::Database& db, NextSnapshot at);
    ~BlockWriter();
    BlockWriter(const BlockWriter&) = delete;
    BlockWriter& operator=(const BlockWriter&) = delete;

    void add(std::string_view id, std::string_view data);  // throws SQLite::Exception
    void finish();                                         // writes the last, partial block
    std::uint64_t rows() const { return m_rows; }

  private:
    void flush();

    SQLite::Database& m_db;
    sqlite3_stmt* m_insert = nullptr;  // the raw statement: no per-call overhead
    NextSnapshot m_at;
    std::uint64_t m_rows = 0;
    std::uint64_t m_in_block = 0;
    std::string m_first_id, m_ids, m_data;
};

}  // namespace fairdraw::detail
