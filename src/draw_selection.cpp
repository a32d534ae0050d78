// Selection of entities (docs/SPEC.md §8): population, repeat control, strata,
// counts, tickets and cut-offs.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "draw_internal.h"
#include "fairdraw/uscc.h"

namespace fairdraw::detail {
namespace {

// Per enterprise-field dictionary: may a row with this value id be drawn?
std::vector<char> admitted(const EnterpriseTable& table, EnterpriseField field,
                           const std::vector<std::string>& list) {
    std::vector<char> out;
    if (list.empty()) return out;  // any value
    out.assign(table.values(field).size(), 0);
    for (const auto& v : list)
        if (auto id = table.find_value(field, v)) out[*id] = 1;
    return out;
}

struct RepeatFacts {
    bool recent = false;             // in a history draw within the period
    std::vector<Days> year_windows;  // window starts of history draws in S's year holding it
};

int year_of(Days d) {
    return std::stoi(format_days(d).substr(0, 4));
}

}  // namespace

Pool scan_pool(const Plan& plan, const EnterpriseTable& table,
               std::span<const HistoryDraw> history) {
    Pool pool;
    pool.counts.rows = table.size();
    const Population& p = plan.population;
    const std::array<std::pair<EnterpriseField, std::vector<char>>, 5> filters{{
        {EnterpriseField::status, admitted(table, EnterpriseField::status, p.status)},
        {EnterpriseField::industry, admitted(table, EnterpriseField::industry, p.industry)},
        {EnterpriseField::region, admitted(table, EnterpriseField::region, p.region)},
        {EnterpriseField::entity_type,
         admitted(table, EnterpriseField::entity_type, p.entity_type)},
        {EnterpriseField::jurisdiction,
         admitted(table, EnterpriseField::jurisdiction, p.jurisdiction)},
    }};

    // Repeat control facts from the history (§8.2).
    const Days start = plan.window.start_day;
    const std::int64_t d = plan.repeat.within_days, a = plan.repeat.annual_cap;
    const int year = year_of(start);
    const Days year_first = days_from_civil(year, 1, 1), year_last = days_from_civil(year, 12, 31);
    std::unordered_map<std::string_view, RepeatFacts> facts;
    for (const auto& draw : history) {
        auto w = parse_date(draw.window_start);
        if (!w) continue;  // parse_history refuses such entries
        bool recent = d > 0 && start - d <= *w && *w <= start;
        bool in_year = a > 0 && year_first <= *w && *w <= year_last;
        if (!recent && !in_year) continue;
        for (const auto& team : draw.teams) {
            RepeatFacts& f = facts[team.code];
            f.recent = f.recent || recent;
            if (in_year) f.year_windows.push_back(*w);
        }
    }

    // Strata: value id of the strata field → group.
    const std::size_t groups = plan.strata.groups.size();
    std::vector<std::int32_t> group_of_value;
    if (plan.strata.field) {
        group_of_value.assign(table.values(*plan.strata.field).size(), -1);
        for (std::size_t g = 0; g < groups; ++g)
            for (const auto& v : plan.strata.groups[g].values)
                if (auto id = table.find_value(*plan.strata.field, v);
                    id && group_of_value[*id] < 0)
                    group_of_value[*id] = static_cast<std::int32_t>(g);
    }
    std::vector<std::uint64_t> unmatched_by_value(group_of_value.size(), 0);
    pool.sizes.assign(groups, 0);

    for (std::uint32_t row = 0; row < table.size(); ++row) {
        bool in = true;
        for (const auto& [field, ok] : filters)
            if (!ok.empty() && !ok[table.value_id(row, field)]) in = false;
        if (in && p.legacy_codes == LegacyCodes::exclude &&
            uscc::is_legacy_registration_number(table.code(row)))
            in = false;
        if (!in) continue;
        ++pool.counts.population;
        if (d > 0 || a > 0) {
            const RepeatFacts* f = nullptr;
            if (!facts.empty())
                if (auto it = facts.find(table.code(row)); it != facts.end()) f = &it->second;
            auto last = table.last_inspected(row);
            bool recent =
                d > 0 && ((last && start - d <= *last && *last <= start) || (f && f->recent));
            if (recent) {
                ++pool.counts.recent;
                continue;
            }
            if (a > 0) {
                std::int64_t n = f ? static_cast<std::int64_t>(f->year_windows.size()) : 0;
                if (last && year_first <= *last && *last <= year_last &&
                    (!f || std::find(f->year_windows.begin(), f->year_windows.end(), *last) ==
                               f->year_windows.end()))
                    ++n;
                if (n >= a) {
                    ++pool.counts.annual_cap;
                    continue;
                }
            }
        }
        std::uint32_t g = 0;
        if (plan.strata.field) {
            auto id = table.value_id(row, *plan.strata.field);
            if (group_of_value[id] < 0) {
                ++pool.counts.unmatched;
                ++unmatched_by_value[id];
                continue;
            }
            g = static_cast<std::uint32_t>(group_of_value[id]);
        }
        pool.rows.push_back(row);
        pool.group.push_back(g);
        ++pool.sizes[g];
    }
    pool.counts.size = pool.rows.size();
    for (std::size_t id = 0; id < unmatched_by_value.size(); ++id)
        if (unmatched_by_value[id] > 0)
            pool.unmatched.emplace_back(table.values(*plan.strata.field)[id],
                                        unmatched_by_value[id]);
    std::sort(pool.unmatched.begin(), pool.unmatched.end());
    return pool;
}

std::vector<std::uint64_t> stratum_counts(const Plan& plan, std::span<const std::uint64_t> sizes) {
    std::vector<std::uint64_t> out;
    for (std::size_t g = 0; g < plan.strata.groups.size(); ++g) {
        const StratumGroup& group = plan.strata.groups[g];
        const std::uint64_t n = sizes[g];
        std::uint64_t k = 0;
        if (group.count) {
            k = static_cast<std::uint64_t>(*group.count);
        } else {
            // Exact integer arithmetic: n < 2^32 and num ≤ den ≤ 10^6, so no overflow.
            const std::uint64_t num = group.ratio->num, den = group.ratio->den;
            switch (plan.rounding) {
                case Rounding::ceil:
                    k = (n * num + den - 1) / den;
                    break;
                case Rounding::floor:
                    k = n * num / den;
                    break;
                case Rounding::half_up:
                    k = (2 * n * num + den) / (2 * den);
                    break;
            }
        }
        if (group.min) k = std::max(k, static_cast<std::uint64_t>(*group.min));
        if (group.max) k = std::min(k, static_cast<std::uint64_t>(*group.max));
        out.push_back(std::min(k, n));
    }
    return out;
}

std::uint64_t minimum_total(const Plan& plan, std::uint64_t pool_size) {
    if (!plan.minimum_total_ratio) return 0;
    const Ratio& r = *plan.minimum_total_ratio;
    return (pool_size * r.num + r.den - 1) / r.den;
}

std::vector<Problem> strata_problems(const Plan& plan, const Pool& pool,
                                     std::span<const std::uint64_t> counts) {
    std::vector<Problem> out;
    if (plan.strata.unmatched == Unmatched::error && !pool.unmatched.empty()) {
        Problem p;
        p.field = "field strata.groups";
        p.message = std::to_string(pool.counts.unmatched) + " pool rows match no group";
        std::string found;
        for (std::size_t i = 0; i < pool.unmatched.size() && i < 5; ++i)
            found += (i ? ", " : "") + std::string(field_name(*plan.strata.field)) + " \"" +
                     pool.unmatched[i].first + "\" (" + std::to_string(pool.unmatched[i].second) +
                     " rows)";
        if (pool.unmatched.size() > 5)
            found += " and " + std::to_string(pool.unmatched.size() - 5) + " more values";
        p.expected = "every pool row in a group";
        p.found = found;
        p.hint = "add these values to a group, or set strata.unmatched to \"exclude\"";
        out.push_back(std::move(p));
    }
    std::uint64_t total = 0;
    for (auto k : counts) total += k;
    if (std::uint64_t need = minimum_total(plan, pool.counts.size); total < need) {
        Problem p;
        p.field = "field minimum_total_ratio";
        p.message = "the strata draw fewer entities than the minimum total";
        p.expected = "at least " + std::to_string(need) + " (" + plan.minimum_total_ratio->text() +
                     " of the pool of " + std::to_string(pool.counts.size) + ")";
        p.found = std::to_string(total);
        p.hint = "raise a group's ratio or count, or give a group a min";
        out.push_back(std::move(p));
    }
    return out;
}

bool ticket_before(const EnterpriseTable& table, const Pool& pool, const KeyedHash& key,
                   const PoolKey& a, const PoolKey& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const std::string_view code_a = table.code(pool.rows[a.index]),
                           code_b = table.code(pool.rows[b.index]);
    const Hash ta = key.ticket(code_a), tb = key.ticket(code_b);
    if (int c = std::memcmp(ta.data(), tb.data(), k_hash_size); c != 0) return c < 0;
    return code_a < code_b;
}

namespace {

// A prefix bound that about k + 6·√k of n uniformly spread tickets fall under. It only
// decides which rows are looked at closely; the selection is exact whatever it is.
std::uint64_t generous_bound(std::uint64_t k, std::uint64_t n) {
    if (k == 0) return 0;
    const long double share =
        (static_cast<long double>(k) + 6.0L * std::sqrt(static_cast<long double>(k)) + 16.0L) /
        static_cast<long double>(n);
    if (share >= 1.0L) return ~std::uint64_t{0};
    return static_cast<std::uint64_t>(share * 18446744073709551616.0L);
}

}  // namespace

Selection select_entities(const Plan& plan, const EnterpriseTable& table, const Pool& pool,
                          std::span<const std::uint64_t> counts, const KeyedHash& key) {
    // Every row with a ticket prefix at or below its stratum's bound is kept. When at least
    // k rows are kept, the k least of them are the k least of the stratum: any other row has
    // a larger prefix than all kept ones. A stratum that keeps fewer is scanned again whole.
    const std::size_t groups = plan.strata.groups.size();
    std::vector<std::uint64_t> bound(groups);
    for (std::size_t g = 0; g < groups; ++g) bound[g] = generous_bound(counts[g], pool.sizes[g]);
    std::vector<std::vector<Chosen>> kept(groups);
    for (bool complete = false; !complete;) {
        for (auto& list : kept) list.clear();
        for (std::uint32_t i = 0; i < pool.rows.size(); ++i) {
            const std::uint32_t g = pool.group[i];
            if (counts[g] == 0) continue;
            const Hash ticket = key.ticket(table.code(pool.rows[i]));
            const std::uint64_t prefix = leading_u64(ticket);
            if (prefix <= bound[g]) kept[g].push_back({{prefix, i}, ticket});
        }
        complete = true;
        for (std::size_t g = 0; g < groups; ++g)
            if (kept[g].size() < counts[g]) {
                bound[g] = ~std::uint64_t{0};
                complete = false;
            }
    }
    auto less = [&](const Chosen& a, const Chosen& b) {
        if (a.key.prefix != b.key.prefix) return a.key.prefix < b.key.prefix;
        if (int c = std::memcmp(a.ticket.data(), b.ticket.data(), k_hash_size); c != 0)
            return c < 0;
        return table.code(pool.rows[a.key.index]) < table.code(pool.rows[b.key.index]);
    };
    Selection sel;
    for (std::size_t g = 0; g < groups; ++g) {
        auto& list = kept[g];
        const auto k = static_cast<std::ptrdiff_t>(counts[g]);
        if (k > 0 && static_cast<std::size_t>(k) < list.size())
            std::nth_element(list.begin(), list.begin() + k - 1, list.end(), less);
        StratumOutcome out{plan.strata.groups[g].name, pool.sizes[g], counts[g], std::nullopt};
        if (k > 0) out.cutoff = std::max_element(list.begin(), list.begin() + k, less)->ticket;
        sel.strata.push_back(std::move(out));
        sel.selected.insert(sel.selected.end(), list.begin(), list.begin() + k);
    }
    std::sort(sel.selected.begin(), sel.selected.end(), less);
    return sel;
}

std::vector<PoolKey> stratum_order(const EnterpriseTable& table, const Pool& pool,
                                   const KeyedHash& key, std::uint32_t g) {
    std::vector<PoolKey> keys;
    keys.reserve(pool.sizes[g]);
    for (std::uint32_t i = 0; i < pool.rows.size(); ++i)
        if (pool.group[i] == g)
            keys.push_back({leading_u64(key.ticket(table.code(pool.rows[i]))), i});
    std::sort(keys.begin(), keys.end(), [&](const PoolKey& a, const PoolKey& b) {
        return ticket_before(table, pool, key, a, b);
    });
    return keys;
}

}  // namespace fairdraw::detail
