// log_store.h — the log's SQLite tables, as an adapter for the pure tree maths.
//
// LogStore reads and writes log_entry, log_node and log_checkpoint (schema
// migration 1) through prepared statements. Every entry it returns has been
// re-hashed and compared with its stored leaf hash. StoreReader serves
// complete-subtree hashes to merkle:: proofs: leaves re-hashed from entry
// bytes, higher levels from the node cache. Methods never throw.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "fairdraw/checkpoint.h"
#include "fairdraw/key.h"
#include "fairdraw/merkle.h"

namespace fairdraw::detail {

struct StoredCheckpoint {
    std::uint64_t size = 0;
    Hash root{};
    std::string note;
};

// The log's identity, recorded in entry 0 (workspace.init): origin and verifier key.
struct LogIdentity {
    std::string origin;
    VerifierKey key;
};

// Position of the complete subtree (level >= 1, index) in log_node: subtrees
// are numbered in the order appends complete them (docs/SPEC.md §4.6).
std::uint64_t node_position(unsigned level, std::uint64_t index);

class LogStore {
  public:
    explicit LogStore(SQLite::Database& db);
    ~LogStore();
    LogStore(const LogStore&) = delete;
    LogStore& operator=(const LogStore&) = delete;

    SQLite::Database& db() { return m_db; }

    // The number of entries: the last index + 1 (O(log n); gaps show when entries are read).
    Result<std::uint64_t> entry_count();
    // Entry bytes, re-hashed and compared with the stored leaf hash.
    Result<std::string> entry(std::uint64_t idx);
    Result<Hash> leaf(std::uint64_t idx);
    // A complete subtree of level >= 1 from the node cache.
    Result<Hash> node(unsigned level, std::uint64_t index);
    Status put_node(unsigned level, std::uint64_t index, const Hash& hash);

    Result<std::optional<StoredCheckpoint>> latest_checkpoint();
    Result<std::optional<StoredCheckpoint>> checkpoint_at(std::uint64_t size);
    Result<std::uint64_t> checkpoint_count();
    Status put_checkpoint(const StoredCheckpoint& checkpoint);
    // Signed sizes nearest to `size` (for error messages).
    Result<std::string> signed_sizes_near(std::uint64_t size);

    // Entry 0's origin and verifier key.
    Result<LogIdentity> identity();

  private:
    struct Statements;
    SQLite::Database& m_db;
    std::unique_ptr<Statements> m_st;
};

class StoreReader : public merkle::SubtreeReader {
  public:
    explicit StoreReader(LogStore& store) : m_store(store) {}
    Result<Hash> subtree(unsigned level, std::uint64_t index) override;

  private:
    LogStore& m_store;
};

// A read transaction: every read inside it sees one state of the database.
class ReadTransaction {
  public:
    explicit ReadTransaction(SQLite::Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    Status status() const { return m_status; }

  private:
    SQLite::Database& m_db;
    Status m_status;
    bool m_open = false;
};

Error database_error(const std::exception& e);

}  // namespace fairdraw::detail
