// Validating directory rows and writing them packed (RowEncoder).
#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstring>

#include "fairdraw/clock.h"
#include "fairdraw/directory.h"
#include "fairdraw/row_packing.h"
#include "fairdraw/uscc.h"

namespace fairdraw {
namespace {

constexpr std::size_t k_excerpt_bytes = 60;

// The value as shown in a message: quoted, cut at a character boundary if long.
std::string excerpt(std::string_view value) {
    // Built by appending: "'" + std::string(...) trips a false -Wrestrict in GCC 12 at -O3.
    const bool cut_short = value.size() > k_excerpt_bytes;
    std::size_t cut = cut_short ? k_excerpt_bytes : value.size();
    while (cut_short && cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    std::string out;
    out.reserve(cut + 32);
    out += '\'';
    out += value.substr(0, cut);
    if (cut_short) {
        out += "…' (";
        out += std::to_string(value.size());
        out += " bytes)";
    } else {
        out += '\'';
    }
    return out;
}

std::string join(std::span<const std::string_view> names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

}  // namespace

RowEncoder::RowEncoder(const ColumnPlan& plan, const DirectoryOptions& options, std::string source)
    : m_plan(plan),
      m_spec(directory_spec(plan.kind)),
      m_source(std::move(source)),
      m_accepted(options.accepted),
      m_accepted_used(options.accepted.size(), false),
      m_field_values(m_spec.fields.size()) {
    std::vector<std::string_view> keys;
    for (const auto& f : m_spec.fields) keys.push_back(f.name);
    keys.push_back(k_extra_key);
    std::sort(keys.begin(), keys.end());
    for (auto key : keys) m_key_order.push_back(key == k_extra_key ? -1 : field_index(m_spec, key));
    m_field_column.assign(m_spec.fields.size(), SIZE_MAX);
    for (std::size_t i = 0; i < plan.columns.size(); ++i)
        if (plan.columns[i].role == ColumnRole::field)
            m_field_column[static_cast<std::size_t>(plan.columns[i].field)] = i;
}

std::string RowEncoder::describe(RowPlace place) const {
    if (place.item != 0) return m_source + ": item " + std::to_string(place.item);
    return m_source + ":" + std::to_string(place.line);
}

void RowEncoder::problem(ProblemList& problems, RowPlace place, std::size_t column,
                         std::string message, std::string expected, std::string found,
                         std::string hint) const {
    const std::string& name = m_plan.columns[column].name;
    std::string field =
        place.item != 0 ? "item " + std::to_string(place.item) + ", key " + name : "column " + name;
    problems.add(Problem{m_source, place.line, std::move(field), std::move(message),
                         std::move(expected), std::move(found), std::move(hint)});
}

bool RowEncoder::check_value(std::size_t column, std::string_view value, RowPlace place,
                             ProblemList& problems) {
    const ColumnUse& use = m_plan.columns[column];
    const FieldSpec* field = use.role == ColumnRole::field
                                 ? &m_spec.fields[static_cast<std::size_t>(use.field)]
                                 : nullptr;
    const FieldFormat format = field != nullptr ? field->format : FieldFormat::text;
    switch (format) {
        case FieldFormat::text:
            if (auto control = control_character_in(value); !control.empty()) {
                problem(problems, place, column,
                        "the value contains the control character " + control, "", "",
                        "values are single lines of text: remove the character (a line break "
                        "inside an Excel "
                        "cell is Alt+Enter)");
                return false;
            }
            return true;
        case FieldFormat::code: {
            auto finding = uscc::validate(value);
            if (!finding) return true;
            if (uscc::is_legacy_registration_number(value)) {
                ++m_legacy_count;
                if (m_legacy_examples.size() < k_legacy_examples_kept)
                    m_legacy_examples.push_back(LegacyCode{std::string(value), place});
                return true;
            }
            for (std::size_t i = 0; i < m_accepted.size(); ++i) {
                if (m_accepted[i].code == value) {
                    m_accepted_used[i] = true;
                    return true;
                }
            }
            std::string hint = finding->hint;
            hint += std::string(hint.empty() ? "" : "; ") +
                    "if the code is right as registered, accept it with --accept '" +
                    std::string(value) + "=REASON'";
            problem(problems, place, column, excerpt(value) + ": " + finding->message,
                    finding->expected, finding->found, std::move(hint));
            return false;
        }
        case FieldFormat::date: {
            if (parse_date(value)) return true;
            std::string hint =
                "write dates as YYYY-MM-DD, e.g. 2024-03-05 (in Excel: 设置单元格格式 → 自定义 → "
                "yyyy-mm-dd)";
            if (field->name == "certificate_expiry")
                hint += "; write 9999-09-09 for a long-term (长期) certificate";
            problem(problems, place, column, "not a date", "a date YYYY-MM-DD", excerpt(value),
                    std::move(hint));
            return false;
        }
        case FieldFormat::enumeration:
            if (std::find(field->values.begin(), field->values.end(), value) != field->values.end())
                return true;
            problem(problems, place, column, "not an allowed value",
                    "one of " + join(field->values), excerpt(value),
                    "values are compared exactly; map other spellings to these before importing");
            return false;
    }
    return false;
}

RowEncoder::Outcome RowEncoder::encode(std::span<const std::string_view> values, RowPlace place,
                                       ProblemList& problems) {
    const auto& columns = m_plan.columns;
    bool blank = true;
    for (std::size_t i = 0; i < columns.size() && blank; ++i)
        if (columns[i].role != ColumnRole::dropped && !trim_value(values[i]).empty()) blank = false;
    if (blank) return Outcome::blank;

    const std::size_t problems_before = problems.total();
    std::fill(m_field_values.begin(), m_field_values.end(), std::string_view());
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string_view value = trim_value(values[i]);
        switch (columns[i].role) {
            case ColumnRole::dropped:
                break;
            case ColumnRole::unnamed:
                if (!value.empty())
                    problem(problems, place, i,
                            "a value in a column that has no name in the header", "",
                            excerpt(value),
                            "name the column in the header row, or delete the column");
                break;
            case ColumnRole::field:
                m_field_values[static_cast<std::size_t>(columns[i].field)] = value;
                if (!value.empty()) check_value(i, value, place, problems);
                break;
            case ColumnRole::extra:
                if (!value.empty()) check_value(i, value, place, problems);
                break;
        }
    }
    for (std::size_t f = 0; f < m_spec.fields.size(); ++f) {
        const bool is_id = std::find(m_plan.id_fields.begin(), m_plan.id_fields.end(),
                                     static_cast<int>(f)) != m_plan.id_fields.end();
        if ((m_spec.fields[f].required || is_id) && m_field_values[f].empty() &&
            m_field_column[f] != SIZE_MAX)
            problem(problems, place, m_field_column[f], "the value is missing",
                    std::string(is_id ? "the row's ID (" : "a value for field ") +
                        std::string(m_spec.fields[f].name) + (is_id ? ")" : ""),
                    "an empty cell", "every row needs this value");
    }
    if (problems.total() != problems_before) return Outcome::invalid;

    m_id.clear();
    for (std::size_t k = 0; k < m_plan.id_fields.size(); ++k) {
        if (k > 0) m_id += '\0';
        m_id += m_field_values[static_cast<std::size_t>(m_plan.id_fields[k])];
    }

    m_packed.clear();
    for (int slot : m_key_order) {
        if (slot >= 0) {
            m_packed.append(m_field_values[static_cast<std::size_t>(slot)]);
        } else {
            bool any = false;
            for (std::size_t column : m_plan.extra_order) {
                const std::string_view value = trim_value(values[column]);
                if (value.empty()) continue;
                if (any) m_packed += k_packed_next;
                any = true;
                m_packed.append(columns[column].name);
                m_packed += k_packed_pair;
                m_packed.append(value);
            }
        }
        m_packed += k_packed_end;
    }
    return Outcome::row;
}

void RowEncoder::report_unused_accepted(ProblemList& problems) const {
    for (std::size_t i = 0; i < m_accepted.size(); ++i) {
        if (m_accepted_used[i]) continue;
        problems.add(Problem{m_source, 0, "--accept " + m_accepted[i].code,
                             "the accepted code does not occur in the file with a failing check",
                             "", "", "remove this --accept, or correct the code it names"});
    }
}

std::string RowEncoder::canonical() const {
    std::string out;
    const bool ok = RowPacking::for_kind(m_plan.kind).append_canonical(m_packed, out);
    assert(ok);
    (void)ok;
    return out;
}

}  // namespace fairdraw
