#include "log_store.h"

#include <bit>
#include <cstring>

#include "fairdraw/canonical_json.h"

namespace fairdraw::detail {
namespace {

Hash hash_of(const SQLite::Column& column) {
    Hash h{};
    if (column.getBytes() == static_cast<int>(h.size()))
        std::memcpy(h.data(), column.getBlob(), h.size());
    return h;
}

std::string text_of(const SQLite::Column& column) {
    return std::string(static_cast<const char*>(column.getBlob()),
                       static_cast<std::size_t>(column.getBytes()));
}

Error tampered(const std::string& message) {
    return Error::verification_failed(message,
                                      "run 'fairdraw log verify' for a full check of the log");
}

}  // namespace

Error database_error(const std::exception& e) {
    return Error::environment(std::string("workspace database: ") + e.what());
}

std::uint64_t node_position(unsigned level, std::uint64_t index) {
    // The subtree is completed by appending leaf n = (index+1)·2^level − 1; before
    // that append, n − popcount(n) subtrees of level >= 1 existed, and the append
    // completes levels 1, 2, … in that order.
    std::uint64_t n = ((index + 1) << level) - 1;
    return n - static_cast<std::uint64_t>(std::popcount(n)) + level - 1;
}

// Prepared on first use and reused: a seal runs a few of them, a full read many times.
struct LogStore::Statements {
    SQLite::Database& db;
    std::optional<SQLite::Statement> entry, node, put_node, put_checkpoint;
    SQLite::Statement& get(std::optional<SQLite::Statement>& slot, const char* sql) {
        if (!slot) slot.emplace(db, sql);
        slot->reset();
        return *slot;
    }
};

LogStore::LogStore(SQLite::Database& db)
    : m_db(db), m_st(std::make_unique<Statements>(Statements{db, {}, {}, {}, {}})) {}
LogStore::~LogStore() = default;

Result<std::uint64_t> LogStore::entry_count() {
    // O(log n): the last index. Gaps below it are found when an entry is read
    // (every read names a missing entry) and by a full verification.
    try {
        return static_cast<std::uint64_t>(
            m_db.execAndGet("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entry").getInt64());
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Result<std::string> LogStore::entry(std::uint64_t idx) {
    try {
        auto& q = m_st->get(m_st->entry, "SELECT data, leaf_hash FROM log_entry WHERE idx = ?");
        q.bind(1, static_cast<std::int64_t>(idx));
        if (!q.executeStep())
            return tampered("entry " + std::to_string(idx) + " is missing from the log");
        std::string data = text_of(q.getColumn(0));
        bool sized = q.getColumn(1).getBytes() == static_cast<int>(k_hash_size);
        Hash stored = hash_of(q.getColumn(1));
        q.reset();
        if (!sized || merkle::leaf_hash(data) != stored)
            return tampered("entry " + std::to_string(idx) +
                            ": its stored bytes do not hash to its stored leaf hash (changed "
                            "outside fairdraw)");
        return data;
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Result<Hash> LogStore::leaf(std::uint64_t idx) {
    FD_ASSIGN(std::string data, entry(idx));
    return merkle::leaf_hash(data);
}

Result<Hash> LogStore::node(unsigned level, std::uint64_t index) {
    try {
        auto& q = m_st->get(m_st->node, "SELECT hash FROM log_node WHERE pos = ?");
        q.bind(1, static_cast<std::int64_t>(node_position(level, index)));
        if (!q.executeStep())
            return tampered("the tree node at level " + std::to_string(level) + ", index " +
                            std::to_string(index) + " is missing from the log's node cache");
        Hash h = hash_of(q.getColumn(0));
        q.reset();
        return h;
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Status LogStore::put_node(unsigned level, std::uint64_t index, const Hash& hash) {
    try {
        auto& q = m_st->get(m_st->put_node, "INSERT INTO log_node (pos, hash) VALUES (?, ?)");
        q.bind(1, static_cast<std::int64_t>(node_position(level, index)));
        q.bind(2, hash.data(), static_cast<int>(hash.size()));
        q.exec();
        return {};
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

namespace {

Result<std::optional<StoredCheckpoint>> one_checkpoint(SQLite::Statement& q) {
    if (!q.executeStep()) return std::optional<StoredCheckpoint>{};
    StoredCheckpoint cp;
    cp.size = static_cast<std::uint64_t>(q.getColumn(0).getInt64());
    cp.root = hash_of(q.getColumn(1));
    cp.note = text_of(q.getColumn(2));
    return std::optional<StoredCheckpoint>(std::move(cp));
}

}  // namespace

Result<std::optional<StoredCheckpoint>> LogStore::latest_checkpoint() {
    try {
        SQLite::Statement q(
            m_db, "SELECT size, root, note FROM log_checkpoint ORDER BY size DESC LIMIT 1");
        return one_checkpoint(q);
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Result<std::optional<StoredCheckpoint>> LogStore::checkpoint_at(std::uint64_t size) {
    try {
        SQLite::Statement q(m_db, "SELECT size, root, note FROM log_checkpoint WHERE size = ?");
        q.bind(1, static_cast<std::int64_t>(size));
        return one_checkpoint(q);
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Result<std::uint64_t> LogStore::checkpoint_count() {
    try {
        return static_cast<std::uint64_t>(
            m_db.execAndGet("SELECT COUNT(*) FROM log_checkpoint").getInt64());
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Status LogStore::put_checkpoint(const StoredCheckpoint& checkpoint) {
    try {
        auto& q = m_st->get(m_st->put_checkpoint,
                            "INSERT INTO log_checkpoint (size, root, note) VALUES (?, ?, ?)");
        q.bind(1, static_cast<std::int64_t>(checkpoint.size));
        q.bind(2, checkpoint.root.data(), static_cast<int>(checkpoint.root.size()));
        q.bind(3, checkpoint.note);
        q.exec();
        return {};
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Result<std::string> LogStore::signed_sizes_near(std::uint64_t size) {
    try {
        std::string out;
        SQLite::Statement below(m_db, "SELECT MAX(size) FROM log_checkpoint WHERE size < ?");
        below.bind(1, static_cast<std::int64_t>(size));
        if (below.executeStep() && !below.getColumn(0).isNull())
            out = std::to_string(below.getColumn(0).getInt64());
        SQLite::Statement above(m_db, "SELECT MIN(size) FROM log_checkpoint WHERE size > ?");
        above.bind(1, static_cast<std::int64_t>(size));
        if (above.executeStep() && !above.getColumn(0).isNull())
            out += (out.empty() ? "" : " and ") + std::to_string(above.getColumn(0).getInt64());
        return out;
    } catch (const std::exception& e) {
        return database_error(e);
    }
}

Result<LogIdentity> LogStore::identity() {
    FD_ASSIGN(std::string data, entry(0));
    auto fail = [](const std::string& why) {
        return Error::verification_failed("entry 0 does not record the log's identity: " + why);
    };
    auto parsed = parse_json(data, "entry 0");
    if (!parsed) return fail(parsed.error().message);
    const Json& e = *parsed;
    if (!e.is_object() || e.value("type", "") != "workspace.init")
        return fail("it is not a workspace.init entry");
    const Json& payload = e["payload"];
    if (!payload.is_object() || !payload.contains("origin") || !payload["origin"].is_string() ||
        !payload.contains("verifier_key") || !payload["verifier_key"].is_string())
        return fail("its payload has no origin and verifier_key");
    auto key = parse_verifier_key(payload["verifier_key"].get<std::string>());
    if (!key) return fail(key.error().message);
    LogIdentity id{payload["origin"].get<std::string>(), *key};
    if (id.key.name != id.origin)
        return fail("the key name '" + id.key.name + "' is not the origin '" + id.origin + "'");
    return id;
}

Result<Hash> StoreReader::subtree(unsigned level, std::uint64_t index) {
    if (level == 0) return m_store.leaf(index);
    return m_store.node(level, index);
}

ReadTransaction::ReadTransaction(SQLite::Database& db) : m_db(db) {
    try {
        m_db.exec("BEGIN");
        m_open = true;
    } catch (const std::exception& e) {
        m_status = database_error(e);
    }
}

ReadTransaction::~ReadTransaction() {
    if (!m_open) return;
    try {
        m_db.exec("ROLLBACK");
    } catch (const std::exception&) {
        // Nothing was written; the transaction ends with the connection anyway.
    }
}

}  // namespace fairdraw::detail
