// records.h — directory rows as typed records.
//
// The three directory kinds (enterprises, inspectors, conflicts; docs/SCHEMA.md)
// are stored in snapshots as canonical row JSON: one flat object per row whose
// members are the canonical field names with string values, absent when empty,
// plus possibly an "extra" object of unmapped columns. The parsers here read
// that restricted form with a small scanner (no general JSON tree per row), so
// a million rows load quickly; members they do not know are skipped.
//
// EnterpriseTable is the compact, column-wise form of a whole enterprise
// directory that the draw works on: codes and names in one arena each, every
// other field interned as a small integer (value ids are comparable only
// within one table and one field).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fairdraw/clock.h"
#include "fairdraw/result.h"

namespace fairdraw {

enum class EnterpriseField : std::uint8_t {
    code,
    name,
    entity_type,
    registration_authority,
    jurisdiction,
    region,
    grid,
    industry,
    status,
    established,
    last_inspected,
    credit_class,
};
inline constexpr std::size_t k_enterprise_field_count = 12;

// "code", "entity_type", … (the canonical names of docs/SCHEMA.md).
std::string_view field_name(EnterpriseField field);
std::optional<EnterpriseField> enterprise_field(std::string_view name);

struct Enterprise {
    std::string code, name, entity_type, registration_authority, jurisdiction, region, grid,
        industry, status, established, last_inspected, credit_class;

    std::string& operator[](EnterpriseField field);
    const std::string& operator[](EnterpriseField field) const;
};

struct Inspector {
    std::string id, name, certificate_no, certificate_expiry, department, region, specialty, items,
        expert, status;
};

struct Conflict {
    std::string inspector, inspector_name, entity, entity_name, reason, declared;
};

// Parse one canonical row. Errors (bad_input) say what is wrong and at which
// byte; the caller adds the snapshot and row. The ID field (code, id, or
// inspector and entity) must be present and non-empty.
Result<Enterprise> parse_enterprise_row(std::string_view row);
Result<Inspector> parse_inspector_row(std::string_view row);
Result<Conflict> parse_conflict_row(std::string_view row);

class EnterpriseTable {
  public:
    using ValueId = std::uint32_t;

    EnterpriseTable();

    // Appends a row. Refuses an empty code and a last_inspected value that is
    // not a YYYY-MM-DD date; the table is unchanged then.
    Status add(const Enterprise& row);
    Status add_row(std::string_view canonical_row);
    void reserve(std::size_t rows);

    std::size_t size() const { return m_code_end.size(); }
    std::string_view code(std::size_t row) const;
    std::string_view name(std::size_t row) const;
    // Any field's text ("" when absent).
    std::string_view value(std::size_t row, EnterpriseField field) const;
    // The interned id of a field other than code and name.
    ValueId value_id(std::size_t row, EnterpriseField field) const;
    // The id a text has in a field, if some row holds it.
    std::optional<ValueId> find_value(EnterpriseField field, std::string_view text) const;
    // Distinct values of a field in id order.
    const std::vector<std::string>& values(EnterpriseField field) const;
    // last_inspected as a day number, when the row has one.
    std::optional<Days> last_inspected(std::size_t row) const;
    Enterprise get(std::size_t row) const;

  private:
    static constexpr std::size_t k_interned = k_enterprise_field_count - 2;
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    struct Dictionary {
        std::vector<std::string> values;
        std::unordered_map<std::string, ValueId, TextHash, std::equal_to<>> ids;
    };
    Result<ValueId> intern(std::size_t column, std::string_view text);
    std::size_t column_of(EnterpriseField field) const;
    void append(std::string_view code, std::string_view name,
                const std::array<ValueId, k_interned>& ids);

    std::string m_codes, m_names;
    std::vector<std::uint64_t> m_code_end, m_name_end;  // arena offsets past each row
    std::vector<ValueId> m_ids;                         // k_interned per row
    std::array<Dictionary, k_interned> m_dicts;
    std::vector<std::optional<Days>> m_last_inspected_days;  // per id of last_inspected
    Enterprise m_scratch;                                    // add_row's reusable buffers
};

}  // namespace fairdraw
