// conflict.h — generated declared relationships (回避事由) between inspectors
// and enterprises.
//
// Conflicts pair inspector j (of the first `inspector_rows`) with enterprise
// i (of the first `enterprise_rows`) generated with the same seed; both rows
// are pure functions of (seed, index), so no directory file is read. Pairs
// are distinct (a pair is the ID of a conflict row), enterprises are mostly
// operating ones, and rows come sorted by inspector, then enterprise.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fairdraw::gen {

// Column names: the first Chinese name of each field in SCHEMA.md, in its order.
inline constexpr std::array<std::string_view, 6> k_conflict_columns = {
    "工号", "姓名", "统一社会信用代码", "企业名称", "回避事由", "申报日期"};

inline constexpr std::uint64_t k_max_conflicts = 1'000'000;

struct ConflictRow {
    std::uint64_t inspector_index = 0;
    std::uint64_t enterprise_index = 0;
    std::string inspector;
    std::string inspector_name;
    std::string entity;
    std::string entity_name;
    std::string reason;
    std::string declared;

    std::array<std::string_view, 6> fields() const {
        return {inspector, inspector_name, entity, entity_name, reason, declared};
    }
};

// Whether `count` distinct pairs fit: at most half of all pairs, so that
// drawing distinct ones stays quick.
bool conflicts_fit(std::uint64_t count, std::uint64_t enterprise_rows,
                   std::uint64_t inspector_rows);

// The conflicts; requires conflicts_fit(count, enterprise_rows, inspector_rows).
std::vector<ConflictRow> generate_conflicts(std::uint64_t seed, std::uint64_t count,
                                            std::uint64_t enterprise_rows,
                                            std::uint64_t inspector_rows);

}  // namespace fairdraw::gen
