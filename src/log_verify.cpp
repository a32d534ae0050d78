// log verify: one pass over the whole stored log.
#include <sqlite3.h>

#include <cstring>
#include <optional>

#include "fairdraw/log.h"
#include "log_common.h"
#include "log_entry.h"

namespace fairdraw::tlog {
namespace {

using detail::StoredCheckpoint;

constexpr std::int64_t k_verify_mmap_size = std::int64_t{1} << 32;

Error problem(const std::string& message) {
    return Error::verification_failed(
        message,
        "the log was changed outside fairdraw; keep this copy as evidence "
        "and compare it with your last export or backup");
}

std::string range(std::uint64_t first, std::uint64_t last) {
    return first == last
               ? "entry " + std::to_string(first)
               : "one of the entries " + std::to_string(first) + ".." + std::to_string(last);
}

// A forward scan through SQLite's C interface: verification reads every row of
// two tables, and the C++ wrapper's per-column objects cost several percent.
class RawScan {
  public:
    RawScan(SQLite::Database& db, const char* sql) : m_db(db.getHandle()) {
        int rc = sqlite3_prepare_v2(m_db, sql, -1, &m_stmt, nullptr);
        if (rc != SQLITE_OK) throw SQLite::Exception(m_db, rc);
    }
    ~RawScan() { sqlite3_finalize(m_stmt); }
    RawScan(const RawScan&) = delete;
    RawScan& operator=(const RawScan&) = delete;

    // True at a row; false once the scan is done, and from then on.
    bool next() {
        if (m_done) return false;
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        m_done = true;
        if (rc != SQLITE_DONE) throw SQLite::Exception(m_db, rc);
        return false;
    }
    std::int64_t integer(int column) { return sqlite3_column_int64(m_stmt, column); }
    ByteView blob(int column) {
        const void* data = sqlite3_column_blob(m_stmt, column);
        auto size = static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column));
        return {static_cast<const std::uint8_t*>(data), data == nullptr ? 0 : size};
    }

  private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    bool m_done = false;
};

bool read_hash(ByteView bytes, Hash& out) {
    if (bytes.size() != k_hash_size) return false;
    std::memcpy(out.data(), bytes.data(), k_hash_size);
    return true;
}

// Walks the checkpoints in size order alongside the entries.
class CheckpointCursor {
  public:
    explicit CheckpointCursor(SQLite::Database& db)
        : m_query(db, "SELECT size, root, note FROM log_checkpoint ORDER BY size") {
        advance();
    }
    const std::optional<StoredCheckpoint>& current() const { return m_current; }
    void advance() {
        m_current.reset();
        if (!m_query.executeStep()) return;
        StoredCheckpoint cp;
        cp.size = static_cast<std::uint64_t>(m_query.getColumn(0).getInt64());
        auto root = m_query.getColumn(1);
        read_hash(ByteView(static_cast<const std::uint8_t*>(root.getBlob()),
                           static_cast<std::size_t>(root.getBytes())),
                  cp.root);
        cp.note = m_query.getColumn(2).getString();
        m_current = std::move(cp);
    }

  private:
    SQLite::Statement m_query;
    std::optional<StoredCheckpoint> m_current;
};

class Verifier {
  public:
    Verifier(Workspace& ws, const VerifierKey& key, std::optional<Checkpoint> file)
        : m_db(ws.db()),
          m_key(key),
          m_file(std::move(file)),
          m_entries(m_db, "SELECT idx, data, leaf_hash FROM log_entry ORDER BY idx"),
          m_nodes(m_db, "SELECT pos, hash FROM log_node ORDER BY pos"),
          m_checkpoints(m_db) {}

    Result<VerifyReport> run() {
        while (m_entries.next()) FD_TRY(entry());
        std::uint64_t count = m_builder.size();
        if (const auto& cp = m_checkpoints.current())
            return problem("the checkpoint signed at size " + std::to_string(cp->size) +
                           " covers more entries than the log holds (" + std::to_string(count) +
                           "): entries were deleted outside fairdraw");
        if (m_report.checkpoints == 0) return problem("the log has no signed checkpoint");
        if (m_report.latest.size != count)
            return problem(
                "entries " + std::to_string(m_report.latest.size) + ".." +
                std::to_string(count - 1) +
                " are not covered by any signed checkpoint: they were added outside fairdraw");
        if (!m_node_problem && m_nodes.next())
            m_node_problem = "the log's tree node cache has rows that no entry produced";
        if (m_node_problem) return problem(*m_node_problem);
        if (m_file && m_file->size > count)
            return Error::verification_failed(
                "the database is older than the log's last signed checkpoint: the checkpoint file "
                "signs " +
                    std::to_string(m_file->size) + " entries, the database holds " +
                    std::to_string(count) + " (was fairdraw.db restored from an old backup?)",
                "restore the newest copy of fairdraw.db; fairdraw will not add to this one");
        m_report.entries = count;
        m_report.checkpoint_file = m_file;
        return m_report;
    }

  private:
    Status entry() {
        auto idx = static_cast<std::uint64_t>(m_entries.integer(0));
        std::uint64_t expected = m_builder.size();
        if (idx != expected)
            return problem("entry " + std::to_string(expected) + " is missing" +
                           (expected == 0
                                ? std::string()
                                : ": the stored entries jump from " + std::to_string(expected - 1) +
                                      " to " + std::to_string(idx)) +
                           "; it was deleted outside fairdraw");
        std::string_view data = as_text(m_entries.blob(1));
        Hash stored{};
        Hash leaf = merkle::leaf_hash(as_bytes(data));
        if (!read_hash(m_entries.blob(2), stored) || stored != leaf)
            return problem("entry " + std::to_string(idx) +
                           ": its bytes do not hash to its stored leaf hash; the entry or its hash "
                           "was changed "
                           "outside fairdraw");
        if (auto envelope = detail::check_entry_envelope(data, idx); !envelope)
            return problem(envelope.error().message);
        m_builder.add(leaf, [this](unsigned level, std::uint64_t index, const Hash& hash) {
            node(level, index, hash);
        });
        while (m_checkpoints.current() && m_checkpoints.current()->size <= m_builder.size()) {
            FD_TRY(checkpoint(*m_checkpoints.current()));
            m_checkpoints.advance();
        }
        if (m_file && m_file->size == m_builder.size() && m_file->root != m_builder.root())
            return problem(
                "the checkpoint file signs a different tree of size " +
                std::to_string(m_file->size) +
                " than the database holds: the database was replaced or the log was forked");
        return {};
    }

    void node(unsigned level, std::uint64_t index, const Hash& hash) {
        std::uint64_t pos = m_next_node++;
        if (m_node_problem) return;
        auto covered = [&] {
            return "entries " + std::to_string(index << level) + ".." +
                   std::to_string(((index + 1) << level) - 1);
        };
        Hash stored{};
        if (!m_nodes.next() || static_cast<std::uint64_t>(m_nodes.integer(0)) != pos) {
            m_node_problem = "the log's tree node cache has no node for " + covered() +
                             ": it was deleted outside fairdraw";
        } else if (!read_hash(m_nodes.blob(1), stored) || stored != hash) {
            m_node_problem =
                "the log's tree node cache was changed outside fairdraw: its node for " +
                covered() + " does not match the entries";
        }
    }

    Status checkpoint(const StoredCheckpoint& stored) {
        std::string at = "the checkpoint signed at size " + std::to_string(stored.size);
        if (stored.size < m_builder.size()) return problem(at + " is not a size the log ever had");
        auto cp = open_checkpoint(stored.note, m_key);
        if (!cp) return problem(at + ": " + cp.error().message);
        if (cp->size != stored.size)
            return problem(at + " is stored under size " + std::to_string(stored.size) +
                           " but signs size " + std::to_string(cp->size));
        if (cp->root != stored.root)
            return problem(at + ": its stored root differs from the root it signs");
        if (cp->root != m_builder.root())
            return problem(range(m_last_good, stored.size - 1) +
                           " was changed outside fairdraw, together with its stored hash: the "
                           "entries no longer hash "
                           "to the root signed at size " +
                           std::to_string(stored.size));
        if (m_node_problem) return problem(*m_node_problem);
        m_last_good = stored.size;
        ++m_report.checkpoints;
        m_report.latest = *cp;
        return {};
    }

    SQLite::Database& m_db;
    const VerifierKey& m_key;
    std::optional<Checkpoint> m_file;
    RawScan m_entries;
    RawScan m_nodes;
    CheckpointCursor m_checkpoints;
    merkle::RootBuilder m_builder;
    std::uint64_t m_next_node = 0;
    std::uint64_t m_last_good = 0;
    std::optional<std::string> m_node_problem;
    VerifyReport m_report;
};

}  // namespace

Result<VerifyReport> verify(Workspace& ws) {
    // The file first, then the database: writers replace the file only after
    // their commit, so the database read next is at least as new as the file.
    auto file = ws.dir() / k_checkpoint_file;
    FD_ASSIGN(auto text, detail::read_small_file(file));
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    detail::LogStore store(ws.db());
    FD_ASSIGN(auto identity, detail::workspace_identity(ws.dir(), store));
    std::optional<Checkpoint> file_checkpoint;
    if (text) {
        auto cp = open_checkpoint(*text, identity.key);
        if (!cp)
            return problem("the checkpoint file " + file.string() +
                           " is not a valid signed checkpoint of this log: " + cp.error().message);
        file_checkpoint = *cp;
    } else {
        FD_ASSIGN(std::uint64_t signed_count, store.checkpoint_count());
        if (signed_count > 1)
            return Error::verification_failed(
                "the checkpoint file " + file.string() + " is missing",
                "copy it back from a backup or from an export of this log (DIR/checkpoint)");
    }
    try {
        // Reading the whole database once: mapping it saves a copy of every page.
        ws.db().exec("PRAGMA mmap_size=" + std::to_string(k_verify_mmap_size));
        Verifier verifier(ws, identity.key, file_checkpoint);
        auto report = verifier.run();
        ws.db().exec("PRAGMA mmap_size=0");
        return report;
    } catch (const std::exception& e) {
        return detail::database_error(e);
    }
}

}  // namespace fairdraw::tlog
