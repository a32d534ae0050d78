// inspector.h — generated rows of the inspector directory (执法检查人员名录库).
//
// Inspectors are numbered from 0; inspector i has the id "RS" + (i + 1) with
// at least four digits (RS0001, RS0002, …), so ids are unique by
// construction, and a name that depends on (seed, i) only, so the conflict
// generator can name inspector i without knowing how departments were laid
// out. Departments are contiguous blocks of rows, sized by weight: the two
// inspection squads are the largest.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fairdraw::gen {

// Column names: the first Chinese name of each field in SCHEMA.md, in its order.
inline constexpr std::array<std::string_view, 10> k_inspector_columns = {
    "工号",     "姓名", "执法证编号",       "执法证有效期", "所在部门",
    "所属地区", "专业", "执法事项清单范围", "专家",         "状态"};

inline constexpr std::uint64_t k_max_inspector_rows = 10'000'000;
inline constexpr std::uint64_t k_max_departments = 1'000;
// Written instead of an expiry date for certificates without one (长期).
inline constexpr std::string_view k_long_term = "9999-09-09";

struct InspectorRow {
    std::string id;
    std::string name;
    std::string certificate_no;
    std::string certificate_expiry;
    std::string department;
    std::string region;
    std::string specialty;  // several, separated by 、
    std::string items;      // several, separated by ASCII commas
    std::string expert;     // 是 or 否
    std::string status;

    std::array<std::string_view, 10> fields() const {
        return {id,    name,   certificate_no, certificate_expiry, department, region, specialty,
                items, expert, status};
    }
};

std::string inspector_id(std::uint64_t index);
std::string inspector_name(std::uint64_t seed, std::uint64_t index);
// The name of department `index` (0-based): 一中队, 二中队, 法制科, 社会保险基金监督科, …
std::string department_name(std::size_t index);

class InspectorGenerator {
  public:
    // rows >= 1, 1 <= departments <= k_max_departments.
    InspectorGenerator(std::uint64_t seed, std::uint64_t rows, std::size_t departments);

    InspectorRow row(std::uint64_t index) const;

  private:
    std::size_t department_of(std::uint64_t index) const;

    std::uint64_t m_seed;
    std::vector<std::uint64_t> m_department_ends;  // rows of department d are [end(d-1), end(d))
};

}  // namespace fairdraw::gen
