// schema.h — the database schema as an ordered list of migrations.
//
// Each migration takes the database from version N-1 to N. A released
// migration is never edited; a change to the schema is a new migration at the
// end. Version numbers: 1 workspace and log, 2 snapshots, 3 plans and draws,
// 4 live sessions.
#pragma once

#include <span>

namespace fairdraw::detail {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

std::span<const Migration> migrations();
int latest_schema_version();

// Each module owns the SQL of its own migration.
extern const char* const k_schema_workspace_log;  // 1
extern const char* const k_schema_snapshots;      // 2
extern const char* const k_schema_draws;          // 3

}  // namespace fairdraw::detail
