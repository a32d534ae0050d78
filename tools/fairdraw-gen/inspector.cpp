#include "inspector.h"

#include <algorithm>
#include <cassert>

#include "district.h"
#include "fairdraw/clock.h"
#include "names.h"
#include "random.h"
#include "streams.h"
#include "text.h"

namespace fairdraw::gen {
namespace {

// What a specialty (专业) entitles an inspector to check: the item of the
// bureau's random-inspection list (随机抽查事项清单), or empty.
struct Specialty {
    std::string_view name;
    std::string_view item;
};
constexpr std::string_view k_item_social_insurance = "用人单位参加社会保险情况检查";
constexpr std::array<Specialty, 11> k_specialties = {{
    {"劳动用工", "用人单位遵守劳动合同制度情况检查"},
    {"工资支付", "用人单位遵守工资支付规定情况检查"},
    {"劳务派遣", "劳务派遣单位和用工单位遵守劳务派遣规定情况检查"},
    {"工时和休息休假", "用人单位遵守工作时间和休息休假规定情况检查"},
    {"女职工和未成年工保护", "用人单位遵守女职工和未成年工特殊劳动保护规定情况检查"},
    {"社会保险", k_item_social_insurance},
    {"工伤保险", k_item_social_insurance},
    {"社会保险基金监督", "社会保险基金管理使用情况检查"},
    {"职业技能培训", "职业技能培训机构开展培训情况检查"},
    {"人力资源市场", "人力资源服务机构遵守人力资源市场管理规定情况检查"},
    {"法制审核", ""},
}};
enum SpecialtyIndex : unsigned {
    s_labour,
    s_wages,
    s_dispatch,
    s_hours,
    s_women,
    s_insurance,
    s_injury,
    s_fund,
    s_training,
    s_market,
    s_legal
};

// A department: its name, its share of the inspectors, the squad it is (or
// -1), and the specialties its members have.
struct Department {
    std::string_view name;
    unsigned weight;
    int squad;
    std::array<unsigned, 6> specialties;
    std::size_t specialty_count;
};
constexpr std::array<unsigned, 6> k_squad_specialties = {s_labour, s_wages, s_dispatch,
                                                         s_hours,  s_women, s_insurance};
constexpr std::array<Department, 9> k_departments = {{
    {k_squad_one, 5, 0, k_squad_specialties, 6},
    {k_squad_two, 5, 1, k_squad_specialties, 6},
    {"法制科", 1, -1, {s_legal, s_labour, s_wages}, 3},
    {"社会保险基金监督科", 2, -1, {s_insurance, s_fund}, 2},
    {"劳动关系科", 1, -1, {s_labour, s_dispatch, s_hours}, 3},
    {"工伤保险科", 1, -1, {s_injury, s_insurance}, 2},
    {"职业能力建设科", 1, -1, {s_training}, 1},
    {"人力资源市场管理科", 1, -1, {s_market, s_dispatch}, 2},
    {"就业促进科", 1, -1, {s_market, s_training}, 2},
}};
// Departments beyond the named ones: 综合执法组N, like the squads.
constexpr unsigned k_extra_department_weight = 3;

// Enforcement certificates are issued for five years; a few are long-term.
// Entry k is the year of issue 2021 + k; the last entry is long-term.
constexpr std::array<Weighted, 6> k_certificate_years = {
    {{"2021", 80}, {"2022", 240}, {"2023", 240}, {"2024", 220}, {"2025", 160}, {"长期", 60}}};
constexpr int k_first_certificate_year = 2021;
constexpr int k_certificate_validity_years = 5;

constexpr std::array<Weighted, 5> k_inspector_statuses = {
    {{"在岗", 880}, {"休假", 30}, {"病假", 30}, {"借调", 30}, {"离岗", 30}}};

const Department& department_info(std::size_t index) {
    return k_departments[std::min(index, k_departments.size() - 1)];
}

unsigned department_weight(std::size_t index) {
    return index < k_departments.size() ? k_departments[index].weight : k_extra_department_weight;
}

}  // namespace

std::string inspector_id(std::uint64_t index) {
    return "RS" + zero_padded(index + 1, 4);
}

std::string inspector_name(std::uint64_t seed, std::uint64_t index) {
    Rng rng(item_seed(seed, k_stream_inspector_names, index));
    std::string name(pick(rng, k_surnames));
    const std::span<const std::string_view> given(k_given_name_chars);
    const std::uint64_t first = rng.below(given.size());
    name += given[first];
    if (rng.chance(700)) {
        std::uint64_t second = rng.below(given.size() - 1);
        if (second >= first) ++second;  // no doubled character
        name += given[second];
    }
    return name;
}

std::string department_name(std::size_t index) {
    if (index < k_departments.size()) return std::string(k_departments[index].name);
    return "综合执法组" + std::to_string(index - k_departments.size() + 1);
}

InspectorGenerator::InspectorGenerator(std::uint64_t seed, std::uint64_t rows,
                                       std::size_t departments)
    : m_seed(seed) {
    assert(rows >= 1 && departments >= 1 && departments <= k_max_departments);
    // Largest-remainder apportionment of the rows by department weight;
    // ties go to the earlier department.
    std::uint64_t total = 0;
    for (std::size_t d = 0; d < departments; ++d) total += department_weight(d);
    std::vector<std::uint64_t> sizes(departments);
    std::vector<std::uint64_t> remainders(departments);
    std::uint64_t given = 0;
    for (std::size_t d = 0; d < departments; ++d) {
        const std::uint64_t share =
            rows * department_weight(d);  // rows ≤ 10^7, weight ≤ 5: no overflow
        sizes[d] = share / total;
        remainders[d] = share % total;
        given += sizes[d];
    }
    while (given < rows) {
        std::size_t best = 0;
        for (std::size_t d = 1; d < departments; ++d)
            if (remainders[d] > remainders[best]) best = d;
        ++sizes[best];
        remainders[best] = 0;
        ++given;
    }
    std::uint64_t end = 0;
    for (std::uint64_t size : sizes) m_department_ends.push_back(end += size);
}

std::size_t InspectorGenerator::department_of(std::uint64_t index) const {
    auto it = std::upper_bound(m_department_ends.begin(), m_department_ends.end(), index);
    assert(it != m_department_ends.end());
    return static_cast<std::size_t>(it - m_department_ends.begin());
}

InspectorRow InspectorGenerator::row(std::uint64_t index) const {
    Rng rng(item_seed(m_seed, k_stream_inspectors, index));
    InspectorRow row;
    row.id = inspector_id(index);
    row.name = inspector_name(m_seed, index);

    const std::size_t d = department_of(index);
    const Department& dept = department_info(d);
    const bool named = d < k_departments.size();
    const int squad = named ? dept.squad : -1;
    row.department = department_name(d);
    if (squad >= 0) {
        const auto first = static_cast<std::size_t>(squad) * k_streets_per_squad;
        row.region = k_streets[first + rng.below(k_streets_per_squad)].name;
    } else {
        row.region = "全区";
    }

    // Certificate number: division code, year of issue, serial number.
    const std::size_t year_index = pick_index(rng, k_certificate_years);
    const bool long_term = year_index + 1 == k_certificate_years.size();
    const int year = long_term ? static_cast<int>(rng.between(2016, 2020))
                               : k_first_certificate_year + static_cast<int>(year_index);
    const auto month = static_cast<unsigned>(rng.between(1, 12));
    const auto day = static_cast<unsigned>(rng.between(1, 28));
    row.certificate_no =
        concat(k_district_division, std::to_string(year), zero_padded(index + 1, 4));
    row.certificate_expiry =
        long_term ? std::string(k_long_term)
                  : format_days(days_from_civil(year + k_certificate_validity_years, month, day));

    // One to three specialties from the department's, in the department's order.
    const std::span<const unsigned> pool(
        named ? dept.specialties.data() : k_squad_specialties.data(),
        named ? dept.specialty_count : k_squad_specialties.size());
    const std::uint64_t wanted = std::min<std::uint64_t>(pool.size(), rng.chance(400)   ? 1
                                                                      : rng.chance(750) ? 2
                                                                                        : 3);
    std::vector<bool> chosen(pool.size(), false);
    for (std::uint64_t n = 0; n < wanted;) {
        const std::uint64_t k = rng.below(pool.size());
        if (!chosen[k]) {
            chosen[k] = true;
            ++n;
        }
    }
    // Everyone can inspect at least one item: add the first specialty that has one.
    bool has_item = false;
    for (std::size_t k = 0; k < pool.size(); ++k)
        has_item = has_item || (chosen[k] && !k_specialties[pool[k]].item.empty());
    for (std::size_t k = 0; k < pool.size() && !has_item; ++k) {
        if (!k_specialties[pool[k]].item.empty()) chosen[k] = has_item = true;
    }
    std::vector<std::string_view> items;
    for (std::size_t k = 0; k < pool.size(); ++k) {
        if (!chosen[k]) continue;
        const Specialty& s = k_specialties[pool[k]];
        if (!row.specialty.empty()) row.specialty += "、";
        row.specialty += s.name;
        if (!s.item.empty() && std::find(items.begin(), items.end(), s.item) == items.end())
            items.push_back(s.item);
    }
    for (std::string_view item : items) {
        if (!row.items.empty()) row.items += ',';
        row.items += item;
    }

    row.expert = rng.chance(100) ? "是" : "否";
    row.status = pick(rng, k_inspector_statuses);
    return row;
}

}  // namespace fairdraw::gen
