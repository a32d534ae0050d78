#include "enterprise.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstdlib>

#include "district.h"
#include "fairdraw/clock.h"
#include "fairdraw/uscc.h"
#include "names.h"
#include "streams.h"
#include "text.h"

namespace fairdraw::gen {
namespace {

enum class Kind { company, individual, cooperative };

// Shares of companies (统一社会信用代码 position 2 '1'), individual businesses
// ('2') and farmers' cooperatives ('3') among a district's employers.
constexpr std::array<Weighted, 3> k_kinds = {
    {{"company", 820}, {"individual", 170}, {"cooperative", 10}}};

// How company names are formed; the value is only a label for the switch below.
enum class Form { city, city_full, district, foreign, joint_stock, branch, sole_proprietor };
constexpr std::array<Weighted, 7> k_forms = {{
    {"临州…有限公司", 450},
    {"临州市…有限公司", 150},
    {"临州云溪…有限公司", 100},
    {"…（临州）有限公司", 40},
    {"临州…股份有限公司", 60},
    {"临州…有限公司…分公司", 60},
    {"临州市云溪区…经营部", 40},
}};

constexpr std::array<Weighted, 3> k_limited_company_types = {{
    {"有限责任公司（自然人投资或控股）", 600},
    {"有限责任公司（自然人独资）", 300},
    {"有限责任公司（非自然人投资或控股的法人独资）", 100},
}};

// One organization-code body character set (GB 11714 allows A–Z, but the
// body must also fit the GB 32100 alphabet, which has no I, O, Z, S, V).
constexpr std::uint64_t k_alphabet_size = 31;
constexpr std::uint64_t k_ma_half = k_alphabet_size * k_alphabet_size * k_alphabet_size;  // 31^3
constexpr std::uint64_t k_digit_half = 10'000;                                            // 10^4

constexpr std::uint64_t k_trade_name_count =
    k_trade_name_chars.size() * (k_trade_name_chars.size() - 1);

std::size_t pick_street(Rng& rng) {
    std::uint64_t total = 0;
    for (const auto& s : k_streets) total += s.weight;
    std::uint64_t r = rng.below(total);
    for (std::size_t i = 0; i < k_streets.size(); ++i) {
        if (r < k_streets[i].weight) return i;
        r -= k_streets[i].weight;
    }
    assert(false && "bad math: street pick ran past the table");
    return 0;
}

const Industry& pick_industry(Rng& rng, Kind kind) {
    std::uint64_t total = 0;
    auto weight = [kind](const Industry& ind) {
        return kind == Kind::individual ? ind.individual_weight : ind.enterprise_weight;
    };
    for (const auto& ind : k_industries) total += weight(ind);
    std::uint64_t r = rng.below(total);
    for (const auto& ind : k_industries) {
        if (r < weight(ind)) return ind;
        r -= weight(ind);
    }
    assert(false && "bad math: industry pick ran past the table");
    return k_industries[0];
}

// Establishment day: more entities were founded in recent years (weight of a
// year grows linearly), up to a fortnight before the reference day.
Days pick_established(Rng& rng, Kind kind) {
    const int first_year = kind == Kind::company ? 1995 : 2005;
    std::uint64_t total = 0;
    for (int y = first_year; y <= k_reference_year; ++y)
        total += static_cast<std::uint64_t>(y - first_year + 2);
    std::uint64_t r = rng.below(total);
    int year = first_year;
    while (r >= static_cast<std::uint64_t>(year - first_year + 2)) {
        r -= static_cast<std::uint64_t>(year - first_year + 2);
        ++year;
    }
    const Days start = days_from_civil(year, 1, 1);
    const Days end = year == k_reference_year
                         ? days_from_civil(year, k_reference_month, k_reference_day) - 16
                         : days_from_civil(year, 12, 31);
    return rng.between(start, end);
}

// Positions 9–17: eight body characters and the GB 11714 check character.
std::string digit_body(std::uint64_t value) {
    std::string body(8, '0');
    for (std::size_t i = 8; i-- > 0; value /= 10) body[i] = static_cast<char>('0' + value % 10);
    return body;
}

std::string ma_body(std::uint64_t value) {
    std::string body = "MA";
    char tail[6];
    for (std::size_t i = 6; i-- > 0; value /= k_alphabet_size)
        tail[i] = uscc::k_alphabet[value % k_alphabet_size];
    body.append(tail, 6);
    return body;
}

std::string make_code(char kind_char, std::string_view division, const std::string& body8) {
    std::string code;
    code.reserve(uscc::k_length);
    code += '9';  // registration authority: market regulation (GB 32100 table 2)
    code += kind_char;
    code += division;
    code += body8;
    code += *uscc::organization_check_character(body8);
    code += *uscc::check_character(code);
    // Checked in every build, not only with assertions: a code that fails the
    // importer's own validation would make every generated file useless.
    if (const auto finding = uscc::validate(code)) {
        std::fprintf(stderr, "fairdraw-gen: bad math: generated code %s is invalid: %s\n",
                     code.c_str(), finding->message.c_str());
        std::abort();
    }
    return code;
}

}  // namespace

bool is_operating(std::string_view status) {
    return status == "存续" || status == "在业" || status == "迁入";
}

EnterpriseGenerator::EnterpriseGenerator(std::uint64_t seed)
    : m_seed(seed),
      m_digit_bodies(k_digit_half, item_seed(seed, k_stream_code_bodies, 0)),
      m_ma_bodies(k_ma_half, item_seed(seed, k_stream_code_bodies, 1)),
      m_trade_names(k_trade_name_count, item_seed(seed, k_stream_trade_names, 0)) {}

std::string EnterpriseGenerator::trade_name(std::uint64_t index) const {
    const std::uint64_t n = k_trade_name_chars.size();
    const std::uint64_t p = m_trade_names(index % k_trade_name_count);
    const std::uint64_t first = p / (n - 1);
    std::uint64_t second = p % (n - 1);
    if (second >= first) ++second;  // two different characters
    std::string name(k_trade_name_chars[first]);
    name += k_trade_name_chars[second];
    return name;
}

EnterpriseRow EnterpriseGenerator::row(std::uint64_t index) const {
    assert(index < k_max_enterprise_rows);
    Rng rng(item_seed(m_seed, k_stream_enterprises, index));
    EnterpriseRow row;

    const auto kind = static_cast<Kind>(pick_index(rng, k_kinds));
    row.status = pick(rng, k_statuses);
    const std::size_t street = pick_street(rng);
    row.region = k_streets[street].name;
    row.grid = concat(k_streets[street].name, "第",
                      std::to_string(1 + rng.below(k_streets[street].grids)), "网格");
    row.jurisdiction = street < k_streets_per_squad ? k_squad_one : k_squad_two;
    const Industry& industry = pick_industry(rng, kind);
    row.industry = kind == Kind::cooperative ? k_cooperative_industry : industry.name;
    const Days established = pick_established(rng, kind);
    row.established = format_days(established);

    // Registration authority and the division code it puts into the code.
    std::string_view division = k_district_division;
    row.registration_authority = k_district_authority;
    if (row.status == "迁入" || rng.chance(30)) {
        division = pick(rng, std::span<const std::string_view>(k_neighbour_divisions));
    } else if (kind == Kind::company && rng.chance(150)) {
        division = k_city_division;
        row.registration_authority = k_city_authority;
    }

    // Companies founded before the October 2015 reform kept their old
    // eight-digit organization codes; later ones, and all individual
    // businesses and cooperatives, carry an "MA" code.
    const bool old_code = kind == Kind::company && established < days_from_civil(2015, 10, 1);
    const std::string body =
        old_code ? digit_body(m_digit_bodies(index)) : ma_body(m_ma_bodies(index));
    const char kind_char = kind == Kind::company ? '1' : kind == Kind::individual ? '2' : '3';
    row.code = make_code(kind_char, division, body);

    const std::string trade = trade_name(index);
    switch (kind) {
        case Kind::individual:
            row.name = concat(k_district_full, trade, pick(rng, industry.shop_words));
            row.entity_type = "个体工商户";
            break;
        case Kind::cooperative:
            row.name = concat(k_district_full, trade,
                              pick(rng, std::span<const std::string_view>(words::k_cooperatives)));
            row.entity_type = "农民专业合作社";
            break;
        case Kind::company: {
            const std::string_view word = pick(rng, industry.company_words);
            auto form = static_cast<Form>(pick_index(rng, k_forms));
            // Sole proprietorships (经营部) are small traders and service shops.
            if (form == Form::sole_proprietor && industry.shop_words.empty()) form = Form::city;
            switch (form) {
                case Form::city:
                    row.name = concat(k_city, trade, word, "有限公司");
                    row.entity_type = pick(rng, k_limited_company_types);
                    break;
                case Form::city_full:
                    row.name = concat(k_city, "市", trade, word, "有限公司");
                    row.entity_type = pick(rng, k_limited_company_types);
                    break;
                case Form::district:
                    row.name = concat(k_city, "云溪", trade, word, "有限公司");
                    row.entity_type = pick(rng, k_limited_company_types);
                    break;
                case Form::foreign:
                    row.name = concat(trade, word, "（", k_city, "）有限公司");
                    row.entity_type = "有限责任公司（港澳台法人独资）";
                    break;
                case Form::joint_stock:
                    row.name = concat(k_city, trade, word, "股份有限公司");
                    row.entity_type = "股份有限公司（非上市、自然人投资或控股）";
                    break;
                case Form::branch:
                    row.name = concat(k_city, trade, word, "有限公司", k_streets[street].short_name,
                                      "分公司");
                    row.entity_type = "有限责任公司分公司（自然人投资或控股）";
                    break;
                case Form::sole_proprietor:
                    row.name = concat(k_district_full, trade, word, "经营部");
                    row.entity_type = "个人独资企业";
                    break;
            }
            break;
        }
    }

    row.credit_class = pick(rng, k_credit_classes);
    // About a third were inspected in the last five years, some within the last year.
    if (rng.chance(380)) {
        const Days earliest = std::max(established + 60, days_from_civil(2022, 1, 1));
        const Days latest =
            days_from_civil(k_reference_year, k_reference_month, k_reference_day) - 11;
        if (earliest <= latest) row.last_inspected = format_days(rng.between(earliest, latest));
    }
    return row;
}

}  // namespace fairdraw::gen
