#include "conflict.h"

#include <algorithm>
#include <cassert>
#include <set>
#include <utility>

#include "district.h"
#include "enterprise.h"
#include "fairdraw/clock.h"
#include "inspector.h"
#include "random.h"
#include "streams.h"

namespace fairdraw::gen {
namespace {

// Relationships that oblige an inspector to step aside (行政处罚法 Art. 43).
constexpr std::array<Weighted, 7> k_reasons = {{
    {"配偶在该单位任职", 150},
    {"近亲属在该单位任职", 250},
    {"近亲属担任该单位负责人", 100},
    {"曾在该单位任职", 200},
    {"本人或近亲属持有该单位股份", 150},
    {"曾为该单位提供劳动用工咨询服务", 50},
    {"与该单位负责人存在其他利害关系", 100},
}};

// Draws for an operating enterprise before settling for any.
constexpr int k_operating_attempts = 8;

}  // namespace

bool conflicts_fit(std::uint64_t count, std::uint64_t enterprise_rows,
                   std::uint64_t inspector_rows) {
    if (count == 0) return true;
    if (count > k_max_conflicts || enterprise_rows == 0 || inspector_rows == 0) return false;
    if (enterprise_rows > k_max_enterprise_rows || inspector_rows > k_max_inspector_rows)
        return false;
    // Compared without forming the product, which may not fit in 64 bits.
    return count <= (enterprise_rows / 2) * inspector_rows ||
           count <= enterprise_rows * (inspector_rows / 2);
}

std::vector<ConflictRow> generate_conflicts(std::uint64_t seed, std::uint64_t count,
                                            std::uint64_t enterprise_rows,
                                            std::uint64_t inspector_rows) {
    assert(conflicts_fit(count, enterprise_rows, inspector_rows));
    const EnterpriseGenerator enterprises(seed);
    Rng rng(item_seed(seed, k_stream_conflicts, 0));
    const Days first_day = days_from_civil(2025, 1, 1);
    const Days last_day = days_from_civil(k_reference_year, k_reference_month, k_reference_day) - 6;

    std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
    std::vector<ConflictRow> rows;
    rows.reserve(count);
    while (rows.size() < count) {
        const std::uint64_t inspector = rng.below(inspector_rows);
        std::uint64_t enterprise = rng.below(enterprise_rows);
        EnterpriseRow entity = enterprises.row(enterprise);
        for (int attempt = 1; attempt < k_operating_attempts && !is_operating(entity.status);
             ++attempt) {
            enterprise = rng.below(enterprise_rows);
            entity = enterprises.row(enterprise);
        }
        if (!seen.insert({inspector, enterprise}).second) continue;
        ConflictRow row;
        row.inspector_index = inspector;
        row.enterprise_index = enterprise;
        row.inspector = inspector_id(inspector);
        row.inspector_name = inspector_name(seed, inspector);
        row.entity = std::move(entity.code);
        row.entity_name = std::move(entity.name);
        row.reason = pick(rng, k_reasons);
        row.declared = format_days(rng.between(first_day, last_day));
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [](const ConflictRow& a, const ConflictRow& b) {
        return std::pair(a.inspector_index, a.enterprise_index) <
               std::pair(b.inspector_index, b.enterprise_index);
    });
    return rows;
}

}  // namespace fairdraw::gen
