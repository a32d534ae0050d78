#include "fairdraw/records.h"

#include <cassert>

#include "row_scanner.h"

namespace fairdraw {
namespace {

constexpr std::array<std::string_view, k_enterprise_field_count> k_enterprise_names{
    "code",     "name",   "entity_type", "registration_authority", "jurisdiction", "region", "grid",
    "industry", "status", "established", "last_inspected",         "credit_class",
};

constexpr std::array<std::string Enterprise::*, k_enterprise_field_count> k_enterprise_members{
    &Enterprise::code,           &Enterprise::name,
    &Enterprise::entity_type,    &Enterprise::registration_authority,
    &Enterprise::jurisdiction,   &Enterprise::region,
    &Enterprise::grid,           &Enterprise::industry,
    &Enterprise::status,         &Enterprise::established,
    &Enterprise::last_inspected, &Enterprise::credit_class,
};

template <class Record, std::size_t N>
struct Layout {
    std::array<std::string_view, N> names;
    std::array<std::string Record::*, N> members;
};

constexpr Layout<Inspector, 10> k_inspector_layout{
    {"id", "name", "certificate_no", "certificate_expiry", "department", "region", "specialty",
     "items", "expert", "status"},
    {&Inspector::id, &Inspector::name, &Inspector::certificate_no, &Inspector::certificate_expiry,
     &Inspector::department, &Inspector::region, &Inspector::specialty, &Inspector::items,
     &Inspector::expert, &Inspector::status},
};

constexpr Layout<Conflict, 6> k_conflict_layout{
    {"inspector", "inspector_name", "entity", "entity_name", "reason", "declared"},
    {&Conflict::inspector, &Conflict::inspector_name, &Conflict::entity, &Conflict::entity_name,
     &Conflict::reason, &Conflict::declared},
};

template <class Record, std::size_t N>
Result<Record> parse_with(std::string_view row, const std::array<std::string_view, N>& names,
                          const std::array<std::string Record::*, N>& members) {
    Record record;
    detail::RowScanner scanner(row);
    while (scanner.next()) {
        for (std::size_t i = 0; i < N; ++i) {
            if (scanner.key() != names[i]) continue;
            if (!scanner.is_string())
                return Error::bad_input("row member \"" + std::string(names[i]) +
                                        "\" is not a string");
            record.*members[i] = std::string(scanner.value());
            break;
        }
    }
    if (scanner.failed()) return scanner.error();
    return record;
}

Error missing(std::string_view field) {
    return Error::bad_input("row has no \"" + std::string(field) + "\" (its ID field)");
}

}  // namespace

std::string_view field_name(EnterpriseField field) {
    return k_enterprise_names[static_cast<std::size_t>(field)];
}

std::optional<EnterpriseField> enterprise_field(std::string_view name) {
    for (std::size_t i = 0; i < k_enterprise_names.size(); ++i)
        if (k_enterprise_names[i] == name) return static_cast<EnterpriseField>(i);
    return std::nullopt;
}

std::string& Enterprise::operator[](EnterpriseField field) {
    return this->*k_enterprise_members[static_cast<std::size_t>(field)];
}
const std::string& Enterprise::operator[](EnterpriseField field) const {
    return this->*k_enterprise_members[static_cast<std::size_t>(field)];
}

Result<Enterprise> parse_enterprise_row(std::string_view row) {
    FD_ASSIGN(Enterprise e, parse_with<Enterprise>(row, k_enterprise_names, k_enterprise_members));
    if (e.code.empty()) return missing("code");
    return e;
}

Result<Inspector> parse_inspector_row(std::string_view row) {
    FD_ASSIGN(Inspector i,
              parse_with<Inspector>(row, k_inspector_layout.names, k_inspector_layout.members));
    if (i.id.empty()) return missing("id");
    return i;
}

Result<Conflict> parse_conflict_row(std::string_view row) {
    FD_ASSIGN(Conflict c,
              parse_with<Conflict>(row, k_conflict_layout.names, k_conflict_layout.members));
    if (c.inspector.empty()) return missing("inspector");
    if (c.entity.empty()) return missing("entity");
    return c;
}

// ---- EnterpriseTable ----------------------------------------------------------------------

// Interned columns are the fields after code and name, in field order.
std::size_t EnterpriseTable::column_of(EnterpriseField field) const {
    auto index = static_cast<std::size_t>(field);
    assert(index >= 2);
    return index - 2;
}

EnterpriseTable::EnterpriseTable() {
    // Every column holds "" as id 0, so absent fields need no lookup.
    for (std::size_t c = 0; c < k_interned; ++c) {
        m_dicts[c].values.emplace_back();
        m_dicts[c].ids.emplace(std::string(), 0);
    }
    m_last_inspected_days.emplace_back(std::nullopt);
}

void EnterpriseTable::reserve(std::size_t rows) {
    m_code_end.reserve(rows);
    m_name_end.reserve(rows);
    m_ids.reserve(rows * k_interned);
    m_codes.reserve(rows * 18);
}

Result<EnterpriseTable::ValueId> EnterpriseTable::intern(std::size_t column,
                                                         std::string_view text) {
    Dictionary& dict = m_dicts[column];
    if (text.empty()) return ValueId{0};
    if (auto it = dict.ids.find(text); it != dict.ids.end()) return it->second;
    const std::size_t last_inspected =
        static_cast<std::size_t>(EnterpriseField::last_inspected) - 2;
    std::optional<Days> days;
    if (column == last_inspected) {
        auto parsed = parse_date(text);
        if (!parsed)
            return Error::bad_input("last_inspected \"" + std::string(text) +
                                    "\" is not a date YYYY-MM-DD");
        days = *parsed;
    }
    auto id = static_cast<ValueId>(dict.values.size());
    dict.values.emplace_back(text);
    dict.ids.emplace(std::string(text), id);
    if (column == last_inspected) m_last_inspected_days.push_back(days);
    return id;
}

void EnterpriseTable::append(std::string_view code, std::string_view name,
                             const std::array<ValueId, k_interned>& ids) {
    m_codes.append(code);
    m_code_end.push_back(m_codes.size());
    m_names.append(name);
    m_name_end.push_back(m_names.size());
    m_ids.insert(m_ids.end(), ids.begin(), ids.end());
}

Status EnterpriseTable::add(const Enterprise& row) {
    if (row.code.empty()) return missing("code");
    // Check before interning anything, so that a refused row leaves no trace.
    const std::string& last = row.last_inspected;
    if (!last.empty() && !find_value(EnterpriseField::last_inspected, last) && !parse_date(last))
        return Error::bad_input("last_inspected \"" + last + "\" is not a date YYYY-MM-DD");
    std::array<ValueId, k_interned> ids{};
    for (std::size_t c = 0; c < k_interned; ++c) {
        FD_ASSIGN(ids[c], intern(c, row[static_cast<EnterpriseField>(c + 2)]));
    }
    append(row.code, row.name, ids);
    return {};
}

Status EnterpriseTable::add_row(std::string_view canonical_row) {
    Enterprise& row = m_scratch;  // reused: its strings keep their capacity between rows
    for (std::size_t f = 0; f < k_enterprise_field_count; ++f)
        row[static_cast<EnterpriseField>(f)].clear();
    detail::RowScanner scanner(canonical_row);
    while (scanner.next()) {
        auto field = enterprise_field(scanner.key());
        if (!field) continue;
        if (!scanner.is_string())
            return Error::bad_input("row member \"" + std::string(scanner.key()) +
                                    "\" is not a string");
        row[*field].assign(scanner.value());
    }
    if (scanner.failed()) return scanner.error();
    return add(row);
}

std::string_view EnterpriseTable::code(std::size_t row) const {
    const std::size_t begin = row == 0 ? 0 : m_code_end[row - 1];
    return std::string_view(m_codes).substr(begin, m_code_end[row] - begin);
}

std::string_view EnterpriseTable::name(std::size_t row) const {
    std::size_t begin = row == 0 ? 0 : m_name_end[row - 1];
    return std::string_view(m_names).substr(begin, m_name_end[row] - begin);
}

EnterpriseTable::ValueId EnterpriseTable::value_id(std::size_t row, EnterpriseField field) const {
    return m_ids[row * k_interned + column_of(field)];
}

std::string_view EnterpriseTable::value(std::size_t row, EnterpriseField field) const {
    if (field == EnterpriseField::code) return code(row);
    if (field == EnterpriseField::name) return name(row);
    return m_dicts[column_of(field)].values[value_id(row, field)];
}

std::optional<EnterpriseTable::ValueId> EnterpriseTable::find_value(EnterpriseField field,
                                                                    std::string_view text) const {
    const Dictionary& dict = m_dicts[column_of(field)];
    if (auto it = dict.ids.find(text); it != dict.ids.end()) return it->second;
    return std::nullopt;
}

const std::vector<std::string>& EnterpriseTable::values(EnterpriseField field) const {
    return m_dicts[column_of(field)].values;
}

std::optional<Days> EnterpriseTable::last_inspected(std::size_t row) const {
    return m_last_inspected_days[value_id(row, EnterpriseField::last_inspected)];
}

Enterprise EnterpriseTable::get(std::size_t row) const {
    Enterprise e;
    for (std::size_t f = 0; f < k_enterprise_field_count; ++f) {
        auto field = static_cast<EnterpriseField>(f);
        e[field] = std::string(value(row, field));
    }
    return e;
}

}  // namespace fairdraw
