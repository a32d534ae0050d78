// enterprise.h — generated rows of the enterprise directory (市场主体名录库).
//
// Row i is a pure function of (seed, i): the generator streams any number of
// rows in constant memory, and the conflict generator can look up row i
// without reading a file. Codes are valid unified social credit codes (both
// check characters computed with fairdraw/uscc.h) and unique by construction:
// the organization-code body of row i is a keyed bijection of i (see
// random.h), in one of two disjoint forms — eight digits (enterprises
// registered before the 2015 code reform) or "MA" and six characters.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "random.h"

namespace fairdraw::gen {

// Column names: the first Chinese name of each field in SCHEMA.md, in its order.
inline constexpr std::array<std::string_view, 12> k_enterprise_columns = {
    "统一社会信用代码", "企业名称", "市场主体类型", "登记机关", "管辖单位",     "所属地区",
    "责任区/网格",      "所属行业", "登记状态",     "成立日期", "上次检查日期", "信用风险分类"};

// Bodies are drawn from 10^8 eight-digit values and 31^6 "MA" values: rows
// beyond 10^8 could repeat a code.
inline constexpr std::uint64_t k_max_enterprise_rows = 100'000'000;

struct EnterpriseRow {
    std::string code;
    std::string name;
    std::string entity_type;
    std::string registration_authority;
    std::string jurisdiction;
    std::string region;
    std::string grid;
    std::string industry;
    std::string status;
    std::string established;
    std::string last_inspected;  // empty when never inspected
    std::string credit_class;

    std::array<std::string_view, 12> fields() const {
        return {code,     name,   entity_type, registration_authority, jurisdiction, region, grid,
                industry, status, established, last_inspected,         credit_class};
    }
};

// True for the statuses an entity can be drawn with (存续, 在业, 迁入).
bool is_operating(std::string_view status);

class EnterpriseGenerator {
  public:
    explicit EnterpriseGenerator(std::uint64_t seed);

    // Row `index` (0-based), index < k_max_enterprise_rows.
    EnterpriseRow row(std::uint64_t index) const;

  private:
    std::string trade_name(std::uint64_t index) const;

    std::uint64_t m_seed;
    SquarePermutation m_digit_bodies;  // [0, 10^8): pre-2015 eight-digit bodies
    SquarePermutation m_ma_bodies;     // [0, 31^6): the six characters after "MA"
    AffinePermutation m_trade_names;   // [0, 64 · 63): the 字号 of each row
};

}  // namespace fairdraw::gen
