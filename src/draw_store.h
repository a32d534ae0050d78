// draw_store.h — the SQL of announcements, draws and substitutions (migration 3, draw_schema.cpp).
//
// Plain rows in and out; every function throws SQLite::Exception on a
// database failure, and the public functions (announcement.cpp,
// draw_record.cpp) catch it.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "fairdraw/hash.h"

namespace fairdraw::detail {

struct AnnouncementRow {
    std::int64_t seq = 0;
    Hash id{};
    std::string document;
    Hash plan_sha256{};
    std::string not_before;
    Hash seal_key{};
    std::uint64_t log_index = 0;
};

void insert_announcement(SQLite::Database& db, const AnnouncementRow& row);
std::optional<AnnouncementRow> announcement_by_id(SQLite::Database& db, const Hash& id);
// Announcements whose id starts with the hex digits `prefix` (any case), oldest first.
std::vector<AnnouncementRow> announcements_by_prefix(SQLite::Database& db,
                                                     const std::string& prefix);
std::optional<AnnouncementRow> latest_announcement(SQLite::Database& db);
std::vector<AnnouncementRow> all_announcements(SQLite::Database& db);
// Log indices of earlier announcements of this plan.
std::vector<std::uint64_t> announcements_of_plan(SQLite::Database& db, const Hash& plan_sha256);

struct DrawRow {
    Hash announcement{};
    std::string outcome;  // "result" or "impossible"
    std::optional<Hash> result_id;
    std::string document;
    std::string values_given;      // JSON [[name, typed]...]
    std::string values_canonical;  // canonical JSON [[name, canonical]...]
    std::uint64_t log_index = 0;
};

void insert_draw(SQLite::Database& db, const DrawRow& row);
std::optional<DrawRow> draw_by_announcement(SQLite::Database& db, const Hash& announcement);
std::vector<DrawRow> draws_by_result_prefix(SQLite::Database& db, const std::string& prefix);
std::optional<DrawRow> latest_draw(SQLite::Database& db);
// Every draw with a result, in log order.
std::vector<DrawRow> result_draws(SQLite::Database& db);

struct SubstitutionRow {
    Hash draw{};
    std::uint64_t number = 0;
    std::string record;
    std::uint64_t log_index = 0;
};

void insert_substitution(SQLite::Database& db, const SubstitutionRow& row);
std::vector<SubstitutionRow> substitutions_by_draw(SQLite::Database& db, const Hash& result_id);

// The "time" member of log entry `index` ("" when it cannot be read).
std::string entry_time(SQLite::Database& db, std::uint64_t index);

}  // namespace fairdraw::detail
