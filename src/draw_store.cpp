// Reading and writing the announcement, draw and substitution tables.
#include "draw_store.h"

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

std::string blob_text(const SQLite::Column& column) {
    return {static_cast<const char*>(column.getBlob()),
            static_cast<std::size_t>(column.getBytes())};
}

void bind_hash(SQLite::Statement& q, int index, const Hash& h) {
    q.bind(index, h.data(), static_cast<int>(h.size()));
}

void bind_blob(SQLite::Statement& q, int index, const std::string& text) {
    q.bind(index, text.data(), static_cast<int>(text.size()));
}

constexpr const char* k_announcement_columns =
    "SELECT seq, id, document, plan_sha256, not_before, seal_key, log_index FROM announcement ";

AnnouncementRow read_announcement(SQLite::Statement& q) {
    AnnouncementRow row;
    row.seq = q.getColumn(0).getInt64();
    row.id = hash_of(q.getColumn(1));
    row.document = blob_text(q.getColumn(2));
    row.plan_sha256 = hash_of(q.getColumn(3));
    row.not_before = q.getColumn(4).getString();
    row.seal_key = hash_of(q.getColumn(5));
    row.log_index = static_cast<std::uint64_t>(q.getColumn(6).getInt64());
    return row;
}

std::vector<AnnouncementRow> announcements(SQLite::Statement& q) {
    std::vector<AnnouncementRow> out;
    while (q.executeStep()) out.push_back(read_announcement(q));
    return out;
}

constexpr const char* k_draw_columns =
    "SELECT announcement, outcome, result_id, document, values_given, values_canonical, log_index "
    "FROM draw ";

DrawRow read_draw(SQLite::Statement& q) {
    DrawRow row;
    row.announcement = hash_of(q.getColumn(0));
    row.outcome = q.getColumn(1).getString();
    if (!q.getColumn(2).isNull()) row.result_id = hash_of(q.getColumn(2));
    row.document = blob_text(q.getColumn(3));
    row.values_given = q.getColumn(4).getString();
    row.values_canonical = q.getColumn(5).getString();
    row.log_index = static_cast<std::uint64_t>(q.getColumn(6).getInt64());
    return row;
}

std::vector<DrawRow> draws(SQLite::Statement& q) {
    std::vector<DrawRow> out;
    while (q.executeStep()) out.push_back(read_draw(q));
    return out;
}

std::string upper(const std::string& hex) {
    std::string out = hex;
    for (char& c : out)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

}  // namespace

void insert_announcement(SQLite::Database& db, const AnnouncementRow& row) {
    SQLite::Statement q(db,
                        "INSERT INTO announcement (id, document, plan_sha256, not_before, seal_key, "
                        "log_index) VALUES (?, ?, ?, ?, ?, ?)");
    bind_hash(q, 1, row.id);
    bind_blob(q, 2, row.document);
    bind_hash(q, 3, row.plan_sha256);
    q.bind(4, row.not_before);
    bind_hash(q, 5, row.seal_key);
    q.bind(6, static_cast<std::int64_t>(row.log_index));
    q.exec();
}

std::optional<AnnouncementRow> announcement_by_id(SQLite::Database& db, const Hash& id) {
    SQLite::Statement q(db, std::string(k_announcement_columns) + "WHERE id = ?");
    bind_hash(q, 1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_announcement(q);
}

std::vector<AnnouncementRow> announcements_by_prefix(SQLite::Database& db,
                                                     const std::string& prefix) {
    SQLite::Statement q(db, std::string(k_announcement_columns) +
                                "WHERE substr(hex(id), 1, ?) = ? ORDER BY seq");
    q.bind(1, static_cast<int>(prefix.size()));
    q.bind(2, upper(prefix));
    return announcements(q);
}

std::optional<AnnouncementRow> latest_announcement(SQLite::Database& db) {
    SQLite::Statement q(db, std::string(k_announcement_columns) + "ORDER BY seq DESC LIMIT 1");
    if (!q.executeStep()) return std::nullopt;
    return read_announcement(q);
}

std::vector<AnnouncementRow> all_announcements(SQLite::Database& db) {
    SQLite::Statement q(db, std::string(k_announcement_columns) + "ORDER BY seq");
    return announcements(q);
}

std::vector<std::uint64_t> announcements_of_plan(SQLite::Database& db, const Hash& plan_sha256) {
    SQLite::Statement q(db, "SELECT log_index FROM announcement WHERE plan_sha256 = ? ORDER BY seq");
    bind_hash(q, 1, plan_sha256);
    std::vector<std::uint64_t> out;
    while (q.executeStep()) out.push_back(static_cast<std::uint64_t>(q.getColumn(0).getInt64()));
    return out;
}

void insert_draw(SQLite::Database& db, const DrawRow& row) {
    SQLite::Statement q(db,
                        "INSERT INTO draw (announcement, outcome, result_id, document, "
                        "values_given, values_canonical, log_index) VALUES (?, ?, ?, ?, ?, ?, ?)");
    bind_hash(q, 1, row.announcement);
    q.bind(2, row.outcome);
    if (row.result_id)
        bind_hash(q, 3, *row.result_id);
    else
        q.bind(3);
    bind_blob(q, 4, row.document);
    q.bind(5, row.values_given);
    q.bind(6, row.values_canonical);
    q.bind(7, static_cast<std::int64_t>(row.log_index));
    q.exec();
}

std::optional<DrawRow> draw_by_announcement(SQLite::Database& db, const Hash& announcement) {
    SQLite::Statement q(db, std::string(k_draw_columns) + "WHERE announcement = ?");
    bind_hash(q, 1, announcement);
    if (!q.executeStep()) return std::nullopt;
    return read_draw(q);
}

std::vector<DrawRow> draws_by_result_prefix(SQLite::Database& db, const std::string& prefix) {
    SQLite::Statement q(db, std::string(k_draw_columns) +
                                "WHERE result_id IS NOT NULL AND substr(hex(result_id), 1, ?) = ? "
                                "ORDER BY log_index");
    q.bind(1, static_cast<int>(prefix.size()));
    q.bind(2, upper(prefix));
    return draws(q);
}

std::optional<DrawRow> latest_draw(SQLite::Database& db) {
    SQLite::Statement q(db, std::string(k_draw_columns) + "ORDER BY log_index DESC LIMIT 1");
    if (!q.executeStep()) return std::nullopt;
    return read_draw(q);
}

std::vector<DrawRow> result_draws(SQLite::Database& db) {
    SQLite::Statement q(db, std::string(k_draw_columns) +
                                "WHERE outcome = 'result' ORDER BY log_index");
    return draws(q);
}

void insert_substitution(SQLite::Database& db, const SubstitutionRow& row) {
    SQLite::Statement q(
        db, "INSERT INTO substitution (draw, number, record, log_index) VALUES (?, ?, ?, ?)");
    bind_hash(q, 1, row.draw);
    q.bind(2, static_cast<std::int64_t>(row.number));
    bind_blob(q, 3, row.record);
    q.bind(4, static_cast<std::int64_t>(row.log_index));
    q.exec();
}

std::vector<SubstitutionRow> substitutions_by_draw(SQLite::Database& db, const Hash& result_id) {
    SQLite::Statement q(
        db, "SELECT draw, number, record, log_index FROM substitution WHERE draw = ? ORDER BY number");
    bind_hash(q, 1, result_id);
    std::vector<SubstitutionRow> out;
    while (q.executeStep()) {
        SubstitutionRow row;
        row.draw = hash_of(q.getColumn(0));
        row.number = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
        row.record = blob_text(q.getColumn(2));
        row.log_index = static_cast<std::uint64_t>(q.getColumn(3).getInt64());
        out.push_back(std::move(row));
    }
    return out;
}

std::string entry_time(SQLite::Database& db, std::uint64_t index) {
    SQLite::Statement q(db, "SELECT data FROM log_entry WHERE idx = ?");
    q.bind(1, static_cast<std::int64_t>(index));
    if (!q.executeStep()) return {};
    const Json entry = Json::parse(blob_text(q.getColumn(0)), nullptr, false);
    if (!entry.is_object() || !entry.contains("time") || !entry["time"].is_string()) return {};
    return entry["time"].get<std::string>();
}

}  // namespace fairdraw::detail
