// Reading and writing the snapshot tables.
#include "snapshot_store.h"

#include <cstring>

#include "fairdraw/row_packing.h"

namespace fairdraw {
namespace detail {
namespace {

constexpr const char* k_columns =
    "id, kind, root, row_count, source_file, source_sha256, source_bytes, encoding, created, "
    "log_index, format, "
    "import_record";

Hash hash_column(const SQLite::Column& column) {
    Hash h{};
    if (column.getBytes() == static_cast<int>(h.size()))
        std::memcpy(h.data(), column.getBlob(), h.size());
    return h;
}

std::string_view blob_view(const SQLite::Column& column) {
    return {static_cast<const char*>(column.getBlob()),
            static_cast<std::size_t>(column.getBytes())};
}

SnapshotInfo read_info(SQLite::Statement& q) {
    SnapshotInfo info;
    info.id = q.getColumn(0).getInt64();
    info.kind = parse_kind(q.getColumn(1).getString()).value_or(DirectoryKind::enterprises);
    info.root = hash_column(q.getColumn(2));
    info.rows = static_cast<std::uint64_t>(q.getColumn(3).getInt64());
    info.source_file = q.getColumn(4).getString();
    info.source_sha256 = hash_column(q.getColumn(5));
    info.source_bytes = static_cast<std::uint64_t>(q.getColumn(6).getInt64());
    info.encoding = q.getColumn(7).getString();
    info.created = q.getColumn(8).getString();
    info.log_index = static_cast<std::uint64_t>(q.getColumn(9).getInt64());
    info.format = q.getColumn(10).getInt();
    info.import_record = Json::parse(q.getColumn(11).getString(), nullptr, false);
    return info;
}

std::string select(const std::string& where) {
    return std::string("SELECT ") + k_columns + " FROM snapshot " + where;
}

Error database_error(const std::exception& e) {
    return Error::environment(std::string("cannot read snapshots from the workspace database: ") +
                              e.what());
}

// Where a snapshot's rows are and how they are packed.
struct Layout {
    std::int64_t first_block;
    RowPacking packing;
};

std::optional<Layout> layout_of(SQLite::Database& db, std::int64_t snapshot_id) {
    SQLite::Statement q(db, "SELECT first_block, row_keys FROM snapshot WHERE id = ?");
    q.bind(1, snapshot_id);
    if (!q.executeStep()) return std::nullopt;
    std::vector<std::string> keys;
    const Json parsed = Json::parse(q.getColumn(1).getString(), nullptr, false);
    if (parsed.is_array())
        for (const auto& k : parsed)
            if (k.is_string()) keys.push_back(k.get<std::string>());
    return Layout{q.getColumn(0).getInt64(), RowPacking(std::move(keys))};
}

}  // namespace

std::optional<SnapshotInfo> snapshot_by_root(SQLite::Database& db, DirectoryKind kind,
                                             const Hash& root) {
    SQLite::Statement q(db, select("WHERE kind = ? AND root = ?"));
    q.bind(1, std::string(kind_name(kind)));
    q.bind(2, root.data(), static_cast<int>(root.size()));
    if (!q.executeStep()) return std::nullopt;
    return read_info(q);
}

bool snapshot_with_source(SQLite::Database& db, DirectoryKind kind, const Hash& source_sha256) {
    SQLite::Statement q(db, "SELECT 1 FROM snapshot WHERE kind = ? AND source_sha256 = ?");
    q.bind(1, std::string(kind_name(kind)));
    q.bind(2, source_sha256.data(), static_cast<int>(source_sha256.size()));
    return q.executeStep();
}

NextSnapshot next_snapshot(SQLite::Database& db) {
    return NextSnapshot{
        db.execAndGet("SELECT COALESCE(MAX(id), 0) + 1 FROM snapshot").getInt64(),
        db.execAndGet("SELECT COALESCE(MAX(seq), 0) + 1 FROM snapshot_block").getInt64()};
}

void insert_snapshot(SQLite::Database& db, const SnapshotInfo& info, std::int64_t first_block) {
    SQLite::Statement q(
        db,
        "INSERT INTO snapshot (id, kind, root, row_count, first_block, source_file, source_sha256, "
        "source_bytes, encoding, created, log_index, format, row_keys, import_record) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, info.id);
    q.bind(2, std::string(kind_name(info.kind)));
    q.bind(3, info.root.data(), static_cast<int>(info.root.size()));
    q.bind(4, static_cast<std::int64_t>(info.rows));
    q.bind(5, first_block);
    q.bind(6, info.source_file);
    q.bind(7, info.source_sha256.data(), static_cast<int>(info.source_sha256.size()));
    q.bind(8, static_cast<std::int64_t>(info.source_bytes));
    q.bind(9, info.encoding);
    q.bind(10, info.created);
    q.bind(11, static_cast<std::int64_t>(info.log_index));
    q.bind(12, info.format);
    q.bind(13, Json(RowPacking::for_kind(info.kind).keys()).dump());
    q.bind(14, info.import_record.dump(-1, ' ', false, Json::error_handler_t::strict));
    q.exec();
}

BlockWriter::BlockWriter(SQLite::Database& db, NextSnapshot at) : m_db(db), m_at(at) {
    const char* sql =
        "INSERT INTO snapshot_block (seq, snapshot, block, row_count, first_id, ids, data) VALUES "
        "(?, ?, ?, ?, ?, ?, ?)";
    const int rc =
        sqlite3_prepare_v3(db.getHandle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
}

BlockWriter::~BlockWriter() {
    sqlite3_finalize(m_insert);
}

void BlockWriter::add(std::string_view id, std::string_view data) {
    if (m_in_block == 0) m_first_id.assign(id);
    m_ids.append(id);
    m_ids += '\n';
    m_data.append(data);
    m_data += '\n';
    ++m_rows;
    if (++m_in_block == k_rows_per_block) flush();
}

void BlockWriter::finish() {
    if (m_in_block > 0) flush();
}

void BlockWriter::flush() {
    const auto block = static_cast<std::int64_t>((m_rows - 1) / k_rows_per_block);
    sqlite3_bind_int64(m_insert, 1, m_at.first_block + block);
    sqlite3_bind_int64(m_insert, 2, m_at.id);
    sqlite3_bind_int64(m_insert, 3, block);
    sqlite3_bind_int64(m_insert, 4, static_cast<std::int64_t>(m_in_block));
    sqlite3_bind_blob(m_insert, 5, m_first_id.data(), static_cast<int>(m_first_id.size()),
                      SQLITE_STATIC);
    sqlite3_bind_blob(m_insert, 6, m_ids.data(), static_cast<int>(m_ids.size()), SQLITE_STATIC);
    sqlite3_bind_blob(m_insert, 7, m_data.data(), static_cast<int>(m_data.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(m_insert);
    sqlite3_reset(m_insert);
    if (rc != SQLITE_DONE) throw SQLite::Exception(m_db.getHandle(), rc);
    m_in_block = 0;
    m_ids.clear();
    m_data.clear();
}

}  // namespace detail

Result<std::vector<SnapshotInfo>> list_snapshots(Workspace& workspace) {
    try {
        SQLite::Statement q(workspace.db(), detail::select("ORDER BY id"));
        std::vector<SnapshotInfo> out;
        while (q.executeStep()) out.push_back(detail::read_info(q));
        return out;
    } catch (const std::exception& e) {
        return detail::database_error(e);
    }
}

Result<SnapshotInfo> find_snapshot(Workspace& workspace, DirectoryKind kind, std::string_view ref) {
    const std::string kind_text(kind_name(kind));
    const std::string hint =
        "list snapshots with 'fairdraw lists'; name one by its root, a prefix of at least 8 hex "
        "digits, or 'latest'";
    std::string prefix;
    for (char c : ref) prefix += (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
    const bool latest = ref == "latest";
    if (!latest) {
        if (prefix.size() < 8 || prefix.size() > 64 ||
            prefix.find_first_not_of("0123456789ABCDEF") != std::string::npos)
            return Error::bad_input("'" + std::string(ref) + "' does not name a snapshot", hint);
    }
    try {
        SQLite::Statement q(workspace.db(),
                            latest
                                ? detail::select("WHERE kind = ? ORDER BY id DESC LIMIT 1")
                                : detail::select("WHERE kind = ? AND substr(hex(root), 1, ?) = ? "
                                                 "ORDER BY id"));
        q.bind(1, kind_text);
        if (!latest) {
            q.bind(2, static_cast<int>(prefix.size()));
            q.bind(3, prefix);
        }
        std::vector<SnapshotInfo> found;
        while (q.executeStep()) found.push_back(detail::read_info(q));
        if (found.empty())
            return Error::bad_input(
                latest
                    ? "there is no " + kind_text + " snapshot yet"
                    : "no " + kind_text + " snapshot has a root starting with " + std::string(ref),
                latest ? "import one with 'fairdraw import " + kind_text + " FILE'" : hint);
        if (found.size() > 1) {
            std::string roots;
            for (const auto& s : found) roots += " " + to_hex(s.root);
            return Error::bad_input("the prefix " + std::string(ref) + " matches " +
                                        std::to_string(found.size()) + " " + kind_text +
                                        " snapshots:" + roots,
                                    "give more hex digits");
        }
        return found.front();
    } catch (const std::exception& e) {
        return detail::database_error(e);
    }
}

namespace {

// Splits a block's ids and packed rows, and visits them as canonical rows.
Status visit_block(const SnapshotInfo& snapshot, const RowPacking& packing,
                   std::uint64_t first_position, std::uint64_t count, std::string_view ids,
                   std::string_view data, const RowVisitor& visit) {
    std::string row;
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto id_end = ids.find('\n');
        const auto data_end = data.find('\n');
        row.clear();
        if (id_end == std::string_view::npos || data_end == std::string_view::npos ||
            !packing.append_canonical(data.substr(0, data_end), row))
            return Error::verification_failed(
                "snapshot " + to_hex(snapshot.root) + " is damaged: the block holding row " +
                std::to_string(first_position + i) + " is unreadable");
        FD_TRY(visit(first_position + i, ids.substr(0, id_end), row));
        ids.remove_prefix(id_end + 1);
        data.remove_prefix(data_end + 1);
    }
    return {};
}

}  // namespace

Status for_each_row(Workspace& workspace, const SnapshotInfo& snapshot, const RowVisitor& visit) {
    try {
        const auto layout = detail::layout_of(workspace.db(), snapshot.id);
        if (!layout)
            return Error::bad_input("snapshot " + to_hex(snapshot.root) +
                                    " is not in this workspace");
        const std::int64_t first = layout->first_block;
        const auto blocks = static_cast<std::int64_t>(
            (snapshot.rows + detail::k_rows_per_block - 1) / detail::k_rows_per_block);
        SQLite::Statement q(
            workspace.db(),
            "SELECT block, row_count, ids, data FROM snapshot_block WHERE seq >= ? AND seq < ? "
            "ORDER BY seq");
        q.bind(1, first);
        q.bind(2, first + blocks);
        std::uint64_t expected = 0;
        while (q.executeStep()) {
            const auto block = static_cast<std::uint64_t>(q.getColumn(0).getInt64());
            const auto count = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
            if (block * detail::k_rows_per_block != expected)
                return Error::verification_failed("snapshot " + to_hex(snapshot.root) +
                                                  " is damaged: row " + std::to_string(expected) +
                                                  " is missing");
            FD_TRY(visit_block(snapshot, layout->packing, expected, count,
                               detail::blob_view(q.getColumn(2)), detail::blob_view(q.getColumn(3)),
                               visit));
            expected += count;
        }
        if (expected != snapshot.rows)
            return Error::verification_failed("snapshot " + to_hex(snapshot.root) +
                                              " is damaged: it has " + std::to_string(expected) +
                                              " rows, expected " + std::to_string(snapshot.rows));
        return {};
    } catch (const std::exception& e) {
        return detail::database_error(e);
    }
}

Result<std::optional<SnapshotRow>> find_row(Workspace& workspace, const SnapshotInfo& snapshot,
                                            std::string_view id) {
    try {
        const auto layout = detail::layout_of(workspace.db(), snapshot.id);
        if (!layout)
            return Error::bad_input("snapshot " + to_hex(snapshot.root) +
                                    " is not in this workspace");
        const std::int64_t first = layout->first_block;
        const std::uint64_t blocks =
            (snapshot.rows + detail::k_rows_per_block - 1) / detail::k_rows_per_block;
        SQLite::Statement first_id(workspace.db(),
                                   "SELECT first_id FROM snapshot_block WHERE seq = ?");
        // The last block whose first ID is not after `id` is the only one that can hold it.
        std::uint64_t
            lo = 0,
            hi = blocks;  // invariant: blocks before lo start at or before id; from hi on, after
        while (lo < hi) {
            const std::uint64_t mid = lo + (hi - lo) / 2;
            first_id.reset();
            first_id.bind(1, first + static_cast<std::int64_t>(mid));
            if (!first_id.executeStep())
                return Error::verification_failed("snapshot " + to_hex(snapshot.root) +
                                                  " is damaged");
            if (detail::blob_view(first_id.getColumn(0)).compare(id) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0) return std::optional<SnapshotRow>();
        SQLite::Statement q(workspace.db(),
                            "SELECT row_count, ids, data FROM snapshot_block WHERE seq = ?");
        q.bind(1, first + static_cast<std::int64_t>(lo - 1));
        if (!q.executeStep())
            return Error::verification_failed("snapshot " + to_hex(snapshot.root) + " is damaged");
        std::optional<SnapshotRow> found;
        FD_TRY(visit_block(
            snapshot, layout->packing, (lo - 1) * detail::k_rows_per_block,
            static_cast<std::uint64_t>(q.getColumn(0).getInt64()),
            detail::blob_view(q.getColumn(1)), detail::blob_view(q.getColumn(2)),
            [&](std::uint64_t index, std::string_view here, std::string_view row) -> Status {
                if (here == id) found = SnapshotRow{index, std::string(here), std::string(row)};
                return {};
            }));
        return found;
    } catch (const std::exception& e) {
        return detail::database_error(e);
    }
}

}  // namespace fairdraw
